"""A member leaves: the exit settlement of the simpanan pokok and wajib, by the group's rule (paid back at once,
or held as a debt to the former member), posted and given receipt numbers. From the day they leave they earn
no jasa modal (shop.coop.shu counts only members still in the group at the year end)."""
from __future__ import annotations

from flask_babel import gettext as _

from shop.coop.models import MemberContribution
from shop.coop.services import group_member, next_receipt_number, paid
from shop.coop.settings import coop_settings
from shop.errors import DomainError
from shop.extensions import db
from shop.ledger import coop_events


def exit_reference(member_id: int) -> str:
    return f"exit:{member_id}"


def settle_exit(group_id: int, member_id: int, paid_from: str = "kas",
                created_by_id: int | None = None) -> list[MemberContribution]:
    """Settle a member who has left (on their leaving date). Returns the settlement rows (negative pokok and
    wajib), empty when the member had paid neither."""
    member = group_member(group_id, member_id)
    if member.left_on is None:
        raise DomainError(_("%(name)s belum tercatat keluar.", name=member.label))
    if db.session.query(MemberContribution.id).filter_by(group_id=group_id, member_id=member_id,
                                                         note="exit").first():
        raise DomainError(_("Simpanan %(name)s sudah diselesaikan.", name=member.label))
    pokok, wajib = paid(group_id, member_id, "pokok"), paid(group_id, member_id, "wajib")
    if pokok + wajib <= 0:
        return []
    rule = coop_settings(group_id).exit_rule
    day = member.left_on
    entry = coop_events.exit_settlement(group_id, member_id, day, pokok, wajib, rule, paid_from,
                                        exit_reference(member_id), created_by_id=created_by_id)
    rows = []
    for kind, amount in (("pokok", pokok), ("wajib", wajib)):
        if amount:
            row = MemberContribution(group_id=group_id, member_id=member_id, kind=kind, amount=-amount, date=day,
                                     paid_into=paid_from if rule == "kembali" else "tahan",
                                     receipt_number=next_receipt_number(group_id, day.year), entry_id=entry.id,
                                     note="exit")
            db.session.add(row)
            db.session.flush()
            rows.append(row)
    return rows
