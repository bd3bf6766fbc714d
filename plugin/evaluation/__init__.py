"""Score the pipeline against annotated data: one function per data set, each returning a dict
of figures. ``media-bias evaluate`` prints them; ``docs/evaluation.md`` publishes them.

The data sets are read from paths given by the caller (``make evaluate`` passes the development
copies in ``../shared/data``); nothing here downloads anything, and no evaluation data is shipped
with the project.

* ``golden_rules(path)``: the English "Golden Rules" of sentence segmentation: rules passed, and
  the splitter's speed in MB/s of UTF-8 text.
* ``polnear(path)``: direct quotations found in PolNeAR articles (overlap match, P/R/F1) and the
  share of the found gold quotations whose speaker is right.
* ``babe(path)``: word-level P/R/F1 of loaded words in the author's voice against the experts'
  ``biased_words``, and sentence-level macro-F1 of "contains a loaded word in the author's voice".
* ``basil(path)``: recall of BASIL's lexical-bias spans, how many flagged words fall inside
  quotations, and the per-article rank correlation of own-voice loaded density with the
  experts' lexical-bias density.
* ``speakers.polnear_names``, ``ecbplus``, ``speakers_dev``: canonical speakers (see
  ``evaluation/speakers.py``): the name against PolNeAR's gold sources (reported with
  ``polnear``), name-variant merging against ECB+ person chains, and name and kind against
  ``speakers_dev.jsonl``.
* ``coverage_dev``, ``ecbplus_coverage``: what each outlet reported that the others did not (see
  ``evaluation/coverage.py``): against sentences labelled by careful reading, and the share of
  ECB+ sentences covered elsewhere that are called ``only_here``.
* ``outlet_intervals``: the outlet comparisons' 95% intervals under a placebo (outlets shuffled
  within each story of ``articles_dev.jsonl``): the share that contain 0 (see
  ``evaluation/outlets.py``).
"""
from __future__ import annotations

from pathlib import Path

from ..analysis.lexicon import Lexicon
from .coverage import coverage_dev, ecbplus_coverage
from .extraction import aeb
from .loaded import babe, basil
from .outlets import outlet_intervals
from .quotations import polnear
from .segmentation import golden_rules
from .speakers import ecbplus, polnear_names, speakers_dev
from .stories import stories_dev


DATASETS = {
    "golden_rules": ("golden_rules_en.jsonl", golden_rules),
    "polnear": ("polnear_quotes_dev.jsonl", polnear),
    "babe": ("babe_sentences_dev.jsonl", babe),
    "basil": ("basil_sentences_dev.jsonl", basil),
    "ecbplus": ("ecbplus.jsonl.gz", ecbplus),
    "speakers": ("speakers_dev.jsonl", speakers_dev),
    # coverage: the stories' articles by paths["articles"]; ECB+ by the same path as "ecbplus"
    "coverage": ("coverage_dev.jsonl", coverage_dev),
    "ecbplus_coverage": ("ecbplus.jsonl.gz", ecbplus_coverage),
    "aeb": ("aeb", aeb),  # a folder: html/<id>.html.gz and ground-truth.json
    # automatic stories: labelled articles grouped without their story, among paths["distractors"]
    "stories": ("articles_dev.jsonl", stories_dev),
    # outlet comparisons: do the intervals hold 95% when outlets are shuffled within stories?
    "outlet_intervals": ("articles_dev.jsonl", outlet_intervals),
}


def evaluate_all(paths: dict[str, str | Path | None], lexicon: Lexicon | None = None) -> dict:
    """Run each evaluation whose path is given; returns {name: figures}."""
    out = {}
    for name, (_, fn) in DATASETS.items():
        p = paths.get(name)
        if not p:
            continue
        if name in ("babe", "basil"):
            out[name] = fn(p, lexicon=lexicon)
        elif name == "coverage":
            out[name] = fn(p, articles=paths.get("articles"))
        elif name == "speakers":
            out[name] = fn(p, articles_path=paths.get("articles"))
        elif name == "stories":
            out[name] = fn(p, distractors=paths.get("distractors"))
        else:
            out[name] = fn(p)
        if name == "polnear":  # the canonical speaker names, next to the quotation figures
            out[name].update(polnear_names(p))
    return out


TARGETS = {
    ("golden_rules", "passed"): (">=", 47),
    ("golden_rules", "mb_per_s"): (">=", 3.0),
    ("polnear", "f1"): (">=", 0.90),
    ("polnear", "speaker_accuracy"): (">=", 0.80),
    ("babe", "word_f1"): (">=", 0.45),
    ("babe", "sentence_macro_f1"): (">=", 0.70),
    ("basil", "article_spearman"): (">=", 0.30),
    ("polnear", "canonical_name_accuracy"): (">=", 0.90),
    ("ecbplus", "precision"): (">=", 0.97),
    ("ecbplus", "f1"): (">=", 0.90),
    ("speakers", "canonical_speaker_accuracy"): (">=", 0.85),
    ("speakers", "kind_accuracy"): (">=", 0.85),
    ("coverage", "new_info_f1"): (">=", 0.85),
    ("coverage", "new_info_precision"): (">=", 0.82),
    ("coverage", "only_here_precision"): (">=", 0.70),
    ("coverage", "covered_called_only_here"): ("<=", 0.25),
    ("ecbplus_coverage", "share_only_here"): ("<=", 0.15),
    ("aeb", "f1"): (">=", 0.95),
    ("stories", "f1"): (">=", 0.92),
    ("stories", "precision"): (">=", 0.93),
    ("outlet_intervals", "placebo_coverage"): (">=", 0.90),
}
_LABELS = {
    "outlet_intervals": [("articles", "articles with story and outlet"), ("stories", "stories"),
                         ("observed_intervals", "outlet intervals (>= 10 stories)"),
                         ("observed_excluding_zero", "  share leaving out 0"),
                         ("placebo_intervals", "placebo intervals (outlets shuffled)"),
                         ("placebo_coverage", "placebo: share containing 0"),
                         ("seconds", "CPU seconds")],
    "stories": [("articles", "articles grouped"), ("labelled", "labelled articles"),
                ("stories", "labelled stories"), ("precision", "B-cubed precision"),
                ("recall", "B-cubed recall"), ("f1", "B-cubed F1"),
                ("f1_without_distractors", "  F1 without the distractors"),
                ("batches_identical", "5 date-ordered batches = one (1 = yes)"),
                ("wire_copies", "wire copies linked"),
                ("ms_per_article", "CPU ms per article (vector + grouping)")],
    "aeb": [("pages", "pages"), ("precision", "body precision (4-token shingles)"),
            ("recall", "body recall"), ("f1", "body F1 (as loaded)"),
            ("f1_all_pages", "body F1 (stub pages too)"), ("token_f1", "body token F1"),
            ("refused", "pages refused as no article"),
            ("pages_per_second", "pages per second (wall)"),
            ("cpu_ms_per_page", "CPU ms per page")],
    "golden_rules": [("passed", "rules passed"), ("rules", "rules"), ("mb_per_s", "speed, MB/s")],
    "polnear": [("gold_direct", "gold direct quotations"),
                ("predicted_direct", "direct quotations found"),
                ("precision", "precision (overlap)"), ("recall", "recall (overlap)"),
                ("f1", "F1 (overlap)"), ("speaker_accuracy", "speaker correct"),
                ("speaker_attributed", "speaker given"),
                ("canonical_name_accuracy", "speaker's canonical name correct"),
                ("canonical_name_baseline", "  the same, surface speaker"),
                ("canonical_name_n", "  gold sources that are names")],
    "babe": [("word_precision", "word precision"), ("word_recall", "word recall"),
             ("word_f1", "word F1"), ("sentence_macro_f1", "sentence macro-F1"),
             ("sentence_accuracy", "sentence accuracy")],
    "basil": [("articles", "articles"), ("lexical_spans", "lexical-bias spans"),
              ("recall", "recall (any voice)"), ("recall_own_voice", "recall (own voice)"),
              ("article_spearman", "article Spearman (own-voice density)"),
              ("flagged_words", "flagged words"),
              ("flagged_in_quotes_share", "flagged words inside quotations")],
    "ecbplus": [("mentions", "person-name mentions"), ("subtopics", "subtopics"),
                ("precision", "B-cubed precision"), ("recall", "B-cubed recall"),
                ("f1", "B-cubed F1"), ("baseline_surname_f1", "  F1 merging by surname")],
    "speakers": [("quotations", "labelled quotations"),
                 ("canonical_speaker_accuracy", "canonical speaker correct"),
                 ("kind_accuracy", "speaker kind correct"),
                 ("baseline_surface_speaker", "  surface speaker correct")],
    "coverage": [("stories", "stories"), ("sentences", "labelled sentences (with content)"),
                 ("new_info_precision", "new information: precision"),
                 ("new_info_recall", "new information: recall"),
                 ("new_info_f1", "new information: F1"),
                 ("only_here_precision", "strict only_here: precision"),
                 ("only_here_recall", "strict only_here: recall"),
                 ("covered_called_only_here", "covered called only_here"),
                 ("ms_per_story", "ms per story")],
    "ecbplus_coverage": [("subtopics", "subtopics"),
                         ("covered_sentences", "sentences covered elsewhere"),
                         ("called_only_here", "  called only_here"),
                         ("share_only_here", "  share called only_here"),
                         ("called_partly", "  called partly"),
                         ("ms_per_story", "ms per story")],
}


def format_table(results: dict, paths: dict | None = None) -> str:
    """A plain-text table of ``results`` with the targets where there are any."""
    lines = []
    for name, figures in results.items():
        where = f" ({paths[name]})" if paths and paths.get(name) else ""
        lines.append(f"{name}{where}")
        for key, label in _LABELS.get(name, []):
            if key not in figures:
                continue
            value = figures[key]
            target = TARGETS.get((name, key))
            note = ""
            if target:
                op, t = target
                ok = value >= t if op == ">=" else value <= t
                note = f"   target {op} {t}: {'met' if ok else 'NOT met'}"
            lines.append(f"  {label:<34} {value}{note}")
        if name == "golden_rules" and figures.get("failed"):
            lines.append(f"  {'failed':<34} {', '.join(figures['failed'])}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
