"""The books' own rows beside the ledger: the group's text for the notes to its financial statements."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models_base import utcnow

NOTE_MAX_LENGTH = 2000  # a few short paragraphs: what the generated notes cannot know about the group


class StatementNote(db.Model):
    """The group's own paragraphs in the Catatan atas laporan keuangan (CaLK), written by the coordinator;
    one per group, shown after the generated notes in every period's statements."""

    __tablename__ = "statement_note"

    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), primary_key=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
