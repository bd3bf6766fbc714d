"""The SQL behind the comparison views: one home for every query the pages run.

Every query takes its inputs as named parameters; the only names formatted into SQL are metric
column names from ``metrics.COMPARED`` (constants of this package, never user input). Sentence
statistics are computed in SQL over the ``sentences`` primary key (``article_id, position``), so
a page reads only the sentences of the articles it shows.
"""
from __future__ import annotations

from ..analysis.metrics import COMPARED

METRIC_NAMES = [m.name for m in COMPARED]

TABLES_NEEDED = ("articles", "sentences", "quotes", "outlets", "stories")

# --- index -----------------------------------------------------------------------------------

STORIES = """
select s.id, s.title, count(a.id) as articles,
  count(distinct coalesce(a.outlet, 'article:' || a.id)) as outlets,  -- unidentified: one each
  min(a.date) as first_date, max(a.date) as last_date
from stories s join articles a on a.story = s.id
where (:q = '' or s.title like '%' || :q || '%' or s.id like '%' || :q || '%')
group by s.id
order by articles desc, s.id
limit :limit offset :offset
"""

STORIES_COUNT = """
select count(*) from stories s
where (:q = '' or s.title like '%' || :q || '%' or s.id like '%' || :q || '%')
  and exists (select 1 from articles a where a.story = s.id)
"""

CORPUS_COUNTS = """
select (select count(*) from articles) as articles,
  (select count(*) from outlets) as outlets,
  (select count(*) from stories) as stories
"""

# --- story -----------------------------------------------------------------------------------

STORY = "select id, title from stories where id = :story"

_article_cols = ", ".join(f"a.[{m}]" for m in METRIC_NAMES)
# each metric's difference from the mean of the *other* articles of the story
_others = ",\n  ".join(
    f"case when count(a.[{m}]) over () > 1 then a.[{m}] - "
    f"(sum(a.[{m}]) over () - a.[{m}]) / (count(a.[{m}]) over () - 1) end as [{m}__vs_others]"
    for m in METRIC_NAMES
)

STORY_ARTICLES = f"""
select a.id, coalesce(a.title, (select substr(s.text, 1, 90) from sentences s
    where s.article_id = a.id and s.is_boilerplate = 0 order by s.position limit 1)) as title,
  a.title is null as untitled, a.url, a.date, a.outlet, o.name as outlet_name, a.words, a.sentences,
  a.boilerplate_sentences, a.own_voice_words, a.loaded_words_own_voice,
  a.loaded_words_in_quotes, a.quotes, a.speakers,
  {_article_cols},
  {_others}
from articles a left join outlets o on o.id = a.outlet
where a.story = :story
order by coalesce(o.name, 'zzz'), a.id
"""


def _quantile(p: float) -> str:
    """Linear-interpolated quantile p of v within (article, metric), as numpy's default."""
    pos = f"((n - 1) * {p})"
    lo = f"cast({pos} as integer)"
    frac = f"({pos} - {lo})"
    return (f"sum(case when r = {lo} then v * (1 - {frac}) "
            f"when r = {lo} + 1 then v * {frac} else 0 end)")


def sentence_spread(where: str) -> str:
    """Per-article distribution of each metric over its prose sentences.

    ``where`` restricts the articles (a constant SQL fragment using named parameters).
    """
    unions = "\n  union all\n  ".join(
        f"select s.article_id, '{m}' as metric, s.[{m}] as v from sentences s "
        f"where s.article_id in (select a.id from articles a where {where}) "
        f"and s.is_boilerplate = 0 and s.[{m}] is not null"
        for m in METRIC_NAMES
    )
    return f"""
with vals as (
  {unions}
), ranked as (
  select article_id, metric, v,
    row_number() over (partition by article_id, metric order by v) - 1 as r,
    count(*) over (partition by article_id, metric) as n
  from vals
)
select article_id, metric, count(*) as n, min(v) as min, {_quantile(0.25)} as q1,
  {_quantile(0.5)} as median, {_quantile(0.75)} as q3, max(v) as max, avg(v) as mean
from ranked group by article_id, metric
"""


STORY_SPREAD = sentence_spread("a.story = :story")

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
order by t.article_id, t.rank, w.start
"""

STORY_QUOTES = f"""
select q.article_id, q.position, q.start, q.[end], q.text, q.speaker, q.kind
from quotes q
where q.article_id in ({_STORY_ARTICLE_IDS}) and q.kind = 'direct'
order by q.article_id, q.start
"""

# who each outlet quotes: direct quotations per speaker and article
STORY_SPEAKERS = f"""
select q.speaker, q.article_id, count(*) as quotes, sum(q.[end] - q.start) as quoted_chars
from quotes q
where q.article_id in ({_STORY_ARTICLE_IDS}) and q.kind = 'direct'
group by q.speaker, q.article_id
order by q.speaker is null, count(*) desc
"""

# --- article ---------------------------------------------------------------------------------

ARTICLE = """
select a.*, o.name as outlet_name, st.title as story_title,
  coalesce(a.title, (select substr(s.text, 1, 90) from sentences s
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

# every outlet's mean of each metric (for where one outlet sits among all of them)
OUTLET_MEANS = "select a.outlet, count(*) as articles, " + ", ".join(
    f"avg(a.[{m}]) as [{m}]" for m in METRIC_NAMES) + """
from articles a where a.outlet is not null
group by a.outlet
"""

# a cheap signature of the articles table, to know when cached corpus figures are stale
# (two subqueries: each reads one end of an index, where "count(*), max(rowid)" together scans)
ARTICLES_SIGNATURE = ("select (select count(*) from articles), "
                      "(select max(rowid) from articles)")


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


# --- running them ------------------------------------------------------------------------

async def rows(db, sql, params=None) -> list[dict]:
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def unlimited_rows(db, sql, params=None) -> list[dict]:
    """Like rows(), without Datasette's per-request SQL time limit: for the aggregates over the
    whole corpus that are computed once per change of the data."""
    def run(conn):
        cursor = conn.execute(sql, params or {})
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, r)) for r in cursor.fetchall()]

    return await db.execute_fn(run)
