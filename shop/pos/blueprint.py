"""The till's blueprint: pages in views.py and drawer.py's views, the JSON API in api.py."""
from flask import Blueprint

bp = Blueprint("pos", __name__, url_prefix="/kasir")
