"""Read-side helpers for the books pages and exports. Amounts keep the ledger's signs; `shown()` flips the
sign of liability, equity and income accounts for display only."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.chart import accounts_by_code
from shop.ledger.models import CHANNELS, Account, JournalEntry, Posting, SalesCredit

CREDIT_NORMAL = ("liability", "equity", "income")


def shown(kind: str, amount: int) -> int:
    """The balance as a person reads it: positive on the account's normal side."""
    return -amount if kind in CREDIT_NORMAL else amount



def balances(group_id: int, since: date | None = None, until: date | None = None,
             exclude_kinds: tuple[str, ...] = ()) -> dict[str, int]:
    """Balance of every account of the group (sum of its postings), by account code; dates inclusive;
    entries of `exclude_kinds` left out (a period's movements leave out the year-end close: E13)."""
    query = (select(Account.code, func.coalesce(func.sum(Posting.amount), 0))
             .select_from(Account)
             .outerjoin(Posting, Posting.account_id == Account.id)
             .outerjoin(JournalEntry, JournalEntry.id == Posting.entry_id)
             .where(Account.group_id == group_id).group_by(Account.code))
    if since is not None or until is not None or exclude_kinds:
        query = (select(Account.code, func.coalesce(func.sum(Posting.amount), 0))
                 .join(Posting, Posting.account_id == Account.id)
                 .join(JournalEntry, JournalEntry.id == Posting.entry_id)
                 .where(Account.group_id == group_id).group_by(Account.code))
        if since is not None:
            query = query.where(JournalEntry.date >= since)
        if exclude_kinds:
            query = query.where(JournalEntry.kind.not_in(exclude_kinds))
        if until is not None:
            query = query.where(JournalEntry.date <= until)
    result = {code: 0 for code in accounts_by_code(group_id)}
    result.update({code: int(total) for code, total in db.session.execute(query)})
    return result


def balance(group_id: int, code: str, until: date | None = None) -> int:
    return balances(group_id, until=until).get(code, 0)


def available(group_id: int, code: str, day: date) -> int:
    """What an account can give on `day` without going below zero then or on any later date: the lowest of
    its running balance from that day on (a back-dated payment must not overdraw the past: E8)."""
    running = balance(group_id, code, until=day)
    lowest = running
    daily = (select(JournalEntry.date, func.sum(Posting.amount))
             .join(Posting, Posting.entry_id == JournalEntry.id).join(Account, Account.id == Posting.account_id)
             .where(Account.group_id == group_id, Account.code == code, JournalEntry.date > day)
             .group_by(JournalEntry.date).order_by(JournalEntry.date))
    for _day, amount in db.session.execute(daily):
        running += int(amount)
        lowest = min(lowest, running)
    return lowest


def member_balance(group_id: int, code: str, member_id: int, until: date | None = None) -> int:
    query = (select(func.coalesce(func.sum(Posting.amount), 0))
             .join(Account, Account.id == Posting.account_id)
             .join(JournalEntry, JournalEntry.id == Posting.entry_id)
             .where(Account.group_id == group_id, Account.code == code, Posting.member_id == member_id))
    if until is not None:
        query = query.where(JournalEntry.date <= until)
    return int(db.session.scalar(query))


def member_balances(group_id: int, code: str, until: date | None = None) -> dict[int, int]:
    query = (select(Posting.member_id, func.sum(Posting.amount))
             .join(Account, Account.id == Posting.account_id)
             .join(JournalEntry, JournalEntry.id == Posting.entry_id)
             .where(Account.group_id == group_id, Account.code == code, Posting.member_id.is_not(None))
             .group_by(Posting.member_id))
    if until is not None:
        query = query.where(JournalEntry.date <= until)
    return {member_id: int(total) for member_id, total in db.session.execute(query)}


@dataclass
class AccountRow:
    code: str
    name: str
    kind: str
    balance: int  # ledger sign

    @property
    def display(self) -> int:
        return shown(self.kind, self.balance)


def account_rows(group_id: int, since: date | None = None, until: date | None = None,
                 exclude_kinds: tuple[str, ...] = ()) -> list[AccountRow]:
    totals = balances(group_id, since=since, until=until, exclude_kinds=exclude_kinds)
    accounts = db.session.scalars(select(Account).where(Account.group_id == group_id).order_by(Account.code))
    return [AccountRow(a.code, a.name, a.kind, totals.get(a.code, 0)) for a in accounts]


def entry_numbers(group_id: int, entry_ids) -> dict[int, int]:
    """Each entry's journal number (E15): its place among the group's entries in date order, 1, 2, 3 … with no
    gaps, whatever other groups post meanwhile."""
    ids = list(entry_ids)
    if not ids:
        return {}
    numbered = (select(JournalEntry.id, func.row_number().over(order_by=(JournalEntry.date, JournalEntry.id))
                       .label("number")).where(JournalEntry.group_id == group_id).subquery())
    return dict(db.session.execute(select(numbered.c.id, numbered.c.number).where(numbered.c.id.in_(ids))).all())


@dataclass
class JournalLine:
    entry: JournalEntry
    posting: Posting
    running: int | None


def _journal_filter(query, group_id: int, since: date | None, until: date | None, account: str | None,
                    kind: str | None):
    query = (query.join(JournalEntry, JournalEntry.id == Posting.entry_id)
             .join(Account, Account.id == Posting.account_id).where(JournalEntry.group_id == group_id))
    if since is not None:
        query = query.where(JournalEntry.date >= since)
    if until is not None:
        query = query.where(JournalEntry.date <= until)
    if account:
        query = query.where(Account.code == account)
    if kind:
        query = query.where(JournalEntry.kind == kind)
    return query


def journal_count(group_id: int, since: date | None = None, until: date | None = None,
                  account: str | None = None, kind: str | None = None) -> int:
    return int(db.session.scalar(_journal_filter(select(func.count(Posting.id)), group_id, since, until,
                                                 account, kind)) or 0)


def journal(group_id: int, since: date | None = None, until: date | None = None, account: str | None = None,
            kind: str | None = None, limit: int | None = None,
            offset: int = 0) -> tuple[list[JournalLine], int | None]:
    """Posting lines in date order, `limit` of them from `offset` (all by default); with an account chosen, the
    running balance of that account (starting from its balance before `since`), computed by the database with
    a window function over every filtered line, so a later page carries the balance on. Returns (lines,
    opening balance or None)."""
    order = (JournalEntry.date, JournalEntry.id, Posting.id)
    numbered = _journal_filter(select(Posting.id, JournalEntry.date, JournalEntry.id.label("entry_id"),
                                      func.sum(Posting.amount).over(order_by=order).label("running")),
                               group_id, since, until, account, kind).subquery()
    query = (select(Posting, numbered.c.running).join(numbered, numbered.c.id == Posting.id)
             .options(selectinload(Posting.entry), selectinload(Posting.account))
             .order_by(numbered.c.date, numbered.c.entry_id, numbered.c.id).offset(offset))
    if limit is not None:
        query = query.limit(limit)
    rows = db.session.execute(query).all()
    if not account:
        return [JournalLine(p.entry, p, None) for p, _running in rows], None
    opening = 0
    if since is not None:
        opening = int(db.session.scalar(
            select(func.coalesce(func.sum(Posting.amount), 0)).join(JournalEntry).join(Account)
            .where(Account.group_id == group_id, Account.code == account, JournalEntry.date < since)))
    return [JournalLine(p.entry, p, opening + int(running)) for p, running in rows], opening


@dataclass
class MemberIncome:
    member_id: int | None
    name: str
    sales: int
    share: int
    paid: int
    owed: int


def income_per_member(group_id: int, names: dict[int, str], since: date | None = None,
                      until: date | None = None) -> list[MemberIncome]:
    """What each maker sold (credited sales, net of refunds), the share the group owes them for it, what was
    paid to them, and what is still owed (over all time). `names` maps member ids to names."""
    credits = (select(SalesCredit.member_id, func.sum(SalesCredit.amount))
               .where(SalesCredit.group_id == group_id))
    share_q = (select(Posting.member_id, JournalEntry.kind, func.sum(Posting.amount))
               .join(JournalEntry).join(Account)
               .where(Account.group_id == group_id, Account.code == c.UTANG_ANGGOTA))
    if since is not None:
        credits = credits.where(SalesCredit.date >= since)
        share_q = share_q.where(JournalEntry.date >= since)
    if until is not None:
        credits = credits.where(SalesCredit.date <= until)
        share_q = share_q.where(JournalEntry.date <= until)
    sales = {m: int(t) for m, t in db.session.execute(credits.group_by(SalesCredit.member_id))}
    share: dict = defaultdict(int)
    paid: dict = defaultdict(int)
    for member_id, kind, total in db.session.execute(share_q.group_by(Posting.member_id, JournalEntry.kind)):
        if kind == "maker_paid":
            paid[member_id] += int(total)
        else:
            share[member_id] -= int(total)
    owed_q = (select(Posting.member_id, func.sum(Posting.amount)).join(Account)
              .where(Account.group_id == group_id, Account.code == c.UTANG_ANGGOTA)
              .group_by(Posting.member_id))
    owed = {m: -int(t) for m, t in db.session.execute(owed_q)}
    ids = sorted(set(sales) | set(share) | set(paid) | set(owed) | set(names),
                 key=lambda m: (m is None, names.get(m, ""), m or 0))
    return [MemberIncome(m, names.get(m, "") if m is not None else "", sales.get(m, 0), share.get(m, 0),
                         paid.get(m, 0), owed.get(m, 0)) for m in ids]


@dataclass
class SalesReport:
    by_channel: dict[str, int]
    by_product: list[tuple[str, int]]
    by_month: list[tuple[str, dict[str, int]]]
    total: int
    member_sales: int
    non_member_sales: int

    @property
    def channels(self) -> list[str]:
        """Online and bazaar always, made-to-measure when sold, then any other channel the books hold."""
        have = set(self.by_channel) | {ch for _m, v in self.by_month for ch in v}
        known = [ch for ch in CHANNELS if ch in have or ch in ("online", "bazaar")]
        return known + sorted(have - set(CHANNELS))


def sales_report(group_id: int, since: date | None = None, until: date | None = None) -> SalesReport:
    query = select(SalesCredit.date, SalesCredit.channel, SalesCredit.product_title, SalesCredit.amount,
                   SalesCredit.is_member_sale).where(SalesCredit.group_id == group_id)
    if since is not None:
        query = query.where(SalesCredit.date >= since)
    if until is not None:
        query = query.where(SalesCredit.date <= until)
    channel: dict[str, int] = defaultdict(int)
    product: dict[str, int] = defaultdict(int)
    month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    member = non_member = 0
    for day, ch, title, amount, is_member in db.session.execute(query):
        channel[ch] += amount
        product[title or "-"] += amount
        month[f"{day:%Y-%m}"][ch] += amount
        if is_member:
            member += amount
        else:
            non_member += amount
    return SalesReport(dict(channel), sorted(product.items(), key=lambda kv: (-kv[1], kv[0])),
                       [(m, dict(v)) for m, v in sorted(month.items())], sum(channel.values()), member,
                       non_member)


def platform_held(group_ids: list[int] | None = None) -> list[tuple[int, int]]:
    """(group_id, Piutang platform balance) for every group with books: money the platform holds for them."""
    query = (select(Account.group_id, func.coalesce(func.sum(Posting.amount), 0)).select_from(Account)
             .outerjoin(Posting, Posting.account_id == Account.id)
             .where(Account.code == c.PIUTANG_PLATFORM).group_by(Account.group_id).order_by(Account.group_id))
    if group_ids is not None:
        query = query.where(Account.group_id.in_(group_ids))
    return [(g, int(t)) for g, t in db.session.execute(query)]


def payouts(group_id: int) -> list[JournalEntry]:
    return list(db.session.scalars(select(JournalEntry).where(JournalEntry.group_id == group_id,
                                                              JournalEntry.kind == "payout")
                                   .options(selectinload(JournalEntry.postings))
                                   .order_by(JournalEntry.date.desc(), JournalEntry.id.desc())))


def first_entry_date(group_id: int) -> date | None:
    return db.session.scalar(select(func.min(JournalEntry.date)).where(JournalEntry.group_id == group_id))


def entries_between(group_id: int, since: date, until: date) -> list[JournalEntry]:
    return list(db.session.scalars(
        select(JournalEntry).where(JournalEntry.group_id == group_id, JournalEntry.date >= since,
                                   JournalEntry.date <= until)
        .options(selectinload(JournalEntry.postings).selectinload(Posting.account))
        .order_by(JournalEntry.date, JournalEntry.id)))
