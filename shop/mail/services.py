"""queue() adds a message to the outbox inside the caller's transaction; after that transaction commits, the
messages are delivered by SMTP (SHOP_MAIL_HOST) or, with no SMTP configured, written as .eml files under MAIL_DIR.
A rollback sends nothing. Failed deliveries stay unsent; `flask shop outbox --send` retries them."""
from __future__ import annotations

import os
import re
import smtplib
import unicodedata
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from sqlalchemy import event, select, update

from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.models_base import utcnow

_PENDING_KEY = "outbox_pending"


SUBJECT_MAX = 120


def subject_line(text: str) -> str:
    """One short line: newlines, tabs and other control characters become spaces, runs of spaces collapse,
    and anything past SUBJECT_MAX characters is cut with an ellipsis. Every subject goes through here."""
    flat = " ".join("".join(" " if unicodedata.category(c)[0] == "C" else c for c in str(text or "")).split())
    return flat if len(flat) <= SUBJECT_MAX else flat[:SUBJECT_MAX - 1].rstrip() + "…"


NAME_MAX = 40
_LINKISH = re.compile(r"\S*(?:://|www\.|@)\S*|\S+\.[a-z]{2,}(?:/\S*)?", re.IGNORECASE)


def greeting_name(name: str, fallback: str = "") -> str:
    """A name someone typed, made safe to put in the shop's own mail to any address: no links, addresses,
    digits or line breaks, at most NAME_MAX characters (so a "name" cannot carry a phishing message)."""
    text = _LINKISH.sub(" ", str(name or ""))
    text = "".join(c if c.isalpha() or c in " '-" else " " for c in text)
    words, kept = text.split(), ""
    for word in words:
        if len(kept) + len(word) + 1 > NAME_MAX:
            break
        kept = f"{kept} {word}".strip()
    return kept or fallback


def queue(to: str, subject: str, body: str) -> OutboxMessage:
    message = OutboxMessage(to=to, subject=subject_line(subject), body=body)
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
    with db.engine.begin() as conn:
        rows = conn.execute(select(OutboxMessage).where(OutboxMessage.id.in_(ids),
                                                        OutboxMessage.sent_at.is_(None))).all()
    for row in rows:
        values: dict = {"attempts": row.attempts + 1}
        try:
            message = OutboxMessage(id=row.id, to=row.to, subject=subject_line(row.subject), body=row.body)
            email = build(message, cfg["MAIL_SENDER"])
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
        except Exception as err:
            values["last_error"] = f"{type(err).__name__}: {err}"[:500]
            app.logger.warning("mail %s to %s failed: %s", row.id, row.to, err)
        with db.engine.begin() as conn:
            conn.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(**values))
    return sent


def pending_ids() -> list[int]:
    return list(db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None))))


def _after_commit(sess) -> None:
    if sess.in_nested_transaction():  # a SAVEPOINT released: the real transaction has not committed yet
        return
    ids = sess.info.pop(_PENDING_KEY, [])
    if ids:
        try:
            deliver(ids)
        except Exception:
            current_app.logger.exception("outbox delivery after commit failed; `flask shop outbox --send` retries")


def _after_rollback(sess, previous_transaction) -> None:
    if previous_transaction.parent is None:
        sess.info.pop(_PENDING_KEY, None)


def install() -> None:
    """Deliver what a transaction queued once it has committed; forget it on rollback. Idempotent."""
    from flask_sqlalchemy.session import Session

    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)
