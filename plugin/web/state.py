"""What the pages keep between requests, on one object per Datasette instance (never in module
globals): the corpus-wide figures of each database, the locks that compute them once, and the
synchronous Jinja environment the page bodies render with."""
from __future__ import annotations

import asyncio

from . import compat, pages, queries


class State:
    def __init__(self, datasette):
        self.datasette = datasette
        self.by_database: dict = {}  # (database name, path) -> Kept, at its data's signature
        self._env = None  # (Datasette's jinja_env, its synchronous twin)

    def sync_env(self, request=None):
        """A synchronous Jinja environment over Datasette's template loader (so templates
        users put in --template-dir still win), with its filters and globals. Datasette renders
        in async mode, where every piece of output passes through a chain of async
        generators; the big per-page bodies render several times faster without that."""
        from jinja2 import Environment

        env = compat.jinja_env(self.datasette, request)
        if self._env is None or self._env[0] is not env:
            sync = Environment(loader=env.loader, autoescape=True,
                               extensions=list(env.extensions), trim_blocks=env.trim_blocks,
                               lstrip_blocks=env.lstrip_blocks)
            sync.filters.update(env.filters)
            sync.globals.update(env.globals)
            self._env = (env, sync)
        return self._env[1]

    async def kept(self, db) -> Kept:
        """What is kept of ``db`` while its data stays the same: one cheap query (the
        articles' count and largest rowid, and the data version a load, recompute or regroup
        bumps when it finishes) tells whether the kept figures are still those of its data;
        when they are not, they start again empty."""
        signature = tuple((await db.execute(queries.ARTICLES_SIGNATURE)).first())
        key = (db.name, db.path)
        kept = self.by_database.get(key)
        if kept is None or kept.signature != signature:
            kept = self.by_database[key] = Kept(db, signature)
        return kept

    async def corpus_figures(self, db) -> dict:
        """``Kept.corpus_figures`` of ``db`` at its data's current signature."""
        return await (await self.kept(db)).corpus_figures()


class Kept:
    """The figures of one database at one signature of its data, each computed on first use."""

    def __init__(self, db, signature):
        self.db = db
        self.signature = signature
        self.figures: dict = {}  # kind -> figures
        self.locks: dict = {}  # (kind, event loop id) -> asyncio.Lock
        # what pages draw from the kept figures (position charts' dots), filled as they ask
        self.memo: dict = {}

    async def figures_of(self, kind, compute):
        """``compute(db)``'s figures, computed once for this signature of the data."""
        if kind in self.figures:
            return self.figures[kind]
        # one computation at a time: concurrent first requests wait for it instead of each
        # aggregating the whole corpus (and running into the SQL time limit together)
        lock = self.locks.setdefault((kind, id(asyncio.get_running_loop())), asyncio.Lock())
        async with lock:
            if kind not in self.figures:
                self.figures[kind] = await compute(self.db)
        return self.figures[kind]

    async def corpus_figures(self) -> dict:
        """Figures over the whole database (corpus summary, every outlet's summary and means,
        the story list with its counts), computed in SQL once and kept until the data
        changes."""
        return await self.figures_of("corpus", _corpus_figures)

    async def story_places(self) -> pages.StoryPlaces:
        """Where each story of the kept story list stands, by key and by its articles' rowids
        (what a search maps the articles it finds through), kept like the corpus figures."""
        stories = (await self.corpus_figures())["stories"]

        async def compute(db):
            return pages.story_places(
                stories, await queries.unlimited_rows(db, queries.ARTICLE_STORIES))

        return await self.figures_of("story places", compute)

    async def outlet_coverage(self) -> dict | None:
        """Every outlet's coverage rates (outlet -> its OUTLET_COVERAGE row; an outlet with no
        judged article has none), kept like the corpus figures; None when the database has
        no coverage tables."""
        return await self.figures_of("outlet coverage", _outlet_coverage)


# aggregates over the whole corpus, run once per change of the data: not held to the
# per-request SQL time limit, which a busy server would otherwise overrun

async def _corpus_figures(db) -> dict:
    figures = {
        "summary": (await queries.unlimited_rows(db, queries.CORPUS_SUMMARY))[0],
        "outlet_summaries": {r["outlet"]: r for r in await queries.unlimited_rows(
            db, queries.OUTLET_SUMMARIES)},
        "stories": await queries.unlimited_rows(db, queries.STORIES),
        "counts": (await queries.unlimited_rows(db, queries.CORPUS_COUNTS))[0],
    }
    # every outlet's mean of each metric
    figures["outlet_means"] = [
        {"outlet": outlet, "articles": r["articles"],
         **{m: r[f"{m}__mean"] for m in queries.METRIC_NAMES}}
        for outlet, r in figures["outlet_summaries"].items()]
    return figures


async def _outlet_coverage(db) -> dict | None:
    if not await queries.has_coverage_tables(db):
        return None
    return {r["outlet"]: r for r in await queries.unlimited_rows(db, queries.OUTLET_COVERAGES)}


def state(datasette) -> State:
    """The State of ``datasette`` (made on first use)."""
    found = getattr(datasette, "_media_bias_state", None)
    if found is None:
        found = datasette._media_bias_state = State(datasette)
    return found
