"""A buyer's walk through the public shop on a phone: home → catalogue → filter → product → group.

The language is switched to English once on the way and must stay English on the next pages; axe-core checks
every page visited for WCAG 2.1 A/AA violations.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.seed import seed_small_catalogue


@pytest.fixture
def shop(live_server):
    slugs = seed_small_catalogue(live_server.app)
    return live_server, slugs


def lang(page) -> str:
    return page.locator("html").get_attribute("lang")


def test_home_catalogue_filter_product_group_with_language_switch(shop, page, assert_accessible):
    server, slugs = shop

    # Home
    page.goto(server.url + "/")
    assert lang(page) == "id"
    assert page.locator("h1").count() == 1
    assert page.get_by_role("link", name="Kebaya Brokat Pengantin").count() == 1  # a featured product
    assert_accessible(page)

    # Catalogue through the main menu
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Katalog").click()
    page.wait_for_url(re.compile(r"/katalog$"))
    assert page.locator(".grid .card").count() == 8
    assert_accessible(page)

    # Filter by craft with the keyboard: pick the craft, then Enter in a text field submits the form
    page.get_by_label("Jenis karya").select_option("jahit")
    page.get_by_label("Dari").press("Enter")
    page.wait_for_url(re.compile(r"craft=jahit"))
    titles = page.locator(".grid .card-title").all_inner_texts()
    assert sorted(titles) == ["Kebaya Brokat Pengantin", "Masker Kain Tiga Lapis", "Seragam Sekolah Putih"]
    assert page.get_by_label("Jenis karya").input_value() == "jahit"
    assert_accessible(page)

    # Switch to English with the visible link: same page, same filter, html lang changes
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"craft=jahit"))
    assert lang(page) == "en"
    assert page.locator(".grid .card").count() == 3
    assert page.get_by_role("link", name="Bahasa Indonesia").count() == 1
    assert_accessible(page)

    # Product page: the choice of language is remembered
    page.get_by_role("link", name="Kebaya Brokat Pengantin").click()
    page.wait_for_url(re.compile(r"/produk/"))
    assert lang(page) == "en"
    assert page.locator("h1").inner_text() == "Kebaya Brokat Pengantin"
    assert "Rp1.200.000" in page.locator(".price").first.inner_text()
    image = page.locator(".gallery img").first
    assert image.get_attribute("srcset") and image.get_attribute("alt") == "Foto Kebaya Brokat Pengantin"
    assert_accessible(page)

    # Group page through the link under the product
    page.locator(".group-story a").click()
    page.wait_for_url(re.compile(r"/kelompok/jahit-mandiri-garut"))
    assert lang(page) == "en"
    assert page.locator("h1").inner_text() == "KUBE Jahit Mandiri"
    members = page.locator("#h-members + ul").inner_text()
    assert "Siti Aminah 2" in members and "Budi Santoso 2" in members
    assert "Dewi Lestari" not in page.content()  # did not agree to be shown
    assert page.locator(".grid .card").count() == 3
    assert_accessible(page)

    # Back to Indonesian: remembered again on the next page
    page.get_by_role("link", name="Bahasa Indonesia").click()
    assert lang(page) == "id"
    page.get_by_role("link", name="Katalog").first.click()
    page.wait_for_url(re.compile(r"/katalog$"))
    assert lang(page) == "id"


def test_skip_link_moves_focus_to_main_with_the_keyboard(shop, page):
    server, _ = shop
    page.goto(server.url + "/katalog")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert page.evaluate("document.activeElement.className") == "skip"
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link must be visible on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "isi"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # the next Tab continues inside main, not back in the header
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")


@pytest.mark.parametrize("path", [
    "/kelompok", "/tentang", "/masuk", "/produk/tidak-ada", "/katalog?q=zzzz", "/katalog?region=kota-malang",
])
def test_other_public_pages_are_accessible(shop, page, assert_accessible, path):
    server, _ = shop
    page.goto(server.url + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_pages_are_accessible_at_desktop_width(shop, page, assert_accessible):
    """Contrast and layout problems can differ by width: check the main pages on a laptop screen too."""
    server, slugs = shop
    page.set_viewport_size({"width": 1280, "height": 800})
    for path in ("/", "/katalog", f"/produk/{slugs['products']['Kain Batik Tulis Merak Biru']}",
                 f"/kelompok/{slugs['groups'][0]}"):
        page.goto(server.url + path)
        assert_accessible(page)


def test_login_errors_are_tied_to_their_fields_and_accessible(live_server, page, assert_accessible):
    page.goto(live_server.url + "/masuk")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    email = page.get_by_label("E-mail")
    assert email.get_attribute("aria-invalid") == "true"
    error_id = email.get_attribute("aria-describedby")
    assert page.locator(f"#{error_id}").inner_text() == "Isi alamat e-mail."
    assert page.get_by_role("alert").count() == 1  # the error summary
    assert_accessible(page)
