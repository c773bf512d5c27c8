"""Who may use an event's till: its assigned cashiers, the organisers who run it, and the coordinators of groups
that take part. Another event's cashier or organiser gets NotAllowed (403) and sees nothing."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import NotAllowed, NotFound
from shop.events import access as event_access
from shop.events.models import Event, EventCashier, EventParticipation, Till
from shop.extensions import db

TILL_ROLES = ("cashier", "coordinator", "organiser")


def may_sell(user, event: Event) -> bool:
    if user.role == "organiser":
        return event_access.runs(user, event.id)
    if user.role == "cashier":
        return db.session.scalar(select(EventCashier.id).where(EventCashier.event_id == event.id,
                                                               EventCashier.user_id == user.id)) is not None
    if user.role == "coordinator" and user.group_id is not None:
        return db.session.scalar(select(EventParticipation.id).where(
            EventParticipation.event_id == event.id, EventParticipation.group_id == user.group_id,
            EventParticipation.status == "accepted")) is not None
    return False


def event_for_till(user, event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None:
        raise NotFound(_("Bazar tidak ditemukan."))
    if not may_sell(user, event):
        raise NotAllowed(_("Anda bukan kasir bazar ini."))
    return event


def till_of(event: Event, till_id) -> Till:
    till = db.session.get(Till, till_id) if isinstance(till_id, int) else None
    if till is None or till.event_id != event.id:
        raise NotFound(_("Kasir (mesin) ini tidak ada di bazar ini."))
    return till


def events_for(user) -> list[Event]:
    """Events whose till this user may open, newest first (running ones before the others)."""
    stmt = select(Event).where(Event.status.in_(("published", "running", "closed")))
    if user.role == "cashier":
        stmt = stmt.join(EventCashier, EventCashier.event_id == Event.id).where(EventCashier.user_id == user.id)
    elif user.role == "coordinator":
        stmt = stmt.join(EventParticipation).where(EventParticipation.group_id == user.group_id,
                                                   EventParticipation.status == "accepted")
    elif user.role == "organiser":
        stmt = event_access.scoped(stmt, user)
    else:
        return []
    events = list(db.session.scalars(stmt.order_by(Event.starts_on.desc(), Event.id.desc())))
    return sorted(events, key=lambda e: e.status != "running")
