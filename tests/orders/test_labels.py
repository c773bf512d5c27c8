"""One label registry (shop.labels) for statuses and payment methods, and money totals never called "Quantity"."""
from __future__ import annotations

import re

from flask_babel import force_locale, refresh

from shop.extensions import db
from shop.labels import label
from shop.orders.models import ORDER_STATUSES, PART_STATUSES
from shop.payments.models import PAYMENT_STATUSES
from shop.payments.providers import PROVIDERS
from tests.fixtures.orders import login


def test_every_status_and_method_has_a_label_in_both_languages(app):
    codes = ([("status", s) for s in {*ORDER_STATUSES, *PART_STATUSES}] + [("payment", s) for s in PAYMENT_STATUSES]
             + [(kind, m.code) for p in PROVIDERS for m in p.methods for kind in ("method", "checkout_method")])
    with app.test_request_context():
        for kind, code in codes:
            with force_locale("id"):
                indonesian = label(kind, code)
            with force_locale("en"):
                english = label(kind, code)
            assert indonesian != code and english != code and english != indonesian, (kind, code)
        assert label("status", "no-such-status") == "no-such-status"


def _header_of(html: str, amount: str) -> str:
    """The header cell of the table row or definition that shows `amount`."""
    row = re.search(r"<tr><th scope=\"row\">([^<]*)</th><td></td><td>" + re.escape(amount), html)
    if row:
        return row.group(1)
    return re.search(r"<dt>([^<]*)</dt><dd>" + re.escape(amount), html).group(1)


def _english(client):
    client.get("/bahasa/en")
    refresh()  # the test's app context (and its cached locale) is shared with the client's requests


def test_english_pages_call_money_total_not_quantity(client, make_product, make_order, make_coordinator):
    p = make_product(price=250_000)
    coordinator = make_coordinator(group=p.group)
    order = make_order([(p.variants[0], 2)])
    db.session.commit()
    _english(client)
    buyer_page = client.get(f"/pesanan/{order.token}").get_data(as_text=True)
    assert 'lang="en"' in buyer_page and _header_of(buyer_page, "Rp500.000") == "Total"
    assert '<th scope="col">Quantity</th>' in buyer_page  # the count of items keeps its word
    login(client, coordinator, "rahasia-koordinator-1")
    _english(client)
    detail = client.get(f"/kelola/pesanan/{order.parts[0].id}").get_data(as_text=True)
    assert _header_of(detail, "Rp500.000") == "Total" and '<th scope="col">Quantity</th>' in detail
    listing = client.get("/kelola/pesanan/").get_data(as_text=True)
    assert "Quantity" not in listing and '<th scope="col">Total</th>' in listing
    assert "Awaiting payment" in listing and "Bank transfer" in detail  # labels from the registry, in English


def test_plain_jumlah_is_money_and_the_count_has_a_context(app):
    from flask_babel import gettext, pgettext

    with app.test_request_context(), force_locale("en"):
        assert gettext("Jumlah") == "Amount" and pgettext("quantity", "Jumlah") == "Quantity"


def test_one_group_is_a_group_and_the_list_is_groups_in_english(client, make_product, make_order,
                                                                 make_coordinator):
    """Defect 16 (second half): "Groups" was used for a single group."""
    p = make_product(price=250_000)
    coordinator = make_coordinator(group=p.group)
    order = make_order([(p.variants[0], 1)])
    db.session.commit()
    _english(client)
    home = client.get("/").get_data(as_text=True)
    assert '>Groups</a>' in home  # the menu leads to the list of groups
    login(client, coordinator, "rahasia-koordinator-1")
    _english(client)
    detail = client.get(f"/kelola/pesanan/{order.parts[0].id}").get_data(as_text=True)
    assert "<dt>Group</dt>" in detail and "<dt>Groups</dt>" not in detail
