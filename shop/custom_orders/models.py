"""Made-to-measure and bulk requests (CustomOrder): the people to dress (one, or a roster), the quote, the
deposit and balance orders, production stages, the message thread, reference photos, the makers credited."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

STATUSES = ("new", "quoted", "accepted", "production", "ready", "delivered", "cancelled", "declined")
STAGES = ("diukur", "dipotong", "dijahit", "finishing", "siap")
KINDS = ("single", "bulk")

custom_order_maker = db.Table(
    "custom_order_maker",
    db.metadata,
    db.Column("custom_order_id", ForeignKey("custom_order.id", ondelete="CASCADE"), primary_key=True),
    db.Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True),
)


class CustomOrder(db.Model):
    __tablename__ = "custom_order"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the buyer's secret link
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"), nullable=True)
    product_title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10), default="single")
    garment: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    stage: Mapped[str] = mapped_column(String(20), default="")
    buyer_name: Mapped[str] = mapped_column(String(120))
    buyer_email: Mapped[str] = mapped_column(String(200))
    buyer_phone: Mapped[str] = mapped_column(String(30))
    organisation: Mapped[str] = mapped_column(String(160), default="")  # a school, an office, a village
    fabric: Mapped[str] = mapped_column(String(120), default="")
    colour: Mapped[str] = mapped_column(String(80), default="")
    model: Mapped[str] = mapped_column(String(120), default="")
    measure_on_site: Mapped[bool] = mapped_column(Boolean, default=False)
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # naive UTC
    notes: Mapped[str] = mapped_column(Text, default="")
    shipping: Mapped[str] = mapped_column(String(10), default="pickup")  # pickup | courier
    address: Mapped[str] = mapped_column(String(400), default="")
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    # the quote
    price_mode: Mapped[str] = mapped_column(String(10), default="item")  # item | size
    unit_price: Mapped[int] = mapped_column(BigInteger, default=0)
    size_prices: Mapped[dict] = mapped_column(JSON, default=dict)  # {"M": 150000, ...} when priced per size
    quote_total: Mapped[int] = mapped_column(BigInteger, default=0)
    deposit_percent: Mapped[int] = mapped_column(Integer, default=50)
    deposit_amount: Mapped[int] = mapped_column(BigInteger, default=0)
    cancel_fee: Mapped[int] = mapped_column(BigInteger, default=0)  # kept from the deposit if cancelled before cutting
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)
    quote_valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    quote_note: Mapped[str] = mapped_column(Text, default="")
    quoted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    deposit_order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id", ondelete="SET NULL"),
                                                         nullable=True)
    balance_order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id", ondelete="SET NULL"),
                                                         nullable=True)
    courier: Mapped[str] = mapped_column(String(60), default="")
    tracking_number: Mapped[str] = mapped_column(String(80), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    group: Mapped[Group] = relationship()  # noqa: F821
    product: Mapped[Product | None] = relationship()  # noqa: F821
    people: Mapped[list[Wearer]] = relationship(back_populates="custom_order", order_by="Wearer.position",
                                                cascade="all, delete-orphan")
    stages: Mapped[list[StageChange]] = relationship(order_by="StageChange.id", cascade="all, delete-orphan")
    messages: Mapped[list[Message]] = relationship(order_by="Message.id", cascade="all, delete-orphan")
    photos: Mapped[list[ReferencePhoto]] = relationship(order_by="ReferencePhoto.position",
                                                        cascade="all, delete-orphan")
    makers: Mapped[list[Member]] = relationship(secondary=custom_order_maker)  # noqa: F821
    deposit_order: Mapped[Order | None] = relationship(foreign_keys=[deposit_order_id])  # noqa: F821
    balance_order: Mapped[Order | None] = relationship(foreign_keys=[balance_order_id])  # noqa: F821

    @property
    def balance_amount(self) -> int:
        return self.quote_total - self.deposit_amount

    def size_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for person in self.people:
            key = person.size or ""
            counts[key] = counts.get(key, 0) + 1
        return counts


class Wearer(db.Model):
    """One person to dress: the single buyer, or a row of a bulk roster (a size, or measurements in cm)."""

    __tablename__ = "custom_order_person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    custom_order_id: Mapped[int] = mapped_column(ForeignKey("custom_order.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(120))
    size: Mapped[str] = mapped_column(String(20), default="")
    measurements: Mapped[dict] = mapped_column(JSON, default=dict)  # {"lingkar_dada": 96.5, ...} in cm

    custom_order: Mapped[CustomOrder] = relationship(back_populates="people")


class StageChange(db.Model):
    __tablename__ = "custom_order_stage"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    custom_order_id: Mapped[int] = mapped_column(ForeignKey("custom_order.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)


class Message(db.Model):
    __tablename__ = "custom_order_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    custom_order_id: Mapped[int] = mapped_column(ForeignKey("custom_order.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(10))  # buyer | group
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReferencePhoto(db.Model):
    """A buyer's reference picture, stored by shop.images like product photos (<key>-<width>.webp)."""

    __tablename__ = "custom_order_photo"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    custom_order_id: Mapped[int] = mapped_column(ForeignKey("custom_order.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    widths: Mapped[str] = mapped_column(String(60))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    alt: Mapped[str] = mapped_column(String(300), default="")

    @property
    def width_list(self) -> list[int]:
        return [int(w) for w in self.widths.split(",") if w]

    def height_for(self, width: int) -> int:
        return round(self.height * width / self.width)


class TemplateAdjustment(db.Model):
    """A group's change to one field of a garment's measurement template: off, another range, other advice."""

    __tablename__ = "measurement_adjustment"
    __table_args__ = (UniqueConstraint("group_id", "garment", "field_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id", ondelete="CASCADE"), index=True)
    garment: Mapped[str] = mapped_column(String(20))
    field_key: Mapped[str] = mapped_column(String(40))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    min_cm: Mapped[int] = mapped_column(Integer)
    max_cm: Mapped[int] = mapped_column(Integer)
    how_to: Mapped[str] = mapped_column(String(400), default="")


class TailoringSettings(db.Model):
    """A group's weekly sewing capacity in pieces (0: not set)."""

    __tablename__ = "tailoring_settings"

    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id", ondelete="CASCADE"), primary_key=True)
    weekly_capacity: Mapped[int] = mapped_column(Integer, default=0)
