"""Products, their variants (size/colour, price, stock) and processed images."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

PRODUCT_KINDS = ("ready_made", "one_of_a_kind", "made_to_order", "made_to_measure")
PRODUCT_STATUSES = ("draft", "published", "archived")
MADE_AFTER_ORDER = ("made_to_order", "made_to_measure")

product_maker = Table(
    "product_maker",
    db.metadata,
    Column("product_id", ForeignKey("product.id", ondelete="CASCADE"), primary_key=True),
    Column("member_id", ForeignKey("member.id", ondelete="CASCADE"), primary_key=True),
)


class Product(db.Model):
    __tablename__ = "product"
    # The public lists filter on status and read in a fixed order: these indexes let them stop after one page
    # instead of sorting every product (see `make bench`, 20,000 products).
    __table_args__ = (Index("ix_product_status_created_at", "status", "created_at", "id"),
                      Index("ix_product_status_featured", "status", "featured", "created_at", "id"),
                      Index("ix_product_status_craft", "status", "craft", "group_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    title: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    craft: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="ready_made")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=0)
    garment: Mapped[str] = mapped_column(String(20), default="", server_default="")  # made-to-measure template
    min_order: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # "minimal 10 potong"
    status: Mapped[str] = mapped_column(String(20), default="draft")
    featured: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    group: Mapped[Group] = relationship(back_populates="products")  # noqa: F821
    variants: Mapped[list[Variant]] = relationship(
        back_populates="product", order_by="Variant.position", cascade="all, delete-orphan")
    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", order_by="ProductImage.position", cascade="all, delete-orphan")
    makers: Mapped[list[Member]] = relationship(secondary=product_maker)  # noqa: F821

    @property
    def made_after_order(self) -> bool:
        return self.kind in MADE_AFTER_ORDER

    @property
    def main_image(self) -> ProductImage | None:
        return self.images[0] if self.images else None

    @property
    def min_price(self) -> int | None:
        prices = [v.price for v in self.variants]
        return min(prices) if prices else None

    @property
    def in_stock(self) -> bool:
        return self.made_after_order or any(v.stock > 0 for v in self.variants)


class Variant(db.Model):
    __tablename__ = "variant"
    __table_args__ = (CheckConstraint("stock >= 0", name="stock_not_negative"),
                      CheckConstraint("price >= 0", name="price_not_negative"),
                      Index("ix_variant_product_price", "product_id", "price"))  # min(price) per product

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    size: Mapped[str] = mapped_column(String(40), default="")
    colour: Mapped[str] = mapped_column(String(40), default="")
    sku: Mapped[str] = mapped_column(String(60), unique=True)
    price: Mapped[int] = mapped_column(BigInteger)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship(back_populates="variants")

    @property
    def label(self) -> str:
        return " / ".join(p for p in (self.size, self.colour) if p) or "-"


class ProductImage(db.Model):
    """Files live under UPLOAD_DIR as <key>-<width>.webp; `widths` lists those produced."""

    __tablename__ = "product_image"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    widths: Mapped[str] = mapped_column(String(60))  # "320,640,1024"
    width: Mapped[int] = mapped_column(Integer)      # of the largest file
    height: Mapped[int] = mapped_column(Integer)
    alt: Mapped[str] = mapped_column(String(300), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    product: Mapped[Product] = relationship(back_populates="images")

    @property
    def width_list(self) -> list[int]:
        return [int(w) for w in self.widths.split(",") if w]

    def height_for(self, width: int) -> int:
        return round(self.height * width / self.width)


class StockAdjustment(db.Model):
    """One change of a variant's stock with its reason: the stock history shown per product."""

    __tablename__ = "stock_adjustment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"), index=True)
    change: Mapped[int] = mapped_column(Integer)  # +5 received, -1 damaged …
    reason: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    variant: Mapped[Variant] = relationship()
    user: Mapped[User | None] = relationship()  # noqa: F821
