"""Bad input (issue 6): every case names its file and line, the rest loads, the command ends
with a summary and exit status 1 (0 with --accept-partial), and nothing stored is lost."""
import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import FIXTURES

BAD = FIXTURES / "bad"


def load(db, *inputs, **kw):
    from datasette_media_bias.pipeline import load as _load

    return _load(db, [str(i) for i in inputs], jobs=1, **kw)


def cli(*args):
    return subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60)


def messages(report, fatal=True):
    return [str(p) for p in report.problems if p.fatal == fatal]


def ids(db):
    return {r[0] for r in sqlite3.connect(db).execute("select id from articles")}


def test_empty_files_are_named_and_rejected(tmp_path):
    r = load(tmp_path / "t.db", BAD / "empty.jsonl", BAD / "empty.csv", BAD / "blank.txt",
             BAD / "good.jsonl")
    errs = messages(r)
    assert any("empty.jsonl" in m and "empty file" in m for m in errs)
    assert any("empty.csv" in m and "empty file" in m for m in errs)
    assert any("blank.txt:1" in m and "empty" in m for m in errs)
    assert r.rejected == 3 and r.loaded == 2
    assert ids(tmp_path / "t.db") == {"good-1", "good-2"}


def test_binary_files_are_rejected_whole(tmp_path):
    binary_txt = tmp_path / "photo.txt"
    binary_txt.write_bytes(b"GIF89a\x00\x01\x00\x00" + bytes(range(256)))
    r = load(tmp_path / "t.db", BAD / "binary.jsonl", binary_txt, BAD / "good.jsonl")
    errs = messages(r)
    assert any("binary.jsonl:1" in m and "binary" in m for m in errs)
    assert any("photo.txt:1" in m and "binary" in m for m in errs)
    assert r.rejected == 2 and r.loaded == 2  # one message per binary file, not one per line


def test_text_that_is_not_utf8_is_decoded_and_reported(tmp_path):
    r = load(tmp_path / "t.db", BAD / "latin1.jsonl")
    assert r.rejected == 0 and r.loaded == 2
    warns = messages(r, fatal=False)
    assert any("latin1.jsonl:1" in m and "not valid UTF-8" in m and "U+FFFD" in m
               for m in warns)
    text = sqlite3.connect(tmp_path / "t.db").execute(
        "select text from articles where id = 'latin1-1'").fetchone()[0]
    assert "Le caf\ufffd est ferm\ufffd." in text and "would reopen on Monday" in text


def test_text_decoded_with_the_wrong_encoding_is_repaired_and_reported(tmp_path):
    # UTF-8 read as Windows-1252 before it reached us (the five bytes it leaves undefined as
    # Latin-1), once or twice: "Obama’s" became "Obamaâ€™s" or "ObamaÃ¢â‚¬â„¢s"
    def misread(s):
        return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                       for b in s.encode("utf-8"))

    def garble(s):
        return misread(misread(s))

    src = tmp_path / "scrape.jsonl"
    rows = [{"id": "m1", "outlet": "a", "title": garble("Obama’s “plan”, São Paulo"),
             "text": misread("The mayor’s plan failed. “It is over,” she said.")},
            {"id": "m2", "outlet": "b", "title": "São Paulo’s mayor: Ângela stays",
             "text": "Prices rose by £5 in São Paulo. The mayor’s office said so."}]
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    r = load(tmp_path / "t.db", src)
    assert r.loaded == 2 and not messages(r)
    warns = messages(r, fatal=False)
    assert any("scrape.jsonl:1: warning: mis-decoded characters in the title" in m
               and "'Obama’s'" in m for m in warns), warns
    assert any("scrape.jsonl:1: warning: mis-decoded characters in the text" in m
               for m in warns), warns
    assert not any("scrape.jsonl:2" in m and "mis-decoded" in m for m in warns)
    conn = sqlite3.connect(tmp_path / "t.db")
    stored = dict(conn.execute("select id, title from articles"))
    assert stored == {"m1": "Obama’s “plan”, São Paulo", "m2": "São Paulo’s mayor: Ângela stays"}
    (text,) = conn.execute("select text from articles where id = 'm1'").fetchone()
    assert text == "The mayor’s plan failed. “It is over,” she said."
    # the quotation is found in the repaired text, with its offsets into it
    (quote,) = conn.execute("select text from quotes where article_id = 'm1'").fetchone()
    assert "It is over" in quote
    # loading the same file again changes nothing
    again = load(tmp_path / "t.db", src)
    assert again.unchanged == 2 and again.loaded == 0


def test_link_boxes_run_into_the_text_are_left_out_and_reported(tmp_path):
    # a site that prints, after each name, the full name glued to other stories' headlines
    box = ("President Smithers Johnathan Quincy SmithersCourt halts state law on fees "
           "Farm chief: 'No guarantee' for small farms Senator slams 'shameful' vicious post MORE")
    text = (f"Lawmakers have criticized {box} for distracting from the budget.\n\n"
            f"“We will vote,” said Rep. Ann Lowe Ann Marie LoweSenate outlook slides for "
            f"the party MORE (D-Ohio).")
    src = tmp_path / "site.jsonl"
    src.write_text(json.dumps({"id": "b1", "outlet": "site", "text": text}) + "\n",
                   encoding="utf-8")
    r = load(tmp_path / "t.db", src)
    assert r.loaded == 1
    assert any("site.jsonl:1: warning: 2 link box(es) run into the text" in m
               for m in messages(r, fatal=False))
    conn = sqlite3.connect(tmp_path / "t.db")
    (stored,) = conn.execute("select text from articles").fetchone()
    assert stored == ("Lawmakers have criticized President Smithers for distracting from the "
                      "budget.\n\n“We will vote,” said Rep. Ann Lowe (D-Ohio).")
    assert conn.execute("select count(*) from loaded_word_occurrences").fetchone()[0] == 0
    (speaker,) = conn.execute("select speaker_name from quotes").fetchone()
    assert speaker == "Ann Lowe"


def test_soft_hyphens_inside_words_are_left_out(tmp_path):
    # a site that puts an invisible soft hyphen inside nearly every word: "re\xadcalls" is
    # no speech verb, "Kat\xadz" no name, unless they go
    text = ("After a dis\xadpute over a coal plant, Al\xadlan Katz de\xadcided he had "
            "enough.\n\n“It was very nasty, it was very per\xadson\xadal,” Katz re\xadcalls.")
    src = tmp_path / "site.jsonl"
    src.write_text(json.dumps({"id": "s1", "outlet": "site", "title": "Coal plant dis\xadpute",
                               "text": text}) + "\n", encoding="utf-8")
    r = load(tmp_path / "t.db", src)
    assert r.loaded == 1 and not r.problems
    conn = sqlite3.connect(tmp_path / "t.db")
    title, stored = conn.execute("select title, text from articles").fetchone()
    assert "\xad" not in stored and title == "Coal plant dispute"
    assert stored.startswith("After a dispute over a coal plant, Allan Katz decided")
    (speaker,) = conn.execute("select speaker_name from quotes").fetchone()
    assert speaker == "Allan Katz"
    # a text of soft hyphens alone is an empty text
    src.write_text(json.dumps({"id": "s2", "text": "\xad\xad"}) + "\n", encoding="utf-8")
    assert any("field 'text' is empty" in m for m in messages(load(tmp_path / "u.db", src)))


def test_a_20_mb_article_is_refused_and_the_rest_loads(tmp_path):
    src = tmp_path / "huge.jsonl"
    with open(src, "w") as f:
        f.write(json.dumps({"id": "small", "text": "A normal article. Two sentences."}) + "\n")
        f.write(json.dumps({"id": "huge", "text": "The committee met again today. " * 680_000})
                + "\n")
        f.write(json.dumps({"id": "small-2", "text": "Another normal article."}) + "\n")
    assert src.stat().st_size > 20_000_000
    r = load(tmp_path / "t.db", src)
    errs = messages(r)
    assert len(errs) == 1 and "huge.jsonl:2" in errs[0] and "over the limit" in errs[0]
    assert ids(tmp_path / "t.db") == {"small", "small-2"}


def test_malformed_jsonl_lines_and_wrong_fields(tmp_path):
    r = load(tmp_path / "t.db", BAD / "malformed.jsonl")
    errs = "\n".join(messages(r))
    where = "malformed.jsonl"
    assert f"{where}:2: error: malformed JSON" in errs
    assert f"{where}:4: error: expected an object" in errs
    assert f"{where}:5: error: field 'text' must be a string, got int" in errs
    assert f"{where}:6: error: missing required field 'text'" in errs
    assert f"{where}:7: error: field 'id' must be a string, got dict" in errs
    assert f"{where}:8: error: field 'title' must be a string, got list" in errs
    assert f"{where}:9: error: field 'text' is empty" in errs
    assert r.rejected == 7
    assert ids(tmp_path / "t.db") == {"ok-1", "ok-2"}


def test_malformed_csv_rows(tmp_path):
    r = load(tmp_path / "t.db", BAD / "malformed.csv")
    errs = "\n".join(messages(r))
    assert "malformed.csv:3: error: 2 more field(s) than the header has" in errs
    assert "malformed.csv:4: error: fewer fields than the header has" in errs
    assert "malformed.csv:6: error: field 'text' is empty" in errs
    assert ids(tmp_path / "t.db") == {"csv-1", "csv-4"}


def test_duplicate_ids_with_different_text_keep_the_first(tmp_path):
    r = load(tmp_path / "t.db", BAD / "duplicates.jsonl")
    errs = messages(r)
    assert len(errs) == 1
    assert "duplicates.jsonl:2" in errs[0] and "duplicate id 'dup-1'" in errs[0]
    assert "first seen at" in errs[0] and "duplicates.jsonl:1" in errs[0]
    assert r.loaded == 2 and r.unchanged == 1  # line 3 repeats line 1 exactly
    text = sqlite3.connect(tmp_path / "t.db").execute(
        "select text from articles where id = 'dup-1'").fetchone()[0]
    assert text.startswith("First version")


def test_warnings_load_the_article(tmp_path):
    r = load(tmp_path / "t.db", BAD / "unbalanced.txt", BAD / "boilerplate.txt",
             BAD / "non_english.txt")
    assert r.rejected == 0 and r.loaded == 3
    warns = "\n".join(messages(r, fatal=False))
    assert "unbalanced.txt:1: warning: 1 quotation mark(s) never closed" in warns
    assert "boilerplate.txt:1: warning: every sentence looks like boilerplate" in warns
    assert "non_english.txt:1: warning: does not look like English" in warns
    conn = sqlite3.connect(tmp_path / "t.db")
    assert conn.execute("select sentences, boilerplate_sentences from articles "
                        "where id = 'boilerplate'").fetchone() == (0, 5)
    assert conn.execute("select count(*) from quotes where article_id = 'unbalanced' "
                        "and unbalanced = 1").fetchone()[0] == 1


def test_cli_summary_and_exit_status(tmp_path):
    db = tmp_path / "t.db"
    args = ["load", db, BAD / "good.jsonl", BAD / "malformed.jsonl", BAD / "empty.jsonl"]
    res = cli(*args)
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert any(line.startswith(f"{BAD / 'malformed.jsonl'}:2: error:") for line in lines)
    assert any("12 input records: 4 loaded, 0 unchanged, 8 rejected" in line
               for line in lines), res.stderr
    assert "--accept-partial" in lines[-1]
    res = cli(*args, "--accept-partial")
    assert res.returncode == 0, res.stderr
    assert "0 loaded, 4 unchanged, 8 rejected" in res.stderr


def test_cli_exits_zero_with_warnings_only(tmp_path):
    res = cli("load", tmp_path / "t.db", BAD / "latin1.jsonl", BAD / "unbalanced.txt")
    assert res.returncode == 0, res.stderr
    assert "warning" in res.stderr and "0 rejected" in res.stderr


def test_unknown_and_missing_inputs(tmp_path):
    odd = tmp_path / "articles.xml"
    odd.write_text("<xml/>")
    r = load(tmp_path / "t.db", odd, tmp_path / "nope.jsonl", BAD / "good.jsonl")
    errs = messages(r)
    assert any("articles.xml" in m and "unknown input type" in m for m in errs)
    assert any("nope.jsonl" in m and "no such file" in m for m in errs)
    assert r.loaded == 2


def dump(db):
    conn = sqlite3.connect(db)
    return {t: sorted(conn.execute(f"select * from [{t}]").fetchall(), key=repr)
            for t in ("articles", "sentences", "quotes", "loaded_word_occurrences", "outlets",
                      "stories")}


def test_a_failed_load_changes_nothing_already_stored(tmp_path):
    db = tmp_path / "t.db"
    assert load(db, BAD / "good.jsonl").loaded == 2
    before = dump(db)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([
        json.dumps({"id": "good-1", "text": 42}),  # same id, wrong type: rejected
        '{"id": "good-2", "text": "broken',  # same id, malformed: rejected
        json.dumps({"id": "good-1", "text": "x" * 100, "outlet": ["wrong"]}),
    ]) + "\n")
    r = load(db, bad, BAD / "empty.jsonl", BAD / "binary.jsonl")
    assert r.loaded == 0 and r.rejected == 5
    assert dump(db) == before


def test_truncated_and_fake_gzip(tmp_path):
    import gzip

    good = (BAD / "good.jsonl").read_bytes()
    whole = gzip.compress(good * 50)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    fake = tmp_path / "fake.jsonl.gz"
    fake.write_bytes(b"not gzip at all")
    tiny = tmp_path / "tiny.jsonl.gz"
    tiny.write_bytes(whole[:20])
    r = load(tmp_path / "t.db", cut, fake, tiny, BAD / "good.jsonl")
    errs = "\n".join(messages(r))
    assert "cut.jsonl.gz: error: cannot read past line" in errs
    assert "fake.jsonl.gz: error: cannot read" in errs
    assert "tiny.jsonl.gz: error: cannot read" in errs
    assert r.rejected == 3
    assert ids(tmp_path / "t.db") == {"good-1", "good-2"}


# --- right on first use (issue 18) ---------------------------------------------------------------

def test_summary_counts_add_up_and_report_lists_every_problem(tmp_path):
    """Every input record is counted once: loaded, unchanged or rejected (an unreadable line
    too), and --report FILE holds every problem, none cut or left out."""
    src = tmp_path / "in.jsonl"
    good = {"id": "a", "outlet": "X", "story": "s", "text": "One sentence here. Another one."}
    lines = [json.dumps(good), "{bad json", json.dumps({"id": "b", "text": ""})]
    lines += [json.dumps({"id": f"w{i}", "outlet": "X", "story": "s",
                          "text": "\u201cNever closed. Two sentences here."}) for i in range(15)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report_file = tmp_path / "problems.jsonl"
    res = cli("load", tmp_path / "t.db", src, "--report", report_file, "--accept-partial")
    assert res.returncode == 0, res.stderr
    summary = next(line for line in res.stderr.splitlines() if "input records:" in line)
    total, loaded, unchanged, rejected = map(int, __import__("re").findall(
        r"(\d+) input records: (\d+) loaded, (\d+) unchanged, (\d+) rejected", summary)[0])
    assert total == len(lines) == loaded + unchanged + rejected
    assert rejected == 2
    problems = [json.loads(line) for line in report_file.read_text().splitlines()]
    assert sum(p["level"] == "error" for p in problems) == rejected
    warnings = [p for p in problems if p["level"] == "warning"]
    assert len(warnings) >= 15  # all of them, though the terminal shows 10 of a kind
    assert f"{len(warnings)} warnings" in summary
    assert all(p["where"].startswith(str(src)) for p in problems)
    # without --report, the user is told some were not shown and how to get them all
    res = cli("load", tmp_path / "u.db", src, "--accept-partial")
    assert "not shown: --report FILE" in res.stderr
    further = [line for line in res.stderr.splitlines() if line.startswith("(further")]
    assert further and all("\u2026" in line or len(line) < 90 for line in further)


def test_articles_without_story_or_outlet_get_a_note(tmp_path):
    folder = tmp_path / "texts"  # a folder of .txt files without MANIFEST.csv
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday. It voted.", encoding="utf-8")
    (folder / "b.txt").write_text("The mayor spoke on Tuesday. She left.", encoding="utf-8")
    res = cli("load", tmp_path / "t.db", folder)
    assert res.returncode == 0, res.stderr
    assert ("Note: 2 articles have no story key: they were grouped into stories "
            "automatically") in res.stderr
    assert "MANIFEST.csv" in res.stderr and "no outlet" in res.stderr


@pytest.mark.parametrize("case", ["missing folder", "swapped", "swapped, db exists", "folder"])
def test_bad_database_path_is_one_line(tmp_path, case):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": "Hello there. All fine."}) + "\n", encoding="utf-8")
    if case == "missing folder":
        args = ["load", tmp_path / "nowhere" / "x.db", src]
    elif case == "swapped":
        args = ["load", src, tmp_path / "new.db"]
    elif case == "swapped, db exists":
        assert cli("load", tmp_path / "made.db", src).returncode == 0
        args = ["load", src, tmp_path / "made.db"]
    else:
        args = ["load", tmp_path, src]
    res = cli(*args)
    assert res.returncode != 0
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    if case == "folder":  # click's own check, with its usage line
        assert lines[-1].startswith("Error:") and "is a directory" in lines[-1], res.stderr
        return
    assert len(lines) == 1 and lines[0].startswith("Error: DB "), res.stderr
    if case.startswith("swapped"):
        assert "swap the arguments" in lines[0]
    if case == "missing folder":
        assert "does not exist" in lines[0]
