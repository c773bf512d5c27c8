"""Every route of the staff blueprints, walked from the app's url_map (so routes added later are covered):

- as the coordinator of another group, with ids that belong to someone else: 403 or 404, GET and POST alike,
  and nothing of the other group changes; routes without ids (a coordinator's own pages, scoped by
  current_group_id()) may answer, but never show the other group's names and never change its data;
- admin-only routes as a coordinator, an organiser and a cashier: 403;
- as an anonymous visitor: a redirect to the login page.
"""
from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from shop.catalog.models import Product, ProductImage, Variant
from shop.coop.services import record_contribution
from shop.custom_orders.models import CustomOrder
from shop.custom_orders.requests import Contact, create_single
from shop.extensions import db
from shop.groups.models import Group, Member
from tests.fixtures.routes import blueprint_of, fill, methods_of, rules_in

# Blueprints whose every route is for coordinators or organisers (or admins). Add organiser blueprints here.
COORDINATOR_AND_ORGANISER_BLUEPRINTS = ["workspace", "group_orders", "books", "coop", "admin", "books_admin",
                                        "coop_admin", "events", "impact", "custom_orders_staff"]
ADMIN_ONLY_BLUEPRINTS = ["admin", "books_admin", "coop_admin", "impact"]


@pytest.fixture
def other_group(make_group, make_member, make_product, make_user, make_order):
    """Group B with members, products (a draft too), variants and photos, its coordinator; the ids and words
    that name them, to put into URLs; and the names another group's coordinator must never see."""
    group = make_group(name="Kelompok Orang Lain")
    maker = make_member(group, name="Pembatik Lain")
    published = make_product(group=group, title="Batik Orang Lain", sizes=("S", "M"), image=True, makers=[maker])
    draft = make_product(group=group, title="Draf Orang Lain", status="draft")
    owner = make_user("coordinator", group=group)
    order = make_order([(published.variants[0], 1)])
    simpanan = record_contribution(group.id, maker.id, "wajib", 25_000, date(2026, 1, 5))
    tailored = make_product(group=group, title="Kemeja Ukur Orang Lain", kind="made_to_measure")
    custom = create_single(tailored, Contact("Pembeli Lain", "lain@contoh.id", "081200000001"),
                           {}, measure_on_site=True, appointment_at=datetime(2030, 1, 2, 10))
    db.session.commit()
    ids = {
        "group": [group.id],
        "member": [maker.id],
        "product": [published.id, draft.id],
        "variant": [v.id for v in published.variants],
        "image": [i.id for i in published.images],
        "user": [owner.id],
        "region": [group.region_id],
        "part": [p.id for p in order.parts],
        "payment": [p.id for p in order.payments],
        "order": [order.id],
        "contribution": [simpanan.id],
        "custom_order": [custom.id],
    }
    words = [published.slug, group.slug, "active", "x"]
    names = ["Kelompok Orang Lain", "Pembatik Lain", "Batik Orang Lain", "Draf Orang Lain",  # never shown to A
             "Pembeli Lain"]
    return group, ids, words, names


def _fingerprint(group_id: int) -> tuple:
    """Everything of group B a forbidden request could have changed."""
    from shop.ledger.models import JournalEntry
    from shop.orders.models import OrderPart

    db.session.expire_all()
    group = db.session.get(Group, group_id)
    rows = [tuple(sorted((k, str(v)) for k, v in vars(group).items() if not k.startswith("_")))]
    for model, column in ((Member, Member.group_id), (Product, Product.group_id)):
        for obj in db.session.scalars(select(model).where(column == group_id).order_by(model.id)):
            rows.append(tuple(sorted((k, str(v)) for k, v in vars(obj).items() if not k.startswith("_"))))
    for variant in db.session.scalars(select(Variant).join(Product).where(Product.group_id == group_id)):
        rows.append((variant.id, variant.sku, variant.price, variant.stock, variant.size, variant.colour))
    for image in db.session.scalars(select(ProductImage).join(Product).where(Product.group_id == group_id)):
        rows.append((image.id, image.key, image.alt, image.position))
    for row in db.session.execute(select(JournalEntry.id, JournalEntry.memo).where(JournalEntry.group_id == group_id)
                                  .order_by(JournalEntry.id)):
        rows.append(tuple(row))
    for co in db.session.scalars(select(CustomOrder).where(CustomOrder.group_id == group_id)):
        rows.append((co.id, co.status, co.quote_total, co.stage, len(co.messages), len(co.makers)))
    for part in db.session.scalars(select(OrderPart).where(OrderPart.group_id == group_id)):
        rows.append(tuple(sorted((k, str(v)) for k, v in vars(part).items() if not k.startswith("_"))))
    return tuple(rows)


def _walk(client, app, blueprints, ids, words, token_page="/masuk"):
    """(blueprint, endpoint, method, url, status, location) of every route in `blueprints`; requests other than
    GET carry a valid CSRF token, so a refusal is the route's own, not CSRF's."""
    token = client.csrf_token(token_page)
    seen = []
    for rule in rules_in(app, blueprints):
        for url in fill(rule, ids, words):
            for method in methods_of(rule):
                form = None if method == "GET" else {"csrf_token": token, "name": "x", "title": "x"}
                response = client.open(url, method=method, data=form)
                seen.append((blueprint_of(rule), rule.endpoint, method, url, response.status_code,
                             response.headers.get("Location", ""), bool(rule.arguments),
                             response.get_data().decode("utf-8", "replace")))  # PDFs and XLSX too
    return seen


def test_the_walk_covers_the_admin_blueprint(app):
    endpoints = {r.endpoint for r in rules_in(app, COORDINATOR_AND_ORGANISER_BLUEPRINTS)}
    assert {"admin.groups", "admin.group_status", "admin.users", "admin.activity"} <= endpoints


def test_coordinator_of_another_group_gets_403_or_404_everywhere(app, client, make_user, login, other_group):
    group, ids, words, names = other_group
    login(make_user("coordinator"))  # a coordinator of a fresh group A, which owns nothing
    before = _fingerprint(group.id)
    seen = _walk(client, app, COORDINATOR_AND_ORGANISER_BLUEPRINTS, ids, words, token_page="/dasbor")
    assert seen
    wrong = [s[:6] for s in seen if (s[6] or s[0] in ADMIN_ONLY_BLUEPRINTS) and s[4] not in (403, 404)]
    assert not wrong, "reachable by another group's coordinator:\n" + "\n".join(map(str, wrong))
    admin_wrong = [s[:6] for s in seen if s[0] in ADMIN_ONLY_BLUEPRINTS and s[4] != 403]
    assert not admin_wrong, admin_wrong
    leaks = [(s[:6], name) for s in seen for name in names if name in s[7]]
    assert not leaks, "another group's data shown:\n" + "\n".join(map(str, leaks))
    assert _fingerprint(group.id) == before


@pytest.mark.parametrize("role", ["organiser", "cashier"])
def test_admin_routes_refuse_other_roles(app, client, make_user, login, other_group, role):
    group, ids, words, names = other_group
    login(make_user(role))
    before = _fingerprint(group.id)
    seen = _walk(client, app, ADMIN_ONLY_BLUEPRINTS, ids, words, token_page="/dasbor")
    wrong = [s[:6] for s in seen if s[4] != 403]
    assert seen and not wrong, wrong
    assert _fingerprint(group.id) == before


def test_anonymous_visitor_is_sent_to_login_everywhere(app, client, other_group):
    group, ids, words, names = other_group
    before = _fingerprint(group.id)
    seen = _walk(client, app, COORDINATOR_AND_ORGANISER_BLUEPRINTS, ids, words)
    wrong = [s[:6] for s in seen if s[4] != 302 or "/masuk" not in s[5]]
    assert seen and not wrong, "\n".join(map(str, wrong))
    assert _fingerprint(group.id) == before


def test_the_coordinator_of_the_group_itself_is_not_refused_by_the_walk_setup(app, client, login, other_group):
    """A control: the same ids are fine for their own coordinator, so the 404s above come from scoping."""
    group, ids, words, names = other_group
    from shop.accounts.models import User

    owner = db.session.get(User, ids["user"][0])
    login(owner)
    workspace = [r for r in rules_in(app, ["workspace"]) if "GET" in methods_of(r) and not r.arguments]
    if not workspace:
        pytest.skip("the workspace blueprint is not registered in this checkout")
    for rule in workspace:
        assert client.get(rule.rule).status_code == 200, rule.rule

