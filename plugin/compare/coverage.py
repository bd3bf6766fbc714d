"""What each article of a story reports that the others do not.

``story_coverage(articles, settings=None)`` judges every prose sentence of every article of one
story against the other articles:

- ``covered``: its information is reported elsewhere;
- ``partly``: most of it is, but a substantive detail (a figure, a name, a distinctive word)
  appears in no other article;
- ``only_here``: no other article carries it;
- ``None``: boilerplate, no content words, or a story with fewer than two articles.

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
import re
from functools import lru_cache
from collections import defaultdict

from .textnorm import MONTHS, NUMBER_WORDS, STOP_WORDS, WEEKDAYS, WORD_RE, figures, name_runs, stem

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


_HAS_NUM = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.I)


@lru_cache(maxsize=200_000)
def _word_term(w: str) -> str | None:
    """The term of one word (lower-cased), or None for a stop word / too short."""
    w = w.replace("’", "'")
    if "." in w:  # abbreviations: "u.s." -> "u.s"
        return w.rstrip(".")
    if w in STOP_WORDS or len(w) < 2 or w.isdigit():
        return None
    return stem(w)


@lru_cache(maxsize=50_000)
def _terms(text: str):
    """(Cached: a story recomputed when an article joins re-reads the others' sentences; the
    returned objects are never modified.) term -> kind ("word", "name", "figure"); {term: surface}; and the substantive
    details: figures other than small bare counts, and terms of multi-word names or
    acronyms (not weekdays or months)."""
    terms: dict[str, str] = {}
    surface: dict[str, str] = {}
    details: list[str] = []
    skip_to = []
    if _HAS_NUM.search(text):
        for f in figures(text):
            t = "#" + f["key"]
            terms[t] = "figure"
            surface.setdefault(t, f["text"])
            skip_to.append((f["start"], f["end"]))
            if not (f["kind"] == "count" and " " not in f["key"] and (f["value"] or 0) <= 10):
                details.append(t)
    toks = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text)]
    name_pos: dict[int, bool] = {}
    runs = name_runs(text, words=toks)
    if runs:
        k = 0
        for s, e, words in runs:
            multi = len(words) >= 2
            while k < len(toks) and toks[k][0] < s:
                k += 1
            while k < len(toks) and toks[k][0] < e:
                w = toks[k][2]
                lw = w.lower().rstrip(".")
                name_pos[toks[k][0]] = (multi or (w.isupper() and len(w) >= 2)) and not (
                    lw in WEEKDAYS or lw in MONTHS or lw in STOP_WORDS)
                k += 1
    for ms, _, w in toks:
        if skip_to and any(a <= ms < b for a, b in skip_to):
            continue
        name = name_pos.get(ms)
        lw = w.lower()
        if name is None and len(lw) < 3:
            continue
        t = _word_term(lw)
        if t is None:
            continue
        if name is None:
            terms.setdefault(t, "word")
        else:
            terms[t] = "name"
            if name and t not in details:
                details.append(t)
        surface.setdefault(t, w)
    return terms, surface, details


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
    items = []  # (article index, position, terms dict) for judged sentences
    art_sents: list[list[tuple[int, dict]]] = []
    for ai, a in enumerate(articles):
        rows = []
        for s in a["sentences"]:
            key = (a["id"], s["position"])
            if s.get("is_boilerplate"):
                out[key] = {"coverage": None, "score": None, "missing": []}
                continue
            terms, surf, details = _terms(s["text"])
            rows.append((s["position"], terms, surf, details))
        art_sents.append(rows)

    # document frequency over the story's sentences; per-article term sets; article frequency
    df: dict[str, int] = defaultdict(int)
    art_df: dict[str, int] = defaultdict(int)
    n_sent = 0
    art_terms: list[set] = []
    for rows in art_sents:
        at: set = set()
        for _, terms, _, _ in rows:
            n_sent += 1
            for t in terms:
                df[t] += 1
            at.update(terms)
        for t in at:
            art_df[t] += 1
        art_terms.append(at)
    idf = {t: math.log(1.0 + (n_sent + 1) / (d + 0.5)) for t, d in df.items()}
    boost = {"word": 1.0, "name": cfg["name_boost"], "figure": cfg["figure_boost"]}
    multi = len(articles) >= 2

    # inverted index: term -> [(article index, row index)]
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    term_sets: list[list[frozenset]] = []
    for ai, rows in enumerate(art_sents):
        term_sets.append([frozenset(terms) for _, terms, _, _ in rows])
        for ri, (_, terms, _, _) in enumerate(rows):
            for t in terms:
                postings[t].append((ai, ri))
    large = n_sent > cfg["large_story"]
    max_post = cfg["max_postings_large"] if large else cfg["max_postings"]
    # small stories: every term finds candidates; large ones: only the rarest few
    n_lookup = cfg["lookup_terms"] if large else None
    per_art = cfg["max_candidates_per_article"]
    max_arts = cfg["max_articles_large"] if large else cfg["max_articles"]
    dmode = cfg["detail_partly"]
    matches = result["matches"]

    for ai, rows in enumerate(art_sents):
        aid = articles[ai]["id"]
        own = art_terms[ai]
        for ri, (pos, terms, surf, details) in enumerate(rows):
            key = (aid, pos)
            if len(terms) < cfg["min_terms"] or not multi:
                out[key] = {"coverage": None, "score": None, "missing": []}
                continue
            w = {t: idf[t] * boost[k] for t, k in terms.items()}
            wset = term_sets[ai][ri]
            total = sum(w.values())
            # candidates: sentences of other articles sharing one of the sentence's rarest
            # terms (at most n_lookup terms, each in at most max_post sentences)
            cand: dict[tuple[int, int], float] = defaultdict(float)
            rare = sorted((t for t in w if len(postings[t]) <= max_post), key=lambda t: -w[t])
            for t in rare[:n_lookup]:
                wt = w[t]
                for c in postings[t]:
                    if c[0] != ai:
                        cand[c] += wt
            by_art: dict[int, list[tuple[float, int]]] = defaultdict(list)
            for (bi, rj), cw in cand.items():
                by_art[bi].append((cw, rj))
            arts_ranked = sorted(by_art.items(), key=lambda kv: -max(kv[1])[0])[:max_arts]
            best_per_art = []  # (score, bi, [rj...], matched set)
            for bi, cands in arts_ranked:
                bsets = term_sets[bi]
                nb = len(bsets)
                cands.sort(reverse=True)
                hit: dict[int, frozenset] = {}
                hsc: dict[int, float] = {}

                def get(k):
                    m = hit.get(k)
                    if m is None:
                        m = hit[k] = wset & bsets[k]
                        hsc[k] = fsum(w[t] for t in m)
                    return m

                best = (-1.0, [], frozenset())
                for _, rj in cands[:per_art]:
                    m = get(rj)
                    if hsc[rj] > best[0]:
                        best = (hsc[rj], [rj], m)
                    for k in (rj - 1, rj + 1):
                        if 0 <= k < nb:
                            extra_t = get(k) - m
                            if extra_t:
                                sc = hsc[rj] + fsum(w[t] for t in extra_t)
                                if sc > best[0]:
                                    best = (sc, sorted((rj, k)), m | hit[k])
                sc, win, matched = best
                if sc <= 0:
                    continue
                bterms = art_terms[bi]
                extra = fsum(w[t] for t in wset - matched if t in bterms)
                score = (sc + cfg["doc_credit"] * extra) / total
                best_per_art.append((score, bi, win, matched))
            best_per_art.sort(key=lambda x: -x[0])
            s_max = best_per_art[0][0] if best_per_art else 0.0
            union: set = set()
            for _, _, _, m in best_per_art:
                union |= m
            s_union = fsum(w[t] for t in union) / total if total else 0.0
            score = min(1.0, max(s_max, cfg["union_weight"] * s_union))

            def elsewhere(t):  # in some other article of the story
                return art_df.get(t, 0) > (1 if t in own else 0)

            missing_terms = [t for t in details
                             if (dmode == "all" or (dmode == "figures" and t[0] == "#"))
                             and not elsewhere(t)]
            if score >= cfg["covered"]:
                status = "partly" if (missing_terms and score < cfg["detail_max_score"]) \
                    else "covered"
            elif score >= cfg["only_here"]:
                status = "partly"
            else:
                status = "only_here"
            missing = []
            if status == "partly":
                # figures first, then names, then the heaviest words no other article has
                unmatched = sorted((t for t in w if t not in union and not elsewhere(t)),
                                   key=lambda t: (terms[t] != "figure", terms[t] != "name",
                                                  -w[t]))
                missing = [surf[t] for t in missing_terms]
                for t in unmatched:
                    if len(missing) >= 5:
                        break
                    if surf[t] not in missing:
                        missing.append(surf[t])
            out[key] = {"coverage": status, "score": round(score, 3), "missing": missing}
            for sc, bi, win, _ in best_per_art:
                if sc < cfg["match_min"]:
                    break
                for k in win:
                    matches.append((aid, pos, articles[bi]["id"], art_sents[bi][k][0],
                                    round(min(sc, 1.0), 3)))
    return result


# --- per article: what it alone reports, what it leaves out -------------------------------------

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
                    n_sentences: int | None = None) -> dict:
    """Per article of a story: ``judged`` sentences and how many are ``covered``, ``partly``,
    ``only_here``; ``others_judged`` (judged sentences of the other articles) and ``left_out``,
    those of them it does not carry (None when the story is too large for every article to be
    compared with every sentence, see ``compares_all``).

    ``statuses``: {(article_id, position): "covered"|"partly"|"only_here"} for judged sentences.
    """
    cfg = {**DEFAULTS, **(settings or {})}
    ids = list(article_ids)
    complete = compares_all(len(ids), n_sentences, cfg)
    out = {a: {"judged": 0, "covered": 0, "partly": 0, "only_here": 0, "others_judged": 0,
               "left_out": 0 if complete else None} for a in ids}
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
    return out


def left_out(article_ids, statuses: dict, matches, limit: int = 10,
             settings: dict | None = None, n_sentences: int | None = None) -> dict:
    """Per article, up to ``limit`` judged sentences of the other articles that it does not
    carry, those that the most articles carry first: {article_id: [((article_id, position),
    carried_by), ...]}. Empty lists when the story is too large to say (``article_summary``)."""
    cfg = {**DEFAULTS, **(settings or {})}
    ids = list(article_ids)
    out = {a: [] for a in ids}
    if not compares_all(len(ids), n_sentences, cfg):
        return out
    order = {a: i for i, a in enumerate(ids)}
    ranked = sorted(carriers(statuses, matches, cfg).items(),
                    key=lambda kv: (-len(kv[1]), order.get(kv[0][0], 0), kv[0][1]))
    for a in ids:
        found = out[a]
        for key, arts in ranked:
            if a not in arts:
                found.append((key, len(arts)))
                if len(found) >= limit:
                    break
    return out
