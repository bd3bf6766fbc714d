"""Sentence segmentation for news text, and recognition of what is not the article's prose.

``split_sentences(text)`` returns ``(start, end)`` character offsets into ``text``; every
sentence is ``text[start:end]`` with no leading or trailing white space, in order, not
overlapping, and together they cover every non-space character. Paragraph breaks (newlines)
always end a sentence, so a headline without final punctuation is a sentence of its own.

Rules, in the spirit of the "Golden Rules" of sentence boundary detection:

* ``.``, ``!``, ``?``, ``…`` (and clusters such as ``?!`` or ``. . . .``) followed by closing
  quotes or brackets and white space are candidate boundaries;
* a candidate is rejected when the next word starts in lower case ("Yahoo! in", "'This is
  great.' she said"), when a single period is followed by a digit ("p. 55", "No. 1"), after a
  title ("Mr.", "Sen."), an initial ("Jonas E. Smith"), or a known abbreviation not followed by
  a word that typically opens a sentence ("Co. at noon" vs "Co. It closed"; "U.S. Government"
  vs "the U.S. How");
* a spaced ellipsis ``. . .`` inside a sentence does not end it, ``. . . .`` does, and
  ``word. . . . Next`` ends after ``word.``;
* numbered and lettered lists on one line ("1.) first 2.) second", "a. first b. second") are
  split before each item;
* a mark glued to a capitalised word after a lower-case word ends a sentence, as in text whose
  line breaks were lost ("he said.Further, ...", 'is silent."The group ...'), but not inside a
  web or e-mail address.

What is not the article's prose (credits, links...) is recognised in ``boilerplate.py``.
"""
from __future__ import annotations

import bisect
import re

from .english import ATTRIBUTION_VERBS, TITLE_ABBREVIATIONS

# Titles written before a name: a period after them never ends a sentence.
PREPOSITIVE = TITLE_ABBREVIATIONS
# Abbreviations that may end a sentence (matched lower-cased).
ABBREVIATIONS = {
    "co", "inc", "ltd", "corp", "bros", "llc", "plc", "jr", "sr", "etc", "vs", "v", "dept",
    "univ", "assn", "assoc", "approx", "nos", "vol", "vols", "pp", "para", "figs", "chap",
    "eds", "cf", "viz", "al", "ca", "st", "ave", "blvd", "rd", "hwy", "esq", "govt",
}
# Abbreviations recognised only with a capital: months, week days, US states.
CAPITALISED_ABBREVIATIONS = {
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev",
    "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "No", "Nos", "Fig",
    "Vol", "Ch", "Ed", "Eds", "Op", "Art", "Sec", "Gov", "Co", "Inc", "Ltd", "Corp", "Jr",
}
# Words that typically open a sentence: after an abbreviation they signal a boundary.
SENTENCE_STARTERS = {
    "A", "An", "The", "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its",
    "Their", "Our", "My", "Your", "This", "That", "These", "Those", "There", "Here", "How",
    "What", "Why", "When", "Where", "Who", "Which", "Whether", "But", "And", "Or", "So", "Yet",
    "If", "In", "On", "At", "For", "As", "After", "Before", "While", "Although", "Though",
    "Since", "Because", "Meanwhile", "However", "Still", "Now", "Then", "Also", "Some", "Many",
    "Most", "Such", "Not", "Both", "Each", "Every", "All", "Last", "Earlier", "Later",
    "Yesterday", "Today", "Tomorrow", "According", "Despite", "During", "Under", "Over",
    "With", "Without", "By", "From", "To", "Is", "Are", "Was", "Were", "Do", "Does", "Did",
    "Has", "Have", "Had", "Can", "Could", "Will", "Would", "Should", "May", "Might", "Must",
    "Let", "Let's", "It's", "That's", "There's", "He's", "She's", "I'm", "We're", "They're",
    "Instead", "Indeed", "Even", "Only", "Just", "More", "Other", "Another", "Several",
    "No", "None", "Nothing", "One", "Two", "Three",
}
_TIME_ABBR = {"a.m", "p.m", "A.M", "P.M"}
_TIME_ZONE = {"Eastern", "Pacific", "Central", "Mountain", "ET", "EST", "EDT", "PT", "PST",
              "PDT", "CT", "CST", "CDT", "MT", "GMT", "BST", "UTC", "local", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms"}

# A candidate boundary: terminal punctuation (a cluster such as "?!", "...", ". . . ."),
# optional closing quotes or brackets, then white space or the end of the paragraph.
_CAND = re.compile(r"""[.!?…](?:[.!?…]| [.!?…](?=[\s.!?…"'”’)\]]|$))*["'”’)\]]*(?=\s|$)""")
_OPENERS = "\"'“‘([{«*_•⁃-–—"
_OPENER_SET = frozenset(_OPENERS)
_MULTI_DOT = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LIST_START = re.compile(r"\s*(?:[•⁃*-]\s*)?(?:\d{1,2}|[a-z])(?:\.\)|\)|\.)\s")
_LIST_ITEM = re.compile(r"(?:(?<=\s)|^)(?:([•⁃])\s*)?(\d{1,2}|[a-z])(\.\)|\)|\.)(?=\s)")
_ATTRIBUTION = re.compile(r"\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:" + ATTRIBUTION_VERBS + r")\b")
_BULLET = re.compile(r"(?<=\s)[•⁃](?=\s*\S)")


# white space and opening quotes/brackets, then a word (up to white space): \s is
# str.isspace()
_NEXT_WORD = re.compile(r"[\s" + "".join(map(re.escape, _OPENERS)) + r"]*(\S*)")


def _next_word(text: str, pos: int, end: int) -> str:
    """The word starting at ``pos`` (after white space and opening quotes/brackets)."""
    return _NEXT_WORD.match(text, pos, end).group(1)


def _word_before(text: str, lo: int, pos: int) -> tuple[str, int]:
    """The white-space-delimited word ending at ``pos`` and where it starts."""
    seg = text[lo:pos]
    if not seg or seg[-1].isspace():
        return "", pos
    word = seg.rsplit(None, 1)[-1]  # split on white space as str.isspace() has it
    return word, pos - len(word)


def _is_boundary(text: str, ps: int, pe: int, seg_start: int, sent_start: int,
                 end: int) -> int:
    """Decide about the candidate ``text[ps:pe]``.

    Returns the end of the sentence (``pe`` normally, ``ps + 1`` for "word. . . . Next"), or
    -1 when the candidate is not a boundary.
    """
    if pe + 1 < end and text[pe] == " " and text[pe + 1] not in _OPENER_SET and \
            not text[pe + 1].isspace():
        # the usual case, one space and the next word: its first character is enough to
        # decide for most candidates (the word itself is read where it is needed)
        nxt = None
        c = text[pe + 1]
    else:
        nxt = _next_word(text, pe, end)
        if not nxt:
            return pe
        c = nxt[0]
    if c.islower():
        return -1
    punct = text[ps:pe].rstrip("\"'”’)]")
    if ps > seg_start and text[ps - 1] == "[":  # "[...]"
        return -1
    if len(punct) > 1 and "." in punct:  # an ellipsis
        spaced = " " in punct
        if spaced:
            dots = punct.count(".")
            attached = ps > seg_start and not text[ps - 1].isspace()
            if attached:  # "word. . . . Next": the sentence ends with "word."
                return ps + 1 if c.isupper() or not c.isalnum() else -1
            if dots >= 4:
                return pe
            return -1  # "the thing is . . . I didn't mean it"
        return pe if not c.isdigit() else -1
    if c.isdigit() and punct == ".":
        return -1
    if pe - ps > len(punct) and text[pe - 1] in "\"”'’" and _ATTRIBUTION.match(text, pe, end):
        return -1  # '"Is that not allowed?" Kardashian wrote.'
    if punct != "." and punct != "…":
        return pe  # "!", "?", "?!"
    if punct == "…":
        return pe
    word, wstart = _word_before(text, sent_start, ps)
    w = word.lstrip(_OPENERS)
    if not w:
        return pe
    # a list marker at the start of the sentence: "1. The first item"
    if wstart == sent_start or text[sent_start:wstart].strip() in ("•", "⁃", "*", "-"):
        if len(w) <= 2 and (w.isdigit() or (len(w) == 1 and w.isalpha())):
            return -1
    if w in PREPOSITIVE:
        return -1
    if len(w) == 1 and w.isalpha():
        if w.islower():
            return -1  # "v. Wade"
        if w != "I":
            return -1  # an initial: "Jonas E. Smith"
        prev, _ = _word_before(text, sent_start, wstart - 1) if wstart > sent_start else ("", 0)
        if prev[:1].isupper():
            return -1  # "Albert I. Jones"
        return pe
    if "." in w and _MULTI_DOT.fullmatch(w):
        nxt = nxt or _next_word(text, pe, end)
        if w in _TIME_ABBR:
            word_next = nxt.rstrip(".,;:")
            if not c.isupper() or word_next in _TIME_ZONE and word_next[:1] != "M":
                return -1
            # "At 5 a.m. Mr. Smith went" (an opening phrase) vs "at 6 P.M. Mr. Smith then"
            if len(text[sent_start:ps].split()) <= 3:
                return -1
            return pe
        return pe if nxt.rstrip(".,;:!?") in SENTENCE_STARTERS else -1
    if w in CAPITALISED_ABBREVIATIONS or w.lower() in ABBREVIATIONS:
        nxt = nxt or _next_word(text, pe, end)
        return pe if nxt.rstrip(".,;:!?") in SENTENCE_STARTERS else -1
    return pe


def _candidates(text: str) -> list[int]:
    """Where the text has terminal punctuation (``[.!?…]``, the first character of every
    ``_CAND`` match), in order: found with str.find, much faster than the regex engine's scan
    for a character set."""
    out = []
    for mark in ".!?…":
        i = text.find(mark)
        while i >= 0:
            out.append(i)
            i = text.find(mark, i + 1)
    out.sort()
    return out


def _scan(text: str, start: int, end: int, out: list, cands: list[int] | None = None) -> None:
    """Append the sentences of ``text[start:end]`` (one paragraph or list item) to ``out``.
    ``cands`` are the text's ``_candidates``, when the caller has them."""
    sent = start
    while sent < end and text[sent].isspace():
        sent += 1
    for ps, pe in _cand_matches(text, start, end, cands):
        if ps < sent:
            continue
        b = _is_boundary(text, ps, pe, start, sent, end)
        if b < 0:
            continue
        e = b
        while e > sent and text[e - 1].isspace():
            e -= 1
        if e > sent:
            out.append((sent, e))
        sent = b
        while sent < end and text[sent].isspace():
            sent += 1
    e = end
    while e > sent and text[e - 1].isspace():
        e -= 1
    if e > sent:
        out.append((sent, e))


def _cand_matches(text: str, start: int, end: int, cands: list[int] | None):
    """The spans of ``_CAND.finditer(text, start, end)``: tried only where a match can start
    (a _CAND match starts with one of the marks of ``_candidates``), each from the end of the
    previous match on, as finditer does; with the marks, also the ends glued to the next
    sentence (``_glued_end``)."""
    if cands is None:
        return [m.span() for m in _CAND.finditer(text, start, end)]
    spans = []
    match = _CAND.match
    after = start
    for i in range(bisect.bisect_left(cands, start), len(cands)):
        p = cands[i]
        if p >= end:
            break
        if p < after:
            continue
        q = p + 1
        if q == end or text[q] == " " and (q + 1 == end or text[q + 1] not in ".!?…"):
            # the usual mark, then the end or one space before no other mark: _CAND matches
            # the mark alone
            after = q
            spans.append((p, q))
            continue
        m = match(text, p, end)
        if m is not None:
            after = m.end()
            spans.append((p, after))
        elif p >= 2 and text[p - 1].islower() and text[p - 2].islower():
            q = _glued_end(text, p, end)
            if q:
                after = q
                spans.append((p, q))
    return spans


def _glued_end(text: str, p: int, end: int) -> int:
    """Where a sentence ends whose mark at ``p`` is glued to the next sentence, as text whose
    line breaks were lost runs them together ("he said.Further, ...", 'is silent."The
    group ...'): the end of the mark and of a closing quotation mark after it, when a
    capitalised word follows; not inside a web or e-mail address ("example.Com/Page"). 0 when
    it is no such end."""
    q = p + 1
    opening = False  # the next sentence opens with a quotation mark
    if q < end and text[q] in "\"”’“":
        if text[q] == '"':
            # a straight mark closes the quotation when an odd number of them came before
            line = text.rfind("\n", 0, p) + 1
            opening = text.count('"', line, p) % 2 == 0
        else:
            opening = text[q] == "“"
        q += 1
    if q + 1 >= end or not text[q].isupper() or not text[q + 1].islower():
        return 0
    lo = max(text.rfind(" ", 0, p), text.rfind("\n", 0, p)) + 1
    hi = text.find(" ", q, end)
    token = text[lo:hi if hi >= 0 else end]
    if "/" in token or "@" in token or "www" in token or "http" in token:
        return 0
    return p + 1 if opening else q


def _list_items(text: str, start: int, end: int) -> list[int]:
    """Where the items of a one-line list start ("1.) a 2.) b", "a. x b. y", "• 9. x • 10. y")."""
    cuts = []
    prev = None
    for m in _LIST_ITEM.finditer(text, start, end):
        val = m.group(2)
        key = (bool(m.group(1)), m.group(3))
        n = int(val) if val.isdigit() else ord(val)
        if prev is None:
            if text[start:m.start()].strip():
                return []
            prev = (n, key)
            continue
        if key == prev[1] and n == prev[0] + 1:
            cuts.append(m.start())
            prev = (n, key)
    for m in _BULLET.finditer(text, start, end):
        cuts.append(m.start())
    return sorted(set(cuts))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order, stripped of white space."""
    out: list[tuple[int, int]] = []
    n = len(text)
    cands = _candidates(text)
    line_start = 0
    while line_start <= n:
        nl = text.find("\n", line_start)
        line_end = n if nl < 0 else nl
        if line_end > line_start:
            c = text[line_start]
            # _LIST_START needs a space, a bullet, a digit or a lower-case letter first
            if (c.isspace() or c in "•⁃*-" or c.isdecimal() or "a" <= c <= "z") and \
                    _LIST_START.match(text, line_start, line_end):
                cuts = _list_items(text, line_start, line_end)
            else:
                cuts = ()
            if cuts:
                bounds = [line_start, *cuts, line_end]
                for a, b in zip(bounds, bounds[1:]):
                    _scan(text, a, b, out, cands)
            else:
                _scan(text, line_start, line_end, out, cands)
        if nl < 0:
            break
        line_start = nl + 1
    return out
