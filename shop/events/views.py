"""The organiser's bazaar pages: events, their statuses, invitations and answers, booths, cashiers, tills.
Reports, settlement and print have their own modules on the same blueprint."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.errors import DomainError
from shop.events import access, coordinator_views, print_views, queries, reports, services  # noqa: F401  (routes on bp)
from shop.events.blueprint import bp, event_or_404, organiser_required
from shop.events.forms import CashierForm, EventForm, InviteForm, OrganiserForm, TillForm
from shop.events.services import ACTION_LABELS, STATUS_LABELS, EventData
from shop.transactions import unit_of_work
from shop.uploads import PHOTO_MAX_BYTES, read_limited, too_large_message

__all__ = ["bp"]



def _data(form: EventForm) -> EventData:
    return EventData(name=form.name.data or "", venue=form.venue.data or "", starts_on=form.starts_on.data,
                     ends_on=form.ends_on.data, address=form.address.data or "", map_url=form.map_url.data or "",
                     opening_hours=form.opening_hours.data or "", description=form.description.data or "")


@bp.get("/panitia/bazar")
@organiser_required
def index():
    return render_template("events/index.html", events=queries.organiser_events(current_user), labels=STATUS_LABELS)


@bp.route("/panitia/bazar/baru", methods=["GET", "POST"])
@organiser_required
def create():
    form = EventForm()
    if form.validate_on_submit():
        with unit_of_work(_("Bazar dibuat sebagai draf.")) as work:
            event = services.create_event(_data(form), current_user.id)
        if work.ok:
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=None)


@bp.route("/panitia/bazar/<int:event_id>/ubah", methods=["GET", "POST"])
@organiser_required
def edit(event_id: int):
    event = event_or_404(event_id)
    form = EventForm(obj=event)
    if form.validate_on_submit():
        with unit_of_work(_("Tersimpan.")) as work:
            services.update_event(event, _data(form))
        if work.ok:
            return redirect(url_for("events.detail", event_id=event.id))
    return render_template("events/form.html", form=form, event=event)


@bp.get("/panitia/bazar/<int:event_id>")
@organiser_required
def detail(event_id: int):
    event = event_or_404(event_id)
    invite_form = InviteForm()
    invite_form.groups.choices = [(g.id, g.name) for g in queries.invitable_groups(event)]
    assigned, others = queries.cashiers(event)
    cashier_form = CashierForm()
    cashier_form.user.choices = [(u.id, u.name or u.email) for u in others]
    organisers, other_organisers = access.organisers(event)
    organiser_form = OrganiserForm()
    organiser_form.organiser.choices = [(u.id, u.name or u.email) for u in other_organisers]
    return render_template("events/detail.html", event=event, labels=STATUS_LABELS, actions=ACTION_LABELS,
                           organisers=organisers, organiser_form=organiser_form,
                           transitions=services.available_transitions(event), invite_form=invite_form,
                           cashier_form=cashier_form, till_form=TillForm(), assigned=assigned,
                           silent=services.not_answered(event))


@bp.post("/panitia/bazar/<int:event_id>/status")
@organiser_required
def status(event_id: int):
    event = event_or_404(event_id)
    with unit_of_work(_("Status bazar diubah.")):
        services.transition(event, request.form.get("target", ""))
    return redirect(url_for("events.detail", event_id=event.id))


@bp.post("/panitia/bazar/<int:event_id>/undang")
@organiser_required
def invite(event_id: int):
    event = event_or_404(event_id)
    form = InviteForm()
    form.groups.choices = [(g.id, g.name) for g in queries.invitable_groups(event)]
    with unit_of_work(_("Undangan dikirim ke kelompok.")):
        services.invite(event, form.groups.data or [] if form.validate_on_submit() else [])
    return redirect(url_for("events.detail", event_id=event.id))


@bp.post("/panitia/bazar/<int:event_id>/stan")
@organiser_required
def booth(event_id: int):
    event = event_or_404(event_id)
    with unit_of_work(_("Stan disimpan.")):
        services.set_booth(event, request.form.get("participation", type=int) or 0, request.form.get("booth", ""))
    return redirect(url_for("events.detail", event_id=event.id) + "#kelompok")


@bp.post("/panitia/bazar/<int:event_id>/kasir")
@organiser_required
def cashier(event_id: int):
    event = event_or_404(event_id)
    with unit_of_work(_("Kasir ditugaskan.")):
        services.assign_cashier(event, request.form.get("user", type=int) or 0)
    return redirect(url_for("events.detail", event_id=event.id) + "#kasir")


@bp.post("/panitia/bazar/<int:event_id>/panitia")
@organiser_required
def organiser(event_id: int):
    event = event_or_404(event_id)
    with unit_of_work(_("Panitia ditambahkan ke bazar ini.")):
        access.add_organiser(event, request.form.get("organiser", type=int) or 0)
    return redirect(url_for("events.detail", event_id=event.id) + "#panitia")


@bp.post("/panitia/bazar/<int:event_id>/qris")
@organiser_required
def qris(event_id: int):
    event = event_or_404(event_id)
    upload = request.files.get("qris")
    data = read_limited(upload, PHOTO_MAX_BYTES) if upload else b""
    with unit_of_work(_("Gambar QRIS disimpan.")):
        if data is None:
            raise DomainError(too_large_message(PHOTO_MAX_BYTES))
        services.set_qris(event, data)
    return redirect(url_for("events.detail", event_id=event.id) + "#kasir")


@bp.post("/panitia/bazar/<int:event_id>/mesin")
@organiser_required
def till(event_id: int):
    event = event_or_404(event_id)
    with unit_of_work(_("Mesin kasir ditambahkan.")):
        services.add_till(event, request.form.get("name", ""))
    return redirect(url_for("events.detail", event_id=event.id) + "#kasir")
