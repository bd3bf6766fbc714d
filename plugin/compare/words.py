"""Word choice across the outlets of one story: the words that name the story's own subject
(set aside from each outlet's loaded choice), known framing pairs ("undocumented immigrants"
/ "illegal aliens") where outlets take different sides, and the sentences two outlets share
worded differently where one uses a loaded word (``aligned_wording``).

Pure functions over one story's articles; the framing pairs are written from general knowledge
of political language (style guides and the framing literature), not from any data set.
"""
from __future__ import annotations

import difflib
import math
import re

from .textnorm import MONTHS, STOP_WORDS, WEEKDAYS

# hedges and intensifiers never name a subject (they are set aside only when shared)
_SUBJECT_CATEGORIES = frozenset({"sensational_verb", "emotive", "pejorative",
                                 "subjective_adjective"})


def _family(term: str) -> str:
    """A crude stem joining the inflections of one word: crash/crashes/crashed/crashing."""
    t = term.lower()
    for suf in ("ing", "ed", "es", "s"):
        if t.endswith(suf) and len(t) - len(suf) >= 3:
            t = t[:-len(suf)]
            break
    if len(t) > 3 and t[-1] == t[-2]:  # "slamm(ed)" -> "slam"
        t = t[:-1]
    return t.rstrip("e")


def story_words(articles: list[dict], min_share: float = 2 / 3,
                min_per_article: float = 1.5) -> dict[str, str]:
    """Terms shared by the story's coverage, to set aside from each outlet's loaded choice.

    ``articles``: ``[{"text", "occurrences", optional "id", "title"}]``, the independent
    articles of ONE story (wire copies left out: the loader's stage passes only originals;
    occurrences as given to ``judge`` or returned by it; all voices count here).
    A word family (crash/crashes/crashed) is set aside when the story has at least two
    articles and the family occurs in at least ``min_share`` of them (and at least two): the
    outlets share it, so it tells nothing of one outlet's choice. The reason says it names the
    story's own subject when it is used on average ``min_per_article`` times in those articles
    or is in the title of at least one of them ("crash" in a crash story; hedges and
    intensifiers never name a subject), and that most of the story's articles use it
    otherwise ("slammed" in two of three).
    Returns ``{term: reason}`` for every surface term of each such family.
    """
    n = len(articles)
    if n < 2:
        return {}
    fam_articles: dict[str, set] = {}
    fam_count: dict[str, int] = {}
    fam_terms: dict[str, set] = {}
    fam_subject: set[str] = set()  # families with a term of a category that can name one
    titles = [(a.get("title") or "").lower() for a in articles]
    for i, a in enumerate(articles):
        for o in a.get("occurrences") or ():
            f = _family(o["term"])
            fam_articles.setdefault(f, set()).add(i)
            fam_count[f] = fam_count.get(f, 0) + 1
            fam_terms.setdefault(f, set()).add(o["term"])
            if o["category"] in _SUBJECT_CATEGORIES:
                fam_subject.add(f)
    need = max(2, math.ceil(min_share * n - 1e-9))
    out = {}
    for f, arts in fam_articles.items():
        df = len(arts)
        if df < need:
            continue
        total = fam_count[f]
        in_title = sum(1 for t in titles if t and any(
            re.search(r"(?<![a-z])" + re.escape(x) + r"(?![a-z])", t) for x in fam_terms[f]))
        forms = sorted(fam_terms[f])
        subject = f in fam_subject and (total / df >= min_per_article or in_title)
        why = (f"used in {df} of the story's {n} articles ({total} times"
               + (f", in {in_title} title{'s' if in_title > 1 else ''}" if in_title else "")
               + ("): it names the story's own subject, so it is not counted as an "
                  "outlet's loaded choice" if subject else
                  "): most of the story's articles use it, so it is no one outlet's loaded "
                  "choice")
               + (f" (forms: {', '.join(forms)})" if len(forms) > 1 else ""))
        for t in forms:
            out[t] = why
    return out


# --- framing pairs -------------------------------------------------------------------------

# Well-known contested ways to name the same thing, written from general knowledge of
# political language (style guides and the framing literature), not from any data set.
framing_pairs: list[dict] = [
    {"referent": "immigrants without legal status",
     "sides": [["undocumented immigrants", "undocumented immigrant", "undocumented migrants",
                "unauthorized immigrants"],
               ["illegal aliens", "illegal alien", "illegal immigrants", "illegal immigrant",
                "illegals"]]},
    {"referent": "tax cuts",
     "sides": [["tax relief", "tax reform"],
               ["tax cuts for the rich", "tax breaks for the wealthy", "tax giveaway",
                "tax scam", "tax cuts for the wealthy"]]},
    {"referent": "abortion positions",
     "sides": [["pro-life", "pro life", "unborn", "abortionist"],
               ["anti-abortion", "anti abortion", "abortion opponents", "fetus"]]},
    {"referent": "abortion rights",
     "sides": [["pro-choice", "pro choice", "reproductive rights", "abortion rights"],
               ["pro-abortion", "pro abortion", "abortion on demand"]]},
    {"referent": "estate tax",
     "sides": [["estate tax"], ["death tax"]]},
    {"referent": "gun policy",
     "sides": [["gun safety", "gun violence prevention", "common-sense gun laws"],
               ["gun control", "gun grab", "gun-grabbing"]]},
    {"referent": "semi-automatic rifles",
     "sides": [["modern sporting rifle", "semi-automatic rifle", "semiautomatic rifle"],
               ["assault weapon", "assault weapons", "assault rifle", "weapons of war"]]},
    {"referent": "climate change",
     "sides": [["climate change", "global warming"],
               ["climate crisis", "climate emergency", "climate catastrophe"]]},
    {"referent": "climate skeptics",
     "sides": [["climate skeptics", "climate sceptics", "skeptics"],
               ["climate deniers", "climate denier", "deniers"]]},
    {"referent": "health care law",
     "sides": [["affordable care act"], ["obamacare"]]},
    {"referent": "government-run health care",
     "sides": [["single-payer", "medicare for all", "universal health care"],
               ["socialized medicine", "government takeover of health care",
                "government-run health care"]]},
    {"referent": "border security",
     "sides": [["border security", "border wall", "secure the border"],
               ["border crisis", "invasion", "open borders"]]},
    {"referent": "family immigration",
     "sides": [["family reunification", "family-based immigration"], ["chain migration"]]},
    {"referent": "legalisation of undocumented immigrants",
     "sides": [["path to citizenship", "legalization", "legal status"], ["amnesty"]]},
    {"referent": "social programs",
     "sides": [["social safety net", "safety net", "benefits"],
               ["entitlements", "handouts", "welfare"]]},
    {"referent": "enhanced interrogation",
     "sides": [["enhanced interrogation"], ["torture"]]},
    {"referent": "unrest",
     "sides": [["protesters", "demonstrators", "protest", "uprising"],
               ["rioters", "mob", "riot", "looters", "insurrectionists", "insurrection"]]},
    {"referent": "armed groups",
     "sides": [["militants", "fighters", "rebels", "insurgents"],
               ["terrorists", "jihadists", "freedom fighters"]]},
    {"referent": "voting rules",
     "sides": [["election integrity", "voter id", "ballot security"],
               ["voter suppression", "voting restrictions"]]},
    {"referent": "religious-exemption laws",
     "sides": [["religious freedom", "religious liberty"],
               ["license to discriminate", "anti-gay", "anti-lgbt"]]},
    {"referent": "transgender care for minors",
     "sides": [["gender-affirming care", "gender affirming care"],
               ["gender transition procedures", "sex-change", "mutilation"]]},
    {"referent": "police funding",
     "sides": [["reallocate police funding", "police reform", "reimagine policing"],
               ["defund the police", "defund", "anti-police"]]},
    {"referent": "the wealthy",
     "sides": [["job creators", "small businesses"],
               ["the rich", "billionaires", "fat cats", "the wealthy", "millionaires"]]},
    {"referent": "government spending",
     "sides": [["investment", "investments", "stimulus"],
               ["spending spree", "bailout", "wasteful spending", "pork"]]},
    {"referent": "the news media",
     "sides": [["the press", "news media", "journalists", "reporters"],
               ["mainstream media", "liberal media", "fake news", "corporate media",
                "lamestream"]]},
]


def _pair_regex(phrase: str) -> tuple[re.Pattern, bool]:
    """The phrase's regex and whether it runs on the folded text (``_fold``). An ASCII phrase
    runs, lower-cased and case-sensitive, on the folded text: the same matches at the same
    offsets as the case-insensitive regex on the text (folding keeps the length), several
    times faster. Any other runs case-insensitively on the text itself."""
    words = re.split(r"[\s-]+", phrase.strip().lower())
    body = r"[\s-]+".join(map(re.escape, words)) + r"(?![A-Za-z])"
    if phrase.isascii():
        return re.compile(body), True
    return re.compile(body, re.IGNORECASE), False


_LETTER_BEFORE = re.compile(r"[A-Za-z]", re.IGNORECASE)


def _matches(rx: re.Pattern, text: str):
    """The matches of ``rx`` with no letter just before them, as finditer would give them
    with a (?<![A-Za-z]) in front: that lookbehind, first in a pattern, would make the regex
    engine try it at every character instead of jumping to the phrase's first letters."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        start = m.start()
        if start and _LETTER_BEFORE.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


def _pair_rx(pairs: list[dict]) -> list:
    """Per pair, per side: (phrase, its regex, whether on the folded text, its key: the longest
    run of ASCII letters of its words, which is a whole run of ASCII letters of the folded
    text wherever the regex can match; None: no such run, always looked for)."""
    out = []
    for pair in pairs:
        sides = []
        for side in pair["sides"]:
            entries = []
            for p in side:
                rx, folded = _pair_regex(p)
                runs = _LETTERS.findall(p.strip().lower())
                entries.append((p, rx, folded, max(runs, key=len) if runs else None))
            sides.append(entries)
        out.append(sides)
    return out


_LETTERS = re.compile(r"[a-z]+")
_PAIR_RX = _pair_rx(framing_pairs)
# the four non-ASCII letters that Python's case-insensitive matching takes for ASCII ones
_SPECIAL = ("\u0130", "\u0131", "\u017f", "\u212a")
_ASCII_FOLDS = str.maketrans(dict.fromkeys(_SPECIAL[:2], "i") | {_SPECIAL[2]: "s",
                                                                  _SPECIAL[3]: "k"})


def _fold(text: str) -> str:
    """The text lower-cased, those four letters as their ASCII ones first (so that lower-casing
    keeps its length: offsets stay those of the text)."""
    if any(c in text for c in _SPECIAL):
        text = text.translate(_ASCII_FOLDS)
    return text.lower()


def quote_spans(quotes: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """{article_id: [(start, end)]} of quotation rows (``article_id``, ``start``, ``end``)."""
    spans: dict = {}
    for q in quotes:
        spans.setdefault(q["article_id"], []).append((q["start"], q["end"]))
    return spans


def own_voice_texts(sentences: list[dict], quotes: list[dict]) -> dict[str, str]:
    """{article_id: its sentences' text, one per line, with the words of its direct quotations
    blanked}: what the outlet itself writes, where its word choice is its own ("fake news" in
    a quotation of Trump is his). ``sentences`` and ``quotes``: rows with ``article_id``,
    ``start``, ``end`` (offsets in the article's text), sentences with their ``text``."""
    spans = quote_spans(quotes)
    lines: dict = {}
    for v in sentences:
        text, s0 = v["text"], v["start"]
        if s0 is not None:
            for a, b in spans.get(v["article_id"], ()):
                lo, hi = max(a, s0) - s0, min(b, s0 + len(text)) - s0
                if lo < hi:
                    text = text[:lo] + " " * (hi - lo) + text[hi:]
        lines.setdefault(v["article_id"], []).append(text)
    return {aid: "\n".join(ls) for aid, ls in lines.items()}


def word_choices(articles: list[dict], pairs: list[dict] | None = None) -> list[dict]:
    """Where the articles of ONE story name the same referent with different sides of a
    framing pair. ``articles``: ``[{"id", "text"}]`` (occurrences, when given, are used for the
    story-text pairs: see below). Returns ``[{"referent", "by_article": {id: [terms]},
    "sides": {id: side_index}}]`` for each pair of which at least two articles use a side and
    not all of them the same side; terms are listed in order of first use, overlapping matches
    of a longer phrase win ("illegal aliens" over "aliens").

    Only the known pairs are used here: two lexicon terms of different families are not
    comparable by rule. The story's own texts give word choices where two outlets' sentences
    carry the same information (``aligned_wording``).
    """
    rxs = _PAIR_RX if pairs is None else _pair_rx(pairs)
    pairs = framing_pairs if pairs is None else pairs
    texts = [a.get("text") or "" for a in articles]
    folded = [_fold(t) for t in texts]  # (a page view reads every pair in every text)
    words = [set(_LETTERS.findall(f)) for f in folded]
    out = []
    for pair, sides_rx in zip(pairs, rxs):
        by_article: dict = {}
        side_of: dict = {}
        for k, a in enumerate(articles):
            aid = a.get("id", k)
            present = words[k]
            hits = []  # (start, end, phrase, side)
            for si, side in enumerate(sides_rx):
                for phrase, rx, on_folded, key in side:
                    if key is not None and key not in present:
                        continue  # (the regex cannot match)
                    for m in _matches(rx, folded[k] if on_folded else texts[k]):
                        hits.append((m.start(), m.end(), phrase, si))
            if not hits:
                continue
            # longest match wins where matches overlap
            hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
            kept = []
            last_end = -1
            for h in hits:
                if h[0] >= last_end:
                    kept.append(h)
                    last_end = h[1]
            terms = []
            sides = set()
            for _, _, phrase, si in kept:
                if phrase not in terms:
                    terms.append(phrase)
                sides.add(si)
            by_article[aid] = terms
            side_of[aid] = sorted(sides)
        if len(by_article) >= 2:
            all_sides = [tuple(s) for s in side_of.values()]
            if len(set(all_sides)) > 1:
                out.append({"referent": pair["referent"], "by_article": by_article,
                            "sides": side_of})
    return out


# --- the same sentence in two outlets' words -------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_WHEN = frozenset(MONTHS) | WEEKDAYS | frozenset(
    "today yesterday tomorrow morning afternoon evening night week weekend month year minutes "
    "hours days weeks months years".split())
ALIGNED_MAX_WORDS = 3  # words of a side at most
ALIGNED_MIN_CONTEXT = 3  # words the two sentences share around the difference, at least
ALIGNED_MAX_PAIRS = 400  # matched sentence pairs read per story (the best first)


def _is_content(word: str) -> bool:
    """Does the word carry meaning: no stop word, date or figure?"""
    low = word.lower()
    return low not in STOP_WORDS and low not in _WHEN and not any(c.isdigit() for c in word)


def aligned_wording(sentences: list[dict], matches, occurrences: list[dict],
                    quotes: dict | None = None, outlet_of: dict | None = None,
                    min_score: float = 0.45, limit: int = 30) -> list[dict]:
    """Where two outlets' sentences carry the same information and differ in a few words, one
    side being a loaded word in its outlet's own voice ("Russian meddling in the 2016 election"
    / "Russian interference in the 2016 election").

    ``sentences``: the story's prose sentences (``article_id``, ``position``, ``start``,
    ``text``); ``matches``: coverage matches ``(article_id, position, other_article_id,
    other_position, score)``, those scoring at least ``min_score`` read (the same information:
    ``compare.coverage``); ``occurrences``: the loaded words counted in the articles' own
    voice (``article_id``, ``start``, ``end``, ``term``), the story's shared words left out;
    ``quotes``: {article_id: [(start, end)]} of direct quotations (``quote_spans``: words inside
    them are the speaker's); ``outlet_of``: {article_id: outlet} (two articles of one outlet are not
    compared).

    The two sentences' words are aligned (``difflib``); a difference is kept when each side is
    at most ``ALIGNED_MAX_WORDS`` words with at least one content word (no stop word, date or
    figure) and no capitalised word inside the sentence (a name is a different fact, not a
    different word), the sides share no word stem, the two sentences share at least
    ``ALIGNED_MIN_CONTEXT`` words right around it, no side is inside a quotation, and every
    content word of at least one side is inside that article's loaded words (the other side
    then has at most two content words). Returns up to ``limit`` rows, the best-matched
    sentences first, each difference once: ``{"before", "after"`` (the shared words around
    it, at most three each), ``"score"`` (the match), ``"sides"``: two ``{"article_id",
    "position", "words", "loaded"`` (its loaded terms, or [])}``}."""
    quotes = quotes or {}
    outlet_of = outlet_of or {}
    text_of = {(s["article_id"], s["position"]): (s["start"], s["text"]) for s in sentences}
    loaded: dict = {}
    for o in occurrences:
        loaded.setdefault(o["article_id"], []).append((o["start"], o["end"], o["term"]))
    spans = {k: (v[0], v[0] + len(v[1])) for k, v in text_of.items()}

    def has_loaded(key) -> bool:
        s, e = spans[key]
        return any(s <= o[0] and o[1] <= e for o in loaded.get(key[0], ()))

    pairs, seen = [], set()
    for a, pa, b, pb, score in sorted(matches, key=lambda m: (-m[4], m[0], m[1], m[2], m[3])):
        ka, kb = (a, pa), (b, pb)
        if score < min_score or ka not in text_of or kb not in text_of or (kb, ka) in seen:
            continue
        if a == b or (outlet_of.get(a) is not None and outlet_of.get(a) == outlet_of.get(b)):
            continue
        seen.add((ka, kb))
        if has_loaded(ka) or has_loaded(kb):
            pairs.append((ka, kb, score))
            if len(pairs) >= ALIGNED_MAX_PAIRS:
                break

    tokens: dict = {}  # sentence -> its (word, start, end), read once however many pairs

    def words(key):
        if key not in tokens:
            start, text = text_of[key]
            tokens[key] = [(m.group(), start + m.start(), start + m.end())
                           for m in _WORD.finditer(text)]
        return tokens[key]

    def side(key, toks, i1, i2):
        """The side's words and its loaded terms when they cover every content word; None
        when the side cannot be one (a name, no content word, inside a quotation)."""
        ws = [w for w, _, _ in toks[i1:i2]]
        content = [t for t in toks[i1:i2] if _is_content(t[0])]
        if not content or any(w[:1].isupper() for k, w in enumerate(ws) if i1 + k > 0):
            return None
        s, e = toks[i1][1], toks[i2 - 1][2]
        if any(qs < e and s < qe for qs, qe in quotes.get(key[0], ())):
            return None
        found = [o for o in loaded.get(key[0], ()) if s <= o[0] and o[1] <= e]
        whole = found and all(any(o[0] <= ts and te <= o[1] for o in found)
                              for _, ts, te in content)
        return {"article_id": key[0], "position": key[1], "words": " ".join(ws),
                "loaded": list(dict.fromkeys(o[2] for o in found)) if whole else [],
                "content": [w for w, _, _ in content]}

    out, kept = [], set()
    for ka, kb, score in pairs:
        ta, tb = words(ka), words(kb)
        ops = difflib.SequenceMatcher(None, [w.lower() for w, _, _ in ta],
                                      [w.lower() for w, _, _ in tb], autojunk=False
                                      ).get_opcodes()
        for k, (tag, i1, i2, j1, j2) in enumerate(ops):
            if tag != "replace" or i2 - i1 > ALIGNED_MAX_WORDS or j2 - j1 > ALIGNED_MAX_WORDS:
                continue
            if not (0 < k < len(ops) - 1 and ops[k - 1][0] == ops[k + 1][0] == "equal"):
                continue
            prev, nxt = ops[k - 1], ops[k + 1]
            if (prev[2] - prev[1]) + (nxt[2] - nxt[1]) < ALIGNED_MIN_CONTEXT:
                continue
            sa, sb = side(ka, ta, i1, i2), side(kb, tb, j1, j2)
            if sa is None or sb is None or not (sa["loaded"] or sb["loaded"]):
                continue
            if {w.lower()[:4] for w in sa["content"]} & {w.lower()[:4] for w in sb["content"]}:
                continue  # "criticized" / "criticism": the same word
            if len((sb if sa["loaded"] else sa)["content"]) > 2:
                continue
            key = (ka[0], sa["words"].lower(), kb[0], sb["words"].lower())
            if key in kept or (key[2], key[3], key[0], key[1]) in kept:
                continue
            kept.add(key)
            for s in (sa, sb):
                del s["content"]
            out.append({"before": " ".join(w for w, _, _ in ta[max(prev[1], i1 - 3):i1]),
                        "after": " ".join(w for w, _, _ in ta[i2:min(i2 + 3, nxt[2])]),
                        "score": score, "sides": [sa, sb]})
            if len(out) >= limit:
                return out
    return out
