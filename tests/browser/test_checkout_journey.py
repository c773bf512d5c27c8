"""A buyer orders from two groups by bank transfer and uploads a slip; the coordinator confirms; the buyer sees
the part paid. axe-core checks every page on the way."""
from __future__ import annotations

import re

import pytest
from PIL import Image
from sqlalchemy import select

from shop.accounts.services import create_user
from shop.catalog.models import Product, Variant
from shop.extensions import db
from shop.groups.models import Group, Region
from shop.orders.models import Order
from tests.browser.checkout import fill_buyer

PASSWORD = "rahasia-koordinator-1"


@pytest.fixture
def live_server_config(tmp_path):
    return {"SLIP_DIR": str(tmp_path / "slips")}


def _seed(app) -> dict:
    with app.app_context():
        region = Region(province="Jawa Barat", name="Bandung", kind="kota", slug="kota-bandung")
        ids = {}
        for n, (group_name, title, price) in enumerate((("KUBE Melati", "Batik Melati Biru", 300_000),
                                                       ("Kelompok Kenanga", "Tas Anyaman Pandan", 150_000))):
            group = Group(name=group_name, slug=f"g-{n}", crafts="batik_tulis", region=region, status="active",
                          story="Kelompok binaan.", whatsapp="081200000000", bank_name="BRI",
                          bank_account_number=f"00{n}123456", bank_account_name=group_name)
            product = Product(title=title, slug=f"p-{n}", group=group, craft="batik_tulis", status="published",
                              description="Karya tangan.")
            product.variants.append(Variant(sku=f"SKU-{n}", price=price, stock=3))
            db.session.add(product)
            db.session.flush()
            ids[n] = (group.id, product.slug)
        create_user("koordinator@melati.id", "coordinator", password=PASSWORD, group_id=ids[0][0])
        db.session.commit()
    return ids


def test_two_groups_bank_transfer_slip_and_confirmation(live_server, page, assert_accessible, tmp_path):
    ids = _seed(live_server.app)
    base = live_server.url
    for n in (0, 1):
        page.goto(f"{base}/produk/{ids[n][1]}")
        assert_accessible(page)
        page.get_by_role("button", name="Masukkan keranjang").click()
        page.wait_for_url(f"{base}/keranjang")
    assert page.get_by_role("link", name=re.compile("Keranjang")).first.inner_text().count("2") == 1
    assert_accessible(page)
    page.get_by_role("link", name="Lanjut ke pembayaran").click()
    page.wait_for_url(f"{base}/checkout")
    fill_buyer(page)
    page.get_by_label(re.compile("^Ambil sendiri")).first.check()
    page.get_by_label(re.compile("^Dikirim kurir")).nth(1).check()
    page.get_by_label("Transfer bank ke rekening kelompok").check()
    assert_accessible(page)
    page.get_by_role("button", name="Buat pesanan").click()
    page.wait_for_url(re.compile(r"/pesanan/"))
    order_url = page.url
    assert page.locator("h1").inner_text().startswith("Pesanan PK-")
    assert_accessible(page)
    with live_server.app.app_context():
        order = db.session.scalar(select(Order))
        part_id = next(p.id for p in order.parts if p.group_id == ids[0][0])
    slip = tmp_path / "bukti.png"
    Image.new("RGB", (300, 200), (10, 120, 200)).save(slip)
    section = page.locator(f"#bagian-{part_id}")
    section.get_by_label(re.compile("^Bukti transfer untuk")).set_input_files(str(slip))
    section.get_by_role("button", name="Kirim bukti transfer").click()
    page.wait_for_load_state()
    assert "Bukti transfer terkirim" in page.content()
    assert_accessible(page)

    page.goto(f"{base}/masuk")
    page.get_by_label("E-mail").fill("koordinator@melati.id")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"{base}/dasbor")
    page.get_by_role("link", name="Pesanan masuk").click()
    assert_accessible(page)
    page.get_by_role("link", name=order.number).click()
    page.wait_for_url(f"{base}/kelola/pesanan/{part_id}")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^Konfirmasi pembayaran")).click()
    page.wait_for_load_state()
    assert "Pembayaran dikonfirmasi" in page.content()
    assert_accessible(page)

    page.goto(order_url)
    paid = page.locator(f"#bagian-{part_id} .status")
    assert paid.inner_text() == "Sudah dibayar"
    assert_accessible(page)
    with live_server.app.app_context():
        assert db.session.scalar(select(Order.status).where(Order.id == order.id)) == "placed"  # the other part
