"""The members register: add, edit, mark as left. The private note stays inside the workspace."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import current_group_id, role_required
from shop.coop import exits
from shop.groups import services
from shop.groups.forms import LeaveForm, MemberForm
from shop.transactions import unit_of_work
from shop.workspace.base import bp, found


def _input(form: MemberForm) -> services.MemberInput:
    return services.MemberInput(name=form.name.data or "", role=form.role.data or "", joined_on=form.joined_on.data,
                                public_consent=bool(form.public_consent.data), bio=form.bio.data or "",
                                private_note=form.private_note.data or "")


@bp.route("/anggota")
@role_required("coordinator")
def members():
    return render_template("workspace/members.html", members=services.list_members(current_group_id()))


@bp.route("/anggota/baru", methods=["GET", "POST"])
@role_required("coordinator")
def member_new():
    form = MemberForm()
    if form.validate_on_submit():
        name = (form.name.data or "").strip()
        with unit_of_work(_("%(name)s ditambahkan ke daftar anggota.", name=name), field=form.name) as work:
            services.add_member(current_group_id(), _input(form))
        if work.ok:
            return redirect(url_for("workspace.members"))
    return render_template("workspace/member_form.html", form=form, member=None)


@bp.route("/anggota/<int:member_id>/ubah", methods=["GET", "POST"])
@role_required("coordinator")
def member_edit(member_id: int):
    member = found(services.get_member, current_group_id(), member_id)
    form = MemberForm(obj=member)
    if form.validate_on_submit():
        with unit_of_work(field=form.name) as work:
            services.update_member(member, _input(form))
        if work.ok:
            flash(_("Data %(name)s tersimpan.", name=member.name), "success")
            return redirect(url_for("workspace.members"))
    return render_template("workspace/member_form.html", form=form, member=member)


@bp.route("/anggota/<int:member_id>/keluar", methods=["GET", "POST"])
@role_required("coordinator")
def member_leave(member_id: int):
    member = found(services.get_member, current_group_id(), member_id)
    form = LeaveForm()
    if not form.is_submitted():
        form.left_on.data = date.today()
    if form.validate_on_submit():
        with unit_of_work(_("%(name)s tercatat keluar dari kelompok.", name=member.name), field=form.left_on) as work:
            services.mark_left(member, form.left_on.data)
            exits.settle_exit(member.group_id, member.id, created_by_id=current_user.id)  # pokok + wajib back/held
        if work.ok:
            return redirect(url_for("workspace.members"))
    return render_template("workspace/member_leave.html", form=form, member=member)
