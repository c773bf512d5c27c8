"""E-mails about a request, queued in the outbox (sent after the commit): to the buyer with the secret link, and
to the group (its coordinators and its own address)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from shop.accounts.models import User
from shop.custom_orders.models import CustomOrder
from shop.extensions import db
from shop.mail.services import queue
from shop.urls import external_url


def buyer_link(co: CustomOrder) -> str:
    return external_url("custom_orders.show", token=co.token)


def staff_link(co: CustomOrder) -> str:
    return external_url("custom_orders_staff.detail", co_id=co.id)


def tell_buyer(co: CustomOrder, what: str, body: str = "") -> None:
    body = body + "\n\n" if body else ""
    queue(co.buyer_email, _("Pesanan ukur %(n)s: %(what)s", n=co.number, what=what),
          _("Halo %(name)s,\n\n%(group)s: %(what)s\n\n%(body)sLihat dan balas lewat tautan rahasia Anda:\n%(link)s",
            name=co.buyer_name, group=co.group.name, what=what, body=body,
            link=buyer_link(co)))


def group_addresses(group_id: int, group_email: str = "") -> list[str]:
    emails = list(db.session.scalars(select(User.email).where(User.group_id == group_id, User.role == "coordinator",
                                                              User.active.is_(True)).order_by(User.id)))
    if group_email and group_email not in emails:
        emails.append(group_email)
    return emails


def tell_group(co: CustomOrder, what: str, body: str = "") -> None:
    body = body + "\n\n" if body else ""
    for address in group_addresses(co.group_id, co.group.email):
        queue(address, _("Pesanan ukur %(n)s: %(what)s", n=co.number, what=what),
              _("%(what)s\n\n%(body)sBuka permintaan ini:\n%(link)s", what=what, body=body,
                link=staff_link(co)))
