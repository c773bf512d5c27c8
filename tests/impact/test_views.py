"""The impact pages through the test client: the admin's dashboard and group page, notes on flags, the SVG
charts against their table twins, exports and the quarterly PDF; who may see them; what they never show."""
from __future__ import annotations

import csv as _csv
import io
import re
import subprocess
import zipfile
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from flask_babel import refresh
from sqlalchemy import select

from shop.extensions import db
from shop.impact.models import ImpactNote
from shop.impact.period import today_wib
from shop.money import format_idr
from shop.orders import services as orders
from tests.impact.conftest import at_wib

SECRET = "Tuna netra; rahasia sekali"


@pytest.fixture
def world(make_region, make_group, make_member, make_product, sell, make_user):
    """Two groups with sales in the last months (relative to today), a member's private note, staff."""
    today = today_wib()
    one = make_group(name="Batik Sekar Jagad", region=make_region("Garut", "Jawa Barat"))
    two = make_group(name="Jahit Mandiri Kediri", region=make_region("Kediri", "Jawa Timur"), crafts="jahit")
    ani = make_member(one, name="Ani Suryani", private_note=SECRET, joined_on=date(2025, 1, 1))
    make_member(one, name="Budi Santoso", joined_on=date(2025, 1, 1))
    eko = make_member(two, name="Eko Prasetyo", joined_on=date(2025, 1, 1))
    batik = make_product(group=one, price=200_000, stock=30, makers=[ani], image=True)
    kemeja = make_product(group=two, price=150_000, stock=30, makers=[eko], image=True, craft="jahit")
    bare = make_product(group=two, title="Kemeja tanpa foto", slug="kemeja-tanpa-foto", craft="jahit")
    bare.created_at = at_wib(today - timedelta(days=40))
    for back, quantity in ((70, 1), (40, 2), (10, 3)):
        orders.mark_picked_up(sell(batik.variants[0], today - timedelta(days=back), quantity=quantity))
    orders.mark_picked_up(sell(kemeja.variants[0], today - timedelta(days=20), channel="bazaar"))
    staff = {role: make_user(role) for role in ("admin", "organiser", "cashier")}
    staff["coordinator"] = make_user("coordinator", group=one)
    staff["other"] = make_user("coordinator", group=two)
    db.session.add(ImpactNote(group_id=one.id, flag="member_idle_90", action="visit", noted_on=today,
                              text="Kunjungan ke sanggar: catatan khusus petugas"))
    db.session.commit()
    return one, two, staff


def urls(group_id: int) -> list[tuple[str, str]]:
    g = f"/admin/dampak/kelompok/{group_id}"
    return [("GET", "/admin/dampak/"), ("GET", "/admin/dampak/?provinsi=Jawa+Timur"),
            ("GET", "/admin/dampak/ekspor.xlsx"), ("GET", "/admin/dampak/ekspor.csv?tabel=kelompok"),
            ("GET", "/admin/dampak/laporan.pdf"), ("GET", g), ("GET", f"{g}/ekspor.xlsx"),
            ("GET", f"{g}/ekspor.csv?tabel=anggota"), ("GET", f"{g}/laporan.pdf"), ("POST", f"{g}/catatan")]


def _get(client, method, url):
    if method == "POST":
        return client.post_form(url, {"flag": "", "action": "visit", "noted_on": "2026-11-01", "text": "x"},
                                token_page="/dasbor")
    return client.get(url)


def test_anonymous_visitors_are_sent_to_login(client, world):
    one, _two, _staff = world
    for method, url in urls(one.id):
        response = client.get(url) if method == "GET" else client.post(url, data={"text": "x"})
        assert response.status_code in (302, 400), url
        if response.status_code == 302:
            assert "/masuk" in response.headers["Location"], url


@pytest.mark.parametrize("role", ["coordinator", "other", "organiser", "cashier"])
def test_only_admins_reach_impact_pages_and_exports(client, login, world, role):
    one, _two, staff = world
    login(staff[role])
    for method, url in urls(one.id):
        assert _get(client, method, url).status_code == 403, (role, url)
    assert db.session.scalar(select(db.func.count(ImpactNote.id))) == 1


def test_admin_sees_every_page_and_export(client, login, world):
    one, two, staff = world
    login(staff["admin"])
    for _method, url in urls(one.id)[:-1]:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get("/admin/dampak/").get_data(as_text=True)
    assert "Batik Sekar Jagad" in page and "Jahit Mandiri Kediri" in page
    assert "Aturan:" in page and "90 hari terakhir" in page
    east = client.get("/admin/dampak/?provinsi=Jawa+Timur&wilayah=abc&kerajinan=zzz").get_data(as_text=True)
    assert "Jahit Mandiri Kediri" in east and f'href="/admin/dampak/kelompok/{one.id}"' not in east
    group_two = client.get(f"/admin/dampak/kelompok/{two.id}").get_data(as_text=True)
    assert 'href="/produk/kemeja-tanpa-foto"' in group_two and "Kemeja tanpa foto (tanpa foto)" in group_two
    assert client.get("/admin/dampak/kelompok/999999").status_code == 404
    assert client.get("/admin/dampak/ekspor.csv?tabel=tidak-ada").status_code == 404


def test_admin_notes_what_was_done_and_it_stays_in_the_history(client, login, world):
    one, _two, staff = world
    login(staff["admin"])
    url = f"/admin/dampak/kelompok/{one.id}/catatan"
    response = client.post_form(url, {"flag": "no_sale_60", "action": "training", "noted_on": "2026-11-01",
                                      "text": "Pelatihan foto produk di balai desa"},
                                token_page=f"/admin/dampak/kelompok/{one.id}")
    assert response.status_code == 302
    page = client.get(f"/admin/dampak/kelompok/{one.id}").get_data(as_text=True)
    assert "Pelatihan foto produk di balai desa" in page and "Pelatihan" in page
    assert "Kunjungan ke sanggar" in page  # the earlier note stays
    for bad in ({"text": ""}, {"noted_on": (today_wib() + timedelta(days=3)).isoformat()}, {"flag": "bukan"}):
        data = {"flag": "", "action": "visit", "noted_on": "2026-11-01", "text": "Catatan"} | bad
        response = client.post_form(url, data, token_page=f"/admin/dampak/kelompok/{one.id}")
        assert response.status_code == 400, bad
        assert 'class="error"' in response.get_data(as_text=True) or "flash error" in response.get_data(as_text=True)
    assert db.session.scalar(select(db.func.count(ImpactNote.id))) == 2


class _Numbers(HTMLParser):
    """Collects (chart, label, series) -> value from SVG bars and from the table twins."""

    def __init__(self):
        super().__init__()
        self.svg: dict = {}
        self.table: dict = {}
        self.shown: dict = {}
        self._chart = self._table = self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "data-chart" in a:
            self._chart = a["data-chart"]
        elif tag == "rect" and self._chart and "data-value" in a:
            self.svg[(self._chart, a["data-label"], a["data-series"])] = int(a["data-value"])
        elif tag == "table" and "data-chart" in a:
            self._table = a["data-chart"]
        elif tag == "th" and self._table and a.get("scope") == "row":
            self._row, self._cell = "", "row"
        elif tag == "td" and self._table and "data-value" in a:
            key = (self._table, self._row, a["data-series"])
            self.table[key] = int(a["data-value"])
            self._cell, self._key = "value", key
            self.shown[key] = ""

    def handle_endtag(self, tag):
        if tag == "svg":
            self._chart = None
        elif tag == "table":
            self._table = None
        elif tag in ("th", "td"):
            self._cell = None

    def handle_data(self, data):
        if self._cell == "row":
            self._row += data
        elif self._cell == "value":
            self.shown[self._key] += data


def test_every_chart_has_a_table_twin_with_the_same_numbers(client, login, world):
    one, _two, staff = world
    login(staff["admin"])
    for url in ("/admin/dampak/", f"/admin/dampak/kelompok/{one.id}"):
        html = client.get(url).get_data(as_text=True)
        numbers = _Numbers()
        numbers.feed(html)
        assert numbers.svg and numbers.svg == numbers.table, url
        for (chart, _label, series), value in numbers.table.items():
            expected = f"{value}%" if chart == "anggota-aktif" else format_idr(value)
            assert numbers.shown[(chart, _label, series)].strip() == expected
    html = client.get("/admin/dampak/").get_data(as_text=True)
    numbers = _Numbers()
    numbers.feed(html)
    charts = {key[0] for key in numbers.svg}
    assert charts == {"penjualan-bulanan", "penjualan-wilayah", "penjualan-kerajinan", "anggota-aktif"}
    assert sum(v for k, v in numbers.svg.items() if k[0] == "penjualan-bulanan") == 200_000 * 6 + 150_000
    assert "<script" not in html.split("</main>")[0].split('id="isi"')[1]


def test_exports_hold_the_figures_and_no_private_notes(client, login, world):
    one, _two, staff = world
    login(staff["admin"])
    csv = client.get("/admin/dampak/ekspor.csv?tabel=kelompok").get_data(as_text=True)
    row = next(r for r in _csv.reader(io.StringIO(csv)) if r and r[0] == "Batik Sekar Jagad")
    assert "1200000" in row
    members = client.get(f"/admin/dampak/kelompok/{one.id}/ekspor.csv?tabel=anggota").get_data(as_text=True)
    assert "Ani Suryani" in members and "1200000" in members
    texts = [csv, members]
    for url in ("/admin/dampak/ekspor.xlsx", f"/admin/dampak/kelompok/{one.id}/ekspor.xlsx"):
        with zipfile.ZipFile(io.BytesIO(client.get(url).data)) as book:
            texts.append(" ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xml")))
    assert "Ani Suryani" in texts[-1]
    for text in texts:
        assert SECRET not in text and "catatan khusus petugas" not in text


def _pdf_text(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def test_quarterly_pdf_reads_back_with_figures_flags_and_notes(client, login, world):
    one, _two, staff = world
    login(staff["admin"])
    today = today_wib()
    quarter = (today.month - 1) // 3 + 1
    response = client.get(f"/admin/dampak/kelompok/{one.id}/laporan.pdf?tahun={today.year}&kuartal={quarter}")
    assert response.mimetype == "application/pdf"
    text = re.sub(r"\s+", " ", _pdf_text(response.data))
    assert "Laporan dampak Batik Sekar Jagad" in text and f"Kuartal {quarter} tahun {today.year}" in text
    assert "Anggota aktif" in text and "Tanda pada akhir kuartal" in text
    assert "Kunjungan ke sanggar" in text and SECRET not in text
    assert "Ani Suryani" in text and "Penjualan per bulan" in text and "Kesiapan koperasi" in text
    province = client.get(f"/admin/dampak/laporan.pdf?provinsi=Jawa+Barat&tahun={today.year}&kuartal={quarter}")
    text = re.sub(r"\s+", " ", _pdf_text(province.data))
    assert "Laporan dampak Jawa Barat" in text and "Jahit Mandiri Kediri" not in text
    future = client.get(f"/admin/dampak/laporan.pdf?tahun={today.year + 1}&kuartal=1")
    assert future.status_code == 302


def test_pages_never_show_a_private_note(client, login, world):
    one, _two, staff = world
    login(staff["admin"])
    for url in ("/admin/dampak/", f"/admin/dampak/kelompok/{one.id}"):
        assert SECRET not in client.get(url).get_data(as_text=True)


def test_empty_shop_and_english_pages_render(client, login, make_user):
    login(make_user("admin"))
    for url in ("/admin/dampak/", "/admin/dampak/ekspor.xlsx", "/admin/dampak/laporan.pdf"):
        assert client.get(url).status_code == 200, url
    assert "Tidak ada kelompok aktif" in client.get("/admin/dampak/").get_data(as_text=True)
    client.get("/bahasa/en")
    refresh()  # the test's app context is shared by the requests: forget the locale cached for Indonesian
    assert "Flags to look at" in client.get("/admin/dampak/").get_data(as_text=True)
