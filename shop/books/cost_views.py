"""The coordinator's cost-side pages of the books, on the "books" blueprint: fixed assets and their
depreciation, the makers' share (confirming it, paying each maker with a kuitansi), and the photo of an
expense's nota (served only to the staff of its group)."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from shop.accounts.access import role_required
from shop.books import services
from shop.books.reports import member_names
from shop.books.views import bp, own_group, own_page
from shop.errors import NotFound
from shop.extensions import db
from shop.ledger import assets, exports, makers, notas
from shop.ledger.forms import AssetForm, DisposeForm, MakerShareForm, PayMemberForm
from shop.ledger.models import JournalEntry
from shop.transactions import unit_of_work


@bp.route("/aset")
@role_required("coordinator")
def asset_list():
    group = own_group()
    rows = assets.register(group.id)
    return own_page("books/assets.html", rows=rows, total=sum(r.book_value for r in rows),
                    dispose_form=DisposeForm())


@bp.route("/aset/baru", methods=["GET", "POST"])
@role_required("coordinator")
def asset_new():
    group = own_group()
    form = AssetForm()
    if form.validate_on_submit():
        with unit_of_work(_("Aset dicatat."), field=form.cost) as work:
            services.add_asset(group, form.name.data, form.acquired_on.data, form.cost.amount,
                               form.life_months.data, form.residual.amount, form.funded_by.data,
                               form.once.reference, current_user.id)
        if work.ok:
            return redirect(url_for("books.asset_list"))
    return own_page("books/asset_form.html", form=form)


@bp.route("/aset/<int:asset_id>/hapus", methods=["POST"])
@role_required("coordinator")
def asset_dispose(asset_id: int):
    group = own_group()
    try:
        assets.group_asset(group.id, asset_id)
    except NotFound:
        abort(404)
    form = DisposeForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            flash(errors[0], "error")
        return redirect(url_for("books.asset_list"))
    with unit_of_work(_("Aset dihapus dari buku.")):
        services.dispose_asset(group, asset_id, form.day.data, current_user.id)
    return redirect(url_for("books.asset_list"))


@bp.route("/penyusutan", methods=["POST"])
@role_required("coordinator")
def depreciation():
    """Posting penyusutan: every month that has ended and is not posted yet, for every asset of the group."""
    group = own_group()
    if not FlaskForm().validate_on_submit():  # the button's form: its CSRF token only
        abort(400)
    with unit_of_work() as work:
        result = services.run_depreciation(group, current_user.id)
    if work.ok:
        if result.posted:
            flash(_("Penyusutan %(n)d bulan dicatat.", n=result.posted), "success")
        else:
            flash(_("Tidak ada penyusutan yang jatuh tempo."), "success")
        if result.waiting:
            flash(_("%(n)d bulan menunggu: periodenya dikunci dan belum ada bulan terbuka sesudahnya.",
                    n=result.waiting), "error")
    return redirect(url_for("books.asset_list"))


@bp.route("/bagian-pengrajin", methods=["POST"])
@role_required("coordinator")
def maker_share():
    """The books overview asks for the makers' share until the bendahara has confirmed it once."""
    group = own_group()
    form = MakerShareForm()
    if form.validate_on_submit():
        with unit_of_work(_("Bagian pengrajin dikonfirmasi.")):
            services.confirm_maker_share(group, form.maker_share_percent.data, current_user.id)
    else:
        for errors in form.errors.values():
            flash(errors[0], "error")
    return redirect(url_for("books.overview"))


@bp.route("/bayar-pengrajin/<int:member_id>", methods=["GET", "POST"])
@role_required("coordinator")
def pay_member(member_id: int):
    group = own_group()
    names = member_names(group.id)
    if member_id not in names:
        abort(404)
    form = PayMemberForm()
    if form.validate_on_submit():
        with unit_of_work(_("Pembayaran kepada pengrajin dicatat."), field=form.amount) as work:
            payment = makers.pay_maker(group.id, member_id, form.day.data, form.amount.amount,
                                       form.paid_from.data, form.once.reference, memo=form.memo.data or "",
                                       created_by_id=current_user.id)
        if work.ok:
            return redirect(url_for("books.maker_receipt", receipt_id=payment.id))
    owed = next((o for o in makers.owed_by_member(group.id, names) if o.member_id == member_id), None)
    return own_page("books/pay_member.html", form=form, name=names[member_id],
                    owed=owed.owed if owed else 0, receivable=owed.receivable if owed else 0,
                    payments=makers.payments_of(group.id, member_id), is_void=makers.is_void)


def _payment(payment_id: int):
    try:
        return makers.get_payment(own_group().id, payment_id)
    except NotFound:
        abort(404)


@bp.route("/kuitansi-pengrajin/<int:receipt_id>")
@role_required("coordinator")
def maker_receipt(receipt_id: int):
    payment = _payment(receipt_id)
    return own_page("books/maker_receipt.html", p=payment, name=member_names(payment.group_id)[payment.member_id],
                    void=makers.is_void(payment))


@bp.route("/kuitansi-pengrajin/<int:receipt_id>.pdf")
@role_required("coordinator")
def maker_receipt_pdf(receipt_id: int):
    payment = _payment(receipt_id)
    html = render_template("books/maker_receipt_pdf.html", group=own_group(), p=payment,
                           name=member_names(payment.group_id)[payment.member_id], void=makers.is_void(payment))
    return exports.pdf_response(f"kuitansi-{payment.receipt_number.replace('/', '-')}.pdf", html)


@bp.route("/jurnal/<int:entry_id>/nota")
@role_required("coordinator")
def nota(entry_id: int):
    """The nota of an expense, for the staff of the entry's group only (another group's entry: 404)."""
    group = own_group()
    entry = db.session.get(JournalEntry, entry_id)
    attachment = notas.nota_of(group.id, entry_id) if entry is not None and entry.group_id == group.id else None
    if attachment is None:
        abort(404)
    try:
        data = notas.read_nota(attachment)
    except FileNotFoundError:
        abort(404)
    response = Response(data, mimetype="application/pdf" if attachment.kind == "pdf" else "image/webp")
    response.headers["Cache-Control"] = "private, no-store"
    if attachment.kind == "pdf":  # never shown from the shop's origin
        response.headers["Content-Disposition"] = f'attachment; filename="nota-{entry_id}.pdf"'
    else:
        response.headers["Content-Disposition"] = "inline"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response
