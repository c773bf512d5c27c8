"""E9: "SHU tahun berjalan" in the RAT neraca is the year's own result; earlier years still open stand apart."""
from datetime import date

from shop.coop.rat import report
from shop.ledger import events
from shop.ledger.events import SaleLine


def test_e9_shu_tahun_berjalan_is_the_years_own_result(app, make_books, client, make_staff, login):
    group = make_books()
    events.part_paid(group.id, 1, date(2025, 6, 1), "bazaar", [SaleLine(1_770_000)])
    events.part_paid(group.id, 2, date(2026, 6, 1), "bazaar", [SaleLine(21_623_720)])
    rat = report(group.id, 2026)
    assert rat.shu_amount == rat.unclosed == 21_623_720
    assert rat.unclosed_earlier == 1_770_000
    login(make_staff("coordinator", group))
    html = client.get("/kelola/buku/rat?tahun=2026").get_data(as_text=True)
    assert "SHU tahun berjalan 2026 (belum ditutup)" in html and "SHU tahun sebelumnya (belum ditutup)" in html
