"""The demo holds a request in every state and a school's 120-piece uniform order read from a CSV, with books
that balance and Uang muka pelanggan holding exactly the deposits of work not yet delivered."""
from __future__ import annotations

from sqlalchemy import select

from shop.custom_orders.deposits import balance_paid, deposit_paid
from shop.custom_orders.models import CustomOrder
from shop.demo import loader
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger.queries import balance
from shop.ledger.services import trial_balance
from shop.mail.models import OutboxMessage


def test_demo_requests_in_every_state(app, client):
    result = loader.load_demo(groups=4, progress=False, with_history=False)
    db.session.commit()
    assert result["custom_orders"] == 9
    rows = list(db.session.scalars(select(CustomOrder).order_by(CustomOrder.id)))
    states = {(co.status, bool(co.messages), deposit_paid(co)) for co in rows}
    assert ("new", False, False) in states and ("new", True, False) in states  # new; questions asked
    assert ("accepted", True, True) in states
    assert {"quoted", "accepted", "production", "ready", "delivered", "cancelled"} <= {co.status for co in rows}
    ready = next(co for co in rows if co.status == "ready")
    assert deposit_paid(ready) and not balance_paid(ready)
    school = next(co for co in rows if co.kind == "bulk")
    assert school.quantity == 120 and sum(school.size_counts().values()) == 120 and school.size_counts()[""] == 3
    group_id = rows[0].group_id
    assert trial_balance(group_id) == 0
    held = sum(co.deposit_amount for co in rows if co.status in ("accepted", "production", "ready")
               and deposit_paid(co))
    assert balance(group_id, c.UANG_MUKA) == -held
    assert db.session.scalar(select(db.func.count(OutboxMessage.id))) == 0  # invented buyers: no mail
    page = client.get(f"/pesanan-ukur/{ready.token}").get_data(as_text=True)
    assert "Siap, menunggu pelunasan" in page and "Bayar pelunasan" in page
