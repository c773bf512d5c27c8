"""Builds the deterministic demo catalogue through the same services and image pipeline as real use."""
from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import click
from flask import current_app
from sqlalchemy import func, insert, select

from shop import images, storage
from shop.accounts.models import User
from shop.catalog.models import CatalogChange, Product, ProductImage, Variant
from shop.demo import bazaars, custom, data, history
from shop.demo.pictures import pattern
from shop.extensions import db
from shop.groups import services as group_services
from shop.groups.models import Group, Member, Region
from shop.models_base import utcnow
from shop.text import slugify

SEED = 20261123
GROUP_COUNT = 45
BATCH = 1_000
DEMO_PASSWORD = "karya-demo-2026"
DEMO_ADMIN = "admin@pasarkarya.id"
DEMO_ORGANISER = "panitia@pasarkarya.id"
DEMO_CASHIER = "kasir@pasarkarya.id"


def is_empty() -> bool:
    return not db.session.scalar(select(func.count(Group.id)))


def load_demo(extra_products: int = 0, progress: bool = True, groups: int = GROUP_COUNT,
              with_history: bool = True) -> dict:
    """Add the demo catalogue and about 12 months of history (flushed, not committed). `groups` < 45 gives only
    the first groups, for tests."""
    if groups < 1:
        raise ValueError("groups must be at least 1")
    rng = random.Random(SEED)
    regions = _regions()
    crafts = [c for c, w in data.CRAFT_WEIGHTS for _ in range(w)]
    made: list[Group] = []
    titles: set[str] = set()  # every product title in the demo is its own
    counts = {"orders": 0, "closed": 0}
    with Pictures() as pictures:  # photo files are encoded on a second core while the rows are written
        with click.progressbar(range(groups), label="Kelompok dan produk", show_pos=True,
                               file=None if progress else _Null()) as bar:
            for i in bar:
                craft = crafts[(i * 7) % len(crafts)]
                made.append(_group(rng, i, craft, regions[i % len(regions)], pictures, titles))
        _users(made)
        db.session.flush()
        if with_history:
            with click.progressbar(length=len(made), label="Riwayat 12 bulan", show_pos=True,
                                   file=None if progress else _Null()) as bar:
                counts = history.record_history(made, date.today(), random.Random(SEED + 2), bar)
            counts.update(bazaars.load(date.today(), random.Random(SEED + 3), DEMO_ORGANISER, DEMO_CASHIER))
        counts["custom_orders"] = custom.record_custom_orders(date.today(), random.Random(SEED + 3),
                                                              _coordinator_id)
        if extra_products:
            add_products(extra_products, progress, rng, pictures)
    return {"groups": len(made),
            "products": db.session.scalar(select(func.count(Product.id))),
            "members": db.session.scalar(select(func.count(Member.id))), **counts}


class _Null:
    def write(self, *_):
        pass

    def flush(self):
        pass


def _regions() -> list[Region]:
    out = []
    for province, name, kind in data.REGIONS:
        region = Region(province=province, name=name, kind=kind,
                        slug=slugify(f"{'kota' if kind == 'kota' else 'kab'}-{name}"))
        db.session.add(region)
        out.append(region)
    db.session.flush()
    return out


def _person(rng: random.Random, province: str) -> str:
    first = data.FIRST_NAMES_JABAR if province == data.JABAR else data.FIRST_NAMES_JATIM
    return f"{rng.choice(first)} {rng.choice(data.LAST_NAMES)}"


def _group(rng, index: int, craft: str, region: Region, pool, titles: set[str]) -> Group:
    companion = data.COMPANION_CRAFT.get(craft)
    crafts = [craft] + ([companion] if companion and rng.random() < 0.4 else [])
    place = f"Kota {region.name}" if region.kind == "kota" else region.name  # Kota Bandung, not just Bandung
    name = f"{rng.choice(data.GROUP_PREFIXES)} {rng.choice(data.GROUP_WORDS[craft])} {place}"
    n_members = rng.randint(7, 10)
    year = rng.randint(2009, 2023)
    story = data.STORY.format(name=name, year=year, place=f"{place}, {region.province}", n=n_members,
                              province=region.province, skill=data.SKILL[craft], task=data.TASK[craft],
                              centre=rng.choice(data.CENTRES[region.province]))
    # the one way a group comes into being (its books and cooperative settings with it), then approved
    group = group_services.create_group(group_services.GroupData(
        name=name, region_id=region.id, crafts=crafts, contact_name=_person(rng, region.province),
        phone=f"08{rng.randint(11, 99)}{rng.randint(10**7, 10**8 - 1)}",
        whatsapp=f"+628{rng.randint(11, 99)}{rng.randint(10**7, 10**8 - 1)}",
        email=f"kelompok{index + 1}@pasarkarya.id", address=f"Jl. Mawar No. {rng.randint(1, 120)}, {region.name}",
        bank_name=rng.choice(["BRI", "BJB", "Bank Jatim", "BNI", "Mandiri"]),
        bank_account_number=str(rng.randint(10**9, 10**10 - 1)), bank_account_name=name,
        legal_form=rng.choice(["kelompok", "kelompok", "kube", "pra_koperasi"])), slug=slugify(f"{name}-{index + 1}"))
    group.story = story
    group.pickup_hours = "Senin-Sabtu 09.00-16.00 WIB"  # shown to buyers who collect their order
    group.founded_on = date(year, rng.randint(1, 12), 1)
    group_services.change_status(group, "active")
    names: set[str] = set()
    for m in range(n_members):
        name = _person(rng, region.province)
        while name in names:  # two members of one group never share a name
            name = _person(rng, region.province)
        names.add(name)
        member = Member(group=group, name=name,
                        role=data.MEMBER_ROLES[m] if m < 3 else "anggota",
                        joined_on=date(year, 1, 1) + timedelta(days=rng.randint(0, 900)),
                        public_consent=rng.random() < 0.75,
                        private_note="Tuna daksa; meja kerja rendah." if rng.random() < 0.3 else "")
        db.session.add(member)
    db.session.flush()
    templates = [(c, t) for c in crafts for t in data.PRODUCTS[c]]
    count = rng.randint(6, 12)
    for p in range(count):
        c, template = templates[p % len(templates)]
        _product(rng, group, c, template, index * 100 + p, pool, _distinct_title(template[0], c, titles))
    return group


def _distinct_title(title: str, craft: str, titles: set[str]) -> str:
    """The template's title the first time; after that with the words sellers use to tell pieces apart."""
    candidates = [title] + [f"{title} {q}" for q in data.QUALIFIERS[craft]]
    chosen = next((t for t in candidates if t not in titles), None)
    n = 2
    while chosen is None:  # more pieces than words: a plainly numbered series, never "(2)"
        chosen = next((t for t in (f"{c} Seri {n}" for c in candidates) if t not in titles), None)
        n += 1
    titles.add(chosen)
    return chosen


def _product(rng, group: Group, craft: str, template, seed: int, pool, title: str) -> Product:
    _title, kind, (low, high), sizes, colours, lead, description = template
    product = Product(group=group, title=title, slug=slugify(f"{title}-{group.slug}")[:190], craft=craft,
                      kind=kind, lead_time_days=lead, status="published", featured=rng.random() < 0.08,
                      description=f"{description}\n\nDibuat oleh {group.name}.",
                      created_at=utcnow() - timedelta(days=rng.randint(0, 400), minutes=seed))
    db.session.add(product)
    base = rng.randrange(low, high + 1, 5_000)
    position = 0
    for size in sizes:
        for colour in colours or [""]:
            stock = 1 if kind == "one_of_a_kind" else (0 if kind in ("made_to_order", "made_to_measure")
                                                      else rng.choice([0, 2, 4, 6, 10, 15]))
            price = base + (position * 10_000 if size in ("XL", "XXL", "besar", "dewasa") else 0)
            product.variants.append(Variant(size=size, colour=colour, sku=f"PK{seed:05d}-{position}",
                                            price=price, stock=stock, position=position))
            position += 1
    members = [m for m in group.members]
    product.makers = rng.sample(members, k=min(len(members), rng.randint(1, 3)))
    for n in range(1 if rng.random() < 0.85 else 2):
        stored = _picture(craft, seed * 3 + n, pool)
        product.images.append(ProductImage(key=stored.key, widths=stored.widths_text, width=stored.width,
                                           height=stored.height, alt=f"{title}, karya {group.name}", position=n))
    return product


class Pictures:
    """The demo's generated pictures: a pool per craft (reused by the benchmark's extra products) and a thread
    pool that encodes the files in the background. Leaving the `with` block waits for every file and re-raises
    any error."""

    def __init__(self, workers: int = 2):
        self.by_craft: dict[str, list[images.StoredImage]] = {}
        self._executor = ThreadPoolExecutor(max_workers=workers)
        self._futures: list = []

    def submit(self, job) -> None:
        self._futures.append(self._executor.submit(job))

    def __enter__(self) -> Pictures:
        return self

    def __exit__(self, *exc) -> None:
        self._executor.shutdown(wait=True)
        if exc[0] is None:
            for future in self._futures:
                future.result()


def _picture(craft: str, seed: int, pool: Pictures, reuse_after: int | None = None) -> images.StoredImage:
    existing = pool.by_craft.setdefault(craft, [])
    if reuse_after is not None and len(existing) >= reuse_after:
        return existing[seed % len(existing)]
    cfg = current_app.config
    stored = images.process(pattern(craft, seed), storage.media(), tuple(cfg["IMAGE_WIDTHS"]), submit=pool.submit)
    existing.append(stored)
    return stored


def _coordinator_id(group_id: int) -> int | None:
    return db.session.scalar(select(User.id).where(User.group_id == group_id, User.role == "coordinator"))


def _users(groups: list[Group]) -> None:
    """Demo logins (listed in README): one admin, one coordinator per group, an organiser and a cashier."""
    proto = User(email="proto", role="admin")
    proto.set_password(DEMO_PASSWORD)  # hash once; scrypt is deliberately slow
    accounts = [User(email=DEMO_ADMIN, name="Petugas Dinas Sosial", role="admin"),
                User(email=DEMO_ORGANISER, name="Panitia Bazar Jabar", role="organiser"),
                User(email=DEMO_CASHIER, name="Kasir Bazar", role="cashier")]
    for i, group in enumerate(groups, start=1):
        accounts.append(User(email=f"koordinator{i}@pasarkarya.id", name=group.contact_name, role="coordinator",
                             group=group))
    for user in accounts:
        user.password_hash = proto.password_hash
        db.session.add(user)


def add_products(count: int, progress: bool = True, rng: random.Random | None = None,
                 pool: Pictures | None = None) -> None:
    """Add `count` generated products spread over the existing groups (`shop demo --products 20000`, benchmarks).

    Inserted in batches of 1,000 with multi-row INSERT ... RETURNING: 20,000 products take seconds, not minutes.
    Pictures come from a small pool per craft, so the files are shared between these products.
    """
    if pool is None:
        with Pictures() as own:
            return add_products(count, progress, rng, own)
    rng = rng or random.Random(SEED + 1)
    group_ids = list(db.session.scalars(select(Group.id).where(Group.status == "active").order_by(Group.id)))
    if not group_ids:
        raise ValueError("load the demo groups first")
    offset = db.session.scalar(select(func.max(Product.id))) or 0
    templates = [(c, t) for c in data.PRODUCTS for t in data.PRODUCTS[c]]
    now = utcnow()
    with click.progressbar(length=count, label="Produk tambahan", show_pos=True,
                           file=None if progress else _Null()) as bar:
        for start in range(0, count, BATCH):
            numbers = range(offset + start + 1, offset + min(count, start + BATCH) + 1)
            products, variants, pictures = [], [], []
            for n in numbers:
                craft, (title, kind, prices, sizes, _, lead, description) = templates[n % len(templates)]
                products.append(dict(group_id=group_ids[n % len(group_ids)], title=f"{title} #{n}",
                                     slug=f"bench-{n}", craft=craft, kind=kind, lead_time_days=lead,
                                     status="published", featured=False, description=description,
                                     created_at=now - timedelta(minutes=n), updated_at=now))
                variants.append(dict(size=sizes[0], colour="", sku=f"BENCH-{n}", position=0,
                                     price=rng.randrange(prices[0], prices[1] + 1, 5_000),
                                     stock=rng.choice([0, 3, 8])))
                stored = _picture(craft, n, pool, reuse_after=12)
                pictures.append(dict(key=stored.key, widths=stored.widths_text, width=stored.width,
                                     height=stored.height, alt=title, position=0))
            ids = db.session.scalars(insert(Product).returning(Product.id, sort_by_parameter_order=True),
                                     products).all()
            for product_id, variant, picture in zip(ids, variants, pictures, strict=False):
                variant["product_id"] = picture["product_id"] = product_id
            db.session.execute(insert(Variant), variants)
            db.session.execute(insert(ProductImage), pictures)
            bar.update(len(numbers))
    db.session.add(CatalogChange())  # rows inserted without the ORM: tell cached lists (shop.catalog.listing)
