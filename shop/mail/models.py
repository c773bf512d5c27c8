"""E-mail outbox: written in the same transaction as what caused it, delivered after commit."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models_base import utcnow


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    to: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(250))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(200), default="")  # the .eml written when no SMTP is set
    # set by the one process that delivers it (a conditional UPDATE): two app servers, workers or a retry never
    # send the same message twice; a claim older than CLAIM_MINUTES (a crashed sender) may be taken again
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
