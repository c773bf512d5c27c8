"""Admin pages for groups: list, create, edit, approve/suspend/reactivate, legal form, listings (read-only)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from shop.accounts.access import admin_required
from shop.admin import queries
from shop.admin.blueprint import bp
from shop.admin.forms import ConfirmForm, GroupEditForm, GroupForm, LegalFormForm
from shop.crafts import CRAFTS, KIND_LABELS
from shop.crafts import STATUS_LABELS as PRODUCT_STATUS_LABELS
from shop.extensions import db
from shop.groups import services
from shop.groups.models import GROUP_STATUSES, Group
from shop.transactions import unit_of_work


def _group_or_404(group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None:
        abort(404)
    return group


def _group_data(form: GroupForm, legal_form: str) -> services.GroupData:
    return services.GroupData(
        name=form.name.data or "", region_id=form.region_id.data, crafts=list(form.crafts.data or []),
        contact_name=form.contact_name.data or "", phone=form.phone.data or "", whatsapp=form.whatsapp.data or "",
        email=form.email.data or "", address=form.address.data or "", bank_name=form.bank_name.data or "",
        bank_account_number=form.bank_account_number.data or "",
        bank_account_name=form.bank_account_name.data or "", legal_form=legal_form)


def _region_choices(form: GroupForm) -> None:
    form.region_id.choices = [(r.id, r.label) for r in queries.all_regions()]


@bp.route("/kelompok")
@admin_required
def groups():
    status = request.args.get("status", "")
    status = status if status in GROUP_STATUSES else ""
    return render_template("admin/groups.html", rows=queries.groups_with_counts(status), status=status,
                           statuses=services.STATUS_LABELS, legal_forms=services.LEGAL_FORM_LABELS)


@bp.route("/kelompok/baru", methods=["GET", "POST"])
@admin_required
def group_new():
    form = GroupForm()
    _region_choices(form)
    if form.validate_on_submit():
        with unit_of_work(field=form.name) as work:
            group = services.create_group(_group_data(form, form.legal_form.data))
        if work.ok:
            flash(_("%(name)s sudah didaftarkan dan menunggu persetujuan.", name=group.name), "info")
            return redirect(url_for("admin.group_detail", group_id=group.id))
    return render_template("admin/group_form.html", form=form, group=None)


@bp.route("/kelompok/<int:group_id>")
@admin_required
def group_detail(group_id: int):
    group = _group_or_404(group_id)
    form = LegalFormForm(legal_form=group.legal_form)
    return render_template("admin/group_detail.html", group=group, legal_form_form=form,
                           transitions=sorted(services.GROUP_TRANSITIONS[group.status]),
                           products=queries.group_products(group.id), users=queries.group_users(group.id),
                           statuses=services.STATUS_LABELS, legal_forms=services.LEGAL_FORM_LABELS,
                           crafts=CRAFTS, kinds=KIND_LABELS, product_statuses=PRODUCT_STATUS_LABELS)


@bp.route("/kelompok/<int:group_id>/ubah", methods=["GET", "POST"])
@admin_required
def group_edit(group_id: int):
    group = _group_or_404(group_id)
    form = GroupEditForm(obj=group) if request.method == "GET" else GroupEditForm()
    if request.method == "GET":
        form.crafts.data = group.craft_list
    _region_choices(form)
    if form.validate_on_submit():
        with unit_of_work(field=form.name) as work:
            services.update_group(group, _group_data(form, group.legal_form))
        if work.ok:
            flash(_("Data kelompok disimpan."), "info")
            return redirect(url_for("admin.group_detail", group_id=group.id))
    return render_template("admin/group_form.html", form=form, group=group)


@bp.route("/kelompok/<int:group_id>/status/<new_status>", methods=["GET", "POST"])
@admin_required
def group_status(group_id: int, new_status: str):
    """GET asks for confirmation; POST changes the status through services.change_status."""
    group = _group_or_404(group_id)
    if new_status not in GROUP_STATUSES:
        abort(404)
    if request.method == "POST":
        if ConfirmForm().validate_on_submit():
            with unit_of_work() as work:
                services.change_status(group, new_status)
            if work.ok:
                flash(_("Status %(name)s sekarang: %(status)s.", name=group.name,
                        status=services.STATUS_LABELS[new_status]), "info")
        return redirect(url_for("admin.group_detail", group_id=group.id))
    refusal = services.status_change_refusal(group, new_status)
    if refusal:
        flash(refusal, "error")
        return redirect(url_for("admin.group_detail", group_id=group.id))
    return render_template("admin/group_status.html", group=group, new_status=new_status,
                           statuses=services.STATUS_LABELS, form=ConfirmForm())


@bp.route("/kelompok/<int:group_id>/bentuk-badan", methods=["POST"])
@admin_required
def group_legal_form(group_id: int):
    group = _group_or_404(group_id)
    form = LegalFormForm()
    if form.validate_on_submit():
        with unit_of_work() as work:
            services.set_legal_form(group, form.legal_form.data)
        if work.ok:
            flash(_("Bentuk badan %(name)s sekarang: %(form)s.", name=group.name,
                    form=services.LEGAL_FORM_LABELS[group.legal_form]), "info")
    else:
        flash(_("Pilih bentuk badan yang dikenal."), "error")
    return redirect(url_for("admin.group_detail", group_id=group.id))
