"""`dyadwatch audit`: sample coded events into a sheet, mark it, score it (precision with Wilson intervals).

The store is built by coding articles written for these tests through the real pipeline;
the scored sheets are written by hand (and re-saved the ways a spreadsheet does)."""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch import Store, UsageError, code_sources
from dyadwatch.audit import (
    JUDGEMENT_COLUMNS,
    SHEET_COLUMNS,
    AuditRow,
    AuditSample,
    Mark,
    parse_mark,
    read_sheet,
    sample_events,
    score_sheet,
    wilson_interval,
    write_sheet,
)
from dyadwatch.cli import app

runner = CliRunner()

UNTRUSTED = "China accused Japan of provocations <script>alert('x')</script> [/] [link=x]see[/link] near the islands."

#: (day of March 2024, body); each yields one to three events
ARTICLES = [
    (1, "North Korea rejected talks with the United States on Tuesday. The United States imposed new sanctions on North Korea."),
    (2, "Russia attacked Ukraine. Japan praised South Korea."),
    (3, UNTRUSTED),
    (4, "France and Germany signed a trade agreement. Germany sent humanitarian aid to Sudan."),
    (5, "Protesters in Kenya demonstrated against the government. Police arrested dozens of protesters in Nairobi."),
    (6, "India threatened to retaliate against Pakistan. Pakistan condemned the Indian statement."),
    (7, "Iran and Iraq held talks in Baghdad. Iran urged the United Nations to act."),
    (8, "Turkey deployed troops to the Syrian border. Syria denounced Turkey."),
    (9, "Brazil hosted the President of Argentina. Argentina praised Brazil for its support."),
    (10, "Israel struck targets in Lebanon. Lebanon appealed to France for help."),
    (11, "North Korea sent its foreign minister to Seoul to negotiate with South Korea."),
]


@pytest.fixture(scope="module")
def store_db(tmp_path_factory, coder) -> Path:
    d = tmp_path_factory.mktemp("audit")
    src = d / "in"
    src.mkdir()
    for day, body in ARTICLES:
        url = "javascript:alert(1)" if day == 3 else f"https://news.example/{day}"
        (src / f"a{day:02d}.txt").write_text(
            f"Title: Story {day} <b>[bold]x[/bold]</b>\nDate: 2024-03-{day:02d}\nURL: {url}\nPublisher: Example [red]News[/]\n\n{body}\n", "utf-8")
    db = d / "audit.duckdb"
    with Store(db) as store:
        code_sources([src], store, coder=coder)
    return db


def _all_events(db: Path) -> list[dict]:
    with Store(db, read_only=True) as store:
        return store.events()


def _sample(db: Path, n: int, seed: int = 0, **kw) -> AuditSample:
    with Store(db, read_only=True) as store:
        return sample_events(store, n, seed, **kw)


# -- sample ------------------------------------------------------------------------------
def test_the_store_has_enough_events_for_these_tests(store_db):
    events = _all_events(store_db)
    assert len(events) >= 18
    assert any(e["sentence"] == UNTRUSTED for e in events)
    assert {e["mood"] for e in events} >= {"asserted", "intended"}
    assert min(e["confidence"] for e in events) < 0.5 <= max(e["confidence"] for e in events)


def test_a_seed_draws_the_same_sample_and_another_seed_another(store_db, tmp_path):
    a, b, c = _sample(store_db, 8, 0), _sample(store_db, 8, 0), _sample(store_db, 8, 1)
    ids = [r.event_id for r in a.rows]
    assert ids == [r.event_id for r in b.rows]
    assert set(ids) != {r.event_id for r in c.rows}
    # the files too are the same, byte for byte
    p1, h1 = write_sheet(a, tmp_path / "one" / "sheet")
    p2, h2 = write_sheet(b, tmp_path / "two" / "sheet")
    assert p1.read_bytes() == p2.read_bytes() and h1.read_bytes() == h2.read_bytes()


def test_n_is_respected_without_replacement_and_rows_are_ordered(store_db):
    events = {e["event_id"]: e for e in _all_events(store_db)}
    s = _sample(store_db, 7, 5)
    ids = [r.event_id for r in s.rows]
    assert len(ids) == 7 == len(set(ids)) and set(ids) <= set(events)
    assert [r.row for r in s.rows] == list(range(1, 8))
    assert not s.short and s.available == len(events) and s.requested == 7
    dates = [r.article_date for r in s.rows]
    assert dates == sorted(dates)
    # a smaller sample with the same seed is the start of the larger one
    assert {r.event_id for r in _sample(store_db, 4, 5).rows} <= set(ids)


def test_fewer_events_than_n_takes_them_all_and_says_so(store_db):
    n_events = len(_all_events(store_db))
    s = _sample(store_db, 1000)
    assert s.short and len(s.rows) == n_events == s.available
    assert len({r.event_id for r in s.rows}) == n_events
    r = runner.invoke(app, ["audit", "sample", "--db", str(store_db), "--n", "1000", "--out", str(store_db.parent / "all" / "sheet")])
    assert r.exit_code == 0, r.output
    assert f"only {n_events} events match (asked for 1000)" in r.output


def test_filters_confidence_mood_dyad_and_dates(store_db):
    events = _all_events(store_db)
    s = _sample(store_db, 100, min_confidence=0.5)
    assert len(s.rows) == sum(e["confidence"] >= 0.5 for e in events) < len(events)
    assert all(r.confidence >= 0.5 for r in s.rows)
    s = _sample(store_db, 100, mood="intended")
    assert len(s.rows) == sum(e["mood"] == "intended" for e in events) >= 1 and {r.mood for r in s.rows} == {"intended"}
    s = _sample(store_db, 100, dyad=("USA", "PRK"))
    assert [(r.source_code, r.target_code, r.cameo) for r in s.rows] == [("USA", "PRK", "163")]
    assert s.filters == {"dyad": "USA:PRK"} and "matching dyad USA:PRK" in s.describe()
    s = _sample(store_db, 100, since=date(2024, 3, 10), until=date(2024, 3, 31))
    assert s.rows and all(r.event_date >= date(2024, 3, 10) for r in s.rows)
    with pytest.raises(UsageError, match="--mood 'sure'"):
        _sample(store_db, 10, mood="sure")
    with pytest.raises(UsageError, match="--min-confidence"):
        _sample(store_db, 10, min_confidence=1.5)
    with pytest.raises(UsageError, match="at least 1"):
        _sample(store_db, 0)
    with pytest.raises(UsageError, match="no events matching dyad CHN:USA"):
        _sample(store_db, 10, dyad=("CHN", "USA"))


def _read_csv(path: Path) -> tuple[list[str], list[str], list[dict[str, str]]]:
    """(the # lines, the header, the rows) of a sheet, read with the csv module alone."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        records = list(csv.reader(fh))
    comments = [r[0] for r in records if r and r[0].startswith("#")]
    header, *rows = [r for r in records if r and not r[0].startswith("#")]
    return comments, header, [dict(zip(header, r)) for r in rows]


def test_the_csv_has_the_event_and_the_empty_judgement_columns(store_db, tmp_path):
    s = _sample(store_db, 100)
    csv_path, html_path = write_sheet(s, tmp_path / "deep" / "er" / "audit-sheet")
    assert csv_path == tmp_path / "deep" / "er" / "audit-sheet.csv" and html_path.suffix == ".html"
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    comments, header, rows = _read_csv(csv_path)
    assert header == list(SHEET_COLUMNS) and header[-4:] == list(JUDGEMENT_COLUMNS)
    assert any("type_ok" in c and "y if" in c for c in comments) and any("na" in c for c in comments)
    assert len(rows) == len(s.rows)
    for r in rows:
        assert all(r[c] == "" for c in JUDGEMENT_COLUMNS)
        assert r["confidence"] and 0 < float(r["confidence"]) <= 1
        assert r["event_id"] and r["cameo"] and r["source_code"] and r["pattern"] and r["mood"] in ("asserted", "intended")
    by = {r["sentence"]: r for r in rows}
    hit = by[UNTRUSTED]  # untrusted text written literally
    assert (hit["trigger"], hit["cameo"], hit["source_code"], hit["target_code"]) == ("accused", "1123", "CHN", "JPN")
    assert hit["publisher"] == "Example [red]News[/]" and hit["title"] == "Story 3 <b>[bold]x[/bold]</b>"
    assert UNTRUSTED[int(hit["trigger_start"]):int(hit["trigger_end"])] == "accused"


def _row(**kw) -> AuditRow:
    base = dict(row=1, event_id="e1", article_date=date(2024, 3, 1), event_date=date(2024, 3, 1), publisher="P", title="T",
                url="https://x.test/", sentence="S", sentence_start=0, trigger="S", trigger_start=0, trigger_end=1, cameo="111",
                cameo_root="11", cameo_name="Criticize or denounce", plover_type="ACCUSE", quad_class=3, source_code="USA",
                source_sector="GOV", source_text="Washington", source_via="capital", target_code=None, target_sector=None,
                target_text=None, target_via=None, mood="asserted", negated=False, reported_by=None, confidence=0.9, pattern="verb:x")
    base.update(kw)
    return AuditRow(**base)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_defused(tmp_path):
    row = _row(sentence='=HYPERLINK("http://evil.test","x") said Washington.', trigger="said", trigger_start=30, trigger_end=34,
               title="+1 story", source_text="@home")
    csv_path, _ = write_sheet(AuditSample([row], 1, 1, 0, "x.duckdb"), tmp_path / "s")
    _, _, rows = _read_csv(csv_path)
    assert rows[0]["sentence"].startswith("'=HYPERLINK(") and rows[0]["title"] == "'+1 story" and rows[0]["source_text"] == "'@home"


def test_the_html_page_escapes_untrusted_text_and_highlights_the_trigger(store_db, tmp_path):
    _, html_path = write_sheet(_sample(store_db, 100), tmp_path / "sheet")
    page = html_path.read_text("utf-8")
    assert "<script" not in page.lower()  # no script of ours, and none from the news
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; [/] [link=x]see[/link]" in page
    assert "China <mark>accused</mark> Japan of provocations" in page
    assert "CHN GOV (China) —[" in page and "1123 Accuse of aggression" in page and "]→ JPN GOV (Japan)" in page
    assert "Example [red]News[/]" in page and "Story 3 &lt;b&gt;[bold]x[/bold]&lt;/b&gt;" in page
    assert 'href="javascript' not in page and 'href="https://news.example/1"' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//(?!news\.example)""", page)  # nothing loaded from the network
    assert "y or n" in page and "na where the event has no target" in page


def test_the_html_highlights_the_trigger_where_its_offsets_point():
    from dyadwatch.audit.sheet import _highlighted

    s = "Officials said that Seoul said <b>no</b>."
    row = _row(sentence=s, sentence_start=100, trigger="said", trigger_start=100 + 26, trigger_end=100 + 30)
    assert _highlighted(row) == "Officials said that Seoul <mark>said</mark> &lt;b&gt;no&lt;/b&gt;."
    # offsets that do not point at the word: its first occurrence
    assert _highlighted(_row(sentence=s, trigger="said", trigger_start=0)) == "Officials <mark>said</mark> that Seoul said &lt;b&gt;no&lt;/b&gt;."
    assert _highlighted(_row(sentence=s, trigger="absent")) == "Officials said that Seoul said &lt;b&gt;no&lt;/b&gt;."


def test_the_html_of_an_event_without_a_target_and_with_a_bad_link(tmp_path):
    rows = [_row(row=1, url="javascript:alert(1)", title='"><img src=x onerror=alert(1)>', sentence="Washington said so.",
                 trigger="said", trigger_start=11, trigger_end=15),
            _row(row=2, event_id="e2", target_code="PRK", target_text="Pyongyang", target_via="capital", publisher=None,
                 url="https://wire.example/a?b=1&c=2", negated=True, mood="intended", reported_by="KOR (Seoul)")]
    _, html_path = write_sheet(AuditSample(rows, 5, 2, 3, "store.duckdb"), tmp_path)  # a folder: audit-sheet.* inside
    assert html_path == tmp_path / "audit-sheet.html" and (tmp_path / "audit-sheet.csv").is_file()
    page = html_path.read_text("utf-8")
    first, second = page.split('id="row-1"')[1].split('id="row-2"')
    assert "USA GOV (Washington) —[" in first and "(no target)" in first and "target (na if none is due)" in first
    assert "javascript" not in first and "href" not in first and "<img" not in first and "&lt;img src=x" in first
    assert "]→ PRK (Pyongyang)" in second and 'href="https://wire.example/a?b=1&amp;c=2"' in second
    assert "wire.example" in second and "intended, negated" in second and "KOR (Seoul)" in second and "found by capital" in second
    assert "2 of 2 events in store.duckdb, seed 3" in page and "asked for 5" in page


def test_the_audit_package_does_not_print_or_exit_and_exports_what_it_names():
    import dyadwatch.audit as audit

    for name in audit.__all__:
        assert hasattr(audit, name), name
    for f in Path(audit.__file__).parent.glob("*.py"):
        tree = ast.parse(f.read_text("utf-8"))
        calls = {ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        assert not calls & {"print", "sys.exit", "exit"}, f
        assert not [n for n in ast.walk(tree) if isinstance(n, ast.ExceptHandler) and n.type is None], f


# -- Wilson ------------------------------------------------------------------------------
def test_wilson_interval_known_values():
    lo, hi = wilson_interval(8, 10)
    assert lo == pytest.approx(0.4902, abs=5e-4) and hi == pytest.approx(0.9433, abs=5e-4)
    assert wilson_interval(0, 0) is None
    lo, hi = wilson_interval(10, 10)
    assert hi == 1.0 and lo == pytest.approx(0.7225, abs=5e-4)
    assert wilson_interval(0, 5)[0] == 0.0
    with pytest.raises(ValueError):
        wilson_interval(3, 2)


@pytest.mark.parametrize("k, n", [(0, 1), (1, 3), (7, 8), (50, 100), (93, 100), (1, 1000)])
def test_wilson_interval_agrees_with_statsmodels(k, n):
    proportion = pytest.importorskip("statsmodels.stats.proportion")
    lo, hi = proportion.proportion_confint(k, n, alpha=0.05, method="wilson")
    assert wilson_interval(k, n) == pytest.approx((lo, hi), abs=1e-9)


@pytest.mark.parametrize("value, mark", [
    ("y", Mark.RIGHT), ("Y", Mark.RIGHT), (" yes ", Mark.RIGHT), ("1", Mark.RIGHT), ("Right", Mark.RIGHT), ("TRUE", Mark.RIGHT),
    ("n", Mark.WRONG), ("NO", Mark.WRONG), ("0", Mark.WRONG), ("wrong", Mark.WRONG), ("False", Mark.WRONG),
    ("na", Mark.NA), ("N/A", Mark.NA), ("", None), ("  ", None),
])
def test_marks(value, mark):
    assert parse_mark(value) == mark


@pytest.mark.parametrize("value", ["maybe", "yy", "2", "?", "[/]"])
def test_bad_marks_are_refused(value):
    with pytest.raises(ValueError):
        parse_mark(value)


# -- score -------------------------------------------------------------------------------
#: row, event_id, cameo, cameo_root, quad, plover, confidence, target, type_ok, source_ok, target_ok
MARKED = [
    (1, "e01", "190", "19", 4, "ASSAULT", "0.90", "UKR", "y", "y", "y"),
    (2, "e02", "190", "19", 4, "ASSAULT", "0.90", "UKR", "y", "y", "n"),
    (3, "e03", "190", "19", 4, "ASSAULT", "0.60", "UKR", "n", "n", "y"),
    (4, "e04", "111", "11", 3, "ACCUSE", "0.90", "IND", "y", "y", "y"),  # its sentence spans two lines
    (5, "e05", "111", "11", 3, "ACCUSE", "0.90", "TUR", "1", "TRUE", "Right"),
    (6, "e06", "111", "11", 3, "ACCUSE", "0.40", "JPN", "Y", "yes", "y"),
    (7, "e07", "51", "5", 1, "SUPPORT", "0.90", "KOR", "y", "y", "y"),  # a spreadsheet dropped the leading zeros
    (8, "e08", "051", "05", 1, "SUPPORT", "0.90", "BRA", "y", "y", "y"),
    (9, "e09", "10", "1", 1, "", "0.90", "", "y", "y", "na"),  # 010 under root 01, no target
    (10, "e10", "010", "01", 1, "", "0.65", "", "y", "y", "y"),  # y on no target: as na
    (11, "e11", "040", "04", 1, "CONSULT", "0.90", "IRQ", "", "", ""),  # not judged
    (12, "e12", "040", "04", 1, "CONSULT", "0.90", "IRN", "y", "maybe", "y"),  # a bad mark: left out
]
#: the line each row starts on: two # lines, the header on line 3, row 4's sentence has a line break
LINES = {r: 3 + r + (1 if r > 4 else 0) for r in range(1, 13)}


def _marked_rows() -> list[dict[str, str]]:
    rows = []
    for row, eid, cameo, root, quad, plover, conf, target, t, s, g in MARKED:
        rec = {c: "" for c in SHEET_COLUMNS}
        rec.update(row=str(row), event_id=eid, cameo=cameo, cameo_root=root, quad_class=str(quad), plover_type=plover,
                   confidence=conf, target_code=target, source_code="USA", type_ok=t, source_ok=s, target_ok=g,
                   sentence="First line\nsecond line, with \"quotes\"." if row == 4 else f"Sentence {row} [/] [link=x].")
        rows.append(rec)
    return rows


def _sheet_text(delim: str = ",", columns: list[str] | None = None, extra: bool = False, newline: str = "\n") -> str:
    columns = columns or list(SHEET_COLUMNS)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delim, lineterminator=newline)
    w.writerow(["# dyadwatch audit sheet: a hand-marked test sheet"] + ([""] * 3 if extra else []))  # Excel pads # lines
    w.writerow(["# type_ok, source_ok, target_ok: y or n"])
    w.writerow(columns + (["reviewer"] if extra else []))
    for rec in _marked_rows():
        w.writerow([rec[c] for c in columns] + (["AB"] if extra else []))
    return buf.getvalue()


def _write_rows(rows: list[dict[str, str]], path):
    """A sheet of these rows under the bare header (no # lines), as a marker saves it."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(SHEET_COLUMNS)
    for rec in rows:
        w.writerow([rec[c] for c in SHEET_COLUMNS])
    path.write_text(buf.getvalue(), "utf-8")
    return path


def _check_scores(score) -> None:
    assert (score.n_rows, score.n_judged, score.n_complete, score.n_unjudged, score.n_skipped) == (12, 10, 10, 1, 1)
    f = score.fully_right
    assert (f.right, f.n) == (8, 10) and f.precision == 0.8
    assert f.interval == pytest.approx((0.4902, 0.9433), abs=5e-4)
    assert {k: (p.right, p.n) for k, p in score.fields.items()} == {"type": (9, 10), "source": (9, 10), "target": (7, 8)}
    assert score.fields["target"].interval == pytest.approx(wilson_interval(7, 8))
    assert [(g.key, g.name, g.fully_right.right, g.fully_right.n) for g in score.by_root] == [
        ("01", "Make public statement", 2, 2), ("05", "Engage in diplomatic cooperation", 2, 2),
        ("11", "Disapprove", 3, 3), ("19", "Fight", 1, 3)]
    assert [(g.key, g.name, g.fully_right.right, g.fully_right.n) for g in score.by_quad] == [
        ("1", "verbal cooperation", 4, 4), ("3", "verbal conflict", 3, 3), ("4", "material conflict", 1, 3)]
    assert [(g.key, g.fully_right.right, g.fully_right.n) for g in score.by_plover] == [
        ("ACCUSE", 3, 3), ("ASSAULT", 1, 3), ("SUPPORT", 2, 2), ("?", 2, 2)]
    assert [(g.key, g.fully_right.right, g.fully_right.n) for g in score.by_confidence] == [
        ("[0, 0.5)", 1, 1), ("[0.5, 0.8)", 1, 2), ("[0.8, 1.0]", 6, 7)]
    assert [(p.line, p.row, p.column, p.value) for p in score.problems] == [(LINES[12], "12", "source_ok", "maybe")]


@pytest.mark.parametrize("variant", ["plain", "excel-bom-crlf", "semicolons-reordered-extra", "utf16-tabs"])
def test_score_a_hand_marked_sheet_as_saved_by_a_spreadsheet(tmp_path, variant):
    path = tmp_path / "marked.csv"
    if variant == "plain":
        path.write_text(_sheet_text(), "utf-8")
    elif variant == "excel-bom-crlf":
        path.write_bytes(_sheet_text(newline="\r\n").encode("utf-8-sig"))
        assert path.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in path.read_bytes()
    elif variant == "semicolons-reordered-extra":
        cols = list(reversed(SHEET_COLUMNS))
        path.write_bytes(_sheet_text(";", cols, extra=True, newline="\r\n").encode("utf-8-sig"))
    else:
        path.write_bytes(_sheet_text("\t", newline="\r\n").encode("utf-16"))
    score = score_sheet(read_sheet(path))
    _check_scores(score)
    assert score.problems[0].path == str(path)


def test_bad_marks_are_listed_with_file_line_and_value_and_left_out(tmp_path):
    rows = _marked_rows()
    rows[0]["type_ok"] = "na"  # na is for targets only
    rows[1]["target_ok"] = "na"  # … and only where the event has none
    rows[7]["event_id"] = "e07"  # the same event twice
    rows[9]["type_ok"] = "[/]"
    path = _write_rows(rows, tmp_path / "bad.csv")
    score = score_sheet(read_sheet(path))
    line = {r: 1 + r + (1 if r > 4 else 0) for r in range(1, 13)}  # no # lines here
    got = [(p.line, p.row, p.column, p.value) for p in score.problems]
    assert got == [(line[1], "1", "type_ok", "na"), (line[2], "2", "target_ok", "na"), (line[8], "8", "event_id", "e07"),
                   (line[10], "10", "type_ok", "[/]"), (line[12], "12", "source_ok", "maybe")]
    messages = [str(p) for p in score.problems]
    assert messages[0].startswith(f"{path}:{line[1]} (row 1): type_ok 'na': na is for target_ok only")
    assert "the event has a target (UKR)" in messages[1]
    assert f"the same event is on line {line[7]}" in messages[2]
    assert "not a mark; use y or n" in messages[4]
    assert score.n_skipped == 5 and score.n_judged == 6


def test_a_file_that_is_not_a_sheet_is_a_clear_error(tmp_path):
    with pytest.raises(UsageError, match="no such sheet"):
        read_sheet(tmp_path / "missing.csv")
    (tmp_path / "other.csv").write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(UsageError, match="not an audit sheet"):
        read_sheet(tmp_path / "other.csv")
    (tmp_path / "cut.csv").write_text("event_id,type_ok,note\ne1,y,\n", "utf-8")
    with pytest.raises(UsageError, match="source_ok, target_ok are missing"):
        read_sheet(tmp_path / "cut.csv")


def _mark(csv_path: Path, marks) -> None:
    """Fill in the judgement columns of a sheet written by `audit sample`, as a person would."""
    text = csv_path.read_text("utf-8-sig")
    records = list(csv.reader(io.StringIO(text, newline="")))
    header_at = next(i for i, r in enumerate(records) if "type_ok" in r)
    header = records[header_at]
    for rec in records[header_at + 1:]:
        row = dict(zip(header, rec))
        t, s, g = marks(row)
        rec[header.index("type_ok")], rec[header.index("source_ok")], rec[header.index("target_ok")] = t, s, g
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(records)
    csv_path.write_text(buf.getvalue(), "utf-8-sig")


# -- the command line ------------------------------------------------------------------
def test_cli_sample_then_score_end_to_end(store_db, tmp_path):
    out = tmp_path / "audits" / "march"
    r = runner.invoke(app, ["audit", "sample", "--db", str(store_db), "--n", "10", "--seed", "7", "--out", str(out)])
    assert r.exit_code == 0, r.output
    csv_path, html_path = out.with_suffix(".csv"), out.with_suffix(".html")
    assert csv_path.is_file() and html_path.is_file()
    assert "wrote 10 events" in r.output and "seed 7" in r.output and "dyadwatch audit score" in r.output
    # a reviewer: every type right, the source of every even row wrong, the targets right
    _mark(csv_path, lambda row: ("y", "n" if int(row["row"]) % 2 == 0 else "y", "y" if row["target_code"] or row["target_text"] else "na"))
    r = runner.invoke(app, ["audit", "score", str(csv_path)])
    assert r.exit_code == 0, r.output
    out = re.sub(r"\s+", " ", r.output)
    assert "judged: 10 of 10 rows (10 fully marked, 0 partly); not judged: 0" in out
    assert "fully right: 0.500 [0.237, 0.763] (5 of 10)" in out
    r = runner.invoke(app, ["audit", "score", str(csv_path), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["judged"] == 10 and d["fully_right"]["right"] == 5 and d["fields"]["source"]["right"] == 5
    assert d["fields"]["type"] == {"right": 10, "n": 10, "precision": 1.0, "ci95": pytest.approx(list(wilson_interval(10, 10)))}
    assert sum(g["n"] for g in d["by_cameo_root"]) == sum(g["n"] for g in d["by_quad_class"]) == 10


def test_cli_score_prints_precisions_and_lists_bad_marks(tmp_path):
    path = tmp_path / "marked[bold].csv"  # Rich markup in a file name stays text
    path.write_bytes(_sheet_text(newline="\r\n").encode("utf-8-sig"))
    r = runner.invoke(app, ["audit", "score", str(path)])
    assert r.exit_code == 0, r.output
    out = re.sub(r"\s+", " ", r.output)
    assert "fully right: 0.800 [0.490, 0.943] (8 of 10)" in out
    assert "judged: 10 of 12 rows" in out and "not judged: 1" in out and "left out for bad marks: 1" in out
    assert f"{path}:{LINES[12]} (row 12): source_ok 'maybe': not a mark" in out
    assert "Fight" in out and "material conflict" in out and "0.333" in out
    r = runner.invoke(app, ["audit", "score", str(path), "--strict"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["audit", "score", str(path), "--json"])
    d = json.loads(r.stdout)
    assert d["fully_right"]["ci95"] == pytest.approx([0.4902, 0.9433], abs=5e-4)
    assert d["problems"][0]["line"] == LINES[12] and d["problems"][0]["value"] == "maybe"
    assert [g["key"] for g in d["by_cameo_root"]] == ["01", "05", "11", "19"]


def test_cli_bad_marks_with_markup_are_printed_literally(tmp_path):
    rows = _marked_rows()
    rows[0]["type_ok"] = "[/]"
    rows[1]["type_ok"] = "[link=x]"
    path = _write_rows(rows, tmp_path / "s.csv")
    r = runner.invoke(app, ["audit", "score", str(path)])
    assert r.exit_code == 0, r.output
    assert "type_ok '[/]'" in r.output and "type_ok '[link=x]'" in r.output


@pytest.mark.parametrize("args, message", [
    (["audit", "sample", "--db", "{tmp}/missing.duckdb"], "no such store"),
    (["audit", "sample", "--db", "{db}", "--mood", "sure"], "--mood 'sure'"),
    (["audit", "sample", "--db", "{db}", "--dyad", "USA-PRK"], "bad dyad"),
    (["audit", "sample", "--db", "{db}", "--since", "March"], "not a date"),
    (["audit", "sample", "--db", "{db}", "--dyad", "CHN:USA", "--out", "{tmp}/x"], "no events matching dyad CHN:USA"),
    (["audit", "score", "{tmp}/missing[red].csv"], "missing[red].csv: no such sheet"),
])
def test_cli_errors_are_one_line_with_exit_code_2(store_db, tmp_path, args, message):
    args = [a.format(tmp=tmp_path, db=store_db) for a in args]
    r = runner.invoke(app, args)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and message in re.sub(r"\s+", " ", r.output)
    assert not (tmp_path / "x.csv").exists()


def test_cli_score_of_an_unmarked_sheet_says_so(store_db, tmp_path):
    r = runner.invoke(app, ["audit", "sample", "--db", str(store_db), "--n", "3", "--out", str(tmp_path / "s")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["audit", "score", str(tmp_path / "s.csv")])
    assert r.exit_code == 2 and "no row is marked yet" in r.output


def test_audit_commands_are_in_the_help_and_the_readme():
    r = runner.invoke(app, ["audit", "--help"])
    assert r.exit_code == 0 and "sample" in r.output and "score" in r.output
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert "dyadwatch audit sample" in readme and "dyadwatch audit score" in readme
