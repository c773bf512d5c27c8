"""The impact dashboard's table of groups is paginated (shop/pagination.py) and sortable, and its page and sort
links keep the filters; bad page or sort values are ignored, never an error."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from shop.extensions import db
from shop.impact.listing import GROUPS_PER_PAGE
from shop.impact.period import today_wib

ROW = re.compile(r'<tr><th scope="row"><a href="/admin/dampak/kelompok/\d+">([^<]+)</a>')


@pytest.fixture
def many(make_region, make_group, make_product, sell, make_user):
    """GROUPS_PER_PAGE + 5 groups in Jawa Barat ("Kelompok 01"…), one in Jawa Timur; "Kelompok 30" sells."""
    barat, timur = make_region("Garut", "Jawa Barat"), make_region("Kediri", "Jawa Timur")
    groups = [make_group(name=f"Kelompok {n:02d}", region=barat) for n in range(1, GROUPS_PER_PAGE + 6)]
    make_group(name="Kelompok Timur", region=timur)
    product = make_product(group=groups[-1], price=300_000, stock=5)
    sell(product.variants[0], today_wib() - timedelta(days=5))
    admin = make_user("admin")
    db.session.commit()
    return groups, barat, admin


def _rows(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    return [html.unescape(n) for n in ROW.findall(text)], html.unescape(text)


def test_the_group_table_shows_one_page_and_links_to_the_next(client, login, many):
    groups, _region, admin = many
    login(admin)
    first, page = _rows(client, "/admin/dampak/")
    assert len(first) == GROUPS_PER_PAGE and first[0] == "Kelompok 01"
    assert f"({len(groups) + 1})" in page  # the heading counts every group in the scope
    assert "Halaman 1 dari 2" in page
    second, page2 = _rows(client, "/admin/dampak/?page=2")
    assert len(second) == len(groups) + 1 - GROUPS_PER_PAGE and second[-1] == "Kelompok Timur"
    assert not set(first) & set(second)
    assert _rows(client, "/admin/dampak/?page=99")[0] == second  # clamped to the last page
    assert _rows(client, "/admin/dampak/?page=abc")[0] == first


def test_page_and_sort_links_keep_the_filters(client, login, many):
    groups, region, admin = many
    login(admin)
    rows, page = _rows(client, f"/admin/dampak/?provinsi=Jawa+Barat&wilayah={region.id}&urut=penjualan")
    assert rows[0] == "Kelompok 30" and "Kelompok Timur" not in rows
    nxt = re.search(r'rel="next" href="([^"]+)"', page).group(1)
    assert "provinsi=Jawa+Barat" in nxt and f"wilayah={region.id}" in nxt and "urut=penjualan" in nxt
    assert "page=2" in nxt and nxt.endswith("#h-kelompok")
    sort_link = re.search(r'href="([^"]*urut=nama[^"]*)"', page).group(1)
    assert "provinsi=Jawa+Barat" in sort_link and f"wilayah={region.id}" in sort_link
    assert 'aria-sort="descending"' in page
    assert '<input type="hidden" name="urut" value="penjualan">' in page  # changing a filter keeps the sort
    second, _ = _rows(client, nxt.split("#")[0])
    assert len(second) == len(groups) - GROUPS_PER_PAGE and "Kelompok 30" not in second


def test_an_unknown_sort_falls_back_to_names(client, login, many):
    _groups, _region, admin = many
    login(admin)
    rows, _page = _rows(client, "/admin/dampak/?urut=%3Cscript%3E")
    assert rows[:2] == ["Kelompok 01", "Kelompok 02"]
