"""What the buyer (by the secret link) or the group's coordinator may do with a request now. Templates show
exactly these; the services check the same rules again when the action is posted."""
from __future__ import annotations

from datetime import date

from shop.custom_orders.deposits import balance_paid, deposit_paid, is_live
from shop.custom_orders.models import CustomOrder
from shop.custom_orders.quotes import quote_expired
from shop.custom_orders.stages import next_stages
from shop.custom_orders.transitions import OPEN


def available_actions(co: CustomOrder, who: str, today: date | None = None) -> set[str]:
    acts: set[str] = set()
    if co.status in OPEN:
        acts.add("message")
        if not (co.balance_amount and balance_paid(co) and co.balance_order is not None):
            acts.add("cancel")
    if who == "buyer":
        if co.status == "quoted" and not quote_expired(co, today):
            acts.add("accept")
        if co.status == "accepted" and not is_live(co.deposit_order):
            acts.add("pay_deposit")
        if (deposit_paid(co) and co.status in ("accepted", "production", "ready") and not balance_paid(co)
                and not is_live(co.balance_order)):
            acts.add("pay_balance")
        if co.kind == "single" and co.people and co.people[0].measurements:
            acts.add("reuse")
        return acts
    if co.status in ("new", "quoted"):
        acts |= {"quote", "decline"}
    if next_stages(co):
        acts.add("stage")
    if co.status == "ready" and balance_paid(co):
        acts.add("hand_over")
    if co.status in OPEN:
        acts.add("assign_makers")
    return acts
