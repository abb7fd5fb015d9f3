"""Importing other datasets' event files (GDELT 2.0/1.0, ICEWS, POLECAT, Phoenix, ACLED), comparing
origins, and exporting to GDELT and PLOVER. Every sample file is written here, in the dataset's
published layout, with the awkward cases each dataset has."""

from __future__ import annotations

import csv
import json
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch import Store
from dyadwatch.analysis.counting import Counting
from dyadwatch.analysis.dyads import dyad_summary
from dyadwatch.analysis.frame import load_events
from dyadwatch.coding.codebook import PLOVER_TYPES
from dyadwatch.datasets import compare_origins, import_files, origins
from dyadwatch.datasets.gdelt import GDELT1_COLUMNS, GDELT2_COLUMNS
from dyadwatch.datasets.icews import ICEWS_COLUMNS
from dyadwatch.datasets.tables import origin_where
from dyadwatch.datasets.phoenix import PHOENIX_COLUMNS
from dyadwatch.errors import UsageError
from dyadwatch.records import ActorRef, Article, Event, EventLocation
from dyadwatch.store.export import export_events

EVERYTHING = Counting(min_confidence=0.0, all_moods=True, statements=True)


# -- sample files ---------------------------------------------------------------------------
def gdelt_row(columns: tuple[str, ...], **values: str) -> str:
    """A GDELT row in the given layout (2.0's 61 columns or 1.0's 58/57), empty where not given."""
    row = dict.fromkeys(columns, "")
    for k, v in values.items():
        assert k in row, k
        row[k] = v
    return "\t".join(row.values())


def _g(gid, day, a1="", a1c="", a1t="", a2="", a2c="", a2t="", code="042", quad="1", gold="1.9", url="", **more):
    d = dict(GLOBALEVENTID=str(gid), SQLDATE=day, MonthYear=day[:6], Year=day[:4], FractionDate="2025.1644",
             Actor1Code=a1, Actor1Name=a1 and f"NAME OF {a1}", Actor1CountryCode=a1c, Actor1Type1Code=a1t,
             Actor2Code=a2, Actor2Name=a2 and f"NAME OF {a2}", Actor2CountryCode=a2c, Actor2Type1Code=a2t,
             IsRootEvent="1", EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass=quad,
             GoldsteinScale=gold, NumMentions="10", NumSources="2", NumArticles="8", AvgTone="-2.5", SOURCEURL=url)
    d.update(more)
    return d


GDELT2 = [
    _g(1001, "20250301", "PRKGOV", "PRK", "GOV", "USAGOV", "USA", "GOV", "0231", "1", "3.4", "https://news.example/1",
       ActionGeo_Type="4", ActionGeo_FullName="Pyongyang, P'yongyang-si, North Korea", ActionGeo_CountryCode="KN",
       ActionGeo_ADM1Code="KN12", ActionGeo_Lat="39.0194", ActionGeo_Long="125.755", DATEADDED="20250301120000"),
    _g(1002, "20250302", "", "", "", "USA", "USA", "", "190", "4", "-10", "https://news.example/2"),  # no actor 1
    _g(1003, "20250303", "ROMMIL", "ROM", "MIL", "", "", "", "010", "1", "0", "https://news.example/3"),  # CAMEO ROM, no actor 2
    _g(1004, "20250304", "UNO", "", "", "PRK", "PRK", "", "112", "3", "-2", "https://news.example/4", Actor1KnownGroupCode="UNO"),
]


def write_gdelt2(folder: Path, zipped: bool = True) -> Path:
    lines = [gdelt_row(GDELT2_COLUMNS, **r) for r in GDELT2]
    lines.insert(2, "1005\t20250301\tonly three fields")  # malformed: line 3
    lines.append(gdelt_row(GDELT2_COLUMNS, **_g(1006, "20251301", "USA", "USA", "", "PRK", "PRK", "")))  # bad date: line 6
    lines.append(gdelt_row(GDELT2_COLUMNS, **_g(1007, "20250305", "USA", "USA", "", "PRK", "PRK", "", code="999")))  # line 7
    plain = folder / "20250301000000.export.CSV"
    plain.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not zipped:
        return plain
    zpath = folder / "20250301000000.export.CSV.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(plain, plain.name)
    plain.unlink()
    return zpath


def write_gdelt1(folder: Path) -> Path:
    r58 = _g(2001, "20140512", "RUSGOV", "RUS", "GOV", "UKR", "UKR", "", "138", "3", "-7", "http://old.example/a")
    r58 = {k: v for k, v in r58.items() if k in GDELT1_COLUMNS}
    r57 = {k: v for k, v in _g(2002, "20120105", "IRN", "IRN", "", "ISR", "ISR", "", "111", "3", "-2").items() if k in GDELT1_COLUMNS[:57]}
    p = folder / "20140512.export.CSV"
    p.write_text(gdelt_row(GDELT1_COLUMNS, **r58) + "\n" + gdelt_row(GDELT1_COLUMNS[:57], **r57) + "\n", encoding="utf-8")
    return p


def _tsv(path: Path, header: tuple[str, ...] | list[str], rows: list[dict[str, str]], extra_lines: dict[int, str] | None = None) -> Path:
    lines = ["\t".join(header)] + ["\t".join(r.get(c, "") for c in header) for r in rows]
    for at, text in (extra_lines or {}).items():
        lines.insert(at - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ICEWS = [
    {"Event ID": "30001", "Event Date": "2019-06-30", "Source Name": "Donald Trump", "Source Sectors": "Government,Executive,Executive Office",
     "Source Country": "United States", "Event Text": "Make a visit", "CAMEO Code": "42", "Intensity": "1.9",
     "Target Name": "North Korea", "Target Sectors": "", "Target Country": "North Korea", "Story ID": "900", "Sentence Number": "1",
     "Publisher": "Example Wire", "City": "Panmunjom", "Province": "Kyonggi-do", "Country": "South Korea", "Latitude": "37.95", "Longitude": "126.67"},
    {"Event ID": "30002", "Event Date": "2019-07-02", "Source Name": "Police (India)", "Source Sectors": "Police;Government",
     "Source Country": "India", "Event Text": "Arrest, detain", "CAMEO Code": "173", "Intensity": "-5",
     "Target Name": "Citizen (India)", "Target Sectors": "", "Target Country": "India", "Story ID": "901"},
    {"Event ID": "30003", "Event Date": "2019-07-03", "Source Name": "Military (Russia)", "Source Sectors": "Army Mechanized (Ships, Tanks, Planes),Army",
     "Source Country": "Russian Federation", "Event Text": "Appeal for economic aid", "CAMEO Code": "231", "Intensity": "3.4",
     "Target Name": "China", "Target Country": "China", "Story ID": "902"},
    {"Event ID": "30004", "Event Date": "2019-07-05", "Source Name": "United Nations", "Source Sectors": "",
     "Source Country": "", "Event Text": "Appeal for humanitarian aid", "CAMEO Code": "233", "Intensity": "3.4",
     "Target Name": "Yemen", "Target Country": "Yemen", "Story ID": "904"},
    # the same Event ID on another date is another event (ICEWS ids are unique only with the date)
    {"Event ID": "30001", "Event Date": "2019-07-04", "Source Name": "Parliament (Japan)", "Source Sectors": "Government,Legislative / Parliamentary",
     "Source Country": "Japan", "Event Text": "Criticize or denounce", "CAMEO Code": "111", "Intensity": "-2",
     "Target Name": "South Korea", "Target Country": "South Korea", "Story ID": "903"},
]


def write_icews(folder: Path) -> Path:
    return _tsv(folder / "events.2019.20200427085336.tab", ICEWS_COLUMNS, ICEWS,
                {4: "30009\t2019-07-09\tshort row"})  # malformed: line 4


POLECAT_HEADER = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
                  "Actor Name", "Actor Country", "Primary Actor Sector", "Recipient Name", "Recipient Country",
                  "Primary Recipient Sector", "Placename", "State", "Country", "Latitude", "Longitude", "GeoNames ID",
                  "Source", "Story ID"]
POLECAT = [
    {"Event ID": "pc-1", "Event Date": "2023-01-02", "Event Type": "ASSAULT", "Event Mode": "firearms", "Event Intensity": "-8",
     "Quad Code": "4", "Contexts": "military", "Actor Name": "Russian Armed Forces", "Actor Country": "RUS", "Primary Actor Sector": "MIL",
     "Recipient Name": "Ukraine", "Recipient Country": "UKR", "Placename": "Kharkiv", "State": "Kharkivska", "Country": "UKR",
     "Latitude": "49.98", "Longitude": "36.25", "GeoNames ID": "706483", "Story ID": "s1"},
    {"Event ID": "pc-2", "Event Date": "2023-01-03", "Event Type": "REQUEST", "Event Mode": "", "Quad Code": "1",
     "Actor Name": "UN Secretary-General", "Actor Country": "", "Primary Actor Sector": "IGO", "Recipient Name": "Ethiopia",
     "Recipient Country": "ETH", "Story ID": "s2"},
    {"Event ID": "pc-3", "Event Date": "2023-01-04", "Event Type": "CONSULT", "Event Mode": "visit", "Actor Name": "Olaf Scholz",
     "Actor Country": "DEU", "Primary Actor Sector": "GOV;ELI", "Recipient Name": "China", "Recipient Country": "CHN", "Story ID": "s3"},
    {"Event ID": "pc-4", "Event Date": "2023-01-05", "Event Type": "DANCE", "Actor Name": "x", "Actor Country": "FRA"},  # line 5: unknown type
]


def write_polecat(folder: Path) -> Path:
    return _tsv(folder / "ngecEvents.DV.20230102.txt", POLECAT_HEADER + ["", ""], POLECAT)  # excess empty header columns


PHOENIX = [
    ["p1", "20170102", "2017", "1", "2", "USAGOV", "USA", "GOV", "", "IRNGOV", "IRN", "GOV", "", "111", "11", "3", "-2.0", "",
     "35.69", "51.42", "Tehran", "Tehran", "IRN", "s-1", "http://a.example/1;http://b.example/1", "a.example;b.example"],
    ["p2", "20170103", "2017", "1", "3", "IMGMUSISI", "IMG", "", "MUS;ISI", "IRQMIL", "IRQ", "MIL", "", "190", "19", "4", "-10.0",
     "", "", "", "", "", "", "s-2", "http://c.example/2", "c.example"],
    ["p3", "20170104", "2017", "1", "4", "SYR", "SYR", "", "", "RUS", "RUS", "", "", "010", "01", "0", "0.0",
     "", "", "", "", "", "", "s-3", "", ""],
]


def write_phoenix(folder: Path) -> Path:
    p = folder / "events.full.20170102.txt"
    lines = ["\t".join(PHOENIX_COLUMNS)] + ["\t".join(r) for r in PHOENIX]
    lines.insert(2, "p9\t2017")  # malformed: line 3
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
                "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
                "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
ACLED = [
    {"event_id_cnty": "SDN1001", "event_date": "2023-04-15", "time_precision": "1", "event_type": "Battles", "sub_event_type": "Armed clash",
     "actor1": "Military Forces of Sudan (2019-)", "inter1": "1", "actor2": "Rapid Support Forces", "inter2": "2", "interaction": "12",
     "iso": "729", "country": "Sudan", "admin1": "Khartoum", "location": "Khartoum", "latitude": "15.5518", "longitude": "32.5324",
     "source": "Radio Dabanga", "notes": 'Clashes in "Khartoum",\nwith heavy weapons.', "fatalities": "0"},
    {"event_id_cnty": "UKR2002", "event_date": "16 February 2023", "time_precision": "2", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Military Forces of Russia (2000-)", "inter1": "State forces",
     "actor2": "Civilians (Ukraine)", "inter2": "Civilians", "interaction": "State forces-Civilians", "iso": "804", "country": "Ukraine",
     "location": "Kherson", "fatalities": ""},
    {"event_id_cnty": "NGA3003", "event_date": "2023-05-01", "time_precision": "1", "event_type": "Protests", "sub_event_type": "Peaceful protest",
     "actor1": "Protesters (Nigeria)", "inter1": "6", "iso": "566", "country": "Nigeria", "location": "Lagos", "fatalities": "0"},
    {"event_id_cnty": "NGA3004", "event_date": "2023-05-02", "event_type": "Strategic developments",
     "sub_event_type": "Headquarters or base established", "actor1": "Boko Haram", "inter1": "2", "iso": "566", "country": "Nigeria"},
    {"event_id_cnty": "NGA3005", "event_date": "2023-05-03", "event_type": "Battles", "sub_event_type": "Armed clash",
     "actor1": "Boko Haram", "inter1": "2", "iso": "566", "country": "Nigeria", "fatalities": "several"},  # bad fatalities
]


def write_acled(folder: Path) -> Path:
    p = folder / "2023-01-01-2023-06-30.csv"
    with open(p, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_HEADER)
        w.writeheader()
        for r in ACLED:
            w.writerow({k: r.get(k, "") for k in ACLED_HEADER})
    return p


# -- helpers --------------------------------------------------------------------------------
def stored(store: Store, origin: str) -> dict[str, dict[str, object]]:
    """The stored events and their imported fields of one origin, by dataset id."""
    cur = store.con.execute("SELECT * FROM events e JOIN imported i USING (event_id) WHERE i.origin = ? ORDER BY dataset_id", [origin])
    names = [d[0] for d in cur.description]
    return {r["dataset_id"]: r for r in (dict(zip(names, row)) for row in cur.fetchall())}


def quarantined(store: Store) -> dict[str, str]:
    return {r["origin"]: r["reason"] for r in store.quarantine()}


# -- readers --------------------------------------------------------------------------------
def test_gdelt2_zip_imports_the_rows_and_quarantines_the_bad_ones(fresh_db, tmp_path):
    path = write_gdelt2(tmp_path)
    s = import_files([path], fresh_db, "gdelt")
    assert (s.rows, s.events, s.new, s.rejected) == (7, 4, 4, 3)
    ev = stored(fresh_db, "gdelt")
    first = ev["1001"]
    assert (first["event_date"], first["source_code"], first["source_sector"], first["target_code"], first["target_sector"]) == \
        (date(2025, 3, 1), "PRK", "GOV", "USA", "GOV")
    assert first["cameo"] == "0231" and first["cameo_root"] == "02"  # a leading-zero code stays a string
    assert (first["quad_class"], first["goldstein"], first["plover_type"]) == (1, 3.4, "REQUEST")
    assert (first["num_mentions"], first["num_sources"], first["num_articles"], first["avg_tone"]) == (10, 2, 8, -2.5)
    assert first["url"] == "https://news.example/1"
    assert (first["location_name"], first["location_admin1"], first["location_country"], first["location_precision"]) == \
        ("Pyongyang", "P'yongyang-si", "PRK", "place")  # the action's place is the event's location
    assert (first["lat"], first["lon"], first["place_code"], first["location_via"]) == (39.0194, 125.755, "KN12", "dataset")
    assert ev["1002"]["source_code"] is None and ev["1002"]["source_text"] is None  # an empty actor 1 is no actor
    assert ev["1003"]["source_code"] == "ROU" and ev["1003"]["target_text"] is None  # CAMEO ROM is ISO ROU
    assert ev["1004"]["source_code"] == "UNO" and ev["1004"]["source_kind"] == "igo"
    q = quarantined(fresh_db)
    assert q[f"{path}:3"] == "wrong number of fields"
    assert q[f"{path}:6"] == "bad SQLDATE"
    assert q[f"{path}:7"] == "unknown CAMEO event code"
    raw = fresh_db.con.execute("SELECT raw FROM quarantine WHERE origin = ?", [f"{path}:3"]).fetchone()[0]
    assert bytes(raw) == b"1005\t20250301\tonly three fields"  # the row itself is kept


def test_gdelt1_reads_both_historical_column_counts(fresh_db, tmp_path):
    s = import_files([write_gdelt1(tmp_path)], fresh_db, "gdelt1")
    assert (s.events, s.rejected) == (2, 0)
    ev = stored(fresh_db, "gdelt")
    assert (ev["2001"]["source_code"], ev["2001"]["target_code"], ev["2001"]["cameo"], ev["2001"]["url"]) == ("RUS", "UKR", "138", "http://old.example/a")
    assert ev["2002"]["url"] is None and ev["2002"]["event_date"] == date(2012, 1, 5)  # 57 columns: no SOURCEURL
    assert json.loads(ev["2001"]["extra"])["version"] == "gdelt1"


def test_icews_sectors_countries_and_unpadded_codes(fresh_db, tmp_path):
    path = write_icews(tmp_path)
    s = import_files([path], fresh_db, "icews")
    assert (s.events, s.rejected) == (5, 1)
    ev = stored(fresh_db, "icews")
    trump = ev["30001:2019-06-30"]
    assert (trump["source_code"], trump["source_sector"], trump["target_code"], trump["target_sector"]) == ("USA", "GOV", "PRK", None)
    assert trump["cameo"] == "042" and trump["goldstein"] == 1.9  # "42" is CAMEO 042
    assert (trump["location_name"], trump["location_admin1"], trump["location_country"], trump["lat"]) == ("Panmunjom", "Kyonggi-do", "KOR", 37.95)
    assert json.loads(trump["extra"])["sentence_number"] == 1
    police = ev["30002:2019-07-02"]
    assert (police["source_code"], police["source_sector"], police["target_sector"]) == ("IND", "COP", "CVL")  # ';'-separated sectors
    russia = ev["30003:2019-07-03"]  # a comma inside a sector's parentheses is part of its name
    assert (russia["source_code"], russia["source_sector"], russia["cameo"]) == ("RUS", "MIL", "0231")
    assert ev["30001:2019-07-04"]["source_sector"] == "LEG"
    un = ev["30004:2019-07-05"]
    assert (un["source_code"], un["source_kind"], un["target_code"], un["cameo"]) == ("UN", "igo", "YEM", "0233")
    assert quarantined(fresh_db) == {f"{path}:4": "wrong number of fields"}


def test_polecat_keeps_plover_and_maps_cameo_where_the_codebook_does(fresh_db, tmp_path):
    path = write_polecat(tmp_path)
    s = import_files([path], fresh_db, "polecat")
    assert (s.events, s.rejected) == (3, 1)
    ev = stored(fresh_db, "polecat")
    a = ev["pc-1"]
    assert (a["plover_type"], a["plover_mode"], a["cameo"], a["quad_class"]) == ("ASSAULT", "firearms", "193", 4)
    assert (a["source_code"], a["source_sector"], a["target_code"]) == ("RUS", "MIL", "UKR")
    assert (a["intensity"], a["location_name"], a["location_id"], a["location_country"]) == (-8.0, "Kharkiv", 706483, "UKR")
    r = ev["pc-2"]  # REQUEST without a mode: appeals and demands lie under two CAMEO roots
    assert (r["plover_type"], r["cameo"], r["quad_class"], r["goldstein"]) == ("REQUEST", "", 1, None)
    # no country: the IGO's code; the Secretary-General is the body's executive (GOV)
    assert (r["source_code"], r["source_kind"], r["source_sector"]) == ("UNSG", "igo", "GOV")
    assert (ev["pc-3"]["cameo"], ev["pc-3"]["quad_class"], ev["pc-3"]["source_sector"]) == ("040", 1, "GOV")
    assert quarantined(fresh_db) == {f"{path}:5": "unknown PLOVER event type"}


def test_phoenix_entities_roles_and_urls(fresh_db, tmp_path):
    path = write_phoenix(tmp_path)
    s = import_files([path], fresh_db, "phoenix")
    assert (s.events, s.rejected) == (3, 1)
    ev = stored(fresh_db, "phoenix")
    assert (ev["p1"]["source_code"], ev["p1"]["source_sector"], ev["p1"]["target_code"], ev["p1"]["cameo"]) == ("USA", "GOV", "IRN", "111")
    assert (ev["p1"]["url"], ev["p1"]["num_sources"], ev["p1"]["location_name"], ev["p1"]["location_country"]) == ("http://a.example/1", 2, "Tehran", "IRN")
    assert ev["p2"]["location_precision"] == "none"  # no place given
    assert ev["p2"]["source_code"] == "IMG" and ev["p2"]["source_kind"] == "group"
    assert ev["p3"]["quad_class"] == 1 and ev["p3"]["cameo"] == "010"  # PentaClass 0: the codebook's quad class
    assert quarantined(fresh_db) == {f"{path}:3": "wrong number of fields"}


def test_acled_types_actors_and_fatalities(fresh_db, tmp_path):
    path = write_acled(tmp_path)
    s = import_files([path], fresh_db, "acled")
    assert (s.events, s.rejected, s.skipped) == (3, 1, 1)
    ev = stored(fresh_db, "acled")
    clash = ev["SDN1001"]
    assert (clash["source_code"], clash["source_sector"], clash["target_code"], clash["target_sector"]) == ("SDN", "MIL", "SDN", "REB")
    assert (clash["plover_type"], clash["cameo"], clash["quad_class"]) == ("ASSAULT", "190", 4)
    assert clash["fatalities"] == 0 and clash["sentence"].startswith('Clashes in "Khartoum",\nwith')  # a quoted field with a newline
    assert (clash["location_name"], clash["location_admin1"], clash["location_country"], clash["lat"]) == ("Khartoum", "Khartoum", "SDN", 15.5518)
    shelling = ev["UKR2002"]
    assert shelling["fatalities"] is None  # missing is unknown, not 0
    assert (shelling["source_code"], shelling["target_code"], shelling["target_sector"]) == ("RUS", "UKR", "CVL")
    assert (shelling["event_date"], shelling["date_precision"]) == (date(2023, 2, 16), "week")
    assert json.loads(shelling["extra"])["interaction"] == "State forces-Civilians"
    protest = ev["NGA3003"]
    assert (protest["source_code"], protest["source_sector"], protest["target_code"], protest["plover_type"]) == ("NGA", "OPP", None, "PROTEST")
    assert quarantined(fresh_db) == {f"{path}:7": "bad fatalities"}  # row 5 starts on line 7 (row 1 holds a newline)


def test_a_missing_or_unreadable_file_is_quarantined_and_the_rest_imported(fresh_db, tmp_path):
    bad_zip = tmp_path / "broken.export.CSV.zip"
    bad_zip.write_bytes(b"PK\x03\x04 not really a zip")
    good = write_gdelt2(tmp_path, zipped=False)
    s = import_files([tmp_path / "missing.CSV", bad_zip, good], fresh_db, "gdelt")
    assert s.new == 4
    q = quarantined(fresh_db)
    assert q[str(tmp_path / "missing.CSV")] == "no such file"
    assert q[str(bad_zip)] == "not a readable zip archive"


def test_a_row_that_is_not_utf8_is_quarantined(fresh_db, tmp_path):
    p = tmp_path / "x.export.CSV"
    good = gdelt_row(GDELT2_COLUMNS, **GDELT2[0]).encode()
    p.write_bytes(good + b"\n" + good.replace(b"NAME OF", b"NAME \xff OF").replace(b"1001", b"1009") + b"\n")
    s = import_files([p], fresh_db, "gdelt")
    assert (s.new, quarantined(fresh_db)) == (1, {f"{p}:2": "not UTF-8 text"})


def test_reimport_changes_nothing(fresh_db, tmp_path):
    path = write_gdelt2(tmp_path)
    import_files([path], fresh_db, "gdelt")
    before = (fresh_db.counts(), fresh_db.con.execute("SELECT count(*) FROM imported").fetchone()[0])
    again = import_files([path], fresh_db, "gdelt")
    assert again.new == 0 and again.events == 4
    assert (fresh_db.counts(), fresh_db.con.execute("SELECT count(*) FROM imported").fetchone()[0]) == before


def test_a_dataset_id_twice_is_one_event_within_a_batch_and_across_batches(fresh_db, tmp_path, monkeypatch):
    from dyadwatch.datasets import importer

    rows = [GDELT2[0], GDELT2[1], GDELT2[0], GDELT2[2], GDELT2[0], GDELT2[2]]
    p = tmp_path / "dups.export.CSV"
    p.write_text("\n".join(gdelt_row(GDELT2_COLUMNS, **r) for r in rows) + "\n", encoding="utf-8")
    s = import_files([p], fresh_db, "gdelt")  # one batch: 1001 three times, 1003 twice
    assert (s.events, s.new) == (6, 3)
    counts = lambda: (fresh_db.counts()["events"], *fresh_db.con.execute(
        "SELECT count(*), count(DISTINCT event_id) FROM imported").fetchone())
    assert counts() == (3, 3, 3)
    monkeypatch.setattr(importer, "BATCH", 2)  # batches [1001, 1002] [1001, 1003] [1001, 1003]: an id again in a later batch
    with Store(tmp_path / "b.duckdb") as other:
        s = import_files([p], other, "gdelt")
        assert (s.events, s.new) == (6, 3)
        assert other.con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchone() == (3, 3)
        assert sorted(stored(other, "gdelt")) == ["1001", "1002", "1003"]
    assert import_files([p], fresh_db, "gdelt").new == 0 and counts() == (3, 3, 3)


def test_an_import_runs_under_its_own_memory_limit_and_puts_the_stores_back(fresh_db, tmp_path, monkeypatch):
    from dyadwatch.datasets import importer

    seen: list[str] = []
    write = importer.write_imported

    def spy(store, items):
        seen.append(store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        write(store, items)

    monkeypatch.setattr(importer, "write_imported", spy)
    import_files([write_gdelt2(tmp_path)], fresh_db, "gdelt")
    assert importer.IMPORT_MEMORY_LIMIT == "64MB" and set(seen) == {"61.0 MiB"}
    assert fresh_db.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == "488.2 MiB"


def test_a_store_made_with_the_old_primary_keys_imports_and_reimports(tmp_path, monkeypatch):
    from dyadwatch.datasets import importer

    from .test_store import old_schema_store

    db = tmp_path / "old.duckdb"
    old_schema_store(db)
    seen: list[str] = []
    write = importer.write_imported
    monkeypatch.setattr(importer, "write_imported",
                        lambda store, items: (seen.append(store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]),
                                              write(store, items)))
    path = write_gdelt2(tmp_path)
    with Store(db) as store:
        s = import_files([path], store, "gdelt")
        assert (s.events, s.new) == (4, 4)
        before = (store.counts(), store.con.execute("SELECT count(*) FROM imported").fetchone()[0])
        again = import_files([path], store, "gdelt")
        assert (again.events, again.new) == (4, 0)
        assert (store.counts(), store.con.execute("SELECT count(*) FROM imported").fetchone()[0]) == before == (
            {"articles": 0, "events": 4, "quarantine": 3}, 4)
        assert stored(store, "gdelt")["1001"]["cameo"] == "0231"
    assert set(seen) == {"488.2 MiB"}  # a primary key is an index DuckDB holds whole: the store's limit stays


def test_unknown_format_is_a_usage_error(fresh_db, tmp_path):
    with pytest.raises(UsageError, match="unknown dataset format 'gdelt3'"):
        import_files([tmp_path / "x"], fresh_db, "gdelt3")


# -- downstream ------------------------------------------------------------------------------
def test_imported_events_are_read_by_the_analysis(fresh_db, tmp_path):
    import_files([write_gdelt2(tmp_path)], fresh_db, "gdelt")
    import_files([write_icews(tmp_path)], fresh_db, "icews")
    df = load_events(fresh_db)  # the default counting: statements (CAMEO 01x) left out
    assert {"0231", "112", "042", "173"} <= set(df["cameo"])
    assert "010" not in set(df["cameo"])
    summary = {(d.source, d.target): d for d in dyad_summary(fresh_db)}
    assert summary[("PRK", "USA")].events == 1
    assert summary[("USA", "PRK")].events == 1
    assert origins(fresh_db) == {"gdelt": 4, "icews": 5}
    from dyadwatch.analysis.signals import assess_dyad

    read = assess_dyad(load_events(fresh_db, counting=EVERYTHING), "PRK", "USA")
    # origins mixed: ICEWS's USA→PRK visit of 2019 and GDELT's PRK→USA appeal of 2025
    assert (read.start.date(), read.end.date()) == (date(2019, 6, 30), date(2025, 3, 1))
    assert (read.forward.events, read.backward.events, read.forward.goldstein_sum) == (1, 1, 3.4)
    cond, params = origin_where(fresh_db, ["icews", "dyadwatch"])
    assert fresh_db.con.execute(f"SELECT count(*) FROM events e WHERE {cond}", params).fetchone()[0] == 5


def _coded_event(i: int, day: date, src: str, tgt: str, cameo: str, quad: int, gold: float, sentence: str = "s") -> Event:
    return Event(
        event_id=f"dw{i:018d}", article_id=f"art{i}", sentence_index=0, sentence_start=0, sentence_end=len(sentence),
        sentence=sentence, event_date=day, date_precision="day",
        source=ActorRef(src, src, "GOV", None, "country", 0, 3), target=ActorRef(tgt, tgt, None, None, "country", 10, 13),
        cameo=cameo, cameo_root=cameo[:2], cameo_name="", plover_type=None, plover_mode=None, quad_class=quad, goldstein=gold,
        negated=False, mood="asserted", reported_by=None, trigger_text="t", trigger_start=4, trigger_end=5, pattern="p",
        confidence=0.9, coder_version="test", dictionary_version="test", url=f"https://coded.example/{i}",
    )


def _add_coded(store: Store, events: list[Event]) -> None:
    batch = [(Article(article_id=e.article_id, text=f"text {e.event_id}", url=e.url, published=e.event_date), [e], 1, 1) for e in events]
    store.add_coded(batch)


def test_compare_counts_correlation_and_disagreements(fresh_db, tmp_path):
    # dyadwatch: weeks of 2025-03-03 (2 events), 03-10 (1), 03-17 (3); gdelt: 1, 1, 6
    mon = [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]
    coded = [(mon[0], "042", 1), (mon[0], "190", 4), (mon[1], "042", 1), (mon[2], "190", 4), (mon[2], "190", 4), (mon[2], "111", 3)]
    _add_coded(fresh_db, [_coded_event(i, d, "USA", "PRK", c, q, 1.0) for i, (d, c, q) in enumerate(coded)])
    g = [(mon[0], "042", "1"), (mon[1], "042", "1")] + [(date(2025, 3, 18), "190", "4")] * 6
    rows = [gdelt_row(GDELT2_COLUMNS, **_g(5000 + i, d.strftime("%Y%m%d"), "USAGOV", "USA", "GOV", "PRK", "PRK", "", c, q, "1"))
            for i, (d, c, q) in enumerate(g)]
    rows.append(gdelt_row(GDELT2_COLUMNS, **_g(6000, "20250305", "FRA", "FRA", "", "DEU", "DEU", "", "042", "1", "1")))  # not a shared dyad
    p = tmp_path / "cmp.export.CSV"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_files([p], fresh_db, "gdelt")
    res = compare_origins(fresh_db, "dyadwatch", "gdelt", per="week")
    assert res.dyads == [("USA", "PRK")]
    assert [(p.start, p.a, p.b) for p in res.periods] == [
        (mon[0], (1, 0, 0, 1), (1, 0, 0, 0)), (mon[1], (1, 0, 0, 0), (1, 0, 0, 0)), (mon[2], (0, 0, 1, 2), (0, 0, 0, 6))]
    # totals 2,1,3 against 1,1,6: deviations 0,-1,1 and -5/3,-5/3,10/3, so sxy = 5, sxx = 2, syy = 150/9
    assert res.correlation["total"] == pytest.approx(5 / (2 * 150 / 9) ** 0.5)  # 0.866
    assert res.correlation["3"] is None  # gdelt's verbal conflict never varies
    worst, evs_a, evs_b = res.disagreements[0]
    assert (worst.start, worst.gap) == (mon[2], 5)
    assert len(evs_a) == 3 and len(evs_b) == 5  # events_per_period caps each side at 5
    assert [p.start for p, _, _ in res.disagreements] == [mon[2], mon[0]]
    one = compare_origins(fresh_db, "dyadwatch", "gdelt", dyad=("USA", "PRK"), per="month")
    assert [(p.a, p.b) for p in one.periods] == [((2, 0, 1, 3), (2, 0, 0, 6))]


def test_compare_refuses_an_unknown_origin(fresh_db, tmp_path):
    import_files([write_gdelt2(tmp_path)], fresh_db, "gdelt")
    with pytest.raises(UsageError, match="origin 'acled': no events"):
        compare_origins(fresh_db, "gdelt", "acled")


# -- export ------------------------------------------------------------------------------------
_SAME = ("event_date", "source_code", "source_sector", "source_text", "target_code", "target_sector", "target_text",
         "cameo", "quad_class", "goldstein", "url", "location_name", "location_admin1", "location_country", "lat", "lon",
         "location_precision")


def test_gdelt_round_trip_gives_the_same_events(tmp_path):
    coded = [_coded_event(1, date(2025, 1, 6), "PRK", "USA", "0231", 1, 3.4), _coded_event(2, date(2025, 1, 7), "USA", "PRK", "1121", 3, -4.4),
             _coded_event(3, date(2025, 1, 9), "RUS", "UKR", "190", 4, -10.0)]
    coded.append(Event(**{**{f: getattr(coded[0], f) for f in Event.__slots__}, "event_id": "dw-no-target", "article_id": "art9",
                          "target": None, "cameo": "010", "cameo_root": "01", "goldstein": 0.0}))
    kharkiv = EventLocation("in Kharkiv", 20, 30, 706483, "Kharkiv", "UKR", "Kharkivska", 49.98, 36.25, "place", "clause")
    coded[2] = replace(coded[2], location=kharkiv)
    coded[1] = replace(coded[1], location=EventLocation("in South Korea", 5, 9, None, "South Korea", "KOR", None, None, None, "country", "clause"))
    with Store(tmp_path / "a.duckdb") as a:
        _add_coded(a, coded)
        n = export_events(a, tmp_path / "out.export.CSV", "gdelt")
        want = sorted((tuple(r[k] for k in _SAME) for r in a.events()), key=repr)
    lines = (tmp_path / "out.export.CSV").read_text("utf-8").splitlines()
    assert n == 4 and all(len(ln.split("\t")) == 61 for ln in lines)
    assert lines[0].split("\t")[26] == "0231"
    with Store(tmp_path / "b.duckdb") as b:
        s = import_files([tmp_path / "out.export.CSV"], b, "gdelt")
        got = sorted((tuple(r[k] for k in _SAME) for r in b.events()), key=repr)
        assert s.rejected == 0
        # the same dyad series both ways
        series = lambda st: sorted((d.source, d.target, d.events) for d in dyad_summary(st, counting=EVERYTHING))  # noqa: E731
        with Store(tmp_path / "a.duckdb") as a:
            assert series(a) == series(b)
    assert got == want
    # an imported GDELT event is written back with its own GLOBALEVENTID and counts
    with Store(tmp_path / "c.duckdb") as c:
        import_files([write_gdelt2(tmp_path)], c, "gdelt")
        export_events(c, tmp_path / "again.CSV", "gdelt")
    first = (tmp_path / "again.CSV").read_text("utf-8").splitlines()[0].split("\t")
    assert (first[0], first[31], first[32], first[33], first[60]) == ("1001", "10", "2", "8", "https://news.example/1")


def test_plover_export_is_valid_plover_json_lines(tmp_path):
    with Store(tmp_path / "p.duckdb") as st:
        import_files([write_acled(tmp_path)], st, "acled")
        import_files([write_gdelt2(tmp_path)], st, "gdelt")
        n = export_events(st, tmp_path / "events.jsonl", "plover")
        total = st.counts()["events"]
    recs = [json.loads(ln) for ln in (tmp_path / "events.jsonl").read_text("utf-8").splitlines()]
    assert n == len(recs) == total - 1  # the GDELT 010 statement has no PLOVER type
    assert all(r["event_type"] in PLOVER_TYPES for r in recs)
    assert all(date.fromisoformat(r["event_date"]) for r in recs)
    clash = next(r for r in recs if r["origin"] == "acled" and r["cameo_code"] == "190")
    assert (clash["actor_country"], clash["actor_sector"], clash["recipient_sector"], clash["event_type"]) == ("SDN", "MIL", "REB", "ASSAULT")


# -- command line ----------------------------------------------------------------------------------
@pytest.fixture
def cli_app():
    """The command line, every command registered (``dyadwatch.cli``)."""
    from dyadwatch.cli import app

    return app


def test_cli_import_and_compare(tmp_path, cli_app):
    app = cli_app
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    r = runner.invoke(app, ["import", str(write_gdelt2(tmp_path)), "--from", "gdelt", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "7 rows, 4 events (4 new), 3 quarantined" in r.output
    r = runner.invoke(app, ["import", str(write_icews(tmp_path)), "--from", "icews", "--db", str(db)])
    assert r.exit_code == 0 and "5 new" in r.output
    r = runner.invoke(app, ["import", "x.csv", "--from", "gdelt4", "--db", str(db)])
    assert r.exit_code == 2 and "--from 'gdelt4'" in r.output
    r = runner.invoke(app, ["compare", "--origin", "gdelt", "--origin", "icews", "--db", str(db), "--statements"])
    assert r.exit_code == 0, r.output
    assert "nothing to compare" in r.output  # 2025 against 2019: no common dyad and time
    r = runner.invoke(app, ["compare", "--origin", "gdelt", "--db", str(db)])
    assert r.exit_code == 2 and "exactly two" in r.output


def test_cli_compare_prints_the_periods_correlation_and_events(tmp_path, cli_app):
    db = tmp_path / "cmp.duckdb"
    with Store(db) as st:
        _add_coded(st, [_coded_event(i, date(2025, 3, d), "USA", "PRK", "190", 4, -10.0, sentence=f"[bold]strike {i}[/]")
                        for i, d in enumerate((3, 5, 12))])
        rows = [gdelt_row(GDELT2_COLUMNS, **_g(7000 + d, f"202503{d:02d}", "USA", "USA", "", "PRK", "PRK", "", "042", "1", "1.9"))
                for d in (3, 4, 10, 11)]
        (tmp_path / "c.CSV").write_text("\n".join(rows) + "\n", encoding="utf-8")
        import_files([tmp_path / "c.CSV"], st, "gdelt")
    r = CliRunner().invoke(cli_app, ["compare", "--origin", "dyadwatch", "--origin", "gdelt", "--dyad", "USA:PRK", "--db", str(db), "--wide"])
    assert r.exit_code == 0, r.output
    out = " ".join(r.output.split())
    assert "events per week: dyadwatch 3, gdelt 4" in out
    assert "2025-03-03" in out and "2025-03-10" in out
    assert "[bold]strike 0[/]" in out  # a sentence is printed as text, never as markup


def test_demo_corpus_round_trip_through_gdelt_gives_the_same_dyad_series(tmp_path, coder):
    """The issue's check: code the demo corpus, export it as GDELT, import that into a new store:
    the same weekly series of every dyad. An imported event is asserted with confidence 1, so the
    coded store keeps only the events its views count before the export."""
    from importlib import resources

    from dyadwatch import code_sources
    from dyadwatch.analysis.counting import DEFAULT_COUNTING

    def series(store):
        df = load_events(store)
        df = df.assign(week=df.event_date.dt.to_period("W-SUN").dt.start_time)
        return sorted(df.groupby(["source_code", "target_code", "week", "quad_class"]).size().items())

    with Store(tmp_path / "coded.duckdb") as coded:
        code_sources([str(resources.files("dyadwatch.demo") / "corpus")], coded, coder=coder)
        where, params = DEFAULT_COUNTING.where("")
        coded.con.execute(f"DELETE FROM events WHERE NOT ({' AND '.join(where)})", params)
        n = export_events(coded, tmp_path / "demo.export.CSV", "gdelt")
        want = series(coded)
    with Store(tmp_path / "back.duckdb") as back:
        s = import_files([tmp_path / "demo.export.CSV"], back, "gdelt")
        assert n > 30 and (s.new, s.rejected) == (n, 0)
        got = series(back)
    assert len(want) > 10 and got == want


def test_a_line_too_long_is_quarantined_with_its_head(fresh_db, tmp_path, monkeypatch):
    from dyadwatch.datasets import rows

    monkeypatch.setattr(rows, "MAX_LINE_BYTES", 1000)
    p = tmp_path / "long.export.CSV"
    good = gdelt_row(GDELT2_COLUMNS, **GDELT2[0])
    p.write_text(good + "\n" + "x" * 5000 + "\n" + good.replace("1001", "1010") + "\n", encoding="utf-8")
    s = import_files([p], fresh_db, "gdelt")
    assert (s.new, quarantined(fresh_db)) == (2, {f"{p}:2": "line too long"})


def test_export_takes_the_stores_place_filters(tmp_path):
    with Store(tmp_path / "g.duckdb") as st:
        import_files([write_acled(tmp_path)], st, "acled")
        n = export_events(st, tmp_path / "sdn.jsonl", "plover", country="SDN")
        m = export_events(st, tmp_path / "sdn.csv", "csv", country="SDN")
    assert n == m == 1
    assert json.loads((tmp_path / "sdn.jsonl").read_text("utf-8"))["country"] == "SDN"


def test_the_api_and_the_report_read_imported_events(tmp_path):
    import warnings

    with warnings.catch_warnings():  # starlette's TestClient nudges towards httpx2; httpx is what we pin
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from dyadwatch.analysis.signals import assess_dyad
    from dyadwatch.api.app import create_app
    from dyadwatch.report.html import write_report

    db = tmp_path / "api.duckdb"
    with Store(db) as st:
        import_files([write_gdelt2(tmp_path)], st, "gdelt")
        import_files([write_acled(tmp_path)], st, "acled")
    with TestClient(create_app(db)) as c:
        dyads = {(d["source"], d["target"]): d for d in c.get("/api/dyads").json()}
        assert dyads[("RUS", "UKR")]["q4"] == 1 and dyads[("PRK", "USA")]["q1"] == 1  # ACLED and GDELT
        series = c.get("/api/dyads/PRK/USA/series").json()
        assert [p["start"] for p in series["periods"]] == ["2025-02-24"]
        assert c.get("/api/events", params={"limit": 100}).json()["total"] == 7
    with Store(db, read_only=True) as st:
        df = load_events(st)
    write_report(assess_dyad(df, "RUS", "UKR"), df, tmp_path / "r.html")
    assert "RUS" in (tmp_path / "r.html").read_text("utf-8")


def test_a_view_can_mix_or_separate_origins(fresh_db, tmp_path):
    from dyadwatch.analysis.counting import Counting
    from dyadwatch.analysis.dyads import dyad_summary
    from dyadwatch.analysis.frame import load_events

    day = date(2025, 3, 3)
    _add_coded(fresh_db, [_coded_event(i, day, "USA", "PRK", "190", 4, -10.0) for i in range(2)])
    rows = [gdelt_row(GDELT2_COLUMNS, **_g(7000 + i, "20250303", "USAGOV", "USA", "GOV", "PRK", "PRK", "", "042", "1", "1.9"))
            for i in range(3)]
    p = tmp_path / "mix.export.CSV"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_files([p], fresh_db, "gdelt")

    def n(*origins):
        return {(d.source, d.target): d.events for d in dyad_summary(fresh_db, counting=Counting(origins=origins))}[("USA", "PRK")]

    assert (n(), n("dyadwatch"), n("gdelt"), n("dyadwatch", "gdelt")) == (5, 2, 3, 5)
    assert set(load_events(fresh_db, counting=Counting(origins=("gdelt",)))["cameo"]) == {"042"}
    assert "from gdelt" in Counting(origins=("gdelt",)).describe()


# the column names of POLECAT's published weekly files, in their order (the rows are ours)
POLECAT_PUBLISHED = ["Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts", "Actor Name",
                     "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title", "Actor Name Raw",
                     "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector",
                     "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
                     "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type",
                     "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language", "Version"]


@pytest.mark.parametrize("marker", ["", "#!"])
def test_polecat_reads_the_published_column_layout(fresh_db, tmp_path, marker):
    row = {"Event ID": "pp-1", "Event Date": "2023-03-06", "Event Type": "ASSAULT", "Event Mode": "aerial", "Intensity": "-9",
           "Quad Code": "4", "Actor Name": "Sudanese Armed Forces", "Actor Country": "SDN", "Primary Actor Sector": "MIL",
           "Recipient Name": "Rapid Support Forces", "Recipient Country": "SDN", "Primary Recipient Sector": "REB",
           "Placename": "Omdurman", "City": "Omdurman", "Province": "Khartoum", "Country": "SDN", "Latitude": "15.64",
           "Longitude": "32.48", "GeoNames ID": "365137", "Source": "Example Wire", "Publication Date": "2023-03-07"}
    path = tmp_path / "ngecEvents.DV.20230306.txt"
    header = list(POLECAT_PUBLISHED)
    header[0] = marker + header[0]
    path.write_text("\t".join(header) + "\n" + "\t".join(row.get(c, "") for c in POLECAT_PUBLISHED) + "\n", encoding="utf-8")
    s = import_files([path], fresh_db, "polecat")
    assert (s.events, s.rejected) == (1, 0), s.messages
    ev = stored(fresh_db, "polecat")["pp-1"]
    assert (ev["source_code"], ev["source_sector"], ev["target_code"], ev["target_sector"]) == ("SDN", "MIL", "SDN", "REB")
    assert ev["plover_type"] == "ASSAULT" and ev["quad_class"] == 4 and str(ev["event_date"]) == "2023-03-06"
    assert (ev["location_name"], ev["location_country"], ev["location_admin1"]) == ("Omdurman", "SDN", "Khartoum")
    assert ev["intensity"] == -9.0
