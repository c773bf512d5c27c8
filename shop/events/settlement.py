"""What each group sold at a bazaar, how it was paid, what the organiser holds for it, and the hand-over that
closes the group's Piutang panitia. Flush, never commit."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.errors import DomainError, NotFound
from shop.events.models import Event, EventParticipation, Settlement, TillSale
from shop.extensions import db
from shop.ledger import events as ledger
from shop.orders.models import OrderPart

SETTLE_METHODS = {"cash": "kas", "transfer": "bank"}
DIRECT_METHODS = ("qris_group",)  # paid into the group's own account at the till: never held by the organiser


@dataclass
class GroupTakings:
    group_id: int
    name: str
    booth: str = ""
    sales: int = 0               # number of sales with a part for this group
    total: int = 0               # money taken for the group
    by_method: dict[str, int] = field(default_factory=dict)
    oversold_sales: int = 0
    settlement: Settlement | None = None

    @property
    def received_directly(self) -> int:
        """Paid to the group's own QRIS: already in the group's bank, not owed by the organiser."""
        return sum(self.by_method.get(m, 0) for m in DIRECT_METHODS)

    @property
    def owed(self) -> int:
        """What the organiser took for the group (cash, its QRIS, card) and hands over at settlement."""
        return self.total - self.received_directly

    @property
    def held(self) -> int:
        return 0 if self.settlement is not None else self.owed


def takings(event: Event) -> list[GroupTakings]:
    """One row per accepted group (and any group with sales), in booth order."""
    rows: dict[int, GroupTakings] = {}
    for p in db.session.scalars(select(EventParticipation).where(EventParticipation.event_id == event.id)):
        if p.status == "accepted":
            rows[p.group_id] = GroupTakings(p.group_id, p.group.name, p.booth)
    stmt = (select(OrderPart.group_id, TillSale.method, TillSale.oversold, func.count(), func.sum(OrderPart.total))
            .join(TillSale, TillSale.order_id == OrderPart.order_id)
            .where(TillSale.event_id == event.id, TillSale.status == "recorded")
            .group_by(OrderPart.group_id, TillSale.method, TillSale.oversold))
    by_method: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for group_id, method, oversold, count, total in db.session.execute(stmt):
        row = rows.get(group_id) or rows.setdefault(group_id, GroupTakings(group_id, "", ""))
        row.sales += count
        row.total += int(total or 0)
        row.oversold_sales += count if oversold else 0
        by_method[group_id][method] += int(total or 0)
    for group_id, methods in by_method.items():
        rows[group_id].by_method = dict(methods)
    for s in db.session.scalars(select(Settlement).where(Settlement.event_id == event.id)):
        if s.group_id in rows:
            rows[s.group_id].settlement = s
    return sorted(rows.values(), key=lambda r: (r.booth or "~", r.name))


def unsettled_groups(event: Event) -> list[GroupTakings]:
    return [row for row in takings(event) if row.owed and row.settlement is None]


def record_settlement(event: Event, group_id: int, method: str, day: date, handed_over_by: str,
                      received_by: str, user_id: int | None = None) -> Settlement:
    """The organiser hands the group everything it took for it at this event; posts Kas/Bank against Piutang
    panitia in the group's books, once per group and event."""
    if event.status not in ("closed", "settled"):
        raise DomainError(_("Tutup bazar dulu, baru serahkan hasil penjualan."))
    if method not in SETTLE_METHODS:
        raise DomainError(_("Pilih cara serah terima: tunai atau transfer."))
    open_conflict = select(TillSale.id).where(TillSale.event_id == event.id, TillSale.status == "conflict")
    if db.session.scalar(open_conflict.limit(1)) is not None:
        raise DomainError(_("Selesaikan dulu konflik penjualan bazar ini: hasilnya bisa mengubah jumlah "
                            "serah terima."))
    if not handed_over_by.strip() or not received_by.strip():
        raise DomainError(_("Tulis nama yang menyerahkan dan yang menerima."))
    row = next((r for r in takings(event) if r.group_id == group_id), None)
    if row is None:
        raise NotFound(_("Kelompok ini tidak ikut bazar ini."))
    if row.settlement is not None:
        raise DomainError(_("Hasil penjualan kelompok ini sudah diserahkan."))
    if not row.total:
        raise DomainError(_("Kelompok ini belum punya penjualan di bazar ini."))
    if not row.owed:
        raise DomainError(_("Semua penjualan kelompok ini dibayar ke QRIS kelompok: uangnya sudah di rekening "
                            "kelompok, tidak ada yang perlu diserahkan panitia."))
    ledger.panitia_settled(group_id, f"event:{event.id}", day, row.owed, SETTLE_METHODS[method],
                           memo=f"Serah terima hasil {event.name}"[:300], created_by_id=user_id)
    settlement = Settlement(event_id=event.id, group_id=group_id, amount=row.owed, method=method,
                            handed_over_on=day, handed_over_by=handed_over_by.strip()[:120],
                            received_by=received_by.strip()[:120], recorded_by_id=user_id)
    db.session.add(settlement)
    db.session.flush()
    record("event.settled", event.name, group_id=group_id, detail=str(row.owed))
    return settlement
