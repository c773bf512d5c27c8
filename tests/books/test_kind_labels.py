"""Every entry kind the ledger accepts has an Indonesian label for the journal and its exports, translated to
English on screen (the cooperative kinds and the asset kinds included)."""
from flask_babel import force_locale

from shop.books.reports import KIND_LABELS
from shop.ledger.services import ENTRY_KINDS


def test_every_entry_kind_has_an_indonesian_label_and_an_english_one():
    assert set(KIND_LABELS) == set(ENTRY_KINDS)
    indonesian = {kind: str(label) for kind, label in KIND_LABELS.items()}
    with force_locale("en"):
        english = {kind: str(label) for kind, label in KIND_LABELS.items()}
    assert indonesian["shu_division"] == "Pembagian SHU" and english["shu_division"] == "SHU distribution"
    assert english["depreciation"] == "Depreciation" and english["exit"] == "Member exit"
    assert [kind for kind in ENTRY_KINDS if english[kind] == indonesian[kind]] == []
