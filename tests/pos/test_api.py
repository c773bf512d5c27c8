"""The till's JSON API through the test client with CSRF on: Idempotency-Key, replays, concurrent resends
(real threads), two tills selling the last unit at once, refusals as JSON with an Indonesian message."""
from __future__ import annotations

import json
import re
import threading

import pytest
from sqlalchemy import func, select

from shop.events.models import EventItem, TillSale
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import JournalEntry
from shop.ledger.services import balance
from shop.orders.models import Order
from tests.conftest import ShopClient
from tests.fixtures.accounts import PASSWORD
from tests.fixtures.events import new_key, sale_body

META_CSRF = re.compile(r'"csrf": "([^"]+)"')


def _signed_in_client(app, email):
    """A browser of its own (its own cookies and CSRF token), signed in through the login form."""
    app.test_client_class = ShopClient
    client = app.test_client()
    assert client.post_form("/masuk", {"email": email, "password": PASSWORD}).status_code == 302
    return client


def _token(client, event_id):
    response = client.get(f"/kasir/{event_id}/token.json")
    assert response.status_code == 200
    return response.get_json()["csrf"]


def _post(client, event_id, body, key, token):
    return client.post(f"/kasir/{event_id}/penjualan", data=json.dumps(body), content_type="application/json",
                       headers={"X-CSRFToken": token, "Idempotency-Key": key})


def _counts():
    db.session.expire_all()
    return (db.session.scalar(select(func.count()).select_from(Order)),
            db.session.scalar(select(func.count()).select_from(TillSale)))


def test_the_till_page_carries_the_csrf_token_and_a_sale_needs_it(app, bazaar):
    client = _signed_in_client(app, bazaar.cashier.email)
    page = client.get(f"/kasir/{bazaar.event.id}")
    assert page.status_code == 200 and META_CSRF.search(page.get_data(as_text=True))
    body = sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)])
    response = client.post(f"/kasir/{bazaar.event.id}/penjualan", data=json.dumps(body),
                           content_type="application/json", headers={"Idempotency-Key": new_key()})
    assert response.status_code == 400 and _counts() == (0, 0)
    token = META_CSRF.search(page.get_data(as_text=True)).group(1)
    assert _post(client, bazaar.event.id, body, new_key(), token).status_code == 201
    assert _counts() == (1, 1)


def test_a_resend_answers_the_first_result_and_another_body_is_refused(app, bazaar):
    client = _signed_in_client(app, bazaar.cashier.email)
    token = _token(client, bazaar.event.id)
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[1].variants[0].sku, 2)], cash=200_000)
    first = _post(client, bazaar.event.id, body, key, token)
    assert first.status_code == 201 and first.get_json()["change"] == 50_000
    again = _post(client, bazaar.event.id, body, key, token)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json()
    other = _post(client, bazaar.event.id, dict(body, cash=300_000), key, token)
    assert other.status_code == 422 and "sudah dipakai" in other.get_json()["message"]
    assert _counts() == (1, 1)


def test_bad_requests_are_json_messages_and_change_nothing(app, bazaar, make_user, make_event):
    client = _signed_in_client(app, bazaar.cashier.email)
    token = _token(client, bazaar.event.id)
    body = sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)])
    no_key = _post(client, bazaar.event.id, body, "bukan-uuid", token)
    assert no_key.status_code == 422 and "Idempotency-Key" in no_key.get_json()["message"]
    unknown = _post(client, bazaar.event.id, sale_body(bazaar, [("TIDAK-ADA", 1)]), new_key(), token)
    assert unknown.status_code == 422 and "tidak dikenal" in unknown.get_json()["message"]
    garbage = client.post(f"/kasir/{bazaar.event.id}/penjualan", data="{bukan json",
                          content_type="application/json", headers={"X-CSRFToken": token,
                                                                    "Idempotency-Key": new_key()})
    assert garbage.status_code == 422 and "tidak terbaca" in garbage.get_json()["message"]
    stranger = make_user("cashier")
    db.session.commit()
    other = _signed_in_client(app, stranger.email)
    refused = _post(other, bazaar.event.id, body, new_key(), _token(other, bazaar.event.id))
    assert refused.status_code == 403 and "bukan kasir bazar ini" in refused.get_json()["message"]
    assert other.get(f"/kasir/{bazaar.event.id}").status_code == 403
    assert _counts() == (0, 0)


def test_the_same_sale_sent_concurrently_records_once(app, bazaar):
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)])
    clients = [_signed_in_client(app, bazaar.cashier.email) for _ in range(4)]
    tokens = [_token(client, bazaar.event.id) for client in clients]
    results, barrier = [], threading.Barrier(len(clients))

    def send(client, token):
        with app.app_context():
            barrier.wait()
            response = _post(client, bazaar.event.id, body, key, token)
            results.append((response.status_code, response.get_json()))
            db.session.remove()

    threads = [threading.Thread(target=send, args=pair) for pair in zip(clients, tokens, strict=True)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    assert [r[0] for r in results] == [201] * 4, results
    assert len({r[1]["order"] for r in results}) == 1
    assert _counts() == (1, 1)
    assert db.session.get(EventItem, bazaar.items[0].id).quantity == 2
    assert balance(bazaar.groups[0].id, c.PIUTANG_PANITIA) == 150_000


def test_two_tills_selling_the_last_unit_at_once_one_sale_one_conflict(app, bazaar):
    from shop.events import services as events

    till2 = events.add_till(bazaar.event, "Kasir 2")
    db.session.execute(EventItem.__table__.update().where(EventItem.id == bazaar.items[0].id).values(quantity=1))
    db.session.commit()
    sku = bazaar.products[0].variants[0].sku
    jobs = [(_signed_in_client(app, bazaar.cashier.email), sale_body(bazaar, [(sku, 1)], till=t))
            for t in (bazaar.till.id, till2.id)]
    tokens = [_token(client, bazaar.event.id) for client, _b in jobs]
    results, barrier = [], threading.Barrier(2)

    def send(client, body, token):
        with app.app_context():
            barrier.wait()
            response = _post(client, bazaar.event.id, body, new_key(), token)
            results.append((response.status_code, response.get_json()))
            db.session.remove()

    threads = [threading.Thread(target=send, args=(client, body, token))
               for (client, body), token in zip(jobs, tokens, strict=True)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    assert sorted(r[0] for r in results) == [201, 409], results
    conflict = next(r[1] for r in results if r[0] == 409)
    assert conflict["reason"] == "out_of_stock" and "tidak cukup" in conflict["message"]
    db.session.expire_all()
    item = db.session.get(EventItem, bazaar.items[0].id)
    assert (item.quantity, item.sold) == (0, 1)
    assert _counts() == (1, 2)
    assert db.session.scalar(select(func.count()).select_from(JournalEntry)
                             .where(JournalEntry.group_id == bazaar.groups[0].id)) == 1


@pytest.mark.parametrize("role", ["organiser", "coordinator"])
def test_organisers_and_participating_coordinators_may_use_the_till(app, bazaar, make_user, role):
    user = bazaar.organiser if role == "organiser" else make_user(role, group=bazaar.groups[1])
    db.session.commit()
    client = _signed_in_client(app, user.email)
    assert client.get(f"/kasir/{bazaar.event.id}").status_code == 200
    catalogue = client.get(f"/kasir/{bazaar.event.id}/katalog.json").get_json()
    assert {i["sku"] for i in catalogue["items"]} == {p.variants[0].sku for p in bazaar.products}
    assert next(i for i in catalogue["items"] if i["sku"] == bazaar.products[1].variants[0].sku)["price"] == 75_000


def test_till_catalogue_statements_do_not_grow_with_its_items(app, bazaar, make_product, query_counter):
    """The till reloads its catalogue often during a bazaar: its items are one statement whatever their number."""
    from shop.events import allocation

    client = _signed_in_client(app, bazaar.cashier.email)
    url = f"/kasir/{bazaar.event.id}/katalog.json"

    def count() -> tuple[int, int]:
        db.session.expire_all()
        with query_counter() as counter:
            items = client.get(url).get_json()["items"]
        return counter.count, len(items)

    small, two = count()
    part = bazaar.event.participations[0]
    for n in range(6):
        product = make_product(group=bazaar.groups[0], title=f"Selendang {n}", stock=4)
        allocation.set_allocation(part, product.variants[0].id, 2)
    db.session.commit()
    large, eight = count()
    assert (two, eight) == (2, 8)
    assert large == small <= 5
