"""A buyer finds work by province, and never confuses the city with the regency of the same name."""
from __future__ import annotations

from shop.extensions import db


def test_province_filter_and_province_on_cards(client, make_product, make_group, make_region):
    jabar = make_group(region=make_region(name="Garut", province="Jawa Barat"))
    jatim = make_group(region=make_region(name="Bojonegoro", province="Jawa Timur"))
    make_product(title="Batik Garutan", group=jabar)
    make_product(title="Batik Jonegoroan", group=jatim)
    db.session.commit()
    page = client.get("/katalog?province=Jawa+Timur").get_data(as_text=True)
    assert "Batik Jonegoroan" in page and "Batik Garutan" not in page
    assert "Kab. Bojonegoro, Jawa Timur" in page  # the card says where, with the province
    assert '<details class="filters-fold" open>' in page  # an active filter keeps the filters unfolded
    everything = client.get("/katalog").get_data(as_text=True)
    assert "Batik Garutan" in everything and '<details class="filters-fold">' in everything
    assert client.get("/katalog?province=Atlantis").status_code == 200  # nonsense is ignored
    assert "Batik Garutan" in client.get("/katalog?province=Atlantis").get_data(as_text=True)


def test_city_and_regency_of_one_name_are_told_apart(client, make_product, make_group, make_region):
    city = make_group(region=make_region(name="Bandung", province="Jawa Barat", kind="kota"))
    regency = make_group(region=make_region(name="Bandung", province="Jawa Barat", kind="kabupaten"))
    make_product(group=city)
    make_product(group=regency)
    db.session.commit()
    for path in ("/", "/katalog", "/kelompok"):
        page = client.get(path).get_data(as_text=True)
        assert "Kota Bandung" in page and "Kab. Bandung" in page, path
    home = client.get("/").get_data(as_text=True)
    assert 'href="/katalog?province=Jawa+Barat"' in home  # regions grouped under their province
