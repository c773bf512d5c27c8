"""The bazaar till's methods: cash counted by the cashier, the organiser's static QRIS confirmed by the cashier,
a card on the stand's EDC machine recorded by the cashier. Offered only on the bazaar channel; the money is held
by the organiser for the group until settlement (Piutang panitia). One exception: a group's own static QRIS
(a sale of that group's items only) pays the group's bank straight away, so it is received into Bank."""
from __future__ import annotations

from shop.payments.providers.base import Method, Provider

BAZAAR = frozenset({"bazaar"})
# the till's own code (what the device sends) -> the registered method stored on the Order
CODES = {"cash": "till_cash", "qris": "till_qris", "edc": "till_edc", "qris_group": "till_qris_group"}
DIRECT_TO_GROUP = {"till_qris_group": "bank"}  # paid into the group's own account, never held by the organiser

PROVIDER = Provider(code="till", methods=tuple(
    Method(code=code, provider="till", per_part=True, confirmed_by_staff=True,
           received_into=DIRECT_TO_GROUP.get(code, "panitia"), channels=BAZAAR) for code in CODES.values()))
