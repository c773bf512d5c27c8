"""Flags that say which group to look at, each from one written rule (RULES, shown on the page) with a link
to its evidence. Pure functions of a group's figures and the day asked about (`period.until`), so a test can
build a history and ask about any day."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.impact.figures import MIN_FOUNDERS, GroupFigures
from shop.impact.period import ACTIVE_DAYS, key_end, key_start, wib_day
from shop.money import format_idr
from shop.timefmt import day

NO_SALE_DAYS = 60
LISTING_DAYS = 30
WAITING_DAYS = 3  # the query in figures.overview asks for parts waiting longer than this

RULES = {
    "sales_fell": _l("Penjualan turun tiga bulan berturut-turut: tiap bulan penuh terakhir lebih rendah dari "
                     "bulan sebelumnya (empat bulan penuh dibandingkan)."),
    "no_sale_60": _l("Tidak ada penjualan tercatat selama 60 hari atau lebih (atau sejak kelompok terdaftar)."),
    "member_idle_90": _l("Anggota yang sudah bergabung minimal 90 hari tetapi tidak punya penjualan yang "
                         "dikreditkan kepadanya dalam 90 hari terakhir."),
    "listing_30": _l("Produk tayang tanpa foto, atau (bukan produk pesanan) tanpa stok, selama 30 hari atau "
                     "lebih: tanpa foto sejak produk dibuat, tanpa stok sejak perubahan stok atau penjualan "
                     "terakhirnya."),
    "waiting_3": _l("Pesanan yang sudah dibayar (atau bayar di tempat) menunggu dikirim atau diambil lebih "
                    "dari 3 hari."),
    "growth_sales": _l("Tumbuh: penjualan naik tiga bulan berturut-turut (empat bulan penuh dibandingkan)."),
    "growth_members": _l("Tumbuh: kelompok sudah punya minimal 9 anggota, jumlah pendiri yang dibutuhkan "
                         "koperasi, tetapi belum berbadan hukum koperasi."),
}
NAMES = {
    "sales_fell": _l("Penjualan turun 3 bulan"), "no_sale_60": _l("Tanpa penjualan 60 hari"),
    "member_idle_90": _l("Anggota tanpa penjualan 90 hari"), "listing_30": _l("Produk tanpa foto/stok 30 hari"),
    "waiting_3": _l("Pesanan menunggu lebih dari 3 hari"), "growth_sales": _l("Penjualan naik 3 bulan"),
    "growth_members": _l("Cukup anggota untuk koperasi"),
}
WARNINGS = ("sales_fell", "no_sale_60", "member_idle_90", "listing_30", "waiting_3")
GROWTH = ("growth_sales", "growth_members")


@dataclass
class Flag:
    code: str
    text: str
    evidence: tuple[str, dict]  # (endpoint, url values) of the page that shows why
    items: list[tuple[str, tuple[str, dict] | None]] = field(default_factory=list)  # (label, link) each

    @property
    def growth(self) -> bool:
        return self.code in GROWTH

    @property
    def name(self) -> str:
        return str(NAMES[self.code])

    @property
    def rule(self) -> str:
        return str(RULES[self.code])


def _books(endpoint: str, g: GroupFigures, since: date, until: date) -> tuple[str, dict]:
    return (f"books_admin.{endpoint}", {"group_id": g.group.id, "dari": since.isoformat(),
                                        "sampai": until.isoformat()})


def _trend(g: GroupFigures) -> tuple[list[int], list[int]]:
    keys = g.period.trend_keys
    return keys, [g.month_sales(k) for k in keys]


def trend_text(keys: list[int], values: list[int]) -> str:
    return " → ".join(f"{format_date(key_start(k), 'MMM yyyy')} {format_idr(v)}"
                      for k, v in zip(keys, values, strict=True))


def sales_fell(g: GroupFigures) -> Flag | None:
    keys, values = _trend(g)
    if all(a > b for a, b in itertools.pairwise(values)):
        return Flag("sales_fell", trend_text(keys, values),
                    _books("sales", g, key_start(keys[0]), key_end(keys[-1])))
    return None


def growth_sales(g: GroupFigures) -> Flag | None:
    keys, values = _trend(g)
    if all(a < b for a, b in itertools.pairwise(values)):
        return Flag("growth_sales", trend_text(keys, values),
                    _books("sales", g, key_start(keys[0]), key_end(keys[-1])))
    return None


def no_sale(g: GroupFigures) -> Flag | None:
    until = g.period.until
    since = g.last_sale or wib_day(g.group.created_at)
    if (until - since).days < NO_SALE_DAYS:
        return None
    text = (_("Penjualan terakhir %(day)s (%(n)d hari lalu).", day=day(g.last_sale),
              n=(until - g.last_sale).days) if g.last_sale
            else _("Belum pernah ada penjualan sejak terdaftar %(n)d hari lalu.", n=(until - since).days))
    return Flag("no_sale_60", text, _books("sales", g, since, until))


def idle(g: GroupFigures) -> list:
    """Members who joined 90 days ago or more and have no credited sale in the last 90 days."""
    until = g.period.until
    return [m for m in g.members
            if (m.joined_on is None or (until - m.joined_on).days >= ACTIVE_DAYS)
            and (m.last_sale is None or (until - m.last_sale).days >= ACTIVE_DAYS)]


def idle_members(g: GroupFigures) -> Flag | None:
    until = g.period.until
    idle_now = idle(g)
    if not idle_now:
        return None
    items = [(_("%(name)s: penjualan terakhir %(day)s", name=m.name, day=day(m.last_sale))
              if m.last_sale else _("%(name)s: belum pernah", name=m.name), None) for m in idle_now]
    return Flag("member_idle_90", _("%(n)d anggota tanpa penjualan 90 hari terakhir.", n=len(idle_now)),
                _books("members", g, until - timedelta(days=ACTIVE_DAYS - 1), until), items)


def stale_listings(g: GroupFigures) -> Flag | None:
    until = g.period.until
    items = []
    for item in g.listings:
        reasons = []
        if item.no_photo and (until - wib_day(item.created_at)).days >= LISTING_DAYS:
            reasons.append(_("tanpa foto"))
        if item.no_stock and (until - wib_day(item.last_change)).days >= LISTING_DAYS:
            reasons.append(_("stok habis"))
        if reasons:
            items.append((f"{item.title} ({', '.join(reasons)})", ("catalog.product", {"slug": item.slug})))
    if not items:
        return None
    return Flag("listing_30", _("%(n)d produk tayang tanpa foto atau stok selama 30 hari atau lebih.",
                                n=len(items)), ("admin.group_detail", {"group_id": g.group.id}), items)


def waiting_orders(g: GroupFigures) -> Flag | None:
    if not g.waiting:
        return None
    until = g.period.until
    items = [(_("Pesanan %(number)s, menunggu sejak %(day)s (%(n)d hari)", number=w.number,
                day=day(w.since), n=(until - wib_day(w.since)).days),
              ("group_orders.detail", {"part_id": w.part_id})) for w in g.waiting]
    return Flag("waiting_3", _("%(n)d pesanan menunggu dikirim lebih dari 3 hari.", n=len(items)),
                ("group_orders.index", {}), items)


def enough_members(g: GroupFigures) -> Flag | None:
    if len(g.members) < MIN_FOUNDERS or g.group.legal_form == "koperasi":
        return None
    return Flag("growth_members", _("%(n)d anggota: cukup untuk mendirikan koperasi.", n=len(g.members)),
                ("coop_admin.readiness_page", {"group_id": g.group.id}))


CHECKS = (sales_fell, no_sale, idle_members, stale_listings, waiting_orders, growth_sales, enough_members)


def flags_for(g: GroupFigures) -> list[Flag]:
    return [flag for check in CHECKS if (flag := check(g)) is not None]


def attach(groups: list[GroupFigures]) -> None:
    for g in groups:
        g.flags = flags_for(g)


def by_code(groups: list[GroupFigures]) -> dict[str, list[tuple[GroupFigures, Flag]]]:
    """{flag code: [(group, its flag)]} in the order of RULES, warnings first."""
    out: dict[str, list] = {code: [] for code in WARNINGS + GROWTH}
    for g in groups:
        for flag in g.flags:
            out[flag.code].append((g, flag))
    return out
