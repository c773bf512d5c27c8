"""The group's products: list, create, edit, publish/unpublish, archive, duplicate, stock adjustments."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from shop.accounts.access import current_group_id, role_required
from shop.catalog import photos, services, stock
from shop.catalog.forms import (
    BLANK_VARIANT_ROWS,
    MAX_VARIANT_ROWS,
    PHOTOS_HINT,
    ActionForm,
    NewProductForm,
    ProductForm,
    StockForm,
)
from shop.catalog.models import Product
from shop.catalog.queries import maker_shares
from shop.crafts import CRAFTS, KIND_LABELS, STATUS_LABELS
from shop.errors import NotFound
from shop.money import parse_idr
from shop.pagination import paginate
from shop.text import parse_int
from shop.transactions import unit_of_work
from shop.uploads import PHOTO_MAX_BYTES, read_limited
from shop.workspace.base import attach_error, bp, found, user_id

STATUS_ACTIONS = {"publish": "published", "unpublish": "draft", "restore": "draft"}


@bp.route("/produk")
@role_required("coordinator")
def products():
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    stmt = (select(Product).where(Product.group_id == current_group_id())
            .options(selectinload(Product.variants), selectinload(Product.images))
            .order_by(Product.updated_at.desc(), Product.id.desc()))
    if status:
        stmt = stmt.where(Product.status == status)
    page = paginate(stmt, parse_int(request.args.get("page"), 1, 1, 10**6), current_app.config["PER_PAGE"])
    return render_template("workspace/products.html", page=page, status=status, statuses=STATUS_LABELS,
                           crafts=CRAFTS, kinds=KIND_LABELS)


def _form_data(product: Product) -> dict:
    rows = [{"id": str(v.id), "size": v.size, "colour": v.colour, "sku": v.sku,
             "price": f"{v.price:,}".replace(",", ".") if v.price else "", "stock": None} for v in product.variants]
    return {"title": product.title, "description": product.description, "craft": product.craft,
            "kind": product.kind, "lead_time_days": product.lead_time_days or None,
            "makers": [m.id for m in product.makers], "variants": rows + [{}] * BLANK_VARIANT_ROWS}


def _inputs(form: ProductForm) -> tuple[services.ProductInput, list[services.VariantInput]]:
    data = services.ProductInput(title=form.title.data or "", description=form.description.data or "",
                                 craft=form.craft.data, kind=form.kind.data,
                                 lead_time_days=form.lead_time_days.data or 0, maker_ids=list(form.makers.data or []),
                                 maker_shares=_posted_shares(form))
    rows = []
    for index, entry in enumerate(form.variants.entries):
        row = entry.form
        if row.is_blank:
            continue
        raw_id = (row.id.data or "").strip()
        if raw_id and not raw_id.isdigit():
            abort(404)
        rows.append(services.VariantInput(
            id=int(raw_id) if raw_id else None, size=row.size.data or "", colour=row.colour.data or "",
            sku=row.sku.data or "", price=parse_idr(row.price.data) or 0, stock=row.stock.data or 0,
            remove=bool(row.remove.data) and bool(raw_id), row=index))
    return data, rows


def _posted_shares(form: ProductForm) -> dict[int, int]:
    """Each ticked maker's share as typed (share_<member id>); blank or unreadable means 1 (equal)."""
    return {mid: parse_int(request.form.get(f"share_{mid}"), default=1, low=0, high=1000)
            for mid in form.makers.data or []}


def _shares_shown(form: ProductForm, product: Product | None) -> dict[int, int]:
    if request.method == "POST":
        return _posted_shares(form)
    return dict(maker_shares([product.id]).get(product.id, [])) if product else {}


def _edit_page(form: ProductForm, product: Product | None):
    gid = current_group_id()
    form.makers.choices = [(m.id, m.label) for m in services.current_members(gid)]  # numbers tell namesakes apart
    if request.method == "POST" and "more_rows" in request.form:  # "add rows" without JavaScript: nothing saved
        target = min(MAX_VARIANT_ROWS, len(form.variants) + BLANK_VARIANT_ROWS)
        while len(form.variants) < target:
            form.variants.append_entry()
        _photos_not_kept(form)
        return _render_form(form, product)
    if form.validate_on_submit():
        data, rows = _inputs(form)
        saved, files, added, refused = product, _photo_files(form), 0, []
        try:
            with unit_of_work(show=lambda err: attach_error(form, err)) as work:
                if product is None:
                    saved = services.create_product(gid, data, rows, user_id=user_id())
                    added, refused = photos.add_photos(saved, files)  # a refused photo keeps the product
                else:
                    services.update_product(product, data, rows, user_id=user_id())
        except IntegrityError:  # rolled back by unit_of_work
            flash(_("Perubahan tidak bisa disimpan: kode SKU bentrok atau pilihan yang dihapus sudah dipakai "
                    "pesanan. Tidak ada yang berubah."), "error")
            _photos_not_kept(form)
            return _render_form(form, product)
        if isinstance(work.error, NotFound):
            abort(404)
        if work.ok:
            flash(_("Produk \"%(title)s\" tersimpan.", title=saved.title), "success")
            _photo_messages(added, refused)
            return redirect(url_for("workspace.product", product_id=saved.id))
    _photos_not_kept(form)
    return _render_form(form, product)


def _photo_files(form) -> list[tuple[str, bytes | None]]:
    """The new-product form's chosen photos as (file name, bytes, or None when over the photo limit)."""
    return [(f.filename, read_limited(f, PHOTO_MAX_BYTES)) for f in getattr(form, "chosen_photos", [])]


def _photo_messages(added: int, refused: list[tuple[str, str]]) -> None:
    if added:
        flash(_("Foto ditambahkan: %(n)d. Foto tampil setelah selesai diproses.", n=added), "success")
    for name, why in refused:
        flash(_("Foto \"%(name)s\" tidak disimpan: %(why)s Produk tetap tersimpan; tambahkan foto lain dari "
                "halaman Foto.", name=name, why=why), "error")


def _photos_not_kept(form) -> None:
    """A browser cannot fill a file input again: when the form comes back, say the chosen photos must be chosen
    again (nothing was saved)."""
    if getattr(form, "chosen_photos", None):
        form.photos.errors = [*list(form.photos.errors or []),
                              _("Foto yang dipilih belum disimpan karena produk belum tersimpan. Pilih fotonya lagi.")]


def _render_form(form, product):
    variants = {str(v.id): v for v in product.variants} if product else {}
    return render_template("workspace/product_form.html", form=form, product=product, variants=variants,
                           shares=_shares_shown(form, product), photos_hint=PHOTOS_HINT)


@bp.route("/produk/baru", methods=["GET", "POST"])
@role_required("coordinator")
def product_new():
    form = NewProductForm() if request.method == "POST" else NewProductForm(data={"variants": [{}] * BLANK_VARIANT_ROWS})
    return _edit_page(form, None)


@bp.route("/produk/<int:product_id>/ubah", methods=["GET", "POST"])
@role_required("coordinator")
def product_edit(product_id: int):
    product = found(services.get_product, current_group_id(), product_id)
    form = ProductForm() if request.method == "POST" else ProductForm(data=_form_data(product))
    return _edit_page(form, product)


def _detail(product: Product, stock_forms: dict | None = None, status: int = 200):
    forms = {v.id: StockForm(prefix=f"v{v.id}") for v in product.variants}
    forms.update(stock_forms or {})
    return render_template("workspace/product.html", product=product, stock_forms=forms,
                           history=stock.history(product), action=ActionForm(), crafts=CRAFTS, kinds=KIND_LABELS,
                           statuses=STATUS_LABELS, can_publish=services.can_publish(product)), status


@bp.route("/produk/<int:product_id>")
@role_required("coordinator")
def product(product_id: int):
    return _detail(found(services.get_product, current_group_id(), product_id))


@bp.route("/produk/<int:product_id>/status", methods=["POST"])
@role_required("coordinator")
def product_status(product_id: int):
    product = found(services.get_product, current_group_id(), product_id)
    target = STATUS_ACTIONS.get(request.form.get("to", ""))
    if not ActionForm().validate_on_submit() or target is None:
        abort(400)
    with unit_of_work() as work:
        services.change_status(product, target)
    if work.ok:
        messages = {"published": _("\"%(title)s\" sekarang tayang di katalog.", title=product.title),
                    "draft": _("\"%(title)s\" menjadi draf dan tidak tampil di katalog.", title=product.title)}
        flash(messages[target], "success")
    return redirect(url_for("workspace.product", product_id=product.id))


@bp.route("/produk/<int:product_id>/arsip", methods=["GET", "POST"])
@role_required("coordinator")
def product_archive(product_id: int):
    product = found(services.get_product, current_group_id(), product_id)
    form = ActionForm()
    if form.validate_on_submit():
        title = product.title
        with unit_of_work(_("\"%(title)s\" diarsipkan dan tidak tampil lagi di katalog.", title=title)) as work:
            services.change_status(product, "archived")
        if not work.ok:
            return redirect(url_for("workspace.product", product_id=product.id))
        return redirect(url_for("workspace.products"))
    return render_template("workspace/product_archive.html", product=product, form=form)


@bp.route("/produk/<int:product_id>/salin", methods=["POST"])
@role_required("coordinator")
def product_duplicate(product_id: int):
    product = found(services.get_product, current_group_id(), product_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    with unit_of_work(_("Salinan dibuat sebagai draf. Periksa lalu ubah seperlunya.")) as work:
        copy = services.duplicate_product(product, user_id=user_id())
    if not work.ok:
        return redirect(url_for("workspace.product", product_id=product.id))
    return redirect(url_for("workspace.product_edit", product_id=copy.id))


@bp.route("/produk/<int:product_id>/varian/<int:variant_id>/stok", methods=["POST"])
@role_required("coordinator")
def stock_adjust(product_id: int, variant_id: int):
    gid = current_group_id()
    product = found(services.get_product, gid, product_id)
    variant = found(services.get_variant, gid, variant_id)
    if variant.product_id != product.id:
        abort(404)
    form = StockForm(prefix=f"v{variant.id}")
    if form.validate_on_submit():
        with unit_of_work(field=form.change) as work:
            stock.adjust_stock(variant, form.change.data, form.reason.data, user_id=user_id())
        if work.ok:
            flash(_("Stok %(label)s sekarang %(n)d.", label=variant.label, n=variant.stock), "success")
            return redirect(url_for("workspace.product", product_id=product.id) + f"#varian-{variant.id}")
    return _detail(product, {variant.id: form}, status=422)
