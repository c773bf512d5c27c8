"""Paying makers their share (harga pokok pengrajin): what the group owes each member in 2101 Utang anggota,
and each payment with its kuitansi number (BP/<year>/<nnnn>, numbered per group and year), posted Dr 2101 /
Cr Kas or Bank once per form (the form's one-time key is the entry's reference: E7)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import DomainError, NotFound
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.events import maker_paid
from shop.ledger.models import JournalEntry, MakerPayment
from shop.ledger.queries import member_balances
from shop.ledger.services import find_entry, is_new


@dataclass
class Owed:
    member_id: int
    name: str
    owed: int  # what the group owes the member (positive)
    receivable: int  # what the member owes the group back (Piutang anggota: E18)


def owed_by_member(group_id: int, names: dict[int, str]) -> list[Owed]:
    """Every member with something owed either way, by name; `names` maps member ids to names."""
    owed = member_balances(group_id, c.UTANG_ANGGOTA)
    back = member_balances(group_id, c.PIUTANG_ANGGOTA)
    ids = sorted({m for m, v in owed.items() if v} | {m for m, v in back.items() if v},
                 key=lambda m: (names.get(m, ""), m))
    return [Owed(m, names.get(m, ""), -owed.get(m, 0), back.get(m, 0)) for m in ids]


def next_receipt_number(group_id: int, year: int) -> str:
    count = db.session.scalar(select(func.count(MakerPayment.id)).where(
        MakerPayment.group_id == group_id, MakerPayment.receipt_number.like(f"BP/{year}/%")))
    return f"BP/{year}/{count + 1:04d}"


def pay_maker(group_id: int, member_id: int, day: date, amount: int, paid_from: str, reference: str,
              memo: str = "", created_by_id: int | None = None) -> MakerPayment:
    """Pay a maker (part of) what the group owes them, with a kuitansi. The same form sent twice returns the
    first payment."""
    existing = find_entry(group_id, reference)
    if existing is not None:
        payment = db.session.scalar(select(MakerPayment).where(MakerPayment.entry_id == existing.id))
        if payment is None:
            raise DomainError(_("Formulir ini sudah dipakai; muat ulang halaman."))
        return payment
    if paid_from not in ("kas", "bank"):
        raise ValueError("unknown cash account")
    number = next_receipt_number(group_id, day.year)
    entry = maker_paid(group_id, member_id, day, amount, paid_from=paid_from, reference=reference,
                       memo=(memo or "").strip() or f"Pembayaran bagian pengrajin, kuitansi {number}",
                       created_by_id=created_by_id)
    if not is_new(entry):  # the same form at the same moment: the other request won
        return db.session.scalar(select(MakerPayment).where(MakerPayment.entry_id == entry.id))
    payment = MakerPayment(group_id=group_id, member_id=member_id, date=day, amount=amount, paid_from=paid_from,
                           receipt_number=number, memo=(memo or "").strip()[:300], entry_id=entry.id,
                           created_by_id=created_by_id)
    db.session.add(payment)
    db.session.flush()
    return payment


def get_payment(group_id: int, payment_id: int) -> MakerPayment:
    payment = db.session.get(MakerPayment, payment_id)
    if payment is None or payment.group_id != group_id:
        raise NotFound(_("Kuitansi tidak ditemukan."))
    return payment


def is_void(payment: MakerPayment) -> bool:
    """A payment whose entry the bendahara reversed from the journal: its kuitansi is void."""
    return find_entry(payment.group_id, f"reverse:{payment.entry_id}") is not None


def payments_of(group_id: int, member_id: int) -> list[MakerPayment]:
    return list(db.session.scalars(select(MakerPayment).where(
        MakerPayment.group_id == group_id, MakerPayment.member_id == member_id)
        .order_by(MakerPayment.date.desc(), MakerPayment.id.desc())))


def entry_of(payment: MakerPayment) -> JournalEntry:
    return db.session.get(JournalEntry, payment.entry_id)
