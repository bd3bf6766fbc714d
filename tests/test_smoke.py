import sqlite3


def test_seeds_load(seeds_db):
    conn = sqlite3.connect(seeds_db)
    assert conn.execute("select count(*) from articles").fetchone()[0] == 5
