"""Factories for made-to-measure requests: a tailoring group with a product, a request in any state."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from shop.custom_orders import deposits, quotes, requests, stages
from shop.custom_orders.roster import RosterRow
from shop.extensions import db
from shop.payments import services as payments

KEMEJA = {"lingkar_dada": "96", "lebar_bahu": "44,5", "panjang_punggung": "42", "panjang_baju": "72",
          "panjang_lengan": "58"}


def contact(**fields) -> requests.Contact:
    data = {"name": "Rina Wulandari", "email": "rina@contoh.id", "phone": "081298765432", "fabric": "katun",
            "colour": "biru", "model": "lengan panjang"}
    data.update(fields)
    return requests.Contact(**data)


@pytest.fixture
def tailor(make_group, make_product, make_member):
    """(group, product, members): a made-to-measure kemeja from an active group with a bank account."""
    group = make_group(crafts="jahit", bank_name="BRI", bank_account_number="0123456789",
                       bank_account_name="Kelompok Jahit", email="jahit@contoh.id")
    members = [make_member(group, name=n) for n in ("Sri", "Wati", "Ani")]
    product = make_product(title="Kemeja Jahit Ukur", group=group, kind="made_to_measure", craft="jahit",
                           sizes=("S", "M", "L", "XL"), price=175_000, lead_time_days=14, garment="kemeja")
    return group, product, members


@pytest.fixture
def make_request(tailor):
    def make(state="new", people=None, product=None, **quote):
        _group, default_product, _members = tailor
        product = product or default_product
        if people is None:
            co = requests.create_single(product, contact(), KEMEJA, measure_on_site=False)
        else:
            co = requests.create_bulk(product, contact(organisation="SD Negeri 1"),
                                      [RosterRow(f"Murid {i}", size) for i, size in enumerate(people)])
        if state == "new":
            return co
        q = {"mode": "item", "unit_price": 200_000, "size_prices": {}, "deposit_percent": 50,
             "lead_time_days": 14, "valid_until": date.today() + timedelta(days=7), "cancel_fee": 20_000}
        q.update(quote)
        quotes.send_quote(co, q["mode"], q["unit_price"], q["size_prices"], q["deposit_percent"],
                          q["lead_time_days"], q["valid_until"], q["cancel_fee"])
        if state == "quoted":
            return co
        deposits.accept(co)
        if state == "accepted":
            return co
        order, _attempt = deposits.start_payment(co, "deposit", "bank_transfer")
        payments.confirm_payment(order.parts[0], None)
        if state == "deposit_paid":
            return co
        for stage in ("diukur", "dipotong", "dijahit", "finishing", "siap"):
            stages.set_stage(co, stage)
            if state == stage:
                return co
        order, _attempt = deposits.start_payment(co, "balance", "bank_transfer")
        payments.confirm_payment(order.parts[0], None)
        if state == "balance_paid":
            return co
        deposits.hand_over(co)
        db.session.flush()
        return co

    return make
