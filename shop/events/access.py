"""Who runs an event: its organisers (the account that made it and any added since). An organiser sees and
manages only the events it runs; an admin sees every event. Another organiser's event is NotFound (404)."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import Select, select

from shop.accounts.models import User
from shop.activity.services import record
from shop.errors import DomainError, NotFound
from shop.events.models import Event, EventOrganiser
from shop.extensions import db


def runs(user, event_id: int) -> bool:
    """True when this user may manage the event: an admin, or one of the event's organisers."""
    if user.role == "admin":
        return True
    if user.role != "organiser":
        return False
    return db.session.scalar(select(EventOrganiser.id).where(EventOrganiser.event_id == event_id,
                                                             EventOrganiser.user_id == user.id)) is not None


def check_runs(user, event_id: int) -> None:
    if not runs(user, event_id):
        raise NotFound(_("Bazar tidak ditemukan."))


def scoped(stmt: Select, user) -> Select:
    """Limit a select over Event to the events this user runs (every event for an admin)."""
    if user.role == "admin":
        return stmt
    if user.role != "organiser":
        return stmt.where(Event.id.is_(None))
    return stmt.where(Event.id.in_(select(EventOrganiser.event_id).where(EventOrganiser.user_id == user.id)))


def organisers(event: Event) -> tuple[list[User], list[User]]:
    """(the event's organisers, other active organiser accounts that could be added)."""
    mine = list(db.session.scalars(select(User).join(EventOrganiser, EventOrganiser.user_id == User.id)
                                   .where(EventOrganiser.event_id == event.id).order_by(User.email)))
    others = list(db.session.scalars(select(User).where(User.role == "organiser", User.active.is_(True),
                                                        User.id.not_in([u.id for u in mine] or [0]))
                                     .order_by(User.email)))
    return mine, others


def add_organiser(event: Event, user_id: int) -> None:
    """Another organiser account runs this event too (it then sees and manages it). Adding twice changes nothing."""
    user = db.session.get(User, user_id)
    if user is None or user.role != "organiser" or not user.active:
        raise DomainError(_("Pilih akun panitia yang aktif."))
    if runs(user, event.id):
        return
    db.session.add(EventOrganiser(event_id=event.id, user_id=user.id))
    db.session.flush()
    record("event.organiser_added", event.name, detail=user.email)


def link_creator(event: Event, user_id: int | None) -> None:
    """The organiser who made an event runs it (an admin who made one adds organisers afterwards)."""
    user = db.session.get(User, user_id) if user_id else None
    if user is not None and user.role == "organiser":
        db.session.add(EventOrganiser(event_id=event.id, user_id=user.id))
        db.session.flush()
