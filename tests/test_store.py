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


# -- one row per event id, without an index ---------------------------------------------------------
def old_schema_store(path) -> None:
    """A store file as dyadwatch made it before ``events`` and ``imported`` lost their primary key:
    ``event_id VARCHAR PRIMARY KEY`` on both, and two secondary indexes on ``events``."""
    from dyadwatch.datasets.tables import IMPORTED
    from dyadwatch.store.schema import EVENTS

    old_events = EVENTS.replace('"event_id" VARCHAR NOT NULL', '"event_id" VARCHAR PRIMARY KEY', 1)
    old_imported = IMPORTED.replace('"event_id" VARCHAR NOT NULL', '"event_id" VARCHAR PRIMARY KEY', 1)
    assert "PRIMARY KEY" in old_events and "PRIMARY KEY" in old_imported
    con = duckdb.connect(str(path))
    con.execute(old_events)
    con.execute(old_imported)
    con.execute("CREATE INDEX events_dyad ON events (source_code, target_code, event_date)")
    con.execute("CREATE INDEX events_article ON events (article_id)")
    con.close()


def _keys(con, table: str) -> list[tuple[str, str]]:
    return con.execute(f"SELECT constraint_type, table_name FROM duckdb_constraints() WHERE table_name = '{table}' "
                       "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE') UNION ALL "
                       f"SELECT 'INDEX ' || index_name, table_name FROM duckdb_indexes() WHERE table_name = '{table}' ORDER BY 1").fetchall()


def test_insert_new_keeps_one_row_per_key_with_or_without_a_primary_key(tmp_path):
    import pyarrow as pa

    from dyadwatch.store.duck import has_index, insert_new

    con = duckdb.connect(str(tmp_path / "k.duckdb"))
    con.execute("CREATE TABLE plain (k VARCHAR NOT NULL, v INTEGER)")
    con.execute("CREATE TABLE keyed (k VARCHAR PRIMARY KEY, v INTEGER)")
    assert (has_index(con, ["plain"]), has_index(con, ["keyed"]), has_index(con, ["plain", "keyed"])) == (False, True, True)
    batch = pa.table({"k": ["a", "b", "b", "c", "c"], "v": [9, 2, 2, 3, 4]})
    con.register("_batch", batch)
    for table in ("plain", "keyed"):
        con.execute(f"INSERT INTO {table} VALUES ('a', 1)")
        insert_new(con, table, "k", ["k", "v"], "_batch")
        rows = con.execute(f"SELECT k, v FROM {table} ORDER BY k").fetchall()
        assert [k for k, _ in rows] == ["a", "b", "c"]  # a key twice in the batch: one row
        assert rows[0] == ("a", 1) and rows[1] == ("b", 2) and rows[2][1] in (3, 4)  # a stored key is left as it is
        insert_new(con, table, "k", ["k", "v"], "_batch")  # again: nothing changes
        assert con.execute(f"SELECT k, v FROM {table} ORDER BY k").fetchall() == rows


def test_a_new_store_keeps_events_one_per_id_without_any_index(tmp_path, coder):
    from dyadwatch import Article
    from dyadwatch.store.duck import has_index
    from dyadwatch.store.tables import coded_tables

    art = Article.from_text(TEXT)
    r = coder.code_article(art)
    ids = {e.event_id for e in r.events}
    assert len(ids) >= 2
    with Store(tmp_path / "s.duckdb") as store:
        assert _keys(store.con, "events") == [] and not has_index(store.con, ["events"])
        # the same article twice in one batch: its events (the same ids) twice in one insert
        assert store.add_coded([(art, r.events, r.n_sentences, r.n_parsed)] * 2) == 1
        c1 = store.counts()
        assert c1["events"] == len(ids) and c1["articles"] == 1
        assert store.add_coded([(art, r.events, r.n_sentences, r.n_parsed)]) == 0
        store._insert_events(coded_tables([(art, r.events, r.n_sentences, r.n_parsed)])[1])  # events already stored: left alone
        assert store.counts() == c1
        assert store.con.execute("SELECT count(DISTINCT event_id) FROM events").fetchone()[0] == len(ids)


def test_a_store_made_with_the_old_primary_key_still_takes_inserts_and_reruns(tmp_path, coder):
    from datetime import date

    from dyadwatch import Article
    from dyadwatch.store.parquet import write_coded_parquet

    db = tmp_path / "old.duckdb"
    old_schema_store(db)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT, "utf-8")
    (src / "copy-of-a.txt").write_text(TEXT, "utf-8")
    other = Article.from_text("Iran criticized Israel. China accused the United States of meddling.", published=date(2024, 3, 6))
    r = coder.code_article(other)
    out = tmp_path / "pq"
    write_coded_parquet(out, [(other, r.events, r.n_sentences, r.n_parsed)])
    with Store(db) as store:
        # the primary key stays (DuckDB cannot drop one); the secondary indexes are dropped on opening
        assert _keys(store.con, "events") == [("PRIMARY KEY", "events")]
        first = code_sources([src], store, coder=coder)
        c1 = store.counts()
        second = code_sources([src], store, coder=coder)
        assert (first.coded, second.coded, second.already) == (1, 0, 2) and store.counts() == c1 and c1["events"] >= 2
        loaded = store.load_parquet(out)
        assert loaded["articles"] == 1 and loaded["events"] == len({e.event_id for e in r.events}) >= 1
        assert store.load_parquet(out) == {"articles": 0, "events": 0, "quarantine": 0}
        assert store.con.execute("SELECT count(*) = count(DISTINCT event_id) FROM events").fetchone() == (True,)


def test_memory_capped_lowers_the_limit_for_a_block_and_never_over_an_index(tmp_path):
    def limit(store: Store) -> str:
        return store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    with Store(tmp_path / "new.duckdb") as store:
        with store.memory_capped("64MB", unless_indexed=("events",)) as lowered:
            assert lowered and limit(store) == "61.0 MiB"
        assert limit(store) == "488.2 MiB"
        with store.memory_capped("2GB") as lowered:  # never raised above the store's
            assert not lowered and limit(store) == "488.2 MiB"
        with pytest.raises(RuntimeError):
            with store.memory_capped("64MB"):
                raise RuntimeError("the store's limit comes back after an error too")
        assert limit(store) == "488.2 MiB"
    old_schema_store(tmp_path / "old.duckdb")
    with Store(tmp_path / "old.duckdb") as store:  # its primary key is an index DuckDB holds whole in memory
        with store.memory_capped("64MB", unless_indexed=("events",)) as lowered:
            assert not lowered and limit(store) == "488.2 MiB"


def test_a_store_cut_inside_its_catalog_is_truncated_not_just_unopenable(tmp_path):
    import os

    from dyadwatch.errors import StoreError

    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.con.execute("INSERT INTO events (event_id, article_id, cameo, cameo_root) SELECT 'e' || i, 'a' || i, '190', '19' FROM range(20000) t(i)")
    os.truncate(db, 100_000)  # inside the first block (after 12 KB of headers), where this store keeps its catalog
    for read_only in (True, False):
        with pytest.raises(StoreError, match="the store is truncated or damaged: DuckDB cannot read its catalog"):
            Store(db, read_only=read_only)
