"""The HTML report: written from a real store, opened in headless Chromium without console errors."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from dyadwatch import Store, code_sources
from dyadwatch.cli import app

from .browser import open_page

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, coder):
    from importlib import resources

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with resources.as_file(resources.files("dyadwatch.demo") / "corpus") as corpus, Store(db) as store:
        code_sources([corpus], store, coder=coder)
    return db


def test_report_on_demo_opens_cleanly_in_chromium(demo_db, tmp_path):
    out, png = tmp_path / "usa-prk.html", tmp_path / "png"
    r = runner.invoke(app, ["report", "USA", "PRK", "--db", str(demo_db), "--out", str(out), "--png", str(png), "--as-of", "2025-03-20"])
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "<script" not in html.lower()
    pngs = sorted(p.name for p in png.iterdir())
    assert pngs == ["USA-PRK-quad_classes.png", "USA-PRK-timeline.png"]
    page = open_page(out.as_uri(), tmp_path / "shot.png")
    assert page["console_errors"] == [] and page["page_errors"] == []
    assert page["images"] and all(w > 300 and h > 200 for w, h in page["images"])
    assert "USA – PRK" in page["title"]
    assert "Deadlines and ultimatums" in page["text"] and "Mixed signals" in page["text"]


def test_report_escapes_article_text(tmp_path, coder):
    src = tmp_path / "evil.txt"
    src.write_text("Date: 2024-05-01\n\nRussia attacked Ukraine <script>window.__pwned=1</script> and "
                   "<img src=x onerror=\"window.__pwned=2\"> near Kyiv.\n", "utf-8")
    db = tmp_path / "e.duckdb"
    with Store(db) as store:
        code_sources([src], store, coder=coder)
    out = tmp_path / "r.html"
    r = runner.invoke(app, ["report", "RUS", "UKR", "--db", str(db), "--out", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    page = open_page(out.as_uri())
    assert page["page_errors"] == [] and page["console_errors"] == []


def test_report_on_voa_corpus(shared, coder, tmp_path):
    corpus = shared / "corpora" / "voa_stories.jsonl"
    db = tmp_path / "voa.duckdb"
    with Store(db) as store:
        code_sources([corpus], store, coder=coder)
        top = store.con.execute(
            "SELECT source_code, target_code, count(*) n FROM events WHERE target_code IS NOT NULL AND source_code <> target_code "
            "AND source_code IS NOT NULL GROUP BY 1, 2 ORDER BY n DESC LIMIT 1").fetchone()
    a, b, n = top
    assert n >= 5
    out = tmp_path / "voa.html"
    r = runner.invoke(app, ["report", a, b, "--db", str(db), "--out", str(out), "--per", "month", "--png", str(tmp_path / "png")])
    assert r.exit_code == 0, r.output
    page = open_page(out.as_uri())
    assert page["console_errors"] == [] and page["page_errors"] == []
    assert len(page["images"]) == 2


def test_report_unknown_dyad_is_a_clear_error(demo_db, tmp_path):
    r = runner.invoke(app, ["report", "USA", "ZZZ9", "--db", str(demo_db), "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "not a known actor code" in r.output
    r = runner.invoke(app, ["report", "USA", "BRA", "--db", str(demo_db), "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "no events between USA and BRA" in r.output
