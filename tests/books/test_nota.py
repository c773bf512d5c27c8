"""An optional photo of the nota on an expense: re-encoded, kept privately, shown only to the staff of the
entry's group; a bad file is refused beside the photo field and nothing is posted."""
import io
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import func, select

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import EntryAttachment, JournalEntry
from shop.ledger.services import balance, post_entry
from tests.fixtures.accounts import sign_in

D = "2026-03-11"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def group(make_books, make_staff, login):
    group = make_books()
    post_entry(group.id, date(2026, 3, 1), "opening", "Saldo awal", [(c.KAS, 100_000), (c.EKUITAS_SALDO_AWAL, -100_000)])
    login(make_staff("coordinator", group))
    return group


def expense(nota: bytes, name: str = "nota.jpg", movement: str = "biaya") -> dict:
    return {"movement": movement, "account": "kas", "category": "bahan", "day": D, "amount": "25.000",
            "memo": "Kain mori", "nota": (io.BytesIO(nota), name)}


def test_an_expense_keeps_its_nota_photo_for_its_own_group_only(app, client, group, make_books, make_staff):
    response = client.post_form("/kelola/buku/kas", expense(jpeg()), content_type="multipart/form-data")
    assert response.status_code == 302
    db.session.expire_all()
    attachment = db.session.scalar(select(EntryAttachment))
    assert attachment.kind == "webp" and balance(group.id, c.BIAYA_BAHAN) == 25_000
    journal = client.get("/kelola/buku/jurnal").get_data(as_text=True)
    assert f"/kelola/buku/jurnal/{attachment.entry_id}/nota" in journal
    photo = client.get(f"/kelola/buku/jurnal/{attachment.entry_id}/nota")
    assert photo.status_code == 200 and photo.mimetype == "image/webp"
    assert Image.open(io.BytesIO(photo.data)).format == "WEBP"
    assert photo.headers["Cache-Control"] == "private, no-store"
    path = f"/kelola/buku/jurnal/{attachment.entry_id}/nota"
    for role, status in (("coordinator", 404), ("admin", 403)):  # another group's coordinator; the admin
        stranger = app.test_client()
        sign_in(stranger, make_staff(role, make_books() if role == "coordinator" else None))
        assert stranger.get(path).status_code == status
    assert app.test_client().get(path).status_code == 302  # signed out: to the login page


def test_a_file_that_is_no_photo_is_refused_beside_the_field_and_nothing_is_posted(client, group):
    response = client.post_form("/kelola/buku/kas", expense(b"not an image at all"),
                                content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nota harus berupa foto" in html
    assert 'id="nota-error"' in html
    db.session.expire_all()
    assert db.session.scalar(select(func.count(JournalEntry.id))) == 1  # the opening only
    assert balance(group.id, c.BIAYA_BAHAN) == 0


def test_a_nota_is_only_for_expenses(client, group):
    response = client.post_form("/kelola/buku/kas", expense(jpeg(), movement="pendapatan"),
                                content_type="multipart/form-data")
    assert "Foto nota hanya untuk biaya" in response.get_data(as_text=True)
    db.session.expire_all()
    assert balance(group.id, c.PENDAPATAN_LAIN) == 0


def test_an_expense_without_a_nota_still_posts(client, group):
    data = expense(b"")
    data.pop("nota")
    assert client.post_form("/kelola/buku/kas", data).status_code == 302
    db.session.expire_all()
    assert balance(group.id, c.BIAYA_BAHAN) == 25_000 and db.session.scalar(select(EntryAttachment)) is None
