"""queue() adds a message to the outbox inside the caller's transaction; after that transaction commits, the
messages are delivered by SMTP (SHOP_MAIL_HOST) or, with no SMTP configured, written as .eml files under MAIL_DIR.
A rollback sends nothing. Failed deliveries stay unsent; `flask shop outbox --send` retries them.

With SHOP_REDIS_URL the delivery is a background job (shop.queue) run by `make worker`. Each message is claimed by
a conditional UPDATE before it is sent, so however many processes try (app servers, workers, retries, the CLI),
one sends it: exactly once, unless a sender dies between sending and recording it (then it is retried after
CLAIM_MINUTES)."""
from __future__ import annotations

import os
import smtplib
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from sqlalchemy import event, or_, select, update

from shop import queue as background
from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.models_base import utcnow

_PENDING_KEY = "outbox_pending"
CLAIM_MINUTES = 10


def queue(to: str, subject: str, body: str) -> OutboxMessage:
    message = OutboxMessage(to=to, subject=subject, body=body)
    db.session.add(message)
    db.session.flush()
    db.session.info.setdefault(_PENDING_KEY, []).append(message.id)
    return message


def build(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=True)
    email["Message-ID"] = make_msgid(domain="pasarkarya.id")
    email.set_content(message.body)
    return email


def deliver(ids: list[int]) -> int:
    """Deliver the given unsent messages; returns how many went out. Runs outside the caller's transaction."""
    app = current_app._get_current_object()
    cfg = app.config
    sent = 0
    for row in _claim(ids):
        message = OutboxMessage(id=row.id, to=row.to, subject=row.subject, body=row.body)
        email = build(message, cfg["MAIL_SENDER"])
        values: dict = {"attempts": row.attempts + 1}
        try:
            if cfg.get("MAIL_HOST"):
                with smtplib.SMTP(cfg["MAIL_HOST"], int(cfg["MAIL_PORT"]), timeout=20) as smtp:
                    if cfg.get("MAIL_USE_TLS") in (True, "true", "1", 1):
                        smtp.starttls()
                    if cfg.get("MAIL_USERNAME"):
                        smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
                    smtp.send_message(email)
            else:
                os.makedirs(cfg["MAIL_DIR"], exist_ok=True)
                name = f"{row.id:06d}.eml"
                with open(os.path.join(cfg["MAIL_DIR"], name), "wb") as fh:
                    fh.write(bytes(email))
                values["file_name"] = name
            values["sent_at"] = utcnow()
            sent += 1
        except (OSError, smtplib.SMTPException) as err:
            values["last_error"] = str(err)[:500]
            values["claimed_at"] = None  # free it for the next attempt
            app.logger.warning("mail %s to %s failed: %s", row.id, row.to, err)
        with db.engine.begin() as conn:
            conn.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(**values))
    return sent


def _claim(ids: list[int]) -> list:
    """The messages of `ids` this process now owns (unsent, not claimed by a live sender)."""
    now = utcnow()
    stale = now - timedelta(minutes=CLAIM_MINUTES)
    claimed = []
    for message_id in ids:
        with db.engine.begin() as conn:
            won = conn.execute(update(OutboxMessage).where(
                OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None),
                or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < stale)).values(claimed_at=now))
            if won.rowcount == 1:
                claimed.append(conn.execute(select(OutboxMessage).where(OutboxMessage.id == message_id)).one())
    return claimed


def pending_ids() -> list[int]:
    return list(db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None))))


def _after_commit(sess) -> None:
    if sess.in_nested_transaction():  # a SAVEPOINT released: the real transaction has not committed yet
        return
    ids = sess.info.pop(_PENDING_KEY, [])
    if ids:
        background.enqueue_now("shop.mail.services.deliver", ids)  # a worker's job with Redis, else right here


def _after_rollback(sess, previous_transaction) -> None:
    if previous_transaction.parent is None:
        sess.info.pop(_PENDING_KEY, None)


def install() -> None:
    """Deliver what a transaction queued once it has committed; forget it on rollback. Idempotent."""
    from flask_sqlalchemy.session import Session

    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)
