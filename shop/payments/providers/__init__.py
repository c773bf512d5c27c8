"""The registry of payment providers: cart, checkout, order pages and templates ask it which methods a buyer may
use now (`available_methods`), never "is Stripe configured".

A provider is a `base.Provider` (code, methods, enabled(), start(payment), refund(payment, amount, key)) with
its `base.Method`s (code, per_part, hosted, confirmed_by_staff, received_into, channels). To add one (Xendit
QRIS / virtual account, the bazaar till's cash/QRIS/EDC):

1. write `shop/payments/providers/<name>.py` holding its SDK calls and
   `PROVIDER = Provider(code="xendit", methods=(Method(code="xendit_va", provider="xendit", per_part=False,
   hosted=True, received_into="platform"), ...), enabled=..., start=..., refund=...)`; a till method gets
   `channels=frozenset({"bazaar"})` so the online checkout never offers it;
2. add `<name>.PROVIDER` to `PROVIDERS` below (the order is the order buyers see);
3. give each method code a label in `shop/labels.py` (PAYMENT_METHODS, and CHECKOUT_METHODS for checkout).

Nothing in cart, orders or templates changes: payments.services opens the payments (per part or per order), the
views redirect to start()'s URL after the commit, refunds call refund(). A provider's verified callback calls
payments.services.provider_paid() (card_paid is its old name): it marks the whole order paid once; or it turns
the callback into a base.Status and calls payments.settlement.settle(), as the Xendit callback does. A provider
with lookup() is asked about open attempts by `flask shop reconcile-payments`.
"""
from __future__ import annotations

from shop.payments.providers import manual, stripe, till, xendit
from shop.payments.providers.base import Method, Provider

PROVIDERS: tuple[Provider, ...] = (xendit.PROVIDER, manual.PROVIDER, stripe.PROVIDER, till.PROVIDER)

__all__ = ["PROVIDERS", "Method", "Provider", "available_methods", "method", "provider_of"]


def method(code: str) -> Method | None:
    """The registered method with this code (enabled or not), or None."""
    return next((m for p in PROVIDERS for m in p.methods if m.code == code), None)


def provider_of(code: str) -> Provider | None:
    """The provider of a method code."""
    return next((p for p in PROVIDERS if any(m.code == code for m in p.methods)), None)


def available_methods(subject=None, channel: str = "online") -> list[Method]:
    """The methods a buyer may pay with now.

    subject None or a cart: every method of an enabled provider offered on `channel`. An Order: its own method if
    the order still waits for payment and its provider is enabled, else nothing (an order's method is chosen at
    checkout; the order page uses this to show the "pay" button).
    """
    status = getattr(subject, "status", None)
    if status is not None and hasattr(subject, "payment_method"):  # an Order
        chosen = method(subject.payment_method)
        provider = provider_of(subject.payment_method)
        if status != "placed" or chosen is None or provider is None or not provider.enabled():
            return []
        return [chosen] if subject.channel in chosen.channels else []
    return [m for p in PROVIDERS if p.enabled() for m in p.methods if channel in m.channels]
