"""The organiser's to-do list on the dashboard: bazaars running today, coming up and waiting for the hand-over,
invitations not answered, groups without a booth or stock, till sales in conflict; each counted and linked to the
page that resolves it. A handful of grouped queries whatever the number of events (settled ones are skipped)."""
from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import exists, func, select

from shop.accounts.dashboard import Todo
from shop.events import access
from shop.events.models import Event, EventItem, EventParticipation, TillSale
from shop.events.settlement import unsettled_groups
from shop.extensions import db
from shop.impact.period import today_wib

PLANNING = ("draft", "open", "published")


def _one_or_list(events: list[Event], endpoint: str, anchor: str = "") -> dict:
    """Link to the event's own page when there is one event, else to the list of bazaars."""
    if len(events) == 1:
        return {"endpoint": endpoint, "args": {"event_id": events[0].id}, "anchor": anchor}
    return {"endpoint": "events.index", "args": {}, "anchor": ""}


def _by_event(stmt) -> Counter:
    return Counter(dict(db.session.execute(stmt).all()))


def organiser_items(user) -> list[Todo]:
    today = today_wib()
    events = list(db.session.scalars(access.scoped(select(Event), user).where(Event.status != "settled")
                                     .order_by(Event.starts_on, Event.id)))
    if not events:
        return []
    ids = [e.id for e in events]
    running = [e for e in events if e.status == "running"]
    upcoming = [e for e in events if e.status in PLANNING and e.ends_on >= today]
    closed = [e for e in events if e.status == "closed"]
    todo = [
        Todo(len(running), ngettext("%(num)d bazar berlangsung hari ini", "%(num)d bazar berlangsung hari ini",
                                    len(running)), **_one_or_list(running, "events.detail")),
        Todo(len(upcoming), ngettext("%(num)d bazar akan datang: siapkan kelompok, stan dan kasir",
                                     "%(num)d bazar akan datang: siapkan kelompok, stan dan kasir", len(upcoming)),
             **_one_or_list(upcoming, "events.detail", "kelompok")),
    ]
    if closed:
        todo += _settlement_items(closed)
    silent = _by_event(select(EventParticipation.event_id, func.count()).where(
        EventParticipation.event_id.in_(ids), EventParticipation.status == "invited")
        .group_by(EventParticipation.event_id))
    stocked = exists().where(EventItem.participation_id == EventParticipation.id, EventItem.quantity > 0)
    unready = _by_event(select(EventParticipation.event_id, func.count()).join(Event).where(
        EventParticipation.event_id.in_(ids), Event.status.in_((*PLANNING, "running")),
        EventParticipation.status == "accepted", (EventParticipation.booth == "") | ~stocked)
        .group_by(EventParticipation.event_id))
    conflicts = _by_event(select(TillSale.event_id, func.count()).where(
        TillSale.event_id.in_(ids), TillSale.status == "conflict").group_by(TillSale.event_id))
    for event in events:
        n = silent[event.id] if event.status in PLANNING else 0
        todo.append(Todo(n, ngettext("%(num)d kelompok belum menjawab undangan %(event)s",
                                     "%(num)d kelompok belum menjawab undangan %(event)s", n, event=event.name),
                         "events.detail", {"event_id": event.id}, "kelompok"))
        n = unready[event.id]
        todo.append(Todo(n, ngettext("%(num)d kelompok di %(event)s belum punya stan atau stok",
                                     "%(num)d kelompok di %(event)s belum punya stan atau stok", n, event=event.name),
                         "events.detail", {"event_id": event.id}, "kelompok"))
        n = conflicts[event.id]
        todo.append(Todo(n, ngettext("%(num)d penjualan bermasalah di %(event)s perlu diselesaikan",
                                     "%(num)d penjualan bermasalah di %(event)s perlu diselesaikan", n,
                                     event=event.name),
                         "pos.conflicts", {"event_id": event.id}))
    return [t for t in todo if t.count]


def _settlement_items(closed: list[Event]) -> list[Todo]:
    """Per closed event: the groups that sold and have not been handed their takings yet (the settlement page's
    own figures), or, once every group has them, the event to mark as settled."""
    items = []
    for event in closed:
        n = len(unsettled_groups(event))
        items.append(Todo(n, ngettext("%(num)d kelompok menunggu serah terima hasil %(event)s",
                                      "%(num)d kelompok menunggu serah terima hasil %(event)s", n, event=event.name),
                          "events.settle", {"event_id": event.id}))
        if not n:
            items.append(Todo(1, _("%(event)s sudah diserahterimakan semua: tandai sudah diselesaikan",
                                   event=event.name), "events.detail", {"event_id": event.id}))
    return items
