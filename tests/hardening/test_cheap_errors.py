"""Security probe M6 and L2: hostile but cheap input that ended in a 500."""
from __future__ import annotations

from datetime import date

import pytest

from shop.extensions import db
from shop.ledger.models import JournalEntry
from shop.urls import safe_next


def test_an_empty_quantity_in_the_cart_is_a_message(client, make_product):
    variant = make_product().variants[0]
    db.session.commit()
    for url, data in (("/keranjang/tambah", {"variant_id": str(variant.id), "quantity": ""}),
                      ("/keranjang/tambah", {"quantity": "1"}),
                      ("/keranjang/ubah", {"variant_id": str(variant.id), "quantity": ""})):
        response = client.post_form(url, data, token_page="/masuk", follow_redirects=True)
        assert response.status_code == 200, url


@pytest.mark.parametrize("url", ["/kelola/produk/9999999999999999999999999", "/kelola/pesanan/2147483648",
                                 "/pesanan/abc/bukti-berkas/99999999999999999999"])
def test_an_id_past_the_database_integer_is_not_found(coordinator, url):
    client, _group, _user = coordinator
    assert client.get(url).status_code == 404


def test_ids_up_to_the_database_integer_still_route(app):
    adapter = app.url_map.bind("localhost")
    assert adapter.match("/kelola/pesanan/2147483647")[1] == {"part_id": 2**31 - 1}


@pytest.mark.parametrize("query", ["laporan=1", "_method=POST", "group_id=abc", "_external=1&_scheme=javascript",
                                   "page=abc&akun=x"])
@pytest.mark.parametrize("path", ["/kelola/buku/penjualan", "/kelola/buku/jurnal", "/kelola/buku/pendapatan-anggota"])
def test_unknown_query_arguments_on_books_pages(coordinator, path, query):
    client, _group, _user = coordinator
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    assert "javascript" not in response.get_data(as_text=True).split("<main", 1)[-1].lower()


def test_unknown_query_arguments_on_the_admins_books(client, make_user, login, make_group):
    group = make_group()
    login(make_user("admin"))
    assert client.get(f"/admin/buku/kelompok/{group.id}/jurnal?group_id=abc").status_code == 200


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie:x=1", "/\r\nX-Injected:1", "/ok\x00", "/a\tb"])
def test_control_characters_in_next_are_refused(client, target):
    assert safe_next(target) is None
    assert client.get("/bahasa/en", query_string={"next": target}).status_code == 302


def test_login_with_crlf_in_next_lands_on_the_dashboard(client, make_user):
    from tests.fixtures.accounts import PASSWORD

    user = make_user("admin")
    db.session.commit()
    response = client.post_form("/masuk?next=/%0d%0aX-Injected:1", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.headers["Location"].endswith("/dasbor")


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_book_dates_out_of_range_are_refused_with_a_message(coordinator, day):
    client, _group, _user = coordinator
    response = client.post_form("/kelola/buku/kas", {"movement": "biaya", "account": "kas", "day": day,
                                                     "amount": "5000", "memo": "Listrik"})
    assert response.status_code == 200 and "Tanggal harus antara" in response.get_data(as_text=True)
    assert db.session.query(JournalEntry).count() == 0
    for path in ("/kelola/buku/jurnal", "/kelola/buku/penjualan", "/kelola/buku/jurnal.csv"):
        assert client.get(f"{path}?dari={day}&sampai=9999-12-31").status_code == 200


def test_a_book_date_today_is_fine(coordinator):
    client, _group, _user = coordinator
    response = client.post_form("/kelola/buku/kas", {"movement": "pendapatan", "account": "kas",
                                                     "day": date.today().isoformat(), "amount": "5000",
                                                     "memo": "Listrik"})
    assert response.status_code == 302
