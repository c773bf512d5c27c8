"""What an admin did about a flag (a visit, a training, a call): kept with the group's history for good."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

NOTE_ACTIONS = ("visit", "training", "call", "other")


class ImpactNote(db.Model):
    """An admin's note on a group, usually about one flag (`flag` is its code, e.g. "no_sale_60")."""

    __tablename__ = "impact_note"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    flag: Mapped[str] = mapped_column(String(30), default="")
    action: Mapped[str] = mapped_column(String(20), default="visit")
    noted_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    created_by: Mapped[User | None] = relationship()  # noqa: F821
    group: Mapped[Group] = relationship()  # noqa: F821
