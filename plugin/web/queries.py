"""The SQL behind the comparison views: one home for every query the pages run.

Every query takes its inputs as named parameters; the only names formatted into SQL are metric
column names from ``metrics.COMPARED`` (constants of this package, never user input). Sentence
statistics are computed in SQL over the ``sentences`` primary key (``article_id, position``), so
a page reads only the sentences of the articles it shows.
"""
from __future__ import annotations

import asyncio
import json

from ..analysis.metrics import COMPARED

METRIC_NAMES = [m.name for m in COMPARED]

TABLES_NEEDED = ("articles", "sentences", "quotes", "outlets", "stories")

# --- index -----------------------------------------------------------------------------------

# every story with its counts, in the index's order: run once per change of the data and kept
# (state.Kept.corpus_figures); a search takes its stories, counts and order from this list
STORIES = """
select s.id, s.title, s.kind, count(a.id) as articles,
  count(distinct coalesce(a.outlet, 'article:' || a.id)) as outlets,  -- unidentified: one each
  min(a.date) as first_date, max(a.date) as last_date
from stories s join articles a on a.story = s.id
group by s.id
order by articles desc, s.id
"""

# --- index search: the stories whose title or key has the search as typed (LIKE, so ASCII
# letters in either case, and % and _ are wildcards) and the articles whose words match :fts
# (the search as an FTS5 query, pages.fts_query()), their rowids as one JSON array (a common word
# matches tens of thousands: one value costs less than a row each); the view maps those to their
# stories through ARTICLE_STORIES, kept per change of the data (state.Kept.story_places). No
# statement reads the articles table with its texts, nor counts articles per request.
STORIES_TITLED = ("select id from stories "
                  "where title like '%' || :q || '%' or id like '%' || :q || '%'")
ARTICLES_MATCHING = ("select json_group_array(rowid) from articles_fts "
                     "where articles_fts match :fts")
ARTICLE_STORIES = "select rowid as article_rowid, story from articles where story is not null"

HAS_ARTICLES_FTS = "select exists (select 1 from sqlite_master where name = 'articles_fts')"


CORPUS_COUNTS = """
select (select count(*) from articles) as articles,
  (select count(*) from outlets) as outlets,
  (select count(*) from stories) as stories
"""

# --- story -----------------------------------------------------------------------------------

STORY = ("select id, title, coalesce(kind, 'given') as kind, first_date, last_date, key_terms "
         "from stories where id = :story")

_article_cols = ", ".join(f"a.[{m}]" for m in METRIC_NAMES)
# each metric's difference from the mean of the *other* articles of the story
_others = ",\n  ".join(
    f"case when count(a.[{m}]) over () > 1 then a.[{m}] - "
    f"(sum(a.[{m}]) over () - a.[{m}]) / (count(a.[{m}]) over () - 1) end as [{m}__vs_others]"
    for m in METRIC_NAMES
)

STORY_ARTICLES = f"""
select a.id, coalesce(a.title, (select substr(s.text, 1, 200) from sentences s
    where s.article_id = a.id and s.is_boilerplate = 0 order by s.position limit 1)) as title,
  a.title is null as untitled, a.url, a.date, a.outlet, o.name as outlet_name, a.words, a.sentences,
  a.boilerplate_sentences, a.own_voice_words, a.loaded_words_own_voice,
  a.loaded_words_in_quotes, a.quotes, a.speakers, a.copy_of, a.story_similarity,
  {_article_cols},
  {_others}
from articles a left join outlets o on o.id = a.outlet
where a.story = :story
order by coalesce(o.name, 'zzz'), a.id
"""



_STORY_ARTICLE_IDS = "select a.id from articles a where a.story = :story"

# every prose sentence of the story, for the distribution charts and the alignment
STORY_SENTENCES = "select s.article_id, s.position, s.start, s.[end], s.text, " + ", ".join(
    f"s.[{m}]" for m in METRIC_NAMES) + f"""
from sentences s
where s.article_id in ({_STORY_ARTICLE_IDS}) and s.is_boilerplate = 0
order by s.article_id, s.position
"""

# the most loaded sentences of each article in its own voice, with the words found in them
STORY_MOST_LOADED = f"""
with top as (
  select * from (
    select s.article_id, s.position, s.start, s.[end], s.text, s.loaded_words_own_voice,
      s.loaded_per_100_words,
      row_number() over (partition by s.article_id
        order by s.loaded_words_own_voice desc, s.loaded_per_100_words desc, s.position) as rank
    from sentences s
    where s.article_id in ({_STORY_ARTICLE_IDS}) and s.is_boilerplate = 0
      and s.loaded_words_own_voice > 0
  ) where rank <= :top
)
select t.article_id, t.position, t.start, t.[end], t.text, t.loaded_words_own_voice,
  t.loaded_per_100_words, t.rank,
  w.start as word_start, w.[end] as word_end, w.term, w.category
from top t left join loaded_word_occurrences w
  on w.article_id = t.article_id and w.start >= t.start and w.[end] <= t.[end] and w.in_quote = 0
    and w.weight > 0 and w.story_word = 0
order by t.article_id, t.rank, w.start
"""

# the words the story's articles share, set aside from every outlet's loaded words
STORY_WORDS = """
select term, reason from story_words where story = :story order by term
"""

STORY_QUOTES = f"""
select q.article_id, q.position, q.start, q.[end], q.text, q.kind,
  coalesce(sp.name, q.speaker_name, q.speaker) as speaker, q.speaker_id,
  q.speaker as speaker_words
from quotes q left join speakers sp on sp.id = q.speaker_id
where q.article_id in ({_STORY_ARTICLE_IDS}) and q.kind = 'direct'
order by q.article_id, q.start
"""

# who each outlet quotes: direct quotations per canonical speaker and article
STORY_SPEAKERS = f"""
select q.speaker_id, sp.name, sp.kind, q.article_id, count(*) as quotes,
  sum(q.[end] - q.start) as quoted_chars
from quotes q left join speakers sp on sp.id = q.speaker_id
where q.article_id in ({_STORY_ARTICLE_IDS}) and q.kind = 'direct'
group by q.speaker_id, q.article_id
order by q.speaker_id is null, count(*) desc
"""

# --- article ---------------------------------------------------------------------------------

ARTICLE = """
select a.*, o.name as outlet_name, st.title as story_title,
  coalesce(a.title, (select substr(s.text, 1, 200) from sentences s
    where s.article_id = a.id and s.is_boilerplate = 0 order by s.position limit 1)
  ) as display_title
from articles a left join outlets o on o.id = a.outlet left join stories st on st.id = a.story
where a.id = :article
"""

ARTICLE_SENTENCES = """
select * from sentences where article_id = :article order by position
"""

ARTICLE_QUOTES = """
select * from quotes where article_id = :article order by start
"""

ARTICLE_OCCURRENCES = """
select * from loaded_word_occurrences where article_id = :article order by start
"""

# --- outlet ----------------------------------------------------------------------------------

OUTLET = "select id, name, domain from outlets where id = :outlet"
# the outlet page's: with the input labels filed under it (``outlets.labels``, a column a
# database loaded by an older release lacks: hence every column)
OUTLET_PAGE = "select * from outlets where id = :outlet"

OUTLET_ARTICLES = f"""
select a.id, a.title, a.url, a.date, a.story, st.title as story_title, a.words, a.sentences,
  {_article_cols}
from articles a left join stories st on st.id = a.story
where a.outlet = :outlet
order by a.date desc, a.id
limit :limit
"""

_agg = ",\n  ".join(
    f"avg([{m}]) as [{m}__mean], "
    f"sqrt(max(avg([{m}] * [{m}]) - avg([{m}]) * avg([{m}]), 0)) as [{m}__sd], "
    f"count([{m}]) as [{m}__n]"
    for m in METRIC_NAMES
)

OUTLET_SUMMARY = f"""
select count(*) as articles, {_agg}
from articles where outlet = :outlet
"""

CORPUS_SUMMARY = f"""
select count(*) as articles, {_agg}
from articles
"""

# every outlet's summary (OUTLET_SUMMARY's figures, the same sums in the same index order),
# for where one outlet sits among all of them and for the outlet page's own figures
OUTLET_SUMMARIES = f"""
select a.outlet, count(*) as articles, {_agg}
from articles a where a.outlet is not null
group by a.outlet
"""

# a cheap signature of the articles table, to know when cached corpus figures are stale
# (two subqueries: each reads one end of an index, where "count(*), max(rowid)" together scans;
# the data version, bumped when a load or recompute finishes, tells articles rewritten in place)
ARTICLES_SIGNATURE = ("select (select count(*) from articles), "
                      "(select max(rowid) from articles), "
                      "(select user_version from pragma_user_version)")


def outlet_articles_by_distance(order: str) -> str:
    """The outlet's articles ordered by their distance from the outlet's own mean profile,
    each metric standardised by the corpus standard deviation (parameters ``mean_<m>`` and
    ``sd_<m>``). ``order`` is "asc" (most typical first) or "desc" (most extreme first)."""
    assert order in ("asc", "desc")
    terms = " + ".join(
        f"coalesce(((a.[{m}] - :mean_{m}) / :sd_{m}) * ((a.[{m}] - :mean_{m}) / :sd_{m}), 0)"
        for m in METRIC_NAMES)
    return f"""
select a.id, coalesce(a.title, a.id) as title, a.story, sqrt({terms}) as distance
from articles a where a.outlet = :outlet
order by distance {order}, a.id
limit :limit
"""


OUTLET_TYPICAL = outlet_articles_by_distance("asc")
OUTLET_EXTREME = outlet_articles_by_distance("desc")


# --- speaker ---------------------------------------------------------------------------------

SPEAKER = "select id, name, kind, roles, quotes, articles, outlets, stories from speakers " \
          "where id = :speaker"

# the outlets that quote a speaker, how often
SPEAKER_OUTLETS = """
select sa.outlet, o.name as outlet_name, sum(sa.quotes) as quotes,
  count(*) as articles, count(distinct sa.story) as stories
from speaker_articles sa left join outlets o on o.id = sa.outlet
where sa.speaker_id = :speaker
group by sa.outlet
order by quotes desc, coalesce(o.name, sa.outlet)
"""

# the speaker's quotations, story by story: those of the first :limit articles quoting it (by
# story, outlet and article; read from the covering index of speaker_articles, so that a speaker
# quoted thousands of times does not sort all its quotations)
SPEAKER_QUOTES = """
with arts as (
  select sa.article_id, sa.story, sa.outlet from speaker_articles sa
  where sa.speaker_id = :speaker
  order by sa.story is null, sa.story, sa.outlet, sa.article_id
  limit :limit
)
select q.article_id, q.position, q.text, q.speaker, q.speaker_role, q.partial,
  a.title, a.date, a.outlet, o.name as outlet_name, a.story, st.title as story_title
from arts join quotes q on q.article_id = arts.article_id and q.speaker_id = :speaker
  join articles a on a.id = q.article_id
  left join outlets o on o.id = a.outlet left join stories st on st.id = a.story
order by arts.story is null, arts.story, arts.outlet, q.article_id, q.position
"""

# an outlet's source mix and the speakers it quotes most (precomputed at load; a database
# loaded before there were speakers has neither table until `media-bias recompute`)
OUTLET_SOURCE_TABLES = ("outlet_sources", "outlet_speakers")

OUTLET_SOURCES = """
select kind, quotes, shared_quotes, others_quotes from outlet_sources where outlet = :outlet
"""

OUTLET_TOP_SPEAKERS = """
select t.speaker_id, sp.name, sp.kind, t.quotes, t.articles, t.others_quotes
from outlet_speakers t join speakers sp on sp.id = t.speaker_id
where t.outlet = :outlet
order by t.rank
"""

# --- running them ------------------------------------------------------------------------

async def rows(db, sql, params=None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def rows_together(db, statements) -> list[list[dict] | None]:
    """The rows of several ``(sql, params)`` or ``(sql, params, tables)`` at once, in one visit
    to a SQL thread: a page's small reads cost less than the hand-over to a thread each. A
    statement whose ``tables`` (or indexes) are not all in the database is not run (None: a
    database loaded by an older release). Each statement has Datasette's time limit, as
    ``db.execute`` gives."""
    from datasette.utils import sqlite_timelimit

    limit = db.ds.sql_time_limit_ms

    def run(conn):
        names = None
        out = []
        for sql, params, *tables in statements:
            if tables:
                if names is None:
                    names = {r[0] for r in conn.execute(
                        "select name from sqlite_master where type in ('table', 'index')")}
                if not names.issuperset(tables[0]):
                    out.append(None)
                    continue
            with sqlite_timelimit(conn, limit):
                cursor = conn.execute(sql, params or {})
                columns = [d[0] for d in cursor.description]
                out.append([dict(zip(columns, r)) for r in cursor.fetchall()])
        return out

    return await db.execute_fn(run)


async def search_hits(db, q: str, fts: str) -> tuple[list[str], list[int]]:
    """An index search's two reads, each with Datasette's time limit, on two SQL threads at
    once: the keys of the stories whose title or key has ``q`` (STORIES_TITLED), and the rowids
    of the articles whose words match ``fts`` (ARTICLES_MATCHING; none when ``fts`` is empty or
    the database has no articles' full-text index)."""
    async def titled():
        return [r[0] for r in (await db.execute(STORIES_TITLED, {"q": q})).rows]

    async def matching():
        if not fts or not (await db.execute(HAS_ARTICLES_FTS)).first()[0]:
            return []
        return json.loads((await db.execute(ARTICLES_MATCHING, {"fts": fts})).first()[0])

    return tuple(await asyncio.gather(titled(), matching()))


async def unlimited_rows(db, sql, params=None) -> list[dict]:
    """Like rows(), without Datasette's per-request SQL time limit: for the aggregates over the
    whole corpus that are computed once per change of the data."""
    def run(conn):
        cursor = conn.execute(sql, params or {})
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, r)) for r in cursor.fetchall()]

    return await db.execute_fn(run)


# --- outlet comparisons (tables written at load by pipeline/outlet_stats.py) -------------------

OUTLET_TABLES = ("outlet_story_means", "outlet_vs_others", "outlet_pairs", "outlet_months")

OUTLET_A = "select id, name, domain from outlets where id = :a"

# an outlet against the other outlets on the same stories, one row per metric
OUTLET_VS_OTHERS = "select * from outlet_vs_others where outlet = :outlet"
# the outlet's wire copies of an article of their own story, which the comparisons leave out
# (pipeline/outlet_stats.py; through the copy_of index, a range of texts (the planner does not
# take the index for "is not null"), "+" keeping the outlet's index unused;
# not run without it, in a database loaded by an older release; the test of
# store.schema.copy_in_its_story, written out: the pages' SQL is constant text)
OUTLET_COPIES_NEEDS = ("idx_articles_copy_of",)
OUTLET_COPIES = """
select count(*) as copies from articles a
where a.copy_of >= '' and +a.outlet = :outlet
  and exists (select 1 from articles o where o.id = a.copy_of and o.story is a.story)
"""

OUTLET_MONTHS = """
select month, metric, articles, mean, stories, outlet_same_stories, others_same_stories
from outlet_months where outlet = :outlet order by month, metric
"""

# the outlets sharing the most stories with :outlet (pairs are stored once, a < b)
OUTLET_PARTNERS = """
select p.other, o.name, p.stories, p.difference, p.ci_low, p.ci_high from (
  select b as other, stories, difference, ci_low, ci_high from outlet_pairs
  where a = :outlet and metric = :metric
  union all
  select a as other, stories, -difference, -ci_high, -ci_low from outlet_pairs
  where b = :outlet and metric = :metric
) p left join outlets o on o.id = p.other
order by p.stories desc, p.other
limit :limit
"""

# the stored pair figures, every metric (a - b with a < b: the page turns them round)
OUTLET_PAIR = """
select a, b, metric, stories, difference, ci_low, ci_high from outlet_pairs
where a = min(:a, :b) and b = max(:a, :b)
"""

# both outlets' story means on every story both covered (the shared stories found by merging
# the two outlets' index ranges, not by a lookup per story of the bigger outlet)
OUTLET_PAIR_CELLS = """
with shared as (
  select story from outlet_story_means where outlet = :a
  intersect
  select story from outlet_story_means where outlet = :b
)
select shared.story, st.title as story_title, x.articles as a__articles,
  y.articles as b__articles, """ + ", ".join(
    f"x.[{m}] as [a__{m}], y.[{m}] as [b__{m}]" for m in METRIC_NAMES) + """
from shared
join outlet_story_means x on x.story = shared.story and x.outlet = :a
join outlet_story_means y on y.story = shared.story and y.outlet = :b
left join stories st on st.id = shared.story
order by shared.story
"""

# the :top outlets sharing the most stories with others, for one metric's matrix
MATRIX_OUTLETS = """
select v.outlet, o.name, v.stories, v.difference, v.ci_low, v.ci_high, v.rank, v.ranked_among
from outlet_vs_others v left join outlets o on o.id = v.outlet
where v.metric = :metric and v.stories > 0
order by v.stories desc, v.outlet
limit :top
"""

MATRIX_PAIRS = """
with top as (
  select outlet from outlet_vs_others where metric = :metric and stories > 0
  order by stories desc, outlet limit :top
)
select a, b, stories, difference, ci_low, ci_high from outlet_pairs
where metric = :metric and a in (select outlet from top) and b in (select outlet from top)
"""

# --- coverage: what each outlet reported that the others did not (pipeline/coverage.py) ------

COVERAGE_TABLES = ("coverage_matches", "article_coverage", "entity_mentions")


async def has_coverage_tables(db) -> bool:
    """Whether the coverage tables exist (a database loaded by an older release gets them at its
    next load or recompute)."""
    names = set(await db.table_names())
    return all(t in names for t in COVERAGE_TABLES)


# the judged sentences of a story, with their status, score and the details no other has
STORY_COVERAGE = f"""
select s.article_id, s.position, s.coverage, s.coverage_score, s.coverage_missing
from sentences s
where s.article_id in ({_STORY_ARTICLE_IDS}) and s.coverage is not null
order by s.article_id, s.position
"""
# the evidence: each judged sentence's best matches in the other articles
STORY_COVERAGE_MATCHES = f"""
select m.article_id, m.position, m.other_article_id, m.other_position, m.score
from coverage_matches m
where m.article_id in ({_STORY_ARTICLE_IDS})
order by m.article_id, m.position, m.score desc, m.other_article_id, m.other_position
"""
# the loaded words each article uses in its own voice (not those the story's articles share),
# for the matched sentences worded differently (compare.words.aligned_wording)
STORY_OWN_LOADED = f"""
select w.article_id, w.start, w.[end], w.term from loaded_word_occurrences w
where w.article_id in ({_STORY_ARTICLE_IDS}) and w.in_quote = 0 and w.weight > 0
  and w.story_word = 0
order by w.article_id, w.start
"""
STORY_ARTICLE_COVERAGE = f"""
select c.* from article_coverage c where c.article_id in ({_STORY_ARTICLE_IDS})
"""
STORY_ENTITIES = f"""
select e.article_id, e.key, e.entity, e.kind, e.text, e.mentions, e.start, e.[end]
from entity_mentions e
where e.article_id in ({_STORY_ARTICLE_IDS})
order by e.article_id, e.start
"""
# an outlet's coverage rates over its articles on stories with other articles (OUTLET_COVERAGE),
# and every outlet's at once (OUTLET_COVERAGES: the pages keep them until the data changes)
_OUTLET_COVERAGE_COLUMNS = """count(*) as articles, count(distinct c.story) as stories,
  sum(c.judged) as judged, sum(c.only_here) as only_here, sum(c.partly) as partly,
  sum(c.covered) as covered,
  sum(case when c.only_here + c.partly > 0 then 1 else 0 end) as articles_with_own,
  sum(case when c.left_out is not null then c.others_judged end) as others_judged,
  sum(c.left_out) as left_out,
  count(c.left_out) as articles_left_out_known,
  sum(case when c.left_out > 0 then 1 else 0 end) as articles_leaving_out,
  sum(c.entities) as entities, sum(c.entities_only_here) as entities_only_here"""
OUTLET_COVERAGE = f"""
select {_OUTLET_COVERAGE_COLUMNS}
from articles a join article_coverage c on c.article_id = a.id
where a.outlet = :outlet and c.judged > 0
"""
OUTLET_COVERAGES = f"""
select a.outlet, {_OUTLET_COVERAGE_COLUMNS}
from article_coverage c join articles a on a.id = c.article_id
where c.judged > 0
group by a.outlet
"""
