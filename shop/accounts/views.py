from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from shop.accounts import dashboard as dashboard_sections
from shop.accounts import services
from shop.accounts.access import start_session
from shop.accounts.forms import ForgotPasswordForm, LoginForm, SetPasswordForm
from shop.extensions import limiter
from shop.health import config_problems
from shop.transactions import unit_of_work
from shop.urls import safe_next

bp = Blueprint("accounts", __name__)

HOME_BY_ROLE = {"admin": "accounts.dashboard", "coordinator": "accounts.dashboard",
                "organiser": "accounts.dashboard", "cashier": "accounts.dashboard"}
LOGIN_LIMIT_PER_ADDRESS = "10 per minute;60 per hour"


def _login_account_key() -> str:
    return "account:" + ((request.form.get("email") or "").strip().lower()[:200] or "-")


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT_PER_ADDRESS, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = None
        with unit_of_work(field=form.password) as work:  # the failure count and unlock e-mail, or the login time
            user = services.authenticate(form.email.data, form.password.data)
        if work.ok and user is None:
            form.password.errors.append(_("E-mail atau kata sandi salah."))
        elif work.ok:  # saved first: a login whose save failed never leaves the browser signed in
            _fresh_session()  # no fixation
            login_user(user)
            start_session(user)
            return redirect(safe_next(request.args.get("next")) or url_for(HOME_BY_ROLE[user.role]))
    return render_template("accounts/login.html", form=form)


@bp.route("/buka-kunci/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def unlock(token: str):
    """The link e-mailed after several wrong passwords: this browser may try the account again at once."""
    try:
        services.valid_token(token, "unlock")
        if request.method == "GET":
            return render_template("accounts/unlock.html")
        with unit_of_work():
            services.use_unlock_link(token)
    except services.InvalidToken as err:
        return render_template("accounts/link_invalid.html", message=str(err)), 404
    flash(_("Akun dibuka untuk browser ini. Silakan masuk."), "info")
    return redirect(url_for("accounts.login"))


def _fresh_session() -> None:
    """Drop everything in the session, and the CSRF token Flask-WTF cached for it on `g` in this context."""
    session.clear()
    g.pop(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"), None)


@bp.errorhandler(429)
def too_many_attempts(err):
    """A refused login or reset request shows its own page with a plain message, not a bare error page."""
    message = _("Terlalu banyak percobaan. Demi keamanan, tunggu beberapa menit lalu coba lagi.")
    if request.endpoint == "accounts.forgot_password":
        return render_template("accounts/forgot_password.html", form=ForgotPasswordForm(formdata=None),
                               blocked=message), 429
    return render_template("accounts/login.html", form=LoginForm(formdata=None), blocked=message), 429


@bp.route("/keluar", methods=["POST"])
@login_required
def logout():
    """Ends this account's sessions everywhere: every saved copy of the cookie stops working."""
    with unit_of_work():
        current_user.end_sessions()
    logout_user()
    _fresh_session()
    flash(_("Anda sudah keluar."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/dasbor")
@login_required
def dashboard():
    notices = [notice for _log, notice in config_problems(current_app.config)] if current_user.role == "admin" else []
    todo = (dashboard_sections.items_for(current_user) if dashboard_sections.has_sections(current_user.role)
            else None)  # None: no domain gives this role work (a list, maybe empty, when one does)
    return render_template("accounts/dashboard.html", notices=notices, todo=todo,
                           has_endpoint=lambda endpoint: endpoint in current_app.view_functions)


@bp.route("/lupa-sandi", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=_login_account_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with unit_of_work():
            services.request_password_reset(form.email.data)
        # the same answer whether or not the address has an account: no account enumeration
        flash(_("Jika alamat itu terdaftar, kami sudah mengirim tautan untuk mengatur ulang kata sandi. "
                "Periksa kotak masuk e-mail Anda."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/undangan/<token>", methods=["GET", "POST"])
def accept_invite(token: str):
    return _set_password_page(token, "invite")


@bp.route("/atur-ulang-sandi/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return _set_password_page(token, "reset")


def _set_password_page(token: str, purpose: str):
    try:
        account_token = services.valid_token(token, purpose)
    except services.InvalidToken as err:
        return render_template("accounts/link_invalid.html", message=str(err)), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = None
        with unit_of_work(field=form.password) as work:
            user = services.set_password_with_token(token, purpose, form.password.data)
        if work.ok and purpose == "invite":  # accepting an invitation signs the new user in
            _fresh_session()
            login_user(user)
            start_session(user)  # bound to the new password and the session version, like a login
            flash(_("Selamat datang di Pasar Karya. Kata sandi Anda tersimpan."), "success")
            return redirect(url_for(HOME_BY_ROLE[user.role]))
        if work.ok:
            flash(_("Kata sandi tersimpan. Silakan masuk dengan kata sandi baru Anda."), "info")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/set_password.html", form=form, purpose=purpose, user=account_token.user,
                           min_length=services.MIN_PASSWORD_LENGTH)
