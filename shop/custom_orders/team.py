"""The makers credited with a request: the members the coordinator assigns (the sale is split among them)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from shop.activity.services import record
from shop.custom_orders.models import CustomOrder
from shop.custom_orders.transitions import OPEN
from shop.errors import DomainError, NotAllowed
from shop.extensions import db
from shop.groups.models import Member


def candidates(group_id: int) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.group_id == group_id, Member.left_on.is_(None))
                                   .order_by(Member.name)))


def assign_makers(co: CustomOrder, member_ids: list[int]) -> None:
    if co.status not in OPEN:
        raise NotAllowed(_("Pesanan ini sudah selesai."))
    allowed = {m.id: m for m in candidates(co.group_id)}
    if any(mid not in allowed for mid in member_ids):
        raise DomainError(_("Pilih anggota kelompok Anda sendiri."))
    co.makers = [allowed[mid] for mid in dict.fromkeys(member_ids)]
    db.session.flush()
    record("custom.makers", co.number, group_id=co.group_id, detail=", ".join(m.name for m in co.makers)[:200])
