"""Two years of a small group, computed by hand to the rupiah, under this AD/ART:

* simpanan pokok Rp100.000 once; wajib Rp10.000 a month from 1 January 2024; a leaver's pokok and wajib are
  paid back when they leave;
* SHU: Cadangan 40 %, jasa anggota 40 % (jasa usaha 70 % by members' sales, jasa modal 30 % by pokok + wajib,
  at most 10 % of a member's pokok + wajib a year), dana pengurus / karyawan / pendidikan / sosial 5 % each;
  SHU from non-member business goes to Cadangan; a loss is covered from Cadangan, then from the next SHU.

Members A, B, C, D; Cadangan Rp50.000 brought forward. 2024: a loss of Rp80.000 and a cash grant of Rp500.000
from Dinas Sosial. 2025: a profit; D leaves on 30 June; a sewing machine given (Rp1.500.000). RAT on 25 January
2026 adopts the AD/ART rule; A is paid in cash, B in part by transfer; Rp40.000 of dana pendidikan is spent."""
from datetime import date

from shop.coop import cycle, exits, shu
from shop.coop.services import record_contribution, savings
from shop.coop.settings import coop_settings
from shop.ledger import chart as c
from shop.ledger import coop_events, events
from shop.ledger.events import SaleLine
from shop.ledger.services import balance, balances, member_balance, post_entry, trial_balance


def test_a_loss_year_then_a_profit_year_by_hand(app, make_books, make_member):
    group = make_books()
    rule = coop_settings(group.id)
    rule.wajib_start, rule.jasa_modal_cap_percent = date(2024, 1, 1), 10
    a, b, cc, d = (make_member(group, name=n, joined_on=date(2020, 1, 1)) for n in "ABCD")
    post_entry(group.id, date(2024, 1, 1), "opening", "Saldo awal", [(c.KAS, 50_000), (c.CADANGAN, -50_000)])
    for m in (a, b, cc, d):
        record_contribution(group.id, m.id, "pokok", 100_000, date(2024, 1, 5))
        record_contribution(group.id, m.id, "wajib", 120_000, date(2024, 12, 20))
    events.part_paid(group.id, 1, date(2024, 3, 1), "bazaar", [SaleLine(20_000, a.id)])
    events.cash_movement(group.id, date(2024, 4, 1), "biaya", "kas", 100_000, "Sewa stan")
    coop_events.grant(group.id, date(2024, 5, 1), 500_000, False, "kas", "Hibah Dinas Sosial (uang)")

    loss = cycle.close_year(group.id, 2024, today=date(2025, 1, 10))
    assert loss.shu == 20_000 - 100_000 == -80_000  # the grant is not income
    b24 = balances(group.id)
    # E12: Cadangan 50.000 covers the loss first; 30.000 stays as rugi
    assert (b24[c.CADANGAN], b24[c.SHU_DITAHAN], b24[c.HIBAH]) == (0, 30_000, -500_000)

    events.part_paid(group.id, 2, date(2025, 3, 1), "bazaar", [SaleLine(100_000, d.id), SaleLine(600_000, a.id),
                                                               SaleLine(300_000, b.id), SaleLine(200_000, None)])
    events.cash_movement(group.id, date(2025, 4, 1), "biaya", "kas", 120_000, "Benang dan kain")
    d.left_on = date(2025, 6, 30)
    exits.settle_exit(group.id, d.id)  # 100.000 + 120.000 back in cash
    coop_events.grant(group.id, date(2025, 7, 1), 1_500_000, True, "kas", "Mesin jahit dari Dinas Sosial")
    record_contribution(group.id, a.id, "wajib", 120_000, date(2025, 12, 20))
    record_contribution(group.id, b.id, "wajib", 120_000, date(2025, 12, 20), paid_into="bank")
    record_contribution(group.id, cc.id, "wajib", 120_000, date(2025, 12, 20))
    assert all(r.wajib_behind == 0 for r in savings(group.id, date(2025, 12, 31)))

    cycle.close_year(group.id, 2025, today=date(2026, 1, 10))
    assert balance(group.id, c.SHU_BELUM_DIBAGI) == -1_080_000  # 1.200.000 − 120.000, nothing divided yet
    cycle.record_decision(group.id, 2025, cycle.Decision(date(2026, 1, 25), 3, "A, B, C", "RAT 2025", None,
                                                         cycle.proposal_rule(group.id)))
    meeting = cycle.post_division(group.id, 2025, date(2026, 1, 25))
    assert (meeting.cadangan_percent, meeting.jasa_usaha_percent, meeting.jasa_modal_cap_percent) == (40, 70, 10)
    # SHU 1.080.000 − the 2024 rugi 30.000 = 1.050.000; non-member 200.000 / 1.200.000 of sales = 175.000;
    # members' 875.000: Cadangan 350.000, jasa anggota 350.000, each dana 43.750; jasa usaha 245.000 by sales
    # 600.000 / 300.000 / 100.000 (D sold before leaving) = 147.000 / 73.500 / 24.500; jasa modal 105.000 by
    # 340.000 each for A, B, C (D left: none) = 35.000 each, capped at 10 % = 34.000 (3.000 to Cadangan)
    shares = {x.member_id: (x.jasa_usaha, x.jasa_modal) for x in shu.allocations(group.id, 2025)}
    assert shares == {a.id: (147_000, 34_000), b.id: (73_500, 34_000), cc.id: (0, 34_000), d.id: (24_500, 0)}
    after = balances(group.id)
    assert after[c.CADANGAN] == -(350_000 + 175_000 + 3_000) == -528_000
    assert after[c.SHU_DITAHAN] == 0 and after[c.SHU_BELUM_DIBAGI] == 0
    for dana in (c.DANA_PENGURUS, c.DANA_KARYAWAN, c.DANA_PENDIDIKAN, c.DANA_SOSIAL):
        assert after[dana] == -43_750

    cycle.pay_member(group.id, 2025, a.id, date(2026, 2, 1), 181_000, "kas")
    cycle.pay_member(group.id, 2025, b.id, date(2026, 2, 1), 50_000, "bank")
    coop_events.spend_dana(group.id, "pendidikan", date(2026, 2, 2), 40_000, "kas", "Pelatihan pembukuan")
    owed = {m.name: -member_balance(group.id, c.UTANG_SHU, m.id) for m in (a, b, cc, d)}
    assert owed == {"A": 0, "B": 57_500, "C": 34_000, "D": 24_500} and -balance(group.id, c.UTANG_SHU) == 116_000
    assert balance(group.id, c.DANA_PENDIDIKAN) == -3_750
    assert (balance(group.id, c.KAS), balance(group.id, c.BANK)) == (2_229_000, 70_000)
    assert (balance(group.id, c.PERALATAN), balance(group.id, c.HIBAH)) == (1_500_000, -2_000_000)
    assert trial_balance(group.id) == 0
