"""Product search on the database's own full-text index, one function for both databases.

PostgreSQL: `product.search_vector` (tsvector, GIN index), kept by triggers from the title (weight A), the group's
name (B) and the description (C), through `unaccent` and the `simple` configuration. SQLite: the FTS5 table
`product_search` (rowid = product id, tokenizer `unicode61 remove_diacritics 2`), kept by triggers. Both fold
case and accents; every word must match, the last one as a prefix (the buyer may still be typing); results rank
by relevance (ts_rank / bm25, a title match above a description match).

No stemming: PostgreSQL's `indonesian` Snowball stemmer strips derivational prefixes and so turns "kemeja" (shirt)
into "meja" (table). Indonesian marks little by inflection (no plurals by suffix), so the prefix match on the last
word covers what stemming would add (batik -> batiknya) without mixing unrelated words.

Neither the column nor the FTS5 table is in the models: `include_object` keeps Alembic's autogenerate from seeing
them (shop.extensions.migrate). The triggers live in the migration `performance_02`; a later SQLite batch
migration that rebuilds `product` or `maker_group` drops them, and tests/catalog/test_search.py would fail.
"""
from __future__ import annotations

import re

from sqlalchemy import Select, bindparam, func, literal_column, select, text
from sqlalchemy.sql.elements import ColumnElement

from shop.catalog.models import Product
from shop.catalog.search_index import FTS_TABLE, PG_COLUMN
from shop.extensions import db

MAX_WORDS = 6
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # letters and digits; "_" separates words, as in both indexes


def terms(text_: str) -> list[str]:
    """The words of a query, lower-cased, without punctuation (so no query syntax reaches the index)."""
    return [w.lower() for w in _WORD.findall(text_ or "")][:MAX_WORDS]


def match(stmt: Select, words: list[str]) -> tuple[Select, ColumnElement | None]:
    """Restrict `stmt` (which selects from product) to products matching every word; returns the statement and
    an ORDER BY expression, best match first. No words: `stmt` unchanged and no ordering."""
    if not words:
        return stmt, None
    if db.session.get_bind().dialect.name == "postgresql":
        query = " & ".join([*words[:-1], f"{words[-1]}:*"])
        tsquery = func.to_tsquery("simple", func.unaccent(bindparam("search_q", query)))
        vector = literal_column(f"product.{PG_COLUMN}")
        return stmt.where(vector.op("@@")(tsquery)), func.ts_rank(vector, tsquery).desc()
    query = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    hits = (select(literal_column("rowid").label("product_id"),
                   literal_column(f"bm25({FTS_TABLE}, 10.0, 3.0, 1.0)").label("rank"))
            .select_from(text(FTS_TABLE))
            .where(text(f"{FTS_TABLE} MATCH :search_q").bindparams(search_q=query))
            .subquery("search_hits"))
    return stmt.join(hits, hits.c.product_id == Product.id), hits.c.rank.asc()
