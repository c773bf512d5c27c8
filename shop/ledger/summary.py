"""The books in plain words, for the overview: this month's sales, costs and what is left, money in hand
(kas and bank), what the platform still holds, each against last month. Reads only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from shop.ledger import chart as c
from shop.ledger.queries import balances

SALES = (c.PENJUALAN_ONLINE, c.PENJUALAN_BAZAAR, c.RETUR_PENJUALAN)


@dataclass
class Month:
    start: date
    sales: int  # net of refunds
    other_income: int  # shipping charged and other income
    costs: int
    left: int  # what the month leaves: income − costs
    cash: int  # kas + bank at the month's end (or today)
    platform: int  # Piutang platform at the month's end: negative = the group owes the platform


def month(group_id: int, start: date, end: date) -> Month:
    moved = balances(group_id, since=start, until=end, exclude_kinds=("year_close",))
    held = balances(group_id, until=end)
    sales = -sum(moved[code] for code in SALES if code in moved)
    income = -sum(amount for code, amount in moved.items() if c.KIND_BY_CODE.get(code) == "income")
    costs = sum(amount for code, amount in moved.items() if c.KIND_BY_CODE.get(code) == "expense")
    return Month(start, sales, income - sales, costs, income - costs, held[c.KAS] + held[c.BANK],
                 held[c.PIUTANG_PLATFORM])


def this_and_last_month(group_id: int, today: date) -> tuple[Month, Month]:
    start = today.replace(day=1)
    last_start = (start - timedelta(days=1)).replace(day=1)
    return month(group_id, start, today), month(group_id, last_start, start - timedelta(days=1))
