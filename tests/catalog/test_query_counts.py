"""A page runs the same small number of SQL statements whatever the size of the catalogue."""
import pytest

from shop.extensions import db


def _fill(make_group, make_product, make_member, groups: int, per_group: int):
    for _ in range(groups):
        group = make_group()
        member = make_member(group)
        for _ in range(per_group):
            make_product(group=group, sizes=("M", "L"), makers=[member])
    db.session.commit()


def _count(client, query_counter, url):
    db.session.expire_all()
    with query_counter() as counter:
        assert client.get(url).status_code == 200
    return counter.count


@pytest.mark.parametrize("url", ["/", "/katalog", "/katalog?craft=batik_tulis&sort=price_asc&q=produk",
                                 "/katalog?q=produk+uji", "/katalog?q=zzzjarang", "/katalog?page=2",
                                 "/katalog?in_stock=1&price_min=100000&kind=ready_made", "/kelompok"])
def test_list_pages_query_count_is_constant(client, query_counter, make_group, make_product, make_member, url):
    _fill(make_group, make_product, make_member, groups=2, per_group=3)
    small = _count(client, query_counter, url)
    _fill(make_group, make_product, make_member, groups=6, per_group=10)
    large = _count(client, query_counter, url)
    assert small == large
    assert large <= 8


def test_product_and_group_page_query_count(client, query_counter, make_group, make_product, make_member):
    group = make_group()
    members = [make_member(group) for _ in range(3)]
    product = make_product(group=group, sizes=("S", "M", "L", "XL"), makers=members, image=True)
    for _ in range(30):
        make_product(group=group)
    db.session.commit()
    assert _count(client, query_counter, f"/produk/{product.slug}") <= 6
    assert _count(client, query_counter, f"/kelompok/{group.slug}") <= 8


def test_cold_and_warm_pages_stay_within_eight_statements(client, query_counter, make_group, make_product,
                                                           make_member):
    """Cards not in the cache are loaded in a fixed number of statements; cached ones need none."""
    _fill(make_group, make_product, make_member, groups=3, per_group=12)
    group = make_group()
    product = make_product(group=group, sizes=("S", "M"), image=True, makers=[make_member(group)])
    for _ in range(30):
        make_product(group=group)
    db.session.commit()
    for url in ("/", "/katalog", "/katalog?q=produk", f"/kelompok/{group.slug}", f"/kelompok/{group.slug}?page=2",
                f"/produk/{product.slug}"):
        cold = _count(client, query_counter, url)
        warm = _count(client, query_counter, url)
        assert cold <= 8 and warm <= cold, (url, cold, warm)
