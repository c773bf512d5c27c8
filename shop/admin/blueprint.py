"""The admin blueprint (Dinas Sosial staff). Every view carries @admin_required; routes live in the *_views
modules, which shop/admin/views.py gathers."""
from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
