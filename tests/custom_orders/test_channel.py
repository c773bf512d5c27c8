"""A delivered made-to-measure request is a sale on the channel "custom": the books credit it there (posted to
Penjualan online in the chart), the group's sales report and its XLSX show it apart from online and bazaar,
and the admin's impact page counts it as made-to-measure. Through the test client with CSRF on."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.models import SalesCredit
from shop.ledger.services import balance
from shop.money import format_idr


def test_a_delivered_request_is_credited_on_the_custom_channel(tailor, make_request):
    group, _p, members = tailor
    co = make_request("balance_paid")
    from shop.custom_orders import deposits, team

    team.assign_makers(co, [members[0].id])
    deposits.hand_over(co)
    credits = db.session.scalars(select(SalesCredit).where(SalesCredit.group_id == group.id)).all()
    assert [(sc.channel, sc.member_id, sc.amount) for sc in credits] == [("custom", members[0].id, 200_000)]
    assert credits[0].order_part_id == co.deposit_order.parts[0].id  # the request counts as one order
    assert balance(group.id, c.PENJUALAN_ONLINE) == -200_000 and balance(group.id, c.PENJUALAN_BAZAAR) == 0


def test_books_and_impact_pages_show_made_to_measure_apart(client, login, tailor, make_request, make_product,
                                                           make_order, make_user):
    group, _p, _members = tailor
    make_request("delivered")
    other = make_product(group=group, title="Masker Batik", price=30_000, stock=10)
    order = make_order([(other.variants[0], 1)])
    from shop.payments import services as payments

    payments.confirm_payment(order.parts[0], None)
    coordinator, admin = make_user("coordinator", group=group), make_user("admin")
    db.session.commit()

    login(coordinator)
    page = client.get("/kelola/buku/penjualan").get_data(as_text=True)
    custom_row = f"<tr><td>Pesanan khusus (ukur badan)</td><td class=\"num\">{format_idr(200_000)}</td></tr>"
    online_row = f"<tr><td>Online</td><td class=\"num\">{format_idr(30_000)}</td></tr>"
    assert custom_row in page and online_row in page
    assert '<th scope="col" class="num">Pesanan khusus (ukur badan)</th>' in page  # the per-month column
    book = load_workbook(io.BytesIO(client.get("/kelola/buku/laporan.xlsx").data))
    rows = [list(r) for r in book["Penjualan per saluran"].iter_rows(values_only=True)]
    assert ["Pesanan khusus (ukur badan)", 200_000] in rows and ["Online", 30_000] in rows
    month = [list(r) for r in book["Penjualan per bulan"].iter_rows(values_only=True)]
    assert month[0] == ["Bulan", "Online", "Bazar", "Pesanan khusus (ukur badan)"] and month[1][1:] == [30_000, 0,
                                                                                                    200_000]

    client.post_form("/keluar", token_page="/dasbor")
    login(admin)
    impact = client.get(f"/admin/dampak/kelompok/{group.id}").get_data(as_text=True)
    assert "Pesanan khusus (ukur badan)" in impact and format_idr(200_000) in impact
    csv = client.get("/admin/dampak/ekspor.csv?tabel=penjualan-bulanan").get_data(as_text=True)
    header, *lines = csv.strip().splitlines()
    assert "Pesanan khusus (ukur badan)" in header
    assert any(line.rstrip().endswith(",200000") or ",200000," in line for line in lines), csv
