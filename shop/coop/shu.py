"""Year-end close: SHU (sisa hasil usaha) = the year's income − its costs, split by the group's rule, each
member's jasa usaha (by credited member sales) and jasa modal (by simpanan pokok + wajib at year end).

Rounding, stated once: every part and every member's share is floored to whole rupiah; all leftover rupiah go
to Cadangan. So the parts always sum exactly to the SHU.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.coop.models import ShuAllocation
from shop.coop.settings import SHU_PARTS, coop_settings
from shop.errors import DomainError
from shop.extensions import db
from shop.groups.models import Member
from shop.ledger import chart as c
from shop.ledger.models import JournalEntry, SalesCredit
from shop.ledger.services import balances, is_closed, lock_year, member_balances, post_entry

PART_ACCOUNTS = {"pengurus": c.DANA_PENGURUS, "karyawan": c.DANA_KARYAWAN, "pendidikan": c.DANA_PENDIDIKAN,
                 "sosial": c.DANA_SOSIAL}


@dataclass
class MemberShare:
    member_id: int
    name: str
    sales: int
    simpanan: int
    jasa_usaha: int = 0
    jasa_modal: int = 0

    @property
    def total(self) -> int:
        return self.jasa_usaha + self.jasa_modal


@dataclass
class ShuPlan:
    year: int
    income: int  # positive: the year's net income (sales less returns, other income)
    costs: int  # positive
    year_balances: dict[str, int]
    parts: dict[str, int] = field(default_factory=dict)  # cadangan, jasa_usaha, jasa_modal, pengurus, …
    members: list[MemberShare] = field(default_factory=list)
    leftover: int = 0  # rupiah added to cadangan by flooring

    @property
    def shu(self) -> int:
        return self.income - self.costs


def split(amount: int, weights: dict[int, int]) -> tuple[dict[int, int], int]:
    """Floor each share of `amount` in proportion to `weights`; returns (shares, leftover)."""
    whole = sum(w for w in weights.values() if w > 0)
    if amount <= 0 or whole <= 0:
        return {k: 0 for k in weights}, max(amount, 0)
    shares = {k: amount * w // whole if w > 0 else 0 for k, w in weights.items()}
    return shares, amount - sum(shares.values())


def check_split(rule) -> None:
    """The six parts of the SHU must be 0-100 % each and sum to exactly 100, or Cadangan (which takes the
    floored rupiah) would absorb the difference and could turn negative. Settings saved through
    shop.coop.settings always pass; closing a year checks again, for rows written any other way."""
    percents = [getattr(rule, name) for name in SHU_PARTS]
    if any(p is None or not 0 <= p <= 100 for p in percents) or sum(percents) != 100:
        raise DomainError(_("Keenam bagian SHU harus berjumlah 100%."))


def preview(group_id: int, year: int) -> ShuPlan:
    start, end = date(year, 1, 1), date(year, 12, 31)
    kinds = c.KIND_BY_CODE
    year_balances = {code: b for code, b in balances(group_id, since=start, until=end).items()
                     if kinds.get(code) in ("income", "expense") and b}
    income = -sum(b for code, b in year_balances.items() if kinds[code] == "income")
    costs = sum(b for code, b in year_balances.items() if kinds[code] == "expense")
    plan = ShuPlan(year, income, costs, year_balances)
    if plan.shu <= 0:
        return plan
    rule = coop_settings(group_id)
    percents = {"cadangan": rule.cadangan_percent, "jasa_anggota": rule.jasa_anggota_percent,
                "pengurus": rule.pengurus_percent, "karyawan": rule.karyawan_percent,
                "pendidikan": rule.pendidikan_percent, "sosial": rule.sosial_percent}
    parts = {name: plan.shu * p // 100 for name, p in percents.items()}
    parts["cadangan"] += plan.shu - sum(parts.values())
    jasa_anggota = parts.pop("jasa_anggota")
    parts["jasa_usaha"] = jasa_anggota * rule.jasa_usaha_percent // 100
    parts["jasa_modal"] = jasa_anggota - parts["jasa_usaha"]

    sales = dict(db.session.execute(
        select(SalesCredit.member_id, func.sum(SalesCredit.amount))
        .where(SalesCredit.group_id == group_id, SalesCredit.member_id.is_not(None),
               SalesCredit.date >= start, SalesCredit.date <= end).group_by(SalesCredit.member_id)).all())
    capital: dict[int, int] = {}
    for code in (c.SIMPANAN_POKOK, c.SIMPANAN_WAJIB):
        for member_id, amount in member_balances(group_id, code, until=end).items():
            capital[member_id] = capital.get(member_id, 0) - amount
    ids = sorted(set(sales) | set(capital))
    names = dict(db.session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())
    by_usaha, left_usaha = split(parts["jasa_usaha"], {m: int(sales.get(m, 0)) for m in ids})
    by_modal, left_modal = split(parts["jasa_modal"], {m: capital.get(m, 0) for m in ids})
    plan.members = [MemberShare(m, names.get(m, "?"), int(sales.get(m, 0)), capital.get(m, 0),
                                by_usaha.get(m, 0), by_modal.get(m, 0)) for m in ids]
    plan.leftover = left_usaha + left_modal
    plan.parts = parts
    return plan


def close_year(group_id: int, year: int, today: date, created_by_id: int | None = None) -> ShuPlan:
    """Post the closing entry (income and costs to zero; SHU to cadangan, the funds and each member's SHU),
    record each member's allocation and lock the year."""
    if is_closed(group_id, year):
        raise DomainError(_("Tahun buku %(year)d sudah ditutup.", year=year))
    if year >= today.year:
        raise DomainError(_("Tahun buku %(year)d belum selesai; tutup buku setelah 31 Desember.", year=year))
    check_split(coop_settings(group_id))
    plan = preview(group_id, year)
    postings: list[tuple] = [(code, -b) for code, b in sorted(plan.year_balances.items())]
    if plan.shu > 0:
        postings.append((c.CADANGAN, -(plan.parts["cadangan"] + plan.leftover)))
        postings += [(code, -plan.parts[name]) for name, code in PART_ACCOUNTS.items()]
        postings += [(c.UTANG_SHU, -share.total, share.member_id) for share in plan.members]
    elif plan.shu < 0:
        postings.append((c.SHU_DITAHAN, -plan.shu))
    if any(amount for _code, amount, *_ in postings):
        post_entry(group_id, date(year, 12, 31), "year_close", f"Tutup buku {year}", postings,
                   reference=f"close:{year}", created_by_id=created_by_id)
    for share in plan.members:
        db.session.add(ShuAllocation(group_id=group_id, year=year, member_id=share.member_id,
                                     sales=share.sales, simpanan=share.simpanan, jasa_usaha=share.jasa_usaha,
                                     jasa_modal=share.jasa_modal))
    lock_year(group_id, year)
    return plan


def allocations(group_id: int, year: int) -> list[ShuAllocation]:
    return list(db.session.scalars(select(ShuAllocation).where(ShuAllocation.group_id == group_id,
                                                               ShuAllocation.year == year)
                                   .order_by(ShuAllocation.member_id)))


def close_entry(group_id: int, year: int) -> JournalEntry | None:
    return db.session.scalar(select(JournalEntry).where(JournalEntry.group_id == group_id,
                                                        JournalEntry.reference == f"close:{year}"))
