"""Reads never write: a GET of every books page (the coordinator's /kelola/buku/*, the admin's /admin/buku/*,
the cooperative pages included) sends no INSERT, UPDATE or DELETE and leaves the row count of every table
unchanged, also for a group whose books rows are missing (getters read the defaults instead of inserting)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, func, select

from shop.books import services
from shop.coop import cycle, exits
from shop.coop.services import record_contribution
from shop.extensions import db
from shop.ledger import assets, chart, coop_events, events, makers
from shop.ledger.events import SaleLine

BOOKS_BLUEPRINTS = {"coordinator": ("books", "coop"), "admin": ("books_admin", "coop_admin")}


def row_counts() -> dict[str, int]:
    db.session.expire_all()
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def get_paths(app, blueprints, values: dict) -> list[str]:
    paths = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in blueprints and "GET" in rule.methods:
            paths.append(rule.build({arg: values[arg] for arg in rule.arguments}, append_unknown=False)[1])
    return paths


@pytest.mark.parametrize("role", ["coordinator", "admin"])
@pytest.mark.parametrize("books_rows", ["made", "missing"])
def test_a_get_of_every_books_page_changes_no_row(app, client, make_books, make_group, make_member, make_staff,
                                                  login, role, books_rows):
    group = make_books(maker_share_percent=40) if books_rows == "made" else make_group()
    ani = make_member(group, name="Ani")
    receipt = record_contribution(group.id, ani.id, "wajib", 10_000, date(2026, 3, 1))  # a write: may add rows
    chart.update_settings(group.id, 40, 290)  # makers are owed a share, so a maker's kuitansi can be shown
    events.part_paid(group.id, 7, date(2026, 3, 2), "online", [SaleLine(300_000, ani.id, 1, "Batik")])
    maker_receipt = makers.pay_maker(group.id, ani.id, date(2026, 3, 3), 5_000, "kas", "form:reads-test-key")
    expense = services.record_cash(group, date(2026, 3, 3), "biaya", "kas", 2_000, "Benang", "bahan",
                                   "form:reads-test-nota", None, nota=b"%PDF-1.4 nota")
    assets.buy_asset(group.id, "Mesin jahit", date(2026, 3, 1), 3_000, 12)
    # a year through the cooperative cycle, so the SHU slip and minutes pages have something to show
    events.part_paid(group.id, 8, date(2025, 6, 1), "bazaar", [SaleLine(200_000, ani.id, 1, "Batik")])
    cycle.close_year(group.id, 2025, date(2026, 1, 5))
    cycle.record_decision(group.id, 2025, cycle.Decision(date(2026, 1, 10), 1, "Ani", "", b"%PDF-1.4 notulen",
                                                         cycle.proposal_rule(group.id)))
    cycle.post_division(group.id, 2025, date(2026, 1, 10))
    slip = cycle.pay_member(group.id, 2025, ani.id, date(2026, 1, 11), 1_000, "kas")
    # a former member whose held simpanan was paid out, so the payout receipt has something to show
    budi = make_member(group, name="Budi")
    record_contribution(group.id, budi.id, "wajib", 50_000, date(2026, 3, 1))
    budi.left_on = date(2026, 3, 5)
    coop_events.exit_settlement(group.id, budi.id, date(2026, 3, 5), 0, 50_000, "tahan", "kas", "exit:budi")
    payout = exits.pay_leaver(group.id, budi.id, date(2026, 3, 6), 20_000, "kas", "form:uji-baca-saja-0001")
    login(make_staff(role, group if role == "coordinator" else None))
    paths = get_paths(app, BOOKS_BLUEPRINTS[role], {"group_id": group.id, "contribution_id": receipt.id,
                                                    "payment_id": slip.id, "year": 2025,
                                                    "entry_id": expense.id, "member_id": ani.id,
                                                    "receipt_id": maker_receipt.id, "asset_id": 0,
                                                    "payout_id": payout.id})
    assert len(paths) >= 18, paths  # every report, export and form page of both blueprints
    before = row_counts()
    writes = []

    def catch_writes(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(statement)

    event.listen(db.engine, "before_cursor_execute", catch_writes)
    try:
        for path in paths:
            for query in ("", "?tahun=2026&bulan=3", "?akun=1101&page=2"):
                assert client.get(path + query).status_code == 200, path + query
    finally:
        event.remove(db.engine, "before_cursor_execute", catch_writes)
    assert writes == []  # not even a write rolled back at the end of the request
    assert row_counts() == before
