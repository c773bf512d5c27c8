"""Whole rupiah as integers. The only place that converts money to text or to Stripe's units."""
from __future__ import annotations

import re

from babel.numbers import format_currency
from flask_babel import gettext as _

IDR_PATTERN = "¤#,##0"


def format_idr(amount: int | None) -> str:
    """format_idr(750000) == 'Rp750.000' (Indonesian grouping whatever the UI language)."""
    if amount is None:
        return ""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("rupiah amounts are integers")
    text = format_currency(abs(amount), "IDR", format=IDR_PATTERN, locale="id_ID", currency_digits=False)
    return ("-" if amount < 0 else "") + text


def format_idr_statement(amount: int | None) -> str:
    """As in a financial statement: a negative amount (a deduction, a loss) in brackets, (Rp5.000)."""
    if amount is not None and not isinstance(amount, bool) and isinstance(amount, int) and amount < 0:
        return f"({format_idr(-amount)})"
    return format_idr(amount)


def to_stripe_amount(amount: int) -> int:
    """Stripe treats IDR as a two-decimal currency: Rp750.000 is sent as 75000000."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError("amount must be a non-negative integer number of rupiah")
    return amount * 100


def from_stripe_amount(amount: int) -> int:
    if amount % 100:
        raise ValueError("Stripe IDR amount has a fractional rupiah")
    return amount // 100


_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")
_DECIMALS = re.compile(r"(.*),([0-9]{1,2})")


def _split(text: str | None) -> tuple[str, str] | None:
    """(whole part, decimal digits) of what a person typed, or None when it is not a rupiah amount."""
    if text is None:
        return None
    cleaned = str(text).strip().lower().replace("rp", "").replace(" ", "").replace("\u00a0", "")
    decimals = ""
    match = _DECIMALS.fullmatch(cleaned)
    if match and "," not in match.group(1):  # Indonesian: "1.000,50" has 50 sen
        cleaned, decimals = match.group(1), match.group(2)
    if not _GROUPED.fullmatch(cleaned):
        return None
    return cleaned.replace(".", "").replace(",", ""), decimals


def parse_idr(text: str | None) -> int | None:
    """Parse what a person types for a price: '750000', '750.000', 'Rp 750.000', '150.000,00' (zero sen).
    None when it is not a whole number of rupiah: '1.000,50' (sen), '1.5', '-3', '1e9', other digits."""
    parts = _split(text)
    if parts is None or len(parts[0]) > 13 or parts[1].strip("0"):
        return None
    return int(parts[0])


def idr_problem(text: str | None) -> str | None:
    """Why a number-looking `text` is refused as rupiah (sen, too large): a message for the person. None when
    parse_idr reads it, or when it is no number at all (the form says what it expects)."""
    if parse_idr(text) is not None:
        return None
    parts = _split(text)
    if parts is not None and parts[1].strip("0"):
        return _("Rupiah tanpa sen: tulis %(whole)s, bukan %(typed)s.",
                 whole=format_idr(int(parts[0])) if len(parts[0]) <= 13 else parts[0], typed=str(text).strip())
    if parts is not None:
        return _("Jumlah rupiah terlalu besar.")
    return None
