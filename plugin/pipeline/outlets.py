"""Filing the stored articles under their outlets again, after the filing rules changed
(``media-bias outlets``: by label or by web domain, aliases; ``store/outlets.py``).

Every article's outlet is worked out again from the label its input gave
(``articles.outlet_label``; for a database loaded before that column, the name of the outlet it
was filed under) and its URL's domain, with the new rules, which are stored for later loads.
Outlets no article is filed under any more are removed. Wire copies are links between
different outlets, so the automatic stories are grouped again; then every story stage runs for
the whole database (coverage, story words, speakers, outlet statistics).
"""
from __future__ import annotations

import sqlite3
import time

from ..ingest.records import outlet_from_url
from ..store import outlets as filing_rules
from ..store.outlets import FilingConflict, parse_alias  # noqa: F401 (for the command line)
from ..store.writer import open_database
from . import stages
from .stories import ungroup


def stored_rules(db_path) -> dict:
    """The filing rules stored in ``db_path``: {"by", "aliases"} (ValueError for a database
    that is not a media-bias one; nothing is created in it)."""
    conn = sqlite3.connect(db_path)
    try:
        if not conn.execute("select 1 from sqlite_master where name = 'articles'").fetchone():
            raise ValueError(f"{db_path}: not a media-bias database (no articles table)")
        try:
            rules = filing_rules.Filing.of(conn)
        except sqlite3.OperationalError:  # loaded by a release before the filing rules
            rules = filing_rules.Filing()
    finally:
        conn.close()
    return {"by": rules.by, "aliases": rules.aliases}


# the tables whose rows belong to an outlet (by id)
_OUTLET_KEYED = [("outlet_sources", ["outlet"]), ("outlet_speakers", ["outlet"]),
                 ("outlet_story_means", ["outlet"]), ("outlet_vs_others", ["outlet"]),
                 ("outlet_pairs", ["a", "b"]), ("outlet_months", ["outlet"])]


def refile(db_path, by: str | None = None, add_aliases: dict[str, str] | None = None,
           remove_aliases=(), clear_aliases: bool = False, report=None):
    """Store the new rules (``by``: "label" or "domain", None to keep; aliases added,
    removed or all cleared) and file every stored article by them. Returns (report,
    {"articles": filed under another outlet, "outlets_before": n, "outlets": n, "rules":
    Filing})."""
    from .driver import LoadReport  # the report of a load, reused for its timings

    report = report or LoadReport()
    started = time.monotonic()
    db = open_database(db_path)
    try:
        conn = db.conn
        old = filing_rules.Filing.of(conn)
        aliases = {} if clear_aliases else dict(old.aliases)
        folded = {k.strip().casefold() for k in remove_aliases}
        unknown = folded - {k.strip().casefold() for k in aliases}
        if unknown:
            raise ValueError(f"{db_path}: no alias for {', '.join(sorted(unknown))!s}")
        aliases = {k: v for k, v in aliases.items() if k.strip().casefold() not in folded}
        aliases.update(add_aliases or {})
        rules = filing_rules.Filing(by or old.by, aliases)
        (before,) = conn.execute("select count(*) from outlets").fetchone()
        moved = 0
        with conn:
            rules.save(conn)
            conn.execute("update articles set outlet_label = (select name from outlets where "
                         "outlets.id = articles.outlet) where outlet_label is null")
            rows = conn.execute("select id, outlet, outlet_label, url from articles").fetchall()
            known = {r[0] for r in conn.execute("select id from outlets")}
            updates, touched = [], set()
            for aid, current, label, url in rows:
                filed = rules.outlet(label, outlet_from_url(url) if url else None)
                oid = filed[0] if filed else None
                if filed:
                    touched.add(oid)
                    if oid not in known:
                        conn.execute("insert into outlets (id, name, domain) values (?, ?, ?)",
                                     filed)
                        known.add(oid)
                    elif filed[2]:
                        conn.execute("update outlets set domain = coalesce(domain, ?) "
                                     "where id = ?", [filed[2], oid])
                if oid != current:
                    updates.append((oid, aid))
            conn.executemany("update articles set outlet = ? where id = ?", updates)
            moved = len(updates)
            conn.execute("delete from outlets where id not in "
                         "(select outlet from articles where outlet is not null)")
            # the comparison rows of outlets that are gone (the stages redo the others)
            for table, cols in _OUTLET_KEYED:
                for col in cols:
                    conn.execute(f"delete from [{table}] where [{col}] not in "
                                 f"(select id from outlets)")
            if rules.by == "label":  # an outlet filed by label is named by it (or its alias)
                names = {}
                for (label,) in conn.execute("select distinct outlet_label from articles"):
                    filed = rules.outlet(label, None)
                    if filed:
                        names[filed[0]] = filed[1]
                conn.executemany("update outlets set name = ?, labels = null where id = ?",
                                 [(name, oid) for oid, name in names.items()])
            filing_rules.refresh_names(conn, touched, rules)
            if moved:
                ungroup(conn)
        (after,) = conn.execute("select count(*) from outlets").fetchone()
        if moved:
            stages.run(db, stages.Changes(everything=True), report)
    finally:
        db.conn.close()
    report.seconds = time.monotonic() - started
    return report, {"articles": moved, "outlets_before": before, "outlets": after,
                    "rules": rules}
