"""The crafts and product kinds the shop knows, with their translatable labels."""
from flask_babel import lazy_gettext as _l

CRAFTS = {
    "batik_tulis": _l("Batik tulis"),
    "batik_cap": _l("Batik cap"),
    "jahit": _l("Jahit & busana"),
    "lukis": _l("Lukisan"),
    "anyaman": _l("Anyaman"),
    "kriya": _l("Kriya kayu & kulit"),
}

KIND_LABELS = {
    "ready_made": _l("Siap kirim"),
    "one_of_a_kind": _l("Karya tunggal"),
    "made_to_order": _l("Dibuat sesuai pesanan"),
    "made_to_measure": _l("Dijahit sesuai ukuran"),
}

STATUS_LABELS = {
    "draft": _l("Draf"),
    "published": _l("Tayang"),
    "archived": _l("Diarsipkan"),
}
