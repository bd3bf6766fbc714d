"""Recognising what is not an article's prose.

``boilerplate_kind(sentence)`` names the kind of non-prose line (image credit, "READ MORE" link,
newsletter blurb, bare URL, embedded tweet, byline, comments link, advertisement label...) or
returns None; ``boilerplate_kinds(text, spans)`` does the same for every sentence of an article
and also marks as ``repeated`` a sentence identical to an earlier one (a repeated standfirst,
a pull quote).

Kinds: ``url``, ``embedded_tweet`` (also a line with a t.co link), ``image_credit``,
``related_link`` ("READ MORE:", "WATCH BELOW", "Latest From", "Follow @jdoe on Twitter",
"Read or Share this story: <link>"), ``newsletter`` (also a site's "Add ... as an interest"
box and a sign-up widget's words: "You can unsubscribe at any time."), ``byline`` (also "He
can be reached at <link>", "7 years ago"), ``comments`` ("Comments", "Advertisement",
"Share", "Loading..."), ``markup`` (a web page's code left in the text: 'poster="http..."',
"[pullquote]"), ``notice`` ("Copyright © 2019 ...", "All rights reserved.", "The opinions
expressed ... are their own"), ``heading`` (a label or heading in capitals: "USA TODAY",
"ANALYSIS/OPINION:"), ``repeated``.
"""
from __future__ import annotations

import re


# --- what is not prose ---------------------------------------------------------------------

_AGENCIES = (r"Getty(?: Images)?|AP(?: Photo)?|Associated Press|Reuters|AFP|PA(?: Images| Wire)?|"
             r"EPA|Rex(?: Features)?|Shutterstock|Splash(?: News)?|Wenn|Alamy|Bloomberg|"
             r"Twitter|Instagram|Facebook|YouTube|Youtube|Elle|Image|Images|Handout|Supplied|"
             r"Corbis|WireImage|FilmMagic|NurPhoto|Sipa|Pool|iStock|file|File")
# a credit line of the reporters who helped, after a bullet or a dash: "— Jane Doe and John
# Roe contributed to this article.", "• Jane Doe contributed.", "Associated Press writer
# Jane Doe in Seattle contributed.", "Jane Doe contributed reporting from London.",
# "Reporting was contributed by Jane Doe, John Roe." (the names: capitalised words, and the
# small words of a credit)
_CREDIT_WORD = (r"(?:[A-Z][\w.'’-]*|and|in|of|from|the|for|at|&|staff|writers?|reporters?|"
                r"correspondents?|editors?|producers?|researchers?)")
_CONTRIBUTED = (r"[-—–•⦁·*(]*\s*(?:" + _CREDIT_WORD + r",?\s+){1,40}contributed"
                r"(?:\s+(?:additional\s+)?(?:reporting|research))?"
                r"(?:\s+(?:to|for)\s+(?:this|the)\s+(?:report|story|article|piece)"
                r"(?:,\s*(?:along with|which)\b.{0,100})?)?"
                r"(?:\s+from\s+[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){0,4})?\.?\)?|"
                r"[-—–•⦁·*(]*\s*(?:Additional )?[Rr]eporting (?:was )?contributed by\b"
                r".{0,300}")
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
        r"(?:Sign up|Subscribe|Enter your email|Get (?:all )?(?:the|our)\b.{0,60}\b(?:by email|"
        r"newsletters?|(?:in|to) your inbox))\b.{0,300}", re.I)),
    # "By signing up, you agree to our Privacy Policy"
    ("newsletter", re.compile(r"By (?:signing up|subscribing|clicking|submitting|registering)"
                              r"\b.{0,60}\byou agree\b.{0,150}")),
    ("newsletter", re.compile(r"Get (?:breaking|the latest|our)\b.{0,60}", re.I)),
    # a site's "follow this topic" box: "Interested in Donald Trump? Add Donald Trump as an
    # interest to stay up to date on the latest Donald Trump news ... Add Interest"
    ("newsletter", re.compile(r"Interested in (?:[A-Z0-9][\w.'’&-]*\s?){1,6}\?|"
                              r"Add .{1,80} as an interest to stay up to date\b.{0,120}|"
                              r"Add Interest\W{0,3}")),
    # "Follow @jdoe on Twitter.", "Follow us on Twitter @CNNOpinion"
    ("related_link", re.compile(r"Follow\b.{0,100}\bon (?:Twitter|Facebook|Instagram|"
                                r"Threads|Bluesky|Mastodon)\b.{0,80}")),
    ("byline", re.compile(r"(?:By|BY|Written by)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
                          r"(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*"
                          r"(?:\s+[A-Z][\w.'’-]*){0,3})*(?:,\s*[\w .'’-]{1,40})?|"
                          r"[A-Z].{0,100}\bcontributed (?:reporting )?(?:to )?(?:this|the) "
                          r"(?:report|story|article)\.?|" + _CONTRIBUTED)),
    ("comments", re.compile(r"(?:Comments?|Show comments|View comments|\d+ comments?|"
                            r"Join the conversation|Leave a comment|Share this article|Share|"
                            r"Advertisement|ADVERTISEMENT|Sponsored|Story continues below|"
                            r"Continue reading(?: below)?)\W{0,3}", re.I)),
]
# rules tried after those (not anchored at a start word), each after a cheap test of the
# sentence that it needs: (kind, the test, the rule)
_LATE_RULES = [
    # NPR's "Enlarge this image toggle caption Jane Doe/AP"
    ("image_credit", lambda s: "toggle caption" in s,
     re.compile(r"(?:Enlarge this image\s+)?toggle caption\b.{0,150}", re.I)),
    # Politico's "Story Continued Below"
    ("comments", lambda s: "ontinue" in s, re.compile(r"Story continue[sd] below\W{0,3}", re.I)),
    # a link box run into one line: "More:Supreme Court allows ...", "Outbreak:A look inside
    # ...", "For the latest:Get our Daily Briefing in your inbox" (a colon with no space
    # before a capital, no full stop at the end)
    ("related_link", lambda s: ":" in s,
     re.compile(r"[^.!?:]{1,80}[a-z]:[A-Z][^:]{5,150}(?<![.!?\"”’])")),
    # "Updated at 1 p.m. ET", "Published 6:02 AM EDT"
    ("byline", lambda s: s[:1] in "UPL",
     re.compile(r"(?:Updated|Published|Posted|Last updated)\b.{0,50}\b(?:ET|EST|EDT|CT|CST|"
                r"CDT|PT|PST|PDT|GMT|UTC|BST|[ap]\.m\.|[AP]M)\W{0,2}")),
    # an embedded video's stand-in: "Media playback is unsupported on your device Media
    # caption ...", "Play Video 1:55 What the witnesses saw - video report"
    ("image_credit", lambda s: s[:1] == "M",
     re.compile(r"Media playback is (?:unsupported|not supported) on your device.*", re.S)),
    ("related_link", lambda s: s[:4] == "Play",
     re.compile(r"Play Video\s+\d{1,2}:\d\d\b.{0,250}", re.S)),
    # a photo's caption: "Image caption Jane Doe was ...", "Media caption ...", "FILE PHOTO: A
    # view of the Capitol ..."
    ("image_credit", lambda s: s[:4] in ("Imag", "Medi", "FILE", "File"),
     re.compile(r"(?:Image copyright\s.{0,80}?\s)?(?:Image|Media) caption\s.{0,400}|"
                r"(?:FILE PHOTO|File photo)\s*[:-]\s.{0,400}", re.S)),
    # a photo gallery's captions: "Photos: <gallery> <caption>", "Hide Caption 3 of 12
    # Photos: <gallery> <caption>", "<caption> Hide Caption 3 of 12", "Hide caption <caption>"
    ("image_credit", lambda s: "Photos:" in s or "Hide" in s,
     re.compile(r"(?:Photos:\s|Hide caption\s|.{0,600}?\bHide Caption \d+ of \d+\b).{0,600}",
                re.S)),
    # a reader-funding appeal: "Please consider making a contribution to X today.", "Support
    # X's explanatory journalism", "Support Progressive Journalism X is reader supported: Chip
    # in $10 ..."
    ("newsletter", lambda s: "ournalism" in s or "ontribution" in s or "hip in" in s,
     re.compile(r"(?:Please\s+)?(?:consider\s+)?making\s+a\s+(?:one-time\s+|financial\s+|"
                r"small\s+)?contribution\b.{0,120}|"
                r"Support\s+(?:[\w’'.-]+\s+){0,3}[Jj]ournalism\W{0,3}(?:\s.{0,40}\b(?:reader[- ]"
                r"supported|donat\w*|contribut\w*|[Cc]hip in|subscri\w*)\b.{0,200})?|"
                r"Chip in \$\d+.{0,150}", re.S)),
]

# a photo credit in parentheses, on a line of its own: "(Jonathan Ernst/Reuters)", "(AP
# Photo/Jane Doe, File)", "(Reuters photo: Jane Doe)", "(Photo by Jane Doe/Getty Images)"
_CREDIT_LEAD = re.compile(r"(?:[A-Z][\w.]*\s+)?(?:file\s+)?(?:photo|photograph|video|image|"
                          r"picture)s?(?:\s+by\b|\s*:)\s*", re.I)
_CREDIT_ITEMS = re.compile(r"\s*[/,;]\s*|\s+via\s+|\)\s*\(")


def _parenthesised_credit(s: str) -> bool:
    if len(s) > 120 or s[:1] != "(" or not s.rstrip(".").endswith(")"):
        return False
    inner = s[1:].rstrip(".")[:-1].strip()
    lead = _CREDIT_LEAD.match(inner)
    rest = inner[lead.end():] if lead else inner
    if not rest or _is_credit(rest):
        return bool(rest)
    items = [i for i in _CREDIT_ITEMS.split(rest) if i]
    if not (lead or "/" in rest) or not items:
        return False
    return all(1 <= len(i.split()) <= 4 and all(w[:1].isupper() for w in i.split())
               for i in items)


def _late_kind(s: str) -> str | None:
    """The kind of the first of ``_LATE_RULES`` that a stripped sentence matches, else a
    parenthesised photo credit's, else ``_furniture_kind``, else ``_link_kind``."""
    for kind, may, rx in _LATE_RULES:
        if may(s) and rx.fullmatch(s):
            return kind
    if s[:1] == "(" and _parenthesised_credit(s):
        return "image_credit"
    return _furniture_kind(s) or _link_kind(s)


# --- a web page's furniture: widgets, notices, captions' counters ------------------------------

# short lines that are the same on every page of a site, by their words (lower case, without
# the final punctuation)
_FIXED_LINES = {
    **dict.fromkeys((
        "you can unsubscribe at any time", "you may opt-out at any time",
        "you may opt out at any time", "thank you for subscribing", "invalid email address",
        "please re-enter", "please enter a valid email address", "an error has occurred",
        "please try again later", "newsletter sign-up", "newsletter sign up",
        "sign up for our newsletter", "check your inbox"), "newsletter"),
    **dict.fromkeys((
        "read more", "see more", "watch more", "learn more", "more", "also see", "see also",
        "more on this", "replay more videos",
        "related", "related coverage", "recommended", "trending now", "most popular",
        "most read", "top stories", "latest news", "more stories", "more videos"),
        "related_link"),
    **dict.fromkeys((
        "ad", "ads", "advertisement", "sponsored", "sponsored content", "close", "loading",
        "loading...", "video", "share", "share this", "share this article", "share this story",
        "tweet", "email", "print", "comments", "show comments", "hide comments",
        "advertisement continue reading the main story", "continue reading the main story",
        "skip advertisement"), "comments"),
    **dict.fromkeys(("all rights reserved", "this is a rush transcript",
                     "copy may not be in its final form",
                     "this material may not be published, broadcast, rewritten, or "
                     "redistributed",
                     "this material may not be published, broadcast, rewritten or "
                     "redistributed"), "notice"),
}
_FIXED_MAX = max(map(len, _FIXED_LINES)) + 3
# caption counters, share bars, time stamps, shortcodes
_FURNITURE = re.compile(
    r"(?P<image_credit>(?:Hide|Show) Caption \d+ of \d+|(?:[Pp]rev|[Nn]ext|Previous) Image \d+ of "
    r"\d+|Image \d+ of \d+|Slideshow \(\d+ (?:Images|Photos)\)|Image copyright\b.{0,80}|"
    r"REUTERS/[A-Z][\w.' -]{2,40})|"
    r"(?P<comments>SHARE THIS (?:ARTICLE|STORY)\b.{0,60})|"
    r"(?P<byline>\d{1,2} (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago)|"
    r"(?P<markup>\[/?(?:pullquote|image|caption|embed|break|gallery|related|video|audio|tweet|"
    r"instagram|jwplayer|ad)\])|"
    r"(?P<related_link>Follow @\w{1,15}|Visit .{1,40} homepage for more stories|"
    # a video player's list: "JUST WATCHED <title> Replay More Videos ...", "MUST WATCH <title>
    # 01:51" (both on one line when the sentence splitter keeps them together), a running
    # time alone
    r"(?:JUST WATCHED|MUST WATCH)\b.{0,220}|(?:\d{1,2}:)?\d{1,2}:\d{2})",
    re.S)
# the first characters _FURNITURE can match
_FURNITURE_FIRST = frozenset("HSPpNnIRs0123456789[FVJM")
# notices: copyright, rights, disclaimers, licensing (each starts with one of _NOTICE_FIRST,
# but for _LICENSING)
_NOTICE_FIRST = frozenset("C©TIFYV")
_LICENSING = re.compile(r".{0,160}\b(?:reprint permission|licensing opportunities)\b.{0,200}",
                        re.S)
_NOTICE = re.compile(
    r"(?P<notice>(?:Copyright|COPYRIGHT|©)\s*(?:©\s*)?(?:\d{4}|by\b).{0,200}|"
    r"The (?:opinions|views) expressed (?:in|by|here)\b.{0,250}|"
    r"Content created by\b.{0,80}\bavailable without charge\b.{0,300}|"
    r"This article is more than \d+ (?:years?|months?|weeks?|days?) old)|"
    r"(?P<newsletter>This site is protected by reCAPTCHA\b.{0,150}|"
    r"If you don[’']?t (?:get|receive) the confirmation\b.{0,150}|"
    r"For your security, we[’']ve sent a confirmation email\b.{0,150}|"
    r"Click the link to confirm your subscription\b.{0,150}|"
    r"You agree to receive\b.{0,200}|View all .{1,40} newsletters)",
    re.S)


def _furniture_kind(s: str) -> str | None:
    """The kind of a line of a web page's furniture: a widget's words ("You can unsubscribe
    at any time.", "Read more", "Loading..."), a notice ("Copyright © 2019 ...", "The opinions
    expressed by columnists are their own ..."), a caption's counter ("Hide Caption 6 of 6"),
    a time stamp ("7 years ago"), a shortcode ("[pullquote]"); else None."""
    n = len(s)
    if n <= _FIXED_MAX:
        kind = _FIXED_LINES.get(s.rstrip(".!:;… ").lower())
        if kind:
            return kind
        # a label or heading in capitals: "USA TODAY", "ANALYSIS/OPINION:", "POLL CHECK"
        if n <= 40 and s[-1] not in ".?!\"”’" and s[0] not in "([\"“‘'" and s.isupper() \
                and s.count(" ") <= 3:
            return "heading"
    first = s[:1]
    if (n <= 120 or n <= 240 and s.startswith(("JUST WATCHED", "MUST WATCH"))) and \
            first in _FURNITURE_FIRST:
        m = _FURNITURE.fullmatch(s.rstrip(".!"))
        if m:
            return m.lastgroup
    if n <= 500:
        if first in _NOTICE_FIRST:
            m = _NOTICE.fullmatch(s.rstrip(". "))
            if m:
                return m.lastgroup
        if ("reprint" in s or "licensing" in s) and _LICENSING.fullmatch(s):
            return "notice"
    return None


# --- lines made around a web address ---------------------------------------------------------

# a web address, or an e-mail address
_URL_IN = re.compile(r"(?:https?://|www\.)[^\s\"'<>\[\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
# a link shortened by Twitter (only a tweet's text carries one), or a line that starts with a
# handle and a colon ("@jdoe: ...", "RT @jdoe: ...": a tweet quoted with its link)
_TWEET_LINK = re.compile(r"https?://t\.co/\w|\A(?:RT\s+)?@\w{1,15}:", re.I)
# a web page's code left in the text: an embedded player's or a link's HTML attributes
_MARKUP = re.compile(r"<a\s+href\s*=|\[\w+\s+\w+=\"|"
                     r"\b(?:poster|src|href|file|image|data-[\w-]+)=\"", re.I)
# a line that points the reader somewhere: "Follow Jane Doe at ...", "For more ..., go to ...",
# "Read or Share this story: ...", "Visit ...", "To read ... visit ..."
_POINTER = re.compile(
    r"(?:follow|visit|read|share|listen|watch|view|see|go to|contact|join|check out|click|"
    r"download|donate|learn more|find (?:out|more|us)|for (?:more|the latest|further|other|"
    r"additional|complete|updates)|more (?:at|on|from|information)|to (?:read|access|donate|"
    r"register|learn|find|see|watch|view|listen|subscribe|make))\b", re.I)
# an author's note: "He can be reached at ...", "She blogs at ..."
_REACH = re.compile(r"\b(?:can|may) be (?:reached|contacted|found|followed)\b|\bblogs? at\b",
                    re.I)
# how to write to the author or the paper: "Write to Jane Doe at jane.doe@example.com", "Send
# tips to ...", "Please send letters to ...", "You can follow him on Twitter or email him at ..."
_CONTACT = re.compile(r"(?:please\s+)?(?:write to|e-?mail|send|reach|tips?\b|you can (?:follow|"
                      r"e-?mail|reach|contact|write))", re.I)
_ALNUM_WORD = re.compile(r"\w")


def _link_kind(s: str) -> str | None:
    """A line built around a web or e-mail address, which an article's prose is not: a tweet's
    text (a t.co link: ``embedded_tweet``), a page's code left in the text (``markup``), a pointer
    to a page ("Follow Jane Doe at ...", "Read or Share this story: ...", "View documents:
    ...": ``related_link``) or an author's note ("He can be reached at ...", "Write to Jane Roe
    at jane@example.com": ``byline``).
    A sentence of prose that merely ends with a link, or names a site, stays prose: a pointer
    has at most 20 words besides its addresses and at most three after the last of them."""
    if "://" not in s and "www." not in s and "WWW." not in s and "@" not in s:
        return None
    if _TWEET_LINK.search(s):
        return "embedded_tweet"
    if _MARKUP.search(s):
        return "markup"
    urls = list(_URL_IN.finditer(s))
    if not urls:
        return None
    rest = _URL_IN.sub(" ", s)
    if sum(1 for w in rest.split() if _ALNUM_WORD.search(w)) > 20:
        return None
    if sum(1 for w in s[urls[-1].end():].split() if _ALNUM_WORD.search(w)) > 3:
        return None
    lead = s.lstrip("_-—–•*>#|. \t")
    before = s[:urls[0].start()].rstrip()
    if _POINTER.match(lead) or (before.endswith(":") and len(before.split()) <= 10):
        return "related_link"
    if _REACH.search(rest) or _CONTACT.match(lead):
        return "byline"
    return None


# the kinds of line whose names name no quotation's speaker: promotion, navigation and
# bylines (an embedded tweet's author, a caption's people, a repeated line's names do)
NAMELESS_KINDS = frozenset({"url", "related_link", "newsletter", "byline", "comments",
                            "notice"})
# the kinds of line that are not the article's own text: a quotation inside one is none of
# the article's quotations (a linked story's headline, "JUST WATCHED Roe: 'We will win' Replay
# More Videos ...", a repeated line's copy of one counted where it first stands, a page's code)
FOREIGN_KINDS = NAMELESS_KINDS | {"repeated", "markup"}

# The first words of every rule anchored at the start of a sentence, with the same case
# rules: a sentence that does not start with one of them can only match the others
_RULE_STARTS = re.compile(
    r"\(|READ MORE|MORE|RELATED|WATCH|SEE ALSO|Read more|Read More|Related|Watch|See also|"
    r"ALSO READ|Also read|LISTEN|Recommended|CLICK HERE|By|BY|Written by|Interested in|Add |"
    r"Follow|"
    r"(?i:photo|image|picture|pic|credit|source|watch|click here|latest from|more from|"
    r"related stories|related articles|most read|trending|top stories|you may also like|"
    r"sign up|subscribe|enter your email|get |comment|show comments|view comments|\d+ comment|"
    r"join the conversation|leave a comment|share|advertisement|sponsored|"
    r"story continues below|continue reading)")


# the first characters _START (case-sensitive) can match
_START_FIRST = frozenset("RMWSALCTYEG(PIhw")
# the first three letters, lower-cased, of the words _RULE_STARTS matches (but "By", "BY",
# "(" and "\\d+ comment"); as it ignores the case of some, a sentence that starts with a
# non-ASCII character (which may match an ASCII letter there: "ſ", "ı") is left to the regex
_RULE_PREFIXES = frozenset(
    w[:3].lower() for w in re.sub(r"\(\?i:|\)$", "", _RULE_STARTS.pattern).split("|")
    if w[:1].isalpha() and len(w) >= 3)


def _may_start_rule(s: str) -> bool:
    """A necessary condition for ``_RULE_STARTS.match(s)``."""
    p = s[:3]
    return (not p.isascii() or p[0] == "(" or p[0] in "0123456789" or p[:2] in ("By", "BY")
            or p.lower() in _RULE_PREFIXES)

_START = re.compile(r"READ|MORE|RELATED|WATCH|SEE|Read|Related|Watch|See|ALSO|Also|LISTEN|"
                    r"Recommended|CLICK|Click|Latest|More|Most|Trending|Top|You may|Sign up|"
                    r"Subscribe|Enter your|Get |\(|Photo|Image|Picture|Pic|Credit|Source|"
                    r"Add |https?://|www\.")


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
    return _kind(sentence.strip())


def _kind(s: str, t: "_Text | None" = None, a: int = 0,
          toks: list[str] | None = None) -> str | None:
    """``boilerplate_kind`` of a stripped sentence; ``t`` is the article it stands in at
    ``a`` (``t.text[a:a + len(s)] == s``), which answers the _maybe_* checks faster, and
    ``toks`` its ``split()``."""
    if not s:
        return None
    if len(s) > 160 and not (s[0] in _START_FIRST and _START.match(s)):
        # a long sentence: only an embedded tweet, a caption or a newsletter blurb qualify
        if (_maybe_tweet(s) if t is None else t.tweet and t.maybe_tweet(s, a)) and \
                _EMBED.fullmatch(s):
            return "embedded_tweet"
        if len(s) < 320 and (t is None or t.caption) and _maybe_caption(s) and \
                _CAPTION.fullmatch(s):
            return "image_credit"
        if (_maybe_newsletter(s) if t is None else t.newsletter and t.maybe_newsletter(s, a)) \
                and len(_NEWSLETTER_MARKS.findall(s)) >= 2:
            return "newsletter"
        if len(s) < 400 and (t is None or t.contributed) and "contributed" in s and \
                _BYLINE.fullmatch(s):  # a long list of the reporters who helped
            return "byline"
        return _late_kind(s)  # "Media playback is unsupported ...", appeals, notices, links
    return _short_kind(s, t, a, toks)


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
    return _late_kind(s)


def _short_kind(s: str, t: "_Text | None" = None, a: int = 0,
                toks: list[str] | None = None) -> str | None:
    """``_rules_kind(s)``, trying only the rules that can match: most rules are anchored at
    the start, and when ``_RULE_STARTS`` does not match, none of them can; each of the others
    first needs a character or a word (answered by the article ``t`` when given, as in
    ``_kind``). Tests check both give the same."""
    if _may_start_rule(s) and _RULE_STARTS.match(s):
        return _rules_kind(s)
    # the rules that can match a sentence that does not start like any rule, in
    # _BOILERPLATE's order, each after a necessary condition: no white space (a bare url), a
    # tweet's marks, a caption's "Photo:", "contributed" (the byline's only alternative that
    # does not start with "By")
    if " " not in s and _URL.fullmatch(s):
        return "url"
    if (_maybe_tweet(s) if t is None else t.tweet and t.maybe_tweet(s, a)) and \
            _EMBED.fullmatch(s):
        return "embedded_tweet"
    if (t is None or t.caption) and _maybe_caption(s) and _CAPTION.fullmatch(s):
        return "image_credit"
    if (t is None or t.contributed) and "contributed" in s and _BYLINE.fullmatch(s):
        return "byline"
    if _maybe_credit(s, toks) and _is_credit(s):
        return "image_credit"
    if (_maybe_newsletter(s) if t is None else t.newsletter and t.maybe_newsletter(s, a)) and \
            len(_NEWSLETTER_MARKS.findall(s)) >= 2:
        return "newsletter"
    return _late_kind(s)


def _maybe_tweet(s: str) -> bool:
    # the regex ignores case; no other character's lower case is one of "tter.com"
    return "(@" in s or "tter.com" in s.lower()


def _maybe_caption(s: str) -> bool:
    return ":" in s and ("Photo" in s or "Image" in s or "Picture" in s or "Credit" in s)


def _maybe_credit(s: str, toks: list[str] | None = None) -> bool:
    """A necessary condition for ``_is_credit``: there every word starts with a capital, so
    the first two white-space tokens of the sentence (minus final full stops) start with
    one, or with a separator, or the second is the separator "via". ``toks``: the
    sentence's ``split()``, if known (with three tokens or more, the final full stops are
    in the last one, and its first two are those)."""
    if len(s) > 150:
        return False
    for tok in (toks[:2] if toks is not None and len(toks) > 2
                else s.rstrip(".").split(None, 2)[:2]):
        if not (tok[0].isupper() or tok[0] in ",/;|" or tok == "via"):
            return False
    return True


_NEWSLETTER_WORDS = (b"subscri", b"newsletter", b"sign up", b"mail", b"inbox", b"privacy")


def _maybe_newsletter(s: str) -> bool:
    low = s.lower()
    return ("subscri" in low or "newsletter" in low or "sign up" in low or "mail" in low
            or "inbox" in low or "privacy" in low)


class _Text:
    """An article, read once for the marks some rules need, so that the _maybe_* checks of
    its sentences need not lower-case each sentence: ``maybe_tweet(s, a)`` is
    ``_maybe_tweet(s)`` for the sentence ``s`` at offset ``a`` of the text, and so on.

    The marks are ASCII, so they are looked up in ``asc``, the text's ASCII characters
    lower-cased and every other one as "?" (same offsets): a mark is in a piece of
    ``text.lower()`` exactly when it is in the same piece of ``asc``, as no other character's
    lower case holds an ASCII character but for "İ" and "K" (the Kelvin sign). With either in
    the text, the checks fall back to the sentence's own. A flag false says the whole text
    lacks the mark (what a sentence holds, lower-cased or not, the whole text holds)."""

    __slots__ = ("text", "asc", "tweet", "newsletter", "caption", "contributed")

    def __init__(self, text: str):
        self.text = text
        if "\u0130" in text or "\u212a" in text:
            self.asc = None
            self.tweet = self.newsletter = True
        else:
            self.asc = asc = text.encode("ascii", "replace").lower()
            self.tweet = b"(@" in asc or b"tter.com" in asc
            self.newsletter = any(w in asc for w in _NEWSLETTER_WORDS)
        self.caption = ":" in text and ("Photo" in text or "Image" in text
                                        or "Picture" in text or "Credit" in text)
        self.contributed = "contributed" in text

    def maybe_tweet(self, s: str, a: int) -> bool:
        if not self.tweet:
            return False
        if self.asc is None:
            return _maybe_tweet(s)
        return "(@" in s or self.asc.find(b"tter.com", a, a + len(s)) >= 0

    def maybe_newsletter(self, s: str, a: int) -> bool:
        if not self.newsletter:
            return False
        if self.asc is None:
            return _maybe_newsletter(s)
        find, b = self.asc.find, a + len(s)
        for w in _NEWSLETTER_WORDS:
            if find(w, a, b) >= 0:
                return True
        return False


def boilerplate_kinds(text: str, spans: list[tuple[int, int]],
                      sentences: list[str] | None = None,
                      tokens: list[list[str]] | None = None) -> list[str | None]:
    """``boilerplate_kind`` of each sentence span, plus ``'repeated'`` for a sentence identical
    to an earlier one of the same article (a standfirst printed twice, a pull quote).

    ``sentences`` (``text[s:e]`` of each span) and ``tokens`` (their ``split()``), when the
    caller has them already, save making them again."""
    t = _Text(text)
    seen: set[str] = set()
    kinds: list[str | None] = []
    for i, (a, e) in enumerate(spans):
        st = text[a:e] if sentences is None else sentences[i]
        s = st.strip()
        kind = _kind(s, t, a, None if tokens is None else tokens[i]) if s is st else _kind(s)
        if kind is None and len(st) >= 25:
            key = " ".join(st.split() if tokens is None else tokens[i])
            if key in seen:
                kind = "repeated"
            else:
                seen.add(key)
        kinds.append(kind)
    return kinds
