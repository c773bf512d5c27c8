"""The public group pages: every active group, and one group with its story, members who consented and products."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from shop import page_cache
from shop.catalog import queries as catalog_queries
from shop.catalog.cards import card_keys, content_key, render_cards
from shop.crafts import CRAFTS
from shop.groups import queries
from shop.text import parse_int

bp = Blueprint("groups", __name__)


@bp.route("/kelompok")
def index():
    return render_template("catalog/groups.html", groups=catalog_queries.active_groups(), crafts=CRAFTS)


@bp.route("/kelompok/<slug>")
def detail(slug: str):
    version = queries.public_group_version(slug)  # a page kept whole needs only this and its cards' rows
    if version is None:
        abort(404)
    page = catalog_queries.group_products(version[0], parse_int(request.args.get("page"), 1, 1, 10**6),
                                          current_app.config["PER_PAGE"])
    key = content_key("group", version, page.total, page.page, card_keys(page.items))
    kept = page_cache.lookup(key)
    if kept is not None:
        return kept
    group = queries.public_group(slug)
    if group is None:
        abort(404)

    def current():  # members load only when the content is rendered (they bump the group's updated_at)
        return [m for m in group.members if m.is_current]

    return page_cache.render("catalog/group.html", key, group=group, page=page,
                             cards=lambda: render_cards(page.items),  # only when the content is not cached
                             members=lambda: [m for m in current() if m.shown_publicly], crafts=CRAFTS,
                             has_members=lambda: bool(current()))
