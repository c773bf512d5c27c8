from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from shop.accounts import services
from shop.accounts.forms import LoginForm
from shop.extensions import db, limiter
from shop.pages.safety import safe_next

bp = Blueprint("accounts", __name__)

HOME_BY_ROLE = {"admin": "accounts.dashboard", "coordinator": "accounts.dashboard",
                "organiser": "accounts.dashboard", "cashier": "accounts.dashboard"}


def _login_account_key() -> str:
    return (request.form.get("email") or "").strip().lower()[:200] or "-"


@bp.route("/masuk", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"], error_message="login")
@limiter.limit("20 per 15 minutes", methods=["POST"], key_func=_login_account_key, error_message="login")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("E-mail atau kata sandi salah."))
        else:
            session.clear()  # a fresh session at login: no fixation
            login_user(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")) or url_for(HOME_BY_ROLE[user.role]))
    return render_template("accounts/login.html", form=form)


@bp.route("/keluar", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.clear()
    flash(_("Anda sudah keluar."), "info")
    return redirect(url_for("catalog.home"))


@bp.route("/dasbor")
@login_required
def dashboard():
    return render_template("accounts/dashboard.html")
