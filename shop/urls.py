"""Links: the public address of a page (for e-mails, payment providers, QR codes), redirect safety, ids in URLs
bounded to the database integer, and filter arguments passed on from the query string without letting it choose
url_for's own keywords."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request
from werkzeug.routing import IntegerConverter

DB_INT_MAX = 2**31 - 1  # every primary key is an INTEGER (PostgreSQL int4)


def external_url(endpoint: str, **values) -> str:
    """PUBLIC_URL + path of `endpoint`: works in requests, CLI commands and webhooks alike (no request needed)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def safe_next(target: str | None) -> str | None:
    """Only local paths are followed after login or a language switch (no open redirects), and never one with
    control characters (CR/LF would reach the Location header; urlsplit silently drops them)."""
    if not target or len(target) > 2000 or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


class BoundedIntConverter(IntegerConverter):
    """`<int:id>` that never matches past the database integer: /kelola/produk/99999999999999999999 is a 404,
    not an OverflowError. `<int(max=2**63-1):n>` still works for a BIGINT."""

    def __init__(self, map, fixed_digits=0, min=None, max=DB_INT_MAX, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install(app) -> None:
    """Before any route is added: `int` in every rule means the bounded converter."""
    app.url_map.converters["int"] = BoundedIntConverter


def query_filters(scope: dict | None = None, **fixed) -> dict:
    """The page's query arguments to put into another URL of the same page: `scope` (the route's own values) and
    `fixed` win, and names url_for reserves (_external, _scheme, _method, _anchor…) are never passed on."""
    values = {k: v for k, v in request.args.items()
              if not k.startswith("_") and k not in (scope or {}) and k not in fixed}
    return {**values, **(scope or {}), **fixed}
