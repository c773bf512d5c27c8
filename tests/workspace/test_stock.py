"""Stock adjustments with a reason, history per product, never below zero, the low-stock list."""
import re

import pytest

from shop.catalog import stock
from shop.catalog.models import StockAdjustment, Variant
from shop.errors import OutOfStock
from shop.extensions import db


def _url(product):
    return f"/kelola/produk/{product.id}/varian/{product.variants[0].id}/stok"


def test_adjust_up_and_down_with_history(coordinator, make_product):
    client, group, user = coordinator
    product = make_product(group=group, title="Sarung Tenun", stock=2)
    db.session.commit()
    prefix = f"v{product.variants[0].id}-"
    page = f"/kelola/produk/{product.id}"
    r = client.post_form(_url(product), {prefix + "change": "5", prefix + "reason": "Hasil tenun minggu ini"},
                         token_page=page)
    assert r.status_code == 302
    client.post_form(_url(product), {prefix + "change": "-3", prefix + "reason": "Rusak kena air"}, token_page=page)
    db.session.expire_all()
    assert db.session.get(Variant, product.variants[0].id).stock == 4
    html = client.get(page).get_data(as_text=True)
    assert "Hasil tenun minggu ini" in html and "Rusak kena air" in html and "+5" in html and "-3" in html
    entries = db.session.query(StockAdjustment).all()
    assert {e.user_id for e in entries} == {user.id}


@pytest.mark.parametrize("change, reason, message", [
    ("-3", "Terjual di bazar", "tinggal 2"),
    ("0", "Tidak ada", "selain 0"),
    ("", "Kosong", "selain 0"),
    ("dua", "Huruf", "angka bulat"),
    ("5", "", "Tulis alasan"),
    ("9999999", "Terlalu besar", "terlalu besar"),
])
def test_bad_adjustments_refused_with_message(coordinator, make_product, change, reason, message):
    client, group, _user = coordinator
    product = make_product(group=group, stock=2)
    db.session.commit()
    prefix = f"v{product.variants[0].id}-"
    r = client.post_form(_url(product), {prefix + "change": change, prefix + "reason": reason},
                         token_page=f"/kelola/produk/{product.id}")
    assert r.status_code == 422
    assert message in r.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Variant, product.variants[0].id).stock == 2
    assert db.session.query(StockAdjustment).count() == 0


def test_service_decrement_is_conditional(app, make_product):
    product = make_product(stock=1)
    variant = product.variants[0]
    with app.test_request_context():
        stock.adjust_stock(variant, -1, "Terjual")
        assert variant.stock == 0
        with pytest.raises(OutOfStock):
            stock.adjust_stock(variant, -1, "Terjual lagi")
    assert variant.stock == 0


def test_low_stock_lists_only_ready_made_of_own_group(coordinator, make_product):
    client, group, _user = coordinator
    make_product(group=group, title="Hampir Habis", stock=1)
    make_product(group=group, title="Masih Banyak", stock=30)
    make_product(group=group, title="Pesanan Ukur", kind="made_to_measure", stock=0, lead_time_days=14)
    make_product(group=group, title="Diarsipkan Habis", stock=0, status="archived")
    make_product(title="Kelompok Lain Habis", stock=0)
    db.session.commit()
    for url in ("/kelola", "/kelola/stok-menipis"):
        html = client.get(url).get_data(as_text=True)
        assert "Hampir Habis" in html
        for absent in ("Masih Banyak", "Pesanan Ukur", "Diarsipkan Habis", "Kelompok Lain Habis"):
            assert absent not in html


def test_low_stock_empty_state(coordinator):
    client, _group, _user = coordinator
    assert "Tidak ada stok yang menipis" in client.get("/kelola/stok-menipis").get_data(as_text=True)


def test_concurrent_decrements_never_go_below_zero(app, make_product):
    """Ten threads take one piece each from a stock of 4: exactly 4 succeed, the rest are refused."""
    import threading

    product = make_product(stock=4)
    variant_id = product.variants[0].id
    db.session.commit()
    results: list[str] = []
    barrier = threading.Barrier(10)

    def take():
        with app.app_context(), app.test_request_context():
            variant = db.session.get(Variant, variant_id)
            barrier.wait()
            try:
                stock.adjust_stock(variant, -1, "Terjual")
                db.session.commit()
                results.append("ok")
            except OutOfStock:
                db.session.rollback()
                results.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=take) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    db.session.expire_all()
    assert sorted(results) == ["ok"] * 4 + ["refused"] * 6
    assert db.session.get(Variant, variant_id).stock == 0
    assert db.session.query(StockAdjustment).count() == 4


def test_stock_change_field_lets_a_phone_type_a_minus(coordinator, make_product):
    client, group, _user = coordinator
    product = make_product(group=group)
    db.session.commit()
    html = client.get(f"/kelola/produk/{product.id}").get_data(as_text=True)
    field = re.search(rf'<input[^>]*name="v{product.variants[0].id}-change"[^>]*>', html).group(0)
    assert 'inputmode="numeric"' not in field and 'inputmode="text"' in field
