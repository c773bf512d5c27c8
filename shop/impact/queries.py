"""The reads behind the impact pages: one statement per figure, each grouped by group (and month, member or
product), so a page runs the same number of queries for 5 groups or 500. Everything is read from what the
books record (sales credits, makers' shares paid, simpanan, journal dates) and from orders and listings, up
to the period's last day (`until`): later rows do not exist for a page asked about an earlier day."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, distinct, extract, func, select
from sqlalchemy.orm import selectinload

from shop.catalog.models import MADE_AFTER_ORDER, Product, ProductImage, StockAdjustment, Variant
from shop.coop.models import CoopSettings, MemberContribution
from shop.extensions import db
from shop.groups.models import Group, Member
from shop.impact.models import ImpactNote
from shop.impact.period import Period, utc_start
from shop.impact.scope import Scope, group_ids
from shop.ledger import chart as c
from shop.ledger.models import Account, JournalEntry, Posting, SalesCredit
from shop.orders.models import Order, OrderLine, OrderPart

WAITING_STATUSES = ("paid", "processing")


def groups(scope: Scope) -> list[Group]:
    return list(db.session.scalars(select(Group).where(Group.id.in_(group_ids(scope)))
                                   .options(selectinload(Group.region)).order_by(Group.name, Group.id)))


def monthly_sales(ids, period: Period) -> dict[int, dict[int, dict[str, list[int]]]]:
    """{group: {month key: {channel: [net sales, paid orders]}}} from the sales credits (refunds net)."""
    year, month = extract("year", SalesCredit.date), extract("month", SalesCredit.date)
    orders = func.count(distinct(case((SalesCredit.amount > 0, SalesCredit.order_part_id))))
    stmt = (select(SalesCredit.group_id, year, month, SalesCredit.channel, func.sum(SalesCredit.amount), orders)
            .where(SalesCredit.group_id.in_(ids), SalesCredit.date >= period.fetch_since,
                   SalesCredit.date <= period.until)
            .group_by(SalesCredit.group_id, year, month, SalesCredit.channel))
    out: dict = defaultdict(lambda: defaultdict(dict))
    for gid, y, m, channel, total, count in db.session.execute(stmt):
        out[gid][int(y) * 12 + int(m) - 1][channel] = [int(total), int(count)]
    return out


def last_sale(ids, until: date) -> dict[int, date]:
    stmt = (select(SalesCredit.group_id, func.max(SalesCredit.date))
            .where(SalesCredit.group_id.in_(ids), SalesCredit.amount > 0, SalesCredit.date <= until)
            .group_by(SalesCredit.group_id))
    return {gid: day for gid, day in db.session.execute(stmt)}


def sales_by_craft(ids, period: Period) -> dict[str, int]:
    stmt = (select(Product.craft, func.sum(SalesCredit.amount)).select_from(SalesCredit)
            .outerjoin(Product, Product.id == SalesCredit.product_id)
            .where(SalesCredit.group_id.in_(ids), SalesCredit.date >= period.since,
                   SalesCredit.date <= period.until)
            .group_by(Product.craft))
    return {craft or "": int(total) for craft, total in db.session.execute(stmt)}


@dataclass
class MemberRow:
    id: int
    group_id: int
    name: str
    joined_on: date | None
    last_sale: date | None
    sales: int  # credited in the period
    paid: int = 0  # makers' shares paid in the period
    pokok: int = 0
    simpanan: int = 0  # paid in the period, every kind


def members(ids, period: Period) -> list[MemberRow]:
    """Members on `until` (joined by then, not yet left), with their last credited sale and period sales.
    Only names and figures: the private note never leaves the member's record."""
    in_period = (SalesCredit.date >= period.since) & (SalesCredit.date <= period.until)
    stmt = (select(Member.id, Member.group_id, Member.name, Member.joined_on,
                   func.max(case(((SalesCredit.amount > 0) & (SalesCredit.date <= period.until),
                                  SalesCredit.date))),
                   func.coalesce(func.sum(case((in_period, SalesCredit.amount), else_=0)), 0))
            .outerjoin(SalesCredit, SalesCredit.member_id == Member.id)
            .where(Member.group_id.in_(ids),
                   (Member.joined_on.is_(None)) | (Member.joined_on <= period.until),
                   (Member.left_on.is_(None)) | (Member.left_on > period.until))
            .group_by(Member.id, Member.group_id, Member.name, Member.joined_on)
            .order_by(Member.group_id, Member.name, Member.id))
    return [MemberRow(mid, gid, name, joined, last, int(sales))
            for mid, gid, name, joined, last, sales in db.session.execute(stmt)]


def credit_days(ids, period: Period) -> dict[int, set[date]]:
    """{member: days with a credited sale} from 90 days before the period: members active at each month end."""
    stmt = (select(SalesCredit.member_id, SalesCredit.date).distinct().where(
        SalesCredit.group_id.in_(ids), SalesCredit.member_id.is_not(None), SalesCredit.amount > 0,
        SalesCredit.date >= period.fetch_since, SalesCredit.date <= period.until))
    out: dict[int, set[date]] = defaultdict(set)
    for member_id, day in db.session.execute(stmt):
        out[member_id].add(day)
    return out


def shares_paid(ids, period: Period) -> dict[int, dict[int | None, int]]:
    """{group: {member: makers' shares paid in the period}} (Utang anggota settled by a maker_paid entry)."""
    stmt = (select(JournalEntry.group_id, Posting.member_id, func.sum(Posting.amount))
            .join(JournalEntry, JournalEntry.id == Posting.entry_id).join(Account, Account.id == Posting.account_id)
            .where(JournalEntry.group_id.in_(ids), JournalEntry.kind == "maker_paid",
                   Account.code == c.UTANG_ANGGOTA, JournalEntry.date >= period.since,
                   JournalEntry.date <= period.until)
            .group_by(JournalEntry.group_id, Posting.member_id))
    out: dict = defaultdict(dict)
    for gid, member_id, total in db.session.execute(stmt):
        out[gid][member_id] = int(total)
    return out


def simpanan(ids, period: Period) -> dict[int, dict[str, int]]:
    """{member: {"pokok": all-time pokok, "period": every kind paid in the period}}."""
    in_period = (MemberContribution.date >= period.since) & (MemberContribution.date <= period.until)
    stmt = (select(MemberContribution.member_id,
                   func.sum(case((MemberContribution.kind == "pokok", MemberContribution.amount), else_=0)),
                   func.sum(case((in_period, MemberContribution.amount), else_=0)))
            .where(MemberContribution.group_id.in_(ids), MemberContribution.date <= period.until)
            .group_by(MemberContribution.member_id))
    return {mid: {"pokok": int(pokok), "period": int(paid)} for mid, pokok, paid in db.session.execute(stmt)}


def pokok_amounts(ids) -> dict[int, int]:
    stmt = select(CoopSettings.group_id, CoopSettings.pokok_amount).where(CoopSettings.group_id.in_(ids))
    return dict(db.session.execute(stmt).all())


def books_since(ids, until: date) -> dict[int, date]:
    stmt = (select(JournalEntry.group_id, func.min(JournalEntry.date))
            .where(JournalEntry.group_id.in_(ids), JournalEntry.date <= until).group_by(JournalEntry.group_id))
    return dict(db.session.execute(stmt).all())


def buyers(ids, period: Period) -> list[tuple[int, str, int]]:
    """(group, buyer, paid orders in the period): a buyer is their e-mail (lower case), else their phone;
    a sale with neither (a walk-in at a bazaar) counts in sales and orders but names no buyer."""
    key = func.coalesce(func.nullif(func.lower(func.trim(Order.buyer_email)), ""),
                        func.nullif(func.trim(Order.buyer_phone), ""))
    paid = (select(SalesCredit.group_id.label("group_id"), key.label("buyer"), Order.id.label("order_id"))
            .select_from(SalesCredit)
            .join(OrderPart, OrderPart.id == SalesCredit.order_part_id).join(Order, Order.id == OrderPart.order_id)
            .where(SalesCredit.group_id.in_(ids), SalesCredit.amount > 0, SalesCredit.date >= period.since,
                   SalesCredit.date <= period.until).subquery())
    stmt = (select(paid.c.group_id, paid.c.buyer, func.count(distinct(paid.c.order_id)))
            .where(paid.c.buyer.is_not(None)).group_by(paid.c.group_id, paid.c.buyer))
    return [(gid, buyer, int(n)) for gid, buyer, n in db.session.execute(stmt)]


@dataclass
class Listing:
    id: int
    group_id: int
    title: str
    slug: str
    no_photo: bool
    no_stock: bool
    created_at: datetime
    last_change: datetime  # the last stock change or sale (when stock could last have run out)


def listings(ids) -> list[Listing]:
    """Published listings without a photo, or (made before the sale) without stock."""
    photos = (select(func.count(ProductImage.id)).where(ProductImage.product_id == Product.id)
              .correlate(Product).scalar_subquery())
    stock = (select(func.coalesce(func.sum(Variant.stock), 0)).where(Variant.product_id == Product.id)
             .correlate(Product).scalar_subquery())
    adjusted = (select(func.max(StockAdjustment.at)).join(Variant, Variant.id == StockAdjustment.variant_id)
                .where(Variant.product_id == Product.id).correlate(Product).scalar_subquery())
    sold = (select(func.max(OrderPart.created_at)).join(OrderLine, OrderLine.part_id == OrderPart.id)
            .where(OrderLine.product_id == Product.id).correlate(Product).scalar_subquery())
    no_stock = Product.kind.not_in(MADE_AFTER_ORDER) & (stock == 0)
    stmt = (select(Product.id, Product.group_id, Product.title, Product.slug, photos == 0, no_stock,
                   Product.created_at, adjusted, sold)
            .where(Product.group_id.in_(ids), Product.status == "published", (photos == 0) | no_stock)
            .order_by(Product.group_id, Product.title, Product.id))
    out = []
    for pid, gid, title, slug, no_photo, empty, created, adj, last_sold in db.session.execute(stmt):
        out.append(Listing(pid, gid, title, slug, bool(no_photo), bool(empty), created,
                           max(d for d in (created, adj, last_sold) if d is not None)))
    return out


@dataclass
class Waiting:
    part_id: int
    group_id: int
    number: str
    since: datetime  # paid (or, cash on delivery, placed)


def waiting_parts(ids, until: date, days: int) -> list[Waiting]:
    """Order parts the group has still to send or hand over, waiting since before `until - days` (WIB)."""
    cutoff = utc_start(until - timedelta(days=days))  # paid on D: flagged from D + days + 1
    since = case((OrderPart.paid_at.is_not(None), OrderPart.paid_at), else_=OrderPart.created_at)
    stmt = (select(OrderPart.id, OrderPart.group_id, Order.number, since)
            .join(Order, Order.id == OrderPart.order_id)
            .where(OrderPart.group_id.in_(ids), since < cutoff,
                   (OrderPart.status.in_(WAITING_STATUSES))
                   | ((OrderPart.status == "placed") & (Order.payment_method == "cash_on_delivery")))
            .order_by(OrderPart.group_id, since, OrderPart.id))
    return [Waiting(*row) for row in db.session.execute(stmt)]


def note_counts(ids) -> dict[int, tuple[int, date]]:
    stmt = (select(ImpactNote.group_id, func.count(ImpactNote.id), func.max(ImpactNote.noted_on))
            .where(ImpactNote.group_id.in_(ids)).group_by(ImpactNote.group_id))
    return {gid: (int(n), last) for gid, n, last in db.session.execute(stmt)}


def notes(ids, since: date | None = None, until: date | None = None) -> list[ImpactNote]:
    """Notes on the groups `ids` (a list or a SELECT of ids), newest first."""
    stmt = (select(ImpactNote).where(ImpactNote.group_id.in_(ids))
            .options(selectinload(ImpactNote.created_by), selectinload(ImpactNote.group))
            .order_by(ImpactNote.noted_on.desc(), ImpactNote.id.desc()))
    if since is not None:
        stmt = stmt.where(ImpactNote.noted_on >= since)
    if until is not None:
        stmt = stmt.where(ImpactNote.noted_on <= until)
    return list(db.session.scalars(stmt))


def daily_sales(group_id: int, since: date, until: date) -> dict[date, int]:
    stmt = (select(SalesCredit.date, func.sum(SalesCredit.amount))
            .where(SalesCredit.group_id == group_id, SalesCredit.date >= since, SalesCredit.date <= until)
            .group_by(SalesCredit.date))
    return {day: int(total) for day, total in db.session.execute(stmt)}
