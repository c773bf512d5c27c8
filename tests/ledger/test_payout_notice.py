"""Defect 54: a payout over what the platform holds says how much is there; the group's coordinators are e-mailed
every payout recorded (amount, date, reference), through the outbox."""
from datetime import date

from sqlalchemy import select

from shop.activity.models import ActivityLog
from shop.extensions import db
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.mail.models import OutboxMessage

D = date(2026, 3, 10)


def _mails() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _setup(make_books, make_user, login):
    group = make_books(name="Kelompok Tenun Harapan")
    other = make_books(name="Kelompok Lain")
    events.part_paid(group.id, 7, D, "online", [SaleLine(300_000, None, 1, "Kain Tenun")])
    first = make_user("coordinator", group=group)
    second = make_user("coordinator", group=group)
    make_user("coordinator", group=other)
    db.session.commit()
    login(make_user("admin"))
    return group, {first.email, second.email}


def test_over_the_limit_says_what_is_available(client, make_books, make_user, login):
    group, _emails = _setup(make_books, make_user, login)
    form = {"group": group.id, "day": "2026-03-20", "amount": "300.001", "reference": "TRF-1"}
    html = client.post_form("/admin/buku/pencairan", form).get_data(as_text=True)
    assert "melebihi dana kelompok" in html and "Tersedia Rp300.000" in html
    assert 'id="amount-error"' in html
    assert _mails() == []


def test_before_any_money_arrived_available_is_zero(client, make_books, make_user, login):
    group, _emails = _setup(make_books, make_user, login)
    form = {"group": group.id, "day": "2026-03-01", "amount": "10.000", "reference": "TRF-0"}
    assert "Tersedia Rp0" in client.post_form("/admin/buku/pencairan", form).get_data(as_text=True)


def test_every_coordinator_is_mailed_each_payout(client, make_books, make_user, login):
    group, emails = _setup(make_books, make_user, login)
    form = {"group": group.id, "day": "2026-03-20", "amount": "200.000", "reference": "TRF-77",
            "memo": "Pencairan Maret"}
    assert client.post_form("/admin/buku/pencairan", form).status_code == 302
    mails = _mails()
    assert {m.to for m in mails} == emails
    for mail in mails:
        assert "Rp200.000" in mail.subject and len(mail.subject) <= 60
        assert "Jumlah: Rp200.000" in mail.body and "Tanggal transfer: 20-03-2026" in mail.body
        assert "Nomor referensi: TRF-77" in mail.body and "Pencairan Maret" in mail.body
        assert "Kelompok Tenun Harapan" in mail.body and "/kelola/buku/" in mail.body
    form.update(amount="50.000", reference="TRF-78", memo="")
    assert client.post_form("/admin/buku/pencairan", form).status_code == 302
    assert len(_mails()) == 4  # a second payout: told again
    entry = db.session.scalars(select(ActivityLog).where(ActivityLog.action == "books.payout")).first()
    assert entry is not None and entry.group_id == group.id


def test_a_refused_payout_mails_nobody(client, make_books, make_user, login):
    group, _emails = _setup(make_books, make_user, login)
    form = {"group": group.id, "day": "2026-03-20", "amount": "100.000", "reference": "TRF-5"}
    assert client.post_form("/admin/buku/pencairan", form).status_code == 302
    again = client.post_form("/admin/buku/pencairan", form)
    assert "sudah pernah dicatat" in again.get_data(as_text=True)
    assert len(_mails()) == 2
