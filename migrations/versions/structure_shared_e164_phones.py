"""Phone numbers stored as +62… (E.164): groups made by an admin kept them as typed (0813 …), buyers' as 08….

Data only. Rewrites maker_group.phone, maker_group.whatsapp and shop_order.buyer_phone to E.164 when the text reads
as an Indonesian number; anything else is left as it was. The downgrade keeps the E.164 form (it is the same number;
the old spellings are not recoverable and nothing needs them).

Revision ID: structure_shared_e164_phones
Revises: structure_books_1
"""
import phonenumbers
import sqlalchemy as sa
from alembic import op

revision = "structure_shared_e164_phones"
down_revision = "structure_books_1"
branch_labels = None
depends_on = None

COLUMNS = (("maker_group", ("phone", "whatsapp")), ("shop_order", ("buyer_phone",)))


def e164(text):
    """The same rule as shop.phones.stored_form, frozen here so later code changes do not alter this revision."""
    try:
        number = phonenumbers.parse((text or "").strip(), "ID")
    except phonenumbers.NumberParseException:
        return text
    if number.country_code != 62 or not phonenumbers.is_possible_number(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def upgrade():
    bind = op.get_bind()
    for table_name, columns in COLUMNS:
        table = sa.table(table_name, sa.column("id"), *(sa.column(c) for c in columns))
        for row in bind.execute(sa.select(table.c.id, *(table.c[c] for c in columns))).mappings():
            changes = {c: e164(row[c]) for c in columns if row[c] and e164(row[c]) != row[c]}
            if changes:
                bind.execute(table.update().where(table.c.id == row["id"]).values(**changes))


def downgrade():
    pass  # the E.164 form is the same number; see the docstring
