"""The group's quote (price per item or per size, total, deposit percentage, lead time, validity, the fee kept
on a cancellation before cutting), its weekly capacity, and the lead time it suggests counting accepted work."""
from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.activity.services import record
from shop.custom_orders import notify
from shop.custom_orders.models import CustomOrder, TailoringSettings
from shop.custom_orders.transitions import move
from shop.errors import DomainError
from shop.extensions import db
from shop.models_base import utcnow
from shop.money import format_idr
from shop.timefmt import day as day_text

DEFAULT_DEPOSIT_PERCENT = 50
IN_HAND = ("accepted", "production")  # accepted work not yet ready: it takes the group's capacity


def weekly_capacity(group_id: int) -> int:
    settings = db.session.get(TailoringSettings, group_id)
    return settings.weekly_capacity if settings else 0


def set_capacity(group_id: int, pieces: int) -> None:
    if pieces < 0 or pieces > 100_000:
        raise DomainError(_("Kapasitas harus antara 0 dan 100.000 potong per minggu."))
    settings = db.session.get(TailoringSettings, group_id)
    if settings is None:
        settings = TailoringSettings(group_id=group_id)
        db.session.add(settings)
    settings.weekly_capacity = pieces
    db.session.flush()
    record("custom.capacity", str(pieces), group_id=group_id)


def backlog(group_id: int, exclude_id: int | None = None) -> int:
    """Pieces of accepted work the group has not finished yet."""
    stmt = select(func.coalesce(func.sum(CustomOrder.quantity), 0)).where(
        CustomOrder.group_id == group_id, CustomOrder.status.in_(IN_HAND))
    if exclude_id is not None:
        stmt = stmt.where(CustomOrder.id != exclude_id)
    return int(db.session.scalar(stmt))


def suggested_lead_days(co: CustomOrder) -> int:
    """The product's own lead time, or longer when the weeks of work already accepted plus this request exceed
    it at the group's weekly capacity."""
    base = max(co.product.lead_time_days if co.product else 0, 7)
    capacity = weekly_capacity(co.group_id)
    if capacity <= 0:
        return base
    pieces = backlog(co.group_id, exclude_id=co.id) + co.quantity
    weeks = -(-pieces // capacity)
    return max(base, weeks * 7)


def price_groups(co: CustomOrder) -> list[tuple[str, int]]:
    """(size, pieces) for pricing per size; people measured in cm are priced as one group ('')."""
    return sorted(co.size_counts().items())


def total_for(co: CustomOrder, mode: str, unit_price: int, size_prices: dict[str, int]) -> int:
    if mode == "item":
        if unit_price <= 0:
            raise DomainError(_("Isi harga per potong."))
        return unit_price * co.quantity
    if mode != "size":
        raise DomainError(_("Pilih cara menghitung harga."))
    total = 0
    for size, pieces in price_groups(co):
        price = size_prices.get(size)
        if price is None or price <= 0:
            raise DomainError(_("Isi harga untuk ukuran %(s)s.", s=size or _("ukuran badan")))
        total += price * pieces
    return total


def deposit_for(total: int, percent: int) -> int:
    return (total * percent + 50) // 100  # half up, whole rupiah


def send_quote(co: CustomOrder, mode: str, unit_price: int, size_prices: dict[str, int], deposit_percent: int,
               lead_time_days: int, valid_until: date, cancel_fee: int, note: str = "",
               today: date | None = None) -> CustomOrder:
    today = today or (utcnow() + timedelta(hours=7)).date()
    total = total_for(co, mode, unit_price, size_prices)
    if not 10 <= deposit_percent <= 100:
        raise DomainError(_("Uang muka antara %(low)d%% dan %(high)d%% dari total.", low=10, high=100))
    if not 1 <= lead_time_days <= 365:
        raise DomainError(_("Lama pengerjaan antara 1 dan 365 hari."))
    if valid_until < today:
        raise DomainError(_("Penawaran harus berlaku paling tidak sampai hari ini."))
    deposit = deposit_for(total, deposit_percent)
    if cancel_fee < 0 or cancel_fee > deposit:
        raise DomainError(_("Biaya pembatalan tidak boleh lebih dari uang muka (%(d)s).", d=format_idr(deposit)))
    move(co, "quoted")
    co.price_mode = mode
    co.unit_price = unit_price if mode == "item" else 0
    co.size_prices = {s: size_prices[s] for s, _n in price_groups(co)} if mode == "size" else {}
    co.quote_total, co.deposit_percent, co.deposit_amount = total, deposit_percent, deposit
    co.lead_time_days, co.quote_valid_until, co.cancel_fee = lead_time_days, valid_until, cancel_fee
    co.quote_note = note.strip()[:2000]
    co.quoted_at = utcnow()
    db.session.flush()
    record("custom.quoted", co.number, group_id=co.group_id, detail=format_idr(total))
    notify.tell_buyer(co, _("penawaran harga %(t)s", t=format_idr(total)),
                      _("Total %(t)s, uang muka %(d)s (%(p)d%%), selesai sekitar %(days)d hari setelah uang muka "
                        "dibayar. Penawaran berlaku sampai %(until)s.", t=format_idr(total), d=format_idr(deposit),
                        p=deposit_percent, days=lead_time_days, until=day_text(valid_until)))
    return co


def quote_expired(co: CustomOrder, today: date | None = None) -> bool:
    today = today or (utcnow() + timedelta(hours=7)).date()
    return co.status == "quoted" and co.quote_valid_until is not None and co.quote_valid_until < today


def decline(co: CustomOrder, reason: str) -> None:
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Tuliskan alasannya untuk pembeli."))
    move(co, "declined")
    co.cancel_reason = reason[:1000]
    co.cancelled_at = utcnow()
    db.session.flush()
    record("custom.declined", co.number, group_id=co.group_id, detail=reason[:200])
    notify.tell_buyer(co, _("permintaan tidak bisa dikerjakan"), reason)
