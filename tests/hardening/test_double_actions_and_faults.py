"""Security probe L5 (parallel confirmations), L8 (Stripe edge cases) and L7 (health check, database faults)."""
from __future__ import annotations

import threading
import time

from sqlalchemy import func, select, text

from shop import create_app
from shop.activity.models import ActivityLog
from shop.errors import NotAllowed
from shop.extensions import db
from shop.health import migration_heads
from shop.mail.models import OutboxMessage
from shop.orders.models import OrderPart
from shop.payments import services as payments
from tests.fixtures.orders import WEBHOOK_SECRET, event, sign
from tests.payments.test_stripe import HOOK, card_order, session_object

CLICKS = 8


def test_parallel_confirmations_send_one_mail_and_one_log_entry(app, make_product, make_order):
    order = make_order([(make_product().variants[0], 1)])
    db.session.commit()
    part_id = order.parts[0].id
    before = db.session.scalar(select(func.count(OutboxMessage.id)))
    start = threading.Barrier(CLICKS)
    outcomes: list[str] = []

    def click() -> None:
        with app.app_context():
            start.wait()
            try:
                payments.confirm_payment(db.session.get(OrderPart, part_id), None)
                db.session.commit()
                outcomes.append("ok")
            except NotAllowed:
                db.session.rollback()
                outcomes.append("refused")
            except Exception as err:
                db.session.rollback()
                outcomes.append(repr(err))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcomes) == ["ok"] + ["refused"] * (CLICKS - 1)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == before + 1
    assert db.session.scalar(select(func.count(ActivityLog.id)).where(ActivityLog.action == "order.paid")) == 1


def test_a_webhook_dated_in_the_future_is_refused(stripe_app, client, make_product):
    order, attempt = card_order([(make_product().variants[0], 1)])
    payload = event("checkout.session.completed", session_object(order, attempt))
    response = client.post(HOOK, data=payload, content_type="application/json",
                           headers={"Stripe-Signature": sign(payload, WEBHOOK_SECRET, int(time.time()) + 3600)})
    assert response.status_code == 400
    db.session.expire_all()
    assert order.parts[0].status == "placed"


def test_a_stripe_key_without_webhook_secret_warns_and_hides_cards(database_url, client, app, make_user, login,
                                                                   make_product, caplog):
    create_app({"DATABASE_URL": database_url, "SECRET_KEY": "k" * 40, "STRIPE_SECRET_KEY": "sk_test_fake"})
    assert "SHOP_STRIPE_WEBHOOK_SECRET" in caplog.text  # the startup warning
    app.config.update({"STRIPE_SECRET_KEY": "sk_test_fake", "STRIPE_WEBHOOK_SECRET": ""})
    login(make_user("admin"))
    assert "SHOP_STRIPE_WEBHOOK_SECRET" in client.get("/dasbor").get_data(as_text=True)
    product = make_product()
    db.session.commit()
    client.post_form("/keranjang/tambah", {"variant_id": product.variants[0].id, "quantity": 1},
                     token_page="/dasbor")
    assert 'value="stripe"' not in client.get("/checkout").get_data(as_text=True)


def _stamp(*versions: str) -> None:
    """What `flask db upgrade` leaves: one alembic_version row per head (none: no table at all)."""
    db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
    if versions:
        db.session.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(64) NOT NULL)"))
        for version in versions:
            db.session.execute(text("INSERT INTO alembic_version VALUES (:v)"), {"v": version})
    db.session.commit()


def test_the_health_check_asks_the_database(app, client):
    try:
        _stamp(*migration_heads())
        assert client.get("/sehat").status_code == 200
        _stamp("0000old")
        response = client.get("/sehat")
        assert response.status_code == 503 and "flask db upgrade" in response.get_json()["problem"]
    finally:
        _stamp()
    assert client.get("/sehat").status_code == 503  # no migrations at all


def test_an_unreachable_database_is_a_friendly_503(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40,
                      "DATABASE_URL": f"sqlite:///{tmp_path}/missing/folder/shop.sqlite3"})
    client = app.test_client()
    with app.app_context():
        assert client.get("/sehat").status_code == 503
        response = client.get("/katalog")
        assert response.status_code == 503 and "Sedang ada gangguan" in response.get_data(as_text=True)
        assert response.headers["Retry-After"] == "60"
