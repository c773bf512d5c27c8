"""The only place a request's status changes: an explicit table; anything else raises InvalidTransition."""
from __future__ import annotations

from flask_babel import gettext as _

from shop.custom_orders.models import CustomOrder
from shop.errors import InvalidTransition

TRANSITIONS: dict[str, set[str]] = {
    "new": {"quoted", "declined", "cancelled"},
    "quoted": {"quoted", "accepted", "declined", "cancelled"},
    "accepted": {"production", "ready", "cancelled"},
    "production": {"ready", "cancelled"},
    "ready": {"delivered", "cancelled"},
    "delivered": set(),
    "cancelled": set(),
    "declined": set(),
}
OPEN = ("new", "quoted", "accepted", "production", "ready")


def move(co: CustomOrder, target: str) -> None:
    if target not in TRANSITIONS.get(co.status, set()):
        raise InvalidTransition(_("Status pesanan tidak bisa diubah dari \u201c%(a)s\u201d ke \u201c%(b)s\u201d.",
                                  a=co.status, b=target))
    co.status = target
