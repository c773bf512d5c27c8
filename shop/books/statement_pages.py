"""The financial statements (SAK EMKM) of one group on screen, as PDF and as XLSX, for the coordinator's own
group and for the admin (any group): routes shared through shop.books.reports.register_reports. The period comes
from the picker's query string (shop.books.statement_period); input that names no period gives the page again
with the message and status 400, never an error page. The coordinator's CaLK text form posts to
books.statement_note (shop.books.views)."""
from __future__ import annotations

from datetime import date

from flask import Response, render_template, request
from flask_babel import format_date, get_locale

from shop.books import statement_files, statement_period, statements
from shop.books.forms import StatementNoteForm
from shop.books.models import NOTE_MAX_LENGTH
from shop.books.statement_period import KINDS, PeriodInputError
from shop.groups.models import Group
from shop.ledger import exports
from shop.ledger.periods import today_wib

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_page(group: Group, ctx: dict, period=None, error: str | None = None, form=None, status: int = 200):
    """The statements page of `period` (or only the picker and `error` when there is none)."""
    today = today_wib()
    data = statements.build(group, period, today) if period is not None else None
    if form is None and data is not None and not ctx["is_admin"]:
        form = StatementNoteForm(text=data.note_text)
    shown = period or statement_period.current("bulan", today)
    picked = {"jenis": shown.kind, "tahun": str(shown.year), "bulan": str(shown.start.month),
              "triwulan": str((shown.start.month - 1) // 3 + 1)}
    if error:  # the picker keeps what was asked for, beside the message
        picked.update({key: request.args.get(key, "") for key in picked if key in request.args})
    html = render_template(
        "books/statements.html", group=group, data=data, error=error, form=form, picked=picked, shown=shown,
        kinds=KINDS, years=range(today.year, statement_period.EARLIEST_YEAR - 1, -1),
        month_names=[(m, format_date(date(2000, m, 1), "LLLL")) for m in range(1, 13)],
        link_args=dict(shown.args, **ctx["scope"]), long_day=statement_files.long_day, note_max=NOTE_MAX_LENGTH,
        **ctx)
    return html, status


def picked_period() -> statement_period.Period:
    return statement_period.parse(request.args, today_wib())


def default_period() -> statement_period.Period:
    return statement_period.current("bulan", today_wib())


def statements_page(group: Group, ctx: dict):
    try:
        period = picked_period()
    except PeriodInputError as error:
        return render_page(group, ctx, error=str(error), status=400)
    return render_page(group, ctx, period)


def statements_pdf(group: Group, ctx: dict):
    try:
        period = picked_period()
    except PeriodInputError as error:
        return render_page(group, ctx, error=str(error), status=400)
    data = statements.build(group, period, today_wib())
    locale = get_locale()
    html = render_template("books/statements_pdf.html", group=group, data=data,
                           lang=locale.language if locale else "id", long_day=statement_files.long_day, **ctx)
    return exports.pdf_response(f"laporan-keuangan-{group.slug}-{period.slug}.pdf", html)


def statements_xlsx(group: Group, ctx: dict):
    try:
        period = picked_period()
    except PeriodInputError as error:
        return render_page(group, ctx, error=str(error), status=400)
    data = statements.build(group, period, today_wib())
    return Response(statement_files.xlsx_bytes(data), mimetype=XLSX, headers={
        "Content-Disposition": f'attachment; filename="laporan-keuangan-{group.slug}-{period.slug}.xlsx"'})


ROUTES = (
    ("/laporan-keuangan", "statements", statements_page),
    ("/laporan-keuangan.pdf", "statements_pdf", statements_pdf),
    ("/laporan-keuangan.xlsx", "statements_xlsx", statements_xlsx),
)
