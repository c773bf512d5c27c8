"""A member leaves: the exit settlement of the simpanan pokok and wajib, by the group's rule (paid back at once,
or held as a debt to the former member), posted and given receipt numbers. From the day they leave they earn
no jasa modal (shop.coop.shu counts only members still in the group at the year end). What was held (2109 Utang
simpanan anggota keluar) is paid out later from Kas or Bank, each payment with its receipt (KK/<year>/<n>)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import extract, func, select

from shop.coop.models import MemberContribution
from shop.coop.services import group_member, next_receipt_number, paid
from shop.coop.settings import coop_settings
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Member
from shop.ledger import chart as c
from shop.ledger import coop_events
from shop.ledger.models import JournalEntry, Posting
from shop.ledger.services import member_balances


def exit_reference(member_id: int) -> str:
    return f"exit:{member_id}"


def settle_exit(group_id: int, member_id: int, paid_from: str = "kas",
                created_by_id: int | None = None) -> list[MemberContribution]:
    """Settle a member who has left (on their leaving date). Returns the settlement rows (negative pokok and
    wajib), empty when the member had paid neither."""
    member = group_member(group_id, member_id)
    if member.left_on is None:
        raise DomainError(_("%(name)s belum tercatat keluar.", name=member.label))
    if db.session.query(MemberContribution.id).filter_by(group_id=group_id, member_id=member_id,
                                                         note="exit").first():
        raise DomainError(_("Simpanan %(name)s sudah diselesaikan.", name=member.label))
    pokok, wajib = paid(group_id, member_id, "pokok"), paid(group_id, member_id, "wajib")
    if pokok + wajib <= 0:
        return []
    rule = coop_settings(group_id).exit_rule
    day = member.left_on
    entry = coop_events.exit_settlement(group_id, member_id, day, pokok, wajib, rule, paid_from,
                                        exit_reference(member_id), created_by_id=created_by_id)
    rows = []
    for kind, amount in (("pokok", pokok), ("wajib", wajib)):
        if amount:
            row = MemberContribution(group_id=group_id, member_id=member_id, kind=kind, amount=-amount, date=day,
                                     paid_into=paid_from if rule == "kembali" else "tahan",
                                     receipt_number=next_receipt_number(group_id, day.year), entry_id=entry.id,
                                     note="exit")
            db.session.add(row)
            db.session.flush()
            rows.append(row)
    return rows


@dataclass
class OwedLeaver:
    member: Member
    owed: int


@dataclass
class ExitPayment:
    """One payout of held simpanan, read back from its journal entry (the receipt)."""
    entry: JournalEntry
    member: Member
    amount: int
    paid_from: str  # kas | bank
    number: str
    owed_after: int


def owed_leavers(group_id: int) -> list[OwedLeaver]:
    """Former members the group still owes simpanan (Utang simpanan anggota keluar), by name."""
    owed = {m: -b for m, b in member_balances(group_id, c.UTANG_KELUAR).items() if m is not None and b < 0}
    if not owed:
        return []
    members = db.session.scalars(select(Member).where(Member.group_id == group_id, Member.id.in_(list(owed))))
    return sorted((OwedLeaver(m, owed[m.id]) for m in members), key=lambda o: (o.member.name, o.member.id))


def pay_leaver(group_id: int, member_id: int, day: date, amount: int, paid_from: str, reference: str,
               created_by_id: int | None = None) -> JournalEntry:
    """Pay a former member (part of) what is held for them; another group's member is NotFound."""
    member = group_member(group_id, member_id)
    if member.left_on is None:
        raise DomainError(_("%(name)s belum tercatat keluar.", name=member.label))
    return coop_events.pay_exit(group_id, member.id, day, amount, paid_from, reference,
                                created_by_id=created_by_id)


def _number(entry: JournalEntry) -> str:
    """KK/<year>/<n>: the entry's place among the group's payouts of that year (entries are never removed)."""
    earlier = db.session.scalar(select(func.count(JournalEntry.id)).where(
        JournalEntry.group_id == entry.group_id, JournalEntry.kind == "exit_paid",
        extract("year", JournalEntry.date) == entry.date.year, JournalEntry.id <= entry.id))
    return f"KK/{entry.date.year}/{earlier:04d}"


def exit_payment(group_id: int, entry_id: int) -> ExitPayment:
    entry = db.session.scalar(select(JournalEntry).where(JournalEntry.id == entry_id,
                                                         JournalEntry.group_id == group_id,
                                                         JournalEntry.kind == "exit_paid"))
    if entry is None:
        raise NotFound(_("Bukti pembayaran tidak ditemukan."))
    debt = next(p for p in entry.postings if p.member_id is not None and p.amount > 0)
    cash = next(p for p in entry.postings if p.amount < 0)
    owed_after = -int(db.session.scalar(select(func.coalesce(func.sum(Posting.amount), 0))
                                        .join(JournalEntry, JournalEntry.id == Posting.entry_id)
                                        .where(Posting.account_id == debt.account_id,
                                               Posting.member_id == debt.member_id,
                                               JournalEntry.id <= entry.id)))
    return ExitPayment(entry, db.session.get(Member, debt.member_id), debt.amount,
                       "bank" if cash.account.code == c.BANK else "kas", _number(entry), owed_after)


def exit_payments(group_id: int) -> list[JournalEntry]:
    """The group's payouts of held simpanan, newest first."""
    return list(db.session.scalars(select(JournalEntry).where(
        JournalEntry.group_id == group_id, JournalEntry.kind == "exit_paid")
        .order_by(JournalEntry.date.desc(), JournalEntry.id.desc()).limit(50)))
