"""Every CLI command, run through Typer's test runner against a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

ARTICLE = ("Title: Talks collapse\nDate: 2024-03-05\nURL: https://example.test/talks\n\n"
           "North Korea rejected talks with the United States on Tuesday. "
           "The United States imposed new sanctions on North Korea.\n")


@pytest.fixture(scope="module")
def coded(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    src = d / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    (src / "broken.txt").write_bytes(b"Caf\xe9 owners protested in \xffParis.")
    db = d / "cli.duckdb"
    result = runner.invoke(app, ["code", str(src), "--db", str(db)])
    return d, db, result


def test_code_prints_summary_and_quarantines(coded):
    _, db, result = coded
    assert result.exit_code == 0, result.output
    assert "quarantined" in result.output and "broken.txt" in result.output
    assert "articles read" in result.output and "events" in result.output
    assert db.exists()


def test_events_table_and_filters(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["events", "--db", str(db), "--dyad", "USA:PRK"])
    assert r.exit_code == 0, r.output
    assert "163" in r.output and "PRK" in r.output
    r = runner.invoke(app, ["events", "--db", str(db), "--since", "2030-01-01"])
    assert r.exit_code == 0 and "0 events" in r.output


def test_events_json_lines_have_the_documented_fields(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.strip().split("\n")]
    assert len(recs) >= 2
    required = ("event_id article_id url event_date source_text source_code source_sector target_text target_code "
                "target_sector cameo plover_type plover_mode quad_class goldstein negated mood sentence pattern").split()
    for rec in recs:
        assert set(required) <= set(rec), set(required) - set(rec)
    by = {(r["source_code"], r["target_code"]): r for r in recs}
    assert by[("USA", "PRK")]["cameo"] == "163" and by[("USA", "PRK")]["url"] == "https://example.test/talks"
    assert by[("PRK", "USA")]["plover_type"] == "REJECT"


def test_events_csv_and_parquet_exports(coded):
    d, db, _ = coded
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    assert r.exit_code == 0 and r.stdout.startswith("event_id,")
    out = d / "ev.parquet"
    r = runner.invoke(app, ["events", "--db", str(db), "--format", "parquet", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert pq.read_table(out).num_rows >= 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["events", "--dyad", "USA-PRK"], "bad dyad"),
        (["events", "--since", "last week"], "not a date"),
        (["events", "--format", "xml"], "--format"),
        (["events", "--format", "parquet"], "needs --out"),
    ],
)
def test_events_bad_arguments(coded, args, message):
    _, db, _ = coded
    r = runner.invoke(app, [*args, "--db", str(db)])
    assert r.exit_code == 2
    assert message in r.output


def test_events_on_missing_store(tmp_path):
    r = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2 and "no such store" in r.output


def test_quarantine_lists_reasons(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["quarantine", "--db", str(db)])
    assert r.exit_code == 0 and "broken.txt" in r.output and "invalid UTF-8" in r.output


def test_explain_shows_parse_actors_pattern_and_reason():
    r = runner.invoke(app, ["explain", "Russia did not attack Ukraine, but China criticized Japan.", "--date", "2024-01-01"])
    assert r.exit_code == 0, r.output
    out = r.output
    assert "tokens and parse" in out and "nsubj" in out
    assert "actor mentions" in out and "RUS" in out
    assert "negated" in out  # the attack is dropped, and explain says why
    assert "EVENT" in out and "111" in out


def test_demo_codes_the_bundled_corpus(tmp_path):
    db = tmp_path / "demo.duckdb"
    r = runner.invoke(app, ["demo", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "dyads in the demo corpus" in r.output
    for dyad in ("USA", "PRK", "RUS", "UKR", "IRN", "CHN", "ISR"):
        assert dyad in r.output
    assert "quarantined" in r.output
    assert "counting asserted events" in " ".join(r.output.split())


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"dyadwatch {name}" in readme, f"README does not document `dyadwatch {name}`"


def test_signals_for_a_pair_and_for_a_pair_without_events(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["signals", "--dyad", "USA:PRK", "--db", str(db), "--as-of", "2024-03-05"])
    assert r.exit_code == 0, r.output
    assert "USA → PRK" in r.output and "PRK → USA" in r.output and "not enough data" in r.output
    r = runner.invoke(app, ["signals", "--dyad", "USA:JPN", "--db", str(db)])
    assert r.exit_code == 2 and "no events between USA and JPN" in r.output
