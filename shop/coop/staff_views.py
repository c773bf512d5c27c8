"""The coordinator's cooperative actions beyond simpanan: a members' decision on the simpanan pokok, a member's
exit settlement and the payout of what was held for them (with its receipt), printable receipts."""
from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.accounts.access import role_required
from shop.books.views import own_group, own_page
from shop.coop import exits, readiness, settings
from shop.coop import opening as coop_opening
from shop.coop.blueprint import bp
from shop.coop.forms import SAVINGS_KINDS, ExitPayForm, PokokDecisionForm, ProfileForm, opening_form
from shop.coop.services import current_member_choices, get_contribution
from shop.errors import NotFound
from shop.ledger import exports
from shop.ledger.opening import Opening, OpeningItem, has_entries
from shop.transactions import unit_of_work


@bp.route("/koperasi/keputusan-pokok", methods=["GET", "POST"])
@role_required("coordinator")
def pokok_decision():
    group = own_group()
    form = PokokDecisionForm()
    if form.validate_on_submit():
        with unit_of_work(_("Keputusan dicatat; setiap anggota membayar selisih simpanan pokok."),
                          field=form.new_amount) as work:
            settings.change_pokok(group.id, form.new_amount.data, form.decided_on.data,
                                  form.members_present.data, form.minutes.data)
        if work.ok:
            return redirect(url_for("coop.contributions"))
    return own_page("coop/pokok_decision.html", form=form, current=settings.coop_settings(group.id).pokok_amount)


@bp.route("/simpanan/kuitansi/<int:contribution_id>.pdf")
@role_required("coordinator")
def receipt_pdf(contribution_id: int):
    group = own_group()
    try:
        contribution = get_contribution(group.id, contribution_id)
    except NotFound:
        abort(404)
    html = render_template("coop/receipt_pdf.html", group=group, c=contribution)
    return exports.pdf_response(f"kuitansi-{contribution.receipt_number.replace('/', '-')}.pdf", html)


@bp.route("/anggota/<int:member_id>/selesaikan-simpanan", methods=["POST"])
@role_required("coordinator")
def settle_exit(member_id: int):
    group = own_group()
    with unit_of_work(_("Simpanan anggota yang keluar sudah diselesaikan.")) as work:
        exits.settle_exit(group.id, member_id, created_by_id=current_user.id)
    if isinstance(work.error, NotFound):
        abort(404)
    return redirect(url_for("coop.contributions"))


@bp.route("/koperasi/anggota-keluar", methods=["GET", "POST"])
@role_required("coordinator")
def leavers():
    """Former members still owed their held simpanan (2109), and the form that pays them from Kas or Bank."""
    group = own_group()
    owed = exits.owed_leavers(group.id)
    form = ExitPayForm()
    form.member.choices = [(o.member.id, o.member.label) for o in owed]
    if request.method == "GET" and request.args.get("anggota", type=int) in {o.member.id for o in owed}:
        form.member.data = request.args.get("anggota", type=int)
    if form.validate_on_submit():
        with unit_of_work(_("Simpanan anggota yang keluar dibayarkan."), field=form.amount) as work:
            entry = exits.pay_leaver(group.id, form.member.data, form.day.data, form.amount.amount,
                                     form.cash.data, form.once.reference, created_by_id=current_user.id)
        if isinstance(work.error, NotFound):
            abort(404)
        if work.ok:
            return redirect(url_for("coop.leaver_receipt", payout_id=entry.id))
    return own_page("coop/leavers.html", owed=owed, form=form, payments=exits.exit_payments(group.id))


def _exit_payment(payout_id: int):
    try:
        return exits.exit_payment(own_group().id, payout_id)
    except NotFound:
        abort(404)


@bp.route("/koperasi/anggota-keluar/bukti/<int:payout_id>")
@role_required("coordinator")
def leaver_receipt(payout_id: int):
    """A payout's receipt; `payout_id` is its journal entry."""
    return own_page("coop/leaver_receipt.html", p=_exit_payment(payout_id))


@bp.route("/koperasi/anggota-keluar/bukti/<int:payout_id>.pdf")
@role_required("coordinator")
def leaver_receipt_pdf(payout_id: int):
    payment = _exit_payment(payout_id)
    html = render_template("coop/leaver_receipt_pdf.html", group=own_group(), p=payment)
    return exports.pdf_response(f"bukti-{payment.number.replace('/', '-')}.pdf", html)


@bp.route("/kesiapan/profil", methods=["GET", "POST"])
@role_required("coordinator")
def profile_form():
    group = own_group()
    form = ProfileForm(obj=readiness.profile(group.id))
    if form.validate_on_submit():
        with unit_of_work(_("Langkah pendirian disimpan."), field=form.path) as work:
            readiness.update_profile(group.id, form.values())
        if work.ok:
            return redirect(url_for("coop.readiness_page"))
    return own_page("coop/profile_form.html", form=form, founders=readiness.founders(group.id))


@bp.route("/kesiapan/contoh-adart")
@role_required("coordinator")
def adart_template():
    group = own_group()
    return own_page("coop/adart_template.html", settings=settings.coop_settings(group.id),
                    min_founders=readiness.MIN_FOUNDERS)


@bp.route("/saldo-awal", methods=["GET", "POST"])
@role_required("coordinator")
def opening():
    """Opening balances, once, while the group's books are still empty."""
    group = own_group()
    members = current_member_choices(group.id)
    form = opening_form(members)
    if has_entries(group.id):
        return own_page("books/opening.html", form=None, members=members)
    if form.validate_on_submit():
        with unit_of_work(_("Saldo awal dicatat."), field=form.kas) as work:
            coop_opening.record_opening(group.id, group.name, opening_values(form, members),
                                        created_by_id=current_user.id)
        if work.ok:
            return redirect(url_for("books.overview"))
    return own_page("books/opening.html", form=form, members=members)


def opening_values(form, members) -> Opening:
    """What the form says, as the ledger's Opening (equipment rows with a name and a value only)."""
    equipment = [OpeningItem(row.form.name.data.strip(), row.form.value.amount, row.form.life_months.data or 0)
                 for row in form.equipment if (row.form.name.data or "").strip() or row.form.value.amount]
    savings: dict[tuple[int | None, str], int] = {}
    for member_id, _name in members:
        for kind, _label in SAVINGS_KINDS:
            amount = getattr(form, f"{kind}_{member_id}").amount
            if amount:
                savings[(member_id, kind)] = amount
    if form.pokok_total.amount:
        savings[(None, "pokok")] = form.pokok_total.amount
    if form.wajib_total.amount:
        savings[(None, "wajib")] = form.wajib_total.amount
    return Opening(day=form.day.data, kas=form.kas.amount, bank=form.bank.amount,
                   piutang_panitia=form.piutang_panitia.amount, equipment=equipment, savings=savings)
