"""The bazaar staff blueprint: organiser pages (views.py, reports.py, print_views.py) and the coordinators'
invitations (coordinator_views.py)."""
from flask import Blueprint

bp = Blueprint("events", __name__)
