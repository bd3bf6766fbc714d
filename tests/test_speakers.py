"""Canonical speakers: the per-article names (analysis.speakers), the merging across articles
(compare.speakers), the load stage that writes the ``speakers`` table and ``quotes.speaker_id``
(pipeline.speakers), and the speaker page. Texts are written here in general news style (none
comes from the evaluation data); quotation rows come from the real quotation finder, databases
from the real loader.
"""
import json
import sqlite3

import pytest

from datasette_media_bias.analysis.quotes import find_quotes
from datasette_media_bias.analysis.speakers import article_speakers, classify, clean_name
from datasette_media_bias.compare.speakers import cluster_names, merge_speakers, story_keys


def speakers(text):
    return article_speakers(text, find_quotes(text))


def test_mr_surname_resolves_to_full_name_with_middle_initial():
    text = ("Senator Byron L. Dorgan of North Dakota criticized the plan on Monday.\n\n"
            "\"This bill does nothing for farmers,\" Mr. Dorgan said.\n\n"
            "\"We will fight it,\" Dorgan added.")
    sp = speakers(text)
    direct = [r for r in sp if r["kind"]]
    assert [r["name"] for r in direct] == ["Byron L. Dorgan", "Byron L. Dorgan"]
    assert all(r["kind"] == "person" for r in direct)


def test_full_name_introduced_after_short_first_mention():
    text = ("\"We are not done yet,\" Okafor said.\n\n"
            "Amara Okafor, the union's president, led the strike for three weeks.")
    sp = speakers(text)
    assert sp[0]["name"] == "Amara Okafor"


def test_two_clintons_in_one_story_stay_apart():
    a1 = ("Bill Clinton spoke first at the rally.\n\n\"The economy is strong,\" Clinton said.\n\n"
          "Later Hillary Clinton took the stage.\n\n\"I am ready,\" Clinton said.")
    a2 = "\"It was a long night,\" said Hillary Clinton."
    sp1, sp2 = speakers(a1), speakers(a2)
    assert [r["name"] for r in sp1] == ["Bill Clinton", "Hillary Clinton"]
    m = merge_speakers({"s1": [{"article_id": "a1", "outlet": "X", "speakers": sp1},
                               {"article_id": "a2", "outlet": "Y", "speakers": sp2}]})
    assign = m["assign"]
    assert assign[("a1", 0)] != assign[("a1", 1)]
    assert assign[("a1", 1)] == assign[("a2", 0)]
    assert len(m["speakers"]) == 2


@pytest.mark.parametrize("short, formal", [
    ("Chris Dunmore", "Christopher Dunmore"),  # "Chris" is also Christine's
    ("Ben Okafor", "Benjamin Okafor"),  # "Ben" is also Benedict's
    ("Steve Marlow", "Steven Marlow"), ("Bernie Vance", "Bernard Vance")])
def test_a_nickname_and_its_formal_name_in_other_stories_are_one_speaker(short, formal):
    m = merge_speakers({
        "s1": [{"article_id": "a1", "outlet": "X",
                "speakers": speakers(f"\"We will vote no,\" said {short}.")}],
        "s2": [{"article_id": "a2", "outlet": "Y",
                "speakers": speakers(f"\"The bill is dead,\" said {formal}.")}]})
    assert m["assign"][("a1", 0)] == m["assign"][("a2", 0)] and len(m["speakers"]) == 1


def test_surname_only_speaker_joins_unique_full_name_of_story_and_not_ambiguous_one():
    labels = cluster_names(["Bill Clinton", "Hillary Clinton", "Clinton", "Mark Felt", "Felt",
                            "W. Mark Felt", "Mo Cheeks", "Maurice Cheeks"])
    assert labels[0] != labels[1]
    assert labels[2] not in (labels[0], labels[1])  # two candidates: stays apart
    assert labels[3] == labels[4] == labels[5]
    assert labels[6] == labels[7]


def test_a_surname_with_a_title_joins_only_a_full_name_of_its_sex():
    names = ["Michelle Obama", "Obama", "Obama", "Obama"]
    labels = cluster_names(names, [None, "m", "f", None])
    assert labels[1] != labels[0]  # "Mr. Obama" is not Michelle Obama
    assert labels[2] == labels[0] and labels[3] == labels[0]
    # across a story: two articles, one naming only Michelle Obama in full
    items = [("a1", "X", {"position": 0, "name": "Michelle Obama", "kind": "person",
                          "surface": "Michelle Obama"}),
             ("a2", "Y", {"position": 0, "name": "Obama", "kind": "person",
                          "surface": "Mr. Obama"}),
             ("a2", "Y", {"position": 1, "name": "Obama", "kind": "person",
                          "surface": "Mrs. Obama"})]
    keys = story_keys("s1", items)
    assert keys[2] == keys[0] != keys[1]
    assert keys[1] == ("obama", True)  # a surname alone, for the database-wide rule


def test_anonymous_official_and_document():
    text = ("The agency faced new criticism this week.\n\n"
            "\"We were never told about the delays,\" a senior official said.\n\n"
            "\"The company regrets the error,\" the statement said.\n\n"
            "\"Go home now, all of you,\" the protesters chanted outside the building.")
    sp = [r for r in speakers(text) if r["kind"]]
    kinds = [r["kind"] for r in sp]
    assert kinds == ["anonymous", "document", "group"]
    assert sp[0]["name"] == "a senior official"


def test_party_state_tag_and_title_are_stripped():
    text = ("\"We need a vote this week,\" said Sen. Jordan Whitfield (R-Tex.).\n\n"
            "\"I will not support it,\" Rep. Dana Pruitt, R-Ohio, said.")
    names = [r["name"] for r in speakers(text) if r["kind"]]
    assert names == ["Jordan Whitfield", "Dana Pruitt"]
    assert clean_name("Sen. Jordan Whitfield (R-Tex.)") == "Jordan Whitfield"
    assert clean_name("Senate Majority Whip Steve Marlow") == "Steve Marlow"
    assert clean_name("And Justice Elena Marsh") == "Elena Marsh"


def test_role_from_apposition_and_role_noun_resolution():
    text = ("Gov. Paula Redfield, a Democrat in her second term, signed the bill.\n\n"
            "\"This is a good day,\" the governor said.")
    sp = speakers(text)
    assert sp[0]["name"] == "Paula Redfield"
    assert sp[0]["kind"] == "person"
    assert sp[0]["role"] and "Democrat" in sp[0]["role"]


def test_role_noun_resolves_to_a_title_written_with_a_surname_alone():
    """"the president" is the person the article titles President, also when the text gives
    only the surname ("President Kellan"); "the former president" the one titled former; a vice
    president is not "the president"; a title followed by "for" is no title of the name."""
    text = ("Former President Ardmore met Vice President Elspeth Quayne in Ohio. President "
            "Kellan came later, with the Assistant to the President for Economic Policy.\n\n"
            "\"We spoke for an hour,\" the former president said.\n\n"
            "\"It went well,\" the president said.")
    sp = [r for r in speakers(text) if r["kind"]]
    assert [r["name"] for r in sp] == ["Ardmore", "Kellan"]
    assert [r["role"] for r in sp] == ["Former President", "President"]
    # titles of several words; a deputy is not the attorney general
    text = ("Attorney General Lena Sorrell and Deputy Attorney General Rosa Quint met "
            "President-elect Varga.\n\n\"We agreed,\" the attorney general said.\n\n"
            "\"It was fine,\" the president-elect said.")
    assert [r["name"] for r in speakers(text) if r["kind"]] == ["Lena Sorrell", "Varga"]
    # the fullest name the article gives that surname
    text = ("President Kellan flew to Ohio.\n\nOn Monday, Mara Kellan said little.\n\n"
            "\"We will see,\" the president said.")
    assert [r["name"] for r in speakers(text) if r["kind"]] == ["Mara Kellan"]


def test_the_official_is_the_anonymous_source_introduced_before():
    text = ("\"We had no warning,\" an agency official said on Tuesday.\n\n"
            "The agency declined to comment further.\n\n"
            "\"It was a mistake,\" the official said.\n\n"
            "\"Nobody will be fired,\" the source said.")
    sp = [r for r in speakers(text) if r["kind"]]
    assert [(r["name"], r["kind"]) for r in sp] == [
        ("an agency official", "anonymous"), ("an agency official", "anonymous"),
        ("the source", "anonymous")]


def test_the_department_is_the_one_body_of_that_kind_named_before():
    text = ("The Justice Department opened an inquiry on Monday.\n\n"
            "\"We take this seriously,\" the department said.\n\n"
            "Qatar's Ministry of Foreign Affairs disagreed.\n\n"
            "\"This is absurd,\" the ministry said.\n\n"
            "The Department of Homeland Security declined to comment.\n\n"
            "\"Nothing more,\" the department said.")
    sp = [r for r in speakers(text) if r["kind"]]
    assert [(r["name"], r["kind"]) for r in sp] == [
        ("the Justice Department", "organisation"),
        ("Qatar's Ministry of Foreign Affairs", "organisation"),
        ("the department", "organisation")]  # two departments named by then: which one?


def test_time_word_is_not_a_speaker():
    text = "Mayor Tom Ricketts on Friday said the city would \"fix every road by spring.\""
    sp = speakers(text)
    assert sp[0]["name"] in ("Tom Ricketts", None)
    assert sp[0]["name"] != "Friday"


def test_a_plain_word_opening_a_sentence_is_no_given_name():
    # "Intensifying Trump's troubles, ...", "Until Ryan arrived": not a person Intensifying
    # Trump or Until Ryan, whom a later "Trump said" would stand for
    text = ("Donald Trump spoke in Ohio on Monday.\n\n"
            "Intensifying Trump's troubles, the poll fell again.\n\n"
            "“We will win,” Trump said.")
    assert speakers(text)[-1]["name"] == "Donald Trump"
    text = "Until Ryan arrived, nobody spoke.\n\n“We are done,” Ryan said."
    assert speakers(text)[-1]["name"] == "Ryan"
    # a given name stays one ("Will Smith")
    text = "Will Smith laughed on stage.\n\n“It was fun,” Smith said."
    assert speakers(text)[-1]["name"] == "Will Smith"


def test_a_description_opening_a_sentence_is_written_as_inside_one():
    assert clean_name("The statement") == "the statement"
    assert clean_name("A Pelosi aide") == "a Pelosi aide"
    assert clean_name("And The statement") == "the statement"
    assert clean_name("The New York Times") == "The New York Times"
    assert clean_name("The Times") == "The Times"


def test_classify_kinds():
    assert classify("White House") == "organisation"
    assert classify("the lawsuit") == "document"
    assert classify("a senior official") == "anonymous"
    assert classify("protesters") == "group"
    assert classify("Kamala Ortiz") == "person"
    assert classify(None) is None
    # a company named "General ...": not the title of a general ("General Motors" is no
    # person "Motors")
    assert classify("General Motors") == "organisation"
    assert clean_name("General Motors") == "General Motors"
    assert classify("General Stanley McChrystal") == "person"


@pytest.mark.parametrize("name,kind", [
    # papers described by their kind speak as documents ...
    ("the cable", "document"), ("the minutes", "document"), ("the talking points", "document"),
    ("the standing rules", "document"), ("an earlier dispatch", "document"),
    ("the Texas statute", "document"),
    # ... but the same words ending a name name a newspaper, a body or a person
    ("The Columbus Dispatch", "organisation"), ("Center for Immigration Studies", "organisation"),
    ("Thom File", "person"),
])
def test_documents_described_by_their_kind(name, kind):
    assert classify(name) == kind


def test_a_newspaper_is_an_organisation():
    assert classify("Springfield Gazette") == "organisation"
    assert classify("Des Moines Register") == "organisation"
    assert classify("Hennepin County Medical Examiner") == "organisation"
    assert classify("Ellen Standard") == "person"  # a given name first: a person
    # the paper right before the verb speaks, though a person is named earlier in the same
    # run of text (a reference mark hides the sentence's end)
    sp = speakers("Roe was placed on paid leave after the shooting.[8] The Springfield "
                  "Gazette reported: \"The bureau will conduct a separate inquiry.\"")
    assert (sp[0]["name"], sp[0]["kind"]) == ("The Springfield Gazette", "organisation")
    # ... but not a paper that is the reporter's employer
    sp = speakers("On Monday, Jane Roe of the Springfield Gazette reported that the mayor "
                  "\"will not run again.\"")
    assert sp[0]["name"] == "Jane Roe"


def test_a_state_abbreviation_is_no_speaker():
    # "Ga." is where the speaker lives, not who speaks
    sp = speakers("\u201cWe will not give up,\u201d Barney Carter of St. Marys, Ga., said.")
    assert (sp[0]["name"], sp[0]["kind"]) == ("Barney Carter", "person")


def test_a_suffix_is_no_name_of_its_own():
    # "John Roe Jr." where the text also names John Roe: the son, not a person "Jr."
    sp = speakers("John Roe founded the firm in 1980.\n\nJohn Roe Jr., in a statement: "
                  "\u201cWe will sell the firm.\u201d")
    assert sp[0]["name"] == "John Roe Jr."


def test_the_judge_is_the_one_named_last():
    # two judges the article titles: "the judge" is the one named last, by surname too
    sp = speakers("U.S. District Judge Ann Poe sentenced Roe on Thursday.\n\n"
                  "Roe faces a second sentencing before U.S. District Judge Jane Doe next "
                  "week.\n\nBefore the sentencing, Roe told Poe that he was sorry.\n\n"
                  "The judge told Roe: \u201cI did not hear you express regret.\u201d")
    assert sp[0]["name"] == "Ann Poe"


def test_a_titled_surname_is_not_a_woman_of_that_name_for_mr():
    # "President Roe" beside "Mr. Roe" is not "first lady Jane Roe", the only Roe named in full
    sp = speakers("President Roe spoke on Tuesday, with first lady Jane Roe at his side. Mr. Roe "
                  "then left for Ohio.\n\nThe president said, \u201cWe will win.\u201d")
    assert sp[0]["name"] == "Roe"


def test_merge_is_idempotent_and_ids_stable():
    t1 = ("Chuck Fenwick, the senate leader, spoke.\n\n\"No deal,\" Fenwick said.")
    t2 = "\"No deal yet,\" said Senator Chuck Fenwick."
    s1 = {"st": [{"article_id": "a", "outlet": "X", "speakers": speakers(t1)}]}
    m1 = merge_speakers(s1)
    s2 = {"st": s1["st"] + [{"article_id": "b", "outlet": "Y", "speakers": speakers(t2)}]}
    m2 = merge_speakers(s2)
    assert m2 == merge_speakers(s2)
    assert m1["assign"][("a", 0)] == m2["assign"][("a", 0)] == m2["assign"][("b", 0)]
    sp = {s["id"]: s for s in m2["speakers"]}
    assert sp[m2["assign"][("a", 0)]]["name"] == "Chuck Fenwick"
    assert sp[m2["assign"][("a", 0)]]["outlets"] == ["X", "Y"]


@pytest.mark.parametrize("text,name,kind", [
    ("\"We will hold the line on spending,\" said House Majority Whip Steve Marlowe (R-La.).",
     "Steve Marlowe", "person"),
    ("\"This is a disaster for working families,\" said Sen. Ted Crane, R-TX.",
     "Ted Crane", "person"),
    ("Democracy for America, a progressive group, said in a statement: \"The party must fight "
     "harder.\"", "Democracy for America", "organisation"),
    ("\"We will keep marching every week,\" the Brooklyn, N.Y., chapter of Indivisible said.",
     "the Brooklyn, N.Y., chapter of Indivisible", "organisation"),
    ("\"The rule was never enforced properly anyway,\" Obama-era officials said.",
     "Obama-era officials", "anonymous"),
    ("\"We were surprised by the decision,\" Gov. Rick Perrin of Texas said at the time.",
     "Rick Perrin", "person"),
    ("\"Nobody expected this outcome at all,\" Mayor Janet Olsen said Friday.",
     "Janet Olsen", "person"),
    ("The court ruled 5-4. And Justice Elena Kagel wrote: \"The majority has lost its way.\"",
     "Elena Kagel", "person"),
    # a word put in front of a name of three words or more is no part of it; an initial, a
    # common given name, or a word no list knows stays
    ("The agent wrote again. \"This is a disgrace,\" said Lover Peter Strand in a text.",
     "Peter Strand", "person"),
    ("\"It is over,\" Cryin\u2019 Chuck Shuman told reporters.", "Chuck Shuman", "person"),
    ("\"The ice is melting,\" Climatologist Richard Allison said.", "Richard Allison",
     "person"),
    ("\"No,\" said Sixteen-year-old Patricia Harlow.", "Patricia Harlow", "person"),
    ("\"We are ready,\" said Correspondent John Kingsley.", "John Kingsley", "person"),
    ("\"I agree,\" said J. Russell Georgeson.", "J. Russell Georgeson", "person"),
    ("\"It works,\" said Mark David Chapel.", "Mark David Chapel", "person"),
    ("\"He is right,\" said Cory Scott Gardener, the senator.", "Cory Scott Gardener",
     "person"),
    # a family the article names a member of in full
    ("Bill Clintock and Hillary Clintock left Arkansas. \"We were broke,\" the Clintocks "
     "said.", "the Clintocks", "group"),
    # a speaker across a sentence end: the part next to the verb
    ("Henry Waxler is the top Democrat on the committee. During the hearing Waxler said that "
     "\"the worst abuses of the industry will be halted\" by Medicare. The California Democrat "
     "said \"the reforms mean better care.\"", "Henry Waxler", "person"),
    # "he" after a subject inside a longer proper name: the person after its title
    ("The agency dropped the case.\n\nHouse Ways and Means Committee Chairman Dave Campbell, "
     "R-Mich., says he is skeptical. \"There continues to be an ongoing investigation,\" he "
     "said in a statement.", "Dave Campbell", "person"),
    # an anonymous source cut short after a modifier: the whole description, and not the name
    # inside it
    ("\"There were a couple of such cases,\" said a former senior intelligence official.",
     "a former senior intelligence official", "anonymous"),
    ("\"We will see,\" said a former Trumble aide.", "a former Trumble aide", "anonymous"),
    # a title says a person, whatever the surname
    ("\"This is a political stunt,\" Mrs. Bank told The Times.", "Bank", "person"),
    # "The New York Times" keeps its "New"
    ("After which, according to The New York Times, the senator cut in to agree, saying, "
     "\"Every time, every time.\"", "New York Times", "organisation"),
    # "she" is not the words of a newsletter blurb between the paragraphs
    ("The mayor, Jenny Durkin, speaks her mind.\n\nGet the Example Stories you care about "
     "delivered to your inbox. By signing up, you agree to our Privacy Policy\n\n\u201cWe are "
     "a gritty city,\u201d she says.", "Jenny Durkin", "person"),
    # a label before a colon is no speaker; a name there is
    ("The ads ran for months. Fake ad: \"I say no to the senator.\"", None, None),
    ("Then the mayor spoke.\n\nSen. Jane Harlow (D-Ohio): \"We will rebuild every house.\"",
     "Jane Harlow", "person"),
    ("Then the mayor spoke.\n\nJane Harlow, a nurse in Ohio: \"We will rebuild every house.\"",
     "Jane Harlow", "person"),
    ("The mayor spoke first.\n\nJane Harlow made the following comment:\n\n\"We will rebuild "
     "every house.\"", "Jane Harlow", "person"),
    # "Mr." with the surname of the only woman the article names in full: not her
    ("First lady Michelle Obamer also attended the march. \"We must act,\" Mr. Obamer said.",
     "Obamer", "person"),
    # the verb right before the sentence's full stop ("... Jed Bosh said.")
    ("\u201cOur friends no longer trust us,\u201d former Florida governor Jed Bosh said. Then "
     "he left.", "Jed Bosh", "person"),
    ("\u201cThe rationales are wrong,\u201d said 9/11 widow Terri Strand.", "Terri Strand",
     "person"),
    # a full name, then its description between commas, then the verb: the name, not the
    # place or the employer nearest the verb
    ("''I don't think she was truthful,'' Cecily Purnell, 67, a retired clerk in Allentown, "
     "Pa., said in an interview.", "Cecily Purnell", "person"),
    ("''We believe the bashing will go on,'' Isaac Boltman, an analyst at Compass Research & "
     "Trading, wrote in a note.", "Isaac Boltman", "person"),
    ("As Jon Corwin, the second in the party's leadership, put it: \"This nominee will not be "
     "confirmed.\"", "Jon Corwin", "person"),
    ("\"Lots of analysts said no,\" remembered Roy Verlander, the firm's former spokesman.",
     "Roy Verlander", "person"),
    # titles joined by "and"/"of": the name after the last one
    ("\u201cHe is reprising that role,\u201d said former Pennsylvania Gov. and National "
     "Committee Chairman Ed Randall.", "Ed Randall", "person"),
    ("Former Secretary of State Madeline Albrecht urged women to vote, saying, \u201cThere is "
     "a special place for them.\u201d", "Madeline Albrecht", "person"),
    # a description: its last clause, cut before a relative clause or a verb phrase
    ("\u201cIt is not the first time I have been aligned with\u201d the Sierra Club or other "
     "green groups, a Florida lawmaker said.", "a Florida lawmaker", "anonymous"),
    ("Sen. Marc Rubin of Florida voted for the bill.\n\n\u201cIt is not the first time I have "
     "been aligned with\u201d the Sierra Club or other green groups, the senator said.",
     "Marc Rubin", "person"),
    ("\"Don't look away from me,\" the woman can be heard saying.", "the woman", "person"),
    ("\u201cThey are wrong about all of it,\u201d a senior military officer who has dealt "
     "with him said.",
     "a senior military officer", "anonymous"),
    # the clause before the quotation starts after a sentence's end, not after "Dr." or "U.S."
    ("Some 2 million people would have died.\n\nDr. Anthony Faucet, who is helping to lead "
     "the U.S. effort, says, \u201cAs sobering a number as that is, we should be ready.\u201d",
     "Anthony Faucet", "person"),
    ("New York politics is rough. But as Joyce Purnell, the longtime former political "
     "reporter, notes, \u201cstandard politics can be a nasty business for anyone.\u201d",
     "Joyce Purnell", "person"),
    ("The suit was filed in May.\n\nButcher concludes, \u201cThe defense of free expression "
     "is the task of all of us.\u201d", "Butcher", "person"),
    # a description that can speak, right before the verb; not a clause with its own verb
    ("The suit was filed in May.\n\nThe lawsuit concludes, \u201cThe article has forced, and "
     "will force, the campaign to spend money.\u201d", "the lawsuit", "document"),
    ("The bank answered.\n\nThe bank put out a statement Sunday, saying it is \u201cproud to "
     "have secured more funding for small firms than anyone else.\u201d", None, None),
    # "..., he explains.": the pronoun's person, not the capitalised word before it
    ("Barry Olden went south.\n\nThe old Marxist paradigm held that workers should rise, he "
     "explains. \u201cBut capitalism is a global economy now, so the workers are elsewhere.\u201d",
     None, None),
    # a definite description cut short after a modifier: the whole noun phrase
    ("\u201cThe burden is on those who would overturn the law,\u201d said the former law "
     "school professor.", "the former law school professor", "person"),
    ("\u201cAll options around his future are on the table,\u201d said the Democratic leader "
     "of the Senate, Justin Alfonse.", "Justin Alfonse", "person"),
    # the central bank is no person
    ("Inflation rose.\n\n\"We are prepared to provide further accommodation if needed,\" "
     "the Fed said in a statement.", "Fed", "organisation"),
    # an imperative opening a sentence is no name
    ("And it is a coincidence.\n\nWait, it gets better:\n\n\"By law, the president sets "
     "the number.\"\n", None, None),
])
def test_garbled_speakers_are_repaired(text, name, kind):
    sp = [r for r in speakers(text) if r["kind"]]
    if name is None:
        assert not sp
        return
    assert sp and sp[0]["name"] == name and sp[0]["kind"] == kind


def test_role_before_name_and_apposition():
    t1 = "Senate Democratic leader Chuck Shuman, D-N.Y., said: \"The bill is dead on arrival.\""
    t2 = "\"This is a fight for our democracy,\" said Ann Lee, director of MoveOn.org, on Tuesday."
    assert speakers(t1)[0]["role"] == "Senate Democratic leader"
    assert speakers(t2)[0]["role"] == "director of MoveOn.org"
    # the role stops at another person ("... Dana Pruitt and"), and at the sentence before
    t3 = ("Sen. Dana Pruitt met voters in Ohio. Housing and Urban Development Secretary Lena "
          "Sorrell and Rep. Jordan Whitfield spoke.\n\n\"We will win,\" Whitfield said.\n\n"
          "\"It is done,\" Sorrell said.")
    assert [r["role"] for r in speakers(t3)] == ["Rep.", "Housing and Urban Development Secretary"]


def test_a_role_stops_at_a_quotation_before_it():
    # the words before the name end a quotation ("... door," Mayor ...) or name a show in
    # quotation marks ("Fox News Sunday" host): the role is what follows the quotation
    text = ('"We will not open that door," Mayor Ada Quist said on Monday.\n\n'
            '"It is done," Quist added.')
    assert speakers(text)[0]["role"] == "Mayor"
    text = ('"This country needs Open Borders!" President Ian Grove said.')
    assert speakers(text)[0]["role"] == "President"
    text = ('Speaking on "Fox News Sunday" host Chris Wallace said: "We asked twice."')
    assert speakers(text)[0]["role"] == "host"


def test_a_name_that_is_a_whole_quotation_is_a_slogan_not_a_full_name():
    # the signs said "Impeach Obama": not a person Impeach Obama whom "Mr. Obama" stands for;
    # "Jeb Bush’s analysis" opening a quotation is still Jeb Bush
    text = ("Outside, protesters held signs that said “Impeach Obama” and “Wacko Obama,” "
            "and some chanted.\n\n"
            "“This action does not apply to anybody,” Mr. Obama said at the school.")
    assert speakers(text)[-1]["name"] == "Obama"
    text = ("Bloggers answered on Monday.\n\n“Jeb Bush’s analysis is incomplete,” wrote one."
            "\n\n“I stand by it,” Bush said.")
    assert speakers(text)[-1]["name"] == "Jeb Bush"


def test_unattributed_paragraph_after_subject_and_no_speaker():
    text = ("Governor Maria Estevez signed the order late on Monday night.\n\n"
            "\"We cannot wait any longer for Washington to act on this.\"")
    assert speakers(text)[0]["name"] == "Maria Estevez"
    text2 = "The weather was cold.\n\n\"It was the coldest night of the winter so far, by far.\""
    assert speakers(text2)[0]["name"] is None


def test_merge_nicknames_global_surname_and_ambiguous_surname():
    def art(aid, name, kind="person"):
        return {"article_id": aid, "outlet": "O" + aid,
                "speakers": [{"position": 0, "name": name, "kind": kind, "role": None,
                              "surface": name}]}
    stories = {
        "s1": [art("a1", "Charles E. Schumer"), art("a2", "Chuck Schumer")],
        "s2": [art("b1", "Schumer")],  # no full name in its story: the database's only one
        "s3": [art("c1", "Bill Clinton"), art("c2", "Hillary Clinton"), art("c3", "Clinton")],
        "s4": [art("d1", "the statement", "document"), art("d2", "The statement", "document")],
    }
    m = merge_speakers(stories)
    a = m["assign"]
    assert a[("a1", 0)] == a[("a2", 0)] == a[("b1", 0)]
    assert len({a[("c1", 0)], a[("c2", 0)], a[("c3", 0)]}) == 3
    assert a[("d1", 0)] == a[("d2", 0)]
    names = {s["id"]: s["name"] for s in m["speakers"]}
    assert names[a[("a1", 0)]] == "Charles E. Schumer"
    # ids do not depend on the other stories
    m2 = merge_speakers({"s1": stories["s1"]})
    assert m2["assign"][("a1", 0)] == a[("a1", 0)]


def test_an_organisation_named_with_the_is_one_speaker_across_stories():
    def art(aid, name, kind="organisation"):
        return {"article_id": aid, "outlet": "O" + aid,
                "speakers": [{"position": 0, "name": name, "kind": kind, "role": None,
                              "surface": name}]}
    m = merge_speakers({"s1": [art("a1", "the White House")],
                        "s2": [art("b1", "The White House")],
                        "s3": [art("c1", "White House"), art("c2", "the statement", "document")],
                        "s4": [art("d1", "the statement", "document")],
                        "s5": [art("e1", "the department")], "s6": [art("f1", "the department")]})
    a = m["assign"]
    assert a[("a1", 0)] == a[("b1", 0)] == a[("c1", 0)]
    # descriptions stay within their story: another story's statement or department is another
    assert a[("c2", 0)] != a[("d1", 0)] and a[("e1", 0)] != a[("f1", 0)]


def _quill_stories(ann: int, bob: int) -> dict:
    """``ann`` stories naming Ann Quill in full, ``bob`` naming Bob Quill, and one whose
    speaker is a bare "Quill"."""
    def art(aid, name):
        return {"article_id": aid, "outlet": "O", "speakers": [
            {"position": 0, "name": name, "kind": "person", "role": None, "surface": name}]}
    stories = {f"a{i}": [art(f"a{i}", "Ann Quill")] for i in range(ann)}
    stories.update({f"b{i}": [art(f"b{i}", "Bob Quill")] for i in range(bob)})
    stories["bare"] = [art("bare", "Quill")]
    return stories


@pytest.mark.parametrize("ann, bob, joins", [
    (20, 2, True),    # ten times as many articles: the bare surname is Ann Quill
    (20, 3, False),   # 6.7 times: ambiguous, it stays "Quill"
    (19, 1, False),   # 19 times, but fewer than 20 articles
    (1, 0, True),     # the only one
])
def test_bare_surname_joins_the_dominant_full_name_of_the_database(ann, bob, joins):
    m = merge_speakers(_quill_stories(ann, bob))
    a, names = m["assign"], {s["id"]: s["name"] for s in m["speakers"]}
    assert (a[("bare", 0)] == a[("a0", 0)]) is joins
    assert names[a[("bare", 0)]] == ("Ann Quill" if joins else "Quill")


def test_load_stage_applies_the_dominant_full_name_rule(tmp_path):
    """The stage counts the articles naming each full name in the database as merge_speakers
    does, and a later load that tips the balance recomputes the bare surname."""
    from datasette_media_bias.pipeline import load

    def article(aid, story, name):
        return {"id": aid, "outlet": f"Outlet {aid}", "story": story, "title": "Budget talks",
                "text": f"{name} spoke on Monday.\n\n\"The budget will pass this week,\" "
                        f"{name.split()[-1]} said."}
    first = [article(f"a{i}", f"s{i}", "Ann Quill") for i in range(20)]
    first += [article("b0", "t0", "Bob Quill"), article("bare", "u", "Quill")]
    db = tmp_path / "news.db"
    load(db, [str(_write(tmp_path / "a.jsonl", first))], jobs=1)
    assert _names(db)["bare:0"] == "Ann Quill"
    load(db, [str(_write(tmp_path / "b.jsonl", [article(f"b{i}", f"t{i}", "Bob Quill")
                                               for i in (1, 2)]))], jobs=1)
    assert _names(db)["bare:0"] == "Quill"  # 20 against 3: no longer dominant

# --- the load stage: speakers table and quotes.speaker_id -----------------------------------

ARTICLES = [
    {"id": "c1", "outlet": "Daily Ledger", "story": "rally", "title": "Two Clintons speak",
     "text": "Bill Clinton spoke first at the rally on Monday.\n\n"
             "\"The economy is strong,\" Clinton said.\n\n"
             "Later Hillary Clinton took the stage.\n\n\"I am ready,\" Clinton said."},
    {"id": "c2", "outlet": "Evening Courier", "story": "rally", "title": "Clinton is ready",
     "text": "The crowd cheered for a long time.\n\n"
             "\"It was a long night for everyone here,\" said Hillary Clinton."},
    {"id": "c3", "outlet": "Evening Courier", "story": "town-hall", "title": "Clinton again",
     "text": "The town hall was crowded.\n\n\"We will be back next year,\" Clinton said."},
    {"id": "s1", "outlet": "Daily Ledger", "story": "budget", "title": "Schumer on the budget",
     "text": "The budget talks stalled again.\n\n\"There is no deal on the table,\" Schumer said."
             "\n\n\"The agency regrets the delay,\" a senior official said."},
    {"id": "s2", "outlet": "Evening Courier", "story": "vote", "title": "Senate vote",
     "text": "The Senate voted late on Thursday.\n\n"
             "\"This is a good day for workers,\" said Sen. Chuck Schumer (D-N.Y.).\n\n"
             "\"We will keep fighting,\" the statement said."},
]


def _write(path, articles):
    with open(path, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a) + "\n")
    return path


def _tables(db):
    conn = sqlite3.connect(db)
    try:
        return {
            "speakers": conn.execute("select * from speakers order by id").fetchall(),
            "links": conn.execute("select * from speaker_articles "
                                  "order by article_id, kind, key").fetchall(),
            "quotes": conn.execute("select article_id, position, speaker, speaker_name, "
                                   "speaker_kind, speaker_id from quotes "
                                   "order by article_id, position").fetchall(),
            "sources": conn.execute("select * from outlet_sources order by outlet, kind"
                                    ).fetchall(),
            "top": conn.execute("select * from outlet_speakers order by outlet, rank").fetchall(),
        }
    finally:
        conn.close()


def _names(db):
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute(
            "select q.article_id || ':' || q.position, s.name from quotes q "
            "join speakers s on s.id = q.speaker_id"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def speakers_db(tmp_path_factory):
    from datasette_media_bias.pipeline import load

    tmp = tmp_path_factory.mktemp("speakers")
    db = tmp / "news.db"
    report = load(db, [str(_write(tmp / "a.jsonl", ARTICLES))], jobs=1)
    assert report.loaded == len(ARTICLES) and report.rejected == 0
    return db


def test_loaded_corpus_has_speakers_and_quote_speaker_ids(speakers_db):
    names = _names(speakers_db)
    # the two Clintons of the rally stay apart; the town hall's bare "Clinton" joins neither
    assert names["c1:0"] == "Bill Clinton" and names["c1:1"] == "Hillary Clinton"
    assert names["c2:0"] == "Hillary Clinton"
    assert names["c3:0"] == "Clinton"
    # a surname whose story never names it in full joins the database's only full name
    assert names["s1:0"] == names["s2:0"] == "Chuck Schumer"
    conn = sqlite3.connect(speakers_db)
    kinds = dict(conn.execute("select name, kind from speakers"))
    assert kinds["a senior official"] == "anonymous"
    assert kinds["the statement"] == "document"
    row = conn.execute("select quotes, articles, outlets, stories, roles from speakers "
                       "where name = 'Hillary Clinton'").fetchone()
    assert row[:4] == (2, 2, 2, 1) and json.loads(row[4]) == []
    schumer = conn.execute("select id, outlets from speakers where name = 'Chuck Schumer'")
    sid, outlets = schumer.fetchone()
    assert outlets == 2
    assert conn.execute("select count(*) from quotes where speaker_id = ?", [sid]).fetchone()[0] \
        == 2
    # every direct quotation with a canonical name has a speaker row
    assert conn.execute("select count(*) from quotes q left join speakers s "
                        "on s.id = q.speaker_id where q.speaker_name is not null "
                        "and q.kind = 'direct' and s.id is null").fetchone()[0] == 0


def test_stage_equals_merging_the_whole_database_at_once(speakers_db):
    conn = sqlite3.connect(speakers_db)
    stories = {}
    for aid, outlet, story in conn.execute("select id, outlet, story from articles"):
        rows = [{"position": p, "name": n, "kind": k, "role": r, "surface": sf}
                for p, n, k, r, sf in conn.execute(
                    "select position, speaker_name, speaker_kind, speaker_role, speaker "
                    "from quotes where article_id = ? and kind = 'direct'", [aid])]
        stories.setdefault(story, []).append({"article_id": aid, "outlet": outlet,
                                              "speakers": rows})
    merged = merge_speakers(stories)
    stored = {(a, p): s for a, p, s in conn.execute(
        "select article_id, position, speaker_id from quotes where speaker_id is not null")}
    assert stored == merged["assign"]
    assert {s["id"]: s["name"] for s in merged["speakers"]} == dict(
        conn.execute("select id, name from speakers"))


def test_loading_twice_changes_nothing(tmp_path):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "news.db"
    src = str(_write(tmp_path / "a.jsonl", ARTICLES))
    load(db, [src], jobs=1)
    before = _tables(db)
    report = load(db, [src], jobs=1)
    assert report.loaded == 0 and report.unchanged == len(ARTICLES)
    assert _tables(db) == before


def test_loading_in_parts_gives_the_same_tables_as_at_once(tmp_path, speakers_db):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "news.db"
    # the surname-only Schumer first (it stays "Schumer"), then the story naming him in full;
    # the second Clinton last (the town hall's Clinton joins Bill until Hillary arrives)
    first = [a for a in ARTICLES if a["id"] in ("s1", "c3")]
    load(db, [str(_write(tmp_path / "a.jsonl", first))], jobs=1)
    assert _names(db)["s1:0"] == "Schumer"
    load(db, [str(_write(tmp_path / "b.jsonl", ARTICLES))], jobs=1)
    assert _tables(db) == _tables(speakers_db)
    # an article replaced by one without the full name: its speaker rows follow
    changed = [dict(ARTICLES[4], text="The Senate voted late on Thursday.\n\n"
                                      "\"This is a good day for workers,\" said Rep. Ann Holt.")]
    load(db, [str(_write(tmp_path / "c.jsonl", changed))], jobs=1)
    names = _names(db)
    assert names["s1:0"] == "Schumer" and names["s2:0"] == "Ann Holt"
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from speakers where name = 'Chuck Schumer'"
                        ).fetchone()[0] == 0
    fresh = tmp_path / "fresh.db"
    final = [a for a in ARTICLES if a["id"] != "s2"] + changed
    load(fresh, [str(_write(tmp_path / "d.jsonl", final))], jobs=1)
    assert _tables(db) == _tables(fresh)


def test_merging_a_few_stories_at_a_time_gives_the_same_tables(tmp_path, speakers_db,
                                                                monkeypatch):
    """The stage merges the stories a few thousand articles at a time (flat memory): one
    article at a time gives the same tables, the database-wide surname rule included."""
    from datasette_media_bias.pipeline import load
    from datasette_media_bias.pipeline import speakers as stage

    monkeypatch.setattr(stage, "_GROUP_ARTICLES", 1)
    db = tmp_path / "parts.db"
    load(db, [str(_write(tmp_path / "a.jsonl", ARTICLES))], jobs=1)
    assert _tables(db) == _tables(speakers_db)
    assert _names(db)["s1:0"] == "Chuck Schumer"  # the surname rule across parts


# --- pages ------------------------------------------------------------------------------------

@pytest.fixture
def speakers_ds(speakers_db):
    from conftest import make_datasette

    return make_datasette(speakers_db)


async def test_speaker_page_and_json(speakers_ds, speakers_db):
    conn = sqlite3.connect(speakers_db)
    sid = conn.execute("select id from speakers where name = 'Hillary Clinton'").fetchone()[0]
    path = f"/news/-/media-bias/speakers/{sid}"
    html = await speakers_ds.client.get(path)
    assert html.status_code == 200, html.text[:500]
    assert "Hillary Clinton" in html.text and "Daily Ledger" in html.text
    assert f'href="{path}.json"' in html.text
    data = (await speakers_ds.client.get(path + ".json")).json()
    assert data["speaker"]["name"] == "Hillary Clinton"
    assert data["speaker"]["kind"] == "person"
    assert {o["name"]: o["quotes"] for o in data["outlets"]} == {"Daily Ledger": 1,
                                                                 "Evening Courier": 1}
    assert sum(o["share"] for o in data["outlets"]) == pytest.approx(1.0)
    [story] = data["stories"]
    assert story["id"] == "rally"
    assert sorted(q["text"] for q in story["quotations"]) == [
        "I am ready,", "It was a long night for everyone here,"]
    missing = await speakers_ds.client.get("/news/-/media-bias/speakers/per-nobody.json")
    assert missing.status_code == 404


async def test_story_table_groups_by_canonical_speaker(speakers_ds):
    data = (await speakers_ds.client.get("/news/-/media-bias/stories/rally.json")).json()
    rows = {sp["speaker"]: sp for sp in data["speakers"]}
    assert set(rows) >= {"Bill Clinton", "Hillary Clinton"}
    hillary = rows["Hillary Clinton"]
    assert hillary["kind"] == "person" and hillary["quotes"] == 2
    assert set(hillary["by_article"]) == {"c1", "c2"}
    assert hillary["link"] == f"/news/-/media-bias/speakers/{hillary['id']}"
    html = (await speakers_ds.client.get("/news/-/media-bias/stories/rally")).text
    assert f'href="{hillary["link"]}"' in html


async def test_outlet_page_shows_its_source_mix(speakers_ds, speakers_db):
    conn = sqlite3.connect(speakers_db)
    outlet = conn.execute("select id from outlets where name = 'Daily Ledger'").fetchone()[0]
    path = f"/news/-/media-bias/outlets/{outlet}"
    data = (await speakers_ds.client.get(path + ".json")).json()
    sources = data["sources"]
    kinds = {k["kind"]: k for k in sources["kinds"]}
    # Daily Ledger: Bill and Hillary Clinton, Schumer, a senior official
    mine = conn.execute("select count(*) from quotes q join articles a on a.id = q.article_id "
                        "where a.outlet = ? and q.kind = 'direct'", [outlet]).fetchone()[0]
    assert sources["quotes"] == mine
    assert kinds["anonymous"]["outlet"]["quotes"] == 1
    assert sources["anonymous_share"] == pytest.approx(1 / mine, abs=1e-4)
    assert sum(k["outlet"]["share"] for k in sources["kinds"]) == pytest.approx(1.0)
    # the other outlets on the same stories: Evening Courier's article on the rally
    assert kinds["person"]["others_same_stories"]["quotes"] == 1
    top = {s["name"]: s for s in sources["top_speakers"]}
    assert top["Hillary Clinton"]["quotes"] == 1
    assert top["Hillary Clinton"]["others_quotes_same_stories"] == 1
    assert top["Hillary Clinton"]["link"].startswith("/news/-/media-bias/speakers/")
    html = (await speakers_ds.client.get(path)).text
    assert "Who it quotes" in html and "anonymous sources" in html


# --- evaluation (skipped without ../shared/data) --------------------------------------------

def test_evaluations_meet_their_targets():
    from conftest import needs_shared
    from datasette_media_bias.evaluation.speakers import ecbplus, speakers_dev

    dev = speakers_dev(needs_shared("speakers_dev.jsonl"))
    assert dev["canonical_speaker_accuracy"] >= 0.85 and dev["kind_accuracy"] >= 0.85
    assert dev["baseline_surface_speaker"] < dev["canonical_speaker_accuracy"]
    ecb = ecbplus(needs_shared("ecbplus.jsonl.gz"))
    assert ecb["precision"] >= 0.97 and ecb["f1"] >= 0.90


def test_articles_a_killed_load_left_without_speakers_get_them_on_the_next_load(tmp_path):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "news.db"
    load(db, [str(_write(tmp_path / "a.jsonl", ARTICLES))], jobs=1)
    whole = _tables(db)
    conn = sqlite3.connect(db)
    with conn:  # as if the load had been killed before its stages ran
        conn.execute("update quotes set speaker_id = null where article_id = 'c3'")
        conn.execute("delete from speaker_articles where article_id = 'c3'")
    conn.close()
    more = [{"id": "x1", "outlet": "Daily Ledger", "story": "other", "title": "Other",
             "text": "\"Nothing to add,\" said Mayor Ruth Calder."}]
    load(db, [str(_write(tmp_path / "b.jsonl", more))], jobs=1)
    assert _names(db)["c3:0"] == "Clinton"
    after = _tables(db)
    assert sorted(r for r in after["links"] if r[1] != "x1") == sorted(whole["links"])
    assert [r for r in after["quotes"] if r[0] != "x1"] == whole["quotes"]


def test_names_in_boilerplate_lines_name_nobody():
    """A site's "follow this topic" box is boilerplate: its capitalised words ("Add Ann
    Quill") are not a fuller name for the quotation's speaker."""
    from datasette_media_bias.analysis import analyze_text
    from datasette_media_bias.analysis.lexicon import default_lexicon

    text = ("Add Ann Quill as an interest to stay up to date on the latest Ann Quill news, "
            "video, and analysis from Some News.\n\n"
            "\"We will pass the budget this week,\" Quill said on Monday.")
    rows = analyze_text(text, default_lexicon())
    assert rows["sentences"][0]["boilerplate_kind"] == "newsletter"
    assert [q["speaker_name"] for q in rows["quotes"]] == ["Quill"]


def test_quotations_in_lines_not_the_articles_own_are_none_of_its_quotations():
    """A video list's headline ("JUST WATCHED Roe: 'We will win' Replay More Videos ...") and a
    repeated line are not the article's text: their quotations are kind "boilerplate", with
    no speaker, and the article counts only its own (the repeated one where it first stands)."""
    from datasette_media_bias.analysis import analyze_text
    from datasette_media_bias.analysis.lexicon import default_lexicon

    own = "\"It is a sad day for the city,\" said council member Tom Vale."
    text = ("Mayor Jane Roe spoke on Monday. \"We will rebuild the bridge,\" Roe said.\n\n"
            "JUST WATCHED Ira Mott: \"There is something going on here\" Replay More Videos ..."
            "\n\n" + own + "\n\n" + own)
    rows = analyze_text(text, default_lexicon())
    assert [s["boilerplate_kind"] for s in rows["sentences"]] == [
        None, None, "related_link", None, "repeated"]
    assert [(q["kind"], q["speaker_name"]) for q in rows["quotes"]] == [
        ("direct", "Jane Roe"), ("boilerplate", None), ("direct", "Tom Vale"),
        ("boilerplate", None)]
    assert rows["article"]["quotes"] == 2 and rows["article"]["speakers"] == 2
    # a pull quote's words opening the full quotation later: that one is the article's own
    pull = "\u201cOur children are watching us closely. Well, they are.\u201d"
    text = ("Senator Ann Holt spoke on the floor on Tuesday.\n\n" + pull + "\n\n"
            "Her speech is worth reading in full:\n\n"
            "\u201cOur children are watching us closely. Well, they are. And what will we say "
            "to them?\u201d")
    rows = analyze_text(text, default_lexicon())
    assert "repeated" in [s["boilerplate_kind"] for s in rows["sentences"]]
    assert [(q["kind"], q["speaker_name"]) for q in rows["quotes"]] == [
        ("direct", "Ann Holt"), ("direct", "Ann Holt")]


def test_an_ordinary_word_opening_a_sentence_is_no_given_name_of_a_known_person():
    """"Unless Roe acts ..." is not a person "Unless Roe" when the text names Jane Roe; with no
    other person of that surname, the two words stay a name ("Rush Dole": the text also writes
    "rush", but names nobody else Dole)."""
    text = ("Senator Jane Roe spoke on Monday.\n\nUnless Roe acts, the bill dies in the "
            "committee unless the leaders intervene.\n\n\"We will act,\" Roe said.")
    assert [r["name"] for r in speakers(text)] == ["Jane Roe"]
    text = ("Rush Dole hosts a radio show. There was a rush to judgment, he said.\n\n"
            "\"We will see,\" Dole said.")
    assert [r["name"] for r in speakers(text)] == ["Rush Dole"]


@pytest.mark.parametrize("surname, full", [
    ("McTavish", "Senator Ewan McTavish"), ("DeLuca", "Mayor Rosa DeLuca"),
    ("O'Brannagh", "Judge Nora O'Brannagh"), ("Vale-Okoro", "Rep. Ada Vale-Okoro")])
def test_he_or_she_after_a_surname_with_a_capital_inside(surname, full):
    """"McTavish said ... "...," he said": the pronoun is the person whose surname has a
    capital after a prefix or a hyphen, as it is for any surname."""
    text = (f"{full} spoke to reporters on Monday after the vote in the capital.\n\n"
            f"Rival candidate Tom Brill was not there.\n\n"
            f"No decision was made yet, {surname} said. \"We will try again next year,\" "
            f"{'she' if full.startswith(('Mayor', 'Judge', 'Rep.')) else 'he'} said.")
    assert [r["name"] for r in speakers(text)] == [full.split(" ", 1)[1]]


def test_a_pronoun_looks_back_past_a_video_list():
    """"she responded" after a video player's list of other stories is the person named before
    the list: its lines are neither her nor counted among the sentences looked back over."""
    videos = "".join(f"JUST WATCHED Harbour budget talks, part {i} Replay More Videos ... MUST "
                     f"WATCH Harbour budget talks, part {i} 02:0{i}\n\n" for i in range(1, 6))
    text = ("Rep. Ann Holt, R-Missouri, was elected in 2010 to cut spending.\n\n" + videos +
            "\"Should members of Congress take a pay cut?\" a reporter asked.\n\n"
            "\"I don't think so,\" she responded.")
    assert [r["name"] for r in speakers(text)] == ["a reporter", "Ann Holt"]


@pytest.mark.parametrize("name, kind", [
    ("Democrats", "group"), ("Americans", "group"), ("Palestinians", "group"),
    ("Economists", "group"), ("Evans", "person"), ("Coats", "person"), ("Hans", "person"),
    ("Democrats Abroad", "organisation"), ("Americans for Prosperity", "organisation"),
    ("NATO", "organisation"),
])
def test_a_plural_of_people_alone_is_a_group(name, kind):
    assert classify(name) == kind


def test_a_fact_checks_capitals_are_the_person_named_in_full():
    text = ("Donald Trump and Hillary Clinton met for the second debate on Sunday.\n\n"
            "TRUMP, asked whether he would accept the result: “No, I didn’t say that at all, "
            "and I never will.”\n\nTHE FACTS: He did.\n\n"
            "NATO, in a statement: “We are watching the election with great interest today.”")
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [
        ("Donald Trump", "person"), ("NATO", "organisation")]
    # two full names with the surname: the capitals are that surname, not the nearest one
    two = text.replace("Hillary Clinton", "Ivanka Trump")
    assert speakers(two)[0]["name"] == "Trump"


@pytest.mark.parametrize("text, name, kind", [
    # a place after "of" is the person's state, not the speaker
    ('Rep. Dana Okoro of Iowa told reporters that the bill "will not pass this year."',
     "Dana Okoro", "person"),
    # a country speaking is an organisation, never a person
    ('China, the main trading partner, said the move would "help calm the markets".',
     "China", "organisation"),
    # a party word begins a description, or the name after it
    ('"We will not back down," said one Republican operative on Tuesday.',
     "one Republican operative", "anonymous"),
    ('"Voters want a plan," said Democratic strategist and TV commentator Lena Marsh, who '
     'spoke first.', "Lena Marsh", "person"),
    # a title alone is the person the article gives that title
    ('Former President Alan Brooks spoke at the dinner.\n\n"We were right," the former '
     'President said.', "Alan Brooks", "person"),
    # "New York" keeps its "New"; a pronoun after it is not "York"
    ('In a profile in the New York magazine, Mr. Halvorsen was called "a generous host".\n\n'
     '"He is fun to be with," he said.', "Halvorsen", "person"),
    # a word that names nobody gives no speaker rather than a wrong one
    ('Instead, the report "was released with little fanfare," it noted.', None, None),
    ('"They are wrong," Others argued at the meeting.', "others", "group"),
])
def test_places_party_words_and_plain_words_are_not_people(text, name, kind):
    direct = [r for r in speakers(text) if r["position"] == len(find_quotes(text)) - 1]
    assert (direct[0]["name"], direct[0]["kind"]) == (name, kind)


def test_a_place_with_a_persons_surname_still_joins_the_person():
    text = ("Senator Maria Washington chaired the hearing.\n\n"
            "\"The committee will vote,\" Washington said.")
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [("Maria Washington", "person")]


def test_mrs_and_mr_join_the_full_name_of_their_sex():
    text = ("Bill Clinton and Hillary Clinton arrived together; Bill Clinton spoke first.\n\n"
            "\"We are proud of this city,\" Mrs. Clinton said.\n\n"
            "\"It was a long night,\" Mr. Clinton said.")
    assert [r["name"] for r in speakers(text)] == ["Hillary Clinton", "Bill Clinton"]


def test_a_name_is_not_extended_across_a_line_break():
    text = ("Ben Okafor\n\nWhat he wants: The senator has called for fewer debates. He says "
            "moderators ask \"gotcha questions that serve nobody\" and wants debates to change.")
    assert [r["name"] for r in speakers(text)] == ["Ben Okafor"]


def test_words_before_a_name_and_glued_link_names_are_not_given_names():
    text = ("White House Chief of Staff Dana Whitfield met the press, and the staff stayed "
            "out.\n\n\"We are done,\" Whitfield said.\n\n"
            "Governor Robert Allen Dunmore Robert Allen DunmoreGOP leaders back him. \"The "
            "budget is fair,\" Dunmore said.")
    assert [r["name"] for r in speakers(text)] == ["Dana Whitfield", "Robert Allen Dunmore"]


def test_a_glued_link_name_in_the_speaker_words_gives_the_full_name():
    assert clean_name("Sen. Dana Ruiz Dana Maria RuizGOP") == "Dana Maria Ruiz"
    assert clean_name("AshLee Strong") == "AshLee Strong"  # a name's own capital stays


def test_a_month_that_is_a_surname_names_the_person():
    # "May" after a title or as the surname of a full name is a person; "in May" stays a time
    text = ("Prime Minister Alice May spoke in London in May.\n\n"
            "\"We will leave on time,\" Mrs May said. \"It is a good deal,\" she added.\n\n"
            "\"It was a long night,\" May told reporters.")
    assert [r["name"] for r in speakers(text)] == ["Alice May"] * 3
    alone = ("\"We will leave on time,\" Mrs May said. \"It is a good deal,\" she added. "
             "\"Not today,\" Dr. June said.")
    assert [(r["name"], r["kind"]) for r in speakers(alone)] == [
        ("May", "person"), ("May", "person"), ("June", "person")]
    # no title and no full name: a month is nobody
    assert speakers("\"It rained,\" he said in May.")[0]["name"] is None


def test_a_plain_word_away_from_the_attribution_is_nobody():
    # the capitalised word opening the clause is not the speaker; next to the verb it can be
    text = ("Many voters feel betrayed.\n\nLooked at this way, the group reported, key "
            "constituencies were \u201cleaving the common man out of the picture.\u201d")
    assert [r["name"] for r in speakers(text)] == [None]
    text = "The suit was filed in June.\n\nBaker concludes, \u201cThe case is strong.\u201d"
    assert [r["name"] for r in speakers(text)] == ["Baker"]


def test_a_pronoun_after_a_name_with_initials_is_that_person():
    # "Dana K. Okoro": the surname after an initial is inside a sentence, a name, not a
    # common word that hands the quotation to the last name before it
    text = ("In a report, Major General Dana K. Okoro, the commander at Central Operations, "
            "admitted that he had hardly begun. \u201cWe have not understood the idea,\u201d he "
            "said.")
    assert [r["name"] for r in speakers(text)] == ["Dana K. Okoro"]


@pytest.mark.parametrize("text, name, kind", [
    # a sentence adverb before a surname is not a given name
    ("Perhaps Whitfield knew it.\n\n\u201cWe are done,\u201d Whitfield said.", "Whitfield",
     "person"),
    # a place speaks for its authorities
    ("\u201cThe roads are closed,\u201d Orange County said in a statement.",
     "Orange County", "organisation"),
    # a person of a place stays the person
    ("\u201cThe roads are closed,\u201d said Jane Roe of Orange County.", "Jane Roe", "person"),
])
def test_sentence_adverbs_and_places_are_not_people(text, name, kind):
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [(name, kind)]


@pytest.mark.parametrize("text, name, kind", [
    # a description ends before its relative clause or verb
    ("This is the second time a campaign official was told of \u201cdirt\u201d on the rival.",
     "a campaign official", "anonymous"),
    ("Who is the guy who is told \u201cYou clearly hate your town\u201d by a stranger?",
     "the guy", "person"),
])
def test_a_description_ends_before_its_clause(text, name, kind):
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [(name, kind)]


@pytest.mark.parametrize("text, name, kind", [
    # a count is no description's end: "the two" + "senators"
    ("\u201cMore work is needed,\u201d said the two senators.", "the two senators", "group"),
    ("\u201cMore work is needed,\u201d said the 18 scientists, including Ravi Gupta.",
     "the 18 scientists", "group"),
    # present-tense attribution verbs
    ("Still, \u201cthe plan is the best strategy,\u201d the report emphasizes.", "the report",
     "document"),
])
def test_counted_descriptions_and_present_tense_verbs(text, name, kind):
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [(name, kind)]


@pytest.mark.parametrize("text, name, kind", [
    # "The <Word>" writing is a publication, not a person called <Word>
    ("As for the bill, The Ledger writes that: \u201cThe vote is significant.\u201d", "The Ledger",
     "organisation"),
    # but a person's word keeps its person
    ("As for the bill, The Frenchman writes that: \u201cThe vote is significant.\u201d",
     "Frenchman", "person"),
])
def test_a_publication_is_not_a_person(text, name, kind):
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [(name, kind)]


def test_a_day_after_a_possessive_is_its_owner():
    # the quotation finder takes "Roe's Wednesday" (the paragraph's subject) for "he": the
    # person is Roe, not a day
    text = ("Dana Roe spoke for an hour.\n\nRoe\u2019s Wednesday walkout marked a clear shift. "
            "He\u2019s decided that a deal is out of reach.\n\n\u201cYou can go down the "
            "investigation track, or you can get things done,\u201d he said.")
    assert [(r["name"], r["kind"]) for r in speakers(text)] == [("Dana Roe", "person")]
    # a day or month alone is nobody ("the board's December, 2017, draft ... concluded")
    text = ("For example, the Federal Safety Board's December, 2017, draft assessment concluded "
            "that \"the compound is not likely to be harmful to people.\"")
    assert [r["name"] for r in speakers(text)] == [None]


@pytest.mark.parametrize("text, names", [
    # a party-state tag, then the state and party for the same person
    ("Sen. Dana Whitfield (R-Ky.) spoke on Tuesday. Sen. Omar Lentz (D-N.Y.) did not.\n\n"
     "\u201cThis bill is a disaster,\u201d the Kentucky Republican said. \u201cIt is fine,\u201d "
     "the New York Democrat said.", ["Dana Whitfield", "Omar Lentz"]),
    # an apposition or the words before the name give the party; a state the person is not
    # given names nobody
    ("Carla Mendes, a Vermont Democrat, spoke first. Republican Sen. Ray Otto followed.\n\n"
     "\u201cWe are ready,\u201d the Vermont Democrat said. \u201cNo,\u201d the Utah "
     "Republican said.", ["Carla Mendes", None]),
    # "the Democrat" alone: the person of this sentence or the one before, nobody else named
    # between; not the one named further back when another is named since
    ("Rep. Lena Hart, D-Md., spoke. \u201cIt is late,\u201d the Democrat said.",
     ["Lena Hart"]),
    ("Rep. Lena Hart, D-Md., spoke. Governor Paul Nkemelu also met reporters on the steps. "
     "Nkemelu then left. \u201cIt is late,\u201d the Democrat said.", [None]),
    # several people, not one
    ("Republican nominee Mitt Halvorsen lost. \u201cWe must change,\u201d wrote the five "
     "Republican authors of the report.", ["the five Republican authors"]),
])
def test_the_state_and_party_description_of_a_person(text, names):
    assert [r["name"] for r in speakers(text)] == names


@pytest.mark.parametrize("text, name", [
    # a gallery's title run into each caption: the person, not "Francis Francis"
    ("Pope Francis visited Rome. Hide Caption 2 of 9 Photos: Pope Francis Francis greets the "
     "crowd. Hide Caption 3 of 9 Photos: Pope Francis Crowds cheer the Pope.\n\n"
     "\u201cWe must act now,\u201d the Pope said.", "Francis"),
    # two mentions run together: the one the repeated word belongs to
    ("Gov. Nikki Haley spoke. Haley Nikki Haley then left the stage.\n\n"
     "\u201cWe are done,\u201d Haley said.", "Nikki Haley"),
    # a given name written twice stays a name
    ("Dee Dee Myers spoke at length on the show.\n\n\u201cIt was hard,\u201d Myers said.",
     "Dee Dee Myers"),
])
def test_a_word_twice_is_two_mentions_run_together(text, name):
    assert [r["name"] for r in speakers(text)] == [name]


def test_a_first_name_alone_that_is_also_a_surname_stays_alone():
    # link boxes give "Paul Ryan" (from "Paul Ryan Paul Davis Ryan") and a "Rand Paul": "Paul"
    # alone may be either, so it is not taken for Paul Ryan's first name
    text = ("House Speaker Paul Ryan Paul Davis Ryan Retirees should say no MORE (R-Wis.) and "
            "Sen. Rand Paul Randal (Rand) Howard PaulSenate waves through bill MORE (R-Ky.) met "
            "on Monday.\n\n\u201cI am not satisfied,\u201d Paul said. \u201cWe will see,\u201d "
            "Ryan said.")
    assert [r["name"] for r in speakers(text)] == ["Paul", "Paul Ryan"]


def test_a_speakers_roles_merge_spellings_most_given_first(tmp_path):
    from datasette_media_bias.pipeline import load

    def article(aid, role):
        return {"id": aid, "outlet": f"Outlet {aid}", "story": "s", "title": "Budget talks",
                "text": f"\"The budget will pass this week,\" said {role} Ann Quill."}
    roles = ["U.S. Senator", "US Senator", "Senate Budget Committee Chair", "U.S. Senator",
             "us senator"]
    db = tmp_path / "news.db"
    load(db, [str(_write(tmp_path / "a.jsonl", [article(f"a{i}", r)
                                                for i, r in enumerate(roles)]))], jobs=1)
    conn = sqlite3.connect(db)
    (stored,) = conn.execute("select roles from speakers where name = 'Ann Quill'").fetchone()
    # four quotations say it one way or another, the commonest spelling names it
    assert json.loads(stored) == ["U.S. Senator", "Senate Budget Committee Chair"]


@pytest.mark.parametrize("raw, name", [
    # the day the sentence put next to a name is not part of it
    ("President Trump Sunday", "Trump"),
    ("House Speaker John Boehner Monday", "John Boehner"),
    ("The FBI on Thursday", "FBI"),
    ("Early Saturday Jeb Bush", "Jeb Bush"),
    ("The president Friday morning", "the president"),
    # a named day, or a day used as a modifier, stays
    ("Super Tuesday", "Super Tuesday"),
    ("Saturday Night Live", "Saturday Night Live"),
    ("the Thursday report", "the Thursday report"),
])
def test_a_day_next_to_a_name_is_cut(raw, name):
    assert clean_name(raw) == name


def test_a_building_named_after_a_person_is_no_full_name_of_that_person():
    text = ("Aides met in Trump Tower Friday night to plan the week.\n\n"
            "In a video released Saturday, Trump said he regretted the remarks.\n\n"
            '"I was wrong," Trump said.')
    assert [r["name"] for r in speakers(text)] == ["Trump"]
    assert classify("Trump Tower") == "organisation"


@pytest.mark.parametrize("text, names", [
    # "It" is the document or body the sentences before it name, never a person
    ("The county council's resolution said the board \u201cmust act before winter.\u201d "
     "It said Mayor Ines Varga\u2019s plan \u201cleaves the shelters empty.\u201d",
     ["the county council's resolution", "the county council's resolution"]),
    ("Later, the Office for Rural Health wrote back to Dr. Alma Reyes. It said her clinic "
     "had \u201cfully complied\u201d with the rules.",
     ["Office for Rural Health"]),
    ("A report was compiled by nine state agencies.\n\nThe study is at odds with what Governor "
     "Tom Adler has said.\n\nIt says it is \u201cextremely likely\u201d that the river rose.",
     ["the study"]),
    ("The 1994 Clean Rivers Act covers every dam. It says each one must be \u201cinspected "
     "every year by an engineer.\u201d", ["The 1994 Clean Rivers Act"]),
    ("Governor Tom Adler spoke on Monday. It said Adler\u2019s plan was \u201ca disaster for "
     "the county\u201d.", [None]),
    # "They" is not one person found elsewhere
    ("Nora and Sam Whitfield remembered a hard winter.\n\n\u201cWhen we went to the "
     "hospital, Governor Ward insisted on coming to see us.\u201d They called the elder Ward "
     "\u201cdecent, kind, and welcoming,\u201d in a statement.", ["Sam Whitfield", None]),
])
def test_it_and_they_are_not_a_person_found_elsewhere(text, names):
    assert [r["name"] for r in speakers(text)] == names
    if names[0] is None:
        assert speakers(text)[0]["kind"] is None


@pytest.mark.parametrize("text, name", [
    # the name apposed to a description or to what an owner has speaks, not the owner
    ("Her campaign manager, Robby Lane, suggested that the staff \u201cmay have broken the "
     "law.\u201d", "Robby Lane"),
    ("Marlow's attorney, Alan Greer, said the claim was \u201cfalse from start to finish.\u201d",
     "Alan Greer"),
    ("His sister's husband told him that he \u201cno longer had a son.\u201d",
     "His sister's husband"),
    # the owner of a document speaks through it
    ("Marlow\u2019s letter read: \u201cI will not resign.\u201d", "Marlow"),
    # a description has no conjunction in it: nobody rather than "his plan and"
    ("The senator outlined his plan and vowed to punish \u201cthose who leak.\u201d", None),
])
def test_who_an_attribution_names(text, name):
    assert [r["name"] for r in speakers(text)] == [name]


@pytest.mark.parametrize("text, name", [
    # British English's "the PM" is the prime minister the article names, and "PM" is a title
    ("Prime Minister Alan Crewe spoke on Tuesday.\n\nThe PM, who has faced calls to resign, "
     "said he \u201cprofoundly disagreed\u201d with the ruling.", "Alan Crewe"),
    ("PM Nora Vance said she would \u201crespect the vote of the house.\u201d", "Nora Vance"),
    ("Nora Vance spoke on Tuesday. The PM said he \u201cprofoundly disagreed\u201d with it.", None),
])
def test_the_pm_is_the_prime_minister(text, name):
    assert [r["name"] for r in speakers(text)] == [name]
