"""Public pages through the test client."""
import re

from shop.extensions import db


def test_home_shows_featured_crafts_regions_groups(client, make_product, make_group, make_region):
    region = make_region(name="Bojonegoro", province="Jawa Timur")
    group = make_group(name="Kelompok Jahit Ngatini", region=region, crafts="jahit")
    make_product(title="Kebaya Pengantin", group=group, price=850_000, craft="jahit", featured=True)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Kebaya Pengantin" in html
    assert "Rp850.000" in html
    assert "Kelompok Jahit Ngatini" in html
    assert "Bojonegoro" in html
    assert html.count("<h1") == 1
    assert 'lang="id"' in html


def test_home_empty_state(client):
    html = client.get("/").get_data(as_text=True)
    assert "Belum ada produk yang tayang" in html


def test_draft_products_and_suspended_groups_are_hidden(client, make_product, make_group):
    make_product(title="Draf Rahasia", status="draft")
    suspended = make_group(status="suspended")
    make_product(title="Dari Kelompok Ditangguhkan", group=suspended)
    make_product(title="Batik Tayang")
    db.session.commit()
    html = client.get("/katalog").get_data(as_text=True)
    assert "Batik Tayang" in html
    assert "Draf Rahasia" not in html
    assert "Dari Kelompok Ditangguhkan" not in html
    assert client.get(f"/kelompok/{suspended.slug}").status_code == 404


def test_catalogue_filters(client, make_product, make_group, make_region):
    east = make_region(name="Tuban", province="Jawa Timur")
    east_group = make_group(region=east, crafts="lukis")
    make_product(title="Lukisan Sawah", group=east_group, craft="lukis", kind="one_of_a_kind", price=600_000,
                 stock=1)
    make_product(title="Batik Cap Parang", craft="batik_cap", price=150_000, stock=0)
    make_product(title="Seragam Jahit Ukur", craft="jahit", kind="made_to_measure", price=200_000, stock=0)
    db.session.commit()

    def titles(query):
        html = client.get("/katalog" + query).get_data(as_text=True)
        return set(re.findall(r'class="card-title">([^<]+)<', html))

    assert titles("") == {"Lukisan Sawah", "Batik Cap Parang", "Seragam Jahit Ukur"}
    assert titles("?craft=lukis") == {"Lukisan Sawah"}
    assert titles(f"?region={east.slug}") == {"Lukisan Sawah"}
    assert titles(f"?group={east_group.slug}") == {"Lukisan Sawah"}
    assert titles("?kind=made_to_measure") == {"Seragam Jahit Ukur"}
    assert titles("?price_min=100000&price_max=300000") == {"Batik Cap Parang", "Seragam Jahit Ukur"}
    assert titles("?price_min=Rp500.000") == {"Lukisan Sawah"}
    assert titles("?in_stock=1") == {"Lukisan Sawah", "Seragam Jahit Ukur"}


def test_catalogue_sorting_and_pagination(make_app, make_product):
    app = make_app({"PER_PAGE": 2})
    with app.app_context():
        for price in (300_000, 100_000, 200_000):
            make_product(title=f"Batik {price}", price=price)
        db.session.commit()
        client = app.test_client()
        page1 = client.get("/katalog?sort=price_asc").get_data(as_text=True)
        assert page1.index("Batik 100000") < page1.index("Batik 200000")
        assert "Batik 300000" not in page1
        assert "Halaman 1 dari 2" in page1
        assert 'rel="next"' in page1 and "sort=price_asc" in page1
        page2 = client.get("/katalog?sort=price_asc&page=2").get_data(as_text=True)
        assert "Batik 300000" in page2 and "Batik 100000" not in page2
        desc = client.get("/katalog?sort=price_desc").get_data(as_text=True)
        assert desc.index("Batik 300000") < desc.index("Batik 200000")


def test_search_titles_descriptions_group_names_case_insensitive(client, make_product, make_group):
    group = make_group(name="Sanggar Canting Emas")
    make_product(title="Kain Mega Mendung", description="Pewarna alam dari kulit kayu")
    make_product(title="Selendang Sutra", group=group)
    make_product(title="Daster Adem", description="100% katun_halus")
    db.session.commit()

    def found(q):
        return set(re.findall(r'class="card-title">([^<]+)<', client.get("/katalog", query_string={"q": q})
                              .get_data(as_text=True)))

    assert found("MEGA mendung") == {"Kain Mega Mendung"}
    assert found("pewarna") == {"Kain Mega Mendung"}
    assert found("canting") == {"Selendang Sutra"}
    assert found("tidakada") == set()
    assert found("%") == {"Daster Adem"}  # wildcards are literal characters
    assert found("_") == {"Daster Adem"}
    html = client.get("/katalog?q=tidakada").get_data(as_text=True)
    assert "Tidak ada produk yang cocok" in html


def test_product_page(client, make_product, make_group, make_member):
    group = make_group(name="KUBE Jarum Emas", story="Kisah kelompok kami dimulai di Bojonegoro.")
    shown = make_member(group, name="Ngatini", public_consent=True)
    hidden = make_member(group, name="Rahasia Anggota", public_consent=False, private_note="Tuna rungu")
    product = make_product(title="Seragam Sekolah", group=group, kind="made_to_measure", lead_time_days=10,
                           price=175_000, sizes=("S", "M"), image=True, makers=[shown, hidden])
    db.session.commit()
    html = client.get(f"/produk/{product.slug}").get_data(as_text=True)
    assert "Seragam Sekolah" in html and "Rp175.000" in html
    assert "10 hari" in html
    assert "Ngatini" in html and "Rahasia Anggota" not in html and "Tuna rungu" not in html
    assert "Kisah kelompok kami" in html
    assert 'srcset="' in html and " 320w" in html and " 640w" in html
    assert 'width="640"' in html and 'height="480"' in html
    assert f'/kelompok/{group.slug}' in html


def test_group_page_lists_consenting_members_and_products(client, make_group, make_member, make_product):
    group = make_group(name="Kelompok Lukis Pelangi", whatsapp="+6281234567890")
    make_member(group, name="Asep Hidayat", public_consent=True)
    make_member(group, name="Tidak Tampil", public_consent=False)
    make_member(group, name="Sudah Keluar", public_consent=True, left_on=__import__("datetime").date(2025, 1, 1))
    make_product(title="Lukisan Teratai", group=group)
    db.session.commit()
    html = client.get(f"/kelompok/{group.slug}").get_data(as_text=True)
    assert "Asep Hidayat" in html and "Tidak Tampil" not in html and "Sudah Keluar" not in html
    assert "Lukisan Teratai" in html
    assert "https://wa.me/6281234567890" in html
    assert "Kelompok Lukis Pelangi" in client.get("/kelompok").get_data(as_text=True)


def test_about_page(client):
    response = client.get("/tentang")
    assert response.status_code == 200
    assert "45 kelompok" in response.get_data(as_text=True)


def test_language_switch_remembered(client, make_product):
    make_product(title="Batik Parang")
    db.session.commit()
    response = client.get("/bahasa/en?next=/katalog")
    assert response.status_code == 302 and response.headers["Location"].endswith("/katalog")
    html = client.get("/katalog").get_data(as_text=True)
    assert 'lang="en"' in html
    assert "Catalogue" in html  # translated heading
    assert "Rp250.000" in html  # rupiah format stays Indonesian
    client.get("/bahasa/id")
    assert 'lang="id"' in client.get("/katalog").get_data(as_text=True)


def test_language_switch_refuses_open_redirect_and_unknown_language(client):
    assert client.get("/bahasa/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/bahasa/en?next=//evil.example/").headers["Location"] == "/"
    assert client.get("/bahasa/fr").status_code == 404


def test_media_served_with_long_cache(client, make_product):
    product = make_product(image=True)
    db.session.commit()
    image = product.images[0]
    response = client.get(f"/media/{image.key}-320.webp")
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert "immutable" in response.headers["Cache-Control"]
    response.close()  # a file response holds the open file until closed
    assert client.get("/media/../secret.webp").status_code == 404
    assert client.get("/media/nothing-320.webp").status_code == 404


def test_security_headers_and_compression(client, make_product):
    for _ in range(3):
        make_product()
    db.session.commit()
    response = client.get("/katalog", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_stylesheet_url_is_versioned_and_cached_long(client):
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'href="(/static/css/shop\.css\?v=[0-9a-f]{10})"', html).group(1)
    response = client.get(href)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
