"""Ask the providers about what their callbacks may have left unsaid, so a lost callback loses nothing:
open attempts of unpaid orders (completed or expired at the provider meanwhile) and paid Xendit payments whose
fee is not booked yet. Services: they flush; `flask shop reconcile-payments` commits after each payment.
"""
from __future__ import annotations

from sqlalchemy import select

from shop.extensions import db
from shop.orders.models import Order
from shop.payments import services as payments
from shop.payments import settlement
from shop.payments.models import Payment
from shop.payments.providers import PROVIDERS, provider_of
from shop.payments.providers import xendit as xendit_provider
from shop.payments.providers.base import ProviderError


def open_attempts() -> list[int]:
    """Pending whole-order attempts with an opened session, of orders still waiting for payment, at an enabled
    provider that can be asked."""
    codes = [m.code for p in PROVIDERS if p.enabled() for m in p.methods if not m.per_part]
    return list(db.session.scalars(
        select(Payment.id).join(Order, Order.id == Payment.order_id)
        .where(Payment.status == "pending", Payment.provider_session_id.is_not(None),
               Payment.method.in_(codes), Order.status == "placed").order_by(Payment.id)))


def fees_missing() -> list[int]:
    """Paid payments whose provider reports its fee (Xendit) but whose fee is not booked yet."""
    codes = [m.code for p in PROVIDERS if p.enabled() for m in p.methods if m.fee_from_provider]
    return list(db.session.scalars(select(Payment.id).where(
        Payment.status.in_(("paid", "refunded")), Payment.fee.is_(None), Payment.method.in_(codes))
        .order_by(Payment.id)))


def reconcile_attempt(payment_id: int) -> str:
    """Ask the attempt's provider what became of it, and settle that (paid, expired, failed or still open)."""
    payment = db.session.get(Payment, payment_id)
    provider = provider_of(payment.method) if payment is not None else None
    if provider is None or not provider.enabled():
        return "skipped: provider not configured"
    try:
        status = provider.lookup(payment)
    except ProviderError as err:
        return f"provider unreachable: {str(err)[:200]}"
    if status is None:
        return "skipped: the provider cannot say"
    return settlement.settle(payment_id, status)


def book_fee_from_xendit(payment_id: int) -> str:
    """Ask Xendit for the fee of a paid payment and book it (split exactly across the order's parts)."""
    payment = db.session.get(Payment, payment_id)
    if payment is None or payment.fee is not None or payment.status not in ("paid", "refunded"):
        return "ok: nothing to book"
    try:
        fee = xendit_provider.fetch_fee(f"{xendit_provider.REFERENCE_PREFIX}{payment.id}")
    except ProviderError as err:
        return f"provider unreachable: {str(err)[:200]}"
    if fee is None:
        return "fee not reported yet"
    payments.book_fee(payment, fee)
    return f"ok: fee {fee} booked"


def payment_of_reference(reference: str | None) -> int | None:
    """Our payment id in a Xendit reference_id ("pk-pay-12" -> 12)."""
    reference = str(reference or "")
    digits = reference[len(xendit_provider.REFERENCE_PREFIX):]
    return int(digits) if reference.startswith(xendit_provider.REFERENCE_PREFIX) and digits.isdigit() else None
