"""Read side of staff accounts."""
from __future__ import annotations

import functools

from sqlalchemy import bindparam, select

from shop.accounts.models import User
from shop.extensions import db


def coordinator_emails(group_id: int) -> list[str]:
    """The active coordinators of a group: who is told when an order or a transfer slip arrives."""
    return list(db.session.scalars(_coordinator_emails(), {"group_id": group_id}))


@functools.cache
def _coordinator_emails():
    return (select(User.email).where(User.group_id == bindparam("group_id"), User.role == "coordinator",
                                     User.active.is_(True)).order_by(User.id))
