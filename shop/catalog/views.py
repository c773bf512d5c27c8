from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from shop.catalog import listing, queries
from shop.catalog.cards import card_keys, content_key, render_cards
from shop.crafts import CRAFTS, KIND_LABELS
from shop.groups.regions import PROVINCES

bp = Blueprint("catalog", __name__)
SHOWN_STOCK = 5  # a product page shows "Sisa n" up to this many, "Tersedia" above


@bp.route("/")
def home():
    version = listing.catalogue_version()
    featured = queries.featured_products(version, 8)
    return render_template(
        "catalog/home.html",
        content_key=content_key("home", version, card_keys(featured)),
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
    version = listing.catalogue_version()
    page = queries.search_catalog(filters, current_app.config["PER_PAGE"], version)
    return render_template(
        "catalog/catalogue.html",
        filters=filters,
        page=page,
        content_key=content_key("catalogue", version, filters.args(), page.total, page.page, card_keys(page.items)),
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
    item = queries.product_by_slug(slug)
    if item is None:
        abort(404)
    about = content_key("product", item.id, item.updated_at, item.group.updated_at)
    # the top block shows each variant's stock only as "Sisa n" up to SHOWN_STOCK, above that "Tersedia": an order
    # that takes one of forty leaves the cached page as it was
    top = content_key(about, [(v.id, min(v.stock, SHOWN_STOCK + 1)) for v in item.variants])
    return render_template("catalog/product.html", product=item, crafts=CRAFTS, kinds=KIND_LABELS, content_key=top,
                           about_key=about, shown_stock=SHOWN_STOCK)
