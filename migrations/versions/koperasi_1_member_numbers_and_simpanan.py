"""Member numbers, the simpanan rule (exit settlement, jasa modal cap, wajib start), members' decisions on
the simpanan pokok, and the cooperative accounts of the chart

* member.number: per group, 1, 2, 3… by id (the order members were entered); unique in the group.
* coop_settings.exit_rule ("kembali": a leaver's pokok and wajib are paid back; "tahan": held as a debt) and
  jasa_modal_cap_percent (20: jasa modal at most 20 % of a member's pokok + wajib a year).
* coop_settings.wajib_start, empty in every group so far (so arrears ran from each member's joining, back to
  2009): set to the first of the month of the group's first simpanan receipt (E5). Groups with no receipt stay
  empty, and owe nothing until they set it (the settings now require it when wajib is switched on).
* pokok_decision: the members' decisions that raised the simpanan pokok (a top-up for everyone).
* accounts 1201 Peralatan (hibah barang), 2109 Utang simpanan anggota keluar, 3105 SHU belum dibagi,
  3106 Hibah, added to every group's chart.

Revision ID: koperasi_1
Revises: books_4
Create Date: 2026-12-01 09:50:00
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "koperasi_1"
down_revision = "books_4"
branch_labels = None
depends_on = None

ACCOUNTS = (("1201", "Peralatan (hibah barang)", "asset"), ("2109", "Utang simpanan anggota keluar", "liability"),
            ("3105", "SHU belum dibagi", "equity"), ("3106", "Hibah", "equity"))


def upgrade():
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    op.execute("UPDATE member SET number = (SELECT COUNT(*) FROM member m2 WHERE m2.group_id = member.group_id "
               "AND m2.id <= member.id)")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_unique_constraint(batch_op.f("uq_member_group_id_number"), ["group_id", "number"])
    with op.batch_alter_table("coop_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exit_rule", sa.String(length=10), nullable=False, server_default="kembali"))
        batch_op.add_column(sa.Column("jasa_modal_cap_percent", sa.Integer(), nullable=False, server_default="20"))
    with op.batch_alter_table("coop_settings", schema=None) as batch_op:
        batch_op.alter_column("exit_rule", server_default=None)
        batch_op.alter_column("jasa_modal_cap_percent", server_default=None)
    bind = op.get_bind()
    firsts = bind.execute(sa.text(
        "SELECT s.group_id, (SELECT MIN(c.date) FROM member_contribution c WHERE c.group_id = s.group_id) "
        "FROM coop_settings s WHERE s.wajib_start IS NULL")).all()
    for group_id, first in firsts:
        if first is not None:
            first = date.fromisoformat(first[:10]) if isinstance(first, str) else first  # SQLite gives text
            bind.execute(sa.text("UPDATE coop_settings SET wajib_start = :start WHERE group_id = :g"),
                         {"start": first.replace(day=1), "g": group_id})
    op.create_table(
        "pokok_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("old_amount", sa.BigInteger(), nullable=False),
        sa.Column("new_amount", sa.BigInteger(), nullable=False),
        sa.Column("members_present", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["maker_group.id"], name=op.f("fk_pokok_decision_group_id_maker_group")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pokok_decision")),
    )
    with op.batch_alter_table("pokok_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pokok_decision_group_id"), ["group_id"], unique=False)
    for code, name, kind in ACCOUNTS:
        bind.execute(sa.text(
            "INSERT INTO ledger_account (group_id, code, name, kind) "
            "SELECT g.id, :code, :name, :kind FROM maker_group g WHERE NOT EXISTS "
            "(SELECT 1 FROM ledger_account a WHERE a.group_id = g.id AND a.code = :same_code)"),
            {"code": code, "name": name, "kind": kind, "same_code": code})


def downgrade():
    bind = op.get_bind()
    for code, _name, _kind in ACCOUNTS:  # only where nothing was posted to them
        bind.execute(sa.text("DELETE FROM ledger_account WHERE code = :code AND NOT EXISTS "
                             "(SELECT 1 FROM posting p WHERE p.account_id = ledger_account.id)"), {"code": code})
    with op.batch_alter_table("pokok_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pokok_decision_group_id"))
    op.drop_table("pokok_decision")
    with op.batch_alter_table("coop_settings", schema=None) as batch_op:
        batch_op.drop_column("jasa_modal_cap_percent")
        batch_op.drop_column("exit_rule")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_member_group_id_number"), type_="unique")
        batch_op.drop_column("number")
