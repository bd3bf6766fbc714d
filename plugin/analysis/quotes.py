"""Direct quotations: where they are and who said them.

``find_quotes(text)`` returns ``Quote`` objects with character offsets into ``text``:
``start``/``end`` cover the quoted words, ``mark_start``/``mark_end`` include the quotation
marks. Recognised marks: straight ``"``, curly ``“ ”`` and NYT-style doubled apostrophes
``''...''`` (nested quotes of another kind, e.g. a curly quote inside a straight one, stay inside
the outer quotation); in headlines (the first line, and short lines without final punctuation)
also single marks ``'...'`` and ``‘...’``, the headline convention.

* A quotation running over several paragraphs is one ``Quote``: either each new paragraph
  re-opens the mark (the usual convention, closed only at the end) or the text runs on to a
  closing mark in a later paragraph. ``paragraphs`` counts the paragraphs it spans.
* An opening mark that is never closed is ``unbalanced``: the quotation is closed at the end of
  its paragraph. Nothing raises, whatever the input.
* ``speaker`` is filled in where the text says who spoke: after the quote (``, West tweeted``,
  ``," he wrote``, ``” Legend's text read``, ``," said Sanders``) or before it (``West said,``,
  ``Legend continued:``, ``..., writing,``). ``he``/``she`` resolve to the named person the
  pronoun refers to on the plain reading (the subject of the chain of sentences before it, else
  the most recent named person); ``speaker_start``/``speaker_end`` locate that name in the
  text, ``mention_start``/``mention_end`` the words of the attribution itself ("he").
  A quote with no attribution of its own that continues a paragraph or follows a quote-only
  paragraph of the same speaker inherits that speaker.
* ``kind`` is ``'direct'`` for quoted words, ``'scare'`` for short quotations (three words or
  fewer) with no speaker: "a 'mental breakdown'", titles, scare quotes. Scare quotes are kept
  apart: quotation figures count direct quotations only (``QUOTED_KINDS``). A short quotation
  after a speech or attribution verb in its sentence ("called it a 'disaster'", "said the
  'mob' can't ...") is someone's words: a direct, partial quotation. (The article's rows add
  ``'boilerplate'``: a quotation in a line that is not the article's own, such as a linked
  story's headline; see ``analysis.article``.)
* ``partial`` marks a direct quotation embedded in the writer's own sentence ("called Trump a
  "pathological liar who is utterly amoral"") rather than standing as a sentence or clause of
  its own (opening a paragraph or sentence, or after a colon, comma, dash or report verb).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from . import boilerplate, gazetteer, speakers
from .english import (ASCII_LETTERS_ONLY, ATTRIBUTING_PARTICIPLES, ATTRIBUTING_WORDS,
                      CAPITALISED_NON_NAMES, DETERMINERS, NAME_TITLE_ABBREVIATIONS, NAME_TITLES,
                      NOUN_LIKE_REPORT_VERBS, REPORT_VERBS, SAID_VERBS, TITLE_ABBREVIATIONS,
                      VERBS_BEFORE_NAME, VERBS_BEFORE_QUOTE, WORD)

OPENERS = "“„«"
QUOTED_KINDS = ("direct",)  # the kinds whose words count as someone else's
CLOSERS = "”»"
STRAIGHT = '"'


@dataclass(slots=True)
class Quote:
    mark_start: int
    mark_end: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: str = "direct"  # 'direct' or 'scare' (or 'boilerplate': analysis.article)
    unbalanced: bool = False
    partial: bool = False
    paragraphs: int = 1
    mention_start: int | None = None
    mention_end: int | None = None
    inherited: bool = field(default=False, repr=False)


# --- finding the marks ---------------------------------------------------------------------

_WORD = WORD
_SPACE_RUN = re.compile(r"\s*")


def _tokens(text: str) -> list[tuple[int, int, str]]:
    r"""(start, end, token) for the paragraph breaks (a line break and the white space after
    it), doubled apostrophes and double quotation marks of ``text``, in order: the matches of
    ``\n\s*|''|["“”„«»]``, found with str.find, much faster than the regex engine."""
    toks = []
    for mark in STRAIGHT + OPENERS + CLOSERS:
        i = text.find(mark)
        while i >= 0:
            toks.append((i, i + 1, mark))
            i = text.find(mark, i + 1)
    i = text.find("''")
    while i >= 0:
        toks.append((i, i + 2, "''"))
        i = text.find("''", i + 2)
    i = text.find("\n")
    while i >= 0:
        end = _SPACE_RUN.match(text, i + 1).end()
        toks.append((i, end, text[i:end]))
        i = text.find("\n", end)
    toks.sort()
    return toks


def _kind_of(tok: str) -> str:
    if tok == "''":
        return "'"
    if tok == '"':
        return '"'
    if tok in OPENERS:
        return "open"
    return "close"


def _closer_like(text: str, pos: int, end: int) -> bool:
    """Does the straight mark text[pos:end] look like a closing mark (no space before it)?"""
    before = text[pos - 1] if pos > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() or before in "([{—–-":
        return not (after.isalnum() or after in "‘'“$#@(['.…")
    return True


def _opener_like(text: str, pos: int, end: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def _pairs(text: str):
    """Yield (mark_start, mark_end, paragraphs, unbalanced) for each quotation."""
    toks = _tokens(text)
    n = len(toks)
    i = 0
    while i < n:
        s, e, tok = toks[i]
        if tok[0] == "\n":
            i += 1
            continue
        k = _kind_of(tok)
        if k == "close" or (k in ('"', "'") and not _opener_like(text, s, e)
                            and _closer_like(text, s, e)):
            i += 1  # a stray closing mark
            continue
        # an opening mark: find its closer
        open_kind = k
        nested: list[str] = []
        paragraphs = 1
        j = i + 1
        closed = None
        para_end = None
        while j < n:
            s2, e2, t2 = toks[j]
            if t2[0] == "\n":
                # paragraph break inside the quotation
                nxt = toks[j + 1] if j + 1 < n else None
                if nxt and nxt[0] == e2 and nxt[2][0] != "\n" and (
                        _kind_of(nxt[2]) in ("open", open_kind)):
                    # the convention: the next paragraph re-opens the quote
                    paragraphs += 1
                    nested.clear()
                    j += 2
                    continue
                # runs on into the next paragraph if that paragraph closes it first
                run_on = False
                for k2 in range(j + 1, min(n, j + 4)):
                    t3 = toks[k2][2]
                    if t3[0] == "\n":
                        break
                    k3 = _kind_of(t3)
                    if k3 == "close" or (k3 == open_kind and open_kind != "open"
                                         and _closer_like(text, toks[k2][0], toks[k2][1])
                                         and not _opener_like(text, toks[k2][0], toks[k2][1])):
                        run_on = True
                    break
                if run_on and paragraphs < 4:
                    paragraphs += 1
                    j += 1
                    continue
                para_end = s2
                break
            k2 = _kind_of(t2)
            if nested:
                top = nested[-1]
                if (top == "open" and k2 == "close") or (top == k2 and top != "open"):
                    nested.pop()
                    j += 1
                    continue
            if open_kind == "open":
                if k2 == "close" or (k2 == '"' and _closer_like(text, s2, e2)):
                    closed = j
                    break
                if k2 == "open":
                    # another opener: the first quote was never closed
                    para_end = s2
                    break
                if k2 == "'" and _opener_like(text, s2, e2):
                    nested.append("'")
            else:
                if k2 == open_kind:
                    if _opener_like(text, s2, e2) and not _closer_like(text, s2, e2):
                        nested.append(k2)
                        j += 1
                        continue
                    closed = j
                    break
                if k2 == "close":
                    closed = j
                    break
                if k2 == "open" or k2 in ('"', "'"):
                    nested.append(k2)
            j += 1
        if closed is not None:
            yield s, toks[closed][1], paragraphs, False
            i = closed + 1
        else:
            if para_end is None:
                para_end = len(text)
            yield s, para_end, paragraphs, True
            i = j if j > i else i + 1


# --- attribution ---------------------------------------------------------------------------

_RV = r"(?:" + REPORT_VERBS + r")"
# verbs that are not also plural nouns ("his recent posts", "the tweets"): safe before a quote
_VERBS_BEFORE = [v for v in REPORT_VERBS.split("|") if v not in NOUN_LIKE_REPORT_VERBS] + [
    "says", "tells", "writes", "adds", "asks", "explains", "continues", "argues", "insists",
    "recalls", "warns"]
_RV_BEFORE = r"(?:" + "|".join(_VERBS_BEFORE) + r")"
_CAPWORD = r"(?:[A-Z][\w’'.-]*|[A-Z]\.)"
_TITLE = r"(?:(?:" + NAME_TITLE_ABBREVIATIONS + r")\.?\s+|(?:" + NAME_TITLES + r")\s+)"
_NAME = r"(?:" + _TITLE + r"?" + _CAPWORD + r"(?:\s+(?:de |van |von |del |da |bin |al-)?" \
        + _CAPWORD + r"){0,5})"
_APPOSITIVE = (r"(?:\s*\([^()\n]{1,30}\))?(?:,\s+(?:[\w’'.()@-]+\s+){0,14}?[\w’'.()@-]+,)?"
               r"(?:\s*\([^()\n]{1,30}\))?")
_ADVERB = (r"(?:(?:also|later|then|again|quickly|simply|recently|previously|once|had|has|have|"
           r"would|will|often|later|once|first|\w+ly)\s+)?")
_PRON = r"(?:he|she|they|He|She|They|I|we|We)"
# (a description's words start with a letter or digit: "--" opening an apposition is none)
_DESC = (r"(?:(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|"
         r"an additional|a fellow|one other)\s+(?:\w[\w’'-]*\s+){0,4}?\w[\w’'-]*)")
# (no conjunction or "to" in it, and not after "in", "on" or "by": "his plan and vowed", "his
# willingness to say", "Ford in her accusation had insisted" name no speaker in those words;
# "one of the resolutions said" does)
_NOT_IN_DESC = r"(?!(?:and|or|but|to)\b)"
_DESC_SHORT = (r"(?:(?<!\bin )(?<!\bon )(?<!\bby )" + DETERMINERS + r"\s+"
               r"(?:" + _NOT_IN_DESC + r"\w[\w’'-]*\s+){0,2}?" + _NOT_IN_DESC + r"\w[\w’'-]*)")
_DESC_NAME = r"(?:(?:[a-z][\w’'-]*\s+){1,4}" + r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4})"
_NP = r"(?:" + _NAME + r"|" + _PRON + r"|" + _DESC + r")"
# after the quote: ', West tweeted' / '," he wrote' / '” Legend’s text read' / '," said Sanders'
# (the marks, spaces and punctuation at the start are matched once, atomically: none of the
# alternatives can start with one of them, so giving one back never helps, and without the
# atomic group a failing match was tried again for each way to share out the white space)
_AFTER = re.compile(
    r"(?>['’”\"]*\s*[,:;]?\s*)(?:"
    r"(?P<np>" + _DESC_NAME + r"|" + _NP + r")(?P<poss>['’]s?\s+[\w-]+(?:\s+[\w-]+)?)?" +
    _APPOSITIVE + r"\s+" + _ADVERB + _RV + r"\b"
    r"|(?:" + _RV + r")\s+(?P<np2>" + _NAME + r"|" + _DESC + r"|" + _DESC_NAME +
    r"|(?:he|she|they))"
    r"|[―—–]\s*(?P<np3>" + _NAME + r")\s*(?:[.,;(]|$))"
)
# before the quote: 'West tweeted: “' / 'In response, West said, “' / 'Legend continued: “'
_BEFORE = re.compile(
    r"(?:^|(?<=[\s,(]))(?:(?P<np>" + _NAME + r"|" + _PRON + r"|" + _DESC_SHORT +
    r")(?P<poss>['’]s?\s+[\w-]+)?" + _APPOSITIVE +
    r"\s+" + _ADVERB +
    r"(?:" + _RV_BEFORE + r"|took to \w+ to \w+|went on to \w+|had this to say|weighed in)\b"
    r"|(?:" + VERBS_BEFORE_NAME + r")\s+"
    r"(?P<np2>" + _NAME + r")(?<![’']s)(?![\w’']))"  # not "said Trump's trial was"
    r"(?P<rest>[^.!?\"“”:]{0,70}?)\s*[:,]?\s*$"
)
# _BEFORE is costly to search (it is tried at every word, with much backtracking), and it only
# matches a clause in which the first word of one of its verbs is a whole word: check that
# first, with _ascii_words
_BEFORE_VERB_WORDS = frozenset(w.encode() for w in {v.split()[0] for v in _VERBS_BEFORE} | {
    "took", "went", "had", "weighed", *VERBS_BEFORE_NAME.split("|")})


def _ascii_words(s: str) -> list[bytes]:
    """The runs of ASCII lower-case letters in ``s``. A lower-case ASCII word that is a whole
    word of ``s`` for the regex engine (\\w+ with non-word characters or the ends around it)
    is one of them."""
    return s.encode("ascii", "replace").translate(ASCII_LETTERS_ONLY).split()


_ACCORDING = re.compile(r"(?:according to|in the words of)\s+(?P<np>" + _NP + r")\s*[:,]?\s*$",
                        re.I)
_PARTICIPLE = re.compile(r",\s*(?:" + ATTRIBUTING_PARTICIPLES + r")\s*[:,]?\s*$")
_NP_RX = re.compile(_NP)
# a name's word: a capital inside only after a surname prefix (McCain, DeSantis, O'Rourke,
# LaPierre; not "MeToo", "YouTube") or a hyphen (Ocasio-Cortez, Hannah-Jones)
_NAME_PREFIX = r"(?:Mc|Mac|De|Des|Di|Da|Du|La|Le|Van|Von|El|O['’]|D['’])?"
_PERSON_WORD = _NAME_PREFIX + r"[A-Z][a-z’']+(?:-" + _NAME_PREFIX + r"[A-Z]?[a-z’']+)*"
_PERSON = re.compile(r"(?<![\w’'])(" + _TITLE + r"?" + _PERSON_WORD + r"(?:\s+" + _PERSON_WORD +
                     r"){0,2}|he|she|He|She)(?![\w])")
_NOT_PEOPLE = CAPITALISED_NON_NAMES
_PRONOUN_SET = {"he", "she", "He", "She"}
# ", Smith said." / "said Jane Smith." ending a sentence whose subject is not a name
_SAID_BY = re.compile(r",\s+(" + _PERSON_WORD + r"(?:\s+" + _PERSON_WORD + r"){0,2})\s+(?:"
                      + SAID_VERBS + r")\s*[.,]")
_DESCRIPTIVE_SUBJECT = re.compile(r"[\s\"“”'‘’(]*(?:The|A|An|the|a|an)\s+(?!(?:[A-Z]\w*\s+)*"
                                  r"(?:" + SAID_VERBS + r")\b)[a-z\"“”]")
# [.!?]["'”’)]*\s+|\n, written to start with a character set: the regex engine then skips
# ahead to the characters that can start a match instead of trying the pattern everywhere
_SENT_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"'”’)]*\s+|(?<=\n))")


_NAME_TAIL = re.compile(r"(?<=\s)[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*$")


def _clean_np(text: str, s: int, e: int) -> tuple[str, int, int]:
    # strip a leading possessive's object, trailing punctuation
    np = text[s:e]
    stripped = np.rstrip(" ,.:;")
    return stripped, s, s + len(stripped)


# a run of capitalised words that ends with a title is no name: "Ohio Gov" of "Ohio Gov. John
# Kasich"
_ENDS_WITH_TITLE = re.compile(r"(?:^|\s)(?:" + NAME_TITLE_ABBREVIATIONS + r"|" + NAME_TITLES
                              + r")$")


def _is_person_name(name: str) -> bool:
    first = name.split()[0].rstrip(".")
    if first == name.rstrip(".") and first in TITLE_ABBREVIATIONS:
        return False  # a title alone ("Sen" of "said Sen. Steve Gallardo"): nobody yet
    # (not an organisation or a document: "our Privacy Policy", "the Library of Congress";
    # nor a compound of places or nationalities: "African-American", "Asia-Pacific")
    return first not in _NOT_PEOPLE and name not in _NOT_PEOPLE and \
        not (" " in name and _ENDS_WITH_TITLE.search(name)) and \
        gazetteer.kind_of(name) is None and speakers.classify(name) not in (
            "organisation", "document") and not (
            "-" in name and any(gazetteer.kind_of(p) for p in re.split(r"[-\s]+", name)))


# a capitalised run that goes on with "and"/"&" and another capitalised word: part of a longer
# proper name ("House Ways and Means Committee Chairman Dave Camp"); the words of that name
_AND_NEXT = re.compile(r"\s+(?:and|&)\s+[A-Z]")
_CHAIN = re.compile(r"(?:\s+(?:and|&|of|for|on)\s+|[ \t]+)[A-Z][\w’'.-]*")
_TITLE_IN_CHAIN = re.compile(r"\b(?:" + NAME_TITLES + r")\b")


# a preposition (with a determiner and up to two lower-case words) right before a name: the
# name is a place or an object, not the subject ("At the Capitol, McConnell said", "at a
# Capitol news briefing", "With Obama at his side, Biden ..."; but "..., according to Jane Roe"
# names the source; a sentence that opens "According to X, Y ..." has Y for its subject)
_AFTER_PREPOSITION = re.compile(
    r"(?<!according )\b(?:[Aa]t|[Ii]n|[Oo]n|[Oo]ver|[Ww]ith|[Ff]rom|[Nn]ear|[Oo]utside|[Ii]nside|"
    r"[Aa]cross|[Uu]nder|[Ii]nto|[Tt]oward|[Bb]ehind|[Aa]round|[Aa]gainst|[Tt]o)\s+(?:(?:the|a|an|"
    r"this|that)\s+)?(?:[a-z][\w-]*\s+){0,2}$")
# a month's abbreviation before a day ("on Jan. 18"): a date, though "Jan" is a given name too
_MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_DAY_AFTER = re.compile(r"\.?\s+\d")


def _is_date(text: str, name: str, end: int) -> bool:
    """Is ``name``, ending at ``end`` in ``text``, a month's abbreviation before a day?"""
    return name in _MONTH_ABBREVIATIONS and _DAY_AFTER.match(text, end) is not None


def _sentence_subject(text: str, s: int, e: int):
    """The first person-like mention of text[s:e] (after an opening phrase), or None."""
    seg = text[s:e]
    skip_to = 0
    for m in _PERSON.finditer(seg):
        if m.start(1) < skip_to:
            continue
        name = m.group(1)
        if name in _PRONOUN_SET:
            return name, s + m.start(1), s + m.end(1)
        if _AND_NEXT.match(seg, m.end(1)):
            # a longer proper name: the person is the name after its last title word
            # ("... Committee Chairman Dave Camp"), else none of its words
            end = m.end(1)
            while (c := _CHAIN.match(seg, end)) is not None:
                end = c.end()
            titles = list(_TITLE_IN_CHAIN.finditer(seg, m.start(1), end))
            if titles:
                k = titles[-1].end()
                rest = seg[k:end].strip()
                if " " in rest and _is_person_name(rest):
                    k = seg.index(rest, k)
                    return rest, s + k, s + k + len(rest)
            skip_to = end
            continue
        start = m.start(1)
        if gazetteer.kind_of(name) or _is_date(text, name, s + m.end(1)):
            continue  # "the New York magazine": not "York"; "on Jan. 18": not "Jan"
        if name.split()[0] not in _NOT_PEOPLE and _AFTER_PREPOSITION.search(
                seg, max(0, start - 40), start):
            continue  # "At the Capitol, ...", "at a Capitol news briefing": a place
        # "In August West took...": drop the capitalised words that are not a name
        while " " in name and name.split(" ", 1)[0].rstrip(".") in _NOT_PEOPLE:
            head, name = name.split(" ", 1)
            start += len(head) + 1
            name = name.lstrip()
        if _is_person_name(name):
            after = seg[m.end(1):m.end(1) + 2]
            if (after.startswith("’s") or after.startswith("'s") or name.endswith("’s")
                    or name.endswith("'s")):
                continue  # "Legend's wife, Chrissy Teigen, ..."
            return name, s + start, s + m.end(1)
    return None


_PRONOUN_SEX = {"he": "m", "He": "m", "she": "f", "She": "f"}


def _sex(text: str, name: str, start: int) -> str | None:
    """"m", "f" or None: what the text shows of the sex of the person ``name`` at ``start``:
    a common given name ("Hillary Clinton"), "Mr."/"Mrs."/"Ms." before a surname, or else
    the given names written with that surname earlier in the text, when they agree."""
    words = name.split()
    title = gazetteer.TITLE_SEX.get(words[0].rstrip(".").lower())
    if title or len(words) > 1:
        return title or gazetteer.given_name_sex(words[0])
    m = speakers.SEX_TITLE_BEFORE.search(text, max(0, start - 6), start)
    if m:
        return gazetteer.TITLE_SEX[m.group(1).lower()]
    # every given name written with the surname must show the same sex ("Beto O'Rourke" and
    # "Amy O'Rourke" say nothing of a bare "O'Rourke")
    found = {gazetteer.given_name_sex(given) for pos, given in _given_names(text).get(name, ())
             if pos < start}
    return found.pop() if len(found) == 1 else None


# (the surname in a lookahead: "Hillary Rodham Clinton" gives Hillary Rodham and Rodham Clinton)
_GIVEN_SURNAME = re.compile(r"\b([A-Z][a-z]+)\s+(?=(" + _PERSON_WORD + r")\b)")


@lru_cache(maxsize=4)
def _given_names(text: str) -> dict[str, list[tuple[int, str]]]:
    """{surname: [(where the surname starts, given name)]} of the capitalised pairs of a text,
    read once for all the pronouns of an article."""
    out: dict[str, list[tuple[int, str]]] = {}
    for m in _GIVEN_SURNAME.finditer(text):
        sur = m.group(2)
        if sur[-1] in "’'" or sur[-2:] in ("’s", "'s"):
            sur = sur.rstrip("s").rstrip("’'")  # "Barack Obama’s": Obama
        out.setdefault(sur, []).append((m.end(), m.group(1)))  # where the surname starts
    return out


def _resolve_pronoun(text: str, pos: int, sex: str | None = None):
    """The named person a 'he'/'she' at ``pos`` refers to on the plain reading; with ``sex``
    ("m" for he, "f" for she), a person the text shows to be of the other sex is passed over
    ("Hillary Clinton ... Mr. Sanders ... she said" is Clinton); when no sentence subject
    fits, the most recent name before the pronoun is taken only if it is not of the other sex,
    and a name further back only if the text shows it to be of the pronoun's sex."""

    def other_sex(name: str, start: int) -> bool:
        return sex is not None and _sex(text, name, start) not in (None, sex)

    lo = max(0, pos - 1500)
    # sentence starts between lo and pos
    starts = [lo] + [m.end() for m in _SENT_END.finditer(text, lo, pos)]
    # walk back through sentence subjects: a pronoun subject continues the chain
    seen = 0
    blurbs = []  # (start, end) of the sentences walked that are not prose
    for k in range(len(starts) - 1, -1, -1):
        s = starts[k]
        e = starts[k + 1] if k + 1 < len(starts) else pos
        if e <= s or not text[s:e].strip(" \t\n\xa0\"“”'’.,"):
            continue  # empty, or a quotation blanked out
        if boilerplate.boilerplate_kind(text[s:e]):
            blurbs.append((s, e))
            continue  # a newsletter blurb, a caption between the paragraphs (not counted)
        seen += 1
        if seen > 8:
            break
        # "The vote was close, Smith said.", "Racers were ready, DesLauriers said.": the person
        # who said it
        said = _SAID_BY.search(text, s, min(e, pos))
        if said and _is_person_name(said.group(1)) and not other_sex(
                said.group(1), said.start(1)):
            return said.group(1), said.start(1), said.end(1)
        if _DESCRIPTIVE_SUBJECT.match(text, s, e):
            continue  # "The rapper met with Trump...": the subject is not a name, look back
        subj = _sentence_subject(text, s, min(e, pos))
        if subj is None:
            continue
        if subj[0] in _PRONOUN_SET or other_sex(subj[0], subj[1]):
            continue
        return subj
    # the most recent named person (in the prose)
    found = [(m.group(1), m.start(1), m.end(1)) for m in _PERSON.finditer(text, lo, pos)]
    passed = False
    for name, s, e in reversed(found):
        if name in _PRONOUN_SET or not _is_person_name(name) or any(
                a <= s < b for a, b in blurbs) or _is_date(text, name, e):
            continue
        found_sex = _sex(text, name, s) if sex else None
        if found_sex == sex or (found_sex is None and not passed):
            return name, s, e
        passed = True  # a name of the other sex: only one shown to be of the pronoun's sex
    return None


def _set_speaker(text: str, q: Quote, name: str, s: int, e: int, masked: str) -> None:
    name, s, e = _clean_np(text, s, e)
    q.mention_start, q.mention_end = s, e
    m = (_NAME_TAIL.search(name) if name[:1].islower()
         and not name.startswith(("the ", "a ", "an ")) else None)
    if m and m.start() > 0:
        # "press secretary Sarah Huckabee Sanders": the speaker is the name
        name, s = m.group(), s + m.start()
    if name in _PRONOUN_SET:
        found = _resolve_pronoun(masked, s, _PRONOUN_SEX[name])
        if found:
            q.speaker, q.speaker_start, q.speaker_end = found
        else:
            q.speaker = q.speaker_start = q.speaker_end = None
        return
    if name in ("I", "we", "We", "they", "They"):
        q.speaker, q.speaker_start, q.speaker_end = name, s, e
        return
    q.speaker, q.speaker_start, q.speaker_end = name, s, e


_APPOSED_NAME = re.compile(r",\s+(" + _NAME + r"),")
_DETERMINER_FIRST = re.compile(DETERMINERS + r"\s")


def _speaker_words(s: str, m: re.Match, g: str, base: int) -> tuple[str, int, int]:
    """The speaker's words of an attribution match ``m`` on ``s`` (which starts at ``base`` in
    the text), as (words, start, end): its group ``g``; with a possessive, the owner ("Legend’s
    text read", "Trump's campaign said") unless what the owner has is a person ("Trump's
    lawyer said"); the name apposed to a description or possessive ("Trump's attorney, Alan
    Garten, said", "Her campaign manager, Robby Mook, suggested") when there is one."""
    if g == "np" and (m.group("poss") or _DETERMINER_FIRST.match(m.group("np"))):
        a = _APPOSED_NAME.match(s, m.end("poss") if m.group("poss") else m.end("np"))
        if a:
            return a.group(1), base + a.start(1), base + a.end(1)
    if g == "np" and m.group("poss") and (m.group("np")[:1].isupper() or _DETERMINER_FIRST.match(
            m.group("np"))) and speakers.is_people_noun(m.group("poss").split()[-1].lower()):
        # "his brother-in-law's mother told him", "Trump's lawyer said": not the owner
        return s[m.start(g):m.end("poss")], base + m.start(g), base + m.end("poss")
    return m.group(g), base + m.start(g), base + m.end(g)


def _attribute(text: str, q: Quote, masked: str) -> bool:
    """Fill in the speaker from the words around the quotation; True if found."""
    end = text.find("\n", q.mark_end)
    if end < 0:
        end = len(text)
    after_end = min(end, q.mark_end + 160)
    m = _AFTER.match(text, q.mark_end, after_end)
    if m and m.group("np") and speakers.reports_own_quotation(text, q.text, m.group("np"),
                                                              m.end(), end):
        m = None
    if m:
        g = "np" if m.group("np") else ("np2" if m.group("np2") else "np3")
        if m.group(g):
            _set_speaker(text, q, *_speaker_words(text, m, g, 0), masked)
            return True
    line_start = text.rfind("\n", 0, q.mark_start) + 1
    lo = max(line_start, q.mark_start - 200)
    before = text[lo:q.mark_start]
    if not before.strip() and line_start > 0:
        # the quote opens a paragraph: "Caddell continued:" may end the previous one
        prev_end = line_start - 1
        while prev_end > 0 and text[prev_end - 1].isspace():
            prev_end -= 1
        if prev_end > 0 and text[prev_end - 1] == ":":
            pls = text.rfind("\n", 0, prev_end) + 1
            lo = max(pls, prev_end - 200)
            before = text[lo:prev_end]
    # the clause right before the quote, after the last sentence end
    cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("” "),
              before.rfind('" '))
    if cut >= 0:
        clause_off = cut + 2
    else:
        clause_off = 0
    clause = before[clause_off:]
    base = lo + clause_off
    if clause.strip():
        if _PARTICIPLE.search(clause):
            subj = _sentence_subject(masked, base, base + len(clause))
            if subj:
                _set_speaker(text, q, subj[0], subj[1], subj[2], masked)
                return True
        m = (None if _BEFORE_VERB_WORDS.isdisjoint(_ascii_words(clause))
             else _BEFORE.search(clause))
        if m:
            g = "np" if m.group("np") else "np2"
            _set_speaker(text, q, *_speaker_words(clause, m, g, base), masked)
            return True
        # _ACCORDING is costly to search too; it needs "according to" or "in the words of"
        # (with re.I, only their ASCII upper and lower case letters match those of "accord"
        # and "word")
        low = clause.lower()
        m = _ACCORDING.search(clause) if "accord" in low or "word" in low else None
        if m:
            _set_speaker(text, q, m.group("np"), base + m.start("np"), base + m.end("np"),
                         masked)
            return True
    return False


# a single mark at the start of a line or after a space, colon, parenthesis or dash (checked
# once the mark is matched, so that the regex engine can skip ahead to the marks), a word
# character, the quoted words, a closing mark
_SINGLE = re.compile(r"['‘](?:(?<=^['‘])|(?<=[\s:(—–-]['‘]))(?=[^\W_])"
                     r"([^'‘’\n]*?(?:['’][a-z][^'‘’\n]*?)*)"
                     r"(?<=[\w.!?,])['’](?=$|[\s.,:;!?)—–-])", re.M)


def _headline_quotes(text: str, found: list[Quote]) -> list[Quote]:
    """Quotations in single marks inside headlines ("Trump on West: 'He Is My Brother'"):
    the first line of the text and short lines with no final punctuation."""
    out = []
    pos = 0
    n = len(text)
    first = True
    starts = [q.mark_start for q in found]  # found is in text order, not overlapping
    apos, left = text.find("'"), text.find("‘")  # the next single marks (-1: no more)
    while pos < n:
        if not first:
            # after the first line only lines with a single mark matter: skip to the next one
            if 0 <= apos < pos:
                apos = text.find("'", pos)
            if 0 <= left < pos:
                left = text.find("‘", pos)
            if apos < 0 and left < 0:
                break
            mark = left if apos < 0 else apos if left < 0 else min(apos, left)
            pos = max(pos, text.rfind("\n", pos, mark) + 1)  # the start of its line
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line = text[pos:end].strip()
        if line and ("'" in line or "‘" in line) and len(line) <= 200 and (
                first or line[-1] not in ".!?"):
            for m in _SINGLE.finditer(text, pos, end):
                o, c = m.start(), m.end()
                k = bisect.bisect_left(starts, c) - 1
                if k >= 0 and found[k].mark_end > o:
                    continue  # inside (or overlapping) a quotation in double marks
                qs, qe = m.start(1), m.end(1)
                if qe <= qs:
                    continue
                out.append(Quote(o, c, qs, qe, text[qs:qe]))
        if line:
            first = False
        if nl < 0:
            break
        pos = nl + 1
    return out


def find_quotes(text: str) -> list[Quote]:
    """The quotations of ``text``, in order (see the module documentation)."""
    quotes: list[Quote] = []
    for o, c, paragraphs, unbalanced in _pairs(text):
        mark_len = 2 if text.startswith("''", o) else 1
        start, end = o + mark_len, c
        if not unbalanced:
            end = c - (2 if text.startswith("''", c - 2) and c - 2 >= start else 1)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        q = Quote(o, c, start, end, text[start:end], unbalanced=unbalanced,
                  paragraphs=paragraphs)
        quotes.append(q)
    quotes.extend(_headline_quotes(text, quotes))
    quotes.sort(key=lambda q: q.mark_start)
    # the text with quoted words blanked out: names inside quotations are not speakers
    pieces = []
    pos = 0
    for q in quotes:
        if q.start < pos:
            continue
        pieces.append(text[pos:q.start])
        pieces.append(" " * (q.end - q.start))
        pos = q.end
    pieces.append(text[pos:])
    masked = "".join(pieces)
    prev: Quote | None = None
    prev_short: Quote | None = None  # the last short partial quotation
    for q in quotes:
        found = _attribute(text, q, masked)
        short = next(islice(_WORD.finditer(q.text), 3, None), None) is None  # 3 words at most
        if not found and _embedded(text, q.mark_start) and (
                not short or _attributed(text, q.mark_start)):
            # (a verb further back gives the speaker of a partial quotation, but does not make
            # scare quotes of three words or fewer someone's words: see below)
            found = _clause_speaker(text, q, masked)
        if not found and prev is not None and prev.speaker is not None:
            between = text[prev.mark_end:q.mark_start]
            line_start = text.rfind("\n", 0, q.mark_start) + 1
            line_end = text.find("\n", q.mark_end)
            line_end = len(text) if line_end < 0 else line_end
            quote_only = (not text[line_start:q.mark_start].strip()
                          and not text[q.mark_end:line_end].strip(" \t.,"))
            same_para = "\n" not in between
            # '“...,” Sanders said. “I’ll keep you posted.”' or a quote-only paragraph
            # right after another quote of the same speaker
            if (same_para and len(between) < 200 and _WORD.search(between)
                    and not _OTHER_QUOTE_CONTEXT.search(between)) or (
                    quote_only and between.count("\n") <= 2 and len(between) < 300):
                q.speaker, q.speaker_start, q.speaker_end = (prev.speaker, prev.speaker_start,
                                                             prev.speaker_end)
                q.mention_start, q.mention_end = prev.mention_start, prev.mention_end
                q.inherited = True
        if q.speaker is None and short:
            # three words or fewer, no speaker: scare quotes, unless a speech or attribution
            # verb before it in the sentence makes it a partial quotation of someone's words
            # ("called it a 'disaster'"), or it continues one ("said the 'mob' can't make
            # him 'not love him'")
            if _attributed(text, q.mark_start) or (
                    prev_short is not None and q.mark_start - prev_short.mark_end < 80
                    and not _SENTENCE_STOP.search(text, prev_short.mark_end, q.mark_start)):
                q.partial = True
                prev_short = q
            else:
                q.kind = "scare"
        elif _embedded(text, q.mark_start):
            q.partial = True
        if q.kind == "direct":
            prev = q
    return quotes


_SENTENCE_STOP = re.compile(r"[.!?\n]")
_ATTRIBUTION_REACH = 9  # words between an attribution verb and a short quotation at most


def _attributed(text: str, mark: int) -> bool:
    """Is there a speech or attribution verb (``ATTRIBUTING_WORDS``) among the few words
    before ``mark``, in the same sentence?"""
    chunk = text[max(0, mark - 120):mark]
    stops = [m.end() for m in _SENTENCE_STOP.finditer(chunk)]
    if stops:
        chunk = chunk[stops[-1]:]
    for w in chunk.split()[-_ATTRIBUTION_REACH - 1:]:
        if w.strip("\"“”‘’'()[]*,;:").lower() in ATTRIBUTING_WORDS:
            return True
    return False


_SAID_BEFORE = re.compile(r"\b(?:" + VERBS_BEFORE_QUOTE + r")\s*$")


def _embedded(text: str, mark: int) -> bool:
    """Is the quotation opening at ``mark`` part of the writer's own sentence ("called Trump a
    "pathological liar"", "said that it was "quite generous"")? Full quotations open a
    paragraph or a sentence, or follow a colon, a comma or a dash."""
    i = mark - 1
    while i >= 0 and text[i] in " \t\xa0\u2009\u202f":
        i -= 1
    if i < 0:
        return False
    c = text[i]
    if c in "\n.!?:;,—–-([…":
        return False
    if c in "”\"'’»":
        j = i - 1
        while j >= 0 and text[j] in "'":
            j -= 1
        return not (j >= 0 and text[j] in ".!?,…")
    if _SAID_BEFORE.search(text, max(0, i - 30), i + 1):
        return False
    return True


# --- a quotation inside the writer's sentence: the subject of its attribution verb -----------

# the verbs whose subject speaks a quotation of a few words inside the writer's sentence:
# "Pompeo later claimed that the strike aimed at an 'imminent attack'", "Sanders called the
# change 'an important step'" ("according", "quoting" and "referring" name no speaker, and a
# participle has no subject of its own right before it)
_CLAUSE_VERBS = frozenset(w for w in ATTRIBUTING_WORDS if not w.endswith("ing")) - {
    "according", "quoted", "referred", "refers"}
# those that are also nouns ("verifiable claims about the world"): only after a name or a
# pronoun ("Trump claims", "the deal calls for" is left to the other rules)
_NOUN_LIKE_CLAUSE_VERBS = frozenset("""claims calls call terms labels brands notes tweets posts
states charges dubs deems""".split())
_CLAUSE_REACH = 300  # characters back from the quotation to look for its sentence's start
_CLAUSE_WORDS = 30  # words between the verb and the quotation at most
# a sentence's end (``_clause_start`` skips those after a title or an initial: "Rep. Peter
# King", "J. Smith")
_CLAUSE_START = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]*[A-Z0-9])|\n|;")
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z]+)\.$")
_CLAUSE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
# words between a subject and its verb ("Pompeo later more forcefully claimed")
_BETWEEN_SUBJECT_VERB = frozenset("""also later then again once first previously recently more
most had has have would will even just repeatedly publicly privately now still often never
always already""".split())
_PASSIVE = frozenset("is are was were be been being".split())  # "Jews are described as"
_RELATIVE = frozenset(("who", "which", "that"))
_FRONTED = frozenset(("what", "which", "that", "whom"))  # "what he called "a compromise""
_COORDINATION = frozenset(("and", "but", "or"))
_PREPOSITIONS = frozenset(("in", "of", "at", "for", "with", "from", "on", "to", "by"))
# capitalised words opening a sentence that are no name of a speaker
_OPENERS = frozenset("""Then Later But And So Also Now Still Yet Meanwhile Earlier Instead Even
Again Indeed However Finally Eventually Afterward Afterwards Previously Recently Today Yesterday
Last This That These Those In On At After Before When While As Since Although Though If Because
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Or Nor For With Without During Under
Over Through Until Once Here There Some Many Most All Both""".split())
_CLAUSE_PRONOUNS = frozenset(("he", "she", "they", "He", "She", "They", "I", "we", "We"))
# the subject right before the verb: a capitalised name (with "of"/"for" inside), a description
# led by a determiner (up to six words), or a bare plural of people
_SUBJECT_NAME = re.compile(r"(?:[A-Z][\w’'.-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){0,5}"
                           r"[A-Z][\w’'.-]*$")
_SUBJECT_DESC = re.compile(r"(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|"
                           r"[Aa]nother|[Ss]ome|[Mm]any|[Ss]everal)\s+(?:[\w’'-]+\s+){0,6}"
                           r"[\w’'-]+$")
# "he’d", "she's": the pronoun
_PRONOUN_CONTRACTION = re.compile(r"(he|she|they|He|She|They|I|we|We)['’](?:d|s|ve|ll|re)$")
_DETERMINER = re.compile(r"(?<![\w’'-])(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|"
                         r"[Aa]nother|[Ss]ome|[Mm]any|[Ss]everal)\s")
_SUBJECT_PLURAL = re.compile(r"(?<![\w’'-])(?:critics|opponents|supporters|officials|experts|"
                             r"analysts|protesters|residents|lawmakers|activists|advocates|"
                             r"scientists|researchers|economists|prosecutors|investigators|"
                             r"authorities|conservatives|liberals|progressives|aides|sources|"
                             r"observers|commentators|skeptics|sceptics|voters|leaders)$")
# no object between the verb and the quotation ("what he called “a compromise”", "a vehicle
# dubbed the “Patriot Pass”")
_NOTHING_OR_AS = re.compile(r"\s*(?:as\s+)?(?:(?:the|a|an)\s+)?$")
_DASHES = ("--", "—", "–")
_AGENT = re.compile(r" by ((?:(?:the|a|an|his|her|their|its|one) (?:[\w’'-]+ ){0,4}?[\w’'-]+)|"
                    r"(?:[A-Z][\w’'.-]* ){0,3}[A-Z][\w’'.-]*)(?: as)?(?: (?:the|a|an))? *$")
# a sentence opening with a description of a person: "The rapper", "The former senator"
_PERSON_DESCRIPTION = re.compile(r"[\s\"“(]*(The|the)\s+((?:[a-z][\w’'-]*\s+){1,3})")
_APPOSED_DESC = re.compile(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3}),\s+(?:the|a|an)\s+"
                           r"(?:[\w’'-]+\s+){0,5}[\w’'-]+$")


def _clause_speaker(text: str, q: Quote, masked: str) -> bool:
    """A quotation inside the writer's sentence: the speaker is the subject of the last
    attribution verb (``_CLAUSE_VERBS``) before it in the sentence, when that subject is a
    name, a pronoun, a description or a plural of people right before the verb (past
    adverbs, an apposition in dashes, and "who"/"which" to the name before it; after "and",
    the sentence's subject; after "by", the agent). Not a passive ("Jews are described as"),
    not across a comma, and a verb with no object before the quotation only after
    "what"/"which" (what he called “a compromise”, not a user called “nikolas”). True if
    found (docs/evaluation.md has the figures)."""
    s0 = _clause_start(masked, q.mark_start)
    words = list(_CLAUSE_WORD.finditer(masked, s0, q.mark_start))
    for k in range(len(words) - 1, max(-1, len(words) - 2 - _CLAUSE_WORDS), -1):
        if words[k].group().lower() in _CLAUSE_VERBS:
            break
    else:
        return False
    verb = words[k]
    after = masked[verb.end():q.mark_start]
    if any(c in after for c in ",;:()—"):
        return False  # another clause between the verb and the quotation
    if after.startswith(" by "):
        # "described by a colleague as a “tortured artist”": the agent speaks
        m = _AGENT.match(after)
        if not m:
            return False
        at = verb.end() + m.start(1)
        _set_speaker(text, q, m.group(1), at, at + len(m.group(1)), masked)
        return True
    bare = _NOTHING_OR_AS.match(after) is not None  # no object: "what he called “...”"
    end = verb.start()
    k -= 1
    while k >= 0 and (words[k].group() in _BETWEEN_SUBJECT_VERB or (
            words[k].group().endswith("ly") and words[k].group().islower())):
        end = words[k].start()
        k -= 1
    if k >= 0 and words[k].group() in _PASSIVE or k >= 0 and words[k].group() == "to":
        return False  # "Jews are described as", "led the president to take to Twitter to call"
    if k >= 0 and words[k].group() in _COORDINATION:
        if bare:
            return False
        # "He conjectured ... and called him “a phony”": the sentence's subject, when the
        # sentence opens with it (after an earlier quotation of the sentence, its speaker:
        # '“...,” Romney said and added that “...”')
        if any(c in masked[s0:words[k].start()] for c in "“\"”"):
            return False
        subj = _sentence_subject(masked, s0, words[k].start())
        if subj is None or len(masked[s0:subj[1]].split()) > 2 or subj[0] in _OPENERS or (
                " " not in subj[0] and subj[0].endswith("ing")):
            return False
        _set_speaker(text, q, *subj, masked)
        return True
    pre = masked[s0:end].rstrip()
    if pre.endswith(_DASHES):
        # "Felicia Sanders -- mother of a victim -- said": the name before the dashes
        inner = max(pre.rfind(d, 0, len(pre) - len(d)) for d in _DASHES)
        if inner <= 0:
            return False
        pre = pre[:inner].rstrip()
    if k >= 0 and words[k].group() in _RELATIVE and words[k].end() == s0 + len(pre):
        if bare:
            return False  # "the bill, which critics called" has its subject after "which"
        pre = masked[s0:words[k].start()].rstrip().rstrip(",").rstrip()  # "Trump, who"
    if not pre:
        return False
    found = _clause_subject(pre)
    if found is None or verb.group().lower() in _NOUN_LIKE_CLAUSE_VERBS and not (
            found[0] in _CLAUSE_PRONOUNS or found[0][:1].isupper()):
        return False
    name, at = found[0], s0 + found[1]
    if name in _PRONOUN_SET:
        # "The rapper shocked fans when he called Trump his 'brother'": the person the sentence
        # opens with, described (whom the pronoun stands for), not a name before the sentence
        d = _PERSON_DESCRIPTION.match(masked, s0, at)
        if d:
            described = d.group(2).split()
            head = next((j for j, w in enumerate(described) if speakers.is_person_noun(w)),
                        None)
            if head is not None:
                name = d.group(1) + " " + " ".join(described[:head + 1])
                at = d.start(1)
    if bare:
        before = masked[s0:at].split()
        if not before or before[-1].lower() not in _FRONTED:
            return False
    _set_speaker(text, q, name, at, at + len(name), masked)
    return True


def _clause_start(masked: str, mark: int) -> int:
    """Where the sentence holding the quotation at ``mark`` starts (at most ``_CLAUSE_REACH``
    characters back)."""
    lo = max(0, mark - _CLAUSE_REACH)
    start = lo
    for m in _CLAUSE_START.finditer(masked, lo, mark):
        if masked[m.start()] == ".":
            w = _WORD_BEFORE_STOP.search(masked, max(0, m.start() - 12), m.start() + 1)
            if w and (len(w.group(1)) == 1 or w.group(1) in TITLE_ABBREVIATIONS):
                continue  # "Rep. Peter King", "J. Smith"
        start = m.end()
    return start


def _clause_subject(pre: str) -> tuple[str, int] | None:
    """The subject that ends ``pre`` (the words before a verb), and where it starts in it: a
    pronoun, a name, a description from its determiner, or a plural of people; None if
    none."""
    last = pre.rsplit(None, 1)[-1]
    m = _PRONOUN_CONTRACTION.match(last)
    if last in _CLAUSE_PRONOUNS or m:
        return (m.group(1) if m else last), len(pre) - len(last)
    m = _SUBJECT_NAME.search(pre)
    if m:
        # a run that opens with an ordinary word ("Then Trump"), or that is only such a
        # word ("Later"): the name is what follows it
        name = m.group()
        while " " in name and name.split(" ", 1)[0] in _OPENERS:
            name = name.split(" ", 1)[1].lstrip()
        if name in _OPENERS:
            return None
        at = len(pre) - len(name)
        before = pre[:at].rstrip().rsplit(None, 1)
        # (not the object of a preposition: "the gunman in New Zealand hailed")
        if not (before and before[-1] in _PREPOSITIONS):
            person = name.split(" of ", 1)[0]
            if person != name and " " in person and _is_person_name(person):
                name = person  # "Sara Teppema of the Society of Actuaries"
            return name, at
    # "Jim Gruber, an MIT health care economist, who noted": the name before the apposition
    m = _APPOSED_DESC.search(pre)
    if m and _is_person_name(m.group(1)):
        return m.group(1), m.start(1)
    # from the last determiner ("one reason a recent Mother Jones piece"), or one before it
    # when it follows a preposition ("a source in the administration")
    # (a noun phrase after a preposition is no subject: "an official with direct knowledge of
    # the case" is none when it runs too long, not "the case")
    for d in reversed([d.start() for d in _DETERMINER.finditer(pre, max(0, len(pre) - 80))]):
        m = _SUBJECT_DESC.match(pre, d)
        if not m:
            break
        before = pre[:d].rstrip().rsplit(None, 1)
        if not before or before[-1] not in _PREPOSITIONS:
            return m.group(), d
    m = _SUBJECT_PLURAL.search(pre)
    return (m.group(), m.start()) if m else None


_OTHER_QUOTE_CONTEXT = re.compile(r"\b(?:another|other|a different|meanwhile|but)\b", re.I)


def quote_ratio(text: str | None) -> float | None:
    """SQL function: share of the characters of ``text`` inside direct quotations (quotation
    marks included; scare quotes excluded)."""
    if not text:
        return None if text is None else 0.0
    text = str(text)
    inside = sum(q.mark_end - q.mark_start for q in find_quotes(text) if q.kind in QUOTED_KINDS)
    return inside / len(text)
