"""impact notes: what an admin did about a group's flag

Revision ID: impact01_notes
Revises: bazaar01a1b2
Create Date: 2026-12-01 09:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'impact01_notes'
down_revision = 'bazaar01a1b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('impact_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('flag', sa.String(length=30), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_impact_note_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['group_id'], ['maker_group.id'], name=op.f('fk_impact_note_group_id_maker_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_impact_note'))
    )
    with op.batch_alter_table('impact_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_impact_note_group_id'), ['group_id'], unique=False)


def downgrade():
    with op.batch_alter_table('impact_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_impact_note_group_id'))

    op.drop_table('impact_note')
