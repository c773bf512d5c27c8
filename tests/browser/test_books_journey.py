"""A coordinator keeps the group's books on a phone: balances → journal → simpanan (record one, see the receipt)
→ SHU preview → RAT reports → readiness; axe-core checks every page visited."""
from __future__ import annotations

import re
from datetime import date

import pytest

from shop.accounts.models import User
from shop.coop.services import record_contribution
from shop.coop.settings import create_settings
from shop.extensions import db
from shop.groups.models import Group, Member, Region
from shop.ledger import events
from shop.ledger.chart import create_chart
from shop.ledger.events import SaleLine

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect
LAST_YEAR = date.today().year - 1


def seed_books(app) -> None:
    with app.app_context(), app.test_request_context("/"):
        region = Region(province="Jawa Timur", name="Malang", kind="kota", slug="kota-malang")
        group = Group(name="Kelompok Batik Sekar", slug="batik-sekar", region=region, status="active")
        db.session.add(group)
        db.session.flush()
        create_chart(group.id)
        create_settings(group.id)
        ani = Member(group=group, name="Ani Rahayu", joined_on=date(LAST_YEAR, 1, 1))
        budi = Member(group=group, name="Budi Santoso", joined_on=date(LAST_YEAR, 1, 1))
        db.session.add_all([ani, budi])
        db.session.flush()
        record_contribution(group.id, ani.id, "pokok", 100_000, date(LAST_YEAR, 1, 10))
        events.part_paid(group.id, 1, date(LAST_YEAR, 5, 2), "online",
                         [SaleLine(450_000, ani.id, 1, "Batik Sekar Jagad"), SaleLine(150_000, budi.id, 2, "Tas")])
        events.card_fee("pi_demo", date(LAST_YEAR, 5, 2), [(group.id, 1, 600_000)], fee=17_400)
        events.part_paid(group.id, 2, date(LAST_YEAR, 8, 17), "bazaar", [SaleLine(200_000, budi.id, 2, "Tas")])
        user = User(email="koordinator@sekar.id", name="Sri", role="coordinator", group_id=group.id)
        user.set_password("rahasia-123")
        db.session.add(user)
        db.session.commit()


def test_coordinator_books_journey(live_server, page, assert_accessible):
    seed_books(live_server.app)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("E-mail").fill("koordinator@sekar.id")
    page.get_by_label("Kata sandi").fill("rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/dasbor"))

    page.get_by_role("link", name="Buku kelompok").click()
    page.wait_for_url(re.compile(r"/kelola/buku/$"))
    assert page.locator("h1").count() == 1
    assert "Rp582.600" in page.content()  # 600.000 collected online − 17.400 card fee, held by the platform
    assert_accessible(page)

    page.get_by_role("link", name="Kas", exact=True).click()
    page.wait_for_url(re.compile(r"akun=1101"))
    assert "Saldo berjalan" in page.content()
    assert_accessible(page)

    for name, pattern in (("Penjualan per anggota", r"/pendapatan-anggota"), ("Penjualan", r"/penjualan$"),
                          ("Laporan bulanan", r"/laporan-bulanan")):
        page.get_by_role("navigation", name="Menu buku").get_by_role("link", name=name, exact=True).click()
        page.wait_for_url(re.compile(pattern))
        assert_accessible(page)

    page.get_by_role("navigation", name="Menu buku").get_by_role("link", name="Simpanan", exact=True).click()
    page.wait_for_url(re.compile(r"/simpanan$"))
    assert_accessible(page)
    page.get_by_role("link", name="Catat simpanan").first.click()
    page.wait_for_url(re.compile(r"/simpanan/catat"))
    page.get_by_role("button", name="Simpan dan buat kuitansi").click()  # empty amount: error by the field
    expect(page.locator("p.error")).to_contain_text("Masukkan jumlah rupiah")
    assert_accessible(page)
    page.get_by_label("Anggota").select_option(label="Budi Santoso (No. 2)")
    page.get_by_label("Jenis simpanan").select_option("pokok")
    page.get_by_label("Jumlah (Rp)").fill("100.000")
    page.get_by_role("button", name="Simpan dan buat kuitansi").click()
    page.wait_for_url(re.compile(r"/kuitansi/"))
    assert "Budi Santoso" in page.content() and "Rp100.000" in page.content()
    assert_accessible(page)

    page.goto(f"{live_server.url}/kelola/buku/shu?tahun={LAST_YEAR}")
    assert "Tutup buku" in page.content() and "SHU belum dibagi" in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/kelola/buku/rat?tahun={LAST_YEAR}")
    assert "Neraca" in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/kelola/buku/kesiapan")
    assert "Minimal 9 anggota pendiri" in page.content()
    assert_accessible(page)


def test_admin_records_a_payout(live_server, page, assert_accessible):
    seed_books(live_server.app)
    with live_server.app.app_context():
        admin = User(email="admin@contoh.id", name="Admin", role="admin")
        admin.set_password("rahasia-123")
        db.session.add(admin)
        db.session.commit()
    page.goto(live_server.url + "/masuk")
    page.get_by_label("E-mail").fill("admin@contoh.id")
    page.get_by_label("Kata sandi").fill("rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/dasbor"))
    page.get_by_role("link", name="Buku semua kelompok dan dana di platform").click()
    assert "Rp582.600" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Catat pencairan").click()
    page.get_by_label("Jumlah (Rp)").fill("600.000")
    page.get_by_label("Nomor referensi transfer").fill("TRF-0001")
    page.get_by_role("button", name="Simpan pencairan").click()
    expect(page.locator("p.error")).to_contain_text("melebihi")  # more than the platform holds: refused, said by the field
    assert_accessible(page)
    page.get_by_label("Jumlah (Rp)").fill("582.600")
    page.get_by_role("button", name="Simpan pencairan").click()
    page.wait_for_url(re.compile(r"/admin/buku/kelompok/\d+/$"))
    assert "Pencairan dana dari platform" in page.content()
    assert_accessible(page)


def test_coordinator_reads_the_financial_statements_on_a_phone(live_server, page, assert_accessible):
    """The SAK EMKM statements page from the books menu: a quarter and a year through the period picker, the
    CaLK text form, a bad period; each at 390 px without sideways scrolling and clean for axe-core."""
    seed_books(live_server.app)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("E-mail").fill("koordinator@sekar.id")
    page.get_by_label("Kata sandi").fill("rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/dasbor"))
    page.goto(live_server.url + "/kelola/buku/")

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
        assert_accessible(page)

    page.get_by_role("navigation", name="Menu buku").get_by_role("link", name="Laporan keuangan", exact=True).click()
    page.wait_for_url(re.compile(r"/laporan-keuangan$"))
    expect(page.locator("h2").first).to_contain_text("Laporan posisi keuangan per")
    fits()
    page.get_by_label("Jenis periode").select_option("triwulan")
    page.get_by_label("Tahun", exact=True).select_option(str(LAST_YEAR))
    page.get_by_label("Triwulan (laporan triwulanan)").select_option("2")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(r"jenis=triwulan"))
    expect(page.locator("h1")).to_contain_text(f"Triwulan II {LAST_YEAR}")
    assert "Rp600.000" in page.content()  # the online sales of May (Ani 450.000, Budi 150.000)
    fits()
    page.get_by_label("Jenis periode").select_option("tahun")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(r"jenis=tahun"))
    expect(page.locator("h1")).to_contain_text(f"Tahun {LAST_YEAR}")
    page.get_by_role("textbox", name="Catatan kelompok").fill("Kelompok menerima hibah mesin jahit dari Dinas Sosial.")
    page.get_by_role("button", name="Simpan catatan").click()
    page.wait_for_url(re.compile(r"jenis=tahun"))
    expect(page.locator(".statement-notes")).to_contain_text("hibah mesin jahit")
    fits()
    page.goto(live_server.url + "/kelola/buku/laporan-keuangan?jenis=minggu")
    expect(page.get_by_role("alert")).to_contain_text("Pilih jenis periode")
    fits()
