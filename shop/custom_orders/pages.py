"""What the request pages share: reading the contact and photos from a form, and the context of the buyer's page
and the coordinator's page (the actions allowed now, the stage timeline, the payments)."""
from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from shop.custom_orders import actions, deposits, quotes, stages
from shop.custom_orders.garments import FIELDS, garment_label
from shop.custom_orders.models import STAGES, CustomOrder
from shop.custom_orders.requests import Contact
from shop.custom_orders.stages import STAGE_LABELS
from shop.custom_orders.templates import cm_text
from shop.errors import InvalidImage

MAX_PHOTO_BYTES = 10 * 1024 * 1024


def contact_from(form) -> Contact:
    return Contact(name=form.name.data or "", email=form.email.data or "", phone=form.phone.data or "",
                   fabric=form.fabric.data or "", colour=form.colour.data or "", model=form.model.data or "",
                   notes=form.notes.data or "", shipping=form.shipping.data or "pickup",
                   address=form.address.data or "",
                   organisation=(getattr(form, "organisation", None) and form.organisation.data) or "")


def read_photos() -> list[bytes]:
    out = []
    for storage in request.files.getlist("photos"):
        if storage and storage.filename:
            data = storage.stream.read(MAX_PHOTO_BYTES + 1)
            if len(data) > MAX_PHOTO_BYTES:
                raise InvalidImage(_("Foto lebih dari 10 MB. Pilih foto yang lebih kecil."))
            out.append(data)
    return out


def timeline(co: CustomOrder) -> list[dict]:
    done = {s.stage: s.at for s in co.stages}
    return [{"stage": s, "label": STAGE_LABELS[s], "at": done.get(s)}
            for s in STAGES]


def measurement_rows(co: CustomOrder) -> list[tuple[str, str]]:
    person = co.people[0] if co.people else None
    if person is None:
        return []
    return [(str(FIELDS[k].label) if k in FIELDS else k, cm_text(v))
            for k, v in person.measurements.items()]


def person_text(person) -> str:
    if person.size:
        return person.size
    return ", ".join(f"{FIELDS[k].label if k in FIELDS else k} {cm_text(v)}" for k, v in person.measurements.items())


def common(co: CustomOrder, who: str) -> dict:
    return {"co": co, "acts": actions.available_actions(co, who), "timeline": timeline(co),
            "garment": garment_label(co.garment), "deposit_paid": deposits.deposit_paid(co),
            "balance_paid": deposits.balance_paid(co), "terms": deposits.cancel_terms(co),
            "expired": quotes.quote_expired(co), "measurements": measurement_rows(co),
            "summary": sorted(co.size_counts().items()), "stage_labels": STAGE_LABELS,
            "awaiting_buyer": bool(co.messages) and co.messages[-1].author == "group",
            "next_stages": stages.next_stages(co), "person_text": person_text}


def buyer_page_context(co: CustomOrder, message_form, pay_form) -> dict:
    return dict(common(co, "buyer"), message_form=message_form, pay_form=pay_form)
