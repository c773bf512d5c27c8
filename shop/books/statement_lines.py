"""The pieces the financial statements are made of (shop.books.statements, shop.books.statement_notes): where
an account sits by its code, its balance on its normal side, a line with this and the prior column, and a
section of lines with its totals."""
from __future__ import annotations

from dataclasses import dataclass, field

from shop.ledger import chart as c

AKUMULASI_PENYUSUTAN = "1209"  # contra-asset of the fixed assets (a credit balance)
DEDUCTIONS = frozenset({AKUMULASI_PENYUSUTAN, c.RETUR_PENJUALAN})


def section_of(code: str) -> str:
    """Where an account sits in the statements, by its code."""
    if code.startswith("11"):
        return "aset_lancar"
    if code.startswith("12"):
        return "aset_tetap"
    return {"1": "aset_lain", "2": "liabilitas", "3": "ekuitas", "4": "pendapatan", "5": "beban"}.get(
        code[:1], "lain")


def shown(code: str, balance: int) -> int:
    """The balance on the account's normal side: debits for 1xxx and 5xxx, credits for 2xxx, 3xxx, 4xxx."""
    return balance if code[:1] in ("1", "5") else -balance


@dataclass
class Line:
    label: str
    amount: int  # this period (or at its end)
    prior: int  # the period before (or at its end)
    code: str = ""  # empty for a computed line
    deduction: bool = False  # a contra account (shown as "dikurangi")


@dataclass
class Section:
    key: str
    title: str
    total_label: str
    lines: list[Line] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def prior_total(self) -> int:
        return sum(line.prior for line in self.lines)


def account_lines(names: dict[str, str], now: dict[str, int], before: dict[str, int], section: str,
                  ) -> list[Line]:
    lines = []
    for code in sorted(names):
        if section_of(code) != section:
            continue
        amount, prior = shown(code, now.get(code, 0)), shown(code, before.get(code, 0))
        if code == c.PIUTANG_PLATFORM:  # a negative Piutang platform is owed to the platform: a liability (E10)
            amount, prior = max(amount, 0), max(prior, 0)
        if amount or prior:
            lines.append(Line(names[code], amount, prior, code, code in DEDUCTIONS))
    return lines
