"""The group's profile: story, photo, contact, WhatsApp, bank account for transfers, its static QRIS for the
bazaar till."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _

from shop.accounts.access import current_group_id, role_required
from shop.errors import DomainError
from shop.groups import services
from shop.groups.forms import ProfileForm
from shop.transactions import unit_of_work
from shop.uploads import PHOTO_MAX_BYTES, read_limited, too_large_message
from shop.workspace.base import bp, read_upload


@bp.route("/profil", methods=["GET", "POST"])
@role_required("coordinator")
def profile():
    group = services.get_group(current_group_id())
    form = ProfileForm(obj=group)
    if form.validate_on_submit():
        old_files = None
        with unit_of_work(_("Profil kelompok tersimpan."), field=form.photo) as work:  # InvalidImage: the photo
            if form.photo.data and getattr(form.photo.data, "filename", ""):
                old_files = services.set_photo(group, read_upload(form.photo.data))
            services.update_profile(group, {name: form[name].data or "" for name in services.PROFILE_FIELDS})
        if work.ok:
            services.delete_photo_files(old_files)  # only once the new photo is committed
            return redirect(url_for("workspace.profile"))
    return render_template("workspace/profile.html", form=form, group=group,
                           photo=services.photo_parts(group))


@bp.post("/profil/qris")
@role_required("coordinator")
def qris():
    """The group's own static QRIS: a bazaar till offers it for a sale of this group's items only."""
    group = services.get_group(current_group_id())
    upload = request.files.get("qris")
    data = read_limited(upload, PHOTO_MAX_BYTES) if upload else b""
    with unit_of_work(_("QRIS kelompok disimpan. Kasir bazar menawarkannya bila semua barang dari kelompok ini.")):
        if data is None:
            raise DomainError(too_large_message(PHOTO_MAX_BYTES))
        services.set_qris(group, data)
    return redirect(url_for("workspace.profile") + "#qris")


@bp.post("/profil/qris/hapus")
@role_required("coordinator")
def qris_remove():
    with unit_of_work(_("QRIS kelompok dihapus: di kasir bazar pembeli membayar ke QRIS panitia.")):
        services.remove_qris(services.get_group(current_group_id()))
    return redirect(url_for("workspace.profile") + "#qris")
