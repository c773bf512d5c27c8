"""The till's cash drawer: sessions (one open per till) and the money paid in or out during one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow


class DrawerSession(db.Model):
    """A cash drawer from opening to closing. `open_till_id` is the till's id while open and NULL once closed:
    its unique index allows one open session per till. `number` counts sessions per till without gaps."""

    __tablename__ = "drawer_session"
    __table_args__ = (UniqueConstraint("till_id", "number"),
                      CheckConstraint("opening_float >= 0", name="float_not_negative"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("till.id"), index=True)
    open_till_id: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)
    number: Mapped[int] = mapped_column(Integer)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    opened_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    opening_float: Mapped[int] = mapped_column(BigInteger, default=0)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    cash_sales: Mapped[int] = mapped_column(BigInteger, default=0)
    expected_cash: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    counted_cash: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    difference: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    till: Mapped[Till] = relationship()  # noqa: F821
    movements: Mapped[list[DrawerMovement]] = relationship(back_populates="session", order_by="DrawerMovement.id")


class DrawerMovement(db.Model):
    __tablename__ = "drawer_movement"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("drawer_session.id"), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # in | out
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    session: Mapped[DrawerSession] = relationship(back_populates="movements")
