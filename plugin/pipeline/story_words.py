"""The story stage for loaded words: the words a story's articles share (its own subject,
"crash" in a crash story, or a word most of them use) are set aside from every outlet's loaded
choice (``compare.words.story_words``), recorded in ``story_words`` with the reason, flagged on
their occurrences (``story_word = 1``), and the loaded-word figures of the story's sentences
and articles counted again without them.
"""
from __future__ import annotations

import bisect

from ..compare.coverage import copies_within
from ..compare.words import story_words

# the loaded-word figures of sentences and articles, counted again from their occurrences:
# those that count (weight 1) and are not story words; the same definitions as
# analysis/article.py (a sentence holds the occurrences that start inside it; an article sums
# its sentences that are not boilerplate; densities per 100 own-voice words)
_COUNTED = ("select start, in_quote from loaded_word_occurrences where article_id = ? "
            "and weight > 0 and story_word = 0")
_SENTENCES = ("select position, start, [end], is_boilerplate, own_voice_words, loaded_words, "
              "loaded_words_in_quotes from sentences where article_id = ? order by start")


def _per_100(own, own_voice_words):
    return 100.0 * own / own_voice_words if own_voice_words and own_voice_words > 0 else None


def recount(conn, article_id: str) -> None:
    """Count an article's loaded words again, in its sentences and in all, after the story
    stage changed which of its occurrences are story words (only the sentences whose counts
    change are written)."""
    sents = conn.execute(_SENTENCES, [article_id]).fetchall()
    placed = [i for i, r in enumerate(sents) if r[1] is not None]  # (nulls come first)
    starts = [sents[i][1] for i in placed]
    counts = [[0, 0] for _ in sents]
    for start, in_quote in conn.execute(_COUNTED, [article_id]):
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and start < sents[placed[k]][2]:
            counts[placed[k]][0] += 1
            counts[placed[k]][1] += in_quote
    changed = []
    total = quoted = None  # SQL's sum() over no sentence is null
    for (pos, _, _, boiler, own_voice_words, n_old, q_old), (n, q) in zip(sents, counts):
        if n != n_old or q != q_old:
            changed.append((n, q, n - q, _per_100(n - q, own_voice_words), article_id, pos))
        if not boiler:
            total, quoted = (total or 0) + n, (quoted or 0) + q
    conn.executemany("update sentences set loaded_words = ?, loaded_words_in_quotes = ?, "
                     "loaded_words_own_voice = ?, loaded_per_100_words = ? "
                     "where article_id = ? and position = ?", changed)
    own = total - quoted if total is not None else None
    conn.execute("update articles set loaded_words = ?, loaded_words_in_quotes = ?, "
                 "loaded_words_own_voice = ?, loaded_per_100_words = case when "
                 "own_voice_words > 0 then 100.0 * ? / own_voice_words end where id = ?",
                 [total, quoted, own, own, article_id])


def set_aside_story_words(db, changes, report) -> None:
    conn = db.conn
    stories = changes.story_ids(conn)
    with conn:
        for story in stories:
            rows = conn.execute("select id, title, copy_of from articles where story = ? "
                                "order by id", [story]).fetchall()
            articles = [(aid, title) for aid, title, _ in rows]
            # a wire copy is no outlet's own word choice: the words an original and its copies
            # share are not the story's shared words (a story of one text and its copy has none)
            copies = copies_within((aid, copy_of) for aid, _, copy_of in rows)
            independent = [(aid, title) for aid, title in articles if aid not in copies]
            occurrences = {aid: [] for aid, _ in articles}
            for aid, term, category in conn.execute(
                    "select o.article_id, o.term, o.category from loaded_word_occurrences o "
                    "where o.article_id in (select id from articles where story = ?)",
                    [story]):  # every match, counted or not: "the crash" names the subject too
                occurrences[aid].append({"term": term, "category": category})
            found = story_words([{"id": aid, "title": title, "occurrences": occurrences[aid]}
                                 for aid, title in independent])
            conn.execute("delete from story_words where story = ?", [story])
            conn.executemany("insert into story_words (story, term, reason) values (?, ?, ?)",
                             [(story, t, why) for t, why in sorted(found.items())])
            for aid, _ in articles:
                flagged = {t for (t,) in conn.execute(
                    "select term from loaded_word_occurrences where article_id = ? "
                    "and story_word = 1", [aid])}
                terms = {o["term"] for o in occurrences[aid]} & set(found)
                if flagged == terms:
                    continue  # nothing changed for this article
                conn.execute("update loaded_word_occurrences set story_word = (term in "
                             "(select term from story_words where story = ?)) "
                             "where article_id = ?", [story, aid])
                recount(conn, aid)
