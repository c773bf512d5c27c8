"""Defect 43 in the browser: two photos chosen on the new-product form are saved with the product, in one page.
Defect 45: the product page's action buttons line up, and "Ubah stok" sits level with its fields."""
from __future__ import annotations

import io
import re

from PIL import Image

from tests.browser.test_coordinator_journey import (  # noqa: F401  (coordinator_server is a fixture)
    EMAIL,
    PASSWORD,
    activate,
    coordinator_server,
    tab_to,
    type_into,
)

LINE_UP = """() => {
  const boxes = [...document.querySelectorAll('.toolbar > a, .toolbar > form button')].map(e => e.getBoundingClientRect());
  const stock = document.querySelector('form.stock-form');
  const button = stock.querySelector('button').getBoundingClientRect();
  const input = stock.querySelector('input[name$="-change"]').getBoundingClientRect();
  return {boxes: boxes.map(b => [Math.round(b.top), Math.round(b.bottom)]),
          stock: [Math.round(button.top), Math.round(button.bottom), Math.round(input.top), Math.round(input.bottom)]};
}"""


def check_line_up(layout) -> None:
    """Controls sharing a row (overlapping vertically) have the same top and bottom; all are at least 44 px."""
    boxes = layout["boxes"]
    assert all(bottom - top >= 44 for top, bottom in boxes), f"a control under 44 px: {boxes}"
    for top, bottom in boxes:
        row = [b for b in boxes if b[0] < bottom and b[1] > top]
        assert all(abs(b[0] - top) <= 1 and abs(b[1] - bottom) <= 1 for b in row), f"uneven: {boxes}"
    b_top, b_bottom, i_top, i_bottom = layout["stock"]
    if b_top < i_bottom and b_bottom > i_top:  # "Ubah stok" beside its fields: level with the input
        assert abs(b_bottom - i_bottom) <= 1, f"'Ubah stok' not level with its field: {layout['stock']}"


def _photo(path, colour) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (900, 1200), colour).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return str(path)


def test_photos_chosen_on_the_new_product_form(coordinator_server, page, assert_accessible, tmp_path):  # noqa: F811
    server = coordinator_server
    page.goto(server.url + "/masuk")
    type_into(page, "#email", EMAIL)
    type_into(page, "#password", PASSWORD)
    with page.expect_navigation(url=re.compile(r"/dasbor")):
        page.keyboard.press("Enter")
    page.goto(server.url + "/kelola/produk/baru")
    type_into(page, "#title", "Selendang Batik Cahaya")
    type_into(page, "#variants-0-price", "350.000")
    type_into(page, "#variants-0-stock", "4")
    tab_to(page, "#photos")
    assert page.locator("#photos").get_attribute("multiple") is not None
    page.locator("#photos").set_input_files([_photo(tmp_path / "depan.jpg", (30, 60, 140)),
                                             _photo(tmp_path / "motif.jpg", (140, 60, 30))])
    assert_accessible(page)
    activate(page, "button[name='save']", r"/kelola/produk/\d+$")
    assert "Foto ditambahkan: 2." in page.locator(".flashes").inner_text()
    assert "Foto (2)" in page.locator(".toolbar").inner_text()
    assert_accessible(page)

    check_line_up(page.evaluate(LINE_UP))
    page.set_viewport_size({"width": 1280, "height": 900})  # on a desktop the stock form is one row
    layout = page.evaluate(LINE_UP)
    assert layout["stock"][0] < layout["stock"][3], f"the stock button wrapped on a desktop: {layout}"
    check_line_up(layout)
