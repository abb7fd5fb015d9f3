"""Parse repairs (nlp/repairs.py): a misattached phrase is put back where it belongs."""

from __future__ import annotations

from .conftest import code_text


def test_a_particle_verbs_lost_object_is_given_back(coder):
    # the small model reads "China's rhetoric and Fumio Kishida" as the subject of "hailed"
    events = code_text(coder, "So Japan tried to scale down China's rhetoric and Fumio Kishida again hailed his ties with Xi.",
                       "2025-03-01")
    got = {(e.cameo[:3], e.source.code, e.target.code if e.target else None) for e in events}
    assert ("050", "JPN", "CHN") in got, got
    hail = [e for e in events if e.trigger_text == "hailed"]
    assert hail and hail[0].source.text == "Fumio Kishida", hail


def test_a_parse_with_an_object_is_left_alone(coder):
    from dyadwatch.nlp.pipeline import load_pipeline
    from dyadwatch.nlp.repairs import repair_parse

    nlp = load_pipeline()
    doc = nlp("Japan stepped up its patrols near the islands and China protested.")
    before = [(t.i, t.head.i, t.dep_) for t in doc]
    assert [(t.i, t.head.i, t.dep_) for t in repair_parse(doc)] == before
