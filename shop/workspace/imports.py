"""Bulk import of products from CSV: upload, preview with per-row errors, confirm (all or nothing)."""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from shop.accounts.access import current_group_id, role_required
from shop.catalog import csv_import
from shop.catalog.forms import ImportConfirmForm, ImportForm
from shop.crafts import CRAFTS, KIND_LABELS
from shop.transactions import unit_of_work
from shop.uploads import CSV_MAX_BYTES, read_limited, too_large_message
from shop.workspace.base import bp, user_id


def _preview(plan, payload: str | None, status=200):
    confirm = ImportConfirmForm(payload=payload) if plan.ok else None
    return render_template("workspace/import_preview.html", plan=plan, confirm=confirm, crafts=CRAFTS,
                           kinds=KIND_LABELS), status


@bp.route("/impor", methods=["GET", "POST"])
@role_required("coordinator")
def import_upload():
    form = ImportForm()
    if form.validate_on_submit():
        data = read_limited(form.file.data, CSV_MAX_BYTES)
        if data is None:
            form.file.errors.append(too_large_message(CSV_MAX_BYTES))
        else:
            text = csv_import.decode(data)
            plan = csv_import.parse(text, current_group_id())
            return _preview(plan, csv_import.sign(current_group_id(), text) if plan.ok else None,
                            200 if plan.ok else 422)
    return render_template("workspace/import.html", form=form, columns=csv_import.COLUMNS_ID, crafts=CRAFTS,
                           kinds=KIND_LABELS), 422 if form.errors else 200


@bp.route("/impor/contoh.csv")
@role_required("coordinator")
def import_template():
    return Response(csv_import.template_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=contoh-impor-produk.csv"})


@bp.route("/impor/simpan", methods=["POST"])
@role_required("coordinator")
def import_confirm():
    gid = current_group_id()
    form = ImportConfirmForm()
    text = csv_import.unsign(gid, form.payload.data) if form.validate_on_submit() else None
    if text is None:
        flash(_("Data impor kedaluwarsa atau tidak sah. Unggah berkas CSV sekali lagi."), "error")
        return redirect(url_for("workspace.import_upload"))
    plan = csv_import.parse(text, gid)  # checked again: SKUs may have been taken since the preview
    if not plan.ok:
        return _preview(plan, None, 422)
    failed = _("Impor gagal dan tidak ada yang disimpan. Periksa berkas lalu coba lagi.")
    try:
        with unit_of_work(show=lambda err: flash(failed, "error")) as work:
            created = csv_import.save(gid, plan, user_id=user_id(), publish=form.publish.data)
    except IntegrityError:  # rolled back by unit_of_work
        work.ok = False
        flash(failed, "error")
    if not work.ok:
        return redirect(url_for("workspace.import_upload"))
    updated = len(plan.updates)
    if form.publish.data:
        flash(_("%(n)d produk baru ditayangkan, %(u)d pilihan diperbarui.", n=len(created), u=updated), "success")
        return redirect(url_for("workspace.products", status="published"))
    flash(_("%(n)d produk baru diimpor sebagai draf, %(u)d pilihan diperbarui. Periksa lalu tayangkan.",
            n=len(created), u=updated), "success")
    return redirect(url_for("workspace.products", status="draft"))
