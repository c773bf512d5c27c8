"""The figures of the annual members' meeting (RAT) report for one year: the balance sheet at year end, the
year's income and costs (before the closing entry emptied them, for a closed year), the SHU and its division,
the members' savings register (with member numbers, as at 31 December), and for the meeting the pengurus' and
pengawas' reports, attendance and the decision. The statements are the ledger's balances as they stand (the
SAK EMKM statements come from shop.books). Read only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shop.coop import shu
from shop.coop.cycle import meeting
from shop.coop.models import RatMeeting
from shop.coop.services import MemberSavings, savings
from shop.ledger import queries
from shop.ledger.queries import AccountRow
from shop.ledger.services import closed_years


@dataclass
class RatReport:
    year: int
    closed: bool
    income: list[AccountRow]
    costs: list[AccountRow]
    shu_amount: int
    assets: list[AccountRow]
    liabilities: list[AccountRow]
    equity: list[AccountRow]
    unclosed: int  # the year's result not yet closed into equity (0 for a closed year)
    unclosed_earlier: int  # results of earlier years not closed yet, shown apart (audit E9)
    allocations: list  # ShuAllocation rows (divided) or shu.MemberShare (the proposal or the decision)
    register: list[MemberSavings]
    meeting: RatMeeting | None = None  # the reports, attendance and decision, once recorded
    plan: shu.ShuPlan | None = None  # the division proposed (or decided), before it is posted

    def as_dict(self) -> dict:
        return dict(vars(self))


def _before_close(rows: list[AccountRow], undo: dict[str, int]) -> list[AccountRow]:
    return [AccountRow(r.code, r.name, r.kind, r.balance - undo.get(r.code, 0)) for r in rows]


def report(group_id: int, year: int) -> RatReport:
    end = date(year, 12, 31)
    rows = queries.account_rows(group_id, until=end)
    year_rows = queries.account_rows(group_id, since=date(year, 1, 1), until=end)
    closed = year in closed_years(group_id)
    income = [r for r in year_rows if r.kind == "income"]
    costs = [r for r in year_rows if r.kind == "expense"]
    if closed:  # the closing entry emptied income and costs: show the year before the close
        close = shu.close_entry(group_id, year)
        undo = {p.account.code: p.amount for p in close.postings} if close else {}
        income, costs = _before_close(income, undo), _before_close(costs, undo)
    found = meeting(group_id, year) if closed else None
    divided = bool(found and found.divided)
    plan = shu.preview(group_id, year, rule=found if found and found.decided else None)
    # "SHU tahun berjalan" is this year's result only; earlier years still open are a line of their own (E9)
    unclosed = 0 if closed else -sum(r.balance for r in year_rows if r.kind in ("income", "expense"))
    unclosed_earlier = -sum(r.balance for r in rows if r.kind in ("income", "expense")) - unclosed
    if closed:
        unclosed_earlier = 0
    return RatReport(
        year=year, closed=closed, income=income, costs=costs,
        shu_amount=sum(r.display for r in income) - sum(r.display for r in costs),
        assets=[r for r in rows if r.kind == "asset"], liabilities=[r for r in rows if r.kind == "liability"],
        equity=[r for r in rows if r.kind == "equity"], unclosed=unclosed,
        unclosed_earlier=unclosed_earlier,
        allocations=shu.allocations(group_id, year) if divided else plan.members,
        register=savings(group_id, end, include_left=True), meeting=found, plan=None if divided else plan)
