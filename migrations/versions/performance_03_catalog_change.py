"""catalog_change: the catalogue's version for cached lists

Revision ID: performance_03
Revises: performance_02
Create Date: 2026-12-01 09:15:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'performance_03'
down_revision = 'performance_02'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('catalog_change',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('at', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_catalog_change')))


def downgrade():
    op.drop_table('catalog_change')
