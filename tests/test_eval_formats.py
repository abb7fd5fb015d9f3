"""The ConfliBERT class/span formats, the story dev set (voa-dev) and the reliability table:
readers and scorers on tiny fixtures written for these tests (known answers), and the CLI
end to end with the real coder."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.errors import InputError
from dyadwatch.evaluation.conflibert import (
    ClassRecord, SpanRecord, first_event, join_tokens, penta_class, read_class_tsv, read_spans, score_class, score_spans,
)
from dyadwatch.evaluation.devplaces import GoldPlace
from dyadwatch.evaluation.devset import DevEvent, DevSentence, Story, read_devset, score_devset
from dyadwatch.evaluation.gold import GoldActor, GoldRecord
from dyadwatch.evaluation.metrics import score
from dyadwatch.evaluation.reliability import reliability
from dyadwatch.records import ActorRef, Article, Event

runner = CliRunner()


def ref(code: str | None, start: int = 0, end: int = 1, kind: str = "country") -> ActorRef:
    return ActorRef(code or "someone", code, None, None, kind, start, end)


def ev(cameo: str = "190", *, trigger: int = 0, conf: float = 0.9, src: ActorRef | None = None, tgt: ActorRef | None = None,
       sent: tuple[int, int] = (0, 100), mood: str = "asserted", quad: int | None = None, negated: bool = False) -> Event:
    root = cameo[:2]
    q = quad if quad is not None else (1 if int(root) <= 5 else 2 if int(root) <= 8 else 3 if int(root) <= 13 else 4)
    return Event("e", "a", 0, sent[0], sent[1], "s", None, "none", src, tgt, cameo, root, "x", None, None, q, 0.0,
                 negated, mood, None, "t", trigger, trigger + 1, "p", conf, "c", "d")


# -- PentaClass and the first event ---------------------------------------------------
@pytest.mark.parametrize("root,penta", [("01", 0), ("02", 0), ("03", 1), ("05", 1), ("06", 2), ("08", 2),
                                         ("09", 3), ("13", 3), ("14", 4), ("15", 4), ("16", 3),
                                         ("17", 4), ("20", 4)])
def test_penta_class_of_cameo_roots(root, penta):
    assert penta_class(root) == penta


def test_penta_class_splits_quad_class_one_moves_reduce_relations_and_agrees_with_the_codebook_otherwise():
    from dyadwatch.coding.codebook import Codebook

    for c in Codebook.bundled():
        want = 0 if c.root in ("01", "02") else 3 if c.root == "16" else c.quad_class
        assert penta_class(c.root) == want, c.code
    with pytest.raises(ValueError):
        penta_class("21")


def test_first_event_is_the_earliest_trigger():
    late, early = ev("111", trigger=30, conf=0.99), ev("040", trigger=5, conf=0.5)
    assert first_event([late, early]) is early
    assert first_event([]) is None


# -- readers --------------------------------------------------------------------------
def test_read_class_tsv(tmp_path):
    p = tmp_path / "c.tsv"
    p.write_text("Ruritania shelled the border town.\t4\n\nThe two ministers met in Vienna.\t1\n", "utf-8")
    recs = read_class_tsv(p)
    assert [(r.text, r.label) for r in recs] == [("Ruritania shelled the border town.", 4), ("The two ministers met in Vienna.", 1)]
    assert [r.gid for r in recs] == ["1", "3"]  # line numbers


def test_read_class_tsv_names_the_bad_line(tmp_path):
    p = tmp_path / "c.tsv"
    p.write_text("A fine sentence.\t2\nNo label here\n", "utf-8")
    with pytest.raises(InputError, match=r"c\.tsv:2"):
        read_class_tsv(p)


def test_join_tokens_spacing_and_offsets():
    toks = ["The", "U.S.", "envoy", "’", "s", "aide", "(", "retired", ")", "said", ":", "“", "no", "deal", "”", ",",
            "pro", "-", "Kremlin", "José", "P", "é", "rez", "did", "n't", "."]
    text, offs = join_tokens(toks)
    assert text == "The U.S. envoy’s aide (retired) said: “no deal”, pro-Kremlin José Pérez didn't."
    assert [text[a:b] for a, b in offs] == toks


SPANS = """Ruritanian B-S
troops I-S
shelled O
Freedonia B-T
' I-T
s I-T
border I-T
posts I-T
. O

The O
envoy B-R
met O
Sylvanian O
rebels I-T
. O
"""


def test_read_spans_rebuilds_text_and_char_spans(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text(SPANS + "\n\n", "utf-8")
    recs = read_spans(p)
    assert len(recs) == 2
    a, b = recs
    assert a.text == "Ruritanian troops shelled Freedonia's border posts."
    assert [a.text[x:y] for x, y in a.sources] == ["Ruritanian troops"]
    assert [a.text[x:y] for x, y in a.targets] == ["Freedonia's border posts"]
    assert b.gid == "11"  # the sentence's first line
    assert b.sources == ()  # B-R is not a source
    assert [b.text[x:y] for x, y in b.targets] == ["rebels"]  # an I- tag with no B- opens a span


# -- scorers --------------------------------------------------------------------------
def test_score_class_known_answers():
    gold = [ClassRecord("1", "s", 4), ClassRecord("2", "s", 3), ClassRecord("3", "s", 0)]
    produced = [
        [ev("190", trigger=2, conf=0.9), ev("111", trigger=9)],   # first event 19x → 4, right
        [ev("040", trigger=1, conf=0.6)],                         # 04 → 1, wrong
        [],                                                       # no event → class 0, right
    ]
    r = score_class(gold, produced)
    assert r.n == 3 and r.no_event == 1
    assert r.accuracy == pytest.approx(2 / 3)
    assert r.confusion[4][4] == 1 and r.confusion[3][1] == 1 and r.confusion[0][0] == 1
    assert sum(map(sum, r.confusion)) == 3
    assert r.per_class[1].precision == 0.0 and r.per_class[3].recall == 0.0 and r.per_class[3].support == 1
    assert r.per_class[4].f1 == 1.0 and r.per_class[0].precision == 1.0
    # reliability: only sentences with an event; 0.6 → [0.5, 0.8) wrong, 0.9 → [0.8, 1.0] right
    assert [(b.count, b.right) for b in r.reliability] == [(0, 0), (1, 0), (1, 1)]
    d = r.as_dict()
    assert d["accuracy"] == pytest.approx(0.6667) and d["per_class"]["4"]["support"] == 1
    # the one wrong sentence is listed for --misses, with its events; right ones are not
    assert [(m["id"], m["gold"], m["predicted"]) for m in r.misses] == [("2", 3, 1)]
    assert r.misses[0]["events"][0]["cameo"] == "040" and "misses" not in d


def test_reduce_relations_is_verbal_conflict_in_the_class_score():
    # Phoenix PentaClass: "suspended aid" (16x) is verbal conflict, an arrest (17x) material
    r = score_class([ClassRecord("1", "s", 3), ClassRecord("2", "s", 4)], [[ev("1622")], [ev("173")]])
    assert r.accuracy == 1.0 and r.misses == []


def test_score_spans_known_answers():
    gold = [
        SpanRecord("1", "x", ((0, 10),), ((20, 30),)),
        SpanRecord("2", "x", ((0, 5),), ((10, 15),)),
        SpanRecord("3", "x", ((0, 5),), ()),
        SpanRecord("4", "x", (), ()),
    ]
    produced = [
        [ev(src=ref("AAA", 4, 12), tgt=ref("BBB", 29, 35))],     # both overlap (by one character each)
        [ev(src=ref("AAA", 5, 9), tgt=ref("BBB", 10, 11))],      # source touches but does not overlap; target does
        [],                                                      # no event
        [ev(src=ref("AAA", 0, 3))],                              # no marked spans: not counted
    ]
    r = score_spans(gold, produced)
    assert (r.n, r.no_event) == (4, 1)
    assert (r.source_overlap, r.n_sources) == (1, 3)
    assert (r.target_overlap, r.n_targets) == (2, 2)
    assert r.source_rate == pytest.approx(1 / 3) and r.as_dict()["target_overlap"] == 1.0


def test_reliability_bin_edges():
    bins = reliability([(0.1, True), (0.49, False), (0.5, True), (0.79, True), (0.8, False), (1.0, True)])
    assert [(b.count, b.right) for b in bins] == [(2, 1), (2, 2), (2, 1)]
    assert [b.label for b in bins] == ["[0.0, 0.5)", "[0.5, 0.8)", "[0.8, 1.0]"]
    assert bins[1].fraction == 1.0 and reliability([])[0].fraction is None


def test_gsr_report_has_a_reliability_table():
    def gold(t, s, g):
        return GoldRecord("1", "x", None, t, None, (GoldActor(s, None),), (GoldActor(g, None),))

    def pe(t, s, g, conf):
        return [Event("e", "a", 0, 0, 1, "s", None, "none", ref(s), ref(g), "000", "00", "x", t, None, 1, 0.0,
                      False, "asserted", None, "t", 0, 1, "p", conf, "c", "d")]

    r = score([gold("AGREE", "FRA", "DEU"), gold("ACCUSE", "JPN", "CHN"), gold("AID", "NOR", "SDN")],
              [pe("AGREE", "FRA", "DEU", 0.9), pe("ACCUSE", "JPN", "KOR", 0.9), []])
    assert [(b.count, b.right) for b in r.reliability] == [(0, 0), (0, 0), (2, 1)]
    assert r.as_dict()["reliability"][2] == {"bin": "[0.8, 1.0]", "count": 2, "right": 1, "fraction_right": 0.5}


def _story(text: str, sid: str = "s1", lead: int = 0) -> Story:
    return Story(sid, Article.from_text(text), lead)


def test_score_devset_known_answers():
    text = "A" * 40 + " " + "B" * 40 + " " + "C" * 20
    stories = {"s1": _story(text)}
    sentences = [
        DevSentence("s1", 0, 40, "AAAA", (DevEvent("19", 4, "RUS", "UKR"), DevEvent("11", 3, "UKR", "RUS"))),
        DevSentence("s1", 41, 81, "BBBB", (DevEvent("04", 1, "FRA", None), DevEvent("04", 1, "DEU", "FRA", mood="intended"))),
        DevSentence("s1", 82, 102, "CCCC", ()),
        DevSentence("s1", 82, 102, "wrong head", (DevEvent("19", 4, "X", "Y"),)),   # text does not match: skipped
        DevSentence("gone", 0, 10, "", (DevEvent("19", 4, "RUS", "UKR"),)),         # story not in the corpus
    ]
    produced = {"s1": [
        ev("190", sent=(0, 40), src=ref("RUS"), tgt=ref("UKR"), conf=0.9),            # fully right
        ev("111", sent=(0, 40), src=ref("RUS"), tgt=ref("UKR"), conf=0.7),            # type right, source/target wrong
        ev("043", sent=(41, 81), src=ref("FRA"), conf=0.4),                           # fully right (no target = no target)
        ev("042", sent=(41, 81), src=ref("DEU"), tgt=ref("FRA"), conf=0.9, mood="intended"),  # fully right, not asserted
        ev("173", sent=(82, 102), src=ref("RUS"), tgt=ref("UKR"), conf=0.85),         # no gold event in its sentence
        ev("190", sent=(200, 240), src=ref("RUS"), tgt=ref("UKR")),                   # outside every annotated sentence
    ]}
    r = score_devset(sentences, stories, produced)
    d = r.as_dict()
    assert (d["n_sentences"], d["n_stories"], d["n_gold"], d["n_produced"]) == (3, 1, 4, 5)
    assert d["missing_stories"] == ["gone"] and d["misaligned"] == ["s1:82"]
    assert d["type_precision"] == pytest.approx(4 / 5)
    assert d["full_precision"] == pytest.approx(3 / 5)
    # confident and asserted: the 0.9 RUS→UKR (right), the 0.7 (wrong), the 0.85 in the empty sentence (wrong)
    assert (d["n_confident"], d["confident_precision"]) == (3, pytest.approx(1 / 3, abs=1e-4))
    # recall counts asserted gold events with source and target: RUS→UKR 19 (found), UKR→RUS 11 (not)
    assert (d["n_recall"], d["recall"]) == (2, 0.5)
    # what the views count (asserted, the default confidence, no 01x): all but the intended 042
    assert (d["n_counted"], d["counted_precision"], d["counted_recall"]) == (4, 0.5, 0.5)
    assert (d["n_acts"], d["acts_precision"]) == (5, pytest.approx(3 / 5))
    # matched to a best gold event: the four in sentences with gold; the 111 is matched to UKR→RUS 11 (root right, actors wrong)
    assert d["n_matched"] == 4
    assert d["field_accuracy"] == {"root": 1.0, "quad": 1.0, "source": 0.75, "target": 0.75}
    assert [(b.count, b.right) for b in r.reliability] == [(1, 1), (1, 0), (3, 2)]
    # --misses: the two produced events that are not fully right, and the gold UKR→RUS 11 no event found
    wrong = [(m["produced"]["cameo"], m["start"]) for m in r.misses if m["kind"] == "wrong"]
    missed = [(m["gold"]["root"], m["gold"]["source"]) for m in r.misses if m["kind"] == "missed"]
    assert sorted(wrong) == [("111", 0), ("173", 82)] and missed == [("11", "UKR")]
    assert next(m for m in r.misses if m["kind"] == "wrong" and m["start"] == 82)["gold"] is None


def test_devset_offsets_follow_the_stripped_story_text():
    # the corpus text had two leading spaces; the article text (stripped, as ingest does) starts 2 earlier
    story = _story("Ruritania shelled Freedonia.", lead=2)
    s = DevSentence("s1", 2, 30, "Ruritania shelled", (DevEvent("19", 4, "RUT", "FRE"),))
    r = score_devset([s], {"s1": story}, {"s1": [ev("190", sent=(0, 28), src=ref("RUT"), tgt=ref("FRE"))]})
    assert r.misaligned == [] and r.fully_right == 1


def test_read_devset_fixture(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"story_id": 7, "start": 0, "end": 10, "sentence": "Ruritania",
                             "events": [{"trigger": "met", "cameo": "040", "root": None, "quad": 1, "source": "JAP",
                                         "target": None, "mood": "asserted"}], "coder": "A"}) + "\n", "utf-8")
    (s,) = read_devset(p)
    assert s.story_id == "7" and s.coder == "A"
    assert s.events[0].root == "04" and s.events[0].source == "JPN" and s.events[0].target is None
    p.write_text('{"story_id": "7", "start": 0}\n', "utf-8")
    with pytest.raises(InputError, match="a.jsonl:1"):
        read_devset(p)


def _at(e: Event, name: str | None, country: str | None = None, precision: str = "place", admin1: str | None = None) -> Event:
    from dataclasses import replace

    from dyadwatch.records import EventLocation

    if name is None:
        return e
    return replace(e, location=EventLocation(name, None, None, None, name, country, admin1, None, None, precision, "clause"))


def test_devset_locations_score_against_the_readers_judgement():
    # five sentences, each one gold event whose location a reader judged (or not: the last)
    text = " ".join(c * 30 for c in "ABCDE")
    story = _story(text)
    spans = [(i * 31, i * 31 + 30) for i in range(5)]
    gold = [GoldPlace("Kharkiv", "UKR", "place"), GoldPlace("Donetsk region", "UKR", "admin1"),
            GoldPlace("Ukraine", "UKR", "country"), None]
    sentences = [DevSentence("s1", a, b, text[a:a + 4], (DevEvent("19", 4, "RUS", "UKR", location_judged=True, location=g),))
                 for (a, b), g in zip(spans, gold)]
    sentences.append(DevSentence("s1", *spans[4], text[spans[4][0]:spans[4][0] + 4], (DevEvent("19", 4, "RUS", "UKR"),)))
    rus, ukr = ref("RUS"), ref("UKR")
    produced = {"s1": [
        _at(ev("190", sent=spans[0], src=rus, tgt=ukr), "Kharkiv", "UKR"),                             # right
        _at(ev("190", sent=spans[1], src=rus, tgt=ukr), "Horlivka", "UKR", admin1="Donetsk"),          # inside the region
        ev("190", sent=spans[2], src=rus, tgt=ukr),                                                    # not located: wrong
        _at(ev("190", sent=spans[3], src=rus, tgt=ukr), "Belgorod", "RUS"),                            # the reader found no place
        _at(ev("190", sent=spans[4], src=rus, tgt=ukr), "Kyiv", "UKR"),                                # not judged: not counted
    ]}
    loc = score_devset(sentences, {"s1": story}, produced).as_dict()["locations"]
    assert (loc["n_judged"], loc["n_gold_located"], loc["n_gold_below_country"], loc["n_produced_located"]) == (4, 3, 2, 3)
    assert loc["location_country_accuracy"] == round(2 / 3, 4) and loc["location_place_accuracy"] == 1.0
    assert loc["located_precision"] == round(2 / 3, 4)
    cells = {(c["gold"], c["produced"]): (c["events"], c["country_right"]) for c in loc["confusion"]}
    assert cells == {("place", "place"): (1, 1), ("admin1", "place"): (1, 1), ("country", "none"): (1, 0), ("none", "place"): (1, 0)}


def test_a_devset_location_with_an_unknown_precision_names_its_line(tmp_path):
    p = tmp_path / "a.jsonl"
    line = {"story_id": "7", "start": 0, "end": 10, "events": [
        {"root": "19", "quad": 4, "source": "RUS", "target": "UKR", "location": {"name": "Kharkiv", "country": "UKR", "precision": "street"}}]}
    p.write_text(json.dumps(line) + "\n", "utf-8")
    with pytest.raises(InputError, match=r"a.jsonl:1.*street"):
        read_devset(p)
    line["events"][0]["location"] = None
    p.write_text(json.dumps(line) + "\n", "utf-8")
    (s,) = read_devset(p)
    assert s.events[0].location_judged and s.events[0].location is None


# -- CLI, end to end with the real coder ----------------------------------------------
CLASS_TSV = (
    "Russian troops attacked Ukrainian positions near the border on Monday.\t4\n"
    "Japan criticized China over the disputed islands.\t3\n"
    "The French president met the German chancellor in Paris.\t2\n"   # labelled wrong on purpose: coded 04, class 1
    "The weather was pleasant in the capital on Sunday.\t0\n"          # no event: predicted class 0
)

SPANS_E2E = """Russian B-S
troops I-S
attacked O
Ukrainian B-T
positions I-T
. O

Japan B-S
criticized O
China O
over O
the B-T
islands I-T
. O

The O
weather O
was O
pleasant O
. O
"""


def test_cli_conflibert_class_end_to_end(tmp_path):
    p = tmp_path / "c.tsv"
    p.write_text(CLASS_TSV, "utf-8")
    r = runner.invoke(app, ["eval", str(p), "--format", "conflibert-class", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["n"] == 4 and d["no_event"] == 1
    assert d["accuracy"] == 0.75
    assert d["confusion"][2][1] == 1 and d["confusion"][4][4] == 1 and d["confusion"][0][0] == 1
    assert sum(b["count"] for b in d["reliability"]) == 3 and sum(b["right"] for b in d["reliability"]) == 2
    r = runner.invoke(app, ["eval", str(p), "--format", "conflibert-class"])
    assert r.exit_code == 0, r.output
    assert "accuracy 0.750 (n=4)" in r.output and "confidence reliability" in r.output and "material conflict" in r.output


def test_cli_conflibert_spans_end_to_end(tmp_path):
    p = tmp_path / "s.txt"
    p.write_text(SPANS_E2E, "utf-8")
    r = runner.invoke(app, ["eval", str(p), "--format", "conflibert-spans", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert (d["n"], d["no_event"], d["n_sources"], d["n_targets"]) == (3, 1, 2, 2)
    assert d["source_overlap"] == 1.0  # "Russian troops", "Japan"
    assert d["target_overlap"] == 0.5  # "Ukrainian positions"; China is not inside "the islands"


def test_cli_voa_dev_end_to_end(tmp_path):
    text = ("Japan criticized China over the disputed islands on Monday. "
            "Russian troops attacked Ukrainian positions near the border. "
            "The weather was pleasant in the capital.")
    corpus = tmp_path / "stories.jsonl"
    corpus.write_text(json.dumps({"id": "x1", "published": "2021-03-01", "title": "t", "text": text}) + "\n", "utf-8")
    s1, s2 = text.index("Japan"), text.index("Russian")
    s3 = text.index("The weather")
    ann = [
        {"story_id": "x1", "start": s1, "end": s2 - 1, "sentence": text[s1:s1 + 60],
         "events": [{"trigger": "criticized", "cameo": "111", "root": "11", "quad": 3, "source": "JPN", "target": "CHN", "mood": "asserted"}]},
        {"story_id": "x1", "start": s2, "end": s3 - 1, "sentence": text[s2:s2 + 60],
         "events": [{"trigger": "attacked", "cameo": "190", "root": "19", "quad": 4, "source": "RUS", "target": "POL", "mood": "asserted"}]},
        {"story_id": "x1", "start": s3, "end": len(text), "sentence": text[s3:s3 + 60], "events": []},
    ]
    gold = tmp_path / "annotations.jsonl"
    gold.write_text("".join(json.dumps(a) + "\n" for a in ann), "utf-8")
    r = runner.invoke(app, ["eval", str(gold), "--format", "voa-dev", "--corpus", str(corpus), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert (d["n_sentences"], d["n_gold"], d["n_produced"]) == (3, 2, 2)
    assert d["type_precision"] == 1.0 and d["full_precision"] == 0.5
    assert (d["n_recall"], d["recall"]) == (2, 0.5)
    assert d["field_accuracy"]["target"] == 0.5 and d["field_accuracy"]["source"] == 1.0
    r = runner.invoke(app, ["eval", str(gold), "--format", "voa-dev", "--corpus", str(corpus)])
    assert r.exit_code == 0, r.output
    assert "fully right" in r.output and "confidence reliability" in r.output


@pytest.mark.parametrize("args,message", [
    (["--format", "bogus"], "--format 'bogus'"),
    (["--format", "conflibert-spans", "--misses", "m.jsonl"], "--misses"),
    (["--format", "voa-dev", "--corpus", "no-such-corpus.jsonl"], "no-such-corpus.jsonl: no such file"),
])
def test_cli_eval_usage_errors(tmp_path, args, message):
    p = tmp_path / "g.jsonl"
    p.write_text('{"story_id": "1", "start": 0, "end": 5, "events": []}\n', "utf-8")
    r = runner.invoke(app, ["eval", str(p), *args])
    assert r.exit_code == 2 and message in r.output


# -- the shared ConfliBERT files (skipped where ../shared is absent) ------------------
def test_shared_conflibert_files_parse(shared):
    folder = shared / "gold" / "conflibert"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent")
    classes = read_class_tsv(folder / "cameo_class_train.tsv")
    assert len(classes) > 1000 and {r.label for r in classes} == {0, 1, 2, 3, 4}
    spans = read_spans(folder / "cameo_ner_train.txt")
    assert len(spans) > 1000
    assert sum(1 for s in spans if s.sources) > 0.8 * len(spans)
    for s in spans:
        for a, b in s.sources + s.targets:
            assert 0 <= a < b <= len(s.text) and s.text[a] != " " and s.text[b - 1] != " "
