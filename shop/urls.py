"""Links: the public address of a page (for e-mails, payment providers, QR codes) and redirect safety."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def external_url(endpoint: str, **values) -> str:
    """PUBLIC_URL + path of `endpoint`: works in requests, CLI commands and webhooks alike (no request needed)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


def safe_next(target: str | None) -> str | None:
    """Only local paths are followed after login or a language switch (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
