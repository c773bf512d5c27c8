"""The thread on a request: the coordinator asks, the buyer answers by the secret link; each message e-mailed."""
from __future__ import annotations

from flask_babel import gettext as _

from shop.activity.services import record
from shop.custom_orders import notify
from shop.custom_orders.models import CustomOrder, Message
from shop.custom_orders.transitions import OPEN
from shop.errors import DomainError, NotAllowed
from shop.extensions import db

MAX_LENGTH = 4000


def post(co: CustomOrder, author: str, body: str, user_id: int | None = None) -> Message:
    body = (body or "").strip()
    if not body:
        raise DomainError(_("Tulis pesan Anda."))
    if len(body) > MAX_LENGTH:
        raise DomainError(_("Pesan terlalu panjang (paling banyak %(n)d huruf).", n=MAX_LENGTH))
    if co.status not in OPEN:
        raise NotAllowed(_("Pesanan ini sudah selesai; percakapan ditutup."))
    if author not in ("buyer", "group"):
        raise ValueError(author)
    message = Message(author=author, user_id=user_id, body=body)
    co.messages.append(message)
    db.session.flush()
    record("custom.message", co.number, group_id=co.group_id, user_id=user_id)
    if author == "group":
        notify.tell_buyer(co, _("pesan dari %(g)s", g=co.group.name), body)
    else:
        notify.tell_group(co, _("pesan dari %(name)s", name=co.buyer_name), body)
    return message


def awaiting_buyer(co: CustomOrder) -> bool:
    """The group asked something and the buyer has not answered yet."""
    return bool(co.messages) and co.messages[-1].author == "group"
