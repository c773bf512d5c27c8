"""A made-to-measure order from request to handover in two browsers (buyer by the secret link, coordinator
signed in): request with measurements → question and answer → quote → accept → deposit by bank transfer,
slip and confirmation → production stages → balance by transfer → handed over. Every page is checked with
axe-core and must not scroll sideways at 390 px."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from shop.accounts.services import create_user
from shop.catalog.models import Product, Variant
from shop.custom_orders.models import CustomOrder
from shop.extensions import db
from shop.groups.models import Group, Member, Region
from shop.ledger import chart as c
from shop.ledger.queries import balances
from tests.browser.conftest import PHONE

PASSWORD = "rahasia-koordinator-1"


@pytest.fixture
def live_server_config(tmp_path):
    return {"SLIP_DIR": str(tmp_path / "slips")}


def _seed(app) -> tuple[int, str]:
    with app.app_context():
        region = Region(province="Jawa Timur", name="Bojonegoro", kind="kabupaten", slug="kab-bojonegoro")
        group = Group(name="Penjahit Mandiri Bojonegoro", slug="penjahit", crafts="jahit", region=region,
                      status="active", story="Penjahit seragam dan baju mantenan.", bank_name="Bank Jatim",
                      bank_account_number="0011223344", bank_account_name="Penjahit Mandiri")
        db.session.add(Member(group=group, name="Bu Sumi", public_consent=True))
        product = Product(title="Kemeja Jahit Ukur", slug="kemeja-ukur", group=group, craft="jahit",
                          kind="made_to_measure", garment="kemeja", lead_time_days=14, status="published",
                          description="Kemeja dijahit sesuai ukuran.")
        product.variants.append(Variant(sku="KJU-1", price=200_000, stock=0))
        db.session.add(product)
        db.session.flush()
        create_user("koordinator@penjahit.id", "coordinator", password=PASSWORD, group_id=group.id)
        db.session.commit()
        return group.id, product.slug


def _check(page, assert_accessible) -> None:
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone ({width}px)"


def _slip(page, tmp_path, check) -> None:
    slip = tmp_path / "bukti.png"
    Image.new("RGB", (300, 200), (10, 120, 200)).save(slip)
    page.get_by_label(re.compile("^Bukti transfer untuk")).set_input_files(str(slip))
    page.get_by_role("button", name="Kirim bukti transfer").click()
    page.wait_for_load_state()
    assert "Bukti transfer terkirim" in page.content()
    check(page)


def test_made_to_measure_request_to_handover(live_server, page, browser, assert_accessible, tmp_path):
    group_id, slug = _seed(live_server.app)
    base = live_server.url

    def check(tab):
        _check(tab, assert_accessible)

    # the buyer asks
    page.goto(f"{base}/produk/{slug}")
    check(page)
    page.get_by_role("link", name="Ajukan pesanan ukur").click()
    page.wait_for_url(f"{base}/produk/{slug}/pesan-ukur")
    check(page)
    page.get_by_label("Lingkar dada (cm)").fill("960")  # a slip of the finger first
    for label, value in (("Lebar bahu (cm)", "44,5"), ("Panjang punggung (cm)", "42"),
                         ("Panjang baju (cm)", "72"), ("Panjang lengan (cm)", "58"), ("Bahan kain", "katun"),
                         ("Nama", "Rina Wulandari"), ("E-mail", "rina@contoh.id"),
                         ("Nomor telepon/WhatsApp", "081298765432")):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Kirim permintaan").click()
    page.wait_for_load_state()
    assert "960 cm di luar batas wajar" in page.content()
    check(page)
    page.get_by_label("Lingkar dada (cm)").fill("96")
    page.get_by_role("button", name="Kirim permintaan").click()
    page.wait_for_url(re.compile(r"/pesanan-ukur/"))
    buyer_url = page.url
    assert "Baru, menunggu penawaran" in page.content()
    check(page)

    # the coordinator, in a second browser, sees it on the dashboard and asks a question
    staff_context = browser.new_context(viewport=PHONE, bypass_csp=True, locale="id-ID")
    staff = staff_context.new_page()
    staff.goto(f"{base}/masuk")
    staff.get_by_label("E-mail").fill("koordinator@penjahit.id")
    staff.get_by_label("Kata sandi").fill(PASSWORD)
    staff.get_by_role("button", name="Masuk").click()
    staff.wait_for_url(f"{base}/dasbor")
    staff.goto(f"{base}/kelola")
    check(staff)
    staff.get_by_role("link", name=re.compile("1 permintaan baru")).click()
    check(staff)
    staff.get_by_role("link", name=re.compile("Kemeja Jahit Ukur")).click()
    check(staff)
    staff.get_by_label("Tulis pesan").fill("Kerahnya kerah biasa atau shanghai?")
    staff.get_by_role("button", name="Kirim pesan").click()
    staff.wait_for_load_state()
    assert "Pesan terkirim ke pembeli" in staff.content()

    # the buyer answers by the link
    page.goto(buyer_url)
    assert "menunggu jawaban Anda" in page.content()
    check(page)
    page.get_by_label("Tulis pesan").fill("Kerah shanghai, terima kasih.")
    page.get_by_role("button", name="Kirim pesan").click()
    page.wait_for_load_state()
    assert "Kerah shanghai" in page.content()

    # the quote
    staff.reload()
    assert "Kerah shanghai" in staff.content()
    staff.get_by_label("Harga per potong (Rp)").fill("250.000")
    staff.get_by_label("Penawaran berlaku sampai").fill((date.today() + timedelta(days=7)).isoformat())
    staff.get_by_label(re.compile("^Biaya bila dibatalkan")).fill("25.000")
    staff.get_by_role("button", name="Kirim penawaran ke pembeli").click()
    staff.wait_for_load_state()
    assert "Penawaran dikirim ke pembeli" in staff.content()
    check(staff)

    # the buyer accepts and pays the deposit by bank transfer
    page.goto(buyer_url)
    check(page)
    page.get_by_role("button", name="Terima penawaran Rp250.000").click()
    page.wait_for_load_state()
    check(page)
    page.locator("#bayar").get_by_label("Transfer bank ke rekening kelompok").check()
    page.get_by_role("button", name="Bayar uang muka Rp125.000").click()
    page.wait_for_url(re.compile(r"/pesanan/"))
    assert "Transfer tepat Rp125.000" in page.content()
    check(page)
    _slip(page, tmp_path, check)

    # the coordinator confirms it, then records the stages
    staff.reload()
    staff.get_by_role("link", name=re.compile("^pesanan PK-")).first.click()
    check(staff)
    staff.get_by_role("button", name=re.compile("^Konfirmasi pembayaran")).click()
    staff.wait_for_load_state()
    assert "Pembayaran dikonfirmasi" in staff.content()
    with live_server.app.app_context():
        co_id = db.session.scalar(select(CustomOrder.id))
        assert balances(group_id)[c.UANG_MUKA] == -125_000
    for stage in ("Diukur", "Dipotong", "Dijahit", "Finishing", "Siap diambil atau dikirim"):
        staff.goto(f"{base}/kelola/pesanan-ukur/{co_id}")
        staff.get_by_label("Tahap berikutnya").select_option(label=stage)
        staff.get_by_role("button", name="Catat tahap dan beri tahu pembeli").click()
        staff.wait_for_load_state()
        assert "Tahap dicatat" in staff.content()
    check(staff)

    # the buyer sees the dates and pays the balance
    page.goto(buyer_url)
    assert "Siap, menunggu pelunasan" in page.content() and "Dijahit</strong>" in page.content()
    check(page)
    page.locator("#bayar").get_by_label("Transfer bank ke rekening kelompok").check()
    page.get_by_role("button", name="Bayar pelunasan Rp125.000").click()
    page.wait_for_url(re.compile(r"/pesanan/"))
    _slip(page, tmp_path, check)

    # confirmed, then handed over: the deposit and balance become a sale
    staff.goto(f"{base}/kelola/pesanan-ukur/{co_id}")
    staff.get_by_role("link", name=re.compile("^pesanan PK-")).nth(1).click()
    staff.get_by_role("button", name=re.compile("^Konfirmasi pembayaran")).click()
    staff.wait_for_load_state()
    staff.goto(f"{base}/kelola/pesanan-ukur/{co_id}")
    staff.get_by_role("button", name="Tandai sudah diambil").click()
    staff.wait_for_load_state()
    assert "Pesanan ditandai sudah diserahkan" in staff.content()
    check(staff)
    page.goto(buyer_url)
    assert "Sudah diserahkan" in page.content()
    check(page)
    with live_server.app.app_context():
        books = balances(group_id)
        assert (books[c.UANG_MUKA], books[c.PENJUALAN_ONLINE], books[c.BANK]) == (0, -250_000, 250_000)
    staff_context.close()
