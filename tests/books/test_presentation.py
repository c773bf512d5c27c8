"""Presentation errors: E10 (a negative Piutang platform is a debt to the platform), E13 (a period's report
leaves out the year-end close), E14 (Indonesian words in exports and labels), E15 (per-group gap-free journal
numbers in date order)."""
import csv
import io
from datetime import date

from openpyxl import load_workbook

from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.services import post_entry


def journal_rows(client):
    text = client.get("/kelola/buku/jurnal.csv").get_data(as_text=True).lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))[1:]


def test_e15_journal_numbers_are_per_group_gap_free_in_date_order(client, make_books, make_staff, login):
    mine, other = make_books(), make_books()
    for day in (date(2026, 3, 5), date(2026, 3, 1)):  # typed out of date order, another group in between
        events.cash_movement(mine.id, day, "pendapatan", "kas", 10_000, f"hibah {day}")
        events.cash_movement(other.id, day, "pendapatan", "kas", 10_000, "lain")
    events.cash_movement(mine.id, date(2026, 3, 3), "pendapatan", "kas", 10_000, "hibah 2026-03-03")
    login(make_staff("coordinator", mine))
    rows = journal_rows(client)
    numbers = {row[3]: int(row[1]) for row in rows}
    assert numbers == {"hibah 2026-03-01": 1, "hibah 2026-03-03": 2, "hibah 2026-03-05": 3}
    html = client.get("/kelola/buku/jurnal").get_data(as_text=True)
    assert "<td>3</td>" in html


def test_e14_exports_speak_indonesian(client, make_books, make_staff, login):
    group = make_books()
    events.part_paid(group.id, 1, date(2026, 3, 2), "bazaar", [SaleLine(50_000)])
    events.cash_movement(group.id, date(2026, 3, 3), "biaya", "kas", 5_000, "benang")
    login(make_staff("coordinator", group))
    kinds = {row[2] for row in journal_rows(client)}
    assert kinds == {"Penjualan", "Kas/bank"}
    book = load_workbook(io.BytesIO(client.get("/kelola/buku/laporan.xlsx").data))
    sheet = book.worksheets[0]
    assert {row[2] for row in sheet.iter_rows(min_row=2, values_only=True)} == \
        {"Aset", "Kewajiban", "Ekuitas", "Pendapatan", "Beban"}
    sales = client.get("/kelola/buku/penjualan").get_data(as_text=True)
    assert "bukan anggota" not in sales and "barang milik kelompok" in sales


def test_e13_december_report_leaves_out_the_year_close(client, make_books, make_staff, login):
    group = make_books()
    events.part_paid(group.id, 1, date(2025, 12, 10), "bazaar", [SaleLine(400_000)])
    post_entry(group.id, date(2025, 12, 31), "year_close", "Tutup buku 2025",
               [(c.PENJUALAN_BAZAAR, 400_000), (c.CADANGAN, -400_000)], reference="close:2025")
    login(make_staff("coordinator", group))
    html = client.get("/kelola/buku/laporan-bulanan?tahun=2025&bulan=12").get_data(as_text=True)
    row = html[html.index("4102 Penjualan bazaar"):][:300]
    assert row.count("Rp400.000") == 2  # the month's movement and the balance before the close, not Rp0
    assert "Tutup buku 2025" not in html


def platform_debt(make_books):
    owes, owed = make_books(name="Kelompok Utang"), make_books(name="Kelompok Piutang")
    events.part_paid(owes.id, 1, date(2026, 3, 1), "online", [SaleLine(100_000)])
    events.card_fee("pi_1", date(2026, 3, 1), [(owes.id, 1, 100_000)], fee=2_900)
    events.payout(owes.id, "trf-1", date(2026, 3, 2), 97_100)
    events.refund(owes.id, 1, "refund:re_1", date(2026, 3, 3), 100_000)  # refunded after the payout
    events.part_paid(owed.id, 2, date(2026, 3, 1), "online", [SaleLine(50_000)])
    return owes, owed


def test_e10_a_negative_piutang_platform_is_shown_as_a_debt(client, make_books, make_staff, login):
    owes, _owed = platform_debt(make_books)
    login(make_staff("coordinator", owes))
    html = client.get("/kelola/buku/").get_data(as_text=True)
    assert "Utang kelompok ke platform:" in html and "Rp100.000" in html
    assert "-Rp" not in html.split("Saldo per akun")[0]


def test_e10_the_admin_total_shows_owed_and_receivable_apart(client, make_books, make_staff, login):
    platform_debt(make_books)
    login(make_staff("admin"))
    admin = client.get("/admin/buku/").get_data(as_text=True)
    assert "Total yang masih harus dicairkan ke kelompok: Rp50.000" in admin
    assert "Total utang kelompok ke platform" in admin and "utang ke platform Rp100.000" in admin


def test_the_overview_says_this_month_in_plain_words_with_a_glossary(client, make_books, make_staff, login):
    from datetime import timedelta

    from shop.ledger.periods import today_wib

    group = make_books()
    today = today_wib()
    last = today.replace(day=1) - timedelta(days=1)
    events.part_paid(group.id, 1, last, "bazaar", [SaleLine(300_000)])
    events.part_paid(group.id, 2, today, "bazaar", [SaleLine(120_000)])
    events.cash_movement(group.id, today, "biaya", "kas", 20_000, "benang", category="bahan")
    login(make_staff("coordinator", group))
    html = client.get("/kelola/buku/").get_data(as_text=True)
    assert "Penjualan bulan ini: Rp120.000 (bulan lalu Rp300.000)." in html
    assert "Biaya bulan ini: Rp20.000 (bulan lalu Rp0)." in html
    assert "Yang tersisa setelah biaya: Rp100.000" in html
    assert "Uang di kas dan bank: Rp400.000 (akhir bulan lalu Rp300.000)." in html
    glossary = client.get("/kelola/buku/istilah")
    assert glossary.status_code == 200 and "Piutang platform" in glossary.get_data(as_text=True)
    assert "Laporan posisi keuangan (neraca)" in glossary.get_data(as_text=True)  # the statements explained too
