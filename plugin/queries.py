"""The SQL behind the comparison views: one home for every query the pages run.

Every query takes its inputs as named parameters; the only names formatted into SQL are metric
column names from ``metrics.COMPARED`` (constants of this package, never user input). Sentence
statistics are computed in SQL over the ``sentences`` primary key (``article_id, position``), so
a page reads only the sentences of the articles it shows.
"""
from __future__ import annotations

from .metrics import COMPARED

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

# every prose sentence's values, for the distribution charts
STORY_SENTENCE_VALUES = "select s.article_id, s.position, " + ", ".join(
    f"s.[{m}]" for m in METRIC_NAMES) + """
from sentences s
where s.article_id in (select a.id from articles a where a.story = :story)
  and s.is_boilerplate = 0
order by s.article_id, s.position
"""

# --- article ---------------------------------------------------------------------------------

ARTICLE = f"""
select a.*, o.name as outlet_name, st.title as story_title
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
