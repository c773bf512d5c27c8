"""Till pages: the events a user may sell at, the till itself (works offline through its service worker),
conflicts to resolve, the receipt (58 mm print, WhatsApp link, e-mail)."""
from __future__ import annotations

from urllib.parse import quote

from flask import abort, current_app, g, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import role_required
from shop.errors import DomainError, NotAllowed
from shop.events.services import STATUS_LABELS, methods_labels
from shop.mail.services import queue
from shop.money import format_idr
from shop.pos import access, api, drawer_views, sales  # noqa: F401  (api and drawer_views register routes)
from shop.pos.blueprint import bp
from shop.pos.queries import group_qris_urls, receipt
from shop.transactions import unit_of_work
from shop.urls import external_url

__all__ = ["bp"]


def _event_or_abort(event_id: int):
    try:
        return access.event_for_till(current_user, event_id)
    except NotAllowed:
        abort(403)
    except DomainError:
        abort(404)


@bp.get("/")
@role_required(*access.TILL_ROLES)
def index():
    return render_template("pos/index.html", events=access.events_for(current_user), status_labels=STATUS_LABELS)


@bp.get("/<int:event_id>")
@role_required(*access.TILL_ROLES)
def till(event_id: int):
    event = _event_or_abort(event_id)
    response = make_response(render_template("pos/till.html", event=event, methods=methods_labels(),
                                             group_qris=group_qris_urls(event)))
    # the camera scans price tags; the scanner polyfill compiles WebAssembly
    response.headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' 'nonce-{g.csp_nonce}' 'wasm-unsafe-eval'; style-src 'self'; "
        "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'")
    return response


@bp.get("/sw.js")
def service_worker():
    """Served from /kasir/ so that its scope covers every till page."""
    response = current_app.send_static_file("js/till-sw.js")
    response.headers["Service-Worker-Allowed"] = "/kasir/"
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.route("/<int:event_id>/konflik", methods=["GET", "POST"])
@role_required(*access.TILL_ROLES)
def conflicts(event_id: int):
    event = _event_or_abort(event_id)
    if request.method == "POST":
        sale_id = request.form.get("sale", type=int) or 0
        with unit_of_work(_("Konflik penjualan diselesaikan.")):
            sales.resolve(current_user, event.id, sale_id, request.form.get("action", ""),
                          request.form.get("reason", ""))
        return redirect(url_for("pos.conflicts", event_id=event.id))
    return render_template("pos/conflicts.html", event=event, sales=sales.conflicts(event),
                           methods=methods_labels(), reasons=sales.reason_labels(), lines_of=sales.lines_of)


@bp.get("/struk/<token>")
def receipt_page(token: str):
    """The buyer's receipt, reached by its secret link (printed, sent by WhatsApp or e-mail)."""
    found = receipt(token)
    if found is None:
        abort(404)
    order, sale = found
    link = external_url("pos.receipt_page", token=token)
    text = _("Struk %(n)s, %(total)s: %(link)s", n=order.number, total=format_idr(order.total), link=link)
    return render_template("pos/receipt.html", order=order, sale=sale, methods=methods_labels(),
                           whatsapp=f"https://wa.me/?text={quote(text)}",
                           may_mail=current_user.is_authenticated and current_user.role in access.TILL_ROLES)


@bp.post("/struk/<token>/email")
@role_required(*access.TILL_ROLES)
def receipt_email(token: str):
    found = receipt(token)
    if found is None:
        abort(404)
    order, _sale = found
    address = (request.form.get("email") or "").strip()[:200]
    with unit_of_work(_("Struk dikirim ke %(a)s.", a=address)):
        if "@" not in address or " " in address:
            raise DomainError(_("Tulis alamat e-mail yang benar."))
        queue(address, _("Struk %(n)s", n=order.number),
              _("Terima kasih sudah berbelanja di bazar.\n\nStruk %(n)s sebesar %(total)s:\n%(link)s",
                n=order.number, total=format_idr(order.total),
                link=external_url("pos.receipt_page", token=token)))
    return redirect(url_for("pos.receipt_page", token=token))

