"""Bazaars: the event, the groups taking part (with their booths), the stock each group brings (allocations),
the event's organisers, cashiers and tills, each sale a till sent (kept here so reports and settlement read it without the
till package), and the hand-over of the money the organiser held for each group."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.catalog.versions import also_shown
from shop.extensions import db
from shop.models_base import utcnow

EVENT_STATUSES = ("draft", "open", "published", "running", "closed", "settled")
PARTICIPATION_STATUSES = ("invited", "accepted", "declined")
SALE_STATUSES = ("recorded", "conflict", "cancelled")
TILL_METHODS = ("cash", "qris", "edc", "qris_group")  # qris_group: the group's own QRIS, paid to its bank


class Event(db.Model):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(180), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    venue: Mapped[str] = mapped_column(String(160))
    address: Mapped[str] = mapped_column(String(300), default="")
    map_url: Mapped[str] = mapped_column(String(500), default="")
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date)
    opening_hours: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    organiser_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)  # who made it
    stock_returned: Mapped[bool] = mapped_column(default=False)
    qris_image: Mapped[str | None] = mapped_column(String(80), nullable=True)  # the organiser's static QRIS
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    participations: Mapped[list[EventParticipation]] = relationship(
        back_populates="event", order_by="EventParticipation.id", cascade="all, delete-orphan")
    tills: Mapped[list[Till]] = relationship(back_populates="event", order_by="Till.number")


class EventParticipation(db.Model):
    """A group invited to an event: its answer and its booth."""

    __tablename__ = "event_participation"
    __table_args__ = (UniqueConstraint("event_id", "group_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="invited")
    booth: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(String(300), default="")
    invited_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    event: Mapped[Event] = relationship(back_populates="participations")
    group: Mapped[Group] = relationship()  # noqa: F821
    items: Mapped[list[EventItem]] = relationship(back_populates="participation", order_by="EventItem.id")


class EventItem(db.Model):
    """Stock a group brings to an event: `quantity` units still held for the event (taken from the variant's
    online stock when allocated), `sold` units sold at the till, an optional event price."""

    __tablename__ = "event_item"
    __table_args__ = (UniqueConstraint("event_id", "variant_id"),
                      CheckConstraint("quantity >= 0", name="quantity_not_negative"),
                      CheckConstraint("sold >= 0", name="sold_not_negative"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    participation_id: Mapped[int] = mapped_column(ForeignKey("event_participation.id", ondelete="CASCADE"),
                                                  index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    sold: Mapped[int] = mapped_column(Integer, default=0)
    returned: Mapped[int] = mapped_column(Integer, default=0)
    event_price: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    participation: Mapped[EventParticipation] = relationship(back_populates="items")
    variant: Mapped[Variant] = relationship()  # noqa: F821

    @property
    def price(self) -> int:
        return self.event_price if self.event_price is not None else self.variant.price


class EventOrganiser(db.Model):
    """An organiser account that runs an event: it sees and manages this event (admins see every event)."""

    __tablename__ = "event_organiser"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    user: Mapped[User] = relationship()  # noqa: F821


class EventCashier(db.Model):
    """A cashier account assigned to an event: it may sell there and nowhere else."""

    __tablename__ = "event_cashier"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)

    user: Mapped[User] = relationship()  # noqa: F821


class Till(db.Model):
    """One till (a phone at a stand) of an event, numbered per event."""

    __tablename__ = "till"
    __table_args__ = (UniqueConstraint("event_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))

    event: Mapped[Event] = relationship(back_populates="tills")


class TillSale(db.Model):
    """One sale as the device sent it. `key` is the device-made UUID (the Idempotency-Key): accepted once;
    `body_hash` refuses the same key with another body; `result` is the first answer, sent again on a resend.
    A sale the server cannot honour stays here as a conflict until the cashier resolves it."""

    __tablename__ = "till_sale"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    body_hash: Mapped[str] = mapped_column(String(64))
    body: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id"), index=True)
    till_id: Mapped[int] = mapped_column(ForeignKey("till.id"), index=True)
    cashier_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), nullable=True, unique=True)
    drawer_session_id: Mapped[int | None] = mapped_column(ForeignKey("drawer_session.id"), nullable=True,
                                                          index=True)
    status: Mapped[str] = mapped_column(String(20), default="recorded", index=True)
    method: Mapped[str] = mapped_column(String(10))
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    cash_received: Mapped[int] = mapped_column(BigInteger, default=0)
    change_given: Mapped[int] = mapped_column(BigInteger, default=0)
    oversold: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[str] = mapped_column(String(300), default="")
    result: Mapped[str] = mapped_column(Text, default="")
    made_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # on the device
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    order: Mapped[Order | None] = relationship()  # noqa: F821
    till: Mapped[Till] = relationship()


class Settlement(db.Model):
    """The organiser hands a group the money it held for it: once per group and event."""

    __tablename__ = "event_settlement"
    __table_args__ = (UniqueConstraint("event_id", "group_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(10))  # cash | transfer
    handed_over_on: Mapped[date] = mapped_column(Date)
    handed_over_by: Mapped[str] = mapped_column(String(120))
    received_by: Mapped[str] = mapped_column(String(120))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    group: Mapped[Group] = relationship()  # noqa: F821


also_shown(Event)  # the public bazaar pages and the home page's "Bazar terdekat" show these
also_shown(EventParticipation)
also_shown(EventItem, updates=False)  # which products a bazaar shows; the till's sold counts are not shown
