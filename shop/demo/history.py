"""About twelve months of plausible history for the demo groups, recorded through the same services as real use:
online orders paid by transfer (confirmed), by card (marked paid as a verified webhook would, no network) and
cash on delivery; bazaar sales in cash; some refunds; payouts from the platform; simpanan pokok, wajib and
sukarela; small operating costs; and for a few groups the previous year in full, closed with its SHU.

Dates are relative to today, so the demo stays current. Each group's events are recorded in date order, so
every balance check (payouts, cash) sees the books as they stood that day. Deterministic for a seed."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select

from shop.catalog.stock import adjust_stock
from shop.coop import services as coop
from shop.coop.settings import coop_settings, start_wajib
from shop.demo import data, koperasi
from shop.extensions import db
from shop.groups.models import Group
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.services import balance
from shop.mail.models import OutboxMessage
from shop.models_base import utcnow
from shop.orders import services as orders
from shop.payments import services as payments
from shop.payments.models import Payment

CLOSES_EVERY = 15  # groups 1, 16 and 31 keep the whole previous year and close it (SHU)
BUSY = 8  # the first groups (and those that close a year) sell most; the others now and then (keeps it fast)
METHODS = ["bank_transfer"] * 4 + ["stripe"] * 2 + ["xendit_qris"] * 2 + ["cash_on_delivery"] * 2


@dataclass(frozen=True)
class Pace:
    online: tuple[int, int]  # online orders a month (min, max)
    bazaar: float  # chance of a bazaar sale in a month
    wajib_every: int  # simpanan wajib paid this many months at once


BUSY_PACE = Pace((1, 3), 0.45, 3)
# Some groups follow a clear course, so every impact flag shows on the demo dashboard (shop/impact/flags.py):
# "grow" sells 1, 2, 3, 4 orders in the last four whole months, "fall" 4, 3, 2, 1 (one fixed product, no
# bazaar, no refunds), "stall" sells nothing in the last 75 days and puts a product's stock on consignment,
# "late" leaves a paid order waiting 6 days.
PROFILES = {0: "late", 1: "grow", 2: "fall", 3: "stall"}  # by group index modulo CLOSES_EVERY
STALL_DAYS = 75


def coursed_group_ids() -> set[int]:
    """The groups whose last months follow a fixed course (grow, fall, stall): the bazaar and made-to-measure demos
    leave them out, so their sales curve stays the one the impact flags are shown with."""
    ids = list(db.session.scalars(select(Group.id).order_by(Group.id)))
    return {gid for index, gid in enumerate(ids) if PROFILES.get(index % CLOSES_EVERY) in ("grow", "fall", "stall")}
QUIET_PACE = Pace((0, 1), 0.2, 6)
COSTS = ["Beli benang dan kain", "Beli malam dan pewarna", "Ongkos angkut ke bazar", "Listrik sanggar",
         "Fotokopi dan alat tulis"]


def history_start(index: int, today: date) -> date:
    year_ago = today - timedelta(days=365)
    if index % CLOSES_EVERY == 0:
        return min(year_ago, date(today.year - 1, 1, 1))
    return year_ago


def record_history(groups: list[Group], today: date, rng: random.Random, bar=None) -> dict:
    """Record every group's history (flushed, not committed). Returns counts for the CLI."""
    first_mail = db.session.scalar(select(func.max(OutboxMessage.id))) or 0
    counts = {"orders": 0, "closed": 0}
    ids = [group.id for group in groups]
    for index, group_id in enumerate(ids):
        db.session.expunge_all()  # flushed already; a small session keeps every autoflush cheap
        group = db.session.get(Group, group_id)
        counts["orders"] += _group_history(group, index, today, random.Random(rng.random()))
        counts["closed"] += index % CLOSES_EVERY == 0
        if bar is not None:
            bar.update(1)
    # old news: the buyers of the history are invented, so nobody is e-mailed about it
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.id > first_mail))
    db.session.info.pop("outbox_pending", None)
    db.session.flush()
    return counts


def _group_history(group: Group, index: int, today: date, rng: random.Random) -> int:
    start = history_start(index, today)
    closes = index % CLOSES_EVERY == 0
    pace = BUSY_PACE if closes or index < BUSY else QUIET_PACE
    profile = PROFILES.get(index % CLOSES_EVERY, "")
    variants = [v for p in group.products if p.kind != "one_of_a_kind" for v in p.variants]
    members = sorted(group.members, key=lambda m: m.id)
    start_wajib(group.id, date(start.year, start.month, 1))  # simpanan begin with the history
    for member in members:
        coop.record_contribution(group.id, member.id, "pokok", coop_settings(group.id).pokok_amount,
                                 start + timedelta(days=rng.randint(0, 10)), note="Simpanan pokok awal")
    placed = 0
    month = date(start.year, start.month, 1)
    while month <= today:
        if closes and month == date(today.year, 1, 1):
            koperasi.close_and_divide(group, today)  # close, RAT decision, division
        if closes and month == date(today.year, 2, 1) and today >= date(today.year, 2, 15):
            koperasi.pay_some(group, date(today.year, 2, 15))
        days = _days(month, max(start, month), today - timedelta(days=1))
        if days:
            placed += _month(group, month, days, variants, members, rng, pace, _course(profile, month, today))
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    if profile == "stall":
        _consign(variants, today - timedelta(days=STALL_DAYS), rng)
    if profile == "late" and variants:
        placed += _order_for(group, today - timedelta(days=6), variants, rng, "online", "bank_transfer",
                             hand_over=False)
    return placed


def _consign(variants, day: date, rng) -> None:
    """A stalled group hands a product's whole stock to a souvenir shop: its listing stays without stock."""
    product = next((v.product for v in variants if v.stock > 0 and not v.product.made_after_order), None)
    for variant in product.variants if product else []:
        if variant.stock:
            adjust_stock(variant, -variant.stock, "Dititipkan ke toko oleh-oleh").at = _moment(day, rng)


def _course(profile: str, month: date, today: date) -> tuple[int | None, date | None]:
    """(orders this month where the profile fixes them, else None; the day from which it sells nothing).
    "grow" and "fall" fix the last four whole months; "stall" is quiet for the last 75 days."""
    back = (today.year * 12 + today.month - 1) - (month.year * 12 + month.month - 1)  # 1: last whole month
    fixed = None
    if profile in ("grow", "fall") and 1 <= back <= 4:
        fixed = 5 - back if profile == "grow" else back
    return fixed, today - timedelta(days=STALL_DAYS) if profile == "stall" else None


def _days(month: date, first: date, last: date) -> list[date]:
    out, day = [], first
    while day.month == month.month and day <= last:
        out.append(day)
        day += timedelta(days=1)
    return out


def _month(group, month, days, variants, members, rng, pace: Pace, course=(None, None)) -> int:
    """One month: online orders, maybe a bazaar, a payout of last month's card money, simpanan, a cost."""
    events_today: list[tuple[date, int, object]] = []
    fixed, quiet_from = course
    if fixed is not None:
        events_today += [(rng.choice(days), 1, ("online", "bank_transfer", True)) for _n in range(fixed)]
    else:
        for _n in range(rng.randint(*pace.online)):
            events_today.append((rng.choice(days), 1, ("online", rng.choice(METHODS))))
        if rng.random() < pace.bazaar:
            events_today.append((rng.choice(days), 1, ("bazaar", "cash")))
    if quiet_from is not None:
        events_today = [e for e in events_today if e[0] < quiet_from]
    if days[0].day == 1 and len(days) > 5:
        events_today.append((days[4], 0, "payout"))
    if (month.month % pace.wajib_every == 0) and len(days) > 10:
        events_today.append((days[9], 2, ("simpanan", pace.wajib_every)))
    if len(days) > 20:
        events_today.append((days[19], 3, "cost"))
    placed = 0
    for day, _order, what in sorted(events_today, key=lambda e: (e[0], e[1])):
        if what == "payout":
            _payout(group, day)
        elif what[0] == "simpanan":
            _simpanan(group, members, day, rng, what[1])
        elif what == "cost":
            _cost(group, day, rng)
        elif variants:
            placed += _order_for(group, day, variants, rng, *what)
    return placed


def _moment(day: date, rng: random.Random) -> datetime:
    """A naive UTC time on that local (WIB) day, in working hours."""
    return datetime.combine(day, time(rng.randint(1, 10), rng.randint(0, 59)))


def _past(moment: datetime) -> datetime:
    """Nothing in the history happens after now."""
    return min(moment, utcnow() - timedelta(minutes=5))


def _buyer(rng: random.Random, group: Group) -> orders.Buyer:
    first = rng.choice(data.FIRST_NAMES_JABAR + data.FIRST_NAMES_JATIM)
    last = rng.choice(data.LAST_NAMES)
    region = group.region if rng.random() < 0.6 else None
    return orders.Buyer(name=f"{first} {last}", email=f"{first.lower()}.{last.lower()}@contoh.id",
                        phone=f"08{rng.randint(11, 99)}{rng.randint(10**7, 10**8 - 1)}",
                        province=region.province if region else rng.choice([data.JABAR, data.JATIM, "DKI Jakarta"]),
                        regency=region.name if region else "", district="", postal_code="",
                        street=f"Jl. Melati No. {rng.randint(1, 99)}")


def _order_for(group, day, variants, rng, channel: str, method: str, fixed: bool = False,
               hand_over: bool = True) -> int:
    """One order; `fixed`: one of the first product, no refund (a course's month); without `hand_over` the
    paid order waits for the group."""
    picked = variants[:1] if fixed else rng.sample(variants, k=min(len(variants), rng.choice([1, 1, 1, 2])))
    items, made = [], []
    for variant in picked:
        quantity = 1 if fixed else rng.choice([1, 1, 1, 2, 3]) if channel == "bazaar" else rng.choice([1, 1, 2])
        if not variant.product.made_after_order:  # made for this sale: production first, then the sale
            made.append(adjust_stock(variant, quantity, "Produksi baru"))
        items.append((variant.id, quantity, variant.price))
    at = _moment(day, rng)
    for adjustment in made:
        adjustment.at = at  # the stock history (and the impact flags) see the production on the sale's day
    delivery = {group.id: "pickup" if channel == "bazaar" or rng.random() < 0.4 else "courier"}
    order = orders.place_order(items, _buyer(rng, group), delivery, method, channel=channel)
    order.created_at = at
    part = order.parts[0]
    part.created_at = at
    paid_at = _past(at + timedelta(hours=rng.randint(1, 20))) if channel == "online" else at
    if method in ("stripe", "xendit_qris"):
        _gateway_paid(order, method, paid_at)
    elif method == "bank_transfer":
        payments.open_manual_payments(order)
        payments.confirm_payment(part, None, at=paid_at)
    elif method == "cash_on_delivery":
        payments.open_manual_payments(order)
    else:
        orders.mark_part_paid(part, at=paid_at)
    if not hand_over:
        return 1
    done = _hand_over(part, _past(paid_at + timedelta(days=rng.randint(1, 4))) if channel == "online" else at)
    if method == "cash_on_delivery":
        payments.confirm_payment(part, None, at=done)
    if channel == "online" and not fixed and rng.random() < 0.07:
        refunded = done + timedelta(days=rng.randint(1, 6))
        if _past(refunded) == refunded:
            payments.refund_part(part, None, reason="Ukuran tidak cocok, barang dikembalikan", restock=True,
                                 provider_refund_id=REFUND_IDS[method](part.id) if method in REFUND_IDS else None,
                                 at=refunded)
    return 1


REFUND_IDS = {"stripe": lambda part_id: f"re_demo_{part_id}", "xendit_qris": lambda part_id: f"rfd-demo-{part_id}"}


def _gateway_paid(order, method: str, paid_at: datetime) -> None:
    """The card or QRIS payment the verified callback would report, through the same payments.provider_paid()
    action. Cards: the group's rate. QRIS: Xendit's fee of 0.7 %, nothing on sales up to Rp500.000 (micro
    merchants' QRIS MDR is zero there)."""
    stripe = method == "stripe"
    payment = Payment(order=order, method=method, amount=order.total, created_at=paid_at,
                      provider_session_id=f"cs_demo_{order.id}" if stripe else f"pr-demo-{order.id}")
    db.session.add(payment)
    db.session.flush()
    fee = None if stripe else (0 if order.total <= 500_000 else round(order.total * 0.007))
    payments.provider_paid(payment, f"pi_demo_{order.id}" if stripe else f"py-demo-{order.id}", fee=fee, at=paid_at)


def _hand_over(part, at: datetime) -> datetime:
    if part.shipping == "courier":
        orders.ship_part(part, "JNE", f"JNE{part.id:010d}")
        orders.mark_delivered(part)
        part.shipped_at = at
        at = _past(at + timedelta(days=2))
    else:
        orders.mark_picked_up(part)
    part.finished_at = at
    return at


def _payout(group, day: date) -> None:
    held = balance(group.id, c.PIUTANG_PLATFORM)
    if held > 0:
        events.payout(group.id, f"demo-{group.id}-{day:%Y%m}", day, held, memo=f"Pencairan {day:%m/%Y}")


def _simpanan(group, members, day: date, rng, months: int) -> None:
    """Most members pay what is due up to the next collection (`months` ahead); a few fall behind."""
    settings = coop_settings(group.id)
    ahead = day + timedelta(days=31 * months)  # through the month before the next collection
    for member in members:
        owed = coop.wajib_due(settings, member, ahead) - coop.paid(group.id, member.id, "wajib")
        pays = rng.random() < 0.85  # drawn for every member, as before, so the demo's random course is unchanged
        if owed > 0 and pays:
            coop.record_contribution(group.id, member.id, "wajib", owed, day,
                                     note=f"Simpanan wajib {owed // settings.wajib_amount} bulan")
        if rng.random() < 0.12:
            coop.record_contribution(group.id, member.id, "sukarela", rng.randrange(25_000, 200_001, 5_000),
                                     day, note="Simpanan sukarela")


def _cost(group, day: date, rng) -> None:
    amount = rng.randrange(20_000, 120_001, 5_000)
    if balance(group.id, c.KAS) >= amount:
        events.cash_movement(group.id, day, "biaya", "kas", amount, rng.choice(COSTS))
