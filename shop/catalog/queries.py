"""Read side of the public catalogue: filters, search, sorting and pagination with a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from shop.catalog.models import MADE_AFTER_ORDER, Product, Variant
from shop.crafts import CRAFTS, KIND_LABELS
from shop.extensions import db
from shop.groups.models import Group, Region
from shop.money import parse_idr
from shop.pagination import Page, paginate
from shop.text import parse_int

SORTS = ("newest", "price_asc", "price_desc", "title")
MAX_QUERY_WORDS = 6


@dataclass
class CatalogFilters:
    q: str = ""
    craft: str = ""
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
        sort = args.get("sort", "newest")
        price_min = parse_idr(args.get("price_min"))
        price_max = parse_idr(args.get("price_max"))
        if price_min is not None and price_max is not None and price_min > price_max:
            price_min, price_max = price_max, price_min
        return cls(
            q=q,
            craft=craft if craft in CRAFTS else "",
            region=(args.get("region") or "")[:140],
            group=(args.get("group") or "")[:180],
            kind=kind if kind in KIND_LABELS else "",
            price_min=price_min,
            price_max=price_max,
            in_stock=args.get("in_stock") in ("1", "on", "true"),
            sort=sort if sort in SORTS else "newest",
            page=parse_int(args.get("page"), default=1, low=1, high=10**6),
            words=q.split()[:MAX_QUERY_WORDS],
        )

    def args(self, **changes) -> dict:
        """Query-string arguments of these filters, for pagination and sort links."""
        values = {"q": self.q, "craft": self.craft, "region": self.region, "group": self.group,
                  "kind": self.kind, "price_min": self.price_min, "price_max": self.price_max,
                  "in_stock": "1" if self.in_stock else "", "sort": "" if self.sort == "newest" else self.sort,
                  "page": self.page if self.page > 1 else ""}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None)}

    @property
    def active(self) -> bool:
        return bool(self.q or self.craft or self.region or self.group or self.kind or self.in_stock
                    or self.price_min is not None or self.price_max is not None)


def _min_price():
    return (select(func.min(Variant.price)).where(Variant.product_id == Product.id)
            .correlate(Product).scalar_subquery())


def public_products() -> Select:
    """Published products of active groups, with group and region joined for display and filters."""
    return (select(Product).join(Product.group).join(Group.region)
            .where(Product.status == "published", Group.status == "active"))


def with_display_loading(stmt: Select) -> Select:
    return stmt.options(contains_eager(Product.group).contains_eager(Group.region),
                        selectinload(Product.variants), selectinload(Product.images))


def apply_filters(stmt: Select, f: CatalogFilters) -> Select:
    if f.craft:
        stmt = stmt.where(Product.craft == f.craft)
    if f.kind:
        stmt = stmt.where(Product.kind == f.kind)
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
    for word in f.words:
        stmt = stmt.where(or_(Product.title.icontains(word, autoescape=True),
                              Product.description.icontains(word, autoescape=True),
                              Group.name.icontains(word, autoescape=True)))
    return stmt


def apply_sort(stmt: Select, sort: str) -> Select:
    price = _min_price()
    order = {
        "newest": (Product.created_at.desc(), Product.id.desc()),
        "price_asc": (price.asc(), Product.id),
        "price_desc": (price.desc(), Product.id),
        "title": (Product.title, Product.id),
    }[sort]
    return stmt.order_by(*order)


def search_catalog(f: CatalogFilters, per_page: int) -> Page:
    stmt = apply_sort(with_display_loading(apply_filters(public_products(), f)), f.sort)
    return paginate(stmt, f.page, per_page)


def featured_products(limit: int = 8) -> list[Product]:
    stmt = with_display_loading(public_products()).order_by(Product.featured.desc(), Product.created_at.desc(),
                                                            Product.id.desc()).limit(limit)
    return list(db.session.scalars(stmt).unique())


def regions_with_groups() -> list[tuple[Region, int]]:
    stmt = (select(Region, func.count(Group.id)).join(Group, Group.region_id == Region.id)
            .where(Group.status == "active").group_by(Region.id).order_by(Region.province, Region.name))
    return [tuple(row) for row in db.session.execute(stmt)]


def craft_counts() -> dict[str, int]:
    stmt = (select(Product.craft, func.count(Product.id)).join(Product.group)
            .where(Product.status == "published", Group.status == "active").group_by(Product.craft))
    return {craft: count for craft, count in db.session.execute(stmt)}


def active_groups() -> list[Group]:
    stmt = (select(Group).join(Group.region).options(contains_eager(Group.region))
            .where(Group.status == "active").order_by(Region.province, Group.name))
    return list(db.session.scalars(stmt))


def product_by_slug(slug: str) -> Product | None:
    stmt = with_display_loading(public_products().where(Product.slug == slug)).options(
        selectinload(Product.makers))
    return db.session.scalars(stmt).unique().first()


def group_products(group: Group, page: int, per_page: int) -> Page:
    """One page of a group's public products, newest first (its public page)."""
    stmt = with_display_loading(
        public_products().where(Product.group_id == group.id)
    ).order_by(Product.created_at.desc(), Product.id.desc())
    return paginate(stmt, page, per_page)
