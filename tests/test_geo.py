"""Where it happened (geo/): the place an event's text gives, disambiguated by the article,
and the queries and GeoJSON export on it. Our own sentences."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from dyadwatch import Article, Store
from dyadwatch.geo.gazetteer import gazetteer
from dyadwatch.geo.geojson import feature_collection
from dyadwatch.geo.locate import dateline_of

from .conftest import code_text

ON = "2025-03-14"


def _located(coder, text, trigger=None):
    evs = code_text(coder, text, ON)
    evs = [e for e in evs if trigger is None or e.trigger_text == trigger]
    assert evs, "no event coded"
    return evs[0].location


# (sentence, trigger, place named, its country, how it was found)
PLACES = [
    ("Russian forces shelled Kharkiv on Monday.", "shelled", "Kharkiv", "UKR", "clause"),
    ("Israeli jets struck targets in Tripoli, Lebanon, on Sunday.", "struck", "Tripoli", "LBN", "clause"),
    ("Libyan militias clashed in Tripoli on Sunday.", "clashed", "Tripoli", "LBY", "clause"),
    ("Police arrested two protesters in Paris, Texas.", "arrested", "Paris", "USA", "clause"),
    ("French police arrested two protesters in Paris.", "arrested", "Paris", "FRA", "clause"),
    ("American and Iranian diplomats held talks in Geneva on Friday.", "held", "Geneva", "CHE", "clause"),
    ("Zambia extradited a Nigerian suspect to Britain on Sunday.", "extradited", "Britain", "GBR", "clause"),
]


@pytest.mark.parametrize("text, trigger, name, country, via", PLACES, ids=[p[0][:40] for p in PLACES])
def test_the_place_and_its_country(coder, text, trigger, name, country, via):
    loc = _located(coder, text, trigger)
    assert loc is not None and (loc.text, loc.country, loc.via) == (name, country, via), loc
    if loc.precision == "place":
        assert loc.lat is not None and loc.lon is not None and loc.geonames_id


def test_no_place_in_the_text_is_no_place(coder):
    assert _located(coder, "Japan criticized China over the islands.", "criticized") is None


def test_a_country_is_located_to_the_country_without_a_point(coder):
    loc = _located(coder, "Protesters rallied in the Netherlands against the government.", "rallied")
    assert (loc.country, loc.precision, loc.lat, loc.lon) == ("NLD", "country", None, None)


def test_a_venue_is_where_it_happened_but_no_party(coder):
    evs = code_text(coder, "The Georgian and Armenian foreign ministers met in Istanbul on Friday.", ON)
    assert evs and all(e.target is None or e.target.code != "TUR" for e in evs), evs
    assert all(e.location is not None and e.location.country == "TUR" for e in evs)


def test_the_dateline_locates_what_the_text_does_not(coder):
    assert dateline_of("KABUL — Police detained two journalists.") == "Kabul"
    assert dateline_of("BLANTYRE, Malawi — The court ruled.") == "Blantyre"
    assert dateline_of("Police detained two journalists.") is None
    art = Article.from_text("KABUL — Afghan police detained two Pakistani journalists on Tuesday.", published=date(2025, 3, 14))
    evs = coder.code_article(art).events
    assert evs and evs[0].location is not None and (evs[0].location.country, evs[0].location.via) == ("AFG", "dateline")


def test_the_gazetteer_is_geonames_with_our_places_first():
    g = gazetteer()
    assert {p.country for p in g.lookup("Tripoli")} >= {"LBY", "LBN"}
    assert g.lookup("Britain")[0].country == "GBR"  # the names news uses for countries
    assert g.lookup("georgia")[0].kind == "country" and any(p.kind == "admin1" for p in g.lookup("Georgia"))


# (sentence, trigger, region named, its country): first-level regions everywhere, at their centre
REGIONS = [
    ("Russian forces shelled the Donetsk region on Monday.", "shelled", "Donetsk", "UKR"),
    ("Russian drones struck Kharkiv Oblast overnight.", "struck", "Kharkiv", "UKR"),
    ("Syrian jets bombed rebels in Idlib province.", "bombed", "Idlib", "SYR"),
    ("Syrian jets bombed rebels in the province of Idlib.", "bombed", "Idlib", "SYR"),
    ("Nigerian troops killed ten militants in Borno state.", "killed", "Borno", "NGA"),
    # no town has the name: the region it is
    ("Pakistani troops killed five militants in Balochistan.", "killed", "Balochistan", "PAK"),
]


@pytest.mark.parametrize("text, trigger, name, country", REGIONS, ids=[r[0][:40] for r in REGIONS])
def test_a_region_is_located_to_the_region(coder, text, trigger, name, country):
    loc = _located(coder, text, trigger)
    assert loc is not None and (loc.name, loc.country, loc.precision, loc.admin1) == (name, country, "admin1", name), loc
    assert loc.lat is not None and loc.lon is not None


def test_a_city_is_not_its_region_and_names_the_region_it_is_in(coder):
    # "Kharkiv" alone is the city; the city's record names its region, here and in Texas
    loc = _located(coder, "Russian forces shelled Kharkiv on Monday.", "shelled")
    assert (loc.name, loc.precision, loc.admin1) == ("Kharkiv", "place", "Kharkiv"), loc
    loc = _located(coder, "Police arrested two protesters in Paris, Texas.", "arrested")
    assert (loc.country, loc.precision, loc.admin1) == ("USA", "place", "Texas"), loc


def test_regions_sit_inside_their_country():
    g = gazetteer()
    donetsk = next(p for p in g.lookup_region("Donetsk") if p.kind == "admin1")
    assert donetsk.country == "UKR" and 47.0 < donetsk.lat < 49.5 and 36.5 < donetsk.lon < 39.0
    texas = next(p for p in g.lookup_region("Texas") if p.kind == "admin1")
    assert 26.0 < texas.lat < 36.5 and -106.5 < texas.lon < -93.5


@pytest.fixture(scope="module")
def located_store(coder, tmp_path_factory):
    from dyadwatch import code_sources

    d = tmp_path_factory.mktemp("geo")
    (d / "in").mkdir()
    (d / "in" / "a.txt").write_text(
        "Date: 2025-03-10\n\nRussian forces shelled Kharkiv on Monday. Ukrainian drones struck an oil depot in Belgorod. "
        "Japan criticized China over the islands.\n", "utf-8")
    db = d / "g.duckdb"
    with Store(db) as store:
        code_sources([d / "in"], store, coder=coder)
    return db


def test_events_by_where_they_happened(located_store):
    from dyadwatch.cli import app

    r = CliRunner().invoke(app, ["events", "--db", str(located_store), "--country", "UKR", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in r.output.splitlines() if x.startswith("{")]
    assert rows and {x["location_country"] for x in rows} == {"UKR"}
    # Belgorod is 70 km from Kharkiv, Tokyo much further
    r = CliRunner().invoke(app, ["events", "--db", str(located_store), "--near", "49.99,36.23", "--km", "100", "--format", "json"])
    near = {json.loads(x)["location_name"] for x in r.output.splitlines() if x.startswith("{")}
    assert near == {"Kharkiv", "Belgorod"}, r.output
    bad = CliRunner().invoke(app, ["events", "--db", str(located_store), "--near", "north"])
    assert bad.exit_code == 2 and "--near" in bad.output


def test_the_geojson_export_is_rfc_7946(located_store, tmp_path):
    from dyadwatch.cli import app

    out = tmp_path / "e.geojson"
    r = CliRunner().invoke(app, ["events", "--db", str(located_store), "--format", "geojson", "--out", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text("utf-8"))
    assert data["type"] == "FeatureCollection" and data["features"]
    for f in data["features"]:
        assert f["type"] == "Feature" and set(f) >= {"geometry", "properties"}
        g = f["geometry"]
        if g is not None:  # [lon, lat], in range
            lon, lat = g["coordinates"]
            assert g["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
            assert (lat, lon) == (f["properties"]["lat"], f["properties"]["lon"])
        else:
            assert f["properties"]["lat"] is None
    assert feature_collection([])["features"] == []


def test_a_word_of_a_longer_name_is_no_place(coder):
    # "the Black Sea" names no place of the gazetteer; its last word is not Seattle's short name
    evs = code_text(coder, "Russia and Ukraine agreed to a ceasefire in the Black Sea on Tuesday.", ON)
    assert evs and all(e.location is None or e.location.country != "USA" for e in evs), [e.location for e in evs]
    # while a direction before a name is dropped: "Western Cambodia" is in Cambodia
    loc = _located(coder, "Vietnamese forces retook a village in Western Cambodia on Monday.")
    assert loc is not None and loc.country == "KHM", loc


def test_a_place_named_elsewhere_in_the_sentence_or_a_month_is_no_location(coder):
    # the place belongs to the trial, not to the killing it is about
    evs = code_text(coder, "A trial opened in Paris over the 2004 bombing that killed nine French soldiers in Ivory Coast.", ON)
    kill = [e for e in evs if e.trigger_text == "killed"]
    assert kill and all(e.location is None or e.location.country != "FRA" for e in kill), [e.location for e in kill]
    evs = code_text(coder, "In March, the Quad leaders agreed to expand maritime cooperation with India.", ON)
    assert all(e.location is None for e in evs), [e.location for e in evs]


def test_a_dateline_locates_only_its_own_countrys_events(coder):
    art = Article.from_text("ISLAMABAD/PENTAGON — U.S. officials said American troops left Kandahar air base.", published=date(2025, 3, 14))
    evs = coder.code_article(art).events
    assert all(e.location is None or e.location.via != "dateline" for e in evs), [e.location for e in evs]
    assert dateline_of("ISLAMABAD/PENTAGON — U.S. officials said …") == "Islamabad"
    assert gazetteer().lookup("Islamabad")[0].country == "PAK"  # its own name before another place's other name


def test_a_movement_verbs_object_carries_where_it_went_from_and_outside_of_is_a_place(coder):
    loc = _located(coder, "UN helicopters evacuated the wounded from the besieged Bosnian town of Gorazde on Friday.", "evacuated")
    assert loc is not None and (loc.country, loc.precision) == ("BIH", "place"), loc
    loc = _located(coder, "Three American soldiers were killed by a bomb outside of the Iraqi city of Basra.", "killed")
    assert loc is not None and (loc.country, loc.precision) == ("IRQ", "place"), loc


@pytest.mark.parametrize("text, trigger, country", [
    ("Afghan rebels shelled the outskirts of Kabul.", "shelled", "AFG"),           # a part of a place: the place
    ("A journalist was killed in a bomb blast in a sector of mostly Christian east Beirut.", "killed", "LBN"),
    ("Israeli troops forced Palestinian refugees from their homes in a West Bank town.", "forced", "PSE"),
])
def test_a_part_of_a_place_and_a_named_kind_of_place_are_located(coder, text, trigger, country):
    loc = _located(coder, text, trigger)
    assert loc is not None and loc.country == country, loc


@pytest.fixture(scope="module")
def parse():
    from dyadwatch.nlp.pipeline import load_pipeline
    from dyadwatch.nlp.repairs import repair_parse

    nlp = load_pipeline()
    return lambda text: repair_parse(nlp(text))


def _place_of(parse, text: str, trigger: str, actors: set[str], **kw):
    """The locator alone, on the trigger's token (what the coder makes of the sentence aside)."""
    from dyadwatch.geo.locate import _named_countries, locate

    doc = parse(text)
    tok = next(t for t in doc if t.text == trigger)
    return locate(tok, 0, gazetteer(), actors, set(), None, sentence_codes=_named_countries(doc, gazetteer()), **kw)


# (sentence, trigger, the event's actors' countries, place text, country): where the event's
# clause reaches a place only through a participle on its actor, a purpose infinitive, a
# site's name, a chain of parts, or a relative clause on the event's own noun
REACHED = [
    ("Half of the militia fighters operating in Mali have been disarmed since the accord.", "disarmed", {"MLI"}, "Mali", "MLI"),
    ("Saboteurs blew up two pipelines leading into Kirkuk last week.", "blew", set(), "Kirkuk", "IRQ"),
    ("The African Union sent 30 observers to Burundi on Monday to monitor the vote.", "monitor", set(), "Burundi", "BDI"),
    ("Farmers were gathering on Friday for a rally in Nairobi to protest the new land tax.", "protest", set(), "Nairobi", "KEN"),
    ("Soldiers detained 40 men in a Mosul prison during a sweep for weapons.", "detained", set(), "Mosul", "IRQ"),
    ("The army shelled rebel positions in the northern part of the Jaffna peninsula.", "shelled", set(), "Jaffna peninsula", "LKA"),
    ("Unions began a general strike that paralysed Kathmandu for two days.", "strike", set(), "Kathmandu", "NPL"),
]


@pytest.mark.parametrize("text, trigger, actors, name, country", REACHED, ids=[r[0][:40] for r in REACHED])
def test_a_place_the_clause_reaches_through_its_words(parse, text, trigger, actors, name, country):
    loc = _place_of(parse, text, trigger, actors)
    assert loc is not None and (loc.text, loc.place.country, loc.via) == (name, country, "clause"), loc


def test_a_participle_with_a_subject_of_its_own_is_another_clause(parse):
    # the march, not the arrest, was in Nairobi: "that gathered in Nairobi" has its own subject,
    # so it is no place of the arrest's clause (at most a place elsewhere in the sentence)
    loc = _place_of(parse, "Police arrested the organisers of a march that gathered in Nairobi last year.", "arrested", set())
    assert loc is None, loc


def test_an_abbreviated_name_before_a_site_is_its_owner_not_its_place(parse):
    # "a US base" is the United States' base, wherever it is; "a Mosul prison" is in Mosul
    assert _place_of(parse, "Militants fired rockets at a US base on Tuesday.", "fired", set()) is None


def test_the_country_a_place_noun_is_said_to_be_in_decides_between_namesakes(parse):
    # Tripoli: the Libyan capital is five times larger, but the sentence calls it a Lebanese port
    loc = _place_of(parse, "Rival gunmen clashed in Tripoli as shells fell on the north Lebanese port.", "clashed", set())
    assert loc is not None and (loc.text, loc.place.country) == ("Tripoli", "LBN"), loc
    loc = _place_of(parse, "Rival gunmen clashed in Tripoli on Sunday.", "clashed", set())
    assert loc is not None and loc.place.country == "LBY", loc
    # an actor's adjective says nothing of the place: Geneva is still in Switzerland
    loc = _place_of(parse, "American and Russian negotiators met in Geneva this week.", "met", {"USA", "RUS"})
    assert loc is not None and loc.place.country == "CHE", loc


@pytest.mark.parametrize("text", [
    # a place of another clause, even in the actors' own country (judged by hand on VOA events,
    # such a place was the event's country in 24 of 40 even kept to one place of an actor's country)
    "The Kenyan foreign minister resigned on Sunday as protesters marched on parliament in Nairobi.",
    "The Kenyan foreign minister resigned on Sunday as Ugandan troops massed in Kampala.",
])
def test_the_rest_of_the_sentence_locates_nothing(parse, text):
    assert _place_of(parse, text, "resigned", {"KEN"}) is None


def test_a_dateline_locates_to_its_country_only(coder):
    # the story was written in Blantyre; that each act of it happened there is not said
    art = Article.from_text("BLANTYRE, Malawi — Malawi's High Court ordered the school to readmit the girl.", published=date(2025, 3, 14))
    locs = [e.location for e in coder.code_article(art).events if e.location is not None]
    assert locs and all((x.country, x.precision, x.via, x.lat) == ("MWI", "country", "dateline", None) for x in locs), locs


def test_a_list_of_places_is_the_one_in_the_actors_country_or_none(parse):
    text = "Kenyan camps sheltered people fleeing the wars in Somalia and Sudan."
    loc = _place_of(parse, text, "wars", {"SDN"})
    assert loc is not None and loc.place.country == "SDN", loc
    assert _place_of(parse, text, "wars", {"KEN"}) is None  # in two countries, neither the actors': no one place


@pytest.mark.parametrize("text, trigger", [
    ("Washington gave military aid to its partners in Asia.", "gave"),                 # a continent is no town
    ("Navies held joint patrols in the Gulf of Guinea.", "held"),                      # nor a gulf
    ("Italy tightened restrictions on all travel from India.", "tightened"),           # where travel comes from
    ("The Alliance, headquartered in Copenhagen, was sanctioned by Beijing.", "sanctioned"),  # a body's seat
    ("Clifford, of the Committee for Freedom in Hong Kong, urged sanctions.", "urged"),       # a word of a name
])
def test_what_is_no_place_of_the_event(parse, text, trigger):
    assert _place_of(parse, text, trigger, set()) is None


def test_force_used_on_a_named_place_is_located_there(parse):
    loc = _place_of(parse, "Officials condemned the missile attack on Kharkiv.", "attack", set(), force=True)
    assert loc is not None and loc.place.country == "UKR", loc
    # not an act of force: the sanctions on Russia are imposed elsewhere
    assert _place_of(parse, "Officials welcomed the sanctions on Russia.", "sanctions", set()) is None


def test_a_verbal_act_is_located_where_what_it_is_about_is(parse):
    # the PLOVER records' convention: a refusal of demands to release prisoners in Sudan is in Sudan
    text = "Egypt said it would not meet the kidnappers' demands to release prisoners in Sudan."
    assert _place_of(parse, text, "meet", {"EGY"}, verbal=True).place.country == "SDN"
    # an act that is no verbal act does not reach into an infinitive on its object
    assert _place_of(parse, "Egypt sent envoys with orders to free prisoners in Sudan.", "sent", {"EGY"}) is None


# -- the sides' one country, the article's main place, where it was said ---------------
def test_a_material_act_between_two_sides_of_one_country_is_in_that_country(coder):
    loc = _located(coder, "Egyptian police arrested Egyptian journalists on Monday.", "arrested")
    assert loc is not None and (loc.country, loc.precision, loc.via) == ("EGY", "country", "domestic")
    # the other side of another country, or a verbal act: where is not said
    assert _located(coder, "Egyptian police arrested Sudanese journalists on Monday.", "arrested") is None
    assert _located(coder, "The Egyptian government criticized Egyptian journalists on Monday.", "criticized") is None


def _by_trigger(coder, text):
    return {e.trigger_text: e.location for e in code_text(coder, text, ON)}


def test_an_unlocated_material_act_takes_the_articles_one_place(coder):
    locs = _by_trigger(coder, "Iraqi troops shelled Islamic State positions in Mosul on Tuesday. "
                              "Islamic State fighters attacked Iraqi troops on Wednesday. "
                              "Islamic State fighters condemned Iraqi troops.")
    assert (locs["shelled"].name, locs["shelled"].via) == ("Mosul", "clause")
    assert (locs["attacked"].name, locs["attacked"].country, locs["attacked"].via) == ("Mosul", "IRQ", "article")
    assert locs["attacked"].start is None  # no words of its own sentence say so
    assert locs["condemned"] is None  # a verbal act is not where the article's acts are


def test_an_article_whose_acts_are_in_two_countries_gives_its_other_acts_no_place(coder):
    locs = _by_trigger(coder, "Iraqi troops shelled Islamic State positions in Mosul on Tuesday. "
                              "Syrian troops bombed Islamic State positions in Raqqa on Tuesday. "
                              "Islamic State fighters attacked Iraqi troops on Wednesday.")
    assert locs["shelled"].country == "IRQ" and locs["bombed"].country == "SYR"
    assert locs["attacked"] is None


def test_a_two_sided_act_of_one_country_gets_the_articles_closer_place(coder):
    locs = _by_trigger(coder, "Somali troops shelled al-Shabab positions in Beledweyne on Tuesday. "
                              "Al-Shabab fighters attacked Somali troops on Wednesday.")
    assert (locs["attacked"].name, locs["attacked"].precision, locs["attacked"].via) == ("Beledweyne", "place", "article")


def test_a_participle_of_saying_on_an_act_says_where_it_was_said(parse):
    loc = _place_of(parse, "Dodik rejected the warrant, telling reporters in Banja Luka that it was political.",
                    "rejected", {"BIH"})
    assert loc is not None and (loc.place.name, loc.place.country) == ("Banja Luka", "BIH")
    assert _place_of(parse, "Dodik rejected the warrant, calling it a plot by judges in Sarajevo.", "rejected", {"BIH"}) is None


def test_the_articles_place_is_its_leads_where_later_acts_lie_inside_it(coder):
    # the lead is placed in a region; an earlier ambush in a town of that region does not make
    # the story's other acts that town's
    locs = _by_trigger(coder, "Separatist militants attacked Pakistani troops in Pakistan's Balochistan province on Tuesday. "
                              "Last month, separatist militants ambushed Pakistani troops in Kalat. "
                              "The militants also killed ten Pakistani soldiers on Wednesday.")
    assert (locs["ambushed"].name, locs["ambushed"].via) == ("Kalat", "clause")
    assert (locs["killed"].name, locs["killed"].precision, locs["killed"].via) == ("Balochistan", "admin1", "article")


@pytest.mark.parametrize("text, trigger, name, country", [
    ("Turkish jets flew low across the Turkish capital in a two-day exercise.", "exercise", "Ankara", "TUR"),
    ("Gunmen attacked a hotel in the Somali capital on Friday.", "attacked", "Mogadishu", "SOM"),
    ("Protesters rallied in Kenya's capital on Sunday against the government.", "rallied", "Nairobi", "KEN"),
    # a place noun's own name in apposition
    ("Protesters rallied in the capital, Nairobi, against the Kenyan government.", "rallied", "Nairobi", "KEN"),
])
def test_a_capital_named_by_whose_it_is_or_in_apposition_is_that_city(coder, text, trigger, name, country):
    loc = _located(coder, text, trigger)
    assert loc is not None and (loc.name, loc.country, loc.precision) == (name, country, "place"), loc


def test_a_capital_of_no_one_country_is_no_place(coder):
    # "the capital" alone, or of two countries: which city is not said
    assert _located(coder, "Kenyan protesters rallied in the capital on Sunday against the government.", "rallied") is None
    assert gazetteer().capital("TUR").name == "Ankara" and gazetteer().capital("XXX") is None
