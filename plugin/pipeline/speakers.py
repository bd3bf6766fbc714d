"""The speakers stage: canonical speakers across articles and outlets, written after the
per-article stage for the stories a load or recompute changed.

Each quotation already carries its speaker as the article names it in full (``speaker_name``,
``speaker_kind``, ``speaker_role``: ``analysis.speakers``, in the worker processes). Here:

1. the stories in ``changes`` (and the changed articles without a story) are merged story by
   story (``compare.speakers.story_keys``): one ``speaker_articles`` row per article and speaker
   key, with the key's surname for people;
2. the database-wide rule - a surname its story never gives in full joins the database's only
   person with that surname in full, or the one most articles name (``compare.speakers.
   resolve``) - is recomputed for every surname those stories named
   before or name now, in every story that has it (``speaker_articles.surname`` is indexed);
3. ``quotes.speaker_id`` is set for the quotations whose speaker changed, and the ``speakers``
   rows of every speaker touched are rebuilt from their quotations (name, roles, counts);
4. the source mix of every outlet touched (``outlet_sources``, ``outlet_speakers``: its
   quotations by kind of speaker, its most quoted speakers, against the other outlets on the
   same stories) is recomputed, for the outlet page.

The result does not depend on the order articles were loaded in: the same articles give the same
tables whether loaded at once or in several loads, and loading the same input twice changes
nothing (``stages.run`` is not even called).
"""
from __future__ import annotations

import json

from ..compare.speakers import (best_name, full_surname, resolve, speaker_id, story_items,
                                story_keys)
from . import stages

_CHUNK = 500


def _chunks(values):
    values = list(values)
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]


def _marks(values) -> str:
    return ",".join("?" * len(values))


def _groups(conn, changes) -> tuple[dict, set]:
    """{group: [(article_id, outlet)]} to merge (a story, or a lone article without one), by
    article id, and every article whose rows are recomputed."""
    found = []  # (article_id, outlet, story)
    if changes.everything:
        found = conn.execute("select id, outlet, story from articles").fetchall()
    else:
        # and the stories of articles a killed load wrote without getting this far (quotations
        # with a name but no speaker yet; read from the quotes(speaker_id, ...) index)
        changes = stages.Changes(set(changes.articles), set(changes.stories))
        for aid, story in conn.execute(
                "select distinct q.article_id, a.story from quotes q join articles a "
                "on a.id = q.article_id where q.speaker_id is null "
                "and q.speaker_name is not null and q.speaker_kind is not null "
                "and q.kind = 'direct'"):
            changes.add(aid, story)
        for chunk in _chunks(sorted(changes.stories)):
            found += conn.execute(f"select id, outlet, story from articles "
                                  f"where story in ({_marks(chunk)})", chunk).fetchall()
        for chunk in _chunks(sorted(changes.articles)):
            found += conn.execute(f"select id, outlet, story from articles where story is null "
                                  f"and id in ({_marks(chunk)})", chunk).fetchall()
    groups: dict = {}
    for aid, outlet, story in sorted(found):
        groups.setdefault(story if story is not None else "article:" + aid, []).append(
            (aid, outlet))
    affected = {aid for aid, _, _ in found} | set(changes.articles)
    return groups, affected


def _speakers_of(conn, article_ids) -> dict:
    """{article_id: [article_speakers rows]} of the direct quotations with a named speaker."""
    out: dict = {}
    for chunk in _chunks(sorted(article_ids)):
        for aid, pos, name, kind, role, surface in conn.execute(
                f"select article_id, position, speaker_name, speaker_kind, speaker_role, "
                f"speaker from quotes where article_id in ({_marks(chunk)}) "
                f"and kind = 'direct' and speaker_name is not null "
                f"and speaker_kind is not null", chunk):
            out.setdefault(aid, []).append({"position": pos, "name": name, "kind": kind,
                                            "role": role, "surface": surface})
    return out


def assign_speakers(db, changes, report) -> None:
    conn = db.conn
    with conn:
        groups, affected = _groups(conn, changes)
        touched: set = set()  # speaker ids whose rows must be rebuilt
        surnames: set = set()  # surnames whose database-wide rule must be recomputed
        outlets = {o for arts in groups.values() for _, o in arts}  # source mixes to redo
        for chunk in _chunks(sorted(affected)):
            for sid, surname, outlet in conn.execute(
                    f"select speaker_id, surname, outlet from speaker_articles "
                    f"where article_id in ({_marks(chunk)})", chunk):
                touched.add(sid)
                outlets.add(outlet)
                if surname:
                    surnames.add(surname)
            conn.execute(f"delete from speaker_articles where article_id in ({_marks(chunk)})",
                         chunk)
        # quotations of the recomputed articles get their speaker below, group by group
        for chunk in _chunks(sorted(affected)):
            conn.execute(f"update quotes set speaker_id = null where article_id in "
                         f"({_marks(chunk)}) and speaker_id is not null", chunk)
        # the groups a few thousand articles at a time, so that memory stays flat however
        # many stories a load changed
        part: list = []
        n = 0
        for group, arts in groups.items():
            part.append((group, arts))
            n += len(arts)
            if n >= _GROUP_ARTICLES:
                _link(conn, part, touched, surnames)
                part, n = [], 0
        if part:
            _link(conn, part, touched, surnames)

        # the database-wide rule, for every surname named before or now
        relinks = []  # (new id, article_id, key) of speaker_articles
        moved = []  # (new id, article_id, old id) of quotes
        for chunk in _chunks(sorted(surnames)):
            full: dict = {}  # surname -> {full-name person key with it: articles naming it}
            for surname, key, articles in conn.execute(
                    f"select surname, key, count(*) from speaker_articles where surname in "
                    f"({_marks(chunk)}) and kind = 'person' and surname_only = 0 "
                    f"group by surname, key", chunk):
                full.setdefault(surname, {})[key] = articles
            for surname, aid, key, old, outlet in conn.execute(
                    f"select surname, article_id, key, speaker_id, outlet from speaker_articles "
                    f"where surname in ({_marks(chunk)}) and surname_only = 1 "
                    f"order by surname, article_id, key", chunk).fetchall():
                target = speaker_id("person", resolve("person", surname, True,
                                                      full.get(surname, {})))
                if old == target:
                    continue
                outlets.add(outlet)
                relinks.append((target, aid, key))
                touched.update((old, target))
                moved.append((target, aid, old))
        conn.executemany("update speaker_articles set speaker_id = ? where article_id = ? "
                         "and kind = 'person' and key = ?", relinks)
        conn.executemany("update quotes set speaker_id = ? where article_id = ? "
                         "and speaker_id = ?", moved)

        _rebuild(conn, touched)
        _source_mix(conn, outlets - {None})


_GROUP_ARTICLES = 2000  # articles whose speakers are merged at a time


def _link(conn, groups, touched: set, surnames: set) -> None:
    """Merge the speakers of ``groups`` ([(group, [(article_id, outlet)])]): their
    ``speaker_articles`` rows, and ``quotes.speaker_id`` before the database-wide rule."""
    named = _speakers_of(conn, (aid for _, arts in groups for aid, _ in arts))
    quote_keys = []  # (article_id, position, kind, key)
    link_rows: dict = {}  # (article_id, kind, key) -> row
    for group, arts in groups:
        story = None if group.startswith("article:") else group
        items = story_items([{"article_id": aid, "outlet": outlet,
                              "speakers": named.get(aid)} for aid, outlet in arts])
        if not items:
            continue
        for (aid, outlet, r), (key, sur_only) in zip(items, story_keys(group, items)):
            kind = r["kind"]
            quote_keys.append((aid, r["position"], kind, key))
            link = link_rows.get((aid, kind, key))
            if link is None:
                surname = key if sur_only else full_surname(kind, key, sur_only)
                link = link_rows[(aid, kind, key)] = {
                    "speaker_id": speaker_id(kind, key), "article_id": aid,
                    "outlet": outlet, "story": story, "kind": kind, "key": key,
                    "surname": surname, "surname_only": int(sur_only), "quotes": 0}
                if surname:
                    surnames.add(surname)
            link["quotes"] += 1
    cols = ["speaker_id", "article_id", "outlet", "story", "kind", "key", "surname",
            "surname_only", "quotes"]
    conn.executemany(
        f"insert into speaker_articles ({', '.join(cols)}) values ({_marks(cols)})",
        [[r[c] for c in cols] for r in link_rows.values()])
    touched.update(r["speaker_id"] for r in link_rows.values())
    conn.executemany("update quotes set speaker_id = ? where article_id = ? and position = ?",
                     [(link_rows[(aid, kind, key)]["speaker_id"], aid, pos)
                      for aid, pos, kind, key in sorted(quote_keys)])


def _rebuild(conn, ids) -> None:
    """The ``speakers`` rows of ``ids`` from their quotations and links (deleted when none is
    left)."""
    for chunk in _chunks(sorted(ids)):
        marks = _marks(chunk)
        conn.execute(f"delete from speakers where id in ({marks})", chunk)
        forms: dict = {}
        for sid, name, n in conn.execute(
                f"select speaker_id, speaker_name, count(*) from quotes where speaker_id in "
                f"({marks}) group by speaker_id, speaker_name", chunk):
            forms.setdefault(sid, {})[name] = n
        roles: dict = {}
        for sid, role, n in conn.execute(
                f"select speaker_id, speaker_role, count(*) from quotes where speaker_id in "
                f"({marks}) and speaker_role is not null group by speaker_id, speaker_role",
                chunk):
            roles.setdefault(sid, []).append((role, n))
        rows = []
        for sid, kind, quotes, articles, outlets, stories in conn.execute(
                f"select speaker_id, min(kind), sum(quotes), count(distinct article_id), "
                f"count(distinct outlet), count(distinct story) from speaker_articles "
                f"where speaker_id in ({marks}) group by speaker_id", chunk):
            if sid not in forms:
                continue
            rows.append((sid, best_name(kind, forms[sid]), kind,
                         json.dumps(merged_roles(roles.get(sid, [])), ensure_ascii=False),
                         quotes,
                         articles, outlets, stories))
        conn.executemany("insert into speakers (id, name, kind, roles, quotes, articles, "
                         "outlets, stories) values (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def merged_roles(counted: list[tuple[str, int]]) -> list[str]:
    """A speaker's roles from (role, quotations giving it): those written alike but for case
    and full stops ("former President", "Former President"; "U.S. President", "US
    President") are one, under its most frequent spelling; the most frequent first."""
    groups: dict = {}
    for role, n in counted:
        g = groups.setdefault(role.lower().replace(".", ""), {})
        g[role] = g.get(role, 0) + n
    ranked = [(-sum(g.values()), min(g, key=lambda r: (-g[r], r))) for g in groups.values()]
    return [role for _, role in sorted(ranked)]


TOP_SPEAKERS = 10  # the speakers an outlet quotes most, kept for its page

# an outlet's direct quotations by kind of speaker: on all its articles, on the stories another
# outlet also covered, and the other outlets' on the stories it covered ("none": no speaker
# named, the article's direct quotations less those with a speaker)
_MIX = """
with mine as (
  select a.id, a.quotes, a.story is not null and exists (select 1 from articles b
      where b.story = a.story and b.outlet is not :outlet) as shared
  from articles a where a.outlet = :outlet
), stories as (
  select distinct story from articles where outlet = :outlet and story is not null
), theirs as (
  select b.id, b.quotes from articles b
  where b.story in (select story from stories) and b.outlet is not :outlet
)
select sa.kind, sum(sa.quotes), sum(case when m.shared then sa.quotes else 0 end), 0
from speaker_articles sa join mine m on m.id = sa.article_id group by sa.kind
union all
select sa.kind, 0, 0, sum(sa.quotes)
from speaker_articles sa join theirs t on t.id = sa.article_id group by sa.kind
union all
select 'all', coalesce(sum(quotes), 0), coalesce(sum(case when shared then quotes else 0 end), 0), 0
from mine
union all
select 'all', 0, 0, coalesce(sum(quotes), 0) from theirs
"""
_TOP = """
select sa.speaker_id, sum(sa.quotes) as quotes, count(*) as articles,
  (select coalesce(sum(o.quotes), 0) from speaker_articles o
   where o.speaker_id = sa.speaker_id and o.outlet is not :outlet
     and o.story in (select story from articles where outlet = :outlet and story is not null)
  ) as others
from speaker_articles sa where sa.outlet = :outlet
group by sa.speaker_id order by quotes desc, sa.speaker_id limit :limit
"""


def _source_mix(conn, outlets) -> None:
    """``outlet_sources`` and ``outlet_speakers`` of ``outlets`` (read by the outlet page)."""
    for outlet in sorted(outlets):
        conn.execute("delete from outlet_sources where outlet = ?", [outlet])
        conn.execute("delete from outlet_speakers where outlet = ?", [outlet])
        counts: dict = {}
        for kind, quotes, shared, others in conn.execute(_MIX, {"outlet": outlet}):
            c = counts.setdefault(kind, [0, 0, 0])
            c[0] += quotes or 0
            c[1] += shared or 0
            c[2] += others or 0
        total = counts.pop("all", [0, 0, 0])
        named = [sum(c[i] for c in counts.values()) for i in range(3)]
        counts["none"] = [total[i] - named[i] for i in range(3)]
        conn.executemany("insert into outlet_sources (outlet, kind, quotes, shared_quotes, "
                         "others_quotes) values (?, ?, ?, ?, ?)",
                         [(outlet, k, *c) for k, c in sorted(counts.items())])
        conn.executemany(
            "insert into outlet_speakers (outlet, rank, speaker_id, quotes, articles, "
            "others_quotes) values (?, ?, ?, ?, ?, ?)",
            [(outlet, i + 1, *r) for i, r in enumerate(conn.execute(
                _TOP, {"outlet": outlet, "limit": TOP_SPEAKERS}))])
