"""Events: statuses by a transition table, invitations and answers, allocations that hold online stock by the
conditional update and give back what is left when the event closes."""
from __future__ import annotations

from datetime import date

import pytest

from shop.catalog.models import StockAdjustment
from shop.errors import DomainError, InvalidTransition, NotFound
from shop.events import allocation
from shop.events import services as events
from shop.extensions import db


def _stock(variant):
    db.session.refresh(variant)
    return variant.stock


def test_allocation_takes_online_stock_and_closing_returns_what_is_left(bazaar):
    variant = bazaar.products[0].variants[0]
    assert _stock(variant) == 2  # 5 in stock, 3 held for the bazaar
    assert db.session.query(StockAdjustment).filter_by(variant_id=variant.id, change=-3).count() == 1
    assert allocation.take_for_sale(bazaar.items[0].id, 1)
    events.transition(bazaar.event, "closed")
    assert _stock(variant) == 4  # the two unsold units are back online
    db.session.refresh(bazaar.items[0])
    assert (bazaar.items[0].quantity, bazaar.items[0].sold, bazaar.items[0].returned) == (0, 1, 2)
    assert bazaar.event.stock_returned


def test_lowering_an_allocation_gives_back_and_more_than_online_stock_is_refused(make_event, make_product):
    event = make_event(status="open")
    product = make_product(stock=4)
    events.invite(event, [product.group_id])
    part = event.participations[0]
    events.answer(part, accept=True)
    item = allocation.set_allocation(part, product.variants[0].id, 4)
    assert _stock(product.variants[0]) == 0
    allocation.set_allocation(part, product.variants[0].id, 1)
    assert _stock(product.variants[0]) == 3 and item.quantity == 1
    with pytest.raises(DomainError, match="tidak bisa dikurangi"):
        allocation.set_allocation(part, product.variants[0].id, 5)
    assert item.quantity == 1 and _stock(product.variants[0]) == 3


def test_a_group_allocates_only_its_own_products_and_only_after_accepting(make_event, make_product):
    event = make_event(status="open")
    mine, other = make_product(), make_product()
    events.invite(event, [mine.group_id])
    part = event.participations[0]
    with pytest.raises(DomainError, match="Terima undangan"):
        allocation.set_allocation(part, mine.variants[0].id, 1)
    events.answer(part, accept=True)
    with pytest.raises(NotFound):
        allocation.set_allocation(part, other.variants[0].id, 1)
    with pytest.raises(DomainError, match="antara 0"):
        allocation.set_allocation(part, mine.variants[0].id, -1)
    with pytest.raises(DomainError, match="Harga bazar"):
        allocation.set_allocation(part, mine.variants[0].id, 1, event_price=0)
    assert _stock(other.variants[0]) == 5 and _stock(mine.variants[0]) == 5


def test_declining_releases_the_stock_and_who_has_not_answered(make_event, make_product, make_group):
    event = make_event(status="open")
    product = make_product(stock=5)
    silent = make_group()
    events.invite(event, [product.group_id, silent.id])
    part = next(p for p in event.participations if p.group_id == product.group_id)
    events.answer(part, accept=True)
    allocation.set_allocation(part, product.variants[0].id, 2)
    events.answer(part, accept=False, note="Tidak ada yang jaga")
    assert _stock(product.variants[0]) == 5 and part.status == "declined"
    assert [p.group_id for p in events.not_answered(event)] == [silent.id]


def test_transitions_follow_the_table(make_event):
    event = make_event()
    with pytest.raises(InvalidTransition):
        events.transition(event, "running")
    for target in ("open", "published", "running", "closed", "settled"):
        assert target in events.available_transitions(event)
        events.transition(event, target)
    assert event.status == "settled" and events.available_transitions(event) == []


def test_event_data_is_checked(make_event):
    with pytest.raises(DomainError, match="Tanggal selesai"):
        events.create_event(events.EventData("Bazar", "Gasibu", date(2026, 5, 2), date(2026, 5, 1)), None)
    with pytest.raises(DomainError, match="https"):
        events.create_event(events.EventData("Bazar", "Gasibu", date(2026, 5, 1), date(2026, 5, 1),
                                             map_url="javascript:alert(1)"), None)


def test_booth_only_for_accepted_groups(make_event, make_group):
    event = make_event(status="open")
    group = make_group()
    events.invite(event, [group.id])
    part = event.participations[0]
    with pytest.raises(DomainError, match="Stan"):
        events.set_booth(event, part.id, "A1")
    events.answer(part, accept=True)
    events.set_booth(event, part.id, "A1")
    assert part.booth == "A1"
