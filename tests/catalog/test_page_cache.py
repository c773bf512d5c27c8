"""Whole public pages kept for anonymous visitors (shop/page_cache.py): a second visit renders nothing, and every
change a page shows (through the ORM, by an order's stock UPDATE, by a bazaar's organiser) shows at once; a
visitor with anything of their own (signed in, a cart, a message, English) never gets someone else's page."""
import gzip
import re
from contextlib import contextmanager

import pytest
from flask import template_rendered

from shop.catalog import stock
from shop.extensions import db


@contextmanager
def rendered(app):
    names: list[str] = []

    def record(sender, template, context, **extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def _get(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.fixture
def shop_pages(make_product, make_group):
    group = make_group(name="Kelompok Kenanga")
    product = make_product(title="Kain Sekar Jagad", group=group, stock=1)
    db.session.commit()
    return {"home": "/", "catalogue": "/katalog", "search": "/katalog?q=sekar",
            "product": f"/produk/{product.slug}", "group": f"/kelompok/{group.slug}"}, product


def test_second_anonymous_visit_renders_nothing_and_answers_the_same(app, client, shop_pages):
    pages, _product = shop_pages
    for name, url in pages.items():
        first = _get(client, url).get_data(as_text=True)
        with rendered(app) as names:
            second = _get(client, url).get_data(as_text=True)
        assert names == [], name  # the kept page: no template rendered
        if name == "product":  # the buy form's token is this visitor's own, put in on the way out
            assert re.sub(r'value="[^"]{40,}"', "", first) == re.sub(r'value="[^"]{40,}"', "", second)
        else:
            assert first == second, name


def test_kept_page_is_gzip_and_answers_304_to_a_phone_that_has_it(client, shop_pages):
    pages, _product = shop_pages
    plain = _get(client, pages["catalogue"]).get_data()
    zipped = _get(client, pages["catalogue"], headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"] and "Cookie" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.get_data()) == plain
    assert "nonce-" in zipped.headers["Content-Security-Policy"]
    again = client.get(pages["catalogue"], headers={"If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_changes_through_the_orm_show_at_once_on_every_page(client, shop_pages):
    pages, product = shop_pages
    for url in pages.values():
        _get(client, url)
    product.title = "Kain Sekar Jagad Biru"
    product.variants[0].price = 333_000
    db.session.commit()
    for name, url in pages.items():
        if name == "search":
            continue  # the search word still matches; the page shows the new title below
        html = _get(client, url).get_data(as_text=True)
        assert "Kain Sekar Jagad Biru" in html and "Rp333.000" in html, name


def test_stock_taken_by_an_order_shows_at_once(client, shop_pages):
    pages, product = shop_pages
    assert "Masukkan keranjang" in _get(client, pages["product"]).get_data(as_text=True)
    _get(client, pages["catalogue"])
    assert stock.change_stock(product.variants[0].id, -1)  # the checkout's conditional UPDATE, past the ORM
    db.session.commit()
    html = _get(client, pages["product"]).get_data(as_text=True)
    assert "Masukkan keranjang" not in html and "Stok habis" in html
    assert "Stok habis" in _get(client, pages["catalogue"]).get_data(as_text=True)


def test_each_visitor_gets_their_own_csrf_token_and_it_works(app, client, shop_pages):
    pages, product = shop_pages
    _get(client, pages["product"])  # the page is kept
    other = app.test_client()
    html = _get(other, pages["product"]).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    mine = re.search(r'name="csrf_token" value="([^"]+)"', _get(client, pages["product"]).get_data(as_text=True))
    assert token != mine.group(1)
    answer = other.post("/keranjang/tambah", data={"csrf_token": token, "variant_id": product.variants[0].id,
                                                   "quantity": 1, "back": pages["product"]})
    assert answer.status_code == 302
    # with something in the cart the visitor's pages are their own again: the count shows
    assert "(1" in _get(other, pages["catalogue"]).get_data(as_text=True).split("Keranjang", 1)[1][:40]
    assert "Keranjang</a>" in _get(client, pages["catalogue"]).get_data(as_text=True)  # others: empty cart


def test_signed_in_and_english_visitors_never_get_the_kept_page(app, client, shop_pages, make_user, login):
    pages, _product = shop_pages
    _get(client, "/")  # kept in Indonesian
    client.set_cookie("lang", "en")
    assert '<html lang="en">' in _get(client, "/").get_data(as_text=True)
    client.delete_cookie("lang")
    user = make_user("coordinator")
    db.session.commit()
    login(user)
    with rendered(app) as names:
        html = _get(client, "/").get_data(as_text=True)
    assert names and user.email in html
    assert "no-store" in client.get("/").headers["Cache-Control"]


def test_a_bazaar_change_shows_on_its_page_and_the_home_page(client, bazaar):
    url = f"/bazar/{bazaar.event.slug}"
    assert bazaar.event.name in _get(client, url).get_data(as_text=True)
    _get(client, "/")
    bazaar.event.venue = "Gedung Sate"
    bazaar.event.participations[0].booth = "B7"
    db.session.commit()
    html = _get(client, url).get_data(as_text=True)
    assert "Gedung Sate" in html and "B7" in html
    assert "Gedung Sate" in _get(client, "/").get_data(as_text=True)
    bazaar.event.participations[1].status = "declined"  # a group withdrawn by the organiser: its products leave
    db.session.commit()
    assert bazaar.products[1].title not in _get(client, url).get_data(as_text=True)


def test_a_kept_page_costs_one_statement(client, shop_pages, bazaar, query_counter):
    """Home, catalogue and search: the cards' rows with the catalogue's version; a product: its light version
    row; a group: its row and its cards; a bazaar: its cards with the version."""
    pages, _product = shop_pages
    pages = dict(pages, bazaar=f"/bazar/{bazaar.event.slug}", filtered="/katalog?in_stock=1&sort=price_asc")
    most = {"group": 2}
    for name, url in pages.items():
        _get(client, url)
        db.session.expire_all()
        with query_counter() as counter:
            _get(client, url)
        assert counter.count <= most.get(name, 1), (name, counter.count)


def test_page_cache_can_be_turned_off(make_app, make_product):
    app = make_app({"PAGE_CACHE": False})
    with app.app_context():
        make_product(title="Kain Tanpa Simpan")
        db.session.commit()
        client = app.test_client()
        _get(client, "/katalog")
        with rendered(app) as names:
            assert "Kain Tanpa Simpan" in _get(client, "/katalog").get_data(as_text=True)
        assert names == ["catalog/catalogue.html"]
