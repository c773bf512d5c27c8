"""50 buyers race for a variant with 5 in stock: exactly 5 orders, stock 0, never negative (SQLite and PostgreSQL)."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from shop.catalog.models import Variant
from shop.errors import OutOfStock
from shop.extensions import db
from shop.orders import services as orders
from shop.orders.models import Order
from tests.fixtures.orders import BUYER

BUYERS = 50


def test_fifty_buyers_five_in_stock(app, make_product):
    product = make_product(stock=5, price=200_000)
    variant_id, price = product.variants[0].id, product.variants[0].price
    db.session.commit()
    start = threading.Barrier(BUYERS)
    results: list[str] = []
    lock = threading.Lock()

    def buyer(n: int) -> None:
        with app.app_context():
            start.wait()
            try:
                orders.place_order([(variant_id, 1, price)], orders.Buyer(**dict(BUYER, name=f"Pembeli {n}")),
                                   {}, "bank_transfer")
                db.session.commit()
                outcome = "ok"
            except OutOfStock:
                db.session.rollback()
                outcome = "out"
            except Exception as err:
                db.session.rollback()
                outcome = f"error: {err!r}"
            finally:
                db.session.remove()
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(BUYERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert sorted(set(results)) <= ["ok", "out"], [r for r in results if r not in ("ok", "out")][:3]
    assert results.count("ok") == 5 and results.count("out") == BUYERS - 5
    db.session.expire_all()
    assert db.session.get(Variant, variant_id).stock == 0
    assert db.session.scalar(select(func.count(Order.id))) == 5
