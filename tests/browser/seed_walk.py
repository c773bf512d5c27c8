"""A small shop with something on every page, for the walk of every page (test_every_page.py).

On top of seed.py's catalogue (a region per province, three groups with members, products of every kind with
photos): the groups' books, a draft product, staff of every role, orders in several states (a bank transfer
waiting for its slip, one with a slip to check, paid, shipped, picked up, refunded, cancelled, cash on
delivery, one over two groups), simpanan with receipts, an operating cost in the books, an invitation and a
password-reset link; bazaars and made-to-measure requests (seed_walk_more.py). Everything goes through the
services, as real use would.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from PIL import Image
from sqlalchemy import select

from shop.accounts import services as accounts
from shop.accounts.models import User
from shop.catalog.models import Product, Variant
from shop.coop.services import record_contribution
from shop.extensions import db
from shop.groups.models import Group
from shop.groups.services import GROUP_STATUSES
from shop.ledger import events
from shop.ledger.chart import create_chart
from shop.orders import services as orders
from shop.payments import services as payments
from tests.browser.seed import seed_small_catalogue
from tests.browser.seed_walk_more import seed_bazaars, seed_tailoring
from tests.fixtures.orders import BUYER

PASSWORD = "rahasia-jalan-2026"
ROLES = ("coordinator", "admin", "organiser", "cashier")


@dataclass
class Seeded:
    """What the walk fills URLs with: ids by kind (the coordinator's own group's first), words by argument name,
    and the e-mail address of each role's account."""
    ids: dict[str, list[int]] = field(default_factory=dict)
    words: dict[str, list[str]] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)


def _slip() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 900), (230, 230, 220)).save(out, "JPEG")
    return out.getvalue()


def _order(variants: list[tuple[Variant, int]], method: str, shipping: str, **buyer):
    groups = {v.product.group_id for v, _q in variants}
    order = orders.place_order([(v.id, q, v.price) for v, q in variants], orders.Buyer(**dict(BUYER, **buyer)),
                               {g: shipping for g in groups}, method)
    payments.open_manual_payments(order)
    return order


def seed_walk(app) -> Seeded:
    catalogue = seed_small_catalogue(app)
    seeded = Seeded()
    with app.app_context(), app.test_request_context("/"):
        groups = list(db.session.scalars(select(Group).order_by(Group.id)))
        for group in groups:
            create_chart(group.id)
        own = groups[0]
        draft = Product(title="Taplak Batik Belum Tayang", slug="taplak-draf", group=own, craft="batik_cap",
                        kind="ready_made", status="draft", description="Masih draf.")
        draft.variants.append(Variant(size="", sku="DRAF-1", price=175_000, stock=3, position=0))
        db.session.add(draft)

        proto = User(email="proto", role="admin")
        proto.set_password(PASSWORD)  # scrypt is slow on purpose: hash once
        for role in ROLES:
            user = User(email=f"{role}@jalan.pasarkarya.id", name=f"Uji {role}", role=role, active=True,
                        group=own if role == "coordinator" else None, password_hash=proto.password_hash)
            db.session.add(user)
            seeded.logins[role] = user.email
        db.session.add(User(email="koordinator2@jalan.pasarkarya.id", name="Koordinator Dua", role="coordinator",
                            group=groups[1], password_hash=proto.password_hash))
        db.session.flush()

        def variant(title: str, n: int = 0) -> Variant:
            product = db.session.scalar(select(Product).where(Product.slug == catalogue["products"][title]))
            return sorted(product.variants, key=lambda v: v.position)[n]

        shirt, bag, mask = variant("Kemeja Batik Cap Parang", 1), variant("Tas Anyaman Pandan"), \
            variant("Seragam Sekolah Putih", 1)
        kebaya, selendang = variant("Kebaya Brokat Pengantin"), variant("Selendang Batik Tulis Kawung")
        waiting = _order([(shirt, 1)], "bank_transfer", "pickup")  # waits for the buyer's slip
        checking = _order([(shirt, 2), (mask, 3)], "bank_transfer", "courier", name="Budi Hartono")
        payments.submit_slip(checking.parts[0], _slip())  # group 0: a slip to check; group 1 waits
        shipped = _order([(variant("Kemeja Batik Cap Parang", 2), 1), (selendang, 1)], "bank_transfer", "courier")
        payments.submit_slip(shipped.parts[0], _slip())
        payments.confirm_payment(shipped.parts[0], None)
        orders.start_processing(shipped.parts[0])
        orders.ship_part(shipped.parts[0], "JNE REG", "JNE0012345678")
        picked = _order([(variant("Kain Batik Tulis Merak Biru"), 1)], "bank_transfer", "pickup")
        payments.submit_slip(picked.parts[0], _slip())
        payments.confirm_payment(picked.parts[0], None)
        orders.mark_picked_up(picked.parts[0])
        refunded = _order([(shirt, 1)], "bank_transfer", "pickup", name="Rina Wulandari")
        payments.submit_slip(refunded.parts[0], _slip())
        payments.confirm_payment(refunded.parts[0], None)
        payments.refund_part(refunded.parts[0], None, reason="Ukuran tidak cocok", restock=True)
        cancelled = _order([(shirt, 1)], "bank_transfer", "pickup")
        payments.cancel_part(cancelled.parts[0], "Pembeli membatalkan lewat WhatsApp")
        cod = _order([(variant("Kemeja Batik Cap Parang", 0), 1)], "cash_on_delivery", "courier")
        orders.ship_part(cod.parts[0], "J&T", "JT9876543210")
        made = _order([(kebaya, 1), (bag, 1)], "bank_transfer", "pickup")  # made to measure, two groups

        members = sorted(own.members, key=lambda m: m.id)
        contributions = []
        for member in members:
            contributions.append(record_contribution(own.id, member.id, "pokok", 100_000, date(2026, 1, 5)))
            contributions.append(record_contribution(own.id, member.id, "wajib", 20_000, date(2026, 2, 5)))
        contributions.append(record_contribution(own.id, members[0].id, "sukarela", 50_000, date(2026, 3, 9),
                                                 note="Tabungan lebaran"))
        events.cash_movement(own.id, date.today(), "biaya", "kas", 35_000, "Beli malam dan canting")

        staff = {u.role: u for u in db.session.scalars(select(User).where(User.email.in_(seeded.logins.values())))}
        bazaars = seed_bazaars(own, groups[1:], staff["organiser"].id, staff["cashier"])
        tailoring = seed_tailoring(own)

        invited = accounts.invite_user("undangan@jalan.pasarkarya.id", "coordinator", group_id=groups[2].id)
        invite_token = accounts.issue_token(invited, "invite")
        reset_user = db.session.scalar(select(User).where(User.email == seeded.logins["organiser"]))
        reset_token = accounts.issue_token(reset_user, "reset")
        db.session.commit()

        all_orders = [waiting, checking, shipped, picked, refunded, cancelled, cod, made]
        parts = [p for o in all_orders for p in o.parts]
        parts.sort(key=lambda p: p.group_id != own.id)  # the coordinator's own group's parts first
        products = sorted(db.session.scalars(select(Product)), key=lambda p: (p.group_id != own.id, p.id))
        seeded.ids = {
            "group": [g.id for g in groups],
            "member": [m.id for g in groups for m in sorted(g.members, key=lambda m: m.id)],
            "product": [p.id for p in products],
            "variant": [v.id for p in products for v in p.variants],
            "image": [i.id for p in products for i in p.images],
            "user": list(db.session.scalars(select(User.id).order_by(User.id))),
            "region": sorted({g.region_id for g in groups}),
            "part": [p.id for p in parts],
            "order": [o.id for o in all_orders],
            "payment": [pay.id for o in all_orders for pay in o.payments],
            "contribution": [c.id for c in contributions],
            "event": bazaars["event"], "participation": bazaars["participation"], "till": bazaars["till"],
            "custom_order": tailoring["custom_order"],
        }
        kinds = {}  # one product slug per kind first, then the rest
        for product in products:
            if product.status == "published":
                kinds.setdefault(product.kind, product.slug)
        seeded.words = {
            "slug": list(kinds.values()) + [g.slug for g in groups] + bazaars["slugs"]
            + [s for s in catalogue["products"].values() if s not in kinds.values()],
            "token": [o.token for o in all_orders] + [invite_token, reset_token] + bazaars["receipts"]
            + tailoring["tokens"],
            "garment": tailoring["garment"], "ext": ["csv"],
            "new_status": sorted(GROUP_STATUSES),
        }
    return seeded
