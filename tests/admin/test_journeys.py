"""Admin stumbles from the UX walk: provinces from a list, no doubled words, natural order, order filters."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from shop.groups.models import Region


def test_region_province_is_chosen_from_the_list(client, make_user, login):
    login(make_user("admin"))
    page = client.get("/admin/wilayah/baru").get_data(as_text=True)
    assert '<select id="province"' in page and "Jawa Timur" in page
    before = db.session.scalar(select(func.count()).select_from(Region))
    bad = client.post_form("/admin/wilayah/baru", {"province": "Jawa Barta", "kind": "kota", "name": "Depok"})
    assert "Pilih provinsi dari daftar" in bad.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Region)) == before
    good = client.post_form("/admin/wilayah/baru", {"province": "Jawa Barat", "kind": "kota", "name": "Depok"})
    assert good.status_code == 302
    assert db.session.scalar(select(Region.province).where(Region.name == "Depok")) == "Jawa Barat"


def test_users_are_sorted_naturally(client, make_user, login, make_group):
    group = make_group()
    for n in (10, 2, 1):
        make_user("coordinator", group=group, email=f"koordinator{n}@contoh.id")
    db.session.commit()
    login(make_user("admin"))
    page = client.get("/admin/pengguna").get_data(as_text=True)
    assert page.index("koordinator1@") < page.index("koordinator2@") < page.index("koordinator10@")


def test_admin_order_list_filters_by_group_and_search(client, make_user, login, make_product, make_order):
    a, b = make_product(), make_product()
    first = make_order([(a.variants[0], 1)], name="Ayu Lestari")
    second = make_order([(b.variants[0], 1)], name="Budi Santoso")
    db.session.commit()
    login(make_user("admin"))
    both = client.get("/kelola/pesanan/").get_data(as_text=True)
    assert first.number in both and second.number in both
    only_b = client.get(f"/kelola/pesanan/?kelompok={b.group_id}").get_data(as_text=True)
    assert second.number in only_b and first.number not in only_b
    found = client.get("/kelola/pesanan/?q=ayu").get_data(as_text=True)
    assert first.number in found and second.number not in found
    by_number = client.get(f"/kelola/pesanan/?q={second.number.lower()}").get_data(as_text=True)
    assert second.number in by_number and first.number not in by_number
    none = client.get("/kelola/pesanan/?q=100%25").get_data(as_text=True)
    assert "Tidak ada pesanan yang cocok" in none


def test_new_group_page_says_it_is_new(client, make_group):
    group = make_group(status="active")
    db.session.commit()
    page = client.get(f"/kelompok/{group.slug}").get_data(as_text=True)
    assert "baru bergabung" in page and "memilih untuk tidak ditampilkan" not in page
