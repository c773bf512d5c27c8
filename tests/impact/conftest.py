"""Impact tests build sales histories through the real services (orders placed and paid on chosen WIB days,
so the books post them as in real use), then ask the figures and flags about chosen days."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from shop.extensions import db
from shop.ledger import events
from shop.ledger.chart import accounts_by_code, create_chart
from shop.orders import services as orders

BUYER = {"name": "Siti Rahma", "phone": "081234567890", "province": "Jawa Barat", "regency": "Bandung",
             "district": "Coblong", "postal_code": "40132", "street": "Jl. Dago No. 10"}


def at_wib(day: date, hour: int = 10) -> datetime:
    """The naive UTC moment of `hour` o'clock WIB on `day`."""
    return datetime.combine(day, time(hour)) - timedelta(hours=7)


@pytest.fixture
def sell(app):
    """sell(variant, day, quantity=1, email="siti@contoh.id", channel="online") -> the paid OrderPart,
    paid on that WIB day (so the books credit the sale on it)."""

    def make(variant, day, quantity=1, email="siti@contoh.id", channel="online", phone=None, paid=True):
        buyer = orders.Buyer(email=email, **dict(BUYER, phone=phone or BUYER["phone"]))
        if not accounts_by_code(variant.product.group_id):  # make_group makes no books; create_group does
            create_chart(variant.product.group_id)
        order = orders.place_order([(variant.id, quantity, variant.price)], buyer,
                                   {variant.product.group_id: "pickup"},
                                   "bank_transfer" if channel == "online" else "cash", channel=channel)
        order.created_at = at_wib(day, 9)
        part = order.parts[0]
        part.created_at = order.created_at
        if paid:
            orders.mark_part_paid(part, at=at_wib(day))
        db.session.flush()
        return part

    return make


@pytest.fixture
def pay_maker(app):
    def pay(group, member, day, amount):
        events.cash_movement(group.id, day, "pendapatan", "kas", amount, "Modal awal")
        return events.maker_paid(group.id, member.id, day, amount)

    return pay
