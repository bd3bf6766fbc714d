"""People, organisations, places and figures each article mentions, normalised so that the
articles of a story can be compared ("$1.5 billion" = "1.5bn dollars", "Mr. Schumer" = "Chuck
Schumer").

``mentions(text, sentences)`` -> [{"start", "end", "text", "kind", "key"}] for one article;
``link_keys(per_article)`` -> {key: canonical key} across a story's articles.

Names are runs of capitalised words (titles such as "Mr.", "Sen.", "President" stripped);
figures are amounts, percentages, counts and dates. Kinds: "person", "organisation", "place"
(a country, state, city or region of ``analysis.gazetteer``: "United States", "Capitol Hill"),
"name" (a person, place or organisation the rules cannot tell apart), "amount", "percent",
"count", "date", "year".
"""
from __future__ import annotations

import re
from collections import defaultdict
from operator import itemgetter

from ..analysis import gazetteer
from .textnorm import MONTHS, STOP_WORDS, TITLES, WEEKDAYS, figures, name_runs

# generic English words that mark an organisation's name
ORG_WORDS = frozenset("""department ministry committee commission council agency administration
nations association institute university college school party court bank fund foundation
company corp corporation inc ltd llc group news times post journal network airlines airline
authority board bureau office service services union federation league organization organisation
society center centre congress senate house parliament assembly police army force forces navy
church hospital club team press media""".split())
PERSON_TITLES = frozenset("""mr mrs ms miss dr prof sen senator rep representative gov governor
president secretary judge justice mayor speaker chairman chairwoman minister ambassador
commissioner director attorney coach king queen prince princess sir dame rev pope""".split())
_CONNECT = frozenset("of and for the de van von da al bin del la".split())
# the last word of a name that names a thing, a day or a place, not a person ("Election Day",
# "Affordable Care Act", "Main Street"): such a run is a "name", whatever its shape
THING_HEADS = frozenset("""act acts bill law amendment agreement accord treaty deal plan program
programme initiative report summit conference convention war crisis doctrine order rule day
week festival awards award prize cup games olympics street avenue road square airport station
tower building museum library stadium arena river lake island islands valley county district
province region security""".split())
# capitals that name nothing ("OK", "TV", "CEO") and plural titles ("Sens.")
NOT_NAMES = frozenset("""ok tv ceo cfo coo am pm ps pc vip faq diy lol omg sens reps govs
state""".split())
# titles inside a run, before the person's name: "Senate Majority Leader" + "Jane Roe"
_INNER_TITLES = TITLES - {"the", "st", "saint", "former", "late", "jr", "sr"}
# "I’m", "We’ve": a capitalised contraction names nobody
_CONTRACTION = re.compile(r"[A-Z][a-z]*['’](?:m|ve|re|ll|d)$")
# a party tag after a name: "D-Calif.", "R-Ky."
_PARTY_TAG = re.compile(r"[RDI]\s*[-–]\s*[A-Z]")
_POSS = re.compile(r"['’]s?$")


def _name_key(words: list[str]) -> str:
    return " ".join(filter(None, map(_KEY_WORDS.__getitem__, words)))


class _KeyWords(dict):
    """word -> its form in a key: possessive dropped, no final dot, lower-cased."""

    def __missing__(self, w: str) -> str:
        if len(self) >= 100_000:
            self.clear()
        k = self[w] = _POSS.sub("", w).rstrip(".").lower()
        return k


_KEY_WORDS = _KeyWords()
_PREV_WORD = re.compile(r"[a-z]+\.?")
_SKIP_ONE = WEEKDAYS | frozenset(MONTHS) | STOP_WORDS | TITLES  # not a name alone
_by_position = itemgetter("start", "end")


def mentions(text: str, sentences: list[dict]) -> list[dict]:
    """Names and figures of one article, in text order.

    ``sentences``: the article's sentence rows ({"start", "end", "is_boilerplate", ...});
    boilerplate sentences are skipped. When empty, the whole text is one sentence.
    """
    spans = [(s["start"], s["end"]) for s in sentences if not s.get("is_boilerplate")] \
        if sentences else [(0, len(text))]
    out: list[dict] = []
    append = out.append
    texts = [text[s0:e0] for s0, e0 in spans]
    # capitalised words seen inside sentences: a sentence's first word is a name only if the
    # article also capitalises it elsewhere ("Schumer said" ... "said Schumer")
    inner = set()
    for st in texts:
        for _, _, words in name_runs(st):
            inner.update(map(str.lower, words))
    for (s0, _), st in zip(spans, texts):
        figs = figures(st)
        if figs:
            taken = [(f["start"], f["end"]) for f in figs]
            for f in figs:
                if f["kind"] == "count" and " " not in f["key"] and (f["value"] or 0) <= 10:
                    continue  # a small bare count ("two of them") is no fact to compare
                append({"start": s0 + f["start"], "end": s0 + f["end"], "text": f["text"],
                        "kind": f["kind"], "key": f["key"]})
        runs = name_runs(st, keep_initial=True)
        if not runs:
            continue
        if "'s" in st or "’s" in st:  # runs cut after a possessive
            runs = _split_possessives(st, runs)
        for rs, re_, words in runs:
            if figs and any(a < re_ and rs < b for a, b in taken):
                continue
            if len(words) == 1:
                w0 = words[0]
                lw0 = w0.lower()
                if lw0 not in inner or _KEY_WORDS[w0] in _SKIP_ONE or \
                        _CONTRACTION.match(w0):
                    continue  # (also "Tuesday’s", "President’s")
            elif len(words[0]) == 1 and _PARTY_TAG.match(st, rs):
                continue
            else:
                k = _after_titles(words)
                at = _start_of(st, rs, words, k) if k else -1
                if at >= 0:
                    # "Russian President Vladimir Putin": the person after the titles
                    rs, words = at, words[k:]
            key, kind, shape = _RUN_KINDS[words]
            if not key or len(key) < 2 or kind == "descriptive" or key in NOT_NAMES:
                continue
            if kind is None:
                prev = _PREV_WORD.findall(st[max(0, rs - 30):rs].lower())
                prev_word = prev[-1].rstrip(".") if prev else ""
                kind = "person" if prev_word in PERSON_TITLES else shape
            append({"start": s0 + rs, "end": s0 + re_, "text": st[rs:re_], "kind": kind,
                    "key": key})
    out.sort(key=_by_position)
    return out


def _start_of(text: str, pos: int, words: tuple, k: int) -> int:
    """Where the run's word ``k`` starts in ``text`` (its words in order from ``pos``), or -1."""
    for w in words[:k + 1]:
        at = text.find(w, pos)
        if at < 0:
            return -1
        pos = at + len(w)
    return at


def _after_titles(words: tuple) -> int:
    """The index of the first word of the name after the last title inside a run ("Senate
    Majority Leader Jane Roe" -> 3), or 0: no title inside, or no name after it."""
    last = 0
    for i, w in enumerate(words[:-1]):
        if _KEY_WORDS[w] in _INNER_TITLES:
            last = i + 1
    if last and not any(_KEY_WORDS[w] in ORG_WORDS or _KEY_WORDS[w] in _CONNECT
                        for w in words[last:]):
        return last
    return 0


class _RunKinds(dict):
    """A name run's words (a tuple) -> its key; "place" or "organisation" when the gazetteer
    knows it ("United States", "CNN"), "descriptive" for a nationality or party word (no
    entity), "organisation" when a word says so (or an acronym), else None (the words before
    it decide); and its kind by its shape alone: "person" for two to four capitalised words,
    without connectors, none all capitals but initials, not a thing the gazetteer knows nor
    ending in a word of ``THING_HEADS``; else "name"."""

    def __missing__(self, words: tuple) -> tuple:
        if len(self) >= 100_000:
            self.clear()
        low = {_KEY_WORDS[w] for w in words}
        known = gazetteer.kind_of(" ".join(words))
        if known not in ("place", "organisation") and len(words) > 1 and \
                gazetteer.kind_of(words[-1]) == "descriptive":
            known = "descriptive"  # "African American", "North Korean"
        if known in ("place", "organisation", "descriptive"):
            kind = known  # "descriptive": a nationality or party word ("American"), no entity
        else:
            org = low & ORG_WORDS or (len(words) == 1 and words[0].isupper()
                                      and len(words[0]) >= 2)
            kind = "organisation" if org else None
        person = 2 <= len(words) <= 4 and not (low & _CONNECT) and known != "thing" and \
            _KEY_WORDS[words[-1]] not in THING_HEADS and all(
                w[:1].isupper() and (not w.isupper() or len(w.rstrip(".")) == 1) for w in words)
        v = self[words] = (_name_key(words), kind, "person" if person else "name")
        return v


_RUN_KINDS = _RunKinds()


def _split_possessives(text: str, runs):
    """Runs cut after a possessive word: "West's Twitter" is West, then Twitter."""
    for rs, re_, words in runs:
        if len(words) < 2 or not any(w[-2:] in ("'s", "’s") for w in words[:-1]):
            yield rs, re_, words
            continue
        pos, start, part = rs, None, []
        for i, w in enumerate(words):
            at = text.find(w, pos, re_)
            at = pos if at < 0 else at
            pos = at + len(w)
            start = at if start is None else start
            part.append(w)
            if i < len(words) - 1 and w[-2:] in ("'s", "’s"):
                yield start, pos, tuple(part)
                start, part = None, []
        if part:
            yield start, pos, tuple(part)


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _CONNECT)


def link_keys(per_article: dict[str, list[dict]]) -> dict[str, str]:
    """Map every key mentioned in a story's articles to a canonical key.

    - a one-word name ("schumer") -> the one multi-word name ending with it across the story
      ("chuck schumer"); left alone when several full names share it;
    - a full name that differs from another only by middle initials ("john a. boehner" vs
      "john boehner") -> the form used by most articles (then the longer);
    - an acronym ("cdc") -> the one multi-word name whose initials it is;
    - two different full names are never merged; figures map to themselves.
    """
    kinds: dict[str, set] = defaultdict(set)
    arts_of: dict[str, set] = defaultdict(set)
    upper: set[str] = set()
    for aid, ms in per_article.items():
        for m in ms:
            kinds[m["key"]].add(m["kind"])
            arts_of[m["key"]].add(aid)
            if m["text"].isupper() and " " not in m["text"]:
                upper.add(m["key"])
    figure_kinds = {"amount", "percent", "count", "date", "year"}
    names = [k for k in kinds if not kinds[k] & figure_kinds]
    canon = {k: k for k in kinds}
    multi = [k for k in names if " " in k]

    # middle initials: group full names by (first, last) word; merge when the rest are initials
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in multi:
        ws = k.split()
        groups[(ws[0], ws[-1])].append(k)
    for (_, _), ks in groups.items():
        if len(ks) < 2:
            continue
        def core(k):
            ws = k.split()
            return [w for w in ws[1:-1] if len(w.rstrip(".")) > 1]
        plain = [k for k in ks if not core(k)]
        if not plain or any(core(k) for k in ks):
            continue  # a real middle name differs: different people possible
        best = max(ks, key=lambda k: (len(arts_of[k]), len(k)))
        for k in ks:
            canon[k] = best
    # surname only -> the one full name with that surname (a person's: "Hill" is not Capitol
    # Hill, "News" not Fox News)
    by_last: dict[str, set] = defaultdict(set)
    for k in multi:
        if kinds[k] <= {"person", "name"}:
            by_last[k.split()[-1]].add(canon[k])
    by_initials = None  # initials -> the multi-word names they are of
    for k in names:
        if " " in k:
            continue
        full = by_last.get(k)
        if full and len(full) == 1:
            canon[k] = next(iter(full))
        elif k in upper and len(k) >= 2:
            if by_initials is None:
                by_initials = defaultdict(list)
                for m in multi:
                    by_initials[_initials(m)].append(m)
            hits = {canon[m] for m in by_initials.get(k, ())}
            if len(hits) == 1:
                canon[k] = next(iter(hits))
    return canon


def entity_matrix(per_article: dict[str, list[dict]], canon: dict[str, str] | None = None,
                  min_articles: int = 1) -> list[dict]:
    """Rows for the story page's matrix: one per canonical key, {"key", "kind", "label",
    "articles": {article_id: [mention, ...]}, "n_articles"}; those mentioned by one article
    only first, then by how many articles mention them (fewest first), then by label."""
    canon = canon if canon is not None else link_keys(per_article)
    rows: dict[str, dict] = {}
    for aid, ms in per_article.items():
        for m in ms:
            ck = canon.get(m["key"], m["key"])
            r = rows.setdefault(ck, {"key": ck, "kind": m["kind"], "label": m["text"],
                                     "articles": {}})
            r["articles"].setdefault(aid, []).append(m)
            # the longest surface form labels the row; a person beats a vaguer kind
            if len(m["text"]) > len(r["label"]) and canon.get(m["key"], m["key"]) == m["key"]:
                r["label"] = m["text"]
            if r["kind"] == "name" and m["kind"] in ("person", "organisation", "place"):
                r["kind"] = m["kind"]
    out = [dict(r, n_articles=len(r["articles"])) for r in rows.values()
           if len(r["articles"]) >= min_articles]
    out.sort(key=lambda r: (r["n_articles"] != 1, r["n_articles"], r["label"].lower()))
    return out


def entity_rows(per_article: dict[str, list[dict]], canon: dict[str, str] | None = None
                ) -> tuple[list[dict], dict[str, dict]]:
    """What is stored: one row per article and key, {"article_id", "key", "entity" (the
    canonical key across the story), "kind", "text" (first mention), "mentions", "start",
    "end" (first mention)}; and per article {"entities": distinct canonical keys,
    "entities_only_here": of those, mentioned by no other article}."""
    canon = canon if canon is not None else link_keys(per_article)
    rows: dict[tuple[str, str], dict] = {}
    arts_of: dict[str, set] = defaultdict(set)
    for aid, ms in per_article.items():
        for m in ms:
            entity = canon.get(m["key"], m["key"])
            arts_of[entity].add(aid)
            r = rows.get((aid, m["key"]))
            if r is None:
                rows[(aid, m["key"])] = {"article_id": aid, "key": m["key"], "entity": entity,
                                         "kind": m["kind"], "text": m["text"], "mentions": 1,
                                         "start": m["start"], "end": m["end"]}
            else:
                r["mentions"] += 1
    entities_of: dict[str, set] = {aid: set() for aid in per_article}
    for (aid, _), r in rows.items():
        entities_of[aid].add(r["entity"])
    counts = {aid: {"entities": len(mine),
                    "entities_only_here": sum(1 for e in mine if len(arts_of[e]) == 1)}
              for aid, mine in entities_of.items()}
    return list(rows.values()), counts
