"""Read side of payments: the one "latest payment" query."""
from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.payments.models import Payment


def latest_payment(part) -> Payment | None:
    """The part's own newest payment (transfer or cash; a card payment belongs to the whole order)."""
    return db.session.scalar(select(Payment).where(Payment.part_id == part.id).order_by(Payment.id.desc()))


def latest_by_part(order) -> dict[int, Payment]:
    """{part id: its newest own payment} from the order's loaded payments (no query)."""
    result: dict[int, Payment] = {}
    for payment in sorted(order.payments, key=lambda p: p.id):
        if payment.part_id is not None:
            result[payment.part_id] = payment
    return result
