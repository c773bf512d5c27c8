"""Card payments through Stripe Checkout (hosted page), with the real `stripe` library (v15 StripeClient).

SHOP_STRIPE_API_BASE points the library at another base URL (the tests run a fake Stripe on 127.0.0.1).
No SHOP_STRIPE_SECRET_KEY: enabled() is False and the card option is hidden.
"""
from __future__ import annotations

import json
import time

import stripe
from flask import current_app

from shop.money import to_stripe_amount


class SignatureError(Exception):
    pass


class ProviderError(Exception):
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
