"""What the evaluations share: reading JSON Lines data and precision/recall/F1."""
from __future__ import annotations

import gzip
import json
from pathlib import Path


def read_jsonl(path) -> list[dict]:
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def article_files(path, given=None) -> list[Path]:
    """The files of articles a labelled data set refers to: ``given`` when given; else, beside
    ``path``, the articles of its own split (speakers_test.jsonl -> articles_test.jsonl or
    .jsonl.gz), then articles_dev.jsonl: those that exist (ValueError when none does)."""
    if given:
        return [Path(given)]
    path = Path(path)
    stem = path.name.split(".", 1)[0]
    names = []
    if "_" in stem:
        split = stem.rsplit("_", 1)[1]
        names += [f"articles_{split}.jsonl", f"articles_{split}.jsonl.gz"]
    names.append("articles_dev.jsonl")
    found = [path.with_name(n) for n in dict.fromkeys(names) if path.with_name(n).exists()]
    if not found:
        raise ValueError(f"{path}: no {' or '.join(dict.fromkeys(names))} beside it: give "
                         f"the articles' file with --articles")
    return found


def read_articles(files, wanted=None) -> dict[str, dict]:
    """{id: article} of the article ``files`` (the first file giving an id wins), only the
    ids in ``wanted`` when given."""
    out: dict[str, dict] = {}
    for f in files:
        for a in read_jsonl(f):
            if a.get("id") not in out and (wanted is None or a.get("id") in wanted):
                out[a["id"]] = a
    return out


def check_articles(path, refs: dict, found, files) -> None:
    """Raise ValueError (one line) for the first article of ``refs`` ({article id: the label
    that refers to it}, in the labels' order) missing from ``found``, read from ``files``."""
    for aid, ref in refs.items():
        if aid not in found:
            raise ValueError(f"{path}: article {aid!r} of {ref} is not in "
                             f"{' or '.join(map(str, files))} (--articles gives the file)")


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# --- sentences -----------------------------------------------------------------------------
