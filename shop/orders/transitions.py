"""The only place statuses change: explicit tables; anything else raises InvalidTransition and changes nothing."""
from __future__ import annotations

from flask_babel import gettext as _

from shop.errors import InvalidTransition
from shop.models_base import utcnow

ORDER_TRANSITIONS: dict[str, set[str]] = {
    "placed": {"paid", "completed", "cancelled", "expired", "refunded"},
    "paid": {"completed", "refunded"},
    "completed": {"refunded"},
    "cancelled": set(),
    "expired": set(),
    "refunded": set(),
}

# "placed" -> "processing"/"shipped"/"picked_up" only for cash on delivery (the service checks the method);
# a cash-on-delivery part nobody moved on from "placed" expires like an unpaid transfer
PART_TRANSITIONS: dict[str, set[str]] = {
    "placed": {"paid", "cancelled", "expired", "processing", "shipped", "picked_up"},
    "paid": {"processing", "shipped", "picked_up", "refunded"},
    "processing": {"shipped", "picked_up", "refunded"},
    "shipped": {"delivered", "refunded"},
    "delivered": {"refunded"},
    "picked_up": {"refunded"},
    "cancelled": set(),
    "expired": set(),
    "refunded": set(),
}

PART_DATE_FIELDS = {"paid": "paid_at", "shipped": "shipped_at", "delivered": "finished_at",
                    "picked_up": "finished_at", "cancelled": "cancelled_at", "expired": "cancelled_at",
                    "refunded": "refunded_at"}
# the statuses a paid part may be refunded from, read off the table (one rule for the service and the buttons)
REFUNDABLE_PART = frozenset(s for s, targets in PART_TRANSITIONS.items() if "refunded" in targets)
LIVE_PART = ("placed", "paid", "processing", "shipped", "delivered", "picked_up")
FINISHED_PART = ("delivered", "picked_up")


def _refuse(current: str, target: str):
    raise InvalidTransition(_("Status tidak bisa diubah dari \u201c%(a)s\u201d ke \u201c%(b)s\u201d.",
                              a=current, b=target))


def part_may(part, target: str) -> bool:
    """Whether the table allows the part to move to `target` now."""
    return target in PART_TRANSITIONS.get(part.status, set())


def transition_part(part, target: str) -> None:
    if target not in PART_TRANSITIONS.get(part.status, set()):
        _refuse(part.status, target)
    part.status = target
    field = PART_DATE_FIELDS.get(target)
    if field and getattr(part, field) is None:
        setattr(part, field, utcnow())


def transition_order(order, target: str) -> None:
    if target == order.status:
        return
    if target not in ORDER_TRANSITIONS.get(order.status, set()):
        _refuse(order.status, target)
    order.status = target


def summary_status(parts) -> str:
    """What the order's status should be, given its parts."""
    live = [p for p in parts if p.status in LIVE_PART]
    if not live:
        if any(p.status == "refunded" for p in parts):
            return "refunded"
        if parts and all(p.status == "expired" for p in parts):
            return "expired"
        return "cancelled"
    if all(p.paid_at is not None for p in live):
        return "completed" if all(p.status in FINISHED_PART for p in live) else "paid"
    return "placed"


def sync_order(order) -> None:
    transition_order(order, summary_status(order.parts))
