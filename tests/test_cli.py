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


# -- a command line a newcomer trusts (issue #21) ---------------------------------------------
PLACEHOLDERS = ("<bool>", "<list[", "<str>", "<int>", "<path>", "<float>")


def _all_command_paths() -> list[list[str]]:
    import typer.main

    root = typer.main.get_command(app)
    paths = []
    for name, cmd in root.commands.items():
        subs = getattr(cmd, "commands", None)
        paths += [[name, sub] for sub in subs] if subs else [[name]]
    return paths


def test_help_pages_show_no_python_type_placeholders():
    paths = _all_command_paths()
    assert ["code"] in paths and ["actors", "lookup"] in paths and ["audit", "score"] in paths
    for path in [[], *paths]:
        r = runner.invoke(app, [*path, "--help"])
        assert r.exit_code == 0, (path, r.output)
        for bad in PLACEHOLDERS:
            assert bad not in r.output, f"dyadwatch {' '.join(path)} --help shows {bad}"
    r = runner.invoke(app, ["events", "--help"])
    assert "--db" in r.output and "FILE" in r.output  # options still say what they take


def test_code_help_lists_every_input_format_under_input_format():
    from dyadwatch.ingest import FORMATS

    r = runner.invoke(app, ["code", "--help"], env={"COLUMNS": "200"})
    text = " ".join(r.output.split())
    assert "--input-format" in text
    for fmt in ("auto", *FORMATS):
        assert f"{fmt} (" in text, f"code --help does not describe the input format {fmt}"


def test_code_format_is_a_deprecated_alias_of_input_format(coded, tmp_path):
    d, _, _ = coded
    db = tmp_path / "alias.duckdb"
    r = runner.invoke(app, ["code", str(d / "in" / "a.txt"), "--format", "text", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "--format is now --input-format" in r.output and "articles read" in r.output
    r = runner.invoke(app, ["code", str(d / "in" / "a.txt"), "--input-format", "docx", "--db", str(db)])
    assert r.exit_code == 2 and "unknown input format 'docx'" in r.output and "warc" in r.output


@pytest.mark.parametrize("args, written", [
    (["events", "--format", "csv", "--out", "{tmp}/missing/dir/e.csv"], "missing/dir/e.csv"),
    (["events", "--format", "json", "--out", "{tmp}/other/e.jsonl"], "other/e.jsonl"),
    (["report", "USA", "PRK", "--out", "{tmp}/missing/dir/r.html", "--as-of", "2024-03-05"], "missing/dir/r.html"),
])
def test_outputs_create_their_missing_folders(coded, tmp_path, args, written):
    _, db, _ = coded
    r = runner.invoke(app, [*(a.replace("{tmp}", str(tmp_path)) for a in args), "--db", str(db)])
    assert r.exit_code == 0, r.output
    target = tmp_path / written
    assert target.is_file() and target.stat().st_size > 100
    if target.suffix == ".csv":
        assert target.read_text("utf-8").startswith("event_id,")


def test_an_unwritable_output_is_one_line_and_no_traceback(coded, tmp_path):
    _, db, _ = coded
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    r = runner.invoke(app, ["report", "USA", "PRK", "--out", str(blocker / "r.html"), "--db", str(db)])
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and len(_lines(r.stderr)) == 1, r.stderr
    assert "Traceback" not in r.output and str(blocker) in r.stderr


def _lines(output: str) -> list[str]:
    return output.rstrip("\n").splitlines()


def test_events_table_fits_80_columns_and_keeps_sentences_readable(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    lines = _lines(r.output)
    assert max(len(line) for line in lines) <= 80
    # every table line is closed by its border: nothing was cropped
    assert all(line.rstrip()[-1] in "┓┃┩│┘" for line in lines if line.startswith(("┏", "┃", "┡", "│", "└")))
    assert "2024-03-05" in r.output and "PRK GOV" in r.output or "PRK" in r.output
    sentence_cells = [line.split("│")[-2].split() for line in lines if line.startswith("│")]
    words = [len(c) for c in sentence_cells if c]
    assert sum(words) / len(words) >= 3, r.output  # several words to a line, not one
    assert "left out at this width:" in r.output and "--wide" in r.output
    wide = runner.invoke(app, ["events", "--db", str(db), "--wide"], env={"COLUMNS": "80"})
    assert wide.exit_code == 0 and "plover" in wide.output and "trigger" in wide.output
    assert "left out at this width" not in wide.output


def test_dyads_table_fits_80_columns_with_whole_dates(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["dyads", "--db", str(db)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert max(len(line) for line in _lines(r.output)) <= 80
    assert "sou…" not in r.output and "202…" not in r.output
    row = next(line for line in _lines(r.output) if line.startswith("│ USA"))
    assert "PRK" in row and "2024-03-05" in row and "0/0/0/1" in row  # quad classes 1/2/3/4 in one column
    assert "quad 1/2/3/4: verbal cooperation" in r.output
    full = runner.invoke(app, ["dyads", "--db", str(db)], env={"COLUMNS": "200"})
    assert "verb.coop" in full.output and "left out at this width" not in full.output


def test_since_after_until_is_an_error_naming_both(coded):
    _, db, _ = coded
    for cmd in (["events"], ["dyads"], ["signals"]):
        r = runner.invoke(app, [*cmd, "--since", "2024-03-10", "--until", "2024-03-01", "--db", str(db)])
        assert r.exit_code == 2, (cmd, r.output)
        assert "--since 2024-03-10 is after --until 2024-03-01" in r.output


@pytest.mark.parametrize("spec", ["USA:PRK", "usa:prk", "United States:North Korea", "united states:north korea", "USA:North Korea"])
def test_dyad_accepts_codes_and_names(coded, spec):
    _, db, _ = coded
    r = runner.invoke(app, ["events", "--dyad", spec, "--format", "json", "--db", str(db)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.strip().splitlines()]
    assert recs and {(e["source_code"], e["target_code"]) for e in recs} == {("USA", "PRK")}


def test_a_dyad_name_nobody_knows_is_an_error_naming_it(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["events", "--dyad", "Atlantis:USA", "--db", str(db)])
    assert r.exit_code == 2 and "'Atlantis'" in r.output and "name the dictionary knows" in r.output


def test_report_takes_the_pair_as_dyad_or_as_two_names(coded, tmp_path):
    _, db, _ = coded
    for args in (["--dyad", "North Korea:USA"], ["North Korea", "United States"], ["PRK", "USA"]):
        target = tmp_path / f"{len(args)}-{args[0][:3]}.html"
        r = runner.invoke(app, ["report", *args, "--out", str(target), "--as-of", "2024-03-05", "--db", str(db)])
        assert r.exit_code == 0, r.output
        assert "North Korea" in target.read_text("utf-8") or "PRK" in target.read_text("utf-8")
    r = runner.invoke(app, ["report", "USA", "PRK", "--dyad", "USA:PRK", "--db", str(db)])
    assert r.exit_code == 2 and "give the pair once" in r.output


def test_signals_prints_no_python_dict_and_counts_in_words(coded):
    _, db, _ = coded
    r = runner.invoke(app, ["signals", "--dyad", "USA:PRK", "--as-of", "2024-03-05", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "{" not in r.output and "}" not in r.output
    assert "1 event, Goldstein sum" in r.output  # one event: no "1 events"
    assert "by quad class: 1 material conflict" in r.output or "by quad class: 1 verbal conflict" in r.output


def test_the_code_summary_says_which_engine_and_why(coded):
    _, _, result = coded
    assert "engine" in result.output and "auto:" in result.output and "local" in result.output


def test_auto_engine_uses_the_process_pool_for_a_large_run_on_several_cores(monkeypatch):
    from dyadwatch.cli import run

    monkeypatch.setattr(run, "_cores", lambda: 4)
    monkeypatch.setattr(run, "_available_memory", lambda: 16 * 1024**3)
    big = run.plan_run("auto", None, run.AUTO_MIN_ITEMS)
    assert (big.engine, big.workers) == ("processes", 4) and "auto" in big.why
    assert run.plan_run("auto", None, 10).engine == "local"
    assert run.plan_run("local", None, 10_000).engine == "local"  # told otherwise
    monkeypatch.setattr(run, "_cores", lambda: 1)
    assert run.plan_run("auto", None, 10_000).engine == "local"


def test_workers_are_capped_at_what_the_machine_holds(monkeypatch):
    from dyadwatch.cli import run

    monkeypatch.setattr(run, "_cores", lambda: 8)
    monkeypatch.setattr(run, "_available_memory", lambda: 3 * run.WORKER_BYTES)
    assert run.plan_run("processes", 64, 10).workers == 3
    with pytest.raises(Exception, match="at least 1"):
        run.plan_run("processes", 0, 10)


def test_demo_explains_its_columns_and_names_the_next_step(tmp_path):
    db = tmp_path / "demo.duckdb"
    r = runner.invoke(app, ["demo", "--db", str(db)], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert "Each row: a source acting on a target" in text
    assert f"dyadwatch report --dyad PRK:USA --db {db}" in text and f"dyadwatch serve --db {db}" in text
    assert "sou…" not in r.output and max(len(line) for line in _lines(r.output)) <= 80


def test_a_missing_input_fails_the_run_after_coding_the_rest(coded, tmp_path):
    d, _, _ = coded
    db = tmp_path / "missing.duckdb"
    gone = tmp_path / "no-such-file.txt"
    r = runner.invoke(app, ["code", str(d / "in" / "a.txt"), str(gone), "--db", str(db)])
    assert r.exit_code == 2, r.output
    assert f"error: 1 input not found (the others were coded): {gone}" in r.output
    from dyadwatch import Store

    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        assert [q["origin"] for q in store.quarantine()] == [str(gone)]


# -- untrusted text never reaches Rich as markup (issue #20, item 1) ---------------------------
MARKUP_SENTENCE = "North Korea rejected talks with the United States [/] on Tuesday [link=https://evil.example]here[/link]."


@pytest.fixture(scope="module")
def marked_up(tmp_path_factory):
    d = tmp_path_factory.mktemp("markup")
    evil = d / "evil["  # with the file name below, the path reads evil[/].txt
    evil.mkdir()
    (evil / "].txt").write_text(f"Title: [bold]Talks[/bold]\nDate: 2024-03-05\n\n{MARKUP_SENTENCE}\n", "utf-8")
    (evil / "]bin.txt").write_bytes(b"\x00\x01\x02[/]" * 50)
    (d / "head.csv").write_text("head[/]er,date\nNorth Korea fired missiles.,2024-03-05\n", "utf-8")
    db = d / "m.duckdb"
    result = runner.invoke(app, ["code", str(evil), str(d / "head.csv"), "--db", str(db)])
    return d, db, result


def test_code_prints_markup_in_paths_and_headers_as_text(marked_up):
    d, _, r = marked_up
    assert r.exit_code == 0, r.output
    assert "MarkupError" not in r.output and "Traceback" not in r.output
    assert f"{d}/evil[/]bin.txt" in r.output  # the quarantined path, as written
    assert "head[/]er" in r.output  # the CSV's header cells, named in its rejection


def test_events_and_quarantine_print_markup_in_text_as_text(marked_up):
    _, db, _ = marked_up
    r = runner.invoke(app, ["events", "--db", str(db)], env={"COLUMNS": "250"})
    assert r.exit_code == 0, r.output
    assert "[/]" in r.output and "[link=https://evil.example]here[/link]" in r.output
    q = runner.invoke(app, ["quarantine", "--db", str(db)], env={"COLUMNS": "250"})
    assert q.exit_code == 0 and "evil[/]bin.txt" in q.output and "head[/]er" in q.output


def test_explain_prints_markup_in_the_sentence_as_text():
    r = runner.invoke(app, ["explain", MARKUP_SENTENCE, "--date", "2024-03-05"], env={"COLUMNS": "250"})
    assert r.exit_code == 0, r.output
    assert "[link=https://evil.example]here[/link]" in r.output and "[/]" in r.output


def test_errors_print_markup_in_paths_as_text(tmp_path):
    store = tmp_path / "x[/]y.duckdb"
    r = runner.invoke(app, ["events", "--db", str(store)])
    assert r.exit_code == 2 and f"{store}: no such store" in r.output


# -- store faults (issue #20, item 5) ------------------------------------------------------------
def _big_store(path: Path) -> Path:
    """A store of 20,000 events written with SQL (many blocks, so a cut loses some)."""
    from dyadwatch import Store

    with Store(path) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) SELECT 'a' || i, "
                      "'https://x.test/' || i, 'title', DATE '2025-01-01' + (i % 90)::INT, 'o', repeat('North Korea fired. ', 20) "
                      "FROM range(3000) t(i)")
        s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                      "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence) "
                      "SELECT 'e' || i, 'a' || (i % 3000), DATE '2025-01-01' + (i % 90)::INT, 'North Korea fired missiles ' || i, "
                      "'North Korea', 'PRK', 'United States', 'USA', '190', '19', 'fight', 4, -10.0, false, 'asserted', 0.9 "
                      "FROM range(20000) t(i)")
    return path


@pytest.fixture(scope="module")
def full_store(tmp_path_factory) -> Path:
    return _big_store(tmp_path_factory.mktemp("faults") / "full.duckdb")


def truncated_copy(full: Path, fraction: float, target: Path) -> Path:
    import os
    import shutil

    shutil.copyfile(full, target)
    os.truncate(target, int(full.stat().st_size * fraction))
    return target


@pytest.mark.parametrize("fraction", [0.1, 0.25, 0.4])
def test_a_truncated_store_is_exit_2_and_one_line(full_store, tmp_path, fraction):
    store = truncated_copy(full_store, fraction, tmp_path / "cut.duckdb")
    for cmd in (["events"], ["dyads"], ["events", "--format", "csv"], ["quarantine"]):
        r = runner.invoke(app, [*cmd, "--db", str(store)])
        assert r.exit_code == 2, (cmd, r.output)
        assert r.stderr.startswith("error: ") and len(_lines(r.stderr)) == 1, r.stderr
        assert "truncated or damaged" in r.stderr and "Traceback" not in r.output
    ok = runner.invoke(app, ["events", "--format", "json", "--db", str(full_store)])
    assert ok.exit_code == 0 and len(ok.stdout.splitlines()) == 20000


def test_a_full_disk_during_code_is_exit_2_and_one_line(coded, tmp_path, monkeypatch):
    import duckdb

    from dyadwatch.store.duck import Store

    def disk_full(self, tbl):
        raise duckdb.IOException('Could not write file "x.duckdb": No space left on device')

    monkeypatch.setattr(Store, "_insert_events", disk_full)  # the store's write boundary
    d, _, _ = coded
    db = tmp_path / "full-disk.duckdb"
    r = runner.invoke(app, ["code", str(d / "in" / "a.txt"), "--db", str(db)])
    assert r.exit_code == 2, r.output
    errors = [line for line in _lines(r.output) if line.startswith("error:")]
    assert len(errors) == 1 and "No space left on device" in errors[0] and "cannot write" in errors[0]
    assert "Traceback" not in r.output
    monkeypatch.undo()
    with Store(db, read_only=True) as store:  # the batch was rolled back whole: no article without its events
        assert store.counts()["articles"] == 0


@pytest.fixture
def local_site(tmp_path):
    """A real HTTP server on loopback serving one article."""
    import functools
    import http.server
    import threading

    site = tmp_path / "site"
    site.mkdir()
    (site / "a.txt").write_text(ARTICLE, "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_refuses_this_machine_unless_allow_private(local_site, tmp_path):
    url = f"{local_site}/a.txt"
    db = tmp_path / "fetch.duckdb"
    r = runner.invoke(app, ["code", url, "--fetch", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "refused address" in r.output
    from dyadwatch import Store

    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 0 and store.quarantine()[0]["origin"] == url
    r = runner.invoke(app, ["code", url, "--fetch", "--allow-private", "--db", str(db)])
    assert r.exit_code == 0, r.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
    r = runner.invoke(app, ["code", url, "--allow-private", "--db", str(db)])
    assert r.exit_code == 2 and "give --fetch too" in r.output


def test_importing_the_cli_loads_no_heavy_module():
    """--help must not wait for spaCy, DuckDB or pandas (their start-up is timed in bench/cli_startup.py)."""
    import subprocess
    import sys

    code = ("import sys, dyadwatch.cli; "
            "print(' '.join(m for m in ('spacy', 'duckdb', 'pandas', 'pyarrow', 'fastapi', 'matplotlib', 'ray') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_exports_carry_the_article_title_and_outlet(coded, tmp_path):
    _, db, _ = coded
    r = runner.invoke(app, ["events", "--format", "json", "--db", str(db)])
    recs = [json.loads(line) for line in r.stdout.strip().splitlines()]
    assert {(e["article_title"], e["outlet"]) for e in recs} == {("Talks collapse", "example.test")}  # no Publisher: the URL's host
    r = runner.invoke(app, ["events", "--format", "csv", "--db", str(db)])
    header = r.stdout.splitlines()[0].split(",")
    assert header[-2:] == ["article_title", "outlet"] and "Talks collapse" in r.stdout
    out = tmp_path / "e.parquet"
    assert runner.invoke(app, ["events", "--format", "parquet", "--out", str(out), "--db", str(db)]).exit_code == 0
    table = pq.read_table(out)
    assert set(table.column("article_title").to_pylist()) == {"Talks collapse"}
