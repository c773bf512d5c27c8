"""Period control: which dates the books still accept. Nothing is posted on or before the last closed year-end,
in a month the bendahara soft-locked, or more than a day ahead of today in WIB; years close only in order."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger.models import ClosedYear, JournalEntry, PeriodLock
from shop.models_base import utcnow
from shop.timefmt import day as day_text

JAKARTA = timedelta(hours=7)  # the groups' books are kept in West Indonesian time (no daylight saving)
DAYS_AHEAD = 1  # a phone a little ahead of the server, a bazaar crossing midnight; never next week


class PeriodClosed(DomainError):
    pass


def wib_day(moment: datetime | None = None) -> date:
    """The WIB date of a naive UTC timestamp (now when None)."""
    return ((moment or utcnow()) + JAKARTA).date()


def today_wib() -> date:
    return wib_day()


def month_start(day: date) -> date:
    return day.replace(day=1)


def last_closed_year(group_id: int) -> int | None:
    return db.session.scalar(select(func.max(ClosedYear.year)).where(ClosedYear.group_id == group_id))


def locked_months(group_id: int) -> list[date]:
    return list(db.session.scalars(select(PeriodLock.month).where(
        PeriodLock.group_id == group_id, PeriodLock.reopened_at.is_(None)).order_by(PeriodLock.month)))


def check_open(group_id: int, day: date) -> None:
    """Refuse (PeriodClosed) a date the books no longer, or not yet, accept."""
    closed = last_closed_year(group_id)
    if closed is not None and day <= date(closed, 12, 31):
        raise PeriodClosed(_("Buku sudah ditutup sampai 31 Desember %(year)d; tidak bisa mencatat transaksi "
                             "bertanggal %(day)s.", year=closed, day=day_text(day)))
    if month_start(day) in locked_months(group_id):
        raise PeriodClosed(_("Bulan %(month)s sudah dikunci bendahara; buka kembali dulu dengan alasan.",
                             month=day.strftime("%m/%Y")))
    if day > today_wib() + timedelta(days=DAYS_AHEAD):
        raise PeriodClosed(_("Tanggal %(day)s masih di masa depan.", day=day_text(day)))


def check_can_close(group_id: int, year: int) -> None:
    """Years close in order: not one at or before the last closed year, and not while an earlier year that has
    entries is still open."""
    closed = last_closed_year(group_id)
    if closed is not None and year <= closed:
        raise PeriodClosed(_("Tahun buku %(year)d sudah ditutup.", year=closed if year == closed else year))
    earliest = db.session.scalar(select(func.min(JournalEntry.date)).where(JournalEntry.group_id == group_id))
    first_open = closed + 1 if closed is not None else (earliest.year if earliest is not None else year)
    if year > first_open:
        raise PeriodClosed(_("Tutup dulu tahun buku %(year)d; tahun ditutup berurutan.", year=first_open))


def lock_month(group_id: int, day: date, user_id: int | None = None) -> PeriodLock:
    month = month_start(day)
    if month >= month_start(today_wib()):
        raise DomainError(_("Hanya bulan yang sudah lewat yang bisa dikunci."))
    if month in locked_months(group_id):
        raise DomainError(_("Bulan ini sudah dikunci."))
    lock = PeriodLock(group_id=group_id, month=month, locked_by_id=user_id)
    db.session.add(lock)
    db.session.flush()
    return lock


def reopen_month(group_id: int, day: date, reason: str, user_id: int | None = None) -> PeriodLock:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise DomainError(_("Tulis alasan membuka kembali bulan ini."))
    lock = db.session.scalar(select(PeriodLock).where(
        PeriodLock.group_id == group_id, PeriodLock.month == month_start(day), PeriodLock.reopened_at.is_(None)))
    if lock is None:
        raise DomainError(_("Bulan ini tidak sedang dikunci."))
    closed = last_closed_year(group_id)
    if closed is not None and lock.month.year <= closed:
        raise DomainError(_("Tahun buku %(year)d sudah ditutup.", year=lock.month.year))
    lock.reopened_at, lock.reopened_by_id, lock.reopen_reason = utcnow(), user_id, reason[:300]
    db.session.flush()
    return lock


def lock_history(group_id: int) -> list[PeriodLock]:
    return list(db.session.scalars(select(PeriodLock).where(PeriodLock.group_id == group_id)
                                   .order_by(PeriodLock.month.desc(), PeriodLock.id.desc())))
