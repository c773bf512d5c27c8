"""What the bench serves: the production app (wsgi.py) plus the trivial route (tests/bench/pages.py), the floor
every page is measured against."""
from shop import create_app
from tests.bench.pages import add_trivial_route

app = create_app()
add_trivial_route(app)
