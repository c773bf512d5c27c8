"""Security probe M3/M4: limits per address on anonymous POSTs, checkout, slips and order lookups, a proxy-aware
client address, slips that replace each other on disk, and image decoding cost."""
from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from shop.extensions import db
from shop.payments.models import Payment
from tests.conftest import ShopClient
from tests.orders.test_pages import png_bytes, upload


@pytest.fixture
def limited(make_app):
    """An app with real (small) limits: limited(NAME="2 per minute", ...) -> (app, client)."""

    def build(**limits):
        application = make_app(limits)
        application.test_client_class = ShopClient
        return application, application.test_client()

    return build


def _statuses(client, url, n, **kwargs):
    token = client.csrf_token("/masuk")
    return [client.post(url, data={"csrf_token": token, "variant_id": "1", "quantity": "1"}, **kwargs).status_code
            for _ in range(n)]


def test_every_anonymous_post_is_limited_per_address(limited, make_product):
    app, client = limited(ANON_POST_LIMIT="3 per minute")
    with app.app_context():
        assert _statuses(client, "/keranjang/tambah", 4)[-1] == 429
        other = _statuses(client, "/keranjang/tambah", 1, environ_base={"REMOTE_ADDR": "10.3.3.3"})
        assert other[0] != 429  # another address is not affected


def test_guest_checkout_has_its_own_tighter_limit(limited):
    app, client = limited(CHECKOUT_LIMIT="2 per minute")
    with app.app_context():
        assert _statuses(client, "/checkout", 3) == [302, 302, 429]


def test_guessing_order_links_is_limited_but_a_real_link_is_not(limited, make_product, make_order):
    app, client = limited(ORDER_LOOKUP_LIMIT="3 per minute")
    with app.app_context():
        order = make_order([(make_product().variants[0], 1)])
        db.session.commit()
        assert [client.get(f"/pesanan/{order.token}").status_code for _ in range(5)] == [200] * 5
        assert [client.get(f"/pesanan/tebakan{n}").status_code for n in range(4)] == [404, 404, 404, 429]


def test_finding_an_order_again_is_limited_per_address(limited):
    app, client = limited(ORDER_FIND_LIMIT="2 per minute")
    with app.app_context():
        token = client.csrf_token("/pesanan/cari")
        data = {"csrf_token": token, "number": "PK-0000-XXXX", "contact": "a@contoh.id"}
        assert [client.post("/pesanan/cari", data=data).status_code for _ in range(3)] == [302, 302, 429]


def test_slip_uploads_are_limited_per_address_and_per_order(limited, make_product, make_order):
    app, client = limited(SLIP_LIMIT="3 per minute", SLIP_PER_ORDER_LIMIT="2 per minute")
    with app.app_context():
        order = make_order([(make_product().variants[0], 1)])
        db.session.commit()
        part = order.parts[0]
        codes = [upload(client, order, part, png_bytes()).status_code for _ in range(3)]
        assert codes == [302, 302, 429]


def test_behind_the_proxy_each_client_has_its_own_address(limited):
    headers = {"X-Forwarded-For": "203.0.113.7"}
    app, client = limited(ANON_POST_LIMIT="2 per minute", PROXY_COUNT=1)
    with app.app_context():
        assert _statuses(client, "/keranjang/tambah", 3, headers=headers)[-1] == 429
        assert _statuses(client, "/keranjang/tambah", 1, headers={"X-Forwarded-For": "203.0.113.8"})[0] != 429
    app, client = limited(ANON_POST_LIMIT="2 per minute")  # no proxy configured: the header is not trusted
    with app.app_context():
        _statuses(client, "/keranjang/tambah", 2, headers=headers)
        assert _statuses(client, "/keranjang/tambah", 1, headers={"X-Forwarded-For": "203.0.113.8"})[0] == 429


def test_staff_and_the_stripe_webhook_are_not_limited_as_anonymous(limited, make_user):
    app, client = limited(ANON_POST_LIMIT="1 per minute")
    with app.app_context():
        codes = [client.post("/webhooks/stripe", data=b"{}").status_code for _ in range(3)]
        assert 429 not in codes


def test_a_replaced_slip_leaves_no_file_behind(app, client, make_product, make_order):
    order = make_order([(make_product().variants[0], 1)])
    db.session.commit()
    part = order.parts[0]
    for _ in range(3):
        assert upload(client, order, part, png_bytes()).status_code == 302
    payment = db.session.scalars(db.select(Payment).where(Payment.part_id == part.id)).one()
    db.session.refresh(payment)
    assert os.listdir(app.config["SLIP_DIR"]) == [f"{payment.slip_key}.{payment.slip_type}"]


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (width, height), 200).save(buf, "PNG", optimize=True)
    return buf.getvalue()


@pytest.mark.parametrize("size,message", [((300, 17000), "per sisi"), ((5000, 4000), "terlalu banyak piksel")])
def test_too_tall_or_too_large_slips_are_refused_with_a_message(app, client, make_product, make_order, size,
                                                                message):
    order = make_order([(make_product().variants[0], 1)])
    db.session.commit()
    response = upload(client, order, order.parts[0], _png(*size))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page
    assert not os.path.isdir(app.config["SLIP_DIR"]) or not os.listdir(app.config["SLIP_DIR"])


def test_too_tall_product_photos_are_refused_with_a_message(app, coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    response = client.post_form(f"/kelola/produk/{product.id}/foto", data={"photo": (io.BytesIO(_png(1024, 20000)),
                                                                               "tinggi.png"), "alt": ""})
    assert response.status_code < 500
    page = response.get_data(as_text=True) if response.status_code != 302 else \
        client.get(response.headers["Location"]).get_data(as_text=True)
    assert "per sisi" in page
