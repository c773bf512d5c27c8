"""A year of a small group computed by hand, with the cost side: opening cash, a sewing machine depreciated
monthly, twelve months of bazaar and online sales, expenses by category, the makers' share paid quarterly with
kuitansi, and a refund after the maker was paid (E18). Every account balance at 31 December 2025 and the year's
result (income - expenses) are checked to the rupiah against the figures worked out below.

The group (makers' share 50 %), one maker, Sari:
  2 Jan    opening: Kas 8.000.000 (Ekuitas saldo awal)
  5 Jan    sewing machine Rp6.000.000 from Kas, 48 months, residual 0 -> 6.000.000 // 48 = 125.000 a month;
           January-December: 12 x 125.000 = 1.500.000 depreciation
  monthly  3rd  Biaya bahan 150.000 (Kas)                 12 x 150.000 = 1.800.000
           15th bazaar sale of the group's own goods 400.000 (Kas)   12 x 400.000 = 4.800.000 Penjualan bazaar
           15th Biaya sewa stan 100.000 (Kas)             12 x 100.000 = 1.200.000
           20th online sale of Sari's shirt 600.000 + shipping 20.000 (Bank)
                -> Penjualan online 7.200.000, Pendapatan ongkos kirim 240.000, Bank +7.440.000
                -> Sari's share 50 % = 300.000 a month: Bagian pengrajin 3.600.000, Utang anggota 3.600.000
           25th Biaya listrik 75.000 (Bank)               12 x 75.000 = 900.000
  10 Mar, Jun, Sep, Dec  Biaya transport 50.000 (Kas)     4 x 50.000 = 200.000
  8 Apr    Biaya alat (a canting set) 120.000 (Kas)
  31 Mar, 30 Jun, 30 Sep  Sari paid 900.000 each (Bank)   3 x 900.000 = 2.700.000
  2 Jul    June's online sale refunded: 600.000 goods from Bank (shipping kept). Sari had been paid June's share
           already, so her 300.000 share comes back as Piutang anggota (she owes it), and Bagian pengrajin
           falls by 300.000 to 3.300.000.

31 December 2025:
  Kas   8.000.000 - 6.000.000 + 4.800.000 - 1.800.000 - 1.200.000 - 200.000 - 120.000 = 3.480.000
  Bank  7.440.000 - 900.000 - 2.700.000 - 600.000                                     = 3.240.000
  Piutang anggota 300.000; Peralatan dan mesin 6.000.000; Akumulasi penyusutan (credit) 1.500.000
  Utang anggota 3.600.000 - 2.700.000 = 900.000 (Sari's fourth quarter)
  Income   7.200.000 + 4.800.000 - 600.000 (retur) + 240.000                          = 11.640.000
  Expenses 3.300.000 + 1.800.000 + 120.000 + 200.000 + 1.200.000 + 900.000 + 1.500.000 = 9.020.000
  Result   11.640.000 - 9.020.000                                                       = 2.620.000
  Check: assets 3.480.000 + 3.240.000 + 300.000 + 6.000.000 - 1.500.000 = 11.520.000
         = Utang anggota 900.000 + Ekuitas saldo awal 8.000.000 + result 2.620.000.
"""
from datetime import date

from shop.coop.opening import record_opening
from shop.ledger import assets, events, makers
from shop.ledger import chart as c
from shop.ledger.events import SaleLine
from shop.ledger.opening import Opening
from shop.ledger.queries import CREDIT_NORMAL, income_per_member
from shop.ledger.services import balances, member_balance, trial_balance

YEAR = 2025


def biaya(group_id: int, day: date, amount: int, category: str, account: str = "kas") -> None:
    events.cash_movement(group_id, day, "biaya", account, amount, f"Biaya {category}", category=category)


def test_a_year_with_costs_a_machine_and_a_refund_matches_the_hand_computation(make_books, make_member):
    group = make_books(maker_share_percent=50)
    sari = make_member(group, name="Sari")
    record_opening(group.id, group.name, Opening(date(YEAR, 1, 2), kas=8_000_000))
    for month in range(1, 13):
        biaya(group.id, date(YEAR, month, 3), 150_000, "bahan")
        if month == 1:
            assets.buy_asset(group.id, "Mesin jahit", date(YEAR, 1, 5), 6_000_000, 48, funded_by="kas")
        if month == 4:
            biaya(group.id, date(YEAR, 4, 8), 120_000, "alat")
        if month == 7:
            events.refund(group.id, 106, "refund:juni", date(YEAR, 7, 2), 600_000)
        if month % 3 == 0:
            biaya(group.id, date(YEAR, month, 10), 50_000, "transport")
        events.part_paid(group.id, 200 + month, date(YEAR, month, 15), "bazaar",
                         [SaleLine(400_000, None, 2, "Taplak batik")], received_into="kas")
        biaya(group.id, date(YEAR, month, 15), 100_000, "sewa_stan")
        events.part_paid(group.id, 100 + month, date(YEAR, month, 20), "online",
                         [SaleLine(600_000, sari.id, 1, "Kemeja batik")], shipping=20_000, received_into="bank")
        biaya(group.id, date(YEAR, month, 25), 75_000, "listrik", account="bank")
        if month in (3, 6, 9):
            makers.pay_maker(group.id, sari.id, date(YEAR, month, 30 if month != 3 else 31), 900_000, "bank",
                             f"form:sari-kuartal-{month}")
    assets.depreciate(group.id, through=(YEAR, 12))

    b = balances(group.id, until=date(YEAR, 12, 31))
    expected = {
        c.KAS: 3_480_000, c.BANK: 3_240_000, c.PIUTANG_ANGGOTA: 300_000, c.PERALATAN_MESIN: 6_000_000,
        c.AKUM_PENYUSUTAN: -1_500_000, c.UTANG_ANGGOTA: -900_000, c.EKUITAS_SALDO_AWAL: -8_000_000,
        c.PENJUALAN_ONLINE: -7_200_000, c.PENJUALAN_BAZAAR: -4_800_000, c.RETUR_PENJUALAN: 600_000,
        c.PENDAPATAN_ONGKIR: -240_000, c.BAGIAN_PENGRAJIN: 3_300_000, c.BIAYA_BAHAN: 1_800_000,
        c.BIAYA_ALAT: 120_000, c.BIAYA_TRANSPORT: 200_000, c.BIAYA_SEWA_STAN: 1_200_000,
        c.BIAYA_LISTRIK: 900_000, c.BEBAN_PENYUSUTAN: 1_500_000,
    }
    assert {code: amount for code, amount in b.items() if amount} == expected
    assert trial_balance(group.id) == 0
    kinds = c.KIND_BY_CODE
    income = -sum(v for k, v in b.items() if kinds[k] == "income")
    expenses = sum(v for k, v in b.items() if kinds[k] == "expense")
    assert (income, expenses, income - expenses) == (11_640_000, 9_020_000, 2_620_000)
    total_assets = sum(v for k, v in b.items() if kinds[k] == "asset")
    owed_and_equity = -sum(v for k, v in b.items() if kinds[k] in CREDIT_NORMAL and kinds[k] != "income")
    assert total_assets == 11_520_000 == owed_and_equity + income - expenses
    assert member_balance(group.id, c.PIUTANG_ANGGOTA, sari.id) == 300_000
    sari_row = next(r for r in income_per_member(group.id, {sari.id: "Sari"}) if r.member_id == sari.id)
    assert (sari_row.sales, sari_row.paid, sari_row.owed) == (6_600_000, 2_700_000, 900_000)
    register = assets.register(group.id)
    assert [(r.monthly, r.accumulated, r.book_value) for r in register] == [(125_000, 1_500_000, 4_500_000)]
