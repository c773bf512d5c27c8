from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from shop.catalog import listing, queries
from shop.catalog.cards import render_cards
from shop.catalog.crafts import CRAFTS, KIND_LABELS

bp = Blueprint("catalog", __name__)


@bp.route("/")
def home():
    version = listing.catalogue_version()
    return render_template(
        "catalog/home.html",
        featured=render_cards(queries.featured_products(version, 8)),
        craft_counts=queries.craft_counts(version),
        lists_version=version,
        regions=queries.regions_with_groups,  # called inside the cached fragment, only when it is not cached
        groups=queries.active_groups,
        crafts=CRAFTS,
    )


@bp.route("/katalog")
def catalogue():
    filters = queries.CatalogFilters.from_args(request.args)
    version = listing.catalogue_version()
    page = queries.search_catalog(filters, current_app.config["PER_PAGE"], version)
    return render_template(
        "catalog/catalogue.html",
        filters=filters,
        page=page,
        cards=render_cards(page.items),
        crafts=CRAFTS,
        kinds=KIND_LABELS,
        lists_version=version,
        regions=queries.regions_with_groups,  # called inside the cached fragment, only when it is not cached
        groups=queries.active_groups,
    )


@bp.route("/produk/<slug>")
def product(slug: str):
    item = queries.product_by_slug(slug)
    if item is None:
        abort(404)
    return render_template("catalog/product.html", product=item, crafts=CRAFTS, kinds=KIND_LABELS)
