"""The coordinator's dashboard is a to-do list: counts that link to the page that resolves each."""
from __future__ import annotations

import io

from PIL import Image

from shop.extensions import db
from shop.payments import services as payments


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), (90, 20, 20)).save(buf, "PNG")
    return buf.getvalue()


def test_dashboard_lists_what_waits_with_links(client, make_user, login, make_product, make_order):
    product = make_product(stock=2)  # 2 is at or under the low-stock threshold
    make_product(group=product.group, status="draft", title="Draf Tanpa Foto")
    coordinator = make_user("coordinator", group=product.group)
    slip_order = make_order([(product.variants[0], 1)], phone="0812 3456 7890")
    paid_order = make_order([(product.variants[0], 1)], method="cash_on_delivery", phone="0813 1111 2222")
    payments.submit_slip(slip_order.parts[0], _png())
    payments.confirm_payment(paid_order.parts[0], coordinator.id)
    db.session.commit()
    login(coordinator)
    page = client.get("/kelola").get_data(as_text=True)
    assert "1 bukti transfer menunggu diperiksa" in page
    assert "1 pesanan dibayar, siap disiapkan" in page and 'href="/kelola/pesanan/?status=paid"' in page
    assert "1 draf belum punya foto" in page and "stoknya menipis" in page
    assert paid_order.number in page and "https://wa.me/6281311112222" in page  # message the waiting buyer


def test_empty_dashboard_says_nothing_waits(client, make_user, login, make_group):
    login(make_user("coordinator", group=make_group()))
    assert "Tidak ada yang menunggu" in client.get("/kelola").get_data(as_text=True)
