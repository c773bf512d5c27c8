"""Read side of the public catalogue: filters, search, sorting and pagination with a fixed number of queries."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, bindparam, exists, false, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from shop.catalog import listing, search
from shop.catalog.models import MADE_AFTER_ORDER, Product, Variant, product_maker
from shop.catalog.public import public_products
from shop.crafts import CRAFTS, KIND_LABELS
from shop.extensions import db
from shop.groups.models import Group, Region
from shop.groups.regions import PROVINCES
from shop.money import parse_idr
from shop.pagination import Page
from shop.text import parse_int
from shop.transactions import core_connection

SORTS = ("relevance", "newest", "price_asc", "price_desc", "title")


@dataclass
class CatalogFilters:
    q: str = ""
    craft: str = ""
    province: str = ""
    region: str = ""
    group: str = ""
    kind: str = ""
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False
    sort: str = "newest"
    page: int = 1
    words: list[str] = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> CatalogFilters:
        """Unknown or nonsense values are ignored, never an error."""
        args = {key: value.replace("\x00", "") for key, value in args.items()}
        q = (args.get("q") or "").strip()[:100]
        craft = args.get("craft", "")
        kind = args.get("kind", "")
        words = search.terms(q)
        sort = args.get("sort") or ("relevance" if words else "newest")
        if sort == "relevance" and not words:
            sort = "newest"
        price_min = parse_idr(args.get("price_min"))
        price_max = parse_idr(args.get("price_max"))
        if price_min is not None and price_max is not None and price_min > price_max:
            price_min, price_max = price_max, price_min
        return cls(
            q=q,
            craft=craft if craft in CRAFTS else "",
            province=args.get("province", "") if args.get("province", "") in PROVINCES else "",
            region=(args.get("region") or "")[:140],
            group=(args.get("group") or "")[:180],
            kind=kind if kind in KIND_LABELS else "",
            price_min=price_min,
            price_max=price_max,
            in_stock=args.get("in_stock") in ("1", "on", "true"),
            sort=sort if sort in SORTS else "newest",
            page=parse_int(args.get("page"), default=1, low=1, high=10**6),
            words=words,
        )

    def args(self, **changes) -> dict:
        """Query-string arguments of these filters, for pagination and sort links."""
        values = {"q": self.q, "craft": self.craft, "province": self.province, "region": self.region, "group": self.group,
                  "kind": self.kind, "price_min": self.price_min, "price_max": self.price_max,
                  "in_stock": "1" if self.in_stock else "", "sort": "" if self.sort == self.default_sort else self.sort,
                  "page": self.page if self.page > 1 else ""}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}

    @property
    def default_sort(self) -> str:
        return "relevance" if self.words else "newest"

    @property
    def active(self) -> bool:
        return bool(self.q or self.craft or self.province or self.region or self.group or self.kind or self.in_stock
                    or self.price_min is not None or self.price_max is not None)


def _min_price():
    return (select(func.min(Variant.price)).where(Variant.product_id == Product.id)
            .correlate(Product).scalar_subquery())


def apply_filters(stmt: Select, f: CatalogFilters) -> Select:
    if f.craft:
        stmt = stmt.where(Product.craft == f.craft)
    if f.kind:
        stmt = stmt.where(Product.kind == f.kind)
    if f.province:
        stmt = stmt.where(Region.province == f.province)
    if f.region:
        stmt = stmt.where(Region.slug == f.region)
    if f.group:
        stmt = stmt.where(Group.slug == f.group)
    price = _min_price()
    if f.price_min is not None:
        stmt = stmt.where(price >= f.price_min)
    if f.price_max is not None:
        stmt = stmt.where(price <= f.price_max)
    if f.in_stock:
        stmt = stmt.where(or_(Product.kind.in_(MADE_AFTER_ORDER),
                              exists().where(and_(Variant.product_id == Product.id, Variant.stock > 0))))
    return stmt


def apply_search_and_sort(stmt: Select, f: CatalogFilters) -> Select:
    """The words through the full-text index (shop.catalog.search), then the chosen order."""
    if f.q and not f.words:  # only punctuation typed: nothing can match
        stmt = stmt.where(false())
    stmt, rank = search.match(stmt, f.words)
    price = _min_price()
    order = {
        "relevance": (rank, Product.created_at.desc(), Product.id.desc()) if rank is not None else (),
        "newest": (Product.created_at.desc(), Product.id.desc()),
        "price_asc": (price.asc(), Product.id),
        "price_desc": (price.desc(), Product.id),
        "title": (Product.title, Product.id),
    }[f.sort]
    return stmt.order_by(*order)


def search_catalog(f: CatalogFilters, per_page: int) -> Page:
    """A page of card rows (shop.catalog.cards renders them), the list cached under the catalogue's version."""
    return search_catalog_versioned(f, per_page)[0]


def search_catalog_versioned(f: CatalogFilters, per_page: int) -> tuple[Page, int]:
    """search_catalog and the catalogue's version (read in the same statement)."""
    parts = tuple(sorted(f.args(page=None).items()))
    return listing.cached_page("catalogue", parts, lambda: apply_search_and_sort(apply_filters(public_products(), f), f),
                               f.page, per_page)


def featured_products(limit: int = 8) -> tuple[list, int]:
    """Card rows of the featured products, newest first, and the catalogue's version."""
    return listing.cached_rows("featured", (limit,), lambda: public_products().order_by(
        Product.featured.desc(), Product.created_at.desc(), Product.id.desc()).limit(limit))


def regions_with_groups() -> list[tuple[Region, int]]:
    stmt = (select(Region, func.count(Group.id)).join(Group, Group.region_id == Region.id)
            .where(Group.status == "active").group_by(Region.id).order_by(Region.province, Region.name))
    return [tuple(row) for row in db.session.execute(stmt)]


def craft_counts(version: int) -> dict[str, int]:
    def count() -> dict[str, int]:
        stmt = (select(Product.craft, func.count(Product.id)).join(Product.group)
                .where(Product.status == "published", Group.status == "active").group_by(Product.craft))
        return {craft: n for craft, n in db.session.execute(stmt)}

    return listing.cached_value("crafts", (), version, count)


def active_groups() -> list[Group]:
    stmt = (select(Group).join(Group.region).options(contains_eager(Group.region))
            .where(Group.status == "active").order_by(Region.province, Group.name))
    return list(db.session.scalars(stmt))


def product_by_slug(slug: str) -> Product | None:
    """The product with group, region and variants (what the page's cache key and buy form need); photos and
    makers load when the cached content has to be rendered."""
    return db.session.scalars(_by_slug(), {"slug": slug}).unique().first()


@functools.cache
def _by_slug() -> Select:
    """Built once: making this statement (joins and loader options) cost more CPU than running it."""
    return (public_products().where(Product.slug == bindparam("slug"))  # one statement: the few variants joined
            .options(contains_eager(Product.group).contains_eager(Group.region), joinedload(Product.variants)))


_PRODUCT_VERSION = (public_products().outerjoin(Variant, Variant.product_id == Product.id)
                    .with_only_columns(Product.id, Product.updated_at, Group.updated_at.label("group_updated_at"),
                                       Region.kind, Region.name, Region.province, Variant.id.label("variant_id"),
                                       Variant.stock)
                    .where(Product.slug == bindparam("slug")).order_by(Variant.id))


def product_version(slug: str) -> tuple | None:
    """Everything the product page shows can change only with one of these (its row, variants, photos and makers
    bump its updated_at, its group's row and members the group's, stock is read as it is): one light statement, no
    ORM objects. None when there is no such public product."""
    rows = core_connection().execute(_PRODUCT_VERSION, {"slug": slug}).all()
    return tuple(tuple(row) for row in rows) or None


def group_products(group_id: int, page: int, per_page: int) -> Page:
    """One page of a group's public products, newest first (its public page): card rows, the list cached
    under the catalogue's version."""
    return listing.cached_page("group", (group_id,), lambda: public_products().where(
        Product.group_id == group_id).order_by(Product.created_at.desc(), Product.id.desc()),
        page, per_page)[0]


def maker_shares(product_ids: list[int]) -> dict[int, list[tuple[int, int]]]:
    """product id → [(member id, share)] by member id: who made it and by how much."""
    result: dict[int, list[tuple[int, int]]] = {}
    for product_id, member_id, share in db.session.execute(
            select(product_maker.c.product_id, product_maker.c.member_id, product_maker.c.share)
            .where(product_maker.c.product_id.in_(product_ids)).order_by(product_maker.c.member_id)):
        result.setdefault(product_id, []).append((member_id, share))
    return result
