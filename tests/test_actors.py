"""Actor resolution: by date, inside the noun phrase, metonyms, and document memory."""

from __future__ import annotations

import re
from datetime import date

import pycountry
import pytest

from dyadwatch import ActorDictionary

from .conftest import code_text


@pytest.fixture(scope="session")
def dictionary():
    return ActorDictionary.bundled()


def _actor_at(d, name, on):
    (aid, _via), *_ = [c for c in d.candidates(name) if c[0].startswith("person:")]
    return d.get(aid).at(on)[:2]


@pytest.mark.parametrize(
    "name, on, expected",
    [
        ("Donald Trump", date(2019, 12, 17), ("USA", "GOV")),
        ("Donald Trump", date(2017, 1, 19), ("USA", "ELI")),
        ("Donald Trump", date(2017, 1, 20), ("USA", "GOV")),
        ("Donald Trump", date(2021, 1, 19), ("USA", "GOV")),
        ("Donald Trump", date(2021, 1, 21), ("USA", "ELI")),
        ("Donald Trump", date(2023, 6, 1), ("USA", "ELI")),
        ("Donald Trump", date(2025, 1, 20), ("USA", "GOV")),
        ("Mike Pompeo", date(2019, 12, 17), ("USA", "GOV")),
        ("Mark Esper", date(2019, 12, 17), ("USA", "GOV")),
        ("Mark Esper", date(2019, 1, 1), ("USA", "ELI")),
        ("Kim Jong Un", date(2019, 12, 17), ("PRK", "GOV")),
        ("Kim Jong-un", date(2019, 12, 17), ("PRK", "GOV")),
        ("Vladimir Putin", date(2010, 6, 1), ("RUS", "GOV")),
    ],
)
def test_people_by_date(dictionary, name, on, expected):
    assert _actor_at(dictionary, name, on) == expected


@pytest.mark.parametrize(
    "name, inside, after, code",
    [
        ("Jean Asselborn", date(2015, 6, 1), date(2024, 6, 1), "LUX"),
        ("Linas Linkevicius", date(2015, 1, 1), date(2022, 1, 1), "LTU"),
        ("Jeppe Kofod", date(2021, 3, 1), date(2023, 6, 1), "DNK"),
        ("Antti Kaikkonen", date(2021, 5, 1), date(2024, 1, 1), "FIN"),
        ("Eduard Nalbandyan", date(2015, 9, 1), date(2019, 9, 1), "ARM"),
        ("Pedro Brolo", date(2021, 1, 1), date(2023, 1, 1), "GTM"),
        ("Nurlan Yermekbayev", date(2019, 6, 1), date(2022, 6, 1), "KAZ"),
        ("Oldemiro Baloi", date(2012, 1, 1), date(2019, 1, 1), "MOZ"),
        ("Lemma Megersa", date(2019, 6, 1), date(2020, 9, 1), "ETH"),
        ("Innocent Bashungwa", date(2023, 8, 29), date(2023, 8, 30), "TZA"),
        ("Vincent Ssempijja", date(2022, 1, 1), date(2024, 6, 1), "UGA"),
        ("Farhat Horchani", date(2016, 1, 1), date(2018, 1, 1), "TUN"),
        ("Kalla Moutari", date(2018, 1, 1), date(2020, 1, 1), "NER"),
    ],
)
def test_ministers_from_people_ministers_by_date(dictionary, name, inside, after, code):
    """people_ministers.tsv: a foreign or defence minister is the government in office and elite after it."""
    assert _actor_at(dictionary, name, inside) == (code, "GOV")
    assert _actor_at(dictionary, name, after) == (code, "ELI")


def test_every_code_is_iso_or_igo(dictionary):
    iso = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    igo_codes = {e.code for e in dictionary.entries.values() if e.kind in ("igo", "group")}
    for e in dictionary.entries.values():
        codes = [e.code] + [r.code for r in e.roles]
        for c in codes:
            assert c in iso or c in igo_codes or c == "IMG", f"{e.actor_id}: {c} is neither ISO 3166 alpha-3 nor an IGO code"
    igo_only = {e.code for e in dictionary.entries.values() if e.kind == "igo"}
    assert not igo_only & iso, f"IGO codes that collide with country codes: {igo_only & iso}"
    for c in igo_only:
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", c), c


def test_every_iso_country_has_a_name_and_adjective(dictionary):
    countries = {e.code for e in dictionary.entries.values() if e.actor_id.startswith("country:")}
    assert {c.alpha_3 for c in pycountry.countries} <= countries
    adjectives = {aid for forms in dictionary.names.values() for aid, via in forms if via == "adjective"}
    missing = [c for c in countries if f"country:{c}" not in adjectives]
    assert not missing, missing


def test_roles_of_one_person_do_not_overlap(dictionary):
    for e in dictionary.entries.values():
        by_role = {}
        for r in e.roles:
            by_role.setdefault(r.role, []).append(r)
        for role, spans in by_role.items():
            spans.sort(key=lambda r: r.start or date.min)
            for a, b in zip(spans, spans[1:]):
                assert a.end is not None and a.end <= b.start, f"{e.name}: two '{role}' terms overlap ({a.start}..{a.end}, {b.start}..)"
            for r in spans:
                assert r.end is None or r.start is None or r.start < r.end, f"{e.name}: {role} ends before it starts"


def _pairs(events):
    return {(e.source.code, e.source.sector, e.target.code if e.target else None) for e in events}


def test_title_and_country_inside_the_noun_phrase(coder):
    evs = code_text(coder, "Russian Foreign Minister Sergei Lavrov criticized Japan.", "2019-05-01")
    assert [(e.source.code, e.source.sector, e.target.code) for e in evs] == [("RUS", "GOV", "JPN")]


def test_adjective_plus_agent_gives_sector(coder):
    evs = code_text(coder, "The Sri Lankan army attacked Tamil rebels.", "2008-05-01")
    assert evs and evs[0].source.code == "LKA" and evs[0].source.sector == "MIL"
    evs = code_text(coder, "Iranian protesters denounced the United States.", "2019-05-01")
    assert evs and (evs[0].source.code, evs[0].source.sector, evs[0].target.code) == ("IRN", "CVL", "USA")


@pytest.mark.parametrize(
    "text, source",
    [
        ("Pyongyang criticized Seoul.", ("PRK", "GOV")),
        ("Washington criticized Pyongyang.", ("USA", "GOV")),
        ("The White House criticized Iran.", ("USA", "GOV")),
        ("The Kremlin criticized Ukraine.", ("RUS", "GOV")),
    ],
)
def test_capitals_and_seats_are_governments(coder, text, source):
    evs = code_text(coder, text, "2019-05-01")
    assert evs and (evs[0].source.code, evs[0].source.sector) == source


def test_surname_after_full_name_is_the_same_person(coder):
    text = ("US President Donald Trump met South Korean officials on Monday. "
            "Later Trump praised Japan.")
    evs = code_text(coder, text, "2019-05-01")
    praise = [e for e in evs if e.cameo == "051"]
    assert praise and praise[0].source.actor_id == "person:donald-trump"
    assert (praise[0].source.code, praise[0].source.sector) == ("USA", "GOV")


def test_this_country_is_the_last_subject_country(coder):
    text = "North Korea criticized South Korea on Monday. Then this country fired two missiles."
    evs = code_text(coder, text, "2019-12-17")
    fire = [e for e in evs if e.trigger_text == "fired"]
    assert fire and fire[0].source.code == "PRK" and fire[0].source.via == "memory"


def test_unknown_name_is_kept_with_null_code(coder):
    evs = code_text(coder, "Zorblat Quenwick criticized Iran.", "2019-05-01")
    assert evs and evs[0].source.code is None and "Zorblat" in evs[0].source.text
    assert evs[0].target.code == "IRN"


@pytest.mark.parametrize(
    "text, on, source, target",
    [
        # one letter off a known leader's surname, after a title or the person's given name
        ("President Erdogen criticized Greece.", "2019-05-01", ("TUR", "GOV"), "GRC"),
        ("Emmanuel Macrom criticized Italy.", "2019-05-01", ("FRA", "GOV"), "ITA"),
        # one letter off a country name of seven letters or more
        ("Venezula criticized Colombia.", "2019-05-01", ("VEN", None), "COL"),
        ("Brazil criticized Argentinia.", "2019-05-01", ("BRA", "GOV"), "ARG"),  # a country named bare: its government
    ],
)
def test_misspelled_names_resolve(coder, text, on, source, target):
    evs = code_text(coder, text, on)
    assert evs and (evs[0].source.code, evs[0].source.sector) == source and evs[0].target.code == target
    assert "fuzzy" in (evs[0].source.via, evs[0].target.via) or evs[0].source.via == "surname"


def test_near_names_that_are_not_actors_stay_unknown(coder):
    # a surname-like word without a title or given name before it, and a short word
    evs = code_text(coder, "Yesterday Erdogen criticized Irak.", "2019-05-01")
    assert all(e.source.code is None for e in evs)


@pytest.mark.parametrize("on, who", [("1991-06-01", "person:george-h-w-bush"), ("2006-06-01", "person:george-w-bush")])
def test_titled_surname_shared_by_two_people_is_the_one_in_office(coder, on, who):
    evs = code_text(coder, "President Bush criticized Iran.", on)
    assert evs and evs[0].source.actor_id == who and evs[0].source.code == "USA"


def test_titled_surname_outside_any_term_is_the_nearest_term(coder):
    # between the two presidencies: the father left office in 1993, the son came in 2001
    evs = code_text(coder, "President Bush criticized Iran.", "1994-01-01")
    assert evs and evs[0].source.actor_id == "person:george-h-w-bush" and evs[0].source.sector in ("ELI", "GOV")


def test_a_capital_after_in_is_a_place_not_its_government(coder):
    evs = code_text(coder, "The Algerian government imposed a curfew in Algiers.", "2001-06-01")
    assert evs and (evs[0].source.code, evs[0].source.sector) == ("DZA", "GOV")
    # (the people of the place the curfew is imposed on: civilians, not its government)
    assert (evs[0].target.code, evs[0].target.sector, evs[0].target.via) == ("DZA", "CVL", "place")


@pytest.mark.parametrize("text, target", [
    ("Russia criticized Iran's allies.", None),
    ("Hezbollah fighters killed a commander of Israel's militia allies in southern Lebanon.", "LBN"),
])
def test_an_ally_of_a_country_is_not_that_country(coder, text, target):
    evs = code_text(coder, text, "2019-05-01")
    assert evs and evs[0].target is not None and evs[0].target.code == target


@pytest.mark.parametrize("text, who", [
    ("President Omar El Bashir criticized Egypt.", "person:omar-al-bashir"),
    ("Omar el-Bashir criticized Egypt.", "person:omar-al-bashir"),
    # the bare name without its article, once the article has named him in full
    ("Omar al-Bashir flew to Khartoum on Sunday. On Monday Bashir criticized Egypt.", "person:omar-al-bashir"),
])
def test_the_arabic_article_is_spelled_every_common_way(coder, text, who):
    evs = [e for e in code_text(coder, text, "2005-05-01") if e.cameo_root == "11"]
    assert evs and evs[0].source.actor_id == who and evs[0].source.code == "SDN"


def test_a_country_that_only_names_a_border_is_not_an_actor(coder):
    # no actor with a code is left: better no event than one on the wrong dyad
    assert code_text(coder, "Rebels attacked a village near the Thai border.", "2019-05-01") == []
    evs = code_text(coder, "Russia closed its southern borders with Iran and Turkey.", "2019-05-01")
    assert {(e.source.code, e.target.code) for e in evs} == {("RUS", "IRN"), ("RUS", "TUR")}


@pytest.mark.parametrize("text, source, target", [
    ("Anti-American protesters marched in Cairo.", ("EGY", "CVL"), ("USA", None)),
    ("Thousands of anti-government protesters marched in Cairo.", ("EGY", "CVL"), ("EGY", "GOV")),
])
def test_anti_names_whom_protesters_oppose_not_who_they_are(coder, text, source, target):
    evs = [e for e in code_text(coder, text, "2011-02-01") if e.cameo_root == "14"]
    assert evs and (evs[0].source.code, evs[0].source.sector) == source
    assert (evs[0].target.code, evs[0].target.sector) == target


@pytest.mark.parametrize("text, place, target", [
    ("A roadside bomb near Baghdad killed two American soldiers.", "IRQ", "USA"),
    ("Three Turkish engineers were killed outside the Iraqi city of Mosul.", "IRQ", "TUR"),
])
def test_violence_by_no_one_named_is_placed_where_it_happened(coder, text, place, target):
    evs = [e for e in code_text(coder, text, "2007-05-01") if e.cameo_root in ("18", "19")]
    assert evs and (evs[0].source.code, evs[0].source.via, evs[0].target.code) == (place, "unnamed+place", target)
    assert evs[0].source.text == ""  # the author stays unnamed


def test_violence_by_no_one_named_nowhere_named_has_no_source_code(coder):
    evs = [e for e in code_text(coder, "A roadside bomb killed two American soldiers.", "2007-05-01") if e.cameo_root in ("18", "19")]
    assert evs and evs[0].source.code is None and evs[0].target.code == "USA"


@pytest.mark.parametrize("text, on, source", [
    ("UNITA rebels attacked a convoy of the Angolan army.", "1998-05-01", ("AGO", "REB")),
    ("The Revolutionary United Front attacked Freetown.", "1999-01-06", ("SLE", "REB")),
    ("Algerian prisoners rioted in a jail near Algiers.", "1995-05-01", ("DZA", "CVL")),
    ("Egyptian fundamentalists denounced the government.", "1995-05-01", ("EGY", "REL")),
])
def test_historical_armed_groups_and_more_agent_words(coder, text, on, source):
    evs = code_text(coder, text, on)
    assert evs and (evs[0].source.code, evs[0].source.sector) == source


@pytest.mark.parametrize("text, source", [
    ("Bosnian Serbs demanded a truce from the Bosnian army.", "BIH"),
    ("Iraqi Turkmens protested against the Kurdish authorities.", "IRQ"),  # the source only
    ("Turkish Cypriots protested against Greece.", "CYP"),
])
def test_a_people_of_another_country_is_placed_by_its_adjective(coder, text, source):
    evs = code_text(coder, text, "1995-05-01")
    assert evs and evs[0].source.code == source


def test_supporters_of_an_unknown_person_are_supporters_placed_by_the_sentence(coder):
    evs = code_text(coder, "Hundreds of supporters of Jorvald Brinkstad blocked roads in Algiers.", "2004-05-01")
    block = [e for e in evs if e.cameo == "144"]
    assert block and (block[0].source.code, block[0].source.sector) == ("DZA", "CVL")


def test_a_city_places_an_event_but_never_acts_for_a_government(coder):
    evs = code_text(coder, "A roadside bomb near Samarra killed two American soldiers.", "2007-05-01")
    assert evs and (evs[0].source.code, evs[0].source.via) == ("IRQ", "unnamed+place")
    evs = code_text(coder, "Turkish jets bombed Kirkuk.", "2007-05-01")
    # (the city bombed stands for its people, not for a government)
    assert evs and (evs[0].target.code, evs[0].target.sector, evs[0].target.via) == ("IRQ", "CVL", "place")


def test_places_file_rejects_a_bad_country_code():
    from dyadwatch.actors.dictionary import ActorDictionary
    from dyadwatch.errors import DictionaryError

    d = ActorDictionary()
    with pytest.raises(DictionaryError, match="Atlantis"):
        d.add_places("name\\taliases\\tcode\\nAtlantis\\t\\tXXQ\\n", label="places")


@pytest.mark.parametrize("text, source", [
    ("Uighur activists protested against the Chinese government in Istanbul.", ("CHN", "HRI")),
    ("Rohingya refugees attacked Bangladeshi police.", ("MMR", "REF")),
])
def test_a_people_of_one_country_is_placed_in_it(coder, text, source):
    evs = code_text(coder, text, "2019-05-01")
    assert evs and (evs[0].source.code, evs[0].source.sector, evs[0].source.via) == (*source, "people")


def test_peoples_file_rejects_a_bad_country_code():
    from dyadwatch.actors.dictionary import ActorDictionary
    from dyadwatch.errors import DictionaryError

    with pytest.raises(DictionaryError, match="Zorbians"):
        ActorDictionary().add_peoples("name\\tforms\\tcode\\nZorbians\\t\\tZZQ\\n", label="peoples")


# -- unknown officials and bodies, partitives, pronouns for agents -------------------------

def _by_cameo_root(evs, root):
    return [e for e in evs if e.cameo.startswith(root)]


def test_unknown_official_takes_the_one_country_the_sentence_names(coder):
    evs = code_text(coder, "Vice-President Ruth Omondi refused to step down despite protests in Kenya.", "2006-03-01")
    src = [e.source for e in evs if e.source.text.startswith("Vice-President")]
    assert src and src[0].code == "KEN" and src[0].sector == "GOV"


def test_unknown_official_stays_unknown_where_two_countries_are_named(coder):
    evs = code_text(coder, "Judge Anna Bergqvist criticized Sweden and Norway over the fishing ruling.", "2006-03-01")
    assert all(e.source.code is None for e in evs if "Bergqvist" in e.source.text)


def test_unknown_named_body_is_an_ngo_but_not_a_national_one(coder):
    evs = code_text(coder, "The Coastal Fisheries Forum accused Ghana of ignoring illegal trawlers.", "2015-03-01")
    acc = _by_cameo_root(evs, "11")
    assert acc and acc[0].source.code == "NGO" and acc[0].target.code == "GHA"
    for state_body in ("The National Fisheries Commission", "The Electoral Commission", "The Transitional Council"):
        evs = code_text(coder, f"{state_body} accused Ghana of ignoring illegal trawlers.", "2015-03-01")
        assert not any(e.source.code == "NGO" for e in evs), state_body


def test_members_of_a_body_are_that_body(coder):
    evs = code_text(coder, "Members of the Ugandan parliament criticized Kenya over the border closure.", "2015-03-01")
    crit = _by_cameo_root(evs, "11")
    assert crit and crit[0].source.code == "UGA" and crit[0].target.code == "KEN"


def test_a_verb_joined_to_a_passive_one_is_done_by_its_subject(coder):
    evs = code_text(coder, "Peru's interior minister was censured by Congress and will resign.", "2015-03-01")
    resign = [e for e in evs if e.trigger_text.lower().startswith("resign")]
    assert resign and resign[0].source.code == "PER"


def test_they_refers_to_agents_placed_by_the_sentence(coder):
    evs = code_text(coder, "Gunmen loyal to a Somali warlord said they attacked a convoy of Ethiopian troops.", "2007-03-01")
    att = [e for e in evs if e.cameo.startswith(("18", "19"))]
    assert att and att[0].source.code == "SOM" and att[0].target.code == "ETH"


def test_faceless_violence_with_no_place_is_placed_with_its_victim(coder):
    evs = code_text(coder, "An attempt to assassinate a Peruvian judge was foiled on Monday.", "2015-03-01")
    att = [e for e in evs if e.cameo.startswith("18")]
    assert att and att[0].source.code == "PER" and att[0].source.text == ""


def test_unknown_foreign_minister_is_not_given_the_country_he_deals_with(coder):
    evs = code_text(coder, "Foreign Minister Tomas Ravelo criticized Germany over the gas deal.", "2015-03-01")
    crit = _by_cameo_root(evs, "11")
    assert not crit or crit[0].source.code is None
