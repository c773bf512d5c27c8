"""Demo made-to-measure requests, through the same services as real use: one in every state (new, questions
asked, quoted, accepted with the deposit paid, in production, ready with the balance due, delivered, cancelled),
and a school's uniform order of 120 pieces read from a CSV roster."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, select

from shop.catalog.models import Product
from shop.custom_orders import deposits, messages, quotes, requests, stages, team
from shop.custom_orders.roster import parse, read_table
from shop.custom_orders.templates import template_for
from shop.demo import history
from shop.extensions import db
from shop.mail.models import OutboxMessage
from shop.payments import services as payments

GARMENTS = {"Seragam Sekolah Jahit Ukur": ("seragam", 10), "Kebaya Pengantin Jahit Ukur": ("kebaya", 1),
            "Seragam Kerja Jahit Ukur": ("seragam", 10)}
BUYERS = ("Dewi Lestari", "Agus Prasetyo", "Siti Nurhaliza", "Bambang Wijaya", "Yuli Astuti", "Rudi Hartono",
          "Nining Suryani", "Hendra Kurnia")
KEBAYA = {"lingkar_leher": 36, "lingkar_dada": 90, "lingkar_pinggang": 72, "lingkar_panggul": 96,
          "panjang_punggung": 38, "lebar_punggung": 34, "panjang_sisi": 18, "tinggi_dada": 24, "lebar_bahu": 38,
          "panjang_lengan": 56, "panjang_baju": 64}
STATES = ("new", "questions", "quoted", "deposit_paid", "production", "ready", "delivered", "cancelled")


def school_csv(rng: random.Random, pieces: int = 120) -> str:
    """What a school sends: name and size per pupil, a few teachers by measurements."""
    lines = [("nama,ukuran,lingkar_dada,lebar_bahu,panjang_baju,panjang_lengan,lingkar_pinggang,lingkar_panggul,"
              "panjang_celana")]
    sizes = ["S"] * 4 + ["M"] * 5 + ["L"] * 3 + ["XL"]
    for i in range(pieces - 3):
        lines.append(f"Murid {i + 1:03d},{rng.choice(sizes)},,,,,,,")
    for name in ("Bu Guru Ratna", "Pak Guru Joko", "Bu Guru Sari"):
        lines.append(f"{name},,{rng.randint(84, 104)},{rng.randint(38, 46)},{rng.randint(66, 74)},"
                     f"{rng.randint(54, 60)},{rng.randint(70, 90)},{rng.randint(90, 104)},{rng.randint(92, 102)}")
    return "\n".join(lines) + "\n"


def _contact(i: int, **extra) -> requests.Contact:
    name = BUYERS[i % len(BUYERS)]
    return requests.Contact(name=name, email=f"pembeli.ukur{i + 1}@contoh.id", phone=f"0812{3456000 + i:07d}",
                            fabric="katun", colour="putih" if i % 2 else "krem", model="sesuai contoh", **extra)


def _advance(co, state: str, coordinator_id: int | None, today: date) -> None:
    if state == "new":
        return
    messages.post(co, "group", "Untuk acara tanggal berapa? Kami ingin memastikan waktunya cukup.", coordinator_id)
    if state == "questions":
        return
    messages.post(co, "buyer", "Akhir bulan depan. Terima kasih.")
    quotes.send_quote(co, "item", 250_000 if co.garment != "kebaya" else 950_000, {}, 50, 21,
                      today + timedelta(days=14), 50_000)
    if state == "quoted":
        return
    if state == "cancelled":
        deposits.accept(co)
        order, _attempt = deposits.start_payment(co, "deposit", "bank_transfer")
        payments.confirm_payment(order.parts[0], coordinator_id)
        stages.set_stage(co, "diukur", coordinator_id)
        deposits.cancel(co, "Acara diundur tahun depan.", "buyer")
        return
    deposits.accept(co)
    order, _attempt = deposits.start_payment(co, "deposit", "bank_transfer")
    payments.confirm_payment(order.parts[0], coordinator_id)
    if state == "deposit_paid":
        return
    for stage in ("diukur", "dipotong", "dijahit") + (("finishing", "siap") if state != "production" else ()):
        stages.set_stage(co, stage, coordinator_id)
    if state in ("production", "ready"):
        return
    balance, _attempt = deposits.start_payment(co, "balance", "cash_on_delivery")
    payments.confirm_payment(balance.parts[0], coordinator_id)
    deposits.hand_over(co)


def record_custom_orders(today: date, rng: random.Random, coordinator_of) -> int:
    """Requests for the first tailoring group with made-to-measure products. `coordinator_of(group_id)` gives
    the demo coordinator's user id. Buyers are invented, so nobody is e-mailed."""
    first_mail = db.session.scalar(select(func.max(OutboxMessage.id))) or 0
    products = list(db.session.scalars(select(Product).where(Product.kind == "made_to_measure")
                                       .order_by(Product.group_id, Product.id)))
    for product in products:  # demo titles may carry a qualifier ("… Biru Dongker"): match the template's start
        base = next((t for t in GARMENTS if product.title.startswith(t)), product.title.split(" (")[0])
        product.garment, product.min_order = GARMENTS.get(base, (requests.garment_for(product), 1))
    db.session.flush()
    coursed = history.coursed_group_ids()
    products = [p for p in products if p.group_id not in coursed] or products
    if not products:
        return 0
    group_id = products[0].group_id
    mine = [p for p in products if p.group_id == group_id]
    kebaya = next((p for p in mine if p.garment == "kebaya"), None)
    uniform = next((p for p in mine if p.min_order >= 10), None)
    coordinator_id = coordinator_of(group_id)
    quotes.set_capacity(group_id, 60)
    made = 0
    for i, state in enumerate(STATES):
        if kebaya is not None and i % 2 == 0:
            co = requests.create_single(kebaya, _contact(i), KEBAYA, measure_on_site=False)
        elif kebaya is not None:
            co = requests.create_single(kebaya, _contact(i), {}, measure_on_site=True,
                                        appointment_at=datetime.combine(today + timedelta(days=3 + i),
                                                                        datetime.min.time()) + timedelta(hours=10))
        else:
            continue
        team.assign_makers(co, [m.id for m in co.group.members[:2]])
        _advance(co, state, coordinator_id, today)
        made += 1
    if uniform is not None:
        fields = template_for(group_id, uniform.garment)
        roster = parse(read_table(school_csv(rng).encode()), fields, requests.sizes_for(uniform))
        school = requests.create_bulk(uniform, _contact(20, organisation="SD Negeri 2 " + uniform.group.region.name),
                                      roster)
        quotes.send_quote(school, "item", 165_000, {}, 50, quotes.suggested_lead_days(school),
                          today + timedelta(days=10), 250_000, "Harga termasuk bordir nama sekolah.")
        deposits.accept(school)
        order, _attempt = deposits.start_payment(school, "deposit", "bank_transfer")
        payments.confirm_payment(order.parts[0], coordinator_id)
        stages.set_stage(school, "diukur", coordinator_id)
        made += 1
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.id > first_mail))
    db.session.info.pop("outbox_pending", None)
    db.session.flush()
    return made
