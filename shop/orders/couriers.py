"""The couriers coordinators ship with, and where a buyer follows a parcel (each courier's own tracking page).

The order keeps the courier's name as shown here; an older order with a name typed by hand still shows it, with
no tracking link.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

# (name kept on the order, the courier's public tracking page)
COURIERS = (
    ("JNE", "https://www.jne.co.id/tracking-package"),
    ("J&T Express", "https://jet.co.id/track"),
    ("SiCepat", "https://www.sicepat.com/checkAwb"),
    ("Pos Indonesia", "https://www.posindonesia.co.id/id/tracking"),
    ("AnterAja", "https://anteraja.id/tracking"),
    ("Ninja Xpress", "https://www.ninjaxpress.co/id-id/tracking"),
    ("TIKI", "https://www.tiki.id/id/tracking"),
)
OTHER = _l("Kurir lain / diantar sendiri")
TRACKING = dict(COURIERS)


def choices() -> list[tuple[str, str]]:
    return [(name, name) for name, _url in COURIERS] + [("lain", str(OTHER))]


def tracking_url(courier: str | None) -> str | None:
    return TRACKING.get((courier or "").strip())
