"""Posting to the books: post_entry() (balanced, idempotent by reference, refused in a closed period), balances,
and the exact allocation helper. Business events (paid parts, fees, refunds, payouts …) live in events.py."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from shop.errors import Unbalanced
from shop.extensions import db
from shop.ledger.chart import accounts_by_code, create_chart
from shop.ledger.models import Account, ClosedYear, JournalEntry, Posting
from shop.ledger.periods import PeriodClosed, check_can_close, check_open
from shop.ledger.queries import (  # noqa: F401  (reads, used here)
    available,
    balance,
    balances,
    member_balance,
    member_balances,
)

ENTRY_KINDS = ("sale", "deposit", "fee", "refund", "payout", "maker_paid", "cash", "contribution", "withdrawal",
               "year_close", "opening", "correction",
               "shu_division", "shu_paid", "dana_spent", "grant", "exit", "exit_paid",  # the cooperative cycle
               "asset", "depreciation")  # buying equipment, its monthly depreciation (assets)


YearClosed = PeriodClosed  # the older name, kept for callers


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` across `weights` in proportion, in whole rupiah, exactly, by largest remainder: each share
    is floored and the rupiah left over go one each to the largest fractional remainders (ties: the larger
    weight, then the first). No weights, or all zero → equal weights."""
    if not weights:
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    weights = list(weights) if sum(weights) else [1] * len(weights)
    whole = sum(weights)
    sign = -1 if total < 0 else 1
    shares = [abs(total) * w // whole for w in weights]
    remainders = [abs(total) * w % whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -weights[i], i))
    for i in order[:abs(total) - sum(shares)]:
        shares[i] += 1
    return [sign * s for s in shares]


def is_closed(group_id: int, year: int) -> bool:
    return db.session.scalar(select(ClosedYear.id).where(ClosedYear.group_id == group_id,
                                                         ClosedYear.year == year)) is not None


def find_entry(group_id: int, reference: str) -> JournalEntry | None:
    return db.session.scalar(select(JournalEntry).where(JournalEntry.group_id == group_id,
                                                        JournalEntry.reference == reference))


def post_entry(group_id: int, day: date, kind: str, memo: str, postings: Iterable[tuple],
               reference: str | None = None, reverses_id: int | None = None,
               created_by_id: int | None = None) -> JournalEntry:
    """Post one balanced entry. `postings` are (account_code, amount) or (account_code, amount, member_id),
    debits positive, credits negative. With a `reference` already posted for this group, nothing is posted and
    the existing entry is returned (a replayed cause changes nothing)."""
    if reference is not None:
        existing = find_entry(group_id, reference)
        if existing is not None:
            return existing
    if kind not in ENTRY_KINDS:
        raise ValueError(f"unknown entry kind {kind!r}")
    lines = [(p[0], int(p[1]), p[2] if len(p) > 2 else None) for p in postings]
    lines = [line for line in lines if line[1] != 0]
    if len(lines) < 2 or sum(amount for _, amount, _ in lines) != 0:
        raise Unbalanced(_("Jurnal tidak seimbang: jumlah debit dan kredit harus sama."))
    check_open(group_id, day)
    # every group gets its chart when it is created; a row written before that (older data, test factories
    # that insert a Group directly) gets it here, on a write, never on a read
    accounts = accounts_by_code(group_id) or create_chart(group_id)
    entry = JournalEntry(group_id=group_id, date=day, kind=kind, memo=(memo or "")[:300], reference=reference,
                         reverses_id=reverses_id, created_by_id=created_by_id)
    for code, amount, member_id in lines:
        if code not in accounts:
            raise ValueError(f"no account {code} in the chart of group {group_id}")
        entry.postings.append(Posting(account=accounts[code], amount=amount, member_id=member_id))
    if reference is None:
        db.session.add(entry)
        db.session.flush()
    else:  # two deliveries of the same cause at once: the loser of the unique index gets the winner's entry
        try:
            with db.session.begin_nested():
                db.session.add(entry)
                db.session.flush()
        except IntegrityError:
            existing = find_entry(group_id, reference)
            if existing is None:
                raise
            return existing
    entry.posted_now = True  # callers that add rows beside a new entry (sales credits) check this once
    return entry


def is_new(entry: JournalEntry) -> bool:
    """True once for an entry this call posted; False for an entry found by its reference."""
    return bool(entry.__dict__.pop("posted_now", False))


def trial_balance(group_id: int) -> int:
    """Sum of every posting of the group: always zero."""
    return int(db.session.scalar(select(func.coalesce(func.sum(Posting.amount), 0))
                                 .join(Account, Account.id == Posting.account_id)
                                 .where(Account.group_id == group_id)))


def reverse_entry(entry: JournalEntry, day: date, memo: str, reference: str | None = None,
                  created_by_id: int | None = None) -> JournalEntry:
    """Correct a mistake: post the same postings with opposite signs."""
    return post_entry(entry.group_id, day, "correction", memo,
                      [(p.account.code, -p.amount, p.member_id) for p in entry.postings],
                      reference=reference or f"reverse:{entry.id}", reverses_id=entry.id,
                      created_by_id=created_by_id)


def lock_year(group_id: int, year: int) -> None:
    """No entry may be dated in this year, or before it, any more (the year-end close calls it after its closing
    entry). Years close in order (PeriodClosed otherwise)."""
    if not is_closed(group_id, year):
        check_can_close(group_id, year)
        db.session.add(ClosedYear(group_id=group_id, year=year))
        db.session.flush()


def closed_years(group_id: int) -> list[int]:
    return list(db.session.scalars(select(ClosedYear.year).where(ClosedYear.group_id == group_id)
                                   .order_by(ClosedYear.year)))
