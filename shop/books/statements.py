"""SAK EMKM's three financial statements of one group for a month, a quarter or a year, as plain data that the
page, the PDF and the XLSX all render: the Laporan posisi keuangan (neraca) at the period's end beside the end
of the period before, the Laporan laba rugi of the period beside the period before, and the Catatan atas
laporan keuangan (shop.books.statement_notes). Reads only.

Accounts are placed by their code, so accounts added to the chart later land in the right place: 11xx aset
lancar, 12xx aset tetap (1209 Akumulasi penyusutan is a deduction), other 1xxx aset lain, 2xxx liabilitas,
3xxx ekuitas, 4xxx pendapatan (4103 Retur penjualan a deduction), 5xxx beban. Amounts are shown on the
account's normal side (the ledger's signs flipped for 2xxx, 3xxx and 4xxx); a deduction reads negative. The
period's laba rugi leaves out the year-end closing entry (audit E13); the neraca carries the result not yet
closed into equity as "Laba (rugi) tahun berjalan" (and earlier years still open on a line of their own, E9)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.books import statement_notes
from shop.books.statement_lines import Line, Section, account_lines
from shop.books.statement_period import Period
from shop.extensions import db
from shop.groups.models import Group, Member
from shop.ledger import chart as c
from shop.ledger.chart import accounts_by_code
from shop.ledger.queries import balances

log = logging.getLogger(__name__)

CLOSING_KINDS = ("year_close",)  # entries that empty income and costs into equity at 31 December
SIGNER_ROLES = ("ketua", "bendahara")


@dataclass
class BalanceSheet:
    at: date
    prior_at: date
    assets: list[Section]
    liabilities: Section
    equity: Section

    @property
    def total_assets(self) -> int:
        return sum(s.total for s in self.assets)

    @property
    def prior_total_assets(self) -> int:
        return sum(s.prior_total for s in self.assets)

    @property
    def total_claims(self) -> int:
        """Total liabilitas dan ekuitas."""
        return self.liabilities.total + self.equity.total

    @property
    def prior_total_claims(self) -> int:
        return self.liabilities.prior_total + self.equity.prior_total

    @property
    def balanced(self) -> bool:
        return self.total_assets == self.total_claims and self.prior_total_assets == self.prior_total_claims


@dataclass
class IncomeStatement:
    revenue: Section
    expenses: Section

    @property
    def result(self) -> int:
        return self.revenue.total - self.expenses.total

    @property
    def prior_result(self) -> int:
        return self.revenue.prior_total - self.expenses.prior_total


@dataclass
class Statements:
    group_id: int
    group_name: str
    period: Period
    prior: Period
    balance_sheet: BalanceSheet
    income: IncomeStatement
    notes: list  # statement_notes.NoteSection, the generated CaLK
    note_text: str  # the group's own paragraphs of the CaLK
    signers: dict[str, str]  # role (ketua, bendahara) → name, for the signature blocks
    place: str
    printed_on: date


def open_results(group_id: int, totals: dict[str, int], end: date) -> tuple[int, int]:
    """(the result of `end`'s year up to `end`, results of earlier years not closed yet), as at `end`: income
    minus costs still standing in the 4xxx and 5xxx accounts."""
    year = balances(group_id, since=date(end.year, 1, 1), until=end)
    this_year = -sum(b for code, b in year.items() if code[:1] in ("4", "5"))
    standing = -sum(b for code, b in totals.items() if code[:1] in ("4", "5"))
    return this_year, standing - this_year


def balance_sheet(group_id: int, names: dict[str, str], period: Period) -> BalanceSheet:
    prior = period.previous()
    now, before = balances(group_id, until=period.end), balances(group_id, until=prior.end)
    assets = [Section("aset_lancar", _("Aset lancar"), _("Jumlah aset lancar"),
                      account_lines(names, now, before, "aset_lancar")),
              Section("aset_tetap", _("Aset tetap"), _("Jumlah aset tetap"),
                      account_lines(names, now, before, "aset_tetap"))]
    others = account_lines(names, now, before, "aset_lain")
    if others:
        assets.append(Section("aset_lain", _("Aset lain-lain"), _("Jumlah aset lain-lain"), others))
    liabilities = Section("liabilitas", _("Liabilitas"), _("Jumlah liabilitas"),
                          account_lines(names, now, before, "liabilitas"))
    owed_now = max(-now.get(c.PIUTANG_PLATFORM, 0), 0)
    owed_before = max(-before.get(c.PIUTANG_PLATFORM, 0), 0)
    if owed_now or owed_before:
        liabilities.lines.append(Line(_("Utang ke platform"), owed_now, owed_before, c.PIUTANG_PLATFORM))
    equity = Section("ekuitas", _("Ekuitas"), _("Jumlah ekuitas"), account_lines(names, now, before, "ekuitas"))
    year_now, earlier_now = open_results(group_id, now, period.end)
    year_before, earlier_before = open_results(group_id, before, prior.end)
    if earlier_now or earlier_before:
        equity.lines.append(Line(_("Laba (rugi) tahun lalu yang belum ditutup"), earlier_now, earlier_before))
    equity.lines.append(Line(_("Laba (rugi) tahun berjalan"), year_now, year_before))
    sheet = BalanceSheet(period.end, prior.end, assets, liabilities, equity)
    if not sheet.balanced:  # the ledger's entries always balance; this flags a broken book, never hides it
        log.error("statements of group %s at %s do not balance: assets %s, liabilities and equity %s",
                  group_id, period.end, sheet.total_assets, sheet.total_claims)
    return sheet


def income_statement(group_id: int, names: dict[str, str], period: Period) -> IncomeStatement:
    prior = period.previous()
    now = balances(group_id, since=period.start, until=period.end, exclude_kinds=CLOSING_KINDS)
    before = balances(group_id, since=prior.start, until=prior.end, exclude_kinds=CLOSING_KINDS)
    return IncomeStatement(
        Section("pendapatan", _("Pendapatan"), _("Jumlah pendapatan"),
                account_lines(names, now, before, "pendapatan")),
        Section("beban", _("Beban"), _("Jumlah beban"), account_lines(names, now, before, "beban")))


def signers(group_id: int) -> dict[str, str]:
    """The current ketua and bendahara by their role in the members' register (the first of each role)."""
    rows = db.session.execute(
        select(func.lower(Member.role), Member.name).where(
            Member.group_id == group_id, Member.left_on.is_(None),
            func.lower(Member.role).in_(SIGNER_ROLES)).order_by(Member.id)).all()
    found: dict[str, str] = {}
    for role, name in rows:
        found.setdefault(role, name)
    return found


def build(group: Group, period: Period, today: date) -> Statements:
    """Every figure of the three statements of `group` for `period`; `today` (WIB) dates the signatures."""
    names = {code: account.name for code, account in accounts_by_code(group.id).items()}
    sheet = balance_sheet(group.id, names, period)
    income = income_statement(group.id, names, period)
    return Statements(
        group_id=group.id, group_name=group.name, period=period, prior=period.previous(),
        balance_sheet=sheet, income=income, notes=statement_notes.generated(group, period, sheet),
        note_text=statement_notes.note_text(group.id), signers=signers(group.id),
        place=group.region.name if group.region else "", printed_on=today)
