"""The period of a set of financial statements: a month, a quarter (triwulan) or a year, read from the period
picker's query string (jenis, tahun, bulan / triwulan), by default the current month in WIB."""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from shop.errors import DomainError

KINDS = ("bulan", "triwulan", "tahun")
EARLIEST_YEAR = 2000
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodInputError(DomainError):
    """The period picker's values do not name a period the books can report on (said in plain words)."""


@dataclass(frozen=True)
class Period:
    kind: str  # bulan | triwulan | tahun
    year: int
    number: int  # the month 1-12, the quarter 1-4, or 1 for a year

    @property
    def start(self) -> date:
        if self.kind == "bulan":
            return date(self.year, self.number, 1)
        if self.kind == "triwulan":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        last_month = {"bulan": self.number, "triwulan": 3 * self.number, "tahun": 12}[self.kind]
        return date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    def previous(self) -> Period:
        """The period of the same kind just before this one (the comparative column)."""
        if self.kind == "tahun":
            return Period("tahun", self.year - 1, 1)
        count = 12 if self.kind == "bulan" else 4
        if self.number == 1:
            return Period(self.kind, self.year - 1, count)
        return Period(self.kind, self.year, self.number - 1)

    @property
    def label(self) -> str:
        if self.kind == "bulan":
            return format_date(self.start, "LLLL yyyy")
        if self.kind == "triwulan":
            return _("Triwulan %(q)s %(year)d", q=ROMAN[self.number], year=self.year)
        return _("Tahun %(year)d", year=self.year)

    @property
    def args(self) -> dict:
        """The query string that names this period (for links and downloads)."""
        values: dict = {"jenis": self.kind, "tahun": self.year}
        if self.kind != "tahun":
            values[self.kind] = self.number
        return values

    @property
    def slug(self) -> str:
        """For file names: 2026-03, 2026-t1, 2026."""
        return {"bulan": f"{self.year}-{self.number:02d}", "triwulan": f"{self.year}-t{self.number}",
                "tahun": f"{self.year}"}[self.kind]


def current(kind: str, today: date) -> Period:
    number = {"bulan": today.month, "triwulan": (today.month - 1) // 3 + 1, "tahun": 1}[kind]
    return Period(kind, today.year, number)


def _number(text: str | None, low: int, high: int, message: str) -> int | None:
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 4 or not low <= int(text) <= high:
        raise PeriodInputError(message)
    return int(text)


def parse(args: Mapping, today: date) -> Period:
    """The period the picker asks for; missing values are today's (WIB). PeriodInputError for a kind that does
    not exist, a year, month or quarter out of range, or a period that has not started yet."""
    kind = (args.get("jenis") or "bulan").strip()
    if kind not in KINDS:
        raise PeriodInputError(_("Pilih jenis periode: bulan, triwulan atau tahun."))
    year = _number(args.get("tahun"), EARLIEST_YEAR, today.year,
                   _("Tahun harus antara %(low)d dan %(high)d.", low=EARLIEST_YEAR, high=today.year))
    # no year, or this year: today's period; an earlier year: its last month or quarter
    period = current(kind, today if year in (None, today.year) else date(year, 12, 31))
    if kind == "bulan":
        month = _number(args.get("bulan"), 1, 12, _("Bulan harus 1 sampai 12."))
        period = Period(kind, period.year, month or period.number)
    elif kind == "triwulan":
        quarter = _number(args.get("triwulan"), 1, 4, _("Triwulan harus 1 sampai 4."))
        period = Period(kind, period.year, quarter or period.number)
    if period.start > today:
        raise PeriodInputError(_("Periode %(period)s belum dimulai.", period=period.label))
    return period
