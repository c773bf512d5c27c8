"""The request pages through the test client (CSRF on): every bad measurement and every bad roster row gets a
message naming its field, or its row and column, and nothing is saved."""
from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from shop.custom_orders.models import CustomOrder
from shop.extensions import db
from shop.orders.models import Order
from tests.custom_orders.conftest import KEMEJA
from tests.fixtures.workspace import image_bytes

CONTACT = {"name": "Rina Wulandari", "email": "rina@contoh.id", "phone": "081298765432", "shipping": "pickup",
           "fabric": "katun", "colour": "biru", "model": "", "notes": "", "address": ""}


def single_form(**measurements):
    data = dict(CONTACT, how="typed")
    data.update({f"m-{k}": v for k, v in dict(KEMEJA, **measurements).items()})
    return data


def count() -> int:
    db.session.expire_all()
    return db.session.query(CustomOrder).count()


def test_product_page_offers_a_request_instead_of_the_cart(client, tailor):
    _g, product, _m = tailor
    db.session.commit()
    html = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert "Ajukan pesanan ukur" in html and f"/produk/{product.slug}/pesan-ukur" in html
    assert 'name="quantity"' not in html


def test_single_request_with_photo_then_page_by_secret_link(client, tailor):
    _g, product, _m = tailor
    db.session.commit()
    url = f"/produk/{product.slug}/pesan-ukur"
    data = single_form()
    data["photos"] = [(io.BytesIO(image_bytes()), "contoh.jpg")]
    response = client.post_form(url, data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    co = db.session.query(CustomOrder).one()
    assert response.headers["Location"].endswith(f"/pesanan-ukur/{co.token}")
    assert len(co.photos) == 1 and co.people[0].measurements["lebar_bahu"] == 44.5
    page = client.get(f"/pesanan-ukur/{co.token}").get_data(as_text=True)
    assert co.number in page and "44,5" in page and "Baru, menunggu penawaran" in page
    assert client.get("/pesanan-ukur/salah-token").status_code == 404
    again = client.get(f"{url}?dari={co.token}").get_data(as_text=True)
    assert 'value="44,5"' in again


@pytest.mark.parametrize("field,value,message", [
    ("lingkar_dada", "960", "Lingkar dada 960 cm di luar batas wajar (50–170 cm)"),
    ("lingkar_dada", "sembilan puluh", "Lingkar dada harus berupa angka"),
    ("lebar_bahu", "", "Isi Lebar bahu (cm)"),
    ("panjang_lengan", "5", "Panjang lengan 5 cm di luar batas wajar (10–75 cm)"),
    ("panjang_baju", "-72", "Panjang baju -72 cm di luar batas wajar"),
    ("panjang_punggung", "nan", "Panjang punggung harus berupa angka"),
])
def test_each_bad_measurement_is_named_and_nothing_saved(client, tailor, field, value, message):
    _g, product, _m = tailor
    db.session.commit()
    response = client.post_form(f"/produk/{product.slug}/pesan-ukur", single_form(**{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and f'id="m-{field}-error"' in html
    assert count() == 0


def test_measure_on_site_without_appointment_is_refused(client, tailor):
    _g, product, _m = tailor
    db.session.commit()
    data = dict(CONTACT, how="on_site")
    response = client.post_form(f"/produk/{product.slug}/pesan-ukur", data)
    assert response.status_code == 400 and "Pilih waktu" in response.get_data(as_text=True)
    assert count() == 0


def bulk_url(product):
    return f"/produk/{product.slug}/pesan-borongan"


def bulk_form(**fields):
    return dict(CONTACT, organisation="SD Negeri 3 Bojonegoro", **fields)


def upload(client, product, data: bytes, name: str, **fields):
    form = bulk_form(check="1", **fields)
    form["sheet"] = (io.BytesIO(data), name)
    return client.post_form(bulk_url(product), form, content_type="multipart/form-data")


@pytest.mark.parametrize("row,expected", [
    ("Budi,XXXXL,,,,,", "Baris 3, kolom ukuran: \u201cXXXXL\u201d bukan ukuran yang tersedia"),
    (",M,,,,,", "Baris 3, kolom nama: Nama kosong."),
    ("Budi,,,,,,", "Baris 3, kolom ukuran: Isi ukuran, atau semua ukuran badan dalam cm."),
    ("Budi,,96,44,42,72,500", "Baris 3, kolom panjang_lengan: Panjang lengan 500 cm di luar batas wajar"),
    ("Budi,,96,44,42,72,", "Baris 3, kolom panjang_lengan: Isi Panjang lengan (cm)."),
    ("Budi,,96,empat,42,72,58", "Baris 3, kolom lebar_bahu: Lebar bahu harus berupa angka"),
    ("Budi,M,1000,,,,", "Baris 3, kolom lingkar_dada: Lingkar dada 1000 cm di luar batas wajar"),
])
def test_each_bad_csv_row_names_row_and_column_and_nothing_saved(client, tailor, row, expected):
    _g, product, _m = tailor
    product.min_order = 2
    db.session.commit()
    csv = ("nama,ukuran,lingkar_dada,lebar_bahu,panjang_punggung,panjang_baju,panjang_lengan\n"
           f"Ani,M,,,,,\n{row}\nCici,L,,,,,\n")
    response = upload(client, product, csv.encode(), "daftar.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert expected in html, html[html.find("error-summary"):][:1500]
    assert "Tidak ada yang disimpan" in html or "Daftar belum disimpan" in html
    assert count() == 0


def test_wrong_header_and_not_a_sheet(client, tailor):
    _g, product, _m = tailor
    db.session.commit()
    bad = upload(client, product, b"siswa,kelas\nBudi,3A\n", "daftar.csv").get_data(as_text=True)
    assert "Baris 1" in bad and "Judul kolom tidak sesuai templat" in bad
    broken = upload(client, product, b"PK\x03\x04 not really a zip", "daftar.xlsx").get_data(as_text=True)
    assert "Berkas XLSX tidak bisa dibaca" in broken
    assert count() == 0


def test_minimum_order_enforced_on_a_clean_sheet(client, tailor):
    _g, product, _m = tailor
    product.min_order = 10
    db.session.commit()
    rows = "".join(f"Murid {i}, M\n" for i in range(9))
    response = client.post_form(bulk_url(product), bulk_form(typed=rows, check="1"))
    assert response.status_code == 200  # a clean sheet: the summary is shown, not saved yet
    form = bulk_form(send="1", roster_csv="nama,ukuran\n" + rows.replace(", ", ","))
    refused = client.post_form(bulk_url(product), form)
    assert refused.status_code == 400 and "minimal 10 potong" in refused.get_data(as_text=True)
    assert count() == 0


def test_xlsx_template_filled_with_hundreds_of_rows_summary_then_send(client, tailor):
    _g, product, _m = tailor
    product.min_order = 10
    db.session.commit()
    template = client.get(f"/produk/{product.slug}/templat-daftar.xlsx")
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.data))
    assert [c.value for c in book.active[1]][:3] == ["nama", "ukuran", "lingkar_dada"]
    assert "lingkar_dada" in client.get(f"/produk/{product.slug}/templat-daftar.csv").get_data(as_text=True)
    sheet = Workbook()
    ws = sheet.active
    ws.append([c.value for c in book.active[1]])
    sizes = ["S"] * 120 + ["M"] * 200 + ["L"] * 130
    for i, size in enumerate(sizes):
        ws.append([f"Pegawai {i}", size])
    ws.append(["Pak Kepala", None, 104, 46, 44, 74, 60])  # one person by measurements
    out = io.BytesIO()
    sheet.save(out)
    preview = upload(client, product, out.getvalue(), "daftar.xlsx")
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "451 orang" in html and ">200<" in html
    assert count() == 0
    roster = html.split('name="roster_csv" hidden>')[1].split("</textarea>")[0]
    import html as html_lib

    sent = client.post_form(bulk_url(product), bulk_form(send="1", roster_csv=html_lib.unescape(roster)))
    assert sent.status_code == 302
    co = db.session.query(CustomOrder).one()
    assert co.quantity == 451 and co.size_counts() == {"S": 120, "M": 200, "L": 130, "": 1}
    assert co.people[-1].measurements["lingkar_dada"] == 104.0


def test_buyer_answers_accepts_and_is_sent_to_an_ordinary_order_page(client, make_request):
    co = make_request("quoted")
    db.session.commit()
    base = f"/pesanan-ukur/{co.token}"
    assert client.post_form(f"{base}/pesan", {"body": ""}, token_page=base).status_code == 400
    assert client.post_form(f"{base}/pesan", {"body": "Bisa lebih cepat?"}, token_page=base).status_code == 302
    assert client.post_form(f"{base}/terima", {}, token_page=base).status_code == 302
    response = client.post_form(f"{base}/bayar/deposit", {"method": "bank_transfer"}, token_page=base)
    order = db.session.query(Order).filter_by(purpose="deposit").one()
    assert response.headers["Location"].endswith(f"/pesanan/{order.token}")
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "Transfer tepat Rp100.000" in page
    again = client.post_form(f"{base}/bayar/deposit", {"method": "bank_transfer"}, token_page=base)
    assert again.status_code == 302 and db.session.query(Order).filter_by(purpose="deposit").count() == 1


def test_coordinator_quotes_and_another_group_gets_404(client, tailor, make_request, make_coordinator, login,
                                                       make_group):
    group, _p, _m = tailor
    co = make_request(people=["M"] * 4 + ["L"] * 2)
    coordinator = make_coordinator(group=group)
    db.session.commit()
    login(coordinator, "rahasia-koordinator-1")
    page = f"/kelola/pesanan-ukur/{co.id}"
    assert "Kirim penawaran" in client.get(page).get_data(as_text=True)
    assert co.number in client.get("/kelola").get_data(as_text=True) or "1 permintaan baru" in client.get(
        "/kelola").get_data(as_text=True)
    valid = (date.today() + timedelta(days=5)).isoformat()
    bad = client.post_form(f"{page}/penawaran", {"price_mode": "size", "harga-M": "150.000", "deposit_percent": 50,
                                                 "lead_time_days": 14, "valid_until": valid}, token_page=page)
    assert bad.status_code == 400 and "Isi harga untuk ukuran L" in bad.get_data(as_text=True)
    good = client.post_form(f"{page}/penawaran", {"price_mode": "size", "harga-M": "150.000", "harga-L": "160000",
                                                  "deposit_percent": 50, "lead_time_days": 14, "valid_until": valid,
                                                  "cancel_fee": "50.000"}, token_page=page)
    assert good.status_code == 302
    db.session.expire_all()
    assert db.session.get(CustomOrder, co.id).quote_total == 4 * 150_000 + 2 * 160_000
    other = make_coordinator(group=make_group())
    db.session.commit()
    client.delete_cookie("session")  # signed out, as a fresh browser
    login(other, "rahasia-koordinator-1")
    assert client.get(page).status_code == 404


def test_the_cart_refuses_a_made_to_measure_product(client, tailor):
    _g, product, _m = tailor
    db.session.commit()
    page = f"/produk/{product.slug}"
    response = client.post_form("/keranjang/tambah", {"variant_id": product.variants[0].id, "quantity": 1,
                                                       "back": page}, token_page="/masuk",
                                follow_redirects=True)
    assert "ajukan pesanan ukur" in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert not session.get("cart")


def test_coordinator_sets_capacity_and_adjusts_a_template(client, coordinator):
    _client, group, _user = coordinator
    assert client.get("/kelola/pesanan-ukur/kapasitas").status_code == 200
    bad = client.post_form("/kelola/pesanan-ukur/kapasitas", {"weekly_capacity": "-3"})
    assert bad.status_code == 400 and "Antara 0 dan 100.000" in bad.get_data(as_text=True)
    assert client.post_form("/kelola/pesanan-ukur/kapasitas", {"weekly_capacity": "40"}).status_code == 302
    from shop.custom_orders.quotes import weekly_capacity
    from shop.custom_orders.templates import template_for

    db.session.expire_all()
    assert weekly_capacity(group.id) == 40
    url = "/kelola/pesanan-ukur/templat/rok"
    form = {"on-lingkar_pinggang": "1", "min-lingkar_pinggang": "45", "max-lingkar_pinggang": "130",
            "how-lingkar_pinggang": "Di atas pusar.", "on-lingkar_panggul": "1", "min-lingkar_panggul": "50",
            "max-lingkar_panggul": "180", "min-panjang_rok": "35", "max-panjang_rok": "125"}
    wrong = client.post_form(url, dict(form, **{"min-lingkar_panggul": "200"}))
    assert wrong.status_code == 400 and "Lingkar panggul: batas bawah" in wrong.get_data(as_text=True)
    assert client.post_form(url, form).status_code == 302
    db.session.expire_all()
    fields = {f.key: f for f in template_for(group.id, "rok")}
    assert set(fields) == {"lingkar_pinggang", "lingkar_panggul"} and fields["lingkar_pinggang"].max_cm == 130
    assert client.get("/kelola/pesanan-ukur/templat/jubah").status_code == 404


def test_bad_or_too_many_reference_photos_save_nothing(client, tailor, tmp_path):
    _g, product, _m = tailor
    db.session.commit()
    url = f"/produk/{product.slug}/pesan-ukur"
    data = single_form()
    data["photos"] = [(io.BytesIO(b"bukan foto"), "contoh.jpg")]
    response = client.post_form(url, data, content_type="multipart/form-data")
    assert response.status_code == 400 and "bukan foto yang bisa dibaca" in response.get_data(as_text=True)
    data = single_form()
    data["photos"] = [(io.BytesIO(image_bytes()), f"c{i}.jpg") for i in range(4)]
    response = client.post_form(url, data, content_type="multipart/form-data")
    assert response.status_code == 400 and "Paling banyak 3 foto contoh" in response.get_data(as_text=True)
    assert count() == 0


def test_a_sheet_with_a_giant_cell_is_refused_cleanly(client, tailor):
    _g, product, _m = tailor
    db.session.commit()
    data = b'nama,ukuran\n"' + b"x" * 200_000 + b'",M\n'
    response = upload(client, product, data, "daftar.csv")
    assert response.status_code == 400 and "bukan CSV atau XLSX" in response.get_data(as_text=True)
    assert count() == 0


def test_coordinator_sees_the_roster_with_sizes_and_measurements(client, tailor, make_coordinator, login):
    from shop.custom_orders.requests import create_bulk
    from shop.custom_orders.roster import RosterRow
    from tests.custom_orders.conftest import contact

    group, product, _m = tailor
    co = create_bulk(product, contact(organisation="Kantor Desa"),
                     [RosterRow("Pak Lurah", "", {"lingkar_dada": 104.0})] + [RosterRow(f"Staf {i}", "M")
                                                                              for i in range(3)])
    coordinator = make_coordinator(group=group)
    db.session.commit()
    login(coordinator, "rahasia-koordinator-1")
    html = client.get(f"/kelola/pesanan-ukur/{co.id}").get_data(as_text=True)
    assert "Pak Lurah: Lingkar dada 104" in html and "Staf 2: M" in html and "Kantor Desa" in html
