from datetime import date

import pytest

from shop.coop import cycle, readiness, shu
from shop.coop.models import ShuAllocation
from shop.coop.services import record_contribution, savings, withdraw_sukarela
from shop.coop.settings import coop_settings
from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.services import YearClosed, balances, member_balance, post_entry, trial_balance


def test_contributions_post_to_the_books_with_receipt_numbers(app, make_books, make_member):
    group = make_books()
    ani = make_member(group)
    first = record_contribution(group.id, ani.id, "pokok", 100_000, date(2026, 1, 5))
    second = record_contribution(group.id, ani.id, "wajib", 10_000, date(2026, 1, 5), paid_into="bank")
    third = record_contribution(group.id, ani.id, "sukarela", 25_000, date(2026, 2, 1))
    assert [first.receipt_number, second.receipt_number, third.receipt_number] == [
        "KW/2026/0001", "KW/2026/0002", "KW/2026/0003"]
    b = balances(group.id)
    assert (b[c.KAS], b[c.BANK]) == (125_000, 10_000)
    assert member_balance(group.id, c.SIMPANAN_POKOK, ani.id) == -100_000
    assert member_balance(group.id, c.SIMPANAN_SUKARELA, ani.id) == -25_000
    withdraw_sukarela(group.id, ani.id, 20_000, date(2026, 3, 1))
    with pytest.raises(DomainError):
        withdraw_sukarela(group.id, ani.id, 5_001, date(2026, 3, 1))
    assert member_balance(group.id, c.SIMPANAN_SUKARELA, ani.id) == -5_000
    assert trial_balance(group.id) == 0


def test_pokok_is_paid_once_in_full_and_members_are_scoped(app, make_books, make_member):
    group, other = make_books(), make_books()
    ani, stranger = make_member(group), make_member(other)
    with pytest.raises(DomainError):
        record_contribution(group.id, ani.id, "pokok", 50_000, date(2026, 1, 5))
    record_contribution(group.id, ani.id, "pokok", 100_000, date(2026, 1, 5))
    with pytest.raises(DomainError):
        record_contribution(group.id, ani.id, "pokok", 100_000, date(2026, 1, 6))
    with pytest.raises(DomainError):
        record_contribution(group.id, ani.id, "wajib", 0, date(2026, 1, 6))
    with pytest.raises(NotFound):
        record_contribution(group.id, stranger.id, "wajib", 10_000, date(2026, 1, 6))


def test_who_is_behind_on_simpanan_wajib(app, make_books, make_member):
    group = make_books()
    coop_settings(group.id).wajib_start = date(2026, 1, 1)
    ani = make_member(group, name="Ani", joined_on=date(2025, 6, 1))
    budi = make_member(group, name="Budi", joined_on=date(2026, 3, 15))
    record_contribution(group.id, ani.id, "wajib", 30_000, date(2026, 3, 1))
    record_contribution(group.id, budi.id, "wajib", 20_000, date(2026, 4, 1))
    rows = {r.member.name: r for r in savings(group.id, date(2026, 4, 30))}
    assert (rows["Ani"].wajib_due, rows["Ani"].wajib_behind) == (40_000, 10_000)  # Jan–Apr
    assert (rows["Budi"].wajib_due, rows["Budi"].wajib_behind) == (20_000, 0)  # Mar–Apr


def _year_2025(group, make_member):
    a, b, cc = (make_member(group, name=n) for n in ("A", "B", "C"))
    d = date(2025, 3, 1)
    for m in (a, b, cc):
        record_contribution(group.id, m.id, "pokok", 100_000, d)
    record_contribution(group.id, a.id, "wajib", 30_000, d)
    record_contribution(group.id, b.id, "wajib", 20_000, d)
    events.part_paid(group.id, 1, date(2025, 6, 1), "bazaar",
                     [SaleLine(1_000_000, a.id), SaleLine(500_001, b.id), SaleLine(99_999, None)])
    events.cash_movement(group.id, date(2025, 7, 1), "biaya", "kas", 100_003, "Sewa stan")
    return a, b, cc


def test_shu_hand_computed_example_with_rounding(app, make_books, make_member):
    group = make_books()
    a, b, cc = _year_2025(group, make_member)
    plan = shu.preview(group.id, 2025)
    # SHU = 1.600.000 − 100.003 = 1.499.997
    assert (plan.income, plan.costs, plan.shu) == (1_600_000, 100_003, 1_499_997)
    # non-member business: 99.999 of 1.600.000 sales → 1.499.997 × 99.999 / 1.600.000 = 93.748,3 → 93.748 to
    # Cadangan, not divided; the members' SHU 1.406.249: 40 % = 562.499,6 → 562.499, 5 % = 70.312 (the 3 floor
    # remainders to Cadangan: 562.502); jasa anggota 562.499 → usaha 70 % = 393.749, modal 168.750
    assert (plan.non_member, plan.member_shu) == (93_748, 1_406_249)
    assert plan.parts == {"cadangan": 562_502, "pengurus": 70_312, "karyawan": 70_312, "pendidikan": 70_312,
                          "sosial": 70_312, "jasa_usaha": 393_749, "jasa_modal": 168_750}
    shares = {s.name: (s.sales, s.simpanan, s.jasa_usaha, s.jasa_modal) for s in plan.members}
    # jasa usaha by sales 1.000.000 : 500.001 : 0 → 262.499,4 / 131.249,6 / 0 (leftover 1)
    # jasa modal by simpanan 130.000 : 120.000 : 100.000 → 62.678 / 57.857 / 48.214 (leftover 1), then the
    # 20 % cap of each one's simpanan: 26.000 / 24.000 / 20.000 (98.749 over the cap → Cadangan)
    assert shares == {"A": (1_000_000, 130_000, 262_499, 26_000), "B": (500_001, 120_000, 131_249, 24_000),
                      "C": (0, 100_000, 0, 20_000)}
    assert (plan.over_cap, plan.leftover, plan.cadangan_total) == (98_749, 98_751, 755_001)
    assert plan.cadangan_total + sum(plan.dana().values()) + sum(s.total for s in plan.members) == plan.shu

    cycle.close_year(group.id, 2025, today=date(2026, 1, 10))
    after = balances(group.id)
    for code, _name, kind in c.CHART:
        if kind in ("income", "expense"):
            assert after[code] == 0, code
    # the close divides nothing: the whole result waits in SHU belum dibagi
    assert after[c.SHU_BELUM_DIBAGI] == -1_499_997 and after.get(c.CADANGAN, 0) == 0
    assert after.get(c.UTANG_SHU, 0) == 0 and shu.allocations(group.id, 2025) == []
    with pytest.raises(DomainError):  # no division before the members decide
        cycle.post_division(group.id, 2025, date(2026, 1, 20))
    assert trial_balance(group.id) == 0
    with pytest.raises(YearClosed):
        post_entry(group.id, date(2025, 12, 31), "cash", "telat", [(c.KAS, 1), (c.PENDAPATAN_LAIN, -1)])
    with pytest.raises(DomainError):
        cycle.close_year(group.id, 2025, today=date(2026, 1, 10))


def test_a_year_is_closed_only_after_it_ends_and_a_loss_is_covered_from_cadangan(app, make_books):
    group = make_books()
    post_entry(group.id, date(2025, 1, 1), "opening", "Saldo awal",
               [(c.KAS, 50_000), (c.CADANGAN, -30_000), (c.SIMPANAN_SUKARELA, -20_000)])
    events.cash_movement(group.id, date(2025, 2, 1), "pendapatan", "kas", 10_000, "Jasa jahit")
    events.cash_movement(group.id, date(2025, 2, 2), "biaya", "kas", 50_000, "Alat")
    with pytest.raises(DomainError):
        cycle.close_year(group.id, 2025, today=date(2025, 12, 31))
    plan = cycle.close_year(group.id, 2025, today=date(2026, 1, 2))
    assert plan.shu == -40_000 and plan.members == []
    # E12: the loss of 40.000 takes all 30.000 of Cadangan first; 10.000 stays as rugi
    b = balances(group.id)
    assert (b[c.CADANGAN], b[c.SHU_DITAHAN]) == (0, 10_000) and trial_balance(group.id) == 0


def test_no_sales_sends_jasa_usaha_to_cadangan(app, make_books, make_member):
    group = make_books()
    m = make_member(group)
    record_contribution(group.id, m.id, "pokok", 100_000, date(2025, 1, 1))
    events.cash_movement(group.id, date(2025, 2, 1), "pendapatan", "kas", 1_000, "Hibah")
    plan = shu.preview(group.id, 2025)
    assert plan.members[0].jasa_usaha == 0 and plan.members[0].jasa_modal == plan.parts["jasa_modal"]
    assert plan.leftover == plan.parts["jasa_usaha"]


def test_readiness_checklist_says_what_is_missing(app, make_books, make_member):
    group = make_books()
    today = date(2026, 11, 1)
    members = [make_member(group, name=f"M{i}") for i in range(8)]
    items = {i.key: i for i in readiness.checklist(group.id, today)}
    assert not any(i.done for i in items.values())
    assert "1" in items["members"].missing
    members.append(make_member(group, name="M8"))
    assert "M0" in items["simpanan"].missing and "12" not in items["books"].missing
    for m in members:
        record_contribution(group.id, m.id, "pokok", 100_000, date(2025, 10, 1))
    coop_settings(group.id).adart_drafted = True
    items = {i.key: i for i in readiness.checklist(group.id, today)}
    assert items["members"].done and items["simpanan"].done and items["books"].done and items["adart"].done
    assert not items["founding"].done and items["founding"].fix == "coop.profile_form"
    assert not items["officers"].done and "pengawas" in items["officers"].missing
    members[0].role, members[1].role, members[2].role, members[3].role = "ketua", "sekretaris", "bendahara", "pengawas"
    readiness.update_profile(group.id, {"path": "sendiri", "founding_meeting_on": date(2026, 1, 10),
                                        "founding_minutes": "Rapat pendirian", "deed_number": "12", "nib": "9120"})
    items = {i.key: i for i in readiness.checklist(group.id, today)}
    assert items["founding"].done and items["officers"].done and items["deed"].done and not items["rat"].done


def test_small_groups_of_one_office_share_a_founders_register(app, make_books, make_member):
    first, second, elsewhere = make_books(), make_books(), make_books()
    second.region_id = first.region_id
    for group, n in ((first, 5), (second, 4), (elsewhere, 3)):
        for i in range(n):
            make_member(group, name=f"{group.id}-{i}")
    assert not {i.key: i for i in readiness.checklist(first.id, date(2026, 11, 1))}["members"].done
    for group in (first, second, elsewhere):
        readiness.update_profile(group.id, {"path": "bersama", "joint_name": "Koperasi Karya Bersama"})
    register = readiness.founders(first.id)
    assert len(register) == 9 and {g.id for g, _m in register} == {first.id, second.id} != {elsewhere.id}
    assert {i.key: i for i in readiness.checklist(first.id, date(2026, 11, 1))}["members"].done
    with pytest.raises(DomainError):
        readiness.update_profile(first.id, {"path": "bergabung", "existing_koperasi": ""})


def test_a_group_is_never_offered_to_close_a_year_it_did_not_trade_in(app, make_books, make_member):
    group = make_books()
    assert cycle.closable_years(group.id, date(2026, 12, 1)) == []
    with pytest.raises(DomainError):
        cycle.close_year(group.id, 2025, today=date(2026, 12, 1))
    record_contribution(group.id, make_member(group).id, "pokok", 100_000, date(2026, 3, 1))
    assert cycle.closable_years(group.id, date(2026, 12, 1)) == []
    assert cycle.closable_years(group.id, date(2027, 1, 2)) == [2026]


def test_a_year_divided_at_the_close_before_the_cycle_is_not_divided_again(app, make_books, make_member):
    group = make_books()
    ani = make_member(group, name="Ani")
    events.part_paid(group.id, 1, date(2025, 3, 1), "bazaar", [SaleLine(100_000, ani.id)])
    cycle.close_year(group.id, 2025, today=date(2026, 1, 5))
    db.session.add(ShuAllocation(group_id=group.id, year=2025, member_id=ani.id, jasa_usaha=1))  # the old close
    db.session.flush()
    with pytest.raises(DomainError):
        cycle.record_decision(group.id, 2025, cycle.Decision(date(2026, 1, 10), 1, "Ani", "Notulen", None,
                                                             cycle.proposal_rule(group.id)))
