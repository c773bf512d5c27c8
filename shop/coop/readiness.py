"""A group's checklist toward forming a koperasi, with what is still missing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.coop.services import savings
from shop.coop.settings import coop_settings
from shop.extensions import db
from shop.ledger.models import JournalEntry

MIN_FOUNDERS = 9  # current law on primary cooperatives


@dataclass
class Item:
    key: str
    label: str
    done: bool
    missing: str = ""


def months_of_books(group_id: int, today: date) -> int:
    first = db.session.scalar(select(func.min(JournalEntry.date)).where(JournalEntry.group_id == group_id))
    if first is None:
        return 0
    return max(0, (today.year - first.year) * 12 + today.month - first.month)


def checklist(group_id: int, today: date) -> list[Item]:
    rows = savings(group_id, today)
    settings = coop_settings(group_id)
    no_pokok = [r.member.name for r in rows if r.pokok < settings.pokok_amount]
    behind = [r.member.name for r in rows if r.wajib_behind]
    months = months_of_books(group_id, today)
    return [
        Item("members", _("Minimal %(n)d anggota pendiri", n=MIN_FOUNDERS), len(rows) >= MIN_FOUNDERS,
             "" if len(rows) >= MIN_FOUNDERS else _("Baru %(have)d anggota; perlu %(more)d lagi.",
                                                   have=len(rows), more=MIN_FOUNDERS - len(rows))),
        Item("simpanan", _("Simpanan pokok dan wajib terkumpul"), bool(rows) and not no_pokok and not behind,
             "; ".join(filter(None, [
                 _("Belum membayar simpanan pokok: %(names)s", names=", ".join(no_pokok)) if no_pokok else "",
                 _("Tertinggal simpanan wajib: %(names)s", names=", ".join(behind)) if behind else "",
                 _("Belum ada anggota.") if not rows else ""]))),
        Item("books", _("Pembukuan 12 bulan"), months >= 12,
             "" if months >= 12 else _("Pembukuan baru %(months)d bulan.", months=months)),
        Item("adart", _("Rancangan AD/ART sudah disusun"), settings.adart_drafted,
             "" if settings.adart_drafted else _("Centang setelah rancangan AD/ART selesai disusun.")),
    ]
