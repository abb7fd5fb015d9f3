"""Runs: wire copies linked to one story, incremental runs, a run killed midway and
resumed, and event dates read from the sentence."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

from dyadwatch import Store, code_sources

from .conftest import code_text

STORY = ("Date: 2024-04-02\nPublisher: {pub}\n\n"
         "Russian forces shelled the Ukrainian city of Kharkiv overnight, killing four civilians, regional officials said. "
         "Ukraine's foreign ministry condemned Russia for the attack and urged its allies to send more air defence systems. "
         "Moscow denied targeting civilians and accused Kyiv of staging the incident for foreign journalists.{extra}\n")


_SENTENCES = [
    "Japan praised South Korea for its help after the earthquake.",
    "Iran criticized Israel over the strike near Damascus.",
    "Brazil signed a trade agreement with Argentina in Montevideo.",
    "Egypt hosted talks between Sudanese generals in Cairo.",
    "Turkey expelled two Swedish diplomats after the protest.",
    "India accused Pakistan of shelling villages in Kashmir.",
    "Kenya sent police officers to Haiti under the UN mission.",
    "Poland demanded that Belarus stop pushing migrants across the border.",
    "Vietnam rejected the Chinese claim to the Paracel Islands.",
    "Nigeria arrested three Cameroonian separatists near the frontier.",
    "Canada imposed new sanctions on Russian oil traders.",
    "Ghana offered to mediate between Mali and Niger.",
]


def _corpus(tmp_path, n: int):
    """A folder of ``n`` short articles written for these tests."""
    src = tmp_path / "in"
    src.mkdir()
    _write_corpus(src, n)
    return src


def _write_corpus(d: Path, n: int) -> None:
    for i in range(n):
        (d / f"a{i:03d}.txt").write_text(f"Date: 2024-03-{1 + i % 28:02d}\n\n{_SENTENCES[i % len(_SENTENCES)]}\n", "utf-8")


def _state(db: Path):
    with Store(db, read_only=True) as s:
        arts = s.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
        evs = s.con.execute("SELECT event_id, cameo, source_code, target_code FROM events ORDER BY 1").fetchall()
    return arts, evs


def test_wire_copies_count_once_but_keep_their_outlets(tmp_path, coder):
    src = tmp_path / "in"
    src.mkdir()
    (src / "wire-a.txt").write_text(STORY.format(pub="Wire A", extra=""), "utf-8")
    (src / "wire-b.txt").write_text(STORY.format(pub="Paper B", extra=" The city's mayor asked residents to stay calm."), "utf-8")
    (src / "wire-c.txt").write_text(STORY.format(pub="Site C", extra="").replace("overnight", "late on Monday"), "utf-8")
    (src / "other.txt").write_text("Date: 2024-04-02\n\nChina praised Pakistan for its support on Tuesday.\n", "utf-8")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        s = code_sources([src], store, coder=coder)
        stories = store.con.execute("SELECT n_articles, n_outlets FROM stories ORDER BY n_articles DESC").fetchall()
        coded = store.con.execute("SELECT count(*) FROM articles WHERE n_events > 0").fetchone()[0]
    assert s.duplicates == 2 and s.coded == 2
    assert stories == [(3, 3), (1, 1)]
    assert coded == 2


def test_wire_copy_in_a_later_run_joins_the_story_kept_in_the_store(tmp_path, coder):
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    (first / "wire-a.txt").write_text(STORY.format(pub="Wire A", extra=""), "utf-8")
    (later / "wire-b.txt").write_text(STORY.format(pub="Paper B", extra=" Schools in the city stayed closed."), "utf-8")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        code_sources([first], store, coder=coder)
    with Store(db) as store:  # a new run: its linker starts with nothing in memory
        s = code_sources([later], store, coder=coder)
        signed = store.con.execute("SELECT count(*), count(DISTINCT story_id) FROM story_signatures").fetchone()
        bands = store.con.execute("SELECT count(*) FROM story_bands").fetchone()[0]
        stories = store.con.execute("SELECT n_articles, n_outlets FROM stories").fetchall()
    assert s.duplicates == 1 and s.coded == 0
    assert signed == (2, 1) and bands > 2
    assert stories == [(2, 2)]


def test_index_saved_by_an_earlier_version_moves_into_the_tables(tmp_path, coder):
    import pickle

    from dyadwatch.ingest.dedup import DuplicateIndex

    text = STORY.format(pub="Wire A", extra="")
    old = DuplicateIndex()  # earlier versions pickled {"_signatures": …, "_story": …} into the state table
    sig = old.signature(f"\n{text}")
    blob = pickle.dumps((1, {"_signatures": {"old-article": sig}, "_story": {"old-article": "old-article"}}))
    src = tmp_path / "in"
    src.mkdir()
    (src / "copy.txt").write_text(STORY.format(pub="Paper B", extra=" Schools in the city stayed closed."), "utf-8")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.set_state("duplicate_index", blob)
    with Store(db) as store:
        s = code_sources([src], store, coder=coder)
        story = store.con.execute("SELECT story_id FROM articles").fetchone()[0]
        assert store.get_state("duplicate_index") is None
    assert s.duplicates == 1 and story == "old-article"


def test_incremental_run_codes_only_what_is_new(tmp_path, coder):
    src = _corpus(tmp_path, 4)
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = code_sources([src], store, coder=coder)
    (src / "new.txt").write_text("Date: 2024-03-30\n\nChile criticized Peru on Friday.\n", "utf-8")
    with Store(db) as store:
        second = code_sources([src], store, coder=coder)
    assert first.coded == 4 and second.coded == 1 and second.already == 4


def test_killed_run_resumes_without_loss_or_duplication(tmp_path, coder):
    src = _corpus(tmp_path, 12)
    ref = tmp_path / "ref.duckdb"
    with Store(ref) as store:
        code_sources([src], store, coder=coder, batch_size=3)
    db = tmp_path / "killed.duckdb"
    # a run that dies hard (SIGKILL, no clean-up) after coding the 7th article
    script = textwrap.dedent(f"""
        import os, signal
        from dyadwatch import Store, code_sources
        def on_item(kind, item, s):
            if kind == "coded" and s.coded == 7:
                os.kill(os.getpid(), signal.SIGKILL)
        with Store({str(db)!r}) as store:
            code_sources([{str(src)!r}], store, batch_size=3, on_item=on_item)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    arts, _ = _state(db)
    assert 0 < len(arts) < 12  # some batches made it, not all
    with Store(db) as store:
        resumed = code_sources([src], store, coder=coder, batch_size=3)
    assert resumed.already == len(arts) and resumed.coded == 12 - len(arts)
    assert _state(db) == _state(ref)


def test_event_date_from_the_sentence(coder):
    (e,) = [x for x in code_text(coder, "Russian forces shelled Kyiv on Wednesday, Ukraine said on Friday.", "2024-05-03") if x.cameo_root == "19"]
    assert e.event_date == date(2024, 5, 1) and e.date_precision == "day"
    (e,) = code_text(coder, "China praised Japan last month.", "2024-05-03")
    assert e.event_date == date(2024, 4, 1) and e.date_precision == "month"
    (e,) = code_text(coder, "Pyongyang gave Washington until the end of March to drop its policy.", "2025-03-18")
    assert e.event_date == date(2025, 3, 18) and e.date_precision == "day"  # a deadline is not the event's date
