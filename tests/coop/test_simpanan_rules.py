"""Regression tests for the audit's simpanan errors (books-audit.md §7: E4, E5, E6, E19) and member numbers."""
from datetime import date

import pytest

from shop.coop import exits, rat, shu
from shop.coop.services import pokok_due, record_contribution, savings
from shop.coop.settings import SettingsInput, change_pokok, coop_settings, update_settings
from shop.errors import DomainError
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.services import balance, member_balance, trial_balance


def _rule(**changes) -> SettingsInput:
    values = dict(pokok_amount=100_000, wajib_amount=10_000, wajib_start=date(2025, 1, 1), cadangan_percent=40,
                  jasa_anggota_percent=40, pengurus_percent=5, karyawan_percent=5, pendidikan_percent=5,
                  sosial_percent=5, jasa_usaha_percent=70)
    return SettingsInput(**(values | changes))


def test_member_numbers_are_sequential_in_each_group(app, make_books, make_member):
    group, other = make_books(), make_books()
    first, second = make_member(group, name="Ujang Prasetyo"), make_member(group, name="Ujang Prasetyo")
    elsewhere = make_member(other, name="Ujang Prasetyo")
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    assert first.label == "Ujang Prasetyo (No. 1)" and second.label != first.label


def test_e4_the_rat_register_is_the_register_at_the_year_end(app, make_books, make_member):
    group = make_books()
    ani = make_member(group, name="Ani", joined_on=date(2025, 1, 1))
    record_contribution(group.id, ani.id, "wajib", 30_000, date(2025, 3, 1))
    record_contribution(group.id, ani.id, "sukarela", 50_000, date(2025, 12, 31))
    record_contribution(group.id, ani.id, "wajib", 70_000, date(2026, 2, 1))
    record_contribution(group.id, ani.id, "sukarela", 40_000, date(2026, 2, 1))
    late = make_member(group, name="Late", joined_on=date(2026, 1, 5))
    register = {r.member.id: r for r in rat.report(group.id, 2025).register}
    assert (register[ani.id].wajib, register[ani.id].sukarela) == (30_000, 50_000)  # was 100.000 / 90.000
    assert late.id not in register
    assert -balance(group.id, c.SIMPANAN_WAJIB, until=date(2025, 12, 31)) == register[ani.id].wajib


def test_e5_wajib_arrears_count_from_the_wajib_start_or_joining(app, make_books, make_member):
    group = make_books()
    agus = make_member(group, name="Agus", joined_on=date(2011, 5, 1))  # joined long before simpanan began
    record_contribution(group.id, agus.id, "wajib", 30_000, date(2026, 3, 1))
    settings = coop_settings(group.id)
    settings.wajib_start = None
    assert savings(group.id, date(2026, 3, 31))[0].wajib_behind == 0  # no start set: nothing counted since 2011
    with pytest.raises(DomainError):  # wajib switched on needs its start
        update_settings(group.id, _rule(wajib_start=None))
    update_settings(group.id, _rule(wajib_start=date(2026, 1, 1)))
    row = savings(group.id, date(2026, 3, 31))[0]
    assert (row.wajib_due, row.wajib_behind) == (30_000, 0)  # Jan–Mar 2026, not since May 2011
    budi = make_member(group, name="Budi", joined_on=date(2026, 3, 10))
    assert {r.member.id: r.wajib_due for r in savings(group.id, date(2026, 4, 30))}[budi.id] == 20_000


def test_e6_the_pokok_is_locked_once_paid_and_a_decision_makes_a_top_up(app, make_books, make_member):
    group = make_books()
    members = [make_member(group, name=n) for n in ("A", "B", "C")]
    update_settings(group.id, _rule(pokok_amount=150_000))  # nobody paid yet: still free to change
    update_settings(group.id, _rule(pokok_amount=100_000))
    record_contribution(group.id, members[0].id, "pokok", 100_000, date(2026, 1, 5))
    with pytest.raises(DomainError):
        update_settings(group.id, _rule(pokok_amount=150_000))
    assert coop_settings(group.id).pokok_amount == 100_000
    with pytest.raises(DomainError):  # a decision may only raise it
        change_pokok(group.id, 50_000, date(2026, 2, 1), 3, "Rapat")
    change_pokok(group.id, 150_000, date(2026, 2, 1), 3, "Rapat anggota 1 Februari: pokok Rp150.000")
    assert [pokok_due(group.id, m.id) for m in members] == [50_000, 150_000, 150_000]
    with pytest.raises(DomainError):
        record_contribution(group.id, members[0].id, "pokok", 150_000, date(2026, 2, 2))
    record_contribution(group.id, members[0].id, "pokok", 50_000, date(2026, 2, 2))  # the top-up
    record_contribution(group.id, members[1].id, "pokok", 150_000, date(2026, 2, 2))
    rows = {r.member.id: r.pokok for r in savings(group.id, date(2026, 2, 28))}
    assert rows[members[0].id] == rows[members[1].id] == 150_000 and pokok_due(group.id, members[0].id) == 0


def test_e19_a_leaver_is_settled_and_earns_no_jasa_modal(app, make_books, make_member):
    group = make_books()
    stay, leave = make_member(group, name="Stay"), make_member(group, name="Leave")
    for m in (stay, leave):
        record_contribution(group.id, m.id, "pokok", 100_000, date(2025, 1, 5))
        record_contribution(group.id, m.id, "wajib", 60_000, date(2025, 1, 5))
    events.part_paid(group.id, 1, date(2025, 3, 1), "bazaar", [SaleLine(500_000, stay.id)])
    leave.left_on = date(2025, 6, 30)
    rows = exits.settle_exit(group.id, leave.id)
    assert sorted(r.amount for r in rows) == [-100_000, -60_000] and rows[0].receipt_number.startswith("KW/2025/")
    assert member_balance(group.id, c.SIMPANAN_POKOK, leave.id) == 0
    assert member_balance(group.id, c.SIMPANAN_WAJIB, leave.id) == 0
    assert balance(group.id, c.KAS) == 320_000 + 500_000 - 160_000 and trial_balance(group.id) == 0
    with pytest.raises(DomainError):
        exits.settle_exit(group.id, leave.id)
    with pytest.raises(DomainError):  # a leaver pays no more simpanan
        record_contribution(group.id, leave.id, "wajib", 10_000, date(2025, 7, 1))
    shares = {s.member_id: s for s in shu.preview(group.id, 2025).members}
    assert leave.id not in shares or shares[leave.id].jasa_modal == 0
    assert shares[stay.id].jasa_modal > 0


def test_e19_a_held_exit_moves_the_savings_to_a_debt(app, make_books, make_member):
    group = make_books()
    leave = make_member(group, name="Leave")
    record_contribution(group.id, leave.id, "pokok", 100_000, date(2025, 1, 5))
    coop_settings(group.id).exit_rule = "tahan"
    leave.left_on = date(2025, 2, 1)
    exits.settle_exit(group.id, leave.id)
    assert member_balance(group.id, c.UTANG_KELUAR, leave.id) == -100_000 and balance(group.id, c.KAS) == 100_000
    # the leaver had capital only before leaving: none of it counts for jasa modal at the year end
    leave2 = make_member(group, name="Unsettled")
    record_contribution(group.id, leave2.id, "pokok", 100_000, date(2025, 1, 5))
    leave2.left_on = date(2025, 3, 1)
    events.cash_movement(group.id, date(2025, 4, 1), "pendapatan", "kas", 10_000, "Jasa")
    assert all(s.member_id != leave2.id or s.jasa_modal == 0 for s in shu.preview(group.id, 2025).members)
