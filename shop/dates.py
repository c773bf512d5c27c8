"""Dates and times as people in Java read them: dd-mm-yyyy, times in WIB (stored naive UTC)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

WIB = timedelta(hours=7)  # Asia/Jakarta has no daylight saving


def dmy(value: date | datetime | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def wib(value: datetime | None) -> str:
    """A naive UTC timestamp shown in West Indonesian time."""
    return f"{(value + WIB):%d-%m-%Y %H:%M} WIB" if value else ""
