"""Canonical speakers across articles and outlets: the same person, organisation or document
named by several articles is one speaker with one id.

Pure functions over the per-article speakers of ``analysis.speakers`` (rows with ``name``,
``kind``, ``role``); ``pipeline.speakers`` runs them at load and writes the ``speakers`` table.

* ``cluster_names(names)``: name-variant merging of plain name strings of one group of texts (a
  story): a cluster number per name.
* ``story_keys(story, items)``: the key of each quotation's speaker within its story (before
  the database-wide rule below).
* ``resolve(kind, key, surname_only, full_keys)``: the database-wide rule; ``speaker_id``,
  ``best_name``: the id and the shown name of a speaker.
* ``merge_speakers(stories)``: all of it over a whole set of stories (evaluation, tests).

How two people sharing a surname are kept apart (the two Clintons): full names merge only when
their given names are compatible (equal, one an initial or a prefix of the other, same initial
with a short nickname, a common nickname such as Chuck/Charles); a surname alone joins a full
name of its story only when exactly one cluster of the story has that surname; with two
candidates it stays a surname-only speaker scoped to its story ("clinton@<story>"), never merged
with anyone. A speaker named by a description ("a senior official", "the statement") is also
scoped to its story. Across stories a person is keyed by the formal form of the first given name
and the surname ("Chuck Schumer" and "Charles E. Schumer" are one); a surname whose story never
gives it in full joins the database's only full-name person with that surname, or the one named
in full by ten times as many articles as the next (and by 20 articles at least), and stays a
surname-only speaker otherwise (deterministic whatever the loading order: the stage recomputes
every such surname when a full name with it appears or goes).
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from ..analysis import gazetteer
from ..analysis.speakers import (NICKNAME_GROUPS, NICKNAMES, clean_name, fold,
                                 given_compatible, is_capitalised, name_parts)


@lru_cache(maxsize=65536)
def _blend(tok: str, given: tuple, sur: str) -> bool:
    """"LiLo", "A-Rod", "J.Lo", "JFK"-style nicknames built from a full name's parts."""
    t = re.sub(r"[^a-z]", "", fold(tok))
    if len(t) < 2 or not given:
        return False
    first = re.sub(r"[^a-z]", "", given[0])
    last = re.sub(r"[^a-z]", "", sur.split()[-1])
    if not first or not last:
        return False
    for i in range(1, min(len(first), 4) + 1):
        if t.startswith(first[:i]) and last.startswith(t[i:]) and len(t) - i >= 1:
            return True
    initials = "".join(re.sub(r"[^a-z]", "", g)[:1] for g in given) + last[:1]
    return len(t) >= 2 and t == initials


def cluster_names(names: list[str], sexes: list | None = None) -> list[int]:
    """Cluster name strings of one group of texts (a story, an ECB+ subtopic) into people.

    Full names (two or more words) with the same surname join when their given names are
    compatible (see ``given_compatible``); a one-word name joins the only cluster with that
    surname, else the only cluster with that first name, else a cluster whose name it
    abbreviates ("LiLo"); with several candidates it stays apart. ``sexes`` (optional, per
    name: "m" for a name written "Mr. X", "f" for "Mrs./Ms./Miss X", else None): a one-word
    name so written does not join a full name whose given name is a common one of the other
    sex ("Mr. Obama" is not Michelle Obama). Returns a cluster number per name (numbered in
    order of first appearance), deterministic for a given input."""
    parsed = []
    for n in names:
        c = clean_name(n) or ""
        given, sur = name_parts(c)
        parsed.append((given, sur))
    label = [-1] * len(names)
    clusters: list[dict] = []  # {"sur": str, "given": [list of given lists]}
    # 1. full names
    for i, (given, sur) in enumerate(parsed):
        if not given or not sur:
            continue
        hit = None
        for ci, c in enumerate(clusters):
            if c["sur"] == sur and all(given_compatible(given, g) for g in c["given"]):
                hit = ci
                break
        if hit is None:
            clusters.append({"sur": sur, "given": [given]})
            hit = len(clusters) - 1
        else:
            clusters[hit]["given"].append(given)
        label[i] = hit
    n_full = len(clusters)
    # 2. one-word names (the candidates of a surname depend on the full names only)
    singles: dict[str, int] = {}
    cands_of: dict[str, list] = {}
    for i, (given, sur) in enumerate(parsed):
        if label[i] >= 0:
            continue
        if not sur:
            clusters.append({"sur": "", "given": []})
            label[i] = len(clusters) - 1
            continue
        key = (sur, sexes[i] if sexes else None)
        cands = cands_of.get(key)
        if cands is None:
            cands = _candidates(clusters, n_full, sur)
            if key[1]:
                cands = [ci for ci in cands if not _of_other_sex(clusters[ci], key[1])]
            cands_of[key] = cands
        if len(cands) == 1:
            label[i] = cands[0]
        elif key in singles:
            label[i] = singles[key]
        else:
            clusters.append({"sur": sur, "given": []})
            singles[key] = label[i] = len(clusters) - 1
    # renumber in order of first appearance
    order: dict[int, int] = {}
    return [order.setdefault(x, len(order)) for x in label]


_OTHER_SEX = {"m": (gazetteer.WOMEN, gazetteer.MEN), "f": (gazetteer.MEN, gazetteer.WOMEN)}


def title_sex(surface: str | None) -> str | None:
    """"m" for a speaker written "Mr. X", "f" for "Mrs./Ms./Miss X", else None."""
    if not surface:
        return None
    first = surface.split(None, 1)[0].rstrip(".").lower()
    return gazetteer.TITLE_SEX.get(first)


def _of_other_sex(cluster: dict, sex: str) -> bool:
    """Does every given name of a full-name cluster start with a common given name of the
    other sex (and not of ``sex``)?"""
    other, own = _OTHER_SEX[sex]
    return bool(cluster["given"]) and all(
        g and g[0] in other and g[0] not in own for g in cluster["given"])


def _candidates(clusters, n_full: int, sur: str) -> list:
    """The full-name clusters a one-word name may belong to: those with that surname, else
    that first name, else a first name it is a nickname of, else a name it abbreviates."""
    cands = [ci for ci in range(n_full) if clusters[ci]["sur"] == sur or
             clusters[ci]["sur"].split()[-1] == sur]
    if not cands:
        cands = [ci for ci in range(n_full)
                 if any(g and g[0] == sur for g in clusters[ci]["given"])]
    if not cands:
        cands = [ci for ci in range(n_full)
                 if any(g and g[0].rstrip(".") in NICKNAMES.get(sur, ()) for g in
                        clusters[ci]["given"])]
    if not cands:
        cands = [ci for ci in range(n_full)
                 if any(_blend(sur, tuple(g), clusters[ci]["sur"])
                        for g in clusters[ci]["given"])]
    return cands


# --- across a database ---------------------------------------------------------------------

def _formal(given: str) -> str:
    """A given name in its formal form for keys ("chuck" -> "charles"); a nickname of several
    names takes the first of them in ``NICKNAME_GROUPS`` ("chris" -> "christopher", before
    "christine"), always the same."""
    for g in NICKNAME_GROUPS:
        if given in g:
            return g[0]
    return given


@lru_cache(maxsize=65536)
def _norm_key(name: str) -> str:
    given, sur = name_parts(name)
    full = [g.rstrip(".") for g in given if len(g.rstrip(".")) > 1]
    return " ".join([_formal(full[0]), sur]) if full else sur


def speaker_id(kind: str, key: str) -> str:
    """A speaker's id: a hash of its kind and key, stable across runs and loads."""
    return kind[:3] + "-" + hashlib.sha1(f"{kind}|{key}".encode()).hexdigest()[:12]


def full_surname(kind: str, key: str, surname_only: bool) -> str | None:
    """The surname of a person key with a given name ("hillary clinton" -> "clinton"); None
    for other keys."""
    if kind != "person" or surname_only or " " not in key or "@" in key:
        return None
    return key.split(" ", 1)[1]


DOMINANT_RATIO = 10  # articles naming the full name, against the next full name's
DOMINANT_ARTICLES = 20  # and at least so many of them


def resolve(kind: str, key: str, surname_only: bool, full_keys: dict) -> str:
    """The final key of a speaker: a surname never given in full in its story (``surname_only``)
    becomes a full-name person key with that surname in ``full_keys`` ({key: articles naming
    it} over the database): the only one, or the one named by ``DOMINANT_RATIO`` times as many
    articles as the next one and by ``DOMINANT_ARTICLES`` at least (a bare "Obama" is Barack
    Obama in a database that names him in full 13 times as often as Michelle Obama; a bare
    "Clinton" between Hillary and Bill stays "Clinton"). Else it stays itself. Against the
    next one, not all of them: capitalised words taken for given names ("Watched Obama") make
    a long tail of one-article forms."""
    if not (surname_only and kind == "person" and full_keys):
        return key
    ranked = sorted(full_keys, key=lambda k: (-full_keys[k], k))
    top = ranked[0]
    if len(ranked) == 1 or (full_keys[top] >= DOMINANT_ARTICLES and
                            full_keys[top] >= DOMINANT_RATIO * full_keys[ranked[1]]):
        return top
    return key


def best_name(kind: str, forms: dict) -> str:
    """The name shown for a speaker from the forms its quotations give ({name: count}): the
    fullest (most given names, for a person), then the most frequent, the longest, and
    alphabetically first - among the forms given at least twice and at least a tenth as often
    as the most frequent one, when there are such forms (a garbled form seen once, "John
    McCain John Sidney McCain", does not win over "John McCain" seen a hundred times)."""
    top = max(forms.values())
    common = [n for n in forms if forms[n] >= max(2, top / 10)] or list(forms)
    return max(common, key=lambda n: (len(name_parts(n)[0]) if kind == "person" else 0,
                                      forms[n], len(n), n))


def story_keys(story, items: list) -> list[tuple[str, bool]]:
    """``items``: [(article_id, outlet, row)] of one story, ``row`` an ``article_speakers`` row
    with a name and a kind, in the order (article_id, position). Returns (key, surname_only)
    per item: people clustered with ``cluster_names``; other kinds keyed by their folded name
    (less a leading article for organisations and documents)."""
    # each distinct name once (a repeated name always falls in the same cluster)
    # (a one-word name "Mr. X" and "Mrs. X" as two names: see ``cluster_names``)
    persons: dict[tuple, int] = {}
    for _, _, r in items:
        if r["kind"] == "person" and is_capitalised(r["name"][:1]):
            persons.setdefault(_person(r), len(persons))
    labels = cluster_names([n for n, _ in persons], [x for _, x in persons]) if persons else []
    cl_names: dict[int, list[str]] = {}
    for (n, _), lab in zip(persons, labels):
        cl_names.setdefault(lab, []).append(n)
    key_of: dict[int, tuple[str, bool]] = {}
    full_keys: dict[str, set] = {}  # surname -> the keys of the full names with it
    for ns in cl_names.values():
        for n in ns:
            given, sur = name_parts(n)
            if given:
                full_keys.setdefault(sur, set()).add(_norm_key(n))
    for lab, ns in cl_names.items():
        fulls = [n for n in ns if name_parts(n)[0]]
        if fulls:
            best = max(fulls, key=lambda n: (len(name_parts(n)[0]), len(n), n))
            key_of[lab] = (_norm_key(best), False)
        else:
            sur = name_parts(ns[0])[1]
            n_full = len(full_keys.get(sur, ()))
            # two full names with this surname in the story: it stays apart, in its story
            key_of[lab] = (sur, True) if n_full < 2 else (f"{sur}@{story}", False)
    label_of = dict(zip(persons, labels))
    out = []
    for _, _, r in items:
        name = r["name"]
        if r["kind"] == "person" and is_capitalised(name[:1]):
            out.append(key_of[label_of[_person(r)]])
        elif _descriptive(name, r["kind"]):  # "a senior official", "the statement": in its story
            out.append((f"{_other_key(r['kind'], name)}@{story}", False))
        else:
            out.append((_other_key(r["kind"], name), False))
    return out


def _person(r: dict) -> tuple:
    """A person's name in a story, with the sex its title gives when it is one word."""
    name = r["name"]
    return name, (title_sex(r.get("surface")) if " " not in name else None)


_DETERMINERS = {"the", "a", "an", "another", "one", "some", "several", "many", "two", "three",
                "his", "her", "their", "its", "our", "this", "that", "these", "those"}


def _descriptive(name: str, kind: str | None = None) -> bool:
    """Is a speaker named by a description rather than a name ("a senior official", "the
    former vice president", "protesters")? Such speakers are kept apart story by story: the
    same words name different people in different stories. An organisation or a document
    named by "the" and a proper name ("the White House", "The New York Times") is a name."""
    first, _, rest = name.partition(" ")
    if kind in ("organisation", "document") and first.lower() == "the" and \
            _PROPER_REST.fullmatch(rest):
        return False  # "the White House", "The New York Times": a name, one everywhere
    return not first[:1].isupper() or first.lower() in _DETERMINERS


# the words after "the" in a proper name: capitalised words, with "of", "and", "for", "&"
# between them ("the Department of Homeland Security"), not "the former President"
_PROPER_REST = re.compile(r"[A-Z][\w.’'&-]*(?:\s+(?:(?:of|and|for|on|the|&)\s+)*"
                          r"[A-Z][\w.’'&-]*)*")


@lru_cache(maxsize=65536)
def _other_key(kind: str, name: str) -> str:
    """The key of a speaker that is not a named person: its folded name, less a leading article
    for organisations and documents."""
    key = re.sub(r"\s+", " ", fold(name)).strip()
    if kind in ("organisation", "document"):
        key = re.sub(r"^(?:the|a|an)\s+", "", key)
    return key


def story_items(articles: list) -> list:
    """[(article_id, outlet, row)] of a story's articles ([{"article_id", "outlet",
    "speakers"}]): the quotations with a named speaker, by article id and position."""
    items = []
    for a in sorted(articles, key=lambda a: str(a["article_id"])):
        for r in sorted(a.get("speakers") or [], key=lambda r: r["position"]):
            if r.get("name") and r.get("kind"):
                items.append((a["article_id"], a.get("outlet"), r))
    return items


def merge_speakers(stories: dict) -> dict:
    """Canonical speakers over a set of stories (what the load stage stores, computed at once).

    ``stories``: {story_id: [{"article_id", "outlet", "speakers": article_speakers(...)}]}.
    Returns {"speakers": [{"id", "name", "kind", "roles", "outlets", "articles"}],
    "assign": {(article_id, position): speaker_id}}, sorted: the same input gives the same
    output, and ids do not depend on the other stories."""
    rows = []  # (kind, key, article_id, outlet, row, surname-only?)
    for story in sorted(stories, key=str):
        items = story_items(stories[story])
        for (aid, outlet, r), (key, sur_only) in zip(items, story_keys(story, items)):
            rows.append((r["kind"], key, aid, outlet, r, sur_only))
    full_by_sur: dict[str, dict] = {}  # surname -> {full-name key: the articles naming it}
    for kind, key, aid, _, _, sur_only in rows:
        sur = full_surname(kind, key, sur_only)
        if sur:
            full_by_sur.setdefault(sur, {}).setdefault(key, set()).add(aid)
    ents: dict[str, dict] = {}
    assign: dict = {}
    for kind, key, aid, outlet, r, sur_only in rows:
        full = full_by_sur.get(key, {}) if sur_only else {}
        key = resolve(kind, key, sur_only, {k: len(v) for k, v in full.items()})
        sid = speaker_id(kind, key)
        ent = ents.setdefault(sid, {"id": sid, "kind": kind, "forms": {}, "roles": set(),
                                    "outlets": set(), "articles": set()})
        ent["forms"][r["name"]] = ent["forms"].get(r["name"], 0) + 1
        if r.get("role"):
            ent["roles"].add(r["role"])
        if outlet:
            ent["outlets"].add(outlet)
        ent["articles"].add(aid)
        assign[(aid, r["position"])] = sid
    speakers = []
    for sid in sorted(ents):
        e = ents[sid]
        speakers.append({"id": sid, "name": best_name(e["kind"], e["forms"]), "kind": e["kind"],
                         "roles": sorted(e["roles"]), "outlets": sorted(e["outlets"]),
                         "articles": sorted(e["articles"])})
    return {"speakers": speakers, "assign": dict(sorted(assign.items(), key=lambda kv:
                                                        (str(kv[0][0]), kv[0][1])))}
