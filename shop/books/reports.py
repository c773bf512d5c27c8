"""Read-only pages and exports of one group's books, shared by the coordinator's blueprint (their own group)
and the admin's (any group): `register_reports(bp, prefix, role, resolve)` adds the same routes to both.
They only read: every group has its chart and settings from the day it is created."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop.accounts.access import role_required
from shop.books.services import reversible
from shop.books.statements import signers
from shop.dates import parse_day
from shop.extensions import db
from shop.groups.models import Group, Member, member_label
from shop.labels import label
from shop.ledger import exports, notas, queries, summary
from shop.ledger.chart import CHART, PIUTANG_PLATFORM, accounts_by_code, book_settings
from shop.ledger.forms import MakerShareForm
from shop.ledger.periods import today_wib
from shop.ledger.services import ENTRY_KINDS, balance
from shop.pagination import Page
from shop.text import parse_int
from shop.urls import query_filters

ACCOUNT_KIND_LABELS = {"asset": "Aset", "liability": "Kewajiban", "equity": "Ekuitas", "income": "Pendapatan",
                       "expense": "Beban"}
# every entry kind the ledger accepts (shop.ledger.services.ENTRY_KINDS), in Indonesian, translated on screen
KIND_LABELS = {"sale": _l("Penjualan"), "deposit": _l("Uang muka"), "fee": _l("Biaya kartu"),
               "refund": _l("Pengembalian dana"), "payout": _l("Pencairan"), "maker_paid": _l("Bayar pengrajin"),
               "cash": _l("Kas/bank"), "contribution": _l("Simpanan"), "withdrawal": _l("Penarikan simpanan"),
               "year_close": _l("Tutup buku"), "opening": _l("Saldo awal"), "correction": _l("Koreksi"),
               "shu_division": _l("Pembagian SHU"), "shu_paid": _l("Pembayaran SHU"),
               "dana_spent": _l("Penggunaan dana"), "grant": _l("Hibah"), "exit": _l("Anggota keluar"),
               "exit_paid": _l("Bayar simpanan anggota keluar"),
               "asset": _l("Aset tetap"), "depreciation": _l("Penyusutan")}


def period() -> tuple[date | None, date | None]:
    since, until = parse_day(request.args.get("dari")), parse_day(request.args.get("sampai"))
    if since and until and since > until:
        since, until = until, since
    return since, until


def member_names(group_id: int) -> dict[int, str]:
    """Each member's label, "Ujang Prasetyo (No. 4)": namesakes are told apart on every books page and form."""
    return {mid: member_label(name, number) for mid, name, number in db.session.execute(
        select(Member.id, Member.name, Member.number).where(Member.group_id == group_id))}


def page(template: str, group: Group, ctx: dict, **values) -> str:
    return render_template(template, group=group, kind_labels=KIND_LABELS, **ctx, **values)


def overview(group: Group, ctx: dict):
    rows = queries.account_rows(group.id)
    settings = book_settings(group.id)
    ask_share = None if ctx["is_admin"] or settings.maker_share_confirmed_at else MakerShareForm(obj=settings)
    return page("books/overview.html", group, ctx, rows=rows, held=balance(group.id, PIUTANG_PLATFORM),
                ask_share=ask_share, share_settings=settings,
                account_kinds=ACCOUNT_KIND_LABELS, months=summary.this_and_last_month(group.id, today_wib()),
                payouts=queries.payouts(group.id)[:10])


def _journal_filters() -> tuple[date | None, date | None, str | None, str | None]:
    since, until = period()
    codes = {code for code, _name, _kind in CHART}
    account = request.args.get("akun") if request.args.get("akun") in codes else None
    kind = request.args.get("jenis") if request.args.get("jenis") in ENTRY_KINDS else None
    return since, until, account, kind


JOURNAL_PER_PAGE = 200


def journal(group: Group, ctx: dict):
    since, until, account, kind = _journal_filters()
    current = Page(items=[], total=queries.journal_count(group.id, since, until, account, kind), page=1,
                   per_page=JOURNAL_PER_PAGE)
    # oldest first (the running balance reads downwards), but it opens on the last page: the newest entries
    current.page = parse_int(request.args.get("page"), current.pages, 1, current.pages)
    lines, opening = queries.journal(group.id, since, until, account, kind, limit=JOURNAL_PER_PAGE,
                                     offset=(current.page - 1) * JOURNAL_PER_PAGE)
    current.items = lines
    return page("books/journal.html", group, ctx, lines=lines, opening=opening, since=since, until=until,
                numbers=queries.entry_numbers(group.id, {line.entry.id for line in lines}),
                reversible={line.entry.id for line in lines if not ctx["is_admin"] and reversible(line.entry)},
                with_nota=set() if ctx["is_admin"] else notas.entries_with_nota(group.id, {
                    line.entry.id for line in lines if line.entry.kind == "cash"}),
                slice=current, page_args=query_filters(ctx["scope"], page=None),
                account=account, kind=kind, accounts=accounts_by_code(group.id), kinds=ENTRY_KINDS,
                names=member_names(group.id))


def _journal_rows(group: Group):
    lines, _opening = queries.journal(group.id, *_journal_filters())
    names = member_names(group.id)
    numbers = queries.entry_numbers(group.id, {line.entry.id for line in lines})
    header = [_("Tanggal"), _("No. jurnal"), _("Jenis"), _("Keterangan"), _("Referensi"), _("Akun"),
              _("Anggota"), _("Debit"), _("Kredit"), _("Saldo berjalan")]
    rows = [[line.entry.date, numbers[line.entry.id], str(KIND_LABELS.get(line.entry.kind, line.entry.kind)),
             line.entry.memo, line.entry.reference or "",
             f"{line.posting.account.code} {line.posting.account.name}",
             names.get(line.posting.member_id, ""),
             max(line.posting.amount, 0), max(-line.posting.amount, 0),
             line.running if line.running is not None else ""] for line in lines]
    return header, rows


def journal_csv(group: Group, ctx: dict) -> Response:
    header, rows = _journal_rows(group)
    return exports.csv_response(f"jurnal-{group.slug}.csv", header, rows)


def journal_xlsx(group: Group, ctx: dict) -> Response:
    header, rows = _journal_rows(group)
    return exports.xlsx_response(f"jurnal-{group.slug}.xlsx", [(_("Jurnal"), header, rows)])


def members(group: Group, ctx: dict):
    since, until = period()
    rows = queries.income_per_member(group.id, member_names(group.id), since, until)
    return page("books/members.html", group, ctx, rows=rows, since=since, until=until)


def _report_sheets(group: Group):
    since, until = period()
    report = queries.sales_report(group.id, since, until)
    income = queries.income_per_member(group.id, member_names(group.id), since, until)
    balances_rows = queries.account_rows(group.id, until=until)
    return [
        (_("Saldo akun"), [_("Kode"), _("Akun"), _("Jenis"), _("Saldo")],
         [[r.code, r.name, ACCOUNT_KIND_LABELS[r.kind], r.display] for r in balances_rows]),
        (_("Penjualan per saluran"), [_("Saluran"), _("Jumlah")],
         [[label("channel", ch), report.by_channel[ch]] for ch in report.channels if ch in report.by_channel]
         + [[_("Total"), report.total]]),
        (_("Penjualan per produk"), [_("Produk"), _("Jumlah")], [list(r) for r in report.by_product]),
        (_("Penjualan per bulan"), [_("Bulan"), *(label("channel", ch) for ch in report.channels)],
         [[m, *(v.get(ch, 0) for ch in report.channels)] for m, v in report.by_month]),
        (_("Pendapatan anggota"),
         [_("Anggota"), _("Penjualan"), _("Bagian"), _("Dibayar"), _("Masih terutang")],
         [[r.name or _("Milik kelompok"), r.sales, r.share, r.paid, r.owed] for r in income]),
    ]


def reports_xlsx(group: Group, ctx: dict) -> Response:
    return exports.xlsx_response(f"laporan-{group.slug}.xlsx", _report_sheets(group))


def reports_csv(group: Group, ctx: dict) -> Response:
    which = request.args.get("laporan", "0")
    sheets = _report_sheets(group)
    index = int(which) if which.isdigit() and int(which) < len(sheets) else 0
    title, header, rows = sheets[index]
    return exports.csv_response(f"laporan-{index}-{group.slug}.csv", header, rows)


def sales(group: Group, ctx: dict):
    since, until = period()
    return page("books/sales.html", group, ctx, report=queries.sales_report(group.id, since, until),
                since=since, until=until)


def _month() -> tuple[int, int]:
    today = today_wib()  # the month in WIB, where the books are kept
    year = request.args.get("tahun", type=int) or today.year
    month = request.args.get("bulan", type=int) or today.month
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        abort(404)
    return year, month


def _statement_values(group: Group) -> dict:
    year, month = _month()
    start = date(year, month, 1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    opening = {r.code: r for r in queries.account_rows(group.id, until=start - timedelta(days=1))}
    moves = {r.code: r for r in queries.account_rows(group.id, since=start, until=end,
                                                     exclude_kinds=("year_close",))}
    # a period's report leaves out the year-end close (E13): closing = opening + this period's movements
    rows = [(queries.AccountRow(r.code, r.name, r.kind, opening[r.code].balance + r.balance),
             opening[r.code].display, r.display) for r in moves.values()]
    entries = [e for e in queries.entries_between(group.id, start, end) if e.kind != "year_close"]
    return {"year": year, "month": month, "start": start, "end": end, "rows": rows,
            "entries": entries, "names": member_names(group.id)}


def statement(group: Group, ctx: dict):
    return page("books/statement.html", group, ctx, **_statement_values(group))


def statement_pdf(group: Group, ctx: dict) -> Response:
    values = _statement_values(group)
    # the printed report adds the month in plain words (the overview's summary) and who signs it
    html = page("books/statement_pdf.html", group, ctx, **values,
                month_summary=summary.month(group.id, values["start"], values["end"]),
                signers=signers(group.id), printed_on=today_wib())
    return exports.pdf_response(f"laporan-{group.slug}-{values['year']}-{values['month']:02d}.pdf", html)


def beancount_file(group: Group, ctx: dict) -> Response:
    accounts = list(accounts_by_code(group.id).values())
    entries = queries.entries_between(group.id, date(1900, 1, 1), date(9999, 12, 31))
    opened = queries.first_entry_date(group.id) or date.today()
    text = exports.beancount(f"Buku {group.name}", accounts, entries, member_names(group.id), opened)
    return Response(text, mimetype="text/plain; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="buku-{group.slug}.beancount"'})


def glossary(group: Group, ctx: dict):
    return page("books/glossary.html", group, ctx)


REPORTS = (
    ("/istilah", "glossary", glossary),
    ("/", "overview", overview),
    ("/jurnal", "journal", journal),
    ("/jurnal.csv", "journal_csv", journal_csv),
    ("/jurnal.xlsx", "journal_xlsx", journal_xlsx),
    ("/pendapatan-anggota", "members", members),
    ("/penjualan", "sales", sales),
    ("/laporan.xlsx", "reports_xlsx", reports_xlsx),
    ("/laporan.csv", "reports_csv", reports_csv),
    ("/laporan-bulanan", "statement", statement),
    ("/laporan-bulanan.pdf", "statement_pdf", statement_pdf),
    ("/buku.beancount", "beancount", beancount_file),
)


# the endpoint prefixes the shared templates link with: the books' own pages (ep) and the cooperative's
# (coop_ep, blueprints of shop.coop.views), per role
SCOPES = {"coordinator": {"ep": "books", "coop_ep": "coop", "is_admin": False},
          "admin": {"ep": "books_admin", "coop_ep": "coop_admin", "is_admin": True}}


def register_reports(bp, prefix: str, role: str, resolve, routes=REPORTS) -> None:
    """Add every report route to `bp` under `prefix`; `resolve(view_args)` returns the Group (or aborts).
    Each view is called as func(group, ctx) with ctx = {ep, coop_ep, scope, is_admin} for the templates'
    links."""
    for rule, endpoint, func in routes:
        def view(func=func, **view_args):
            group = resolve(view_args)
            return func(group, dict(SCOPES[role], scope=view_args))

        view.__name__ = endpoint
        bp.add_url_rule(prefix + rule, endpoint, role_required(role)(view))
