"""Sentence splitting and boilerplate recognition on small texts written for these tests."""
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datasette_media_bias.analysis import boilerplate, segment
from datasette_media_bias.analysis.boilerplate import boilerplate_kind, boilerplate_kinds
from datasette_media_bias.analysis.segment import split_sentences

from conftest import FIXTURES, ROOT, needs_shared


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("The senator spoke. Then she left.", ["The senator spoke.", "Then she left."]),
    ("Mr. Smith met Dr. Jones at 5 p.m. on Friday.",
     ["Mr. Smith met Dr. Jones at 5 p.m. on Friday."]),
    ("She joined the U.S. Navy in 1990.", ["She joined the U.S. Navy in 1990."]),
    ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
    ("The bill cost $4.5 million. It passed.", ["The bill cost $4.5 million.", "It passed."]),
    ("Jonas E. Smith voted. He won.", ["Jonas E. Smith voted.", "He won."]),
    ("Roe v. Wade was cited.", ["Roe v. Wade was cited."]),
    ("See p. 12 of the report.", ["See p. 12 of the report."]),
    ("Wait... What happened?", ["Wait...", "What happened?"]),
    ("He paused . . . and went on.", ["He paused . . . and went on."]),
    ('"Is it over?" she asked.', ['"Is it over?" she asked.']),
    ('"Is that not allowed?" Kardashian wrote on Wednesday.',
     ['"Is that not allowed?" Kardashian wrote on Wednesday.']),
    ('He said: "We won. We will win again." Then he left.',
     ['He said: "We won.', 'We will win again."', "Then he left."]),
    ("She works at Yahoo! in sales.", ["She works at Yahoo! in sales."]),
    ("Headline Without A Full Stop\nThe body starts here.",
     ["Headline Without A Full Stop", "The body starts here."]),
    ("1. First item 2. Second item", ["1. First item", "2. Second item"]),
    # sentences run together where the source lost its line breaks
    ('It is coming, he said.Further, the envoy said the world "is silent."The group left.',
     ["It is coming, he said.", 'Further, the envoy said the world "is silent."',
      "The group left."]),
    ('She wrote "We will win."He left.', ['She wrote "We will win."', "He left."]),
    ('He said."We will win," he added.', ['He said.', '"We will win," he added.']),
    ("See example.Com/Page or www.site.org/News.Html now.",
     ["See example.Com/Page or www.site.org/News.Html now."]),
    ("", []),
    ("   \n\n  ", []),
])
def test_split(text, expected):
    assert sents(text) == expected


def test_offsets_are_stripped_and_ordered():
    text = "  One here.   Two there!\n\n Three?  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there!", "Three?"]
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("line,kind", [
    ("Getty Images", "image_credit"),
    ("(Image: Getty)", "image_credit"),
    ("(Image: Elle/Youtube) (Image: Getty)", "image_credit"),
    ("AP Photo/Jane Doe", "image_credit"),
    ("Jessica Gibb, Image, Wenn, Splash, Getty, Twitter", "image_credit"),
    ("Photos: Getty Images", "image_credit"),
    ("READ MORE: Senator says the vote was rigged", "related_link"),
    ("WATCH BELOW: The latest on the election", "related_link"),
    ("Get the biggest stories by email Subscribe Thank you for subscribing See our privacy "
     "notice Invalid Email", "newsletter"),
    ("Get breaking National news", "newsletter"),
    ("https://twitter.com/someone/status/123456789", "url"),
    ("www.example.co.uk/news/politics-123", "url"),
    ("Comments", "comments"),
    ("Follow @jdoe and @rroe on Twitter.", "related_link"),
    ("Follow us on Twitter @SomeDesk", "related_link"),
    ("Interested in Jane Doe?", "newsletter"),
    ("Add Jane Doe as an interest to stay up to date on the latest Jane Doe news, video, and "
     "analysis from Some News.", "newsletter"),
    ("Add Interest", "newsletter"),
    ("Interested in being the party's leader in the Senate?", None),
    ("Follow the money, she said.", None),
    ("Add the eggs and stir.", None),
    ("The president signed the bill on Tuesday.", None),
    ("Trump Slams Twitter", None),
    ("Kanye West and Trump", None),
    ("He told voters to sign up before Friday.", None),
])
def test_boilerplate_kind(line, kind):
    assert boilerplate_kind(line) == kind


def test_repeated_standfirst():
    text = ("The mayor resigned after a long scandal.\n\nThe mayor resigned after a long "
            "scandal.\n\nShe said nothing.")
    spans = split_sentences(text)
    assert boilerplate_kinds(text, spans) == [None, "repeated", None]


def test_golden_rules():
    path = needs_shared("golden_rules_en.jsonl")
    rules = [json.loads(line) for line in path.open(encoding="utf-8")]
    passed = sum(sents(r["text"]) == r["expected"] for r in rules)
    assert passed >= 47


@pytest.mark.parametrize("line,kind", [
    ("— Jane Roe (@janeroe) September 14, 2018", "embedded_tweet"),
    ("What a day pic.twitter.com/AbCdEf123 — Jane Roe (@janeroe) May 30, 2020",
     "embedded_tweet"),
    ("By John Smith and Jane Doe, Associated Press", "byline"),
    ("Reuters reporter Jane Doe contributed to this report.", "byline"),
    ("Advertisement", "comments"),
    ("By the end of the year, prices rose.", None),
    # lines built around a web address
    ("Read or Share this story: https://example.com/story/news/2019/10/09/a-b/123/",
     "related_link"),
    ("Follow Jane Doe on Twitter at https://twitter.com/janedoe and John Roe at "
     "www.twitter.com/johnroe .", "related_link"),
    ("For more of our coverage of the floods, go to https://example.org/floods", "related_link"),
    ("View the documents: http://exm.pl/1AbC", "related_link"),
    ("___ Visit www.example.org for further information.", "related_link"),
    ("She can be reached at jane@example.com or http://www.example.com.", "byline"),
    ('Mayor resigns after vote poster="http://v.example.com/images/123/456-vs.jpg?pubId=123"',
     "markup"),
    ('[jwplayer file="http://media.example.com/2017/05/abc.mp4"]', "markup"),
    ("What a week for the city council. https://t.co/AbCdEf1234", "embedded_tweet"),
    ("@janedoe: The council meets again on Tuesday http://exm.pl/2XyZ", "embedded_tweet"),
    # photo credits in parentheses, video stand-ins, reader-funding appeals
    ("(Jane Roe/Reuters)", "image_credit"),
    ("(AP Photo/Jane Roe, File)", "image_credit"),
    ("(Reuters photo: Jane Roe)", "image_credit"),
    ("(Photo by Jane Roe/Getty Images)", "image_credit"),
    ("(John Doe/The Springfield Herald via AP)", "image_credit"),
    ("Media playback is unsupported on your device Media caption Why the vote matters", "image_credit"),
    ("Please consider making a contribution to The Daily Example today.", "newsletter"),
    ("Play Video 1:55 What the witnesses saw - video report", "related_link"),
    ("Image caption Jane Doe, believed to be 18, was among the first to arrive", "image_credit"),
    ("Image copyright Reuters Image caption Unlike her rivals, Ms Doe has not published her tax "
     "details", "image_credit"),
    ("FILE PHOTO: A view of the U.S. Capitol, in Washington DC, U.S., June 20, 2019.",
     "image_credit"),
    ("Get the Example Stories you care about delivered to your inbox.", "newsletter"),
    ("By signing up, you agree to our Privacy Policy", "newsletter"),
    ("By the end of the year, you agree, prices had risen.", None),
    ("Support The Example’s explanatory journalism", "newsletter"),
    ("Support Independent Journalism The Example is reader supported: Chip in $10 or more "
     "to help us keep writing.", "newsletter"),
    # a web page's furniture: widgets, notices, captions' counters, time stamps
    ("You can unsubscribe at any time.", "newsletter"),
    ("Invalid email address.", "newsletter"),
    ("View all Daily Example newsletters.", "newsletter"),
    ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service "
     "apply.", "newsletter"),
    ("Copyright © 2019 The Daily Example, LLC. Click here for reprint permission.", "notice"),
    ("© 2018 Example Content Agency, LLC", "notice"),
    ("All rights reserved.", "notice"),
    ("The opinions expressed by columnists are their own and do not represent the views of "
     "Example.com.", "notice"),
    ("This article is more than 3 years old", "notice"),
    ("Read more", "related_link"), ("More On This...", "related_link"),
    ("Follow @example", "related_link"),
    ("Advertisement Continue reading the main story", "comments"), ("Loading...", "comments"),
    ("AD", "comments"),
    ("Hide Caption 6 of 6", "image_credit"), ("Slideshow (4 Images)", "image_credit"),
    ("REUTERS/Jane Roe", "image_credit"),
    ("7 years ago", "byline"),
    ("[pullquote]", "markup"),
    ("[applause]", None),
    # a photo gallery's captions
    ("Hide Caption 7 of 13 Photos: A senator's career The senator speaks at a breakfast in "
     "Washington on February 7, 2013.", "image_credit"),
    ("Photos: A senator's career The senator dropped out of the race on Monday, September 21.",
     "image_credit"),
    ("The senator takes notes during the debate. Hide Caption 6 of 22", "image_credit"),
    ("Hide caption The mayor and members of her staff pause for a moment of silence on the "
     "lawn.", "image_credit"),
    ("He posted photos: one of the crowd and one of the stage, both taken on Saturday.", None),
    # a video player's list, and its running times
    ("JUST WATCHED Senator grilled on the budget Replay More Videos ...", "related_link"),
    ("Replay More Videos ...", "related_link"),
    ("MUST WATCH Senator grilled on the budget 02:43", "related_link"), ("02:43", "related_link"),
    ("JUST WATCHED Forced cuts to the harbour budget approach Replay More Videos ... MUST WATCH "
     "Forced cuts to the harbour budget approach 02:04", "related_link"),  # one line of both
    ("The vote was at 12:30 in the afternoon.", None),
    ("Just watched the debate, she wrote.", None),
    ("USA TODAY", "heading"), ("ANALYSIS/OPINION:", "heading"), ("POLL CHECK", "heading"),
    ("NO.", None), ("WHY?", None), ("(LAUGHTER)", None),
    ("The opinions of the court were split.", None),
    ("Copyright law protects the work for 70 years.", None),
    ("It happened 7 years ago.", None),
    ("(He later apologized.)", None),
    ("(See the chart/table below.)", None),
    ("Support for journalism has declined in every survey since 2016.", None),
    # prose that ends with a link or names a site stays prose
    ("The mayor said the council would vote again on Tuesday. http://exm.pl/3QwE", None),
    ("The campaign rolled out a new website that mocks the governor's record on "
     "taxes and schools: http://example.com/", None),
    ("Residents can visit www.example.gov to check whether their street is affected.", None),
    ("Visit www.example.org, call 555-0100 or text FLOOD to 55555 to give $10.", None),
    # the reporters who helped, after a bullet or a dash, and how to write to the author
    ("—Jane Roe and Alicia B. Doe contributed to this article.", "byline"),
    ("• Jane Roe contributed to this story.", "byline"),
    ("Example News’ Jane Roe and John Doe contributed to this report, along with The "
     "Associated Press.", "byline"),
    ("Jane Roe in Istanbul contributed.", "byline"),
    ("Associated Press writer Jane Roe contributed from Seattle.", "byline"),
    ("Jane Roe contributed reporting from London.", "byline"),
    ("Reporting was contributed by Jane Roe, John Doe and Ann Poe.", "byline"),
    ("Jane Roe contributed to this story, which was updated at 11:43 a.m.", "byline"),
    ("Associated Press writers Jane Roe in Norfolk, Virginia, John Doe in Madison, Wisconsin, "
     "and Ann Poe in Portland, Oregon, contributed to this report.", "byline"),
    ("Write to Jane Roe at jane.roe@example.com and John Doe at john.doe@example.com",
     "byline"),
    ("Send tips to jane@example.org.", "byline"),
    ("Email: jroe@example.com Twitter: @jroe", "related_link"),
    ("@janedoe: The council meets again on Tuesday.", "embedded_tweet"),
    ("In Ukraine, the minister has not contributed to the effort.", None),
    ("Many factors contributed.", None),
    ("Republicans contributed, with Democrats, to the collapse of the deal.", None),
    ("That surely contributed to the drop in the mayor's approval ratings.", None),
    ("He said in an email to jane@example.com that he would not come.", None),
])
def test_more_boilerplate(line, kind):
    assert boilerplate_kind(line) == kind


# --- the fast path gives the rules' own answer ----------------------------------------------

def _never_hidden(sentences):
    for s in sentences:
        s = s.strip()
        if s:
            assert boilerplate._short_kind(s) == boilerplate._rules_kind(s), s


def _fixture_sentences():
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "data" / "seeds").glob("*.txt")]
    texts += [p.read_text(encoding="utf-8") for p in (FIXTURES / "bad").glob("*.txt")]
    texts += [json.loads(line)["text"] for line in
              (FIXTURES / "hostile.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [t[a:b] for t in texts for a, b in split_sentences(t)]


# sentences that only one of the fast path's conditions lets through
EDGE_CASES = [
    "AP via Getty", "Reuters/AP via Getty Images", ", Getty Images", "Getty Images.",
    "By Jonathan Smithsonian-Worthington, Alexandra Richardson-Montgomery, Bartholomew "
    "Fitzgerald-Kensington, Christopher Wellington-Ashby and Max Thorn, Reuters",
    "( PHOTOS: NRA annual meeting)", "Jane Doe, Fox News", "SUBSCRIBE TO THE PODCAST",
    "(Photo: Getty)", "Photos: Getty Images", "Pictures: AP", "A man waves. Photo: AP",
    "What a day pic.twitter.com/AbCdEf123", "see twıtter.com/jane/status/12345 now",
    "— Jane Roe (@janeroe) September 14, 2018", "www.example.com/a-b",
    "Jane Doe contributed to this report.", "Sign up for our newsletter by email",
    "12 Comments", "Share this article", "Story continues below", "ADVERTISEMENT",
    "Wow PIC.TWITTER.COM/AbCdEf", "Crowds gather. Credit: Getty", "Written by Jane Doe",
    "credit: jane doe", "photo: the family", "Follow Jane on Facebook", "Add Interest",
    "Interested in 2020 Elections?", "Online: https://example.com", "Listen here: http://ex.am/pl",
    "He blogs at www.example.net.", 'poster="http://x.example/y.jpg"',
    "(Jane Roe/Reuters)", "(Reuters photo: Jane Roe)", "Support local journalism.",
    "Media playback is unsupported on your device", "You can unsubscribe at any time.",
    "Copyright © 2019 The Daily Example, LLC.", "Read more", "AD", "Hide Caption 6 of 6",
    "7 years ago", "[pullquote]", "View all Daily Example newsletters.", "USA TODAY",
    "ANALYSIS/OPINION:", "Replay More Videos ...", "MUST WATCH Senator grilled 02:43", "01:51",
    "Photos: A senator's career The senator spoke.", "The senator spoke. Hide Caption 6 of 22",
    "• Jane Roe contributed.", "(Jane Roe contributed to this report.)",
]


@pytest.mark.parametrize("sentence", EDGE_CASES)
def test_fast_path_finds_boilerplate(sentence):
    assert boilerplate._rules_kind(sentence) is not None
    assert boilerplate_kind(sentence) == boilerplate._short_kind(sentence) == \
        boilerplate._rules_kind(sentence)


def test_fast_path_on_fixture_sentences():
    _never_hidden(_fixture_sentences())


def test_fast_path_on_real_articles():
    path = needs_shared("articles_dev.jsonl")
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f]
    _never_hidden(t[a:b] for t in texts for a, b in split_sentences(t))


# pieces of the rules' words, in odd cases, and of prose
RULE_PIECES = st.sampled_from([
    "Getty", "Images", "AP", "Photo", "photo", "PHOTO", "Image", "Credit", "credit", "Source",
    "Pic", "(", ")", ":", "/", ",", ";", "|", " via ", "via", ".", " ", "  ", "\t", "READ",
    "MORE", "Read", "more", "More", "Watch", "WATCH", "click", "here", "Most", "Read", "Top",
    "Stories", "You", "may", "also", "like", "Sign", "up", "subscribe", "newsletter", "email",
    "inbox", "privacy", "Get", "get", "the", "our", "By", "BY", "Written", "by", "John",
    "Smith", "and", "contributed", "to", "this", "report", "Comments", "Share", "3", "12",
    "comments", "Advertisement", "Story", "continues", "below", "Continue", "reading",
    "twitter.com", "pic.twitter.com/x", "TWİTTER.COM", "twıtter.com", "(@", "@jane", ")",
    "May", "30,", "2020", "—", "https://", "www.", "x.com/", ".co.uk/", "said", "he", "a",
    "ſ", "İ", "K",
])


@settings(max_examples=3000, deadline=None)
@given(st.lists(RULE_PIECES, min_size=1, max_size=12).map("".join))
def test_fast_path_never_hides_a_rule(sentence):
    _never_hidden([sentence])


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \n\t\xa0aZ.\"'“‘([{«*_•⁃-–—…é")), min_size=2,
               max_size=12))
def test_next_word_after_one_space_starts_with_the_next_character(text):
    # _is_boundary's shortcut: after one space, a character that is neither white space nor
    # an opener is the first character of _next_word
    for pe in range(len(text) - 1):
        for end in range(pe + 2, len(text) + 1):
            if text[pe] == " " and text[pe + 1] not in segment._OPENER_SET and \
                    not text[pe + 1].isspace():
                assert segment._next_word(text, pe, end)[:1] == text[pe + 1]


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \n\t.!?…\"'”’)]a")), max_size=14))
def test_candidate_spans_are_the_regex_matches(text):
    # _cand_matches from the marks (with its shortcut for a mark then one space) gives
    # _CAND.finditer's spans, over any stretch of the text
    cands = segment._candidates(text)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert segment._cand_matches(text, start, end, cands) == \
                segment._cand_matches(text, start, end, None)
