"""The cart in the session: add from the product page, change quantities, flag changes, checkout validation."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.extensions import db
from shop.orders.models import Order
from tests.fixtures.orders import BUYER


def add(client, product, quantity=1, variant=None):
    return client.post_form("/keranjang/tambah", {"variant_id": (variant or product.variants[0]).id,
                                                   "quantity": quantity, "back": f"/produk/{product.slug}"},
                            token_page=f"/produk/{product.slug}")


def test_product_page_has_add_form_and_header_counts(client, make_product):
    p = make_product(title="Tas Anyaman", sizes=("Kecil", "Besar"), stock=4)
    db.session.commit()
    page = client.get(f"/produk/{p.slug}").get_data(as_text=True)
    assert 'action="/keranjang/tambah"' in page and 'id="buy-variant"' in page
    assert add(client, p, 2, p.variants[1]).headers["Location"].endswith("/keranjang")
    cart = client.get("/keranjang").get_data(as_text=True)
    assert "Tas Anyaman" in cart and "(2<span" in cart and "Rp500.000" in cart


def test_items_from_two_groups_are_grouped(client, make_product):
    a, b = make_product(title="Batik A"), make_product(title="Kebaya B")
    db.session.commit()
    add(client, a)
    add(client, b)
    page = client.get("/keranjang").get_data(as_text=True)
    assert a.group.name in page and b.group.name in page


def test_bad_add_inputs_change_nothing(client, make_product):
    p = make_product(stock=2)
    hidden = make_product(status="draft")
    db.session.commit()
    for data in ({"variant_id": "abc", "quantity": 1}, {"variant_id": p.variants[0].id, "quantity": 0},
                 {"variant_id": p.variants[0].id, "quantity": "x"}, {"variant_id": 999999, "quantity": 1},
                 {"variant_id": hidden.variants[0].id, "quantity": 1}, {"variant_id": p.variants[0].id,
                                                                         "quantity": 3}):
        response = client.post_form("/keranjang/tambah", data, token_page=f"/produk/{p.slug}")
        assert response.status_code == 302
    assert "Keranjang Anda masih kosong" in client.get("/keranjang").get_data(as_text=True)


def test_quantity_change_and_removal(client, make_product):
    p = make_product(stock=5)
    db.session.commit()
    add(client, p, 1)
    client.post_form("/keranjang/ubah", {"variant_id": p.variants[0].id, "quantity": 3}, token_page="/keranjang")
    assert 'value="3"' in client.get("/keranjang").get_data(as_text=True)
    bad = client.post_form("/keranjang/ubah", {"variant_id": p.variants[0].id, "quantity": 99},
                           token_page="/keranjang")
    assert bad.status_code == 302 and 'value="3"' in client.get("/keranjang").get_data(as_text=True)
    client.post_form("/keranjang/ubah", {"variant_id": p.variants[0].id, "quantity": 0}, token_page="/keranjang")
    assert "masih kosong" in client.get("/keranjang").get_data(as_text=True)


def test_price_change_and_stock_loss_are_flagged_and_block_checkout(client, make_product):
    p = make_product(price=100_000, stock=3)
    q = make_product(price=50_000, stock=3)
    db.session.commit()
    add(client, p, 2)
    add(client, q, 1)
    db.session.get(Variant, p.variants[0].id).price = 120_000
    db.session.get(Variant, q.variants[0].id).stock = 0
    db.session.commit()
    page = client.get("/keranjang").get_data(as_text=True)
    assert "Harga berubah dari Rp100.000 menjadi Rp120.000" in page and "Stok habis" in page
    assert client.get("/checkout").headers["Location"].endswith("/keranjang")
    client.post_form("/keranjang/terima-harga", {}, token_page="/keranjang")
    client.post_form("/keranjang/ubah", {"variant_id": q.variants[0].id, "quantity": 0}, token_page="/keranjang")
    page = client.get("/keranjang").get_data(as_text=True)
    assert "Harga berubah" not in page and "Rp240.000" in page
    checkout = client.get("/checkout").get_data(as_text=True)
    assert "satu kabupaten/kota Rp15.000" in checkout and "luar Jawa Rp60.000" in checkout


def test_checkout_validation_messages_and_nothing_placed(client, make_product):
    p = make_product(stock=3)
    db.session.commit()
    add(client, p)
    bad = dict(BUYER, phone="12345", postal_code="4013", email="bukan-email", province="Atlantis",
               payment_method="bank_transfer")
    response = client.post_form("/checkout", bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for message in ("Nomor HP tidak valid", "Kode pos terdiri dari 5 angka", "Alamat e-mail tidak valid",
                    "Pilih diambil sendiri atau dikirim kurir", "Pilih provinsi dari daftar"):
        assert message in page
    assert db.session.scalar(select(func.count(Order.id))) == 0
    assert db.session.get(Variant, p.variants[0].id).stock == 3


def test_checkout_by_bank_transfer_places_order_and_clears_cart(client, make_product):
    p = make_product(stock=3, price=150_000)
    db.session.commit()
    add(client, p, 2)
    form = dict(BUYER, phone="+62 812-3456-7890", payment_method="bank_transfer",
                **{f"delivery-{p.group_id}": "courier"})
    response = client.post_form("/checkout", form)
    order = db.session.scalar(select(Order))
    assert response.headers["Location"].endswith(f"/pesanan/{order.token}")
    assert order.buyer_phone == "+6281234567890" and order.parts[0].shipping == "courier"
    assert order.total == 300_000 + order.shipping_total and order.shipping_total > 0
    assert db.session.get(Variant, p.variants[0].id).stock == 1
    assert "masih kosong" in client.get("/keranjang").get_data(as_text=True)


def test_stock_gone_between_cart_and_checkout(client, make_product):
    p = make_product(stock=2)
    db.session.commit()
    add(client, p, 2)
    page = client.get("/checkout")
    assert page.status_code == 200
    db.session.get(Variant, p.variants[0].id).stock = 1
    db.session.commit()
    form = dict(BUYER, payment_method="bank_transfer", **{f"delivery-{p.group_id}": "pickup"})
    response = client.post_form("/checkout", form, token_page="/keranjang")
    assert response.headers["Location"].endswith("/keranjang")
    assert db.session.scalar(select(func.count(Order.id))) == 0
    assert db.session.get(Variant, p.variants[0].id).stock == 1
