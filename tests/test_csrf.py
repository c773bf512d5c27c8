"""Every POST/PUT/PATCH/DELETE route of the app (read from the url_map, so routes added later are covered) refuses
a request without a CSRF token, even from a user allowed to use it. Only the provider webhooks are exempt: they check
Stripe's signature or Xendit's callback token instead."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from tests.fixtures.routes import STATE_CHANGING, blueprint_of, fill, methods_of

CSRF_EXEMPT_ENDPOINTS = {"payments.stripe_webhook", "payments.xendit_webhook"}
# who may use each blueprint's forms; anything else is tried as an admin
ROLE_FOR_BLUEPRINT = {"admin": "admin", "workspace": "coordinator", "events": "organiser", "pos": "cashier",
                      "custom_orders_staff": "coordinator"}


def _state_changing_rules(app):
    return sorted((r for r in app.url_map.iter_rules()
                   if (r.methods or set()) & STATE_CHANGING and r.endpoint not in CSRF_EXEMPT_ENDPOINTS),
                  key=lambda r: r.rule)


def _row_counts() -> dict[str, int]:
    db.session.expire_all()
    return {t.name: db.session.scalar(select(func.count()).select_from(t)) for t in db.metadata.sorted_tables}


def test_every_state_changing_route_refuses_a_request_without_csrf_token(
        make_app, make_user, make_group, make_member, make_product):
    from tests.conftest import ShopClient

    app = make_app()
    app.test_client_class = ShopClient
    with app.app_context():  # data only: requests push their own context, so `g` is never shared between users
        group = make_group()
        member = make_member(group)
        product = make_product(group=group, sizes=("S", "M"), image=True, makers=[member])
        users = {role: make_user(role, group=group if role == "coordinator" else None)
                 for role in ("admin", "coordinator", "organiser", "cashier")}
        db.session.commit()
        ids = {"group": [group.id], "member": [member.id], "product": [product.id],
               "variant": [product.variants[0].id], "image": [product.images[0].id],
               "user": [users["cashier"].id], "region": [group.region_id]}
        words = [product.slug, group.slug, "active"]
        emails = {role: user.email for role, user in users.items()}
        before = _row_counts()
    clients = {}
    for role, email in emails.items():
        clients[role] = app.test_client()
        response = clients[role].post_form("/masuk", {"email": email, "password": "rahasia-uji-123"})
        assert response.status_code == 302

    rules = _state_changing_rules(app)
    assert {"accounts.logout", "accounts.login", "admin.group_legal_form"} <= {r.endpoint for r in rules}
    checked, wrong = 0, []
    for rule in rules:
        client = clients[ROLE_FOR_BLUEPRINT.get(blueprint_of(rule), "admin")]
        for url in fill(rule, ids, words, limit=1):
            for method in sorted(set(methods_of(rule)) & STATE_CHANGING):
                response = client.open(url, method=method, data={"name": "x", "title": "x"})
                checked += 1
                if response.status_code != 400 or "Formulir kedaluwarsa" not in response.get_data(as_text=True):
                    wrong.append((rule.endpoint, method, url, response.status_code))
    assert checked >= len(rules)
    assert not wrong, "accepted without a CSRF token:\n" + "\n".join(map(str, wrong))
    with app.app_context():
        assert _row_counts() == before
    # the same users are still signed in: the refusals were CSRF's, not a lost session or a missing right
    assert all(c.get("/dasbor").status_code == 200 for c in clients.values())


def test_a_wrong_token_is_refused_too_and_a_right_one_passes(client, make_user, make_group, login):
    group = make_group(legal_form="kelompok")
    login(make_user("admin"))
    url = f"/admin/kelompok/{group.id}/bentuk-badan"
    response = client.post(url, data={"legal_form": "kube", "csrf_token": "palsu"})
    assert response.status_code == 400
    response = client.post_form(url, {"legal_form": "kube"}, token_page=f"/admin/kelompok/{group.id}")
    assert response.status_code == 302
