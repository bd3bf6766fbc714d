"""What each article of a story reports that the others do not.

``story_coverage(articles, settings=None)`` judges every prose sentence of every article of one
story against the other articles:

- ``covered``: its information is reported elsewhere;
- ``partly``: most of it is, but a substantive detail (a figure, a name, a distinctive word)
  appears in no other article;
- ``only_here``: no other article carries it;
- ``None``: boilerplate, a heading (``is_heading``), no content words, or a story with fewer
  than two articles.

Method (stdlib only):
1. Each sentence becomes a bag of *terms*: content words, lower-cased, stop words dropped,
   lightly stemmed and truncated to 6 letters ("sentenced" = "sentence" = "senten"); figures
   normalised to one key ("$1.5 billion" = "1.5bn dollars" = "$1500000000", "eight-month" =
   "8 months" = "8 month", "5 per cent" = "5%", "Jan. 6" = "January 6").
2. Terms are weighted by IDF over the sentences of the story itself (what every article says
   weighs little, the specific weighs much); figures and capitalised names get a boost.
3. For each other article, candidate sentences are found through an inverted index of the
   story's terms; each candidate is scored alone and with each neighbour (a 2-sentence window,
   for a fact spread over two sentences). The score is the IDF-weighted share of the sentence's
   terms found in the window, plus a small credit for terms found elsewhere in that article.
4. The sentence's score is the best over the other articles, blended with the share covered by
   the union of the best windows of all other articles (a sentence whose facts are split across
   outlets). Thresholds (``covered``, ``only_here``, chosen on the dev labels; the same choice
   wins in 9 of 10 leave-one-story-out folds) turn the score into the status; a covered sentence
   (score below ``detail_max_score``) with a figure that no other article has anywhere becomes
   ``partly``. ``missing`` lists, for ``partly``, such figures, then the names and heaviest
   words of the sentence that no other article has.

Large stories: each sentence is scored against at most ``max_articles`` other articles (those
whose candidate sentences share the most rare-term weight with it), with at most
``max_candidates_per_article`` candidate sentences each (plus their neighbours); terms found in
more than ``max_postings`` sentences are not used to look up candidates (they still count when
scoring). In a story of more than ``large_story`` sentences, lookup uses only the sentence's
``lookup_terms`` rarest terms with at most ``max_postings_large`` postings, and
``max_articles_large`` articles. The work is thus bounded by sentences x max_articles x
max_candidates_per_article, linear in the story size; ``matches`` lists at most that many
other articles per sentence (every other article in stories of up to 21 articles).
"""
from __future__ import annotations

import math
from math import fsum  # exact: sums over sets do not depend on their (hash) order
from bisect import bisect_left
from functools import lru_cache
from collections import Counter
from itertools import chain, compress
from operator import itemgetter

import numpy as np

from .textnorm import (MONTHS, STOP_WORDS, WEEKDAYS, figures, name_spans, no_figures, stem,
                       tokens, words_have_number)

DEFAULTS = {
    "covered": 0.45,          # score at or above: covered (unless a unique detail)
    "only_here": 0.16,        # score below: only_here; in between: partly
    "doc_credit": 0.2,        # credit for a term found elsewhere in the other article
    "union_weight": 0.9,      # weight of the union-of-best-windows score
    "name_boost": 1.5,
    "figure_boost": 1.5,
    "min_terms": 2,           # fewer content terms: no content to judge
    "max_postings": 400,      # a term in more sentences is not used to find candidates
    "large_story": 2000,      # sentences; above this, candidates come from ...
    "lookup_terms": 8,        # ... the sentence's rarest terms only, ...
    "max_postings_large": 100,  # ... each in at most this many sentences
    "max_candidates_per_article": 3,
    "max_articles": 20,       # other articles compared (those with the best candidates)
    "max_articles_large": 10,  # the same in a story of more than large_story sentences
    "match_min": 0.1,         # a match below this score is not listed
    # a covered sentence (score below detail_max_score) with a figure found in no other
    # article is partly; "all" also counts multi-word names and acronyms, "none" nothing
    "detail_partly": "figures",
    "detail_max_score": 0.75,
}


@lru_cache(maxsize=200_000)
def _word_term(w: str) -> str | None:
    """The term of one word (lower-cased), or None for a stop word / too short."""
    w = w.replace("’", "'")
    if "." in w:  # abbreviations: "u.s." -> "u.s"
        return w.rstrip(".")
    if w in STOP_WORDS or len(w) < 2 or w.isdigit():
        return None
    return stem(w)


class _WordTerms(dict):
    """word (as written) -> its term outside a name: None for a stop word or a word of fewer
    than 3 letters (``_word_term``)."""

    def __missing__(self, w: str) -> str | None:
        if len(self) >= 200_000:
            self.clear()
        lw = w.lower()
        t = self[w] = None if len(lw) < 3 else _word_term(lw)
        return t


_WORD_TERMS = _WordTerms()


class _NameTerms(dict):
    """word (as written) inside a name -> (its term (``_word_term``), whether it is a detail in
    a multi-word name, whether it is one alone (an acronym)): not a weekday, month or stop
    word."""

    def __missing__(self, w: str) -> tuple:
        if len(self) >= 100_000:
            self.clear()
        lw = w.lower().rstrip(".")
        ok = not (lw in WEEKDAYS or lw in MONTHS or lw in STOP_WORDS)
        v = self[w] = (_word_term(w.lower()), ok, w.isupper() and len(w) >= 2 and ok)
        return v


_NAME_TERMS = _NameTerms()


# short words a heading leaves in lower case ("Contrast in Styles")
_HEADING_SMALL = frozenset("a an the and or nor but of in on at to for by with from as vs".split())
_NO_TERMS = ({}, {}, (), {}, {})


def is_heading(text: str) -> bool:
    """A heading or a name on a line of its own rather than a statement: at most ten words,
    no closing punctuation, every word capitalised but short function words ("Contrast In
    Styles", "Richard Wolf", "USA TODAY")."""
    t = text.strip()
    if not t or t[-1] in ".!?:;\"”’)…" or len(t) > 100:
        return False
    words = t.split()
    return len(words) <= 10 and all(w[:1].isupper() or w in _HEADING_SMALL or not w[:1].isalpha()
                                    for w in words)


@lru_cache(maxsize=50_000)
def _terms(text: str):
    """(Cached: a story recomputed when an article joins re-reads the others' sentences; the
    returned objects are never modified.) term -> kind ("word", "name", "figure"); {term: surface}; the substantive
    details: figures other than small bare counts, and terms of multi-word names or
    acronyms (not weekdays or months); {term: kind} of the terms that are not words; and
    {term: its name's words} for the terms of a name of two words or more, where it first
    stands: ((term or None, word as written), ...), so that a detail only here is shown as the
    name ("Rick Perry", not "Rick" and "Perry")."""
    if is_heading(text):
        return _NO_TERMS  # nothing to judge: not a statement
    terms: dict[str, str] = {}
    surface: dict[str, str] = {}
    details: list[str] = []
    toks = tokens(text)
    parts, offs = toks
    words = parts[1::2]
    # each word's term, in text order (None: no term); then words inside a figure are dropped
    # and words inside a name run take their name term
    ts = list(map(_WORD_TERMS.__getitem__, words))
    skip = None
    if words_have_number(text, words):
        figs = figures(text)
        if figs:
            starts = offs[1::2]
            skip = set()
            for f in figs:
                t = "#" + f["key"]
                terms[t] = "figure"
                surface.setdefault(t, f["text"])
                if not (f["kind"] == "count" and " " not in f["key"] and (f["value"] or 0) <= 10):
                    details.append(t)
                skip.update(range(bisect_left(starts, f["start"]), bisect_left(starts, f["end"])))
            for k in skip:
                ts[k] = None
    else:
        no_figures(text)
    names = []  # (token index, a detail)
    runs: dict[str, tuple] = {}
    for a, b, multi in name_spans(text, toks):
        run = [] if multi else None
        for k in range(a, b):
            if skip and k in skip:
                if run is not None:
                    run.append((None, words[k]))
                continue
            t, detail_multi, detail_one = _NAME_TERMS[words[k]]
            ts[k] = t
            if t is not None:
                names.append((k, detail_multi if multi else detail_one))
            if run is not None:
                run.append((t, words[k]))
        if run:
            run = tuple(run)
            for t, _ in run:
                if t is not None and t not in runs:
                    runs[t] = run
    nonword = dict(terms)  # the figures (names below)
    # first occurrences, in text order
    terms.update(dict.fromkeys(filter(None, ts), "word"))
    first = dict(zip(reversed(ts), reversed(words)))
    first.pop(None, None)
    surface.update(first)
    for k, detail in names:
        t = ts[k]
        terms[t] = nonword[t] = "name"
        if detail and t not in details:
            details.append(t)
    return terms, surface, tuple(details), nonword, runs


def _as_names(candidates: list, runs: dict) -> list:
    """``candidates`` (terms) with the words of one name joined where they stand side by side
    in it, at the place of the first: ["rick", "perry", "virginia"] -> [(("rick", "perry"),
    "Rick Perry"), "virginia"] (each entry a term, or the terms of one name's words in a row
    with those words as written)."""
    if not runs:
        return candidates
    wanted = set(candidates)
    out: list = []
    placed: set = set()
    for t in candidates:
        if t in placed:
            continue
        run = runs.get(t)
        if run is None:
            out.append(t)
            continue
        # the words in a row around t that are all wanted (a word with no term, such as
        # "of", only between two of them)
        i = next(j for j, (rt, _) in enumerate(run) if rt == t)
        lo = hi = i
        while lo > 0 and (run[lo - 1][0] in wanted or run[lo - 1][0] is None and lo > 1
                          and run[lo - 2][0] in wanted):
            lo -= 1
        while hi + 1 < len(run) and (run[hi + 1][0] in wanted or run[hi + 1][0] is None
                                      and hi + 2 < len(run) and run[hi + 2][0] in wanted):
            hi += 1
        group = tuple(dict.fromkeys(rt for rt, _ in run[lo:hi + 1] if rt is not None))
        if len(group) < 2:
            out.append(t)
            continue
        placed.update(group)
        out.append((group, " ".join(w for _, w in run[lo:hi + 1])))
    return out


def judgement(score: float, terms: dict, surf: dict, details: list, weights, shared,
              cfg: dict, runs: dict | None = None) -> dict:
    """A judged sentence's stored verdict from its score: ``coverage`` (covered, partly,
    only_here), the rounded ``score`` and, for partly, the ``missing`` details - figures
    (or with ``detail_partly`` "all", names) in no other article first, then the names and
    heaviest words no other article has (``shared``: the terms found in another article of
    the story; ``weights``: the sentence's term weights, in the order of ``terms``; ``runs``:
    the names' words (``_terms``), so that the words of one name are shown together)."""
    dmode = cfg["detail_partly"]
    if not details or (dmode != "all" and dmode != "figures"):
        missing_terms = []
    elif dmode == "all":
        missing_terms = [t for t in details if t not in shared]
    else:
        missing_terms = [t for t in details if t[0] == "#" and t not in shared]
    if score >= cfg["covered"]:
        status = "partly" if (missing_terms and score < cfg["detail_max_score"]) else "covered"
    elif score >= cfg["only_here"]:
        status = "partly"
    else:
        status = "only_here"
    missing = []
    if status == "partly":
        # the unmatched terms, heaviest first (ties in sentence order), figures, then names,
        # then words
        w = dict(zip(terms, weights))
        unmatched = [t for t in terms if t not in shared]
        unmatched.sort(key=w.__getitem__, reverse=True)  # stable: ties keep their order
        by_kind: dict[str, list] = {"figure": [], "name": [], "word": []}
        for t in unmatched:
            by_kind[terms[t]].append(t)
        # the details first, all of them; then up to five in all
        details_missing = set(missing_terms)
        missing = []
        for entry in _as_names(missing_terms + [t for t in chain(
                by_kind["figure"], by_kind["name"], by_kind["word"])
                if t not in details_missing], runs):
            if isinstance(entry, tuple):
                group, shown = entry
                detail = not details_missing.isdisjoint(group)
            else:
                shown, detail = surf[entry], entry in details_missing
            if len(missing) >= 5 and not detail:
                break
            if shown not in missing:
                missing.append(shown)
    return {"coverage": status, "score": round(score, 3), "missing": missing}


def story_coverage(articles: list[dict], settings: dict | None = None) -> dict:
    """Coverage of every sentence of a story's articles against the others.

    ``articles``: [{"id": str, "sentences": [{"position", "start", "end", "text",
    "is_boilerplate"}]}]. Returns {"sentences": {(article_id, position): {"coverage",
    "score", "missing"}}, "matches": [(article_id, position, other_article_id,
    other_position, score)]}.
    """
    cfg = dict(DEFAULTS)
    if settings:
        cfg.update(settings)
    result: dict = {"sentences": {}, "matches": []}
    out = result["sentences"]

    # --- features
    art_sents: list[list[tuple]] = []  # per article: (position, *_terms(text))
    for a in articles:
        rows = []
        aid = a["id"]
        for s in a["sentences"]:
            if s.get("is_boilerplate"):
                out[(aid, s["position"])] = {"coverage": None, "score": None, "missing": []}
                continue
            rows.append((s["position"], *_terms(s["text"])))
        art_sents.append(rows)
    if len(articles) >= 2 and cfg["max_candidates_per_article"] >= 1 \
            and min(cfg["max_articles"], cfg["max_articles_large"]) >= 1 \
            and cfg["doc_credit"] >= 0 and cfg["union_weight"] >= 0 \
            and _judge_numpy(articles, art_sents, cfg, out, result["matches"]):
        return result
    _judge_loop(articles, art_sents, cfg, out, result["matches"])
    return result


def _judge_loop(articles: list[dict], art_sents: list[list[tuple]], cfg: dict, out: dict,
                matches: list) -> None:
    """Steps 2-4 of the method for ``story_coverage``, sentence by sentence: fills ``out``
    and ``matches``. (``_judge_numpy`` gives the same results faster.)"""
    # document frequency over the story's sentences; per-article term sets; article frequency
    all_terms = [row[1] for rows in art_sents for row in rows]
    n_sent = len(all_terms)
    df = Counter(chain.from_iterable(all_terms))
    art_terms: list[set] = [set().union(*[row[1] for row in rows]) for rows in art_sents]
    art_df = Counter(chain.from_iterable(art_terms))
    # inverted index of the terms found in more than one article (only they find candidates
    # or match): term -> [[article index, [row index, ...]], ...], articles in order; and each
    # sentence's set of such terms
    shared = {t for t, n in art_df.items() if n > 1}
    postings: dict[str, list] = {}
    term_sets: list[list[set]] = []
    for ai, rows in enumerate(art_sents):
        sets = []
        for ri, row in enumerate(rows):
            common = row[1].keys() & shared
            sets.append(common)
            for t in common:
                p = postings.get(t)
                if p is None:
                    postings[t] = [[ai, [ri]]]
                else:
                    last = p[-1]
                    if last[0] == ai:
                        last[1].append(ri)
                    else:
                        p.append([ai, [ri]])
        term_sets.append(sets)
    idf = {t: math.log(1.0 + (n_sent + 1) / (d + 0.5)) for t, d in df.items()}
    boost = {"word": 1.0, "name": cfg["name_boost"], "figure": cfg["figure_boost"]}
    multi = len(articles) >= 2

    large = n_sent > cfg["large_story"]
    max_post = cfg["max_postings_large"] if large else cfg["max_postings"]
    # small stories: every term finds candidates; large ones: only the rarest few
    n_lookup = cfg["lookup_terms"] if large else None
    frequent = {t for t, d in df.items() if d > max_post}  # not used to find candidates
    per_art = cfg["max_candidates_per_article"]
    max_arts = cfg["max_articles_large"] if large else cfg["max_articles"]
    min_terms = cfg["min_terms"]
    doc_credit = cfg["doc_credit"]
    union_weight = cfg["union_weight"]
    match_min = cfg["match_min"]
    append_match = matches.append
    # every term of a sentence finds candidates: a sentence that is not a candidate shares no
    # term with it
    exhaustive = not frequent and n_lookup is None
    use_top = per_art >= 1

    for ai, rows in enumerate(art_sents):
        aid = articles[ai]["id"]
        own_sets = term_sets[ai]
        for ri, (pos, terms, surf, details, nonword, runs) in enumerate(rows):
            key = (aid, pos)
            if len(terms) < min_terms or not multi:
                out[key] = {"coverage": None, "score": None, "missing": []}
                continue
            w = dict(zip(terms, map(idf.__getitem__, terms)))  # a word's boost is 1
            for t, k in nonword.items():
                w[t] = idf[t] * boost[k]
            weight = w.__getitem__
            wset = own_sets[ri]
            total = sum(w.values())
            # candidates: sentences of other articles sharing one of the sentence's rarest
            # terms (at most n_lookup terms, each in at most max_post sentences), by article in
            # the order first found: {article index: {row index: shared weight}}
            if frequent:
                rare = sorted((t for t in w if t not in frequent), key=weight, reverse=True)
            else:
                rare = sorted(w, key=weight, reverse=True)
            if n_lookup is not None:
                rare = rare[:n_lookup]
            cand: dict[int, dict[int, float]] = {}
            for t in rare:
                p = postings.get(t)
                if p is None:
                    continue
                wt = w[t]
                for bi, rjs in p:
                    if bi == ai:
                        continue
                    c = cand.get(bi)
                    if c is None:
                        c = cand[bi] = {}
                    for rj in rjs:
                        c[rj] = c.get(rj, 0.0) + wt
            if len(cand) > 1:
                arts_ranked = sorted(cand.items(), key=lambda kv: max(kv[1].values()),
                                     reverse=True)[:max_arts]
            else:
                arts_ranked = cand.items()
            best_per_art = []  # (score, bi, [rj...], matched set)
            for bi, c in arts_ranked:
                bsets = term_sets[bi]
                nb = len(bsets)
                hit: dict[int, frozenset] = {}
                best_sc, best_win, best_m = -1.0, [], frozenset()
                if len(c) == 1 and use_top:
                    top = c
                else:
                    top = [rj for _, rj in sorted(zip(c.values(), c.keys()), reverse=True)[:per_art]]
                for rj in top:
                    m = hit.get(rj)
                    if m is None:
                        m = hit[rj] = wset & bsets[rj]
                    s_rj = fsum(map(weight, m))
                    if s_rj > best_sc:
                        best_sc, best_win, best_m = s_rj, [rj], m
                    for k in (rj - 1, rj + 1):
                        if 0 <= k < nb and (k in c or not exhaustive):
                            mk = hit.get(k)
                            if mk is None:
                                mk = hit[k] = wset & bsets[k]
                            extra_t = mk - m
                            if extra_t:
                                sc = s_rj + fsum(map(weight, extra_t))
                                if sc > best_sc:
                                    best_sc, best_win, best_m = sc, sorted((rj, k)), m | mk
                if best_sc <= 0:
                    continue
                extra = fsum(map(weight, (wset - best_m) & art_terms[bi]))
                score = (best_sc + doc_credit * extra) / total
                best_per_art.append((score, bi, best_win, best_m))
            if len(best_per_art) > 1:
                best_per_art.sort(key=_first, reverse=True)
            s_max = best_per_art[0][0] if best_per_art else 0.0
            union: set = set()
            for _, _, _, m in best_per_art:
                union |= m
            s_union = fsum(map(weight, union)) / total if total else 0.0
            score = min(1.0, max(s_max, union_weight * s_union))

            # in no other article of the story (the sentence's terms are its article's: in
            # another article, a term is shared)
            out[key] = judgement(score, terms, surf, details, w.values(), shared, cfg, runs)
            for sc, bi, win, _ in best_per_art:
                if sc < match_min:
                    break
                bid = articles[bi]["id"]
                brows = art_sents[bi]
                for k in win:
                    append_match((aid, pos, bid, brows[k][0], round(min(sc, 1.0), 3)))


_first = itemgetter(0)


# --- the same judgement, vectorised over a story (numpy) ----------------------------------------
#
# It gives exactly the floats of the loop in ``_judge_loop``:
# - a candidate's weight is the sum of the weights of its terms in the order of the sentence's
#   rarest terms, added one by one (np.bincount adds the weights in input order);
# - every ``fsum`` over a set of terms is its exact sum, correctly rounded: the weights of a
#   story are integers times 2**-K (K from the smallest weight), their sums are exact in two
#   int64 halves, and one float addition of the two exact halves rounds the sum once;
# - the other operations are the same IEEE operations in the same order.
# Stories whose weights would not fit (a non-positive boost, a weight spread over more than
# 2**62) and unusual settings take the loop.

_KIND = {"word": 0, "name": 1, "figure": 2}
_DENSE_ROWS = 1024  # up to this many sentences, candidate weights in a sentences x sentences array
_DENSE_CELLS = 1 << 24  # up to this many, which sentence has which term in a boolean array
_LOW = (1 << 32) - 1


def _exact(hi, lo, k: int):
    """The correctly rounded float of (hi * 2**32 + lo) * 2**-k (int64 arrays, lo >= 0)."""
    hi = hi + (lo >> 32)
    return np.ldexp(np.ldexp(hi.astype(np.float64), 32) + (lo & _LOW).astype(np.float64), -k)


def _segment_sums(values, starts):
    """Sums of ``values`` (int64) over segments starting at ``starts`` (none empty)."""
    return np.add.reduceat(values, starts) if len(values) else np.zeros(0, np.int64)


def _expand(counts):
    """For segments of ``counts`` elements: each element's segment and its index within it."""
    total = int(counts.sum())
    seg = np.repeat(np.arange(len(counts)), counts)
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return seg, within


def _judge_numpy(articles, art_sents, cfg, out, matches) -> bool:
    """Judge the sentences of a story of at least two articles (see ``_judge_loop``); False
    (nothing done) when the story needs the loop."""
    n_art = len(art_sents)
    all_terms = [row[1] for rows in art_sents for row in rows]
    n_rows = len(all_terms)
    if not n_rows:
        return True
    art_len = np.array([len(rows) for rows in art_sents], np.int64)
    art_start = np.concatenate(([0], np.cumsum(art_len)[:-1]))
    row_art = np.repeat(np.arange(n_art), art_len)
    row_ri = np.arange(n_rows) - art_start[row_art]
    lens = np.fromiter(map(len, all_terms), np.int64, n_rows)
    occ_start = np.concatenate(([0], np.cumsum(lens)))
    n_occ = int(occ_start[-1])
    flat = list(chain.from_iterable(all_terms))
    vocab = list(dict.fromkeys(flat))
    n_terms = len(vocab)
    vid = dict(zip(vocab, range(n_terms)))
    ids = np.fromiter(map(vid.__getitem__, flat), np.int64, n_occ)
    kinds = np.fromiter(map(_KIND.__getitem__, chain.from_iterable(map(dict.values, all_terms))),
                        np.int64, n_occ)
    occ_row = np.repeat(np.arange(n_rows), lens)

    # document and article frequencies, IDF (math.log, as the loop)
    df = np.bincount(ids, minlength=n_terms)
    # a term is shared when it occurs in another article than its first: terms are numbered in
    # order of first occurrence (a new term raises the running maximum) and articles come in
    # order
    occ_art = row_art[occ_row]
    top = np.maximum.accumulate(ids)
    first_art = occ_art[np.r_[True, top[1:] > top[:-1]]] if n_occ else occ_art
    shared = np.zeros(n_terms, bool)
    shared[ids[occ_art != first_art[ids]]] = True
    dfs, df_of = np.unique(df, return_inverse=True)
    idf = np.array([math.log(1.0 + (n_rows + 1) / (d + 0.5)) for d in dfs.tolist()],
                   np.float64)[df_of.ravel()]
    boost = np.array([1.0, cfg["name_boost"], cfg["figure_boost"]], np.float64)
    w = idf[ids] * boost[kinds]
    if n_occ and not (np.isfinite(w).all() and (w > 0).all()):
        return False
    # integer weights: w = wint * 2**-k exactly
    k = 53 - int(np.frexp(w)[1].min()) if n_occ else 0
    wint_f = np.ldexp(w, k)
    if n_occ and wint_f.max() >= 2.0 ** 62:
        return False
    wint = wint_f.astype(np.int64)
    w_hi, w_lo = wint >> 32, wint & _LOW

    large = n_rows > cfg["large_story"]
    max_post = cfg["max_postings_large"] if large else cfg["max_postings"]
    n_lookup = cfg["lookup_terms"] if large else None
    per_art = cfg["max_candidates_per_article"]
    max_arts = cfg["max_articles_large"] if large else cfg["max_articles"]
    judged = lens >= cfg["min_terms"]
    wl = w.tolist()
    ol = occ_start.tolist()
    totals = np.array([sum(wl[a:b]) if j else 0.0
                       for a, b, j in zip(ol, ol[1:], judged.tolist())], np.float64)

    # candidates: per judged sentence its rarest terms (by weight, then in term order; not in
    # more than max_post sentences; the first n_lookup), each adding its weight to every
    # sentence of another article that has it, in that order
    occ_pos = np.arange(n_occ) - occ_start[occ_row]
    order = np.lexsort((occ_pos, -w, occ_row))
    order = order[(judged[occ_row] & (df <= max_post)[ids])[order]]
    if n_lookup is not None and len(order):
        r = occ_row[order]
        first = np.flatnonzero(np.r_[True, r[1:] != r[:-1]])
        rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
        order = order[rank < n_lookup]
    order = order[shared[ids[order]]]
    postings = np.argsort(ids, kind="stable")  # by term, then sentence
    post_rows = occ_row[postings]
    post_start = np.concatenate(([0], np.cumsum(df)))
    e_term = ids[order]
    cnt = df[e_term]
    seg, within = _expand(cnt)
    cand = post_rows[post_start[e_term][seg] + within]
    query = occ_row[order][seg]
    other = row_art[cand] != row_art[query]
    cand, query, e_w = cand[other], query[other], w[order][seg[other]]
    pair_all = query * n_rows + cand
    if n_rows <= _DENSE_ROWS:
        dense = np.bincount(pair_all, weights=e_w, minlength=n_rows * n_rows)
        pair_key = np.flatnonzero(dense)  # every weight is positive
        pair_w = dense[pair_key]
    else:
        pair_key, pair_of = np.unique(pair_all, return_inverse=True)
        pair_w = np.bincount(pair_of.ravel(), weights=e_w, minlength=len(pair_key))
    pair_q = pair_key // n_rows
    pair_row = pair_key % n_rows
    pair_art = row_art[pair_row]
    pair_ri = row_ri[pair_row]
    # when each (query, other article) was first found
    found_at = np.full(n_rows * n_art, len(cand), np.int64)
    np.minimum.at(found_at, query * n_art + row_art[cand], np.arange(len(cand)))

    # per query and other article: its best candidate weight, when first found; the articles
    # ranked by it (the first max_arts); their candidates ranked (the first per_art)
    gkey = pair_q * n_art + pair_art
    new_group = np.r_[True, gkey[1:] != gkey[:-1]] if len(gkey) else np.zeros(0, bool)
    g_start = np.flatnonzero(new_group)
    pair_group = np.cumsum(new_group) - 1
    n_groups = len(g_start)
    sel_groups = np.zeros(0, np.int64)
    if n_groups:
        g_q = pair_q[g_start]
        g_best = np.maximum.reduceat(pair_w, g_start)
        g_found = found_at[gkey[g_start]]
        g_order = np.lexsort((g_found, -g_best, g_q))
        gq_sorted = g_q[g_order]
        first = np.flatnonzero(np.r_[True, gq_sorted[1:] != gq_sorted[:-1]])
        g_rank = np.arange(n_groups) - np.repeat(first, np.diff(np.r_[first, n_groups]))
        sel_groups = g_order[g_rank < max_arts]  # by query, then rank
    n_sel = len(sel_groups)
    sel_index = np.full(n_groups, -1, np.int64)
    sel_index[sel_groups] = np.arange(n_sel)

    # each sentence's shared terms (the only ones two sentences of different articles share),
    # numbered 0.. ; which sentences and articles have them
    sh_occ = np.flatnonzero(shared[ids])
    sh_count = np.bincount(occ_row[sh_occ], minlength=n_rows)
    sh_start = np.concatenate(([0], np.cumsum(sh_count)))
    n_shared = int(shared.sum())
    sh_row = occ_row[sh_occ]
    sh_t = (np.cumsum(shared) - 1)[ids[sh_occ]]
    sh_hi, sh_lo = w_hi[sh_occ], w_lo[sh_occ]
    if (n_rows + 1) * n_shared <= _DENSE_CELLS:
        row_has = np.zeros((n_rows + 1, n_shared), bool)  # the last row: no sentence (-1)
        row_has[sh_row, sh_t] = True
        art_has = np.zeros((n_art, n_shared), bool)
        art_has[row_art[sh_row], sh_t] = True

        def has(rows, terms, art=False):
            """Whether sentences (or articles) ``rows`` have ``terms`` (rows -1: none)."""
            return (art_has if art else row_has)[rows, terms]
    else:
        row_keys = np.sort(sh_row * n_shared + sh_t)
        art_keys = np.unique(row_art[sh_row] * n_shared + sh_t)

        def has(rows, terms, art=False):
            """Whether sentences (or articles) ``rows`` have ``terms`` (rows -1: none)."""
            keys = art_keys if art else row_keys
            probe = rows * n_shared + terms
            at = np.searchsorted(keys, probe)
            at[at >= len(keys)] = 0
            return (keys[at] == probe) & (rows >= 0)

    def expand(queries):
        """The shared terms of each of ``queries``: their positions in sh_*, and where each
        query's start."""
        counts = sh_count[queries]
        seg, within = _expand(counts)
        return seg, sh_start[queries][seg] + within, np.concatenate(([0], np.cumsum(counts)[:-1]))

    best_sc = np.zeros(n_sel, np.float64)
    best_c = np.zeros(n_sel, np.int64)
    best_n = np.full(n_sel, -1, np.int64)
    if n_sel:
        # candidates of the selected groups (by weight, then the later sentence; the first
        # per_art), each with its two neighbours in its article
        left_w = pair_w.copy()
        picked, picked_rank = [], []
        for r in range(per_art):
            top = np.maximum.reduceat(left_w, g_start)[pair_group]
            is_top = (left_w == top) & (top > -np.inf)
            top_ri = np.maximum.reduceat(np.where(is_top, pair_ri, -1), g_start)[pair_group]
            pick = np.flatnonzero(is_top & (pair_ri == top_ri))
            pick = pick[sel_index[pair_group[pick]] >= 0]
            picked.append(pick)
            picked_rank.append(np.full(len(pick), r, np.int64))
            left_w[pick] = -np.inf
        items = np.concatenate(picked)
        it_rank = np.concatenate(picked_rank)
        it_sel = sel_index[pair_group[items]]
        it_q = pair_q[items]
        it_c = pair_row[items]
        it_ri = pair_ri[items]
        it_nb = art_len[pair_art[items]]
        left = np.where(it_ri >= 1, it_c - 1, -1)
        right = np.where(it_ri + 1 < it_nb, it_c + 1, -1)
        seg, at, starts = expand(it_q)
        t = sh_t[at]
        in_c = has(it_c[seg], t)
        hi, lo = sh_hi[at], sh_lo[at]
        s_c = _exact(_segment_sums(hi * in_c, starts), _segment_sums(lo * in_c, starts), k)
        values = np.full((n_sel, 3 * per_art), -np.inf)
        values[it_sel, 3 * it_rank] = s_c
        for j, rows in ((1, left), (2, right)):
            inside = has(rows[seg], t) & ~in_c
            e_hi, e_lo = _segment_sums(hi * inside, starts), _segment_sums(lo * inside, starts)
            found = (e_hi > 0) | (e_lo > 0)
            values[it_sel[found], 3 * it_rank[found] + j] = s_c[found] + _exact(
                e_hi[found], e_lo[found], k)
        best = values.argmax(axis=1)  # the first best, as the loop's strict ">"
        best_sc = values[np.arange(n_sel), best]
        item_at = np.full((n_sel, per_art), -1, np.int64)
        item_at[it_sel, it_rank] = np.arange(len(items))
        bi = item_at[np.arange(n_sel), best // 3]
        best_c = it_c[bi]
        best_n = np.where(best % 3 == 1, left[bi], np.where(best % 3 == 2, right[bi], -1))

    # per selected group: the share of the sentence matched, plus the credit for its terms found
    # elsewhere in that article; per query the union of what the groups matched
    s_max = np.zeros(n_rows, np.float64)
    union_hi = np.zeros(n_rows, np.int64)
    union_lo = np.zeros(n_rows, np.int64)
    g_score = np.zeros(n_sel, np.float64)
    if n_sel:
        sg_q = pair_q[g_start[sel_groups]]
        sg_art = pair_art[g_start[sel_groups]]
        seg, at, starts = expand(sg_q)
        t = sh_t[at]
        matched = has(best_c[seg], t) | has(best_n[seg], t)
        rest = has(sg_art[seg], t, art=True) & ~matched
        hi, lo = sh_hi[at], sh_lo[at]
        extra = _exact(_segment_sums(hi * rest, starts), _segment_sums(lo * rest, starts), k)
        g_score = (best_sc + cfg["doc_credit"] * extra) / totals[sg_q]
        np.maximum.at(s_max, sg_q, g_score)
        in_union = np.zeros(len(sh_occ), bool)
        in_union[at[matched]] = True
        u = np.flatnonzero(in_union)
        np.add.at(union_hi, sh_row[u], sh_hi[u])
        np.add.at(union_lo, sh_row[u], sh_lo[u])
    with np.errstate(invalid="ignore", divide="ignore"):
        s_union = np.where(totals != 0, _exact(union_hi, union_lo, k) / totals, 0.0)
    final = np.minimum(1.0, np.maximum(s_max, cfg["union_weight"] * s_union))

    # --- statuses and missing details, sentence by sentence
    shared_terms = set(compress(vocab, shared.tolist()))
    judged_l = judged.tolist()
    final_l = final.tolist()
    row_ids: list = []  # per sentence: its article's id and its position
    row_pos: list = []
    g = 0
    for ai, rows in enumerate(art_sents):
        aid = articles[ai]["id"]
        for pos, terms, surf, details, _, runs in rows:
            row_ids.append(aid)
            row_pos.append(pos)
            if judged_l[g]:
                out[(aid, pos)] = judgement(final_l[g], terms, surf, details, wl[ol[g]:ol[g + 1]],
                                            shared_terms, cfg, runs)
            else:
                out[(aid, pos)] = {"coverage": None, "score": None, "missing": []}
            g += 1
    # --- matches: per sentence, its selected groups scoring at least match_min, best first
    # (ties in rank order), each with its window's sentences in article order
    if n_sel:
        keep = np.flatnonzero(g_score >= cfg["match_min"])
        keep = keep[np.lexsort((keep, -g_score[keep], sg_q[keep]))]
        c, nb = best_c[keep], best_n[keep]
        pair = nb >= 0
        win = np.stack((np.where(pair, np.minimum(c, nb), c),
                        np.where(pair, np.maximum(c, nb), -1)), axis=1).ravel()
        of = np.repeat(np.arange(len(keep)), 2)[win >= 0]
        win = win[win >= 0].tolist()
        q = sg_q[keep][of].tolist()
        scores = [round(min(sc, 1.0), 3) for sc in g_score[keep].tolist()]
        matches.extend(zip(map(row_ids.__getitem__, q), map(row_pos.__getitem__, q),
                           map(row_ids.__getitem__, win), map(row_pos.__getitem__, win),
                           map(scores.__getitem__, of.tolist())))
    return True


# --- per article: what it alone reports, what it leaves out -------------------------------------

def copies_within(articles) -> dict:
    """{copy id: original id} of the wire copies (``compare.stories``) among ``articles``, the
    ``(id, copy_of)`` pairs of one story's articles, whose original is also among them: they
    are not independent coverage of that story, and are not compared (a copy whose original is
    in another story is independent here)."""
    articles = list(articles)
    ids = {aid for aid, _ in articles}
    return {aid: original for aid, original in articles if original in ids and original != aid}


def compares_all(n_articles: int, n_sentences: int | None = None,
                 settings: dict | None = None) -> bool:
    """Whether every judged sentence of a story of ``n_articles`` articles (``n_sentences``
    prose sentences) is compared with every other article: up to ``max_articles`` + 1 articles
    (``max_articles_large`` + 1 above ``large_story`` sentences). In a larger story a sentence
    is compared with its closest articles only, so that an article has no match for it does not
    mean that the article leaves it out."""
    cfg = {**DEFAULTS, **(settings or {})}
    if n_sentences is not None and n_sentences > cfg["large_story"]:
        return n_articles <= cfg["max_articles_large"] + 1
    return n_articles <= cfg["max_articles"] + 1


def carriers(statuses: dict, matches, settings: dict | None = None) -> dict:
    """For each judged sentence {(article_id, position): status}, the set of articles that carry
    its information: its own, and each other article whose best match scores ``covered`` or
    more (the same threshold as the status)."""
    cfg = {**DEFAULTS, **(settings or {})}
    out = {key: {key[0]} for key in statuses}
    for aid, pos, other, _, score in matches:
        found = out.get((aid, pos))
        if found is not None and score >= cfg["covered"]:
            found.add(other)
    return out


def article_summary(article_ids, statuses: dict, matches, settings: dict | None = None,
                    n_sentences: int | None = None, not_compared=()) -> dict:
    """Per article of a story: ``judged`` sentences and how many are ``covered``, ``partly``,
    ``only_here``; ``others_judged`` (judged sentences of the other articles) and ``left_out``,
    those of them it does not carry (None when the story is too large for every article to be
    compared with every sentence, see ``compares_all``).

    ``statuses``: {(article_id, position): "covered"|"partly"|"only_here"} for judged sentences.
    ``not_compared``: more articles of the story, compared with nothing (wire copies): nothing
    judged, and ``left_out`` None.
    """
    cfg = {**DEFAULTS, **(settings or {})}
    ids = list(article_ids)
    complete = compares_all(len(ids), n_sentences, cfg)

    def row(left_out):
        return {"judged": 0, "covered": 0, "partly": 0, "only_here": 0, "others_judged": 0,
                "left_out": left_out}

    out = {a: row(0 if complete else None) for a in ids}
    for (aid, _), status in statuses.items():
        if aid in out and status:
            out[aid]["judged"] += 1
            out[aid][status] += 1
    total = sum(r["judged"] for r in out.values())
    carried_by_other = dict.fromkeys(ids, 0)  # judged sentences of others an article carries
    if complete:
        for key, arts in carriers(statuses, matches, cfg).items():
            for a in arts:
                if a != key[0] and a in carried_by_other:
                    carried_by_other[a] += 1
    for a, r in out.items():
        r["others_judged"] = total - r["judged"]
        if complete:
            r["left_out"] = r["others_judged"] - carried_by_other[a]
    out.update((a, row(None)) for a in not_compared)
    return out


def left_out(article_ids, statuses: dict, matches, limit: int = 10,
             settings: dict | None = None, n_sentences: int | None = None) -> dict:
    """Per article, up to ``limit`` judged sentences of the other articles that it does not
    carry, those that the most articles carry first: {article_id: [((article_id, position),
    carried_by), ...]}; a sentence that carries what one listed already says (one matches the
    other, scoring ``covered`` or more: two outlets' versions of the same fact) is not listed
    again. Empty lists when the story is too large to say (``article_summary``)."""
    cfg = {**DEFAULTS, **(settings or {})}
    ids = list(article_ids)
    out = {a: [] for a in ids}
    if not compares_all(len(ids), n_sentences, cfg):
        return out
    order = {a: i for i, a in enumerate(ids)}
    ranked = sorted(carriers(statuses, matches, cfg).items(),
                    key=lambda kv: (-len(kv[1]), order.get(kv[0][0], 0), kv[0][1]))
    same: dict = {}  # sentence -> the sentences of other articles matching it as covered
    for aid, pos, other, other_pos, score in matches:
        if score >= cfg["covered"]:  # either way round
            same.setdefault((aid, pos), set()).add((other, other_pos))
            same.setdefault((other, other_pos), set()).add((aid, pos))
    for a in ids:
        found = out[a]
        listed: set = set()  # the sentences listed, and those matching them
        for key, arts in ranked:
            if a not in arts and key not in listed:
                found.append((key, len(arts)))
                listed.add(key)
                listed.update(same.get(key, ()))
                if len(found) >= limit:
                    break
    return out
