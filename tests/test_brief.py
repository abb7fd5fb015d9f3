"""The written brief: on a store coded in the test from articles written here, and on the seed."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from dyadwatch import Article, Store
from dyadwatch.analysis.counting import DEFAULT_COUNTING, Counting
from dyadwatch.brief import brief_for_store, render

#: (published, text): North Korea hostile and setting a year-end deadline; Washington praising and warning
ARTICLES = [
    ("2019-12-03", "North Korea accused the United States of pursuing a hostile policy."),
    ("2019-12-10", "North Korea threatened the United States with a new nuclear test."),
    ("2019-12-12", "President Donald Trump praised North Korean leader Kim Jong Un."),
    ("2019-12-13", "US Defense Secretary Mark Esper warned North Korea that any attack would meet an overwhelming response."),
    ("2019-12-14", "North Korea condemned the United States for its <script>alert(1)</script> sanctions."),
    ("2019-12-15", "Secretary of State Mike Pompeo praised North Korea for its restraint."),
    ("2019-12-16", "North Korea may attack the United States next year."),  # hypothetical: never counted
    ("2019-12-17", "Pyongyang gave Washington until the end of the year to drop its hostile policy."),
]


def code_into(store: Store, coder, articles: list[tuple[str, str]]) -> None:
    batch = []
    for day, text in articles:
        article = Article.from_text(text, published=date.fromisoformat(day))
        res = coder.code_article(article)
        batch.append((article, res.events, res.n_sentences, res.n_parsed))
    store.add_coded(batch)


@pytest.fixture(scope="module")
def own_db(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("brief") / "own.duckdb"
    with Store(path) as store:
        code_into(store, coder, ARTICLES)
    return path


@pytest.fixture(scope="module")
def own_brief(own_db):
    with Store(own_db, read_only=True) as store:
        return brief_for_store(store, "PRK", "USA")



@pytest.fixture
def cli_app():
    """The command line, every command registered (``dyadwatch.cli``)."""
    from dyadwatch.cli import app

    return app


def _line(brief, start: str) -> str:
    hits = [line for line in brief.lines() if line.startswith(start)]
    assert hits, f"no line starting {start!r} in {brief.lines()}"
    return hits[0]


def test_each_side_gets_its_state(own_brief):
    assert _line(own_brief, "PRK→USA: conflictual")
    assert _line(own_brief, "USA→PRK: mixed (on balance cooperative)")


def test_asymmetry_names_the_harsher_side(own_brief):
    line = _line(own_brief, "Asymmetry:")
    assert "PRK→USA is more conflictual than USA→PRK" in line


def test_as_of_defaults_to_the_latest_article_and_the_ultimatum_counts_down_from_it(own_brief):
    assert own_brief.as_of == date(2019, 12, 17)
    line = _line(own_brief, "PRK→USA ultimatum")
    assert "due 2019-12-31, 14 days left as of 2019-12-17" in line
    assert _line(own_brief, "Next due: 2019-12-31")


def test_a_later_as_of_says_the_ultimatum_expired(own_db):
    with Store(own_db, read_only=True) as store:
        later = brief_for_store(store, "PRK", "USA", as_of=date(2020, 1, 3))
    assert "expired 3 days before as-of (2020-01-03)" in _line(later, "PRK→USA ultimatum")
    assert _line(later, "No open deadline")


def test_an_earlier_as_of_leaves_later_events_out(own_db):
    with Store(own_db, read_only=True) as store:
        early = brief_for_store(store, "PRK", "USA", as_of=date(2019, 12, 12))
    assert early.end == date(2019, 12, 12)
    assert _line(early, "No deadline or ultimatum")


def test_mixed_messages_name_who_said_what(own_brief):
    line = _line(own_brief, "USA→PRK sent mixed messages")
    conflictual, cooperative = line.split(" — cooperative: ")
    assert "Mark Esper threatened" in conflictual
    assert "Donald Trump praised" in cooperative and "Mike Pompeo praised" in cooperative


def _counted_claims_cite(brief) -> list[str]:
    """The events the brief's claims cite, but those of what it says it leaves out."""
    return list(dict.fromkeys(c for s in brief.sections if s.title != "Left out of the reading"
                              for claim in s.claims for c in claim.evidence))


def test_every_cited_event_is_in_the_store_and_counted(own_brief, own_db):
    cited = _counted_claims_cite(own_brief)
    assert len(cited) >= 6
    with Store(own_db, read_only=True) as store:
        rows = store.con.execute("SELECT event_id, mood, negated, confidence, cameo_root FROM events "
                                 "WHERE event_id IN (SELECT unnest(?))", [cited]).fetchall()
        hypothetical = store.con.execute("SELECT event_id FROM events WHERE mood = 'hypothetical'").fetchall()
    assert {r[0] for r in rows} == set(cited)
    assert all(DEFAULT_COUNTING.counts(r[1], bool(r[2]), r[3], r[4]) for r in rows)
    assert hypothetical and not {h[0] for h in hypothetical} & set(cited)
    assert own_brief.events == 7  # the eight articles' events but the hypothetical one
    assert "counting asserted events" in own_brief.counting


def test_html_escapes_article_text(own_brief):
    page = render(own_brief, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http" not in page.split("</title>", 1)[1]  # nothing fetched: no links out
    for event_id in own_brief.cited():
        assert f"id='dw-PRK-USA-{event_id}'" in page


def test_markdown_escapes_article_text(own_brief):
    md = render(own_brief, "markdown")
    assert "<script>" not in md and r"\<script\>alert\(1\)\</script\>" in md


def test_the_brief_is_deterministic(own_db):
    with Store(own_db, read_only=True) as store:
        texts = {render(brief_for_store(store, "PRK", "USA"), "text") for _ in range(2)}
    assert len(texts) == 1


def test_text_cites_events_by_number(own_brief):
    text = render(own_brief, "text")
    numbers = own_brief.numbers()
    first = own_brief.cited()[0]
    assert f"[{numbers[first]}] " in text.split("Events cited", 1)[1] and first in text


def test_cli_brief_takes_names_and_writes_each_format(own_db, tmp_path, cli_app):
    app = cli_app

    runner = CliRunner()
    r = runner.invoke(app, ["brief", "North Korea", "USA", "--db", str(own_db)])
    assert r.exit_code == 0, r.output
    assert "PRK→USA: conflictual" in r.output and "14 days left as of 2019-12-17" in r.output
    target = tmp_path / "out" / "brief.html"
    r = runner.invoke(app, ["brief", "--dyad", "PRK:USA", "--format", "html", "--out", str(target), "--db", str(own_db)])
    assert r.exit_code == 0, r.output
    assert target.read_text("utf-8").startswith("<!doctype html>")
    r = runner.invoke(app, ["brief", "PRK", "USA", "--format", "pdf", "--db", str(own_db)])
    assert r.exit_code == 2 and "--format 'pdf'" in r.output
    r = runner.invoke(app, ["brief", "PRK", "FRA", "--db", str(own_db)])
    assert r.exit_code == 2 and "no events between PRK and FRA" in r.output


def test_brief_on_the_seed(shared, coder, tmp_path):
    text = (shared / "seed" / "us-dprk-signals-2019-12.txt").read_text("utf-8")
    with Store(tmp_path / "seed.duckdb") as store:
        article = Article.from_text(text, published=date(2019, 12, 17))
        res = coder.code_article(article)
        store.add_coded([(article, res.events, res.n_sentences, res.n_parsed)])
        brief = brief_for_store(store, "PRK", "USA")
        # the threat is coded (1384) but its calibrated confidence (a framed nominal trigger:
        # such events were right about one time in three on the development set) is under the
        # views' default; counted from 0.3, the brief reads the mixed messages
        wider = brief_for_store(store, "PRK", "USA", counting=Counting(min_confidence=0.3))
        threat = store.con.execute("SELECT confidence FROM events WHERE cameo LIKE '138%' AND source_code = 'USA'").fetchall()
        stored = {r[0]: r[1:] for r in store.con.execute("SELECT event_id, mood, negated, confidence, cameo_root FROM events").fetchall()}
    assert threat and 0.3 <= threat[0][0] < DEFAULT_COUNTING.min_confidence, threat
    assert _line(brief, "PRK→USA: conflictual")
    assert _line(brief, "USA→PRK: cooperative")
    # … and says what it leaves out: the threat, and how USA→PRK would read with it
    left = _line(brief, "USA→PRK reads cooperative, but 1 conflictual event")
    assert "verbal threat by US president Donald Trump" in left and "would read mixed" in left
    assert [stored[i][2] for i in brief.sections[1].claims[0].evidence] == [threat[0][0]]
    brief = wider
    assert _line(brief, "USA→PRK: mixed")
    mixed = _line(brief, "USA→PRK sent mixed messages")
    assert "Donald Trump threatened" in mixed and "Donald Trump praised" in mixed
    assert "due 2019-12-31, 14 days left as of 2019-12-17" in _line(brief, "PRK→USA ultimatum")
    # nothing cited is an event the counting leaves out (no false, hedged or statement event)
    cited = _counted_claims_cite(brief)
    assert cited and all(Counting(min_confidence=0.3).counts(stored[i][0], bool(stored[i][1]), *stored[i][2:]) for i in cited)


def test_the_report_section_counts_down_from_the_report_as_of(own_db):
    from dyadwatch.analysis.frame import load_events
    from dyadwatch.analysis.signals import assess_dyad
    from dyadwatch.brief import report_section

    with Store(own_db, read_only=True) as store:
        df = load_events(store, codes=("PRK", "USA"))
    res = assess_dyad(df, "PRK", "USA")
    section = report_section(res, df, as_of=date(2019, 12, 24))
    assert section.startswith("<section class='dw-brief'>") and section.endswith("</section>")
    assert "<h2>PRK–USA: the brief, as of 2019-12-24</h2>" in section  # under the report's own h1
    assert "7 days left as of 2019-12-24" in section and "<script>" not in section


def _planted_frame() -> "pd.DataFrame":
    """PRK→USA: three events a week, cooperative for six weeks, then conflictual for six (a planted change)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(3)
    rows = []
    for week in range(12):
        mean, quad = (2.0, 1) if week < 6 else (-5.0, 3)
        for k in range(3):
            day = pd.Timestamp(date(2024, 1, 1)) + pd.Timedelta(days=7 * week + k)
            rows.append({"event_id": f"ev{week:02d}{k}", "article_id": f"art{week:02d}{k}", "event_date": day, "published": day,
                         "source_code": "PRK", "source_sector": "GOV", "source_actor_id": "country:PRK", "target_code": "USA",
                         "goldstein": float(rng.normal(mean, 0.5)), "quad_class": quad, "cameo": "050" if quad == 1 else "111",
                         "cameo_root": "05" if quad == 1 else "11", "cameo_name": "x", "plover_type": "COOPERATE",
                         "sentence": f"Sentence {week} {k}.", "trigger_text": "Sentence", "url": None, "outlet": "o"})
    return pd.DataFrame(rows)


def test_a_planted_change_reads_as_worsening_since_its_week():
    from dyadwatch.brief import build_brief

    brief = build_brief(_planted_frame(), "PRK", "USA")
    line = _line(brief, "PRK→USA:")
    import re

    m = re.search(r"worsening since 2024-02-12 \(index from \+(\d\.\d) to −(\d\.\d)", line)
    assert m, line
    assert abs(float(m[1]) - 2.0) < 0.5 and abs(float(m[2]) - 5.0) < 0.5  # the planted levels
    assert "95% band" in line
    assert _line(brief, "USA→PRK: not enough data (0 events")


def _frame(rows: list[tuple[str, str, int, float, float]]) -> "pd.DataFrame":
    """Events (id, source, quad, Goldstein, confidence) between PRK and USA on 2024-03-04."""
    import pandas as pd

    day = pd.Timestamp(date(2024, 3, 4))
    return pd.DataFrame([{"event_id": i, "article_id": f"a{i}", "event_date": day, "published": day, "source_code": src,
                          "source_sector": "GOV", "source_actor_id": f"country:{src}", "target_code": "PRK" if src == "USA" else "USA",
                          "goldstein": g, "quad_class": q, "cameo": "051" if q == 1 else "130", "cameo_root": "05" if q == 1 else "13",
                          "cameo_name": "Praise or endorse" if q == 1 else "Threaten", "plover_type": "x", "confidence": c,
                          "sentence": f"Sentence {i}.", "trigger_text": "Sentence", "url": None, "outlet": "o"}
                         for i, src, q, g, c in rows])


def test_the_brief_says_what_contrary_events_the_threshold_leaves_out():
    from dyadwatch.brief import build_brief

    counted = _frame([("c1", "USA", 1, 3.4, 0.6), ("c2", "USA", 1, 3.4, 0.7), ("c3", "PRK", 3, -4.4, 0.6), ("c4", "PRK", 3, -4.4, 0.6)])
    below = _frame([("b1", "USA", 3, -7.0, 0.31),   # against USA→PRK's cooperative reading: said
                    ("b2", "USA", 1, 3.4, 0.35),    # of the same tone: not said
                    ("b3", "PRK", 3, -4.4, 0.3),    # of the same tone as PRK→USA: not said
                    ("b4", "PRK", 1, 3.4, 0.12),    # against PRK→USA, but a guess: not said
                    ("b5", "PRK", 1, 3.4, 0.25)])   # against PRK→USA, but under the floor (0.3): not said
    brief = build_brief(counted, "PRK", "USA", below=below, min_confidence=0.4)
    left = next(s for s in brief.sections if s.title == "Left out of the reading")
    assert len(left.claims) == 1 and left.claims[0].evidence == ("b1",)
    text = left.claims[0].text
    assert text.startswith("USA→PRK reads cooperative, but 1 conflictual event under the confidence threshold (0.4)")
    assert "confidence 0.31" in text and "would read mixed" in text
    assert "b1" in brief.evidence and _line(brief, "USA→PRK: cooperative")  # the reading itself is unchanged
    none = build_brief(counted, "PRK", "USA", below=below[below.event_id != "b1"], min_confidence=0.4)
    assert [c.text for s in none.sections if s.title == "Left out of the reading" for c in s.claims] == [
        "Nothing asserted under the confidence threshold (0.4) goes against either side's reading."]
    assert all(s.title != "Left out of the reading" for s in build_brief(counted, "PRK", "USA").sections)
