"""Regions, makers' groups and their members."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

GROUP_STATUSES = ("pending", "active", "suspended")
LEGAL_FORMS = ("kelompok", "kube", "pra_koperasi", "koperasi")


class Region(db.Model):
    """A regency (kabupaten) or city (kota) in a province."""

    __tablename__ = "region"
    __table_args__ = (UniqueConstraint("province", "name", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    province: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="kabupaten")  # kabupaten | kota
    slug: Mapped[str] = mapped_column(String(140), unique=True)

    groups: Mapped[list[Group]] = relationship(back_populates="region")

    @property
    def label(self) -> str:
        prefix = "Kota" if self.kind == "kota" else "Kabupaten"
        return f"{prefix} {self.name}, {self.province}"

    @property
    def short_label(self) -> str:
        """ "Kota Bandung" or "Kab. Bandung": tells the city from the regency of the same name."""
        return f"{'Kota' if self.kind == 'kota' else 'Kab.'} {self.name}"


class Group(db.Model):
    """A makers' group (kelompok usaha) on the path to a cooperative."""

    __tablename__ = "maker_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    slug: Mapped[str] = mapped_column(String(180), unique=True)
    crafts: Mapped[str] = mapped_column(String(200), default="")  # comma-separated craft codes
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    story: Mapped[str] = mapped_column(Text, default="")
    contact_name: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    whatsapp: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    pickup_hours: Mapped[str] = mapped_column(String(120), default="", server_default="")  # "Senin-Sabtu 09.00-16.00"
    bank_name: Mapped[str] = mapped_column(String(80), default="")
    bank_account_number: Mapped[str] = mapped_column(String(40), default="")
    bank_account_name: Mapped[str] = mapped_column(String(120), default="")
    photo_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # the group's own static QRIS (its bank's merchant code), offered at a bazaar till for a sale of its items only
    qris_image: Mapped[str | None] = mapped_column(String(80), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    legal_form: Mapped[str] = mapped_column(String(20), default="kelompok")
    founded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # bumped on every change (shop.catalog.versions): cached product cards name it in their key
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    region: Mapped[Region] = relationship(back_populates="groups")
    members: Mapped[list[Member]] = relationship(back_populates="group", order_by="Member.id")
    products: Mapped[list[Product]] = relationship(back_populates="group")  # noqa: F821

    @property
    def craft_list(self) -> list[str]:
        return [c for c in self.crafts.split(",") if c]

    @property
    def is_active(self) -> bool:
        return self.status == "active"


class Member(db.Model):
    """A maker in a group. The disability/support note is private: never on public pages or exports."""

    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("group_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    # the member number (nomor anggota): per group, 1, 2, 3… in order of joining the register, never reused;
    # shown beside the name wherever two members could share one
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(60), default="anggota")
    joined_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    public_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    bio: Mapped[str] = mapped_column(Text, default="")
    private_note: Mapped[str] = mapped_column(Text, default="")

    group: Mapped[Group] = relationship(back_populates="members")

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    @property
    def shown_publicly(self) -> bool:
        return self.public_consent and self.left_on is None

    @property
    def label(self) -> str:
        """The name with the member number ("Ujang Prasetyo (No. 4)"), for staff pages and the books."""
        return member_label(self.name, self.number)


def member_label(name: str, number: int | None) -> str:
    return f"{name} (No. {number})" if number else name


@event.listens_for(Session, "before_flush")
def _next_member_numbers(session: Session, flush_context, instances) -> None:
    """Every new member gets the group's next number, however the row is made (form, demo, import)."""
    new = [m for m in session.new if isinstance(m, Member) and m.number is None]
    last: dict[object, int] = {}
    for member in new:  # in the order they were added
        group_id = member.group_id if member.group_id is not None else getattr(member.group, "id", None)
        key = group_id if group_id is not None else id(member.group)
        if key not in last:
            last[key] = (session.scalar(select(func.max(Member.number)).where(Member.group_id == group_id))
                         if group_id is not None else None) or 0
        last[key] += 1
        member.number = last[key]
