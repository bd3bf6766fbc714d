"""Direct quotations: where they are and who said them.

``find_quotes(text)`` returns ``Quote`` objects with character offsets into ``text``:
``start``/``end`` cover the quoted words, ``mark_start``/``mark_end`` include the quotation
marks. Straight (") and curly (“ ”) double quotes are recognised. An opening mark with no
closing mark before the end of its paragraph is ``unbalanced`` and closed at the paragraph end.
Short quotations (three words or fewer) with no speaker are ``scare`` quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "“"
CLOSE = "”"
STRAIGHT = '"'


@dataclass
class Quote:
    mark_start: int
    mark_end: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: str = "direct"  # 'direct' or 'scare'
    unbalanced: bool = False

    def as_row(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "mark_start": self.mark_start,
            "mark_end": self.mark_end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "kind": self.kind,
            "unbalanced": int(self.unbalanced),
        }


_MARK = re.compile(r'["“”]')
_WORD = re.compile(r"\w+(?:['’]\w+)*")

REPORT_VERBS = (
    "said|says|say|told|tells|added|adds|wrote|writes|tweeted|tweets|posted|continued|"
    "explained|argued|asked|announced|stated|noted|declared|replied|responded|insisted|"
    "claimed|proclaimed|concluded|commented|read|recalled|warned|quipped|joked|admitted|"
    "confirmed|shared|went on to tweet|went on"
)
_NAME = r"(?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}|he|she|they|He|She|They)"
# after the quote: ", West tweeted" / ", he wrote" / ", said Sanders" / "Legend's text read"
_AFTER = re.compile(
    r"^[,]?\s*(?:(?P<name>" + _NAME + r")(?:['’]s \w+)?\s+(?:" + REPORT_VERBS + r")\b"
    r"|(?:" + REPORT_VERBS + r")\s+(?P<name2>" + _NAME + r"))"
)
# before the quote: "West tweeted: " / "Legend wrote to West, " / "West responded, "
_BEFORE = re.compile(
    r"(?P<name>" + _NAME + r")(?:['’]s \w+)?\s+(?:[\w ]{0,30}?\s)?(?:" + REPORT_VERBS +
    r")\b[^.“”\"]{0,60}[:,]\s*$"
)
_PRONOUNS = {"he", "she", "they"}
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\b")
_NOT_PEOPLE = {"The", "A", "An", "In", "On", "But", "And", "Still", "Of", "After", "When",
               "Twitter", "Wednesday", "Thursday", "Tuesday", "Monday", "Friday", "Saturday",
               "Sunday", "America", "White House", "Trump Tower", "READ MORE", "This", "That"}


def _pairs(text: str):
    """Yield (open, close, unbalanced) mark positions, paragraph by paragraph."""
    pos = 0
    for para in text.split("\n"):
        marks = [m.start() + pos for m in _MARK.finditer(para)]
        i = 0
        while i < len(marks):
            o = marks[i]
            if text[o] == CLOSE:  # a stray closing mark
                i += 1
                continue
            if i + 1 < len(marks) and text[marks[i + 1]] != OPEN:
                yield o, marks[i + 1], False
                i += 2
            else:
                yield o, pos + len(para), True
                i += 1
                if i < len(marks):
                    continue
        pos += len(para) + 1


def _last_person(text: str, before: int) -> tuple[str, int, int] | None:
    best = None
    for m in _PERSON.finditer(text, max(0, before - 600), before):
        name = m.group(1)
        if name in _NOT_PEOPLE or name.split()[0] in _NOT_PEOPLE:
            continue
        best = (name, m.start(1), m.end(1))
    return best


def _resolve(text: str, name: str, s: int, e: int):
    if name.lower() in _PRONOUNS:
        found = _last_person(text, s)
        if found:
            return found
        return None, None, None
    return name, s, e


def attribute(text: str, q: Quote) -> None:
    """Fill in q.speaker from the words around the quotation."""
    after = text[q.mark_end:q.mark_end + 80].split("\n", 1)[0]
    m = _AFTER.match(after)
    if m:
        g = "name" if m.group("name") else "name2"
        s = q.mark_end + m.start(g)
        q.speaker, q.speaker_start, q.speaker_end = _resolve(text, m.group(g), s,
                                                             q.mark_end + m.end(g))
        return
    line_start = text.rfind("\n", 0, q.mark_start) + 1
    before = text[max(line_start, q.mark_start - 120):q.mark_start]
    m = _BEFORE.search(before)
    if m:
        off = q.mark_start - len(before)
        q.speaker, q.speaker_start, q.speaker_end = _resolve(
            text, m.group("name"), off + m.start("name"), off + m.end("name"))


def find_quotes(text: str) -> list[Quote]:
    quotes = []
    for o, c, unbalanced in _pairs(text):
        start, end = o + 1, c
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        q = Quote(o, c if unbalanced else c + 1, start, end, text[start:end],
                  unbalanced=unbalanced)
        attribute(text, q)
        if q.speaker is None and len(_WORD.findall(q.text)) <= 3:
            q.kind = "scare"
        quotes.append(q)
    return quotes


def quote_ratio(text: str | None) -> float | None:
    """SQL function: share of the characters of ``text`` inside direct quotations."""
    if not text:
        return None if text is None else 0.0
    text = str(text)
    inside = sum(q.mark_end - q.mark_start for q in find_quotes(text) if q.kind == "direct")
    return inside / len(text)
