"""product search: PostgreSQL tsvector + GIN index, SQLite FTS5 table, both kept by triggers

Revision ID: performance_02
Revises: performance_01
Create Date: 2026-12-01 09:10:00

The statements are a frozen copy of shop/catalog/search_index.py at the time of this revision (see
shop/catalog/search.py); a later change to the index needs a revision of its own.
"""
from alembic import op
import sqlalchemy as sa


revision = 'performance_02'
down_revision = 'performance_01'
branch_labels = None
depends_on = None

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE product_search USING fts5(title, group_name, description, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER product_search_insert AFTER INSERT ON product BEGIN\n  INSERT INTO product_search(rowid, title, group_name, description) VALUES (new.id, new.title,\n    coalesce((SELECT name FROM maker_group WHERE id = new.group_id), ''), new.description);\nEND",
    "CREATE TRIGGER product_search_update AFTER UPDATE OF title, description, group_id ON product BEGIN\n  DELETE FROM product_search WHERE rowid = old.id;\n  INSERT INTO product_search(rowid, title, group_name, description) VALUES (new.id, new.title,\n    coalesce((SELECT name FROM maker_group WHERE id = new.group_id), ''), new.description);\nEND",
    'CREATE TRIGGER product_search_delete AFTER DELETE ON product BEGIN\n  DELETE FROM product_search WHERE rowid = old.id;\nEND',
    'CREATE TRIGGER maker_group_search_update AFTER UPDATE OF name ON maker_group BEGIN\n  UPDATE product_search SET group_name = new.name WHERE rowid IN (SELECT id FROM product WHERE group_id = new.id);\nEND',
    "INSERT INTO product_search(rowid, title, group_name, description)\n  SELECT p.id, p.title, coalesce(g.name, ''), p.description FROM product p LEFT JOIN maker_group g ON g.id = p.group_id",
]
SQLITE_DROP = [
    'DROP TRIGGER IF EXISTS maker_group_search_update',
    'DROP TRIGGER IF EXISTS product_search_delete',
    'DROP TRIGGER IF EXISTS product_search_update',
    'DROP TRIGGER IF EXISTS product_search_insert',
    'DROP TABLE IF EXISTS product_search',
]
PG_CREATE = [
    'CREATE EXTENSION IF NOT EXISTS unaccent',
    'ALTER TABLE product ADD COLUMN search_vector tsvector',
    "CREATE FUNCTION product_search_document(p_title text, p_description text, p_group_id integer)\nRETURNS tsvector LANGUAGE sql STABLE AS $$\n  SELECT setweight(to_tsvector('simple', unaccent(coalesce(p_title, ''))), 'A')\n      || setweight(to_tsvector('simple', unaccent(coalesce(\n           (SELECT name FROM maker_group WHERE id = p_group_id), ''))), 'B')\n      || setweight(to_tsvector('simple', unaccent(coalesce(p_description, ''))), 'C')\n$$",
    'CREATE FUNCTION product_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.search_vector := product_search_document(NEW.title, NEW.description, NEW.group_id);\n  RETURN NEW;\nEND $$',
    'CREATE TRIGGER product_search_refresh BEFORE INSERT OR UPDATE OF title, description, group_id ON product\n  FOR EACH ROW EXECUTE FUNCTION product_search_refresh()',
    'CREATE FUNCTION maker_group_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  UPDATE product SET search_vector = product_search_document(title, description, group_id) WHERE group_id = NEW.id;\n  RETURN NULL;\nEND $$',
    'CREATE TRIGGER maker_group_search_refresh AFTER UPDATE OF name ON maker_group\n  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION maker_group_search_refresh()',
    'UPDATE product SET search_vector = product_search_document(title, description, group_id)',
    'CREATE INDEX ix_product_search_vector ON product USING gin (search_vector)',
]
PG_DROP = [
    'DROP TRIGGER IF EXISTS maker_group_search_refresh ON maker_group',
    'DROP FUNCTION IF EXISTS maker_group_search_refresh()',
    'DROP TRIGGER IF EXISTS product_search_refresh ON product',
    'DROP FUNCTION IF EXISTS product_search_refresh()',
    'DROP INDEX IF EXISTS ix_product_search_vector',
    'ALTER TABLE product DROP COLUMN IF EXISTS search_vector',
    'DROP FUNCTION IF EXISTS product_search_document(text, text, integer)',
]


def _run(statements):
    for statement in statements:
        op.execute(sa.text(statement))


def upgrade():
    _run(PG_CREATE if op.get_bind().dialect.name == "postgresql" else SQLITE_CREATE)


def downgrade():
    _run(PG_DROP if op.get_bind().dialect.name == "postgresql" else SQLITE_DROP)
