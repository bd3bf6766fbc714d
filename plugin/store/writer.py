"""Writing analysed articles: the database opened for loading, one transaction batch at a time
with one SAVEPOINT per article, and the Writer that stores an article with its child rows.

The parent process of a load is the only writer (WAL mode, so Datasette reads meanwhile).
"""
from __future__ import annotations

import time

import sqlite_utils

from ..analysis import OCCURRENCE_COLUMNS, QUOTE_COLUMNS, SENTENCE_COLUMNS, metrics
from . import schema
from .outlets import Filing


def open_database(path, long_wait: bool = False) -> sqlite_utils.Database:
    """Open (creating if needed) a database for loading: WAL, so Datasette can read while we
    write; ``synchronous=NORMAL``, which in WAL mode is still crash-safe (a power cut may lose
    the last commits, never consistency). A write waits up to a minute for another writer
    (``long_wait``: a day, for a second connection of the same load)."""
    db = sqlite_utils.Database(path)
    db.execute(f"pragma busy_timeout = {86_400_000 if long_wait else 60_000}")
    db.enable_wal()
    db.execute("pragma synchronous = NORMAL")
    db.execute("pragma cache_size = -65536")
    db.execute("pragma temp_store = MEMORY")
    # "insert or replace" of a stored article or sentence fires the full-text index's delete
    # trigger for the row it replaces only with recursive triggers on (schema.FTS)
    db.execute("pragma recursive_triggers = on")
    db.execute("pragma journal_size_limit = 67108864")  # truncate a grown WAL back to 64 MB
    # checkpoint the WAL into the database every 64 MB rather than every 4 MB: a page that
    # several commits change (an index page, the end of a table) is copied once, not each time
    db.execute("pragma wal_autocheckpoint = 16384")
    schema.ensure(db)
    return db


class Transactions:
    """Commit-every-half-second transactions with one SAVEPOINT per article."""

    def __init__(self, conn, commit_seconds: float, commit_articles: int = 500):
        self.conn = conn
        self.commit_seconds = commit_seconds
        self.commit_articles = commit_articles
        self.since = None
        self.pending = 0

    def article(self, fn) -> Exception | None:
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("begin immediate")
            self.since = time.monotonic()
            self.pending = 0
        conn.execute("savepoint article")
        try:
            fn()
        except Exception as e:
            conn.execute("rollback to article")
            conn.execute("release article")
            return e
        conn.execute("release article")
        self.pending += 1
        if (self.pending >= self.commit_articles
                or time.monotonic() - self.since >= self.commit_seconds):
            conn.execute("commit")
        return None

    def finish(self):
        if self.conn.in_transaction:
            self.conn.execute("commit")


class Writer:
    """Writes one analysed article and its child rows with plain executemany calls, inside the
    caller's transaction (sqlite-utils' insert_all would commit on its own)."""

    def __init__(self, db: sqlite_utils.Database, lexicon):
        self.db = db
        self.conn = db.conn
        self.lexicon = lexicon
        self.sql = {"articles": schema.insert_sql("articles")[0]}
        for table, columns in (("sentences", SENTENCE_COLUMNS), ("quotes", QUOTE_COLUMNS),
                               ("loaded_word_occurrences", OCCURRENCE_COLUMNS)):
            self.sql[table] = schema.insert_sql(table, columns)[0]
        self.article_cols = schema.insert_sql("articles")[1]
        # what this writer has written: outlet id -> its domain (None: none yet), and
        # (story, title) pairs
        self._outlet_domains: dict[str, str | None] = {}
        self._stories: set = set()
        # which outlet an article goes under (store/outlets.py), and the outlets filed by
        # their domain that this writer wrote to (named after their labels at the end)
        self.filing = Filing.of(self.conn)
        self.outlets_by_labels: set[str] = set()

    def known(self, article_id: str):
        """(fingerprint, metrics_version, lexicon_version, story) of a stored article, or
        None."""
        return self.conn.execute(
            "select fingerprint, metrics_version, lexicon_version, story from articles "
            "where id = ?", [article_id]).fetchone()

    def _children(self, aid, sentences, quotes, occurrences, existed: bool):
        conn = self.conn
        if existed:
            for table in ("sentences", "quotes", "loaded_word_occurrences"):
                conn.execute(f"delete from [{table}] where article_id = ?", [aid])
        if sentences:
            conn.executemany(self.sql["sentences"], sentences)
        if quotes:
            conn.executemany(self.sql["quotes"], quotes)
        if occurrences:
            conn.executemany(self.sql["loaded_word_occurrences"], occurrences)

    def write(self, article: dict, result, fingerprint: str, existed: bool):
        try:
            self._write(article, result, fingerprint, existed)
        except BaseException:
            # the caller rolls this article back, outlet and story rows included: forget
            # which of those were written
            self._outlet_domains.clear()
            self._stories.clear()
            raise

    def _write(self, article: dict, result, fingerprint: str, existed: bool):
        art_metrics, sentences, quotes, occurrences, _ = result
        conn = self.conn
        aid = article["id"]
        outlet_id = None
        filed = self.filing.outlet(article["outlet"], article.get("domain"))
        if filed:
            outlet_id, name, domain = filed
            if self.filing.by == "domain" or self.filing.aliases:
                self.outlets_by_labels.add(outlet_id)
            # an outlet keeps the first domain it is given: once it has one, skip the URL
            if self._outlet_domains.get(outlet_id) is None:
                if outlet_id not in self._outlet_domains or domain is not None:
                    conn.execute("insert into outlets (id, name, domain) values (?, ?, ?) "
                                 "on conflict(id) do update set domain = "
                                 "coalesce(outlets.domain, excluded.domain)",
                                 [outlet_id, name, domain])
                    self._outlet_domains[outlet_id] = domain
        if article["story"]:
            key = (article["story"], article.get("story_title"))
            if key not in self._stories:
                conn.execute("insert into stories (id, title) values (?, ?) on conflict(id) do "
                             "update set title = coalesce(excluded.title, stories.title)", key)
                self._stories.add(key)
        row = {
            "id": aid,
            "title": article["title"],
            "outlet": outlet_id,
            "outlet_label": article["outlet"],
            "story": article["story"],
            "url": article["url"],
            "date": article["date"],
            "text": article["text"],
            **art_metrics,
            "metrics_version": metrics.METRICS_VERSION,
            "lexicon_version": self.lexicon.version,
            "fingerprint": fingerprint,
            **{k: article.get(k) for k in ("author", "site_name", "source", "extractor",
                                           "extractor_version", "raw_sha1")},
        }
        conn.execute(self.sql["articles"], [row.get(c) for c in self.article_cols])
        self._children(aid, sentences, quotes, occurrences, existed)

    def rewrite_analysis(self, aid: str, result):
        """Replace the metrics and child rows of a stored article (``recompute``)."""
        art_metrics, sentences, quotes, occurrences, _ = result
        cols = [c for c in art_metrics if c in self.article_cols]
        sets = ", ".join(f"[{c}] = ?" for c in cols)
        self.conn.execute(
            f"update articles set {sets}, metrics_version = ?, lexicon_version = ? where id = ?",
            [art_metrics[c] for c in cols] + [metrics.METRICS_VERSION, self.lexicon.version,
                                              aid])
        self._children(aid, sentences, quotes, occurrences, True)

    def queue_stories(self, *stories) -> None:
        """Note stories whose story-level work must run again (in the caller's savepoint, so
        the note is written exactly when the article is)."""
        for story in stories:
            if story:
                self.conn.execute("insert or ignore into pending_stories (story) values (?)",
                                  [story])


def pending_stories(conn) -> set[str]:
    """The stories waiting for their story-level work (see ``Writer.queue_stories``)."""
    return {s for (s,) in conn.execute("select story from pending_stories")}


def clear_pending(conn, stories) -> None:
    """The story-level work of ``stories`` is done: a load, recompute or regrouping has
    finished, so the database's data version (SQLite's ``user_version``) goes up by one in the
    same transaction. Pages keep figures over the whole corpus until it changes (web/state.py):
    a recompute rewrites articles in place, which their count and rowids do not show."""
    with conn:
        conn.executemany("delete from pending_stories where story = ?", [(s,) for s in stories])
        ((version,),) = conn.execute("pragma user_version").fetchall()
        conn.execute(f"pragma user_version = {int(version) + 1}")
