"""Opening balances: a group that already has cash, a bank account, equipment, money owed to it and members'
savings when it starts keeping its books here. One balanced entry (kind "opening", reference "opening"), dated
the start date, only while the group's books are still empty:

    Dr 1101 Kas / 1102 Bank / 1202 Peralatan dan mesin (one register row per item, at its value on the start
       date, depreciated over the months of use it has left) / 1104 Piutang panitia / 1105 Piutang anggota
    Cr 3101 Simpanan pokok, 3102 Simpanan wajib (per member when known, else as a total),
       2103 Simpanan sukarela (a liability), and the rest to 3107 Ekuitas saldo awal.

When the savings are more than the assets the rest is a debit of 3107 (the group starts short)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.assets import check_asset
from shop.ledger.models import FixedAsset, JournalEntry
from shop.ledger.periods import check_open
from shop.ledger.services import post_entry

OPENING_REFERENCE = "opening"
SAVINGS = {"pokok": c.SIMPANAN_POKOK, "wajib": c.SIMPANAN_WAJIB, "sukarela": c.SIMPANAN_SUKARELA}


@dataclass(frozen=True)
class OpeningItem:
    """A piece of equipment already owned: its value on the start date and the months of use it has left."""
    name: str
    value: int
    life_months: int
    residual: int = 0


@dataclass
class Opening:
    day: date
    kas: int = 0
    bank: int = 0
    piutang_panitia: int = 0
    piutang_anggota: dict[int, int] = field(default_factory=dict)  # member id -> what the member owes
    equipment: list[OpeningItem] = field(default_factory=list)
    savings: dict[tuple[int | None, str], int] = field(default_factory=dict)  # (member id or None, kind)

    @property
    def assets(self) -> int:
        return (self.kas + self.bank + self.piutang_panitia + sum(self.piutang_anggota.values())
                + sum(item.value for item in self.equipment))

    @property
    def rest(self) -> int:
        """What is left for Ekuitas saldo awal (negative: the savings are more than the assets)."""
        return self.assets - sum(self.savings.values())


def has_entries(group_id: int) -> bool:
    return db.session.scalar(select(JournalEntry.id).where(JournalEntry.group_id == group_id).limit(1)) is not None


def check_can_open(group_id: int) -> None:
    if has_entries(group_id):
        raise DomainError(_("Saldo awal hanya bisa dicatat sebelum ada transaksi apa pun di buku kelompok ini. "
                            "Buku ini sudah berisi transaksi; catat sisanya sebagai transaksi biasa atau "
                            "hibah."))


def post_opening(group_id: int, opening: Opening, created_by_id: int | None = None) -> JournalEntry:
    """Post the opening entry and the register rows of the equipment (DomainError when not allowed)."""
    check_can_open(group_id)
    amounts = [opening.kas, opening.bank, opening.piutang_panitia, *opening.piutang_anggota.values(),
               *opening.savings.values()]
    if any(a < 0 for a in amounts):
        raise DomainError(_("Saldo awal tidak boleh negatif."))
    for item in opening.equipment:
        check_asset(item.name, item.value, item.life_months, item.residual)
    if opening.assets <= 0 and not opening.savings:
        raise DomainError(_("Isi setidaknya satu saldo: kas, bank, peralatan atau piutang."))
    check_open(group_id, opening.day)
    postings: list[tuple] = [(c.KAS, opening.kas), (c.BANK, opening.bank),
                             (c.PIUTANG_PANITIA, opening.piutang_panitia)]
    postings += [(c.PIUTANG_ANGGOTA, amount, member_id)
                 for member_id, amount in sorted(opening.piutang_anggota.items())]
    postings += [(c.PERALATAN_MESIN, item.value) for item in opening.equipment]
    postings += [(SAVINGS[kind], -amount, member_id) for (member_id, kind), amount
                 in sorted(opening.savings.items(), key=lambda kv: (kv[0][1], kv[0][0] or 0))]
    postings.append((c.EKUITAS_SALDO_AWAL, -opening.rest))
    entry = post_entry(group_id, opening.day, "opening", f"Saldo awal per {opening.day:%d-%m-%Y}", postings,
                       reference=OPENING_REFERENCE, created_by_id=created_by_id)
    for item in opening.equipment:
        db.session.add(FixedAsset(group_id=group_id, name=item.name.strip()[:120], acquired_on=opening.day,
                                  cost=item.value, life_months=item.life_months, residual=item.residual,
                                  funded_by="saldo_awal", entry_id=entry.id, created_by_id=created_by_id))
    db.session.flush()
    return entry
