"""The dashboard answers in a fixed number of SQL statements whatever the number of groups: 45 and 450
groups (built cheaply with multi-row INSERTs: members, products, sales in the books, orders, simpanan)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import insert, select

from shop.catalog.models import Product, Variant
from shop.coop.models import MemberContribution
from shop.extensions import db
from shop.groups.models import Group, Member, Region
from shop.impact.models import ImpactNote
from shop.ledger.models import JournalEntry, SalesCredit
from shop.orders.models import Order, OrderPart

DAY = date(2026, 10, 5)


def _ids(model, rows):
    return db.session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows).all()


def bulk_groups(start: int, count: int) -> None:
    region = db.session.scalar(select(Region.id).limit(1))
    if region is None:
        region = _ids(Region, [{"province": "Jawa Barat", "name": "Garut", "kind": "kabupaten", "slug": "garut"}])[0]
    groups = _ids(Group, [{"name": f"Kelompok {n}", "slug": f"kelompok-{n}", "crafts": "batik_tulis",
                           "region_id": region, "status": "active", "created_at": datetime(2025, 1, 1)}
                          for n in range(start, start + count)])
    members = _ids(Member, [{"group_id": g, "name": f"Anggota {g}-{i}", "joined_on": date(2025, 1, 1)}
                            for g in groups for i in range(3)])
    products = _ids(Product, [{"group_id": g, "title": f"Batik {g}", "slug": f"batik-{g}", "craft": "batik_tulis",
                               "status": "published"} for g in groups])
    db.session.execute(insert(Variant), [{"product_id": p, "sku": f"SKU-{p}", "price": 100_000, "stock": 0}
                                         for p in products])
    orders = _ids(Order, [{"number": f"PK-{g}", "token": f"t-{g}", "payment_method": "bank_transfer",
                           "buyer_name": "Siti", "buyer_email": f"b{g % 7}@contoh.id", "buyer_phone": "08123"}
                          for g in groups])
    parts = _ids(OrderPart, [{"order_id": o, "group_id": g, "status": "paid", "paid_at": datetime(2026, 10, 5)}
                             for o, g in zip(orders, groups, strict=True)])
    entries = _ids(JournalEntry, [{"group_id": g, "date": DAY, "kind": "sale", "reference": f"part:{p}:paid"}
                                  for g, p in zip(groups, parts, strict=True)])
    db.session.execute(insert(SalesCredit), [
        {"group_id": g, "entry_id": e, "date": DAY, "channel": "online", "order_part_id": p,
         "member_id": members[3 * i], "amount": 100_000, "is_member_sale": True}
        for i, (g, e, p) in enumerate(zip(groups, entries, parts, strict=True))])
    db.session.execute(insert(MemberContribution), [
        {"group_id": g, "member_id": members[3 * i], "kind": "pokok", "amount": 100_000, "date": DAY,
         "receipt_number": f"KW/{g}", "entry_id": e}
        for i, (g, e) in enumerate(zip(groups, entries, strict=True))])
    db.session.execute(insert(ImpactNote), [{"group_id": g, "flag": "", "action": "visit", "noted_on": DAY,
                                             "text": "Kunjungan"} for g in groups[::5]])
    db.session.commit()


def test_dashboard_runs_the_same_queries_for_45_and_450_groups(app, client, make_user, login, query_counter):
    login(make_user("admin"))
    counts = []
    for start, count in ((1, 45), (46, 405)):
        bulk_groups(start, count)
        with query_counter() as counter:
            response = client.get("/admin/dampak/")
        assert response.status_code == 200
        assert f"Kelompok {start + count - 1}" in response.get_data(as_text=True)
        counts.append(counter.count)
    assert db.session.scalar(select(db.func.count(Group.id))) == 450
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20, counts
    print("impact dashboard SQL statements at 45 and 450 groups:", counts)
