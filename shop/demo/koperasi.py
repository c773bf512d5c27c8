"""The demo's cooperative year: the groups that keep the whole previous year close it, hold their RAT in
January (reports, attendance, the decision adopting the group's proposal), post the division, and pay some
members their SHU in February, in cash or by transfer, through the same services as real use."""
from __future__ import annotations

from datetime import date

from shop.coop import cycle, shu
from shop.ledger import chart as c
from shop.ledger.services import balance

PENGURUS = ("Penjualan tahun {year} naik berkat bazar dan toko daring. Pengurus mengusulkan pembagian SHU "
            "sesuai AD/ART dan menabung cadangan untuk membeli alat.")
PENGAWAS = "Pengawas memeriksa kas, kuitansi simpanan dan jurnal tahun {year}; pembukuan sesuai bukti."


def rat_day(today: date) -> date:
    return min(today, date(today.year, 1, 20))


def close_and_divide(group, today: date) -> None:
    """Close last year, record the RAT's decision on the proposal, post the division (January)."""
    year = today.year - 1
    cycle.close_year(group.id, year, today)
    plan = cycle.preview(group.id, year)
    if plan.shu <= 0:
        return
    cycle.save_reports(group.id, year, PENGURUS.format(year=year), PENGAWAS.format(year=year))
    present = [m for m in group.members if m.left_on is None]
    held_on = rat_day(today)
    attendance = ", ".join(m.label for m in present[:-1] or present)
    cycle.record_decision(group.id, year, cycle.Decision(
        held_on=held_on, members_present=max(1, len(present) - 1), attendance=attendance,
        minutes=f"RAT {year} dibuka ketua, laporan pengurus dan pengawas diterima, pembagian SHU disetujui.",
        minutes_pdf=None, rule=cycle.proposal_rule(group.id)))
    cycle.post_division(group.id, year, held_on)


def pay_some(group, day: date) -> None:
    """Pay the SHU of the first half of the members (by number) while Kas or Bank can (February)."""
    year = day.year - 1
    shares = sorted(shu.allocations(group.id, year), key=lambda a: a.member_id)
    for index, share in enumerate(shares[: (len(shares) + 1) // 2]):
        source = "kas" if index % 2 == 0 else "bank"
        account = c.KAS if source == "kas" else c.BANK
        if share.total and balance(group.id, account) >= share.total:
            cycle.pay_member(group.id, year, share.member_id, day, share.total, source)
