"""Product pages as a buyer reads them: a one-of-a-kind piece has no options table and shows Terjual once sold."""
from __future__ import annotations

from shop.extensions import db


def test_one_of_a_kind_has_no_options_table_and_shows_sold(client, make_product):
    painting = make_product(title="Lukisan Sawah", kind="one_of_a_kind", stock=1)
    db.session.commit()
    page = client.get(f"/produk/{painting.slug}").get_data(as_text=True)
    assert "Ukuran dan pilihan" not in page and "Tersedia" in page
    painting.variants[0].stock = 0
    db.session.commit()
    page = client.get(f"/produk/{painting.slug}").get_data(as_text=True)
    assert "Terjual" in page and "Stok habis" not in page


def test_products_with_sizes_keep_their_table(client, make_product):
    shirt = make_product(title="Kemeja Batik", sizes=("M", "L"))
    db.session.commit()
    assert "Ukuran dan pilihan" in client.get(f"/produk/{shirt.slug}").get_data(as_text=True)
