"""Shared text normalisation for coverage and entities: content words with light stemming,
numbers and amounts normalised to one key, capitalised name runs.

Pure Python; no data, names or phrases from any corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate, compress, count
from operator import itemgetter

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
        # the first of _SUFFIXES that ends the word (those ending with its last letter)
        for suf in _SUFFIXES_BY_LAST.get(w[-1], ()):
            if w.endswith(suf) and n - len(suf) >= 4:
                w = w[: n - len(suf)]
                if suf in ("ies", "ied"):
                    w += "y"
                break
        if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
            w = w[:-1]
    return w[:6]


_SUFFIXES = ("ational", "ization", "ations", "ation", "ments", "ment", "ness", "ings", "ing",
             "ies", "ied", "ers", "ed", "es", "ly", "er", "s")
_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {}
for _suf in _SUFFIXES:
    _SUFFIXES_BY_LAST[_suf[-1]] = _SUFFIXES_BY_LAST.get(_suf[-1], ()) + (_suf,)


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
_DIGIT = re.compile(r"\d")
_WORD_RUN = re.compile(r"\w++")
_NUMBER_WORD = re.compile(r"(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\Z", re.I)
NUMBER_WORD_SET = frozenset(NUMBER_WORDS)
_CASE_SPECIAL = frozenset("\u0130\u0131\u017f\u212a")
_NW_MIN, _NW_MAX = min(map(len, NUMBER_WORDS)), max(map(len, NUMBER_WORDS))


def has_number(text: str) -> bool:
    """Whether ``text`` has a digit or a number word (``_HAS_NUM.search``, faster): a number
    word matches only as a whole run of word characters."""
    if _DIGIT.search(text):
        return True
    # without the four letters that lower-case to or match an ASCII letter under re.I ("İ",
    # "ı", "ſ", Kelvin "K"), lower-casing is exactly the regex's case folding for number words
    if text.isascii() or _CASE_SPECIAL.isdisjoint(text):
        return not NUMBER_WORD_SET.isdisjoint(_WORD_RUN.findall(text.lower()))
    return any(_NW_MIN <= len(r) <= _NW_MAX and _NUMBER_WORD.match(r)
               for r in _WORD_RUN.findall(text))


_CONNECTED = re.compile(r"['’.]")


class _Numberish(dict):
    """word (a WORD_RE token as written) -> 2: it has a digit; 1: it may be or hold a number
    word ("two", "two's"; or it has a letter whose case folding ``has_number`` leaves to the
    regex); 0: neither. Every digit and every number word of a text is in one of its words, so
    a text whose words are all 0 has no number."""

    def __missing__(self, w: str) -> int:
        if len(self) >= 200_000:
            self.clear()
        if w.isalpha():  # one word: no digit, nothing joined
            v = 1 if w.lower() in NUMBER_WORD_SET or not _CASE_SPECIAL.isdisjoint(w) else 0
        elif _DIGIT.search(w):
            v = 2
        elif not _CASE_SPECIAL.isdisjoint(w) or not NUMBER_WORD_SET.isdisjoint(
                _CONNECTED.split(w.lower())):
            v = 1
        else:
            v = 0
        self[w] = v
        return v


_NUMBERISH = _Numberish()


def words_have_number(text: str, words: list[str]) -> bool:
    """``has_number(text)``, faster, given the WORD_RE tokens of ``text``."""
    flag = max(map(_NUMBERISH.__getitem__, words), default=0)
    return flag == 2 or (flag == 1 and has_number(text))


def figures(text: str) -> tuple[dict, ...]:
    """Numbers, amounts, percentages, counts and dates in ``text``, in a tuple. (Cached:
    coverage and entities read the same sentences; callers never modify the result.)

    Each: {"start", "end", "text", "kind": "amount"|"percent"|"date"|"count"|"year",
    "value": float|None, "key": str}. "$1.5 billion" and "1.5bn dollars" both have key
    "$1.5e+09"-like "$1500000000"; "eight months" -> "8 month"; "5 percent" -> "5%".
    """
    found = _FIGURES.get(text)
    if found is None:
        if len(_FIGURES) >= 20_000:
            _FIGURES.clear()
        # no digit, no number word: no figure
        found = _FIGURES[text] = tuple(_figures(text)) if has_number(text) else ()
    return found


_FIGURES: dict = {}


def no_figures(text: str) -> None:
    """Record that ``text`` has no figure (its caller knows it has no number: see
    ``has_number``)."""
    if text not in _FIGURES:
        if len(_FIGURES) >= 20_000:
            _FIGURES.clear()
        _FIGURES[text] = ()


# TOKEN_RE (the same tokens) for re.split: the word first, possessive, and a number only where a
# currency sign or a digit starts; per token (gap, token, word, cur, num, pct)
_TOKEN_SPLIT = re.compile(r"((?P<word>[^\W\d_]++(?:['’][^\W\d_]++)*+)"
                          r"|(?=[$€£¥\d])(?:(?P<cur>[$€£¥])\s?)?(?P<num>\d+(?:[,\d]*\d)?(?:\.\d+)?)"
                          r"(?P<pct>\s?%)?)")
# words that may start a figure: number words (not "half", "quarter", "one") and months
_FIGURE_START = frozenset(w for w in NUMBER_WORDS if w not in ("half", "quarter", "one",
                                                                  "second")) | frozenset(MONTHS)


class _StartsFigure(dict):
    """TOKEN_RE word (as written; None for a number) -> whether it may start a figure."""

    def __missing__(self, w: str) -> bool:
        if len(self) >= 100_000:
            self.clear()
            self[None] = True
        v = self[w] = w.lower() in _FIGURE_START
        return v


_STARTS_FIGURE = _StartsFigure({None: True})
_SCALE_AFTER = re.compile(r"\s?(thousand|million|billion|trillion|bn|mn|mln|tn|[kmb])\b", re.I)
_UNIT_AFTER = re.compile(r"[\s-]?(dollars?|usd|euros?|pounds?|percent|per cent|percentage points?|"
                         r"years?|months?|weeks?|days?|hours?|minutes?|people|"
                         r"(?:[^\W\d_]+))\b", re.I)


def _figures(text: str) -> list[dict]:
    """``figures``, uncached. The tokens of TOKEN_RE are read in order; only a number, a
    number word or a month can start a figure, and the tokens a figure spans are skipped."""
    out: list[dict] = []
    parts = _TOKEN_SPLIT.split(text)  # per token (gap, token, word, cur, num, pct); last gap
    n = len(parts) // 6
    if not n:
        return out
    seq = [""] * (2 * n + 1)
    seq[0::2] = parts[0::6]
    seq[1::2] = parts[1::6]
    offs = list(accumulate(map(len, seq), initial=0))  # token i spans offs[2i+1]:offs[2i+2]
    words = parts[2::6]
    curs = parts[3::6]
    nums = parts[4::6]
    pcts = parts[5::6]
    skip_to = 0  # tokens starting before this are inside the last figure
    for i in compress(count(), map(_STARTS_FIGURE.__getitem__, words)):
        s = offs[2 * i + 1]
        if s < skip_to:
            continue
        e = offs[2 * i + 2]
        j = i
        num = nums[i]
        if num is not None:
            kind = "num"
            value = _num(num)
            cur = curs[i] or ""
            pct = pcts[i] is not None
        else:
            kind = "word"
            cur = ""
            pct = False
            val = words[i].lower()
            if val in NUMBER_WORDS:
                value = float(NUMBER_WORDS[val])
                # "twenty five", "two hundred"
                while j + 1 < n and words[j + 1] is not None \
                        and offs[2 * j + 3] - offs[2 * j + 2] <= 1:
                    nw = words[j + 1].lower()
                    if nw not in NUMBER_WORDS or nw in ("half", "quarter", "dozen"):
                        break
                    nxt = NUMBER_WORDS[nw]
                    value = value * nxt if nxt == 100 else value + nxt
                    j += 1
            else:  # a month
                if j + 1 < n and nums[j + 1] is not None and offs[2 * j + 3] - e <= 3:
                    day_value = _num(nums[j + 1])
                    if (day_value or 0) <= 31 and (val != "may" or text[s:s + 1] == "M"):
                        day = int(day_value or 0)
                        endp = offs[2 * j + 4]
                        out.append({"start": s, "end": endp, "text": text[s:endp],
                                    "kind": "date", "value": None,
                                    "key": "date:%d-%d" % (MONTHS[val], day)})
                        skip_to = endp
                continue
        if value is None:
            continue
        end = offs[2 * j + 2]
        is_pct = pct
        unit = ""
        # scale word / suffix right after: "1.5 billion", "1.5bn"
        msuf = _SCALE_AFTER.match(text[end:end + 12])
        if msuf:
            value *= SCALES[msuf.group(1).lower()]
            end += msuf.end()
        # currency or unit after
        mu = _UNIT_AFTER.match(text[end:end + 20])
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
        skip_to = end  # skip tokens inside the figure
    return out


def tokens(text: str) -> tuple[list[str], list[int]]:
    """The WORD_RE tokens of ``text`` as (parts, offsets): ``parts`` alternates the text between
    tokens and the tokens (gap, word, gap, word, ..., gap: token i is parts[2i + 1]) and
    ``offsets[k]`` is where parts[k] starts (offsets[-1] == len(text))."""
    parts = (_WORD_SPLIT_PLAIN if plain(text) else _WORD_SPLIT).split(text)
    return parts, list(accumulate(map(len, parts), initial=0))


# WORD_RE with possessive quantifiers (the same tokens: nothing follows that could make it
# give back a letter), captured for re.split; and the same with ASCII classes, for plain texts
# (three times faster)
_WORD_SPLIT = re.compile(r"([^\W_]++(?:['’.][^\W_]++)*+)")
_WORD_SPLIT_PLAIN = re.compile(r"([A-Za-z0-9]++(?:['’.][A-Za-z0-9]++)*+)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def plain(text: str) -> bool:
    """Whether no character of ``text`` outside ASCII is alphanumeric (as most news text: its
    only non-ASCII characters are quotes and dashes). In a plain text the regex classes
    ``[^\\W_]`` (alphanumeric: ``str.isalnum``, which ``\\w`` adds "_" to), ``[^\\W\\d_]`` and
    ``\\d`` (a decimal digit is alphanumeric) match only ASCII characters: [A-Za-z0-9],
    [A-Za-z] and [0-9]."""
    return text.isascii() or not any(map(str.isalnum, _NON_ASCII.findall(text)))


def name_runs(text: str, keep_initial: bool = False,
              toks: tuple[list[str], list[int]] | None = None
              ) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """``_name_runs``, computed once per text for both values of ``keep_initial`` and cached
    (coverage and entities read the same sentences; callers never modify the result)."""
    return _cached_runs(text, toks)[0 if keep_initial else 1]


def name_spans(text: str, toks: tuple[list[str], list[int]] | None = None
               ) -> tuple[tuple[int, int, bool], ...]:
    """The runs of ``name_runs(text)`` as token spans: (its first token, the token after its
    last, whether it has two words or more); tokens as numbered by ``tokens(text)``."""
    return _cached_runs(text, toks)[2]


def _cached_runs(text: str, toks: tuple[list[str], list[int]] | None):
    found = _RUNS.get(text)
    if found is None:
        if len(_RUNS) >= 40_000:
            _RUNS.clear()
        found = _RUNS[text] = _name_runs(text, toks)
    return found


_RUNS: dict = {}
_CONNECTORS = frozenset(("of", "for", "de", "van", "von", "da", "al", "bin", "del", "la"))
_GAP_BREAK = frozenset(",;:()\"“”—!?")


class _GapJoins(dict):
    """the text between two words -> 0: it ends a name run (more than two characters, or one of
    ``_GAP_BREAK``); 2: it has a "." (it joins only after an initial or a title); 1: it joins."""

    def __missing__(self, gap: str) -> int:
        if len(self) >= 100_000:
            self.clear()
        v = self[gap] = 0 if len(gap) > 2 or not _GAP_BREAK.isdisjoint(gap) else \
            2 if "." in gap else 1
        return v


_GAP_JOINS = _GapJoins()


class _LeadingStrip(dict):
    """word -> whether it is stripped from the front of a name run (a title or stop word)."""

    def __missing__(self, w: str) -> bool:
        if len(self) >= 100_000:
            self.clear()
        lw = w.lower()
        v = self[w] = lw.rstrip(".") in TITLES or lw in STOP_WORDS
        return v


_LEADING_STRIP = _LeadingStrip()


def _name_runs(text: str, toks: tuple[list[str], list[int]] | None = None):
    """Runs of capitalised words (allowing 'of', 'de', '&' inside), with leading titles
    stripped, as (start, end, words): all of them, and those that ``name_runs`` keeps without
    ``keep_initial``: not a run that is only the sentence's first word (a stop word there is
    stripped in any case); and the kept ones as token spans (``name_spans``). ``toks``
    (``tokens(text)``) may be given to save tokenising twice."""
    parts, offs = toks if toks is not None else tokens(text)
    words = parts[1::2]
    n = len(words)
    caps = list(map(str.isupper, map(itemgetter(0), words)))
    runs = []
    kept = []
    spans = []
    nxt = 0  # the first token not yet in a run
    # only a capitalised word starts a run (a capitalised word is no number)
    for i in compress(count(), caps):
        if i < nxt:
            continue
        j = i
        while j + 1 < n:
            join = _GAP_JOINS[parts[2 * j + 2]]
            if not join or join == 2 and not (len(words[j]) == 1 or words[j].lower() in TITLES):
                break
            if caps[j + 1]:
                j += 1
            elif words[j + 1] in _CONNECTORS and j + 2 < n and caps[j + 2] \
                    and len(parts[2 * j + 4]) <= 1:
                j += 2
            else:
                break
        # strip leading titles and stop words ("The", sentence-initial "But")
        a, b = i, j
        while a <= b and _LEADING_STRIP[words[a]]:
            a += 1
        while a <= b and words[b].lower() in _CONNECTORS:
            b -= 1
        if a <= b:
            # sentence-initial single common word: skipped without keep_initial ("Largely")
            run = (offs[2 * a + 1], offs[2 * b + 2], tuple(words[a:b + 1]))
            runs.append(run)
            initial = False
            if a == b == i:
                gap = parts[2 * i]
                # after a word and fewer than 40 spaces the text before ends with that word
                if not (i and len(gap) < 40 and gap.isspace()):
                    start = offs[2 * i + 1]
                    before = text[max(0, start - 40):start].rstrip()
                    initial = before == "" or before[-1:] in ".!?\"“:" and not (
                        before[-1:] == "." and before.split()[-1].lower().rstrip(".") in TITLES)
            if not initial:
                kept.append(run)
                spans.append((a, b + 1, a < b))
        nxt = j + 1
    # tuples of strings and numbers: the collector skips them
    return tuple(runs), tuple(kept), tuple(spans)
