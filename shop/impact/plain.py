"""A group's own figures in plain words, for its coordinator's dashboard: how this month compares with the
same days of last month, members without a sale, what waits, and the good news. Read from the same figures
and flags as the admins' pages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _

from shop.impact import flags, queries
from shop.impact.figures import GroupFigures, overview
from shop.impact.period import Period, key_end, month_key
from shop.impact.scope import Scope
from shop.money import format_idr


@dataclass
class Line:
    text: str
    link: tuple[str, dict] | None = None
    good: bool = False


def month_to_date(group_id: int, today: date) -> tuple[int, int]:
    """(sales this month up to today, sales of last month up to the same day of the month)."""
    first = today.replace(day=1)
    last_first = (first - timedelta(days=1)).replace(day=1)
    last_until = min(last_first.replace(day=1) + timedelta(days=today.day - 1), key_end(month_key(last_first)))
    daily = queries.daily_sales(group_id, last_first, today)
    now = sum(v for d, v in daily.items() if d >= first)
    before = sum(v for d, v in daily.items() if d <= last_until)
    return now, before


def month_sentence(now: int, before: int, day: int) -> str:
    if not now and not before:
        return _("Bulan ini belum ada penjualan, begitu juga bulan lalu pada tanggal yang sama.")
    if not before:
        return _("Bulan ini sudah ada penjualan %(now)s; bulan lalu sampai tanggal %(day)d belum ada.",
                 now=format_idr(now), day=day)
    change = round(100 * (now - before) / before)
    detail = _("%(now)s sampai tanggal %(day)d; bulan lalu %(before)s pada tanggal yang sama",
               now=format_idr(now), before=format_idr(before), day=day)
    if change > 0:
        return _("Bulan ini penjualan naik %(p)d%% dari bulan lalu (%(detail)s).", p=change, detail=detail)
    if change < 0:
        return _("Bulan ini penjualan turun %(p)d%% dari bulan lalu (%(detail)s).", p=-change, detail=detail)
    return _("Bulan ini penjualan sama dengan bulan lalu (%(detail)s).", detail=detail)


def lines_for(g: GroupFigures, now: int, before: int) -> list[Line]:
    today = g.period.until
    out = [Line(month_sentence(now, before, today.day), ("books.sales", {}), good=now > before)]
    found = {f.code: f for f in flags.flags_for(g)}
    if "growth_sales" in found:
        out.append(Line(_("Penjualan naik tiga bulan berturut-turut. Pertahankan!"), ("books.sales", {}), True))
    if "sales_fell" in found:
        out.append(Line(_("Penjualan turun tiga bulan berturut-turut. Petugas Dinas Sosial siap membantu."),
                        ("books.sales", {})))
    if "no_sale_60" in found:
        days = (today - g.last_sale).days if g.last_sale else None
        out.append(Line(_("Sudah %(n)d hari tanpa penjualan.", n=days) if days is not None
                        else _("Belum ada penjualan tercatat."), ("books.sales", {})))
    if g.members:
        idle = flags.idle(g)
        if idle:
            out.append(Line(_("%(n)d anggota belum punya penjualan 90 hari terakhir: %(names)s.",
                              n=len(idle), names=", ".join(m.name for m in idle)), ("books.members", {})))
        else:
            out.append(Line(_("Semua anggota yang sudah 90 hari bergabung punya penjualan dalam 90 hari "
                              "terakhir."), ("books.members", {}), True))
    if "waiting_3" in found:
        out.append(Line(_("%(n)d pesanan sudah menunggu dikirim lebih dari 3 hari.", n=len(found["waiting_3"].items)),
                        ("group_orders.index", {})))
    if "listing_30" in found:
        out.append(Line(_("%(n)d produk tayang tanpa foto atau stok selama 30 hari atau lebih.",
                          n=len(found["listing_30"].items)), ("workspace.products", {})))
    if "growth_members" in found:
        out.append(Line(_("Kelompok sudah punya %(n)d anggota: cukup untuk mendirikan koperasi.", n=len(g.members)),
                        ("coop.readiness_page", {}), True))
    if g.members and g.member_sales:
        out.append(Line(_("Dalam 12 bulan terakhir, rata-rata penjualan yang dikreditkan per anggota %(v)s.",
                          v=format_idr(g.sales_per_member)), ("books.members", {})))
    return out


def group_lines(group_id: int, today: date) -> list[Line]:
    result = overview(Scope(group_id=group_id), Period(today))
    if not result.groups:
        return []
    now, before = month_to_date(group_id, today)
    return lines_for(result.groups[0], now, before)
