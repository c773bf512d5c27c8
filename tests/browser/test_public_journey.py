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
    server, _ = shop

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
    page.get_by_text("Saring dan urutkan").click()  # the filters fold away until used
    page.get_by_label("Jenis karya").select_option("jahit")
    page.get_by_label("Dari").press("Enter")
    page.wait_for_url(re.compile(r"craft=jahit"))
    titles = page.locator(".grid .card-title").all_inner_texts()
    assert sorted(titles) == ["Kebaya Brokat Pengantin", "Masker Kain Tiga Lapis", "Seragam Sekolah Putih"]
    assert page.get_by_label("Jenis karya").input_value() == "jahit"
    # a card's picture is decorative (the title names the link), also when the product has no photo yet
    assert page.get_by_role("link", name="Masker Kain Tiga Lapis", exact=True).count() == 1
    assert_accessible(page)

    # Switch to English with the visible link: same page, same filter, html lang changes
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"craft=jahit"))
    assert lang(page) == "en"
    assert page.locator("h1").inner_text() == "Catalogue"
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


OTHER_PAGES = ["/kelompok", "/tentang", "/masuk", "/produk/tidak-ada", "/katalog?q=zzzz",
               "/katalog?region=kota-malang&in_stock=1&price_min=abc"]


def test_other_public_pages_are_accessible_in_both_languages(shop, page, assert_accessible):
    server, _ = shop
    problems = []
    for language in ("id", "en"):
        page.goto(f"{server.url}/bahasa/{language}")
        for path in OTHER_PAGES:
            page.goto(server.url + path)
            assert lang(page) == language
            assert page.locator("h1").count() == 1, path
            try:
                assert_accessible(page)
            except AssertionError as err:
                problems.append(str(err))
    assert not problems, "\n\n".join(problems)


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


def test_pages_reflow_at_320_css_pixels(shop, page):
    """WCAG 1.4.10: at 320 CSS pixels wide (400 % zoom on a laptop) nothing scrolls sideways."""
    server, slugs = shop
    page.set_viewport_size({"width": 320, "height": 640})
    paths = ["/", "/katalog", "/kelompok", "/tentang", "/masuk", "/produk/tidak-ada",
             *(f"/produk/{slug}" for slug in slugs["products"].values()),
             *(f"/kelompok/{slug}" for slug in slugs["groups"])]
    too_wide = {}
    for language in ("id", "en"):
        page.goto(f"{server.url}/bahasa/{language}")
        for path in paths:
            page.goto(server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[f"{language} {path}"] = width
    assert not too_wide, f"pages wider than the screen: {too_wide}"


@pytest.mark.parametrize("live_server_config", [{"PER_PAGE": 3}])
def test_pagination_keeps_filters_and_is_accessible(shop, page, assert_accessible):
    server, _ = shop
    page.goto(server.url + "/katalog?region=kabupaten-garut&sort=price_asc")
    assert page.locator(".grid .card").count() == 3
    assert page.get_by_text("Halaman 1 dari 2").count() == 1
    assert_accessible(page)
    page.get_by_role("navigation", name="Halaman").get_by_role("link", name="Berikutnya").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert "region=kabupaten-garut" in page.url and "sort=price_asc" in page.url
    assert page.locator(".grid .card").count() == 3
    assert page.get_by_label("Kabupaten/kota").input_value() == "kabupaten-garut"
    assert_accessible(page)


def test_filter_and_language_switch_work_without_javascript(shop, browser):
    server, _ = shop
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(server.url + "/katalog")
        tab.get_by_text("Saring dan urutkan").click()  # <details> opens without JavaScript
        tab.get_by_label("Kabupaten/kota").select_option("kota-malang")
        tab.get_by_role("button", name="Terapkan").click()
        tab.wait_for_url(re.compile(r"region=kota-malang"))
        assert sorted(tab.locator(".grid .card-title").all_inner_texts()) == [
            "Lukisan Sawah Pagi", "Tas Anyaman Pandan"]
        tab.get_by_role("link", name="English").click()
        tab.wait_for_url(re.compile(r"region=kota-malang"))
        assert tab.locator("html").get_attribute("lang") == "en"
    finally:
        context.close()


def test_product_without_photo_says_so_to_screen_readers(shop, page, assert_accessible):
    server, slugs = shop
    page.goto(f"{server.url}/produk/{slugs['products']['Masker Kain Tiga Lapis']}")
    assert page.locator(".gallery").get_by_role("img", name="Belum ada foto").count() == 1
    assert_accessible(page)
