"""The tables of the impact pages, each the twin of a chart or the list of groups or members: built once
from the figures, then drawn (chart and table), exported (CSV/XLSX) and printed (PDF) from the same rows.
No table carries a private note: members appear with their name and figures only."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_date
from flask_babel import gettext as _

from shop.crafts import CRAFTS
from shop.impact import charts
from shop.impact.figures import GroupFigures, Overview, share
from shop.impact.period import key_start
from shop.money import format_idr


def month_label(key: int, long: bool = False) -> str:
    return format_date(key_start(key), "MMMM yyyy" if long else "MMM yyyy")


def month_ticks(keys: list[int]) -> list[tuple[str, str]]:
    """("Des", "2026") under the first column and each January, ("Feb", "") elsewhere."""
    return [(format_date(key_start(k), "MMM"), str(k // 12) if i == 0 or k % 12 == 0 else "")
            for i, k in enumerate(keys)]


def sales_chart(overview: Overview) -> charts.Chart:
    keys = overview.channels or ["online", "bazaar"]
    rows = overview.month_rows()
    return charts.columns("penjualan-bulanan", _("Penjualan per bulan"),
                          [(month_label(k), values) for k, values in rows], keys,
                          ticks=month_ticks([k for k, _v in rows]))


def active_chart(overview: Overview) -> charts.Chart:
    chart = charts.columns("anggota-aktif", _("Anggota aktif (penjualan 90 hari terakhir) per akhir bulan"),
                           [(month_label(k), {"share": share(a, n) or 0}) for k, a, n in overview.active_by_month],
                           ["share"], unit="percent", top=100,
                           ticks=month_ticks([k for k, _a, _n in overview.active_by_month]))
    for bar, (_k, active, members) in zip(chart.bars, overview.active_by_month, strict=True):
        bar.note = _("%(a)d dari %(n)d anggota", a=active, n=members)
    return chart


def region_chart(overview: Overview) -> charts.Chart:
    return charts.rows_chart("penjualan-wilayah", _("Penjualan per wilayah"), overview.by_region())


def craft_chart(overview: Overview) -> charts.Chart:
    rows = sorted(((str(CRAFTS.get(c, _("Lainnya"))), v) for c, v in overview.by_craft.items()),
                  key=lambda kv: (-kv[1], kv[0]))
    return charts.rows_chart("penjualan-kerajinan", _("Penjualan per jenis kerajinan"), rows)


def dashboard_charts(overview: Overview) -> list[charts.Chart]:
    return [sales_chart(overview), region_chart(overview), craft_chart(overview), active_chart(overview)]


def group_charts(overview: Overview) -> list[charts.Chart]:
    return [sales_chart(overview), active_chart(overview)]


@dataclass
class Table:
    id: str
    title: str
    header: list[str]
    rows: list[list]


def chart_table(chart: charts.Chart) -> Table:
    labels = [label for _k, label, _c in chart.series]
    header = [_("Bulan") if not chart.horizontal else _("Nama"), *labels]
    if chart.stacked:
        header.append(_("Jumlah"))
    rows = []
    for bar in chart.bars:
        row = [bar.label] + [bar.values[k] for k, _l, _c in chart.series]
        if chart.stacked:
            row.append(bar.total)
        if bar.note:
            row.append(bar.note)
        rows.append(row)
    if any(bar.note for bar in chart.bars):
        header.append(_("Keterangan"))
    return Table(chart.id, chart.title, header, rows)


def groups_table(overview: Overview) -> Table:
    channels = overview.channels or ["online", "bazaar"]
    header = [_("Kelompok"), _("Wilayah"), _("Provinsi"), _("Kerajinan"), _("Penjualan")]
    header += [str(charts.SERIES_LABELS.get(ch, ch)) for ch in channels]
    header += [_("Pesanan"), _("Rata-rata pesanan"), _("Pembeli"), _("Pembeli berulang"), _("Anggota"),
               _("Anggota aktif"), _("Anggota aktif (%)"), _("Penjualan dikreditkan per anggota"),
               _("Bagian pengrajin dibayar per anggota"), _("Simpanan terkumpul"), _("Bulan pembukuan"),
               _("Simpanan pokok lunas"), _("Produk tanpa foto atau stok"), _("Tanda")]
    rows = []
    for g in overview.groups:
        by_channel = g.by_channel
        crafts = ", ".join(str(CRAFTS.get(c, c)) for c in g.group.craft_list)
        rows.append([g.group.name, g.group.region.label, g.group.region.province, crafts, g.sales]
                    + [by_channel.get(ch, 0) for ch in channels]
                    + [g.orders, g.average_order, g.buyers, g.repeat_buyers, len(g.members), len(g.active_ids),
                       g.active_share if g.active_share is not None else "", g.sales_per_member,
                       g.paid_per_member, g.simpanan, g.books_months, g.pokok_paid, len(g.listings),
                       ", ".join(f.code for f in g.flags)])
    return Table("kelompok", _("Kelompok"), header, rows)


def members_table(g: GroupFigures) -> Table:
    """A group's members with their figures: for admins and the group itself only, never a private note."""
    header = [_("Anggota"), _("Penjualan terakhir"), _("Penjualan dikreditkan"), _("Bagian pengrajin dibayar"),
              _("Simpanan dibayar"), _("Aktif 90 hari")]
    rows = [[m.name, m.last_sale or "", m.sales, m.paid, m.simpanan,
             _("ya") if m.id in g.active_ids else _("tidak")] for m in g.members]
    return Table("anggota", _("Anggota"), header, rows)


def export_tables(overview: Overview, with_members: bool = False) -> list[Table]:
    tables = [groups_table(overview)] + [chart_table(c) for c in dashboard_charts(overview)]
    if with_members:
        tables += [members_table(g) for g in overview.groups]
    return tables


def table_by_id(tables: list[Table], table_id: str) -> Table | None:
    return next((t for t in tables if t.id == table_id), None)




def summary(figures) -> list[tuple[str, str]]:
    """The headline figures of a scope (an Overview) or one group (GroupFigures), as (label, text)."""
    one = isinstance(figures, GroupFigures)
    total = (lambda name: getattr(figures, name)) if one else figures.total
    members = len(figures.members) if one else figures.members
    active = len(figures.active_ids) if one else figures.active
    pct = figures.active_share
    rows = [(_("Penjualan"), format_idr(total("sales")))]
    by_channel = figures.by_channel if one else {ch: sum(g.by_channel.get(ch, 0) for g in figures.groups)
                                                  for ch in figures.channels}
    rows += [(_("Penjualan %(channel)s", channel=str(charts.SERIES_LABELS.get(ch, ch)).lower()), format_idr(v))
             for ch, v in by_channel.items()]
    rows += [(_("Pesanan dibayar"), str(total("orders"))), (_("Rata-rata per pesanan"), format_idr(
        figures.average_order)), (_("Pembeli (IRIS+ PI4060)"), str(figures.buyers)),
        (_("Pembeli berulang (2 pesanan atau lebih)"), str(figures.repeat_buyers)),
        (_("Anggota aktif (penjualan 90 hari terakhir)"),
         _("%(a)d dari %(n)d anggota (%(p)s)", a=active, n=members, p=f"{pct}%" if pct is not None else "–")),
        (_("Penjualan dikreditkan per anggota"), format_idr(figures.sales_per_member)),
        (_("Bagian pengrajin dibayar per anggota (IRIS+ PI7852)"), format_idr(figures.paid_per_member)),
        (_("Simpanan terkumpul"), format_idr(total("simpanan")))]
    if one:
        ready = figures.readiness
        rows += [(_("Kesiapan koperasi: anggota"), _("%(n)d dari 9 pendiri", n=members)
                  + (" ✓" if ready["members"] else "")),
                 (_("Kesiapan koperasi: pembukuan"), _("%(n)d dari 12 bulan", n=figures.books_months)
                  + (" ✓" if ready["books"] else "")),
                 (_("Kesiapan koperasi: simpanan pokok lunas"), _("%(a)d dari %(n)d anggota", a=figures.pokok_paid,
                                                                   n=members) + (" ✓" if ready["simpanan"] else "")),
                 (_("Produk tanpa foto atau stok"), str(len(figures.listings)))]
    else:
        n = len(figures.groups)
        rows += [(_("Kelompok"), str(n)),
                 (_("Kelompok dengan minimal 9 anggota"), _("%(a)d dari %(n)d", a=figures.ready_count("members"), n=n)),
                 (_("Kelompok dengan pembukuan 12 bulan"), _("%(a)d dari %(n)d", a=figures.ready_count("books"), n=n)),
                 (_("Kelompok yang simpanan pokoknya lunas"),
                  _("%(a)d dari %(n)d", a=figures.ready_count("simpanan"), n=n)),
                 (_("Produk tanpa foto atau stok"), str(sum(len(g.listings) for g in figures.groups)))]
    return rows
