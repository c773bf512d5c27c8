"""payment code, expiry and provider fee (Xendit QRIS / virtual account)

Revision ID: payments_id_0001
Revises: structure_shared_e164_phones
Create Date: 2026-12-01 09:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'payments_id_0001'
down_revision = 'structure_shared_e164_phones'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payment_code', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('fee', sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_column('fee')
        batch_op.drop_column('expires_at')
        batch_op.drop_column('payment_code')
