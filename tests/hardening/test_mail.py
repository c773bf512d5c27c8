"""Security probe M2 (a multi-line reason broke the action after commit, and the outbox retry) and M3's mail
content spoofing through the buyer's free-text name."""
from __future__ import annotations

from email import message_from_bytes

from sqlalchemy import select

from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.mail.services import SUBJECT_MAX, deliver, greeting_name, pending_ids, queue, subject_line
from shop.orders.models import OrderPart
from tests.fixtures.orders import login
from tests.orders.test_pages import PASSWORD, png_bytes, upload


def test_subjects_are_one_short_line_by_construction():
    assert subject_line("Pesanan PK-1: dibatalkan.\r\nAlasan:\tstok\x00 rusak") == \
        "Pesanan PK-1: dibatalkan. Alasan: stok rusak"
    long = subject_line("kata " * 100)
    assert len(long) == SUBJECT_MAX and long.endswith("…") and "\n" not in long


def test_a_multi_line_reason_rejects_the_slip_and_the_buyer_is_told(client, make_product, make_order,
                                                                     make_coordinator, app):
    p = make_product()
    order = make_order([(p.variants[0], 1)])
    part = order.parts[0]
    coordinator = make_coordinator(p.group)
    db.session.commit()
    upload(client, order, part, png_bytes())
    login(client, coordinator, PASSWORD)
    detail = f"/kelola/pesanan/{part.id}"
    response = client.post_form(detail + "/tolak-bukti", {"reason": "Nominal kurang.\nSilakan transfer ulang."},
                                token_page=detail)
    assert response.status_code == 302
    mail = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert mail.sent_at is not None and "\n" not in mail.subject
    assert "Silakan transfer ulang." in mail.body
    url = f"/kelola/pesanan/{part.id}/batal"
    assert client.post_form(url, {"reason": "Stok rusak.\r\nMohon maaf."}).status_code == 302
    db.session.expire_all()
    assert db.session.get(OrderPart, part.id).status == "cancelled"
    assert not pending_ids()


def test_one_bad_message_never_blocks_the_others(app, monkeypatch, tmp_path):
    bad = queue("pembeli@contoh.id", "ok", "isi")
    good = queue("lain@contoh.id", "juga ok", "isi")
    db.session.commit()
    db.session.execute(OutboxMessage.__table__.update().where(OutboxMessage.id == bad.id)
                       .values(subject="rusak\nBcc: semua@contoh.id", to="x\n@y"))  # an old poisoned row
    db.session.commit()
    db.session.execute(OutboxMessage.__table__.update().values(sent_at=None, claimed_at=None))  # unsent, unclaimed
    db.session.commit()
    sent = deliver(pending_ids())
    db.session.expire_all()
    assert db.session.get(OutboxMessage, good.id).sent_at is not None
    broken = db.session.get(OutboxMessage, bad.id)
    assert sent == 1 and broken.sent_at is None and broken.last_error.startswith("ValueError")


def test_an_action_answers_even_when_mail_delivery_itself_crashes(client, make_product, make_order,
                                                                    make_coordinator, monkeypatch):
    from shop.mail import services as mail

    p = make_product(stock=3)
    order = make_order([(p.variants[0], 1)])
    part = order.parts[0]
    coordinator = make_coordinator(p.group)
    db.session.commit()
    login(client, coordinator, PASSWORD)
    monkeypatch.setattr(mail, "_send", lambda rows: 1 / 0)  # both ways of delivering send through _send
    assert client.post_form(f"/kelola/pesanan/{part.id}/batal", {"reason": "Stok habis"}).status_code == 302
    assert pending_ids()  # kept for `flask shop outbox --send`
    db.session.expire_all()
    unsent = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.sent_at.is_(None))).all()
    assert unsent and all(m.claimed_at is None for m in unsent)  # and free for it to take at once


def test_the_buyer_name_cannot_carry_a_phishing_message(app, make_product, make_order, tmp_path):
    name = ("Budi. PENTING: pesanan ditahan, transfer ulang ke BCA 1234567 a.n. Evil atau klik "
            "http://evil.example/bayar")  # the probe's name: 120 characters at most, like the checkout form
    p = make_product()
    make_order([(p.variants[0], 1)], name=name, email="korban@example.com")
    db.session.commit()
    mail = db.session.scalars(select(OutboxMessage)).one()
    body = message_from_bytes((tmp_path / "mail" / mail.file_name).read_bytes()).get_payload(decode=True).decode()
    assert "evil" not in body.lower() and "1234567" not in body and "BCA" not in body
    assert body.startswith("Terima kasih, Budi PENTING")
    assert greeting_name("Ni Luh Putu Ayu") == "Ni Luh Putu Ayu" and greeting_name("http://x.id", "Pembeli") == \
        "Pembeli"
