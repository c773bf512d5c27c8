"""Public bazaar pages: upcoming and past events, and one event with its groups, booths and catalogue."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from shop import page_cache
from shop.catalog import listing
from shop.catalog.cards import card_keys, content_key, render_cards
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
    craft = request.args.get("craft", "")
    craft = craft if craft in CRAFTS else ""
    group = request.args.get("kelompok", "")[:180]
    q = (request.args.get("q") or "").strip()[:80]
    loaded = {}

    def products():  # only when the list is not cached for this version
        loaded["event"] = queries.public_event(slug)
        if loaded["event"] is None:
            abort(404)
        return queries.event_products_statement(loaded["event"], craft, group, q)

    # any change to the event, its groups or items makes a new version (shop.events.models)
    rows, version = listing.cached_rows("event", (slug, craft, group, q), products)
    key = content_key("event", slug, version, _today(), craft, group, q, card_keys(rows))
    kept = page_cache.lookup(key)
    if kept is not None:
        return kept
    event = loaded.get("event") or queries.public_event(slug)
    if event is None:
        abort(404)
    groups = sorted((p for p in event.participations if p.status == "accepted"),
                    key=lambda p: (p.booth or "~", p.group.name))
    return page_cache.render("events/public_event.html", key, event=event, groups=groups,
                             cards=render_cards(rows), crafts=CRAFTS, craft=craft, group=group, q=q)
