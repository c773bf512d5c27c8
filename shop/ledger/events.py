"""One function per business event, each posting exactly one entry per group (once: its reference is unique).
Callers (checkout, payments, admin, coordinator views) pass ids and amounts; the ledger imports no other
domain.

Where money arrives (`received_into`): "platform" (card payments collected by the platform for the group, owed
to it: Piutang platform), "bank" (transfer straight to the group's bank), "kas" (cash in the group's hands) or
"panitia" (a bazaar sale at the organiser's till: held by the organiser for the group until settlement).

Wiring, one call per business event, inside the caller's transaction (the caller commits):
    part_paid(part.group_id, part.id, paid_on, order.channel,
              [SaleLine(line.quantity * line.unit_price, line.maker_id, line.product_id, line.title) ...],
              shipping=part.shipping, received_into="platform")
    card_fee(payment_intent_id, paid_on, [(part.group_id, part.id, part.total) ...], fee=stripe_fee_or_None)
    refund(part.group_id, part.id, f"refund:{stripe_refund_id}", day, goods_amount, shipping=0)
    payout(...) is recorded by an admin; maker_paid(...) and cash_movement(...) by the coordinator.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.card import card_fee, fee_at_rate  # noqa: F401  (the card events, named here too)
from shop.ledger.chart import book_settings
from shop.ledger.models import Account, JournalEntry, Posting, SalesCredit
from shop.ledger.services import allocate, available, find_entry, is_new, member_balance, post_entry
from shop.money import format_idr

RECEIVED_INTO = {"platform": c.PIUTANG_PLATFORM, "bank": c.BANK, "kas": c.KAS, "panitia": c.PIUTANG_PANITIA}
SALES_ACCOUNT = {"online": c.PENJUALAN_ONLINE, "bazaar": c.PENJUALAN_BAZAAR}
MOVEMENTS = ("setor", "tarik", "biaya", "pendapatan")


@dataclass(frozen=True)
class SaleLine:
    """One order line as the books need it: amount (quantity × unit price), the maker credited (a Member id,
    None for the group's own goods), and the product for the sales reports."""
    amount: int
    member_id: int | None = None
    product_id: int | None = None
    title: str = ""


def part_reference(order_part_id: int) -> str:
    return f"part:{order_part_id}:paid"


def part_paid(group_id: int, order_part_id: int, day: date, channel: str, lines: list[SaleLine],
              shipping: int = 0, received_into: str | None = None, memo: str = "") -> JournalEntry:
    """An order part is paid: money in (platform, bank or cash), sales by channel, shipping income, and when
    the group pays makers a share, that share owed to each maker (Utang anggota against Bagian pengrajin)."""
    reference = part_reference(order_part_id)
    existing = find_entry(group_id, reference)
    if existing is not None:
        return existing
    if channel not in SALES_ACCOUNT:
        raise ValueError(f"unknown channel {channel!r}")
    if not lines or any(line.amount <= 0 for line in lines) or shipping < 0:
        raise ValueError("a paid part needs lines with positive amounts")
    goods = sum(line.amount for line in lines)
    settle = RECEIVED_INTO[received_into or ("platform" if channel == "online" else "kas")]
    postings: list[tuple] = [(settle, goods + shipping), (SALES_ACCOUNT[channel], -goods),
                             (c.PENDAPATAN_ONGKIR, -shipping)]
    postings += maker_shares(group_id, lines)
    entry = post_entry(group_id, day, "sale", memo or f"Pesanan bagian #{order_part_id} dibayar",
                       postings, reference=reference)
    if not is_new(entry):
        return entry
    for line in lines:
        db.session.add(SalesCredit(group_id=group_id, entry_id=entry.id, date=day, channel=channel,
                                   order_part_id=order_part_id, member_id=line.member_id,
                                   product_id=line.product_id, product_title=line.title[:200],
                                   amount=line.amount, is_member_sale=line.member_id is not None))
    db.session.flush()
    return entry


def maker_shares(group_id: int, lines: list[SaleLine]) -> list[tuple]:
    percent = book_settings(group_id).maker_share_percent
    by_member: dict[int, int] = defaultdict(int)
    for line in lines:
        if line.member_id is not None:
            by_member[line.member_id] += line.amount
    if not percent or not by_member:
        return []
    members = sorted(by_member)
    total = sum(by_member.values()) * percent // 100
    shares = allocate(total, [by_member[m] for m in members])
    return [(c.BAGIAN_PENGRAJIN, total)] + [(c.UTANG_ANGGOTA, -s, m) for m, s in zip(members, shares, strict=False)]


def refunded_so_far(group_id: int, order_part_id: int) -> int:
    return -int(db.session.scalar(select(func.coalesce(func.sum(SalesCredit.amount), 0)).where(
        SalesCredit.group_id == group_id, SalesCredit.order_part_id == order_part_id,
        SalesCredit.amount < 0)))


def refund(group_id: int, order_part_id: int, reference: str, day: date, amount: int, shipping: int = 0,
           memo: str = "", paid_from: str | None = None) -> JournalEntry:
    """A refund of (part of) a paid order part: a reversing entry against Retur penjualan, paid back the way
    the money came in; sales credits and makers' shares are reversed in proportion (exactly, on a full
    refund)."""
    existing = find_entry(group_id, reference)
    if existing is not None:
        return existing
    original = find_entry(group_id, part_reference(order_part_id))
    if original is None:
        raise DomainError(_("Pesanan ini belum tercatat lunas, jadi tidak bisa dikembalikan dananya."))
    credits = list(db.session.scalars(select(SalesCredit).where(
        SalesCredit.entry_id == original.id).order_by(SalesCredit.id)))
    goods = sum(sc.amount for sc in credits)
    remaining = goods - refunded_so_far(group_id, order_part_id)
    paid_shipping = -sum(p.amount for p in original.postings if p.account.code == c.PENDAPATAN_ONGKIR)
    paid_shipping -= shipping_refunded(original)
    if amount <= 0 and shipping <= 0:
        raise DomainError(_("Jumlah pengembalian harus lebih dari nol."))
    if amount < 0 or amount > remaining or shipping < 0 or shipping > paid_shipping:
        raise DomainError(_("Jumlah pengembalian melebihi yang sudah dibayar."))
    settle = next(p.account.code for p in original.postings if p.amount > 0
                  and p.account.code in RECEIVED_INTO.values())
    if paid_from is not None and settle != c.PIUTANG_PLATFORM:  # cash taken in may go back by transfer
        settle = RECEIVED_INTO[paid_from]
    check_funds(group_id, settle, amount + shipping, day)  # E17: a cash or transfer refund needs the money
    postings: list[tuple] = [(c.RETUR_PENJUALAN, amount), (c.PENDAPATAN_ONGKIR, shipping),
                             (settle, -(amount + shipping))]
    postings += _reverse_maker_shares(group_id, original, amount, goods, final=amount == remaining)
    entry = post_entry(group_id, day, "refund", memo or f"Pengembalian dana pesanan bagian #{order_part_id}",
                       postings, reference=reference, reverses_id=original.id)
    if not is_new(entry):
        return entry
    for sc, share in zip(credits, allocate(-amount, [sc.amount for sc in credits]), strict=False):
        if share:
            db.session.add(SalesCredit(group_id=group_id, entry_id=entry.id, date=day, channel=sc.channel,
                                       order_part_id=order_part_id, member_id=sc.member_id,
                                       product_id=sc.product_id, product_title=sc.product_title,
                                       amount=share, is_member_sale=sc.is_member_sale))
    db.session.flush()
    return entry


def shipping_refunded(original: JournalEntry) -> int:
    return int(db.session.scalar(select(func.coalesce(func.sum(Posting.amount), 0))
                                 .join(JournalEntry, JournalEntry.id == Posting.entry_id)
                                 .join(Account, Account.id == Posting.account_id)
                                 .where(JournalEntry.reverses_id == original.id,
                                        Account.code == c.PENDAPATAN_ONGKIR)))


def _reverse_maker_shares(group_id: int, original: JournalEntry, amount: int, goods: int,
                          final: bool) -> list[tuple]:
    owed: dict[int, int] = defaultdict(int)  # makers' shares of this part still standing (positive)
    shares = [p for p in original.postings if p.account.code == c.UTANG_ANGGOTA]
    if not shares:
        return []
    for p in shares:
        owed[p.member_id] -= p.amount
    for entry in db.session.scalars(select(JournalEntry).where(JournalEntry.reverses_id == original.id)):
        for p in entry.postings:
            if p.account.code == c.UTANG_ANGGOTA:
                owed[p.member_id] -= p.amount
    members = sorted(m for m in owed if owed[m] > 0)
    if not members:
        return []
    original_total = -sum(p.amount for p in shares)
    total = sum(owed[m] for m in members) if final else min(
        (original_total * amount + goods // 2) // goods, sum(owed[m] for m in members))
    split = allocate(total, [owed[m] for m in members])
    postings: list[tuple] = [(c.BAGIAN_PENGRAJIN, -total)]
    for member_id, share in zip(members, split, strict=True):
        # what the member was already paid of this share comes back as a debt of the member (E18), not as a
        # positive Utang anggota netted against what the group owes them
        still_owed = max(0, -member_balance(group_id, c.UTANG_ANGGOTA, member_id))
        postings += [(c.UTANG_ANGGOTA, min(share, still_owed), member_id),
                     (c.PIUTANG_ANGGOTA, share - min(share, still_owed), member_id)]
    return postings


def payout(group_id: int, reference: str, day: date, amount: int, memo: str = "",
           created_by_id: int | None = None) -> JournalEntry:
    """The platform transfers what it holds for the group to the group's bank: Piutang platform → Bank."""
    existing = find_entry(group_id, f"payout:{reference}")
    if existing is not None:
        return existing
    if amount <= 0:
        raise DomainError(_("Jumlah pencairan harus lebih dari nol."))
    held = available(group_id, c.PIUTANG_PLATFORM, day)
    if amount > held:
        raise DomainError(_("Jumlah pencairan melebihi dana kelompok yang masih dipegang platform. "
                            "Tersedia %(held)s pada tanggal itu.", held=format_idr(max(0, held))))
    return post_entry(group_id, day, "payout", memo or "Pencairan dana dari platform",
                      [(c.BANK, amount), (c.PIUTANG_PLATFORM, -amount)], reference=f"payout:{reference}",
                      created_by_id=created_by_id)


class DuplicatePayout(DomainError):
    pass


def record_payout(group_id: int, reference: str, day: date, amount: int, memo: str = "",
                  created_by_id: int | None = None) -> JournalEntry:
    """An admin records a transfer by hand: a bank reference already recorded for the group is refused
    (payout() itself stays idempotent, for a retried delivery of the same transfer)."""
    reference = reference.strip()
    if not reference:
        raise DomainError(_("Isi nomor referensi transfer dari bank."))
    if find_entry(group_id, f"payout:{reference}") is not None:
        raise DuplicatePayout(_("Referensi transfer ini sudah pernah dicatat."))
    return payout(group_id, reference, day, amount, memo=memo, created_by_id=created_by_id)


def maker_paid(group_id: int, member_id: int, day: date, amount: int, paid_from: str = "kas",
               reference: str | None = None, memo: str = "",
               created_by_id: int | None = None) -> JournalEntry:
    """A maker receives (part of) the share the group owes them."""
    if reference is not None and (existing := find_entry(group_id, reference)) is not None:
        return existing
    if amount <= 0:
        raise DomainError(_("Jumlah pembayaran harus lebih dari nol."))
    if amount > -member_balance(group_id, c.UTANG_ANGGOTA, member_id):
        raise DomainError(_("Jumlah melebihi bagian yang masih terutang kepada anggota ini."))
    source = {"kas": c.KAS, "bank": c.BANK}[paid_from]
    check_funds(group_id, source, amount, day)
    return post_entry(group_id, day, "maker_paid", memo or "Pembayaran bagian pengrajin",
                      [(c.UTANG_ANGGOTA, amount, member_id), (source, -amount)], reference=reference,
                      created_by_id=created_by_id)


def cash_movement(group_id: int, day: date, movement: str, account: str, amount: int, memo: str,
                  created_by_id: int | None = None, reference: str | None = None,
                  category: str = "lain") -> JournalEntry:
    """A movement the coordinator enters: setor (Kas → Bank), tarik (Bank → Kas), biaya (an operating cost
    paid from Kas or Bank), pendapatan (other income received into Kas or Bank). A memo is required.
    `reference` (the form's one-time key) makes a double submit post once."""
    if reference is not None and (existing := find_entry(group_id, reference)) is not None:
        return existing
    if movement not in MOVEMENTS or account not in ("kas", "bank"):
        raise ValueError("unknown movement")
    if amount <= 0:
        raise DomainError(_("Jumlah harus lebih dari nol."))
    if not (memo or "").strip():
        raise DomainError(_("Tulis keterangan transaksi."))
    code = RECEIVED_INTO[account]
    if movement == "setor":
        postings = [(c.BANK, amount), (c.KAS, -amount)]
    elif movement == "tarik":
        postings = [(c.KAS, amount), (c.BANK, -amount)]
    elif movement == "biaya":
        if category not in c.EXPENSE_CATEGORIES:
            raise ValueError("unknown expense category")
        postings = [(c.EXPENSE_CATEGORIES[category], amount), (code, -amount)]
    else:
        postings = [(code, amount), (c.PENDAPATAN_LAIN, -amount)]
    for source, value in postings:
        if value < 0 and source in (c.KAS, c.BANK):
            check_funds(group_id, source, -value, day)
    return post_entry(group_id, day, "cash", memo.strip(), postings, created_by_id=created_by_id,
                      reference=reference)


def panitia_settled(group_id: int, reference: str, day: date, amount: int, received_into: str = "kas",
                    memo: str = "", created_by_id: int | None = None) -> JournalEntry:
    """The bazaar organiser hands over what it held for the group (cash or transfer): Kas/Bank against
    Piutang panitia. Once per reference."""
    existing = find_entry(group_id, f"settle:{reference}")
    if existing is not None:
        return existing
    if amount <= 0:
        raise DomainError(_("Jumlah serah terima harus lebih dari nol."))
    if amount > available(group_id, c.PIUTANG_PANITIA, day):
        raise DomainError(_("Jumlah serah terima melebihi dana kelompok yang dipegang panitia."))
    return post_entry(group_id, day, "payout", memo or "Serah terima hasil bazar dari panitia",
                      [(RECEIVED_INTO[received_into], amount), (c.PIUTANG_PANITIA, -amount)],
                      reference=f"settle:{reference}", created_by_id=created_by_id)


def check_funds(group_id: int, code: str, amount: int, day: date) -> None:
    """Kas or Bank must hold `amount` on `day` and on every later date (E8: back-dated payments)."""
    if code not in (c.KAS, c.BANK):
        return
    if amount > available(group_id, code, day):
        raise DomainError(_("Saldo %(account)s tidak cukup untuk transaksi ini.",
                            account="Kas" if code == c.KAS else "Bank"))
