"""Dates and times as people read them: one format per language, every time in WIB (Asia/Jakarta).

Times are stored as naive UTC (shop.models_base.utcnow); Flask-Babel converts them to BABEL_DEFAULT_TIMEZONE.
Indonesian pages read 01-12-2026 and 01-12-2026 14:18 WIB; English pages 1 Dec 2026 and 1 Dec 2026, 14:18 WIB.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import format_date, format_datetime, get_locale

from shop.models_base import utcnow

PATTERNS = {"id": ("dd-MM-yyyy", "dd-MM-yyyy HH:mm"), "en": ("d MMM yyyy", "d MMM yyyy, HH:mm")}


def _patterns() -> tuple[str, str]:
    locale = get_locale()
    return PATTERNS.get(locale.language if locale else "id", PATTERNS["id"])


def day(value: date | datetime | None) -> str:
    """A calendar date; a datetime is first put in WIB, so a payment at 23:30 UTC is the next day's."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, _patterns()[0])
    return format_date(value, _patterns()[0])


def moment(value: datetime | None) -> str:
    """A date and time in WIB, marked as such."""
    if value is None:
        return ""
    return f"{format_datetime(value, _patterns()[1])} WIB"


def today_wib() -> date:
    """Today's date in WIB (UTC+7, no daylight saving)."""
    return (utcnow() + timedelta(hours=7)).date()


def jinja_filters() -> dict:
    return {"day": day, "moment": moment}
