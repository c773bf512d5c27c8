"""Hostile files on every upload: truncated images, polyglots, SVG with script, 100-megapixel and too-tall
images, a zip bomb renamed .jpg, PDFs with JavaScript, HTML renamed .jpg. Never a 5xx; a refused file leaves no
file and no row behind; an accepted one is stored re-encoded (photos: WebP only, no trace of the payload)."""
from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

import pytest
from PIL import Image

from shop.extensions import db
from tests.hardening.fuzz_world import changed, fingerprint
from tests.workspace.test_members_profile import PROFILE

PAYLOAD = b"<script>alert(document.domain)</script>"


def _image(fmt="JPEG", size=(64, 48), mode="RGB") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, 120).save(buf, fmt)
    return buf.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height (a decompression bomb as Pillow sees it)."""
    data = bytearray(_image("PNG", (1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nol.bin", b"\0" * 20_000_000)
    return buf.getvalue()


HOSTILE_FILES = {
    "truncated.jpg": lambda: _image()[:300],
    "jpeg-zip-polyglot.jpg": lambda: _image() + _zip_bomb()[:2000],
    "png-html-polyglot.png": lambda: _image("PNG") + b"<html>" + PAYLOAD,
    "gifar.jpg": lambda: b"GIF89a/*" + PAYLOAD + b"*/",
    "script.svg": lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">' + PAYLOAD + b"</svg>",
    "bomb-100mp.png": lambda: _png_claiming(10_000, 10_000),
    "bomb-65535.png": lambda: _png_claiming(65_535, 65_535),
    "too-tall.png": lambda: _image("PNG", (300, 17_000), "L"),
    "zip-bomb.jpg": _zip_bomb,
    "javascript.pdf": lambda: b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF",
    "html.jpg": lambda: b"<!doctype html><html>" + PAYLOAD,
    "empty.jpg": lambda: b"",
}


def _files(app) -> set[str]:
    found = set()
    for setting in ("UPLOAD_DIR", "SLIP_DIR"):
        folder = app.config[setting]
        for here, _dirs, names in os.walk(folder):  # files only (photo originals wait in a subfolder)
            found |= {os.path.join(here, name) for name in names}
    return found


def _send(app, client, url, field, name, data, extra=None, token_page=None):
    before_files, before_rows = _files(app), fingerprint()
    response = client.post_form(url, {**(extra or {}), field: (io.BytesIO(data), name)}, token_page=token_page)
    assert response.status_code < 500, (url, name, response.status_code)
    new = _files(app) - before_files
    with client.session_transaction() as session:
        flashed = session.pop("_flashes", [])
    refused = any(category == "error" for category, _m in flashed) or response.status_code == 200 \
        or 400 <= response.status_code < 500
    if refused:
        assert not new, (url, name, "a refused file was kept", new)
        assert not changed(before_rows, fingerprint()), (url, name, "a refused file changed the database")
    for path in new:
        with open(path, "rb") as fh:
            stored = fh.read()
        assert path.endswith((".webp", ".pdf")), path
        if path.endswith(".webp"):
            assert PAYLOAD not in stored and Image.open(io.BytesIO(stored)).format == "WEBP"
    return refused, new


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_photos_for_a_product_and_the_group(app, coordinator, make_product, name):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    data = HOSTILE_FILES[name]()
    refused, _new = _send(app, client, f"/kelola/produk/{product.id}/foto", "photo", name, data, {"alt": ""})
    if name not in ("truncated.jpg", "jpeg-zip-polyglot.jpg", "png-html-polyglot.png"):
        assert refused, name  # only real pictures are accepted, and those are re-encoded
    _send(app, client, "/kelola/profil", "photo", name, data, PROFILE)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_transfer_slips(app, client, make_product, make_order, name):
    order = make_order([(make_product().variants[0], 1)])
    db.session.commit()
    url = f"/pesanan/{order.token}/bukti/{order.parts[0].id}"
    refused, new = _send(app, client, url, "slip", name, HOSTILE_FILES[name](), token_page=f"/pesanan/{order.token}")
    if name == "javascript.pdf":
        assert not refused and [p for p in new if p.endswith(".pdf")]  # kept, but only ever sent as a download
    elif name not in ("truncated.jpg", "jpeg-zip-polyglot.jpg", "png-html-polyglot.png"):
        assert refused, name


@pytest.mark.parametrize("name", ["zip-bomb.jpg", "html.jpg", "empty.jpg", "png-html-polyglot.png"])
def test_hostile_files_as_a_product_csv(app, coordinator, name):
    client, _group, _user = coordinator
    _send(app, client, "/kelola/impor", "file", name.replace(".jpg", ".csv"), HOSTILE_FILES[name]())
