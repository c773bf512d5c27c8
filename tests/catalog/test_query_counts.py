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
                                 "/kelompok"])
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
