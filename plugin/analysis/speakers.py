"""Who said each quotation of one article: its canonical speaker (a person, an organisation, a
document, an anonymous source or a group), the fullest name the article gives, and the role it
states. Pure functions of the text and the quotation finder's rows; no database.

* ``article_speakers(text, quotes)``: one dict per quotation (``Quote`` objects of
  ``quotes.find_quotes`` or dicts with the same fields), ``{"position", "name", "kind", "role",
  "surface"}``. ``name`` is the fullest form the article gives of the attributed speaker (a
  surname, a title and surname, or a pronoun the quotation finder resolved is expanded to the
  full name mentioned elsewhere in the article, earlier or later), without titles ("Mr.",
  "Sen.", "President") and party-state tags ("(R-Tex.)"); ``kind`` is person | organisation |
  document | anonymous | group, or None when nobody is named; ``role`` the role or affiliation
  the text states next to the name ("Senate Democratic leader", "director of MoveOn.org").
  Scare quotes get no speaker.
* ``clean_name``, ``classify``, ``name_parts``, ``given_compatible``: the name parsing the
  merging across articles (``compare.speakers``) shares.

Two people sharing a surname in one article (the two Clintons) stay apart: a surname alone joins
a full name only when their given names are compatible with one person (equal, one an initial or
a prefix of the other, a common nickname), else the nearest full-name mention before it.

Repairs made with the article text around the quotation finder's span (its fields are read,
never changed): names cut short are extended ("Whip Steve" -> Steve Scalise), organisation names
completed ("Democracy" -> "Democracy for America"), party-state tags replaced by the name before
them, time words ("Friday", "the time") dropped, a prepositional phrase taken for the subject
("In a press release ..., Jenner said") replaced by the name before the verb, role words before a
name ("MSNBC host Chris Matthews") dropped; quotations without a speaker get one from the words
around them (a name before a report verb after the quotation or in the clause before it, the
subject of a colon-introduced clause, the subject of the paragraph before a quote-only
paragraph, the speaker of the quoted paragraph before). Words that name no person
(``gazetteer``: places, nationality and party words, well-known organisations, plain words
such as "Instead") are not taken for one: "China said" is an organisation, "Rep. Steve King of
Iowa" is Steve King, "one Republican operative" an anonymous source, "Instead" nobody.
"""
from __future__ import annotations

import bisect

import operator
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from . import gazetteer, metrics
from .english import (ATTRIBUTING_WORDS, CAPITALISED_NON_NAMES, DETERMINERS,
                      NAME_TITLE_ABBREVIATIONS, TITLE_ABBREVIATIONS)


# --- words ---------------------------------------------------------------------------------

_TITLE_WORDS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sen", "sens", "senator", "rep", "reps",
    "representative", "congressman", "congresswoman", "gov", "governor", "lt", "president",
    "vice", "secretary", "speaker", "leader", "whip", "majority", "minority", "judge",
    "justice", "chief", "chairman", "chairwoman", "chair", "mayor", "attorney", "general",
    "gen", "col", "sgt", "capt", "adm", "maj", "prof", "professor", "rev", "reverend",
    "pope", "king", "queen", "prince", "princess", "lord", "sir", "dame", "chancellor",
    "prime", "minister", "pm", "press", "spokesman", "spokeswoman", "spokesperson", "former",
    "ambassador", "director", "commissioner", "sheriff", "deputy", "officer", "coach",
    "assistant", "associate", "senior", "acting", "interim", "executive", "house", "senate",
    "state", "first", "lady", "district", "u.s.", "us", "federal", "democratic", "republican",
    "gop", "progressive", "conservative", "freshman", "sergeant", "captain", "admiral",
    "colonel", "lieutenant", "corporal", "private", "major", "founder", "ceo", "cfo", "coo",
    "chairperson", "councilman", "councilwoman", "councilmember", "delegate", "treasurer",
    "advisor", "adviser", "aide", "counsel", "national", "security", "homeland", "health",
    "defense", "foreign", "affairs", "appropriations", "intelligence", "judiciary",
    "committee", "ranking", "member", "white", "department", "of", "the", "and", "for",
    "new", "top", "then", "late", "sr", "saint", "st", "hon", "honorable", "rabbi", "imam",
    "father", "bishop", "cardinal", "archbishop", "pastor", "dean", "provost", "superintendent",
    "inspector", "surgeon", "economist", "analyst", "author", "actor", "actress", "singer",
    "rapper", "star", "anchor", "host", "commentator", "editor", "reporter", "columnist",
    "nominee", "candidate", "hopeful", "challenger", "incumbent", "candidate", "ex", "army",
    "navy", "marine", "air", "force", "attorney-general", "vice-president", "pres",
    "senators", "representatives", "congressmen", "congresswomen", "governors", "democrat",
    "republicans", "democrats", "independent", "libertarian", "moderate", "lawmaker",
    "strategist", "pollster", "spokesman", "judges", "justices", "mayors", "dem", "gop's",
    "staff", "counselor", "counsellor", "businessman", "businesswoman",
    # roles written before a name like titles ("Correspondent John King")
    "correspondent", "comedian", "manager", "administrator", "commander", "cmdr",
    "undersecretary", "biographer", "organizer", "organiser", "protester", "protestor",
    "defendant", "co-host", "cohost", "historian", "journalist", "blogger", "producer",
    "writer", "novelist", "filmmaker", "billionaire", "lawyer", "entrepreneur", "physician",
    "detective", "trooper", "pundit", "assemblyman", "assemblywoman",
}
_PARTICLES = {"de", "van", "von", "del", "da", "bin", "al", "la", "le", "di", "du", "der",
              "den", "dos", "das", "ibn", "st.", "mac"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_SENTENCE_WORDS = {
    "the", "a", "an", "and", "but", "or", "so", "in", "on", "at", "of", "after", "when",
    "while", "as", "if", "for", "from", "with", "by", "to", "this", "that", "these", "those",
    "it", "its", "there", "here", "what", "why", "how", "where", "who", "which", "then", "now",
    "however", "meanwhile", "also", "even", "just", "yet", "although", "though", "because",
    "since", "before", "during", "despite", "according", "last", "next", "earlier", "later",
    "yesterday", "today", "tomorrow", "still", "asked", "speaking", "writing", "adding",
    "both", "neither", "either", "said", "says", "told", "dear", "like", "unlike", "under",
    "over", "among", "amid", "without", "within", "once", "thus", "read", "watch", "more",
    "his", "her", "their", "our", "my", "your", "we", "they", "he", "she", "i", "you",
    "no", "not", "from", "said", "editor's", "update", "related", "whether", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "meet", "see", "watch",
    "added", "photo", "photos", "video", "via", "per", "hide", "show", "click", "share",
    "follow", "subscribe", "advertisement", "caption", "credit", "getty", "ap", "reuters",
    "afp", "file", "image", "images", "rival", "ex", "did", "does", "do", "is", "are", "was",
    "were", "would", "can", "could", "should", "has", "have", "had", "let", "every",
    "any", "each", "such", "why", "how", "when", "where", "what", "who", "whom", "whose",
    # sentence adverbs ("Hence Clinton's silence")
    "hence", "therefore", "indeed", "instead", "moreover", "nevertheless", "nonetheless",
    "furthermore", "besides", "otherwise", "perhaps", "maybe", "finally", "similarly",
    "likewise", "certainly", "clearly", "obviously", "ultimately", "eventually",
    "apparently", "notably", "specifically", "initially", "unfortunately", "fortunately",
    "interestingly", "ironically", "additionally", "consequently", "accordingly",
}
_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "time", "weekend", "week", "day", "night", "morning",
    "afternoon", "evening", "year", "month", "today", "yesterday", "tonight", "tomorrow",
    "earlier", "later", "recently", "previously", "once", "again", "then", "moment",
    "feb", "aug", "sept", "oct", "nov",
}
_PRONOUNS = {"he", "she", "i", "we", "they", "you", "it", "him", "her", "them", "us"}
_NOT_ONE_PERSON = frozenset({"we", "they", "us", "them", "it"})  # pronouns for no one person
_DOCUMENT_NOUNS = {
    "statement", "statements", "report", "reports", "letter", "letters", "lawsuit", "suit",
    "complaint", "filing", "filings", "memo", "memorandum", "release", "ruling", "order",
    "document", "documents", "bill", "indictment", "study", "survey", "poll", "post", "tweet",
    "tweets", "email", "e-mail", "ad", "advertisement", "petition", "brief", "motion",
    "opinion", "decision", "analysis", "message", "note", "announcement", "transcript",
    "warrant", "affidavit", "notice", "video", "website", "guidance", "guidelines", "policy",
    "proposal", "plan", "resolution", "agreement", "contract", "assessment", "review",
    "summary", "research", "paper", "findings", "article", "editorial", "column", "book",
    "legislation", "law", "measure", "draft", "text", "caption", "sign", "banner", "headline",
    "subpoena", "verdict", "judgment", "citation", "reference", "page", "account", "manifesto",
    "platform", "charter", "constitution", "act", "amendment", "speech", "testimony", "data",
    "chart", "map", "recording", "tape", "audio", "footage", "clip", "comment", "comments",
    "remarks", "script", "transcripts", "leaflet", "flyer", "ballot", "form", "application",
    "lawsuits", "complaints", "orders", "rulings", "memos", "emails", "posts", "film",
    "documentary", "movie",
}
# more documents, only as a description's head ("the cable said", "the minutes added", "the
# talking points say"): at the end of a name they name a paper or a person ("The Columbus
# Dispatch", "Center for Immigration Studies", "Thom File")
_DESCRIBED_DOCUMENTS = _DOCUMENT_NOUNS | {
    "cable", "cables", "dispatch", "telegram", "communique", "communiqué", "directive",
    "minutes", "notes", "record", "records", "file", "files", "log", "logs", "e-mails", "texts",
    "messages", "studies", "surveys", "polls", "reviews", "assessments", "analyses", "papers",
    "regulation", "regulations", "rule", "rules", "statute", "provision", "summaries", "drafts",
    "points",
}
_ORG_NOUNS = {
    "company", "agency", "department", "campaign", "group", "organization", "organisation",
    "committee", "firm", "administration", "government", "ministry", "office", "court",
    "party", "network", "newspaper", "union", "association", "council", "board", "bureau",
    "team", "club", "commission", "coalition", "alliance", "institute", "university",
    "college", "school", "foundation", "center", "centre", "hospital", "church", "bank",
    "corporation", "corp", "inc", "co", "llc", "ltd", "chain", "retailer", "airline", "maker",
    "manufacturer", "outlet", "paper", "magazine", "station", "channel", "service", "platform",
    "league", "federation", "society", "fund", "project", "caucus", "cabinet", "embassy",
    "consulate", "regime", "military", "army", "navy", "police", "department", "division",
    "unit", "lab", "laboratory", "startup", "publisher", "studio", "band", "website", "site",
    "app", "organizers", "nonprofit", "non-profit", "charity", "think", "tank", "pac",
    "house", "senate", "congress", "parliament", "legislature", "assembly", "secretariat",
    "watchdog", "regulator", "authority", "authorities", "chamber", "brand", "business",
    "businesses", "industry", "lobby", "movement", "initiative", "program", "programme",
    "task", "force", "panel", "jury", "tribunal", "body", "council", "trust", "partnership",
    "centers", "services", "affairs", "times", "post", "news", "journal", "press", "tribune",
    "herald", "gazette", "media", "reuters", "america", "americans", "democrats",
    "republicans", "labs", "systems", "group", "holdings", "partners", "associates",
    "inc.", "corp.", "co.", "ltd.", "l.l.c.", "worldwide", "international", "global",
    "foundation", "fund", "watch", "action", "now", "forward", "together", "united",
    "indivisible", "chapter", "sheriff's", "prosecutors", "agencies", "nations",
    "protection", "enforcement", "prevention", "control", "commerce", "transportation",
    "customs", "reserve", "patrol", "guard", "police", "ministry", "academy", "agency",
    "convention", "conference", "summit", "motors", "electric", "dynamics",
}
_PERSON_NOUNS = {
    "president", "senator", "governor", "congressman", "congresswoman", "representative",
    "lawmaker", "judge", "justice", "secretary", "speaker", "mayor", "minister", "leader",
    "spokesman", "spokeswoman", "spokesperson", "official", "aide", "adviser", "advisor",
    "source", "officer", "attorney", "lawyer", "prosecutor", "director", "chairman",
    "chairwoman", "chair", "chief", "commissioner", "sheriff", "ambassador", "diplomat",
    "analyst", "expert", "economist", "scientist", "researcher", "professor", "doctor",
    "nurse", "teacher", "student", "resident", "witness", "victim", "man", "woman", "boy",
    "girl", "mother", "father", "son", "daughter", "wife", "husband", "friend", "neighbor",
    "neighbour", "member", "employee", "worker", "staffer", "executive", "founder", "ceo",
    "candidate", "nominee", "voter", "supporter", "critic", "activist", "protester",
    "organizer", "veteran", "soldier", "general", "commander", "king", "queen", "prince",
    "pope", "host", "anchor", "reporter", "journalist", "writer", "author", "actor",
    "actress", "singer", "rapper", "star", "player", "coach", "manager", "owner", "agent",
    "strategist", "pollster", "operative", "consultant", "counsel", "defendant",
    "plaintiff", "suspect", "person", "individual", "insider", "congressmen", "democrat",
    "republican", "conservative", "liberal", "progressive", "billionaire", "businessman",
    "businesswoman", "investor", "pastor", "priest", "rabbi", "bishop", "cardinal",
    "physician", "surgeon", "epidemiologist", "official", "officials", "sources", "one",
    "43-year-old", "teen", "teenager", "child", "parent", "chancellor", "premier",
    "representative", "delegate", "envoy", "negotiator", "investigator", "detective",
    "trooper", "deputy", "guard", "inmate", "prisoner", "immigrant", "refugee", "migrant",
    "citizen", "american", "farmer", "owner", "customer", "patient", "fan", "user",
}
_ANON_HEADS = {"official", "officials", "source", "sources", "aide", "aides", "person",
               "people", "insider", "insiders", "staffer", "staffers", "adviser", "advisers",
               "advisor", "advisors", "spokesman", "spokeswoman", "spokesperson",
               "employee", "employees", "individual", "individuals", "diplomat",
               "diplomats", "member", "members", "officer", "officers"}
_HYPOCORISMS = [
    ("william", "bill", "will", "billy", "willie", "liam"), ("robert", "bob", "rob", "bobby",
                                                             "bert"),
    ("richard", "dick", "rick", "rich", "ricky"), ("james", "jim", "jimmy", "jamie"),
    ("john", "jack", "johnny"), ("charles", "chuck", "charlie", "chaz"),
    ("edward", "ed", "ted", "eddie", "ned"), ("theodore", "ted", "teddy", "theo"),
    ("elizabeth", "liz", "beth", "betty", "lisa", "eliza", "betsy", "libby"),
    ("margaret", "maggie", "peggy", "meg", "marge"), ("katherine", "kate", "kathy", "katie",
                                                       "kat"),
    ("catherine", "cathy", "kate", "katie"), ("michael", "mike", "mick", "mickey"),
    ("thomas", "tom", "tommy"), ("joseph", "joe", "joey"), ("anthony", "tony"),
    ("christopher", "chris", "kit"), ("daniel", "dan", "danny"), ("david", "dave"),
    ("steven", "steve"), ("stephen", "steve"), ("andrew", "andy", "drew"),
    ("nicholas", "nick", "nicky"), ("benjamin", "ben", "bibi"), ("samuel", "sam"),
    ("alexander", "alex", "sasha"), ("patrick", "pat"), ("patricia", "pat", "patty", "trish"),
    ("jennifer", "jen", "jenny"), ("susan", "sue", "suzy"), ("deborah", "debbie", "deb"),
    ("donald", "don", "donnie"), ("ronald", "ron", "ronnie"), ("gerald", "jerry"),
    ("lawrence", "larry"), ("harold", "harry", "hal"), ("henry", "hank", "harry"),
    ("frederick", "fred", "freddie"), ("francis", "frank"), ("gregory", "greg"),
    ("jeffrey", "jeff"), ("kenneth", "ken", "kenny"), ("matthew", "matt"),
    ("timothy", "tim"), ("peter", "pete"), ("raymond", "ray"), ("ronald", "ron"),
    ("douglas", "doug"), ("leonard", "leo", "len"), ("philip", "phil"), ("eugene", "gene"),
    ("mitchell", "mitch"), ("nathaniel", "nate", "nat"), ("jonathan", "jon"),
    ("zachary", "zach"), ("victoria", "vicky", "tori"), ("rebecca", "becky"),
    ("barbara", "barb"), ("abigail", "abby"), ("christine", "chris"), ("alfred", "al"),
    ("albert", "al"), ("allen", "al"), ("walter", "walt"), ("willard", "mitt"),
    ("elijah", "eli"), ("joshua", "josh"), ("benedict", "ben"), ("maurice", "mo"),
    ("mohammed", "mo"), ("madeleine", "maddie"), ("hillary", "hill"), ("jacob", "jake"),
    ("bernard", "bernie"),
]
_NICK = {}
for _grp in _HYPOCORISMS:
    for _n in _grp:
        _NICK.setdefault(_n, set()).update(_grp)

_WORD_RX = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][\w’'.-]*")
_CAP_TOKEN = (r"(?:(?:[A-Z]\.){1,3}|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|"
              r"Maj|Prof|Rev|Jr|Sr|St|Atty|Supt|Cpl|Pvt|Cmdr|Insp|Det|Hon|Msgr|Fr|Ft|Mt)\."
              r"|[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'-]*(?![\w’'-]))")
_NAME_RUN = re.compile(
    r"(?<![\w’'-])" + _CAP_TOKEN + r"(?:[ \t\xa0]+(?:(?:de|van|von|del|da|bin|al|la|di|du|der|den|"
    r"dos|das|ibn)[ \t\xa0]+)?" + _CAP_TOKEN + r")*")
# (groups: the party letter and the state)
_PARTY_TAG = re.compile(r"\s*(?:,\s*|\(\s*)?\b([RDI])\s*[-–]\s*([A-Z][A-Za-z.]{0,12}"
                        r"(?:\s*[A-Z][A-Za-z.]{0,6})?)\s*\)?,?")
_PARTY_TAG_ONLY = re.compile(r"^\(?[RDI]\s*[-–]\s*[A-Z][A-Za-z. ]{0,15}\)?$")
_POSS = re.compile(r"['’]s?$")
# the patterns of the functions below, compiled once (the re module's cache costs a lookup, and
# for a pattern built by concatenation a hash of the whole pattern, on every call)
_TITLE_DOT = re.compile(r"\b(Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Sgt|Lt|Col)\.(?=[A-Z][a-z])")
_ENDS_POSS = re.compile(r"[A-Za-z]['’]s?$")
_PHRASE_WORD = re.compile(r"[\w’'.-]+")
_NUMBER_DET = re.compile(r"(?:one|two|three|four|several|some|many)\b")
_ACRONYM = re.compile(r"[A-Z][A-Z&.-]{1,}[A-Z.]s?")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_KEEP_DOT = re.compile(r"\b(?:Jr|Sr|[A-Z])\.$")
_ROLE_NOUN_PHRASE = re.compile(r"(?:the|The)\s+(?:([\w-]+)\s+)?(\w+)")
_LOWER_RUN = re.compile(r"[a-z]+")
_PREP_BEFORE = re.compile(r"\b(?:of|in|from|at|to|for|with)\s+$")
_PREP_THE_BEFORE = re.compile(r"\b(?:of|in|from|at|to|for|with|by)\s+(?:the\s+)?$", re.I)
_MODIFIER_BEFORE = re.compile(r"\b(?:a|an|the|his|her|their|its|our)\s+(?:[a-z][\w-]*\s+){0,2}$")
_WORD_STOP = re.compile(r"([\w’'-]*)[.!?]\s")
_DESC_SUBJECT = re.compile(r"[\s,’”'\"—–-]*((?:the|a|an|one|another)\s[^\n]{2,90}?)\s*,?\s*$")
_COMMA_NAME_AT_END = re.compile(r",\s+" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")*\s*,?\s*$")
# a description's last clause ("the Sierra Club or other groups, the Florida Republican") and
# where a relative clause or a verb phrase cuts it ("a senior officer who has dealt with him",
# "the woman can be heard")
_LAST_DESC = re.compile(r".*,\s+((?:the|a|an|one|another)\s)", re.S)
_AUX_WORDS = (r"who|whom|whose|that|which|can|could|will|would|may|might|should|must|is|was|"
              r"were|has|have|had|did|does")
_AUXILIARY = re.compile(r"\s+(?:" + _AUX_WORDS + r"|quotes|quoted)\b")
# the same in a description the speaker finder gave, with the other forms of "be" and negations
_AUX_IN_DESC = re.compile(r"\s+(?:" + _AUX_WORDS + r"|are|been|being|don[’']t|doesn[’']t|"
                          r"didn[’']t|can[’']t|won[’']t)\b")
_DESC_TRAILING = frozenset({"and", "or", "but", "he", "she", "they", "it", "we", "i", "you",
                            "after", "before", "of", "for", "to", "by", "with"})
_NAME_AFTER_VERB = re.compile(r"\s+(?:(?:the|a|an)\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5})")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-Z])")
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
_PREP_OR_THE_BEFORE = re.compile(r"\b(?:of|in|from|at|to|for|with|by|the)\s+$")
_IN_FROM_BEFORE = re.compile(r"\b(?:[Ii]n|[Ff]rom|[Oo]n|[Ii]nto|[Aa]t)\s+$")
_SENTENCE_END_IN_NAME = re.compile(r"(?<=[a-z]{3})\.\s+[A-Z]")


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    if s.isascii():  # nothing to decompose
        return s.lower()
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def _key_token(t: str) -> str:
    return _fold(t).strip(".,;:’'\"()")


_INITIAL = re.compile(r"(?:[A-Z]\.)+|[A-Z]")


def _is_initial(t: str) -> bool:
    t = t.strip()
    return bool(_INITIAL.fullmatch(t))


def _is_cap(t: str) -> bool:
    return bool(t) and (t[0].isupper() or (t[0] in "'’" and len(t) > 1 and t[1].isupper()))


# --- parsing a name ------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def clean_name(s: str | None) -> str | None:
    """Strip titles, leading function words, party-state tags and possessives from a
    speaker string: "Sen. Ted Cruz (R-Tex.)" -> "Ted Cruz", "And Justice Elena Kagan" ->
    "Elena Kagan". Descriptions are returned as they are ("a senior official"), their article
    in lower case where a sentence opened with it ("The statement" -> "the statement", "A
    Pelosi aide" -> "a Pelosi aide"; not "The New York Times")."""
    s = _clean_name(s)
    if s and s[:1] in "TA" and s.startswith(("The ", "A ", "An ")) and \
            s[s.rfind(" ") + 1:][:1].islower():
        s = s[0].lower() + s[1:]
    return s


_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_NAMES = frozenset({"super", "black", "good", "cyber", "holy", "ash", "bloody"})
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


def _without_day(toks: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    """The words of a speaker string less the day that the sentence put next to the name:
    "President Trump Sunday" -> "President Trump", "The FBI on Thursday" -> "The FBI",
    "Early Saturday Jeb Bush" -> "Jeb Bush"; not a named day ("Super Tuesday"), a day used
    as a modifier ("the Thursday report") nor a day after one word alone ("Late Friday")."""
    for k, key in enumerate(keys):
        if key not in _WEEKDAYS or (k and keys[k - 1] in _DAY_NAMES):
            continue
        rest = toks[k + 1:]
        if rest and keys[k + 1] in _DAY_PARTS and _is_cap(rest[0]):
            break  # "Saturday Night Live", "Monday Night Football"
        if k <= 1 and rest and all(map(_is_cap, rest)):
            return rest, keys[k + 1:]  # "Early Saturday Jeb Bush", "On Thursday President Trump"
        if (k > 1 and not rest) or (k and rest and rest[0].islower() and (
                keys[k + 1] in _DAY_PARTS or keys[k + 1] in _SENTENCE_WORDS)):
            j = k - 1 if k > 1 and keys[k - 1] in ("on", "late", "early", "this", "last") else k
            return toks[:j], keys[:j]
        break
    return toks, keys


def _clean_name(s: str | None) -> str | None:
    if s is None:
        return None
    s = s.strip().strip(",;:")
    if not s:
        return None
    if _GLUE.search(s):
        s = _unglued(s)[1]  # "John Cornyn John CornynGOP" -> "John Cornyn"
    if "-" in s or "–" in s:  # a party-state tag has a dash
        s = _PARTY_TAG.sub("", s)
    s = s.strip(" ,")
    if "." in s:
        s = _TITLE_DOT.sub(r"\1. ", s)
    if ("'" in s or "’" in s) and _ENDS_POSS.search(s):
        s = _POSS.sub("", s)
    toks = s.split()
    keys = list(map(_key_token, toks))  # kept in step with toks
    if not _WEEKDAYS.isdisjoint(keys):
        toks, keys = _without_day(toks, keys)
    while len(toks) > 1 and keys[-1] in ("and", "or", "but"):
        del toks[-1], keys[-1]
    s = " ".join(toks)
    if not toks:
        return s
    cap0 = _is_cap(toks[0])
    if not cap0 and toks[0].lower() not in _SENTENCE_WORDS:
        return s
    if not (cap0 and keys[0] not in _SENTENCE_WORDS) and not any(map(_is_cap, toks[1:])):
        return s
    if keys[0] in _SENTENCE_WORDS and toks[-1][:1].islower() or (
            keys[-1] in _ORG_NOUNS or keys[-1] in _DOCUMENT_NOUNS) and not (
            len(toks) == 2 and keys[0] in _PERSON_TITLES):  # "Mr. Page" is a person
        # a description ("A Pelosi aide", "The agency"), or an organisation or a document:
        # keep it whole, less a leading "And"/"But"
        i = 0
        while i < len(toks) - 1 and keys[i] in ("and", "but", "or", "so"):
            i += 1
        return " ".join(toks[i:])
    # drop leading function words and titles while a capitalised word remains after
    n = len(toks)
    i = 0
    while i < n - 1:
        low = keys[i]
        if (low in _SENTENCE_WORDS or low in _TITLE_WORDS or (
                low in _ABBREVIATED_TITLES and toks[i].endswith("."))) and not (
                low == "new" and toks[i + 1] in gazetteer.AFTER_NEW):  # "New York"
            i += 1
            continue
        # "Senate Majority Whip Steve Scalise": any capitalised word followed by a title word
        if low not in _PARTICLES:
            # the last title word before the last word
            j = n - 2
            while j > i and not (keys[j] in _TITLE_WORDS and keys[j] not in _NOT_TITLES):
                j -= 1
            if j > i:
                i = j + 1
                continue
        break
    toks = toks[i:]
    # trailing "of Texas" on a person name
    if len(toks) >= 3 and toks[-2] == "of" and _looks_person_tokens(toks[:-2]):
        toks = toks[:-2]
    while len(toks) >= 3 and _epithet(toks):
        toks = toks[1:]
    return " ".join(toks).strip(" ,") or None


_ROLE_SUFFIX = re.compile(r"[a-z]{3,}(?:ist|ologist)s?$")


def _epithet(toks: list[str]) -> bool:
    """Is the first word of a name of three words or more, before a common given name, a word
    put in front of the name rather than part of it ("Lover Peter Strzok", "Nervous Nancy
    Pelosi", "Cryin’ Chuck Schumer", "Sixteen-year-old Jane Doe", "Climatologist Richard
    Alley", "Colorado Jeb Bush")? An initial or a common given name is part of the name
    ("J. Russell George", "Mark David Chapman"), and so is a word the lists do not know
    ("Cory Scott Gardner")."""
    first, low = toks[0], toks[0].lower()
    second = toks[1].lower()
    if not _given_name(second) or not _is_cap(first):
        return False
    if _given_name(low) or first.endswith("."):
        return False
    if first[-1] in "’'":  # "Cryin’", "Lyin'", "Infowars’"
        return True
    if "-" in first and any(p[:1].islower() for p in first.split("-")[1:]):
        return True  # "Sixteen-year-old", "Fact-checking", "Co-host"
    if _ROLE_SUFFIX.match(low):
        return True
    return metrics.is_easy_word(low) or gazetteer.kind_of(first) is not None


_PERSON_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
_ABBREVIATED_TITLES = frozenset({"sen", "rep", "gov", "gen", "lt", "dr", "mr", "mrs", "ms",
                                 "col", "sgt", "capt", "adm", "maj", "prof", "rev", "atty",
                                 "supt"})
_NOT_TITLES = frozenset({"the", "of", "and", "for"})


def _looks_person_tokens(toks: list[str]) -> bool:
    return all(_is_cap(t) for t in toks) and not any(_key_token(t) in _ORG_NOUNS for t in toks)


def _parts(name: str) -> tuple[list[str], str]:
    given, sur = _parts_cached(name)
    return list(given), sur


@lru_cache(maxsize=65536)
def _parts_cached(name: str) -> tuple[tuple, str]:
    given, sur = _parts_raw(name)
    return tuple(given), sur


def _parts_raw(name: str) -> tuple[list[str], str]:
    """(given-name tokens, surname) of a cleaned name, folded to lower case."""
    toks = [t for t in name.replace(",", " ").split() if t]
    toks = [t for t in toks if _key_token(t) not in _SUFFIXES] or toks
    if not toks:
        return [], ""
    sur = _key_token(toks[-1])
    # "de la Cruz", "van Hollen": particles belong to the surname
    k = len(toks) - 1
    while k > 0 and _key_token(toks[k - 1]) in _PARTICLES:
        k -= 1
        sur = _key_token(toks[k]) + " " + sur
    given = [_key_token(t) for t in toks[:k]]
    return given, sur


def _given_compatible(g1: list[str], g2: list[str]) -> bool:
    """Can two lists of given-name tokens belong to one person? Empty is compatible."""
    if not g1 or not g2:
        return True
    for a in g1:
        for b in g2:
            if not a or not b:
                continue
            a1, b1 = a.rstrip("."), b.rstrip(".")
            if a1 == b1:
                return True
            if len(a1) == 1 or len(b1) == 1:  # an initial
                if a1[0] == b1[0]:
                    return True
                continue
            if a1.startswith(b1) or b1.startswith(a1):
                return True
            if b1 in _NICK.get(a1, ()):
                return True
            if a1[0] == b1[0] and min(len(a1), len(b1)) <= 2:
                return True
            if len(a1) >= 4 and len(b1) >= 4 and a1[:3] == b1[:3]:
                return True  # spelling variants: "Bettie"/"Betty", "Alexis"/"Alexandros"
    return False




# --- kinds and roles -----------------------------------------------------------------------

def _head_noun(phrase: str) -> str:
    words = [w.lower().strip(".,;:’'\"") for w in _PHRASE_WORD.findall(phrase)]
    # the head is the last word before "of"/"for"/"from"/"at"/"with"/"who"
    for k, w in enumerate(words):
        if k > 0 and w in ("of", "for", "from", "at", "with", "who", "that", "in", "on", "to",
                           "this", "about", "which", "was", "is", "himself", "herself",
                           "itself", "themselves", "last", "said", "says"):
            words = words[:k]
            break
    while len(words) > 1 and words[-1] in _TIME_WORDS:
        words = words[:-1]
    return words[-1] if words else ""


@lru_cache(maxsize=65536)
def classify(name: str | None) -> str | None:
    """Kind of a cleaned speaker string: person | organisation | document | anonymous | group
    (None for None)."""
    if not name:
        return None
    toks = name.split()
    low = name.lower()
    first = _key_token(toks[0])
    head = _head_noun(name)
    if low in _PRONOUNS:
        return "group" if low in ("they", "we", "us", "them") else (
            "person" if low in ("he", "she", "i", "him", "her") else None)
    capitalised = [t for t in toks if _is_cap(t)]
    if not _is_cap(toks[0]) or first in _SENTENCE_WORDS:
        # a description: "a senior official", "the statement", "protesters"
        det = first
        capitalised = [t for t in toks[1:] if _is_cap(t)]
        if head in _PERSON_NOUNS and head not in _ORG_NOUNS and not _is_cap(
                name.split()[-1]) and head not in _DESCRIBED_DOCUMENTS:
            if det in ("a", "an", "another", "one", "some", "several") or head in _ANON_HEADS \
                    and det not in ("the", "his", "her", "their", "its"):
                return "anonymous"
            return "person"  # "the House speaker", "the Texas governor"
        if capitalised and _is_cap(toks[-1]) and any(_key_token(t) in _ORG_NOUNS
                                                     for t in capitalised):
            return "organisation"  # "the Washington Post"
        if head in _DOCUMENT_NOUNS or head in _DESCRIBED_DOCUMENTS and not _is_cap(toks[-1]) \
                or any(_key_token(t) in _DOCUMENT_NOUNS for t in toks[-2:]):
            return "document"
        if head in _ORG_NOUNS and head not in ("house", "post", "press"):
            return "organisation"
        if capitalised and not any(_key_token(t) in _ORG_NOUNS for t in capitalised) and \
                det not in ("a", "an", "another", "one") and not _is_plural(head) \
                and head not in _PERSON_NOUNS and toks[-1] not in gazetteer.DESCRIPTIVE:
            return "organisation"  # "the Brooklyn chapter" handled above; "the NRA"
        if capitalised and any(_key_token(t) in _ORG_NOUNS for t in capitalised):
            return "organisation"
        if det in ("a", "an", "another", "one", "two", "three", "several", "some", "many",
                   "multiple") or head in ("sources", "officials", "source") or \
                _NUMBER_DET.match(low):
            return "anonymous"
        if _is_plural(head):
            return "group"
        return "person"
    if len(toks) > 1 and _key_token(toks[-1]) in _DOCUMENT_NOUNS and \
            _key_token(toks[-1]) not in _ORG_NOUNS:
        return "document"
    if len(toks) > 1 and "of" not in toks and (_key_token(toks[-1]) in _PLACE_HEADS or
                                               first in _PLACE_FIRSTS):
        return "organisation"  # "Orange County", "River Thames": a place's authorities
    if len(toks) == 1 and not toks[0].isupper() and first.endswith(_PEOPLE_PLURAL_ENDS):
        return "group"  # "Democrats", "Americans", "Palestinians", "Scientists"
    if any(_key_token(t) in _ORG_NOUNS for t in toks) or (
            len(toks) == 1 and _ACRONYM.fullmatch(toks[0])):
        return "organisation"
    if _is_paper(name, toks):
        return "organisation"  # "Boston Globe", "Des Moines Register" (not "Emily Post")
    if _AFFIX_RX.search(low):
        return "anonymous" if head in _ANON_HEADS else "group"
    if _is_plural(head) and head in {w + "s" for w in _PERSON_NOUNS}:
        return "group"
    return "person"


# the last word of a place's name ("Orange County"; not "Park", "Hill", "Bay": surnames too),
# and the first ("River Thames", "Lake Tahoe")
_BUILDINGS = frozenset({"tower", "plaza", "building", "stadium", "arena", "airport"})
_PLACE_HEADS = frozenset("""county counties river valley avenue boulevard square canyon creek
harbor harbour heights parish province township borough peninsula strait island islands
mountains desert""".split()) | _BUILDINGS
_PLACE_FIRSTS = frozenset({"river", "lake", "mount", "fort", "cape", "port"})
# the last word of a newspaper's or a magazine's name ("Boston Globe", "Daily Telegraph",
# "Hennepin County Medical Examiner" is an office too)
_PAPER_HEADS = frozenset("""Globe Register Telegraph Examiner Observer Review Dispatch Inquirer
Enquirer Sentinel Gazette Tribune Herald Chronicle Courier Journal Times Daily Bulletin
Standard Mirror Express Independent Monitor Reporter Magazine Weekly""".split())


def _is_paper(name: str, toks: list[str] | None = None) -> bool:
    """Is the capitalised ``name`` a newspaper's or a magazine's ("Boston Globe"), by its last
    word, and not a person's (its first word no common given name: "Emily Post")?"""
    toks = toks or name.split()
    return len(toks) > 1 and toks[-1] in _PAPER_HEADS and not _given_name(_key_token(toks[0]))

# a capitalised word alone with one of these endings is people, not an organisation
_PEOPLE_PLURAL_ENDS = ("ians", "icans", "crats", "ists", "ites")


def _is_plural(w: str) -> bool:
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


_APPOS_AFTER = re.compile(
    r"\s*(?:\([^()]{1,25}\)\s*)?,\s+((?:the|a|an|his|her|its|their|who is|former|[A-Z]\w+'s|"
    r"[a-z][\w’'-]*)\b[^,;:\"“”()]{2,90}?)(?=,|\s+(?:said|says|told|wrote|added)\b)")
_VERBISH = re.compile(r"\b(?:said|says|told|wrote|added|is|was|has|had|have|will|would|did|"
                      r"who said|asked)\b")
_MR_TITLES = {"mr", "mrs", "ms", "miss", "dr", "the", "and", "but", "or", "then", "that", "as"}


# abbreviations of more than three letters written before titles ("Brig. Gen.", "Mass. Gov.")
_ABBREVIATIONS = frozenset({
    "brig", "mass", "calif", "conn", "ariz", "wash", "penn", "mich", "minn", "okla", "colo",
    "tenn", "capt", "cmdr", "prof", "supt", "dept", "univ", "assn", "corp", "sept", "gens"})


def _role_for(text: str, s: int, e: int, surnames=frozenset()) -> str | None:
    """The role the text gives next to the name at text[s:e]: an apposition after it
    (", the Senate Democratic leader,") or title words before it ("White House Press
    Secretary"), not reaching past another person ("President Kellan and Secretary of State":
    ``surnames``, those of the article's full-name mentions, tell a person)."""
    m = _APPOS_AFTER.match(text, e, min(len(text), e + 140))
    if m:
        r = m.group(1).strip()
        rw = [_key_token(w) for w in r.split()]
        if not _VERBISH.search(r) and len(rw) <= 14 and rw[0] not in (
                "in", "of", "on", "at", "with", "from", "and", "for", "to") and any(
                w in _PERSON_NOUNS or w in _TITLE_WORDS or w.rstrip("s") in _PERSON_NOUNS
                for w in rw if w not in ("the", "of", "and", "for", "new", "state")):
            r = _LEADING_ARTICLE.sub("", r)
            return r or None
    lo = max(0, s - 80)
    seg = text[lo:s]
    seg = seg[seg.rfind("\n") + 1:]
    if seg[-1:] in (" ", "\t", "\xa0"):
        words = seg.split()[-8:]
        # keep the words right before the name up to a sentence word, verb or punctuation
        k = len(words)
        while k > 0:
            w = words[k - 1]
            lw = _key_token(w)
            if lw == "and" and k >= 2 and _key_token(words[k - 2]) in surnames:
                break  # "Trump and first lady": another person's title before
            if w.endswith(".") and k < len(words) and len(lw) > 3 and lw not in _TITLE_WORDS \
                    and lw not in _ABBREVIATIONS and not _INITIALS.fullmatch(w):
                break  # "... in Ohio. President Kellan": the sentence before
            if (lw in _SENTENCE_WORDS and lw not in ("of", "for", "and", "the")) or \
                    _is_verb(lw) or w.endswith((",", ";", ":", "!", "?", "”", '"')) or \
                    w.startswith(("“", '"')) or \
                    not any(c.isalpha() for c in w) or (w.isupper() and len(w) > 4) or \
                    (w[:1].islower() and lw not in _TITLE_WORDS and lw not in _PERSON_NOUNS
                     and not lw.endswith(("er", "or", "ist", "ent", "ant", "ian")) and
                     lw not in ("of", "for", "and", "the")):
                break
            k -= 1
        words = words[k:]
        while words and _key_token(words[0]) in ("of", "for", "and", "the"):
            words = words[1:]
        # drop sentence-level words at the left
        while words and (words[0].lower().strip(".") in _MR_TITLES or
                         words[0].lower() in _SENTENCE_WORDS):
            words = words[1:]
        while words and words[-1].lower().strip(".") in _MR_TITLES:
            words = words[:-1]
        if words and any(_key_token(w) in _TITLE_WORDS or w[:1].islower() for w in words):
            r = " ".join(words).strip(" ,")
            if r.lower().rstrip(".") not in ("mr", "mrs", "ms", "dr") and len(r) > 2:
                return r
    return None


# --- one article ---------------------------------------------------------------------------

class _Vocab:
    """Does the text write a word in lower case (as a whole word)? Looked up on demand with
    str.find, cached per word."""

    __slots__ = ("text", "seen", "inside")

    def __init__(self, text: str):
        self.text = text
        self.seen: dict[str, bool] = {}
        self.inside: dict[str, bool] = {}  # word -> capitalised inside a sentence somewhere

    def __contains__(self, low: str) -> bool:
        hit = self.seen.get(low)
        if hit is None:
            hit = False
            text, n = self.text, len(low)
            i = text.find(low)
            while i >= 0:
                b = text[i - 1] if i > 0 else " "
                a = text[i + n] if i + n < len(text) else " "
                if not (b.isalnum() or b in "’'-") and not (a.isalnum() or a in "’'-"):
                    hit = True
                    break
                i = text.find(low, i + 1)
            self.seen[low] = hit
        return hit


def _vocab(text: str) -> _Vocab:
    """The words the text writes in lower case (a lazy set)."""
    return _Vocab(text)


def _joins_word(c: str) -> bool:
    """Is ``c`` in ``[\\w’'-]`` (what the look-behind of ``_NAME_RUN`` refuses)?"""
    return c.isalnum() or c in "_’'-"


# (the possessive "*+" and "++": a word's characters and the spaces after it are never given
# back, as what follows them can never be one of them; the same matches, found without
# trying each shorter word at each capital)
_FAST_RUNS = re.compile(r"[A-Z][^\s,;:!?()\"“”]*+(?:[ \xa0]++(?:(?:de|van|von|del|da|bin|al|la|di|"
                        r"du|der|den|dos|das|ibn)[ \xa0]+)?[A-Z][^\s,;:!?()\"“”]*+)+")


def _inside(pos: int, spans: list, ends: list) -> bool:
    """Whether ``pos`` is in one of ``spans`` ((start, end) in order; ``ends`` their ends)."""
    i = bisect.bisect_right(ends, pos)
    return i < len(spans) and spans[i][0] <= pos


# the labels before a gallery's title ("Photos: Pope Francis"), and the capitalised words after
# one (found with plain searches: a regex scanning for the labels costs more)
_MEDIA_NAMES = ("Photo", "PHOTO", "Pictures", "Gallery", "GALLERY", "Slideshow", "Video", "VIDEO")
_MEDIA_AFTER = re.compile(r"[sS]?:[ \xa0]+((?:[A-Z][\w.'’-]*[ \xa0]+){0,5}[A-Z][\w.'’-]*)")


def _gallery_title(text: str) -> tuple[list[str], set[int]]:
    """The words a photo gallery's repeated label gives before each caption ("Hide Caption 3
    of 44 Photos: Pope Francis Pope Francis salutes ...": "Pope Francis"): the capitalised
    words every "Photos:" of the text begins with, when there are two or more; and where the
    capitalised words after each label start."""
    found = []
    for w in _MEDIA_NAMES:
        i = text.find(w)
        while i >= 0:
            if i == 0 or not text[i - 1].isalnum():
                m = _MEDIA_AFTER.match(text, i + len(w))
                if m:
                    found.append((m.start(1), m.group(1).split()))
            i = text.find(w, i + 1)
    runs = [r for _, r in sorted(found)]
    if len(runs) < 2:
        return [], set()
    k = 0
    while all(len(r) > k and r[k] == runs[0][k] for r in runs):
        k += 1
    return runs[0][:k], {at for at, _ in found}


def _name_mentions(text: str, vocab: frozenset | None = None):
    """Capitalised runs of the text that look like person names of two or more words:
    (start, end, cleaned name, given tokens, surname). Words before a name that are, at the
    start of a sentence, words the text also writes in lower case ("Meet Melania Trump",
    "Added Gibbs") or a possessive owner ("MSNBC’s Joy Reid") are left out."""
    if vocab is None:
        vocab = _vocab(text)
    title, after_labels = _gallery_title(text)
    out = []
    doubtful = []
    for region in _FAST_RUNS.finditer(text):
        rs = region.start()
        r = region.group()
        if r.isascii() and r.istitle() and r.replace(" ", "").isalpha() and (
                rs == 0 or not _joins_word(text[rs - 1])):
            # capitalised ASCII words and spaces, after no word character: the region is one
            # run of _NAME_RUN (the common case, settled without it)
            runs = ((rs, r),)
        else:
            runs = [(m.start(), m.group())
                    for m in _NAME_RUN.finditer(text, rs, region.end())]
        for mstart, raw in runs:
            if " " not in raw and "\xa0" not in raw:
                continue
            j = mstart - 1
            while j >= 0 and text[j] in " \t\xa0\"“‘'(":
                j -= 1
            at_start = j < 0 or text[j] in ".!?\n:—–-"
            toks = raw.split()
            if title and mstart in after_labels and len(toks) > len(title) and \
                    toks[:len(title)] == title:
                # "Photos: Pope Francis Crowds swarm ...": the gallery's title (the words
                # every "Photos:" of the text begins with) run into a caption
                raw = raw[:raw.find(title[-1], len(" ".join(title[:-1]))) + len(title[-1])]
                toks = title
            # at the start of a sentence, a word the text also writes in lower case ("Meet
            # Melania Trump", "Added Gibbs"); inside one, such a word before a name of two
            # words or more that is no common given name ("Chief of Staff Reince Priebus",
            # "Lover Peter Strzok")
            while len(toks) > 1 and (len(toks) > 2 or at_start and toks[0].lower().endswith(
                    "ed")) and _droppable(toks[0], vocab) and (at_start or not (
                    _given_name(toks[0].lower()))):
                k = raw.find(toks[1], len(toks[0]))
                mstart += k
                raw = raw[k:]
                toks = toks[1:]
            res = _analyse_run(raw)
            if res is None:
                continue
            off, cleaned, given, sur = res
            start = mstart + off
            if _QUOTED_WHOLE.match(text, start + len(cleaned)) and \
                    text[start - 1:start] in _OPENING_MARKS:
                continue  # a whole quotation: a slogan or a title ("Impeach Obama", "Never Trump")
            mention = (start, start + len(cleaned), cleaned, list(given), sur)
            if at_start and len(toks) == 2 and not _given_name(toks[0].lower()):
                if toks[0].lower() in _OPENING_FUNCTION_WORDS:
                    continue  # "Until Ryan arrived": no given name, whatever else the text says
                if _droppable(toks[0], vocab) or _plain_opening(toks[0], vocab):
                    doubtful.append(mention)  # "Unless Obama", "Describing Trump", "Park Yun-kyu"
                    continue
            out.append(mention)
    # two words at the start of a sentence, the first an ordinary word of the text and no
    # common given name: a person of another given name and that surname makes it a word run
    # into the surname ("Unless Obama ..." where the text names Barack Obama), else a name
    surnames = {c[4] for c in out}
    out += [c for c in doubtful if c[4] not in surnames]
    out.sort()
    # "Hillary Clinton Trump" (two names run together in a headline): a mention that starts
    # with another whole mention of the text and goes on is dropped
    names = {c[2] for c in out}
    keep = []
    for c in out:
        toks = c[2].split()
        if len(toks) < 3 or not any(" ".join(toks[:k]) in names for k in range(2, len(toks))):
            keep.append(c)
    return keep


# a name run that is a whole quotation: the opening mark right before it, and after it its
# closing mark (after a comma or full stop, as American style puts them)
_OPENING_MARKS = frozenset("“\"‘'")
_QUOTED_WHOLE = re.compile(r"[,.!?]?[”\"’'](?![^\W\d_])")  # (not "’s")

# the words that keep a run from being a person's name ("White House", "Last Friday")
# (a place named after a person is no person: "Trump Tower", "Capital One Arena")
_NOT_IN_NAMES = frozenset(_ORG_NOUNS | _TIME_WORDS | _SENTENCE_WORDS | _BUILDINGS)


_GLUE = re.compile(r"[a-z][A-Z]")
_GLUE_OK = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Du", "Van", "Von", "O’", "O'")
_TOKEN = re.compile(r"\S+")


def _unglued(run: str) -> tuple[int, str]:
    """A run of capitalised words with a word glued to the next one, as some sites print a
    name's link after its mention ("Trump Donald John TrumpGOP lawmakers", "Warren Elizabeth
    Ann WarrenWarren goes"): (offset, the full name before the glue, less the mention before
    it), else (0, run)."""
    toks = list(_TOKEN.finditer(run))
    for i, t in enumerate(toks):
        word = t.group()
        # (past a prefix that names carry: "McCarthy", "DeSantis")
        m = _GLUE.search(word, next((len(p) for p in _GLUE_OK if word.startswith(p)), 0))
        if m:
            end = t.start() + m.start() + 1
            last = run[t.start():end]
            for k in range(i - 1, -1, -1):
                if toks[k].group() == last:  # the mention, then the full name
                    return toks[k + 1].start() if k + 1 < i else t.start(), \
                        run[toks[k + 1].start() if k + 1 < i else t.start():end]
            break  # no surname repeated before it: a name's own capital ("AshLee", "WikiLeaks")
    return 0, run


@lru_cache(maxsize=65536)
def _analyse_run(raw: str):
    """(offset in raw, cleaned name, given tokens, surname) of a capitalised run that looks
    like a person's name of two or more words, else None."""
    off = 0
    k = max(raw.rfind("’s "), raw.rfind("'s "))
    if k >= 0:
        off = k + 3
    sub = raw[off:]
    if _GLUE.search(sub):
        skip, sub = _unglued(sub)
        off += skip
    if " " not in sub and "\xa0" not in sub:
        return None
    cleaned = clean_name(sub)
    if not cleaned or " " not in cleaned:
        return None
    ctoks = cleaned.split()
    # leading ordinary words and hyphenated titles ("Whether Sanders", "Speaker-to-be Nancy")
    while len(ctoks) > 1 and (_key_token(ctoks[0]) in _SENTENCE_WORDS or
                              "-" in ctoks[0] and _HYPHEN_TITLE.match(ctoks[0])):
        ctoks = ctoks[1:]
    if len(ctoks) < 2:
        return None
    cleaned = " ".join(ctoks)
    keys = [_key_token(t) for t in ctoks]
    if not _NOT_IN_NAMES.isdisjoint(keys) and not _month_surname(keys) \
            or gazetteer.kind_of(cleaned):
        return None  # "White House", "New York", "New York Democrat"
    if len(set(keys)) < len(keys) and not (len(keys) > 2 and keys[0] == keys[1] and
                                           len(set(keys)) == len(keys) - 1):
        # a word twice: two mentions run together ("Pope Francis Francis speaks", a gallery's
        # title before its caption; "Haley Nikki Haley", "Charles Schumer Charles"), not one
        # person: the name the repeated word starts as a given name, else the one it ends
        # as a surname after a given name; neither known, nobody ("Dee Dee Myers", a given
        # name written twice before a surname, stays)
        i = next(k for k, w in enumerate(keys) if w in keys[k + 1:])
        j = keys.index(keys[i], i + 1)
        if _given_name(keys[i]):
            ctoks, keys = ctoks[i:j], keys[i:j]
        elif _given_name(keys[i + 1]):
            ctoks, keys = ctoks[i + 1:j + 1], keys[i + 1:j + 1]
        else:
            return None
        if len(ctoks) < 2 or len(set(keys)) < len(keys):
            return None
        cleaned = " ".join(ctoks)
    if len(ctoks) > 4 or any(t.isupper() and len(t) > 2 and "." not in t for t in ctoks):
        return None
    if "." not in cleaned or not _KEEP_DOT.search(cleaned):
        cleaned = cleaned.rstrip(".")
    given, sur = _parts_cached(cleaned)
    if not given or len(sur) < 2:
        return None
    return off + max(0, sub.find(ctoks[0])), cleaned, given, sur


def _given_name(key: str) -> bool:
    return key in gazetteer.MEN or key in gazetteer.WOMEN


def _after_given_name(key: str, name: str) -> bool:
    """Whether ``key`` follows a given name in ``name`` ("paul" in "Rand Paul Randal")."""
    keys = [_key_token(t) for t in name.split()]
    return any(b == key and _given_name(a) for a, b in zip(keys, keys[1:]))


# months that are also surnames ("Theresa May", "Brian May"): a name when a common given
# name comes right before it ("Last May", "Since June" stay times)
_MONTH_SURNAMES = frozenset({"may", "june", "april", "august"})


def _month_surname(keys: list[str]) -> bool:
    return len(keys) == 2 and keys[1] in _MONTH_SURNAMES and (
        _given_name(keys[0]))


# a title right before a name ("Mrs. " before "Clinton"; quotes.py reads it too)
SEX_TITLE_BEFORE = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+$")
_SEX_TITLE = re.compile(r"(Mrs|Ms|Miss|Mr)\.?\s")


def _of_the_titles_sex(text: str, s: int, cands: list) -> list:
    """The full-name mentions (start, end, name, given, sur) that a surname written with
    "Mrs."/"Ms."/"Miss" or "Mr." (the speaker's words start at ``s``, after or with the title)
    may refer to: not a man's given name for "Mrs. Clinton", not a woman's for "Mr. Clinton"
    (names of neither kind stay)."""
    m = _SEX_TITLE.match(text, s) or SEX_TITLE_BEFORE.search(text[max(0, s - 6):s])
    if not m:
        return cands
    return _of_sex(cands, m.group(1) == "Mr")


def _of_sex(cands: list, man: bool) -> list:
    """The full-name mentions of ``cands`` whose given name is not one of the other sex's."""
    other = gazetteer.WOMEN if man else gazetteer.MEN
    return [c for c in cands if not (c[3] and c[3][0] in other)]


def _pick_full(cands, pos: int):
    """Among full-name mentions (start, end, name, given, sur) with the right surname, the
    person: if their given names are all compatible, the longest form; else the nearest
    mention before ``pos`` (else after)."""
    if not cands:
        return None
    groups: list[list] = []
    for c in cands:
        for g in groups:
            if _given_compatible(c[3], g[0][3]):
                g.append(c)
                break
        else:
            groups.append([c])
    if len(groups) > 1:
        before = [c for c in cands if c[0] <= pos]
        near = max(before, key=lambda c: c[0]) if before else min(cands, key=lambda c: c[0])
        groups = [g for g in groups if near in g]
    g = groups[0]
    best = max(g, key=lambda c: (len(c[3]), len(c[2]), -c[0]))
    return best


_ROLE_NOUN_TITLES = {
    "president": ("president",), "senator": ("sen", "senator"),
    "governor": ("gov", "governor"), "congressman": ("rep", "representative", "congressman"),
    "congresswoman": ("rep", "representative", "congresswoman"),
    "lawmaker": ("rep", "sen", "representative", "senator"), "judge": ("judge",),
    "justice": ("justice",), "secretary": ("secretary",), "speaker": ("speaker",),
    "mayor": ("mayor",), "sheriff": ("sheriff",), "minister": ("minister",),
    "chairman": ("chairman",), "chairwoman": ("chairwoman",), "pope": ("pope",),
    "ambassador": ("ambassador",), "director": ("director",), "leader": ("leader",),
    "prosecutor": ("prosecutor",), "commissioner": ("commissioner",),
}


# "the department", "the agency": bodies whose names carry that word ("the Justice
# Department", "the Environmental Protection Agency", "Russia's Foreign Ministry")
_BODY_NOUNS = ("department", "agency", "ministry", "court", "committee", "commission",
               "bureau", "council", "administration", "board", "university", "institute",
               "foundation", "party", "union", "association")
_BODY_PHRASE = re.compile(r"(?:the|The)\s+(" + "|".join(_BODY_NOUNS) + ")")


@lru_cache(maxsize=32)
def _body_rx(noun: str) -> re.Pattern:
    """A capitalised name that ends with ``noun`` capitalised ("Justice Department") or starts
    with it and goes on with "of" ("Department of Justice")."""
    cap = noun.capitalize()
    word = r"[A-Z][\w&’'-]*(?:\.[A-Za-z]+)*"  # (no sentence's full stop)
    return re.compile(r"\b(?:" + word + r"\s+){0,5}" + cap + r"(?:\s+(?:of|for)(?:\s+the)?(?:\s+"
                      + word + r"){1,4}(?:\s+and(?:\s+" + word + r"){1,3})?)?\b")


def _named_body(text: str, name: str, pos: int) -> str | None:
    """The name of the body "the department" (``name``) refers to: the nearest capitalised
    name before ``pos`` that carries the word ("the Justice Department"), when the text names
    only one such body; else None."""
    m = _BODY_PHRASE.fullmatch(name.strip())
    if not m:
        return None
    found = []
    for b in _body_rx(m.group(1)).finditer(text, 0, pos):
        words = b.group().split()
        while words and _key_token(words[0]) in _SENTENCE_WORDS:
            words = words[1:]  # "But Justice Department"
        if words:
            words[-1] = _POSS.sub("", words[-1])  # "the Ministry of Finance’s"
        if len(words) >= 2:
            found.append(" ".join(words))
    if len(set(found)) != 1:
        return None
    # "the Justice Department", "Russia's Foreign Ministry", "the Department of State"
    return found[0] if any(_POSS.search(w) for w in found[0].split()) else "the " + found[0]


_FORMER = frozenset({"former", "ex"})
# "Vice President X", "Deputy Attorney General X" are not "the president", "the attorney general"
_SUBORDINATE = frozenset({"vice", "deputy", "assistant", "associate", "under"})
_PM = re.compile(r"\b(?:PM|pm)$")  # "the PM" of British English: the prime minister
# titles of several words ("the attorney general", "the president-elect")
_ROLE_NOUN_MULTI = re.compile(
    r"(?:the|The)\s+(?:(former|ex)\s+)?(attorney general|president-elect|prime minister|"
    r"secretary of state|house speaker|chief justice|majority leader|minority leader)",
    re.IGNORECASE)
_NAMED_AFTER = re.compile(r",\s*(?:known as|named|identified as|called)\s+")
_UNNAMED = re.compile(r"(?:the|The)\s+(source|sources|official|officials|insider|insiders)")


def _unnamed_source(name: str) -> str | None:
    """The head of "the official", "the sources" (an unnamed source, referred back to), else
    None."""
    m = _UNNAMED.fullmatch(name)
    return m.group(1).lower() if m else None


@lru_cache(maxsize=64)
def _titled_surname(titles: tuple) -> re.Pattern:
    """A title of ``titles`` written before a capitalised run ("President Obama", "Former
    President Obama", "Sen. Warren"): the run's last word is the surname."""
    alts = "|".join(re.escape(t.split()[0].capitalize()) + "".join(
        r"[\s-]+(?i:" + re.escape(w) + ")" for w in t.split()[1:]) +
        (r"\.?" if len(t) <= 3 else "") for t in sorted(titles, key=len, reverse=True))
    return re.compile(r"\b(?:" + alts + r")\s+((?:[A-Z][\w’'-]*\.?\s+){0,2}[A-Z][\w’'-]+)\b")


def _titled_surnames(text: str, titles: tuple, by_sur: dict | None) -> list[tuple]:
    """(position, mention, words before the title) of each surname written with one of
    ``titles`` ("President Obama"): the fullest name the article gives that surname, else the
    surname alone."""
    found = []
    sexes_of: dict[str, set] = {}  # surname -> the sexes "Mr."/"Mrs." give it (True: a man)
    for t in _titled_surname(titles).finditer(text):
        sur_start = t.start(1) + t.group(1).rfind(" ") + 1
        surname = _POSS.sub("", text[sur_start:t.end(1)])  # "President Trump's"
        key = _key_token(surname)
        if len(key) < 2 or key in _NOT_IN_NAMES or key in _TITLE_WORDS or \
                len(t.group(1).split()) > 1:
            continue  # (a title before a full name: one of the full-name mentions; or a
            # surname and the next paragraph's first word, "Judge Hanen.\n\nThe")
        words = _LOWER_RUN.findall(text[max(0, t.start() - 20):t.start()].lower())[-2:]
        if words[-1:] and words[-1] in _SUBORDINATE:
            continue
        cands = (by_sur or {}).get(key, [])
        if cands:
            # not a woman named in full for a surname the text writes only with "Mr." ("first
            # lady Melania Trump" for "President Trump" beside "Mr. Trump"), nor the reverse
            sexes = sexes_of.get(surname)
            if sexes is None:
                sexes = sexes_of[surname] = {g == "Mr" for g in re.findall(
                    r"\b" + _SEX_TITLE.pattern + r"\s*" + re.escape(surname) + r"\b", text)}
            if len(sexes) == 1:
                cands = _of_sex(cands, sexes == {True})
        full = _pick_full(cands, t.start())
        found.append((t.start(), full or (sur_start, sur_start + len(surname), surname, [],
                                          key), words))
    return found


# a word after a title that puts the name after it outside the title ("the president and
# Melania Trump", "the senator with Jane Roe")
_NOT_TITLING = frozenset({"and", "or", "with", "to", "for", "by", "of", "from", "than", "as"})


def _resolve_role_noun(text: str, phrase: str, pos: int, mentions,
                       by_sur: dict | None = None, cache: dict | None = None) -> tuple | None:
    """"the president" -> the person the article titles President, nearest before ``pos``
    (else first after): a full-name mention with the title among the two words before it
    ("President Barack Obama", "Arizona senator Jon Kyl"), or a surname the title is written
    with ("President Obama"), as the fullest name the article gives that surname. Not "Vice
    President X" for "the president". "the former president" wants "former" or "ex" before
    the title; a plain "the president" prefers a title without them."""
    end = pos + len(phrase)  # where the phrase ends in the text
    phrase = _PM.sub("prime minister", phrase.strip())
    multi = _ROLE_NOUN_MULTI.fullmatch(phrase)
    if multi:  # "the attorney general", "the former secretary of state"
        modifier = (multi.group(1) or "").lower()
        title_words = _LOWER_RUN.findall(multi.group(2).lower())
        titles = (" ".join(title_words),)
    else:
        m = _ROLE_NOUN_PHRASE.fullmatch(phrase.strip())
        if not m:
            return None
        modifier, noun = (m.group(1) or "").lower(), m.group(2).lower()
        titles = _ROLE_NOUN_TITLES.get(noun)
        if not titles:
            return None
    found = []  # (position, the mention to return, words before the title)

    def titled(words) -> bool:
        if words and words[-1] in _ROLE_STOP:
            return False  # "Assistant to the President for Economic Policy"
        if multi:  # the title's words right before the name
            n = len(title_words)
            return words[-n:] == title_words and (
                len(words) == n or words[-n - 1] not in _SUBORDINATE)
        for k, w in enumerate(words):
            if w in titles and not (k and words[k - 1] in _SUBORDINATE) and not (
                    k + 1 < len(words) and words[k + 1] in _NOT_TITLING):
                return True  # (not "the president and Melania Trump")
        return False

    before = None if cache is None else cache.get("words before")
    if before is None:  # each mention's last three words before it, read once per article
        before = [(c, _LOWER_RUN.findall(text[max(0, c[0] - 40):c[0]].lower())[-3:])
                  for c in mentions]
        if cache is not None:
            cache["words before"] = before
    for c, words in before:
        if titled(words if multi else words[-2:]):
            found.append((c[0], c, words))
        elif pos <= c[0] <= end + 30 and _NAMED_AFTER.fullmatch(text, end, c[0]):
            return c  # "the leader, known as Abu Bakr al-Baghdadi"
    titled_surnames = None if cache is None else cache.get(titles)
    if titled_surnames is None:
        titled_surnames = _titled_surnames(text, titles, by_sur)
        if cache is not None:
            cache[titles] = titled_surnames
    found += titled_surnames
    if not found:
        return None
    if modifier in _FORMER or not modifier:
        want = modifier in _FORMER
        fit = [f for f in found if want == (not _FORMER.isdisjoint(f[2]))]
        found = fit or found
    before = [f for f in found if f[0] <= pos]
    if not before:
        return min(found, key=lambda f: f[0])[1]
    best = max(before, key=lambda f: f[0])
    # of two people the article gives the title ("Judge T.S. Ellis", "Judge Amy Berman
    # Jackson"), the one named last before the phrase, by surname too ("... told Ellis that
    # ... The judge told Manafort:")
    people = {f[1][2]: f for f in before}
    if len(people) > 1:
        # (a surname two people of the text share says nothing: "Melania Trump", "Mr. Trump")
        shared = None if cache is None else cache.get("shared surnames")
        if shared is None:
            shared = Counter(c[4] for c in {c[2]: c for c in mentions}.values())
            if cache is not None:
                cache["shared surnames"] = shared

        def last_named(f):
            if shared[f[1][4]] > 1:
                return f[0]
            last = None
            for last in re.compile(r"\b" + re.escape(f[1][2].split()[-1]) + r"\b").finditer(
                    text, f[0], pos):
                pass
            return last.start() if last else f[0]
        best = max(people.values(), key=last_named)
    return best[1]


# (not across a line break: "Ben Carson" + "\n\nWhat he wants")
_EXT_RIGHT = re.compile(r"(?:[ \t\xa0]+(?:(?:for|of|and|de|van|von|del|da)[ \t\xa0]+)?"
                        + _CAP_TOKEN + r")+")
_EXT_LEFT = re.compile(r"(?:" + _CAP_TOKEN + r"\s+)+$")
REPORT_HINT = r"said|says|told|wrote|added|say|argued|warned|noted|claimed|insisted"
_AFFIX_RX = re.compile(r"-(?:era|led|backed|based|appointed|aligned|linked|allied|leaning|"
                       r"controlled|run|funded|affiliated|friendly)\b")


_ROLE_THEN_NAME = re.compile(
    r"(?:['’]s)?\s+((?:[a-z][\w-]*\s+){1,3}(?:(?:[A-Z][a-z]*\.|[A-Z][a-z]+)\s+){0,2})("
    + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r"){1,4})")
_ROLE_STOP = {"and", "or", "of", "for", "to", "in", "on", "at", "with", "by", "from", "that",
              "who", "which", "is", "was", "has", "had", "will", "would", "the", "a", "an",
              "as", "but", "not", "also", "then", "when", "after", "before", "if", "this",
              "it", "its", "his", "her", "their", "about", "into", "than", "so"}


_CAP_RUN_BEFORE_TAG = re.compile(r"(" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")*)\s*[,(]\s*$")
_CAP_RUN_AT_END = re.compile(r"(" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")*)\s*[,(]?\s*$")
_CAP_RUN_FOR_OF = re.compile(r"(" + _CAP_TOKEN + r"(?:[ \t\xa0]+" + _CAP_TOKEN
                             + r")*)[ \t\xa0]+(for|of)[ \t\xa0]+$")
_SPACED_TOKEN = re.compile(r"\s+\S+")
_ARTICLE_CAP = re.compile(r"(?:the|a|an)\s+[A-Z]")
_DESC_HEAD = re.compile(r"(?:,?\s+[\w.’'-]+){0,8}?\s+([a-z]+)\b(?:\s+(?:of|for)\s+"
                        + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")*)?")
_DESC_THEN_NAME = re.compile(r"(?:\s+[\w’'.-]+){0,5}?,\s+(" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN
                             + r"){1,4})\s*(?=[.,;]|$)")
_AFFIXED_NOUN = re.compile(r"\s+((?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*)(?=\s+(?:" + REPORT_HINT
                           + r")\b|[,.;]|$)")
_DET_BEFORE = re.compile(r"(?:^|\s)((?:one|a|an|another|two|three|several|some|many|the)\s+)$",
                         re.I)


def _ends_for_of(seg: str) -> bool:
    """A necessary condition for ``_CAP_RUN_FOR_OF.search(seg)`` (which is costly: it is
    tried at every position): ``seg`` ends, but for a final line break (``$``), with white
    space after "for" or "of"."""
    if seg.endswith("\n"):
        seg = seg[:-1]
    core = seg.rstrip(" \t\xa0")
    return len(core) < len(seg) and core.endswith(("for", "of"))


# a description cut short after a modifier ("said a former" + " senior intelligence official",
# "said the former" + " law school professor"): its determiner, then the words that go on to its
# noun (and for "the Democratic" + " leader of the Senate, Jane Doe", the name after it)
_DESC_DET = re.compile(r"(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Tt]he)\s")
_MODIFIERS = frozenset("""former senior top high-ranking ranking current longtime veteran
retired leading prominent key local federal foreign military intelligence administration
government campaign party democratic republican state white house senate congressional
justice department police defense security national regional european western american
u.s. israeli russian chinese british iranian iraqi syrian afghan pakistani turkish ukrainian
mexican canadian french german japanese korean saudi palestinian indian""".split())
_NEXT_WORD = re.compile(r"[ \t]+([a-z][\w’'.-]*)")
_NEXT_CAPS = re.compile(r"(?:[ \t]+[A-Z][\w’'.-]*){1,3}[ \t]+([a-z][\w’'-]*)")


def _extend_description(text: str, span: str, e: int) -> int:
    """The end of a description cut short after a modifier, over at most four more words."""
    for _ in range(4):
        last = span.rsplit(None, 1)[-1].lower()
        m = _NEXT_WORD.match(text, e)
        if last not in _MODIFIERS:
            break
        if not m:
            # a name as a modifier before the noun: "a former Trump aide", "a senior U.S.
            # official" (not the speaker: the aide is)
            c = _NEXT_CAPS.match(text, e)
            if not c or _VERB_RX.fullmatch(c.group(1)) or c.group(1) in _DESC_STOP:
                break
            span += text[e:c.end()]
            e = c.end()
            continue
        word, end = m.group(1), m.end()
        if word.endswith(".") and word.count(".") == 1:  # the sentence's full stop
            word, end = word[:-1], end - 1
        if not word or _VERB_RX.fullmatch(word) or word in _DESC_STOP:
            break
        span += text[e:end]
        e = end
    return e


def _extend_definite(text: str, span: str, e: int) -> int:
    """The end of a definite description cut short after a modifier ("the former" + " law
    school professor", "the former" + " secretary of state"): over at most five more
    lower-case words, "of" only before a lower-case word ("of state", not "of the Senate"),
    up to a verb, an auxiliary or an adverb."""
    last = span.rsplit(None, 1)[-1].lower()
    if last not in _DEFINITE_MODIFIERS and not last.isdigit() and last not in _COUNT_WORDS:
        return e  # (not "the campaign", "the White House": nouns that also modify)
    for _ in range(5):
        m = _NEXT_WORD.match(text, e)
        if not m:
            break
        word, end = m.group(1), m.end()
        full_stop = word.endswith(".") and word.count(".") == 1
        if full_stop:
            word, end = word[:-1], end - 1
        if not word or _is_verb(word) or (word in _DESC_STOP and word != "of") or \
                word in _NOT_IN_DESCRIPTION or word.endswith(("ly", "ed")) or \
                word in ("a", "an", "the", "read"):  # "the two read out a statement"
            break
        if word == "of":
            n = _NEXT_WORD.match(text, end)
            if not n or n.group(1).rstrip(".") in _DESC_STOP or \
                    n.group(1).rstrip(".") in ("the", "a", "an", "his", "her", "its", "their"):
                break
            continue_to = n.end() - (1 if n.group(1).endswith(".") else 0)
            span += text[e:continue_to]
            e = continue_to
            if n.group(1).endswith("."):
                break
            continue
        span += text[e:end]
        e = end
        if full_stop:
            break
    return e


_COUNT_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())
_DEFINITE_MODIFIERS = frozenset("""former senior top high-ranking ranking current longtime
veteran retired leading prominent key local federal foreign democratic republican""".split())
_NOT_IN_DESCRIPTION = frozenset("""can could will would may might must should shall is was were
are be been has have had did does do also then later again still just now once often never
always recently""".split())
_DESC_STOP = frozenset("""said says told tells and or but who which that whose with for of in on
at to from by as than about after before during while when where""".split())


# titles joined by "and"/"of" before the name: "former Pennsylvania Gov." + " and Democratic
# National Committee Chairman Ed Rendell", "Former Secretary" + " of State Jane Roe"
_TITLE_CHAIN = re.compile(r"\.?[ \t\xa0]+(?:and|of)((?:[ \t\xa0]+(?:(?:of|the|and|for)[ \t\xa0]+)?"
                          + _CAP_TOKEN + r")+)")


def _after_title_chain(text: str, e: int):
    """The name after the last title of a chain of titles that goes on at ``e`` with "and"
    or "of": (name, start, end) or None."""
    m = _TITLE_CHAIN.match(text, e, min(len(text), e + 100))
    if m is None:
        return None
    toks = [(t.group(), m.start(1) + t.start()) for t in _TOKEN.finditer(m.group(1))]
    last = max((i for i, (t, _) in enumerate(toks) if _key_token(t) in _TITLE_WORDS),
               default=None)
    if last is None:
        return None
    rest = toks[last + 1:]
    if len(rest) < 2 or not all(_is_cap(t[:1]) for t, _ in rest) or \
            not _looks_person_tokens([t for t, _ in rest]):
        return None
    st, end = rest[0][1], rest[-1][1] + len(rest[-1][0])
    return text[st:end], st, end


def _fix_span(text: str, s: int, e: int, surface: str) -> tuple[str, int, int]:
    """Extend or trim a speaker span using the article text around it: complete names cut
    short ("Whip Steve" -> "Whip Steve Scalise", "the Brooklyn" -> its full noun phrase,
    "Democracy" -> "Democracy for America", "a former" -> "a former senior official"),
    replace a party tag by the name before it."""
    span = text[s:e]
    if span and _key_token(span.split()[-1]) in _TITLE_WORDS:
        found = _after_title_chain(text, e)
        if found:
            return found
    if _DESC_DET.match(span):
        e2 = (_extend_definite if span[:1] in "Tt" else _extend_description)(text, span, e)
        if e2 != e:
            m = _DESC_THEN_NAME.match(text[e2:e2 + 120])
            if m and _looks_person_tokens(m.group(1).split()):
                # "the Democratic leader of the Senate, Jane Roe": the name
                return m.group(1), e2 + m.start(1), e2 + m.end(1)
            return text[s:e2], s, e2
    if s >= 4 and text[s - 4:s] == "New " and span.split(None, 1)[0] in gazetteer.AFTER_NEW:
        s -= 4  # "according to The New York Times": not "York"
        span = text[s:e]
    if ("-" in span or "–" in span) and _PARTY_TAG_ONLY.match(span.strip()):
        m = _EXT_LEFT.search(text, max(0, s - 80), s) or _CAP_RUN_BEFORE_TAG.search(
            text[max(0, s - 80):s])
        if m:
            seg = text[max(0, s - 80):s]
            m2 = _CAP_RUN_AT_END.search(seg)
            if m2:
                return m2.group(1), max(0, s - 80) + m2.start(1), max(0, s - 80) + m2.end(1)
        return span, s, e
    # "MSNBC" + " host Chris Matthews", "Obama" + " adviser David Axelrod": the organisation,
    # place or person before a lower-case role noun is not the speaker, the name after it is
    if span[:1].isupper():
        m = _ROLE_THEN_NAME.match(text, e, min(len(text), e + 90))
        # (not a verb: "Andrew Cuomo accused President Donald Trump of ...")
        if m and not any(w in _ROLE_STOP or w in ATTRIBUTING_WORDS
                         for w in m.group(1).split()) and not _VERB_RX.search(m.group(1)):
            return m.group(2), m.start(2), m.end(2)
    # extend left over "for" ("Democracy for" + "America"), and over "of" after an
    # organisation word ("Bank of" + "America")
    left = text[max(0, s - 60):s]
    m = _CAP_RUN_FOR_OF.search(left) if _ends_for_of(left) else None
    if m and (m.group(2) == "for" or _key_token(m.group(1).split()[-1]) in _ORG_NOUNS):
        s = max(0, s - 60) + m.start(1)
        span = text[s:e]
    # extend right over capitalised words ("Speaker Nancy" + " Pelosi")
    if e < len(text) and not (text[e] == "-" and _AFFIX_RX.match(text, e)):
        m = _EXT_RIGHT.match(text, e, min(len(text), e + 80))
        if m:
            ext = m.group()
            toks = ext.split()
            # connectors only for organisation-like names ("Democracy for America"), not
            # "Perry of Texas"
            if toks and toks[0] in ("for", "of", "and") and (
                    " " in span.strip() and _looks_person_tokens(span.split())
                    and not any(_key_token(t) in _ORG_NOUNS for t in span.split())):
                ext = ""
            elif toks and toks[0] in ("and",):
                ext = ""
            # stop before a capitalised report verb or a sentence word
            kept = []
            for t in _SPACED_TOKEN.findall(ext):
                w = _key_token(t)
                if w in _SENTENCE_WORDS and w not in ("for", "of", "and") or w in _TIME_WORDS:
                    break
                kept.append(t)
            ext = "".join(kept)
            if ext and ext.split()[-1] in ("for", "of", "and"):
                ext = ext[: ext.rstrip().rfind(" ")]
            if ext.strip():
                e += len(ext)
    # a lower-case description cut short: "the Brooklyn" + ", N.Y., chapter of Indivisible"
    span = text[s:e]
    if span[:1].islower() and _ARTICLE_CAP.match(span):
        m = _DESC_HEAD.match(text[e:e + 100])
        if m and (m.group(1) in _ORG_NOUNS or m.group(1) in _ANON_HEADS):
            e += m.end()
    if span[:1].islower() or span.split()[0] in ("The", "A", "An"):
        m = _DESC_THEN_NAME.match(text[e:e + 120])
        if m and _looks_person_tokens(m.group(1).split()):
            return m.group(1), e + m.start(1), e + m.end(1)
    # "-era"/"-led": the noun phrase it modifies ("Obama-era officials")
    m = _AFFIX_RX.match(text, e) if text.startswith("-", e) else None
    tail = text[max(s, e - 12):e]
    aff_end = m.end() if m else (e if "-" in tail and _AFFIX_RX.search(tail) and
                                 text[e - 1:e].isalpha() else None)
    if aff_end is not None:
        m2 = _AFFIXED_NOUN.match(text[aff_end:aff_end + 60])
        if m2:
            e = aff_end + m2.end()
            d = _DET_BEFORE.search(text[max(0, s - 12):s])
            if d:
                s -= len(d.group(1))
    return text[s:e], s, e


_VERBS = (
    r"said|says|say|told|tells|wrote|writes|added|adds|tweeted|tweets|stated|explained|"
    r"argued|noted|declared|insisted|warned|replied|responded|asked|confirmed|continued|"
    r"posted|announced|acknowledged|recalled|conceded|countered|claimed|testified|"
    r"reiterated|emphasized|stressed|predicted|cautioned|remarked|observed|opined|"
    r"put it|puts it|tweeting|writing|saying|reported|reports|resisted|retorted|"
    r"quipped|joked|shot back|published|remembered|written|complained|admitted|boasted|"
    r"lamented|recounted|scoffed|urged|vowed|pleaded|fumed|snapped|interjected|pressed|"
    r"notes|concludes|concluded|observes|argues|explains|insists|warns|recalls|declares|"
    r"asserts|asserted|contends|contended|maintains|maintained|followed up|emphasizes|"
    r"emphasises|emphasised|stresses|reiterates|acknowledges|testifies|admits")
_VERB_RX = re.compile(r"\b(?:" + _VERBS + r")\b")
# the one-word verbs: an alphabetic word fullmatches _VERB_RX exactly when it is one of them
_VERB_WORDS = frozenset(v for v in _VERBS.split("|") if " " not in v)


def _is_verb(word: str) -> bool:
    """``_VERB_RX.fullmatch(word)``, without the regex for an alphabetic word."""
    if word.isalpha():
        return word in _VERB_WORDS
    return _VERB_RX.fullmatch(word) is not None


def _name_before(text: str, lo: int, hi: int):
    """The last name-like capitalised run in text[lo:hi] that is not a time expression, a
    person's name if there is one: (name, start, end) or None."""
    best = other = None
    for m in _NAME_RUN.finditer(text, lo, hi):
        cleaned = clean_name(m.group())
        if not cleaned:
            continue
        toks = cleaned.split()
        if all(_key_token(t) in _TIME_WORDS or _key_token(t) in _SENTENCE_WORDS
               or _key_token(t) in _TITLE_WORDS for t in toks) and \
                not _titled_month(m.group()[:m.group().rfind(cleaned)], cleaned, {}):
            continue
        if text[m.end():m.end() + 2] in ("’s", "'s") and m.end() + 2 < hi:
            continue  # "England's ..."; "Gao's friend"
        if _PREP_BEFORE.search(text[max(0, m.start() - 6):m.start()]):
            continue  # "Perry of Texas": a place or an object, not the subject
        if gazetteer.kind_of(cleaned) == "thing":
            continue  # "he blasted Obamacare's Medicaid provisions:": a law speaks not
        st = m.start() + max(0, m.group().find(toks[0]))
        modified = _MODIFIER_BEFORE.search(text[max(0, m.start() - 40):m.start()])
        kind = classify(cleaned)
        if kind == "person" and not modified:
            best = (cleaned, st, st + len(cleaned))
        elif kind == "organisation" and _is_paper(cleaned) and \
                not text[m.end():hi].strip(" ,:-—–\n") and \
                not _PREP_THE_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
            # "The Charlotte Observer reported:" (not "Jane Roe of the Boston Globe said",
            # "a former New York Times reporter, notes")
            best = (cleaned, st, st + len(cleaned))
        else:
            other = (cleaned, st, st + len(cleaned))
    return best or other


# a full name, then its description between commas, right before the verb: "Jane Roe, 67, a
# retired nurse in Springfield, Ill., said", "As John Doe, the No. 2 in the party, put it"
_APPOSED = re.compile(r"(" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")+),\s+(?:\d{1,3},|"
                      r"(?:a|an|the|one|who|whose|his|her|their)\s)")


def _apposed_name(text: str, lo: int, hi: int):
    """The full name that opens text[lo:hi] (a sentence word such as "As" before it is
    dropped), with a description after it and a comma before the verb at ``hi``: (name,
    start, end) or None. The name nearest the verb is a place or an employer in that
    description ("Pa.", "Trading"), not the speaker."""
    if not text[lo:hi].rstrip().endswith(","):
        return None
    first = _NAME_RUN.search(text, lo, hi)
    while first is not None and not clean_name(first.group()):
        first = _NAME_RUN.search(text, first.end(), hi)  # "But as Jane Roe, ..."
    if first is None:
        return None
    m = _APPOSED.match(text, first.start(), hi)
    if m is None:
        return None
    name = clean_name(m.group(1))
    if not name or " " not in name or classify(name) != "person" or \
            _no_person_name(name) is not None:
        return None
    st = m.start(1) + m.group(1).find(name.split()[0])
    return name, st, st + len(name)


# "said 9/11 widow Jane Roe": a short description in lower case, then the name
_DESCRIBED_AFTER_VERB = re.compile(r"\s+(?P<desc>(?:[a-z0-9][\w/’'-]*\s+){1,3})("
                                   + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r"){1,3})")


_SENTENCE_CLOSE = re.compile(r"[.!?](?=\s)")
_OPENING_MARK = re.compile(r"[“\"]")
_TITLE_WORDS_IN_MARKS = re.compile(r"([^“”\"\n]{1,60}?)[.,]?[”\"]")


def reports_own_quotation(text: str, quoted: str, subject: str, verb_end: int, end: int) -> bool:
    """After a quotation of the words ``quoted``, does the next sentence, opened by ``subject``
    (a name or description) and a report verb ending at ``verb_end``, go on to quote words of
    its own after some of its own ("... the neighborhood.” Russia insisted that Pyongyang “stop
    ...”")? Then subject and verb attribute those words, not the quotation before, which ended
    its sentence. Not after a comma or colon ('... win.” Cole said, “We have the votes.”' is
    Cole's twice), not for a title in marks ('on “The Daily Briefing”'), and not for a pronoun
    ("He told reporters that ..."), which stands for the subject of the quotation's own
    sentence, most often its speaker too. ``end``: where the search for the sentence's end and
    the mark stops (the end of the line, or just past a mark already found)."""
    if quoted.rstrip()[-1:] not in (".", "!", "?") or not subject[:1].isupper() or \
            subject.lower() in _PRONOUNS:
        return False
    close = _SENTENCE_CLOSE.search(text, verb_end, end)
    mark = _OPENING_MARK.search(text, verb_end, close.start() if close else end)
    if mark is None:
        return False
    own = text[verb_end:mark.start()].rstrip()
    if not own or own[-1] in ",:":
        return False
    words = _TITLE_WORDS_IN_MARKS.match(text, mark.end())
    return not (words and all(w[:1].isupper() or len(w) <= 3 for w in words.group(1).split()))


def _fallback(text: str, q: dict):
    """A speaker the quotation finder missed: the name right before a report verb in the
    words after the closing mark (same sentence), else in the clause before the opening
    mark. (name, start, end) or None."""
    me, ms = q.get("mark_end"), q.get("mark_start")
    if me is None or ms is None:
        return None
    stop = min(len(text), me + 200)
    for ch in ("\n", "“", '"'):
        k = text.find(ch, me, stop)
        if k >= 0:
            stop = k
    for m in _WORD_STOP.finditer(text[me:stop]):
        if not (m.group(1)[:1].isupper() and len(m.group(1)) <= 4):
            stop = me + m.end(1) + 1  # a sentence end, not "Gov." or "N.Y."
            break
    v = _VERB_RX.search(text, me, stop)
    if v and (w := text[me:v.start()].split(None, 1)) and reports_own_quotation(
            text, text[ms + 1:me - 1], w[0], v.end(), stop + 1):
        v = None  # '... sense.” The former president claimed DACA recipients “pose ...”'
    if v:
        seg = text[me:v.start()]
        d = _DESC_SUBJECT.match(seg)
        if d and not _COMMA_NAME_AT_END.search(d.group(1)):
            st, desc = me + d.start(1), d.group(1)
            last = _LAST_DESC.match(desc)
            if last:
                st, desc = st + last.start(1), desc[last.start(1):]
            cut = _AUXILIARY.search(desc)
            if cut:
                desc = desc[:cut.start()]
            return desc, st, st + len(desc)
        found = _apposed_name(text, me, v.start()) or _name_before(text, me, v.start())
        if found:
            return found
        m = _NAME_AFTER_VERB.match(text[v.end():stop])
        if m is None:
            # (not "said in a statement", "said last week")
            m = _DESCRIBED_AFTER_VERB.match(text[v.end():stop])
            if m and any(w in _DESC_STOP or w in _TIME_WORDS
                         for w in m.group("desc").lower().split()):
                m = None
        if m:
            g = m.lastindex  # the name's group
            c = clean_name(m.group(g))
            if c and _key_token(c.split()[0]) not in _TIME_WORDS:
                st = v.end() + m.start(g) + m.group(g).find(c.split()[0])
                return c, st, st + len(c)
    hi = ms
    while hi > 0 and text[hi - 1].isspace():
        hi -= 1
    colon = hi > 0 and text[hi - 1] == ":"
    lo = max(text.rfind("\n", 0, hi) + 1, _clause_start(text, hi), hi - 200, 0)
    opens_para = "\n" in text[hi:ms] or hi == 0
    if opens_para and not colon:
        # a quotation opening a paragraph of its own with no attribution: the reader takes
        # it for the words of the subject of the paragraph before
        line_end = text.find("\n", me)
        line_end = len(text) if line_end < 0 else line_end
        if hi > 0 and not _VERB_RX.search(text, me, line_end):
            return _paragraph_subject(text, text.rfind("\n", 0, hi) + 1, hi)
        return None
    v = None
    for v in _VERB_RX.finditer(text, lo, hi):
        pass
    if v:
        if _PRONOUN_BEFORE.search(text, lo, v.start()):
            return None  # "..., he explains.": the pronoun's person, not a name before it
        found = _apposed_name(text, lo, v.start()) or _name_before(text, lo, v.start())
        if found is None and not v.group().endswith("ing") and v.group() != "say":
            # "The lawsuit concludes:", "One study published in 2019 notes,"
            d = _DESC_BEFORE_VERB.search(text, lo, v.start())
            desc = _speaking_description(d.group(1)) if d else None
            if desc:
                return desc, d.start(1), d.start(1) + len(desc)
        return found
    if colon:
        found = _name_before(text, lo, hi)
        # a label before the colon, not a name: "Fake ad:", "Dated but relevant:" (one or two
        # lower-case words after the word; after a name come a comma and its description, a
        # party tag, or a clause: "Sanders made the following comment:")
        if found and 0 < len(_LOWER_WORD.findall(text, found[2], hi)) <= 2 and \
                not text[found[2]:hi].lstrip().startswith((",", "(", "-", "–")):
            return None
        return found
    return None


_LOWER_WORD = re.compile(r"\b[a-z]")
# a description opening the clause right before the verb
_DESC_BEFORE_VERB = re.compile(r"(?:^|(?<=[\s,(]))((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother)\s"
                               r"[^\n,;:]{2,80}?)\s*$")


def _speaking_description(desc: str) -> str | None:
    """A description of up to ten words, cut before a time ("The energy secretary on
    Thursday"), when it has among its three words after the determiner a noun that can speak
    or be quoted ("the lawsuit", "one senior official", "a new study") and no verb with an
    object ("The White House released a statement"); else None."""
    words = desc.split()
    if len(words) > 10 or _AUXILIARY.search(desc) or any(_is_verb(w) for w in words) or \
            _VERB_WITH_OBJECT.search(desc):
        return None
    if not any(w.lower() in _DOCUMENT_NOUNS or w.lower() in _ORG_NOUNS or
               _is_person_noun(w.lower()) for w in words[1:4]):
        return None
    for i, w in enumerate(words):
        if i > 1 and _key_token(w) in _TIME_WORDS:
            while i > 2 and words[i - 1].lower() in ("on", "in", "at", "last", "this", "late"):
                i -= 1
            return " ".join(words[:i])
    return desc


# "released a statement", "went on to", "politely": a verb of the clause or its adverb, not a
# description's word
_VERB_WITH_OBJECT = re.compile(r"\b(?:(?:\w+ed|put|made|gave|took|told|sent)\s+(?:a|an|the|"
                               r"this|that|his|her|their|its|out|up)\b|went\b|\w{3,}ly$)")
_PRONOUN_BEFORE = re.compile(r"(?:^|\s)(?:he|she|they|we|I|it)\s*$")


_PERIOD_SPACE = re.compile(r"([\w’'.-]*)\.\s")


def _clause_start(text: str, hi: int) -> int:
    """Where the sentence that ends at ``hi`` starts (after the last ". " before it), not
    counting the period of an abbreviation ("Dr. Jane Roe", "the U.S. effort"); 0 when there
    is none in the 200 characters before."""
    lo = max(0, hi - 200)
    start = 0
    for m in _PERIOD_SPACE.finditer(text, lo, hi):
        w = m.group(1)
        if w in TITLE_ABBREVIATIONS or (len(w) <= 3 and w[:1].isupper()) or "." in w:
            continue  # "Dr.", "Gov.", "Jr.", an initial, "U.S."
        start = m.end()
    return start


# --- names that name nobody ----------------------------------------------------------------

_CONTRACTION = re.compile(r"[A-Z][a-z]*[’'](?:ve|re|m|d|ll)")  # "I’ve", "They’re"
_PERSON_OF = re.compile(r"(" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")+)\s+of\s+$")
_ROLE_OF = re.compile(r"((?:the|The)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+of\s+")
_DESC_BEFORE = re.compile(r"(?:^|(?<=\s))((?:the|a|an|one|another|two|three|several|some|many)"
                          r"\s+(?:[a-z][\w-]*\s+){0,2})$", re.I)
_WORDS_AFTER = re.compile(r"(?:\s+[a-z][\w-]*){1,3}")
_NAME_AFTER_DESC = re.compile(r"(?:\s+and\s+(?:[\w-]+\s+){0,3}|,?\s+)(" + _CAP_TOKEN
                              + r"(?:\s+" + _CAP_TOKEN + r"){1,3})")


_KIND_OF_NON_NAME = {"place": "organisation", "organisation": "organisation", "group": "group"}
_PEOPLE_WORDS = frozenset({"Others", "Another", "Some", "Many", "Several", "Most", "Both"})


def _no_person_name(name: str) -> str | None:
    """Why a cleaned capitalised speaker name names no person: ``gazetteer.kind_of``'s
    "place", "organisation", "descriptive", "group" or "thing", or "word" for a word alone
    that is no name (a sentence word, "I’ve", an initial, a title or suffix alone); None when
    it may be one."""
    what = gazetteer.kind_of(name)
    if what or " " in name:
        return what
    key = _key_token(name)
    if name in CAPITALISED_NON_NAMES or _CONTRACTION.fullmatch(name) or \
            _INITIAL.fullmatch(name) or key in _SUFFIXES or key in _TITLE_WORDS:
        return "word"
    return None


def is_person_noun(w: str) -> bool:
    """Is the lower-case word a noun for one person ("rapper", "senator", "official")?"""
    return w in _PERSON_NOUNS or w in _ANON_HEADS


def _is_person_noun(w: str) -> bool:
    """The same, or a plural of such a noun ("senators")."""
    return is_person_noun(w) or (w[-1:] == "s" and w[:-1] in _PERSON_NOUNS)


def _described(text: str, s: int, e: int):
    """The description a nationality or party word at text[s:e] begins ("one Republican
    operative", "a senior Democratic aide"), or the name right after it ("Democratic
    strategist and CNN contributor Donna Brazile"): (words, start, end) or None."""
    after = _WORDS_AFTER.match(text, e, min(len(text), e + 40))
    d = _DESC_BEFORE.search(text[max(0, s - 40):s])
    start = s - len(d.group(1)) if d else s
    end = e
    for w in _PHRASE_WORD.finditer(after.group() if after else ""):
        end = e + w.end()
        if not _is_person_noun(w.group()):
            continue
        m = _NAME_AFTER_DESC.match(text, end, min(len(text), end + 70))
        if m and _looks_person_tokens(m.group(1).split()):
            c = clean_name(m.group(1))
            if c and _no_person_name(c) is None:
                st = m.start(1) + m.group(1).find(c.split()[0])
                return c, st, st + len(c)
        return text[start:end], start, end
    # the word as a noun: "one senior Democrat", "the Russian"
    return (text[start:e], start, e) if d else None


# "the Kentucky Republican": the definite article before a description (or starting it)
_DEFINITE = re.compile(r"\b[Tt]he\s")
# a party noun, and the party letter of a party-state tag
_PARTY_NOUNS = {"republican": "R", "democrat": "D", "independent": "I"}
_PARTY_ADJ = {**_PARTY_NOUNS, "gop": "R", "democratic": "D"}
# "Rand Paul, a Kentucky Republican," / ", the Vermont independent"
_PARTY_APPOS = re.compile(r",\s+(?:a|an|the|another|fellow)\s+((?:[A-Z][A-Za-z.]*\s+){0,2})"
                          r"(Republican|Democrat|Independent|independent)(?=[,.;)]|\s+who\b)")


def _state_fits(words: list[str], tag: str) -> bool:
    """Whether a state named in words ("Kentucky", "New York") may be the one a tag or
    words abbreviate ("Ky.", "N.Y.", "KY", "Kentucky"): the tag's letters, in order, among the
    name's, the first ones equal (word initials for a name of several words)."""
    name = "".join(w for w in words).lower()
    letters = "".join(c for c in tag.lower() if c.isalpha())
    if not name or not letters:
        return True  # nothing to tell them apart
    if len(words) > 1 and letters == "".join(w[0] for w in words).lower():
        return True
    if letters[0] != name[0]:
        return False
    it = iter(name)
    return all(c in it for c in letters)


def _party_evidence(text: str, c) -> tuple[str, list[str]] | None:
    """(party letter, state words or tag) the text gives the person of mention ``c`` right
    there: a party-state tag after the name, an apposition ("Rand Paul, a Kentucky
    Republican,"), or the words before it ("Kentucky Republican Rand Paul", "Democratic Sen.
    Adam Schiff")."""
    s0, e0 = c[0], c[1]
    m = _PARTY_TAG.match(text, e0, min(len(text), e0 + 30))  # "Rand Paul (R-Ky.)"
    if m:
        return m.group(1), [m.group(2)]
    m = _PARTY_APPOS.match(text, e0, min(len(text), e0 + 60))
    if m:
        return _PARTY_NOUNS[m.group(2).lower()], m.group(1).split()
    before = text[max(0, s0 - 60):s0]
    before = before[before.rfind("\n") + 1:]
    words = before.split()[-4:]
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        if w.endswith((",", ";", ":", ".")) and k < len(words) - 1 and \
                _key_token(w) not in _TITLE_WORDS and _key_token(w) not in _ABBREVIATIONS:
            break
        if not _is_cap(w) and _key_token(w) not in _TITLE_WORDS:
            break  # "... Republican told Newsmax TV": only titles and names between
        party = _PARTY_ADJ.get(_key_token(w))
        if party and _is_cap(w):
            return party, [x for x in words[:k] if _is_cap(x) and
                           _key_token(x) not in _TITLE_WORDS][-2:]
    return None


_GAP_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s|\n")


def _party_member(text: str, name: str, s: int, e: int, by_sur: dict):
    """The person a definite party description refers to ("the Kentucky Republican said",
    "the Democrat added"): the latest one named before it whom the text gives that party,
    and, when both say a state, a state that fits. (name, start, end) of that mention, or
    None when the text gives no such person."""
    toks = name.split()
    party = _PARTY_NOUNS.get(_key_token(toks[-1]))
    if not party or any(_key_token(t) in _COUNT_WORDS or t[:1].isdigit()
                        for t in text[s:e].split()):
        return None  # "the five Republican authors": several people
    # the state the description names ("the Kentucky Republican"), which the person's own
    # party-state tag or words must then name too
    state = toks[:-1]
    while state and gazetteer.kind_of(" ".join(state)) != "place":
        state = state[1:]
    best = None
    for cands in by_sur.values():
        for c in cands:
            if c[1] > s or (best is not None and c[0] <= best[0]):
                continue
            ev = _party_evidence(text, c)
            if ev is None or ev[0] != party:
                continue
            if state and not (ev[1] and (_state_fits(state, " ".join(ev[1])) or
                                         _state_fits(ev[1], " ".join(state)))):
                continue
            best = c
    if best is None:
        return None
    if not state:
        # "the Democrat" alone: only for a person named in this sentence or the one before,
        # with nobody else named between ("Hoyer (D-Md.) said ... Pelosi also said ... The
        # Democrat said" is Pelosi, whom the text gives no party: nobody, rather than Hoyer)
        last = [m.end() for m in re.finditer(r"\b" + re.escape(best[2].split()[-1]) + r"\b",
                                              text[:s])]
        gap = text[max([best[1], *last]):s]
        if len(_GAP_SENTENCE_END.findall(gap)) > 1:
            return None  # the person named two sentences before or more
        for sur, cands in by_sur.items():
            if sur != best[4] and any(c[2] != best[2] for c in cands) and \
                    re.search(r"\b" + re.escape(sur) + r"\b", gap, re.IGNORECASE):
                return None
    return best[2], best[0], best[1]


_DETERMINER = re.compile(r"\b" + DETERMINERS + r"\s")
_WORDS_AHEAD = re.compile(r"[\w’'-]+")
_ORG_RUN = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+(?:(?:of|for|and)\s+)?"
                      r"[A-Z][\w’'.&-]*)*")
_IN_MARKS = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def _it_referent(text: str, pos: int):
    """What the "It" of "It said" at ``pos`` stands for: the first document or body the
    sentences before it (two at most, their quotations left out) name, in their order, so the
    subject first ("The resolution said the House ...": the resolution; "the Office for Civil
    Rights wrote back": the office); a person is never "it". (text, start, end) or None."""
    lo = max(0, pos - 400)
    # this paragraph and the one before at most
    j = text.rfind("\n", lo, pos)
    while j > lo and text[j - 1].isspace():
        j -= 1  # back over the blank lines to the end of the paragraph before
    if j > lo:
        lo = text.rfind("\n", lo, j) + 1 or lo
    region = _IN_MARKS.sub(lambda m: " " * len(m.group()), text[lo:pos])
    starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(region)]
    seen = 0
    for k in range(len(starts) - 1, -1, -1):
        a = starts[k]
        b = starts[k + 1] if k + 1 < len(starts) else len(region)
        if not region[a:b].strip(" \t\n\xa0.,"):
            continue
        seen += 1
        if seen > 2:
            break
        found = []
        for d in _DETERMINER.finditer(region, a, b):
            # the phrase runs to its last document or body word ("a White House statement")
            head = None
            for i, w in enumerate(_WORDS_AHEAD.finditer(region, d.end(), b)):
                key = _POSS.sub("", w.group().lower())  # "the council's resolution"
                if i > 4 or not key.replace("-", "").isalnum() or key in _SENTENCE_WORDS or (
                        head is not None and not (key in _DOCUMENT_NOUNS or key in _ORG_NOUNS
                                                  or w.group()[:1].isupper())):
                    break
                if key in _DOCUMENT_NOUNS or key in _ORG_NOUNS:
                    head = w.end()
                if region[w.end():w.end() + 1] in (",", ".", ";", ":"):
                    break
            if head is not None:
                found.append((d.start(), head))
        for m in _ORG_RUN.finditer(region, a, b):
            name = m.group()
            if " " in name and classify(name) == "organisation" and not any(
                    _key_token(t) in _PERSON_NOUNS for t in name.split()):
                found.append((m.start(), m.end()))
        if found:
            st, en = min(found, key=lambda f: (f[0], -f[1]))  # the first, in full
            return text[lo + st:lo + en], lo + st, lo + en
    return None


def _named_speaker(text: str, name: str, s, e, by_sur: dict, role_noun):
    """``name``, the cleaned speaker at text[s:e], as (name, start, end), or what stands for
    it when it names no person: the person before "of" ("Rep. Steve King of Iowa"), the
    person a role noun refers to ("the former President", "the governor of New Jersey"), a
    description ("one Republican operative"); a place or well-known organisation stays (its
    kind is set later); None when nobody is named ("Instead", "I’ve", "Y.")."""
    if not _is_cap(name[:1]) or _key_token(name.split()[-1]) in by_sur:
        return name, s, e
    what = _no_person_name(name)
    if what is None or what == "organisation" or what == "group":
        return name, s, e
    if s is None or e is None:
        return (name, s, e) if what == "place" else None
    if what == "place":
        m = _PERSON_OF.search(text, max(0, s - 60), s)
        c = clean_name(m.group(1)) if m else None
        if c and _no_person_name(c) is None and classify(c) == "person":
            st = m.start(1) + m.group(1).rfind(c.split()[0])
            return c, st, st + len(c)
        m = _ROLE_OF.match(text, s, e)
        if m:
            found = role_noun(m.group(1), s)
            return (found[2], found[0], found[1]) if found else None
        if text[max(0, s - 2):s].strip() == "," or _PREP_BEFORE.search(text[max(0, s - 6):s]):
            # "Mr. Daniloff, retired in Cambridge, Mass., said": the subject before it
            found = _name_before(text, max(text.rfind("\n", 0, s) + 1, s - 150), s - 1)
            if found and _no_person_name(found[0]) is None and classify(found[0]) == "person":
                return found
        return name, s, e
    if what == "descriptive" and _DEFINITE.search(text, max(0, s - 4), s + 4):
        # "the Kentucky Republican", "the Democrat": a person the article named before with
        # that party (and state)
        found = _party_member(text, name, s, e, by_sur)
        if found:
            return found
    if what == "descriptive" and " " not in name:
        return _described(text, s, e)
    if name in _PEOPLE_WORDS:
        return name.lower(), s, e  # "Others said": a group, "Another added"
    if what == "word" and _key_token(name) in _TITLE_WORDS:
        phrase = text[s:e]
        found = role_noun(phrase if phrase[:4].lower() == "the " else "the " + name.lower(), s)
        return (found[2], found[0], found[1]) if found else None
    return None


_SUBJ_RX = re.compile(r"(" + _CAP_TOKEN + r"(?:\s+" + _CAP_TOKEN + r")*)(?:,[^,]{1,80},)?\s+"
                      r"([a-z]+)\b")
_COMMON_VERBS = {"was", "is", "has", "had", "said", "says", "told", "tells", "will", "would",
                 "can", "could", "may", "might", "made", "makes", "took", "takes", "gave",
                 "gives", "went", "goes", "came", "comes", "won", "lost", "spoke", "speaks",
                 "wrote", "writes", "met", "ran", "runs", "led", "leads", "sent", "left",
                 "put", "set", "wants", "thinks", "thought", "knew", "knows", "sees", "saw",
                 "became", "becomes", "began", "begins", "did", "does", "got", "gets",
                 "kept", "keeps", "held", "holds", "brought", "felt", "feels", "tried",
                 "seems", "seemed", "told", "also", "never", "then", "now", "still"}
_NOT_VERB = {"of", "and", "or", "in", "on", "at", "to", "for", "from", "with", "by", "the", "a",
             "an", "who", "which", "that", "as", "than", "into", "over", "after", "before"}


def _paragraph_subject(text: str, lo: int, hi: int):
    """The named subject of the last sentence of text[lo:hi] that has one: a capitalised
    run followed by a verb-like lower-case word ("Trudeau was on track", "Marine Gen. Frank
    McKenzie concurred"). (name, start, end) or None."""
    para = text[lo:hi]
    if any(c in para for c in "“”\""):
        return None  # the paragraph before quotes someone: too uncertain
    starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(para)]
    for k in range(len(starts) - 1, -1, -1):
        seg_hi = starts[k + 1] if k + 1 < len(starts) else len(para)
        for m in _SUBJ_RX.finditer(para, starts[k], seg_hi):
            if m.group(2) in _NOT_VERB or not (m.group(2) in _COMMON_VERBS
                                               or m.group(2).endswith("ed")):
                continue
            if _INITIALS.fullmatch(m.group(1)):
                continue  # "U.S. forces"
            before = para[max(0, m.start() - 6):m.start()]
            if _PREP_OR_THE_BEFORE.search(before):
                continue
            cleaned = clean_name(m.group(1))
            if not cleaned or all(_key_token(t) in _TIME_WORDS or _key_token(t) in
                                  _SENTENCE_WORDS or _key_token(t) in _TITLE_WORDS
                                  for t in cleaned.split()):
                continue
            if cleaned.lower() in _PRONOUNS:
                return None
            st = lo + m.start(1) + max(0, m.group(1).find(cleaned.split()[0]))
            return cleaned, st, st + len(cleaned)
    return None


_QUOTE_FIELDS = ("kind", "speaker", "speaker_start", "speaker_end", "mention_start",
                 "mention_end", "mark_start", "mark_end")


_QUOTE_GETTER = operator.attrgetter(*_QUOTE_FIELDS)


def _as_dict(q, position: int) -> dict:
    """The fields of a quotation this module reads, from a ``Quote`` or a dict."""
    if isinstance(q, dict):
        return q if "position" in q else {**q, "position": position}
    try:
        row = dict(zip(_QUOTE_FIELDS, _QUOTE_GETTER(q)))
    except AttributeError:  # an object without some of them
        row = {f: getattr(q, f, None) for f in _QUOTE_FIELDS}
    row["position"] = position
    return row


_THE_WORD = re.compile(r"[Tt]he\s+[A-Z][a-z]+")
_POSS_TIME = re.compile(r"(.+?)['’]s\s+[A-Z][a-z]+")
_PEOPLE_OWNERS = frozenset({"women", "men", "children", "people", "veterans", "workers"})


def _publication_word(key: str, by_sur: dict) -> bool:
    """Can "The <Word>" be a publication or a body ("The Hill", "The Monitor")? Not a title,
    a role, a person's word ("The Frenchman", "The Donald", "The Prophet"), a plural ("The
    Clintons") or a surname the article gives in full; and it is not a month or day."""
    return not (key in _TITLE_WORDS or key in _PERSON_NOUNS or key in by_sur or
                _given_name(key) or key in _TIME_WORDS or
                key.endswith(("s", "man", "woman", "et", "ist")) or len(key) < 4)


_NOT_GIVEN = frozenset({"u.s", "u.k", "u.n", "us", "uk"})


def _known_word_name(name: str, by_sur: dict, vocab) -> bool:
    """Is a word that is also plain English a name here: the surname of a full name the
    article gives ("Bush", "Hatch"; not "Ambassador" of "U.S. Ambassador"),
    or a known place or organisation the text never writes in lower case ("China")?"""
    key = _key_token(name)
    if key in _TITLE_WORDS:
        return False
    if any(c[3] and not _NOT_GIVEN.issuperset(c[3]) for c in by_sur.get(key, ())):
        return True
    return key not in vocab and gazetteer.kind_of(name) is not None


_TITLE_BEFORE_MONTH = re.compile(r"\b(?:Miss|" + NAME_TITLE_ABBREVIATIONS + r")\.?\s+$")


def _titled_month(before: str, name: str, by_sur: dict) -> bool:
    """Is a month alone (``name``) a surname here: written after a title (``before``, the
    words before it: "Mrs May said") or the surname of a full name the article gives
    ("Theresa May ... May added")?"""
    key = _key_token(name)
    if " " in name or key not in _MONTH_SURNAMES:
        return False
    return key in by_sur or bool(_TITLE_BEFORE_MONTH.search(before))


def article_speakers(text: str, quotes: list, boilerplate: list = ()) -> list[dict]:
    """Canonical speaker of each quotation of one article (see the module documentation):
    ``quotes`` are ``Quote`` objects or dicts with their fields; a quotation's ``position``
    is its index in ``quotes`` unless the dict gives one. ``boilerplate``: (start, end), in
    order, of the lines whose names name nobody (``boilerplate.NAMELESS_KINDS``: "Add Donald
    Trump as an interest to stay up to date ..." is not a fuller name for "the president")."""
    quotes = [_as_dict(q, i) for i, q in enumerate(quotes)]
    if not any(q.get("kind", "direct") == "direct" for q in quotes):
        return [{"position": q.get("position"), "name": None, "kind": None, "role": None,
                 "surface": None} for q in quotes]
    vocab = _vocab(text)
    mentions = _name_mentions(text, vocab)
    if boilerplate:
        ends = [e for _, e in boilerplate]
        mentions = [c for c in mentions if not _inside(c[0], boilerplate, ends)]
    by_sur: dict[str, list] = {}
    by_first: dict[str, list] = {}
    for c in mentions:
        by_sur.setdefault(c[4], []).append(c)
        if c[3]:
            by_first.setdefault(c[3][0], []).append(c)
    # quotations of one speaker repeat the same spans: each span is repaired, and its role
    # read, once (both are functions of the text and the span)
    fixed: dict[tuple[int, int], tuple[str, int, int]] = {}
    roles: dict[tuple[int, int], str | None] = {}
    titled_cache: dict = {}  # the surnames written with a title, read once per title

    def fix_span(s: int, e: int) -> tuple[str, int, int]:
        found = fixed.get((s, e))
        if found is None:
            found = fixed[s, e] = _fix_span(text, s, e, text[s:e])
        return found

    def role_noun(phrase: str, pos: int):
        return _resolve_role_noun(text, phrase, pos, mentions, by_sur, titled_cache)

    def role_for(s: int, e: int) -> str | None:
        if (s, e) in roles:
            return roles[s, e]
        role = roles[s, e] = _role_for(text, s, e, by_sur)
        return role

    out = []
    for q in quotes:
        pos = q.get("position")
        raw = q.get("speaker")
        s, e = q.get("speaker_start"), q.get("speaker_end")
        ms, me = q.get("mention_start"), q.get("mention_end")
        surface = text[ms:me] if ms is not None and me is not None else raw
        row = {"position": pos, "name": None, "kind": None, "role": None, "surface": surface}
        if q.get("kind", "direct") != "direct":
            out.append(row)
            continue
        span = raw
        if raw and s is not None and e is not None and text[s:e] == raw:
            span, s, e = fix_span(s, e)
            cut = _SENTENCE_END_IN_NAME.search(span)
            if cut and text[s:e] == span:
                # a span across a sentence end ('... by Obamacare. The California Democrat
                # said'): the part next to the verb
                if _VERB_RX.match(text[e:e + 40].lstrip()):
                    k = cut.end() - 1
                    span, s = span[k:], s + k
                else:
                    span, e = span[:cut.start()], s + cut.start()
                raw = span
        anchor0 = s if s is not None else (q.get("mark_start") or 0)
        if raw in ("It", "it") and s is not None and text[s:e] == raw:
            found = _it_referent(text, s)
            if not found:
                out.append(row)  # a pronoun no document or body before it explains
                continue
            span, s, e = found
            raw = span
        if raw and s is not None and _IN_FROM_BEFORE.search(text[max(0, s - 6):s]):
            found = None
            for v in _VERB_RX.finditer(text, e, min(len(text), e + 160)):
                found = _name_before(text, e, v.start())
                if found:
                    break
            if found and "\n" not in text[e:found[1]]:
                span, s, e = found
                raw = span
        name = clean_name(span) if raw else None
        owner = _POSS_TIME.fullmatch(span.strip()) if name else None
        own = owner.group(1).lower() if owner else ""
        if owner and _key_token(span.split()[-1]) in _TIME_WORDS and own not in vocab and \
                own not in _PEOPLE_OWNERS:
            # "Roe’s Wednesday walkout ... he said": the owner, not the day (not "Women’s
            # March": a plain word's)
            name = clean_name(owner.group(1))
        if name and " " not in name and _THE_WORD.fullmatch(span.strip()) and \
                _publication_word(_key_token(name), by_sur) and not gazetteer.kind_of(name):
            name = "The " + name  # "The Hill writes": a publication; no person takes "the"
        month = bool(name) and _titled_month(span[:span.rfind(name)], name, by_sur)
        if name and not month and all(_key_token(t) in _TIME_WORDS or
                                      _key_token(t) in _SENTENCE_WORDS for t in name.split()):
            name = None  # "said Friday", "said at the time": no speaker in those words
        if name and not month:
            found = _named_speaker(text, name, s, e, by_sur, role_noun)
            name, s, e = found or (None, s, e)
        fell_back = not name
        if not name:
            found = _fallback(text, q)
            if not found:
                out.append(row)
                continue
            name, s, e = found
            if text[s:e] == name:
                span, s, e = fix_span(s, e)
                name = clean_name(span) or name
            if name and s is not None and _titled_month(text[max(0, s - 8):s], name, by_sur):
                found = name, s, e
            else:
                found = _named_speaker(text, name, s, e, by_sur, role_noun) if name else None
            if not found:
                out.append(row)
                continue
            name, s, e = found
            if row["surface"] is None:
                row["surface"] = name
        if name and name[:1].islower():
            # a description runs on into its clause ("the question was", "the president
            # had"): the words before the verb, nobody when only a determiner is left
            cut = _AUX_IN_DESC.search(name)
            if cut:
                words = name[:cut.start()].rstrip(" ,").split()
                while words and words[-1].lower() in _DESC_TRAILING:
                    words.pop()  # "the pause and", "one point he"
                name = " ".join(words)
                if len(words) < 2:
                    out.append(row)
                    continue
        anchor = s if s is not None else (q.get("mark_start") or 0)
        pron = bool(surface) and surface.lower() in ("he", "she")
        # a plain English word found away from the attribution ("Days after ..., she
        # tweeted:") is no name; right before the verb ("Butcher concludes,") it can be
        plain = fell_back and e is not None and not _VERB_RX.match(text[e:e + 40].lstrip())
        if name and " " not in name and _common_word(name, text, not pron, vocab, plain) \
                and not _known_word_name(name, by_sur, vocab):
            # "Very few lawmakers...": a pronoun resolved to a sentence-initial word
            found = None
            if pron:
                before = [c for c in mentions if c[1] <= (ms if ms is not None else anchor0)]
                if before:
                    found = before[-1][2:3] + before[-1][:2]
            if not found:
                out.append(row)
                continue
            name, s, e = found
        if name.lower() in ("i", "we", "you", "it"):
            out.append(row)
            continue
        if name and _is_cap(name[:1]) and " " in name:
            name = _trim_name(name, s, text, vocab, mentions)
        kind = classify(name)
        if kind in ("organisation", "document") and " " not in name and span and \
                _key_token(span.split(None, 1)[0]) in _PERSON_TITLES:
            kind = "person"  # "Mrs. Bank", "Dr. House": the title says a person
        if kind == "organisation" and " " not in name and len(name) > 3 and name.isupper() \
                and name.isalpha() and name.lower() in by_sur:
            # a fact check's or a transcript's "TRUMP:" is a person the article names in
            # full with that surname, not an acronym: that one when there is only one
            kind, name = "person", name.title()
            if len({c[2] for c in by_sur[name.lower()]}) > 1:
                row.update(name=name, kind=kind, role=None)
                out.append(row)
                continue
        full = None
        if kind == "person" and _is_cap(name[:1]) and \
                _key_token(name.split()[0]) not in _SENTENCE_WORDS:
            given, sur = _parts(name)
            cands = by_sur.get(sur, [])
            if given:
                cands = [c for c in cands if _given_compatible(given, c[3])]
            elif cands and s is not None:
                # "Mr. Obama" in an article that names only Michelle Obama in full is not
                # her: the surname then stays alone
                cands = _of_the_titles_sex(text, s, cands)
            full = _pick_full(cands, anchor)
            if full is None and not given:
                # a first name alone ("Meghan"), unless the article also writes the word after
                # another name ("Rand Paul ..." beside "Paul Ryan": "Paul" may be either)
                fc = by_first.get(sur, [])
                if len({c[4] for c in fc}) == 1 and not any(
                        _after_given_name(sur, c[2]) for c in mentions):
                    full = max(fc, key=lambda c: (len(c[3]), len(c[2])))
            if full is not None and len(full[2]) >= len(name):
                name = full[2]
        elif kind == "organisation" and (named := _named_body(text, name, anchor)):
            name = named  # "the department" -> "the Justice Department" named before
        elif kind == "person":
            full = _resolve_role_noun(text, name, anchor, mentions, by_sur, titled_cache)
            if full is not None:
                name = full[2]
            else:
                head = _unnamed_source(name)
                if head:
                    # "the official": the anonymous source the article introduced ("an FBI
                    # official"), else an anonymous source of its own
                    kind = "anonymous"
                    earlier = [r for r in out if r["kind"] == "anonymous"
                               and _head_noun(r["name"]) == head]
                    if earlier:
                        name = earlier[-1]["name"]
        if kind == "person" and full is None:
            # "China said", "Politico reported", "Iraqis say"
            kind = _KIND_OF_NON_NAME.get(gazetteer.kind_of(name), kind)
            if kind == "person" and " " not in name and len(name) > 3 and \
                    name.endswith("s") and not name.endswith("ss") and \
                    name[:-1].lower() in by_sur:
                # "the Clintons said": the family the article names a member of in full
                kind, name = "group", "the " + name
        if name[:1].isupper() and kind == "person":
            if "." in name and not _KEEP_DOT.search(name):
                name = name.rstrip(".")
            key = _key_token(name)
            if " " not in name and key in _TIME_WORDS and key not in _MONTH_SURNAMES:
                out.append(row)  # "Mr. Trump’s Wednesday roundtable": a day is nobody
                continue
        role = None
        if full is not None:
            role = role_for(full[0], full[1])
        elif s is not None and e is not None:
            role = role_for(s, e)
        if kind == "person" and surface and surface.lower() in _NOT_ONE_PERSON:
            out.append(row)  # "They called him ...", "It said ...": not one person
            continue
        row.update(name=name, kind=kind, role=role)
        out.append(row)
    _inherit(text, quotes, out)
    return out


_HYPHEN_TITLE = re.compile(r"^[A-Z][a-z]+-(?:in-[A-Z]?[a-z]+|to-be|elect|[Gg]eneral|designate)$")


def _trim_name(name: str, s, text: str, vocab, mentions) -> str:
    """Clean a capitalised speaker name with the article: cut at a sentence end ("Donald
    Trump. He"), drop a possessive owner ("Twitter's Adam Sharp"), hyphenated titles
    ("Editor-in-Chief"), words before the name that the article writes in lower case when
    the name stands at the start of a sentence, and a whole name run in front of another
    ("Hillary Clinton Trump" where the text names Hillary Clinton)."""
    m = _SENTENCE_END_IN_NAME.search(name)
    if m:
        name = name[:m.start()]
    k = max(name.rfind("’s "), name.rfind("'s "))
    if k >= 0 and len(name[k + 3:].split()) >= 1 and _is_cap(name[k + 3:k + 4]):
        name = name[k + 3:]
    toks = name.split()
    while len(toks) > 1 and "-" in toks[0] and _HYPHEN_TITLE.match(toks[0]):
        toks = toks[1:]
    for i in range(len(toks) - 1):
        if "-" in toks[i] and _HYPHEN_TITLE.match(toks[i]):
            toks = toks[i + 1:]
            break
    at_start = True
    if s is not None:
        j = s - 1
        while j >= 0 and text[j] in " \t\xa0\"“‘'(":
            j -= 1
        at_start = j < 0 or text[j] in ".!?\n:—–-"
    if at_start and all(_is_cap(t) for t in toks):
        while len(toks) > 1 and _droppable(toks[0], vocab) and (
                len(toks) > 2 or toks[0].lower().endswith("ed")):
            toks = toks[1:]
    if len(toks) >= 3 and _is_cap(toks[-1]) and _key_token(toks[-1]) not in _SUFFIXES:
        # (not "Donald Trump Jr." where the text names Donald Trump: a suffix is no name)
        names = {c[2] for c in mentions}
        if " ".join(toks[:-1]) in names:
            toks = toks[-1:]
    return " ".join(toks) or name


def _droppable(tok: str, vocab) -> bool:
    """A capitalised word before a name, at the start of a sentence, that is an ordinary word
    of the text ("Meet", "Added", "Rival") rather than part of the name."""
    low = tok.lower()
    return low in vocab and _key_token(tok) not in _TITLE_WORDS and low not in (
        "a", "an", "the", "one", "some", "many", "another", "two", "three", "several", "most",
        "few", "all", "both", "no")


# words that open a sentence and are never a given name ("Until Ryan arrived", "Unless Obama")
_OPENING_FUNCTION_WORDS = frozenset(_SENTENCE_WORDS | set("""until unless whenever wherever
whereas whilst upon toward towards against about above below behind beside besides beyond into
onto through throughout across along around between inside outside instead perhaps maybe
indeed already again always never often sometimes soon finally eventually""".split()))


def _plain_opening(tok: str, vocab) -> bool:
    """A capitalised word opening a sentence that is a plain English word even though the text
    never writes it in lower case: a sentence word ("Until"), an -ing form ("Describing"), or
    a plain word or form of one ("Longtime" is not one: a name run stays a name)."""
    low = tok.lower()
    return low in _SENTENCE_WORDS or (low.endswith("ing") and len(low) > 5) or \
        _plain_word(low, vocab)


_PEOPLE_STEM_ENDS = ("or", "er", "ist", "ian", "ent", "ant")


def _plain_word(low: str, vocab) -> bool:
    """Is a lower-cased word a plain English word though the text never writes it in lower
    case: a Dale-Chall word, or a plural or past form of one or of a word the text writes in
    lower case ("Days", "Things", "Refused")?"""
    if metrics.is_easy_word(low):
        return True
    stems = []
    if low.endswith("s") and not low.endswith("ss") and not low[:-1].endswith(
            _PEOPLE_STEM_ENDS) and low[:-1] not in _PERSON_NOUNS and low[:-1] not in _ANON_HEADS:
        stems.append(low[:-1])  # not "Prosecutors", "Members", "Sources": a group speaks
    if low.endswith("ed"):
        stems += [low[:-1], low[:-2]]
    return any(metrics.is_easy_word(st) or st in vocab for st in stems)


def _common_word(word: str, text: str, need_lower: bool = True,
                 vocab: frozenset | None = None, plain: bool = False) -> bool:
    """Is a capitalised word a common word of the text rather than a name: the text never
    capitalises it inside a sentence, and (``need_lower``) also writes it in lower case, or
    (``plain``: a word found away from the quotation's own attribution) is a plain English
    word?"""
    w = word.strip(".,’'")
    if not w or not w[0].isupper() or w.isupper() or not w[1:].islower():
        return False
    low = w.lower()
    if vocab is None:
        vocab = _vocab(text)
    if need_lower and low not in vocab and not (plain and _plain_word(low, vocab)):
        return False
    inside = vocab.inside.get(w)
    if inside is None:
        inside = False
        n = len(w)
        i = text.find(w)
        while i >= 0:
            b = text[i - 1] if i > 0 else " "
            a = text[i + n] if i + n < len(text) else " "
            if not (b.isalnum() or b in "_’'-") and not (a.isalnum() or a in "_’'-"):
                k = i - 1
                while k >= 0 and text[k] in " \t\"“‘'(":
                    k -= 1
                if k >= 0 and (text[k] not in ".!?\n:—–-" or text[k] == "." and _key_token(
                        text[max(0, k - 4):k + 1].split()[-1]) in _ABBREVIATED_TITLES):
                    inside = True  # capitalised inside a sentence ("Mr. X" too): a name
                    break
            i = text.find(w, i + 1)
        vocab.inside[w] = inside
    return not inside


def _inherit(text: str, quotes: list[dict], out: list[dict]) -> None:
    """A direct quotation still without a speaker that opens a paragraph, right after a
    paragraph whose last quotation has one, continues that speaker (the usual run of quoted
    paragraphs)."""
    prev = None
    for q, row in zip(quotes, out):
        if q.get("kind", "direct") != "direct":
            continue
        ms = q.get("mark_start")
        if row["name"] is None and prev is not None and prev[1]["name"] and ms is not None \
                and ((row["surface"] or "").lower() not in _NOT_ONE_PERSON
                     or prev[1]["kind"] in ("group", "organisation", "document")):
            # ('..., they said' continues a group, not a person)
            pq = prev[0]
            between = text[pq.get("mark_end") or 0:ms]
            if between.count("\n") >= 1 and len(between) < 200 and \
                    not text[text.rfind("\n", 0, ms) + 1:ms].strip() and \
                    "\n" not in between.strip():
                row.update(name=prev[1]["name"], kind=prev[1]["kind"], role=prev[1]["role"])
        prev = (q, row)


# --- shared with the merging across articles (compare.speakers) ----------------------------

fold = _fold
name_parts = _parts
key_token = _key_token
given_compatible = _given_compatible
is_people_noun = _is_person_noun  # a noun for one person or a plural of one
is_capitalised = _is_cap
NICKNAMES = _NICK  # given name -> the names it may stand for or be short for
NICKNAME_GROUPS = _HYPOCORISMS  # (formal name, its nicknames...)
