"""Recognising what is not an article's prose.

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
