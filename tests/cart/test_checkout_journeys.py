"""Checkout as a buyer meets it: no address for pickup, the shipping fee in the total before ordering."""
from __future__ import annotations

from sqlalchemy import func, select

from shop.extensions import db
from shop.orders.models import Order
from tests.cart.test_cart import add
from tests.conftest import CSRF_RE
from tests.fixtures.orders import BUYER

NO_ADDRESS = {"name": "Rina Wati", "email": "rina@contoh.id", "phone": "0812 3456 7890",
              "province": "", "regency": "", "district": "", "postal_code": "", "street": ""}


def _orders() -> int:
    return db.session.scalar(select(func.count(Order.id)))


def test_pickup_only_order_needs_no_address(client, make_product):
    p = make_product(stock=3)
    db.session.commit()
    add(client, p)
    page = client.get("/checkout").get_data(as_text=True)
    assert "boleh dikosongkan" in page
    response = client.post_form("/checkout", dict(NO_ADDRESS, payment_method="bank_transfer",
                                                   **{f"delivery-{p.group_id}": "pickup"}))
    assert response.status_code == 302 and _orders() == 1
    order = db.session.scalar(select(Order))
    assert order.parts[0].shipping == "pickup" and order.street == "" and order.total == p.variants[0].price


def test_courier_still_needs_the_address(client, make_product):
    p = make_product(stock=3)
    db.session.commit()
    add(client, p)
    response = client.post_form("/checkout", dict(NO_ADDRESS, payment_method="bank_transfer",
                                                   **{f"delivery-{p.group_id}": "courier"}))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Isi kode pos" in page and "Isi alamat jalan" in page
    assert _orders() == 0


def test_total_with_shipping_is_shown_before_the_order_is_placed(app, client, make_product):
    p = make_product(stock=3, price=150_000)
    db.session.commit()
    add(client, p, 2)
    fee = app.config["SHIPPING_FEES"]["same_province"]  # the test group is in Jawa Barat; the buyer in Bandung
    form = dict(BUYER, payment_method="bank_transfer", preview="1", **{f"delivery-{p.group_id}": "courier"})
    page = client.post_form("/checkout", form).get_data(as_text=True)
    total = 300_000 + fee
    assert f"Rp{total:,}".replace(",", ".") in page and "Total dibayar" in page
    assert _orders() == 0  # the preview places nothing
    # the script asks the same figure as the buyer types
    args = {"province": BUYER["province"], "regency": BUYER["regency"], f"delivery-{p.group_id}": "courier"}
    answer = client.get("/checkout/total", query_string=args).get_json()
    assert answer["total"] == total and answer["shipping"] == fee and answer["complete"] is True
    partial = client.get("/checkout/total", query_string={f"delivery-{p.group_id}": "courier"}).get_json()
    assert partial["complete"] is False and partial["total"] == 300_000
    # and the order placed charges exactly what was shown
    form.pop("preview")
    client.post_form("/checkout", form)
    assert db.session.scalar(select(Order.total)) == total



def test_checkout_selects_the_same_however_many_lines(client, make_group, make_product, make_member,
                                                       make_coordinator, query_counter):
    """Placing the order reuses what the cart view loaded (products, groups, makers): one SELECT of the lines
    whatever their number (only the stock UPDATE is per line), and the lines still name their makers."""
    group = make_group()
    make_coordinator(group)
    shown, hidden = make_member(group, name="Bu Sumi"), make_member(group, name="Pak Rahasia", public_consent=False)
    products = [make_product(group=group, makers=[shown, hidden]) for _ in range(3)]
    db.session.commit()
    form = dict(BUYER, payment_method="bank_transfer", **{f"delivery-{group.id}": "pickup"})
    selects = []
    for lines in (1, 3):
        for product in products[:lines]:
            add(client, product)
        token = CSRF_RE.search(client.get("/checkout").get_data(as_text=True))
        form["csrf_token"] = token.group(1) or token.group(2)
        db.session.expire_all()
        with query_counter() as counter:
            response = client.post("/checkout", data=form)
        assert response.status_code == 302 and "/pesanan/" in response.headers["Location"]
        selects.append([s for s in counter.statements if s.lstrip().upper().startswith("SELECT")])
    assert len(selects[0]) == len(selects[1])
    assert sum(" FROM variant " in " ".join(s.split()) for s in selects[1]) == 1
    order = db.session.scalars(select(Order).order_by(Order.id.desc())).first()
    lines = order.parts[0].lines
    assert len(lines) == 3 and {line.maker_names for line in lines} == {"Bu Sumi"}
    assert {line.maker_member_id for line in lines} == {min(shown.id, hidden.id)}
