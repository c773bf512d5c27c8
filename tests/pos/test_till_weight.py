"""The till's first view stays light (the same measure as `make bench`), and the scanner polyfill with its
WebAssembly is not part of it."""
from __future__ import annotations

from tests.bench.till import LIMIT, first_load


def test_the_till_first_load_is_under_60_kb_compressed_without_the_polyfill(app, bazaar, login, client):
    login(bazaar.cashier)
    sizes = first_load(client, f"/kasir/{bazaar.event.id}", app.static_folder)
    assert {"/static/js/till.js", "/static/vendor/idb/idb.js", "/static/css/till.css"} <= set(sizes)
    assert not any("barcode-detector" in url or url.endswith(".wasm") for url in sizes)
    assert sum(gz for _raw, gz in sizes.values()) < LIMIT
