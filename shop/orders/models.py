"""Orders: one Order per checkout, one OrderPart per group in it, lines that snapshot what was bought."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

ORDER_STATUSES = ("placed", "paid", "completed", "cancelled", "expired", "refunded")
PART_STATUSES = ("placed", "paid", "processing", "shipped", "delivered", "picked_up", "cancelled", "expired",
                 "refunded")
CHANNELS = ("online", "bazaar")
PURPOSES = ("goods", "deposit", "balance")
PAYMENT_METHODS = ("stripe", "bank_transfer", "cash_on_delivery", "cash", "qris")
SHIPPING_CHOICES = ("pickup", "courier")


class Order(db.Model):
    __tablename__ = "shop_order"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the buyer's secret link
    channel: Mapped[str] = mapped_column(String(10), default="online")
    # goods (the cart) | deposit | balance (an agreed amount of a made-to-measure request, held as Uang muka)
    purpose: Mapped[str] = mapped_column(String(10), default="goods", server_default="goods")
    status: Mapped[str] = mapped_column(String(20), default="placed", index=True)
    payment_method: Mapped[str] = mapped_column(String(20))
    buyer_name: Mapped[str] = mapped_column(String(120))
    buyer_email: Mapped[str] = mapped_column(String(200))
    buyer_phone: Mapped[str] = mapped_column(String(30))
    province: Mapped[str] = mapped_column(String(80), default="")
    regency: Mapped[str] = mapped_column(String(120), default="")
    district: Mapped[str] = mapped_column(String(120), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    street: Mapped[str] = mapped_column(String(300), default="")
    goods_total: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_total: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    parts: Mapped[list[OrderPart]] = relationship(back_populates="order", order_by="OrderPart.id",
                                                  cascade="all, delete-orphan")
    payments: Mapped[list[Payment]] = relationship(  # noqa: F821
        back_populates="order", order_by="Payment.id")

    @property
    def address_text(self) -> str:
        bits = [self.street, self.district, self.regency, self.province, self.postal_code]
        return ", ".join(b for b in bits if b)


class OrderPart(db.Model):
    """What one group sends (or hands over) for an order: its own status, shipping and totals."""

    __tablename__ = "order_part"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="placed", index=True)
    shipping: Mapped[str] = mapped_column(String(10), default="pickup")  # pickup | courier
    shipping_zone: Mapped[str] = mapped_column(String(20), default="")
    goods_total: Mapped[int] = mapped_column(BigInteger, default=0)
    shipping_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(BigInteger, default=0)
    courier: Mapped[str] = mapped_column(String(60), default="")
    tracking_number: Mapped[str] = mapped_column(String(80), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    stock_returned: Mapped[bool] = mapped_column(default=False)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)  # delivered or picked up
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    refunded_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    order: Mapped[Order] = relationship(back_populates="parts")
    group: Mapped[Group] = relationship()  # noqa: F821
    lines: Mapped[list[OrderLine]] = relationship(back_populates="part", order_by="OrderLine.id",
                                                  cascade="all, delete-orphan")


class OrderLine(db.Model):
    """A snapshot: later edits to the product never change what the buyer ordered."""

    __tablename__ = "order_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("order_part.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variant.id", ondelete="SET NULL"), nullable=True,
                                                   index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    variant_label: Mapped[str] = mapped_column(String(100), default="")
    sku: Mapped[str] = mapped_column(String(60), default="")
    unit_price: Mapped[int] = mapped_column(BigInteger)
    group_name: Mapped[str] = mapped_column(String(160))
    maker_names: Mapped[str] = mapped_column(String(400), default="")
    # for the books: the product and the member credited with the sale (its first maker), kept if either goes
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"), nullable=True)
    maker_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id", ondelete="SET NULL"),
                                                        nullable=True)
    takes_stock: Mapped[bool] = mapped_column(default=True)  # False for made-to-order/measure

    part: Mapped[OrderPart] = relationship(back_populates="lines")

    @property
    def line_total(self) -> int:
        return self.unit_price * self.quantity
