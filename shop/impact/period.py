"""Months and days as the groups live them (WIB, Asia/Jakarta, no daylight saving), and the period a page
shows: the months up to an `until` day (today, or a quarter's last day). Every figure takes `until` as a
parameter, so a test can ask what the page said on any day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from shop.models_base import utcnow

WIB = timedelta(hours=7)
TREND_MONTHS = 4  # "three months running" compares four complete months
ACTIVE_DAYS = 90


def today_wib() -> date:
    return (utcnow() + WIB).date()


def wib_day(moment: datetime) -> date:
    """The local (WIB) date of a naive UTC timestamp."""
    return (moment + WIB).date()


def utc_start(day: date) -> datetime:
    """The naive UTC moment at which a WIB day begins."""
    return datetime.combine(day, time()) - WIB


def month_key(day: date) -> int:
    return day.year * 12 + day.month - 1


def key_start(key: int) -> date:
    return date(key // 12, key % 12 + 1, 1)


def key_end(key: int) -> date:
    return key_start(key + 1) - timedelta(days=1)


@dataclass(frozen=True)
class Period:
    until: date
    months: int = 12

    @property
    def keys(self) -> list[int]:
        last = month_key(self.until)
        return list(range(last - self.months + 1, last + 1))

    @property
    def since(self) -> date:
        return key_start(self.keys[0])

    @property
    def last_complete(self) -> int:
        """The last whole month up to `until` (the current month counts once its last day is reached)."""
        key = month_key(self.until)
        return key if self.until == key_end(key) else key - 1

    @property
    def trend_keys(self) -> list[int]:
        last = self.last_complete
        return list(range(last - TREND_MONTHS + 1, last + 1))

    @property
    def fetch_since(self) -> date:
        """The first day any figure of this period needs: the trend months and 90 days before the first
        month (members active at each month's end)."""
        return min(self.since - timedelta(days=ACTIVE_DAYS), key_start(self.trend_keys[0]))

    def month_end(self, key: int) -> date:
        return min(key_end(key), self.until)


def quarter_period(year: int, quarter: int, today: date) -> Period | None:
    """The months of a quarter up to today; None for a quarter that has not begun (or a nonsense one)."""
    if quarter not in (1, 2, 3, 4) or not 2000 <= year <= 2100:
        return None
    first = date(year, 3 * quarter - 2, 1)
    if first > today:
        return None
    last = min(key_end(month_key(first) + 2), today)
    return Period(last, month_key(last) - month_key(first) + 1)
