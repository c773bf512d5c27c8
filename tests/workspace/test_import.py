"""Bulk CSV import: preview with per-row errors, nothing saved when any row is wrong, confirm saves all."""
import io
import re

import pytest
from sqlalchemy import select

from shop.catalog.models import Product
from shop.extensions import db

HEADER = "title,description,craft,kind,lead_time_days,size,colour,sku,price,stock\n"
GOOD = HEADER + (
    "Kemeja Batik Sekar,Katun halus,batik_tulis,,,M,biru,SEKAR-M,750.000,3\n"
    "Kemeja Batik Sekar,Katun halus,batik_tulis,,,L,biru,SEKAR-L,\"775,000\",2\n"
    "Kebaya Ukur,Dijahit sesuai badan,Jahit & busana,made_to_measure,14,,,,1.200.000,0\n"
)


def _upload(client, text: str, name="produk.csv"):
    return client.post_form("/kelola/impor", {"file": (io.BytesIO(text.encode()), name)})


def _products(group):
    return db.session.scalars(select(Product).where(Product.group_id == group.id).order_by(Product.id)).all()


def test_preview_then_confirm_creates_drafts(coordinator):
    client, group, _user = coordinator
    r = _upload(client, GOOD)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Akan dibuat 2 produk baru dan diperbarui 0 pilihan" in html
    assert _products(group) == []  # nothing saved by the preview
    payload = re.search(r'name="payload" type="hidden" value="([^"]+)"', html).group(1)
    r = client.post_form("/kelola/impor/simpan", {"payload": payload}, token_page="/kelola/impor")
    assert r.status_code == 302
    products = _products(group)
    assert [(p.title, p.status, p.kind) for p in products] == [
        ("Kemeja Batik Sekar", "draft", "ready_made"), ("Kebaya Ukur", "draft", "made_to_measure")]
    assert [(v.size, v.sku, v.price, v.stock) for v in products[0].variants] == [
        ("M", "SEKAR-M", 750_000, 3), ("L", "SEKAR-L", 775_000, 2)]
    assert products[1].craft == "jahit" and products[1].lead_time_days == 14
    # the same payload again: the kebaya (no SKU) already exists by name, so nothing more is saved
    r = client.post_form("/kelola/impor/simpan", {"payload": payload}, token_page="/kelola/impor")
    assert "Kebaya Ukur\u201d sudah ada" in r.get_data(as_text=True) and len(_products(group)) == 2


@pytest.mark.parametrize("row, message", [
    ("Kain,,batik_tulis,,,,,,tujuh ratus,1", "Harga \"tujuh ratus\" tidak valid"),
    ("Kain,,batik_tulis,,,,,,,1", "Harga kosong"),
    ("Kain,,plastik,,,,,,1000,1", "Jenis kerajinan \"plastik\" tidak dikenal"),
    ("Kain,,batik_tulis,roket,,,,,1000,1", "Jenis produk \"roket\" tidak dikenal"),
    (",,batik_tulis,,,,,,1000,1", "Nama produk (kolom nama) kosong"),
    ("Kain,,batik_tulis,,,,,SEKAR-M,1000,1", "SKU SEKAR-M sama dengan baris 2"),
    ("Kain,,batik_tulis,made_to_order,,,,,1000,1", "Isi lama pengerjaan"),
    ("Kain,,batik_tulis,,,,,,1000,-4", "Stok harus angka bulat"),
    ("Kain,,batik_cap,,,,,,1000,1\nKain,,lukis,,,,,,1000,1", "berbeda dengan baris pertama"),
])
def test_row_errors_shown_and_nothing_saved(coordinator, row, message):
    client, group, _user = coordinator
    text = HEADER + "Kemeja Batik Sekar,,batik_tulis,,,M,,SEKAR-M,750000,3\n" + row + "\n"
    r = _upload(client, text)
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert message in html.replace("&#34;", '"').replace("&quot;", '"')
    assert "Tidak ada yang disimpan" in html and 'name="payload"' not in html
    assert _products(group) == []


def test_sku_taken_by_existing_product(coordinator, make_product):
    client, _group, _user = coordinator
    make_product(title="Lama")
    db.session.commit()
    sku = db.session.scalar(select(Product).where(Product.title == "Lama")).variants[0].sku
    html = _upload(client, HEADER + f"Baru,,batik_tulis,,,,,{sku},1000,1\n").get_data(as_text=True)
    assert f"SKU {sku} sudah dipakai produk lain" in html


@pytest.mark.parametrize("text, message", [
    ("nama,harga\nKain,1000\n", "Kolom wajib tidak ada"),
    (HEADER, "tidak berisi baris produk"),
    (HEADER + "Kain,,batik_tulis,,,,,,1000,1\n" * 501, "Terlalu banyak baris"),
])
def test_file_level_errors(coordinator, text, message):
    client, group, _user = coordinator
    assert message in _upload(client, text).get_data(as_text=True)
    assert _products(group) == []


def test_semicolon_csv_from_indonesian_excel(coordinator):
    client, _group, _user = coordinator
    text = "title;craft;price;size\nSelendang;batik_cap;150.000;All size\n"
    assert "Akan dibuat 1 produk" in _upload(client, text).get_data(as_text=True)


def test_oversized_and_missing_file(coordinator):
    client, _group, _user = coordinator
    r = _upload(client, HEADER + "x" * (300 * 1024))
    assert r.status_code == 422 and "paling banyak 256 KB" in r.get_data(as_text=True)
    r = client.post_form("/kelola/impor", {})
    assert r.status_code == 422 and "Pilih berkas CSV" in r.get_data(as_text=True)


def test_tampered_or_foreign_payload_refused(coordinator, make_group, app):
    client, group, _user = coordinator
    from shop.catalog import csv_import

    html = _upload(client, GOOD).get_data(as_text=True)
    payload = re.search(r'name="payload" type="hidden" value="([^"]+)"', html).group(1)
    with app.test_request_context():
        foreign = csv_import.sign(group.id + 999, GOOD)
    for bad in (payload[:-3] + "xyz", foreign, ""):
        r = client.post_form("/kelola/impor/simpan", {"payload": bad}, token_page="/kelola/impor",
                             follow_redirects=True)
        assert "kedaluwarsa atau tidak sah" in r.get_data(as_text=True)
    assert _products(group) == []


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", b"title,craft,price\x00\nA,batik_tulis,1\n",
    b'title,craft,price\nKain "rusak,batik_tulis,1000\n',
    "title;craft;price\nBatik Ñ;batik_cap;5\n".encode("cp1252"),
])
def test_binary_or_odd_files_never_crash(coordinator, data):
    client, group, _user = coordinator
    r = client.post_form("/kelola/impor", {"file": (io.BytesIO(data), "x.csv")})
    assert r.status_code in (200, 422)
    assert _products(group) == []


INDONESIAN = ("nama;deskripsi;kerajinan;jenis;lama_pengerjaan;ukuran;warna;sku;harga;stok\n"
              "Sarung Tenun;Tenun tangan;batik_cap;;;;;SRG-1;250.000;4\n")


def _confirm(client, html, **extra):
    payload = re.search(r'name="payload" type="hidden" value="([^"]+)"', html).group(1)
    return client.post_form("/kelola/impor/simpan", {"payload": payload, **extra}, token_page="/kelola/impor")


def test_indonesian_template_columns_and_reimport_updates_by_sku(coordinator):
    client, group, _user = coordinator
    template = client.get("/kelola/impor/contoh.csv")
    assert template.mimetype == "text/csv" and template.get_data(as_text=True).startswith("nama;deskripsi;kerajinan")
    assert "/kelola/impor/contoh.csv" in client.get("/kelola/impor").get_data(as_text=True)
    html = _upload(client, INDONESIAN).get_data(as_text=True)
    assert "Akan dibuat 1 produk baru" in html
    _confirm(client, html, publish="y")
    (product,) = _products(group)
    assert (product.title, product.status, product.variants[0].price, product.variants[0].stock) == (
        "Sarung Tenun", "published", 250_000, 4)
    # the same sheet with a new price and stock: the option is updated, not a second product
    changed = INDONESIAN.replace("250.000;4", "275.000;9")
    html = _upload(client, changed).get_data(as_text=True)
    assert "diperbarui 1 pilihan" in html and "Diperbarui" in html
    _confirm(client, html)
    db.session.expire_all()
    (product,) = _products(group)
    assert (product.variants[0].price, product.variants[0].stock) == (275_000, 9)


def test_errors_are_counted_one_by_one(coordinator):
    client, _group, _user = coordinator
    html = _upload(client, HEADER + ",,plastik,,,,,,,1\n").get_data(as_text=True)
    assert "Ada 3 kesalahan" in html  # empty name, unknown craft, empty price: three, on one row
