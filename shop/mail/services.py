"""queue() adds a message to the outbox inside the caller's transaction; after that transaction commits, the
messages are delivered by SMTP (SHOP_MAIL_HOST) or, with no SMTP configured, written as .eml files under MAIL_DIR.
A rollback sends nothing. Failed deliveries stay unsent; `flask shop outbox --send` retries them.

With SHOP_REDIS_URL the delivery is a background job (shop.queue) run by `make worker`. Each message is claimed by
a conditional UPDATE before it is sent, so however many processes try (app servers, workers, retries, the CLI),
one sends it: exactly once, unless a sender dies between sending and recording it (then it is retried after
CLAIM_MINUTES). Without Redis the process that queues a message delivers it after the commit, so it writes the
message already claimed (one commit fewer per request that sends mail); each batch's outcomes are recorded in one
transaction."""
from __future__ import annotations

import os
import re
import smtplib
import unicodedata
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import bindparam, event, inspect, or_, select

from shop import queue as background
from shop.extensions import db
from shop.mail import eml
from shop.mail.models import OutboxMessage
from shop.models_base import utcnow

_PENDING_KEY = "outbox_pending"
CLAIM_MINUTES = 10


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
    """Add a message to the outbox in the caller's transaction. Without Redis this process delivers it right
    after the commit, so the message is written already claimed by it (no separate claiming transaction); a
    process that dies before sending leaves a claim that goes stale after CLAIM_MINUTES and is retried."""
    inline = background.redis_connection() is None
    message = OutboxMessage(to=to, subject=subject_line(subject), body=body,
                            claimed_at=utcnow() if inline else None)
    db.session.add(message)  # inserted by the caller's next flush, with the other messages queued by then
    db.session.info.setdefault(_PENDING_KEY, []).append(
        (message, {"to": message.to, "subject": message.subject, "body": message.body,
                   "claimed_at": message.claimed_at.isoformat()} if inline else {}))
    return message


def _committed(pending: list) -> list[dict]:
    """What was queued, with the ids the commit's flush gave the messages (read from the identity key, which the
    commit does not expire); a message whose row was not kept (a savepoint rolled back) is not sent."""
    result = []
    for message, fields in pending:
        identity = inspect(message).identity
        if identity is not None:
            result.append({"id": identity[0], **fields})
    return result


def build(message, sender: str) -> EmailMessage:
    return eml.package_message(message.to, subject_line(message.subject), message.body, sender,
                               formatdate(localtime=True), make_msgid(domain="pasarkarya.id"))


def _eml(message, sender: str) -> bytes:
    """What build() gives, as bytes (shop.mail.eml makes the plain case without the email package's parsing)."""
    return eml.message_bytes(message.to, subject_line(message.subject), message.body, sender,
                             formatdate(localtime=True), make_msgid(domain="pasarkarya.id"))


BATCH = 20  # messages claimed together and recorded together


def deliver(ids: list[int]) -> int:
    """Deliver the given unsent messages; returns how many went out. Runs outside the caller's transaction.

    Per batch of up to BATCH messages: one transaction claims them (one UPDATE … RETURNING), the messages are sent,
    and one transaction records every outcome."""
    sent = 0
    for start in range(0, len(ids), BATCH):
        sent += _send(_claim(ids[start:start + BATCH]))
    return sent


def deliver_claimed(messages: list[dict]) -> int:
    """Deliver messages this process queued already claimed (queue() without Redis): no claiming transaction,
    one transaction records the outcomes."""
    rows = [SimpleNamespace(id=m["id"], to=m["to"], subject=m["subject"], body=m["body"], attempts=0,
                            last_error="", file_name="", claimed_at=datetime.fromisoformat(m["claimed_at"]))
            for m in messages]
    return _send(rows)


def _send(rows: list) -> int:
    app = current_app._get_current_object()
    cfg = app.config
    sent = 0
    outcomes = []
    for row in rows:
        values: dict = {"b_id": row.id, "attempts": row.attempts + 1, "sent_at": None, "file_name": row.file_name,
                        "last_error": row.last_error, "claimed_at": row.claimed_at}
        try:
            if cfg.get("MAIL_HOST"):
                email = build(row, cfg["MAIL_SENDER"])
                with smtplib.SMTP(cfg["MAIL_HOST"], int(cfg["MAIL_PORT"]), timeout=20) as smtp:
                    if cfg.get("MAIL_USE_TLS") in (True, "true", "1", 1):
                        smtp.starttls()
                    if cfg.get("MAIL_USERNAME"):
                        smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
                    smtp.send_message(email)
            else:
                data = _eml(row, cfg["MAIL_SENDER"])
                os.makedirs(cfg["MAIL_DIR"], exist_ok=True)
                name = f"{row.id:06d}.eml"
                with open(os.path.join(cfg["MAIL_DIR"], name), "wb") as fh:
                    fh.write(data)
                values["file_name"] = name
            values["sent_at"] = utcnow()
            sent += 1
        except Exception as err:  # one bad message never blocks the others
            values["last_error"] = f"{type(err).__name__}: {err}"[:500]
            values["claimed_at"] = None  # free it for the next attempt
            app.logger.warning("mail %s to %s failed: %s", row.id, row.to, err)
        outcomes.append(values)
    if outcomes:
        _record(outcomes)
    return sent


def _record(outcomes: list[dict]) -> None:
    """Every outcome of a batch in one transaction. On PostgreSQL in autocommit: psycopg sends the UPDATEs in one
    pipeline ending in one Sync, which the server runs as one implicit transaction (a failing row undoes the
    others), without the BEGIN and COMMIT round trips of an explicit one."""
    table = OutboxMessage.__table__
    stmt = table.update().where(table.c.id == bindparam("b_id")).values(
        attempts=bindparam("attempts"), sent_at=bindparam("sent_at"), file_name=bindparam("file_name"),
        last_error=bindparam("last_error"), claimed_at=bindparam("claimed_at"))
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(stmt, outcomes)
    else:
        with db.engine.begin() as conn:
            conn.execute(stmt, outcomes)


def _claim(ids: list[int]) -> list:
    """The messages of `ids` this process now owns (unsent, not claimed by a live sender), in id order."""
    if not ids:
        return []
    now = utcnow()
    stale = now - timedelta(minutes=CLAIM_MINUTES)
    table = OutboxMessage.__table__
    with db.engine.begin() as conn:
        rows = conn.execute(table.update().where(
            table.c.id.in_(ids), table.c.sent_at.is_(None),
            or_(table.c.claimed_at.is_(None), table.c.claimed_at < stale)).values(claimed_at=now)
            .returning(*table.c)).all()
    return sorted(rows, key=lambda row: row.id)


def pending_ids() -> list[int]:
    return list(db.session.scalars(select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None))))


def _after_commit(sess) -> None:
    if sess.in_nested_transaction():  # a SAVEPOINT released: the real transaction has not committed yet
        return
    pending = _committed(sess.info.pop(_PENDING_KEY, []))
    if pending:
        try:
            if all("claimed_at" in m for m in pending):  # queued claimed by this process: deliver right here
                background.enqueue_now("shop.mail.services.deliver_claimed", pending)
            else:  # a worker's job with Redis
                background.enqueue_now("shop.mail.services.deliver", [m["id"] for m in pending])
        except Exception:
            current_app.logger.exception("outbox delivery after commit failed; `flask shop outbox --send` retries")
            _release([m["id"] for m in pending if "claimed_at" in m])


def _release(ids: list[int]) -> None:
    """Free this process's claims after a failed delivery, so the next `outbox --send` need not wait."""
    if not ids:
        return
    table = OutboxMessage.__table__
    try:
        with db.engine.begin() as conn:
            conn.execute(table.update().where(table.c.id.in_(ids), table.c.sent_at.is_(None)).values(claimed_at=None))
    except Exception:  # the database itself is failing: the claims go stale after CLAIM_MINUTES
        current_app.logger.exception("could not release the outbox claims of %s", ids)


def _after_rollback(sess, previous_transaction) -> None:
    if previous_transaction.parent is None:
        sess.info.pop(_PENDING_KEY, None)


def install() -> None:
    """Deliver what a transaction queued once it has committed; forget it on rollback. Idempotent."""
    from flask_sqlalchemy.session import Session

    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)
