"""The catalogue page stays light for buyers on slow, prepaid mobile data.

A full page of 24 products (each with an image, srcset and several sizes) in a catalogue of 45 groups over 20
regions (as the demo data has): HTML plus every stylesheet and script it links must stay under 40 KB before
compression.
"""
import re

from shop.catalog.models import ProductImage
from shop.extensions import db

BUDGET = 40 * 1024
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium and Firefox send
ASSET_RE = re.compile(r'<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"|<script[^>]+src="([^"]+)"')


def _realistic_catalogue(make_region, make_group, make_product, products=24):
    provinces = ("Jawa Barat", "Jawa Timur")
    regions = [make_region(name=f"Kabupaten Contoh Nomor {i:02d}", province=provinces[i % 2])
               for i in range(20)]
    groups = [make_group(name=f"Kelompok Usaha Bersama Batik Tulis Lestari {i:02d}", region=regions[i % 20],
                         crafts="batik_tulis,jahit") for i in range(45)]
    for i in range(products):
        product = make_product(title=f"Kemeja Batik Tulis Motif Parang Rusak Lengan Panjang {i:02d}",
                               group=groups[i % 45], price=350_000 + 1000 * i, sizes=("S", "M", "L", "XL"),
                               kind=("ready_made", "made_to_order", "one_of_a_kind")[i % 3],
                               lead_time_days=14)
        product.images.append(ProductImage(key=f"{i:024x}", widths="320,640,1024", width=1024, height=768,
                                           alt=product.title))
    db.session.commit()


def _page_weight(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers  # measured before compression
    html = response.get_data()
    sizes = {url: len(html)}
    for css, js in ASSET_RE.findall(html.decode()):
        asset = css or js
        assert asset.startswith("/static/"), f"{asset} is not served by the shop"
        asset_response = client.get(asset)
        assert asset_response.status_code == 200
        sizes[asset] = len(asset_response.get_data())
        asset_response.close()
    return html.decode(), sizes


def test_catalogue_page_with_24_products_is_under_40_kb(client, make_region, make_group, make_product):
    _realistic_catalogue(make_region, make_group, make_product)
    html, sizes = _page_weight(client, "/katalog")
    assert html.count('class="card"') == 24
    assert "srcset=" in html and 'loading="lazy"' in html
    assert any(name.split("?")[0].endswith(".css") for name in sizes)
    total = sum(sizes.values())
    assert total < BUDGET, f"catalogue page weighs {total} bytes: {sizes}"


def test_page_weight_counts_linked_assets(client):
    """The measurement includes the stylesheet, not just the HTML."""
    html, sizes = _page_weight(client, "/katalog")
    css = [name for name in sizes if name.split("?")[0].endswith(".css")]
    assert css and all(sizes[name] > 1000 for name in css)
    assert sum(sizes.values()) > len(html.encode())


def test_catalogue_page_and_stylesheet_are_compressed(client, make_region, make_group, make_product):
    _realistic_catalogue(make_region, make_group, make_product)
    _, sizes = _page_weight(client, "/katalog")
    compressed = {}
    for url in sizes:
        response = client.get(url, headers={"Accept-Encoding": BROWSER_ENCODINGS})
        assert response.headers.get("Content-Encoding") in ("br", "gzip", "zstd"), url
        compressed[url] = len(response.get_data())
        response.close()
    assert sum(compressed.values()) < sum(sizes.values()) / 3, compressed
