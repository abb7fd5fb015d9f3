"""The DuckDB store: idempotent re-ingest, quarantine, exports."""

from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq
import pytest

from dyadwatch import Store, code_sources, export_events

TEXT = "Date: 2024-03-05\n\nRussia attacked Ukraine on Tuesday. Japan praised South Korea.\n"


def test_recoding_the_same_article_changes_nothing(tmp_path, coder):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, "utf-8")
    (src / "copy-of-a.txt").write_text(TEXT, "utf-8")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = code_sources([src], store, coder=coder)
        c1 = store.counts()
        second = code_sources([src], store, coder=coder)
        c2 = store.counts()
    assert first.coded == 1 and first.already == 1
    assert second.coded == 0 and second.already == 2
    assert c1 == c2 and c1["articles"] == 1 and c1["events"] >= 2


def test_quarantine_keeps_bad_items(tmp_path, coder):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(TEXT, "utf-8")
    (src / "bad.bin").write_bytes(b"\x00\x01\x02binary")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        s = code_sources([src], store, coder=coder)
        rows = store.quarantine()
        raw = store.con.execute("SELECT raw FROM quarantine").fetchone()[0]
    assert s.quarantined == 1 and s.coded == 1
    assert rows[0]["reason"] == "binary file" and rows[0]["origin"].endswith("bad.bin")
    assert bytes(raw) == b"\x00\x01\x02binary"


def test_exports(tmp_path, coder):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, "utf-8")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        code_sources([src], store, coder=coder)
        n_csv = export_events(store, tmp_path / "e.csv", "csv")
        n_json = export_events(store, tmp_path / "e.json", "json", dyad=("RUS", "UKR"))
        n_pq = export_events(store, tmp_path / "e.parquet", "parquet")
    assert n_csv == n_pq >= 2
    lines = (tmp_path / "e.json").read_text().strip().split("\n")
    assert len(lines) == n_json == 1
    rec = json.loads(lines[0])
    assert (rec["source_code"], rec["target_code"], rec["cameo_root"]) == ("RUS", "UKR", "19")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == n_pq and "goldstein" in table.column_names
    assert duckdb.connect().execute(f"SELECT count(*) FROM read_csv_auto('{tmp_path / 'e.csv'}')").fetchone()[0] == n_csv


def test_parquet_folder_loads_like_a_direct_insert(tmp_path, coder):
    """write_coded_parquet (the Ray actors' output: Hive partitions by event date, a null
    date in the default partition) loads into the same rows as Store.add_coded."""
    from dyadwatch import Article, Rejection
    from dyadwatch.store.parquet import write_coded_parquet, write_rejections_parquet

    from datetime import date

    dated = Article.from_text(TEXT, published=date(2024, 3, 5))
    undated = Article.from_text("Russia attacked Ukraine. Japan praised South Korea.", published=None)
    coded = []
    for a in (dated, undated):
        r = coder.code_article(a)
        coded.append((a, r.events, r.n_sentences, r.n_parsed))
    assert any(e.event_date is None for e in coded[1][1]) and any(e.event_date is not None for e in coded[0][1])
    out = tmp_path / "pq"
    write_coded_parquet(out, coded)
    write_coded_parquet(out, coded)  # the same batch again overwrites its own files
    write_rejections_parquet(out, [Rejection("x.bin", "binary file", "", b"\x00")])
    assert (out / "events" / "event_date=__HIVE_DEFAULT_PARTITION__").is_dir()
    query = "SELECT * FROM events ORDER BY event_id"
    with Store(tmp_path / "a.duckdb") as a, Store(tmp_path / "b.duckdb") as b:
        a.add_coded(coded)
        assert b.load_parquet(out) == {"articles": 2, "events": a.counts()["events"], "quarantine": 1}
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()


def test_a_parquet_folder_is_loaded_a_group_of_files_at_a_time_and_whole(tmp_path, coder, monkeypatch):
    """Merged a few files per statement (to bound DuckDB's memory), every row still arrives,
    and a second load adds nothing."""
    from datetime import date

    from dyadwatch import Article
    from dyadwatch.store import duck
    from dyadwatch.store.parquet import write_coded_parquet

    texts = [TEXT, "Russia attacked Ukraine on Monday. Japan praised South Korea.", "Iran criticized Israel.",
             "China accused the United States of meddling. India and Pakistan held talks."]
    coded = []
    for i, t in enumerate(texts):
        a = Article.from_text(t, published=date(2024, 3, 5 + i))
        r = coder.code_article(a)
        coded.append((a, r.events, r.n_sentences, r.n_parsed))
    out = tmp_path / "pq"
    for c in coded:  # a batch per article: a file per article and per event date
        write_coded_parquet(out, [c])
    files = list(out.rglob("*.parquet"))
    assert len(files) >= 8
    monkeypatch.setattr(duck, "LOAD_GROUP_FILES", 3)
    query = "SELECT * FROM events ORDER BY event_id"
    with Store(tmp_path / "a.duckdb") as a, Store(tmp_path / "b.duckdb") as b:
        a.add_coded(coded)
        assert b.load_parquet(out) == {"articles": 4, "events": a.counts()["events"], "quarantine": 0}
        assert b.load_parquet(out) == {"articles": 0, "events": 0, "quarantine": 0}
        assert a.con.execute(query).fetchall() == b.con.execute(query).fetchall()
    assert [len(g) for g in duck._file_groups(sorted(files))] == [3] * (len(files) // 3) + ([len(files) % 3] if len(files) % 3 else [])


def test_duckdb_memory_is_capped_and_the_cap_is_checked(tmp_path, monkeypatch):
    import pytest

    from dyadwatch.errors import StoreError

    def limit(store: Store) -> str:
        return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    with Store(tmp_path / "a.duckdb") as store:  # not DuckDB's own default (80% of the machine's memory)
        assert limit(store) == "488.2 MiB"
        # the user's own connection to the same file still opens beside the store's
        assert duckdb.connect(str(tmp_path / "a.duckdb")).execute("SELECT count(*) FROM events").fetchone() == (0,)
    with Store(tmp_path / "b.duckdb", memory_limit="2GB") as store:
        assert limit(store) == "1.8 GiB"
    monkeypatch.setenv("DYADWATCH_DUCKDB_MEMORY", "256MB")
    with Store(tmp_path / "c.duckdb") as store:
        assert limit(store) == "244.1 MiB"
    with pytest.raises(StoreError, match="memory limit 'lots': expected a size such as 512MB"):
        Store(tmp_path / "d.duckdb", memory_limit="lots")


def _hold(path, seconds: float, read_only: bool):
    """Another process that opens the store and keeps it open for ``seconds``."""
    import subprocess
    import sys

    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=sys.argv[3] == '1'); "
            "print('open', flush=True); time.sleep(float(sys.argv[2])); c.close()")
    p = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds), "1" if read_only else "0"],
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "open"
    return p


def test_a_writer_waits_for_a_reader_that_holds_the_store_a_moment(tmp_path):
    import time

    from dyadwatch.store.duck import Store

    db = tmp_path / "s.duckdb"
    Store(db).close()
    reader = _hold(db, 1.0, read_only=True)  # as `serve` does while it answers requests
    t0 = time.monotonic()
    with Store(db) as s:
        assert s.con.execute("SELECT count(*) FROM events").fetchone() == (0,)
    assert time.monotonic() - t0 >= 0.5  # it waited for the reader to let go
    reader.wait(10)


def test_a_store_held_too_long_is_a_clear_error(tmp_path):
    from dyadwatch.errors import StoreError
    from dyadwatch.store.duck import Store

    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = _hold(db, 3.0, read_only=False)
    try:
        with pytest.raises(StoreError, match="another process holds the store"):
            Store(db, lock_wait_s=0.3)
    finally:
        holder.wait(10)
