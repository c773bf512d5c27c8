"""Card payments through Stripe Checkout (hosted page), with the real `stripe` library (v15 StripeClient).

SHOP_STRIPE_API_BASE points the library at another base URL (the tests run a fake Stripe on 127.0.0.1).
No SHOP_STRIPE_SECRET_KEY: enabled() is False, so the registry offers no card method.
"""
from __future__ import annotations

import json
import time

import stripe
from flask import current_app
from flask_babel import gettext as _

from shop.money import from_stripe_amount, to_stripe_amount
from shop.payments.providers.base import Method, Provider, ProviderError, Status
from shop.urls import external_url


class SignatureError(Exception):
    pass


def enabled() -> bool:
    """Card payments are offered only with both keys: without the webhook secret no order would be marked paid."""
    return bool(current_app.config.get("STRIPE_SECRET_KEY")) and bool(current_app.config.get("STRIPE_WEBHOOK_SECRET"))


FUTURE_TOLERANCE = 300  # seconds: Stripe's own check only refuses events that are too old


def _client() -> stripe.StripeClient:
    cfg = current_app.config
    base = cfg.get("STRIPE_API_BASE") or ""
    return stripe.StripeClient(cfg["STRIPE_SECRET_KEY"], base_addresses={"api": base} if base else None,
                               max_network_retries=0)


def create_checkout(*, payment_id: int, order_id: int, order_number: str, email: str,
                    lines: list[tuple[str, int, int]], success_url: str, cancel_url: str) -> tuple[str, str]:
    """lines: (name, unit price in rupiah, quantity). Returns (session id, hosted page url).

    The idempotency key is fixed per payment attempt: retrying the same attempt never makes a second session.
    """
    params = {
        "mode": "payment",
        "currency": "idr",
        "customer_email": email,
        "client_reference_id": str(order_id),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "line_items": [{"quantity": q, "price_data": {"currency": "idr", "unit_amount": to_stripe_amount(price),
                                                      "product_data": {"name": name[:250]}}}
                       for name, price, q in lines],
        "metadata": {"order_id": str(order_id), "order_number": order_number, "payment_id": str(payment_id)},
        "payment_intent_data": {"metadata": {"order_id": str(order_id), "payment_id": str(payment_id)}},
    }
    try:
        session = _client().v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"pasar-karya-checkout-{payment_id}"})
    except stripe.StripeError as err:
        raise ProviderError(str(err)) from err
    return session.id, session.url


def refund(*, payment_intent: str, amount: int, key: str) -> str:
    try:
        result = _client().v1.refunds.create(
            params={"payment_intent": payment_intent, "amount": to_stripe_amount(amount)},
            options={"idempotency_key": key})
    except stripe.StripeError as err:
        raise ProviderError(str(err)) from err
    return result.id


def verify_event(payload: bytes, sig_header: str | None) -> dict:
    """Check the Stripe-Signature header on the raw body (and its age); return the event as plain data."""
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET") or ""
    if not secret or not sig_header:
        raise SignatureError("missing secret or signature")
    try:
        stripe.WebhookSignature.verify_header(payload.decode("utf-8"), sig_header, secret,
                                              tolerance=stripe.Webhook.DEFAULT_TOLERANCE)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as err:
        raise SignatureError(str(err)) from err
    if _signed_at(sig_header) > time.time() + FUTURE_TOLERANCE:
        raise SignatureError("timestamp in the future")
    if not isinstance(event, dict) or not isinstance(event.get("data", {}).get("object"), dict):
        raise SignatureError("not an event")
    return event


def _signed_at(sig_header: str) -> int:
    for item in sig_header.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            return int(value)
    raise SignatureError("no timestamp")


def start(payment) -> str:
    """Open (or get back, by idempotency key) the Checkout session of a card payment; returns the hosted page URL
    and keeps the session on the payment. Raises ProviderError when Stripe cannot be reached."""
    order = payment.order
    if payment.checkout_url:
        return payment.checkout_url
    lines = [(f"{line.title} ({line.variant_label})" if line.variant_label != "-" else line.title,
              line.unit_price, line.quantity) for part in order.parts for line in part.lines]
    lines += [(_("Ongkos kirim %(g)s", g=part.group.name), part.shipping_fee, 1)
              for part in order.parts if part.shipping_fee]
    session_id, url = create_checkout(
        payment_id=payment.id, order_id=order.id, order_number=order.number, email=order.buyer_email,
        lines=lines, success_url=external_url("orders.card_return", token=order.token),
        cancel_url=external_url("orders.show", token=order.token))
    payment.provider_session_id = session_id
    payment.checkout_url = url
    return url


def refund_payment(payment, amount: int, key: str) -> str:
    return refund(payment_intent=payment.provider_payment_id, amount=amount, key=key)


def session_fee(session: dict) -> int | None:
    """Stripe's fee in rupiah when the session carries the balance transaction (payment_intent expanded to
    latest_charge.balance_transaction), else None: the books then use the group's configured rate."""
    intent = session.get("payment_intent")
    charge = intent.get("latest_charge") if isinstance(intent, dict) else None
    txn = charge.get("balance_transaction") if isinstance(charge, dict) else None
    fee = txn.get("fee") if isinstance(txn, dict) else None
    if isinstance(fee, bool) or not isinstance(fee, int) or fee < 0 or txn.get("currency", "idr") != "idr":
        return None
    return (fee + 50) // 100  # IDR is a two-decimal currency at Stripe (see money.to_stripe_amount)


def lookup(payment) -> Status | None:
    """What Stripe says now about the attempt's Checkout session (for reconcile-payments). Raises ProviderError."""
    if not payment.provider_session_id:
        return None
    try:
        session = _client().v1.checkout.sessions.retrieve(
            payment.provider_session_id, params={"expand": ["payment_intent.latest_charge.balance_transaction"]})
    except stripe.StripeError as err:
        raise ProviderError(str(err)) from err
    data = session.to_dict()
    if data.get("status") == "expired":
        return Status("expired")
    if data.get("status") != "complete" or data.get("payment_status") != "paid":
        return Status("open")
    intent = data.get("payment_intent")
    total = data.get("amount_total")
    amount = from_stripe_amount(total) if isinstance(total, int) and total % 100 == 0 else None
    return Status("paid", amount, str(data.get("currency", "")).lower(),
                  str((intent.get("id") if isinstance(intent, dict) else intent) or "") or None, session_fee(data))


PROVIDER = Provider(code="stripe", enabled=enabled, start=start, refund=refund_payment, lookup=lookup, methods=(
    Method(code="stripe", provider="stripe", per_part=False, hosted=True, received_into="platform"),
))
