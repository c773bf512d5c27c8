"""Pages of no domain: about, the language switch, uploaded media files and the health check."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _

from shop.health import database_problem
from shop.i18n import LANG_COOKIE
from shop.labels import label
from shop.payments.providers import available_methods
from shop.payments.providers.xendit import BANKS, bank_of
from shop.urls import safe_next

bp = Blueprint("pages", __name__)


@bp.route("/tentang")
def about():
    return render_template("pages/about.html", methods=method_names())


def method_names() -> list[str]:
    """The payment methods switched on now, as the registry says (virtual accounts named once, with their banks)."""
    methods = available_methods()
    banks = [bank_of(m.code) for m in methods if m.code in BANKS]
    names = []
    for m in methods:
        if m.code not in BANKS:
            names.append(label("method", m.code))
        elif bank_of(m.code) == banks[0]:
            names.append(_("virtual account (%(banks)s)", banks=", ".join(banks)))
    return names


@bp.route("/bahasa/<code>")
def set_language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or url_for("catalog.home"))
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


@bp.route("/media/<path:filename>")
def media(filename: str):
    if "/" in filename or not filename.endswith(".webp"):
        abort(404)
    response = send_from_directory(current_app.config["UPLOAD_DIR"], filename, max_age=365 * 24 * 3600)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.route("/sehat")
def health():
    """For load balancers: 200 only when the database answers and is at the migration head."""
    problem = database_problem()
    if problem:
        current_app.logger.error("health check failed: %s", problem)
        return {"status": "error", "problem": problem}, 503
    return {"status": "ok"}
