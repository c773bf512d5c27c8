"""Members' savings (simpanan pokok, wajib, sukarela): each recorded with a receipt number and posted to the
group's books in the same transaction; running totals and who is behind on simpanan wajib."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.coop.models import CONTRIBUTION_KINDS, MemberContribution
from shop.coop.settings import coop_settings
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Member
from shop.ledger import chart as c
from shop.ledger.services import balance, is_new, post_entry
from shop.money import format_idr

ACCOUNT_BY_KIND = {"pokok": c.SIMPANAN_POKOK, "wajib": c.SIMPANAN_WAJIB, "sukarela": c.SIMPANAN_SUKARELA}
CASH_ACCOUNT = {"kas": c.KAS, "bank": c.BANK}


def group_member(group_id: int, member_id: int) -> Member:
    """A member of this group, or NotFound (another group's member id is not found here)."""
    member = db.session.scalar(select(Member).where(Member.id == member_id, Member.group_id == group_id))
    if member is None:
        raise NotFound(_("Anggota tidak ditemukan."))
    return member


def current_member_choices(group_id: int) -> list[tuple[int, str]]:
    """(id, "name (No. n)") of the group's members who have not left, by name: who can pay simpanan."""
    return [(member.id, member.label) for member in db.session.scalars(
        select(Member).where(Member.group_id == group_id, Member.left_on.is_(None))
        .order_by(Member.name, Member.number))]


def recent_contributions(group_id: int, limit: int = 50) -> list[MemberContribution]:
    return list(db.session.scalars(select(MemberContribution).where(MemberContribution.group_id == group_id)
                                   .order_by(MemberContribution.date.desc(), MemberContribution.id.desc())
                                   .limit(limit)))


def next_receipt_number(group_id: int, year: int) -> str:
    count = db.session.scalar(select(func.count(MemberContribution.id)).where(
        MemberContribution.group_id == group_id, MemberContribution.receipt_number.like(f"KW/{year}/%")))
    return f"KW/{year}/{count + 1:04d}"


def paid(group_id: int, member_id: int, kind: str) -> int:
    return int(db.session.scalar(select(func.coalesce(func.sum(MemberContribution.amount), 0)).where(
        MemberContribution.group_id == group_id, MemberContribution.member_id == member_id,
        MemberContribution.kind == kind)))


def pokok_due(group_id: int, member_id: int) -> int:
    """What the member still owes of the simpanan pokok: all of it, or the top-up after a members' decision
    raised it (paid once, in full, either way)."""
    return max(0, coop_settings(group_id).pokok_amount - paid(group_id, member_id, "pokok"))


def record_contribution(group_id: int, member_id: int, kind: str, amount: int, day: date,
                        paid_into: str = "kas", note: str = "",
                        created_by_id: int | None = None) -> MemberContribution:
    """A member pays simpanan: pokok once and in full, wajib and sukarela any positive amount."""
    member = group_member(group_id, member_id)
    if kind not in CONTRIBUTION_KINDS or paid_into not in CASH_ACCOUNT:
        raise ValueError("unknown simpanan kind or cash account")
    if amount <= 0:
        raise DomainError(_("Jumlah simpanan harus lebih dari nol."))
    if member.left_on is not None:
        raise DomainError(_("%(name)s sudah keluar dari kelompok.", name=member.label))
    if kind == "pokok":
        due = pokok_due(group_id, member_id)
        if not due:
            raise DomainError(_("%(name)s sudah membayar simpanan pokok.", name=member.label))
        if amount != due:
            raise DomainError(_("Simpanan pokok harus tepat %(amount)s.", amount=format_idr(due)))
    return _post(member, kind, amount, day, paid_into, note, created_by_id,
                 f"Simpanan {kind} {member.name}")


def withdraw_sukarela(group_id: int, member_id: int, amount: int, day: date, paid_from: str = "kas",
                      note: str = "", created_by_id: int | None = None) -> MemberContribution:
    member = group_member(group_id, member_id)
    if amount <= 0:
        raise DomainError(_("Jumlah penarikan harus lebih dari nol."))
    if amount > paid(group_id, member_id, "sukarela"):
        raise DomainError(_("Penarikan melebihi simpanan sukarela %(name)s.", name=member.name))
    if amount > balance(group_id, CASH_ACCOUNT[paid_from]):
        raise DomainError(_("Saldo kas atau bank tidak cukup untuk penarikan ini."))
    return _post(member, "sukarela", -amount, day, paid_from, note, created_by_id,
                 f"Penarikan simpanan sukarela {member.name}")


def _post(member: Member, kind: str, amount: int, day: date, cash: str, note: str, created_by_id, memo: str):
    number = next_receipt_number(member.group_id, day.year)
    entry = post_entry(member.group_id, day, "contribution" if amount > 0 else "withdrawal", memo,
                       [(CASH_ACCOUNT[cash], amount), (ACCOUNT_BY_KIND[kind], -amount, member.id)],
                       reference=f"receipt:{number}", created_by_id=created_by_id)
    if not is_new(entry):  # another receipt took this number at the same moment
        raise DomainError(_("Nomor kuitansi baru saja dipakai. Simpan sekali lagi."))
    contribution = MemberContribution(group_id=member.group_id, member_id=member.id, kind=kind, amount=amount,
                                      date=day, paid_into=cash, receipt_number=number, entry_id=entry.id,
                                      note=(note or "")[:200])
    db.session.add(contribution)
    db.session.flush()
    return contribution


def get_contribution(group_id: int, contribution_id: int) -> MemberContribution:
    found = db.session.scalar(select(MemberContribution).where(MemberContribution.id == contribution_id,
                                                               MemberContribution.group_id == group_id))
    if found is None:
        raise NotFound(_("Kuitansi tidak ditemukan."))
    return found


@dataclass
class MemberSavings:
    member: Member
    pokok: int
    wajib: int
    sukarela: int
    wajib_due: int

    @property
    def wajib_behind(self) -> int:
        return max(0, self.wajib_due - self.wajib)

    @property
    def total(self) -> int:
        return self.pokok + self.wajib + self.sukarela


def months_between(start: date, end: date) -> int:
    """Months from start's month through end's month, both counted (0 when start is after end)."""
    return max(0, (end.year - start.year) * 12 + end.month - start.month + 1)


def wajib_due(settings, member: Member, today: date) -> int:
    """Simpanan wajib due by `today`: one amount for each month that has ended, from the later of the group's
    wajib start and the member's joining, through `today` (or the member's leaving). Nothing is due before
    the group has set when wajib starts (the settings require the date once wajib is switched on)."""
    if not settings.wajib_amount or settings.wajib_start is None:
        return 0
    start = max(d for d in (settings.wajib_start, member.joined_on) if d is not None)
    end = min(today, member.left_on) if member.left_on else today
    if (end + timedelta(days=1)).month == end.month:  # a month is due once it has ended
        end = end.replace(day=1) - timedelta(days=1)
    return months_between(start, end) * settings.wajib_amount


def savings(group_id: int, today: date, include_left: bool = False) -> list[MemberSavings]:
    """Each member's totals as at `today` (receipts dated after it are not counted: the RAT register of a year
    is the register at its 31 December) and the simpanan wajib due by then. With include_left, members who had
    left by `today` are listed too; members who joined after it never are."""
    settings = coop_settings(group_id)
    rows = db.session.execute(select(MemberContribution.member_id, MemberContribution.kind,
                                     func.sum(MemberContribution.amount))
                              .where(MemberContribution.group_id == group_id, MemberContribution.date <= today)
                              .group_by(MemberContribution.member_id, MemberContribution.kind))
    totals: dict[tuple[int, str], int] = {(m, k): int(t) for m, k, t in rows}
    query = select(Member).where(Member.group_id == group_id).order_by(Member.number, Member.id)
    if not include_left:
        query = query.where((Member.left_on.is_(None)) | (Member.left_on > today))
    result = []
    for member in db.session.scalars(query):
        if member.joined_on and member.joined_on > today:
            continue
        result.append(MemberSavings(member, totals.get((member.id, "pokok"), 0),
                                    totals.get((member.id, "wajib"), 0),
                                    totals.get((member.id, "sukarela"), 0),
                                    wajib_due(settings, member, today)))
    return result
