"""Sentence segmentation against the English "Golden Rules", and the splitter's speed."""
from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from ..analysis.segment import split_sentences
from .common import read_jsonl


def golden_rules(path, speed_text: str | None = None, repeat: int = 3) -> dict:
    """Rules passed (exact list of sentences) and splitter speed.

    Speed is measured on ``speed_text`` (default: the rules' texts and, when it is beside the
    rules file, the first 2,000 articles of ``baly_articles_10k.jsonl.gz``), best of ``repeat``.
    """
    rules = read_jsonl(path)
    failed = []
    for r in rules:
        got = [r["text"][s:e] for s, e in split_sentences(r["text"])]
        if got != r["expected"]:
            failed.append(r["name"])
    if speed_text is None:
        corpus = Path(path).with_name("baly_articles_10k.jsonl.gz")
        if corpus.exists():
            texts = []
            with gzip.open(corpus, "rt", encoding="utf-8") as f:
                for i, line in enumerate(f):
                    if i >= 2000:
                        break
                    texts.append(json.loads(line)["text"])
            speed_text = "\n\n".join(texts)
            speed_source = f"{len(texts)} articles of {corpus.name}"
        else:
            speed_text = "\n".join(r["text"] for r in rules) * 200
            speed_source = "the rules' texts, repeated"
    else:
        speed_source = "given text"
    size = len(speed_text.encode("utf-8"))
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        split_sentences(speed_text)
        best = min(best, time.perf_counter() - t0)
    return {
        "rules": len(rules),
        "passed": len(rules) - len(failed),
        "failed": failed,
        "mb_per_s": round(size / best / 1e6, 2),
        "speed_text_mb": round(size / 1e6, 2),
        "speed_text": speed_source,
    }
