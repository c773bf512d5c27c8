"""The SHU cycle: rat_meeting (the RAT pack's reports, the members' decision and the rule adopted, the
division posted under it) and shu_payment (Utang SHU paid to a member, with its slip number)

Years closed before this revision were divided at the close (the old one-step close); they have no meeting
row and keep their shu_allocation rows and Utang SHU as posted.

Revision ID: koperasi_2
Revises: koperasi_1
Create Date: 2026-12-01 10:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = "koperasi_2"
down_revision = "koperasi_1"
branch_labels = None
depends_on = None

PERCENTS = ("cadangan_percent", "jasa_anggota_percent", "pengurus_percent", "karyawan_percent",
            "pendidikan_percent", "sosial_percent", "jasa_usaha_percent", "jasa_modal_cap_percent")


def upgrade():
    op.create_table(
        "rat_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("pengurus_report", sa.Text(), nullable=False),
        sa.Column("pengawas_report", sa.Text(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("members_present", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.Text(), nullable=False),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.Column("minutes_pdf", sa.LargeBinary(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in PERCENTS],
        sa.Column("division_entry_id", sa.Integer(), nullable=True),
        sa.Column("divided_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["division_entry_id"], ["journal_entry.id"],
                                name=op.f("fk_rat_meeting_division_entry_id_journal_entry")),
        sa.ForeignKeyConstraint(["group_id"], ["maker_group.id"], name=op.f("fk_rat_meeting_group_id_maker_group")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rat_meeting")),
        sa.UniqueConstraint("group_id", "year", name=op.f("uq_rat_meeting_group_id_year")),
    )
    with op.batch_alter_table("rat_meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rat_meeting_group_id"), ["group_id"], unique=False)
    op.create_table(
        "shu_payment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_from", sa.String(length=10), nullable=False),
        sa.Column("slip_number", sa.String(length=40), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["journal_entry.id"], name=op.f("fk_shu_payment_entry_id_journal_entry")),
        sa.ForeignKeyConstraint(["group_id"], ["maker_group.id"], name=op.f("fk_shu_payment_group_id_maker_group")),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name=op.f("fk_shu_payment_member_id_member")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shu_payment")),
        sa.UniqueConstraint("group_id", "slip_number", name=op.f("uq_shu_payment_group_id_slip_number")),
    )
    with op.batch_alter_table("shu_payment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shu_payment_group_id"), ["group_id"], unique=False)


def downgrade():
    with op.batch_alter_table("shu_payment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shu_payment_group_id"))
    op.drop_table("shu_payment")
    with op.batch_alter_table("rat_meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rat_meeting_group_id"))
    op.drop_table("rat_meeting")
