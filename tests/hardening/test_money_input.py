"""Security probe M5 through the product form: decimals refused with a message, no Rp0 variant published."""
from __future__ import annotations

from shop.catalog.models import Variant
from shop.extensions import db
from tests.workspace.test_products import product_data


def _save_price(client, product, variant, price):
    data = product_data(rows=())
    data.update({"variants-0-id": str(variant.id), "variants-0-size": "M", "variants-0-price": price,
                 "variants-0-sku": variant.sku})
    return client.post_form(f"/kelola/produk/{product.id}/ubah", data)


def test_a_price_with_sen_is_refused_and_zero_decimals_are_read_right(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, sizes=("M",))
    variant = product.variants[0]
    db.session.commit()
    html = _save_price(client, product, variant, "1.000,50").get_data(as_text=True)
    assert "Rupiah tanpa sen" in html
    db.session.expire_all()
    assert db.session.get(Variant, variant.id).price == 250_000
    assert _save_price(client, product, variant, "150.000,00").status_code == 302
    db.session.expire_all()
    assert db.session.get(Variant, variant.id).price == 150_000


def test_a_published_product_never_gets_a_rp0_choice(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group, sizes=("M",))
    variant = product.variants[0]
    db.session.commit()
    data = product_data(rows=())
    data.update({"variants-0-id": str(variant.id), "variants-0-size": "M", "variants-0-price": "250.000",
                 "variants-0-sku": variant.sku, "variants-1-size": "L", "variants-1-price": "0"})
    html = client.post_form(f"/kelola/produk/{product.id}/ubah", data).get_data(as_text=True)
    assert "harus punya harga lebih dari Rp0" in html
    db.session.expire_all()
    assert [v.price for v in db.session.get(Variant, variant.id).product.variants] == [250_000]
