"""The outbox delivers after commit (as .eml files when no SMTP is set) and sends nothing on rollback."""
import email
import os

from shop.extensions import db
from shop.mail import services as mail
from shop.mail.models import OutboxMessage


def test_queued_mail_written_after_commit(app):
    mail.queue("pembeli@example.com", "Pesanan PK-2611-7F3Q", "Terima kasih, Rp750.000")
    mail_dir = app.config["MAIL_DIR"]
    assert not os.path.exists(mail_dir) or not os.listdir(mail_dir)
    db.session.commit()
    files = os.listdir(mail_dir)
    assert len(files) == 1
    with open(os.path.join(mail_dir, files[0]), "rb") as fh:
        parsed = email.message_from_bytes(fh.read())
    assert parsed["To"] == "pembeli@example.com"
    assert "Rp750.000" in parsed.get_payload(decode=True).decode()
    message = db.session.scalar(db.select(OutboxMessage))
    db.session.refresh(message)
    assert message.sent_at is not None and message.file_name == files[0]


def test_rollback_sends_nothing(app):
    mail.queue("pembeli@example.com", "Tidak jadi", "x")
    db.session.rollback()
    db.session.commit()
    assert not os.path.exists(app.config["MAIL_DIR"]) or not os.listdir(app.config["MAIL_DIR"])
    assert db.session.scalar(db.select(db.func.count(OutboxMessage.id))) == 0


def test_mail_queued_before_a_savepoint_goes_out_at_the_real_commit(app):
    """Releasing a SAVEPOINT (the ledger posting a sale, a webhook recording its event id) is not the commit:
    the mail queued before it must still be delivered when the transaction commits."""
    mail.queue("pembeli@example.com", "Pesanan dibayar", "x")
    with db.session.begin_nested():
        db.session.add(OutboxMessage(to="b@example.com", subject="s", body="b"))
    mail_dir = app.config["MAIL_DIR"]
    assert not os.path.exists(mail_dir) or not os.listdir(mail_dir)
    db.session.commit()
    assert len(os.listdir(mail_dir)) == 1


def test_smtp_failure_leaves_message_unsent(make_app):
    app = make_app({"MAIL_HOST": "127.0.0.1", "MAIL_PORT": 9, "MAIL_USE_TLS": False})
    with app.app_context():
        mail.queue("a@example.com", "Subjek", "Isi")
        db.session.commit()
        message = db.session.scalar(db.select(OutboxMessage))
        assert message.sent_at is None and message.attempts == 1 and message.last_error
        assert mail.pending_ids() == [message.id]


def test_a_batch_of_outcomes_is_recorded_all_or_nothing(app):
    """One transaction for the batch (on PostgreSQL an autocommit pipeline, which the server runs as one)."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from shop.models_base import utcnow

    first, second = OutboxMessage(to="a@example.com", subject="s", body="b"), OutboxMessage(
        to="b@example.com", subject="s", body="b")
    db.session.add_all([first, second])
    db.session.commit()
    sent = {"attempts": 1, "sent_at": utcnow(), "file_name": "x.eml", "last_error": "", "claimed_at": utcnow()}
    with pytest.raises(IntegrityError):
        mail._record([dict(sent, b_id=first.id), dict(sent, b_id=second.id, attempts=None)])  # NOT NULL
    db.session.expire_all()
    assert {m.sent_at for m in db.session.scalars(db.select(OutboxMessage))} == {None}
    mail._record([dict(sent, b_id=first.id), dict(sent, b_id=second.id)])
    db.session.expire_all()
    assert None not in {m.sent_at for m in db.session.scalars(db.select(OutboxMessage))}
