"""record() is called by every service that changes a group's data; it flushes with the change itself."""
from __future__ import annotations

from flask_login import current_user

from shop.activity.models import ActivityLog
from shop.extensions import db


def record(action: str, subject: str = "", group_id: int | None = None, detail: str = "",
           user_id: int | None = None) -> ActivityLog:
    if user_id is None:
        try:
            user_id = current_user.id if current_user.is_authenticated else None
        except (AttributeError, RuntimeError):  # outside a request (CLI, demo)
            user_id = None
    entry = ActivityLog(action=action, subject=subject[:200], group_id=group_id, detail=detail, user_id=user_id)
    db.session.add(entry)
    db.session.flush()
    return entry
