"""Read side of bazaars: lists for the organiser and the public, an event's groups and their stock, the event
catalogue with the catalogue's filters, the groups an organiser can still invite."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload, selectinload

from shop.accounts.models import User
from shop.catalog.cards import card_rows
from shop.catalog.models import Product, Variant
from shop.catalog.public import public_products
from shop.events import access
from shop.events.models import Event, EventCashier, EventItem, EventParticipation
from shop.extensions import db
from shop.groups.models import Group

PUBLIC = ("published", "running", "closed", "settled")


def organiser_events(user) -> list[Event]:
    """The events this user runs (every event for an admin), newest first."""
    stmt = access.scoped(select(Event), user)
    return list(db.session.scalars(stmt.order_by(Event.starts_on.desc(), Event.id.desc())))


def event_detail(event_id: int, user) -> Event | None:
    """The event with its groups, stock and tills, when this user runs it (None otherwise: shown as 404)."""
    return db.session.scalar(access.scoped(select(Event), user).where(Event.id == event_id).options(
        selectinload(Event.participations).selectinload(EventParticipation.group),
        selectinload(Event.participations).selectinload(EventParticipation.items)
        .selectinload(EventItem.variant).selectinload(Variant.product),
        selectinload(Event.tills)))


def invitable_groups(event: Event) -> list[Group]:
    have = [p.group_id for p in event.participations]
    stmt = select(Group).where(Group.status == "active").order_by(Group.name)
    if have:
        stmt = stmt.where(Group.id.not_in(have))
    return list(db.session.scalars(stmt))


def cashiers(event: Event) -> tuple[list[User], list[User]]:
    """(assigned to the event, other active cashier accounts)."""
    assigned = list(db.session.scalars(select(User).join(EventCashier, EventCashier.user_id == User.id)
                                       .where(EventCashier.event_id == event.id).order_by(User.email)))
    others = list(db.session.scalars(select(User).where(User.role == "cashier", User.active.is_(True),
                                                        User.id.not_in([u.id for u in assigned] or [0]))
                                     .order_by(User.email)))
    return assigned, others


def public_events(today: date) -> tuple[list[Event], list[Event]]:
    """(upcoming or running, soonest first; past, latest first)."""
    events = list(db.session.scalars(select(Event).where(Event.status.in_(PUBLIC))
                                     .order_by(Event.starts_on, Event.id)))
    upcoming = [e for e in events if e.status == "running" or (e.status == "published" and e.ends_on >= today)]
    past = [e for e in reversed(events) if e not in upcoming]
    return upcoming, past


def public_event(slug: str) -> Event | None:
    return db.session.scalars(select(Event).where(Event.slug == slug, Event.status.in_(PUBLIC)).options(
        joinedload(Event.participations).joinedload(EventParticipation.group))).unique().first()  # one statement


def event_products_statement(event: Event, craft: str = "", group_slug: str = "", q: str = "") -> Select:
    """The public products with stock held for the event by its accepted groups, filtered like the catalogue
    (a list built on public_products(), for shop.catalog.listing and cards)."""
    held = (select(Variant.product_id).join(EventItem, EventItem.variant_id == Variant.id)
            .join(EventParticipation, EventParticipation.id == EventItem.participation_id)
            .where(EventItem.event_id == event.id, EventParticipation.status == "accepted"))
    stmt = public_products().where(Product.id.in_(held)).order_by(Product.title, Product.id).limit(500)
    if craft:
        stmt = stmt.where(Product.craft == craft)
    if group_slug:
        stmt = stmt.where(Group.slug == group_slug)
    if q:
        like = f"%{q.strip()[:80]}%"
        stmt = stmt.where(or_(Product.title.ilike(like), Product.description.ilike(like)))
    return stmt


def event_products(event: Event, craft: str = "", group_slug: str = "", q: str = "") -> list:
    """Card rows (shop.catalog.cards renders them, cached) of event_products_statement: one query."""
    return card_rows(event_products_statement(event, craft, group_slug, q))


def home_events(today: date) -> list[Event]:
    return public_events(today)[0][:3]


def my_invitations(group_id: int) -> list[EventParticipation]:
    return list(db.session.scalars(select(EventParticipation).join(Event)
                                   .where(EventParticipation.group_id == group_id)
                                   .options(selectinload(EventParticipation.event))
                                   .order_by(Event.starts_on.desc())))


def group_variants(group_id: int) -> list[Variant]:
    return list(db.session.scalars(
        select(Variant).join(Product).where(Product.group_id == group_id, Product.status == "published",
                                            Product.kind.in_(("ready_made", "one_of_a_kind")))
        .options(selectinload(Variant.product)).order_by(Product.title, Variant.position)))
