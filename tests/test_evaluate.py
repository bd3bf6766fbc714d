"""The evaluation functions, on tiny data sets written here, and on ../shared/data when present."""
import json
import subprocess
import sys

import pytest

from datasette_media_bias import evaluation as ev

from conftest import needs_shared


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_golden_rules_small(tmp_path):
    p = _write(tmp_path / "gr.jsonl", [
        {"name": "simple", "text": "Hello World. My name is Jonas.",
         "expected": ["Hello World.", "My name is Jonas."]},
        {"name": "wrong on purpose", "text": "One. Two.", "expected": ["One. Two."]},
    ])
    r = ev.golden_rules(p, speed_text="Hello World. My name is Jonas. " * 1000, repeat=1)
    assert r["rules"] == 2 and r["passed"] == 1 and r["failed"] == ["wrong on purpose"]
    assert r["mb_per_s"] > 0


def test_polnear_small(tmp_path):
    text = '"We will win," Smith said. Jones thinks so too.'
    p = _write(tmp_path / "p.jsonl", [{
        "id": "a", "text": text, "attributions": [
            {"content_start": 0, "content_end": 13, "is_direct": True,
             "source_start": 14, "source_end": 19, "source_text": "Smith"},
            {"content_start": 34, "content_end": 46, "is_direct": False,
             "source_start": 27, "source_end": 32, "source_text": "Jones"}]}])
    r = ev.polnear(p)
    assert (r["precision"], r["recall"], r["f1"], r["speaker_accuracy"]) == (1.0, 1.0, 1.0, 1.0)


def test_babe_and_basil_small(tmp_path):
    rows = [
        {"text": "The senator slammed the plan.", "label": "biased", "biased_words": ["slammed"]},
        {"text": "The senator spoke on Tuesday.", "label": "non-biased", "biased_words": []},
        {"text": '"It is a bizarre plan," he said.', "label": "non-biased", "biased_words": []},
    ]
    p = _write(tmp_path / "b.jsonl", rows)
    r = ev.babe(p)
    assert r["word_precision"] == 1.0 and r["word_recall"] == 1.0
    assert r["sentence_macro_f1"] == 1.0
    s = ev.basil(p)
    assert s["lexical_spans"] == 1 and s["recall"] == 1.0
    assert s["flagged_words"] == 2 and s["flagged_in_quotes"] == 1


def test_format_table():
    out = ev.format_table({"babe": {"word_f1": 0.5, "sentence_macro_f1": 0.6}})
    assert "word F1" in out and "target >= 0.7: NOT met" in out


def test_cli_json(tmp_path):
    p = _write(tmp_path / "gr.jsonl", [{"name": "s", "text": "A cat. A dog.",
                                        "expected": ["A cat.", "A dog."]}])
    out = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "evaluate",
                          "--golden-rules", str(p), "--only", "golden_rules", "--json"],
                         capture_output=True, text=True, cwd=tmp_path, check=True).stdout
    assert json.loads(out)["golden_rules"]["passed"] == 1


def test_cli_takes_data_only_by_explicit_path(tmp_path):
    # a ../shared/data beside the working directory is not a default: paths are given
    shared = tmp_path / "shared" / "data"
    shared.mkdir(parents=True)
    _write(shared / "golden_rules_en.jsonl", [{"name": "s", "text": "A.", "expected": ["A."]}])
    (tmp_path / "work").mkdir()
    r = subprocess.run([sys.executable, "-m", "datasette_media_bias.cli", "evaluate"],
                       capture_output=True, text=True, cwd=tmp_path / "work")
    assert r.returncode != 0 and "no data set given" in r.stderr
    assert "Traceback" not in r.stderr


def test_golden_rules_shared():
    r = ev.golden_rules(needs_shared("golden_rules_en.jsonl"), repeat=1)
    assert r["passed"] >= 47
    # its speed is a benchmark figure (reported, never asserted: a busy machine is slower)
    assert r["mb_per_s"] > 0


@pytest.mark.parametrize("name", ["polnear_quotes_dev.jsonl"])
def test_polnear_shared(name):
    r = ev.polnear(needs_shared(name))
    assert r["f1"] >= 0.90 and r["speaker_accuracy"] >= 0.80


def test_babe_shared():
    r = ev.babe(needs_shared("babe_sentences_dev.jsonl"))
    assert r["sentence_macro_f1"] >= 0.65
    assert r["word_f1"] >= 0.38  # target 0.40, met on dev: see docs/evaluation.md


def test_basil_shared():
    r = ev.basil(needs_shared("basil_sentences_dev.jsonl"))
    assert r["recall"] > 0.3 and 0 < r["flagged_in_quotes_share"] < 1


def test_speakers_and_coverage_find_the_articles_of_their_own_split(tmp_path):
    """Held-out labels (speakers_test.jsonl, coverage_test.jsonl) read the articles of their own
    split beside them (articles_test.jsonl), or those --articles gives; an article found in
    none is a one-line error naming the files."""
    text = ('Officials met on Monday. "We will rebuild the bridge," Mayor Dana Ortiz said. '
            "The bridge closed in May.")
    start = text.index('"We')
    arts = [{"id": "t1", "story": "bridge", "text": text},
            {"id": "t2", "story": "bridge", "text": "The city will rebuild the bridge, the "
                                                    "mayor said. It closed in May."}]
    _write(tmp_path / "articles_test.jsonl", arts)
    _write(tmp_path / "articles_dev.jsonl", [])  # the dev articles: not these
    gold = _write(tmp_path / "speakers_test.jsonl", [
        {"qid": f"t1@{start}-{start + 28}", "speaker": "Dana Ortiz", "kind": "person",
         "surface": "Mayor Dana Ortiz said", "role": "mayor", "note": ""}])
    r = ev.speakers_dev(gold)
    assert r["quotations"] == 1 and r["canonical_speaker_accuracy"] == 1.0
    cov = _write(tmp_path / "coverage_test.jsonl", [
        {"story": "bridge", "article_id": "t1", "sid": "t1@0-24", "label": "not_covered"}])
    assert ev.coverage_dev(cov)["stories"] == 1 and ev.coverage_dev(cov)["sentences"] == 1
    with pytest.raises(ValueError, match="article 't1' .* is not in .*articles_dev.jsonl"):
        ev.coverage_dev(cov, articles=tmp_path / "articles_dev.jsonl")
    # --articles names the file for both
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    moved = _write(elsewhere / "speakers_x.jsonl", json.loads("[" + gold.read_text() + "]"))
    cli = [sys.executable, "-m", "datasette_media_bias.cli", "evaluate", "--speakers",
           str(moved), "--only", "speakers", "--json"]
    out = subprocess.run(cli + ["--articles", str(tmp_path / "articles_test.jsonl")],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["speakers"]["quotations"] == 1
    r = subprocess.run(cli, capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "no articles_x.jsonl or articles_x.jsonl.gz or articles_dev.jsonl beside it" in r.stderr
    _write(elsewhere / "articles_dev.jsonl", arts[1:])
    r = subprocess.run(cli, capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "article 't1'" in r.stderr and "articles_dev.jsonl" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
