"""Group profile (phones normalised, bank account, photo) and the members register with its private note."""
import io
from datetime import date, timedelta

import pytest

from shop.activity.models import ActivityLog
from shop.extensions import db
from shop.groups.models import Group, Member
from tests.fixtures.workspace import image_bytes

PROFILE = {"story": "Kami membatik bersama.", "contact_name": "Bu Ani", "phone": "022 1234 567",
           "whatsapp": "0812-3456-7890", "bank_name": "BRI", "bank_account_number": "0123 4567 8901",
           "bank_account_name": "Kelompok Batik Ani"}


def test_profile_saved_with_normalised_numbers(coordinator):
    client, group, _user = coordinator
    r = client.post_form("/kelola/profil", PROFILE)
    assert r.status_code == 302
    db.session.expire_all()
    group = db.session.get(Group, group.id)
    assert group.whatsapp == "+6281234567890" and group.phone == "+62221234567"
    assert group.bank_name == "BRI" and group.bank_account_name == "Kelompok Batik Ani"
    assert db.session.query(ActivityLog).filter_by(action="group.profile_updated").count() == 1


@pytest.mark.parametrize("changes, field_id, message", [
    ({"whatsapp": "022 1234 567"}, "whatsapp", "nomor HP Indonesia"),
    ({"whatsapp": "+44 20 7946 0958"}, "whatsapp", "nomor HP Indonesia"),
    ({"phone": "abc"}, "phone", "nomor Indonesia"),
    ({"bank_account_number": "12AB34"}, "bank_account_number", "hanya berisi angka"),
    ({"bank_account_name": ""}, "bank_account_name", "Lengkapi data rekening"),
    ({"story": "x" * 5001}, "story", "5000"),
])
def test_bad_profile_input(coordinator, changes, field_id, message):
    client, group, _user = coordinator
    html = client.post_form("/kelola/profil", {**PROFILE, **changes}).get_data(as_text=True)
    assert message in html and f'id="{field_id}-error"' in html
    db.session.expire_all()
    assert db.session.get(Group, group.id).contact_name == ""


def test_group_photo_upload_and_bad_photo(app, coordinator):
    client, group, _user = coordinator
    r = client.post_form("/kelola/profil", {**PROFILE, "photo": (io.BytesIO(b"bukan foto"), "x.jpg")})
    assert "bukan foto yang bisa dibaca" in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Group, group.id).photo_key is None
    r = client.post_form("/kelola/profil", {**PROFILE, "photo": (io.BytesIO(image_bytes("PNG")), "x.png")})
    assert r.status_code == 302
    db.session.expire_all()
    key = db.session.get(Group, group.id).photo_key
    assert key and ":" in key
    assert key.split(":")[0] in client.get("/kelola/profil").get_data(as_text=True)


def test_members_add_edit_leave(coordinator):
    client, group, _user = coordinator
    r = client.post_form("/kelola/anggota/baru", {"name": "Siti Aminah", "role": "ketua", "joined_on": "2022-03-01",
                                                  "public_consent": "y", "bio": "Membatik sejak kecil.",
                                                  "private_note": "Pengguna kursi roda"})
    assert r.status_code == 302
    member = db.session.query(Member).one()
    assert member.group_id == group.id and member.public_consent and member.joined_on == date(2022, 3, 1)
    r = client.post_form(f"/kelola/anggota/{member.id}/ubah", {"name": "Siti Aminah", "role": "bendahara",
                                                               "joined_on": "2022-03-01", "private_note": ""})
    assert r.status_code == 302
    db.session.expire_all()
    member = db.session.get(Member, member.id)
    assert member.role == "bendahara" and not member.public_consent
    assert "Ya, tandai keluar" in client.get(f"/kelola/anggota/{member.id}/keluar").get_data(as_text=True)
    assert db.session.get(Member, member.id).left_on is None
    r = client.post_form(f"/kelola/anggota/{member.id}/keluar", {"left_on": "2024-06-30"})
    assert r.status_code == 302
    db.session.expire_all()
    assert db.session.get(Member, member.id).left_on == date(2024, 6, 30)
    html = client.get("/kelola/anggota").get_data(as_text=True)
    assert "Keluar 30-06-2024" in html


@pytest.mark.parametrize("url_suffix, data, message", [
    ("baru", {"name": ""}, "Isi nama anggota"),
    ("baru", {"name": "A", "joined_on": "kemarin"}, "Tanggal tidak valid"),
    ("baru", {"name": "x" * 121}, "120"),
    ("leave", {"left_on": ""}, "Isi tanggal keluar"),
    ("leave", {"left_on": "31-31-2024"}, "Tanggal tidak valid"),
    ("leave", {"left_on": "2019-01-01"}, "sebelum tanggal bergabung"),
    ("leave", {"left_on": (date.today() + timedelta(days=3)).isoformat()}, "masa depan"),
])
def test_bad_member_input(coordinator, make_member, url_suffix, data, message):
    client, group, _user = coordinator
    member = make_member(group, name="Pak Darto", joined_on=date(2020, 1, 1))
    db.session.commit()
    url = "/kelola/anggota/baru" if url_suffix == "baru" else f"/kelola/anggota/{member.id}/keluar"
    html = client.post_form(url, data).get_data(as_text=True)
    assert message in html
    db.session.expire_all()
    assert db.session.query(Member).count() == 1 and db.session.get(Member, member.id).left_on is None


def test_private_note_never_public(coordinator, make_member, make_product):
    client, group, _user = coordinator
    note = "Tuli sejak lahir, perlu juru bahasa isyarat"
    maker = make_member(group, name="Dewi Lestari", public_consent=True, private_note=note)
    product = make_product(group=group, title="Batik Dewi", makers=[maker])
    db.session.commit()
    client.post_form(f"/kelola/anggota/{maker.id}/ubah", {"name": "Dewi Lestari", "public_consent": "y",
                                                          "private_note": note + "."})
    assert note in client.get(f"/kelola/anggota/{maker.id}/ubah").get_data(as_text=True)  # the coordinator sees it
    public = [f"/kelompok/{group.slug}", f"/produk/{product.slug}", "/katalog", "/", "/kelompok",
              "/katalog?q=Tuli"]
    for url in public:
        html = client.get(url).get_data(as_text=True)
        assert note not in html, url
    assert "Dewi Lestari" in client.get(f"/kelompok/{group.slug}").get_data(as_text=True)
    for url in ("/kelola/aktivitas", "/kelola", "/kelola/anggota"):
        assert note not in client.get(url).get_data(as_text=True), url
    assert not any(note in (a.detail + a.subject) for a in db.session.query(ActivityLog))


def test_member_without_consent_or_who_left_not_public(coordinator, make_member, make_product):
    client, group, _user = coordinator
    hidden = make_member(group, name="Tanpa Izin", public_consent=False)
    gone = make_member(group, name="Sudah Pergi", public_consent=True, left_on=date(2023, 1, 1))
    product = make_product(group=group, title="Karya Bersama", makers=[hidden, gone])
    db.session.commit()
    for url in (f"/kelompok/{group.slug}", f"/produk/{product.slug}"):
        html = client.get(url).get_data(as_text=True)
        assert "Tanpa Izin" not in html and "Sudah Pergi" not in html
