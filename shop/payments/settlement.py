"""Apply what a provider says about a payment attempt (a base.Status, from a verified callback or from its API)
to the order, with the order row locked: the one path for Xendit callbacks and `flask shop reconcile-payments`.

Idempotent and order-independent: a paid payment stays paid (a late "expired" changes nothing), a closed one is
not reopened, and money is marked paid only when amount and currency match the order.
"""
from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.orders.models import Order
from shop.payments import services as payments
from shop.payments.models import Payment
from shop.payments.providers.base import Status


def locked(payment_id: int) -> Payment | None:
    """The payment, read again after its order row is locked (SELECT … FOR UPDATE on PostgreSQL): a concurrent
    delivery of the same news waits here until the first commits, then sees what it did."""
    order_id = db.session.scalar(select(Payment.order_id).where(Payment.id == payment_id))
    if order_id is None:
        return None
    db.session.scalar(select(Order).where(Order.id == order_id).with_for_update().execution_options(
        populate_existing=True))
    return db.session.scalar(select(Payment).where(Payment.id == payment_id).execution_options(
        populate_existing=True))


def amount_ok(payment: Payment, status: Status) -> bool:
    return (status.currency == "idr" and status.amount == payment.amount
            and payment.amount == payment.order.total)


def settle(payment_id: int, status: Status) -> str:
    """Returns what was done ("ok: …" when all is well), for the log and the provider's answer."""
    payment = locked(payment_id)
    if payment is None:
        return "unknown payment"
    if payment.status == "paid":
        if status.state == "paid" and status.fee is not None and payment.fee is None:
            payments.book_fee(payment, status.fee)
            return "ok: already paid, fee booked"
        return "ok: already paid"
    if status.state == "paid":
        if not amount_ok(payment, status):
            payment.note = "amount or currency does not match the order"
            db.session.flush()
            return "amount mismatch: not marked paid"
        problems = payments.provider_paid(payment, status.payment_id, fee=status.fee)
        return "ok: paid" if not problems else "paid with problems: " + "; ".join(problems)
    if payment.status != "pending":
        return f"ok: payment already {payment.status}"
    if status.state == "expired":
        payment.status = "expired"
        if not _other_open(payment):
            for part in payment.order.parts:
                if part.status == "placed":
                    payments.expire_part(part)
        db.session.flush()
        return "ok: expired"
    if status.state == "failed":
        payment.status = "failed"
        if not _other_open(payment):
            for part in payment.order.parts:
                if part.status == "placed":
                    payments.cancel_part(part, "Pembayaran gagal.")
        db.session.flush()
        return "ok: failed, stock returned"
    return "ok: still open"


def _other_open(payment: Payment) -> bool:
    return db.session.scalar(select(Payment.id).where(Payment.order_id == payment.order_id, Payment.id != payment.id,
                                                      Payment.status == "pending")) is not None
