"""Who may do what: the user loader and the one decorator every staff view uses."""
from __future__ import annotations

import hashlib
from functools import wraps

from flask import abort, session
from flask_login import current_user, login_required

from shop.extensions import db


def load_user(user_id: str):
    from shop.accounts.models import User

    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    # a deactivated account's existing sessions stop working at once, and so do sessions opened with a password
    # that has since been changed (the login view stores the fingerprint)
    if user is None or not user.active:
        return None
    fingerprint = session.get(SESSION_FINGERPRINT_KEY)
    if fingerprint is not None and fingerprint != password_fingerprint(user):
        return None
    return user


SESSION_FINGERPRINT_KEY = "auth_fp"


def password_fingerprint(user) -> str:
    """A short digest of the password hash: changing the password ends the sessions opened with the old one."""
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def role_required(*roles: str):
    """Anonymous visitors are sent to login; a signed-in user with another role gets 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


admin_required = role_required("admin")


def current_group_id() -> int:
    """The coordinator's own group: every coordinator query is scoped by it."""
    if current_user.role != "coordinator" or current_user.group_id is None:
        abort(403)
    return current_user.group_id
