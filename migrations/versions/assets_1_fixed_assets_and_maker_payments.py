"""The cost side of the books: fixed_asset (equipment register, straight-line depreciation), maker_payment
(makers paid their share, with a kuitansi number), entry_attachment (the photo of an expense's nota), who
confirmed the makers' share (book_settings), and four accounts added to every group's chart: 1202 Peralatan dan
mesin, 1209 Akumulasi penyusutan (a contra asset), 3107 Ekuitas saldo awal, 5209 Beban penyusutan.

Groups keep their makers' share as it is, unconfirmed: the books overview asks their bendahara to confirm it.
Downgrade removes an added account only where nothing was posted to it.

Revision ID: assets_1
Revises: books_statements_1
Create Date: 2026-12-01 12:13:44
"""
import sqlalchemy as sa
from alembic import op

revision = 'assets_1'
down_revision = 'books_statements_1'
branch_labels = None
depends_on = None

ACCOUNTS = (("1202", "Peralatan dan mesin", "asset"), ("1209", "Akumulasi penyusutan", "asset"),
            ("3107", "Ekuitas saldo awal", "equity"), ("5209", "Beban penyusutan", "expense"))


def upgrade():
    op.create_table('entry_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=5), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entry.id'], name=op.f('fk_entry_attachment_entry_id_journal_entry')),
    sa.ForeignKeyConstraint(['group_id'], ['maker_group.id'], name=op.f('fk_entry_attachment_group_id_maker_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_attachment')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_entry_attachment_entry_id'))
    )
    with op.batch_alter_table('entry_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_attachment_group_id'), ['group_id'], unique=False)

    op.create_table('fixed_asset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('acquired_on', sa.Date(), nullable=False),
    sa.Column('cost', sa.BigInteger(), nullable=False),
    sa.Column('life_months', sa.Integer(), nullable=False),
    sa.Column('residual', sa.BigInteger(), nullable=False),
    sa.Column('funded_by', sa.String(length=12), nullable=False),
    sa.Column('disposed_on', sa.Date(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_fixed_asset_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entry.id'], name=op.f('fk_fixed_asset_entry_id_journal_entry')),
    sa.ForeignKeyConstraint(['group_id'], ['maker_group.id'], name=op.f('fk_fixed_asset_group_id_maker_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fixed_asset'))
    )
    with op.batch_alter_table('fixed_asset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fixed_asset_group_id'), ['group_id'], unique=False)

    op.create_table('maker_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('paid_from', sa.String(length=10), nullable=False),
    sa.Column('receipt_number', sa.String(length=40), nullable=False),
    sa.Column('memo', sa.String(length=300), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_maker_payment_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['entry_id'], ['journal_entry.id'], name=op.f('fk_maker_payment_entry_id_journal_entry')),
    sa.ForeignKeyConstraint(['group_id'], ['maker_group.id'], name=op.f('fk_maker_payment_group_id_maker_group')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_maker_payment_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maker_payment')),
    sa.UniqueConstraint('group_id', 'receipt_number', name=op.f('uq_maker_payment_group_id_receipt_number'))
    )
    with op.batch_alter_table('maker_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_maker_payment_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_maker_payment_member_id'), ['member_id'], unique=False)

    with op.batch_alter_table('book_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('maker_share_confirmed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('maker_share_confirmed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_book_settings_maker_share_confirmed_by_id_user_account'), 'user_account', ['maker_share_confirmed_by_id'], ['id'])

    bind = op.get_bind()
    for code, name, kind in ACCOUNTS:
        bind.execute(sa.text(
            "INSERT INTO ledger_account (group_id, code, name, kind) "
            "SELECT DISTINCT a.group_id, :code, :name, :kind FROM ledger_account a WHERE NOT EXISTS "
            "(SELECT 1 FROM ledger_account b WHERE b.group_id = a.group_id AND b.code = :same_code)"),
            {"code": code, "name": name, "kind": kind, "same_code": code})


def downgrade():
    bind = op.get_bind()
    for code, _name, _kind in ACCOUNTS:
        bind.execute(sa.text(
            "DELETE FROM ledger_account WHERE code = :code AND NOT EXISTS "
            "(SELECT 1 FROM posting p WHERE p.account_id = ledger_account.id)"), {"code": code})
    with op.batch_alter_table('book_settings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_book_settings_maker_share_confirmed_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('maker_share_confirmed_by_id')
        batch_op.drop_column('maker_share_confirmed_at')

    with op.batch_alter_table('maker_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_maker_payment_member_id'))
        batch_op.drop_index(batch_op.f('ix_maker_payment_group_id'))

    op.drop_table('maker_payment')
    with op.batch_alter_table('fixed_asset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fixed_asset_group_id'))

    op.drop_table('fixed_asset')
    with op.batch_alter_table('entry_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_attachment_group_id'))

    op.drop_table('entry_attachment')
