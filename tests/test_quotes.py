"""Quotation finding and attribution on small texts written for these tests."""
import pytest

from datasette_media_bias.analysis.quotes import find_quotes, quote_ratio
from datasette_media_bias.analysis.speakers import article_speakers


def one(text):
    qs = [q for q in find_quotes(text) if q.kind == "direct"]
    assert len(qs) == 1, qs
    return qs[0]


def test_straight_quote_after_attribution():
    text = '"We will win this race," Smith said on Monday.'
    q = one(text)
    assert q.text == "We will win this race,"
    assert text[q.start:q.end] == q.text
    assert (q.mark_start, q.mark_end) == (0, text.index(" Smith"))
    assert q.speaker == "Smith" and text[q.speaker_start:q.speaker_end] == "Smith"


def test_curly_quote_inverted_attribution():
    text = "“The plan is dead on arrival,” said Jane Doe, a senator from Ohio."
    q = one(text)
    assert q.speaker == "Jane Doe"


def test_doubled_apostrophes():
    text = "''It is one thing to promise,'' said Ms. Patel. ''It is another to deliver.''"
    qs = find_quotes(text)
    assert [q.text for q in qs] == ["It is one thing to promise,", "It is another to deliver."]
    assert all(q.speaker == "Ms. Patel" for q in qs)


def test_pronoun_resolves_to_named_person():
    text = ('Maria Lopez spoke to the crowd on Friday.\n\n'
            '"We are not going anywhere," she said.')
    q = one(text)
    assert q.speaker == "Maria Lopez"
    assert text[q.mention_start:q.mention_end] == "she"


def test_a_title_alone_is_nobody_a_pronoun_refers_to():
    # "said Sen. Steve Galloway": the title's own word "Sen" is no person for a later "she"
    text = ('"We brought this to their attention weeks ago," said Sen. Steve Galloway, '
            'D-Phoenix.\n\nThe bill was pushed by the Center for Desert Policy, a conservative '
            "group. The group says the proposal simply clarifies existing state law.\n\n"
            "The center's president, Cathy Harrow, has been deriding the measure's opponents."
            '\n\n"Our opponents have found a new political tactic, and it is working," she said.')
    quotes = find_quotes(text)
    assert [q.speaker for q in quotes] == ["Sen. Steve Galloway", "Cathy Harrow"]


def test_pronoun_after_a_sentence_that_names_who_said_it():
    # "The officer fired 17 shots, Dotson said.": a sentence whose subject is no name, but
    # which says who said it; "he" is that person, not the chief named before
    text = ("Chief Rosa Alvarez spoke first on Monday.\n\n"
            "The officer fired 17 shots, Dotson said. "
            '"An investigation will decide," he said.')
    assert one(text).speaker == "Dotson"
    # the same when the sentence's subject is a name: the one who said it goes on speaking
    text = ("Cruz electrified the small crowds with his speeches, Stovall said.\n\n"
            '"He was very articulate," he said.')
    assert one(text).speaker == "Stovall"
    # with no name saying it, the walk goes on back past the sentence
    text = ("Kim Kardashian arrived on Thursday.\n\n"
            "The rapper met with Trump on Friday, an aide said. "
            '"It went well," she said.')
    assert one(text).speaker == "Kim Kardashian"


@pytest.mark.parametrize("text, speaker", [
    # "she" passes over a man: a given name, "Mr.", or the given name written with a surname
    ("Hillary Clinton spoke in Iowa.\n\nMr. Sanders drew large crowds all week. "
     '"We will win this," she said.', "Hillary Clinton"),
    ("Janet Yellen testified on Tuesday. Brad Sherman joked with Yellen about rates.\n\n"
     '"God wants rates to rise in the spring," he said.', "Brad Sherman"),
    ("Dianne Feinstein wrote the bill. Feinstein criticised Mr. Romney for using her words. "
     '"I went too far," she said.', "Feinstein"),
    # the most recent name otherwise, when nothing shows its sex
    ("Carole Bower, 75, plans to vote for Mr. Trump. "
     '"I will hold my nose," she said.', "Carole Bower"),
    # a given name both men and women have says nothing ("Dana Milbank" is a man)
    ("Dana Milbank of the Washington Post praised McCain. "
     '"He was the greatest," he wrote.', "Dana Milbank"),
    # two given names of different sexes with one surname: a bare surname's sex is unknown
    ("Amy O'Rourke and Beto O'Rourke voted early. O'Rourke said he had not seen the ad. "
     '"It is a form of flattery," he said.', "O'Rourke"),
])
def test_pronoun_agrees_in_sex_with_the_person(text, speaker):
    assert one(text).speaker == speaker


def test_a_run_of_capitalised_words_ending_with_a_title_is_no_name():
    # "Ohio Gov" of "Ohio Gov. John Kasich": when the pronoun's person is not in the text,
    # nobody, not the words before the title
    text = ('Ohio Gov. John Kasich joined the field on July 21.\n\n'
            '"I want to be that champion," she said in her video.')
    assert one(text).speaker is None


@pytest.mark.parametrize("text, speaker", [
    # the subject of the attribution verb before a quotation inside the writer's sentence
    ("Secretary of State Mike Pompeo later more forcefully claimed that the strike was aimed "
     "at disrupting an “imminent attack.”", "Secretary of State Mike Pompeo"),
    ("At the time, Sanders called the 2018 change “an important step forward.”", "Sanders"),
    ("Even a source in the Obama administration described the situation as “messy” on "
     "Friday.", "a source in the Obama administration"),
    ("Trump, who called the media “the enemy of the people,” spoke on Monday.", "Trump"),
    ("The bill, which critics called “a giveaway to the rich,” passed.", "critics"),
    ("Trump struck a softer tone when he outlined what he called “a common-sense compromise” "
     "to fund it.", "Trump"),  # "he", the person named before it
    ("Felicia Sanders -- mother of a victim and a survivor of the shooting herself -- said "
     "that “every fiber in my body hurts” today.", "Felicia Sanders"),
    ("The comments were made by Jim Gruber, an MIT health care economist, who noted in a speech "
     "that he “helped write the bill” then.", "Jim Gruber"),
    # "he" in a sentence that opens with a description of a person: that person
    ("Kim Kardashian spoke first.\n\nThe rapper shocked fans when he called Donald Trump his "
     "“brother” on Twitter.", "The rapper"),
    # a passive's agent
    ("The plan was described by Senator Ann Lee as “a disaster” on Monday.", "Senator Ann Lee"),
    # not the subject of a passive, of a participle, of a noun, or across another clause
    ("In the tract, Jews are described as “white” and worse.", None),
    ("She left a comment on a video by a user called “nikolas cruz” last year.", None),
    ("Don’t blame the messenger when verifiable claims about the world happen to support "
     "“liberal” persuasions.", None),
])
def test_a_quotation_inside_the_sentence_is_the_attribution_verbs_subjects(text, speaker):
    (q,) = [q for q in find_quotes(text) if q.kind == "direct"] or [None]
    assert q is not None and q.partial
    assert q.speaker == speaker


def test_speaker_before_quote_and_possessive():
    text = ("Legend wrote to West on Thursday. Legend’s text read: “Think freely and think "
            "with empathy.”\nWest responded, “I love you John, and I hear you.”")
    qs = find_quotes(text)
    assert [q.speaker for q in qs] == ["Legend", "West"]


def test_multi_paragraph_quote_reopened():
    text = ('"The first paragraph of the statement goes here.\n\n'
            '"The second paragraph ends the statement," the governor said.')
    qs = find_quotes(text)
    assert len(qs) == 1
    assert qs[0].paragraphs == 2 and not qs[0].unbalanced
    assert qs[0].speaker == "the governor"


def test_unbalanced_quote_is_flagged():
    text = 'He said "this never ends\n\nA new paragraph.'
    qs = find_quotes(text)
    assert len(qs) == 1 and qs[0].unbalanced
    assert qs[0].text == "this never ends"


def test_scare_quotes_kept_apart():
    text = 'The so-called "experts" disagreed with the "plan".'
    assert [q.kind for q in find_quotes(text)] == ["scare", "scare"]
    assert quote_ratio(text) == 0.0


def test_partial_quote_embedded_in_sentence():
    text = 'Smith called the decision "a disgrace to the whole nation" on Monday.'
    q = one(text)
    assert q.partial


def test_quote_in_headline():
    text = ("Mayor Strikes Back at Critics: 'We Will Not Be Bullied Again'\n"
            "“We are done talking,” Brown said. It's the players' ball, 'they' say.")
    qs = find_quotes(text)
    assert [(q.text, q.kind) for q in qs] == [("We Will Not Be Bullied Again", "direct"),
                                             ("We are done talking,", "direct")]
    assert qs[1].speaker == "Brown"
    # a short quote in a headline is a scare quote
    assert [q.kind for q in find_quotes("Senator: 'No Deal' as Talks Collapse")] == ["scare"]


def test_quote_ratio():
    text = '"Yes, we did it today," Kim said.'
    assert abs(quote_ratio(text) - len('"Yes, we did it today,"') / len(text)) < 1e-9
    assert quote_ratio(None) is None
    assert quote_ratio("") == 0.0


def test_never_raises_on_odd_marks():
    for text in ['"', '""', '” “', "''", "'''", '"\n"\n"', "“a”b”c“", "\n\n“", "” said he"]:
        for q in find_quotes(text):
            assert 0 <= q.mark_start <= q.start <= q.end <= q.mark_end <= len(text)


def test_attribution_with_appositive_and_title():
    text = ("“The veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., said "
            "Tuesday.\n''We are told it is special,''' Mr. Putin said.\n"
            '"It is coming," said a strategist for one of the candidates.\n'
            '"Kanye is coming to lunch," press secretary Sarah Sanders announced Tuesday.')
    qs = [q for q in find_quotes(text) if q.kind == "direct"]
    assert [q.speaker for q in qs] == ["Senate Majority Leader Mitch McConnell", "Mr. Putin",
                                       "a strategist",
                                       "Sarah Sanders"]


def test_pronoun_skips_names_inside_quotes():
    text = ('West posted again on Friday.\n\n"I love Hillary too," he added.')
    q = one(text)
    assert q.speaker == "West"


def test_single_marks_only_in_headline_lines():
    # after the first line, only short lines without final punctuation are headlines; the
    # long paragraph full of apostrophes and single marks in between is skipped
    text = ("Trump on West: 'He Is My Brother'\n\n"
            "It's a long paragraph that doesn't end soon, with apostrophes everywhere: the "
            "players' ball, the 'fans' and the coach's view, all of it running well past two "
            "hundred characters so that it cannot be a headline at all, whatever it says.\n\n"
            "Up next: ‘We Are Not Done’ and 'Never Again'\n\n"
            "A short line with 'quotes' that ends with a full stop.\n\n"
            "Another ‘Short Headline Quote’")
    assert [(q.text, q.kind) for q in find_quotes(text)] == [
        ("He Is My Brother", "direct"), ("We Are Not Done", "direct"),
        ("Never Again", "scare"), ("Short Headline Quote", "scare")]


def test_speaker_before_quote_needs_a_report_verb():
    quote = "“We will keep fighting for the people of this state.”"
    assert one("In a statement on Monday, " + quote).speaker is None
    assert one("In a statement on Monday, the governor wrote: " + quote).speaker == "the governor"
    assert one("Asked about the plan, said Jane Doe, " + quote).speaker == "Jane Doe"


def test_according_to_in_any_case():
    quote = "“This is the end of the road for the bill.”"
    for intro, speaker in [("According to Senator Jane Smith, ", "Senator Jane Smith"),
                           ("ACCORDING TO Senator Jane Smith, ", "Senator Jane Smith"),
                           ("In the words of Jane Smith: ", "Jane Smith")]:
        assert one(intro + quote).speaker == speaker


def test_scare_quotes_have_three_words_at_most():
    assert [q.kind for q in find_quotes('The "total disaster" plan was published.')] == ["scare"]
    # after an attribution verb, a short quotation is someone's words: direct and partial
    called = find_quotes('They called it "a total disaster" again.')
    assert [(q.kind, q.partial) for q in called] == [("direct", True)]
    q = one('They called it "a total and utter disaster" again.')
    assert q.speaker == "They" and q.partial  # the subject of "called"


@pytest.mark.parametrize("text, speakers", [
    # a new sentence after a quotation that reports words of its own attributes those, not
    # the quotation before it
    ("Oslo branded the plan a \u201creckless gamble with the coast.\u201d Lima insisted that "
     "the fleet \u201cstop its dangerous patrols.\u201d",
     ["Oslo", "Lima"]),
    ("Mayor Ann Cole said the report was \u201cnot the full picture.\u201d Governor Ray Dunn "
     "said it would be \u201cimproper\u201d to comment.",
     ["Mayor Ann Cole", "Governor Ray Dunn"]),
    # but the same speaker goes on after a comma or colon, or ends the sentence
    ("\u201cWe will win the vote.\u201d Cole said, \u201cWe have the numbers.\u201d",
     ["Cole", "Cole"]),
    ("\u201cWe will win the vote.\u201d Cole said on Tuesday.", ["Cole"]),
    # and a "she said" after a question mark goes on with the quotation's own sentence
    ("Melanie watched the screen. \u201cYou winning?\u201d she said, but Kevin was drifting "
     "off as the anchor talked about \u201cthe rigged system\u201d again.", ["Melanie"]),
])
def test_a_new_sentence_quoting_its_own_words(text, speakers):
    found = [q.speaker for q in find_quotes(text) if q.kind == "direct"]
    assert found[:len(speakers)] == speakers  # (the last text's second quotation aside)


def test_a_month_before_a_day_is_no_antecedent():
    # "on Feb. 22, he tweeted": "he" is the person before, not "Feb"; "Jan Roe" stays a name
    text = ("Adam Poe said little about the virus in public. As recently as Feb. 22, he "
            "tweeted, \u201cThe virus is very much under control,\u201d and the markets rose.")
    q = [q for q in find_quotes(text) if q.kind == "direct"][0]
    assert q.speaker == "Adam Poe"
    text = "Jan Roe signed the bill.\n\n\u201cIt is done,\u201d she said."
    assert find_quotes(text)[0].speaker == "Jan Roe"


def test_a_place_after_a_preposition_is_no_antecedent():
    # "At the Capitol, Senate Majority Leader ... said": "he" is the leader, not the Capitol
    text = ("At the Capitol, Senate Majority Leader Adam Poe sidestepped questions about the "
            "tariffs.\n\n\u201cThere is not much support for them,\u201d he said.")
    assert article_speakers(text, find_quotes(text))[0]["name"] == "Adam Poe"
    text = ("In a press conference at the state Capitol, Roe said the bill would not pass."
            "\n\n\u201cI will veto it,\u201d he said.")
    assert find_quotes(text)[0].speaker == "Roe"
