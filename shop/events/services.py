"""Event verbs for the organiser and the coordinators: create and edit an event, move it through its statuses,
invite groups, answer an invitation, assign booths, cashiers and tills. Flush, never commit."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from shop import images, storage
from shop.accounts.models import User
from shop.activity.services import record
from shop.errors import DomainError, InvalidTransition, NotFound
from shop.events import access, allocation
from shop.events.models import Event, EventCashier, EventParticipation, Till
from shop.events.settlement import unsettled_groups
from shop.extensions import db
from shop.groups.models import Group
from shop.models_base import utcnow
from shop.slugs import unique_slug

EVENT_TRANSITIONS: dict[str, set[str]] = {
    "draft": {"open"},
    "open": {"draft", "published"},
    "published": {"open", "running"},
    "running": {"closed"},
    "closed": {"settled"},
    "settled": set(),
}
STATUS_LABELS = {"draft": _l("Draf"), "open": _l("Pendaftaran kelompok"), "published": _l("Diumumkan"),
                 "running": _l("Berlangsung"), "closed": _l("Selesai"), "settled": _l("Sudah diselesaikan")}
ACTION_LABELS = {"draft": _l("Kembalikan ke draf"), "open": _l("Buka pendaftaran kelompok"),
                 "published": _l("Umumkan ke publik"), "running": _l("Mulai bazar (kasir dibuka)"),
                 "closed": _l("Tutup bazar dan kembalikan stok"), "settled": _l("Tandai sudah diselesaikan")}
PUBLIC_STATUSES = ("published", "running", "closed", "settled")
ANSWERABLE = ("open", "published")       # a coordinator may still answer and change the allocation
SELLING = ("running",)
QRIS_WIDTHS = (240, 480)


def methods_labels() -> dict[str, str]:
    """How a till sale was paid, as the pages say it."""
    return {"cash": _("Tunai"), "qris": _("QRIS"), "edc": _("Kartu (EDC)"), "qris_group": _("QRIS kelompok")}


@dataclass
class EventData:
    name: str
    venue: str
    starts_on: date
    ends_on: date
    address: str = ""
    map_url: str = ""
    opening_hours: str = ""
    description: str = ""


def _check(data: EventData) -> None:
    if not data.name.strip() or not data.venue.strip():
        raise DomainError(_("Isi nama bazar dan tempatnya."))
    if data.ends_on < data.starts_on:
        raise DomainError(_("Tanggal selesai tidak boleh sebelum tanggal mulai."))
    if data.map_url and not data.map_url.startswith(("https://", "http://")):
        raise DomainError(_("Tautan peta harus diawali https://"))


def _apply(event: Event, data: EventData) -> None:
    event.name, event.venue = data.name.strip()[:160], data.venue.strip()[:160]
    event.address, event.map_url = data.address.strip()[:300], data.map_url.strip()[:500]
    event.starts_on, event.ends_on = data.starts_on, data.ends_on
    event.opening_hours, event.description = data.opening_hours.strip()[:120], data.description.strip()


def create_event(data: EventData, organiser_id: int | None) -> Event:
    _check(data)
    event = Event(slug=unique_slug(f"{data.name} {data.starts_on:%Y}", Event.slug, 160), organiser_id=organiser_id,
                  status="draft")
    _apply(event, data)
    db.session.add(event)
    db.session.flush()
    event.tills.append(Till(number=1, name=_("Kasir 1")))
    access.link_creator(event, organiser_id)
    db.session.flush()
    record("event.created", event.name)
    return event


def update_event(event: Event, data: EventData) -> None:
    if event.status in ("closed", "settled"):
        raise DomainError(_("Bazar yang sudah selesai tidak bisa diubah."))
    _check(data)
    _apply(event, data)
    db.session.flush()


def get_event(event_id: int, lock: bool = False) -> Event:
    stmt = select(Event).where(Event.id == event_id)
    event = db.session.scalar(stmt.with_for_update() if lock else stmt)
    if event is None:
        raise NotFound(_("Bazar tidak ditemukan."))
    return event


def available_transitions(event: Event) -> list[str]:
    return sorted(EVENT_TRANSITIONS.get(event.status, set()), key=list(EVENT_TRANSITIONS).index)


def transition(event: Event, target: str) -> None:
    """The one place an event's status changes. Closing returns every unsold unit to the groups' online stock;
    settling needs every group with sales settled."""
    if target not in EVENT_TRANSITIONS.get(event.status, set()):
        raise InvalidTransition(_("Status bazar tidak bisa diubah dari \u201c%(a)s\u201d ke \u201c%(b)s\u201d.",
                                  a=STATUS_LABELS.get(event.status, event.status),
                                  b=STATUS_LABELS.get(target, target)))
    if target == "closed":
        allocation.return_all(event)
    if target == "settled" and unsettled_groups(event):
        raise DomainError(_("Masih ada kelompok yang belum menerima hasil penjualannya."))
    old, event.status = event.status, target
    db.session.flush()
    record("event.status", event.name, detail=f"{old} -> {target}")


def invite(event: Event, group_ids: list[int]) -> int:
    if event.status in ("closed", "settled"):
        raise DomainError(_("Bazar yang sudah selesai tidak bisa mengundang kelompok."))
    groups = list(db.session.scalars(select(Group).where(Group.id.in_(group_ids), Group.status == "active")))
    if not groups:
        raise DomainError(_("Pilih minimal satu kelompok aktif."))
    have = {p.group_id for p in event.participations}
    added = 0
    for group in groups:
        if group.id not in have:
            event.participations.append(EventParticipation(group_id=group.id, status="invited"))
            record("event.invited", event.name, group_id=group.id)
            added += 1
    db.session.flush()
    return added


def participation_for_group(participation_id: int, group_id: int) -> EventParticipation:
    """A coordinator's own invitation; another group's gives NotFound (shown as 404)."""
    part = db.session.get(EventParticipation, participation_id)
    if part is None or part.group_id != group_id:
        raise NotFound(_("Undangan bazar tidak ditemukan."))
    return part


def answer(participation: EventParticipation, accept: bool, note: str = "") -> None:
    if participation.event.status not in ANSWERABLE:
        raise DomainError(_("Pendaftaran bazar ini sudah ditutup."))
    if not accept and participation.items and any(i.quantity or i.sold for i in participation.items):
        allocation.release_group(participation)
    participation.status = "accepted" if accept else "declined"
    participation.note = note.strip()[:300]
    participation.answered_at = utcnow()
    db.session.flush()
    record("event.accepted" if accept else "event.declined", participation.event.name,
           group_id=participation.group_id)


def set_booth(event: Event, participation_id: int, booth: str) -> None:
    part = next((p for p in event.participations if p.id == participation_id), None)
    if part is None:
        raise NotFound(_("Kelompok ini tidak diundang ke bazar ini."))
    if part.status != "accepted":
        raise DomainError(_("Stan hanya untuk kelompok yang sudah menerima undangan."))
    part.booth = booth.strip()[:40]
    db.session.flush()


def not_answered(event: Event) -> list[EventParticipation]:
    return [p for p in event.participations if p.status == "invited"]


def assign_cashier(event: Event, user_id: int) -> None:
    user = db.session.get(User, user_id)
    if user is None or user.role != "cashier" or not user.active:
        raise DomainError(_("Pilih akun kasir yang aktif."))
    if db.session.scalar(select(EventCashier.id).where(EventCashier.event_id == event.id,
                                                       EventCashier.user_id == user_id)) is None:
        db.session.add(EventCashier(event_id=event.id, user_id=user_id))
        db.session.flush()


def set_qris(event: Event, data: bytes) -> None:
    """The organiser's static QRIS (a photo or screenshot), shown on the till when the buyer pays by QRIS."""
    if not data:
        raise DomainError(_("Pilih gambar QRIS (foto atau tangkapan layar)."))
    stored = images.store_upload(data, storage.media(), QRIS_WIDTHS,
                                 current_app.config["IMAGE_MAX_PIXELS"])
    event.qris_image = f"{stored.key}-{stored.widths[-1]}.{images.OUTPUT_EXT}"
    db.session.flush()


def add_till(event: Event, name: str) -> Till:
    number = (db.session.scalar(select(func.max(Till.number)).where(Till.event_id == event.id)) or 0) + 1
    till = Till(event_id=event.id, number=number, name=(name.strip() or _("Kasir %(n)d", n=number))[:80])
    db.session.add(till)
    db.session.flush()
    return till
