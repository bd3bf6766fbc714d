"""Automatic story grouping for articles that carry no story key.

Pure module: plain dicts in, plain dicts out; no database access (``pipeline/stories.py`` reads
and writes the rows). The words and entities of each article's lead are hashed in the worker
processes with the rest of its analysis (``analysis/vector.py``); here the title is added and the
articles are grouped.

Method (all deterministic, no data shipped):

* Each article becomes one L2-normalised sparse vector in a fixed hashed space (2**20 buckets,
  CRC-32 of the token, so a word maps to the same bucket on every run and machine).  Three blocks are mixed: words of the title and the lead of the text (sublinear tf,
  English stop words removed), the title's words again, and named-entity runs (capitalised word
  runs such as "Supreme Court", kept whole as phrases).  There is **no corpus IDF**: IDF learnt from
  the database as it grows would change the vectors of articles already grouped, and the grouping
  would then depend on batch boundaries.  Stop words, sublinear tf, the lead-only text and the
  entity block do the work of IDF; every vector depends only on its own article.
* Online clustering in canonical order (date, id): an article joins the story with the highest
  score among stories with a dated member within ``window_days`` before it, when the score is >=
  ``threshold``; otherwise it starts a new story keyed ``"auto-" + its id``.  Score = average
  cosine to the story's dated members (``link="average"``; ``"centroid"`` = cosine to their sum)
  minus ``day_penalty`` per day since the story's last article.  Average link holds precision
  much better than single link, which chains unrelated events through one bridging article; the
  day penalty keeps consecutive days' stories on one running topic apart.
* Wire copies: an article whose vector has cosine >= ``copy_threshold`` with an earlier article of
  another outlet (within the window) is a copy of the earliest such article (``copy_of``) and joins
  that article's story.
* Articles without a date are placed after the dated ones: they may join any story, whatever its
  dates, but they never change the centroid that dated articles are compared with, and dated
  articles never join a story started by an undated one.  So dated articles' grouping never
  depends on undated ones.

Guarantees about batches (see ``StoryGrouper.add``):

1. Dated articles: the stories are exactly those of one batch of everything, whatever the batch
   boundaries and whatever the order of the batches.  A batch that contains an article earlier (in
   (date, id) order) than articles already grouped rolls the grouping back to just before that
   article and replays the later ones: exact, but the cost grows with how far back it reaches.
2. Undated articles are placed when they arrive, against everything grouped so far; an undated
   article is placed exactly as in one batch when the dated articles of its story were loaded in
   the same call or before it (e.g. undated articles loaded last, or in one batch).
   ``regroup()`` replaces them as in one batch.
3. Corrections (pins, merges, splits) are settings: they are applied the same way in every run,
   and are kept by ``regroup()`` and ``from_rows()``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date as _date
from itertools import chain

import numpy as np
import scipy.sparse as sp

from ..analysis.vector import N_FEATURES, bucket, decode, entities, lead_tokens, words

__all__ = ["StoryGrouper", "story_summary", "article_vectors", "DEFAULTS", "day", "settings_from"]

DEFAULTS = {
    "link": "average",  # "average": mean cosine to the story's members; "centroid": cosine to their sum
    "threshold": 0.20,  # similarity needed to join a story
    "window_days": 3,  # a story takes new articles up to this many days after its last one
    "day_penalty": 0.15,  # subtracted from the similarity per day since the story's last article
    "copy_threshold": 0.80,  # cosine above which two texts of different outlets are wire copies
    "undated_margin": 0.20,  # undated articles (no time evidence) need threshold + this
    "title_weight": 0.25,  # share of the title block in the vector
    "entity_weight": 0.25,  # share of the named-entity block
}
_TYPES = {"link": str, "threshold": float, "window_days": int, "day_penalty": float,
          "copy_threshold": float, "undated_margin": float, "title_weight": float,
          "entity_weight": float}


def settings_from(pairs) -> dict:
    """Checked settings from ``(name, value)`` pairs (strings from the command line, or JSON
    values); raises ValueError naming the bad one."""
    out = {}
    for k, v in pairs:
        if k not in _TYPES:
            raise ValueError(f"unknown grouping setting {k!r} (one of {', '.join(_TYPES)})")
        try:
            out[k] = _TYPES[k](v)
        except (TypeError, ValueError):
            raise ValueError(f"grouping setting {k!r} must be a {_TYPES[k].__name__}, not {v!r}")
    if out.get("link", "average") not in ("average", "centroid"):
        raise ValueError("grouping setting 'link' must be average or centroid")
    return out


def _block(bucket_lists):
    """Rows of log-scaled (1 + ln tf), L2-normalised counts of the given bucket lists."""
    indptr = np.zeros(len(bucket_lists) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(b) for b in bucket_lists])
    idx = np.fromiter(chain.from_iterable(bucket_lists), dtype=np.int32, count=int(indptr[-1]))
    m = sp.csr_matrix((np.ones(len(idx), dtype=np.float32), idx, indptr),
                      shape=(len(bucket_lists), N_FEATURES))
    m.sum_duplicates()
    m.data = 1.0 + np.log(m.data)
    n = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    n[n == 0] = 1.0
    return sp.diags(1.0 / n) @ m


def article_vectors(articles, settings=None):
    """One L2-normalised float32 CSR row per article, from its title and its lead: the article's
    ``story_vector`` (analysis/vector.py) or, when absent, its ``text``. Depends only on the
    article itself."""
    s = dict(DEFAULTS, **(settings or {}))
    body_l, title_l, ent_l = [], [], []
    for a in articles:
        blob = a.get("story_vector")
        if blob is None:
            blob = lead_tokens(a.get("text") or "")
        lw, le = decode(blob)
        title = a.get("title") or ""
        tw = [bucket(t) for t in words(title)]
        te = [bucket(t) for t in entities(title)]
        body_l.append(tw + lw)
        title_l.append(tw)
        ent_l.append(te + le)
    body, title, ents = _block(body_l), _block(title_l), _block(ent_l)
    wt, we = s["title_weight"], s["entity_weight"]
    m = math.sqrt(1 - wt - we) * body + math.sqrt(wt) * title + math.sqrt(we) * ents
    m = m.tocsr()
    n = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    n[n == 0] = 1.0
    m = (sp.diags(1.0 / n) @ m).tocsr().astype(np.float32)
    m.sort_indices()
    return m


def day(d):
    """Ordinal day of a date given as YYYY-MM-DD... or M/D/YY(YY); None when there is none."""
    if not d:
        return None
    d = str(d).strip()
    try:
        return _date.fromisoformat(d[:10]).toordinal()
    except ValueError:
        pass
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$", d)
    if m:
        mo, dd, y = map(int, m.groups())
        y += 2000 if y < 100 else 0
        try:
            return _date(y, mo, dd).toordinal()
        except ValueError:
            return None
    return None


_day = day


class StoryGrouper:
    """Incremental automatic story grouping.

    ``settings``: any of ``DEFAULTS`` plus corrections:
      ``pins``: {article_id: story_key} -- the article is always in that story;
      ``merges``: [[article_id, ...], ...] -- the stories holding these articles are one story
                   (reported under the key of the first article's story);
    Use ``pin``/``merge``/``split`` to add corrections; they regroup and are kept by ``state()``.
    """

    def __init__(self, settings: dict | None = None):
        self.settings = dict(DEFAULTS, **(settings or {}))
        self.settings["pins"] = dict(self.settings.get("pins") or {})
        self.settings["merges"] = [list(m) for m in (self.settings.get("merges") or [])]
        self._reset()

    # ---- internal state -------------------------------------------------------------
    def _reset(self):
        self.ids = []  # index -> article id
        self.index = {}  # article id -> index
        self.day = []  # ordinal day or None
        self.outlet = []
        self.rows = []  # CSR rows (one per article), kept as one growing list of matrices
        self.X = None  # CSR, one L2-normalised row per article
        self.story = []  # internal cluster key per index
        self.sim = []  # similarity when joined (updated by closeness())
        self.copy_of = []
        self.clusters = {}  # key -> dict(members=[idx], dated=[idx], norm2=float, last=int|None)
        self.done_keys = []  # canonical keys of placed dated articles, sorted
        self.titles = []

    def _vec(self, i):
        return self.X[i]

    def _matrix(self, idxs):
        """CSR of the given article indices (in order)."""
        return self.X[np.asarray(idxs, dtype=np.int64)]

    # ---- public API -----------------------------------------------------------------
    def add(self, articles: list[dict]) -> dict[str, dict]:
        """Place new articles; returns {article_id: {"story", "similarity", "copy_of"}} for the new
        articles and for any earlier article whose placement changed (only after a rollback).
        Articles already known (same id) are ignored."""
        new = []
        seen = set()
        for a in articles:
            aid = str(a["id"])
            if aid in self.index or aid in seen:
                continue
            seen.add(aid)
            new.append(a)
        if not new:
            return {}
        before = {aid: (self.story[i], self.copy_of[i]) for aid, i in self.index.items()}
        vecs = article_vectors(new, self.settings)
        start = len(self.ids)
        self.X = sp.vstack([self.X, vecs]).tocsr() if start else vecs
        for k, a in enumerate(new):
            aid = str(a["id"])
            self.index[aid] = start + k
            self.ids.append(aid)
            self.day.append(_day(a.get("date")))
            self.outlet.append(a.get("outlet") or "")
            self.titles.append(a.get("title") or "")
            self.story.append(None)
            self.sim.append(0.0)
            self.copy_of.append(None)
        new_idx = list(range(start, start + len(new)))
        dated = [i for i in new_idx if self.day[i] is not None]
        undated = [i for i in new_idx if self.day[i] is None]
        replay_undated = []
        if dated:
            first = min(self._ckey(i) for i in dated)
            later = [i for i in range(start) if self.day[i] is not None and self._ckey(i) > first]
            if later:  # out of date order: roll back and replay (exact)
                replay_undated = [i for i in range(start) if self.day[i] is None]
                self._remove(later + replay_undated)
                dated = dated + later
            self._place_dated(sorted(dated, key=self._ckey))
        self._place_undated(sorted(undated + replay_undated, key=lambda i: self.ids[i]))
        out = {}
        for aid, i in self.index.items():
            if i >= start or before.get(aid) != (self.story[i], self.copy_of[i]):
                out[aid] = self._row(i)
        return out

    def regroup(self, settings: dict | None = None) -> dict[str, dict]:
        """Group everything again (optionally with new settings); corrections are kept."""
        if settings:
            if any(k in settings for k in ("title_weight", "entity_weight")):
                raise ValueError("vector settings change the vectors: build a new StoryGrouper")
            settings = dict(settings)
            self.settings["pins"].update(settings.pop("pins", None) or {})
            self.settings["merges"].extend(settings.pop("merges", None) or [])
            self.settings.update(settings)
        n = len(self.ids)
        order = list(range(n))
        for i in order:
            self.story[i] = None
            self.copy_of[i] = None
            self.sim[i] = 0.0
        self.clusters = {}
        self.done_keys = []
        self._place_dated(sorted([i for i in order if self.day[i] is not None], key=self._ckey))
        self._place_undated(sorted([i for i in order if self.day[i] is None], key=lambda i: self.ids[i]))
        return self.assignments()

    def pin(self, article_id, story_key):
        """Move an article to a story (existing or new key); kept across regrouping."""
        self.settings["pins"][str(article_id)] = str(story_key)
        return self.regroup()

    def merge(self, story_keys):
        """Merge stories (as currently reported) into the first one; kept across regrouping."""
        anchors = []
        rep = self.assignments()
        for k in story_keys:
            members = sorted((aid for aid, r in rep.items() if r["story"] == k),
                             key=lambda a: self._ckey(self.index[a]))
            if members:
                anchors.append(members[0])
        if len(anchors) > 1:
            self.settings["merges"].append(anchors)
        return self.regroup()

    def split(self, article_ids, key=None):
        """Take articles out of their story into a story of their own; kept across regrouping."""
        ids = sorted(str(a) for a in article_ids)
        key = key or "split-" + ids[0]
        for a in ids:
            self.settings["pins"][a] = key
        return self.regroup()

    def assignments(self) -> dict[str, dict]:
        return {aid: self._row(i) for aid, i in self.index.items()}

    def closeness(self) -> dict[str, float]:
        """Cosine of each article to its story's final centroid (all members, undated included)."""
        out = {}
        for key, c in self.clusters.items():
            m = self._matrix(c["members"])
            cen = np.asarray(m.sum(axis=0)).ravel()
            nn = np.linalg.norm(cen) or 1.0
            sims = m @ (cen / nn)
            for i, s in zip(c["members"], sims):
                out[self.ids[i]] = float(s)
        return out

    @classmethod
    def from_rows(cls, settings: dict | None, rows: list[dict]) -> "StoryGrouper":
        """A grouper holding articles already grouped: each row has ``id, date, outlet, title,
        story, copy_of, similarity`` and ``story_vector`` (or ``text``)."""
        g = cls(settings)
        if not rows:
            return g
        g.X = article_vectors(rows, g.settings)
        for k, r in enumerate(rows):
            aid = str(r["id"])
            g.index[aid] = k
            g.ids.append(aid)
            g.day.append(_day(r.get("date")))
            g.outlet.append(r.get("outlet") or "")
            g.titles.append(r.get("title") or "")
            g.story.append(r["story"])
            g.copy_of.append(r.get("copy_of"))
            g.sim.append(r.get("similarity") or 0.0)
        g._rebuild_clusters(range(len(rows)))
        return g

    # ---- grouping core ----------------------------------------------------------------
    def _ckey(self, i):
        return (self.day[i], self.ids[i])

    def _row(self, i):
        key = self._report_key(self.story[i])
        return {"story": key, "similarity": round(float(self.sim[i]), 4), "copy_of": self.copy_of[i]}

    def _report_key(self, key):
        merges = self.settings["merges"]
        if not merges:
            return key
        # union-find over merged stories (cheap: merges are few)
        parent = {}

        def find(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        for group in merges:
            keys = [self.story[self.index[a]] for a in group if a in self.index]
            keys = [k for k in keys if k is not None]
            for k in keys[1:]:
                a, b = find(keys[0]), find(k)
                if a != b:
                    parent[b] = a
        return find(key)

    def _new_cluster(self, key, i, dated):
        self.clusters[key] = {"members": [], "dated": [], "norm2": 0.0, "last": None, "first": i,
                              "undated_only": not dated}

    def _join(self, key, i, dot_sum, dated):
        c = self.clusters[key]
        c["members"].append(i)
        if dated or c["undated_only"]:
            # ||S + v||^2 = ||S||^2 + 2 v.S + 1 (v unit)
            c["norm2"] += 2.0 * dot_sum + 1.0
            c["dated"].append(i)
        if dated:
            c["last"] = self.day[i] if c["last"] is None else max(c["last"], self.day[i])
        self.story[i] = key

    def _remove(self, idxs):
        idxs = set(idxs)
        touched = {self.story[i] for i in idxs if self.story[i] is not None}
        for i in idxs:
            self.story[i] = None
            self.copy_of[i] = None
            self.sim[i] = 0.0
        # copies pointing at removed articles are recomputed in replay only if they are replayed;
        # an article placed before the removed ones cannot be a copy of a later one.
        for key in touched:
            c = self.clusters[key]
            keep = [i for i in c["members"] if i not in idxs]
            if not keep:
                del self.clusters[key]
                continue
            self._recompute_cluster(key, keep)

    def _recompute_cluster(self, key, members):
        c = self.clusters[key]
        dated = [i for i in members if self.day[i] is not None]
        c["members"] = list(members)
        if dated:
            c["dated"] = dated
            c["undated_only"] = False
        else:
            c["dated"] = list(members)
            c["undated_only"] = True
        m = self._matrix(c["dated"])
        s = np.asarray(m.sum(axis=0)).ravel()
        c["norm2"] = float(s @ s)
        c["last"] = max((self.day[i] for i in dated), default=None)

    def _rebuild_clusters(self, idxs):
        """The clusters of the placed articles among ``idxs``: one sparse product for all the
        centroids (fast at 100k articles)."""
        by = defaultdict(list)
        for i in idxs:
            if self.story[i] is not None:
                by[self.story[i]].append(i)
        self.clusters = {}
        keys = list(by)
        rows, cols = [], []
        for j, key in enumerate(keys):
            members = by[key]
            dated = [i for i in members if self.day[i] is not None]
            self.clusters[key] = {"members": list(members), "dated": dated or list(members),
                                  "norm2": 0.0, "first": members[0], "undated_only": not dated,
                                  "last": max((self.day[i] for i in dated), default=None)}
            for i in self.clusters[key]["dated"]:
                rows.append(j)
                cols.append(i)
        if not keys:
            return
        C = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(keys), self.X.shape[0]))
        S = (C @ self.X).tocsr()
        norm2 = np.asarray(S.multiply(S).sum(axis=1)).ravel()
        for j, key in enumerate(keys):
            self.clusters[key]["norm2"] = float(norm2[j])

    def _place_dated(self, order, chunk=384):
        """Place dated articles (already sorted by (date, id)).  Similarities are computed for a
        chunk of whole days at a time against the members of the stories still open."""
        s = self.settings
        W, T, CT = s["window_days"], s["threshold"], s["copy_threshold"]
        pins = s["pins"]
        n = len(order)
        pos = 0
        while pos < n:
            d0 = self.day[order[pos]]
            end = min(pos + chunk, n)
            while end < n and end > pos + 1 and self.day[order[end]] == self.day[order[end - 1]]:
                end += 1
            block = order[pos:end]
            pos = end
            keys = [k for k, c in self.clusters.items() if c["last"] is not None and c["last"] >= d0 - W]
            loc = {k: j for j, k in enumerate(keys)}
            norm2 = [self.clusters[k]["norm2"] for k in keys]
            cnt = [len(self.clusters[k]["dated"]) for k in keys]
            last = [self.clusters[k]["last"] for k in keys]
            cand = []
            cand_loc = []
            for k in keys:
                ms = self.clusters[k]["dated"]
                cand.extend(ms)
                cand_loc.extend([loc[k]] * len(ms))
            cols = np.asarray(cand + list(block), dtype=np.int64)
            col_loc = np.asarray(cand_loc + [-1] * len(block), dtype=np.int64)
            Xb = self._matrix(block)
            P = (Xb @ self._matrix(cols).T).toarray()
            nc = len(cand)
            for r, i in enumerate(block):
                d = self.day[i]
                m = col_loc[: nc + r]
                sims = P[r, : nc + r]
                ok = m >= 0
                nk = len(keys)
                if nk:
                    lastv = np.asarray(last, dtype=np.int64)
                    ok &= lastv[np.maximum(m, 0)] >= d - W
                    sums = np.bincount(m[ok], weights=sims[ok], minlength=nk)
                    sc = sums / self._denom(np.asarray(norm2), np.asarray(cnt))
                    sc = sc - s["day_penalty"] * (d - lastv)
                    j = int(np.argmax(sc))
                    best_key, best = keys[j], float(sc[j])
                else:
                    sums = np.zeros(0)
                    best_key, best = None, -1.0
                cp = None
                for j in np.nonzero(ok & (sims >= CT))[0]:
                    c = int(cols[j])
                    if self.outlet[c] != self.outlet[i]:
                        root = self.copy_of[c] or self.ids[c]
                        if cp is None or self._orderkey(root) < self._orderkey(cp):
                            cp = root
                self.copy_of[i] = cp
                aid = self.ids[i]
                if aid in pins:
                    key = pins[aid]
                elif cp is not None:
                    key = self.story[self.index[cp]]
                elif best_key is not None and best >= T:
                    key = best_key
                else:
                    key = "auto-" + aid
                if key not in self.clusters:
                    self._new_cluster(key, i, True)
                if key in loc and self.clusters[key]["last"] is not None and self.clusters[key]["last"] >= d - W:
                    ds = float(sums[loc[key]])
                elif self.clusters[key]["dated"]:
                    # pinned into a story outside the window: exact dot with its dated members
                    ds = float((self._matrix(self.clusters[key]["dated"]) @ self._vec(i).T).sum())
                else:
                    ds = 0.0
                nrm = math.sqrt(max(self.clusters[key]["norm2"], 1e-9))
                self.sim[i] = float(ds / nrm) if self.clusters[key]["dated"] else 1.0
                self._join(key, i, ds, True)
                if key not in loc:
                    loc[key] = len(keys)
                    keys.append(key)
                    norm2.append(0.0)
                    cnt.append(0)
                    last.append(0)
                norm2[loc[key]] = self.clusters[key]["norm2"]
                cnt[loc[key]] = len(self.clusters[key]["dated"])
                last[loc[key]] = self.clusters[key]["last"]
                col_loc[nc + r] = loc[key]

    def _place_undated(self, order, chunk=64):
        """Undated articles: compared with every story, never change dated centroids."""
        if not order:
            return
        s = self.settings
        T, CT, pins = s["threshold"], s["copy_threshold"], s["pins"]
        XT = None
        for c0 in range(0, len(order), chunk):
            part = order[c0:c0 + chunk]
            keys = list(self.clusters)
            loc = {k: j for j, k in enumerate(keys)}
            norm2 = np.array([self.clusters[k]["norm2"] for k in keys] + [0.0] * len(part))
            cnt = np.array([len(self.clusters[k]["dated"]) for k in keys] + [0] * len(part), float)
            # one product with every stored vector (no copy of the matrix); unplaced rows are masked
            lab = np.full(len(self.ids), -1, dtype=np.int64)
            for k in keys:
                lab[self.clusters[k]["dated"]] = loc[k]
            placed_mask = np.fromiter((x is not None for x in self.story), bool, len(self.story))
            Xq = self._matrix(part)
            if XT is None:  # the rows as columns once: each chunk then reads only the
                XT = self.X.T.tocsr()  # columns of its own words, not the whole matrix
            Pc = Xq @ XT
            Pc.sort_indices()  # (the order the sums below add up in)
            Pqq = (Xq @ Xq.T).toarray()
            part_loc = np.zeros(len(part), dtype=np.int64)
            for r, i in enumerate(part):
                nk = len(keys)
                row = Pc[r]
                li = lab[row.indices]
                ok = li >= 0
                sums = np.bincount(li[ok], weights=row.data[ok], minlength=nk)
                cp = None
                for c in row.indices[(row.data >= CT) & placed_mask[row.indices]]:
                        c = int(c)
                        if self.outlet[c] != self.outlet[i]:
                            root = self.copy_of[c] or self.ids[c]
                            if cp is None or self._orderkey(root) < self._orderkey(cp):
                                cp = root
                for r2 in range(r):
                    i2 = part[r2]
                    k2 = self.story[i2]
                    v = Pqq[r, r2]
                    if self.clusters[k2]["undated_only"]:
                        sums[loc[k2]] += v
                    if v >= CT and self.outlet[i2] != self.outlet[i]:
                        root = self.copy_of[i2] or self.ids[i2]
                        if cp is None or self._orderkey(root) < self._orderkey(cp):
                            cp = root
                best_key, best = None, -1.0
                if nk:
                    sc = sums / self._denom(norm2[:nk], cnt[:nk])
                    j = int(np.argmax(sc))
                    best_key, best = keys[j], float(sc[j])
                aid = self.ids[i]
                self.copy_of[i] = cp
                if aid in pins:
                    key = pins[aid]
                elif cp is not None:
                    key = self.story[self.index[cp]]
                elif best_key is not None and best >= T + s["undated_margin"]:
                    key = best_key
                else:
                    key = "auto-" + aid
                if key not in self.clusters:
                    self._new_cluster(key, i, False)
                if key in loc:
                    ds = float(sums[loc[key]])
                else:
                    ds = 0.0
                cl = self.clusters[key]
                self.sim[i] = float(ds / math.sqrt(max(cl["norm2"], 1e-9))) if cl["dated"] else 1.0
                self._join(key, i, ds, False)
                if key not in loc:
                    loc[key] = len(keys)
                    keys.append(key)
                norm2[loc[key]] = cl["norm2"]
                cnt[loc[key]] = len(cl["dated"])
                part_loc[r] = loc[key]

    def _denom(self, norm2, cnt):
        """Centroid cosine divides by |sum of member vectors|; average link by the member count."""
        if self.settings["link"] == "average":
            return np.maximum(cnt, 1.0)
        return np.sqrt(np.maximum(norm2, 1e-9))

    def _orderkey(self, aid):
        i = self.index[aid]
        return (self.day[i] is None, self.day[i] or 0, aid)


def _key_terms(articles, n_terms):
    df = Counter()
    tf = Counter()
    for a in articles:
        lead = (a.get("title") or "") + "\n" + (a.get("text") or "")[:KEY_TERM_CHARS]
        ents = [e[2:] for e in entities(lead)]
        toks = words(lead) + [e for e in ents if " " in e]
        tf.update(toks)
        df.update(set(toks))
    # prefer terms shared by several articles; phrases beat their parts
    ranked = sorted(df, key=lambda t: (-df[t], -(" " in t), -tf[t], t))
    terms = []
    for t in ranked:
        if any(t in u.split() for u in terms if " " in u):
            continue
        terms.append(t)
        if len(terms) >= n_terms:
            break
    return terms


KEY_TERM_CHARS = 600  # characters of each text read for the key terms (with the headline)


def story_summaries(stories: dict, settings: dict | None = None, n_terms: int = 8) -> dict:
    """{story: summary} for {story: [articles]} (see ``story_summary``); the vectors of all the
    stories are built and compared at once, and a one-article story needs none."""
    out = {}
    multi = []
    for key, arts in stories.items():
        if len(arts) == 1:
            a = arts[0]
            d = _day(a.get("date"))
            iso = _date.fromordinal(d).isoformat() if d is not None else None
            out[key] = {"title": a.get("title") or None, "first_date": iso, "last_date": iso,
                        "key_terms": _key_terms(arts, n_terms), "closeness": {str(a["id"]): 1.0}}
        elif arts:
            multi.append(key)
        else:
            out[key] = {"title": None, "first_date": None, "last_date": None, "key_terms": [],
                        "closeness": {}}
    if not multi:
        return out
    rows = [a for key in multi for a in stories[key]]
    owner = np.repeat(np.arange(len(multi)), [len(stories[key]) for key in multi])
    X = article_vectors(rows, settings)
    C = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (owner, np.arange(len(rows)))),
                      shape=(len(multi), len(rows)))
    S = (C @ X).tocsr()
    norms = np.sqrt(np.asarray(S.multiply(S).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    S = (sp.diags(1.0 / norms) @ S).tocsr()
    sims = np.asarray(X.multiply(S[owner]).sum(axis=1)).ravel()
    start = 0
    for j, key in enumerate(multi):
        arts = stories[key]
        mine = sims[start:start + len(arts)]
        start += len(arts)
        days = sorted(d for d in (_day(a.get("date")) for a in arts) if d is not None)
        out[key] = {
            "title": arts[int(np.argmax(mine))].get("title") or None,
            "first_date": _date.fromordinal(days[0]).isoformat() if days else None,
            "last_date": _date.fromordinal(days[-1]).isoformat() if days else None,
            "key_terms": _key_terms(arts, n_terms),
            "closeness": {str(a["id"]): round(min(1.0, float(x)), 4)
                          for a, x in zip(arts, mine)}}
    return out


COPY_SHARED_TEXT = 0.5  # share of the shorter text's 5-word runs the longer one must carry
# the earliest articles kept for a run (a sign-off every article carries costs no more than
# this; a later copy still meets its original, which is among them)
_RUN_POSTINGS = 64


def _word_runs(text: str, n: int = 5) -> set:
    """The runs of ``n`` words of a text (lower case): a wire copy, trimmed or lightly edited,
    keeps most of its original's; two outlets' own reports of one event share a few names
    and phrases."""
    ws = re.findall(r"\w+", (text or "").lower())
    return {tuple(ws[i:i + n]) for i in range(max(0, len(ws) - n + 1))}


def given_story_copies(articles: list[dict], settings: dict | None = None) -> dict:
    """{article id: id of the article it is a wire copy of, or None} for the articles of one
    story whose input named it (``id, date, outlet, title, text``, and ``story_vector``).
    As in the automatic grouping, a copy has cosine >= ``copy_threshold`` with an earlier
    article (in (date, id) order, undated last) of another outlet. All the articles of such a
    story report one event, so their leads are alike more often than in a stream of news: a
    copy must also carry ``COPY_SHARED_TEXT`` of the other text's 5-word runs (or the other
    of its). A copy of a copy is a copy of its original, and of several originals the
    earliest is taken. No date window: the input says that the articles tell one story.
    The runs shared with earlier articles are counted through an index of the runs, so the
    cost follows the text the articles share, not the pairs of articles."""
    s = dict(DEFAULTS, **(settings or {}))
    order = sorted(articles, key=lambda a: (_day(a.get("date")) is None,
                                            _day(a.get("date")) or 0, str(a["id"])))
    out: dict = {a["id"]: None for a in order}
    if len(order) < 2:
        return out
    X = None  # the articles' vectors, made when a first pair shares enough text
    place = {a["id"]: i for i, a in enumerate(order)}
    index: dict = {}  # 5-word run -> the earlier articles (indices) that carry it
    sizes = []
    for i, a in enumerate(order):
        runs = _word_runs(a.get("text"))
        sizes.append(len(runs))
        shared: Counter = Counter()
        for r in runs:
            seen = index.get(r)
            if seen is None:
                index[r] = [i]
            else:
                shared.update(seen)
                if len(seen) < _RUN_POSTINGS:
                    seen.append(i)
        outlet = a.get("outlet") or ""
        near = [j for j, n in shared.items()
                if n >= COPY_SHARED_TEXT * min(sizes[i], sizes[j])
                and (order[j].get("outlet") or "") != outlet]
        if near:
            if X is None:
                X = article_vectors(order, s)
            sims = (X[near] @ X[i].T).toarray().ravel()
            roots = [out[order[j]["id"]] or order[j]["id"]
                     for j, v in zip(near, sims.tolist()) if v >= s["copy_threshold"]]
            if roots:
                out[a["id"]] = min(roots, key=lambda r: place[r])
    return out


def story_summary(articles: list[dict], settings: dict | None = None, n_terms: int = 8) -> dict:
    """What the stories table and the story page say about a story from its articles (each with
    ``id, title, date`` and ``story_vector`` or ``text``; ``text`` when given feeds the key
    terms with the headlines):

    ``title``: headline of the article closest to the sum of the story's vectors;
    ``first_date``, ``last_date``: ISO dates; ``key_terms``: words and named-entity phrases found
    in the most articles; ``closeness``: {article id: cosine of its vector with that sum}."""
    return story_summaries({"story": articles}, settings, n_terms)["story"]
