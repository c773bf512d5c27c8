"""The bazaar and made-to-measure rows of the walk's seed (seed_walk.py), so their pages are walked too.

For the coordinator's own group: a running bazaar it takes part in (a booth, allocated stock, a till with an open
drawer and a cash sale, so the organiser's detail, print, report and settlement pages, the cashier's till, drawer
and receipt, and the public bazaar page all have rows), an upcoming bazaar whose invitation waits for an answer,
and made-to-measure work: a new single request measured by the buyer, a quoted one, and a bulk request with its
deposit paid and two stages done. Everything through the services, as in seed_walk.py.
"""
from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import select

from shop.catalog.models import Product, Variant
from shop.custom_orders import deposits, quotes, requests, stages
from shop.custom_orders.garments import GARMENTS
from shop.custom_orders.roster import RosterRow
from shop.events import allocation
from shop.events import services as events
from shop.events.models import TillSale
from shop.extensions import db
from shop.groups.models import Group
from shop.models_base import utcnow
from shop.orders.models import Order
from shop.payments import services as payments
from shop.pos import drawer, sales

KEMEJA = {"lingkar_dada": "96", "lebar_bahu": "44,5", "panjang_punggung": "42", "panjang_baju": "72",
          "panjang_lengan": "58"}


def _event(name: str, start: date, days: int, organiser_id: int):
    data = events.EventData(name=name, venue="Halaman Gedung Sate", starts_on=start,
                            ends_on=start + timedelta(days=days - 1), address="Jl. Diponegoro No. 22, Bandung",
                            map_url="https://www.google.com/maps/search/?api=1&query=Gedung+Sate",
                            opening_hours="09.00-17.00 WIB", description="Bazar karya kelompok binaan.")
    event = events.create_event(data, organiser_id)
    events.transition(event, "open")
    return event


def seed_bazaars(own: Group, others: list[Group], organiser_id: int, cashier) -> dict[str, list]:
    """A running bazaar with a sale, and an upcoming one with an open invitation. Returns ids and words."""
    today = date.today()
    running = _event("Bazar Hari Disabilitas", today, 3, organiser_id)
    events.invite(running, [own.id] + [g.id for g in others[:1]])
    items = []
    for part in sorted(running.participations, key=lambda p: p.group_id != own.id):
        events.answer(part, accept=True)
        events.set_booth(running, part.id, f"A{len(items) + 1}")
        variant = min((v for p in part.group.products if p.kind == "ready_made" and p.status == "published"
                       for v in p.variants if v.stock >= 2), key=lambda v: v.id)
        items.append(allocation.set_allocation(part, variant.id, 2, event_price=variant.price - 5_000))
    events.transition(running, "published")
    events.transition(running, "running")
    events.assign_cashier(running, cashier.id)
    till = running.tills[0]
    drawer.open_drawer(till, 200_000, cashier.id)
    body = {"till": till.id, "method": "cash", "lines": [{"sku": items[0].variant.sku, "qty": 1}],
            "made_at": utcnow().isoformat() + "Z", "cash": 1_000_000}
    sales.record_sale(cashier, running.id, str(uuid.uuid4()), body)
    upcoming = _event("Stan Karya Jatim Fair", today + timedelta(days=19), 5, organiser_id)
    events.invite(upcoming, [own.id])
    events.transition(upcoming, "published")
    db.session.flush()
    parts = [p for e in (running, upcoming) for p in sorted(e.participations, key=lambda p: p.group_id != own.id)]
    receipts = list(db.session.scalars(select(Order.token).join(TillSale, TillSale.order_id == Order.id)
                                       .where(TillSale.event_id == running.id)))
    return {"event": [running.id, upcoming.id], "participation": [p.id for p in parts], "till": [till.id],
            "slugs": [running.slug, upcoming.slug], "receipts": receipts}


def _contact(**fields) -> requests.Contact:
    data = {"name": "Rina Wulandari", "email": "rina@contoh.id", "phone": "081298765432", "fabric": "katun",
            "colour": "biru", "model": "lengan panjang"}
    data.update(fields)
    return requests.Contact(**data)


def seed_tailoring(own: Group) -> dict[str, list]:
    """A made-to-measure shirt of the own group and three requests in different states. Returns ids and tokens."""
    own.bank_name, own.bank_account_number, own.bank_account_name = "BRI", "0123456789", own.name[:60]
    product = Product(title="Kemeja Batik Ukur Badan", slug="kemeja-ukur", group=own, craft="batik_cap",
                      kind="made_to_measure", status="published", lead_time_days=14, garment="kemeja",
                      description="Kemeja batik cap dijahit menurut ukuran badan Anda.")
    for i, size in enumerate(("S", "M", "L", "XL")):
        product.variants.append(Variant(size=size, sku=f"UKUR-{size}", price=175_000, stock=0, position=i))
    product.makers = list(own.members[:1])
    db.session.add(product)
    db.session.flush()
    fresh = requests.create_single(product, _contact(), KEMEJA, measure_on_site=False)
    quoted = requests.create_single(product, _contact(name="Budi Hartono", email="budi@contoh.id"), KEMEJA,
                                    measure_on_site=False)
    quotes.send_quote(quoted, "item", 200_000, {}, 50, 14, date.today() + timedelta(days=7), 20_000)
    bulk = requests.create_bulk(product, _contact(organisation="SD Negeri 1 Garut"),
                                [RosterRow(f"Murid {i}", size) for i, size in enumerate(("S", "M", "M", "L"), 1)])
    quotes.send_quote(bulk, "item", 180_000, {}, 50, 21, date.today() + timedelta(days=7), 20_000)
    deposits.accept(bulk)
    order, _attempt = deposits.start_payment(bulk, "deposit", "bank_transfer")
    payments.confirm_payment(order.parts[0], None)
    for stage in ("diukur", "dipotong"):
        stages.set_stage(bulk, stage)
    db.session.flush()
    return {"custom_order": [fresh.id, quoted.id, bulk.id], "tokens": [quoted.token, bulk.token, fresh.token],
            "slug": [product.slug], "garment": sorted(GARMENTS)}
