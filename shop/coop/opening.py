"""Opening balances with the members' savings: the one opening entry (shop.ledger.opening) and, for each member's
simpanan known on the start date, a row in the simpanan register (receipt numbers SA/<year>/<nnnn>, paid into
"saldo_awal"), so the register, the arrears and jasa modal count them like any receipt. Flush, never commit."""
from __future__ import annotations

from flask_babel import gettext as _

from shop.activity.services import record
from shop.coop.models import MemberContribution
from shop.coop.services import group_member
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger.models import JournalEntry
from shop.ledger.opening import Opening, check_can_open, has_entries, post_opening  # noqa: F401


def record_opening(group_id: int, group_name: str, opening: Opening,
                   created_by_id: int | None = None) -> JournalEntry:
    """Post the group's opening balances (DomainError when the books already have entries)."""
    check_can_open(group_id)
    for (member_id, _kind), amount in opening.savings.items():
        if member_id is not None and amount:
            member = group_member(group_id, member_id)
            if member.left_on is not None and member.left_on <= opening.day:
                raise DomainError(_("%(name)s sudah keluar sebelum tanggal saldo awal.", name=member.label))
    entry = post_opening(group_id, opening, created_by_id=created_by_id)
    number = 0
    for (member_id, kind), amount in sorted(opening.savings.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1])):
        if member_id is None or not amount:
            continue
        number += 1
        db.session.add(MemberContribution(group_id=group_id, member_id=member_id, kind=kind, amount=amount,
                                          date=opening.day, paid_into="saldo_awal",
                                          receipt_number=f"SA/{opening.day.year}/{number:04d}",
                                          entry_id=entry.id, note="saldo awal"))
    db.session.flush()
    record("books.opening_posted", group_name, group_id=group_id, detail=opening.day.isoformat(),
           user_id=created_by_id)
    return entry
