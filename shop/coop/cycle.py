"""The SHU cycle as UU 25/1992 describes it (Pasal 23, 45): the year close moves the result to SHU belum dibagi
and divides nothing (a loss is covered from Cadangan first); the pengurus prepare the RAT pack; the Rapat
Anggota decides the division (date, attendance, percentages, minutes); only then is the division posted, with
the rule stored in the meeting's row; Utang SHU is then paid to each member with a slip. Flush, never commit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.coop.models import RatMeeting, ShuAllocation, ShuPayment
from shop.coop.services import group_member
from shop.coop.settings import SHU_PARTS, coop_settings
from shop.coop.shu import ShuPlan, check_split, preview
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.groups.models import Member
from shop.ledger import chart as c
from shop.ledger import coop_events
from shop.ledger.models import JournalEntry
from shop.ledger.services import is_closed, lock_year, member_balance

RULE_FIELDS = (*SHU_PARTS, "jasa_usaha_percent", "jasa_modal_cap_percent")
MAX_PDF = 5 * 1024 * 1024


def first_trading_year(group_id: int) -> int | None:
    first = db.session.scalar(select(func.min(JournalEntry.date)).where(JournalEntry.group_id == group_id))
    return first.year if first else None


def closable_years(group_id: int, today: date) -> list[int]:
    """Years the group traded in that have ended and are not closed yet: a group created this year has none."""
    first = first_trading_year(group_id)
    if first is None:
        return []
    return [y for y in range(first, today.year) if not is_closed(group_id, y)]


def shu_years(group_id: int, today: date) -> list[int]:
    """The years the SHU page offers, newest first: this year (a preview) back to the first year traded."""
    first = first_trading_year(group_id) or today.year
    return list(range(today.year, min(first, today.year) - 1, -1))


def default_shu_year(group_id: int, today: date) -> int:
    """The year the SHU page opens on: the oldest ended year still to close (work waiting), else this year."""
    waiting = closable_years(group_id, today)
    return waiting[0] if waiting else today.year


def close_year(group_id: int, year: int, today: date, created_by_id: int | None = None) -> ShuPlan:
    """Close `year`: income and costs to zero, the result to SHU belum dibagi (a loss covered from Cadangan
    first), and lock it. Nothing is divided: that waits for the members' decision."""
    if is_closed(group_id, year):
        raise DomainError(_("Tahun buku %(year)d sudah ditutup.", year=year))
    if year >= today.year:
        raise DomainError(_("Tahun buku %(year)d belum selesai; tutup buku setelah 31 Desember.", year=year))
    if year not in closable_years(group_id, today):
        raise DomainError(_("Kelompok belum berusaha pada tahun %(year)d; tidak ada buku untuk ditutup.",
                            year=year))
    plan = preview(group_id, year)
    coop_events.close_result(group_id, year, created_by_id=created_by_id)
    lock_year(group_id, year)
    record("coop.year_closed", str(year), group_id=group_id, detail=str(plan.shu))
    return plan


def meeting(group_id: int, year: int) -> RatMeeting | None:
    return db.session.scalar(select(RatMeeting).where(RatMeeting.group_id == group_id, RatMeeting.year == year))


def divided_at_close(group_id: int, year: int) -> bool:
    """A year closed before the RAT cycle: divided in the closing entry itself, with no meeting row."""
    return meeting(group_id, year) is None and db.session.scalar(select(ShuAllocation.id).where(
        ShuAllocation.group_id == group_id, ShuAllocation.year == year).limit(1)) is not None


def _meeting_for_change(group_id: int, year: int) -> RatMeeting:
    if not is_closed(group_id, year):
        raise DomainError(_("Tutup buku tahun %(year)d terlebih dahulu.", year=year))
    found = meeting(group_id, year)
    if found is None and divided_at_close(group_id, year):
        raise DomainError(_("SHU %(year)d sudah dibagi saat tutup buku (aturan lama).", year=year))
    if found is None:
        found = RatMeeting(group_id=group_id, year=year)
        db.session.add(found)
    if found.divided:
        raise DomainError(_("Pembagian SHU %(year)d sudah diposting; keputusan tidak dapat diubah.", year=year))
    return found


def save_reports(group_id: int, year: int, pengurus_report: str, pengawas_report: str) -> RatMeeting:
    """The pengurus' and the pengawas' reports for the RAT pack (text)."""
    found = _meeting_for_change(group_id, year)
    found.pengurus_report, found.pengawas_report = pengurus_report.strip(), pengawas_report.strip()
    db.session.flush()
    return found


@dataclass
class Decision:
    held_on: date
    members_present: int
    attendance: str
    minutes: str
    minutes_pdf: bytes | None
    rule: dict[str, int]  # RULE_FIELDS → percent


def record_decision(group_id: int, year: int, decision: Decision) -> RatMeeting:
    """The Rapat Anggota decided the division of `year`'s SHU. It met after the year ended, with members
    present (at most the members at the year end), minutes as text or a PDF, and a rule summing to 100."""
    found = _meeting_for_change(group_id, year)
    members = db.session.scalar(select(func.count(Member.id)).where(
        Member.group_id == group_id, (Member.left_on.is_(None)) | (Member.left_on > date(year, 12, 31))))
    if decision.held_on <= date(year, 12, 31):
        raise DomainError(_("Rapat anggota tahunan diadakan setelah tahun buku %(year)d berakhir.", year=year))
    if not 1 <= decision.members_present <= max(members, 1):
        raise DomainError(_("Jumlah anggota hadir harus 1 sampai %(n)d.", n=max(members, 1)))
    if not decision.minutes.strip() and not decision.minutes_pdf:
        raise DomainError(_("Isi notulen rapat atau unggah notulen PDF."))
    if decision.minutes_pdf and (not decision.minutes_pdf.startswith(b"%PDF") or len(decision.minutes_pdf) > MAX_PDF):
        raise DomainError(_("Notulen harus berkas PDF, paling besar 5 MB."))
    rule = {name: decision.rule.get(name) for name in RULE_FIELDS}
    check_split(_Rule(rule))
    if any(rule[n] is None or not 0 <= rule[n] <= 100 for n in ("jasa_usaha_percent", "jasa_modal_cap_percent")):
        raise DomainError(_("Isi angka 0 sampai 100."))
    found.held_on, found.members_present = decision.held_on, decision.members_present
    found.attendance, found.minutes = decision.attendance.strip(), decision.minutes.strip()
    found.minutes_pdf = decision.minutes_pdf or found.minutes_pdf
    for name, value in rule.items():
        setattr(found, name, value)
    db.session.flush()
    record("coop.rat_decided", str(year), group_id=group_id,
           detail=", ".join(f"{name}={value}" for name, value in rule.items()))
    return found


class _Rule:
    def __init__(self, values: dict):
        self.__dict__.update(values)


def decided_plan(group_id: int, year: int) -> ShuPlan:
    found = meeting(group_id, year)
    if found is None or not found.decided:
        raise DomainError(_("Catat keputusan rapat anggota tentang pembagian SHU %(year)d terlebih dahulu.",
                            year=year))
    return preview(group_id, year, rule=found)


def post_division(group_id: int, year: int, day: date, created_by_id: int | None = None) -> RatMeeting:
    """Post the division the members decided (never before the decision): SHU belum dibagi to an earlier loss,
    Cadangan, each dana and each member's Utang SHU, and record each member's allocation."""
    plan = decided_plan(group_id, year)
    found = meeting(group_id, year)
    if found.divided:
        raise DomainError(_("Pembagian SHU %(year)d sudah diposting.", year=year))
    if day < found.held_on:
        raise DomainError(_("Pembagian diposting pada atau setelah tanggal rapat."))
    if plan.shu <= 0:
        raise DomainError(_("Tahun %(year)d tidak menghasilkan SHU untuk dibagi.", year=year))
    members = {share.member_id: share.total for share in plan.members}
    entry = coop_events.post_division(group_id, year, day, plan.shu, plan.loss_covered, plan.cadangan_total,
                                      plan.dana(), members, created_by_id=created_by_id)
    for share in plan.members:
        db.session.add(ShuAllocation(group_id=group_id, year=year, member_id=share.member_id, sales=share.sales,
                                     simpanan=share.simpanan, jasa_usaha=share.jasa_usaha,
                                     jasa_modal=share.jasa_modal))
    found.division_entry_id, found.divided_on = entry.id, day
    db.session.flush()
    record("coop.shu_divided", str(year), group_id=group_id, detail=str(plan.shu))
    return found


def owed(group_id: int, member_id: int) -> int:
    return -member_balance(group_id, c.UTANG_SHU, member_id)


def next_slip_number(group_id: int, year: int) -> str:
    count = db.session.scalar(select(func.count(ShuPayment.id)).where(ShuPayment.group_id == group_id,
                                                                     ShuPayment.year == year))
    return f"SHU/{year}/{count + 1:04d}"


def pay_member(group_id: int, year: int, member_id: int, day: date, amount: int, paid_from: str,
               created_by_id: int | None = None) -> ShuPayment:
    """Pay a member (part of) their SHU of `year` in cash or by transfer; returns the payment (its slip)."""
    member = group_member(group_id, member_id)
    allocation = db.session.scalar(select(ShuAllocation).where(
        ShuAllocation.group_id == group_id, ShuAllocation.year == year, ShuAllocation.member_id == member.id))
    if allocation is None:
        raise DomainError(_("%(name)s tidak mendapat SHU tahun %(year)d.", name=member.label, year=year))
    already = paid_for(group_id, year, member.id)
    if not 0 < amount <= allocation.total - already:
        raise DomainError(_("Jumlah melebihi SHU %(year)d yang masih terutang kepada %(name)s.", year=year,
                            name=member.label))
    number = next_slip_number(group_id, year)
    entry = coop_events.pay_shu(group_id, member.id, day, amount, paid_from, reference=f"shu-slip:{number}",
                                created_by_id=created_by_id)
    payment = ShuPayment(group_id=group_id, year=year, member_id=member.id, date=day, amount=amount,
                         paid_from=paid_from, slip_number=number, entry_id=entry.id)
    db.session.add(payment)
    db.session.flush()
    return payment


def paid_for(group_id: int, year: int, member_id: int) -> int:
    return int(db.session.scalar(select(func.coalesce(func.sum(ShuPayment.amount), 0)).where(
        ShuPayment.group_id == group_id, ShuPayment.year == year, ShuPayment.member_id == member_id)))


def payments(group_id: int, year: int) -> list[ShuPayment]:
    return list(db.session.scalars(select(ShuPayment).where(ShuPayment.group_id == group_id,
                                                            ShuPayment.year == year).order_by(ShuPayment.id)))


def get_payment(group_id: int, payment_id: int) -> ShuPayment:
    found = db.session.scalar(select(ShuPayment).where(ShuPayment.id == payment_id,
                                                       ShuPayment.group_id == group_id))
    if found is None:
        raise NotFound(_("Slip SHU tidak ditemukan."))
    return found


def proposal_rule(group_id: int) -> dict[str, int]:
    """The group's settings as the proposal put to the meeting (the form starts from it)."""
    settings = coop_settings(group_id)
    return {name: getattr(settings, name) for name in RULE_FIELDS}
