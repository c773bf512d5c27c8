"""Exports of the books: CSV and XLSX (cells that a spreadsheet would read as a formula are escaped), a
Beancount file of the whole book, and PDF through WeasyPrint."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date

from flask import Response
from openpyxl import Workbook

from shop.ledger.models import Account, JournalEntry

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Sheet = tuple[str, Sequence[str], Iterable[Sequence]]  # (title, header, rows)


def escape_cell(value):
    """Text beginning with = + - @ (or tab/CR) gets a leading apostrophe so no spreadsheet runs it as a
    formula. Numbers and dates stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


# a spreadsheet may split a line on ; (Excel in Indonesian) or , or tabs: a formula start after any of them counts
_FORMULA_AFTER_SEPARATOR = re.compile(r"(^|[;,\t\r\n|])(\s*)([=+\-@])")


def escape_csv_cell(value):
    """Like escape_cell, and also where a cell would start if the reader splits on ; , | or a tab:
    'kas;=1+2' becomes "kas;'=1+2" whatever separator the spreadsheet picks."""
    if isinstance(value, str):
        return _FORMULA_AFTER_SEPARATOR.sub(r"\1\2'\3", value)
    return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)  # every text quoted, numbers stay numbers
    writer.writerow([escape_csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([escape_csv_cell(v) for v in row])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31])
        sheet.append([escape_cell(h) for h in header])
        for row in rows:
            sheet.append([escape_cell(v) for v in row])
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> Response:
    return Response(xlsx_bytes(sheets),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def pdf_response(filename: str, html: str) -> Response:
    from weasyprint import HTML

    return Response(HTML(string=html).write_pdf(), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


BEANCOUNT_ROOT = {"asset": "Assets", "liability": "Liabilities", "equity": "Equity", "income": "Income",
                  "expense": "Expenses"}


def beancount_account(account: Account) -> str:
    words = re.sub(r"[^A-Za-z0-9 ]+", " ", account.name).split()
    return f"{BEANCOUNT_ROOT[account.kind]}:A{account.code}-{''.join(w[:1].upper() + w[1:] for w in words)}"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def beancount(title: str, accounts: Sequence[Account], entries: Sequence[JournalEntry],
              member_names: dict[int, str], opened: date) -> str:
    """The whole book in Beancount syntax (amounts in whole IDR, same signs as the ledger)."""
    lines = [f"option \"title\" {_quoted(title)}", 'option "operating_currency" "IDR"', ""]
    names = {a.id: beancount_account(a) for a in accounts}
    for account in sorted(accounts, key=lambda a: a.code):
        lines.append(f"{opened.isoformat()} open {names[account.id]} IDR")
    for entry in entries:
        lines.append("")
        lines.append(f"{entry.date.isoformat()} * {_quoted(entry.memo or entry.kind)}")
        lines.append(f"  kind: {_quoted(entry.kind)}")
        if entry.reference:
            lines.append(f"  reference: {_quoted(entry.reference)}")
        for p in entry.postings:
            lines.append(f"  {names[p.account_id]}  {p.amount} IDR")
            if p.member_id is not None:
                lines.append(f"    anggota: {_quoted(member_names.get(p.member_id, str(p.member_id)))}")
    return "\n".join(lines) + "\n"
