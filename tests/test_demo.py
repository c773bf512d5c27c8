"""The demo catalogue: deterministic, realistic, images on disk, private notes kept private, and the CLI.

The full demo (45 groups) takes tens of seconds, so these tests load its first four groups: the same code path,
and they already hold every product kind (batik tulis, batik tulis, batik cap, tailoring).
"""
from __future__ import annotations

import functools
import hashlib
import os
import re

import pytest
from PIL import Image
from sqlalchemy import select

from shop import create_app
from shop.catalog.models import PRODUCT_KINDS, Product
from shop.demo import data, loader
from shop.extensions import db
from shop.groups.models import Group, Member
from shop.images import image_path

SMALL = 4
TEMPLATES = {t[0]: (craft, t) for craft, templates in data.PRODUCTS.items() for t in templates}


def _load(groups: int = SMALL, with_history: bool = False) -> dict:
    result = loader.load_demo(groups=groups, progress=False, with_history=with_history)
    db.session.commit()
    return result


def _digest() -> str:
    """Everything a visitor sees of the demo except generated file names and creation times."""
    h = hashlib.sha256()
    for g in db.session.scalars(select(Group).order_by(Group.id)):
        h.update(f"G|{g.name}|{g.slug}|{g.region.name}|{g.crafts}|{g.story}|{g.phone}\n".encode())
        for m in sorted(g.members, key=lambda m: m.id):
            h.update(f"M|{m.name}|{m.role}|{m.public_consent}|{m.private_note}\n".encode())
    for p in db.session.scalars(select(Product).order_by(Product.id)):
        h.update(f"P|{p.title}|{p.slug}|{p.kind}|{p.craft}|{p.lead_time_days}|{p.featured}\n".encode())
        for v in p.variants:
            h.update(f"V|{v.sku}|{v.size}|{v.colour}|{v.price}|{v.stock}\n".encode())
        h.update(("K|" + ",".join(sorted(m.name for m in p.makers)) + "\n").encode())
        h.update(("I|" + ",".join(f"{i.widths}:{i.alt}" for i in p.images) + "\n").encode())
    return h.hexdigest()


def test_loading_is_deterministic(tmp_path):
    digests = []
    for run in ("first", "second"):
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / run}.sqlite3",
                          "UPLOAD_DIR": str(tmp_path / run / "uploads"), "MAIL_DIR": str(tmp_path / run / "mail")})
        with app.app_context():
            db.create_all()
            result = _load()
            assert result["groups"] == SMALL
            digests.append(_digest())
            db.session.remove()
            db.engine.dispose()
    assert digests[0] == digests[1]


def test_groups_products_and_prices_are_realistic(app):
    result = _load()
    groups = list(db.session.scalars(select(Group)))
    assert len(groups) == result["groups"] == SMALL
    for group in groups:
        assert 7 <= len(group.members) <= 10, group.name
        assert 6 <= len(group.products) <= 12, group.name
        assert group.region.province in (data.JABAR, data.JATIM)
    products = list(db.session.scalars(select(Product)))
    assert result["products"] == len(products)
    assert {p.kind for p in products} == set(PRODUCT_KINDS)
    for product in products:
        base = max((t for t in TEMPLATES if product.title == t or product.title.startswith(t + " ")), key=len)
        craft, (_, kind, (low, high), sizes, colours, lead, _) = TEMPLATES[base]
        assert (product.craft, product.kind, product.lead_time_days) == (craft, kind, lead)
        assert product.variants, product.title
        assert len(product.variants) == len(sizes) * max(1, len(colours))
        for variant in product.variants:
            assert isinstance(variant.price, int)
            assert variant.price % 5_000 == 0
            assert low <= variant.price <= high + 10_000 * len(product.variants), (product.title, variant.price)
            assert 10_000 <= variant.price <= 1_100_000
            assert variant.stock >= 0
        if kind == "one_of_a_kind":
            assert [v.stock for v in product.variants] == [1]
        assert 1 <= len(product.makers) <= 3
        assert all(m.group_id == product.group_id for m in product.makers)
        assert product.craft in product.group.craft_list  # a group sells what its crafts say


def test_demo_names_are_distinct_and_real(app):
    _load(groups=12)
    titles = list(db.session.scalars(select(Product.title)))
    assert len(titles) == len(set(titles)), "duplicate product titles"
    assert not [t for t in titles if re.search(r"\(\d+\)$", t)]  # no "(2)" suffixes
    for group in db.session.scalars(select(Group)):
        names = [m.name for m in group.members]
        assert len(names) == len(set(names)), group.name
        words = set(group.name.split())
        own = {w for craft in group.craft_list for phrase in data.GROUP_WORDS.get(craft, []) for w in phrase.split()}
        assert words & own, (group.name, group.crafts)  # the name says a craft the group has
        if group.region.kind == "kota":
            assert f"Kota {group.region.name}" in group.name


def test_every_product_has_images_on_disk_at_the_recorded_widths(app):
    _load()
    upload_dir = app.config["UPLOAD_DIR"]
    for product in db.session.scalars(select(Product)):
        assert product.images, product.title
        for picture in product.images:
            assert picture.alt
            assert picture.width_list == [w for w in app.config["IMAGE_WIDTHS"] if w <= picture.width]
            for width in picture.width_list:
                path = image_path(upload_dir, picture.key, width)
                assert os.path.getsize(path) > 0
                with Image.open(path) as img:
                    assert img.format == "WEBP"
                    assert img.width == width
                    assert img.height == picture.height_for(width)


def test_private_notes_and_hidden_members_stay_off_public_pages(app, client):
    _load()
    noted = list(db.session.scalars(select(Member).where(Member.private_note != "")))
    assert noted, "the demo should include private notes for this test to mean anything"
    notes = {m.private_note for m in noted}
    for group in db.session.scalars(select(Group)):
        shown = {m.name for m in group.members if m.shown_publicly}
        hidden = {m.name for m in group.members if not m.shown_publicly} - shown - {group.contact_name}
        pages = [f"/kelompok/{group.slug}"] + [f"/produk/{p.slug}" for p in group.products]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.get_data(as_text=True)
            assert not any(note in html for note in notes), url
            assert not any(name in html for name in hidden), url
        assert all(name in client.get(f"/kelompok/{group.slug}").get_data(as_text=True) for name in shown)
    for url in ("/", "/katalog", "/kelompok"):
        html = client.get(url).get_data(as_text=True)
        assert not any(note in html for note in notes), url


def test_demo_command_loads_once(app, monkeypatch):  # with the history, as `flask shop demo` runs it
    monkeypatch.setattr(loader, "load_demo", functools.partial(loader.load_demo, groups=2))
    runner = app.test_cli_runner()

    first = runner.invoke(args=["shop", "demo"])
    assert first.exit_code == 0, first.output
    assert "Demo loaded: 2 groups" in first.output
    db.session.remove()
    assert db.session.scalar(select(db.func.count(Group.id))) == 2

    second = runner.invoke(args=["shop", "demo"])
    assert second.exit_code != 0
    assert "already has groups" in second.output

    again = runner.invoke(args=["shop", "demo", "--if-empty"])
    assert again.exit_code == 0
    assert "demo not loaded" in again.output
    db.session.remove()
    assert db.session.scalar(select(db.func.count(Group.id))) == 2


def test_demo_refuses_zero_groups(app):
    with pytest.raises(ValueError):
        loader.load_demo(groups=0, progress=False)


def test_history_books_balance_and_show_every_kind_of_event(app, client):
    from datetime import date

    from shop.coop.models import MemberContribution, ShuAllocation
    from shop.demo.history import history_start
    from shop.ledger import chart as c
    from shop.ledger.models import ClosedYear, JournalEntry
    from shop.ledger.services import balances, trial_balance
    from shop.money import format_idr
    from shop.orders.models import Order
    from shop.payments.models import Refund
    from tests.fixtures.orders import login

    result = _load(groups=14, with_history=True)  # every course of the impact demo, and groups for the bazaars
    assert result["orders"] > 0 and result["closed"] == 1
    groups = list(db.session.scalars(select(Group).order_by(Group.id)))
    for group in groups:
        assert trial_balance(group.id) == 0, group.name
        kinds = set(db.session.scalars(select(JournalEntry.kind).where(JournalEntry.group_id == group.id)))
        assert {"sale", "contribution"} <= kinds, (group.name, kinds)
    paid_out = set(db.session.scalars(select(JournalEntry.group_id).where(JournalEntry.kind == "payout")))
    assert len(paid_out) >= len(groups) - 3  # all but a quiet group or two had card money paid out
    paid = set(db.session.execute(select(Order.payment_method, Order.channel).where(
        Order.status.in_(("paid", "completed", "refunded")))).all())
    assert {("bank_transfer", "online"), ("stripe", "online"), ("xendit_qris", "online"),
            ("cash_on_delivery", "online"), ("cash", "bazaar")} <= paid
    assert db.session.scalar(select(db.func.count(Refund.id)))
    assert db.session.scalar(select(db.func.count(JournalEntry.id)).where(JournalEntry.kind == "fee"))
    assert {k for (k,) in db.session.execute(select(MemberContribution.kind).distinct())} == {
        "pokok", "wajib", "sukarela"}
    today = date.today()
    closed = db.session.scalar(select(ClosedYear).where(ClosedYear.group_id == groups[0].id))
    assert closed.year == today.year - 1 and history_start(0, today) <= date(today.year - 1, 1, 1)
    shares = list(db.session.scalars(select(ShuAllocation).where(ShuAllocation.group_id == groups[0].id)))
    assert shares and sum(s.jasa_usaha + s.jasa_modal for s in shares) > 0
    from shop.coop import cycle  # the year went through the cycle: close, decision, division, some payments
    meeting = cycle.meeting(groups[0].id, today.year - 1)
    assert meeting.decided and meeting.divided and meeting.divided_on > date(today.year - 1, 12, 31)
    paid = cycle.payments(groups[0].id, today.year - 1)
    assert not (today >= date(today.year, 2, 15)) or 0 < len(paid) < len(shares)
    from shop.coop.services import (
        savings,  # E5: arrears count from the wajib start, so most members are current
    )
    rows = [r for group in groups for r in savings(group.id, today)]
    behind = [r for r in rows if r.wajib_behind]
    assert rows and len(behind) < len(rows) // 2, (len(behind), len(rows))
    first = min(db.session.scalars(select(JournalEntry.date).where(JournalEntry.group_id == groups[1].id)))
    assert (today - first).days >= 330  # about twelve months of books

    coordinator = db.session.scalar(select(loader.User).where(loader.User.email == "koordinator1@pasarkarya.id"))
    db.session.commit()
    login(client, coordinator, loader.DEMO_PASSWORD)
    books = balances(groups[0].id)
    overview = client.get("/kelola/buku/").get_data(as_text=True)
    assert books[c.PENJUALAN_ONLINE] < 0 and format_idr(books[c.BANK]) in overview
    sales = client.get("/kelola/buku/penjualan").get_data(as_text=True)
    assert re.search(r"Rp[1-9]", sales) and ">Bazar<" in sales  # the bazaar channel, named

    # the groups' courses (growth, a stall, a fall, a late order) raise every impact flag on the dashboard
    from shop.impact import flags
    from shop.impact.figures import overview
    from shop.impact.period import Period, today_wib
    from shop.impact.scope import Scope

    impact = overview(Scope(), Period(today_wib()))
    flags.attach(impact.groups)
    assert {f.code for g in impact.groups for f in g.flags} == set(flags.RULES)
    for url in ("/kelola/buku/jurnal", "/kelola/buku/pendapatan-anggota", "/kelola/buku/laporan-bulanan"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert re.search(r"Rp[1-9]", response.get_data(as_text=True)), url  # non-zero figures
    # every demo group's whole book, as downloaded, passes Beancount's own checks (what bean-check runs),
    # and its balances are the ledger's
    from beancount import loader as bean_loader
    from beancount.core import realization

    for group in groups:
        text = _beancount_text(group)
        entries, errors, _options = bean_loader.load_string(text)
        assert errors == [], (group.name, errors[:3])
        real = realization.realize(entries)
        kas = next(a for a in realization.iter_children(real) if a.account.endswith("A1101-Kas"))
        assert int(kas.balance.get_currency_units("IDR").number) == balances(group.id)[c.KAS], group.name


def _beancount_text(group) -> str:
    from datetime import date

    from shop.books.reports import member_names
    from shop.ledger import exports, queries
    from shop.ledger.chart import accounts_by_code

    entries = queries.entries_between(group.id, date(1900, 1, 1), date(9999, 12, 31))
    return exports.beancount(f"Buku {group.name}", list(accounts_by_code(group.id).values()), entries,
                             member_names(group.id), queries.first_entry_date(group.id) or date.today())
