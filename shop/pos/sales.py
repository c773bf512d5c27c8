"""Till sales, exactly once. Each sale carries a device-made UUID (the Idempotency-Key): the first request with a
key records it (or records why it cannot be honoured: a conflict), later requests with the same key and body get
that first answer again, the same key with another body is refused. Stock comes from the event allocation by a
conditional update; a shortfall or a closed event turns the sale into a conflict the cashier resolves.
Flush, never commit: the view commits (and on a conflict rolls back first, then stores the conflict)."""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from shop.activity.services import record
from shop.catalog import stock as catalog_stock
from shop.errors import DomainError, NotFound, OutOfStock
from shop.events import allocation
from shop.events.models import Event, TillSale
from shop.extensions import db
from shop.money import format_idr
from shop.pos import access, lines
from shop.pos.models import DrawerSession

RESOLUTIONS = ("other_stock", "oversold", "cancel")


class KeyReused(DomainError):
    """The same Idempotency-Key came with another body (HTTP 422)."""


class SaleConflict(DomainError):
    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass
class Answer:
    status: int
    payload: dict
    replayed: bool = False


def check_key(key: str | None) -> str:
    try:
        return str(uuid.UUID(str(key or "")))
    except ValueError:
        raise lines.BadSale(_("Penjualan tanpa kunci (Idempotency-Key UUID) tidak bisa dicatat.")) from None


def replay(key: str, body: dict) -> Answer | None:
    """The first answer to this key, or None when the key is new."""
    sale = db.session.scalar(select(TillSale).where(TillSale.key == key))
    if sale is None:
        return None
    if sale.body_hash != lines.body_hash(body):
        raise KeyReused(_("Kunci penjualan ini sudah dipakai untuk penjualan lain; penjualan ini ditolak."))
    payload = json.loads(sale.result)
    return Answer(201 if payload.get("status") == "recorded" else 409, payload, replayed=True)


def record_sale(user, event_id: int, key: str, body: dict) -> Answer:
    event = access.event_for_till(user, event_id)
    sale_body = lines.parse(body)
    till = access.till_of(event, sale_body.till_id)
    items = lines.items_for(event, sale_body.wanted)
    lines.check_group_qris(items, sale_body)
    total = lines.total_of(items, sale_body.wanted)
    if sale_body.method == "cash" and sale_body.cash < total:
        raise lines.BadSale(_("Uang tunai yang diterima (%(cash)s) kurang dari total %(total)s.",
                              cash=format_idr(sale_body.cash), total=format_idr(total)))
    if event.status in ("draft", "open", "published"):
        raise lines.BadSale(_("Bazar ini belum dimulai: kasir belum bisa mencatat penjualan."))
    sale = TillSale(key=key, body_hash=lines.body_hash(body), body=json.dumps(body)[:20000], event_id=event.id,
                    till_id=till.id, cashier_id=user.id, method=sale_body.method, total=total,
                    cash_received=sale_body.cash if sale_body.method == "cash" else 0,
                    change_given=sale_body.cash - total if sale_body.method == "cash" else 0,
                    made_at=sale_body.made_at, drawer_session_id=_open_drawer(till.id))
    db.session.add(sale)
    db.session.flush()  # the key is claimed here: a concurrent twin waits, then fails on the unique index
    if event.status != "running":
        raise SaleConflict(_("Bazar sudah ditutup: penjualan ini perlu diselesaikan kasir."), "event_closed")
    for sku in sorted(sale_body.wanted, key=lambda s: items[s].id):
        item = items[sku]
        if not allocation.take_for_sale(item.id, sale_body.wanted[sku]):
            reason = "allocation_gone" if item.participation.status != "accepted" else "out_of_stock"
            raise SaleConflict(_("Stok bazar \u201c%(title)s\u201d tidak cukup lagi.",
                                 title=item.variant.product.title), reason)
    _finish(sale, items, sale_body)
    return Answer(201, json.loads(sale.result))


def record_conflict(user, event_id: int, key: str, body: dict, conflict: SaleConflict) -> Answer:
    """After the rollback of a sale that could not be honoured: keep it (never lost) as a conflict."""
    event = access.event_for_till(user, event_id)
    sale_body = lines.parse(body)
    till = access.till_of(event, sale_body.till_id)
    items = lines.items_for(event, sale_body.wanted)
    sale = TillSale(key=key, body_hash=lines.body_hash(body), body=json.dumps(body)[:20000], event_id=event.id,
                    till_id=till.id, cashier_id=user.id, method=sale_body.method, status="conflict",
                    total=lines.total_of(items, sale_body.wanted), made_at=sale_body.made_at,
                    cash_received=sale_body.cash if sale_body.method == "cash" else 0,
                    reason=conflict.reason, drawer_session_id=_open_drawer(till.id))
    sale.change_given = max(sale.cash_received - sale.total, 0)
    payload = {"status": "conflict", "reason": conflict.reason, "message": str(conflict), "key": key}
    sale.result = json.dumps(payload)
    db.session.add(sale)
    db.session.flush()
    payload["sale"] = sale.id
    sale.result = json.dumps(payload)
    record("till.conflict", event.name, detail=f"{key} {conflict.reason}")
    return Answer(409, payload)


def _finish(sale: TillSale, items, sale_body: lines.SaleBody) -> None:
    order = lines.build_order(items, sale_body.wanted, sale_body.method, sale_body.made_at)
    sale.order_id = order.id
    sale.status = "recorded"
    sale.result = json.dumps({
        "status": "recorded", "key": sale.key, "sale": sale.id, "order": order.number, "token": order.token,
        "total": sale.total, "change": sale.change_given,
        "groups": [{"name": p.group.name, "total": p.total} for p in order.parts]})
    db.session.flush()


def _open_drawer(till_id: int) -> int | None:
    return db.session.scalar(select(DrawerSession.id).where(DrawerSession.open_till_id == till_id))


def conflicts(event: Event, till_id: int | None = None) -> list[TillSale]:
    stmt = select(TillSale).where(TillSale.event_id == event.id, TillSale.status == "conflict")
    if till_id is not None:
        stmt = stmt.where(TillSale.till_id == till_id)
    return list(db.session.scalars(stmt.order_by(TillSale.id)))


def reason_labels() -> dict[str, str]:
    return {"out_of_stock": _("stok bazar tidak cukup"), "allocation_gone": _("kelompok tidak lagi ikut bazar"),
            "event_closed": _("bazar sudah ditutup")}


def lines_of(sale: TillSale) -> list[dict]:
    body = json.loads(sale.body)
    return [line for line in body.get("lines", []) if isinstance(line, dict)]


def resolve(user, event_id: int, sale_id: int, action: str, reason: str = "") -> TillSale:
    """other_stock: sell from the group's online stock; oversold: record the sale, counted for settlement
    without stock; cancel: drop it, with a reason."""
    event = access.event_for_till(user, event_id)
    sale = db.session.get(TillSale, sale_id)
    if sale is None or sale.event_id != event.id or sale.status != "conflict":
        raise NotFound(_("Konflik penjualan ini tidak ditemukan atau sudah diselesaikan."))
    if action not in RESOLUTIONS:
        raise DomainError(_("Pilih cara menyelesaikan konflik."))
    if event.status == "settled":
        raise DomainError(_("Bazar sudah diselesaikan; konflik tidak bisa diubah lagi."))
    if action == "cancel":
        if not reason.strip():
            raise DomainError(_("Tulis alasan pembatalan."))
        sale.status, sale.reason = "cancelled", reason.strip()[:300]
        db.session.flush()
        return sale
    sale_body = lines.parse(json.loads(sale.body))
    items = lines.items_for(event, sale_body.wanted)
    if action == "other_stock":
        try:
            catalog_stock.take({items[s].variant_id: q for s, q in sale_body.wanted.items()}, {})
        except OutOfStock:
            raise DomainError(_("Stok lain kelompok juga tidak cukup untuk penjualan ini.")) from None
    else:
        for sku, q in sale_body.wanted.items():
            allocation.record_oversold(items[sku].id, q)
        sale.oversold = True
    _finish(sale, items, sale_body)
    record("till.resolved", event.name, detail=f"{sale.key} {action}")
    return sale
