"""Payments (card, QRIS, virtual account, transfer, cash) and the provider events already handled."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

PAYMENT_STATUSES = ("pending", "submitted", "paid", "failed", "rejected", "expired", "refunded")


class Payment(db.Model):
    """One payment attempt. Card, QRIS, virtual account: for the whole order (part_id empty). Transfer/cash: for
    one part. provider_session_id: Stripe's Checkout session or Xendit's payment request id."""

    __tablename__ = "payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), index=True)
    part_id: Mapped[int | None] = mapped_column(ForeignKey("order_part.id", ondelete="CASCADE"), nullable=True,
                                                index=True)
    method: Mapped[str] = mapped_column(String(20))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="idr")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    provider_session_id: Mapped[str | None] = mapped_column(String(255), nullable=True, unique=True)
    provider_payment_id: Mapped[str | None] = mapped_column(String(255), nullable=True, index=True)
    checkout_url: Mapped[str] = mapped_column(Text, default="")
    # QRIS string or virtual account number shown to the buyer, its expiry, and the provider's reported fee
    payment_code: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    fee: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    slip_key: Mapped[str] = mapped_column(String(64), default="")   # transfer slip file under SLIP_DIR
    slip_type: Mapped[str] = mapped_column(String(10), default="")  # webp | pdf
    note: Mapped[str] = mapped_column(Text, default="")
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    order: Mapped[Order] = relationship(back_populates="payments")  # noqa: F821
    part: Mapped[OrderPart | None] = relationship()  # noqa: F821


class Refund(db.Model):
    """Money given back for one part; provider_refund_id for card refunds."""

    __tablename__ = "refund"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("order_part.id", ondelete="CASCADE"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"), nullable=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(20))
    provider_refund_id: Mapped[str | None] = mapped_column(String(255), nullable=True, unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    restocked: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ProcessedEvent(db.Model):
    """A provider event id handled once (Stripe's event id, "xendit:" + Xendit's webhook id): a replay or a
    duplicate delivery changes nothing."""

    __tablename__ = "processed_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(255), unique=True)
    event_type: Mapped[str] = mapped_column(String(80))
    outcome: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
