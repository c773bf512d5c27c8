"""A coordinator, with the keyboard only, creates a product with two sizes and a photo, publishes it, and finds it
in the public catalogue. axe-core checks every page used.

Only page.keyboard acts on the pages (Tab, Shift+Tab, Enter, Space, typing); the file chooser is filled with
set_input_files, as a person would pick a file in the system dialog. The focus is read (never set) to know when
Tab has reached the wanted control.
"""
from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from shop.accounts.models import User
from shop.extensions import db
from shop.groups.models import Group, Member, Region

EMAIL = "koordinator@batik-garut.id"
PASSWORD = "rahasia-kelompok-2026"
MAX_TABS = 160


@pytest.fixture
def coordinator_server(live_server):
    with live_server.app.app_context():
        region = Region(province="Jawa Barat", name="Garut", kind="kabupaten", slug="kab-garut")
        group = Group(name="Kelompok Batik Cahaya", slug="batik-cahaya", crafts="batik_tulis", region=region,
                      status="active", story="Pembatik tuli dari Garut.")
        db.session.add(Member(group=group, name="Ibu Euis", public_consent=True))
        user = User(email=EMAIL, role="coordinator", group=group, name="Bu Koordinator", active=True)
        user.set_password(PASSWORD)
        db.session.add_all([region, group, user])
        db.session.commit()
    return live_server


def focused(page, selector: str) -> bool:
    return page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(MAX_TABS):
        if focused(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def activate(page, selector: str, url_pattern: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation(url=re.compile(url_pattern)):
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_coordinator_creates_and_publishes_a_product_with_keyboard_only(coordinator_server, page,
                                                                        assert_accessible, tmp_path):
    server = coordinator_server

    # Sign in
    page.goto(server.url + "/masuk")
    assert_accessible(page)
    type_into(page, "#email", EMAIL)
    type_into(page, "#password", PASSWORD)
    with page.expect_navigation(url=re.compile(r"/dasbor")):
        page.keyboard.press("Enter")
    assert_accessible(page)

    # Dashboard → workspace home → new product
    activate(page, "a[href='/kelola']", r"/kelola$")
    assert page.locator("h1").inner_text().startswith("Kelola Kelompok Batik Cahaya")
    assert_accessible(page)
    activate(page, "main a.button[href='/kelola/produk/baru']", r"/kelola/produk/baru$")
    assert_accessible(page)

    # The form: title, description, craft (type to choose), maker (Space), two sizes with prices and stock
    type_into(page, "#title", "Kemeja Batik Cahaya")
    type_into(page, "#description", "Batik tulis di atas katun, dikerjakan dua minggu.")
    tab_to(page, "#craft")
    page.keyboard.type("Batik tulis")
    tab_to(page, "input[name='makers']")
    page.keyboard.press("Space")
    type_into(page, "#variants-0-size", "M")
    type_into(page, "#variants-0-price", "750.000")
    type_into(page, "#variants-0-stock", "3")
    type_into(page, "#variants-1-size", "L")
    type_into(page, "#variants-1-price", "800.000")
    type_into(page, "#variants-1-stock", "2")
    activate(page, "button[name='save']", r"/kelola/produk/\d+$")
    assert "Kemeja Batik Cahaya" in page.locator("h1").inner_text()
    assert page.locator("#h-stock ~ section h3").all_inner_texts() == ["M", "L"]
    assert_accessible(page)

    # Photo: reach the file input by keyboard, choose the file, type the alt text, submit with Enter
    activate(page, "a[href$='/foto']", r"/foto$")
    assert_accessible(page)
    photo = tmp_path / "kemeja.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (900, 700), (30, 60, 140)).save(buf, "JPEG")
    photo.write_bytes(buf.getvalue())
    tab_to(page, "#photo")
    page.locator("#photo").set_input_files(str(photo))
    type_into(page, "#alt", "Kemeja batik biru motif cahaya, dilipat")
    activate(page, "main form[enctype] button[type='submit']", r"/foto$")
    assert page.locator("ol.photos li").count() == 1
    assert_accessible(page)

    # Back to the product and publish it
    activate(page, "main a[href$='/kelola/produk/1']", r"/kelola/produk/\d+$")
    activate(page, "form[action$='/status'] button", r"/kelola/produk/\d+$")
    assert "sekarang tayang" in page.locator(".flashes").inner_text()
    assert_accessible(page)

    # The public catalogue shows it, with both sizes and the photo
    activate(page, "header a[href='/katalog']", r"/katalog$")
    assert "Kemeja Batik Cahaya" in page.locator(".grid .card-title").all_inner_texts()
    assert_accessible(page)
    activate(page, ".grid a[href^='/produk/kemeja-batik-cahaya']", r"/produk/kemeja-batik-cahaya")
    assert page.locator("table.variants tbody th").all_inner_texts() == ["M", "L"]
    assert "Rp750.000" in page.locator("table.variants").inner_text()
    assert page.locator(".gallery img").get_attribute("alt") == "Kemeja batik biru motif cahaya, dilipat"
    assert "Ibu Euis" in page.locator("main").inner_text()
    assert_accessible(page)


def test_every_workspace_page_is_accessible(coordinator_server, page, assert_accessible):
    """axe-core on each workspace page, filled with data, including pages showing form errors."""
    server = coordinator_server
    from shop import images
    from shop.catalog.models import Product, ProductImage, Variant
    from shop.catalog.stock import adjust_stock

    with server.app.app_context():
        group = db.session.query(Group).one()
        product = Product(group=group, title="Tas Batik", slug="tas-batik", craft="batik_tulis", status="draft")
        product.variants.append(Variant(size="", sku="TAS-1", price=150_000, stock=1))
        stored = images.process(Image.new("RGB", (700, 500), "teal"), server.app.config["UPLOAD_DIR"], (320, 640))
        product.images.append(ProductImage(key=stored.key, widths=stored.widths_text, width=stored.width,
                                           height=stored.height, alt=""))
        db.session.add(product)
        db.session.flush()
        with server.app.test_request_context():
            adjust_stock(product.variants[0], 2, "Hasil minggu ini")
        db.session.commit()
        pid, iid = product.id, product.images[0].id
        mid = db.session.query(Member).one().id

    page.goto(server.url + "/masuk")
    page.fill("#email", EMAIL)
    page.fill("#password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dasbor"))
    for path in ["/kelola", "/kelola/produk", "/kelola/produk?status=draft", "/kelola/produk/baru",
                 f"/kelola/produk/{pid}", f"/kelola/produk/{pid}/ubah", f"/kelola/produk/{pid}/arsip",
                 f"/kelola/produk/{pid}/foto", f"/kelola/produk/{pid}/foto/{iid}/hapus", "/kelola/anggota",
                 "/kelola/anggota/baru", f"/kelola/anggota/{mid}/ubah", f"/kelola/anggota/{mid}/keluar",
                 "/kelola/profil", "/kelola/impor", "/kelola/aktivitas", "/kelola/stok-menipis"]:
        page.goto(server.url + path)
        assert page.locator("h1").count() == 1, path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} scrolls sideways on a phone ({width}px)"
        assert_accessible(page)

    # pages with errors: an empty product form, a bad stock change, a CSV with a wrong row
    page.goto(server.url + "/kelola/produk/baru")
    page.locator("button[name='save']").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1
    assert_accessible(page)
    page.goto(server.url + f"/kelola/produk/{pid}")
    page.fill("input[name$='-change']", "-50")
    page.fill("input[name$='-reason']", "Terjual")
    page.locator("form.stock-form button").click()
    page.wait_for_load_state()
    assert "tidak bisa dikurangi" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(server.url + "/kelola/impor")
    page.locator("#file").set_input_files({"name": "p.csv", "mimeType": "text/csv",
                                           "buffer": b"title,craft,price\nKain,plastik,abc\n"})
    page.locator("main form button").click()
    page.wait_for_load_state()
    assert "tidak dikenal" in page.locator("main").inner_text()
    assert_accessible(page)
