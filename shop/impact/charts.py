"""Charts drawn on the server as SVG (no JavaScript; they print): the geometry is computed here from the
same rows the table twin and the exports show, and templates/impact/_chart.html draws both. Every bar
carries its number (`data-value` and a <title>), so a test can check the picture against the table."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from shop.money import format_idr

WIDTH = 360
COLOURS = {"online": "#7a2e0e", "bazaar": "#1f5f8b", "custom": "#2f6b2f", "share": "#1f5f8b", "sales": "#7a2e0e"}
OTHER_COLOUR = "#5c4d00"
SERIES_LABELS = {"online": _l("Online"), "bazaar": _l("Bazar"), "custom": _l("Pesanan khusus (ukur badan)"),
                 "share": _l("Anggota aktif (%)"), "sales": _l("Penjualan")}


@dataclass
class Segment:
    series: str
    value: int
    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass
class Bar:
    label: str
    values: dict[str, int]
    segments: list[Segment] = field(default_factory=list)
    label_x: float = 0
    label_y: float = 0
    note: str = ""  # shown in the table only (e.g. "12 dari 40 anggota")
    tick: str = ""  # the short label under a column ("Des"), and the year under it where it changes
    tick_year: str = ""

    @property
    def total(self) -> int:
        return sum(self.values.values())


@dataclass
class Chart:
    id: str
    title: str
    unit: str  # "idr" or "percent"
    series: list[tuple[str, str, str]]  # (key, label, colour)
    bars: list[Bar]
    horizontal: bool
    height: float
    ticks: list[tuple[float, str]] = field(default_factory=list)  # (y, label) gridlines of a column chart

    def show(self, value: int) -> str:
        return format_idr(value) if self.unit == "idr" else f"{value}%"

    def label(self, key: str) -> str:
        return next((label for k, label, _c in self.series if k == key), key)

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1


def series_for(keys) -> list[tuple[str, str, str]]:
    return [(k, str(SERIES_LABELS.get(k, k)), COLOURS.get(k, OTHER_COLOUR)) for k in keys]


def nice_max(value: int) -> int:
    """The smallest of 1, 2, 2.5, 5 × 10^n at or above value (the top gridline)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 2.5, 5):
            if m * step >= value:
                return int(m * step)
        step *= 10


def short(value: int, unit: str) -> str:
    if unit == "percent":
        return f"{value}%"
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{text} jt"
    if value >= 1_000:
        return f"{value // 1_000} rb"
    return str(value)


def columns(chart_id: str, title: str, rows: list[tuple[str, dict[str, int]]], keys: list[str],
            unit: str = "idr", top: int | None = None, ticks: list[tuple[str, str]] | None = None) -> Chart:
    """Stacked columns, one per row (a month), bottom-up in the order of `keys`; `ticks` are the short
    labels under the columns (month, year where it changes)."""
    height, left, bottom, head = 230.0, 44.0, 32.0, 10.0
    plot = height - bottom - head
    top = top or nice_max(max((sum(v.values()) for _, v in rows), default=0))
    slot = (WIDTH - left) / max(1, len(rows))
    width = max(4.0, slot * 0.7)
    series = series_for(keys)
    bars = []
    for i, (label, values) in enumerate(rows):
        x = left + i * slot + (slot - width) / 2
        base = head + plot
        tick, year = ticks[i] if ticks else (label, "")
        bar = Bar(label, {k: values.get(k, 0) for k in keys}, label_x=round(x + width / 2, 1),
                  label_y=height - 18, tick=tick, tick_year=year)
        for key, _label, colour in series:
            h = plot * max(0, values.get(key, 0)) / top
            base -= h
            bar.segments.append(Segment(key, values.get(key, 0), round(x, 1), round(base, 1), round(width, 1),
                                        round(h, 1), colour))
        bars.append(bar)
    ticks = [(round(head + plot * (1 - f), 1), short(int(top * f), unit)) for f in (0, 0.5, 1)]
    return Chart(chart_id, title, unit, series, bars, False, height, ticks)


def rows_chart(chart_id: str, title: str, rows: list[tuple[str, int]], unit: str = "idr") -> Chart:
    """Horizontal bars, one per row (a region, a craft), the label above each bar."""
    step, bar_h = 36.0, 14.0
    top = max((v for _, v in rows), default=0) or 1
    usable = WIDTH - 90
    series = series_for(["sales"])
    bars = []
    for i, (label, value) in enumerate(rows):
        y = i * step + 18
        w = usable * max(0, value) / top
        bars.append(Bar(label, {"sales": value}, [Segment("sales", value, 0, y, round(w, 1), bar_h,
                                                          series[0][2])], label_x=0, label_y=y - 4))
    return Chart(chart_id, title, unit, series, bars, True, max(step, len(rows) * step + 4))
