"""SAK EMKM statements of a small group with known postings, made through the ledger's own posting services and
checked to the rupiah against figures worked out by hand (below).

2025, maker share 40 %:
  10-01 simpanan pokok Ani 100.000 (Kas)
  05-02 online part #1: goods 500.000 (Ani) + shipping 20.000 to the platform; Ani's share 200.000; card fee 15.080
  20-02 bazaar part #2: goods 300.000 (Budi) in Kas; Budi's share 120.000
  03-03 refund of part #1: 100.000 goods back through the platform; Ani's share reversed by 40.000
  10-03 bahan 50.000 from Kas; 15-03 Budi paid his 120.000 from Kas
  02-04 Kas 100.000 to Bank; 05-12 listrik 10.000 from Kas
2026: 15-01 other income 30.000 into Kas
February: income 820.000, costs 335.080, result 484.920. March: income −100.000, costs 10.000, result −110.000.
Q1 2025: income 720.000, costs 345.080, result 374.920. Year 2025: result 364.920.
"""
from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from shop.books import statement_period, statements
from shop.books.statement_files import xlsx_bytes
from shop.books.statement_lines import DEDUCTIONS, section_of
from shop.books.statement_period import Period, PeriodInputError
from shop.coop.cycle import close_year
from shop.ledger.coop_events import grant

TODAY = date(2026, 12, 1)


def lines(section) -> dict[str, tuple[int, int]]:
    return {line.label: (line.amount, line.prior) for line in section.lines}


def test_february_and_march_neraca_balance_with_the_prior_column(book):
    march = statements.build(book, Period("bulan", 2025, 3), TODAY)
    sheet = march.balance_sheet
    assert (sheet.at, sheet.prior_at) == (date(2025, 3, 31), date(2025, 2, 28))
    current = {s.key: s for s in sheet.assets}["aset_lancar"]
    assert lines(current) == {"Kas": (230_000, 400_000), "Piutang platform": (404_920, 504_920)}
    assert (sheet.total_assets, sheet.prior_total_assets) == (634_920, 904_920)
    assert lines(sheet.liabilities) == {"Utang anggota": (160_000, 320_000)}
    assert lines(sheet.equity) == {"Simpanan pokok": (100_000, 100_000),
                                   "Laba (rugi) tahun berjalan": (374_920, 484_920)}
    assert (sheet.total_claims, sheet.prior_total_claims) == (634_920, 904_920)
    assert sheet.balanced


def test_laba_rugi_is_income_minus_costs_with_the_refund_as_a_deduction(book):
    income = statements.build(book, Period("bulan", 2025, 3), TODAY).income
    assert lines(income.revenue) == {"Penjualan online": (0, 500_000), "Penjualan bazaar": (0, 300_000),
                                     "Retur penjualan": (-100_000, 0), "Pendapatan ongkos kirim": (0, 20_000)}
    assert [line.deduction for line in income.revenue.lines if line.code == "4103"] == [True]
    assert lines(income.expenses) == {"Bagian pengrajin (harga pokok)": (-40_000, 320_000),
                                      "Biaya pembayaran": (0, 15_080), "Biaya bahan": (50_000, 0)}
    assert (income.revenue.total, income.expenses.total, income.result) == (-100_000, 10_000, -110_000)
    assert (income.revenue.prior_total, income.expenses.prior_total, income.prior_result) == (
        820_000, 335_080, 484_920)


def test_quarter_and_year_periods(book):
    q1 = statements.build(book, Period("triwulan", 2025, 1), TODAY)
    assert (q1.period.start, q1.period.end, q1.prior.end) == (date(2025, 1, 1), date(2025, 3, 31),
                                                              date(2024, 12, 31))
    assert (q1.income.revenue.total, q1.income.expenses.total, q1.income.result) == (720_000, 345_080, 374_920)
    assert q1.balance_sheet.prior_total_assets == 0 and q1.balance_sheet.total_assets == 634_920
    q2 = statements.build(book, Period("triwulan", 2025, 2), TODAY)
    assert q2.income.result == 0 and q2.income.prior_result == 374_920
    assert lines(q2.balance_sheet.assets[0])["Bank"] == (100_000, 0)
    year = statements.build(book, Period("tahun", 2025, 1), TODAY)
    assert year.income.result == 364_920 and year.income.prior_result == 0
    assert (year.balance_sheet.total_assets, year.balance_sheet.total_claims) == (624_920, 624_920)


def test_closing_entry_is_left_out_of_the_laba_rugi_and_closed_into_equity(book):
    close_year(book.id, 2025, TODAY)
    december = statements.build(book, Period("bulan", 2025, 12), TODAY)
    assert lines(december.income.expenses) == {"Biaya listrik": (10_000, 0)}
    assert december.income.revenue.lines == [] and december.income.result == -10_000
    year = statements.build(book, Period("tahun", 2025, 1), TODAY)
    assert year.income.result == 364_920  # the close emptied every 4xxx/5xxx account on 31-12: not counted
    equity = lines(year.balance_sheet.equity)
    assert equity["SHU belum dibagi"] == (364_920, 0)
    assert equity["Laba (rugi) tahun berjalan"] == (0, 0)
    assert year.balance_sheet.balanced and year.balance_sheet.total_assets == 624_920
    january = statements.build(book, Period("bulan", 2026, 1), TODAY)
    assert lines(january.balance_sheet.equity)["Laba (rugi) tahun berjalan"] == (30_000, 0)
    assert january.balance_sheet.total_assets == 654_920 and january.balance_sheet.prior_total_assets == 624_920


def test_an_earlier_year_not_closed_is_a_line_of_its_own(book):
    january = statements.build(book, Period("bulan", 2026, 1), TODAY)
    equity = lines(january.balance_sheet.equity)
    assert equity["Laba (rugi) tahun lalu yang belum ditutup"] == (364_920, 0)
    assert equity["Laba (rugi) tahun berjalan"] == (30_000, 364_920)
    assert january.balance_sheet.balanced and january.balance_sheet.total_claims == 654_920


def test_notes_carry_the_entity_policies_and_item_details(book):
    data = statements.build(book, Period("triwulan", 2025, 1), TODAY)
    by_title = {note.title: note for note in data.notes}
    entity = " ".join(by_title["Informasi umum"].paragraphs)
    assert "Kelompok Tenun Sari" in entity and "Kota Malang, Jawa Timur" in entity
    assert "beranggotakan 2 orang" in entity  # Citra joined in June
    assert "SAK EMKM" in " ".join(by_title["Dasar penyusunan"].paragraphs)
    policies = " ".join(by_title["Kebijakan akuntansi"].paragraphs)
    assert "40%" in policies and "garis lurus" in policies
    assert by_title["Kas dan bank"].table.total == 230_000
    assert lines(by_title["Piutang"].table) == {"Piutang platform": (404_920, 0)}
    assert by_title["Aset tetap"].table is None
    assert lines(by_title["Simpanan anggota"].table) == {"Simpanan pokok": (100_000, 0)}
    channels = by_title["Penjualan bersih per saluran"].table
    assert lines(channels) == {"Penjualan online": (400_000, 0), "Penjualan bazaar": (300_000, 0)}
    assert data.signers == {"ketua": "Ani Rahayu", "bendahara": "Budi Santoso"}
    assert data.place == "Malang"


def test_accounts_are_placed_by_code_so_new_ones_land_right():
    assert [section_of(code) for code in ("1101", "1201", "1202", "1209", "1301", "2103", "3107", "4103",
                                          "5209")] == [
        "aset_lancar", "aset_tetap", "aset_tetap", "aset_tetap", "aset_lain", "liabilitas", "ekuitas",
        "pendapatan", "beban"]
    assert {"1209", "4103"} <= DEDUCTIONS


def test_period_picker_values():
    parse = statement_period.parse
    assert parse({}, TODAY) == Period("bulan", 2026, 12)
    assert parse({"jenis": "triwulan"}, TODAY) == Period("triwulan", 2026, 4)
    assert parse({"jenis": "triwulan", "tahun": "2025"}, TODAY) == Period("triwulan", 2025, 4)
    assert parse({"jenis": "tahun", "tahun": "2024"}, TODAY) == Period("tahun", 2024, 1)
    assert parse({"jenis": "bulan", "tahun": "2025", "bulan": "2"}, TODAY).end == date(2025, 2, 28)
    assert Period("bulan", 2025, 1).previous() == Period("bulan", 2024, 12)
    assert Period("triwulan", 2025, 1).previous() == Period("triwulan", 2024, 4)
    assert Period("triwulan", 2024, 1).end == date(2024, 3, 31) and Period("triwulan", 2024, 4).start == date(
        2024, 10, 1)
    for bad, words in (({"jenis": "minggu"}, "jenis periode"), ({"tahun": "abc"}, "Tahun harus"),
                       ({"tahun": "1999"}, "Tahun harus"), ({"tahun": "2027"}, "Tahun harus"),
                       ({"bulan": "13"}, "Bulan harus"), ({"jenis": "triwulan", "triwulan": "5"}, "Triwulan harus"),
                       ({"bulan": "-1"}, "Bulan harus"), ({"tahun": "9" * 40}, "Tahun harus")):
        with pytest.raises(PeriodInputError, match=words):
            parse(bad, TODAY)
    with pytest.raises(PeriodInputError, match="belum dimulai"):
        parse({"bulan": "12"}, date(2026, 11, 30))


def test_xlsx_has_one_sheet_per_statement_with_integer_totals_in_bold(book):
    data = statements.build(book, Period("triwulan", 2025, 1), TODAY)
    workbook = load_workbook(io.BytesIO(xlsx_bytes(data)))
    assert workbook.sheetnames == ["Posisi keuangan", "Laba rugi", "Catatan"]

    def row(sheet, label):
        for cells in workbook[sheet].iter_rows():
            if cells[0].value == label:
                return cells
        raise AssertionError(f"no row {label!r} in {sheet}")

    total = row("Posisi keuangan", "Jumlah aset")
    assert [c.value for c in total[1:3]] == [634_920, 0] and total[0].font.bold and total[1].font.bold
    assert isinstance(total[1].value, int) and "Rp" in total[1].number_format
    assert row("Posisi keuangan", "Jumlah liabilitas dan ekuitas")[1].value == 634_920
    result = row("Laba rugi", "Laba (rugi)")
    assert result[1].value == 374_920 and result[1].font.bold
    assert row("Laba rugi", "Retur penjualan")[1].value == -100_000
    assert row("Catatan", "Jumlah kas dan bank")[1].value == 230_000


def test_equipment_granted_in_kind_is_a_fixed_asset_in_the_neraca_and_the_notes(book):
    grant(book.id, date(2025, 3, 20), 1_500_000, True, "kas", "Mesin jahit dari Dinas Sosial")
    data = statements.build(book, Period("bulan", 2025, 3), TODAY)
    fixed = {s.key: s for s in data.balance_sheet.assets}["aset_tetap"]
    assert lines(fixed) == {"Peralatan (hibah barang)": (1_500_000, 0)} and fixed.total == 1_500_000
    assert lines(data.balance_sheet.equity)["Hibah"] == (1_500_000, 0)
    assert data.balance_sheet.total_assets == data.balance_sheet.total_claims == 2_134_920
    assert data.income.result == -110_000  # a grant is equity, never income
    notes = {note.title: note for note in data.notes}
    assert notes["Aset tetap"].table.total == 1_500_000


def test_xlsx_escapes_text_a_spreadsheet_would_run(book):
    book.name = "=HYPERLINK(\"x\")"
    data = statements.build(book, Period("bulan", 2025, 3), TODAY)
    sheet = load_workbook(io.BytesIO(xlsx_bytes(data)))["Posisi keuangan"]
    assert sheet["A1"].value == "'=HYPERLINK(\"x\")" and sheet["A1"].data_type == "s"
