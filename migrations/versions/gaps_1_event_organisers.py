"""event_organiser: the organiser accounts that run an event (organisers see and manage only their events);
every event made so far is run by the organiser who made it

Revision ID: gaps_1
Revises: koperasi_3
Create Date: 2026-12-02 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "gaps_1"
down_revision = "koperasi_3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_organiser",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"], name=op.f("fk_event_organiser_event_id_event"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["user_account.id"],
                                name=op.f("fk_event_organiser_user_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_organiser")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_event_organiser_event_id_user_id")),
    )
    with op.batch_alter_table("event_organiser", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_organiser_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_organiser_user_id"), ["user_id"], unique=False)
    op.execute(
        "INSERT INTO event_organiser (event_id, user_id) "
        "SELECT event.id, event.organiser_id FROM event JOIN user_account ON user_account.id = event.organiser_id "
        "WHERE user_account.role = 'organiser'")


def downgrade():
    with op.batch_alter_table("event_organiser", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_organiser_user_id"))
        batch_op.drop_index(batch_op.f("ix_event_organiser_event_id"))
    op.drop_table("event_organiser")
