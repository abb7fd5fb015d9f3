"""The evaluation harness, on tiny gold files written for these tests (known answers)."""

from __future__ import annotations

import dataclasses

import json

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.evaluation import read_gold
from dyadwatch.evaluation.gold import GoldActor, GoldRecord
from dyadwatch.evaluation.metrics import score
from dyadwatch.records import ActorRef, Event

runner = CliRunner()


def _ev(ptype: str, quad: int, src: str | None, tgt: str | None, src_kind: str = "country") -> Event:
    def ref(code, kind="country"):
        return None if code is None else ActorRef(code, code, None, f"{kind}:{code}", kind, 0, 1)

    return Event("e", "a", 0, 0, 1, "s", None, "none", ref(src, src_kind), ref(tgt), "000", "00", "x", ptype, None, quad, 0.0,
                 False, "asserted", None, "t", 0, 1, "p", 0.9, "c", "d")


def _gold(gid, ptype, quad, src, tgt):
    return GoldRecord(gid, "text", None, ptype, quad, (GoldActor(src, None),), (GoldActor(tgt, None),))


def test_metrics_known_answers():
    gold = [
        _gold("1", "ASSAULT", 4, "RUS", "UKR"),
        _gold("2", "ASSAULT", 4, "ISR", "PSE"),
        _gold("3", "THREATEN", 3, "IRN", "USA"),
        _gold("4", "AGREE", 1, "FRA", "DEU"),
    ]
    produced = [
        [_ev("ASSAULT", 4, "RUS", "UKR")],          # right
        [_ev("THREATEN", 3, "ISR", "LBN")],         # wrong type, right source, wrong target
        [_ev("THREATEN", 3, "IRN", "USA")],         # right
        [],                                         # nothing: a miss
    ]
    r = score(gold, produced)
    assert r.n == 4
    # ASSAULT: tp=1 fp=0 fn=1 → P=1, R=.5, F=.667; THREATEN: tp=1 fp=1 fn=0 → P=.5 R=1 F=.667; AGREE: 0
    assert r.per_type["ASSAULT"].precision == 1.0 and r.per_type["ASSAULT"].recall == 0.5
    assert r.per_type["THREATEN"].precision == 0.5 and r.per_type["THREATEN"].recall == 1.0
    assert r.per_type["AGREE"].f1 == 0.0
    assert r.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert r.quad_accuracy == pytest.approx(2 / 4)
    assert r.source_accuracy == pytest.approx(3 / 4)
    assert r.target_accuracy == pytest.approx(2 / 4)
    assert r.confusion["ASSAULT"] == {"ASSAULT": 1, "THREATEN": 1}
    assert r.confusion["AGREE"] == {"NONE": 1}
    assert len(r.misses) == 2 and {m["id"] for m in r.misses} == {"2", "4"}
    assert dict(r.miss_kinds)["no event"] == 1


def test_igo_codes_compare_as_igo():
    gold = [_gold("1", "ACCUSE", 3, "IGO", "ISR")]
    produced = [[_ev("ACCUSE", 3, "UN", "ISR", src_kind="igo")]]
    r = score(gold, produced)
    assert r.source_accuracy == 1.0 and r.target_accuracy == 1.0


PLOVER_GOLD = [
    {"id": "T-DOC", "event": "DOCUMENT", "eventText": "about this file"},
    {"id": "T-1", "date": "2021-03-01", "event": "FIGHT", "text": "Russian forces shelled Ukraine on Monday.",
     "source": [{"actorText": "Russian forces", "code": "RUS", "sector": "MIL"}], "target": [{"actorText": "Ukraine", "code": "UKR"}]},
    {"id": "T-2", "date": "2021-03-01", "event": "DISAPPROVE", "text": "Japan criticized China over the islands.",
     "source": [{"actorText": "Japan", "code": "JAP"}], "target": [{"actorText": "China", "code": "CHN"}]},
    {"id": "T-3", "date": "2021-03-01", "event": "DEMAND", "text": "Chile demanded that Peru return the fishing boats.",
     "source": [{"actorText": "Chile", "code": "CHL"}], "target": [{"actorText": "Peru", "code": "PER"}]},
]

PETRARCH_GOLD = """<Sentences>
<Sentence date="20210301" id="P-1"><EventCoding sourcecode="RUSMIL" targetcode="UKR" eventcode="190"/>
<Text>Russian forces attacked Ukraine on Monday.</Text></Sentence>
<Sentence date="20210301" id="P-2"><EventCoding sourcecode="IRN" targetcode="USAGOV" eventcode="111"/>
<Text>Iran denounced the United States government.</Text></Sentence>
</Sentences>"""


def test_read_plover_gold_maps_old_names_and_skips_documents(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps(PLOVER_GOLD), "utf-8")
    recs = read_gold(p, "plover-gsr")
    assert [r.event_type for r in recs] == ["ASSAULT", "ACCUSE", "REQUEST"]
    assert [r.quad_class for r in recs] == [4, 3, 3]
    assert recs[1].sources[0].code == "JPN"  # CAMEO JAP → ISO JPN
    assert recs[0].sources[0].sector == "MIL"


def test_read_petrarch_xml(tmp_path):
    p = tmp_path / "g.xml"
    p.write_text(PETRARCH_GOLD, "utf-8")
    recs = read_gold(p, "petrarch-xml")
    assert [(r.event_type, r.sources[0].code, r.sources[0].sector, r.targets[0].code, r.targets[0].sector) for r in recs] == [
        ("ASSAULT", "RUS", "MIL", "UKR", None), ("ACCUSE", "IRN", None, "USA", "GOV")]


def test_eval_cli_json_and_misses(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps(PLOVER_GOLD), "utf-8")
    misses = tmp_path / "misses.jsonl"
    r = runner.invoke(app, ["eval", str(p), "--json", "--misses", str(misses)])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["n"] == 3
    for key in ("macro_f1", "quad_accuracy", "source_accuracy", "target_accuracy", "sector_accuracy", "per_type"):
        assert key in d
    assert d["per_type"]["ASSAULT"]["recall"] == 1.0 and d["per_type"]["ACCUSE"]["recall"] == 1.0
    assert d["source_accuracy"] == 1.0
    lines = [json.loads(x) for x in misses.read_text().splitlines()]
    assert len(lines) == d["n_misses"]
    assert {m["id"] for m in lines} <= {"T-1", "T-2", "T-3"}
    for m in lines:
        assert {"id", "text", "problems", "gold", "produced"} <= set(m)


def test_eval_cli_table(tmp_path):
    p = tmp_path / "g.xml"
    p.write_text(PETRARCH_GOLD, "utf-8")
    r = runner.invoke(app, ["eval", str(p), "--format", "petrarch-xml"])
    assert r.exit_code == 0, r.output
    assert "macro-F1" in r.output and "confusion matrix" in r.output and "ASSAULT" in r.output


def test_eval_bad_gold_file(tmp_path):
    p = tmp_path / "broken.json"
    p.write_text("{not json", "utf-8")
    r = runner.invoke(app, ["eval", str(p)])
    assert r.exit_code == 2 and "broken.json" in r.output and "malformed gold JSON" in r.output


def test_people_in_igo_roles_compare_as_igo():
    from dyadwatch.evaluation.metrics import comparable_code

    annan = ActorRef("Kofi Annan", "UN", "IGO", "person:kofi-annan", "person", 0, 10)
    putin = ActorRef("Putin", "RUS", "GOV", "person:vladimir-putin", "person", 0, 5)
    assert comparable_code(annan) == "IGO" and comparable_code(putin) == "RUS"


def test_gold_quad_classes_agree_with_the_codebook():
    """The quad class given to a gold PLOVER category is the one the codebook gives every
    CAMEO code of that category (02x appeals: REQUEST; 10x demands: the old DEMAND)."""
    from dyadwatch.coding.codebook import Codebook
    from dyadwatch.evaluation.gold import TYPE_QUAD

    seen = set()
    for c in Codebook.bundled():
        if c.root == "02":
            name = "REQUEST"
        elif c.root == "10":
            name = "DEMAND"
        elif c.plover_type:
            name = c.plover_type
        else:
            continue
        assert TYPE_QUAD[name] == c.quad_class, (c.code, name)
        seen.add(name)
    assert {"PROTEST", "REQUEST", "DEMAND", "ACCUSE", "ASSAULT"} <= seen


def test_ngo_and_igo_are_one_class_for_country_accuracy_but_not_for_sector():
    amnesty = ActorRef("Amnesty International", "AMN", "NGO", "igo:amnesty-international", "igo", 0, 21)
    ev = dataclasses.replace(_ev("ACCUSE", 3, None, "USA"), source=amnesty)
    r = score([_gold("1", "ACCUSE", 3, "IGO", "USA")], [[ev]])
    assert r.source_accuracy == 1.0
    r = score([_gold("1", "ACCUSE", 3, "GBR", "USA")], [[ev]])
    assert r.source_accuracy == 0.0


def test_a_location_matches_the_gold_place_without_its_kind_words_or_a_typo():
    from dyadwatch.evaluation.metrics import same_place
    from dyadwatch.geo.gazetteer import gazetteer
    from dyadwatch.records import EventLocation

    def loc(text, name, country):
        return EventLocation(text, 0, len(text), None, name, country, None, None, None, "place", "clause")

    gaz = gazetteer()
    assert same_place("town of Rafah", loc("Rafah", "Rafah", "PSE"), gaz)
    assert same_place("province of Herat", loc("Herat", "Herat", "AFG"), gaz)
    assert same_place("Algers", loc("Algiers", "Algiers", "DZA"), gaz)
    assert not same_place("Genoa", loc("Italy", "Italy", "ITA"), gaz)
    assert not same_place("Basra", loc("Baghdad", "Baghdad", "IRQ"), gaz)
