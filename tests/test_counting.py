"""What the views count: asserted, confident events without plain statements, unless told."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from dyadwatch import Store
from dyadwatch.analysis.counting import DEFAULT_COUNTING, DEFAULT_MIN_CONFIDENCE, Counting
from dyadwatch.analysis.dyads import dyad_summary
from dyadwatch.analysis.frame import load_events

# our own sentences: one asserted act, one statement, one possible act, one negated act
TEXT = (
    "Canada expelled four Indian diplomats on Monday. "
    "Canada told India that the border would stay open. "
    "Canada could impose sanctions on India next month. "
    "Canada did not expel the Indian trade envoy."
)


@pytest.fixture(scope="module")
def store_path(coder, tmp_path_factory):
    from dyadwatch import code_sources

    folder = tmp_path_factory.mktemp("counting")
    src = folder / "canada-india.txt"
    src.write_text(TEXT, "utf-8")
    db = folder / "c.duckdb"
    with Store(db) as store:
        code_sources([src], store, date(2024, 3, 4), coder=coder)
    return db


def _moods(df):
    return sorted(zip(df.cameo.str[:2], df["mood"]))


def test_the_default_counts_only_asserted_confident_acts(store_path):
    with Store(store_path, read_only=True) as store:
        every = store.con.execute("SELECT cameo_root, mood, confidence FROM events").fetchall()
        counted = load_events(store)
    roots = {r for r, _, _ in every}
    assert "01" in roots and any(m != "asserted" for _, m, _ in every), every  # the store holds both kinds
    assert set(counted["mood"]) == {"asserted"}
    assert not (counted.cameo.str[:2] == "01").any()
    assert (counted.cameo.str[:2] == "17").any() or (counted.cameo.str[:2] == "16").any()


def test_flags_widen_what_is_counted(store_path):
    with Store(store_path, read_only=True) as store:
        n_all = store.con.execute("SELECT count(*) FROM events WHERE event_date IS NOT NULL AND source_code IS NOT NULL").fetchone()[0]
        wide = load_events(store, counting=Counting(0.0, all_moods=True, statements=True))
        default = load_events(store)
        any_conf = load_events(store, counting=Counting(0.0))
        with_statements = load_events(store, counting=Counting(0.0, statements=True))
    assert len(wide) == n_all > len(default)
    assert not (any_conf.cameo.str[:2] == "01").any()
    assert (with_statements.cameo.str[:2] == "01").any() and len(with_statements) > len(any_conf)


def test_a_threshold_drops_less_confident_events(store_path):
    with Store(store_path, read_only=True) as store:
        confs = [c for (c,) in store.con.execute("SELECT confidence FROM events WHERE mood = 'asserted'").fetchall()]
        high = load_events(store, counting=Counting(min_confidence=max(confs) + 0.001 if max(confs) < 1 else 1.0))
        summary = dyad_summary(store, counting=Counting(0.0, True, True))
        summary_default = dyad_summary(store)
    assert high.empty
    assert sum(d.events for d in summary) > sum(d.events for d in summary_default)


def test_describe_says_what_is_left_out():
    assert DEFAULT_COUNTING.describe() == (f"counting asserted events with confidence ≥ {DEFAULT_MIN_CONFIDENCE:g}; left out: intended, hypothetical, "
                                           "demanded, negated and background events and statements (CAMEO 01x)")
    assert Counting(0.0, True, True).describe() == "counting events of every mood"
    with pytest.raises(ValueError):
        Counting(1.5)


def test_the_cli_says_what_it_counts_and_refuses_a_bad_threshold(store_path):
    from dyadwatch.cli import app

    runner = CliRunner()
    ok = runner.invoke(app, ["dyads", "--db", str(store_path)])
    assert ok.exit_code == 0 and f"counting asserted events with confidence ≥ {DEFAULT_MIN_CONFIDENCE:g}" in ok.output
    wide = runner.invoke(app, ["dyads", "--db", str(store_path), "--all-moods", "--statements", "--min-confidence", "0"])
    assert wide.exit_code == 0 and "counting events of every mood" in wide.output
    bad = runner.invoke(app, ["signals", "--db", str(store_path), "--min-confidence", "2"])
    assert bad.exit_code != 0 and "--min-confidence 2" in bad.output


def test_the_report_says_what_it_counts(store_path, tmp_path):
    from dyadwatch.cli import app

    out = tmp_path / "r.html"
    res = CliRunner().invoke(app, ["report", "CAN", "IND", "--db", str(store_path), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert f"counting asserted events with confidence ≥ {DEFAULT_MIN_CONFIDENCE:g}" in out.read_text("utf-8")


def test_the_api_says_what_it_counts(store_path):
    from fastapi.testclient import TestClient

    from dyadwatch.api.app import create_app

    with TestClient(create_app(store_path)) as client:
        assert client.get("/api/health").json()["counting"] == DEFAULT_COUNTING.describe()


@pytest.mark.parametrize("counting", [DEFAULT_COUNTING, Counting(0.0), Counting(0.5, all_moods=True), Counting(0.0, True, True)])
def test_counts_in_python_and_in_sql_agree(store_path, counting):
    with Store(store_path, read_only=True) as store:
        rows = store.con.execute("SELECT event_id, mood, negated, confidence, cameo_root FROM events").fetchall()
        where, params = counting.where("")
        sql_ids = {r[0] for r in store.con.execute(f"SELECT event_id FROM events WHERE {' AND '.join(where) or 'true'}", params).fetchall()}
    assert {r[0] for r in rows if counting.counts(*r[1:])} == sql_ids
