"""The statements page, its PDF and XLSX through the test client (CSRF on): a coordinator sees their own group
only, bad period input is a clear message with status 400, and the group's CaLK text is saved through a
validated form."""
from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from shop.activity.models import ActivityLog
from shop.books import statements
from shop.books.models import NOTE_MAX_LENGTH, StatementNote
from shop.extensions import db
from shop.ledger import events
from shop.ledger.events import SaleLine

Q1 = "jenis=triwulan&tahun=2025&triwulan=1"
BASE = "/kelola/buku/laporan-keuangan"


@pytest.fixture
def coordinator(client, book, make_user, login):
    login(make_user("coordinator", group=book))
    return book


@pytest.fixture
def other_group(make_books):
    group = make_books(name="Kelompok Anyaman Lain")
    events.part_paid(group.id, 99, date(2025, 2, 1), "bazaar", [SaleLine(777_000, None, 5, "Tikar")])
    db.session.commit()
    return group


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_page_shows_the_three_statements_of_the_own_group_only(client, coordinator, other_group):
    response = client.get(f"{BASE}?{Q1}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.count("<h1") == 1
    for words in ("Laporan posisi keuangan per 31 Maret 2025", "Laporan laba rugi Triwulan I 2025",
                  "Catatan atas laporan keuangan", "Rp634.920", "Rp374.920", "(Rp100.000)",
                  "Kelompok Tenun Sari", 'name="csrf_token"'):
        assert words in html, words
    assert "Kelompok Anyaman Lain" not in html and "Rp777.000" not in html
    # the admin's pages of another group are not a coordinator's
    foreign = client.get(f"/admin/buku/kelompok/{other_group.id}/laporan-keuangan?{Q1}")
    assert foreign.status_code in (302, 403, 404)
    assert "Rp777.000" not in foreign.get_data(as_text=True)


def test_default_is_the_current_month_and_the_books_link_to_it(client, coordinator):
    response = client.get(BASE)
    assert response.status_code == 200
    assert "Laporan posisi keuangan per" in response.get_data(as_text=True)
    for page in ("/kelola/buku/", "/kelola/buku/jurnal"):
        assert f'href="{BASE}"' in client.get(page).get_data(as_text=True), page


@pytest.mark.parametrize("query, words", [
    ("jenis=minggu", "Pilih jenis periode"), ("tahun=abc", "Tahun harus antara 2000"),
    ("tahun=1999&bulan=1", "Tahun harus antara 2000"), ("bulan=13", "Bulan harus 1 sampai 12"),
    ("jenis=triwulan&triwulan=0", "Triwulan harus 1 sampai 4"), ("tahun=" + "9" * 300, "Tahun harus"),
])
def test_bad_period_input_is_a_clear_message_not_an_error_page(client, coordinator, query, words):
    for suffix in ("", ".pdf", ".xlsx"):
        response = client.get(f"{BASE}{suffix}?{query}")
        html = response.get_data(as_text=True)
        assert response.status_code == 400, (suffix, query)
        assert response.mimetype == "text/html" and words in html and 'role="alert"' in html


def test_pdf_has_totals_page_numbers_and_both_signature_blocks(client, coordinator):
    response = client.get(f"{BASE}.pdf?{Q1}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "laporan-keuangan-" in response.headers["Content-Disposition"] and "2025-t1" in response.headers[
        "Content-Disposition"]
    text = pdf_text(response.data)
    for words in ("Laporan posisi keuangan per 31 Maret 2025", "Jumlah aset", "Rp634.920",
                  "Jumlah liabilitas dan ekuitas", "Laba (rugi)", "Rp374.920", "Halaman 1 dari",
                  "Ketua", "Bendahara", "Ani Rahayu", "Budi Santoso"):
        assert words in text, words
    assert re.search(r"Malang, \d{1,2} \w+ 20\d\d", text)  # place and date of signing (today in WIB)
    pages = len(PdfReader(io.BytesIO(response.data)).pages)
    assert f"Halaman {pages} dari {pages}" in text


def test_xlsx_download_reads_back_with_the_totals(client, coordinator):
    response = client.get(f"{BASE}.xlsx?jenis=tahun&tahun=2025")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    workbook = load_workbook(io.BytesIO(response.data))
    values = {row[0].value: row[1].value for row in workbook["Posisi keuangan"].iter_rows() if row[0].value}
    assert values["Jumlah aset"] == 624_920 and values["Jumlah liabilitas dan ekuitas"] == 624_920
    result = next(row for row in workbook["Laba rugi"].iter_rows() if row[0].value == "Laba (rugi)")
    assert result[1].value == 364_920 and result[1].font.bold


def test_calk_text_form_has_csrf_and_validation(client, coordinator, app):
    url = f"{BASE}/catatan?{Q1}"
    no_token = client.post(url, data={"text": "Tanpa token"})
    assert no_token.status_code == 400 and db.session.get(StatementNote, coordinator.id) is None
    too_long = client.post_form(url, {"text": "x" * (NOTE_MAX_LENGTH + 1)}, token_page=f"{BASE}?{Q1}")
    assert too_long.status_code == 400 and "paling banyak 2000 karakter" in too_long.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(StatementNote, coordinator.id) is None
    text = "Kelompok menerima janji hibah mesin jahit dari Dinas Sosial pada Januari 2026.\r\nBaris kedua."
    saved = client.post_form(url, {"text": text}, token_page=f"{BASE}?{Q1}")
    assert saved.status_code == 302 and re.search(r"jenis=triwulan", saved.headers["Location"])
    db.session.expire_all()
    assert db.session.get(StatementNote, coordinator.id).text == text.replace("\r\n", "\n")
    assert db.session.query(ActivityLog).filter_by(action="books.statement_note_updated").count() == 1
    assert "janji hibah mesin jahit" in client.get(f"{BASE}?{Q1}").get_data(as_text=True)
    assert "janji hibah mesin jahit" in pdf_text(client.get(f"{BASE}.pdf?{Q1}").data)


def test_admin_sees_any_groups_statements_without_the_text_form(client, book, make_user, login):
    login(make_user("admin"))
    response = client.get(f"/admin/buku/kelompok/{book.id}/laporan-keuangan?{Q1}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Rp634.920" in html and "/laporan-keuangan/catatan" not in html
    pdf = client.get(f"/admin/buku/kelompok/{book.id}/laporan-keuangan.pdf?{Q1}")
    assert pdf.status_code == 200 and "Rp634.920" in pdf_text(pdf.data)


def test_a_neraca_that_does_not_balance_is_flagged_on_the_page_and_in_the_xlsx(client, coordinator, monkeypatch):
    """The ledger always balances; should a broken book ever reach the statements, they say so, never hide it."""
    real = statements.open_results
    monkeypatch.setattr(statements, "open_results", lambda *args: tuple(v + 1 for v in real(*args)))
    html = client.get(f"{BASE}?{Q1}").get_data(as_text=True)
    assert "Peringatan: jumlah aset tidak sama dengan jumlah liabilitas dan ekuitas" in html
    workbook = load_workbook(io.BytesIO(client.get(f"{BASE}.xlsx?{Q1}").data))
    labels = [row[0].value for row in workbook["Posisi keuangan"].iter_rows()]
    assert any(str(label).startswith("Peringatan") for label in labels)
    monkeypatch.setattr(statements, "open_results", real)
    assert "Peringatan: jumlah aset" not in client.get(f"{BASE}?{Q1}").get_data(as_text=True)


def test_english_pages_and_pdf_keep_account_names_indonesian(client, coordinator):
    client.get("/bahasa/en")
    html = client.get(f"{BASE}?{Q1}").get_data(as_text=True)
    for words in ("Statement of financial position as at 31 March 2025", "Income statement Quarter I 2025",
                  "Total assets", "Piutang platform", "Retur penjualan"):
        assert words in html, words
    text = pdf_text(client.get(f"{BASE}.pdf?{Q1}").data)
    assert "Page 1 of" in text and "Chair" in text and "Treasurer" in text and "Rp634.920" in text
    client.get("/bahasa/id")
