"""Slow down password guessing without locking the owner out.

Per address, Flask-Limiter refuses floods (the decorators on the login view). Per account, the first few wrong
passwords in a window are free; after that the account can be tried only once per DELAY, and the owner gets one
e-mail with a link that lets their own browser skip the wait. Unknown addresses are counted exactly like known
ones, so neither the answer nor the timing tells an attacker which accounts exist.
"""
from __future__ import annotations

from flask import current_app, session
from limits import parse

from shop.extensions import limiter

FREE_FAILURES = parse("5 per 15 minutes")
DELAY = parse("1 per 30 seconds")
DELAY_SECONDS = 30
UNLOCKED_KEY = "login_unlocked"


def _key(email: str) -> str:
    """Under the app's limiter prefix, so deployments (and test servers) sharing one Redis never share counts."""
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX") or ""
    return f"{prefix}login-failures:" + (email or "").strip().lower()[:200]


def _strategy():
    return limiter.limiter


def must_wait(email: str) -> bool:
    """True when this account has used its free attempts and tried again within DELAY (this attempt counts)."""
    if session.get(UNLOCKED_KEY) == (email or "").strip().lower():
        return False
    if not limiter.enabled or _strategy().test(FREE_FAILURES, _key(email)):
        return False
    return not _strategy().hit(DELAY, _key(email))


def record_failure(email: str) -> bool:
    """Count a wrong password; True when this failure used up the free attempts (time to send the unlock link)."""
    if not limiter.enabled:
        return False
    _strategy().hit(FREE_FAILURES, _key(email))
    return not _strategy().test(FREE_FAILURES, _key(email)) and _strategy().hit(parse("1 per 15 minutes"),
                                                                                 "unlock-mail:" + _key(email))


def forget(email: str) -> None:
    """A successful login or an unlock link: the account starts again with its free attempts."""
    if not limiter.enabled:  # nothing was counted (and the limiter has no storage to clear)
        return
    for item in (FREE_FAILURES, DELAY):
        _strategy().clear(item, _key(email))


def unlock_this_browser(email: str) -> None:
    session[UNLOCKED_KEY] = (email or "").strip().lower()
    forget(email)
