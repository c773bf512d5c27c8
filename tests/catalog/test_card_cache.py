"""Cached product cards: a change to a product, variant, photo or group shows at once, and only what it shows
is rendered anew."""
import pytest
from flask import g
from sqlalchemy import update

from shop.catalog import cards, stock
from shop.catalog.models import ProductImage, Variant
from shop.extensions import db


@pytest.fixture()
def loads(monkeypatch):
    """Records the ids of the products whose cards had to be rendered (not found in the cache)."""
    seen: list[list[int]] = []
    real = cards._load

    def spy(ids):
        seen.append(sorted(ids))
        return real(ids)

    monkeypatch.setattr(cards, "_load", spy)
    return seen


def _page(client, url="/katalog"):
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_second_visit_renders_no_card(client, make_product, loads):
    for n in range(3):
        make_product(title=f"Batik Nomor {n}")
    db.session.commit()
    _page(client)
    assert len(loads) == 1 and len(loads[0]) == 3
    html = _page(client)
    assert len(loads) == 1  # every card came from the cache
    assert html.count('class="card"') == 3


def test_editing_a_product_renders_only_its_card(client, make_product, loads):
    edited = make_product(title="Kain Lama")
    other = make_product(title="Kain Lain")
    db.session.commit()
    _page(client)
    edited.title = "Kain Baru"
    db.session.commit()
    html = _page(client)
    assert "Kain Baru" in html and "Kain Lama" not in html and "Kain Lain" in html
    assert loads[-1] == [edited.id]
    assert other.id not in loads[-1]


def test_variant_price_and_photo_changes_show(client, make_product, loads):
    product = make_product(title="Selendang", price=100_000)
    make_product(title="Taplak")
    db.session.commit()
    assert "Rp100.000" in _page(client)
    product.variants[0].price = 175_000
    db.session.commit()
    html = _page(client)
    assert "Rp175.000" in html and "Rp100.000" not in html
    assert loads[-1] == [product.id]

    product.images.append(ProductImage(key="abc123", widths="320,640", width=640, height=480, alt="x"))
    db.session.commit()
    assert "abc123-320.webp" in _page(client)
    assert loads[-1] == [product.id]

    db.session.delete(product.images[0])
    db.session.commit()
    assert "abc123" not in _page(client)


def test_group_rename_changes_only_its_cards(client, make_product, make_group, loads):
    group = make_group(name="Kelompok Mawar")
    mine = make_product(group=group)
    theirs = make_product(group=make_group(name="Kelompok Melati"))
    db.session.commit()
    _page(client)
    group.name = "Kelompok Anggrek"
    db.session.commit()
    html = _page(client)
    assert "Kelompok Anggrek" in html and "Kelompok Mawar" not in html
    assert loads[-1] == [mine.id]
    assert theirs.id not in loads[-1]


def test_stock_taken_outside_the_orm_changes_the_card(client, make_product, loads):
    product = make_product(title="Tas Anyam", stock=1)
    db.session.commit()
    assert "Tersedia" in _page(client)
    db.session.execute(update(Variant).where(Variant.product_id == product.id, Variant.stock >= 1)
                       .values(stock=Variant.stock - 1))  # as an order takes stock
    db.session.commit()
    assert "Stok habis" in _page(client)


def test_locale_has_its_own_cards(client, make_product):
    make_product(kind="made_to_order", lead_time_days=7)
    db.session.commit()
    assert "Dibuat setelah dipesan" in _page(client)
    client.get("/bahasa/en")
    g.pop("_flask_babel", None)  # the test's app context outlives requests: forget the locale picked before
    html = _page(client)
    assert "Made after you order, 7 days" in html and "Dibuat setelah dipesan" not in html


def test_filter_lists_follow_new_groups(client, make_product, make_group):
    make_product(group=make_group(name="Kelompok Pertama"))
    db.session.commit()
    assert "Kelompok Pertama" in _page(client)
    make_product(group=make_group(name="Kelompok Kedua"))
    db.session.commit()
    html = _page(client)
    assert html.count("Kelompok Kedua") >= 2  # the filter list and the card
    assert "Kelompok Kedua" in _page(client, "/")


def test_cached_lists_follow_new_deleted_and_sold_out_products(client, make_product, query_counter):
    keep = make_product(title="Batik Tetap", stock=1)
    gone = make_product(title="Batik Dihapus")
    db.session.commit()
    _page(client)
    db.session.expire_all()
    with query_counter() as warm:
        _page(client)
    assert warm.count == 1  # the page's card rows with the catalogue's version (and nothing that grows)
    make_product(title="Batik Baru")
    db.session.delete(gone)
    db.session.commit()
    html = _page(client)
    assert "Batik Baru" in html and "Batik Dihapus" not in html and "2 produk ditemukan" in html
    assert "Batik Tetap" in _page(client, "/katalog?in_stock=1")
    with query_counter() as warm:
        _page(client, "/katalog?in_stock=1")
    assert warm.count == 1  # "in stock" lists are kept too
    stock.take({keep.variants[0].id: 1}, {})  # an order takes the last one (the conditional UPDATE, past the ORM)
    db.session.commit()
    assert "Batik Tetap" not in _page(client, "/katalog?in_stock=1")
    assert "Batik Tetap" in _page(client)  # still listed, sold out
    stock.give_back({keep.variants[0].id: 1})  # the order expired: it is back
    db.session.commit()
    assert "Batik Tetap" in _page(client, "/katalog?in_stock=1")


def test_product_and_group_pages_follow_stock_members_and_photos(client, make_product, make_group, make_member):
    group = make_group(name="Kelompok Kenanga")
    maker = make_member(group, name="Bu Sumi", public_consent=True)
    product = make_product(group=group, stock=1, makers=[maker])
    db.session.commit()
    html = _page(client, f"/produk/{product.slug}")
    assert "Tersedia" in html and "Bu Sumi" in html
    assert "Bu Sumi" in _page(client, f"/kelompok/{group.slug}")
    db.session.execute(update(Variant).where(Variant.product_id == product.id).values(stock=0))
    maker.name = "Bu Sumiati"
    db.session.commit()
    html = _page(client, f"/produk/{product.slug}")
    assert "Stok habis" in html and "Bu Sumiati" in html
    assert "Bu Sumiati" in _page(client, f"/kelompok/{group.slug}")
    product.images.append(ProductImage(key="def456", widths="320,640", width=640, height=480, alt="x"))
    db.session.commit()
    assert "def456-640.webp" in _page(client, f"/produk/{product.slug}")


def test_product_page_renders_again_only_when_the_stock_it_shows_changes(client, make_product, query_counter):
    """Above SHOWN_STOCK the page says only "Tersedia": an order taking one of 40 leaves the cached page in use."""
    product = make_product(title="Tas Anyam", stock=7, sizes=("M", "L"))
    db.session.commit()
    url = f"/produk/{product.slug}"

    def view():
        db.session.expire_all()
        with query_counter() as counter:
            html = _page(client, url)
        return html, counter.count

    cold_html, cold = view()
    assert cold > 1 and "Sisa" not in cold_html
    db.session.execute(update(Variant).where(Variant.product_id == product.id).values(stock=6))  # as orders take it
    db.session.commit()
    html, warm = view()
    assert warm == 1 and html.count("Tersedia") == cold_html.count("Tersedia")  # photos and makers not loaded
    db.session.execute(update(Variant).where(Variant.product_id == product.id).values(stock=5))
    db.session.commit()
    html, count = view()
    assert count > 1 and html.count("Sisa 5") == 2  # the top block rendered again (the "about" part stays cached)
