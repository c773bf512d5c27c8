"""Postings of the cooperative cycle, told by shop.coop with ids, dates and amounts only: the year's result to
SHU belum dibagi (a loss covered from Cadangan first), the division the members' meeting decided, paying Utang
SHU, spending a dana, grants (hibah) as equity, a leaving member's simpanan and paying out what was held for
them (Utang simpanan anggota keluar). Each entry carries a reference, so a replay posts nothing twice."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from shop.errors import DomainError
from shop.ledger import chart as c
from shop.ledger.events import check_funds
from shop.ledger.models import JournalEntry
from shop.ledger.services import balance, balances, find_entry, member_balance, post_entry

CASH = {"kas": c.KAS, "bank": c.BANK}
DANA = {"pengurus": c.DANA_PENGURUS, "karyawan": c.DANA_KARYAWAN, "pendidikan": c.DANA_PENDIDIKAN,
        "sosial": c.DANA_SOSIAL}


def _cash(code: str) -> str:
    if code not in CASH:
        raise ValueError("unknown cash account")
    return CASH[code]


def _check_funds(group_id: int, account: str, amount: int) -> None:
    if amount > balance(group_id, account):
        raise DomainError(_("Saldo kas atau bank tidak cukup."))


def close_result(group_id: int, year: int, created_by_id: int | None = None) -> JournalEntry | None:
    """31 December: empty the year's income and costs. A profit goes to SHU belum dibagi (nothing divided
    yet); a loss is covered from Cadangan as far as it reaches, the rest stays as rugi (3104)."""
    kinds = c.KIND_BY_CODE
    year_balances = {code: b for code, b in balances(group_id, since=date(year, 1, 1),
                                                     until=date(year, 12, 31)).items()
                     if kinds.get(code) in ("income", "expense") and b}
    result = -sum(year_balances.values())  # positive: profit
    postings: list[tuple] = [(code, -b) for code, b in sorted(year_balances.items())]
    if result > 0:
        postings.append((c.SHU_BELUM_DIBAGI, -result))
    elif result < 0:
        cadangan = max(0, -balance(group_id, c.CADANGAN, until=date(year, 12, 31)))
        covered = min(cadangan, -result)
        postings += [(c.CADANGAN, covered), (c.SHU_DITAHAN, -result - covered)]
    if not any(p[1] for p in postings):
        return None
    return post_entry(group_id, date(year, 12, 31), "year_close", f"Tutup buku {year}", postings,
                      reference=f"close:{year}", created_by_id=created_by_id)


def post_division(group_id: int, year: int, day: date, base: int, loss_covered: int, cadangan: int,
                  dana: dict[str, int], members: dict[int, int],
                  created_by_id: int | None = None) -> JournalEntry:
    """The members' meeting decided the division of `year`'s SHU: `base` leaves SHU belum dibagi;
    `loss_covered` clears an earlier rugi, then cadangan, each dana and each member's Utang SHU."""
    parts = loss_covered + cadangan + sum(dana.values()) + sum(members.values())
    if parts != base:
        raise ValueError("the division does not add up to the SHU")
    postings: list[tuple] = [(c.SHU_BELUM_DIBAGI, base), (c.SHU_DITAHAN, -loss_covered), (c.CADANGAN, -cadangan)]
    postings += [(DANA[name], -amount) for name, amount in dana.items()]
    postings += [(c.UTANG_SHU, -amount, member_id) for member_id, amount in sorted(members.items())]
    return post_entry(group_id, day, "shu_division", f"Pembagian SHU {year} (keputusan RAT)", postings,
                      reference=f"shu-division:{year}", created_by_id=created_by_id)


def pay_shu(group_id: int, member_id: int, day: date, amount: int, paid_from: str, reference: str,
            created_by_id: int | None = None) -> JournalEntry:
    """Pay (part of) a member's Utang SHU in cash or by transfer."""
    owed = -member_balance(group_id, c.UTANG_SHU, member_id)
    if not 0 < amount <= owed:
        raise DomainError(_("Jumlah melebihi SHU yang masih terutang kepada anggota ini."))
    _check_funds(group_id, _cash(paid_from), amount)
    return post_entry(group_id, day, "shu_paid", "Pembayaran SHU anggota",
                      [(c.UTANG_SHU, amount, member_id), (_cash(paid_from), -amount)],
                      reference=reference, created_by_id=created_by_id)


def spend_dana(group_id: int, dana: str, day: date, amount: int, paid_from: str, memo: str,
               created_by_id: int | None = None) -> JournalEntry:
    """Spend from one dana (pendidikan, sosial, pengurus, karyawan), never beyond what it holds."""
    if dana not in DANA:
        raise ValueError("unknown dana")
    if not 0 < amount <= -balance(group_id, DANA[dana]):
        raise DomainError(_("Jumlah melebihi saldo dana ini."))
    if not memo.strip():
        raise DomainError(_("Isi keterangan penggunaan dana."))
    _check_funds(group_id, _cash(paid_from), amount)
    return post_entry(group_id, day, "dana_spent", memo.strip(),
                      [(DANA[dana], amount), (_cash(paid_from), -amount)], created_by_id=created_by_id)


def grant(group_id: int, day: date, amount: int, in_kind: bool, received_into: str, memo: str,
          created_by_id: int | None = None) -> JournalEntry:
    """A grant (hibah), in cash or in kind (equipment), is equity (UU 25/1992 Pasal 41): never income, so never
    SHU."""
    if amount <= 0:
        raise DomainError(_("Jumlah hibah harus lebih dari nol."))
    if not memo.strip():
        raise DomainError(_("Isi pemberi dan keterangan hibah."))
    debit = c.PERALATAN if in_kind else _cash(received_into)
    return post_entry(group_id, day, "grant", memo.strip(), [(debit, amount), (c.HIBAH, -amount)],
                      created_by_id=created_by_id)


def exit_settlement(group_id: int, member_id: int, day: date, pokok: int, wajib: int, rule: str,
                    paid_from: str, reference: str, created_by_id: int | None = None) -> JournalEntry:
    """A member left: the simpanan pokok and wajib leave equity, paid back ("kembali") or held as a debt to the
    former member ("tahan")."""
    total = pokok + wajib
    if rule == "kembali":
        counter = _cash(paid_from)
        _check_funds(group_id, counter, total)
    elif rule == "tahan":
        counter = c.UTANG_KELUAR
    else:
        raise ValueError("unknown exit rule")
    return post_entry(group_id, day, "exit", "Pengembalian simpanan anggota keluar",
                      [(c.SIMPANAN_POKOK, pokok, member_id), (c.SIMPANAN_WAJIB, wajib, member_id),
                       (counter, -total, member_id if rule == "tahan" else None)],
                      reference=reference, created_by_id=created_by_id)


def pay_exit(group_id: int, member_id: int, day: date, amount: int, paid_from: str, reference: str,
             created_by_id: int | None = None) -> JournalEntry:
    """Pay a former member (part of) the simpanan held for them at their exit: Dr Utang simpanan anggota keluar
    (theirs), Cr Kas or Bank. `reference` (the form's one-time key) makes a double submit post once."""
    existing = find_entry(group_id, reference)
    if existing is not None:
        return existing
    owed = -member_balance(group_id, c.UTANG_KELUAR, member_id)
    if not 0 < amount <= owed:
        raise DomainError(_("Jumlah melebihi simpanan yang masih terutang kepada anggota ini."))
    check_funds(group_id, _cash(paid_from), amount, day)
    return post_entry(group_id, day, "exit_paid", "Pembayaran simpanan anggota keluar",
                      [(c.UTANG_KELUAR, amount, member_id), (_cash(paid_from), -amount)],
                      reference=reference, created_by_id=created_by_id)
