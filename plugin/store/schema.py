"""The tables the loader writes, created with sqlite-utils: columns, keys and indexes. The one
place that knows the tables; the columns of the analysis rows come from ``analysis``.

Column meanings are documented in ``metadata.yml``; ``tests/test_metadata.py`` checks that every
column here has a description there.
"""
from __future__ import annotations

import re
import unicodedata

import sqlite_utils

from ..analysis import (ARTICLE_COLUMNS, OCCURRENCE_COLUMNS, QUOTE_COLUMNS,
                        SENTENCE_COLUMNS)
from ..analysis.metrics import COMPARED

TABLES = {
    "outlets": ({"id": str, "name": str, "domain": str}, {"pk": "id"}),
    "stories": ({"id": str, "title": str}, {"pk": "id"}),
    "articles": (
        {
            "id": str, "title": str, "outlet": str, "story": str, "url": str, "date": str,
            **ARTICLE_COLUMNS,
            "metrics_version": int, "lexicon_version": str, "fingerprint": str,
            # last: a long text spills into overflow pages, and SQLite must walk them to reach
            # any column stored after it - aggregates over the metrics would read every text
            "text": str,
        },
        {"pk": "id", "foreign_keys": [("outlet", "outlets", "id"), ("story", "stories", "id")]},
    ),
    "sentences": (SENTENCE_COLUMNS, {"pk": ("article_id", "position"),
                                     "foreign_keys": [("article_id", "articles", "id")]}),
    "quotes": (QUOTE_COLUMNS, {"pk": ("article_id", "position"),
                               "foreign_keys": [("article_id", "articles", "id")]}),
    "loaded_word_occurrences": (OCCURRENCE_COLUMNS, {
        "pk": ("article_id", "position"), "foreign_keys": [("article_id", "articles", "id")]}),
    "lexicon": ({"term": str, "category": str, "source": str}, {"pk": ("term", "category")}),
    "lexicon_sources": ({"source": str, "licence": str, "description": str}, {"pk": "source"}),
}

_COMPARED = [m.name for m in COMPARED]

INDEXES = [
    ("articles", ["story"]),
    ("articles", ["outlet"]),
    # covering indexes for the comparison pages, so that no page reads the articles table
    # (whose rows carry the whole text) to aggregate: the corpus and per-outlet means and
    # spreads, an outlet's articles by date or by distance from its mean profile...
    ("articles", ["outlet", "date", *_COMPARED, "story", "id", "title"]),
    # ... and the story list (articles, outlets and dates per story)
    ("articles", ["story", "outlet", "date", "id"]),
    ("quotes", ["speaker"]),
    ("loaded_word_occurrences", ["term"]),
    ("loaded_word_occurrences", ["category"]),
]


def ensure(db: sqlite_utils.Database) -> None:
    """Create missing tables, columns and indexes. An existing database keeps its rows; columns
    added by a newer release are added (NULL until ``media-bias recompute`` fills them)."""
    for name, (columns, opts) in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(columns, not_null={"text"} if name == "articles" else None, **opts)
            continue
        have = set(table.columns_dict)
        for col, typ in columns.items():
            if col not in have:
                table.add_column(col, typ)
    create_indexes(db)


def create_indexes(db: sqlite_utils.Database) -> None:
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)


def drop_indexes(db: sqlite_utils.Database) -> None:
    """Drop the secondary ``INDEXES`` (a first load builds them once at its end, faster than
    keeping them up to date row by row); ``create_indexes`` or ``ensure`` puts them back."""
    for table, cols in INDEXES:
        db.execute(f"drop index if exists [idx_{table}_{'_'.join(cols)}]")


def insert_sql(table: str, columns=None) -> tuple[str, list[str]]:
    """``insert or replace`` SQL for ``columns`` of ``table`` (all of them by default)."""
    cols = list(columns or TABLES[table][0])
    unknown = set(cols) - set(TABLES[table][0])
    if unknown:
        raise ValueError(f"{table} has no column(s) {', '.join(sorted(unknown))}")
    sql = "insert or replace into [{}] ({}) values ({})".format(
        table, ", ".join(f"[{c}]" for c in cols), ", ".join("?" for _ in cols))
    return sql, cols


def store_lexicon(db: sqlite_utils.Database, lexicon) -> None:
    with db.conn:
        db.execute("delete from lexicon")
        db.execute("delete from lexicon_sources")
        db["lexicon"].insert_all(lexicon.entries, pk=("term", "category"), replace=True)
        db["lexicon_sources"].insert_all(lexicon.sources, pk="source", replace=True)


def slug(name: str) -> str:
    """A stable URL-friendly key for an outlet name: 'ET Online' -> 'et-online'."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9.]+", "-", s).strip("-")
    return s or "outlet-" + name.encode("utf-8").hex()[:12]
