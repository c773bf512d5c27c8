"""Stripe events, after the signature has been checked. Each event id is handled once; the order row is locked
(SELECT … FOR UPDATE on PostgreSQL) so two deliveries of the same news cannot both act."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.money import to_stripe_amount
from shop.orders.models import Order
from shop.payments import services as payments
from shop.payments.models import Payment, ProcessedEvent
from shop.payments.providers.stripe import session_fee as stripe_fee


class Duplicate(Exception):
    """This event id was already handled (a replay, or a concurrent delivery of the same event)."""


def handle(event: dict) -> str:
    """Record the event id once, then act on it. Returns what was done; raises Duplicate for a seen event."""
    processed = ProcessedEvent(event_id=str(event.get("id", ""))[:255], event_type=str(event.get("type", ""))[:80])
    try:
        with db.session.begin_nested():  # on PostgreSQL a concurrent twin waits here until the first commits
            db.session.add(processed)
    except IntegrityError:
        raise Duplicate(processed.event_id) from None
    kind = processed.event_type
    obj = event["data"]["object"]
    handler = HANDLERS.get(kind)
    outcome = handler(obj) if handler else "ignored"
    processed.outcome = outcome[:200]
    if outcome not in ("ignored",) and not outcome.startswith("ok"):
        current_app.logger.warning("stripe event %s (%s): %s", processed.event_id, kind, outcome)
    db.session.flush()
    return outcome


def _locked_payment(session: dict) -> tuple[Payment | None, Order | None]:
    meta = session.get("metadata") or {}
    order_id = str(meta.get("order_id", ""))
    if not order_id.isdigit():
        return None, None
    order = db.session.scalar(select(Order).where(Order.id == int(order_id)).with_for_update())
    if order is None:
        return None, None
    payment = db.session.scalar(select(Payment).where(Payment.order_id == order.id,
                                                      Payment.provider_session_id == str(session.get("id"))))
    return payment, order


def _amount_ok(session: dict, payment: Payment) -> bool:
    return (session.get("currency") == "idr" and session.get("amount_total") == to_stripe_amount(payment.amount)
            and payment.amount == payment.order.total)


def _paid(session: dict) -> str:
    payment, _order = _locked_payment(session)  # the order row stays locked until the commit
    if payment is None:
        return "unknown order or session"
    if payment.status == "paid":
        return "ok: already paid"
    if not _amount_ok(session, payment):
        payment.note = "amount or currency does not match the order"
        return "amount mismatch: not marked paid"
    if session.get("payment_status") != "paid":
        return "ok: waiting for the payment to clear"
    intent = session.get("payment_intent")
    problems = payments.card_paid(payment, str((intent.get("id") if isinstance(intent, dict) else intent) or ""),
                                  fee=stripe_fee(session))
    return "ok: paid" if not problems else "paid with problems: " + "; ".join(problems)


def _failed(session: dict) -> str:
    payment, order = _locked_payment(session)
    if payment is None:
        return "unknown order or session"
    if payment.status != "pending":
        return f"ok: payment already {payment.status}"
    payment.status = "failed"
    for part in order.parts:
        if part.status == "placed":
            payments.cancel_part(part, "Pembayaran kartu gagal.")
    return "ok: failed, stock returned"


def _expired(session: dict) -> str:
    payment, order = _locked_payment(session)
    if payment is None:
        return "unknown order or session"
    if payment.status != "pending":
        return f"ok: payment already {payment.status}"
    payment.status = "expired"
    other_open = db.session.scalar(select(Payment.id).where(Payment.order_id == order.id, Payment.id != payment.id,
                                                            Payment.status == "pending"))
    if other_open is None:
        for part in order.parts:
            if part.status == "placed":
                payments.expire_part(part)
    return "ok: expired"


def _charge_refunded(charge: dict) -> str:
    """A refund made in Stripe's dashboard: a full refund refunds every paid part not yet refunded."""
    intent = str(charge.get("payment_intent") or "")
    payment = db.session.scalar(select(Payment).where(Payment.provider_payment_id == intent,
                                                      Payment.method == "stripe")) if intent else None
    if payment is None:
        return "unknown payment"
    order = db.session.scalar(select(Order).where(Order.id == payment.order_id).with_for_update())
    if charge.get("currency") != "idr":
        return "currency mismatch"
    if not charge.get("refunded") or charge.get("amount_refunded") != charge.get("amount"):
        return "ok: partial refund noted"
    refs = charge.get("refunds", {}).get("data") or [{}]
    ref_id = str(refs[0].get("id") or "") or None
    done = 0
    for part in order.parts:
        if part.paid_at is not None and part.status not in ("refunded",):
            payments.refund_part(part, None, reason="Refund di Stripe", provider_refund_id=f"{ref_id}:{part.id}")
            done += 1
    return f"ok: {done} part(s) refunded"


HANDLERS = {
    "checkout.session.completed": _paid,
    "checkout.session.async_payment_succeeded": _paid,
    "checkout.session.async_payment_failed": _failed,
    "checkout.session.expired": _expired,
    "charge.refunded": _charge_refunded,
}
