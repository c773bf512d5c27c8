"""The impact figures of a scope (some groups) for a period, assembled from the fixed set of reads in
queries.py: per group, and for the whole scope (unique buyers are counted once across groups).

Definitions (the pages say the same):
- sales: net sales credited in the books (refunds subtract), by channel: online, bazaar and made-to-measure
  ("custom", credited when a request is delivered); any other channel the books hold is shown too;
- orders: paid order parts; average order: sales / orders;
- buyers (IRIS+ PI4060, client individuals): distinct buyers (e-mail, else phone) with a paid order; repeat
  buyers: those with two or more;
- members active: current members credited with a sale in the last 90 days, as a share of current members;
- income per member (IRIS+ PI7852, payments to supplier individuals): sales credited to members and makers'
  shares paid to them, each divided by current members;
- koperasi readiness: members against the 9 founders a koperasi needs, months of books kept (12 needed),
  members who paid simpanan pokok in full.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from shop.groups.models import Group
from shop.impact import queries as q
from shop.impact.period import ACTIVE_DAYS, Period
from shop.impact.scope import Scope, group_ids

KNOWN_CHANNELS = ("online", "bazaar", "custom")
MIN_FOUNDERS = 9
BOOK_MONTHS = 12
DEFAULT_POKOK = 100_000


def channel_order(channels) -> list[str]:
    known = [ch for ch in KNOWN_CHANNELS if ch in channels]
    return known + sorted(set(channels) - set(KNOWN_CHANNELS))


def share(part: int, whole: int) -> int | None:
    """A whole-number percentage (half up), None when there is nothing to divide by."""
    return (200 * part + whole) // (2 * whole) if whole else None


def per(total: int, count: int) -> int:
    return (2 * total + count) // (2 * count) if count else 0


@dataclass
class GroupFigures:
    group: Group
    period: Period
    months: dict[int, dict[str, int]] = field(default_factory=dict)  # every month fetched
    orders_by_month: dict[int, int] = field(default_factory=dict)
    last_sale: date | None = None
    members: list[q.MemberRow] = field(default_factory=list)
    active_ids: set[int] = field(default_factory=set)
    buyers: int = 0
    repeat_buyers: int = 0
    shares_paid: int = 0
    simpanan: int = 0
    pokok_paid: int = 0
    books_since: date | None = None
    listings: list[q.Listing] = field(default_factory=list)
    waiting: list[q.Waiting] = field(default_factory=list)
    notes: int = 0
    last_note: date | None = None
    flags: list = field(default_factory=list)

    def month_sales(self, key: int) -> int:
        return sum(self.months.get(key, {}).values())

    @property
    def by_channel(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for key in self.period.keys:
            for channel, amount in self.months.get(key, {}).items():
                out[channel] += amount
        return dict(out)

    @property
    def sales(self) -> int:
        return sum(self.month_sales(k) for k in self.period.keys)

    @property
    def orders(self) -> int:
        return sum(self.orders_by_month.get(k, 0) for k in self.period.keys)

    @property
    def average_order(self) -> int:
        return per(self.sales, self.orders)

    @property
    def member_sales(self) -> int:
        return sum(m.sales for m in self.members)

    @property
    def active_share(self) -> int | None:
        return share(len(self.active_ids), len(self.members))

    @property
    def sales_per_member(self) -> int:
        return per(self.member_sales, len(self.members))

    @property
    def paid_per_member(self) -> int:
        return per(self.shares_paid, len(self.members))

    @property
    def books_months(self) -> int:
        if self.books_since is None:
            return 0
        until = self.period.until
        return max(0, (until.year - self.books_since.year) * 12 + until.month - self.books_since.month)

    @property
    def readiness(self) -> dict[str, bool]:
        return {"members": len(self.members) >= MIN_FOUNDERS, "books": self.books_months >= BOOK_MONTHS,
                "simpanan": bool(self.members) and self.pokok_paid == len(self.members)}


@dataclass
class Overview:
    period: Period
    groups: list[GroupFigures]
    buyers: int
    repeat_buyers: int
    by_craft: dict[str, int]
    active_by_month: list[tuple[int, int, int]]  # (month key, members active at its end, members)

    def total(self, name: str) -> int:
        return sum(getattr(g, name) for g in self.groups)

    @property
    def members(self) -> int:
        return sum(len(g.members) for g in self.groups)

    @property
    def active(self) -> int:
        return sum(len(g.active_ids) for g in self.groups)

    @property
    def active_share(self) -> int | None:
        return share(self.active, self.members)

    @property
    def average_order(self) -> int:
        return per(self.total("sales"), self.total("orders"))

    @property
    def sales_per_member(self) -> int:
        return per(self.total("member_sales"), self.members)

    @property
    def paid_per_member(self) -> int:
        return per(self.total("shares_paid"), self.members)

    @property
    def channels(self) -> list[str]:
        return channel_order({ch for g in self.groups for k in self.period.keys for ch in g.months.get(k, {})})

    def month_rows(self) -> list[tuple[int, dict[str, int]]]:
        """(month key, {channel: sales}) for every month of the period, over all groups."""
        rows = []
        for key in self.period.keys:
            sums: dict[str, int] = defaultdict(int)
            for g in self.groups:
                for channel, amount in g.months.get(key, {}).items():
                    sums[channel] += amount
            rows.append((key, dict(sums)))
        return rows

    def by_region(self) -> list[tuple[str, int]]:
        sums: dict[str, int] = defaultdict(int)
        for g in self.groups:
            sums[g.group.region.label] += g.sales
        return sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))

    def ready_count(self, what: str) -> int:
        return sum(g.readiness[what] for g in self.groups)


def _active(days: set[date], end: date) -> bool:
    return any(end - timedelta(days=ACTIVE_DAYS) < d <= end for d in days)


def overview(scope: Scope, period: Period) -> Overview:
    """Every figure of the scope in a fixed number of queries (one per read in queries.py)."""
    ids = group_ids(scope)
    figures = {g.id: GroupFigures(g, period) for g in q.groups(scope)}
    for gid, months in q.monthly_sales(ids, period).items():
        if gid in figures:
            for key, channels in months.items():
                figures[gid].months[key] = {ch: v[0] for ch, v in channels.items()}
                figures[gid].orders_by_month[key] = sum(v[1] for v in channels.values())
    for gid, day in q.last_sale(ids, period.until).items():
        if gid in figures:
            figures[gid].last_sale = day
    days = q.credit_days(ids, period)
    paid = q.shares_paid(ids, period)
    savings = q.simpanan(ids, period)
    pokok = q.pokok_amounts(ids)
    for row in q.members(ids, period):
        if row.group_id not in figures:
            continue
        g = figures[row.group_id]
        row.paid = paid.get(row.group_id, {}).get(row.id, 0)
        row.pokok = savings.get(row.id, {}).get("pokok", 0)
        row.simpanan = savings.get(row.id, {}).get("period", 0)
        g.members.append(row)
        g.simpanan += row.simpanan
        g.pokok_paid += row.pokok >= pokok.get(row.group_id, DEFAULT_POKOK)
        if _active(days.get(row.id, set()), period.until):
            g.active_ids.add(row.id)
    for gid, by_member in paid.items():
        if gid in figures:
            figures[gid].shares_paid = sum(by_member.values())
    for gid, day in q.books_since(ids, period.until).items():
        if gid in figures:
            figures[gid].books_since = day
    everyone: dict[str, int] = defaultdict(int)
    for gid, buyer, n in q.buyers(ids, period):
        if gid in figures:
            figures[gid].buyers += 1
            figures[gid].repeat_buyers += n >= 2
            everyone[buyer] += n
    for listing in q.listings(ids):
        if listing.group_id in figures:
            figures[listing.group_id].listings.append(listing)
    for part in q.waiting_parts(ids, period.until, 3):
        if part.group_id in figures:
            figures[part.group_id].waiting.append(part)
    for gid, (n, last) in q.note_counts(ids).items():
        if gid in figures:
            figures[gid].notes, figures[gid].last_note = n, last
    members = [m for g in figures.values() for m in g.members]
    active = [(key, sum(_active(days.get(m.id, set()), period.month_end(key)) for m in members), len(members))
              for key in period.keys]
    return Overview(period, list(figures.values()), len(everyone), sum(n >= 2 for n in everyone.values()),
                    q.sales_by_craft(ids, period), active)

