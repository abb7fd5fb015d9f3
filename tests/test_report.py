"""The HTML report: written from a real store, opened in headless Chromium without console errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
    assert pngs == ["USA-PRK-map.png", "USA-PRK-quad_classes.png", "USA-PRK-timeline.png"]  # the demo places one at Busan
    assert "Where it happened" in html and "no-map" not in html
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
    located = "no-map" not in out.read_text("utf-8")
    assert len(page["images"]) == (3 if located else 2)


def test_report_unknown_dyad_is_a_clear_error(demo_db, tmp_path):
    r = runner.invoke(app, ["report", "USA", "ZZZ9", "--db", str(demo_db), "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "not a known actor code" in r.output
    r = runner.invoke(app, ["report", "USA", "BRA", "--db", str(demo_db), "--out", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "no events between USA and BRA" in r.output


# -- what the report shows of each event, and its charts (issue #21) ------------------------------
def _frame_from_sql(tmp_path, rows_sql: str):
    """A store whose PRK/USA events are written with SQL, and the frame the report reads."""
    from dyadwatch.analysis.counting import Counting
    from dyadwatch.analysis.frame import load_events

    db = tmp_path / "sql.duckdb"
    with Store(db) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) SELECT 'a' || i, "
                      "'https://x.test/' || i, 'title', d, 'o', 'text' FROM (" + rows_sql + ")")
        s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                      "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence, "
                      "reported_by_text, reported_by_code) "
                      "SELECT 'e' || a.article_id, a.article_id, a.published, 'North Korea fired missiles.', 'North Korea', 'PRK', "
                      "'United States', 'USA', '190', '19', 'fight', 4, -10.0, false, 'asserted', 0.9, NULL, NULL FROM articles a")
    with Store(db, read_only=True) as s:
        return db, load_events(s, counting=Counting(0.0, True, True))


def test_report_events_show_mood_negation_and_speaker(tmp_path):
    db = tmp_path / "m.duckdb"
    with Store(db) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) VALUES "
                      "('a1', 'https://x.test/1', 't', DATE '2025-03-01', 'o', 'x'), ('a2', 'https://x.test/2', 't', DATE '2025-03-08', 'o', 'x')")
        s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                      "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence, "
                      "reported_by_text, reported_by_code) VALUES "
                      "('e1', 'a1', DATE '2025-03-01', 'North Korea will strike the United States, KCNA said.', 'North Korea', 'PRK', "
                      "'United States', 'USA', '190', '19', 'fight', 4, -10.0, false, 'intended', 0.9, 'KCNA', 'PRK'), "
                      "('e2', 'a2', DATE '2025-03-08', 'North Korea did not attack the United States.', 'North Korea', 'PRK', "
                      "'United States', 'USA', '190', '19', 'fight', 4, -10.0, true, 'asserted', 0.9, NULL, NULL)")
    out = tmp_path / "m.html"
    r = runner.invoke(app, ["report", "--dyad", "PRK:USA", "--all-moods", "--db", str(db), "--out", str(out), "--as-of", "2025-03-20"])
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "<th>mood</th>" in html
    assert "<span class='mood intended'>intended</span>" in html and "reported by KCNA (PRK)" in html
    assert "<span class='negated'>negated</span>" in html


def test_quad_bars_keep_their_legend_off_the_bars_and_room_at_the_top(tmp_path):
    import matplotlib.pyplot as plt

    from dyadwatch.analysis.signals import assess_dyad
    from dyadwatch.report.charts import _MIN_BAR_SHARE, quad_figure

    # sparse, over three years: a few weeks in 2022 and in 2025
    db, df = _frame_from_sql(tmp_path, "SELECT i, CASE WHEN i < 4 THEN DATE '2022-02-07' ELSE DATE '2025-02-03' END "
                                       "+ ((i % 4) * 7)::INT AS d FROM range(8) t(i)")
    fig = quad_figure(assess_dyad(df, "PRK", "USA", "week"), df)
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        legend = fig.legends[0].get_window_extent(renderer)
        for ax in fig.axes:
            assert not legend.overlaps(ax.get_window_extent(renderer)), "the legend covers a plot"
            lo, hi = ax.get_ylim()
            edges = [e for p in ax.patches if p.get_height() for e in (p.get_y(), p.get_y() + p.get_height())]
            assert lo < min(edges, default=0) and max(edges, default=0) < hi, "a bar ends on the top or bottom of its plot"
            assert lo < 0 < hi
        span_days = (df.event_date.max() - df.event_date.min()).days
        widths = {round(p.get_width(), 3) for ax in fig.axes for p in ax.patches if p.get_height()}
        assert widths and min(widths) >= span_days * _MIN_BAR_SHARE * 0.99  # not hairlines
    finally:
        plt.close(fig)


# -- the map of located events (issue #17) ----------------------------------------------------------
#: (lon, lat, quad class, source, target) of the events planted by _located_store
PLANTED = [(30.52, 50.45, 4, "RUS", "UKR"), (36.23, 49.99, 4, "RUS", "UKR"), (37.62, 55.75, 1, "UKR", "RUS"),
           (33.52, 44.6, 3, "RUS", "UKR")]


def _located_store(tmp_path, located: bool) -> Path:
    """RUS/UKR events written with SQL; with ``located``, each at its PLANTED place, plus one without a place."""
    db = tmp_path / ("loc.duckdb" if located else "noloc.duckdb")
    with Store(db) as s:
        s.con.execute("INSERT INTO articles (article_id, url, title, published, origin, text) SELECT 'a' || i, "
                      "'https://x.test/' || i, 't', DATE '2025-02-03' + (i * 7)::INT, 'o', 'x' FROM range(5) t(i)")
        for i in range(5):
            lon, lat, q, src, tgt = PLANTED[i] if i < len(PLANTED) else (None, None, 2, "RUS", "UKR")
            s.con.execute("INSERT INTO events (event_id, article_id, event_date, sentence, source_text, source_code, target_text, "
                          "target_code, cameo, cameo_root, cameo_name, quad_class, goldstein, negated, mood, confidence, lat, lon) "
                          "SELECT ?, ?, published, 'Russia attacked Ukraine.', ?, ?, ?, ?, '190', '19', 'fight', ?, -5.0, false, "
                          "'asserted', 0.9, ?, ? FROM articles WHERE article_id = ?",
                          [f"e{i}", f"a{i}", src, src, tgt, tgt, q, lat if located else None, lon if located else None, f"a{i}"])
    return db


def test_map_extent_fits_the_points_with_a_margin_and_a_least_span():
    from dyadwatch.report.mapchart import MIN_SPAN, map_extent

    west, east, south, north = map_extent([30.0, 40.0], [45.0, 56.0])
    assert west < 30.0 and east > 40.0 and south < 45.0 and north > 56.0
    assert east - west < 20 and north - south < 22  # fitted, not the world
    w, e, s, n = map_extent([129.0], [35.1])
    assert e - w >= MIN_SPAN and n - s >= MIN_SPAN and w < 129.0 < e and s < 35.1 < n
    w, e, s, n = map_extent([179.5], [89.0])  # kept on the globe
    assert e == 180.0 and n == 90.0 and w < 179.5 and s < 89.0
    with pytest.raises(ValueError):
        map_extent([], [])


def test_map_draws_each_located_event_in_its_quad_colour_on_the_outlines(tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.collections import PathCollection, PolyCollection
    from matplotlib.colors import to_hex

    from dyadwatch.analysis.counting import Counting
    from dyadwatch.analysis.frame import load_events
    from dyadwatch.geo.topojson import load_outlines
    from dyadwatch.report.mapchart import map_figure
    from dyadwatch.report.palette import PALETTE

    if load_outlines() is None:
        pytest.skip("the Natural Earth outlines are not installed (make install runs npm; npm is missing)")
    with Store(_located_store(tmp_path, True), read_only=True) as s:
        df = load_events(s, counting=Counting(0.0, True, True))
    fig = map_figure(df, "RUS", "UKR")
    try:
        ax = fig.axes[0]
        drawn = {}
        for c in ax.collections:
            if isinstance(c, PathCollection):
                for (x, y) in c.get_offsets():
                    drawn[(round(float(x), 2), round(float(y), 2))] = to_hex(c.get_facecolors()[0])
        assert drawn == {(lon, lat): PALETTE[f"q{q}"] for lon, lat, q, _, _ in PLANTED}
        land = [c for c in ax.collections if isinstance(c, PolyCollection)]
        assert land and len(land[0].get_paths()) > 150  # every country's rings
        fig.canvas.draw()
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        assert x0 < 30.52 and x1 > 37.62 and y0 < 44.6 and y1 > 55.75
        assert x1 - x0 < 60 and y1 - y0 < 40  # fitted to the points
        assert "4 of 5 events" in ax.get_title()
    finally:
        plt.close(fig)


def test_report_has_the_map_where_events_are_located_and_says_so_where_none_is(tmp_path):
    located, unlocated = _located_store(tmp_path, True), _located_store(tmp_path, False)
    html = {}
    for name, db in (("located", located), ("unlocated", unlocated)):
        out = tmp_path / f"{name}.html"
        r = runner.invoke(app, ["report", "RUS", "UKR", "--db", str(db), "--out", str(out), "--png", str(tmp_path / name)])
        assert r.exit_code == 0, r.output
        html[name] = out.read_text("utf-8")
    assert "alt='map of the located events" in html["located"] and (tmp_path / "located" / "RUS-UKR-map.png").stat().st_size > 5000
    assert "no-map" not in html["located"]
    assert "None of these events is located" in html["unlocated"] and "alt='map of" not in html["unlocated"]
    assert not (tmp_path / "unlocated" / "RUS-UKR-map.png").exists()
    page = open_page((tmp_path / "located.html").as_uri())
    assert page["console_errors"] == [] and page["page_errors"] == [] and len(page["images"]) == 3


def test_map_without_the_outlines_draws_the_points_and_says_why(tmp_path):
    import matplotlib.pyplot as plt
    from matplotlib.collections import PathCollection, PolyCollection

    from dyadwatch.analysis.counting import Counting
    from dyadwatch.analysis.frame import load_events
    from dyadwatch.report.mapchart import located, map_figure

    with Store(_located_store(tmp_path, True), read_only=True) as s:
        df = load_events(s, counting=Counting(0.0, True, True))
    fig = map_figure(df, "RUS", "UKR", countries=())
    try:
        ax = fig.axes[0]
        assert not [c for c in ax.collections if isinstance(c, PolyCollection)]
        assert sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)) == len(PLANTED)
        assert "country outlines not installed" in ax.get_title()
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="no located events"):
        map_figure(df[df["lat"].isna()], "RUS", "UKR")
    assert located(df.drop(columns=["lat", "lon"])).empty
