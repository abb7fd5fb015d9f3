"""The Ray engine streams as the local engine does (issue: bad input with ``--engine ray``):
the driver reads the inputs with the same readers and the same ``max_bytes`` limit, so an
item over the limit is quarantined as its head, size and hash, a malformed item with its
reason, and the events, articles and quarantine rows are the local engine's. A real local
Ray (2 CPUs) runs here; the corpus is written by this test."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dyadwatch import Article, Store, code_sources
from dyadwatch.engines.ray_inputs import batches, read_items, read_parquet_rows
from dyadwatch.errors import UsageError

ray = pytest.importorskip("ray")

LIMIT = 3000  # max_bytes for these runs: the "200 MB file" is 24 KB here
STORIES = [
    "Chile recalled its ambassador from Peru after the border incident.",
    "Norway offered to host peace talks between Colombia and the rebels.",
    "Morocco signed a fisheries agreement with Spain in Rabat.",
    "Thailand accused Cambodia of firing rockets across the frontier.",
    "Australia praised Indonesia for arresting the smugglers.",
    "Greece protested to Turkey over the violation of its airspace.",
    "Senegal sent troops to Gambia to restore order.",
    "Argentina demanded that Britain return the islands.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """Text files, a JSON Lines file (a malformed line, a line over the limit, a blank line,
    a repeated story), a text file over the limit, a binary file; and a path that is not there."""
    d = tmp_path_factory.mktemp("ray-corpus")
    for i, s in enumerate(STORIES[:5]):
        (d / f"story{i}.txt").write_text(f"Date: 2024-05-{10 + i:02d}\nTitle: Story {i}\n\n{s}\n", "utf-8")
    lines = [json.dumps({"id": f"w{i}", "text": s, "published": f"2024-06-0{i}"}) for i, s in enumerate(STORIES[5:], 1)]
    lines += ['{"id": "cut", "text": "Peru answered that',  # malformed: cut off
              json.dumps({"id": "long", "text": "The harbour was busy. " * 300}),  # over the limit
              "",
              json.dumps({"id": "again", "text": STORIES[6], "published": "2024-06-02"})]  # the same story again
    (d / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (d / "zz-huge.txt").write_text("The markets were calm and the weather was mild. " * 500, "utf-8")
    (d / "broken.txt").write_bytes(b"\x00\x01\x02not text")
    return d, d.parent / "no-such-input.txt"


def _rows(db: Path) -> dict:
    with Store(db, read_only=True) as s:
        q = s.con.execute
        return {
            "events": q("SELECT * FROM events ORDER BY event_id").fetchall(),  # every column
            "articles": q("SELECT article_id, origin, title, published, text, n_sentences, n_parsed, n_events FROM articles"
                          " ORDER BY article_id").fetchall(),
            "quarantine": q("SELECT rejection_id, origin, reason, detail, raw, size_bytes FROM quarantine"
                            " ORDER BY origin").fetchall(),
        }


def _summary(s) -> tuple:
    return (s.articles, s.coded, s.already, s.sentences, s.parsed, s.events, s.quarantined, s.missing_inputs)


@pytest.fixture(scope="module")
def local_run(corpus, coder, tmp_path_factory):
    folder, missing = corpus
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    with Store(db) as store:
        s = code_sources([folder, missing], store, coder=coder, max_bytes=LIMIT)
    return s, _rows(db)


@pytest.fixture(scope="module")
def ray_run(corpus, tmp_path_factory):
    """The corpus coded on a local Ray of 2 CPUs and 2 actors, in batches of at most 2
    articles or 100 bytes, one batch in flight per actor; then loaded into a store."""
    from dyadwatch.engines.ray_engine import code_sources_ray

    folder, missing = corpus
    work = tmp_path_factory.mktemp("ray")
    seen: list[tuple[str, str]] = []
    try:
        s = code_sources_ray([folder, missing], work / "out", workers=2, batch_size=2, batch_bytes=100, in_flight=1,
                             max_bytes=LIMIT, on_item=lambda kind, item, _: seen.append((kind, item.origin)))
    finally:
        ray.shutdown()
    with Store(work / "ray.duckdb") as store:
        store.load_parquet(work / "out")
    return s, _rows(work / "ray.duckdb"), seen, work / "out"


def test_ray_gives_the_local_engines_events_articles_and_quarantine(local_run, ray_run):
    local_summary, local_rows = local_run
    ray_summary, ray_rows, _, _ = ray_run
    assert len(local_rows["events"]) >= 6, "the good stories give events"
    assert ray_rows["events"] == local_rows["events"]
    assert ray_rows["articles"] == local_rows["articles"]
    assert ray_rows["quarantine"] == local_rows["quarantine"]
    assert _summary(ray_summary) == _summary(local_summary)


def test_ray_quarantines_each_bad_item_with_its_reason(corpus, ray_run):
    folder, missing = corpus
    summary, rows, seen, _ = ray_run
    reasons = {Path(o).name: (r, d) for _, o, r, d, _, _ in rows["quarantine"]}
    assert {name: r for name, (r, _) in reasons.items()} == {
        "broken.txt": "binary file", "wire.jsonl:4": "malformed JSON line", "wire.jsonl:5": "too large",
        "zz-huge.txt": "too large", "no-such-input.txt": "not found"}
    assert summary.missing_inputs == [str(missing)]
    assert summary.already == 1, "the story repeated in the JSON Lines file is coded once"
    assert ("rejected", str(folder / "broken.txt")) in seen and ("already", f"{folder / 'wire.jsonl'}:7") in seen
    assert sum(kind == "coded" for kind, _ in seen) == summary.coded == 8


def test_ray_keeps_the_head_size_and_hash_of_an_item_over_the_limit_not_its_body(corpus, ray_run):
    folder, _ = corpus
    _, rows, _, _ = ray_run
    huge = (folder / "zz-huge.txt").read_bytes()
    (row,) = [r for r in rows["quarantine"] if r[1] == str(folder / "zz-huge.txt")]
    _, _, reason, detail, raw, size = row
    assert reason == "too large" and f"{len(huge):,} bytes" in detail and "3,000 bytes limit" in detail
    assert hashlib.sha256(huge).hexdigest() in detail
    assert raw == huge[:size] and size <= 8192 < len(huge), "only the head is kept"


def test_ray_writes_parquet_the_load_reads_once(ray_run, tmp_path):
    _, rows, _, out = ray_run
    assert sorted(p.name for p in out.iterdir()) == ["articles", "events", "quarantine"]
    with Store(tmp_path / "again.duckdb") as store:
        first = store.load_parquet(out)
        again = store.load_parquet(out)
    assert first == {"articles": len(rows["articles"]), "events": len(rows["events"]), "quarantine": 5}
    assert again == {"articles": 0, "events": 0, "quarantine": 0}


def test_driver_keeps_at_most_its_window_of_batches_in_flight(tmp_path):
    """Eight one-article batches to two actors with a window of two: never more than two in
    flight, every article coded and written."""
    from dyadwatch.engines.local import RunSummary
    from dyadwatch.engines.ray_actor import RayCoder
    from dyadwatch.engines.ray_driver import RayDriver
    from dyadwatch.engines.worker import CoderSpec

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        actors = [ray.remote(num_cpus=1)(RayCoder).remote(CoderSpec()) for _ in range(2)]
        summary = RunSummary()
        driver = RayDriver(ray, actors, tmp_path / "out", summary, window=2)
        arts = [Article.from_text(s, origin=f"t{i}") for i, s in enumerate(STORIES)]
        for batch in batches(driver.articles(arts), 1, 10_000):
            driver.submit(batch)
            assert len(driver.inflight) <= 2
        driver.finish()
    finally:
        ray.shutdown()
    assert driver.most_in_flight == 2 and not driver.inflight
    assert summary.coded == len(STORIES) and summary.events >= 6
    with Store(tmp_path / "s.duckdb") as store:
        assert store.load_parquet(tmp_path / "out")["articles"] == len(STORIES)


def test_batches_are_bounded_in_count_and_in_bytes():
    arts = [Article.from_text(t) for t in ("a" * 40, "b" * 40, "c" * 40, "d" * 500, "e" * 10, "f" * 10, "g" * 10)]
    got = [[a.text[0] for a in b] for b in batches(arts, 3, 100)]
    assert got == [["a", "b"], ["c"], ["d"], ["e", "f", "g"]], "an article heavier than a batch goes alone"
    assert [len(b) for b in batches(arts, 2, 10_000)] == [2, 2, 2, 1]
    with pytest.raises(ValueError, match="room for an article"):
        list(batches(arts, 0, 100))


def test_bad_options_are_refused_before_ray_starts(tmp_path):
    from dyadwatch.engines.ray_engine import code_sources_ray

    with pytest.raises(UsageError, match="--max-bytes"):
        code_sources_ray([tmp_path], tmp_path / "out", max_bytes=-1)
    with pytest.raises(UsageError, match="in_flight"):
        code_sources_ray([tmp_path], tmp_path / "out", in_flight=0)
    assert not ray.is_initialized() and not (tmp_path / "out").exists()


def test_parquet_rows_are_read_with_the_limit_and_their_rejections(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "rows.parquet"
    pq.write_table(pa.table({"id": ["p1", None, "p3"], "text": [STORIES[0], "", "x " * 2000],
                             "published": ["2024-05-01", None, None]}), p)
    items = list(read_parquet_rows(p, None, LIMIT))
    assert [(type(i).__name__, i.origin) for i in items] == [("Article", "p1"), ("Rejection", f"{p}:2"), ("Rejection", "p3")]
    assert items[0].published.isoformat() == "2024-05-01"
    assert items[1].reason == "no text" and items[2].reason == "too large" and "4,000 bytes" in items[2].detail
    (bad,) = read_items([tmp_path / "nope.parquet"], None, LIMIT)
    assert bad.reason == "not found"
    (not_parquet,) = list(read_parquet_rows(_write(tmp_path / "fake.parquet", b"not parquet at all"), None, LIMIT))
    assert not_parquet.reason == "unreadable Parquet" and str(tmp_path / "fake.parquet") == not_parquet.origin


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p
