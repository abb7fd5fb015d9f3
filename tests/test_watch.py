"""The live watch: a folder that receives files between cycles, alerts written once, the alert
command, bad rules files, a failing source, and the drop rule on planted and unplanted series."""

from __future__ import annotations

import json
import sys
from datetime import date

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from dyadwatch import Store
from dyadwatch.errors import UsageError
from dyadwatch.watch import Watcher, evaluate, load_rules, parse_interval, parse_rules, stored_alerts

FIRST = "Date: 2019-12-10\n\nNorth Korea accused the United States of pursuing a hostile policy.\n"
SECOND = "Date: 2019-12-17\n\nNorth Korea threatened the United States with a new nuclear test.\n"
THREAT_RULE = [{"name": "prk-threats", "dyad": "PRK:USA", "when": "event_type", "types": ["THREATEN"]}]


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, "utf-8")
    return folder



@pytest.fixture
def cli_app():
    """The command line, every command registered (``dyadwatch.cli``)."""
    from dyadwatch.cli import app

    return app


def test_a_new_file_is_coded_alone_and_its_alert_written_once(inbox, tmp_path, coder):
    db = tmp_path / "watch.duckdb"
    watcher = Watcher([inbox], db, parse_rules(THREAT_RULE), coder=coder)
    first = watcher.cycle()
    assert (first.coded, first.new_alerts) == (1, ())
    (inbox / "second.txt").write_text(SECOND, "utf-8")
    second = watcher.cycle()
    assert second.coded == 1 and second.sources[0].already == 1
    [alert] = second.new_alerts
    assert alert.rule == "prk-threats" and (alert.source, alert.target) == ("PRK", "USA")
    assert "threatened the United States" in alert.message
    third = watcher.cycle()
    assert (third.coded, third.new_alerts) == (0, ())
    restarted = Watcher([inbox], db, parse_rules(THREAT_RULE), coder=coder).cycle()
    assert restarted.new_alerts == ()
    with Store(db, read_only=True) as store:
        rows = stored_alerts(store)
        [event_id] = store.con.execute("SELECT event_id FROM events WHERE cameo_root = '13'").fetchone()
    assert [r["alert_id"] for r in rows] == [alert.alert_id]
    assert list(rows[0]["event_ids"]) == [event_id]


def test_a_failing_source_does_not_stop_the_others_and_backs_off(inbox, tmp_path, coder):
    missing = tmp_path / "not-there"
    watcher = Watcher([missing, inbox], tmp_path / "w.duckdb", parse_rules(THREAT_RULE), coder=coder)
    first = watcher.cycle()
    failed, fine = first.sources
    assert "not found" in failed.problem and "next try in 1 cycle" in failed.problem
    assert fine.coded == 1 and not fine.problem
    second = watcher.cycle()
    assert second.sources[0].skipped is False and "next try in 2 cycle" in second.sources[0].problem
    third = watcher.cycle()
    assert third.sources[0].skipped is True


def _hook(tmp_path, body: str):
    script = tmp_path / "hook.py"
    script.write_text(body, "utf-8")
    return f"{sys.executable} {script}"


def test_cli_once_prints_the_alert_and_runs_the_command_with_it(inbox, tmp_path, cli_app):
    app = cli_app

    (inbox / "second.txt").write_text(SECOND, "utf-8")
    rules = tmp_path / "alerts.yaml"
    rules.write_text("- {name: prk-threats, dyad: PRK:USA, when: event_type, types: [THREATEN]}\n", "utf-8")
    received = tmp_path / "received.json"
    hook = _hook(tmp_path, f"import sys, pathlib\npathlib.Path({str(received)!r}).write_text(sys.stdin.read())\n")
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    r = runner.invoke(app, ["watch", str(inbox), "--once", "--rules", str(rules), "--db", str(db), "--exec", hook])
    assert r.exit_code == 0, r.output
    alert = json.loads(received.read_text())
    assert alert["rule"] == "prk-threats" and alert["source"] == "PRK" and alert["event_ids"]
    assert f"alert prk-threats [{alert['alert_id']}]" in r.output
    received.unlink()
    again = runner.invoke(app, ["watch", str(inbox), "--once", "--rules", str(rules), "--db", str(db), "--exec", hook])
    assert again.exit_code == 0 and "0 new alerts" in again.output and not received.exists()


def test_a_failing_command_is_reported_and_the_watch_goes_on(inbox, tmp_path, cli_app):
    app = cli_app

    (inbox / "second.txt").write_text(SECOND, "utf-8")
    rules = tmp_path / "alerts.yaml"
    rules.write_text("- {name: prk-threats, dyad: PRK:USA, when: event_type, types: [THREATEN]}\n", "utf-8")
    hook = _hook(tmp_path, "import sys\nsys.stderr.write('no mail server')\nsys.exit(3)\n")
    db = tmp_path / "fail.duckdb"
    r = CliRunner().invoke(app, ["watch", str(inbox), "--once", "--rules", str(rules), "--db", str(db), "--exec", hook])
    assert r.exit_code == 0, r.output
    assert "exited with status 3: no mail server" in r.output
    with Store(db, read_only=True) as store:
        assert len(stored_alerts(store)) == 1


@pytest.mark.parametrize(("rule", "field"), [
    ("- {name: soon, when: deadline_within}", "field 'days' is required"),
    ("- {name: low, when: goldstein_below, value: low}", "field 'value'"),
    ("- {name: bad, when: sometimes}", "field 'when'"),
    ("- {name: who, dyad: PRK-USA, when: deterioration}", "field 'dyad'"),
    ("- {name: kinds, when: event_type, types: [SHOUT]}", "field 'types'"),
    ("- {name: side, dyad: USA:PRK, when: mixed_signals, side: FRA}", "field 'side'"),
    ("- {name: extra, when: deterioration, days: 3}", "field 'days' is not a field of 'deterioration'"),
    ("- {when: deterioration}", "field 'name'"),
])
def test_a_bad_rules_file_is_refused_naming_file_and_field(tmp_path, rule, field):
    path = tmp_path / "alerts.yaml"
    path.write_text(rule + "\n", "utf-8")
    with pytest.raises(UsageError) as caught:
        load_rules(path)
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_cli_refuses_a_bad_rules_file_with_one_line(inbox, tmp_path, cli_app):
    app = cli_app

    path = tmp_path / "alerts.yaml"
    path.write_text("- {name: low, when: goldstein_below, value: low}\n", "utf-8")
    r = CliRunner().invoke(app, ["watch", str(inbox), "--once", "--rules", str(path), "--db", str(tmp_path / "x.duckdb")])
    assert r.exit_code == 2 and "alerts.yaml: rule 1 (low): field 'value'" in " ".join(r.output.split())


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("30s") == 30 and parse_interval("2h") == 7200
    with pytest.raises(UsageError, match="--every 'soon'"):
        parse_interval("soon")


def _weekly_frame(means: list[float], seed: int, per_week: int = 3) -> pd.DataFrame:
    """A PRK→USA events frame with ``per_week`` events a week around each mean (sd 1)."""
    rng = np.random.default_rng(seed)
    rows = []
    for week, mean in enumerate(means):
        for k in range(per_week):
            rows.append({"event_id": f"e{week}-{k}", "article_id": f"a{week}-{k}",
                         "event_date": pd.Timestamp(date(2024, 1, 1)) + pd.Timedelta(days=7 * week + k),
                         "source_code": "PRK", "target_code": "USA", "goldstein": float(np.clip(rng.normal(mean, 1.0), -10, 10)),
                         "quad_class": 1, "cameo": "050", "cameo_root": "05", "plover_type": "COOPERATE", "url": None})
    return pd.DataFrame(rows)


DROP_RULE = [{"name": "drop", "dyad": "PRK:USA", "when": "index_drop", "drop": 4, "window": 2}]


def test_a_planted_drop_fires_the_drop_rule():
    df = _weekly_frame([3, 3, 3, 3, 3, 3, -3, -3], seed=1)
    [alert] = evaluate(parse_rules(DROP_RULE), df, date(2024, 2, 26))  # one drop, one alert (not one per low week)
    assert alert.subject == "PRK:USA:drop-from:2024-02-05"
    assert "to -3.3 (2024-02-12)" in alert.message  # the week the index fell


@pytest.mark.parametrize("seed", range(5))
def test_no_drop_fires_nothing(seed):
    df = _weekly_frame([3] * 10, seed=seed)
    assert evaluate(parse_rules(DROP_RULE), df, date(2024, 3, 11)) == []


def _rss(items: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<item><title>{t}</title><link>https://news.example.test/{i}</link><pubDate>{d}</pubDate>"
                   f"<description>{t}</description></item>" for i, (t, d, _) in enumerate(items))
    return f"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Wire</title>{body}</channel></rss>"


def test_a_feed_file_that_grows_is_coded_entry_by_new_entry(tmp_path, coder):
    feed = tmp_path / "wire.xml"
    first = ("North Korea accused the United States of pursuing a hostile policy.", "Tue, 10 Dec 2019 07:00:00 GMT", "")
    second = ("North Korea threatened the United States with a new nuclear test.", "Tue, 17 Dec 2019 07:00:00 GMT", "")
    feed.write_text(_rss([first]), "utf-8")
    watcher = Watcher([feed], tmp_path / "feed.duckdb", parse_rules(THREAT_RULE), coder=coder)
    assert watcher.cycle().coded == 1
    feed.write_text(_rss([second, first]), "utf-8")
    report = watcher.cycle()
    assert report.coded == 1 and report.sources[0].already == 1
    assert [a.rule for a in report.new_alerts] == ["prk-threats"]
    assert report.as_of == date(2019, 12, 17)


def test_the_loop_stops_when_told_without_waiting_out_the_interval(inbox, tmp_path, coder):
    import threading

    from dyadwatch.watch import run_forever

    stop = threading.Event()
    reports = []

    def on_report(report):
        reports.append(report)
        stop.set()  # what the SIGTERM handler does

    cycles = run_forever(Watcher([inbox], tmp_path / "s.duckdb", parse_rules(THREAT_RULE), coder=coder), 3600, stop, on_report)
    assert cycles == 1 and len(reports) == 1  # returned after the cycle, not after an hour's wait
