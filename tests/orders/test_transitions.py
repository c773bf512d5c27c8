"""Every transition not in the tables raises InvalidTransition and changes nothing; services refuse misuse."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from shop.catalog.models import Variant
from shop.errors import DomainError, InvalidTransition, NotAllowed
from shop.extensions import db
from shop.orders import services as orders
from shop.orders.models import ORDER_STATUSES, PART_STATUSES
from shop.orders.transitions import ORDER_TRANSITIONS, PART_TRANSITIONS, transition_order, transition_part
from shop.payments import services as payments
from shop.payments.models import Refund


def test_tables_cover_every_status():
    assert set(PART_TRANSITIONS) == set(PART_STATUSES)
    assert set(ORDER_TRANSITIONS) == set(ORDER_STATUSES)
    for targets in list(PART_TRANSITIONS.values()) + list(ORDER_TRANSITIONS.values()):
        assert targets <= set(PART_STATUSES) | set(ORDER_STATUSES)


def test_every_disallowed_part_transition_raises_and_changes_nothing(app, make_product, make_order):
    part = make_order([(make_product().variants[0], 1)]).parts[0]
    checked = 0
    for current in PART_STATUSES:
        for target in PART_STATUSES:
            if target in PART_TRANSITIONS[current]:
                continue
            part.status = current
            before = {c: getattr(part, c) for c in ("status", "paid_at", "shipped_at", "finished_at",
                                                    "cancelled_at", "refunded_at")}
            with pytest.raises(InvalidTransition):
                transition_part(part, target)
            assert {c: getattr(part, c) for c in before} == before
            checked += 1
    assert checked == len(PART_STATUSES) ** 2 - sum(len(t) for t in PART_TRANSITIONS.values())


def test_every_disallowed_order_transition_raises_and_changes_nothing(app, make_product, make_order):
    order = make_order([(make_product().variants[0], 1)])
    for current in ORDER_STATUSES:
        for target in ORDER_STATUSES:
            if target in ORDER_TRANSITIONS[current] or target == current:
                continue
            order.status = current
            with pytest.raises(InvalidTransition):
                transition_order(order, target)
            assert order.status == current


def test_allowed_part_transitions_set_dates(app, make_product, make_order):
    part = make_order([(make_product().variants[0], 1)], shipping="courier").parts[0]
    payments.confirm_payment(part, None)
    assert part.status == "paid" and part.paid_at is not None and part.order.status == "paid"
    orders.start_processing(part)
    orders.ship_part(part, "JNE", "JN123")
    assert part.shipped_at is not None and part.tracking_number == "JN123"
    orders.mark_delivered(part)
    assert part.finished_at is not None and part.order.status == "completed"


def test_services_refuse_and_change_nothing(app, make_product, make_order):
    p = make_product(stock=5)
    part = make_order([(p.variants[0], 2)], shipping="pickup").parts[0]
    with pytest.raises(NotAllowed):
        orders.mark_picked_up(part)  # unpaid bank transfer cannot be handed over
    with pytest.raises(NotAllowed):
        orders.ship_part(part, "JNE", "1")  # pickup part is not shipped
    with pytest.raises(NotAllowed):
        payments.refund_part(part, None, "x")  # nothing paid yet
    assert part.status == "placed"
    payments.confirm_payment(part, None)
    with pytest.raises(NotAllowed):
        payments.confirm_payment(part, None)
    with pytest.raises(NotAllowed):
        payments.cancel_part(part, "berubah pikiran")  # paid: refund instead
    assert part.status == "paid"
    assert db.session.get(Variant, p.variants[0].id).stock == 3
    payments.refund_part(part, None, "rusak", restock=True)
    assert part.status == "refunded" and part.order.status == "refunded"
    assert part.order.payments[0].status == "refunded"
    refund = db.session.scalar(select(Refund))
    assert (refund.amount, refund.method, refund.restocked, refund.reason) == (part.total, "bank_transfer", True,
                                                                               "rusak")
    assert db.session.get(Variant, p.variants[0].id).stock == 5
    with pytest.raises(DomainError):
        payments.refund_part(part, None, "lagi", restock=True)
    assert db.session.get(Variant, p.variants[0].id).stock == 5


def test_cash_on_delivery_hands_over_before_payment(app, make_product, make_order):
    part = make_order([(make_product().variants[0], 1)], method="cash_on_delivery").parts[0]
    orders.mark_picked_up(part)
    assert part.status == "picked_up" and part.paid_at is None and part.order.status == "placed"
    payments.confirm_payment(part, None)
    assert part.paid_at is not None and part.order.status == "completed"


def test_expired_part_cannot_be_paid(app, make_product, make_order):
    part = make_order([(make_product().variants[0], 1)]).parts[0]
    payments.expire_part(part)
    with pytest.raises(DomainError):
        payments.confirm_payment(part, None)
    with pytest.raises(InvalidTransition):
        orders.mark_part_paid(part)
    assert part.status == "expired" and part.paid_at is None
