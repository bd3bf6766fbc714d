"""Loaded words in context (issue 17): sense and part of speech, negation, whose voice, story
words, word choice across outlets, and users' control of the lexicon. Sentences written for the
tests; databases built by the real loader."""
import csv
import json
import sqlite3

import pytest

from datasette_media_bias.analysis import analyze_text
from datasette_media_bias.analysis.lexicon import Lexicon, default_lexicon
from datasette_media_bias.compare.words import aligned_wording, story_words, word_choices

LEX = default_lexicon()


def occurrences(text, lexicon=LEX):
    return analyze_text(text, lexicon)["occurrences"]


def counted(text, lexicon=LEX):
    return [o for o in occurrences(text, lexicon) if o["weight"]]


def by_term(rows, term):
    return [r for r in rows if r["term"] == term]


def test_bundled_entries_are_what_the_tests_assume():
    cats = {(e["term"], e["category"]) for e in LEX.entries}
    for pair in [("crash", "sensational_verb"), ("crashed", "sensational_verb"),
                 ("disaster", "emotive"), ("mob", "pejorative"),
                 ("controversial", "subjective_adjective"), ("slammed", "sensational_verb")]:
        assert pair in cats


def test_a_verb_entry_used_as_a_noun_is_shown_but_not_counted():
    text = ("The plane crashed into a field near the airport. After the crash, two earlier "
            "crashes were reviewed.")
    found = occurrences(text)
    noun = by_term(found, "crash")[0]
    assert noun["weight"] == 0 and noun["sense"] == "noun, after 'the'"
    assert [o["term"] for o in counted(text)] == ["crashed"]
    article = analyze_text(text, LEX)["article"]
    assert article["loaded_words"] == 1  # the figures count only what counts


def test_a_verb_entry_after_an_adjective_or_a_preposition_or_before_its_noun_is_a_noun():
    text = ("Students reported a rise in sexual assault. He was charged with assault. The ban "
            "covers assault weapons. Critics slam the plan.")
    found = by_term(occurrences(text), "assault")
    assert [o["sense"] for o in found] == ["noun, after 'sexual'", "noun, after 'with'",
                                          "noun, followed by 'weapons'"]
    assert [o["term"] for o in counted(text)] == ["slam"]
    # an -s form before a noun is a verb with its object
    assert [o["term"] for o in counted("The senator slams reports of a deal.")] == ["slams"]


def test_base_form_after_to_or_a_modal_is_a_verb():
    assert {o["term"] for o in counted("Critics will slam the plan. They want to crash the "
                                       "party.")} == {"slam", "crash"}


def test_a_loaded_noun_of_a_verb_entry_still_counts():
    assert [o["term"] for o in counted("He repeated the smear that the mayor was paid.")] == \
        ["smear"]


def test_negation_cancels_an_evaluative_word_but_not_a_verb():
    found = occurrences("The plan is not controversial. The mayor did not slam the council.")
    adj, verb = by_term(found, "controversial")[0], by_term(found, "slam")[0]
    assert adj["weight"] == 0 and adj["sense"] == "negated by 'not'"
    assert verb["weight"] == 1


def test_part_of_a_name_is_not_counted_but_a_headline_is():
    assert not counted("Police raided the Stonewall Inn in New York on that night in June.")
    assert by_term(counted("Senator Slams Critics Over Wall"), "slams")


def test_partial_quotation_after_an_attribution_verb_is_the_speakers_word():
    text = 'The senator called the new law a "disaster" during a radio interview on Monday.'
    rows = analyze_text(text, LEX)
    assert [(q["kind"], q["partial"]) for q in rows["quotes"]] == [("direct", 1)]
    assert by_term(rows["occurrences"], "disaster")[0]["in_quote"] == 1
    assert rows["article"]["loaded_words_own_voice"] == 0


def test_said_the_mob_is_the_speakers_word_and_chains():
    text = 'West said the "mob" can\'t make him "not love him" and left the stage.'
    rows = analyze_text(text, LEX)
    assert [q["kind"] for q in rows["quotes"]] == ["direct", "direct"]
    assert by_term(rows["occurrences"], "mob")[0]["in_quote"] == 1


def test_scare_quotes_without_a_speaker_stay_the_outlets_own_words():
    text = 'The "controversial" plan was published on Monday by the ministry.'
    rows = analyze_text(text, LEX)
    assert rows["quotes"][0]["kind"] == "scare"
    assert by_term(rows["occurrences"], "controversial")[0]["in_quote"] == 0
    assert rows["article"]["loaded_words_own_voice"] == 1


def test_multi_word_entries_match():
    assert "witch hunt" in {o["term"] for o in counted(
        "He called the inquiry a political witch hunt in his statement.")}


def test_story_words_are_the_subject_and_the_words_most_articles_share():
    texts = ["The plane crashed on Sunday. The crash killed all on board. Critics slammed the "
             "radical airline.",
             "A second crash of the model. The plane crashed minutes after take-off. A radical "
             "change.",
             "Investigators studied the crash site. It crashed near the city; a crash report is "
             "due. A radical plan. Protesters slammed it."]
    arts = [{"title": "", "occurrences": occurrences(t)} for t in texts]
    found = story_words(arts)
    assert {"crash", "crashed"} <= set(found)
    assert "3 of the story's 3 articles" in found["crashed"] and "own subject" in found["crash"]
    # a label all three outlets use is shared, not one outlet's choice; a word two of them
    # use once each too (2 of 3); but neither names the subject
    assert "radical" in found and "most of the story's articles use it" in found["radical"]
    assert "slammed" in found and "own subject" not in found["slammed"]
    assert story_words(arts[:1]) == {}
    # a word only one article of three uses stays that outlet's choice
    arts[2] = {"title": "", "occurrences": occurrences(texts[2].replace(" Protesters slammed "
                                                                          "it.", ""))}
    assert "slammed" not in story_words(arts)


def test_word_choices_across_outlets():
    arts = [{"id": "a", "text": "The bill would deport illegal aliens within a year."},
            {"id": "b", "text": "The bill would deport undocumented immigrants."},
            {"id": "c", "text": "Nothing about immigration here."}]
    choice = [c for c in word_choices(arts) if c["referent"] == "immigrants without legal status"]
    assert choice and choice[0]["by_article"] == {"a": ["illegal aliens"],
                                                  "b": ["undocumented immigrants"]}
    same = [{"id": "a", "text": "illegal aliens"}, {"id": "b", "text": "illegal immigrants"}]
    assert not word_choices(same)


def test_word_choices_match_case_and_the_letters_case_insensitive_matching_folds():
    """Each phrase is looked for only where its longest word is a word of the lower-cased text,
    and an ASCII phrase in the lower-cased text (a page view reads every pair in every text):
    the matches stay those of the case-insensitive regexes, the four non-ASCII letters they take
    for ASCII ones included."""
    arts = [{"id": "a", "text": "A Spending  SPREE, they said."},
            {"id": "b", "text": "An INVESTMENT in roads."},
            {"id": "c", "text": "Not a \u017fpending \u017fpree, they said."}]  # long s
    found = {c["referent"]: c for c in word_choices(arts)}
    assert found["government spending"]["by_article"] == {
        "a": ["spending spree"], "b": ["investment"], "c": ["spending spree"]}
    assert found["government spending"]["sides"] == {"a": [1], "b": [0], "c": [1]}
    assert word_choices([{"id": "a", "text": "the wealthy"},
                         {"id": "b", "text": "THE RICH"}]) == []  # the same side
    # a dotted capital I is an i to the case-insensitive regex; a phrase glued to letters is
    # not the phrase, one after a digit is; a non-ASCII phrase matches in any case
    pairs = [{"referent": "x", "sides": [["investment"], ["spending spree"]]},
             {"referent": "y", "sides": [["caf\u00e9 owners"], ["spending spree"]]}]
    found = {c["referent"]: c for c in word_choices([
        {"id": "a", "text": "An \u0130NVESTMENT, 5investment, reinvestment."},
        {"id": "b", "text": "a reinvestment and a spending-spree"},
        {"id": "c", "text": "CAF\u00c9 OWNERS"}], pairs)}
    assert found["x"]["by_article"] == {"a": ["investment"], "b": ["spending spree"]}
    assert found["y"]["by_article"] == {"b": ["spending spree"], "c": ["caf\u00e9 owners"]}


def write_lexicon(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["term", "category", "source", "action"])
        w.writerows(rows)
    return path


def test_users_add_remove_and_recategorise_bundled_terms(tmp_path):
    mine = write_lexicon(tmp_path / "mine.csv", [
        ["controversial", "", "", "remove"], ["slammed", "emotive", "", "set"],
        ["Nothingburger", "subjective_adjective", "", ""]])
    lexicon = Lexicon.load([mine])
    found = {o.term: o.category for o in lexicon.find(
        "A controversial bill was slammed as a nothingburger.")}
    assert found == {"slammed": "emotive", "nothingburger": "subjective_adjective"}
    assert lexicon.version != LEX.version
    bad = write_lexicon(tmp_path / "bad.csv", [["slammed", "emotive", "", "rename"]])
    with pytest.raises(ValueError, match=r"bad\.csv:2: action must be one of"):
        Lexicon.load([bad])


def test_the_bundled_review_removes_routine_words():
    assert not LEX.find("It would be very special, reportedly.")


def _corpus(path):
    story = [
        ("a1", "Outlet One", "Plane crash kills 157", "The jet crashed after take-off. The crash "
         "killed everyone. Officials slammed the airline. The crash was the second in months."),
        ("a2", "Outlet Two", "Second crash for the jet", "A second crash hit the model. It "
         "crashed near the capital. Families were devastated by the crash."),
        ("a3", "Outlet Three", "Jet crashed near capital", "The plane crashed minutes after "
         "take-off. Investigators reached the crash site. The crash report is due."),
    ]
    with open(path, "w", encoding="utf-8") as f:
        for aid, outlet, title, text in story:
            f.write(json.dumps({"id": aid, "outlet": outlet, "title": title, "story": "s1",
                                "text": text}) + "\n")
    return path


def test_loader_sets_story_words_aside_and_recounts(tmp_path):
    from datasette_media_bias.pipeline import load

    db = tmp_path / "c.db"
    report = load(db, [_corpus(tmp_path / "c.jsonl")], jobs=1)
    assert report.rejected == 0
    conn = sqlite3.connect(db)
    assert {t for (t,) in conn.execute("select term from story_words where story = 's1'")} >= \
        {"crash", "crashed"}
    # the figures count neither the story words nor the noun uses: "slammed" and
    # "devastated" are the outlets' own choices
    figures = dict(conn.execute("select id, loaded_words_own_voice from articles"))
    counted_terms = {r for (r,) in conn.execute(
        "select term from loaded_word_occurrences where weight > 0 and story_word = 0")}
    assert "crashed" not in counted_terms and "slammed" in counted_terms
    assert figures["a1"] == 1
    sums = conn.execute("select a.id, a.loaded_words_own_voice, (select sum("
                        "s.loaded_words_own_voice) from sentences s where s.article_id = a.id "
                        "and s.is_boilerplate = 0) from articles a").fetchall()
    assert all(a == b for _, a, b in sums)  # articles add up from their sentences
    # loading again changes nothing
    before = list(conn.iterdump())
    load(db, [tmp_path / "c.jsonl"], jobs=1)
    assert list(sqlite3.connect(db).iterdump()) == before


async def test_story_page_shows_the_words_set_aside(tmp_path):
    from conftest import make_datasette
    from datasette_media_bias.pipeline import load

    db = tmp_path / "c.db"
    load(db, [_corpus(tmp_path / "c.jsonl")], jobs=1)
    ds = make_datasette(db)
    data = (await ds.client.get("/c/-/media-bias/stories/s1.json")).json()
    assert {w["term"] for w in data["story_words"]} >= {"crash", "crashed"}
    top = [w["term"] for sents in data["most_loaded_sentences"].values() for s in sents
           for w in s["words"]]
    assert top and not {"crash", "crashed", "crashes"} & set(top)
    html = (await ds.client.get("/c/-/media-bias/stories/s1")).text
    assert 'id="story-words"' in html and "coverage shares" in html
    article = (await ds.client.get("/c/-/media-bias/articles/a1")).text
    assert "mb-not-counted" in article and "not counted:" in article


def test_recompute_uses_an_edited_lexicon_table(tmp_path):
    import subprocess
    import sys

    from datasette_media_bias.pipeline import load

    db = tmp_path / "c.db"
    load(db, [_corpus(tmp_path / "c.jsonl")], jobs=1)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("delete from lexicon where term = 'slammed'")
    r = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "recompute", str(db),
                        "--lexicon-table"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert not conn.execute("select count(*) from loaded_word_occurrences "
                            "where term = 'slammed'").fetchone()[0]


async def test_pages_show_a_recompute_made_while_they_serve(tmp_path):
    """A recompute rewrites the articles in place (same count, same rowids): the corpus-wide
    figures a running Datasette keeps must follow it, not stay as they were."""
    from conftest import make_datasette

    from datasette_media_bias.pipeline import load
    from datasette_media_bias.pipeline.driver import recompute

    db = tmp_path / "c.db"
    load(db, [_corpus(tmp_path / "c.jsonl")], jobs=1)
    ds = make_datasette(db, metadata={})

    async def figures():
        page = (await ds.client.get("/c/-/media-bias/outlets/outlet-one.json")).json()
        mean = page["corpus_metrics"]["loaded_per_100_words"]["mean"]
        return mean, {r["outlet"]: r["loaded_per_100_words"] for r in page["outlet_means"]}

    before_mean, before = await figures()
    assert before["outlet-one"] > 0  # "slammed" counts
    edits = tmp_path / "edits.csv"
    edits.write_text("term,category,source,action\nslammed,,,remove\n", encoding="utf-8")
    recompute(db, Lexicon.load([edits]), jobs=1)
    conn = sqlite3.connect(db)
    ((stored,),) = conn.execute("select avg(loaded_per_100_words) from articles")
    after_mean, after = await figures()
    assert after["outlet-one"] == 0 and after_mean == pytest.approx(stored) != before_mean


async def test_word_choices_count_the_outlets_own_words_not_their_quotations(tmp_path):
    # the first outlet writes "illegal immigrants" only inside a senator's quotation: its own
    # word is "undocumented immigrants", like the second's; the third writes "illegal aliens"
    from conftest import make_datasette, write_jsonl
    from datasette_media_bias.pipeline import load

    rows = [
        {"id": "a", "outlet": "Daily Ledger", "story": "bill", "title": "Senate bill",
         "text": "The bill would let undocumented immigrants apply for work permits.\n\n"
                 "\"We will not reward illegal immigrants,\" Senator Ann Quill said on Monday."},
        {"id": "b", "outlet": "Evening Courier", "story": "bill", "title": "Senate bill",
         "text": "Undocumented immigrants could apply for work permits under the bill."},
        {"id": "c", "outlet": "Morning Star", "story": "bill", "title": "Senate bill",
         "text": "The bill hands work permits to illegal aliens, critics said."},
    ]
    db = tmp_path / "news.db"
    load(db, [str(write_jsonl(tmp_path / "a.jsonl", rows))], jobs=1)
    data = (await make_datasette(db).client.get("/news/-/media-bias/stories/bill.json")).json()
    (choice,) = [c for c in data["word_choices"]
                 if c["referent"] == "immigrants without legal status"]
    assert choice["by_article"] == {"a": ["undocumented immigrants"],
                                    "b": ["undocumented immigrants"], "c": ["illegal aliens"]}
    assert choice["sides"] == {"a": [0], "b": [0], "c": [1]}


def test_a_wire_copy_shares_no_words_with_its_original(tmp_path):
    """Words an article and its wire copy share are not the story's shared words: a story of
    one text republished by another outlet keeps every loaded word counted in both."""
    from conftest import write_jsonl
    from datasette_media_bias.pipeline import load

    text = ("Lawmakers slammed the controversial plan on Tuesday, calling the budget a disaster "
            "for rural towns. The governor defended it at a news conference in the capital. "
            "Officials said the vote would take place next month after hearings.")
    path = write_jsonl(tmp_path / "w.jsonl", [
        {"id": aid, "outlet": outlet, "title": "Budget plan slammed", "date": "2024-05-07",
         "text": text} for aid, outlet in (("w1", "Wire Service"), ("w2", "Daily Paper"))])
    db = tmp_path / "w.db"
    load(db, [path], jobs=1)
    conn = sqlite3.connect(db)
    (story, copy_of), = conn.execute("select story, copy_of from articles where id = 'w2'")
    assert copy_of == "w1" and conn.execute(
        "select story from articles where id = 'w1'").fetchone()[0] == story
    assert conn.execute("select count(*) from story_words where story = ?",
                        [story]).fetchone()[0] == 0
    own = dict(conn.execute("select id, loaded_words_own_voice from articles"))
    assert own["w1"] == own["w2"] > 0


def _aligned(texts, outlets=None, quotes=None, score=0.8):
    """aligned_wording over one matched sentence per article (all matched to the first)."""
    sents, occs = [], []
    for i, t in enumerate(texts):
        aid = f"a{i}"
        sents.append({"article_id": aid, "position": 0, "start": 0, "text": t})
        occs += [{"article_id": aid, "start": o["start"], "end": o["end"], "term": o["term"]}
                 for o in counted(t)]
    matches = [("a0", 0, f"a{i}", 0, score) for i in range(1, len(texts))]
    return aligned_wording(sents, matches, occs, quotes, outlets)


def test_matched_sentences_worded_differently():
    base = "Senator Mary Ortiz {} the budget plan at a hearing in the capital on Tuesday."
    (row,) = _aligned([base.format("slammed"), base.format("criticized")])
    assert (row["before"], row["after"]) == ("Senator Mary Ortiz", "the budget plan")
    a, b = row["sides"]
    assert (a["words"], a["loaded"], b["words"], b["loaded"]) == (
        "slammed", ["slammed"], "criticized", [])
    assert row["score"] == 0.8
    # no loaded word on either side, or the same word, or a different fact: nothing
    assert _aligned([base.format("criticized"), base.format("questioned")]) == []
    assert _aligned([base.format("slammed"), base.format("slams")]) == []
    assert _aligned([base.format("slammed"), base.format("Governor Hale and")]) == []
    # a weak match (not the same information), one outlet twice, the other side quoted
    assert _aligned([base.format("slammed"), base.format("criticized")], score=0.3) == []
    assert _aligned([base.format("slammed"), base.format("criticized")],
                    outlets={"a0": "x", "a1": "x"}) == []
    quoted = base.format("criticized")
    k = quoted.index("criticized")
    assert _aligned([base.format("slammed"), quoted], quotes={"a1": [(k - 1, k + 11)]}) == []
    # a loaded word beside other words on its side stands only when it is the whole side
    pej = "Critics said the mayor's {} would close three libraries next spring."
    assert _aligned([pej.format("bizarre proposal"), pej.format("new budget")]) == []
    rows = _aligned([pej.format("bizarre plan"), pej.format("new plan")])
    assert [r["sides"][0]["words"] for r in rows] == ["bizarre"]


async def test_story_page_shows_matched_sentences_worded_differently(tmp_path):
    from conftest import make_datasette, write_jsonl
    from datasette_media_bias.pipeline import load

    lead = "Senator Mary Ortiz {} the budget plan at a hearing in the capital on Tuesday."
    # each outlet's own report after the shared lead (the same text twice would be a wire copy)
    rest = {"a": "The plan would close three rural clinics by next spring.\n\n"
                 "A vote is expected after the committee finishes its review.",
            "b": "Clinic staff in two counties fear losing their jobs before summer.\n\n"
                 "Lawmakers could still change the proposal during the coming weeks."}
    rows = [{"id": aid, "outlet": outlet, "story": "budget", "title": "Budget hearing",
             "text": lead.format(verb) + "\n\n" + rest[aid]}
            for aid, outlet, verb in (("a", "Daily Ledger", "slammed"),
                                      ("b", "Evening Courier", "criticized"))]
    db = tmp_path / "news.db"
    load(db, [str(write_jsonl(tmp_path / "a.jsonl", rows))], jobs=1)
    ds = make_datasette(db)
    data = (await ds.client.get("/news/-/media-bias/stories/budget.json")).json()
    (row,) = data["aligned_wording"]
    sides = {s["article_id"]: s for s in row["sides"]}
    assert sides["a"]["words"] == "slammed" and sides["a"]["loaded"] == ["slammed"]
    assert sides["b"]["words"] == "criticized" and sides["b"]["outlet"] == "Evening Courier"
    assert sides["b"]["link"].endswith("/news/-/media-bias/articles/b#s0")
    assert row["before"] == "Senator Mary Ortiz" and row["score"] >= 0.45
    html = (await ds.client.get("/news/-/media-bias/stories/budget")).text
    assert 'id="aligned-wording"' in html and 'title="loaded: slammed"' in html
    csv_text = (await ds.client.get(
        "/news/-/media-bias/stories/budget.csv?_table=aligned_wording")).text
    assert "slammed" in csv_text.splitlines()[1]
