"""Public bazaar pages: upcoming and past events, and one event with its groups, booths and catalogue."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from shop.catalog.cards import render_cards
from shop.crafts import CRAFTS
from shop.events import queries
from shop.orders.books import book_day

bp = Blueprint("bazaar", __name__)


def _today():
    return book_day(None)  # today in WIB


@bp.app_context_processor
def bazaar_helpers():
    """`upcoming_bazaars()` for the home page: a callable, so pages that do not show it run no query."""
    return {"upcoming_bazaars": lambda: queries.home_events(_today())}


@bp.get("/bazar")
def index():
    upcoming, past = queries.public_events(_today())
    return render_template("events/public_index.html", upcoming=upcoming, past=past[:30])


@bp.get("/bazar/<slug>")
def show(slug: str):
    event = queries.public_event(slug)
    if event is None:
        abort(404)
    craft = request.args.get("craft", "")
    group = request.args.get("kelompok", "")
    q = (request.args.get("q") or "").strip()[:80]
    groups = sorted((p for p in event.participations if p.status == "accepted"),
                    key=lambda p: (p.booth or "~", p.group.name))
    rows = queries.event_products(event, craft if craft in CRAFTS else "", group, q)
    return render_template("events/public_event.html", event=event, groups=groups, cards=render_cards(rows),
                           crafts=CRAFTS, craft=craft, group=group, q=q)
