"""The financial statements as files: an XLSX workbook (one sheet per statement, whole rupiah as integers with
a rupiah number format, totals in bold) and the text of the PDF's page footer ("Halaman X dari Y", WeasyPrint's
CSS page counters). Both render shop.books.statements.Statements and decide nothing."""
from __future__ import annotations

import io

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from shop.books.statement_lines import Section
from shop.ledger.exports import escape_cell

RUPIAH = '"Rp"#,##0;("Rp"#,##0);"Rp"0'  # negatives (deductions, a loss) in brackets, as on the page
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)


def long_day(day) -> str:
    return format_date(day, "d MMMM yyyy")


def page_footer_css() -> Markup:
    """The CSS `content` of the PDF's page footer: "Halaman " counter(page) " dari " counter(pages)."""
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'

    text = _("Halaman %(page)s dari %(pages)s", page="\0page\0", pages="\0pages\0")
    parts = []
    for piece in text.split("\0"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(quoted(piece))
    return Markup(" ".join(parts))  # nosec B704 - CSS strings quoted above, from our own catalogue


class _Sheet:
    def __init__(self, book: Workbook, title: str, statements, heading: str, columns: tuple[str, str]):
        self.sheet = book.create_sheet(title=title[:31])
        self.row(statements.group_name, font=TITLE)
        self.row(heading, font=BOLD)
        self.row("")
        self.row(_("Pos"), *columns, font=BOLD)
        self.sheet.column_dimensions["A"].width = 52
        for column in ("B", "C"):
            self.sheet.column_dimensions[column].width = 20

    def row(self, label: str, *amounts, font: Font | None = None, indent: int = 0) -> None:
        self.sheet.append([escape_cell(str(label)), *amounts])
        cells = self.sheet[self.sheet.max_row]
        cells[0].alignment = Alignment(indent=indent, wrap_text=True, vertical="top")
        for cell in cells:
            if font is not None:
                cell.font = font
            if isinstance(cell.value, int):
                cell.number_format = RUPIAH

    def section(self, section: Section, total: bool = True) -> None:
        self.row(section.title, font=BOLD)
        for line in section.lines:
            self.row(line.label, line.amount, line.prior, indent=2 if line.deduction else 1)
        if total:
            self.row(section.total_label, section.total, section.prior_total, font=BOLD)


def xlsx_bytes(statements) -> bytes:
    book = Workbook()
    book.remove(book.active)
    sheet_data, income = statements.balance_sheet, statements.income
    period, prior = statements.period, statements.prior

    sheet = _Sheet(book, _("Posisi keuangan"), statements,
                   _("Laporan posisi keuangan per %(day)s", day=long_day(sheet_data.at)),
                   (long_day(sheet_data.at), long_day(sheet_data.prior_at)))
    for section in sheet_data.assets:
        sheet.section(section)
    sheet.row(_("Jumlah aset"), sheet_data.total_assets, sheet_data.prior_total_assets, font=BOLD)
    sheet.section(sheet_data.liabilities)
    sheet.section(sheet_data.equity)
    sheet.row(_("Jumlah liabilitas dan ekuitas"), sheet_data.total_claims, sheet_data.prior_total_claims,
              font=BOLD)
    if not sheet_data.balanced:
        sheet.row(_("Peringatan: jumlah aset tidak sama dengan jumlah liabilitas dan ekuitas."), font=BOLD)

    sheet = _Sheet(book, _("Laba rugi"), statements, _("Laporan laba rugi %(period)s", period=period.label),
                   (period.label, prior.label))
    sheet.section(income.revenue)
    sheet.section(income.expenses)
    sheet.row(_("Laba (rugi)"), income.result, income.prior_result, font=BOLD)

    sheet = _Sheet(book, _("Catatan"), statements,
                   _("Catatan atas laporan keuangan %(period)s", period=period.label),
                   (long_day(sheet_data.at), long_day(sheet_data.prior_at)))
    for number, note in enumerate(statements.notes, start=1):
        sheet.row(f"{number}. {note.title}", font=BOLD)
        for paragraph in note.paragraphs:
            sheet.row(paragraph)
        if note.table is not None:
            if note.over_period:
                sheet.row("", period.label, prior.label, font=BOLD)
            sheet.section(note.table)
    if statements.note_text:
        sheet.row(f"{len(statements.notes) + 1}. {_('Catatan kelompok')}", font=BOLD)
        for paragraph in statements.note_text.split("\n"):
            sheet.row(paragraph)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
