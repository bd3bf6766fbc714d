"""The tables the loader writes, created with sqlite-utils: columns, keys and indexes. The one
place that knows the tables; the columns of the analysis rows come from ``analysis``.

Column meanings are documented in ``plugin/media_bias_metadata.yml`` (supplied to every database
with these tables); ``tests/test_metadata.py`` checks that every column here has a description
there.
"""
from __future__ import annotations

import re
import unicodedata

import sqlite_utils

from ..analysis import (ARTICLE_COLUMNS, OCCURRENCE_COLUMNS, QUOTE_COLUMNS,
                        SENTENCE_COLUMNS)
from ..analysis.metrics import COMPARED

# written by the coverage stage (pipeline/coverage.py), not by the analysis: NULL until it runs
COVERAGE_COLUMNS = {"coverage": str, "coverage_score": float, "coverage_missing": str}

TABLES = {
    # labels: the input's outlet labels filed under the outlet, with their counts (JSON), when
    # outlets are filed by web site or with aliases (store/outlets.py); null otherwise
    "outlets": ({"id": str, "name": str, "domain": str, "labels": str}, {"pk": "id"}),
    # kind: "given" (the input's story key) or "auto" (grouped by pipeline/stories.py, which also
    # writes the dates and key terms of every story)
    "stories": ({"id": str, "title": str, "kind": str, "first_date": str, "last_date": str,
                 "key_terms": str}, {"pk": "id"}),
    "articles": (
        {
            "id": str, "title": str, "outlet": str, "story": str, "url": str, "date": str,
            # the outlet as the input names it (``outlet`` is where it is filed: store/outlets.py)
            "outlet_label": str,
            **ARTICLE_COLUMNS,
            "metrics_version": int, "lexicon_version": str, "fingerprint": str,
            # where the article came from, for web pages: who wrote it, the file or URL, and
            # the extraction (ingest/html.py), so that it can be redone after an upgrade
            "author": str, "site_name": str, "source": str, "extractor": str,
            "extractor_version": str, "raw_sha1": str,
            # automatic story grouping (analysis/vector.py, pipeline/stories.py): the hashed
            # lead, the article it is a wire copy of, its closeness to its story
            "story_vector": bytes, "copy_of": str, "story_similarity": float,
            # last: a long text spills into overflow pages, and SQLite must walk them to reach
            # any column stored after it - aggregates over the metrics would read every text
            "text": str,
        },
        {"pk": "id", "foreign_keys": [("outlet", "outlets", "id"), ("story", "stories", "id")]},
    ),
    "sentences": ({**SENTENCE_COLUMNS, **COVERAGE_COLUMNS}, {"pk": ("article_id", "position"),
                                     "foreign_keys": [("article_id", "articles", "id")]}),
    # speaker_id: the canonical speaker (speakers.id), set by the load stage pipeline/speakers.py
    "quotes": ({**QUOTE_COLUMNS, "speaker_id": str},
               {"pk": ("article_id", "position"),
                "foreign_keys": [("article_id", "articles", "id")]}),
    "loaded_word_occurrences": (OCCURRENCE_COLUMNS, {
        "pk": ("article_id", "position"), "foreign_keys": [("article_id", "articles", "id")]}),
    # the stories whose articles a load or recompute changed and whose story-level work
    # (pipeline/stages) has not run yet: written with the article, so a killed load is finished
    # by the next run
    "pending_stories": ({"story": str}, {"pk": "story"}),
    # the user's corrections of the automatic grouping (media-bias stories), applied in order on
    # every grouping, and the grouping's settings (pipeline/stories.py)
    "story_corrections": ({"id": int, "action": str, "articles": str, "story": str},
                          {"pk": "id"}),
    "story_settings": ({"key": str, "value": str}, {"pk": "key"}),
    # how articles are filed under outlets: by their label or their URL's domain, and the
    # user's aliases of labels (store/outlets.py, media-bias outlets)
    "outlet_settings": ({"key": str, "value": str}, {"pk": "key"}),
    "outlet_aliases": ({"label": str, "outlet": str}, {"pk": "label"}),
    "story_words": ({"story": str, "term": str, "reason": str},
                    {"pk": ("story", "term"), "foreign_keys": [("story", "stories", "id")]}),
    # canonical speakers across the database and the articles that quote them
    # (pipeline/speakers.py; ids from compare/speakers.py)
    "speakers": ({"id": str, "name": str, "kind": str, "roles": str, "quotes": int,
                  "articles": int, "outlets": int, "stories": int}, {"pk": "id"}),
    "speaker_articles": ({"speaker_id": str, "article_id": str, "outlet": str, "story": str,
                          "kind": str, "key": str, "surname": str, "surname_only": int,
                          "quotes": int}, {"pk": ("article_id", "kind", "key")}),
    # an outlet's source mix, for its page (pipeline/speakers.py)
    "outlet_sources": ({"outlet": str, "kind": str, "quotes": int, "shared_quotes": int,
                        "others_quotes": int}, {"pk": ("outlet", "kind")}),
    "outlet_speakers": ({"outlet": str, "rank": int, "speaker_id": str, "quotes": int,
                         "articles": int, "others_quotes": int}, {"pk": ("outlet", "rank")}),
    # what each article of a story reports that the others do not (pipeline/coverage.py)
    "coverage_matches": ({"article_id": str, "position": int, "other_article_id": str,
                          "other_position": int, "score": float},
                         {"pk": ("article_id", "position", "other_article_id", "other_position")}),
    "article_coverage": ({"article_id": str, "story": str, "judged": int, "covered": int,
                          "partly": int, "only_here": int, "others_judged": int,
                          "left_out": int, "entities": int, "entities_only_here": int},
                         {"pk": "article_id"}),
    "entity_mentions": ({"article_id": str, "key": str, "entity": str, "kind": str, "text": str,
                         "mentions": int, "start": int, "end": int},
                        {"pk": ("article_id", "key")}),
    "lexicon": ({"term": str, "category": str, "source": str}, {"pk": ("term", "category")}),
    "lexicon_sources": ({"source": str, "licence": str, "description": str}, {"pk": "source"}),
    # outlet comparisons on the same stories, written at load by pipeline/outlet_stats.py
    "outlet_story_means": ({"story": str, "outlet": str, "articles": int,
                            **{m.name: float for m in COMPARED}}, {"pk": ("story", "outlet")}),
    "outlet_vs_others": ({
        "outlet": str, "metric": str, "articles": int, "stories": int, "difference": float,
        "ci_low": float, "ci_high": float, "outlet_mean_same_stories": float,
        "others_mean_same_stories": float, "rank": int, "ranked_among": int,
        "higher_than": int, "lower_than": int, "tied_with": int, "note": str},
        {"pk": ("outlet", "metric")}),
    "outlet_pairs": ({"a": str, "b": str, "metric": str, "stories": int, "difference": float,
                      "ci_low": float, "ci_high": float}, {"pk": ("a", "b", "metric")}),
    "outlet_months": ({"outlet": str, "month": str, "metric": str, "articles": int,
                       "mean": float, "stories": int, "outlet_same_stories": float,
                       "others_same_stories": float}, {"pk": ("outlet", "month", "metric")}),
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
    ("articles", ["copy_of"]),  # the wire copies (few): an outlet's, a story's
    ("quotes", ["speaker"]),
    ("quotes", ["speaker_id", "speaker_name", "speaker_role"]),  # covers the speakers' names
    ("speaker_articles", ["speaker_id", "outlet", "story", "quotes", "article_id"]),  # covering
    ("speaker_articles", ["surname"]),
    ("speaker_articles", ["outlet", "speaker_id", "quotes"]),
    ("loaded_word_occurrences", ["term"]),
    ("loaded_word_occurrences", ["category"]),
    ("outlet_story_means", ["outlet", "story"]),
    ("outlet_pairs", ["b", "metric"]),
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


def copy_in_its_story(alias: str) -> str:
    """SQL, true for a row ``alias`` of ``articles`` that is a wire copy of an article of its
    own story (``compare.coverage.copies_within``): that article again, not independent
    coverage."""
    return (f"exists (select 1 from articles o where o.id = {alias}.copy_of "
            f"and o.story is {alias}.story)")


def drop_indexes(db: sqlite_utils.Database) -> None:
    """Drop the secondary ``INDEXES`` (a first load builds them once at its end, faster than
    keeping them up to date row by row); ``create_indexes`` or ``ensure`` puts them back."""
    for table, cols in INDEXES:
        db.execute(f"drop index if exists [idx_{table}_{'_'.join(cols)}]")


# Full-text search: FTS5 indexes with external content (content=[table]: no second copy of the
# text), which Datasette finds by that content= (its own ?_search= on the table pages) and the
# story index searches. Built once at the end of a first load (``create_fts``);
# afterwards triggers keep them in step with every write: inserts and deletes, and updates of
# the indexed columns only (the stages' updates of other columns cost nothing). The writer
# turns recursive_triggers on, so that "insert or replace" fires the delete trigger of the row
# it replaces (without it the index keeps the old row's words). detail=full for both: with
# less detail FTS5 refuses phrase queries, and Datasette's ?_search= makes a phrase of any
# word with inner punctuation (Trump's, take-off).
FTS = {"articles": ["title", "text"], "sentences": ["text"]}


def fts_table(table: str) -> str:
    return f"{table}_fts"


def _fts_triggers(table: str, columns: list[str]) -> str:
    fts = fts_table(table)
    cols = ", ".join(f"[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    delete = f"insert into [{fts}] ([{fts}], rowid, {cols}) values ('delete', old.rowid, {old});"
    insert = f"insert into [{fts}] (rowid, {cols}) values (new.rowid, {new});"
    return (f"create trigger if not exists [{table}_ai] after insert on [{table}] begin {insert} "
            f"end;\n"
            f"create trigger if not exists [{table}_ad] after delete on [{table}] begin {delete} "
            f"end;\n"
            f"create trigger if not exists [{table}_au] after update of {cols} on [{table}] "
            f"begin {delete} {insert} end;")


# rows indexed per transaction by create_fts: a writer waiting for the lock between two of
# them waits a fraction of a second (about 40,000 sentences or 1,000 articles a step)
FTS_STEP_CHARS = 6_000_000


def create_fts(db: sqlite_utils.Database, between=None) -> list[str]:
    """Build the missing FTS indexes from the rows as they are, with their triggers; return the
    tables indexed (none when every table has its index). An index is filled in steps of about
    ``FTS_STEP_CHARS`` characters, one transaction each, and ``between()`` (when given) is
    called after each: another connection may write meanwhile. The triggers come last, so an
    index whose build was cut short (no triggers) is built again from the start."""
    built = []
    for table, columns in FTS.items():
        if not db[table].exists():
            continue
        fts = fts_table(table)
        if db[fts].exists() and {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= {
                t.name for t in db[table].triggers}:
            continue
        db.execute(f"drop table if exists [{fts}]")
        cols = ", ".join(f"[{c}]" for c in columns)
        # the statement sqlite-utils' enable_fts writes (Datasette finds the index by content=)
        db.execute(f'CREATE VIRTUAL TABLE "{fts}" USING FTS5 (\n    '
                   + ", ".join(f'"{c}"' for c in columns) + f',\n    content="{table}"\n)')
        # fewer, larger merges while the index is built and grows (a fifth less work for the
        # 10k sample's sentences; queries as fast): merge 16 segments of a level, not 4
        db.execute(f"insert into [{fts}] ([{fts}], rank) values ('automerge', 16)")
        db.execute(f"insert into [{fts}] ([{fts}], rank) values ('crisismerge', 64)")
        ((rows, chars),) = db.execute(
            f"select count(*), sum(length([{columns[-1]}])) from [{table}]").fetchall()
        step = max(1, int(rows * FTS_STEP_CHARS / max(1, chars or 0)))
        last = 0
        while True:
            ((top,),) = db.execute(f"select max(rowid) from (select rowid from [{table}] where "
                                   f"rowid > ? order by rowid limit ?)", [last, step]).fetchall()
            if top is None:
                break
            with db.conn:
                db.execute(f"insert into [{fts}] (rowid, {cols}) select rowid, {cols} from "
                           f"[{table}] where rowid > ? and rowid <= ?", [last, top])
            last = top
            if between:
                between()
        db.conn.executescript(_fts_triggers(table, columns))
        built.append(table)
    return built


def drop_fts(db: sqlite_utils.Database) -> None:
    """Drop the FTS indexes and their triggers (a first load builds them once at its end)."""
    for table in FTS:
        for suffix in ("ai", "ad", "au"):
            db.execute(f"drop trigger if exists [{table}_{suffix}]")
        db.execute(f"drop table if exists [{fts_table(table)}]")


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
