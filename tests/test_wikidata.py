"""``actors import-wikidata``: office-holders from a Wikidata query export (our own small export)."""

from __future__ import annotations

import json
from datetime import date

import yaml

from dyadwatch.actors.user import dictionary_with
from dyadwatch.actors.wikidata import read_wikidata, sector_of_position, to_user_dictionary

# a CSV as query.wikidata.org downloads it (invented people and terms)
CSV = """person,personLabel,positionLabel,countryCode,countryLabel,start,end,aliases
http://www.wikidata.org/entity/Q900001,Marta Quillfeather,Prime Minister of Norway,NOR,Norway,2021-10-14T00:00:00Z,,Marta Q.|M. Quillfeather
http://www.wikidata.org/entity/Q900001,Marta Quillfeather,Minister of Foreign Affairs,NOR,Norway,2012-01-01T00:00:00Z,2013-10-16T00:00:00Z,
http://www.wikidata.org/entity/Q900002,Tomas Ardelean,Leader of the Opposition,,Romania,2020-01-01T00:00:00Z,,
http://www.wikidata.org/entity/Q900003,Q900003,President,FRA,France,2020-01-01T00:00:00Z,,
http://www.wikidata.org/entity/Q900004,Ines Brakwater,Judge of the Supreme Court,XXX,,2019-01-01T00:00:00Z,,
http://www.wikidata.org/entity/Q900005,Olu Fenwright,Minister of Defence,NGA,Nigeria,2023-13-45T00:00:00Z,,
"""


def test_a_csv_export_gives_dated_roles_and_says_what_it_skipped():
    problems: list[str] = []
    people = read_wikidata(CSV, "export.csv", problems)
    by_name = {p.name: p for p in people}
    assert set(by_name) == {"Marta Quillfeather", "Tomas Ardelean"}
    marta = by_name["Marta Quillfeather"]
    assert marta.aliases == ["Marta Q.", "M. Quillfeather"]
    assert {(r.code, r.sector, r.start, r.end) for r in marta.roles} == {
        ("NOR", "GOV", date(2021, 10, 14), None), ("NOR", "GOV", date(2012, 1, 1), date(2013, 10, 16))}
    assert [(r.code, r.sector) for r in by_name["Tomas Ardelean"].roles] == [("ROU", "OPP")]
    # the unnamed row, the bad country code and the bad date are each named with their line
    assert any("line 5" in p and "no name" in p for p in problems), problems
    assert any("line 6" in p and "XXX" in p for p in problems), problems
    assert any("line 7" in p and "not a date" in p for p in problems), problems
    assert len(problems) == 3


def test_a_sparql_json_export_reads_the_same():
    rows = [{"person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q900001"},
             "personLabel": {"type": "literal", "value": "Marta Quillfeather"},
             "positionLabel": {"type": "literal", "value": "Prime Minister of Norway"},
             "countryCode": {"type": "literal", "value": "NOR"},
             "start": {"type": "literal", "value": "2021-10-14T00:00:00Z"}}]
    people = read_wikidata(json.dumps({"head": {"vars": []}, "results": {"bindings": rows}}), "export.json")
    assert [(p.name, [(r.code, r.start) for r in p.roles]) for p in people] == [("Marta Quillfeather", [("NOR", date(2021, 10, 14))])]


def test_the_sector_comes_from_the_position():
    assert sector_of_position("Minister of Finance") == "GOV"
    assert sector_of_position("member of the Bundestag") == "LEG"
    assert sector_of_position("Chief of the General Staff") == "MIL"
    assert sector_of_position("Chief Justice of Kenya") == "JUD"


def test_the_imported_dictionary_resolves_by_date(tmp_path):
    f = tmp_path / "wikidata-actors.yaml"
    f.write_text(yaml.safe_dump(to_user_dictionary(read_wikidata(CSV, "export.csv"))), "utf-8")
    d = dictionary_with([f])
    ids = [aid for aid, via in d.candidates("Marta Quillfeather")]
    assert ids, "the imported person is not in the dictionary"
    actor = d.get(ids[0])
    assert [aid for aid, _ in d.candidates("Marta Q.")] == ids[:1]  # an alias names the same person
    assert actor.at(date(2022, 5, 1))[:2] == ("NOR", "GOV")
    assert actor.at(date(2016, 5, 1))[:2] == ("NOR", "ELI")  # between her terms: an elite, not the government


def test_the_command_writes_a_dictionary_and_names_the_skipped_rows(tmp_path):
    from typer.testing import CliRunner

    from dyadwatch.cli import app

    src = tmp_path / "query [1].csv"  # (a name that Rich would read as markup)
    src.write_text(CSV, "utf-8")
    out = tmp_path / "w.yaml"
    res = CliRunner().invoke(app, ["actors", "import-wikidata", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "2 people with 3 dated roles" in res.output and "3 rows skipped" in res.output
    assert "query [1].csv: line 6" in res.output
    data = yaml.safe_load(out.read_text("utf-8"))
    assert {p["name"] for p in data["people"]} == {"Marta Quillfeather", "Tomas Ardelean"}
