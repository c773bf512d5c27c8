"""The cooperative year on a phone: close the books → RAT pack PDF → record the members' decision → post the
division → pay two members → their slips; axe-core on every page, and no page scrolls sideways at 390 px."""
from __future__ import annotations

import re
from datetime import date

import pytest

from tests.browser.test_books_journey import LAST_YEAR, seed_books

expect = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").expect


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_the_cooperative_year(live_server, page, assert_accessible):
    seed_books(live_server.app)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("E-mail").fill("koordinator@sekar.id")
    page.get_by_label("Kata sandi").fill("rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/dasbor"))

    page.goto(f"{live_server.url}/kelola/buku/shu?tahun={LAST_YEAR}")
    assert_accessible(page)
    _fits(page)
    page.get_by_label(re.compile("Saya sudah memeriksa")).check()
    page.get_by_role("button", name="Tutup buku", exact=True).click()
    expect(page.get_by_role("heading", name="Keputusan rapat anggota")).to_be_visible()
    assert_accessible(page)
    _fits(page)

    pack = page.request.get(f"{live_server.url}/kelola/buku/rat.pdf?tahun={LAST_YEAR}")
    assert pack.ok and pack.body().startswith(b"%PDF")

    page.get_by_label("Tanggal rapat anggota").fill(f"{LAST_YEAR + 1}-01-20")
    page.get_by_label("Anggota yang hadir").fill("2")
    page.get_by_label("Daftar hadir (nama dan nomor anggota)").fill("Ani Rahayu (No. 1), Budi Santoso (No. 2)")
    page.get_by_label("Notulen rapat", exact=True).fill("RAT menyetujui pembagian SHU sesuai usulan pengurus.")
    page.get_by_role("button", name="Catat keputusan").click()
    expect(page.get_by_role("button", name="Posting pembagian SHU")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Tanggal posting pembagian").fill(f"{LAST_YEAR + 1}-01-20")
    page.get_by_role("button", name="Posting pembagian SHU").click()
    expect(page.get_by_role("table", name="SHU per anggota")).to_be_visible()
    assert_accessible(page)
    _fits(page)

    for name in ("Ani Rahayu (No. 1)", "Budi Santoso (No. 2)"):
        form = page.get_by_role("group", name=f"Bayar SHU {name}")
        form.get_by_label("Tanggal").fill(f"{LAST_YEAR + 1}-01-21")
        form.get_by_role("button", name="Bayar dan buat slip").click()
        page.wait_for_url(re.compile(r"/shu/slip/\d+$"))
        assert name in page.content() and "PMK 18/2021" in page.content()
        assert_accessible(page)
        _fits(page)
        slip = page.request.get(page.url + ".pdf")
        assert slip.ok and slip.body().startswith(b"%PDF")
        page.get_by_role("link", name="Kembali ke SHU").click()
    assert page.content().count("SHU/") >= 2
    assert date.today().year == LAST_YEAR + 1
