"""Defect 43: photos are chosen on the new-product form, several at once; a bad one is named and the product stays."""
import io
import os

from shop.catalog.models import Product, ProductImage
from shop.extensions import db
from tests.fixtures.workspace import image_bytes
from tests.workspace.helpers import product_data

URL = "/kelola/produk/baru"


def _files(app):
    folder = app.config["UPLOAD_DIR"]
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def _post(client, photos, **fields):
    data = product_data(**fields)
    data["photos"] = [(io.BytesIO(body), name) for name, body in photos]
    return client.post_form(URL, data, content_type="multipart/form-data")


def test_new_product_form_takes_several_photos(coordinator):
    client, _group, _user = coordinator
    html = client.get(URL).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and "multiple" in html.split('id="photos"')[1].split(">")[0]


def test_several_photos_saved_with_the_new_product(app, coordinator):
    client, _group, _user = coordinator
    r = _post(client, [("depan.jpg", image_bytes("JPEG")), ("belakang.png", image_bytes("PNG", colour=(9, 9, 9))),
                       ("motif.webp", image_bytes("WEBP"))], title="Kemeja Batik Sekar Jagad")
    assert r.status_code == 302
    product = db.session.query(Product).one()
    assert r.headers["Location"].endswith(f"/kelola/produk/{product.id}")
    shots = db.session.query(ProductImage).order_by(ProductImage.position).all()
    assert [img.position for img in shots] == [0, 1, 2] and all(img.product_id == product.id for img in shots)
    assert all(img.widths for img in shots)  # through the pipeline: re-encoded to WebP sizes
    page = client.get(f"/kelola/produk/{product.id}").get_data(as_text=True)
    assert "Foto ditambahkan: 3." in page
    html = client.get(f"/kelola/produk/{product.id}/foto").get_data(as_text=True)
    assert html.count('alt="Kemeja Batik Sekar Jagad"') >= 3  # alt text defaults to the product title


def test_bad_photo_named_and_product_still_created(app, coordinator):
    client, _group, _user = coordinator
    r = _post(client, [("baik.jpg", image_bytes("JPEG")), ("catatan.txt", b"ini bukan foto"),
                       ("besar.jpg", b"\xff" * (10 * 1024 * 1024 + 1))], title="Tas Anyaman Pandan")
    assert r.status_code == 302
    product = db.session.query(Product).one()
    assert product.title == "Tas Anyaman Pandan"
    assert db.session.query(ProductImage).count() == 1
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Foto ditambahkan: 1." in html
    assert "Foto &#34;catatan.txt&#34; tidak disimpan: Berkas ini bukan foto yang bisa dibaca" in html
    assert "Foto &#34;besar.jpg&#34; tidak disimpan: Berkas terlalu besar: paling banyak 10 MB." in html
    assert "Produk tetap tersimpan" in html
    image = db.session.query(ProductImage).one()
    assert {f"{image.key}-{w}.webp" for w in image.width_list} == set(_files(app))  # nothing of the bad files


def test_more_than_the_limit_at_once_refuses_only_the_extra(coordinator):
    client, _group, _user = coordinator
    r = _post(client, [(f"foto{i}.jpg", image_bytes("JPEG", size=(200, 150))) for i in range(1, 8)])
    assert r.status_code == 302
    assert db.session.query(ProductImage).count() == 6
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Foto &#34;foto7.jpg&#34; tidak disimpan: paling banyak 6 foto sekaligus" in html


def test_invalid_product_saves_no_photo_and_asks_to_choose_again(app, coordinator):
    client, _group, _user = coordinator
    r = _post(client, [("baik.jpg", image_bytes("JPEG"))], title="")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Isi nama produk." in html
    assert 'id="photos-error"' in html and "Pilih fotonya lagi." in html
    assert db.session.query(Product).count() == 0 and db.session.query(ProductImage).count() == 0
    assert _files(app) == []


def test_body_limit_larger_only_on_the_new_product_form(app, coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    big = [(f"foto{i}.jpg", b"\xff" * (9 * 1024 * 1024)) for i in range(3)]  # 27 MB together: one form may
    r = _post(client, big)
    assert r.status_code == 302 and db.session.query(Product).count() == 2
    one = client.post_form(f"/kelola/produk/{product.id}/foto",
                           {"photo": (io.BytesIO(b"\xff" * (12 * 1024 * 1024)), "a.jpg")})
    assert one.status_code == 413  # the single-photo form keeps its own limit
    five = _post(client, [(f"foto{i}.jpg", b"\xff" * (9 * 1024 * 1024)) for i in range(5)])  # 45 MB
    assert five.status_code == 413
    assert "semuanya bersama paling banyak 40 MB" in five.get_data(as_text=True)
