"""The books of each group: accounts, journal entries and their postings (append-only), sales credited per
member, per-group book settings and closed years.

Sign convention (as Beancount and ledger-cli): debits positive, credits negative. An entry's postings sum to
zero.
Entries and postings are never updated or deleted: `refuse_changes` (a before_flush hook on every Session)
raises LedgerLocked for any such attempt; a mistake is corrected by a reversing entry.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from shop.extensions import db
from shop.models_base import utcnow

ACCOUNT_KINDS = ("asset", "liability", "equity", "income", "expense")


def column_defaults(model) -> dict:
    """The scalar `default=` of each column of a model: what a new row gets, for building one in Python."""
    return {col.key: col.default.arg for col in model.__table__.columns
            if col.default is not None and col.default.is_scalar}


class Account(db.Model):
    __tablename__ = "ledger_account"
    __table_args__ = (UniqueConstraint("group_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))


class JournalEntry(db.Model):
    __tablename__ = "journal_entry"
    # a cause (order part, Stripe event, payout) posts once per group: its reference is unique there
    __table_args__ = (UniqueConstraint("group_id", "reference"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    memo: Mapped[str] = mapped_column(String(300), default="")
    reference: Mapped[str | None] = mapped_column(String(120), nullable=True)
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    postings: Mapped[list[Posting]] = relationship(back_populates="entry", order_by="Posting.id")


class Posting(db.Model):
    __tablename__ = "posting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("ledger_account.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), nullable=True, index=True)

    entry: Mapped[JournalEntry] = relationship(back_populates="postings")
    account: Mapped[Account] = relationship()


CUSTOM = "custom"  # the channel of a delivered made-to-measure request (advances.advance_settled)
CHANNELS = ("online", "bazaar", CUSTOM)  # the channels sales are credited on, in the order reports show them


class SalesCredit(db.Model):
    """Sales credited to the maker of each order line (basis of jasa usaha); refunds are negative credits.
    member_id None means a sale of the group's own goods (not a member's sale)."""

    __tablename__ = "sales_credit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10))  # online | bazaar | custom (made-to-measure)
    order_part_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), nullable=True, index=True)
    product_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    product_title: Mapped[str] = mapped_column(String(200), default="")
    amount: Mapped[int] = mapped_column(BigInteger)
    is_member_sale: Mapped[bool] = mapped_column(Boolean, default=False)


class BookSettings(db.Model):
    """Per-group rules the postings need: the makers' share of each sale and the card fee rate."""

    __tablename__ = "book_settings"

    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), primary_key=True)
    maker_share_percent: Mapped[int] = mapped_column(Integer, default=0)
    card_fee_basis_points: Mapped[int] = mapped_column(Integer, default=290)  # 2.9 %
    # the makers' share is a deliberate choice: who confirmed it (and when), asked for until someone has
    maker_share_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    maker_share_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"),
                                                                    nullable=True)


class ClosedYear(db.Model):
    __tablename__ = "closed_year"
    __table_args__ = (UniqueConstraint("group_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class LedgerLocked(RuntimeError):
    """Raised on any attempt to change or delete a posted entry or posting."""


@event.listens_for(Session, "before_flush")
def refuse_changes(session, flush_context, instances) -> None:
    for obj in session.deleted:
        if isinstance(obj, (JournalEntry, Posting)):
            raise LedgerLocked("journal entries and postings are append-only: post a reversing entry")
    for obj in session.dirty:
        if isinstance(obj, (JournalEntry, Posting)) and session.is_modified(obj, include_collections=False):
            raise LedgerLocked("journal entries and postings are append-only: post a reversing entry")
        if isinstance(obj, JournalEntry) and session.is_modified(obj, include_collections=True):
            raise LedgerLocked("a posted entry cannot gain or lose postings")
    for obj in session.new:
        if isinstance(obj, Posting) and obj.entry is not None and obj.entry not in session.new:
            raise LedgerLocked("a posted entry cannot gain postings")


@event.listens_for(Session, "do_orm_execute")
def refuse_bulk_changes(state) -> None:
    """Bulk ORM update()/delete() statements bypass before_flush: refuse them for the ledger tables too."""
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ in (JournalEntry, Posting):
        raise LedgerLocked("journal entries and postings are append-only: post a reversing entry")


class PeriodLock(db.Model):
    """A month the bendahara soft-locked (nothing may be posted in it). Reopening keeps the row, with who, when
    and why: the rows are the log of every lock and reopen."""

    __tablename__ = "period_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    month: Mapped[date] = mapped_column(Date)  # the first day of the month
    locked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    locked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reopened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    reopened_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    reopen_reason: Mapped[str] = mapped_column(String(300), default="")


ASSET_FUNDING = ("kas", "bank", "hibah", "saldo_awal")


class FixedAsset(db.Model):
    """Equipment the group owns (a sewing machine, canting, a stove): at cost in 1202 Peralatan dan mesin,
    depreciated straight-line over `life_months` down to `residual` (shop.ledger.assets). `funded_by` says
    where the money came from: Kas, Bank, a grant in kind (hibah) or the opening balance (saldo_awal)."""

    __tablename__ = "fixed_asset"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    acquired_on: Mapped[date] = mapped_column(Date)
    cost: Mapped[int] = mapped_column(BigInteger)
    life_months: Mapped[int] = mapped_column(Integer)
    residual: Mapped[int] = mapped_column(BigInteger, default=0)
    funded_by: Mapped[str] = mapped_column(String(12))
    disposed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("journal_entry.id"), nullable=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MakerPayment(db.Model):
    """A maker paid (part of) the share the group owes them (Utang anggota), with its kuitansi number."""

    __tablename__ = "maker_payment"
    __table_args__ = (UniqueConstraint("group_id", "receipt_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    date: Mapped[date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    paid_from: Mapped[str] = mapped_column(String(10))
    receipt_number: Mapped[str] = mapped_column(String(40))
    memo: Mapped[str] = mapped_column(String(300), default="")
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class EntryAttachment(db.Model):
    """A photo of the nota (receipt) of an expense, kept in private storage under a generated name; served
    only to the staff of its group after an access check."""

    __tablename__ = "entry_attachment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("maker_group.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("journal_entry.id"), unique=True)
    key: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(5))  # webp | pdf
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
