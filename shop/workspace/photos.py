"""A product's photos: upload, reorder with buttons, choose the main one, alt text, delete with confirmation."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from shop.accounts.access import current_group_id, role_required
from shop.catalog import photos, services
from shop.catalog.forms import ActionForm, AltForm, PhotoForm
from shop.transactions import unit_of_work
from shop.workspace.base import bp, found, read_upload


def _owned(product_id: int, image_id: int | None = None):
    product = found(services.get_product, current_group_id(), product_id)
    image = found(photos.get_image, product, image_id) if image_id is not None else None
    return product, image


def _page(product, form, status=200):
    alt_forms = {img.id: AltForm(prefix=f"a{img.id}", alt=img.alt) for img in product.images}
    return render_template("workspace/photos.html", product=product, form=form, alt_forms=alt_forms,
                           action=ActionForm(), max_photos=photos.MAX_PHOTOS), status


def _back(product):
    return redirect(url_for("workspace.photos_page", product_id=product.id))


@bp.route("/produk/<int:product_id>/foto", methods=["GET", "POST"])
@role_required("coordinator")
def photos_page(product_id: int):
    product, _img = _owned(product_id)
    form = PhotoForm()
    if form.validate_on_submit():
        with unit_of_work(_("Foto ditambahkan."), field=form.photo) as work:  # InvalidImage: nothing stored
            photos.add_photo(product, read_upload(form.photo.data), form.alt.data or "")
        if work.ok:
            return _back(product)
    return _page(product, form, 422 if form.errors else 200)


@bp.route("/produk/<int:product_id>/foto/<int:image_id>/geser", methods=["POST"])
@role_required("coordinator")
def photo_move(product_id: int, image_id: int):
    product, image = _owned(product_id, image_id)
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if not ActionForm().validate_on_submit() or step is None:
        abort(400)
    with unit_of_work(_("Urutan foto diubah.")):
        photos.move_photo(image, step)
    return _back(product)


@bp.route("/produk/<int:product_id>/foto/<int:image_id>/utama", methods=["POST"])
@role_required("coordinator")
def photo_main(product_id: int, image_id: int):
    product, image = _owned(product_id, image_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    with unit_of_work(_("Foto utama diganti.")):
        photos.make_main(image)
    return _back(product)


@bp.route("/produk/<int:product_id>/foto/<int:image_id>/keterangan", methods=["POST"])
@role_required("coordinator")
def photo_alt(product_id: int, image_id: int):
    product, image = _owned(product_id, image_id)
    form = AltForm(prefix=f"a{image.id}")
    if form.validate_on_submit():
        with unit_of_work(_("Keterangan foto tersimpan.")):
            photos.set_alt(image, form.alt.data or "")
        return _back(product)
    for message in form.alt.errors:
        flash(message, "error")
    return _back(product)


@bp.route("/produk/<int:product_id>/foto/<int:image_id>/hapus", methods=["GET", "POST"])
@role_required("coordinator")
def photo_delete(product_id: int, image_id: int):
    product, image = _owned(product_id, image_id)
    form = ActionForm()
    if form.validate_on_submit():
        with unit_of_work(_("Foto dihapus.")) as work:
            files = photos.delete_photo(image)
        if work.ok:
            photos.delete_files(files)  # only once the rows are gone for good
        return _back(product)
    return render_template("workspace/photo_delete.html", product=product, image=image, form=form)
