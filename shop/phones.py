"""Indonesian phone numbers, one rule for the whole shop: parsed and checked by `phonenumbers`, stored as E.164
(`+6281234567890`) and linked to WhatsApp as `https://wa.me/6281234567890`."""
from __future__ import annotations

from urllib.parse import quote

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

COUNTRY = "ID"
MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def _parse(text: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse((text or "").strip(), COUNTRY)
    except NumberParseException:
        return None


def normalise(text: str | None, mobile: bool = False) -> str | None:
    """'0812-3456-7890', '62 812 3456 7890', '+6281234567890' -> '+6281234567890'; None unless it is a valid
    Indonesian number (a mobile one when `mobile`: WhatsApp and buyers' numbers)."""
    number = _parse(text)
    if number is None or number.country_code != 62 or not phonenumbers.is_valid_number(number):
        return None
    if mobile and phonenumbers.number_type(number) not in MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def stored_form(text: str | None) -> str:
    """What to keep for a number typed before this rule: its E.164 form when it reads as an Indonesian number,
    else the text unchanged (nothing is lost)."""
    number = _parse(text)
    if number is None or number.country_code != 62 or not phonenumbers.is_possible_number(number):
        return (text or "").strip()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def whatsapp_link(number: str | None, text: str = "") -> str:
    """`https://wa.me/62…` for a stored number (with the message pre-filled), or "" when there is no number."""
    e164 = stored_form(number)
    digits = "".join(c for c in e164 if c.isdigit()) if e164.startswith("+") else ""
    if not digits:
        return ""
    return f"https://wa.me/{digits}" + (f"?text={quote(text)}" if text else "")
