"""Reading relations: tested on synthetic series where the truth is known, and on the seed."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from dyadwatch import Article, Store
from dyadwatch.analysis.counting import Counting
from dyadwatch.analysis.frame import load_events
from dyadwatch.analysis.mixed import mixed_signals
from dyadwatch.analysis.patterns import repeated_patterns
from dyadwatch.analysis.reciprocity import reciprocity, reciprocity_arrays
from dyadwatch.analysis.relation import NotEnoughData, change_points, relation_index, trend
from dyadwatch.analysis.series import dyad_series, top_dyads
from dyadwatch.analysis.signals import assess_dyad, deadlines

START = pd.Timestamp("2024-01-01")  # a Monday


def _frame(rows: list[dict]) -> pd.DataFrame:
    base = {"article_id": "a", "source_sector": "GOV", "source_actor_id": None, "source_text": "x", "target_sector": None,
            "cameo_name": "", "sentence": "s", "trigger_text": "t", "url": None, "outlet": "wire", "mood": "asserted"}
    out = []
    for i, r in enumerate(rows):
        g = float(r["goldstein"])
        q = r.get("quad_class", 1 if g > 0 else 3)
        out.append({**base, "event_id": f"e{i}", "article_id": r.get("article_id", f"a{i}"), "cameo": r.get("cameo", "051" if g > 0 else "111"),
                    "cameo_root": r.get("cameo", "051" if g > 0 else "111")[:2], "plover_type": r.get("plover_type", "SUPPORT" if g > 0 else "ACCUSE"),
                    "quad_class": q, **{k: v for k, v in r.items() if k not in ("quad_class",)}})
    df = pd.DataFrame(out)
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def _weekly(values_per_week: list[list[float]], src="AAA", tgt="BBB") -> list[dict]:
    rows = []
    for w, vals in enumerate(values_per_week):
        for j, v in enumerate(vals):
            rows.append({"event_date": START + pd.Timedelta(days=7 * w + j % 5), "source_code": src, "target_code": tgt,
                         "goldstein": float(np.clip(v, -10, 10))})
    return rows


def test_planted_change_point_is_found_within_one_period():
    rng = np.random.default_rng(3)
    weeks = [list(rng.normal(3.0, 1.5, 6)) for _ in range(15)] + [list(rng.normal(-4.0, 1.5, 6)) for _ in range(15)]
    df = _frame(_weekly(weeks))
    cps = change_points(df, "AAA", "BBB", "week")
    assert not isinstance(cps, NotEnoughData)
    assert len(cps) == 1
    cp = cps[0]
    planted = START + pd.Timedelta(weeks=15)
    assert abs((cp.since - planted).days) <= 7
    assert cp.direction == "deterioration" and cp.before > 2 and cp.after < -3
    assert "deterioration since" in cp.describe()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_series_without_change_gives_no_signal(seed):
    rng = np.random.default_rng(seed)
    df = _frame(_weekly([list(rng.normal(0.0, 3.0, 6)) for _ in range(30)]))
    assert change_points(df, "AAA", "BBB", "week") == []


def test_too_short_series_give_not_enough_data_never_a_number():
    df = _frame(_weekly([[2.0, -1.0], [3.0], [-2.0]]))
    assert isinstance(change_points(df, "AAA", "BBB", "week"), NotEnoughData)
    assert isinstance(trend(df, "AAA", "BBB", "week"), NotEnoughData)
    r = reciprocity(df, "AAA", "BBB", "week")
    assert isinstance(r, NotEnoughData) and "not enough data" in str(r)


def test_planted_lag_two_reciprocity_is_found_at_lag_two():
    rng = np.random.default_rng(11)
    n = 80
    a = rng.normal(0, 3, n)
    b = np.zeros(n)
    b[2:] = 0.9 * a[:-2]
    b += rng.normal(0, 1.0, n)
    rows = _weekly([[v] for v in a], "AAA", "BBB") + _weekly([[v] for v in b], "BBB", "AAA")
    df = _frame(rows)
    r = reciprocity(df, "AAA", "BBB", "week")
    assert not isinstance(r, NotEnoughData)
    assert r.lag == 2 and r.correlation > 0.5 and r.granger_p < 0.001 and r.in_kind
    none = reciprocity_arrays(a, rng.normal(0, 3, n))
    assert not isinstance(none, NotEnoughData) and not none.in_kind


def test_relation_index_has_a_band_around_the_mean():
    df = _frame(_weekly([[1.0, 3.0, 5.0], [-2.0, -4.0]]))
    pts = relation_index(df, "AAA", "BBB", "week")
    assert [round(p.index, 2) for p in pts] == [3.0, -3.0]
    assert all(p.low <= p.index <= p.high for p in pts)
    assert pts[0].low < 3.0 < pts[0].high


def test_trend_detects_a_steady_decline():
    df = _frame(_weekly([[5.0 - w, 4.8 - w] for w in range(8)]))
    t = trend(df, "AAA", "BBB", "week")
    assert not isinstance(t, NotEnoughData) and t.label == "worsening" and t.slope == pytest.approx(-1.0, abs=0.05)


def test_series_fill_empty_periods_and_count_quads():
    df = _frame(_weekly([[3.4], [], [-8.0, -4.0]]))
    s = dyad_series(df, "AAA", "BBB", "week")
    assert list(s.n) == [1, 0, 2]
    assert list(s.q1) == [1, 0, 0] and list(s.q3) == [0, 0, 2]
    assert np.isnan(s.goldstein_mean.iloc[1])
    assert s.goldstein_sum.iloc[2] == -12.0


def test_top_dyads_directed_and_undirected():
    rows = _weekly([[1.0, 2.0]], "AAA", "BBB") + _weekly([[-1.0]], "BBB", "AAA") + _weekly([[5.0]], "CCC", "DDD")
    df = _frame(rows)
    directed = top_dyads(df)
    assert (directed.iloc[0].a, directed.iloc[0].b, directed.iloc[0].events) == ("AAA", "BBB", 2)
    undirected = top_dyads(df, undirected=True)
    assert (undirected.iloc[0].a, undirected.iloc[0].b, undirected.iloc[0].events) == ("AAA", "BBB", 3)


def test_mixed_signals_need_both_kinds():
    rows = [
        {"event_date": "2024-02-01", "source_code": "USA", "target_code": "PRK", "goldstein": 3.4, "source_text": "Trump"},
        {"event_date": "2024-02-03", "source_code": "USA", "target_code": "PRK", "goldstein": -7.0, "source_sector": "MIL", "cameo": "138", "quad_class": 3},
        {"event_date": "2024-02-02", "source_code": "RUS", "target_code": "UKR", "goldstein": -10.0, "cameo": "190", "quad_class": 4},
        {"event_date": "2024-02-05", "source_code": "RUS", "target_code": "UKR", "goldstein": -8.0, "cameo": "163", "quad_class": 4},
    ]
    flags = mixed_signals(_frame(rows))
    assert [(m.source, m.target) for m in flags] == [("USA", "PRK")]
    m = flags[0]
    assert len(m.cooperative) == 1 and len(m.conflictual) == 1 and 0.3 <= m.index <= 1.0
    assert "USA MIL" in m.speakers_conflict


def test_repeated_patterns_found_where_they_recur():
    rows = []
    for k in range(4):
        d = pd.Timestamp("2024-01-01") + pd.Timedelta(days=30 * k)
        rows.append({"event_date": d, "source_code": "PRK", "target_code": "USA", "goldstein": -7.2, "cameo": "150", "quad_class": 4})
        rows.append({"event_date": d + pd.Timedelta(days=4), "source_code": "PRK", "target_code": "USA", "goldstein": 4.5, "cameo": "036", "quad_class": 1})
        rows.append({"event_date": d + pd.Timedelta(days=15), "source_code": "PRK", "target_code": "KOR", "goldstein": -2.0, "cameo": "111", "quad_class": 3})
    pats = repeated_patterns(_frame(rows), "PRK")
    assert any(p.first == "15" and p.then == "03" and p.count == 4 for p in pats)
    assert all(p.count >= 3 for p in pats)


@pytest.fixture(scope="module")
def seed_frame(shared, coder, tmp_path_factory):
    from dyadwatch import code_sources

    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    with Store(db) as store:
        code_sources([shared / "seed" / "us-dprk-signals-2019-12.txt"], store, date(2019, 12, 17), coder=coder)
        # counted from 0.3: the verbal threat's calibrated confidence is under the default 0.4
        # (framed nominal triggers were right about one time in three on the development set)
        return load_events(store, counting=Counting(min_confidence=0.3))


def test_seed_relation(seed_frame):
    res = assess_dyad(seed_frame, "USA", "PRK", "week")
    assert res.backward.source == "PRK" and res.backward.tone == "net-conflictual"
    assert res.forward.mixed, "USA→PRK must be flagged as mixed"
    m = res.forward.mixed[0]
    assert (m.conflictual.cameo.str[:2] == "13").any()  # the verbal threat
    assert ((m.cooperative.cameo == "051").any() or (m.conflictual.cameo == "163").any())  # praise, or sanctions
    dls = [d for d in deadlines(seed_frame) if d.source == "PRK" and d.target == "USA"]
    assert dls and dls[0].due == date(2019, 12, 31) and dls[0].kind == "ultimatum"
    assert dls[0].status(date(2019, 12, 17)) == "open: 14 day(s) left"
    assert dls[0].status(date(2020, 1, 5)).startswith("expired")
