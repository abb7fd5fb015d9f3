"""Extending the actors: user dictionaries (YAML, TSV), the PETRARCH importer, lookup and
unknown-name listing; and more resolution rules."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from typer.testing import CliRunner

from dyadwatch import Article, ArticleCoder
from dyadwatch.actors.petrarch import parse_actors, parse_agents, to_user_dictionary
from dyadwatch.actors.user import dictionary_with
from dyadwatch.cli import app
from dyadwatch.errors import DictionaryError

from .conftest import code_text

runner = CliRunner()

# a small PETRARCH-format dictionary written for this test
PETRARCH_ACTORS = """<!-- test dictionary -->
# people
ZORAN_VELKOVIC_   ; invented for this test
+PRESIDENT_VELKOVIC_
\t[SRBELI <20100301]
\t[SRBGOV 20100301-20141231]
\t[SRBOPP >20150101]
MARA_TENSKA_ [SVNGOV]  # undated, a default code only
KESTREL_BRIGADE_ [UKRMIL]
+KESTRELS_
"""
PETRARCH_AGENTS = """BORDER_WARDEN [~COP] # invented
HARBOUR_PILOT {HARBOUR_PILOTS} [~BUS]
TRIBAL_ELDER {} [~ELI]
"""


def test_petrarch_actor_records_with_date_restrictions():
    recs = parse_actors(PETRARCH_ACTORS, "test.actors")
    assert [r.names[0] for r in recs] == ["Zoran Velkovic", "Mara Tenska", "Kestrel Brigade"]
    z = recs[0]
    assert z.names == ["Zoran Velkovic", "President Velkovic"]
    assert z.dated == [("SRBELI", None, date(2010, 3, 2)), ("SRBGOV", date(2010, 3, 1), date(2015, 1, 1)), ("SRBOPP", date(2015, 1, 1), None)]
    assert recs[2].names == ["Kestrel Brigade", "Kestrels"] and recs[2].default == "UKRMIL"


def test_petrarch_yymmdd_dates_and_bad_lines():
    recs = parse_actors("HAMID_KARZAI_\n\t[AFGGOV >011222]\n")
    assert recs[0].dated == [("AFGGOV", date(2001, 12, 22), None)]
    with pytest.raises(DictionaryError, match="not a PETRARCH date"):
        parse_actors("X_\n\t[AFGGOV 2001-1222]\n", "bad.actors")
    with pytest.raises(DictionaryError, match="before any actor"):
        parse_actors("\t[AFGGOV]\n", "bad.actors")


def test_petrarch_agents():
    ags = parse_agents(PETRARCH_AGENTS)
    assert ags == [{"word": "border warden", "sector": "COP", "plural": "border wardens"},
                   {"word": "harbour pilot", "sector": "BUS", "plural": "harbour pilots"},
                   {"word": "tribal elder", "sector": "ELI", "plural": ""}]


def test_import_petrarch_cli_then_code_with_it(tmp_path):
    a, g = tmp_path / "t.actors", tmp_path / "t.agents"
    a.write_text(PETRARCH_ACTORS, "utf-8")
    g.write_text(PETRARCH_AGENTS, "utf-8")
    out = tmp_path / "petrarch.yaml"
    r = runner.invoke(app, ["actors", "import-petrarch", str(a), "--agents", str(g), "--out", str(out)])
    assert r.exit_code == 0, r.output
    data = yaml.safe_load(out.read_text())
    assert {p["name"] for p in data["people"]} == {"Zoran Velkovic"}
    coder = ArticleCoder(dictionary=dictionary_with([out]))
    before = coder.code_article(Article.from_text("Zoran Velkovic criticized Croatia.", published=date(2009, 1, 1))).events
    during = coder.code_article(Article.from_text("Zoran Velkovic criticized Croatia.", published=date(2012, 1, 1))).events
    after = coder.code_article(Article.from_text("Zoran Velkovic criticized Croatia.", published=date(2016, 1, 1))).events
    assert [(e.source.code, e.source.sector) for e in before] == [("SRB", "ELI")]
    assert [(e.source.code, e.source.sector) for e in during] == [("SRB", "GOV")]
    assert [(e.source.code, e.source.sector) for e in after] == [("SRB", "OPP")]
    brig = coder.code_article(Article.from_text("The Kestrel Brigade attacked Russian positions.", published=date(2023, 1, 1))).events
    assert brig and (brig[0].source.code, brig[0].source.sector) == ("UKR", "MIL")


def test_yaml_user_dictionary_overrides_and_adds(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(yaml.safe_dump({
        "actors": [{"names": ["Azure Coast Militia"], "code": "CIV", "sector": "UAF"}],
        "people": [{"name": "Wendel Obara", "aliases": ["W. Obara"],
                    "roles": [{"code": "KEN", "sector": "OPP", "role": "opposition leader", "start": "2013-01-01", "end": None}]}],
        "agents": [{"word": "harbour master", "sector": "BUS", "plural": "harbour masters"}],
    }), "utf-8")
    coder = ArticleCoder(dictionary=dictionary_with([f]))
    evs = coder.code_article(Article.from_text("Wendel Obara accused Uganda of meddling.", published=date(2020, 1, 1))).events
    assert [(e.source.code, e.source.sector, e.target.code) for e in evs] == [("KEN", "OPP", "UGA")]
    evs = coder.code_article(Article.from_text("The Azure Coast Militia attacked Liberia.", published=date(2020, 1, 1))).events
    assert evs and (evs[0].source.code, evs[0].source.sector) == ("CIV", "UAF")


def test_tsv_user_dictionary_and_bad_files(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("name\taliases\tcode\tsector\trole\tstart\tend\nOsric Nandi\t\tUGA\tGOV\tforeign minister\t2021-06-01\t2023-06-01\n", "utf-8")
    d = dictionary_with([f])
    (aid, _), = d.candidates("Osric Nandi")
    assert d.get(aid).at(date(2022, 1, 1))[:2] == ("UGA", "GOV")
    assert d.get(aid).at(date(2024, 1, 1))[:2] == ("UGA", "ELI")
    bad = tmp_path / "bad.tsv"
    bad.write_text("who\twhat\n", "utf-8")
    with pytest.raises(DictionaryError, match="unknown TSV header"):
        dictionary_with([bad])
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("people:\n  - aliases: [x]\n", "utf-8")
    with pytest.raises(DictionaryError, match="needs a name"):
        dictionary_with([bad_yaml])


def test_user_dictionary_does_not_touch_the_bundled_one(tmp_path):
    from dyadwatch import ActorDictionary

    f = tmp_path / "mine.yaml"
    f.write_text(yaml.safe_dump({"actors": [{"names": ["Pyongyang"], "code": "KOR", "sector": "GOV"}]}), "utf-8")
    mine = dictionary_with([f])
    assert [mine.get(a).code for a, _ in mine.candidates("Pyongyang")] == ["KOR"]
    assert [ActorDictionary.bundled().get(a).code for a, _ in ActorDictionary.bundled().candidates("Pyongyang")] == ["PRK"]


def test_lookup_and_unknown_cli(tmp_path, coder):
    r = runner.invoke(app, ["actors", "lookup", "Kim Jong-un", "--date", "2019-12-17"])
    assert r.exit_code == 0 and "PRK GOV" in r.output
    r = runner.invoke(app, ["actors", "lookup", "Nobody McNoname"])
    assert r.exit_code == 2 and "not in the actor dictionary" in r.output
    from dyadwatch import Store, code_sources

    src = tmp_path / "a.txt"
    src.write_text("Date: 2024-01-02\n\nQuillon Barrow criticized Ghana. Quillon Barrow later praised Togo. "
                   "The Volta Basin Water Forum accused Ghana of polluting the river.\n", "utf-8")
    db = tmp_path / "u.duckdb"
    with Store(db) as store:
        code_sources([src], store, coder=coder)
        rows = {r[0]: r for r in store.unknown_actors()}
    assert rows["Quillon Barrow"][1:3] == (2, 1) and rows["Quillon Barrow"][4] is None
    # a body coded NGO by a guess is listed too, with its guess
    assert rows["The Volta Basin Water Forum"][4] == "NGO"
    r = runner.invoke(app, ["actors", "unknown", "--db", str(db)])
    assert r.exit_code == 0 and "Quillon Barrow" in r.output and "│ 2" in r.output and "NGO" in r.output


@pytest.mark.parametrize(
    "text, on, expected",
    [
        ("North Korea's leader criticized Japan.", "2019-05-01", ("PRK", "GOV")),
        ("The US envoy to the UN criticized Syria.", "2019-05-01", ("USA", "GOV")),
        ("Hamas fighters attacked Israel.", "2019-05-01", ("PSE", "REB")),  # the militant-group convention (igos.tsv)
        ("Hezbollah accused Israel of aggression.", "2019-05-01", ("LBN", "REB")),
        ("Kenyan opposition leader Wafula Kimani criticized Uganda.", "2019-05-01", ("KEN", "OPP")),
        ("Former Prime Minister Shinzo Abe criticized China.", "2021-05-01", ("JPN", "ELI")),
    ],
)
def test_resolution_inside_the_noun_phrase(coder, text, on, expected):
    evs = code_text(coder, text, on)
    assert evs and (evs[0].source.code, evs[0].source.sector) == expected, [(e.source.label, e.source.text) for e in evs]


def test_two_sides_are_the_dyad_in_focus(coder):
    text = ("Russia and Ukraine traded accusations on Monday. Russia criticized Ukraine over the shelling. "
            "Later the two sides met in Istanbul.")
    evs = code_text(coder, text, "2022-03-29")
    met = [e for e in evs if e.trigger_text == "met"]
    assert {(e.source.code, e.target.code) for e in met} == {("RUS", "UKR"), ("UKR", "RUS")}


def test_term_boundary_dates(coder):
    # Mark Esper became US Secretary of Defense on 2019-07-23
    before = code_text(coder, "Mark Esper criticized China.", "2019-07-22")
    after = code_text(coder, "Mark Esper criticized China.", "2019-07-23")
    assert before[0].source.sector == "ELI" and after[0].source.sector == "GOV"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ethnic Hungarians in Slovakia protested against the government.", ("SVK", "CVL")),
        ("The Serbs of northern Kosovo demanded autonomy from Kosovo.", ("XKX", "CVL")),
        ("Opposition groups in Zimbabwe criticized South Africa.", ("ZWE", "OPP")),
    ],
)
def test_people_and_agents_take_the_country_they_live_in(coder, text, expected):
    evs = code_text(coder, text, "2019-05-01")
    assert evs and (evs[0].source.code, evs[0].source.sector) == expected, [(e.source.label, e.source.via) for e in evs]


def test_an_unreadable_line_is_listed_and_skipped_when_asked():
    text = "X_LAND_\n\t[XXXGOV 9008223-911221]\n\t[XXX >911221]\nY_LAND_ [YYY]\n"
    problems: list[str] = []
    recs = parse_actors(text, "mine.actors", problems)
    assert [r.names[0] for r in recs] == ["X Land", "Y Land"]
    assert recs[0].dated and recs[0].dated[0][0] == "XXX"  # the good restriction is kept
    assert len(problems) == 1 and problems[0].startswith("mine.actors:2:") and "9008223" in problems[0]
    with pytest.raises(DictionaryError, match="mine.actors:2"):
        parse_actors(text, "mine.actors")


def test_the_real_phoenix_dictionaries_import_with_their_bad_lines_listed(shared):
    folder = shared / "reference" / "petrarch"
    countries = folder / "Phoenix.Countries.actors.txt"
    if not countries.is_file():
        pytest.skip(f"{countries} not found")
    problems: list[str] = []
    recs = parse_actors(countries.read_text("utf-8"), countries.name, problems)
    assert len(recs) > 1000
    assert problems and all(p.startswith(countries.name + ":") for p in problems)
    data = to_user_dictionary(recs, [])
    assert len(data.get("people", [])) + len(data.get("actors", [])) > 1000


def test_import_petrarch_cli_goes_on_past_a_bad_line(tmp_path):
    from typer.testing import CliRunner

    from dyadwatch.cli import app

    a = tmp_path / "mine[bold].actors"
    a.write_text("ZED_LAND_ [ZZZ]\n\t[ZZZGOV 20019-1222]\nQUUX_LAND_ [QQQ]\n", "utf-8")
    out = tmp_path / "sub" / "out.yaml"
    r = CliRunner().invoke(app, ["actors", "import-petrarch", str(a), "--out", str(out)])
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())  # (Rich wraps long lines)
    assert "mine[bold].actors:2" in text and "1 unreadable line skipped" in text
    assert out.is_file() and "Quux Land" in out.read_text("utf-8")
