"""Random sequences of business events across several groups keep the books sound."""
from datetime import date
from functools import partial

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from shop.coop.services import record_contribution
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import chart as c
from shop.ledger import events
from shop.ledger.events import SaleLine
from shop.ledger.models import Account, JournalEntry, Posting
from shop.ledger.services import balances, trial_balance

D = date(2026, 5, 1)
amounts = st.integers(min_value=1, max_value=5_000_000)
line = st.tuples(amounts, st.integers(min_value=0, max_value=2))  # (amount, maker index; 2 = group's own)
paid = st.tuples(st.just("paid"), st.integers(0, 2), st.sampled_from(["online", "bazaar"]),
                 st.lists(line, min_size=1, max_size=4), st.integers(0, 50_000))
refund = st.tuples(st.just("refund"), st.integers(0, 30), st.integers(1, 100))  # part index, percent
fee = st.tuples(st.just("fee"), st.lists(st.integers(0, 30), min_size=1, max_size=3, unique=True),
                st.one_of(st.none(), st.integers(0, 200_000)))
payout = st.tuples(st.just("payout"), st.integers(0, 2), st.integers(1, 100))
simpanan = st.tuples(st.just("simpanan"), st.integers(0, 2), st.integers(0, 1),
                     st.sampled_from(["wajib", "sukarela"]), amounts)
replay = st.tuples(st.just("replay"), st.integers(0, 200))
event = st.one_of(paid, refund, fee, payout, simpanan, replay)


def snapshot(groups):
    return {g.id: balances(g.id) for g in groups}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(paid, st.lists(event, max_size=24)).map(lambda t: [t[0], *t[1]]))  # a sale first: never empty
def test_random_business_events_keep_every_book_balanced(app, make_books, make_member, steps):
    nested = db.session.begin_nested()
    groups = [make_books(maker_share_percent=p) for p in (0, 60, 35)]
    makers = {g.id: [make_member(g).id, make_member(g).id, None] for g in groups}
    parts: list[tuple[int, int, int]] = []  # (group_id, part_id, goods)
    expected_sales = {g.id: 0 for g in groups}
    done: list = []  # callables that replay an event already recorded
    for step in steps:
        kind = step[0]
        try:
            if kind == "paid":
                _, gi, channel, lines, shipping = step
                group = groups[gi]
                part_id = len(parts) + 1
                sale = [SaleLine(a, makers[group.id][m]) for a, m in lines]
                call = partial(events.part_paid, group.id, part_id, D, channel, sale, shipping=shipping)
                call()
                parts.append((group.id, part_id, sum(a for a, _ in lines)))
                expected_sales[group.id] += sum(a for a, _ in lines)
            elif kind == "refund" and parts:
                _, pi, percent = step
                group_id, part_id, goods = parts[pi % len(parts)]
                left = goods - events.refunded_so_far(group_id, part_id)
                amount = max(1, left * percent // 100) if left else 0
                if not amount:
                    continue
                call = partial(events.refund, group_id, part_id, f"re_{len(done)}", D, amount)
                call()
                expected_sales[group_id] -= amount
            elif kind == "fee" and parts:
                _, picks, given_fee = step
                chosen = [parts[i % len(parts)] for i in picks]
                chosen = list({p[1]: p for p in chosen}.values())
                call = partial(events.card_fee, f"pi_{len(done)}", D, chosen, fee=given_fee)
                call()
            elif kind == "payout":
                _, gi, percent = step
                held = balances(groups[gi].id)[c.PIUTANG_PLATFORM]
                if held <= 0:
                    continue
                call = partial(events.payout, groups[gi].id, f"trf_{len(done)}", D, max(1, held * percent // 100))
                call()
            elif kind == "simpanan":
                _, gi, mi, what, amount = step
                group = groups[gi]
                record_contribution(group.id, makers[group.id][mi], what, amount, D)
                continue  # a receipt is a new event each time: nothing to replay
            elif kind == "replay" and done:
                before = snapshot(groups)
                done[step[1] % len(done)]()
                assert snapshot(groups) == before
                continue
            else:
                continue
            done.append(call)
        except DomainError:
            pass
    posted = db.session.scalar(select(func.count(Posting.entry_id)).join(JournalEntry).join(Account)
                               .where(Account.group_id.in_([g.id for g in groups])))
    assert done and posted, "the run posted nothing, so it proves nothing"
    for group in groups:
        assert trial_balance(group.id) == 0
        b = balances(group.id)
        net_sales = -(b[c.PENJUALAN_ONLINE] + b[c.PENJUALAN_BAZAAR] + b[c.RETUR_PENJUALAN])
        assert net_sales == expected_sales[group.id]
    unbalanced = db.session.scalar(
        select(func.count()).select_from(
            select(Posting.entry_id).join(JournalEntry).join(Account)
            .where(Account.group_id.in_([g.id for g in groups]))
            .group_by(Posting.entry_id).having(func.sum(Posting.amount) != 0).subquery()))
    assert unbalanced == 0
    nested.rollback()
    db.session.expunge_all()
