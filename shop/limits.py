"""Abuse limits per client address, in one place (Flask-Limiter; the storage is RATELIMIT_STORAGE_URI).

- every POST by an anonymous visitor: ANON_POST_LIMIT (a default limit, so routes added later are covered);
- guest checkout, slip uploads (per address and per order) and order lookups by token (only unknown tokens
  count) have their own, tighter limits, set here by endpoint so the views stay plain;
- the Stripe webhook is exempt (Stripe's servers are few addresses; its signature is the check).
Limits are settings (strings like "5 per minute;30 per hour"), read at request time.
Behind a reverse proxy set SHOP_PROXY_COUNT so the client address comes from X-Forwarded-For (ProxyFix).
"""
from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

from shop.extensions import limiter


def setting(name: str):
    return lambda: current_app.config[name]


def _order_key() -> str:
    return "order:" + str((request.view_args or {}).get("token", ""))[:64]


def _unknown_token(response) -> bool:
    return response.status_code == 404


# endpoint -> [(setting, methods, key_func, deduct_when)]
POLICY = {
    "cart.checkout": [("CHECKOUT_LIMIT", ["POST"], None, None)],
    "orders.upload_slip": [("SLIP_LIMIT", ["POST"], None, None), ("SLIP_PER_ORDER_LIMIT", ["POST"], _order_key, None)],
    "orders.show": [("ORDER_LOOKUP_LIMIT", None, None, _unknown_token)],
    "orders.find": [("ORDER_FIND_LIMIT", ["POST"], None, None)],
}
EXEMPT = ("payments.stripe_webhook",)


# The Limiter is one module-level object that registers a limit each time a function is decorated: decorate each
# view function once, however many apps are made (tests make one per test).
_wrapped: dict = {}


def _limited(view, limits):
    if view not in _wrapped:
        wrapped = view
        for name, methods, key_func, deduct_when in limits:
            wrapped = limiter.limit(setting(name), methods=methods, key_func=key_func,
                                    deduct_when=deduct_when)(wrapped)
        _wrapped[view] = wrapped
    return _wrapped[view]


def install(app: Flask) -> None:
    """Wrap the listed views with their limits; trust X-Forwarded-For from PROXY_COUNT proxies."""
    for endpoint, limits in POLICY.items():
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = _limited(app.view_functions[endpoint], limits)
    for endpoint in EXEMPT:
        if endpoint in app.view_functions:
            app.view_functions[endpoint] = limiter.exempt(app.view_functions[endpoint])
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
