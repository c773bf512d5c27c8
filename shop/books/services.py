"""The books' verbs that also belong in a group's activity log (the ledger itself knows no other domain).
Flush, never commit."""
from __future__ import annotations

from shop.activity.services import record
from shop.groups.models import Group
from shop.ledger import chart


def save_book_settings(group: Group, maker_share_percent: int, card_fee_basis_points: int) -> list[str]:
    """Check and save the makers' share and card fee rate (DomainError when out of range); log what changed."""
    changed = chart.update_settings(group.id, maker_share_percent, card_fee_basis_points)
    if changed:
        record("books.settings_updated", group.name, group_id=group.id,
               detail=f"maker_share_percent={maker_share_percent}, card_fee_basis_points={card_fee_basis_points}")
    return changed
