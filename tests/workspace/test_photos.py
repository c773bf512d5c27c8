"""Photos: upload (JPEG, PNG, WebP, HEIC), bad files refused with nothing stored, reorder, main, alt, delete."""
import io
import os

import pytest
from PIL import Image

from shop.catalog.models import ProductImage
from shop.extensions import db
from tests.fixtures.workspace import image_bytes


def _files(app):
    folder = app.config["UPLOAD_DIR"]
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def _upload(client, product, data: bytes, name="foto.jpg", alt=""):
    url = f"/kelola/produk/{product.id}/foto"
    return client.post_form(url, {"photo": (io.BytesIO(data), name), "alt": alt})


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_upload_formats(app, coordinator, make_product, fmt):
    client, group, _user = coordinator
    product = make_product(group=group, title="Batik Mega Mendung")
    db.session.commit()
    r = _upload(client, product, image_bytes(fmt), name=f"foto.{fmt.lower()}")
    assert r.status_code == 302
    image = db.session.query(ProductImage).one()
    assert image.product_id == product.id and image.position == 0
    assert {f"{image.key}-{w}.webp" for w in image.width_list} <= set(_files(app))
    html = client.get(f"/kelola/produk/{product.id}/foto").get_data(as_text=True)
    assert 'alt="Batik Mega Mendung"' in html  # alt defaults to the product title


def test_upload_heic(app, coordinator, make_product):
    pytest.importorskip("pillow_heif")
    buf = io.BytesIO()
    try:
        Image.new("RGB", (640, 480), (10, 120, 60)).save(buf, "HEIF")
    except (KeyError, OSError) as err:
        pytest.skip(f"HEIF encoder unavailable: {err}")
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    assert _upload(client, product, buf.getvalue(), name="IMG_0001.HEIC").status_code == 302
    assert db.session.query(ProductImage).count() == 1


def _bomb() -> bytes:
    buf = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("name, data, message", [
    ("catatan.txt", b"ini bukan foto", "bukan foto yang bisa dibaca"),
    ("rusak.jpg", image_bytes("JPEG")[:200], "bukan foto yang bisa dibaca"),
    ("animasi.gif", image_bytes("GIF"), "bukan foto yang bisa dibaca"),
    ("kosong.jpg", b"", "Berkas kosong"),
    ("bom.png", None, "terlalu banyak piksel"),
    ("besar.jpg", b"\xff" * (10 * 1024 * 1024 + 1), "paling banyak 10 MB"),
])
def test_bad_files_refused_on_the_form_and_nothing_stored(app, coordinator, make_product, name, data, message):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    r = _upload(client, product, _bomb() if data is None else data, name=name)
    html = r.get_data(as_text=True)
    assert r.status_code == 422
    assert message in html and 'id="photo-error"' in html
    assert db.session.query(ProductImage).count() == 0
    assert _files(app) == []


def test_missing_file_refused(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    r = client.post_form(f"/kelola/produk/{product.id}/foto", {"alt": "x"})
    assert r.status_code == 422 and "Pilih berkas foto" in r.get_data(as_text=True)


def test_request_over_limit_gets_friendly_413(app, coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    r = _upload(client, product, b"\xff" * (11 * 1024 * 1024))
    assert r.status_code == 413
    assert "Berkas terlalu besar" in r.get_data(as_text=True)
    assert _files(app) == []


def test_reorder_main_alt_and_delete(app, coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, title="Lukisan Sawah")
    db.session.commit()
    for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255)):
        assert _upload(client, product, image_bytes("PNG", colour=colour)).status_code == 302
    ids = [img.id for img in db.session.query(ProductImage).order_by(ProductImage.position)]
    page = f"/kelola/produk/{product.id}/foto"

    def order():
        db.session.expire_all()
        return [img.id for img in db.session.query(ProductImage).order_by(ProductImage.position)]

    client.post_form(f"{page}/{ids[0]}/geser", {"direction": "down"}, token_page=page)
    assert order() == [ids[1], ids[0], ids[2]]
    client.post_form(f"{page}/{ids[0]}/geser", {"direction": "up"}, token_page=page)
    assert order() == ids
    client.post_form(f"{page}/{ids[2]}/utama", token_page=page)
    assert order() == [ids[2], ids[0], ids[1]]
    assert client.post_form(f"{page}/{ids[2]}/geser", {"direction": "sideways"}, token_page=page).status_code == 400

    client.post_form(f"{page}/{ids[1]}/keterangan", {f"a{ids[1]}-alt": "Sawah hijau saat senja"}, token_page=page)
    assert db.session.get(ProductImage, ids[1]).alt == "Sawah hijau saat senja"

    key = db.session.get(ProductImage, ids[1]).key
    confirm = client.get(f"{page}/{ids[1]}/hapus")
    assert "Ya, hapus foto" in confirm.get_data(as_text=True)
    assert db.session.get(ProductImage, ids[1]) is not None
    assert client.post_form(f"{page}/{ids[1]}/hapus").status_code == 302
    assert order() == [ids[2], ids[0]]
    assert [img.position for img in db.session.query(ProductImage).order_by(ProductImage.position)] == [0, 1]
    assert not any(name.startswith(key) for name in _files(app))


def test_stored_photo_has_no_exif(app, coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    img = Image.new("RGB", (700, 500), "white")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "S", 2: (6.0, 54.0, 0.0)}
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif)
    assert _upload(client, product, buf.getvalue()).status_code == 302
    image = db.session.query(ProductImage).one()
    with Image.open(os.path.join(app.config["UPLOAD_DIR"], f"{image.key}-{image.width_list[0]}.webp")) as out:
        assert not out.getexif() and "exif" not in out.info
