"""Dates people type into the books and member records: from 2000 to a year ahead (0001-01-01 and 9999-12-31
are typing mistakes, and the day before or after them cannot even be computed)."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from wtforms.validators import ValidationError

EARLIEST = date(2000, 1, 1)


def latest() -> date:
    return date.today() + timedelta(days=366)


def in_range(day: date | None) -> bool:
    return day is None or EARLIEST <= day <= latest()


def parse_day(value: str | None) -> date | None:
    """An ISO date from a query string, or None when absent, unreadable or outside the range."""
    try:
        day = date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
    return day if in_range(day) else None


def reasonable_date(form, field) -> None:
    """WTForms validator: a date inside the range, with a message that says which."""
    if not in_range(field.data):
        raise ValidationError(_("Tanggal harus antara %(a)s dan %(b)s.", a=format_date(EARLIEST, "long"),
                                b=format_date(latest(), "long")))
