"""A buyer orders from two groups and pays by QRIS: checkout → the order page shows the code → the fake Xendit's
"simulate payment" (the real SDK's call) sends the callback, with the real token, to the live server → the order
page updates itself to paid → each group's books show the sale held by the platform and its share of the fee.
axe-core checks every page on the way."""
from __future__ import annotations

import re

import pytest
import xendit
from sqlalchemy import select
from xendit.apis import PaymentRequestApi

from shop.accounts.services import create_user
from shop.catalog.models import Product, Variant
from shop.coop.settings import create_settings
from shop.extensions import db
from shop.groups.models import Group, Region
from shop.ledger.chart import create_chart
from shop.money import format_idr
from shop.payments.models import Payment
from tests.browser.checkout import fill_buyer
from tests.fixtures.xendit import CALLBACK_TOKEN, SECRET_KEY, fee_for

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect
PASSWORD = "rahasia-koordinator-1"
PRICES = (300_000, 150_000)


@pytest.fixture
def live_server_config(fake_xendit):
    return {"XENDIT_SECRET_KEY": SECRET_KEY, "XENDIT_CALLBACK_TOKEN": CALLBACK_TOKEN,
            "XENDIT_API_BASE": fake_xendit.url}


def _seed(app) -> list[tuple[int, str]]:
    with app.app_context():
        region = Region(province="Jawa Barat", name="Bandung", kind="kota", slug="kota-bandung")
        seeded = []
        for n, (name, title) in enumerate((("KUBE Melati", "Batik Melati Biru"), ("Kelompok Kenanga", "Tas Pandan"))):
            group = Group(name=name, slug=f"g-{n}", crafts="batik_tulis", region=region, status="active",
                          story="Kelompok binaan.", whatsapp="081200000000")
            product = Product(title=title, slug=f"p-{n}", group=group, craft="batik_tulis", status="published",
                              description="Karya tangan.")
            product.variants.append(Variant(sku=f"SKU-{n}", price=PRICES[n], stock=3))
            db.session.add(product)
            db.session.flush()
            create_chart(group.id)
            create_settings(group.id)
            create_user(f"koordinator{n}@contoh.id", "coordinator", password=PASSWORD, group_id=group.id)
            seeded.append((group.id, product.slug))
        db.session.commit()
    return seeded


def test_two_groups_pay_by_qris_and_both_books_show_sale_and_fee(live_server, fake_xendit, page,
                                                                  assert_accessible):
    seeded = _seed(live_server.app)
    base = live_server.url
    fake_xendit.callback_url = f"{base}/webhooks/xendit"
    for _group_id, slug in seeded:
        page.goto(f"{base}/produk/{slug}")
        page.get_by_role("button", name="Masukkan keranjang").click()
        page.wait_for_url(f"{base}/keranjang")
    page.get_by_role("link", name="Lanjut ke pembayaran").click()
    page.wait_for_url(f"{base}/checkout")
    fill_buyer(page)
    for n in range(2):
        page.get_by_label(re.compile("^Ambil sendiri")).nth(n).check()
    page.get_by_label(re.compile("^QRIS: pindai")).check()
    assert_accessible(page)
    page.get_by_role("button", name="Buat pesanan").click()
    page.wait_for_url(re.compile(r"/pesanan/[^/]+#bayar$"))
    total = sum(PRICES)
    expect(page.get_by_role("img", name="Kode QRIS pesanan ini")).to_be_visible()
    assert format_idr(total) in page.content() and "WIB" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    assert_accessible(page)

    with live_server.app.app_context():
        request_id = db.session.scalar(select(Payment.provider_session_id))
        configuration = xendit.Configuration(host=fake_xendit.url, api_key=SECRET_KEY)
        with xendit.ApiClient(configuration) as client:  # the buyer pays: Xendit's test-mode simulation
            PaymentRequestApi(client).simulate_payment_request_payment(request_id)
    assert fake_xendit.sent and fake_xendit.sent[0][0] == 200 and fake_xendit.sent[0][1]["outcome"] == "ok: paid"

    statuses = page.locator(".order-part .status")  # the page's poll reloads it once the order is paid
    expect(statuses.first).to_have_text("Sudah dibayar", timeout=30_000)
    expect(statuses.nth(1)).to_have_text("Sudah dibayar")
    assert page.get_by_role("img", name="Kode QRIS pesanan ini").count() == 0
    assert_accessible(page)

    fee = sum(fee_for(total))
    fee_a = round(fee * PRICES[0] / total)  # the fee split by part amount (largest remainder: within a rupiah)
    for n, (price, share) in enumerate(((PRICES[0], fee_a), (PRICES[1], fee - fee_a))):
        page.context.clear_cookies()
        page.goto(f"{base}/masuk")
        page.get_by_label("E-mail").fill(f"koordinator{n}@contoh.id")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url(re.compile(r"/dasbor"))
        page.get_by_role("link", name="Buku kelompok").click()
        page.wait_for_url(re.compile(r"/kelola/buku/$"))
        content = page.content()
        assert format_idr(price) in content  # the online sale
        amounts = {format_idr(share + d) for d in (-1, 0, 1)}
        held = {format_idr(price - share - d) for d in (-1, 0, 1)}
        assert any(a in content for a in amounts), f"fee {share} not on the books page"
        assert any(h in content for h in held), "the platform's receivable (sale less fee) is not shown"
        assert_accessible(page)
