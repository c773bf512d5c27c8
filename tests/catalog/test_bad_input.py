"""Nonsense in URLs never ends in a 500: pages render, ignoring or clamping what they cannot use."""
import pytest

from shop.extensions import db


@pytest.mark.parametrize("query", [
    "?price_min=abc&price_max=xyz", "?page=-3", "?page=1000000000", "?page=abc", "?page=1e9",
    "?craft=unknown", "?kind=spaceship", "?sort=drop+table", "?region=nowhere", "?group=%00",
    "?q=" + "x" * 5000, "?price_min=999999999999999999999", "?price_min=500000&price_max=100000",
    "?in_stock=maybe", "?q=%27%3B--", "?q=a+b+c+d+e+f+g+h+i+j",
])
def test_catalogue_survives_nonsense(client, make_product, query):
    make_product(title="Batik Tetap Tampil", price=250_000)
    db.session.commit()
    response = client.get("/katalog" + query)
    assert response.status_code == 200
    assert "<h1" in response.get_data(as_text=True)


def test_page_number_clamped_to_last_page(client, make_product):
    make_product(title="Satu-satunya")
    db.session.commit()
    html = client.get("/katalog?page=1000000000").get_data(as_text=True)
    assert "Satu-satunya" in html


def test_swapped_price_range_still_filters(client, make_product):
    make_product(title="Murah", price=50_000)
    make_product(title="Pas", price=200_000)
    db.session.commit()
    html = client.get("/katalog?price_min=300000&price_max=100000").get_data(as_text=True)
    assert "Pas" in html and "Murah" not in html


@pytest.mark.parametrize("url", ["/produk/tidak-ada", "/kelompok/tidak-ada", "/halaman-acak", "/media/x.png"])
def test_friendly_404_in_indonesian(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_friendly_404_in_english(client):
    client.get("/bahasa/en")
    html = client.get("/produk/tidak-ada").get_data(as_text=True)
    assert "Page not found" in html


def test_group_page_with_bad_page_number(client, make_group, make_product):
    group = make_group()
    make_product(group=group, title="Karya Kelompok")
    db.session.commit()
    for page in ("-1", "abc", "99999999999"):
        response = client.get(f"/kelompok/{group.slug}?page={page}")
        assert response.status_code == 200 and "Karya Kelompok" in response.get_data(as_text=True)


def test_post_to_get_only_page_is_405_not_500(client):
    assert client.post("/katalog").status_code in (400, 405)


@pytest.mark.parametrize("url", ["/produk/a%00b", "/kelompok/a%00b"])
def test_nul_in_path_is_404(client, url):
    assert client.get(url).status_code == 404
