"""Sentence segmentation for news text, and recognition of what is not the article's prose.

``split_sentences(text)`` returns ``(start, end)`` character offsets into ``text``; every
sentence is ``text[start:end]`` with no leading or trailing white space. Paragraph breaks
(newlines) always end a sentence. ``boilerplate_kind(sentence)`` names the kind of non-prose
line (image credit, "READ MORE" link, newsletter blurb, bare URL...) or returns None.
"""
from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence (lower-cased, without the period).
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "rev", "hon", "gov", "sen",
    "rep", "reps", "sens", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt",
    "pres", "supt", "det", "insp", "atty", "messrs", "mme", "mlle",
    "inc", "ltd", "co", "corp", "bros", "llc", "plc", "dept", "univ", "assn", "assoc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "no", "nos", "vol", "vols", "p", "pp", "para", "fig", "figs", "ch", "chap", "ed", "eds",
    "approx", "est", "etc", "vs", "v", "al", "cf", "ca", "viz", "ie", "eg", "e.g", "i.e",
    "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "d.c", "u.s.a", "ph.d", "b.a", "m.a",
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
    "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""([.!?]+|…)(["'”’)\]]*)(\s+)""")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
_NEWLINE = re.compile(r"\n")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Does the period at ``text[dot]`` belong to an abbreviation or an initial?"""
    m = _WORD_BEFORE.search(text, 0, dot)
    if not m:
        return False
    word = m.group(1).lower().strip("'’")
    if word in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "Jonas E. Smith"
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S, e.g, a.m
        return True
    return False


def _spans_of_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        punct_start = m.start(1)
        after = m.end(3)
        if m.group(1) == "." and _is_abbreviation(text, punct_start):
            # "U.S. President" continues; "in the U.S. The next" ends when a capital follows
            # an abbreviation that often ends sentences (a.m., U.S., etc.).
            nxt = text[after:after + 1]
            word = _WORD_BEFORE.search(text, 0, punct_start).group(1).lower()
            if not (nxt.isupper() and word in {"u.s", "u.k", "a.m", "p.m", "etc", "inc", "ltd",
                                                "co", "corp", "jr", "sr"}
                    and text[after:].split(" ", 1)[0] not in {"President", "Senate", "House"}):
                continue
        nxt = text[after:after + 1]
        if nxt and (nxt.islower() and m.group(1) != "?" and m.group(1) != "!"):
            # "... he said. then" is rare; a lower-case continuation is usually not a boundary
            continue
        if m.group(1) in {"...", "…"} and nxt and nxt.islower():
            continue
        if nxt.isdigit() and m.group(1) == ".":
            continue
        s_end = m.end(2)
        if s_end > pos:
            spans.append((pos, s_end))
        pos = after
    if pos < end:
        spans.append((pos, end))
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, in order, stripped of white space."""
    out = []
    line_start = 0
    n = len(text)
    while line_start <= n:
        nl = text.find("\n", line_start)
        line_end = n if nl < 0 else nl
        for s, e in _spans_of_line(text, line_start, line_end):
            # strip white space
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
        if nl < 0:
            break
        line_start = nl + 1
    return out


# --- what is not prose ---------------------------------------------------------------------

_BOILERPLATE = [
    ("url", re.compile(r"^(?:https?://|www\.)\S+$", re.I)),
    ("image_credit", re.compile(r"^(?:\(Image: [^)]*\)\s*)+$", re.I)),
    ("image_credit", re.compile(r"^(?:Photos?|Image|Picture)s?(?: credit)?:.*$", re.I)),
    ("image_credit", re.compile(
        r"^(?:(?:Getty|AP|Reuters|AFP|PA|Splash|Wenn|Shutterstock|Twitter|Instagram|"
        r"Youtube|EPA|Rex|Getty Images|Elle Youtube|Image)(?:[ /]+\w+)?,?\s*){1,8}$", re.I)),
    ("image_credit", re.compile(r".*\bPhotos?: (?:Getty|AP|Reuters)[\w ]*\.?$")),
    ("related_link", re.compile(r"^(?:READ MORE|MORE|RELATED|WATCH BELOW|WATCH|SEE ALSO|"
                                r"Read more|Related)\s*:.*$")),
    ("related_link", re.compile(r"^Latest From\b.*$", re.I)),
    ("newsletter", re.compile(r".*\b(?:Subscribe|newsletters?|sign up|Invalid Email|"
                              r"privacy notice)\b.*", re.I)),
    ("newsletter", re.compile(r"^Get breaking .* news$", re.I)),
    ("comments", re.compile(r"^(?:Comments?|Show comments|\d+ comments?)$", re.I)),
]


def boilerplate_kind(sentence: str) -> str | None:
    """The kind of non-prose this sentence is ('url', 'image_credit', ...), or None."""
    s = sentence.strip()
    for kind, rx in _BOILERPLATE:
        if rx.fullmatch(s):
            return kind
    return None
