"""The group's profile: story, photo, contact, WhatsApp, bank account for transfers."""
from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _

from shop.accounts.access import current_group_id, role_required
from shop.groups import services
from shop.groups.forms import ProfileForm
from shop.transactions import unit_of_work
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
