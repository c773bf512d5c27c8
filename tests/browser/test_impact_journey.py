"""An admin reads the impact dashboard and a group's page on a phone: axe-core clean, no sideways scrolling
at 390 px, the charts drawn without JavaScript; then notes a visit with the keyboard. The coordinator's own
dashboard shows the group's figures in plain words."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from playwright.sync_api import expect

from shop.accounts.services import create_user
from shop.catalog.models import Product, Variant
from shop.extensions import db
from shop.groups.models import Group, Member, Region
from shop.impact.period import today_wib
from shop.ledger.chart import create_chart
from shop.orders import services as orders

PASSWORD = "sandi-petugas-2026"


def _sell(variant, day: date, quantity: int, channel: str = "online", hand_over: bool = True) -> None:
    buyer = orders.Buyer(name="Siti Rahma", email=f"siti{day.month}@contoh.id", phone="081234567890",
                         province="Jawa Barat", regency="Garut", district="", postal_code="", street="Jl. Dago 1")
    order = orders.place_order([(variant.id, quantity, variant.price)], buyer, {variant.product.group_id: "pickup"},
                               "bank_transfer" if channel == "online" else "cash", channel=channel)
    orders.mark_part_paid(order.parts[0], at=datetime.combine(day, time(3)))
    if hand_over:
        orders.mark_picked_up(order.parts[0])


def _seed(app) -> int:
    today = today_wib()
    with app.app_context():
        regions = [Region(province="Jawa Barat", name="Kabupaten Garut Selatan", kind="kabupaten", slug="garut"),
                   Region(province="Jawa Timur", name="Kediri", kind="kota", slug="kediri")]
        groups = []
        for n, region in enumerate(regions * 2):
            group = Group(name=f"Kelompok Batik Tulis Sekar Jagad Nomor {n + 1}", slug=f"g{n}", region=region,
                          status="active", crafts="batik_tulis" if n % 2 else "jahit")
            db.session.add(group)
            members = [Member(group=group, name=f"Anggota {n}-{i}", joined_on=date(2025, 1, 1),
                              private_note="rahasia") for i in range(9 if n == 0 else 4)]
            db.session.add_all(members)
            product = Product(group=group, title=f"Kain batik {n}", slug=f"kain-{n}", craft="batik_tulis",
                              status="published", makers=members[:1],
                              variants=[Variant(sku=f"K{n}", price=150_000 + n * 10_000, stock=40)])
            db.session.add(product)
            db.session.flush()
            create_chart(group.id)
            groups.append((group, product.variants[0]))
        for back in range(1, 6):
            day = (today.replace(day=1) - timedelta(days=28 * back - 10))
            _sell(groups[0][1], day, back)  # falling
            _sell(groups[1][1], day, 6 - back, channel="bazaar")  # growing
        _sell(groups[2][1], today - timedelta(days=8), 1, hand_over=False)
        create_user("petugas@dinsos.id", "admin", password=PASSWORD, name="Petugas")
        create_user("koordinator@contoh.id", "coordinator", password=PASSWORD, group_id=groups[0][0].id)
        db.session.commit()
        return groups[0][0].id


def _login(page, url: str, email: str) -> None:
    page.goto(url + "/masuk")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_label("Kata sandi").press("Enter")
    page.wait_for_url("**/dasbor")


def _fits(page) -> None:
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > 390).slice(0, 5)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, (page.url, wide)


def test_admin_reads_impact_on_a_phone_and_notes_a_visit(live_server, page, assert_accessible):
    group_id = _seed(live_server.app)
    _login(page, live_server.url, "petugas@dinsos.id")
    page.goto(live_server.url + "/admin/dampak/")
    expect(page.locator("svg[data-chart='penjualan-bulanan'] rect").first).to_be_attached()
    page.locator("details.twin summary").first.click()  # the table twin opened, as a reader would
    _fits(page)
    assert_accessible(page)
    page.goto(live_server.url + f"/admin/dampak/kelompok/{group_id}")
    for summary in page.locator("details.twin summary").all():
        summary.click()
    _fits(page)
    assert_accessible(page)
    page.get_by_label("Tentang tanda").select_option("sales_fell")
    page.get_by_label("Yang dilakukan").select_option("visit")
    page.get_by_label("Catatan").fill("Kunjungan: membantu memotret produk baru")
    page.get_by_role("button", name="Simpan catatan").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".notes")).to_contain_text("membantu memotret produk baru")
    assert_accessible(page)


def test_coordinator_sees_the_group_in_plain_words(live_server, page, assert_accessible):
    _seed(live_server.app)
    _login(page, live_server.url, "koordinator@contoh.id")
    page.goto(live_server.url + "/kelola")
    expect(page.locator(".progress")).to_contain_text("anggota belum punya penjualan 90 hari terakhir")
    _fits(page)
    assert_accessible(page)
