"""Who may do what: the user loader and the one decorator every staff view uses."""
from __future__ import annotations

import hashlib
import time
from functools import wraps

from flask import abort, current_app, session
from flask_login import current_user, login_required

from shop.extensions import db

SESSION_FINGERPRINT_KEY = "auth_fp"
SESSION_VERSION_KEY = "auth_v"
SESSION_STARTED_KEY = "auth_at"
SESSION_SEEN_KEY = "auth_seen"
MAX_USER_ID = 2**31 - 1


def load_user(user_id):
    """The signed-in user, or None when the session is not (or no longer) valid: unknown or deactivated account,
    a password changed since, a session version bumped since (logout, deactivation), or too old or idle."""
    from shop.accounts.models import User

    if not isinstance(user_id, str) or not user_id.isdigit() or int(user_id) > MAX_USER_ID:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active:
        return None
    if session.get(SESSION_FINGERPRINT_KEY) != password_fingerprint(user):
        return None  # a session without the fingerprint (a forged or pre-fingerprint cookie) is never accepted
    if session.get(SESSION_VERSION_KEY) != user.session_version:
        return None
    now = int(time.time())
    started, seen = session.get(SESSION_STARTED_KEY), session.get(SESSION_SEEN_KEY)
    if not isinstance(started, int) or not isinstance(seen, int):
        return None
    config = current_app.config
    if now - started > int(config["SESSION_MAX_HOURS"]) * 3600 or \
            now - seen > int(config["SESSION_IDLE_MINUTES"]) * 60:
        return None
    if now - seen > 60:  # refresh the idle clock at most once a minute (a new cookie each time)
        session[SESSION_SEEN_KEY] = now
    return user


def start_session(user) -> None:
    """After login_user(): bind the session to the password, the session version and the clock."""
    session.update(session_values(user))


def session_values(user) -> dict:
    now = int(time.time())
    return {SESSION_FINGERPRINT_KEY: password_fingerprint(user), SESSION_VERSION_KEY: user.session_version,
            SESSION_STARTED_KEY: now, SESSION_SEEN_KEY: now}


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
