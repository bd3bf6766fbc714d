"""Canonical speakers scored against annotated data (``media-bias evaluate``): data given by
path, nothing downloaded.

* ``polnear_names(path)``: PolNeAR direct quotations whose gold source is a name: is the
  speaker's canonical ``name`` (``analysis.speakers``) that person - the gold name's surname
  and, where the gold gives one, its first name? The gold name is the run of capitalised words
  ending the source before any comma, titles dropped ("Senate Majority Whip Steve Scalise" is
  Steve Scalise). Reported next to the quotation figures of ``polnear``; also with the gold
  name read before an "of" or after a possessive ("Ross Smith of the Policy Institute", "The
  Post's Dana Milbank"), and the same score for the stored surface ``speaker`` (the baseline).
* ``ecbplus(path)``: ECB+ person mentions (``HUMAN_PART_PER``) that are proper names, with their
  cross-document chains: B-cubed precision, recall and F1 of ``compare.speakers.cluster_names``
  within each subtopic, against merging by surname alone.
* ``speakers_dev(path, articles_path=None)``: direct quotations of real stories with their
  speaker labelled by careful reading (the articles as for coverage: ``articles_path``, else
  ``common.article_files``): canonical
  speaker right (surname, and first name where the label gives one; for other kinds a shared
  word) and kind right.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..analysis.boilerplate import NAMELESS_KINDS, boilerplate_kinds
from ..analysis.quotes import find_quotes
from ..analysis.segment import split_sentences
from ..analysis.speakers import article_speakers, clean_name, key_token, name_parts
from ..compare.speakers import cluster_names
from .common import article_files, check_articles, read_articles, read_jsonl

_CAP = re.compile(r"^[A-Z][\w’'.-]*$|^[A-Z]\.$")


def _article_speakers(text: str, quotes) -> list[dict]:
    """``article_speakers`` as the loader calls it: the names of the article's promotion,
    navigation and byline lines name nobody."""
    spans = split_sentences(text)
    return article_speakers(text, quotes, [sp for sp, kind in zip(
        spans, boilerplate_kinds(text, spans)) if kind in NAMELESS_KINDS])


def _overlap(a0, a1, b0, b1) -> bool:
    return min(a1, b1) > max(a0, b0)


def _share(ok, n) -> float:
    return round(ok / n, 4) if n else 0.0


def gold_name(source: str, trim_of: bool = True) -> tuple[str | None, str | None]:
    """(surname, first name or None) of a gold source that is a name: the run of capitalised
    words ending the source before any comma, titles dropped; (None, None) otherwise. With
    ``trim_of`` (the default) also "X of Y" -> X ("Ross Smith of the Policy Institute") and
    "Owner's X" -> X ("The Post's Dana Milbank"); without it, the literal definition."""
    src = source.split(",")[0].strip()
    src = re.sub(r"\s*\([^)]*\)\s*$", "", src)
    # "Ross Smith of the Policy Institute", "Gov. Rick Perry of Texas": the name is before "of"
    if trim_of:
        # "The Post's Dana Milbank": the possessive owner is not part of the name
        k = max(src.rfind("’s "), src.rfind("'s "))
        if k >= 0 and src[k + 3:k + 4].isupper():
            src = src[k + 3:]
    m = re.match(r"(.*?[A-Z][\w’'.-]*)\s+of\s+", src) if trim_of else None
    if m and re.search(r"(?:^|\s)[A-Z][\w’'.-]*$", m.group(1)) and \
            not re.search(r"\b(?:Secretary|Department|Director|Chief|Head|President|"
                          r"Governor|Minister|Chairman|University|Bank)$", m.group(1)):
        src = m.group(1)
    toks = src.split()
    run = []
    for t in reversed(toks):
        if _CAP.match(t.rstrip("’'s") or t) or t in ("de", "van", "von", "del", "da", "al"):
            run.insert(0, t)
        else:
            break
    name = clean_name(" ".join(run)) if run else None
    if not name or name.lower() in ("he", "she", "i", "we", "they", "it", "you"):
        return None, None
    given, sur = name_parts(name)
    if not sur or sur in ("he", "she") or len(sur) < 2:
        return None, None
    first = next((g for g in given if len(g.rstrip(".")) > 1), None)
    return sur, first


def _has(name: str | None, sur: str, first: str | None) -> bool:
    if not name:
        return False
    toks = {key_token(t) for t in name.replace("-", " ").split()} | {
        key_token(t) for t in name.split()}
    ok = all(p in toks for p in sur.split())
    if first:
        ok = ok and first in toks
    return ok



def polnear_names(path, limit: int | None = None) -> dict:
    """Canonical name of the speaker of the PolNeAR gold direct quotations that were found
    (overlap match, as ``evaluation.polnear``) and whose gold source is a name."""
    arts = read_jsonl(path)[:limit]
    lit_n = lit_ok = lit_base = of_n = of_ok = of_base = 0
    for a in arts:
        text = a["text"]
        gold = [g for g in a["attributions"] if g.get("is_direct")]
        quotes = find_quotes(text)
        names = _article_speakers(text, quotes)
        pred = [i for i, q in enumerate(quotes) if q.kind == "direct" and not q.partial]
        for g in gold:
            if g.get("source_start") is None:
                continue
            frags = g.get("content_fragments") or [[g["content_start"], g["content_end"]]]
            hits = [i for i in pred if any(_overlap(quotes[i].mark_start, quotes[i].mark_end,
                                                    s, e) for s, e in frags)]
            if not hits:
                continue
            src = g.get("source_text") or text[g["source_start"]:g["source_end"]]
            for trim, counts in ((False, "lit"), (True, "of")):
                sur, first = gold_name(src, trim_of=trim)
                if not sur:
                    continue
                ok = any(_has(names[i]["name"], sur, first) for i in hits)
                base = any(_has(clean_name(quotes[i].speaker) if quotes[i].speaker else None,
                                sur, first) for i in hits)
                if counts == "lit":
                    lit_n, lit_ok, lit_base = lit_n + 1, lit_ok + ok, lit_base + base
                else:
                    of_n, of_ok, of_base = of_n + 1, of_ok + ok, of_base + base
    return {"canonical_name_n": lit_n,
            "canonical_name_accuracy": _share(lit_ok, lit_n),
            "canonical_name_baseline": _share(lit_base, lit_n),
            "canonical_name_n_of_trimmed": of_n,
            "canonical_name_accuracy_of_trimmed": _share(of_ok, of_n),
            "canonical_name_baseline_of_trimmed": _share(of_base, of_n)}


def _right(pred_name, pred_kind, gold):
    gk = gold["kind"]
    gk = None if gk == "none" else gk
    kind_ok = pred_kind == gk
    if gold["speaker"] is None:
        return pred_name is None, kind_ok
    if gk != "person":
        if not pred_name:
            return False, kind_ok
        gw = {key_token(w) for w in gold["speaker"].split()} - {"the", "a", "an", "of"}
        pw = {key_token(w) for w in pred_name.split()} - {"the", "a", "an", "of"}
        return bool(gw & pw), kind_ok
    names = re.split(r"\s+and\s+", gold["speaker"])
    oks = []
    for gname in names:
        given, sur = name_parts(gname)
        first = next((g for g in given if len(g.rstrip(".")) > 1), None)
        oks.append(_has(pred_name, sur, first))
    return any(oks), kind_ok



_PRON = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "we", "us", "our",
         "i", "me", "my", "you", "your", "it", "its", "who", "whom", "whose"}


def _ecb_name(mtext: str, at_line_start: bool = False, common: frozenset = frozenset()):
    """The proper name in an ECB+ person mention (its last run of capitalised words, titles
    dropped), or None when the mention is not a name: pronouns, and common nouns written with
    a capital ("Coach", "Police", "DRIVER": every word of the run is a word the corpus also
    writes in lower case, and the run stands at the start of a line or is in capitals, or has
    several such words)."""
    t = mtext.strip().strip('"“”')
    t = re.sub(r"['’]s?$", "", t)
    t = re.sub(r"\.(?=[A-Z][a-z])", ". ", t)
    t = t.split(",")[-1].strip()
    toks = t.split()
    run = []
    for w in reversed(toks):
        if _CAP.match(w) and w.lower().strip(".") not in _PRON and "'" not in w[:3]:
            run.insert(0, w)
        else:
            break
    if not run:
        return None
    name = clean_name(" ".join(run)) or ""
    words = [w.strip(".").lower() for w in name.split()]
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii", "md", "phd", "mba", "m.b.a")]
    if not words:
        return None
    if all(w in common for w in words):
        first_cap = toks.index(run[0]) == 0 if run[0] in toks else False
        if len(words) > 1 or at_line_start and first_cap or name.isupper():
            return None
    return " ".join(run)


def ecbplus(path, strict: bool = True) -> dict:
    """B-cubed of ``cluster_names`` over the person mentions that are proper names, within
    each subtopic. ``strict`` leaves out capitalised common nouns ("Coach", "Police": see
    ``_ecb_name``); without it every mention with a capitalised word counts."""
    docs = read_jsonl(path)
    common = frozenset(w for d in docs for w in re.findall(r"(?<![\w'’])[a-z][a-z-]+", d["text"]))
    groups = defaultdict(list)  # subtopic -> [(name, chain)]
    for d in docs:
        for m in d["mentions"]:
            if m.get("type") != "HUMAN_PART_PER":
                continue
            ls = d["text"].rfind("\n", 0, m["start"]) + 1
            at_start = not d["text"][ls:m["start"]].strip(' "“‘\'')
            name = _ecb_name(m["text"], at_start, common if strict else frozenset())
            if name is None:
                continue
            groups[d["subtopic"]].append((name, m["chain"]))

    def b3(pred_fn):
        P = R = n = 0.0
        for sub, items in groups.items():
            names = [x[0] for x in items]
            gold = [x[1] for x in items]
            pred = pred_fn(names)
            for i in range(len(items)):
                same_p = {j for j in range(len(items)) if pred[j] == pred[i]}
                same_g = {j for j in range(len(items)) if gold[j] == gold[i]}
                inter = len(same_p & same_g)
                P += inter / len(same_p)
                R += inter / len(same_g)
                n += 1
        p, r = P / n, R / n
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4), "mentions": int(n)}

    def surname_only(names):
        keys = {}
        return [keys.setdefault(name_parts(clean_name(x) or x)[1], len(keys)) for x in names]

    ours, base = b3(cluster_names), b3(surname_only)
    return {"subtopics": len(groups), "mentions": ours["mentions"],
            "precision": ours["precision"], "recall": ours["recall"], "f1": ours["f1"],
            "baseline_surname_precision": base["precision"],
            "baseline_surname_recall": base["recall"], "baseline_surname_f1": base["f1"]}


def speakers_dev(path, articles_path=None) -> dict:
    """Canonical speaker and kind of the labelled quotations (``qid`` = article@start-end of
    the quoted words); the articles come from ``articles_path`` (default: those beside
    ``path``, ``common.article_files``)."""
    gold = read_jsonl(path)
    files = article_files(path, articles_path)
    refs: dict = {}
    for g in gold:
        refs.setdefault(g["qid"].rsplit("@", 1)[0], g["qid"])
    arts = read_articles(files, refs)
    check_articles(path, refs, arts, files)
    name_ok = kind_ok = base_ok = 0
    errors = []
    cache: dict = {}
    for g in gold:
        aid, span = g["qid"].rsplit("@", 1)
        s, e = map(int, span.split("-"))
        if aid not in cache:
            text = arts[aid]["text"]
            quotes = find_quotes(text)
            cache[aid] = (quotes, _article_speakers(text, quotes))
        quotes, names = cache[aid]
        hit = [i for i, q in enumerate(quotes) if _overlap(q.start, q.end, s, e)]
        if hit:
            r, old = names[hit[0]], quotes[hit[0]].speaker
            pn, pk = r["name"], r["kind"]
        else:
            pn = pk = old = None
        a, b = _right(pn, pk, g)
        name_ok += a
        kind_ok += b
        base_ok += _right(old, "person" if old else None, g)[0]
        if not (a and b):
            errors.append({"qid": g["qid"], "gold": g["speaker"], "gold_kind": g["kind"],
                           "name": pn, "kind": pk})
    n = len(gold)
    return {"quotations": n, "canonical_speaker_accuracy": _share(name_ok, n),
            "kind_accuracy": _share(kind_ok, n),
            "baseline_surface_speaker": _share(base_ok, n), "errors": errors}
