"""Shared text normalisation for coverage and entities: content words with light stemming,
numbers and amounts normalised to one key, capitalised name runs.

Pure Python; no data, names or phrases from any corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..analysis.english import STOP_WORDS as _ENGLISH_STOP_WORDS

# the shared English stop words, plus reporting verbs, titles and hedges that carry no
# information of their own; "new", "one" and "two" stay content words here ("New York"; numbers
# are figures)
STOP_WORDS = (_ENGLISH_STOP_WORDS - {"new", "one", "two"}) | frozenset("""
said says say saying told tell tells according added adding noted wrote tweeted stated explained
asked also like get got just even still yet may might must shall us let lets ever every much many
per via upon within without across among around whether though although however thus since
mr mrs ms dr sen rep gov pres st jr sr
""".split())

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "half": 0.5, "quarter": 0.25,
}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
}
CURRENCY_WORDS = {"dollar": "$", "dollars": "$", "usd": "$", "euro": "€", "euros": "€",
                  "pound": "£", "pounds": "£", "sterling": "£", "yen": "¥"}
CURRENCY_SIGNS = {"$": "$", "€": "€", "£": "£", "¥": "¥"}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
UNIT_WORDS = frozenset("""percent percentage pct per cent point points year years month months
week weeks day days hour hours minute minutes people person percent""".split())

# titles stripped from the front of a name run
TITLES = frozenset("""mr mrs ms miss dr prof sen senator rep representative gov governor pres
president vice secretary sec gen general col lt capt sgt judge justice chief minister mayor
speaker leader chairman chairwoman chair director commissioner attorney ambassador king queen
prince princess lord sir dame rev reverend father pope officer deputy agent coach former late
st saint jr sr the""".split())

WORD_RE = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*", re.UNICODE)
TOKEN_RE = re.compile(
    r"(?:(?P<cur>[$€£¥])\s?)?(?P<num>\d+(?:[,\d]*\d)?(?:\.\d+)?)(?P<pct>\s?%)?"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)",
    re.UNICODE,
)


def stem(w: str) -> str:
    """Light suffix stripping, then truncation: 'sentenced', 'sentences' -> 'senten'."""
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    n = len(w)
    if n > 4:
        for suf in ("ational", "ization", "ations", "ation", "ments", "ment", "ness", "ings",
                    "ing", "ies", "ied", "ers", "ed", "es", "ly", "er", "s"):
            if w.endswith(suf) and n - len(suf) >= 4:
                w = w[: n - len(suf)]
                if suf in ("ies", "ied"):
                    w += "y"
                break
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
            w = w[:-1]
    return w[:6]


def _num(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def fmt_value(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return ("%.4g" % v)


_HAS_NUM = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.I)


@lru_cache(maxsize=20_000)
def figures(text: str) -> list[dict]:
    """Numbers, amounts, percentages, counts and dates in ``text``. (Cached: coverage and
    entities read the same sentences; callers never modify the result.)

    Each: {"start", "end", "text", "kind": "amount"|"percent"|"date"|"count"|"year",
    "value": float|None, "key": str}. "$1.5 billion" and "1.5bn dollars" both have key
    "$1.5e+09"-like "$1500000000"; "eight months" -> "8 month"; "5 percent" -> "5%".
    """
    if not _HAS_NUM.search(text):  # no digit, no number word: no figure
        return []
    out: list[dict] = []
    toks = []  # (start, end, kind, value, raw)
    for m in TOKEN_RE.finditer(text):
        if m.group("num"):
            toks.append((m.start(), m.end(), "num", _num(m.group("num")),
                         m.group("cur") or "", bool(m.group("pct"))))
        else:
            toks.append((m.start(), m.end(), "word", m.group("word").lower(), "", False))
    i = 0
    n = len(toks)
    while i < n:
        s, e, kind, val, cur, pct = toks[i]
        value = None
        j = i
        if kind == "num":
            value = val
        elif val in NUMBER_WORDS and not (val in ("half", "quarter", "one", "second")):
            value = float(NUMBER_WORDS[val])
            # "twenty five", "two hundred"
            while j + 1 < n and toks[j + 1][2] == "word" and toks[j + 1][3] in NUMBER_WORDS \
                    and toks[j + 1][3] not in ("half", "quarter", "dozen") \
                    and toks[j + 1][0] - toks[j][1] <= 1:
                nxt = NUMBER_WORDS[toks[j + 1][3]]
                value = value * nxt if nxt == 100 else value + nxt
                j += 1
        elif val in MONTHS and j + 1 < n and toks[j + 1][2] == "num" \
                and toks[j + 1][0] - e <= 3 and (toks[j + 1][3] or 0) <= 31 \
                and (val != "may" or text[s:s + 1] == "M"):
            day = int(toks[j + 1][3] or 0)
            endp = toks[j + 1][1]
            out.append({"start": s, "end": endp, "text": text[s:endp], "kind": "date",
                        "value": None, "key": "date:%d-%d" % (MONTHS[val], day)})
            i = j + 2
            continue
        if value is None:
            i += 1
            continue
        end = toks[j][1]
        cur = cur or ""
        is_pct = pct
        unit = ""
        # scale word / suffix right after: "1.5 billion", "1.5bn"
        tail = text[end:end + 12]
        msuf = re.match(r"\s?(thousand|million|billion|trillion|bn|mn|mln|tn|[kmb])\b", tail,
                        re.I)
        if msuf:
            value *= SCALES[msuf.group(1).lower()]
            end += msuf.end()
        # currency or unit after
        tail = text[end:end + 20]
        mu = re.match(r"[\s-]?(dollars?|usd|euros?|pounds?|percent|per cent|percentage points?|"
                      r"years?|months?|weeks?|days?|hours?|minutes?|people|"
                      r"(?:[^\W\d_]+))\b", tail, re.I)
        if mu:
            u = mu.group(1).lower()
            if u in CURRENCY_WORDS and not cur:
                cur = CURRENCY_WORDS[u]
                end += mu.end()
            elif u in ("percent", "per cent"):
                is_pct = True
                end += mu.end()
            elif u.startswith("percentage point"):
                is_pct = True
                end += mu.end()
            elif u in UNIT_WORDS:
                unit = stem(u) if u not in ("people", "person") else "people"
                end += mu.end()
        if is_pct:
            key = fmt_value(value) + "%"
            fkind = "percent"
        elif cur:
            key = cur + fmt_value(value)
            fkind = "amount"
        elif unit:
            key = fmt_value(value) + " " + unit
            fkind = "count"
        elif kind == "num" and 1800 <= value <= 2100 and value == int(value) and "," not in text[s:e]:
            key = "year:" + fmt_value(value)
            fkind = "year"
        else:
            key = fmt_value(value)
            fkind = "count"
        out.append({"start": s, "end": end, "text": text[s:end], "kind": fkind,
                    "value": value, "key": key})
        # skip tokens inside the figure
        i = j + 1
        while i < n and toks[i][0] < end:
            i += 1
    return out


def name_runs(text: str, keep_initial: bool = False,
              words: list[tuple[int, int, str]] | None = None) -> list[tuple[int, int, list[str]]]:
    """``_name_runs``, computed once per text for both values of ``keep_initial`` and cached
    (coverage and entities read the same sentences; callers never modify the result)."""
    both = _RUNS.get(text)
    if both is None:
        if len(_RUNS) >= 40_000:
            _RUNS.clear()
        tagged = _name_runs(text, words)
        both = _RUNS[text] = ([r[:3] for r in tagged], [r[:3] for r in tagged if not r[3]])
    return both[0] if keep_initial else both[1]


_RUNS: dict = {}


def _name_runs(text: str, words: list[tuple[int, int, str]] | None = None
               ) -> list[tuple[int, int, list[str], bool]]:
    """Runs of capitalised words (allowing 'of', 'de', '&' inside), with leading titles
    stripped. Returns (start, end, words, initial): ``initial`` marks a run that is only the
    sentence's first word, which ``name_runs`` keeps only with ``keep_initial`` (a stop word
    there is stripped in any case); ``words`` (the (start, end, word) tokens of WORD_RE) may be
    given to save tokenising twice."""
    if words is None:
        words = [(m.start(), m.end(), m.group(0)) for m in WORD_RE.finditer(text)]
    runs = []
    i = 0
    n = len(words)
    while i < n:
        s, e, w = words[i]
        if w[:1].isupper() and not w.isdigit():
            j = i
            while j + 1 < n:
                ns, ne, nw = words[j + 1]
                gap = text[words[j][1]:ns]
                if len(gap) > 2 or any(c in gap for c in ",;:()\"“”—!?"):
                    break
                if "." in gap and not (len(words[j][2]) == 1
                                       or words[j][2].lower() in TITLES):
                    break
                if nw[:1].isupper():
                    j += 1
                elif nw in ("of", "for", "de", "van", "von", "da", "al", "bin", "del", "la") and j + 2 < n \
                        and words[j + 2][2][:1].isupper() and len(text[ne:words[j + 2][0]]) <= 1:
                    j += 2
                else:
                    break
            run = words[i:j + 1]
            before = text[max(0, run[0][0] - 40):run[0][0]].rstrip()
            at_start = before == "" or before[-1:] in ".!?\"“:" and not (
                before[-1:] == "." and before.split()[-1].lower().rstrip(".") in TITLES)
            # strip leading titles and stop words ("The", sentence-initial "But")
            while run and (run[0][2].lower().rstrip(".") in TITLES
                           or run[0][2].lower() in STOP_WORDS):
                run = run[1:]
            while run and run[-1][2].lower() in ("of", "for", "de", "van", "von", "da", "al", "bin",
                                                  "del", "la"):
                run = run[:-1]
            if run:
                # sentence-initial single common word: skipped without keep_initial ("Largely")
                runs.append((run[0][0], run[-1][1], [r[2] for r in run],
                             len(run) == 1 and at_start and run[0][0] == words[i][0]))
            i = j + 1
        else:
            i += 1
    return runs
