"""Xendit callbacks, after the X-CALLBACK-TOKEN has been checked: each event recorded once, then turned into a
base.Status and settled with the order row locked (payments.settlement), the same path as the reconcile command.

Events of the Payment Request API: payment.succeeded / payment.failed (data: the payment, with the request's
id and our reference_id) and payment_method.expired (data: the QRIS or virtual-account payment method, with our
reference_id). Anything else is recorded and ignored.
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.payments import settlement
from shop.payments.models import Payment, ProcessedEvent
from shop.payments.providers import provider_of
from shop.payments.providers.base import Status
from shop.payments.providers.xendit import REFERENCE_PREFIX


class Duplicate(Exception):
    """This event was already handled (a replay, or a concurrent delivery of the same event)."""


class Malformed(Exception):
    """Not a Xendit callback we can read."""


def event_id(callback: dict, webhook_id: str | None) -> str:
    """Xendit's webhook-id header names the event across its retries; without it, the event and the object."""
    data = callback.get("data") or {}
    return "xendit:" + (webhook_id or f"{callback.get('event')}:{data.get('id')}:{data.get('status')}")[:240]


def handle(callback: dict, webhook_id: str | None = None) -> str:
    """Record the event once, then act on it. Returns what was done; raises Duplicate for a seen event."""
    if not isinstance(callback, dict) or not isinstance(callback.get("data"), dict) \
            or not isinstance(callback.get("event"), str):
        raise Malformed("not a callback")
    processed = ProcessedEvent(event_id=event_id(callback, webhook_id), event_type=callback["event"][:80])
    try:
        with db.session.begin_nested():  # on PostgreSQL a concurrent twin waits here until the first commits
            db.session.add(processed)
    except IntegrityError:
        raise Duplicate(processed.event_id) from None
    reading = HANDLERS.get(processed.event_type)
    outcome = "ignored"
    if reading is not None:
        payment_id, status = _payment_of(callback["data"]), reading(callback["data"])
        outcome = settlement.settle(payment_id, status) if payment_id else "unknown order or reference"
    processed.outcome = outcome[:200]
    if outcome != "ignored" and not outcome.startswith("ok"):
        current_app.logger.warning("xendit event %s (%s): %s", processed.event_id, processed.event_type, outcome)
    db.session.flush()
    return outcome


def _payment_of(data: dict) -> int | None:
    """Our payment named by the reference_id (checked against the payment request id when both are given)."""
    reference = str(data.get("reference_id") or "")
    if not reference.startswith(REFERENCE_PREFIX) or not reference[len(REFERENCE_PREFIX):].isdigit():
        return None
    payment = db.session.get(Payment, int(reference[len(REFERENCE_PREFIX):]))
    provider = provider_of(payment.method) if payment is not None else None
    if provider is None or provider.code != "xendit":
        return None
    request_id = data.get("payment_request_id")
    if request_id and payment.provider_session_id and str(request_id) != payment.provider_session_id:
        return None
    return payment.id


def _amount(data: dict) -> int | None:
    value = data.get("amount")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def _fee(data: dict) -> int | None:
    """A fee when the callback carries one (Xendit's payment callbacks usually do not: then the API is asked)."""
    fees = data.get("fees") or data.get("fee")
    if isinstance(fees, dict):
        total = [fees.get("xendit_fee"), fees.get("value_added_tax") or 0]
        if all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in total):
            return round(sum(total))
    return None


def _succeeded(data: dict) -> Status:
    if str(data.get("status", "")).upper() != "SUCCEEDED":
        return Status("open")
    return Status("paid", _amount(data), str(data.get("currency", "")).lower(), str(data.get("id") or "") or None,
                  _fee(data))


HANDLERS = {
    "payment.succeeded": _succeeded,
    "payment.failed": lambda data: Status("failed"),
    "payment_method.expired": lambda data: Status("expired"),
}
