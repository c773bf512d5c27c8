"""Names of the search index that lives outside the models (see shop.catalog.search), for Alembic."""
from __future__ import annotations

FTS_TABLE = "product_search"
FTS_SHADOW_TABLES = {FTS_TABLE} | {f"{FTS_TABLE}_{s}" for s in ("data", "idx", "content", "docsize", "config")}
PG_COLUMN = "search_vector"
PG_INDEX = "ix_product_search_vector"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic autogenerate: the search index is not in the models, and is no difference."""
    if type_ == "table" and name in FTS_SHADOW_TABLES:
        return False
    if type_ == "column" and name == PG_COLUMN and getattr(obj, "table", None) is not None \
            and obj.table.name == "product":
        return False
    return not (type_ == "index" and name == PG_INDEX)


# the statements name the table, column and index literally (FTS_TABLE, PG_COLUMN, PG_INDEX above): no
# string-built SQL
SQLITE_CREATE = [
    ("CREATE VIRTUAL TABLE product_search USING fts5(title, group_name, description, "
     "tokenize = 'unicode61 remove_diacritics 2')"),
    """CREATE TRIGGER product_search_insert AFTER INSERT ON product BEGIN
  INSERT INTO product_search(rowid, title, group_name, description) VALUES (new.id, new.title,
    coalesce((SELECT name FROM maker_group WHERE id = new.group_id), ''), new.description);
END""",
    """CREATE TRIGGER product_search_update AFTER UPDATE OF title, description, group_id ON product BEGIN
  DELETE FROM product_search WHERE rowid = old.id;
  INSERT INTO product_search(rowid, title, group_name, description) VALUES (new.id, new.title,
    coalesce((SELECT name FROM maker_group WHERE id = new.group_id), ''), new.description);
END""",
    """CREATE TRIGGER product_search_delete AFTER DELETE ON product BEGIN
  DELETE FROM product_search WHERE rowid = old.id;
END""",
    """CREATE TRIGGER maker_group_search_update AFTER UPDATE OF name ON maker_group BEGIN
  UPDATE product_search SET group_name = new.name WHERE rowid IN (SELECT id FROM product WHERE group_id = new.id);
END""",
    """INSERT INTO product_search(rowid, title, group_name, description)
  SELECT p.id, p.title, coalesce(g.name, ''), p.description FROM product p LEFT JOIN maker_group g ON g.id = p.group_id""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS maker_group_search_update", "DROP TRIGGER IF EXISTS product_search_delete",
               "DROP TRIGGER IF EXISTS product_search_update", "DROP TRIGGER IF EXISTS product_search_insert",
               "DROP TABLE IF EXISTS product_search"]

PG_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "ALTER TABLE product ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION product_search_document(p_title text, p_description text, p_group_id integer)
RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT setweight(to_tsvector('simple', unaccent(coalesce(p_title, ''))), 'A')
      || setweight(to_tsvector('simple', unaccent(coalesce(
           (SELECT name FROM maker_group WHERE id = p_group_id), ''))), 'B')
      || setweight(to_tsvector('simple', unaccent(coalesce(p_description, ''))), 'C')
$$""",
    """CREATE FUNCTION product_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := product_search_document(NEW.title, NEW.description, NEW.group_id);
  RETURN NEW;
END $$""",
    """CREATE TRIGGER product_search_refresh BEFORE INSERT OR UPDATE OF title, description, group_id ON product
  FOR EACH ROW EXECUTE FUNCTION product_search_refresh()""",
    """CREATE FUNCTION maker_group_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE product SET search_vector = product_search_document(title, description, group_id) WHERE group_id = NEW.id;
  RETURN NULL;
END $$""",
    """CREATE TRIGGER maker_group_search_refresh AFTER UPDATE OF name ON maker_group
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION maker_group_search_refresh()""",
    "UPDATE product SET search_vector = product_search_document(title, description, group_id)",
    "CREATE INDEX ix_product_search_vector ON product USING gin (search_vector)",
]
PG_DROP = ["DROP TRIGGER IF EXISTS maker_group_search_refresh ON maker_group",
           "DROP FUNCTION IF EXISTS maker_group_search_refresh()",
           "DROP TRIGGER IF EXISTS product_search_refresh ON product",
           "DROP FUNCTION IF EXISTS product_search_refresh()",
           "DROP INDEX IF EXISTS ix_product_search_vector",
           "ALTER TABLE product DROP COLUMN IF EXISTS search_vector",
           "DROP FUNCTION IF EXISTS product_search_document(text, text, integer)"]


def install(connection) -> None:
    """Build the search index on a schema made by `create_all` (the tests); the migration performance_02 holds
    its own frozen copy of these statements."""
    from sqlalchemy import text

    postgres = connection.dialect.name == "postgresql"
    for statement in (PG_DROP + PG_CREATE) if postgres else (SQLITE_DROP + SQLITE_CREATE):
        connection.execute(text(statement))
