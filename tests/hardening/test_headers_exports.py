"""Security probe L1 (formulas in CSV for Indonesian Excel), L3 (caching of private pages, HTTPS headers) and L6
(PDF slips shown inline from the shop's origin)."""
from __future__ import annotations

import csv
import io
import os

import pytest

from shop.extensions import db
from shop.ledger.exports import escape_csv_cell
from tests.conftest import ShopClient
from tests.orders.test_pages import upload


@pytest.mark.parametrize("text, expected", [("kas;=1+2;x", "kas;'=1+2;x"), ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
                                            ("a, +1", "a, '+1"), ("a\t@SUM(1)", "a\t'@SUM(1)"),
                                            ("Batik tulis", "Batik tulis")])
def test_formula_starts_are_escaped_after_every_separator(text, expected):
    assert escape_csv_cell(text) == expected


def test_a_cash_memo_cannot_become_a_formula_with_semicolons(coordinator):
    client, _group, _user = coordinator
    client.post_form("/kelola/buku/kas", {"movement": "pendapatan", "account": "kas",
                                          "day": "2026-11-30", "amount": "5000", "memo": "kas;=1+2;x"})
    text = client.get("/kelola/buku/jurnal.csv").get_data(as_text=True).lstrip("\ufeff")
    assert "kas;=1+2" not in text
    for delimiter in (",", ";"):
        cells = [cell.strip('"') for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells), delimiter


def test_staff_pages_orders_and_exports_are_never_cached(coordinator, make_product, make_order):
    client, group, _user = coordinator
    order = make_order([(make_product(group=group).variants[0], 1)])
    db.session.commit()
    for url in ("/kelola/produk", "/dasbor", "/kelola/buku/jurnal.csv", "/kelola/buku/laporan.xlsx",
                f"/kelola/pesanan/{order.parts[0].id}"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store", url
    anonymous = client.application.test_client()
    response = anonymous.get(f"/pesanan/{order.token}")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert anonymous.get("/").headers.get("Cache-Control") != "private, no-store"  # the catalogue may be cached


def test_static_files_do_not_vary_on_cookies(client):
    assert os.path.isfile(os.path.join(client.application.static_folder, "css", "shop.css"))
    response = client.get("/static/css/shop.css")
    assert response.status_code == 200 and "Cookie" not in response.headers.get("Vary", "")
    assert client.get("/").headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_over_https_hsts_and_a_host_only_cookie(make_app, make_user):
    app = make_app({"PUBLIC_URL": "https://pasarkarya.id"})
    app.test_client_class = ShopClient
    client = app.test_client()
    with app.app_context():
        response = client.get("/masuk", base_url="https://pasarkarya.id")
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        cookie = response.headers["Set-Cookie"]
        assert cookie.startswith("__Host-session=") and "Secure" in cookie and "Path=/" in cookie
        assert "Domain" not in cookie


def test_a_pdf_slip_is_a_download_never_shown_inline(client, make_product, make_order):
    order = make_order([(make_product().variants[0], 1)])
    db.session.commit()
    pdf = b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF"
    assert upload(client, order, order.parts[0], pdf, name="bukti.pdf").status_code == 302
    db.session.refresh(order)
    payment = order.payments[0]
    response = client.get(f"/pesanan/{order.token}/bukti-berkas/{payment.id}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "private, no-store"
