"""Serving while loading (issue 6): Datasette reads the database while a load writes it (WAL);
readers never see "database is locked" or a half-loaded article."""
import asyncio
import subprocess
import sys
import time

from _corpus import write_corpus

# articles whose stored sentence count differs from their sentence rows: half-loaded
HALF_LOADED = """
select count(*) as n, (select count(*) from articles) as articles from articles a
where a.sentences + a.boilerplate_sentences !=
      (select count(*) from sentences s where s.article_id = a.id)
"""


def test_pages_and_sql_during_a_load(tmp_path):
    from datasette.app import Datasette
    from datasette.utils import tilde_encode

    from datasette_media_bias.pipeline import load

    db = tmp_path / "live.db"
    first = write_corpus(tmp_path / "first.jsonl", 8, seed=3)
    assert load(db, [first], jobs=1).loaded == 8
    src = write_corpus(tmp_path / "corpus.jsonl", 300, seed=4, version=" (v2)",
                       sentences=(8, 20))
    proc = subprocess.Popen([sys.executable, "-m", "datasette_media_bias.cli", "load", str(db),
                             str(src), "--jobs", "2", "--commit-every", "0.05"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ds = Datasette([str(db)], settings={"num_sql_threads": 2})
    name = db.stem
    paths = [f"/{name}/-/media-bias", f"/{name}/-/media-bias.json",
             f"/{name}/-/media-bias/stories/s0", f"/{name}/-/media-bias/stories/s0.json",
             f"/{name}/-/media-bias/articles/a00001.json",
             f"/{name}/-/media-bias/outlets/{tilde_encode('example-news')}.json"]
    failures, seen_counts = [], []

    async def client():
        i = 0
        while proc.poll() is None:
            path = paths[i % len(paths)]
            i += 1
            r = await ds.client.get(path)
            if r.status_code != 200 or "locked" in r.text:
                failures.append((path, r.status_code, r.text[:200]))
            # 1.0 redirects /db.json?sql= to /db/-/query.json?sql=
            r = await ds.client.get(f"/{name}.json", params={"sql": HALF_LOADED,
                                                             "_shape": "array"},
                                    follow_redirects=True)
            if r.status_code != 200:
                failures.append(("sql", r.status_code, r.text[:200]))
                continue
            row = r.json()[0]
            seen_counts.append(row["articles"])
            if row["n"]:
                failures.append(("half-loaded articles visible", row))
            await asyncio.sleep(0)

    async def main():
        await asyncio.gather(client(), client(), client())

    t0 = time.monotonic()
    asyncio.run(main())
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert failures == []
    # the readers saw the load progress (several intermediate states), not just the end
    assert len(seen_counts) > 10, (len(seen_counts), time.monotonic() - t0)
    assert len(set(seen_counts)) >= 3, sorted(set(seen_counts))
