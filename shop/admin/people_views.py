"""Admin pages for regions, users (invite, deactivate, reactivate) and the activity log of every group."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts import services as accounts
from shop.accounts.access import admin_required
from shop.accounts.models import ROLES, User
from shop.admin import queries
from shop.admin.blueprint import bp
from shop.admin.forms import ROLE_LABELS, ConfirmForm, InviteForm, RegionForm
from shop.extensions import db
from shop.groups import regions as region_services
from shop.groups.models import Group, Region
from shop.groups.queries import all_groups
from shop.text import parse_int
from shop.transactions import unit_of_work


@bp.route("/wilayah")
@admin_required
def regions():
    return render_template("admin/regions.html", rows=queries.regions_with_counts(), kinds=region_services.REGION_KINDS)


@bp.route("/wilayah/baru", methods=["GET", "POST"])
@bp.route("/wilayah/<int:region_id>/ubah", methods=["GET", "POST"])
@admin_required
def region_form(region_id: int | None = None):
    region = None
    if region_id is not None:
        region = db.session.get(Region, region_id)
        if region is None:
            abort(404)
    form = RegionForm(obj=region)
    if form.validate_on_submit():
        with unit_of_work(field=form.name) as work:
            if region is None:
                region_services.create_region(form.province.data, form.name.data, form.kind.data)
            else:
                region_services.update_region(region, form.province.data, form.name.data, form.kind.data)
        if work.ok:
            flash(_("Wilayah disimpan."), "info")
            return redirect(url_for("admin.regions"))
    return render_template("admin/region_form.html", form=form, region=region)


@bp.route("/pengguna")
@admin_required
def users():
    role = request.args.get("role", "")
    role = role if role in ROLES else ""
    return render_template("admin/users.html", users=queries.users(role), role=role, roles=ROLE_LABELS)


@bp.route("/pengguna/undang", methods=["GET", "POST"])
@admin_required
def invite():
    form = InviteForm()
    form.group_id.choices = [(0, _("Tidak ada (bukan koordinator)"))] + [
        (g.id, g.name) for g in all_groups()]
    if request.method == "GET" and request.args.get("group", "").isdigit():
        form.group_id.data = int(request.args["group"])
    if form.validate_on_submit():
        with unit_of_work(field=form.email) as work:
            user = accounts.invite_user(form.email.data, form.role.data, group_id=form.group_id.data or None,
                                        name=form.name.data or "")
        if work.ok:
            flash(_("Undangan dikirim ke %(email)s. Tautannya berlaku 7 hari.", email=user.email), "info")
            return redirect(url_for("admin.users"))
    return render_template("admin/invite.html", form=form)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/pengguna/<int:user_id>/<any(nonaktifkan, aktifkan):action>", methods=["GET", "POST"])
@admin_required
def user_active(user_id: int, action: str):
    """GET asks for confirmation; POST deactivates or reactivates the account."""
    user = _user_or_404(user_id)
    form = ConfirmForm()
    if request.method == "POST" and form.validate_on_submit():
        with unit_of_work() as work:
            accounts.set_active(user, action == "aktifkan", acting_user_id=current_user.id)
        if work.ok:
            flash(_("Akun %(email)s diaktifkan kembali.", email=user.email) if user.active
                  else _("Akun %(email)s dinonaktifkan; ia tidak bisa masuk lagi.", email=user.email), "info")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_active.html", user=user, action=action, form=form, roles=ROLE_LABELS)


@bp.route("/pengguna/<int:user_id>/kirim-ulang-undangan", methods=["POST"])
@admin_required
def resend_invite(user_id: int):
    user = _user_or_404(user_id)
    with unit_of_work() as work:
        accounts.resend_invitation(user)
    if work.ok:
        flash(_("Undangan baru dikirim ke %(email)s; tautan lama tidak berlaku lagi.", email=user.email), "info")
    return redirect(url_for("admin.users"))


@bp.route("/aktivitas")
@admin_required
def activity():
    group_id = parse_int(request.args.get("group"), default=None, low=1, high=2**31 - 1)
    group = db.session.get(Group, group_id) if group_id else None
    page = queries.activity(group.id if group else None,
                            parse_int(request.args.get("page"), 1, 1, 10**6), current_app.config["PER_PAGE"] * 2)
    return render_template("admin/activity.html", page=page, group=group, groups=all_groups())
