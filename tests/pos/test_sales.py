"""Till sales through the service: an Order with channel bazaar and one part per group, stock from the event
allocation, the books of each group (Piutang panitia against Penjualan bazaar), conflicts and every bad input."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from shop.errors import DomainError, NotAllowed
from shop.events import services as events
from shop.events import settlement
from shop.events.models import EventItem, TillSale
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.services import balance
from shop.orders.models import Order
from shop.pos import lines, sales
from tests.fixtures.events import new_key, sale_body


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def _held(item):
    db.session.expire_all()
    row = db.session.get(EventItem, item.id)
    return row.quantity, row.sold


def _conflict(bazaar, key, body, reason=None) -> sales.Answer:
    """Send a sale the server cannot honour: refused (rolled back), then kept as a conflict, as the view does."""
    with pytest.raises(sales.SaleConflict) as caught:
        sales.record_sale(bazaar.cashier, bazaar.event.id, key, body)
    db.session.rollback()
    if reason:
        assert caught.value.reason == reason
    answer = sales.record_conflict(bazaar.cashier, bazaar.event.id, key, body, caught.value)
    db.session.commit()
    return answer


def test_a_sale_across_two_groups_is_one_bazaar_order_posted_to_each_groups_books(bazaar):
    a, b = (p.variants[0].sku for p in bazaar.products)
    answer = sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(),
                               sale_body(bazaar, [(a, 2), (b, 1)], cash=400_000))
    db.session.commit()
    assert answer.status == 201
    assert answer.payload["total"] == 2 * 150_000 + 75_000 and answer.payload["change"] == 25_000
    order = db.session.scalar(select(Order))
    assert order.channel == "bazaar" and order.status == "completed" and len(order.parts) == 2
    assert [p.total for p in order.parts] == [300_000, 75_000]  # the event price of the second group
    assert _held(bazaar.items[0]) == (1, 2) and _held(bazaar.items[1]) == (2, 1)
    g1, g2 = bazaar.groups
    assert balance(g1.id, c.PIUTANG_PANITIA) == 300_000 and balance(g1.id, c.PENJUALAN_BAZAAR) == -300_000
    assert balance(g2.id, c.PIUTANG_PANITIA) == 75_000 and balance(g1.id, c.KAS) == 0


def test_the_same_key_twice_records_once_and_answers_the_first_result(bazaar):
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)])
    first = sales.record_sale(bazaar.cashier, bazaar.event.id, key, body)
    db.session.commit()
    again = sales.replay(key, json.loads(json.dumps(body)))
    assert again.replayed and again.payload == first.payload and again.status == 201
    assert _count(Order) == 1 and _held(bazaar.items[0]) == (2, 1)


def test_the_same_key_with_another_body_is_refused(bazaar):
    key = new_key()
    sku = bazaar.products[0].variants[0].sku
    sales.record_sale(bazaar.cashier, bazaar.event.id, key, sale_body(bazaar, [(sku, 1)]))
    db.session.commit()
    with pytest.raises(sales.KeyReused, match="sudah dipakai"):
        sales.replay(key, sale_body(bazaar, [(sku, 2)]))
    assert _count(Order) == 1


def test_more_than_allocated_is_a_conflict_and_changes_nothing(bazaar):
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 4)])
    with pytest.raises(sales.SaleConflict) as caught:
        sales.record_sale(bazaar.cashier, bazaar.event.id, key, body)
    db.session.rollback()
    assert "tidak cukup" in str(caught.value) and caught.value.reason == "out_of_stock"
    answer = sales.record_conflict(bazaar.cashier, bazaar.event.id, key, body, caught.value)
    db.session.commit()
    assert answer.status == 409 and answer.payload["reason"] == "out_of_stock"
    assert _count(Order) == 0 and _held(bazaar.items[0]) == (3, 0)
    assert sales.replay(key, body).status == 409


@pytest.mark.parametrize("change, message", [
    (lambda b, body: body["lines"].__setitem__(0, {"sku": "TIDAK-ADA", "qty": 1}), "tidak dikenal"),
    (lambda b, body: body["lines"].__setitem__(0, {"sku": b.outsider.variants[0].sku, "qty": 1}),
     "bukan dari kelompok peserta"),
    (lambda b, body: body.__setitem__("method", "bitcoin"), "cara bayar"),
    (lambda b, body: body["lines"].__setitem__(0, {"sku": body["lines"][0]["sku"], "qty": 0}), "Jumlah barang"),
    (lambda b, body: body.__setitem__("cash", 1000), "kurang dari total"),
    (lambda b, body: body.__setitem__("lines", []), "tanpa barang"),
    (lambda b, body: body.__setitem__("till", 999999), "tidak ada di bazar ini"),
])
def test_bad_input_gets_a_clear_message_and_nothing_changes(bazaar, make_product, change, message):
    bazaar.outsider = make_product(stock=5)
    body = sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)])
    change(bazaar, body)
    with pytest.raises(Exception, match=message):
        sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(), body)
    db.session.rollback()
    assert _count(Order) == 0 and _count(TillSale) == 0 and _held(bazaar.items[0]) == (3, 0)


def test_a_cashier_of_another_event_is_refused(bazaar, make_event, make_user):
    other = make_event(status="running")
    stranger = make_user("cashier")
    events.assign_cashier(other, stranger.id)
    with pytest.raises(NotAllowed, match="bukan kasir bazar ini"):
        sales.record_sale(stranger, bazaar.event.id, new_key(),
                          sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)]))
    db.session.rollback()
    assert _count(TillSale) == 0


def test_a_closed_event_turns_a_sale_into_a_conflict_the_cashier_resolves(bazaar):
    events.transition(bazaar.event, "closed")
    db.session.commit()
    key, body = new_key(), sale_body(bazaar, [(bazaar.products[0].variants[0].sku, 1)], cash=150_000)
    with pytest.raises(sales.SaleConflict) as caught:
        sales.record_sale(bazaar.cashier, bazaar.event.id, key, body)
    db.session.rollback()
    assert caught.value.reason == "event_closed"
    answer = sales.record_conflict(bazaar.cashier, bazaar.event.id, key, body, caught.value)
    db.session.commit()
    with pytest.raises(Exception, match="alasan"):
        sales.resolve(bazaar.cashier, bazaar.event.id, answer.payload["sale"], "cancel", "")
    db.session.rollback()
    with pytest.raises(DomainError, match="konflik"):
        settlement.record_settlement(bazaar.event, bazaar.groups[0].id, "cash", date(2026, 12, 8), "Panitia",
                                     "Ketua")
    db.session.rollback()
    sale = sales.resolve(bazaar.cashier, bazaar.event.id, answer.payload["sale"], "oversold")
    db.session.commit()
    assert sale.status == "recorded" and sale.oversold and _count(Order) == 1
    assert _held(bazaar.items[0]) == (0, 1)  # counted for settlement; nothing left to take from
    assert balance(bazaar.groups[0].id, c.PIUTANG_PANITIA) == 150_000


def test_resolving_from_the_groups_other_stock_takes_online_stock(bazaar):
    sku = bazaar.products[0].variants[0].sku
    sales.record_sale(bazaar.cashier, bazaar.event.id, new_key(), sale_body(bazaar, [(sku, 2)]))
    db.session.commit()
    key, body = new_key(), sale_body(bazaar, [(sku, 2)])
    answer = _conflict(bazaar, key, body)
    sales.resolve(bazaar.cashier, bazaar.event.id, answer.payload["sale"], "other_stock")
    db.session.commit()
    variant = bazaar.products[0].variants[0]
    db.session.refresh(variant)
    assert variant.stock == 0 and _held(bazaar.items[0]) == (1, 2) and _count(Order) == 2
    key, body = new_key(), sale_body(bazaar, [(sku, 2)])
    answer = _conflict(bazaar, key, body)
    with pytest.raises(DomainError, match="Stok lain kelompok"):
        sales.resolve(bazaar.cashier, bazaar.event.id, answer.payload["sale"], "other_stock")


def test_body_hash_ignores_key_order():
    assert lines.body_hash({"a": 1, "b": [1, 2]}) == lines.body_hash({"b": [1, 2], "a": 1})
