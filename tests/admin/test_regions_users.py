"""Admin pages for regions, users (invite, deactivate, reactivate, resend) and the activity log."""
import pytest
from sqlalchemy import func, select

from shop.accounts.models import AccountToken, User
from shop.activity.models import ActivityLog
from shop.extensions import db
from shop.groups.models import Region
from shop.mail.models import OutboxMessage


@pytest.fixture
def admin(make_user, login):
    user = make_user("admin", email="petugas@dinsos.id")
    login(user)
    return user


def _count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_create_and_edit_region(client, admin):
    response = client.post_form("/admin/wilayah/baru", {"province": "Jawa Timur", "kind": "kota", "name": "Blitar"})
    assert response.status_code == 302
    region = db.session.scalar(select(Region))
    assert (region.label, region.slug) == ("Kota Blitar, Jawa Timur", "kota-blitar")
    html = client.get("/admin/wilayah").get_data(as_text=True)
    assert "Blitar" in html and 'scope="col"' in html
    response = client.post_form(f"/admin/wilayah/{region.id}/ubah",
                                {"province": "Jawa Timur", "kind": "kabupaten", "name": "Blitar Raya"})
    assert response.status_code == 302
    db.session.expire_all()
    region = db.session.get(Region, region.id)
    assert (region.kind, region.name, region.slug) == ("kabupaten", "Blitar Raya", "kota-blitar")
    actions = list(db.session.scalars(select(ActivityLog.action).order_by(ActivityLog.id)))
    assert actions == ["region.created", "region.updated"]


@pytest.mark.parametrize("data, message", [
    ({"province": "", "kind": "kota", "name": "Bandung"}, "Pilih provinsi dari daftar."),
    ({"province": "Jawa Barta", "kind": "kota", "name": "Bandung"}, "Pilih provinsi dari daftar."),
    ({"province": "Jawa Barat", "kind": "kota", "name": ""}, "Isi nama wilayah."),
    ({"province": "Jawa Barat", "kind": "desa", "name": "Bandung"}, "Pilih kabupaten atau kota."),
    ({"province": "Jawa Barat", "kind": "kota", "name": "BANDUNG"}, "Wilayah ini sudah ada."),
])
def test_bad_region_input(client, admin, make_region, data, message):
    make_region(name="Bandung", province="Jawa Barat", kind="kota")
    db.session.commit()
    response = client.post_form("/admin/wilayah/baru", data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert _count(Region) == 1


def test_unknown_region_is_404(client, admin):
    assert client.get("/admin/wilayah/99999/ubah").status_code == 404


@pytest.mark.parametrize("data, message", [
    ({"email": "petugas@dinsos.id", "role": "organiser"}, "Alamat e-mail ini sudah terdaftar."),
    ({"email": "PETUGAS@dinsos.id", "role": "organiser"}, "Alamat e-mail ini sudah terdaftar."),
    ({"email": "bukan email", "role": "organiser"}, "Alamat e-mail tidak valid."),
    ({"email": "", "role": "organiser"}, "Isi alamat e-mail."),
    ({"email": "baru@contoh.id", "role": "coordinator"}, "Pilih kelompok yang dikoordinasi."),
    ({"email": "baru@contoh.id", "role": "coordinator", "group_id": "99999"}, "Kelompok tidak ditemukan."),
    ({"email": "baru@contoh.id", "role": "coordinator", "group_id": "abc"}, "Kelompok tidak ditemukan."),
    ({"email": "baru@contoh.id", "role": "raja"}, "Pilih peran dari daftar."),
])
def test_bad_invitations_change_nothing(client, admin, data, message):
    response = client.post_form("/admin/pengguna/undang", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html and 'aria-invalid="true"' in html
    assert _count(User) == 1 and _count(OutboxMessage) == 0 and _count(AccountToken) == 0


def test_invite_organiser_and_cashier(client, admin):
    for email, role in (("panitia@contoh.id", "organiser"), ("kasir@contoh.id", "cashier")):
        response = client.post_form("/admin/pengguna/undang", {"email": email, "role": role, "group_id": "0"})
        assert response.status_code == 302
    users = {u.email: u for u in db.session.scalars(select(User))}
    assert users["panitia@contoh.id"].role == "organiser" and users["kasir@contoh.id"].group_id is None
    assert _count(OutboxMessage) == 2
    html = client.get("/admin/pengguna").get_data(as_text=True)
    assert "Undangan belum dipakai" in html and "kasir@contoh.id" in html


def test_deactivate_after_confirmation_and_reactivate(client, admin, make_user):
    user = make_user("coordinator", email="koor@contoh.id")
    db.session.commit()
    page = client.get(f"/admin/pengguna/{user.id}/nonaktifkan")
    assert page.status_code == 200 and "Ya, nonaktifkan" in page.get_data(as_text=True)
    assert db.session.get(User, user.id).active
    client.post_form(f"/admin/pengguna/{user.id}/nonaktifkan", {})
    db.session.expire_all()
    assert not db.session.get(User, user.id).active
    html = client.post_form(f"/admin/pengguna/{user.id}/nonaktifkan", {}, follow_redirects=True,
                            token_page="/admin/pengguna").get_data(as_text=True)
    assert "Akun ini sudah nonaktif." in html
    client.post_form(f"/admin/pengguna/{user.id}/aktifkan", {})
    db.session.expire_all()
    assert db.session.get(User, user.id).active
    actions = list(db.session.scalars(select(ActivityLog.action).where(ActivityLog.group_id == user.group_id)))
    assert actions == ["user.deactivated", "user.reactivated"]


def test_admin_cannot_deactivate_themself(client, admin):
    html = client.post_form(f"/admin/pengguna/{admin.id}/nonaktifkan", {}, follow_redirects=True,
                            token_page="/admin/pengguna").get_data(as_text=True)
    assert "tidak bisa menonaktifkan akun Anda sendiri" in html
    db.session.expire_all()
    assert db.session.get(User, admin.id).active
    assert client.get("/admin/pengguna/99999/nonaktifkan").status_code == 404
    assert client.get(f"/admin/pengguna/{admin.id}/hapus").status_code == 404


def test_resend_invitation_replaces_the_old_link(client, admin, make_user):
    invited = make_user("cashier", password=False)
    done = make_user("cashier")
    db.session.commit()
    for _ in range(2):
        client.post_form(f"/admin/pengguna/{invited.id}/kirim-ulang-undangan", {}, token_page="/admin/pengguna")
    tokens = list(db.session.scalars(select(AccountToken).order_by(AccountToken.id)))
    assert [t.used_at is None for t in tokens] == [False, True]
    html = client.post_form(f"/admin/pengguna/{done.id}/kirim-ulang-undangan", {}, token_page="/admin/pengguna",
                            follow_redirects=True).get_data(as_text=True)
    assert "belum memilih kata sandi" in html and _count(OutboxMessage) == 2


def test_activity_log_of_every_group_with_filter(client, admin, make_group):
    first, second = make_group(name="Kelompok Pertama"), make_group(name="Kelompok Kedua")
    db.session.commit()
    for group, form in ((first, "kube"), (second, "koperasi")):
        client.post_form(f"/admin/kelompok/{group.id}/bentuk-badan", {"legal_form": form},
                         token_page=f"/admin/kelompok/{group.id}")
    html = client.get("/admin/aktivitas").get_data(as_text=True)
    assert "kelompok → KUBE" in html and "kelompok → koperasi" in html and "petugas@dinsos.id" in html
    assert "Bentuk usaha Kelompok Pertama diubah" in html and "group.legal_form_changed" not in html
    html = client.get(f"/admin/aktivitas?group={first.id}").get_data(as_text=True)
    assert "kelompok → KUBE" in html and "kelompok → koperasi" not in html
    for nonsense in ("abc", "-1", "99999999999", "99999"):
        assert client.get(f"/admin/aktivitas?group={nonsense}&page=abc").status_code == 200


def test_admin_overview_and_dashboard_links(client, admin, make_group):
    make_group(status="pending")
    db.session.commit()
    html = client.get("/admin/").get_data(as_text=True)
    assert "Menunggu persetujuan: 1" in html
    dashboard = client.get("/dasbor").get_data(as_text=True)
    for path in ("/admin/kelompok", "/admin/wilayah", "/admin/pengguna", "/admin/aktivitas"):
        assert f'href="{path}"' in dashboard
