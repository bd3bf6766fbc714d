"""Loaded words in context: does a lexicon match count here, and why (not).

``judge(text, occurrences)`` reads each occurrence ``{"start", "end", "term", "category"}`` of
one article (as ``Lexicon.find`` gives them) in its context and returns, in order, each with

* ``weight``: 1 when it counts as a loaded word; 0 when it is shown but not counted:
  - a ``sensational_verb`` entry used as a noun ("a crash", "the crashes", "the deadly storm":
    a determiner, possessive, number or adjective before it, or "of" after it; read as a verb
    after "to", a modal or a pronoun, or before a particle or an object: "crashed into",
    "will slam", "storms out"; verbs whose noun is as loaded, "his lies", "a smear", always
    count);
  - a capitalised match inside a proper name ("the Stonewall Inn");
  - an evaluative word (subjective adjective, intensifier, emotive) negated by one of the two
    words before it in the same clause ("not controversial", "isn't nutty"): the negation
    flips or cancels it. Verbs and labels still count under negation ("did not slam" still
    frames the act as slamming; "not a thug" still puts the label on the page);
* ``sense``: short notes on the decisions, for the pages ("noun, after 'the'", "negated by
  'not'", "softened by 'somewhat'").

Whose voice a word is in comes from the quotations (``quotes.py``): inside a direct quotation,
full or partial ("called it a 'disaster'"), it is the speaker's; scare quotes stay the outlet's.
The rules are written from general knowledge of English, not fitted to examples; bump
``CONTEXT_VERSION`` (part of the lexicon version stored with every article) when they change.
"""
from __future__ import annotations

import re

from .english import ASCII_TERM

CONTEXT_VERSION = "ctx-2"

_WORD = ASCII_TERM
_CLAUSE_STOPS = ".;:!?\n()\"“”—–,"
_SENT_STOPS = ".!?\n"

_DET = frozenset("""a an the this these those his her its their our my your some any no
every each another either neither several many few both all one two three four five six seven
eight nine ten dozens hundreds thousands latest last recent first second third such""".split())
_VERB_CUE_BEFORE = frozenset("""to will would can could may might must should shall did does do
don't doesn't didn't won't can't cannot couldn't wouldn't shouldn't i you we they he she it who
which also then just not never often always later again reportedly allegedly""".split())
_VERB_CUE_AFTER = frozenset("""into in to down through out off on onto at back against up away
over past him her them us me it his their its our my your the a an this these""".split())
_NOUN_CUE_AFTER = frozenset("""of was were is are has had killed investigation investigators
victims site survivors""".split())
# nouns a base-form entry modifies as a noun itself ("assault weapons", "attack ads")
_COMPOUND_HEADS = frozenset("""weapon weapons rifle rifles charge charges case cases allegation
allegations ad ads ban victim survivor scene""".split())
# prepositions that take a noun ("charged with assault", "accused of assault")
_NOUN_PREPOSITIONS = frozenset("of with for against from amid about after before".split())
# sensational verbs whose noun is as loaded as the verb ("his lies", "a smear", "a savage
# act"): the noun reading does not drop them (written from general knowledge of the words)
_NOUN_ALSO_LOADED = frozenset(f for w in """lie smear taunt boast rant jeer sneer insult scorn
ridicule shriek splurge blunder bungle bluster ploy scheme whine gripe moan wail hype rampage
snub rebuff bully brag gloat grovel harangue slander libel whitewash bribe swindle plunder loot
sabotage ambush hijack savage lambaste tirade bellow scream gush rave swoon fawn fearmonger
scaremonger pander grandstand posture meltdown freak-out cave flip-flop backpedal u-turn
capitulate smirk mock scoff screed""".split() for f in (w, w + "s", w + "es"))
# adjectives that commonly modify an event noun, plus cheap suffix rules (see _adjective_like)
_ADJ = frozenset("""deadly fatal recent latest fiery major minor huge big small twin deadliest
second first third plane car air train bus helicopter jet market stock""".split())
_ADJ_SUFFIXES = ("al", "ic", "ous", "ful", "ive", "est", "ish", "less")
_NEG = frozenset("not never no n't nor without hardly barely neither".split())
_SOFT = frozenset("""perhaps maybe somewhat rather slightly fairly possibly arguably seemingly
relatively mildly""".split())
# a cheap first look for a negation or softening word just before a match
_CUE_WORDS = _NEG | _SOFT
_VERBAL_ENDINGS = ("ed", "ing")
_NEGATABLE = frozenset({"subjective_adjective", "intensifier", "emotive"})


_STOP_END = tuple(_CLAUSE_STOPS)
_STRIP = "\"“”‘’'()[]*"


def _clause_words(text: str, pos: int, width: int = 32) -> list[str]:
    """Up to three lower-case words just before ``pos`` in the same clause, nearest last
    (a comma, stop, colon, bracket, dash or double quotation mark ends the clause)."""
    lo = pos - width if pos > width else 0
    toks = text[lo:pos].split()
    if lo and toks and not text[lo - 1].isspace() and not text[lo].isspace():
        toks = toks[1:]  # the chunk starts inside a word
    toks = toks[-3:]
    out = []
    for tok in reversed(toks):
        if tok.endswith(_STOP_END):
            break
        w = tok.strip(_STRIP)
        if not w:
            break
        out.append(w.lower().replace("’", "'"))
        if tok.startswith(_STOP_END):
            break
    out.reverse()
    return out


def _next_word(text: str, pos: int) -> str | None:
    """The word right after ``pos`` when only spaces separate them."""
    chunk = text[pos:pos + 24]
    m = _WORD.search(chunk)
    if m is None or chunk[:m.start()].strip():
        return None
    return m.group().lower()


def _adjective_like(w: str) -> bool:
    return w in _ADJ or (w.endswith(_ADJ_SUFFIXES) and len(w) > 4)


def _is_possessive(w: str) -> bool:
    return w.endswith("'s") or w.endswith("s'")


def _verb_as_noun(term: str, before: list[str], after: str | None, adjacent: bool) -> str | None:
    """Why a sensational-verb entry is used as a noun here, or None when it reads as a verb.
    Only the base and -s forms can be nouns ("a crash", "the crashes"); -ed/-ing forms are
    verbal (a gerund after "the" is still the act: "the bashing")."""
    if " " in term or term.endswith(_VERBAL_ENDINGS) or term in _NOUN_ALSO_LOADED:
        return None
    w1 = before[-1] if before and adjacent else None
    w2 = before[-2] if len(before) > 1 and adjacent else None
    if w1 in _VERB_CUE_BEFORE:
        return None
    if after in _VERB_CUE_AFTER:
        return None
    if w1 is not None and (w1 in _DET or _is_possessive(w1) or w1.isdigit()):
        return f"noun, after '{w1}'"
    if after in _NOUN_CUE_AFTER or (after in _COMPOUND_HEADS and not term.endswith("s")):
        return f"noun, followed by '{after}'"
    if w1 is not None and w2 is not None and (w2 in _DET or _is_possessive(w2)) \
            and _adjective_like(w1):
        return f"noun, after '{w2} {w1}'"
    if w1 is not None and (w1 in _NOUN_PREPOSITIONS or _adjective_like(w1)):
        return f"noun, after '{w1}'"  # "sexual assault", "charged with assault"
    return None


_CAP_WORD = re.compile(r"[A-Z][A-Za-z'’.-]*|[0-9]+")


def _in_name(text: str, start: int, end: int) -> bool:
    """A capitalised match inside a name: not at the start of a sentence or line, a
    capitalised word (or number) right next to it, and the surrounding text is not a
    title-case headline (it has lower-case words of five letters or more)."""
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] in ".!?\n\"“”‘'’:—–-(|" or text[i] == "\r":
        return False
    prev = text[max(0, start - 30):start].split()
    nxt = text[end:end + 30].split()
    cap_prev = (bool(prev) and text[start - 1] == " "
                and _CAP_WORD.fullmatch(prev[-1]) is not None)
    cap_next = (bool(nxt) and text[end:end + 1] == " "
                and _CAP_WORD.fullmatch(nxt[0].rstrip(".,;:!?")) is not None)
    if not (cap_prev or cap_next):
        return False
    around = text[max(0, start - 60):end + 60]
    return any(len(w) >= 5 and w.islower() for w in _WORD.findall(around))


def judge(text: str, occurrences) -> list[tuple[int, str | None]]:
    """``(weight, sense)`` for each occurrence (objects with ``start``, ``end``, ``term``,
    ``category``), in order: see the module documentation. ``sense`` is None when there is
    nothing to say."""
    out = []
    for o in occurrences:
        start, end, term, cat = o.start, o.end, o.term, o.category
        if text[start].isupper() and _in_name(text, start, end):
            out.append((0, "part of a name"))  # "the Stonewall Inn", "Fake News Awards"
            continue
        # the words before the match are needed only to read a verb entry's part of speech
        # (base and -s forms) and, for evaluative categories, to see a negation or hedge
        pos_check = (cat == "sensational_verb" and term not in _NOUN_ALSO_LOADED
                     and not term.endswith(_VERBAL_ENDINGS) and " " not in term)
        negatable = cat in _NEGATABLE
        if negatable:
            low = text[start - 28 if start > 28 else 0:start].lower()
            negatable = ("n't" in low or "n’t" in low
                         or not _CUE_WORDS.isdisjoint(low.split()))
        if not (pos_check or negatable):
            out.append((1, None))
            continue
        before = _clause_words(text, start)
        if pos_check:
            why = _verb_as_noun(term, before, _next_word(text, end),
                                bool(before) and text[start - 1].isspace())
            if why is not None:
                out.append((0, why))  # the part of speech does not fit the entry
                continue
        near = before[-2:]
        weight, sense = 1, None
        if negatable and near:
            neg = next((w for w in near if w in _NEG or w.endswith("n't")), None)
            if neg is not None:
                weight, sense = 0, f"negated by '{neg}'"
            else:
                soft = next((w for w in near if w in _SOFT), None)
                if soft is not None:
                    sense = f"softened by '{soft}'"
        out.append((weight, sense))
    return out
