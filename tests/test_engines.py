"""Engines: the same input gives the same events, with the same ids, in-process, in a
process pool and on a local Ray started by the test; Parquet output loads into DuckDB."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from dyadwatch import Store, code_sources
from dyadwatch.engines.processes import code_sources_processes
from dyadwatch.engines.worker import CoderSpec
from dyadwatch.ingest import parse_text_article


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """20 stories of the demo corpus as files, 8 more as lines of a JSON Lines file (with a
    blank line and a malformed one), and one bad file: every engine reads the same folder."""
    d = tmp_path_factory.mktemp("corpus")
    with resources.as_file(resources.files("dyadwatch.demo") / "corpus") as src:
        stories = sorted(Path(src).iterdir())
        for f in stories[:20]:
            shutil.copy(f, d / f.name)
        lines = []
        for f in stories[20:28]:
            art = parse_text_article(f.read_text("utf-8"), f.name)
            lines.append(json.dumps({"id": f.stem, "title": art.title, "url": art.url, "text": art.text,
                                     "published": art.published.isoformat() if art.published else None}))
    lines[3:3] = ["", '{"id": "cut-off", "text": "The envoy said']
    (d / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01binary")
    return d


def _quarantine(db: Path) -> list[tuple]:
    with Store(db, read_only=True) as s:
        return s.con.execute("SELECT origin, reason FROM quarantine ORDER BY origin").fetchall()


def _events(db: Path) -> list[tuple]:
    with Store(db, read_only=True) as s:
        return s.con.execute("SELECT event_id, article_id, cameo, source_code, target_code, event_date, trigger_start FROM events ORDER BY event_id").fetchall()


def _counts(db: Path) -> dict:
    with Store(db, read_only=True) as s:
        return s.counts()


@pytest.fixture(scope="module")
def local_db(corpus, coder, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    with Store(db) as store:
        s = code_sources([corpus], store, coder=coder)
    assert s.coded >= 27 and s.quarantined == 2
    assert [(Path(o).name, r) for o, r in _quarantine(db)] == [("broken.txt", "binary file"), ("wire.jsonl:5", "malformed JSON line")]
    return db


def test_process_pool_gives_the_same_events(corpus, local_db, tmp_path):
    db = tmp_path / "proc.duckdb"
    with Store(db) as store:
        s = code_sources_processes([corpus], store, spec=CoderSpec(), workers=2, batch_size=3)
    assert s.quarantined == 2 and _quarantine(db) == _quarantine(local_db)
    assert _events(db) == _events(local_db) and len(_events(db)) > 40
    assert _counts(db) == _counts(local_db)


def test_ray_gives_the_same_events(corpus, local_db, tmp_path):
    ray = pytest.importorskip("ray")
    from dyadwatch.engines.ray_engine import code_sources_ray

    out = tmp_path / "parquet"
    try:
        # batches of at most ~1,000 bytes of text (a story each, about): many batches, a window of 2 in flight
        s = code_sources_ray([corpus], out, spec=CoderSpec(), workers=2, batch_size=4, batch_bytes=1000, in_flight=1)
    finally:
        ray.shutdown()
    assert s.coded >= 27 and s.quarantined == 2
    partitions = sorted(p.name for p in (out / "events").iterdir())
    assert partitions and all(p.startswith("event_date=") for p in partitions)
    db = tmp_path / "ray.duckdb"
    with Store(db) as store:
        added = store.load_parquet(out)
        again = store.load_parquet(out)  # loading twice changes nothing
    assert added["events"] == len(_events(local_db)) and again == {"articles": 0, "events": 0, "quarantine": 0}
    assert _events(db) == _events(local_db)
    assert _counts(db) == _counts(local_db)
    assert _quarantine(db) == _quarantine(local_db)  # the malformed line named by its line number


def test_load_missing_folder_is_a_clear_error(tmp_path):
    from dyadwatch.errors import StoreError

    with Store(tmp_path / "x.duckdb") as store, pytest.raises(StoreError, match="no such folder"):
        store.load_parquet(tmp_path / "nope")


def test_repeated_articles_are_coded_once_across_read_ahead_chunks(tmp_path):
    """The intake reads ahead and asks the store once per chunk: an article repeated
    within a chunk, in the next chunk, or after its batch was written is still skipped."""
    import json

    from dyadwatch.engines import intake

    lines = [json.dumps({"id": f"a{i}", "text": f"Story number {i}. Nothing happened in town {i}."}) for i in range(2 * intake.LOOKAHEAD + 10)]
    again = [lines[0], lines[3], lines[intake.LOOKAHEAD + 2], lines[0]]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines[:5] + [again[0]] + lines[5:] + again[1:]) + "\n", encoding="utf-8")
    with Store(tmp_path / "x.duckdb") as store:
        s = code_sources([src], store, batch_size=4, link_stories=False)
        assert (s.coded, s.already, s.articles) == (len(lines), 4, len(lines) + 4)
        s2 = code_sources([src], store, batch_size=4, link_stories=False)
        assert (s2.coded, s2.already) == (0, len(lines) + 4)
