"""Placing orders: parts per group, snapshots, totals, stock taken and given back, expiry sweep."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.catalog.models import Variant
from shop.errors import DomainError, OutOfStock
from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.models_base import utcnow
from shop.orders import services as orders
from shop.orders.models import Order
from shop.payments import services as payments
from tests.fixtures.orders import BUYER


def test_order_spanning_two_groups_has_one_part_per_group_with_snapshots(app, make_product, make_member,
                                                                          make_order):
    a = make_product(title="Batik Mega Mendung", price=350_000, stock=3)
    maker = make_member(a.group, name="Ibu Sari")
    a.makers = [maker]
    b = make_product(title="Kebaya Encim", price=500_000, stock=2)
    order = make_order([(a.variants[0], 2), (b.variants[0], 1)], shipping="pickup")
    assert order.number.startswith("PK-") and len(order.number) == 12
    assert len(order.parts) == 2
    assert order.total == 2 * 350_000 + 500_000 and order.shipping_total == 0
    line = next(p for p in order.parts if p.group_id == a.group_id).lines[0]
    assert (line.title, line.unit_price, line.group_name, line.maker_names) == (
        "Batik Mega Mendung", 350_000, a.group.name, "Ibu Sari")
    a.title = "Nama lain"
    a.variants[0].price = 1
    db.session.flush()
    db.session.refresh(line)
    assert (line.title, line.unit_price) == ("Batik Mega Mendung", 350_000)
    assert db.session.get(Variant, a.variants[0].id).stock == 1
    assert db.session.get(Variant, b.variants[0].id).stock == 1
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.to == BUYER["email"]))
    assert order.number in mail.subject and f"/pesanan/{order.token}" in mail.body


def test_courier_fee_by_zone(app, make_product, make_region, make_group, make_order):
    bandung = make_region(name="Bandung", province="Jawa Barat")
    malang = make_region(name="Malang", province="Jawa Timur")
    near = make_product(group=make_group(region=bandung), price=100_000)
    same_province = make_product(group=make_group(region=make_region(name="Garut")), price=100_000)
    java = make_product(group=make_group(region=malang), price=100_000)
    order = make_order([(near.variants[0], 1), (same_province.variants[0], 1), (java.variants[0], 1)],
                       shipping="courier", regency="Kota Bandung")
    fees = {p.group_id: (p.shipping_zone, p.shipping_fee) for p in order.parts}
    assert fees[near.group_id] == ("same_regency", 15_000)
    assert fees[same_province.group_id] == ("same_province", 25_000)
    assert fees[java.group_id] == ("java", 35_000)
    far = make_order([(near.variants[0], 1)], shipping="courier", province="Bali", regency="Denpasar")
    assert far.parts[0].shipping_zone == "elsewhere" and far.total == 100_000 + 60_000


def test_out_of_stock_takes_nothing(app, make_product):
    a = make_product(stock=5)
    b = make_product(stock=1)
    db.session.commit()
    with pytest.raises(OutOfStock):
        orders.place_order([(a.variants[0].id, 2, a.variants[0].price), (b.variants[0].id, 2, b.variants[0].price)],
                           orders.Buyer(**BUYER), {}, "bank_transfer")
    db.session.rollback()
    assert db.session.get(Variant, a.variants[0].id).stock == 5
    assert db.session.get(Variant, b.variants[0].id).stock == 1
    assert db.session.scalar(select(Order.id)) is None


def test_changed_price_is_refused_not_silently_charged(app, make_product):
    p = make_product(price=100_000)
    with pytest.raises(orders.PriceChanged):
        orders.place_order([(p.variants[0].id, 1, 90_000)], orders.Buyer(**BUYER), {}, "bank_transfer")


def test_made_to_order_takes_no_stock(app, make_product, make_order):
    p = make_product(kind="made_to_order", stock=0, lead_time_days=14)
    order = make_order([(p.variants[0], 3)])
    assert order.parts[0].lines[0].takes_stock is False
    assert db.session.get(Variant, p.variants[0].id).stock == 0


def test_cancel_returns_stock_once(app, make_product, make_order):
    p = make_product(stock=4)
    order = make_order([(p.variants[0], 3)])
    part = order.parts[0]
    with pytest.raises(DomainError):
        payments.cancel_part(part, "  ")
    payments.cancel_part(part, "Pembeli minta batal")
    assert db.session.get(Variant, p.variants[0].id).stock == 4
    assert part.status == "cancelled" and order.status == "cancelled"
    with pytest.raises(DomainError):
        payments.cancel_part(part, "lagi")
    assert db.session.get(Variant, p.variants[0].id).stock == 4


def test_expire_sweep_only_old_unpaid_transfers_without_slip(app, make_product, make_order):
    """Old unconfirmed cash-on-delivery orders expire too (security probe M3: a script could hold stock)."""
    p = make_product(stock=10)
    old = make_order([(p.variants[0], 2)])
    old.created_at = utcnow() - timedelta(hours=49)
    fresh = make_order([(p.variants[0], 1)])
    cod = make_order([(p.variants[0], 1)], method="cash_on_delivery")
    cod.created_at = utcnow() - timedelta(hours=100)
    confirmed_cod = make_order([(p.variants[0], 1)], method="cash_on_delivery")
    confirmed_cod.created_at = utcnow() - timedelta(hours=100)
    orders.start_processing(confirmed_cod.parts[0])  # the group confirmed it: it stays
    waiting = make_order([(p.variants[0], 1)])
    waiting.created_at = utcnow() - timedelta(hours=60)
    waiting.payments[0].status = "submitted"
    db.session.flush()
    assert payments.expire_unpaid() == 2
    assert old.status == "expired" and old.parts[0].status == "expired"
    assert cod.status == "expired" and confirmed_cod.parts[0].status == "processing"
    assert (fresh.status, waiting.status) == ("placed", "placed")
    assert db.session.get(Variant, p.variants[0].id).stock == 10 - 1 - 1 - 1


def test_expire_orders_cli(app, make_product, make_order):
    p = make_product(stock=3)
    order = make_order([(p.variants[0], 3)])
    order.created_at = utcnow() - timedelta(hours=48, minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["shop", "expire-orders"])
    assert result.exit_code == 0 and "Expired 1" in result.output
    db.session.expire_all()
    assert db.session.get(Variant, p.variants[0].id).stock == 3
    assert db.session.get(Order, order.id).status == "expired"


def test_order_numbers_are_unique_and_readable(app):
    numbers = {orders.new_number() for _i in range(50)}
    assert len(numbers) == 50
    assert all(set(n[8:]) <= set(orders.NUMBER_ALPHABET) for n in numbers)
