from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from shop.catalog import queries
from shop.crafts import CRAFTS, KIND_LABELS

bp = Blueprint("catalog", __name__)


@bp.route("/")
def home():
    return render_template(
        "catalog/home.html",
        featured=queries.featured_products(8),
        craft_counts=queries.craft_counts(),
        regions=queries.regions_with_groups(),
        groups=queries.active_groups(),
        crafts=CRAFTS,
    )


@bp.route("/katalog")
def catalogue():
    filters = queries.CatalogFilters.from_args(request.args)
    page = queries.search_catalog(filters, current_app.config["PER_PAGE"])
    return render_template(
        "catalog/catalogue.html",
        filters=filters,
        page=page,
        crafts=CRAFTS,
        kinds=KIND_LABELS,
        regions=queries.regions_with_groups(),
        groups=queries.active_groups(),
    )


@bp.route("/produk/<slug>")
def product(slug: str):
    item = queries.product_by_slug(slug)
    if item is None:
        abort(404)
    return render_template("catalog/product.html", product=item, crafts=CRAFTS, kinds=KIND_LABELS)
