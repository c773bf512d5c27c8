"""Every workspace change is logged; the activity page lists the group's entries (who, what, when), paginated."""
import io

from shop.activity.models import ActivityLog
from shop.activity.services import record
from shop.catalog.models import Product
from shop.extensions import db
from tests.fixtures.workspace import image_bytes
from tests.workspace.helpers import product_data


def test_changes_are_logged_with_user(coordinator, make_member):
    client, group, user = coordinator
    client.post_form("/kelola/produk/baru", product_data(title="Tas Rotan"))
    product_id = db.session.query(Product).one().id
    page = f"/kelola/produk/{product_id}"
    client.post_form(f"{page}/status", {"to": "publish"}, token_page=page)
    client.post_form(f"{page}/foto", {"photo": (io.BytesIO(image_bytes()), "a.jpg"), "alt": ""})
    client.post_form("/kelola/anggota/baru", {"name": "Rina"})
    client.post_form("/kelola/profil", {"story": "Cerita baru"})
    actions = {a.action for a in db.session.query(ActivityLog).filter_by(group_id=group.id)}
    assert {"product.created", "product.published", "photo.added", "member.added",
            "group.profile_updated"} <= actions
    assert {a.user_id for a in db.session.query(ActivityLog)} == {user.id}
    html = client.get("/kelola/aktivitas").get_data(as_text=True)
    assert "Produk Tas Rotan ditayangkan" in html and "product.published" not in html and user.email in html


def test_activity_paginated_and_scoped(coordinator, make_group):
    client, group, _user = coordinator
    other = make_group()
    for n in range(35):
        record("product.updated", f"Produk nomor {n:02d}", group_id=group.id)
    record("product.updated", "Rahasia tetangga", group_id=other.id)
    db.session.commit()
    first = client.get("/kelola/aktivitas").get_data(as_text=True)
    second = client.get("/kelola/aktivitas?page=2").get_data(as_text=True)
    assert "Produk nomor 34" in first and "Produk nomor 00" not in first
    assert "Produk nomor 00" in second and "Halaman 2 dari 2" in second
    assert "Rahasia tetangga" not in first + second
    assert client.get("/kelola/aktivitas?page=abc").status_code == 200


def test_empty_activity(coordinator):
    client, _group, _user = coordinator
    assert "Belum ada kegiatan" in client.get("/kelola/aktivitas").get_data(as_text=True)
