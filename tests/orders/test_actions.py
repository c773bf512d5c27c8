"""available_actions(): the one source of the order pages' buttons. Per status and role it returns exactly what
the services then allow, and the pages render exactly what it returns."""
from __future__ import annotations

import re

import pytest

from shop.errors import DomainError
from shop.extensions import db
from shop.orders import services as orders
from shop.payments import services as payments
from shop.payments.actions import available_actions, order_actions
from shop.payments.queries import latest_payment
from tests.fixtures.orders import login

PASSWORD = "rahasia-koordinator-1"


class Staff:
    is_authenticated = True
    role = "coordinator"


def _submitted(part):
    pay = latest_payment(part)
    pay.status, pay.slip_key, pay.slip_type = "submitted", "a" * 32, "webp"


def _paid(part):
    payments.confirm_payment(part, None)


# name: (method, shipping, steps to reach the state, staff actions, buyer actions)
SCENARIOS = {
    "transfer waiting": ("bank_transfer", "pickup", [], ["confirm", "cancel"], ["upload_slip"]),
    "slip submitted": ("bank_transfer", "pickup", [_submitted],
                       ["view_slip", "confirm", "reject_slip", "cancel"], ["upload_slip"]),
    # "process" confirms a cash-on-delivery order (unconfirmed ones expire like unpaid transfers)
    "cod by courier": ("cash_on_delivery", "courier", [], ["confirm", "process", "ship", "cancel"], []),
    "cod pickup": ("cash_on_delivery", "pickup", [], ["confirm", "process", "picked_up", "cancel"], []),
    "cod shipped unpaid": ("cash_on_delivery", "courier", [lambda p: orders.ship_part(p, "JNE", "1")],
                           ["confirm", "delivered"], []),
    "paid pickup": ("bank_transfer", "pickup", [_paid], ["process", "picked_up", "refund"], []),
    "processing courier": ("bank_transfer", "courier", [_paid, orders.start_processing], ["ship", "refund"], []),
    "shipped": ("bank_transfer", "courier", [_paid, lambda p: orders.ship_part(p, "JNE", "1")],
                ["delivered", "refund"], []),
    "delivered": ("bank_transfer", "courier", [_paid, lambda p: orders.ship_part(p, "JNE", "1"),
                                               orders.mark_delivered], ["refund"], []),
    "picked up": ("bank_transfer", "pickup", [_paid, orders.mark_picked_up], ["refund"], []),
    "cancelled": ("bank_transfer", "pickup", [lambda p: payments.cancel_part(p, "batal")], [], []),
    "expired": ("bank_transfer", "pickup", [payments.expire_part], [], []),
    "refunded": ("bank_transfer", "pickup", [_paid, lambda p: payments.refund_part(p, None, "retur")], [], []),
}

# what each action does through the services (the view's call)
DO = {"confirm": lambda p: payments.confirm_payment(p, None),
      "reject_slip": lambda p: payments.reject_slip(p, "buram", None),
      "process": orders.start_processing,
      "ship": lambda p: orders.ship_part(p, "JNE", "123"),
      "picked_up": orders.mark_picked_up,
      "delivered": orders.mark_delivered,
      "cancel": lambda p: payments.cancel_part(p, "stok salah"),
      "refund": lambda p: payments.refund_part(p, None, "retur")}


def _build(make_product, make_order, scenario, product=None):
    method, shipping, steps, *_rest = SCENARIOS[scenario]
    product = product or make_product(stock=50)
    order = make_order([(product.variants[0], 1)], method=method, shipping=shipping)
    part = order.parts[0]
    for step in steps:
        step(part)
    db.session.flush()
    return part


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_actions_per_status_and_role(app, make_product, make_order, scenario):
    part = _build(make_product, make_order, scenario)
    *_head, staff, buyer = SCENARIOS[scenario]
    assert [a.name for a in available_actions(part, Staff())] == staff
    assert [a.name for a in available_actions(part, None)] == buyer


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_offered_actions_are_exactly_what_the_services_allow(app, make_product, make_order, scenario):
    part = _build(make_product, make_order, scenario)
    offered = {a.name for a in available_actions(part, Staff())}
    part_id = part.id
    for name, do in DO.items():
        savepoint = db.session.begin_nested()
        part = db.session.get(type(part), part_id)
        try:
            do(part)
            allowed = True
        except DomainError:
            allowed = False
        savepoint.rollback()
        assert allowed == (name in offered), f"{scenario}: {name} allowed={allowed} offered={name in offered}"


def _shown(html: str) -> list[str]:
    section = html.split("Tindakan", 1)[1]
    return re.findall(r'data-action="([a-z_]+)"', section)


def test_coordinator_page_shows_exactly_the_returned_actions(client, make_product, make_order, make_coordinator):
    product = make_product(stock=50)
    coordinator = make_coordinator(group=product.group)
    parts = {name: _build(make_product, make_order, name, product) for name in SCENARIOS}
    db.session.commit()
    login(client, coordinator, PASSWORD)
    for name, part in parts.items():
        html = client.get(f"/kelola/pesanan/{part.id}").get_data(as_text=True)
        assert _shown(html) == SCENARIOS[name][3], name
        if not SCENARIOS[name][3]:
            assert "Tidak ada tindakan untuk status ini." in html


def test_buyer_page_shows_exactly_the_returned_actions(client, make_product, make_order):
    product = make_product(stock=50)
    for name in ("transfer waiting", "paid pickup", "cod pickup", "cancelled"):
        part = _build(make_product, make_order, name, product)
        db.session.commit()
        html = client.get(f"/pesanan/{part.order.token}").get_data(as_text=True)
        expected = [a.name for a in order_actions(part.order)] + SCENARIOS[name][4]
        assert re.findall(r'data-action="([a-z_]+)"', html) == expected, name
        assert ('type="file"' in html) == ("upload_slip" in expected)
