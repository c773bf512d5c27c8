"""Wiring shared by every page, one named step each: blueprints, locale, template helpers, security headers,
error pages, CLI. `register(app)` runs them in order."""
from __future__ import annotations

import contextlib
import hashlib
import secrets

from flask import Flask, abort, g, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

from shop import (
    files,
    labels,
    limits,
    models,  # noqa: F401  (every table known to SQLAlchemy and Alembic)
    timefmt,
    urls,
)
from shop.accounts import dashboard
from shop.accounts.access import load_user
from shop.accounts.views import bp as accounts_bp
from shop.activity import texts as activity_texts
from shop.admin.views import bp as admin_bp
from shop.books import cost_views  # noqa: F401  (the cost-side pages, on the books blueprint)
from shop.books.admin_views import bp as books_admin_bp
from shop.books.statement_files import page_footer_css
from shop.books.views import bp as books_bp
from shop.cart.views import bp as cart_bp
from shop.catalog.group_views import bp as groups_bp
from shop.catalog.versions import install as install_versions
from shop.catalog.views import bp as catalog_bp
from shop.cli import shop_cli
from shop.coop.views import admin_bp as coop_admin_bp
from shop.coop.views import bp as coop_bp
from shop.custom_orders.staff_views import bp as custom_orders_staff_bp
from shop.custom_orders.views import bp as custom_orders_bp
from shop.events import todo as event_todo
from shop.events.public_views import bp as bazaar_bp
from shop.events.views import bp as events_bp
from shop.extensions import db, login_manager
from shop.i18n import template_translations
from shop.impact.views import bp as impact_bp
from shop.mail.services import install as install_outbox
from shop.money import format_idr, format_idr_statement
from shop.order_pages.buyer import bp as orders_bp
from shop.order_pages.staff import bp as group_orders_bp
from shop.orders import couriers
from shop.pages.views import bp as pages_bp
from shop.payments.views import bp as payments_bp
from shop.phones import whatsapp_link
from shop.pos import todo as till_todo
from shop.pos.views import bp as pos_bp
from shop.queue import install as install_queue
from shop.uploads import (
    CSV_MAX_BYTES,
    LARGER_REQUESTS,
    PHOTO_MAX_BYTES,
    LimitedRequest,
    request_limit,
    size_text,
    too_large_message,
)
from shop.workspace.views import bp as workspace_bp

# Every blueprint of the shop, in registration order. Add a domain's blueprint here.
BLUEPRINTS = (
    catalog_bp, groups_bp, pages_bp, accounts_bp, admin_bp, workspace_bp,
    cart_bp, orders_bp, group_orders_bp, payments_bp,
    books_bp, books_admin_bp, coop_bp, coop_admin_bp, impact_bp, custom_orders_bp, custom_orders_staff_bp,
    bazaar_bp, events_bp, pos_bp,
)

PUBLIC_FILES = ("static", "pages.media")
PRIVATE_BLUEPRINTS = ("orders", "accounts", "workspace", "group_orders", "admin", "books", "books_admin", "coop",
                      "coop_admin")


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie session, except that static files and photos never touch it (no Set-Cookie, no
    Vary: Cookie: extensions peek at the session after every request), and that a request which failed never
    saves what it put into the session (a login whose save failed leaves the browser signed out)."""

    def save_session(self, app, session, response) -> None:
        if g.get("discard_session") or (request.endpoint in PUBLIC_FILES and not session.modified):
            return None
        return super().save_session(app, session, response)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")


def register(app: Flask) -> None:
    register_blueprints(app)
    register_sign_in(app)
    register_template_helpers(app)
    register_request_guards(app)
    register_security_headers(app)
    register_error_pages(app)
    register_cli(app)


def register_blueprints(app: Flask) -> None:
    urls.install(app)  # before any rule is added: <int:…> is bounded to the database integer
    app.session_interface = SessionInterface()
    install_outbox()  # e-mails queued by a transaction leave only after it commits
    files.install()  # files a transaction stopped using are removed only after it commits
    install_queue()  # background jobs likewise (shop.queue)
    install_versions()  # catalogue changes give cached fragments new keys (shop.catalog.versions)
    for bp in BLUEPRINTS:
        app.register_blueprint(bp)
    dashboard.register("organiser", event_todo.organiser_items)  # the dashboard's to-do list per role
    dashboard.register("cashier", till_todo.cashier_items)
    limits.install(app)  # abuse limits per address, by endpoint (shop/limits.py)


def register_sign_in(app: Flask) -> None:
    login_manager.user_loader(load_user)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None


def register_template_helpers(app: Flask) -> None:
    """The `idr` filter, `wa_link`, the status and method labels, `upload_limits`, hashed static URLs (`asset`), the CSP nonce and the languages."""
    app.jinja_env.filters["idr"] = format_idr
    app.jinja_env.filters["idr_statement"] = format_idr_statement  # (Rp5.000) for a deduction or a loss
    app.jinja_env.filters.update(timefmt.jinja_filters())  # |day and |moment: one format per language, in WIB
    app.jinja_env.globals["wa_link"] = whatsapp_link
    app.jinja_env.globals.update(labels.jinja_globals())
    app.jinja_env.globals.update(activity_texts.jinja_globals())  # activity_text(action, subject)
    app.jinja_env.globals["tracking_url"] = couriers.tracking_url
    app.jinja_env.globals["pdf_page_footer"] = page_footer_css  # "Halaman X dari Y" on every PDF page
    app.jinja_env.globals["upload_limits"] = {"photo": size_text(PHOTO_MAX_BYTES), "csv": size_text(CSV_MAX_BYTES)}
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    asset_versions: dict[str, str] = {}

    def asset(filename: str) -> str:
        """URL of a static file with a content hash, so it can be cached for a year and still update."""
        if filename not in asset_versions or app.debug:
            with app.open_resource(f"{app.static_folder}/{filename}", "rb") as fh:
                asset_versions[filename] = hashlib.sha256(fh.read()).hexdigest()[:10]
        return url_for("static", filename=filename, v=asset_versions[filename])

    def media_prefix() -> str:
        """URL of the media folder, built once per request (a page of cards needs it dozens of times)."""
        if "media_prefix" not in g:
            g.media_prefix = url_for("pages.media", filename="_")[:-1]
        return g.media_prefix

    app.jinja_env.globals["media_prefix"] = media_prefix
    app.context_processor(template_translations)  # `_()` in page templates without per-call lookups

    @app.context_processor
    def template_globals():
        return {"csp_nonce": getattr(g, "csp_nonce", ""), "current_locale": str(get_locale()),
                "languages": app.config["LANGUAGES"], "asset": asset, "query_filters": urls.query_filters}


def register_request_guards(app: Flask) -> None:
    app.request_class = LimitedRequest  # a larger body limit only where a form takes several photos
    @app.before_request
    def make_nonce():
        g.csp_nonce = secrets.token_urlsafe(16)

    @app.before_request
    def refuse_nul_in_forms():
        """PostgreSQL cannot store NUL characters: refuse such input with a clear 4xx instead of a 500."""
        if "\x00" in request.path:
            abort(404)
        if request.method in ("POST", "PUT", "PATCH") and any(
                "\x00" in value for values in request.form.listvalues() for value in values):
            abort(400)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def security_headers(response):
        nonce = getattr(g, "csp_nonce", "")
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY.format(nonce=nonce))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        if request.endpoint in PUBLIC_FILES:
            return response  # shared caches may keep static files and photos: no Vary: Cookie
        response.vary.add("Cookie")
        if _private(response):
            response.headers["Cache-Control"] = "private, no-store"
        return response


def _private(response) -> bool:
    """Staff pages, the buyer's order pages and every download: never kept by a cache or the Back button."""
    if "attachment" in response.headers.get("Content-Disposition", "") or g.get("discard_session"):
        return True  # (after a failure, do not ask the database who is signed in)
    if request.blueprint in PRIVATE_BLUEPRINTS or request.path.startswith(("/kelola", "/admin", "/pesanan")):
        return True
    return bool(session.get("_user_id")) and current_user.is_authenticated


def error_page(code: int, title: str, message: str):
    return render_template("error.html", code=code, title=title, message=message), code


def _http_messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Permintaan tidak valid"), _("Permintaan ini tidak bisa diproses. Periksa isian Anda.")),
        403: (_("Tidak diizinkan"), _("Anda tidak punya akses ke halaman ini.")),
        404: (_("Halaman tidak ditemukan"),
              _("Halaman yang Anda cari tidak ada atau sudah dipindahkan. Coba cari di katalog.")),
        405: (_("Cara akses tidak didukung"), _("Halaman ini tidak bisa dibuka dengan cara itu.")),
        413: (_("Berkas terlalu besar"), _too_large()),
        429: (_("Terlalu banyak percobaan"), _("Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.")),
    }


def _too_large() -> str:
    if request.endpoint in LARGER_REQUESTS:  # several photos in one form: say the limit of them all together
        return _("Foto-foto terlalu besar: semuanya bersama paling banyak %(size)s. Belum ada yang disimpan; "
                 "coba lagi dengan lebih sedikit foto.", size=size_text(request_limit(request.endpoint)))
    return too_large_message(PHOTO_MAX_BYTES)


def register_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(err):
        return error_page(400, _("Formulir kedaluwarsa"),
                          _("Formulir ini sudah kedaluwarsa atau tidak lengkap. Muat ulang halaman lalu coba lagi."))

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        title, message = _http_messages().get(err.code or 500, (_("Terjadi kesalahan"), err.description or ""))
        return error_page(err.code or 500, title, message)

    @app.errorhandler(Exception)
    def unexpected(err):  # the last line of defence: log it, show a friendly page
        if isinstance(err, HTTPException):
            return http_error(err)
        g.discard_session = True  # whatever the failed request put into the session is not kept (e.g. a login)
        with contextlib.suppress(SQLAlchemyError):
            db.session.rollback()
        if isinstance(err, (OperationalError, InterfaceError)):  # the database is unreachable or read-only
            app.logger.error("database unavailable: %s", err)
            return render_template("unavailable.html"), 503, {"Retry-After": "60"}
        app.logger.exception("unhandled error")
        return error_page(500, _("Terjadi kesalahan"),
                          _("Maaf, terjadi kesalahan di sisi kami. Tidak ada yang berubah; silakan coba lagi."))


def register_cli(app: Flask) -> None:
    app.cli.add_command(shop_cli)
