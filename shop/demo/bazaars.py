"""Demo bazaars, made through the services a real organiser, coordinator and cashier use: a past "Bazar UKM
Disabilitas Jawa Barat" at Gedung Sate (allocations, till sales over two days on two tills, drawer sessions,
closing, settlements with every group), one running today in Bandung (the cashier's work: an open drawer and
the first sales; one group has its own QRIS), and an upcoming stand at Jatim Fair (invitations, answers, booths, allocated stock)."""
from __future__ import annotations

import io
import random
import uuid
from datetime import date, datetime, time, timedelta

import segno
from sqlalchemy import select

from shop.accounts.models import User
from shop.catalog.models import Product, Variant
from shop.catalog.stock import adjust_stock
from shop.demo import history
from shop.events import allocation, settlement
from shop.events import services as events
from shop.events.models import Event
from shop.extensions import db
from shop.groups import services as group_services
from shop.groups.models import Group, Region
from shop.models_base import utcnow
from shop.pos import drawer, sales
from shop.pos import lines as till_lines

JABAR, JATIM = "Jawa Barat", "Jawa Timur"


def load(today: date, rng: random.Random, organiser_email: str, cashier_email: str) -> dict:
    organiser = db.session.scalar(select(User).where(User.email == organiser_email))
    cashier = db.session.scalar(select(User).where(User.email == cashier_email))
    jabar = _groups(JABAR) or _groups(None)
    jatim = _groups(JATIM) or jabar
    past = _past_bazaar(today, rng, organiser, cashier, jabar[:8])
    running = _running_bazaar(today, rng, organiser, cashier, jabar[8:12] or jabar[:3])
    upcoming = _upcoming_bazaar(today, rng, organiser, jatim[:8])
    return {"bazaars": 3, "bazaar_sales": past + running, "upcoming": upcoming.slug}


def _groups(province: str | None) -> list[Group]:
    stmt = select(Group).join(Region).where(Group.status == "active").order_by(Group.id)
    if province:
        stmt = stmt.where(Region.province == province)
    coursed = history.coursed_group_ids()  # their sales curve is the impact demo's: asked last
    return sorted(db.session.scalars(stmt), key=lambda g: (g.id in coursed, g.id))


def _event(name, venue, address, query, start, days, hours, description, organiser) -> Event:
    data = events.EventData(name=name, venue=venue, address=address, starts_on=start,
                            ends_on=start + timedelta(days=days - 1), opening_hours=hours,
                            map_url=f"https://www.google.com/maps/search/?api=1&query={query}",
                            description=description)
    event = events.create_event(data, organiser.id if organiser else None)
    events.set_qris(event, _qris_png(f"DEMO QRIS PANITIA {name}"))
    events.transition(event, "open")
    return event


def _qris_png(text: str) -> bytes:
    """A stand-in for a printed static QRIS (not a real merchant code)."""
    picture = io.BytesIO()
    segno.make(text, error="m").save(picture, kind="png", scale=8, border=2)
    return picture.getvalue()


def _bring(event: Event, groups: list[Group], rng: random.Random, answers: list[str], with_price: bool) -> list:
    """Invite the groups; each answers in turn (accept/decline/none); who accepts brings 2-3 variants."""
    events.invite(event, [g.id for g in groups])
    accepted = []
    for n, part in enumerate(sorted(event.participations, key=lambda p: p.group_id)):
        answer = answers[n % len(answers)]
        if answer == "none":
            continue
        events.answer(part, accept=answer == "accept",
                      note="" if answer == "accept" else "Anggota sedang mengerjakan pesanan seragam")
        if answer != "accept":
            continue
        events.set_booth(event, part.id, f"{'ABC'[n % 3]}{n + 1}")
        variants = list(db.session.scalars(
            select(Variant).join(Product).where(Product.group_id == part.group_id, Product.status == "published",
                                                Product.kind == "ready_made").order_by(Variant.id)))
        for variant in rng.sample(variants, k=min(3, len(variants))):
            quantity = rng.randint(4, 8)
            if variant.stock < quantity:
                adjust_stock(variant, quantity - variant.stock + 2, "Produksi untuk bazar")
            price = (variant.price * 9 // 10) // 1000 * 1000 if with_price and rng.random() < 0.4 else None
            allocation.set_allocation(part, variant.id, quantity, price)
        accepted.append(part)
    return accepted


def _sell(event, till, cashier, rng, moment: datetime, skus: list[str]) -> bool:
    lines = [{"sku": sku, "qty": rng.choice([1, 1, 1, 2])} for sku in rng.sample(skus, k=min(len(skus),
                                                                                              rng.choice([1, 1, 2, 3])))]
    method = rng.choice(["cash", "cash", "cash", "qris", "qris", "edc"])
    body = {"till": till.id, "method": method, "lines": lines, "made_at": moment.isoformat() + "Z"}
    if method == "cash":  # the buyer pays with notes: the total rounded up to Rp50.000
        wanted = {}
        for line in lines:
            wanted[line["sku"]] = wanted.get(line["sku"], 0) + line["qty"]
        body["cash"] = -(-till_lines.total_of(till_lines.items_for(event, wanted), wanted) // 50_000) * 50_000
    key = str(uuid.UUID(int=rng.getrandbits(128)))
    try:
        with db.session.begin_nested():
            sales.record_sale(cashier, event.id, key, body)
        return True
    except sales.SaleConflict:  # sold out: the cashier tells the buyer, nothing recorded
        return False


def _skus(event: Event) -> list[str]:
    return [i.variant.sku for p in event.participations if p.status == "accepted" for i in p.items if i.quantity]


def _past_bazaar(today, rng, organiser, cashier, groups) -> int:
    start = today - timedelta(days=49 + (today.weekday() - 5) % 7)  # a Saturday about seven weeks ago
    event = _event("Bazar UKM Disabilitas Jawa Barat", "Halaman Gedung Sate", "Jl. Diponegoro No. 22, Citarum, "
                   "Bandung Wetan, Kota Bandung", "Gedung+Sate+Bandung", start, 2, "08.00-16.00 WIB",
                   "Bazar karya kelompok usaha penyandang disabilitas binaan Dinas Sosial Provinsi Jawa Barat.",
                   organiser)
    _bring(event, groups, rng, ["accept", "accept", "accept", "decline", "accept", "accept"], with_price=True)
    events.transition(event, "published")
    events.transition(event, "running")
    if cashier:
        events.assign_cashier(event, cashier.id)
    tills = [event.tills[0], events.add_till(event, "Kasir 2")]
    count = 0
    for day in range(2):
        for n, till in enumerate(tills):
            opened = datetime.combine(start + timedelta(days=day), time(0, 45 + n * 5))  # 07:45 WIB
            session = drawer.open_drawer(till, 300_000, cashier.id if cashier else None)
            session.opened_at = opened
            for _ in range(rng.randint(8, 12)):
                skus = _skus(event)
                if skus and cashier:
                    count += _sell(event, till, cashier, rng, opened + timedelta(minutes=rng.randint(20, 470)), skus)
            drawer.add_movement(session, "out", 25_000, "Beli air minum dan kantong plastik")
            counted = drawer.expected_cash(session) - (5_000 if (day + n) % 3 == 2 else 0)
            closed = drawer.close_drawer(session, counted, 0, cashier.id if cashier else None)
            closed.closed_at = opened + timedelta(hours=8, minutes=30)
    events.transition(event, "closed")
    handed = start + timedelta(days=4)
    for row in settlement.takings(event):
        if row.total:
            settlement.record_settlement(event, row.group_id, "transfer" if row.total > 1_000_000 else "cash",
                                         handed, "Rina Kurniasih (bendahara panitia)", f"Ketua {row.name}"[:120],
                                         organiser.id if organiser else None)
    events.transition(event, "settled")
    return count


def _running_bazaar(today, rng, organiser, cashier, groups) -> int:
    event = _event("Bazar Hari Disabilitas Internasional", "Taman Balai Kota Bandung", "Jl. Wastukencana No. 2, "
                   "Babakan Ciamis, Sumur Bandung, Kota Bandung", "Balai+Kota+Bandung", today, 3,
                   "09.00-17.00 WIB", "Memperingati Hari Disabilitas Internasional, 3 Desember.", organiser)
    accepted = _bring(event, groups, rng, ["accept"], with_price=False)
    if accepted:  # one group has its own QRIS: the till offers it for a sale of that group's items only
        group_services.set_qris(accepted[0].group, _qris_png(f"DEMO QRIS {accepted[0].group.name}"))
    events.transition(event, "published")
    events.transition(event, "running")
    if not cashier:
        return 0
    events.assign_cashier(event, cashier.id)
    drawer.open_drawer(event.tills[0], 200_000, cashier.id)
    now = utcnow()
    return sum(_sell(event, event.tills[0], cashier, rng, now - timedelta(minutes=10 * n), _skus(event))
               for n in range(1, 5) if _skus(event))


def _upcoming_bazaar(today, rng, organiser, groups) -> Event:
    event = _event("Stan Karya Disabilitas Jatim Fair", "Grand City Convention & Exhibition", "Jl. Walikota "
                   "Mustajab No. 1, Ketabang, Genteng, Surabaya", "Grand+City+Surabaya",
                   today + timedelta(days=19), 5, "10.00-21.00 WIB",
                   "Stan bersama kelompok binaan Dinas Sosial Provinsi Jawa Timur di Jatim Fair.", organiser)
    _bring(event, groups, rng, ["accept", "accept", "none", "decline", "accept", "none"], with_price=True)
    events.transition(event, "published")
    return event
