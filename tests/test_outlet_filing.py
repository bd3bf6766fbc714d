"""Which outlet an article is filed under (store/outlets.py, pipeline/outlets.py,
`media-bias outlets`): by the input's label or by the URL's web site, aliases, refiling a stored
database, and the outlet page listing the labels filed under an outlet. Real loads into real
SQLite files; invented outlets and texts."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import make_datasette, write_jsonl
from datasette_media_bias.cli import cli
from datasette_media_bias.pipeline import load
from datasette_media_bias.pipeline.outlets import refile
from datasette_media_bias.store.outlets import Filing, parse_alias, site_of

FLOOD = ("River floods farm towns after record rain", [
    "The Marlow River burst its banks on Sunday after three days of record rain.",
    "Farm towns across the valley were flooded by the morning.",
    "Mayor Ellen Park said 300 homes were evacuated.",
    "\"We have never seen water this high,\" she said.",
    "Engineers inspected the old levee at first light.",
    "Forecasters expect more rain in the hills by Wednesday."])
VOTE = ("Council approves new tram line", [
    "The city council voted 9 to 4 on Monday to build a tram line to the airport.",
    "Councillor Raj Mehta called the plan overdue.",
    "Opponents said the cost of 2 billion dollars was far too high.",
    "They promised to fight the project in court.",
    "Work on the first stretch could begin next year.",
    "Residents near the depot asked for quieter trams."])
# each article tells its story in three of its six sentences, sharing one with each other
# article (the same text under two outlets would be a wire copy, left out of comparisons)
PICKS = {"p1": (0, 1, 2), "p3": (0, 3, 4), "g1": (1, 3, 5), "p5": (2, 4, 5),
         "p2": (0, 1, 2), "p4": (0, 3, 4), "g2": (1, 3, 5), "x1": (2, 4, 5)}


def art(i, outlet, url, story, title_text, date="2021-03-01"):
    title, sentences = title_text
    return {"id": i, "outlet": outlet, "url": url, "story": story, "title": title,
            "text": " ".join(sentences[k] for k in PICKS[i]) + f" Reported by desk {i}.",
            "date": date}


# one publication under three labels and a writer's name, on its site and a subdomain; another
# publication; one article of the first publication's label without a URL
ARTICLES = [
    art("p1", "Daily Planet", "https://www.dailyplanet.com/a/1", "flood", FLOOD),
    art("p2", "Daily Planet Online", "https://dailyplanet.com/a/2", "vote", VOTE),
    art("p3", "Daily Planet Online", "https://news.dailyplanet.com/a/3", "flood", FLOOD),
    art("p4", "Guest Writer - Left", "https://www.dailyplanet.com/op/4", "vote", VOTE),
    art("g1", "Gotham Gazette", "https://www.gothamgazette.co.uk/1", "flood", FLOOD),
    art("g2", "Gotham Gazette", "https://www.gothamgazette.co.uk/2", "vote", VOTE),
    art("x1", "Daily Planet", None, "vote", VOTE),
]


def outlets_of(db):
    conn = sqlite3.connect(db)
    try:
        filed = dict(conn.execute("select id, outlet from articles"))
        names = {r[0]: (r[1], r[2], json.loads(r[3]) if r[3] else None)
                 for r in conn.execute("select id, name, domain, labels from outlets")}
        labels = dict(conn.execute("select id, outlet_label from articles"))
        stale = sum(conn.execute(f"select count(*) from {t} where {c} not in "
                                 f"(select id from outlets)").fetchone()[0]
                    for t, c in (("outlet_vs_others", "outlet"), ("outlet_months", "outlet"),
                                 ("outlet_story_means", "outlet"), ("outlet_pairs", "a"),
                                 ("outlet_pairs", "b")))
        compared = {r[0] for r in conn.execute("select distinct outlet from outlet_story_means")}
    finally:
        conn.close()
    return filed, names, labels, stale, compared


def test_site_of_a_host():
    assert site_of("news.dailyplanet.com") == "dailyplanet.com"
    assert site_of("www.gothamgazette.co.uk") == "gothamgazette.co.uk"
    assert site_of("jane.blogspot.com") == "jane.blogspot.com"  # a public suffix: one blog
    assert site_of("localhost") == "localhost" and site_of("127.0.0.1") == "127.0.0.1"


def test_filing_rules():
    by_label = Filing("label", {"daily planet online": "Daily Planet"})
    assert by_label.outlet("Daily Planet Online", "dailyplanet.com")[:2] == (
        "daily-planet", "Daily Planet")
    assert by_label.outlet(None, None) is None
    by_site = Filing("domain")
    assert by_site.outlet("Guest Writer", "news.dailyplanet.com") == (
        "dailyplanet.com", "Guest Writer", "dailyplanet.com")
    assert by_site.outlet("Daily Planet", None)[0] == "daily-planet"  # no URL: its label
    with pytest.raises(ValueError, match="label or domain"):
        Filing("site")
    assert parse_alias(" A = B ") == ("A", "B")
    for bad in ("A", "=B", "A="):
        with pytest.raises(ValueError, match="LABEL=OUTLET"):
            parse_alias(bad)


def test_by_label_keeps_each_label_an_outlet(tmp_path):
    db = tmp_path / "label.db"
    load(db, [write_jsonl(tmp_path / "a.jsonl", ARTICLES)], jobs=1)
    filed, names, labels, stale, _ = outlets_of(db)
    assert filed["p1"] == filed["x1"] == "daily-planet"
    assert filed["p2"] == filed["p3"] == "daily-planet-online"
    assert filed["p4"] == "guest-writer-left"
    assert names["daily-planet"] == ("Daily Planet", "dailyplanet.com", None)
    assert labels["p2"] == "Daily Planet Online"


def test_by_domain_merges_a_sites_labels_and_refile_undoes_it(tmp_path):
    db = tmp_path / "site.db"
    load(db, [write_jsonl(tmp_path / "a.jsonl", ARTICLES)], jobs=1, outlet_by="domain")
    filed, names, labels, stale, compared = outlets_of(db)
    assert {filed[a] for a in ("p1", "p2", "p3", "p4")} == {"dailyplanet.com"}
    assert filed["g1"] == filed["g2"] == "gothamgazette.co.uk"
    assert filed["x1"] == "daily-planet"  # no URL: by its label
    # named by the label its articles give most often (2 of 4), the labels kept with counts
    assert names["dailyplanet.com"] == ("Daily Planet Online", "dailyplanet.com", {
        "Daily Planet Online": 2, "Daily Planet": 1, "Guest Writer - Left": 1})
    assert labels == {a["id"]: a["outlet"] for a in ARTICLES}  # the input's labels, as given
    assert set(names) == {"dailyplanet.com", "gothamgazette.co.uk", "daily-planet"}
    assert "dailyplanet.com" in compared and stale == 0

    # back to labels, with an alias merging two of them: stored articles move, the outlets
    # left empty go, with their comparison rows, and the comparisons are computed again
    report, done = refile(db, "label", {"Daily Planet Online": "Daily Planet"})
    filed, names, labels, stale, compared = outlets_of(db)
    assert done["articles"] == 6 and done["outlets"] == 3
    assert {filed[a] for a in ("p1", "p2", "p3", "x1")} == {"daily-planet"}
    assert set(names) == {"daily-planet", "guest-writer-left", "gotham-gazette"}
    assert names["daily-planet"][0] == "Daily Planet"
    assert names["daily-planet"][2] == {"Daily Planet Online": 2, "Daily Planet": 2}
    assert stale == 0 and compared == set(names)

    # a later load files by the stored rules: the alias applies to a new article
    load(db, [write_jsonl(tmp_path / "b.jsonl", [
        art("p5", "DAILY PLANET ONLINE", "https://dailyplanet.com/a/5", "flood", FLOOD)])],
         jobs=1)
    assert outlets_of(db)[0]["p5"] == "daily-planet"


def test_one_load_or_two_give_the_same_outlets(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    load(one, [write_jsonl(tmp_path / "all.jsonl", ARTICLES)], jobs=1, outlet_by="domain")
    load(two, [write_jsonl(tmp_path / "first.jsonl", ARTICLES[:2])], jobs=1, outlet_by="domain")
    load(two, [write_jsonl(tmp_path / "rest.jsonl", ARTICLES[2:])], jobs=1)
    a, b = outlets_of(one), outlets_of(two)
    assert a[0] == b[0] and a[1] == b[1]


def test_cli_outlets_and_conflicting_load(tmp_path):
    db = tmp_path / "cli.db"
    inp = write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    runner = CliRunner()
    res = runner.invoke(cli, ["load", str(db), str(inp), "--no-progress", "-q", "-j", "1"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["load", str(db), str(inp), "--outlet-by", "domain", "-q"])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"Error: {db} files its articles' outlets by label; to file them by domain, run: "
        f"media-bias outlets {db} --by domain"]
    res = runner.invoke(cli, ["outlets", str(db), "--by", "domain"])
    assert res.exit_code == 0, res.output
    assert "6 article(s) moved" in res.output and "4 -> 3 outlets" in res.output
    res = runner.invoke(cli, ["outlets", str(db)])
    assert json.loads(res.output) == {"by": "domain", "aliases": {}}
    for args, message in ((["--alias", "oops"], "an alias is LABEL=OUTLET"),
                          (["--unalias", "Nobody"], "no alias for nobody")):
        res = runner.invoke(cli, ["outlets", str(db), *args])
        assert res.exit_code == 1 and "Traceback" not in res.output
        assert message in res.output and len(res.output.strip().splitlines()) == 1


async def test_outlet_page_lists_the_labels_filed_under_it(tmp_path):
    db = tmp_path / "news.db"
    load(db, [write_jsonl(tmp_path / "a.jsonl", ARTICLES)], jobs=1, outlet_by="domain")
    ds = make_datasette(db)
    r = await ds.client.get("/news/-/media-bias/outlets/dailyplanet.com")
    assert r.status_code == 200
    assert 'id="labels"' in r.text and "Guest Writer - Left</bdi> (1)" in r.text
    data = (await ds.client.get("/news/-/media-bias/outlets/dailyplanet.com.json")).json()
    assert data["outlet"]["labels"][0] == {"label": "Daily Planet Online", "articles": 2}
    # an outlet that is its one label says nothing about labels
    r = await ds.client.get("/news/-/media-bias/outlets/gothamgazette.co.uk")
    assert r.status_code == 200 and 'id="labels"' not in r.text


def test_cli_outlets_on_a_database_that_is_not_ours(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table t (x)")
    conn.close()
    res = CliRunner().invoke(cli, ["outlets", str(other)])
    assert res.exit_code == 1 and "not a media-bias database" in res.output
    conn = sqlite3.connect(other)
    assert [r[0] for r in conn.execute("select name from sqlite_master")] == ["t"]
    conn.close()
