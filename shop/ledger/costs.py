"""Costs and debts beside the sales: what the courier actually charged (Biaya kirim) and a member paying back
a share they were paid for a sale refunded later (Piutang anggota). Once per cause, like every event."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from shop.errors import DomainError
from shop.ledger import chart as c
from shop.ledger.events import RECEIVED_INTO, check_funds
from shop.ledger.models import JournalEntry
from shop.ledger.services import find_entry, member_balance, post_entry


def courier_cost(group_id: int, order_part_id: int, day: date, amount: int, paid_from: str = "kas",
                 created_by_id: int | None = None) -> JournalEntry:
    """What the courier actually charged to send a part (Biaya kirim), paid from Kas or Bank; once per part."""
    reference = f"courier:{order_part_id}"
    if (existing := find_entry(group_id, reference)) is not None:
        return existing
    if amount <= 0:
        raise DomainError(_("Jumlah harus lebih dari nol."))
    source = RECEIVED_INTO[paid_from]
    check_funds(group_id, source, amount, day)
    return post_entry(group_id, day, "cash", f"Ongkos kurir pesanan bagian #{order_part_id}",
                      [(c.BIAYA_KIRIM, amount), (source, -amount)], reference=reference,
                      created_by_id=created_by_id)


def member_repaid(group_id: int, member_id: int, day: date, amount: int, paid_into: str = "kas",
                  reference: str | None = None, created_by_id: int | None = None) -> JournalEntry:
    """A member pays back what they owe the group (Piutang anggota: a share paid to them for a sale that was
    refunded afterwards)."""
    if reference is not None and (existing := find_entry(group_id, reference)) is not None:
        return existing
    if amount <= 0:
        raise DomainError(_("Jumlah pembayaran harus lebih dari nol."))
    if amount > member_balance(group_id, c.PIUTANG_ANGGOTA, member_id):
        raise DomainError(_("Jumlah melebihi utang anggota ini kepada kelompok."))
    return post_entry(group_id, day, "maker_paid", "Anggota mengembalikan bagian pengrajin",
                      [(RECEIVED_INTO[paid_into], amount), (c.PIUTANG_ANGGOTA, -amount, member_id)],
                      reference=reference, created_by_id=created_by_id)
