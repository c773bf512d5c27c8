"""The bazaar staff blueprint: organiser pages (views.py, reports.py, print_views.py) and the coordinators'
invitations (coordinator_views.py); the decorator and the event lookup the organiser's pages share."""
from flask import Blueprint, abort
from flask_login import current_user

from shop.accounts.access import role_required
from shop.events import queries

bp = Blueprint("events", __name__)
organiser_required = role_required("organiser", "admin")


def event_or_404(event_id: int):
    """The event, when the signed-in organiser runs it (or an admin looks); another organiser's event is 404."""
    event = queries.event_detail(event_id, current_user)
    if event is None:
        abort(404)
    return event
