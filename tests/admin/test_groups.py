"""Admin group onboarding through the pages, with CSRF on: create, edit, approve, suspend, legal form."""
import pytest
from sqlalchemy import func, select

from shop.activity.models import ActivityLog
from shop.extensions import db
from shop.groups.models import Group


@pytest.fixture
def admin_client(client, make_user, login):
    login(make_user("admin"))
    return client


def _group_form(region_id, **changes):
    data = {"name": "Kelompok Batik Harapan", "region_id": region_id, "crafts": ["batik_tulis", "jahit"],
            "contact_name": "Bu Wati", "phone": "0812 3456 7890", "whatsapp": "+6281234567890",
            "email": "harapan@contoh.id", "address": "Jl. Melati 3", "bank_name": "BJB",
            "bank_account_number": "0012345678", "bank_account_name": "Kelompok Batik Harapan",
            "legal_form": "kube"}
    data.update(changes)
    return data


def _actions(group_id=None):
    stmt = select(ActivityLog.action).order_by(ActivityLog.id)
    if group_id is not None:
        stmt = stmt.where(ActivityLog.group_id == group_id)
    return list(db.session.scalars(stmt))


def test_admin_creates_a_pending_group(admin_client, make_region):
    region = make_region(name="Garut")
    db.session.commit()
    assert "Tambah kelompok" in admin_client.get("/admin/kelompok/baru").get_data(as_text=True)
    response = admin_client.post_form("/admin/kelompok/baru", _group_form(region.id))
    assert response.status_code == 302
    group = db.session.scalar(select(Group))
    assert (group.name, group.status, group.legal_form, group.crafts) == (
        "Kelompok Batik Harapan", "pending", "kube", "batik_tulis,jahit")
    assert group.slug == "kelompok-batik-harapan" and group.bank_account_number == "0012345678"
    assert _actions(group.id) == ["group.created"]
    again = admin_client.post_form("/admin/kelompok/baru", _group_form(region.id))
    assert again.status_code == 302
    assert db.session.scalar(select(Group.slug).order_by(Group.id.desc())) == "kelompok-batik-harapan-2"


@pytest.mark.parametrize("changes, message", [
    ({"name": ""}, "Isi nama kelompok."),
    ({"crafts": []}, "Pilih paling sedikit satu jenis kerajinan."),
    ({"crafts": ["sulap"]}, "Pilih jenis kerajinan dari daftar."),
    ({"region_id": 999999}, "Pilih wilayah dari daftar."),
    ({"region_id": "abc"}, "Pilih wilayah dari daftar."),
    ({"region_id": ""}, "Pilih wilayah dari daftar."),
    ({"whatsapp": "hubungi saya"}, "Tulis nomor telepon dengan angka"),
    ({"email": "bukan-email"}, "Alamat e-mail tidak valid."),
    ({"bank_account_number": "12ab"}, "Nomor rekening hanya berisi angka."),
    ({"legal_form": "pt"}, "Pilih bentuk badan dari daftar."),
    ({"name": "x" * 161}, "160"),
])
def test_bad_group_input_is_shown_and_nothing_is_created(admin_client, make_region, changes, message):
    region = make_region()
    db.session.commit()
    response = admin_client.post_form("/admin/kelompok/baru", {**_group_form(region.id), **changes})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html and 'class="error-summary"' in html
    assert db.session.scalar(select(func.count(Group.id))) == 0


def test_admin_edits_a_group_but_not_its_slug_or_legal_form(admin_client, make_group, make_region):
    group = make_group(name="Lama", legal_form="kelompok")
    other = make_region(name="Malang", province="Jawa Timur", kind="kota")
    db.session.commit()
    slug = group.slug
    page = admin_client.get(f"/admin/kelompok/{group.id}/ubah").get_data(as_text=True)
    assert 'value="Lama"' in page and 'checked' in page
    response = admin_client.post_form(f"/admin/kelompok/{group.id}/ubah",
                                      _group_form(other.id, name="Baru", legal_form="koperasi"))
    assert response.status_code == 302
    db.session.expire_all()
    group = db.session.get(Group, group.id)
    assert (group.name, group.region_id, group.slug, group.legal_form) == ("Baru", other.id, slug, "kelompok")
    assert _actions(group.id)[-1] == "group.updated"
    bad = admin_client.post_form(f"/admin/kelompok/{group.id}/ubah", _group_form(other.id, name=""))
    assert bad.status_code == 200 and "Isi nama kelompok." in bad.get_data(as_text=True)


def test_approve_after_confirmation(admin_client, make_group):
    group = make_group(status="pending")
    db.session.commit()
    confirm = admin_client.get(f"/admin/kelompok/{group.id}/status/active")
    assert confirm.status_code == 200 and "Ya, aktifkan" in confirm.get_data(as_text=True)
    assert db.session.get(Group, group.id).status == "pending"  # the GET changed nothing
    response = admin_client.post_form(f"/admin/kelompok/{group.id}/status/active", {})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Group, group.id).status == "active"
    assert _actions(group.id) == ["group.approved"]


def test_suspending_hides_the_groups_products_and_reactivating_shows_them(admin_client, make_product):
    product = make_product(title="Selendang Sutra Garutan")
    group_id, slug, group_slug = product.group_id, product.slug, product.group.slug
    db.session.commit()
    assert "Selendang Sutra Garutan" in admin_client.get("/katalog").get_data(as_text=True)
    admin_client.post_form(f"/admin/kelompok/{group_id}/status/suspended", {})
    db.session.expire_all()
    assert db.session.get(Group, group_id).status == "suspended"
    assert "Selendang Sutra Garutan" not in admin_client.get("/katalog").get_data(as_text=True)
    assert admin_client.get(f"/produk/{slug}").status_code == 404
    assert admin_client.get(f"/kelompok/{group_slug}").status_code == 404
    admin_client.post_form(f"/admin/kelompok/{group_id}/status/active", {})
    assert "Selendang Sutra Garutan" in admin_client.get("/katalog").get_data(as_text=True)
    assert _actions(group_id) == ["group.suspended", "group.reactivated"]


def test_transition_outside_the_table_is_refused(admin_client, make_group):
    group = make_group(status="pending")
    db.session.commit()
    response = admin_client.post_form(f"/admin/kelompok/{group.id}/status/suspended", {}, follow_redirects=True,
                                      token_page=f"/admin/kelompok/{group.id}")
    assert "tidak bisa diubah dari Menunggu persetujuan menjadi Dibekukan" in response.get_data(as_text=True)
    response = admin_client.get(f"/admin/kelompok/{group.id}/status/pending", follow_redirects=True)
    assert "tidak bisa diubah" in response.get_data(as_text=True)
    assert admin_client.get(f"/admin/kelompok/{group.id}/status/dihapus").status_code == 404
    db.session.expire_all()
    assert db.session.get(Group, group.id).status == "pending" and _actions(group.id) == []


def test_change_legal_form(admin_client, make_group):
    group = make_group(legal_form="kube")
    db.session.commit()
    url = f"/admin/kelompok/{group.id}/bentuk-badan"
    page = f"/admin/kelompok/{group.id}"
    html = admin_client.post_form(url, {"legal_form": "pra_koperasi"}, token_page=page,
                                  follow_redirects=True).get_data(as_text=True)
    assert "Bentuk badan" in html and "Pra-koperasi" in html
    db.session.expire_all()
    assert db.session.get(Group, group.id).legal_form == "pra_koperasi"
    for bad, message in (("pt_terbuka", "Pilih bentuk badan yang dikenal."),
                         ("pra_koperasi", "sudah berbentuk Pra-koperasi")):
        html = admin_client.post_form(url, {"legal_form": bad}, token_page=page,
                                      follow_redirects=True).get_data(as_text=True)
        assert message in html
    db.session.expire_all()
    assert db.session.get(Group, group.id).legal_form == "pra_koperasi"
    assert _actions(group.id) == ["group.legal_form_changed"]


def test_groups_list_and_read_only_listings(admin_client, make_group, make_product):
    shown = make_group(name="Kelompok Tampil", legal_form="koperasi")
    waiting = make_group(name="Kelompok Menunggu", status="pending")
    make_product(group=shown, title="Produk Tayang")
    make_product(group=shown, title="Produk Draf", status="draft")
    db.session.commit()
    html = admin_client.get("/admin/kelompok").get_data(as_text=True)
    assert html.index("Kelompok Menunggu") < html.index("Kelompok Tampil")  # pending first
    assert "Koperasi" in html and 'scope="col"' in html and shown.region.name in html
    assert "Kelompok Tampil" not in admin_client.get("/admin/kelompok?status=pending").get_data(as_text=True)
    assert "Kelompok Tampil" in admin_client.get("/admin/kelompok?status=aneh").get_data(as_text=True)
    detail = admin_client.get(f"/admin/kelompok/{shown.id}").get_data(as_text=True)
    assert "Produk Tayang" in detail and "Produk Draf" in detail and "Draf" in detail
    assert detail.count("<h1") == 1
    empty = admin_client.get(f"/admin/kelompok/{waiting.id}").get_data(as_text=True)
    assert "belum punya produk" in empty and "Setujui kelompok" in empty
    assert admin_client.get("/admin/kelompok/999999").status_code == 404
