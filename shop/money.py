"""Whole rupiah as integers. The only place that converts money to text or to Stripe's units."""
from __future__ import annotations

from babel.numbers import format_currency

IDR_PATTERN = "¤#,##0"


def format_idr(amount: int | None) -> str:
    """format_idr(750000) == 'Rp750.000' (Indonesian grouping whatever the UI language)."""
    if amount is None:
        return ""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("rupiah amounts are integers")
    text = format_currency(abs(amount), "IDR", format=IDR_PATTERN, locale="id_ID", currency_digits=False)
    return ("-" if amount < 0 else "") + text


def to_stripe_amount(amount: int) -> int:
    """Stripe treats IDR as a two-decimal currency: Rp750.000 is sent as 75000000."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError("amount must be a non-negative integer number of rupiah")
    return amount * 100


def from_stripe_amount(amount: int) -> int:
    if amount % 100:
        raise ValueError("Stripe IDR amount has a fractional rupiah")
    return amount // 100


def parse_idr(text: str | None) -> int | None:
    """Parse what a person types for a price: '750000', '750.000', 'Rp 750.000'. None when not a number."""
    if text is None:
        return None
    cleaned = str(text).strip().lower().replace("rp", "").replace(".", "").replace(" ", "").replace(",", "")
    if not cleaned.isdigit() or len(cleaned) > 13:
        return None
    return int(cleaned)
