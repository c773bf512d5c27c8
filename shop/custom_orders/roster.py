"""A bulk request's roster: the people to dress, typed (one per line) or uploaded as CSV or XLSX from the
downloadable template. Every row is checked; a sheet with any bad row is refused whole, each problem naming its
row (as numbered in the spreadsheet: the header is row 1) and its column."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook

from shop.custom_orders.templates import TemplateField, check_value, cm_text
from shop.errors import DomainError

MAX_ROWS = 2000
NAME, SIZE = "nama", "ukuran"
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class RosterRow:
    name: str
    size: str = ""
    measurements: dict[str, float] = field(default_factory=dict)


@dataclass
class RowProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)d, kolom %(column)s: %(message)s", row=self.row, column=self.column,
                 message=self.message)


class RosterError(DomainError):
    def __init__(self, problems: list[RowProblem]):
        super().__init__(_("Daftar belum bisa dipakai: %(n)d masalah. Tidak ada yang disimpan.", n=len(problems)))
        self.problems = problems


def header(fields: list[TemplateField]) -> list[str]:
    return [NAME, SIZE] + [f.key for f in fields]


def template_csv(fields: list[TemplateField], sizes: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(fields))
    writer.writerow(["Contoh Nama (hapus baris ini)", sizes[len(sizes) // 2] if sizes else "M"] + [""] * len(fields))
    return out.getvalue()


def template_xlsx(fields: list[TemplateField], sizes: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Daftar"
    sheet.append(header(fields))
    sheet.append(["Contoh Nama (hapus baris ini)", sizes[len(sizes) // 2] if sizes else "M"])
    help_sheet = book.create_sheet("Petunjuk")
    help_sheet.append([_("Kolom"), _("Keterangan")])
    help_sheet.append([NAME, _("Nama orang yang akan memakai")])
    help_sheet.append([SIZE, _("Salah satu: %(sizes)s. Kosongkan bila mengisi ukuran badan.", sizes=", ".join(sizes))])
    for f in fields:
        help_sheet.append([f.key, f"{f.label} (cm, {f.min_cm}–{f.max_cm}): {f.how_to}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_table(data: bytes) -> list[list[str]]:
    """Rows of cells as text, from an XLSX (by its zip signature) or a CSV/typed text (comma, semicolon or tab)."""
    if data.startswith(XLSX_MAGIC):
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged file
            raise DomainError(_("Berkas XLSX tidak bisa dibaca. Simpan ulang dari templat lalu coba lagi.")) from None
        sheet = book.worksheets[0]
        rows = [["" if c is None else _cell_text(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        book.close()
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise DomainError(_("Berkas ini bukan CSV atau XLSX.")) from None
    if "\x00" in text:
        raise DomainError(_("Berkas ini bukan CSV atau XLSX."))
    sample = text[:4096]
    delimiter = "\t" if "\t" in sample else (";" if sample.count(";") > sample.count(",") else ",")
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise DomainError(_("Berkas ini bukan CSV atau XLSX.")) from None


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse(rows: list[list[str]], fields: list[TemplateField], sizes: list[str], with_header: bool = True
          ) -> list[RosterRow]:
    """Check every row; return the people, or raise RosterError listing every problem."""
    rows = [[(c or "").strip() for c in r] for r in rows]
    first_row = 1
    columns = [NAME, SIZE] + [f.key for f in fields]
    if with_header:
        if not rows:
            raise RosterError([RowProblem(1, NAME, _("Berkas kosong."))])
        columns = [c.lower().replace(" ", "_") for c in rows[0]]
        missing = [c for c in (NAME,) if c not in columns]
        if missing or not (SIZE in columns or any(f.key in columns for f in fields)):
            raise RosterError([RowProblem(1, ", ".join(missing or [SIZE]),
                                          _("Judul kolom tidak sesuai templat. Unduh templat lalu isi lagi."))])
        rows = rows[1:]
        first_row = 2
    by_key = {f.key: f for f in fields}
    people: list[RosterRow] = []
    problems: list[RowProblem] = []
    size_lookup = {s.lower(): s for s in sizes}
    for number, cells in enumerate(rows, start=first_row):
        if not any(cells):
            continue
        if len(people) >= MAX_ROWS:
            problems.append(RowProblem(number, NAME, _("Paling banyak %(n)d orang dalam satu pesanan.", n=MAX_ROWS)))
            break
        row = dict(zip(columns, cells, strict=False))  # a short row leaves its last columns empty
        name = row.get(NAME, "")
        if not name:
            problems.append(RowProblem(number, NAME, _("Nama kosong.")))
        elif len(name) > 120:
            problems.append(RowProblem(number, NAME, _("Nama terlalu panjang (paling banyak 120 huruf).")))
        size = row.get(SIZE, "")
        typed = {k: v for k, v in row.items() if k in by_key and v}
        person = RosterRow(name=name[:120])
        if size:
            if size.lower() not in size_lookup:
                problems.append(RowProblem(number, SIZE, _("\u201c%(s)s\u201d bukan ukuran yang tersedia (%(all)s).",
                                                           s=size[:20], all=", ".join(sizes))))
            else:
                person.size = size_lookup[size.lower()]
        if not size and not typed:
            problems.append(RowProblem(number, SIZE, _("Isi ukuran, atau semua ukuran badan dalam cm.")))
        if typed:
            for f in [by_key[k] for k in typed] if size else fields:
                value, message = check_value(f, row.get(f.key))
                if message:
                    problems.append(RowProblem(number, f.key, message))
                else:
                    person.measurements[f.key] = value
        people.append(person)
    if problems:
        raise RosterError(problems)
    if not people:
        raise RosterError([RowProblem(first_row, NAME, _("Belum ada nama di daftar."))])
    return people


def parse_typed(text: str, fields: list[TemplateField], sizes: list[str]) -> list[RosterRow]:
    """Typed rows 'Nama, Ukuran' (or 'Nama; ukuran badan…' in the template's column order), one per line."""
    return parse(read_table(text.encode()), fields, sizes, with_header=False)


def to_csv(people: list[RosterRow], fields: list[TemplateField]) -> str:
    """A checked roster back as CSV (carried in the summary page's form, so nothing is stored before sending)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(fields))
    for p in people:
        writer.writerow([p.name, p.size] + [(cm_text(p.measurements[f.key]) if f.key in p.measurements else "") for f in fields])
    return out.getvalue()


def size_summary(people: list[RosterRow]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for p in people:
        label = p.size or _("ukuran badan")
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items())
