"""The cooperative blueprints: "coop" (the coordinator's, /kelola/buku, their own group) and "coop_admin"
(/admin/buku/kelompok/<id>, any group). Routes are in shop.coop.views and shop.coop.staff_views."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("coop", __name__, url_prefix="/kelola/buku")
admin_bp = Blueprint("coop_admin", __name__, url_prefix="/admin/buku")
