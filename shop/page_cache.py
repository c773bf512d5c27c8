"""Whole public pages kept rendered (and gzip-compressed) for visitors who have nothing of their own on them.

A public page (home, catalogue and search, product, group, bazaar) looks the same for every visitor who is not
signed in, has nothing in a cart and no message waiting: such a visitor's session holds at most a CSRF token.
For them the view still computes its content key from the same small queries as before (the catalogue's version,
each card's versions and stock, the product's and group's versions), so any change shows at once; what a hit
skips is rendering the page and compressing it. The key adds the language, the full URL (the language links and
the search box carry it) and the build (templates and stylesheet), so a deploy never serves an old page.

A page with a form (the product's "add to cart") holds the visitor's CSRF token: it is kept with a mark in its
place and each visitor's own token is put in on the way out (such a page is compressed per request, as before).
A page that holds the request's CSP nonce is never kept. Pages live in their own cache (`pages` in
shop.extensions): in-process with its own bound (PAGE_CACHE_THRESHOLD entries), or in Redis with a timeout."""
from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

from flask import Response, current_app, g, render_template, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from shop.extensions import pages

CSRF_MARK = "__csrf_token_of_this_visitor__"
# a CSRF token, and Flask-Login's "_fresh" (set to False for any session without a user, basic protection)
SHAREABLE_SESSION_KEYS = frozenset({"csrf_token", "_fresh"})
_build: dict[str, str] = {}


def shareable() -> bool:
    """True when this request would see the page every anonymous visitor sees."""
    if request.method not in ("GET", "HEAD") or not current_app.config["PAGE_CACHE"]:
        return False
    if request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")):
        return False  # Flask-Login could sign this visitor in from it
    return SHAREABLE_SESSION_KEYS.issuperset(session.keys())


def build_id() -> str:
    """Changes with any template or static file: pages kept by an older build are never asked for."""
    root = current_app.root_path
    if root not in _build:
        digest = hashlib.sha1(usedforsecurity=False)
        for folder in (Path(current_app.template_folder or "templates"), Path(current_app.static_folder or "static")):
            folder = folder if folder.is_absolute() else Path(root) / folder
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        _build[root] = digest.hexdigest()[:12]
    return _build[root]


def _key(content_key: str) -> str:
    where = hashlib.sha1(request.full_path.encode(), usedforsecurity=False).hexdigest()[:20]
    return f"page:{build_id()}:{get_locale()}:{where}:{content_key}"


def lookup(content_key: str) -> Response | None:
    """The kept page for this URL and content, when this visitor may share it (a view that must load more to
    render asks first)."""
    if not shareable():
        return None
    entry = pages.get(_key(content_key))
    return None if entry is None else _answer(entry)


def render(template: str, content_key: str, **context) -> Response | str:
    """`render_template(template, content_key=…, **context)`, from the page cache when this visitor may share it
    (and kept there for the next one)."""
    kept = lookup(content_key)
    if kept is not None:
        return kept
    html = render_template(template, content_key=content_key, **context)
    if shareable():
        key = _key(content_key)
        entry = _entry(html, key)
        if entry is not None:
            pages.set(key, entry)
    return html


def _entry(html: str, key: str) -> tuple | None:
    nonce = g.get("csp_nonce")
    if nonce and nonce in html:
        return None  # its scripts are bound to this response's nonce
    token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    if token and token in html:
        return (html.replace(token, CSRF_MARK), None, None)
    etag = hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24]
    return (html, gzip.compress(html.encode(), compresslevel=6, mtime=0), etag)


def _answer(entry: tuple) -> Response:
    html, compressed, etag = entry
    if compressed is None:  # the visitor's own CSRF token goes where the mark is
        return Response(html.replace(CSRF_MARK, generate_csrf()), mimetype="text/html")
    if request.accept_encodings["gzip"]:
        response = Response(compressed, mimetype="text/html")
        response.headers["Content-Encoding"] = "gzip"
    else:
        response = Response(html, mimetype="text/html")
    response.vary.add("Accept-Encoding")
    response.set_etag(etag, weak=True)  # one for both encodings (Vary: Accept-Encoding)
    return response.make_conditional(request)  # 304 when the phone still has this very page
