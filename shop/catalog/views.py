from __future__ import annotations

from flask import Blueprint, abort, current_app, request

from shop import page_cache
from shop.catalog import queries
from shop.catalog.cards import card_keys, content_key, render_cards
from shop.crafts import CRAFTS, KIND_LABELS
from shop.groups.regions import PROVINCES
from shop.timefmt import today_wib

bp = Blueprint("catalog", __name__)
SHOWN_STOCK = 5  # a product page shows "Sisa n" up to this many, "Tersedia" above


@bp.route("/")
def home():
    featured, version = queries.featured_products(8)
    return page_cache.render(
        "catalog/home.html",
        content_key("home", version, today_wib(), card_keys(featured)),  # the date: bazaars begin and end
        featured=lambda: render_cards(featured),  # only when the content block is not cached
        craft_counts=lambda: queries.craft_counts(version),
        lists_version=version,
        regions=queries.regions_with_groups,  # called inside the cached fragment, only when it is not cached
        groups=queries.active_groups,
        crafts=CRAFTS,
    )


@bp.route("/katalog")
def catalogue():
    filters = queries.CatalogFilters.from_args(request.args)
    page, version = queries.search_catalog_versioned(filters, current_app.config["PER_PAGE"])
    return page_cache.render(
        "catalog/catalogue.html",
        content_key("catalogue", version, filters.args(), page.total, page.page, card_keys(page.items)),
        filters=filters,
        page=page,
        cards=lambda: render_cards(page.items),  # only when the content block is not cached
        crafts=CRAFTS,
        kinds=KIND_LABELS,
        provinces=PROVINCES,
        lists_version=version,
        regions=queries.regions_with_groups,  # called inside the cached fragment, only when it is not cached
        groups=queries.active_groups,
    )


@bp.route("/produk/<slug>")
def product(slug: str):
    version = queries.product_version(slug)  # one light statement: a page kept whole needs nothing more
    if version is None:
        abort(404)
    # each variant's stock only as the page shows it ("Sisa n" up to SHOWN_STOCK, "Tersedia" above): an order
    # that takes one of forty leaves the kept page as it was
    key = content_key("product", tuple((*row[:-1], min(row[-1] or 0, SHOWN_STOCK + 1)) for row in version))
    kept = page_cache.lookup(key)
    if kept is not None:
        return kept
    item = queries.product_by_slug(slug)
    if item is None:
        abort(404)
    about = content_key("product", item.id, item.updated_at, item.group.updated_at, item.group.region_id)
    return page_cache.render("catalog/product.html", key, product=item, crafts=CRAFTS, kinds=KIND_LABELS,
                             about_key=about, shown_stock=SHOWN_STOCK)
