"""Searches: case-insensitive words, totals, sorting across pages, and pages past the end clamped."""
from shop.catalog.models import Product
from shop.catalog.queries import CatalogFilters, search_catalog
from shop.extensions import db


def _prices(page) -> list[int]:
    """The page holds card rows (ids and versions): read each product's price."""
    return [db.session.get(Product, row.id).min_price for row in page.items]


def _search(**args):
    return search_catalog(CatalogFilters.from_args(args), per_page=4)


def test_search_total_pages_and_clamping(app, make_group, make_product):
    group = make_group(name="Kelompok Sekar")
    for n in range(10):
        make_product(title=f"Kain Tenun Ungu {n}", group=group, price=100_000 + n * 10_000)
    for n in range(3):
        make_product(title=f"Kemeja Polos {n}", group=group)
    db.session.commit()

    first = _search(q="tenun ungu", sort="price_asc")
    assert (first.total, first.page, first.pages) == (10, 1, 3)
    assert _prices(first) == [100_000, 110_000, 120_000, 130_000]

    last = _search(q="TENUN", sort="price_asc", page="3")
    assert (last.total, last.page) == (10, 3)
    assert _prices(last) == [180_000, 190_000]

    past_end = _search(q="tenun", sort="price_asc", page="99")
    assert (past_end.total, past_end.page) == (10, 3)
    assert len(past_end.items) == 2

    nothing = _search(q="zzz-tidak-ada")
    assert (nothing.total, nothing.page, nothing.items) == (0, 1, [])
    nothing_later = _search(q="zzz-tidak-ada", page="7")
    assert (nothing_later.total, nothing_later.page, nothing_later.items) == (0, 1, [])

