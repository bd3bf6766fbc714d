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
  split before each item.

``boilerplate_kind(sentence)`` names the kind of non-prose line (image credit, "READ MORE" link,
newsletter blurb, bare URL, embedded tweet, byline, comments link, advertisement label...) or
returns None; ``boilerplate_kinds(text, spans)`` does the same for every sentence of an article
and also marks as ``repeated`` a sentence identical to an earlier one (a repeated standfirst,
a pull quote).

Kinds: ``url``, ``embedded_tweet``, ``image_credit``, ``related_link`` ("READ MORE:", "WATCH
BELOW", "Latest From"), ``newsletter``, ``byline``, ``comments`` ("Comments", "Advertisement",
"Share"), ``repeated``.
"""
from __future__ import annotations

import re

# Titles written before a name: a period after them never ends a sentence.
PREPOSITIVE = {
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Profs", "Gov", "Govs", "Sen",
    "Sens", "Rep", "Reps", "Gen", "Gens", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm", "Maj",
    "Cpl", "Pvt", "Rev", "Hon", "Supt", "Det", "Insp", "Atty", "Mt", "St", "Ft", "Pres",
    "Amb", "Brig", "Cdr", "Gov-elect", "Lt-Gen", "Msgr", "Fr", "Sra", "Mme", "Mlle",
    "MR", "MRS", "MS", "DR",
}
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
_MULTI_DOT = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_LIST_START = re.compile(r"\s*(?:[•⁃*-]\s*)?(?:\d{1,2}|[a-z])(?:\.\)|\)|\.)\s")
_LIST_ITEM = re.compile(r"(?:(?<=\s)|^)(?:([•⁃])\s*)?(\d{1,2}|[a-z])(\.\)|\)|\.)(?=\s)")
_ATTRIBUTION = re.compile(
    r"\s+(?:[A-Z][\w’'.-]*\s+){1,3}(?:said|says|wrote|writes|tweeted|tweets|asked|asks|added|"
    r"adds|told|tells|replied|responded|continued|explained|posted|argued|insisted|noted|"
    r"stated|declared|exclaimed|shouted|answered|commented|joked|quipped)\b")
_BULLET = re.compile(r"(?<=\s)[•⁃](?=\s*\S)")


def _next_word(text: str, pos: int, end: int) -> str:
    """The word starting at ``pos`` (after white space and opening quotes/brackets)."""
    while pos < end and (text[pos].isspace() or text[pos] in _OPENERS):
        pos += 1
    q = pos
    while q < end and not text[q].isspace():
        q += 1
    return text[pos:q]


def _word_before(text: str, lo: int, pos: int) -> tuple[str, int]:
    """The white-space-delimited word ending at ``pos`` and where it starts."""
    q = pos
    while q > lo and not text[q - 1].isspace():
        q -= 1
    return text[q:pos], q


def _is_boundary(text: str, ps: int, pe: int, seg_start: int, sent_start: int,
                 end: int) -> int:
    """Decide about the candidate ``text[ps:pe]``.

    Returns the end of the sentence (``pe`` normally, ``ps + 1`` for "word. . . . Next"), or
    -1 when the candidate is not a boundary.
    """
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
        return pe if nxt.rstrip(".,;:!?") in SENTENCE_STARTERS else -1
    return pe


def _scan(text: str, start: int, end: int, out: list) -> None:
    """Append the sentences of ``text[start:end]`` (one paragraph or list item) to ``out``."""
    sent = start
    while sent < end and text[sent].isspace():
        sent += 1
    for m in _CAND.finditer(text, start, end):
        ps, pe = m.start(), m.end()
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
    line_start = 0
    while line_start <= n:
        nl = text.find("\n", line_start)
        line_end = n if nl < 0 else nl
        if line_end > line_start:
            if _LIST_START.match(text, line_start, line_end):
                cuts = _list_items(text, line_start, line_end)
            else:
                cuts = ()
            if cuts:
                bounds = [line_start, *cuts, line_end]
                for a, b in zip(bounds, bounds[1:]):
                    _scan(text, a, b, out)
            else:
                _scan(text, line_start, line_end, out)
        if nl < 0:
            break
        line_start = nl + 1
    return out


# --- what is not prose ---------------------------------------------------------------------

_AGENCIES = (r"Getty(?: Images)?|AP(?: Photo)?|Associated Press|Reuters|AFP|PA(?: Images| Wire)?|"
             r"EPA|Rex(?: Features)?|Shutterstock|Splash(?: News)?|Wenn|Alamy|Bloomberg|"
             r"Twitter|Instagram|Facebook|YouTube|Youtube|Elle|Image|Images|Handout|Supplied|"
             r"Corbis|WireImage|FilmMagic|NurPhoto|Sipa|Pool|iStock|file|File")
_BOILERPLATE = [
    ("url", re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|co\.uk|org|net)/\S*", re.I)),
    ("embedded_tweet", re.compile(
        r".*(?:pic\.twitter\.com/\S+|—\s*[^()]{1,60}\(@\w+\)\s+\w+ \d{1,2}, \d{4}|"
        r"twitter\.com/\w+/status/\d+).*", re.I)),
    ("image_credit", re.compile(r"(?:\(\s*(?:Image|Photo|Picture|Pic|Credit)s?\s*:[^)]*\)\s*)+",
                                re.I)),
    ("image_credit", re.compile(
        r"(?:Photos?|Images?|Pictures?|Pic|Credit|Photo credit|Image credit|Source)\s*:\s*"
        r".{0,80}", re.I)),
    ("image_credit", re.compile(r".{0,200}[.,]\s*\(?(?:Photos?|Images?|Pictures?|Credit)\s*:\s*"
                                r"(?:" + _AGENCIES + r")[\w ,/]*\)?\.?")),
    ("related_link", re.compile(r"(?:READ MORE|MORE|RELATED|WATCH BELOW|WATCH|SEE ALSO|"
                                r"Read more|Read More|Related|Watch|Watch below|See also|"
                                r"ALSO READ|Also read|LISTEN|Recommended|MORE FROM|"
                                r"CLICK HERE)\s*[:>|-].*")),
    ("related_link", re.compile(r"(?:WATCH BELOW|WATCH|Watch the video|Watch below|"
                                r"CLICK HERE|Click here).{0,80}", re.I)),
    ("related_link", re.compile(r"(?:Latest From|More From|Related Stories|Related Articles|"
                                r"Most Read|Trending|Top Stories|You may also like)\b.{0,40}",
                                re.I)),
    ("newsletter", re.compile(
        r"(?:Sign up|Subscribe|Enter your email|Get (?:the|our)\b.{0,60}\b(?:by email|"
        r"newsletters?|in your inbox))\b.{0,300}", re.I)),
    ("newsletter", re.compile(r"Get (?:breaking|the latest|our)\b.{0,60}", re.I)),
    ("byline", re.compile(r"(?:By|BY|Written by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
                          r"(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*"
                          r"(?:\s+[A-Z][\w.'’-]*){0,3})*(?:,\s*[\w .'’-]{1,40})?|"
                          r"[A-Z].{0,100}\bcontributed (?:reporting )?(?:to )?(?:this|the) "
                          r"(?:report|story|article)\.?")),
    ("comments", re.compile(r"(?:Comments?|Show comments|View comments|\d+ comments?|"
                            r"Join the conversation|Leave a comment|Share this article|Share|"
                            r"Advertisement|ADVERTISEMENT|Sponsored|Story continues below|"
                            r"Continue reading(?: below)?)\W{0,3}", re.I)),
]
# The first words of every rule anchored at the start of a sentence, with the same case
# rules: a sentence that does not start with one of them can only match the others
_RULE_STARTS = re.compile(
    r"\(|READ MORE|MORE|RELATED|WATCH|SEE ALSO|Read more|Read More|Related|Watch|See also|"
    r"ALSO READ|Also read|LISTEN|Recommended|CLICK HERE|By|BY|Written by|"
    r"(?i:photo|image|picture|pic|credit|source|watch|click here|latest from|more from|"
    r"related stories|related articles|most read|trending|top stories|you may also like|"
    r"sign up|subscribe|enter your email|get |comment|show comments|view comments|\d+ comment|"
    r"join the conversation|leave a comment|share|advertisement|sponsored|"
    r"story continues below|continue reading)")


_START = re.compile(r"READ|MORE|RELATED|WATCH|SEE|Read|Related|Watch|See|ALSO|Also|LISTEN|"
                    r"Recommended|CLICK|Click|Latest|More|Most|Trending|Top|You may|Sign up|"
                    r"Subscribe|Enter your|Get |\(|Photo|Image|Picture|Pic|Credit|Source|"
                    r"https?://|www\.")


def _rule(kind: str, nth: int = 0) -> re.Pattern:
    """The ``nth`` rule of ``_BOILERPLATE`` for ``kind``."""
    return [rx for k, rx in _BOILERPLATE if k == kind][nth]


_URL = _rule("url")
_EMBED = _rule("embedded_tweet")
_CAPTION = _rule("image_credit", 2)  # "..., Photo: AP" at the end of a sentence
_BYLINE = _rule("byline")
_AGENCY_WORDS = set(_AGENCIES.replace("(?:", "").replace(")?", "").replace(" ", "|")
                    .split("|")) | {"Photo", "Photos", "Images", "Picture", "Pictures",
                                    "Credit", "Media", "News", "Features", "Wire", "Press",
                                    "Stock", "Getty"}
_NEWSLETTER_MARKS = re.compile(r"\b(?:subscribe|subscribing|subscribed|newsletters?|sign up|"
                               r"invalid email|privacy notice|by email|inbox|unsubscribe|"
                               r"email address)\b", re.I)
_ITEM_SPLIT = re.compile(r"\s*[,/;|]\s*|\s+via\s+")


def _is_credit(s: str) -> bool:
    """"Getty Images", "AP Photo/Evan Vucci", "Jessica Gibb, Image, Wenn, Getty, Twitter"."""
    if len(s) > 150:
        return False
    items = [i for i in _ITEM_SPLIT.split(s.rstrip(".")) if i]
    agency_items = 0
    for item in items:
        words = item.split()
        if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
            return False
        if any(w in _AGENCY_WORDS for w in words):
            agency_items += 1
            if len(items) == 1 and not all(w in _AGENCY_WORDS for w in words):
                return False
    return agency_items > 0


def boilerplate_kind(sentence: str) -> str | None:
    """The kind of non-prose this sentence is ('url', 'image_credit', ...), or None."""
    s = sentence.strip()
    if not s:
        return None
    if len(s) > 160 and not _START.match(s):
        # a long sentence: only an embedded tweet, a caption or a newsletter blurb qualify
        if _maybe_tweet(s) and _EMBED.fullmatch(s):
            return "embedded_tweet"
        if len(s) < 320 and _maybe_caption(s) and _CAPTION.fullmatch(s):
            return "image_credit"
        if _maybe_newsletter(s) and len(_NEWSLETTER_MARKS.findall(s)) >= 2:
            return "newsletter"
        return None
    return _short_kind(s)


def _rules_kind(s: str) -> str | None:
    """The rules for a stripped sentence of up to 160 characters (or one that starts like
    a link or a caption): the first that matches, in order. ``_short_kind`` is the same,
    faster."""
    for kind, rx in _BOILERPLATE:
        if rx.fullmatch(s):
            return kind
    if _is_credit(s):
        return "image_credit"
    if _maybe_newsletter(s) and len(_NEWSLETTER_MARKS.findall(s)) >= 2:
        return "newsletter"
    return None


def _short_kind(s: str) -> str | None:
    """``_rules_kind(s)``, trying only the rules that can match: most rules are anchored at
    the start, and when ``_RULE_STARTS`` does not match, none of them can; each of the others
    first needs a character or a word (``_UNANCHORED``). Tests check both give the same."""
    if _RULE_STARTS.match(s):
        return _rules_kind(s)
    for kind, rx, may_match in _UNANCHORED:
        if may_match(s) and rx.fullmatch(s):
            return kind
    if _maybe_credit(s) and _is_credit(s):
        return "image_credit"
    if _maybe_newsletter(s) and len(_NEWSLETTER_MARKS.findall(s)) >= 2:
        return "newsletter"
    return None


def _maybe_tweet(s: str) -> bool:
    # the regex ignores case; no other character's lower case is one of "tter.com"
    return "(@" in s or "tter.com" in s.lower()


def _maybe_caption(s: str) -> bool:
    return ":" in s and ("Photo" in s or "Image" in s or "Picture" in s or "Credit" in s)


# the rules that can match a sentence that does not start like any rule, in _BOILERPLATE's
# order, each with a necessary condition: no white space (a bare url), a tweet's marks, a
# caption's "Photo:", "contributed" (the byline's only alternative that does not start
# with "By")
_UNANCHORED = [
    ("url", _URL, lambda s: " " not in s),
    ("embedded_tweet", _EMBED, _maybe_tweet),
    ("image_credit", _CAPTION, _maybe_caption),
    ("byline", _BYLINE, lambda s: "contributed" in s),
]


def _maybe_newsletter(s: str) -> bool:
    low = s.lower()
    return ("subscri" in low or "newsletter" in low or "sign up" in low or "mail" in low
            or "inbox" in low or "privacy" in low)


def _maybe_credit(s: str) -> bool:
    """A necessary condition for ``_is_credit``: there every word starts with a capital, so
    the first two white-space tokens of the sentence (minus final full stops) start with
    one, or with a separator, or the second is the separator "via"."""
    if len(s) > 150:
        return False
    for tok in s.rstrip(".").split(None, 2)[:2]:
        if not (tok[0].isupper() or tok[0] in ",/;|" or tok == "via"):
            return False
    return True


def boilerplate_kinds(text: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """``boilerplate_kind`` of each sentence span, plus ``'repeated'`` for a sentence identical
    to an earlier one of the same article (a standfirst printed twice, a pull quote)."""
    seen: set[str] = set()
    kinds: list[str | None] = []
    for s, e in spans:
        st = text[s:e]
        kind = boilerplate_kind(st)
        if kind is None and len(st) >= 25:
            key = " ".join(st.split())
            if key in seen:
                kind = "repeated"
            else:
                seen.add(key)
        kinds.append(kind)
    return kinds
