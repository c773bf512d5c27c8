"""Measurement templates per garment: only the fields that garment needs, in cm, with a sensible range and a
line on how to measure each. Fields are shared between garments (lingkar dada is measured the same way)."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: object  # lazy string
    min_cm: int
    max_cm: int
    how_to: object


FIELDS = {f.key: f for f in (
    FieldSpec("lingkar_leher", _l("Lingkar leher"), 25, 55,
              _l("Lingkarkan pita ukur di pangkal leher, sisakan satu jari.")),
    FieldSpec("lingkar_dada", _l("Lingkar dada"), 50, 170,
              _l("Lingkarkan pita ukur di bagian dada yang paling besar, lewat bawah ketiak, tidak terlalu ketat.")),
    FieldSpec("lingkar_pinggang", _l("Lingkar pinggang"), 40, 160,
              _l("Lingkarkan pita ukur di pinggang yang paling kecil, kira-kira dua jari di atas pusar.")),
    FieldSpec("lingkar_panggul", _l("Lingkar panggul"), 50, 180,
              _l("Lingkarkan pita ukur di bagian panggul yang paling besar, kaki dirapatkan.")),
    FieldSpec("lebar_bahu", _l("Lebar bahu"), 25, 65,
              _l("Ukur dari ujung bahu kiri ke ujung bahu kanan, lewat belakang.")),
    FieldSpec("panjang_punggung", _l("Panjang punggung"), 25, 60,
              _l("Ukur dari tulang leher belakang yang menonjol lurus turun sampai garis pinggang.")),
    FieldSpec("lebar_punggung", _l("Lebar punggung"), 25, 55,
              _l("Ukur mendatar di punggung, dari lipatan ketiak kiri ke lipatan ketiak kanan.")),
    FieldSpec("panjang_sisi", _l("Panjang sisi"), 12, 35,
              _l("Ukur dari bawah ketiak lurus turun sampai garis pinggang.")),
    FieldSpec("tinggi_dada", _l("Tinggi dada"), 12, 35,
              _l("Ukur dari ujung bahu dekat leher turun sampai puncak dada.")),
    FieldSpec("panjang_baju", _l("Panjang baju"), 40, 110,
              _l("Ukur dari pundak dekat leher lurus turun sampai panjang baju yang diinginkan.")),
    FieldSpec("panjang_gamis", _l("Panjang gamis"), 90, 165,
              _l("Ukur dari pundak dekat leher lurus turun sampai mata kaki.")),
    FieldSpec("panjang_lengan", _l("Panjang lengan"), 10, 75,
              _l("Ukur dari ujung bahu melewati siku sampai panjang lengan yang diinginkan.")),
    FieldSpec("panjang_celana", _l("Panjang celana"), 30, 125,
              _l("Ukur dari garis pinggang di samping lurus turun sampai mata kaki.")),
    FieldSpec("lingkar_paha", _l("Lingkar paha"), 30, 95,
              _l("Lingkarkan pita ukur di bagian paha yang paling besar.")),
    FieldSpec("lingkar_kaki", _l("Lingkar kaki celana"), 25, 65,
              _l("Lebar bawah celana yang diinginkan, diukur melingkar.")),
    FieldSpec("panjang_rok", _l("Panjang rok"), 35, 125,
              _l("Ukur dari garis pinggang lurus turun sampai panjang rok yang diinginkan.")),
    FieldSpec("lebar_wajah", _l("Lebar wajah"), 10, 25,
              _l("Ukur dari depan telinga kiri melewati hidung sampai depan telinga kanan, dibagi dua.")),
    FieldSpec("tinggi_wajah", _l("Pangkal hidung ke dagu"), 8, 18,
              _l("Ukur dari pangkal hidung (di antara mata) sampai bawah dagu.")),
)}

GARMENTS: dict[str, tuple[object, tuple[str, ...]]] = {
    "kemeja": (_l("Kemeja"), ("lingkar_dada", "lebar_bahu", "panjang_punggung", "panjang_baju", "panjang_lengan")),
    "celana": (_l("Celana"), ("lingkar_pinggang", "lingkar_panggul", "lingkar_paha", "lingkar_kaki",
                              "panjang_celana")),
    "kebaya": (_l("Kebaya"), ("lingkar_leher", "lingkar_dada", "lingkar_pinggang", "lingkar_panggul",
                              "panjang_punggung", "lebar_punggung", "panjang_sisi", "tinggi_dada", "lebar_bahu",
                              "panjang_lengan", "panjang_baju")),
    "rok": (_l("Rok"), ("lingkar_pinggang", "lingkar_panggul", "panjang_rok")),
    "gamis": (_l("Gamis"), ("lingkar_dada", "lingkar_pinggang", "lingkar_panggul", "lebar_bahu", "panjang_lengan",
                            "panjang_gamis")),
    "seragam": (_l("Seragam (baju dan celana/rok)"), ("lingkar_dada", "lebar_bahu", "panjang_baju",
                                                      "panjang_lengan", "lingkar_pinggang", "lingkar_panggul",
                                                      "panjang_celana")),
    "masker": (_l("Masker"), ("lebar_wajah", "tinggi_wajah")),
}
DEFAULT_SIZES = ("XS", "S", "M", "L", "XL", "XXL", "XXXL")


def garment_label(garment: str) -> str:
    return str(GARMENTS[garment][0]) if garment in GARMENTS else garment


def garment_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, (label, _fields) in GARMENTS.items()]
