"""Cooperative books: members' savings (simpanan) with receipts, the group's cooperative settings, and the SHU
allocated to each member at a year-end close."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

CONTRIBUTION_KINDS = ("pokok", "wajib", "sukarela")


class CoopSettings(db.Model):
    """Simpanan amounts and the SHU split rule (percent of the SHU; the six parts sum to 100). Jasa anggota is
    divided into jasa usaha (by members' credited sales) and jasa modal (by their simpanan pokok + wajib)."""

    __tablename__ = "coop_settings"

    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), primary_key=True)
    pokok_amount: Mapped[int] = mapped_column(BigInteger, default=100_000)
    wajib_amount: Mapped[int] = mapped_column(BigInteger, default=10_000)  # per month
    wajib_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    cadangan_percent: Mapped[int] = mapped_column(Integer, default=40)
    jasa_anggota_percent: Mapped[int] = mapped_column(Integer, default=40)
    pengurus_percent: Mapped[int] = mapped_column(Integer, default=5)
    karyawan_percent: Mapped[int] = mapped_column(Integer, default=5)
    pendidikan_percent: Mapped[int] = mapped_column(Integer, default=5)
    sosial_percent: Mapped[int] = mapped_column(Integer, default=5)
    jasa_usaha_percent: Mapped[int] = mapped_column(Integer, default=70)  # of jasa anggota; rest: jasa modal
    adart_drafted: Mapped[bool] = mapped_column(Boolean, default=False)
    # what a leaving member's simpanan pokok and wajib become: "kembali" (paid back at once) or "tahan" (moved
    # out of equity to Utang simpanan anggota keluar, paid when the group can)
    exit_rule: Mapped[str] = mapped_column(String(10), default="kembali")
    # jasa modal is a limited return on capital: at most this % of a member's pokok + wajib in one year
    jasa_modal_cap_percent: Mapped[int] = mapped_column(Integer, default=20)


class PokokDecision(db.Model):
    """A members' decision (keputusan rapat anggota) that raised the simpanan pokok once members had paid it:
    every member then owes the difference as a top-up (Pasal 41: the pokok is equal for all)."""

    __tablename__ = "pokok_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    decided_on: Mapped[date] = mapped_column(Date)
    old_amount: Mapped[int] = mapped_column(BigInteger)
    new_amount: Mapped[int] = mapped_column(BigInteger)
    members_present: Mapped[int] = mapped_column(Integer)
    minutes: Mapped[str] = mapped_column(String(2000), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MemberContribution(db.Model):
    """One deposit (positive) or sukarela withdrawal (negative) with its receipt number and ledger entry."""

    __tablename__ = "member_contribution"
    __table_args__ = (UniqueConstraint("group_id", "receipt_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(BigInteger)
    date: Mapped[date] = mapped_column(Date)
    paid_into: Mapped[str] = mapped_column(String(10), default="kas")
    receipt_number: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"))
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    member: Mapped[Member] = relationship()  # noqa: F821


class ShuAllocation(db.Model):
    """A member's SHU for a closed year, with the figures it was computed from."""

    __tablename__ = "shu_allocation"
    __table_args__ = (UniqueConstraint("group_id", "year", "member_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    sales: Mapped[int] = mapped_column(BigInteger, default=0)
    simpanan: Mapped[int] = mapped_column(BigInteger, default=0)
    jasa_usaha: Mapped[int] = mapped_column(BigInteger, default=0)
    jasa_modal: Mapped[int] = mapped_column(BigInteger, default=0)

    member: Mapped[Member] = relationship()  # noqa: F821

    @property
    def total(self) -> int:
        return self.jasa_usaha + self.jasa_modal


class RatMeeting(db.Model):
    """The annual members' meeting (RAT) of a closed year: the reports for the pack, then the decision (date,
    attendance, the division rule adopted, the minutes), then the division posted under that rule."""

    __tablename__ = "rat_meeting"
    __table_args__ = (UniqueConstraint("group_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    pengurus_report: Mapped[str] = mapped_column(Text, default="")
    pengawas_report: Mapped[str] = mapped_column(Text, default="")
    held_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # set with the decision
    members_present: Mapped[int] = mapped_column(Integer, default=0)
    attendance: Mapped[str] = mapped_column(Text, default="")  # who attended, as the minutes list them
    minutes: Mapped[str] = mapped_column(Text, default="")
    minutes_pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # the rule adopted (percent of the SHU for members, then jasa usaha of jasa anggota, the jasa modal cap)
    cadangan_percent: Mapped[int] = mapped_column(Integer, default=0)
    jasa_anggota_percent: Mapped[int] = mapped_column(Integer, default=0)
    pengurus_percent: Mapped[int] = mapped_column(Integer, default=0)
    karyawan_percent: Mapped[int] = mapped_column(Integer, default=0)
    pendidikan_percent: Mapped[int] = mapped_column(Integer, default=0)
    sosial_percent: Mapped[int] = mapped_column(Integer, default=0)
    jasa_usaha_percent: Mapped[int] = mapped_column(Integer, default=0)
    jasa_modal_cap_percent: Mapped[int] = mapped_column(Integer, default=0)
    division_entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"), nullable=True)
    divided_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    @property
    def decided(self) -> bool:
        return self.held_on is not None

    @property
    def divided(self) -> bool:
        return self.division_entry_id is not None


class ShuPayment(db.Model):
    """Utang SHU paid to one member (cash or transfer), with its slip number."""

    __tablename__ = "shu_payment"
    __table_args__ = (UniqueConstraint("group_id", "slip_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    paid_from: Mapped[str] = mapped_column(String(10))
    slip_number: Mapped[str] = mapped_column(String(40))
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"))

    member: Mapped[Member] = relationship()  # noqa: F821


PATHS = ("sendiri", "bersama", "bergabung")


class CoopProfile(db.Model):
    """The founding steps a group has recorded: the rapat pendirian and its minutes, the notary deed and NIB,
    and its way to a koperasi: found one itself ("sendiri"), with other groups of the same office ("bersama":
    groups with the same joint_name in the same region share one founders' register, each keeping its own
    books as a unit), or join an existing koperasi ("bergabung", its name recorded)."""

    __tablename__ = "coop_profile"

    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), primary_key=True)
    founding_meeting_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    founding_minutes: Mapped[str] = mapped_column(Text, default="")
    deed_number: Mapped[str] = mapped_column(String(80), default="")
    deed_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    nib: Mapped[str] = mapped_column(String(40), default="")
    path: Mapped[str] = mapped_column(String(10), default="sendiri")
    joint_name: Mapped[str] = mapped_column(String(160), default="")
    existing_koperasi: Mapped[str] = mapped_column(String(160), default="")
