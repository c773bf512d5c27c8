"""Finding an order again without its link, and times in WIB on the buyer's page."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from shop.extensions import db
from shop.mail.models import OutboxMessage

SAME_ANSWER = "Jika nomor dan kontak itu cocok dengan sebuah pesanan"


def _mails() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _find(client, number, contact):
    return client.post_form("/pesanan/cari", {"number": number, "contact": contact}, follow_redirects=True)


def test_lookup_resends_the_link_to_the_buyers_own_address(client, make_product, make_order):
    p = make_product()
    order = make_order([(p.variants[0], 1)], email="sari@contoh.id", phone="0812 3456 7890")
    db.session.commit()
    before = len(_mails())
    page = _find(client, order.number.lower(), "  SARI@contoh.id ")
    assert SAME_ANSWER in page.get_data(as_text=True)
    sent = _mails()[before:]
    assert [m.to for m in sent] == ["sari@contoh.id"] and f"/pesanan/{order.token}" in sent[0].body
    # the phone number in another form finds it too
    _find(client, order.number, "+62 812-3456-7890")
    assert len(_mails()) == before + 2


def test_lookup_answers_the_same_for_unknown_orders_and_sends_nothing(client, make_product, make_order):
    p = make_product()
    order = make_order([(p.variants[0], 1)], email="sari@contoh.id")
    db.session.commit()
    before = len(_mails())
    known = _find(client, order.number, "sari@contoh.id").get_data(as_text=True)
    wrong_contact = _find(client, order.number, "penyerang@contoh.id").get_data(as_text=True)
    unknown = _find(client, "PK-0000-XXXX", "sari@contoh.id").get_data(as_text=True)
    for page in (known, wrong_contact, unknown):
        assert SAME_ANSWER in page and order.token not in page
    assert len(_mails()) == before + 1  # only the real match sent anything, and only to the buyer


def test_lookup_form_errors_name_the_field(client):
    page = _find(client, "", "").get_data(as_text=True)
    assert "Isi nomor pesanan" in page and "Isi e-mail atau nomor HP" in page
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_lookup_is_linked_from_every_public_page(client):
    assert 'href="/pesanan/cari"' in client.get("/").get_data(as_text=True)


def test_buyer_page_shows_times_in_wib(client, make_product, make_order):
    p = make_product()
    order = make_order([(p.variants[0], 1)])
    order.created_at = datetime(2026, 12, 1, 7, 18)  # stored in UTC
    for part in order.parts:
        part.created_at = datetime(2026, 12, 1, 20, 30)  # 03:30 WIB on the 2nd
    db.session.commit()
    page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "01-12-2026 14:18 WIB" in page and "UTC" not in page
    assert "Dipesan: 02-12-2026" in page
    client.get("/bahasa/en")
    english = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert "1 Dec 2026, 14:18 WIB" in english
