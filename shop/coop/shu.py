"""The division of a year's SHU (sisa hasil usaha = the year's income − its costs) by a rule: each member's
jasa usaha (by credited member sales) and jasa modal (by simpanan pokok + wajib at year end). The cycle that
uses it (close, RAT decision, division, payment) is shop.coop.cycle.

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
from shop.groups.models import Member, member_label
from shop.ledger import chart as c
from shop.ledger.models import JournalEntry, SalesCredit
from shop.ledger.services import balance, balances, member_balances

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
    number: int | None = None

    @property
    def total(self) -> int:
        return self.jasa_usaha + self.jasa_modal

    @property
    def label(self) -> str:
        return member_label(self.name, self.number)


@dataclass
class ShuPlan:
    year: int
    income: int  # positive: the year's net income (sales less returns, other income)
    costs: int  # positive
    year_balances: dict[str, int]
    parts: dict[str, int] = field(default_factory=dict)  # cadangan, jasa_usaha, jasa_modal, pengurus, …
    members: list[MemberShare] = field(default_factory=list)
    leftover: int = 0  # rupiah added to cadangan: flooring, and jasa modal over the cap
    loss_covered: int = 0  # an earlier loss (3104) covered first (E12)
    non_member: int = 0  # SHU from non-member business: to Cadangan, not divided by jasa usaha
    member_shu: int = 0  # the SHU divided by the percentages
    over_cap: int = 0  # jasa modal above the cap (part of leftover)

    @property
    def shu(self) -> int:
        return self.income - self.costs

    @property
    def cadangan_total(self) -> int:
        return self.parts.get("cadangan", 0) + self.non_member + self.leftover

    def dana(self) -> dict[str, int]:
        return {name: self.parts.get(name, 0) for name in PART_ACCOUNTS}


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


def year_balances(group_id: int, year: int) -> dict[str, int]:
    """The year's income and cost balances, as they stood before the closing entry emptied them."""
    kinds = c.KIND_BY_CODE
    found = {code: b for code, b in balances(group_id, since=date(year, 1, 1), until=date(year, 12, 31)).items()
             if kinds.get(code) in ("income", "expense")}
    close = close_entry(group_id, year)
    for posting in close.postings if close else ():
        if posting.account.code in found:
            found[posting.account.code] -= posting.amount
    return {code: b for code, b in found.items() if b}


def preview(group_id: int, year: int, rule=None) -> ShuPlan:
    """The division of `year`'s SHU under `rule` (the members' decision; by default the group's settings, the
    proposal put to the RAT). In order: an earlier loss still uncovered (3104) is covered first; the part of the
    SHU earned from non-member business (sales credited to no member) goes to Cadangan, never to jasa usaha;
    the rest is split by the percentages; jasa modal goes only to members still in the group at 31 December
    and to each at most `jasa_modal_cap_percent` of their pokok + wajib, the excess to Cadangan."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    found = year_balances(group_id, year)
    kinds = c.KIND_BY_CODE
    income = -sum(b for code, b in found.items() if kinds[code] == "income")
    costs = sum(b for code, b in found.items() if kinds[code] == "expense")
    plan = ShuPlan(year, income, costs, found)
    if plan.shu <= 0:
        return plan
    rule = rule or coop_settings(group_id)
    plan.loss_covered = min(plan.shu, max(0, balance(group_id, c.SHU_DITAHAN)))
    base = plan.shu - plan.loss_covered
    sales = {m: int(v) for m, v in db.session.execute(
        select(SalesCredit.member_id, func.sum(SalesCredit.amount))
        .where(SalesCredit.group_id == group_id, SalesCredit.date >= start, SalesCredit.date <= end)
        .group_by(SalesCredit.member_id)).all()}
    non_member_sales, all_sales = max(0, sales.pop(None, 0)), sum(v for v in sales.values() if v > 0)
    plan.non_member = base * non_member_sales // (all_sales + non_member_sales) if non_member_sales else 0
    plan.member_shu = base - plan.non_member
    percents = {"cadangan": rule.cadangan_percent, "jasa_anggota": rule.jasa_anggota_percent,
                "pengurus": rule.pengurus_percent, "karyawan": rule.karyawan_percent,
                "pendidikan": rule.pendidikan_percent, "sosial": rule.sosial_percent}
    parts = {name: plan.member_shu * p // 100 for name, p in percents.items()}
    parts["cadangan"] += plan.member_shu - sum(parts.values())
    jasa_anggota = parts.pop("jasa_anggota")
    parts["jasa_usaha"] = jasa_anggota * rule.jasa_usaha_percent // 100
    parts["jasa_modal"] = jasa_anggota - parts["jasa_usaha"]

    left = set(db.session.scalars(select(Member.id).where(Member.group_id == group_id,
                                                          Member.left_on.is_not(None), Member.left_on <= end)))
    capital: dict[int, int] = {}
    for code in (c.SIMPANAN_POKOK, c.SIMPANAN_WAJIB):
        for member_id, amount in member_balances(group_id, code, until=end).items():
            if member_id not in left:  # a member who has left earns no jasa modal (E19)
                capital[member_id] = capital.get(member_id, 0) - amount
    ids = sorted(set(sales) | set(capital))
    people = {m.id: m for m in db.session.scalars(select(Member).where(Member.id.in_(ids)))}
    by_usaha, left_usaha = split(parts["jasa_usaha"], {m: sales.get(m, 0) for m in ids})
    by_modal, left_modal = split(parts["jasa_modal"], {m: capital.get(m, 0) for m in ids})
    cap = rule.jasa_modal_cap_percent
    for m in ids:  # limited return on capital
        limit = max(0, capital.get(m, 0)) * cap // 100
        if by_modal.get(m, 0) > limit:
            plan.over_cap += by_modal[m] - limit
            by_modal[m] = limit
    plan.members = [MemberShare(m, people[m].name, sales.get(m, 0), capital.get(m, 0),
                                by_usaha.get(m, 0), by_modal.get(m, 0), people[m].number) for m in ids]
    plan.leftover = left_usaha + left_modal + plan.over_cap
    plan.parts = parts
    return plan


def allocations(group_id: int, year: int) -> list[ShuAllocation]:
    return list(db.session.scalars(select(ShuAllocation).where(ShuAllocation.group_id == group_id,
                                                               ShuAllocation.year == year)
                                   .order_by(ShuAllocation.member_id)))


def close_entry(group_id: int, year: int) -> JournalEntry | None:
    return db.session.scalar(select(JournalEntry).where(JournalEntry.group_id == group_id,
                                                        JournalEntry.reference == f"close:{year}"))
