"""Production stages (diukur, dipotong, dijahit, finishing, siap) with their dates; each change is e-mailed to the
buyer. Work starts once the deposit is paid; "siap" makes the request ready for the balance and the handover."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.activity.services import record
from shop.custom_orders import notify
from shop.custom_orders.deposits import balance_paid, deposit_paid
from shop.custom_orders.models import STAGES, CustomOrder, StageChange
from shop.custom_orders.transitions import move
from shop.errors import NotAllowed
from shop.extensions import db
from shop.models_base import utcnow
from shop.money import format_idr

STAGE_LABELS = {"diukur": _l("Diukur"), "dipotong": _l("Dipotong"), "dijahit": _l("Dijahit"),
                "finishing": _l("Finishing"), "siap": _l("Siap diambil atau dikirim")}


def next_stages(co: CustomOrder) -> list[str]:
    """The stages the coordinator may mark now: any later one than the current (a stage may be skipped)."""
    if co.status not in ("accepted", "production") or not deposit_paid(co):
        return []
    start = STAGES.index(co.stage) + 1 if co.stage else 0
    return list(STAGES[start:])


def set_stage(co: CustomOrder, stage: str, user_id: int | None = None, at: datetime | None = None) -> None:
    if stage not in next_stages(co):
        raise NotAllowed(_("Tahap ini tidak bisa dipilih sekarang."))
    if co.status == "accepted":
        move(co, "production")
    if stage == "siap":
        move(co, "ready")
    co.stage = stage
    co.stages.append(StageChange(stage=stage, at=at or utcnow(), user_id=user_id))
    db.session.flush()
    record("custom.stage", co.number, group_id=co.group_id, detail=stage)
    body = ""
    if stage == "siap" and not balance_paid(co):
        body = _("Silakan bayar pelunasan %(a)s lewat halaman pesanan sebelum diambil atau dikirim.",
                 a=format_idr(co.balance_amount))
    notify.tell_buyer(co, _("tahap %(s)s", s=str(STAGE_LABELS[stage]).lower()), body)
