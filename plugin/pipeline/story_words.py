"""The story stage for loaded words: the words a story's articles share (its own subject,
"crash" in a crash story, or a word most of them use) are set aside from every outlet's loaded
choice (``compare.words.story_words``), recorded in ``story_words`` with the reason, flagged on
their occurrences (``story_word = 1``), and the loaded-word figures of the story's sentences
and articles counted again without them.
"""
from __future__ import annotations

from ..compare.words import story_words

# the loaded-word figures of sentences and articles, counted from their occurrences: those
# that count (weight 1) and are not story words; the same definitions as analysis/article.py
_COUNTED = "o.weight > 0 and o.story_word = 0"
_IN_SENTENCE = ("o.article_id = sentences.article_id and o.start >= sentences.start "
                "and o.start < sentences.[end]")
RECOUNT_SENTENCES = f"""
update sentences set
  loaded_words = (select count(*) from loaded_word_occurrences o
    where {_IN_SENTENCE} and {_COUNTED}),
  loaded_words_in_quotes = (select count(*) from loaded_word_occurrences o
    where {_IN_SENTENCE} and {_COUNTED} and o.in_quote = 1),
  loaded_words_own_voice = (select count(*) from loaded_word_occurrences o
    where {_IN_SENTENCE} and {_COUNTED} and o.in_quote = 0)
where article_id = :article
"""
PER_100_SENTENCES = """
update sentences set loaded_per_100_words = case when own_voice_words > 0
  then 100.0 * loaded_words_own_voice / own_voice_words end
where article_id = :article
"""
RECOUNT_ARTICLE = """
update articles set
  loaded_words = (select sum(loaded_words) from sentences
    where article_id = :article and is_boilerplate = 0),
  loaded_words_own_voice = (select sum(loaded_words_own_voice) from sentences
    where article_id = :article and is_boilerplate = 0),
  loaded_words_in_quotes = (select sum(loaded_words_in_quotes) from sentences
    where article_id = :article and is_boilerplate = 0)
where id = :article
"""
PER_100_ARTICLE = """
update articles set loaded_per_100_words = case when own_voice_words > 0
  then 100.0 * loaded_words_own_voice / own_voice_words end
where id = :article
"""


def set_aside_story_words(db, changes, report) -> None:
    conn = db.conn
    stories = changes.story_ids(conn)
    with conn:
        for story in stories:
            rows = conn.execute("select id, title, copy_of from articles where story = ? "
                                "order by id", [story]).fetchall()
            articles = [(aid, title) for aid, title, _ in rows]
            ids = {aid for aid, _ in articles}
            # a wire copy is no outlet's own word choice: the words an original and its copies
            # share are not the story's shared words (a story of one text and its copy has none)
            independent = [(aid, title) for aid, title, copy_of in rows if copy_of not in ids]
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
                for sql in (RECOUNT_SENTENCES, PER_100_SENTENCES, RECOUNT_ARTICLE,
                            PER_100_ARTICLE):
                    conn.execute(sql, {"article": aid})
