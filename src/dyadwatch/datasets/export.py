"""Writing events in other datasets' formats: GDELT 2.0's 61 tab-separated columns and POLECAT-style
PLOVER JSON lines (``store.export.export_events`` with ``gdelt`` or ``plover``).

The rows are read from the store a batch at a time and written as they come.

GDELT: what the record fills, and empty fields where it cannot (AvgTone, the religion and ethnic
codes, actor geography; DATEADDED for coded events). GLOBALEVENTID is the GDELT id of an
imported GDELT event, else a number made from the event id (the same event, the same number).
NumArticles is the number of articles that carried the event's story (NumMentions the same),
NumSources the outlets among them; an imported event keeps its dataset's counts and place.
An event with no CAMEO code (a PLOVER-only one from ACLED or POLECAT) cannot be written and is
left out. A GDELT file read back with ``import --from gdelt`` gives the same events: date,
actors (code, sector, name), CAMEO code, quad class, Goldstein value and URL.

PLOVER: one JSON object per event with a PLOVER type (CAMEO 01x statements have none and are left
out), with POLECAT's field names in snake case: event_id, event_date, event_type, event_mode,
actor_name, actor_country, actor_sector, recipient_name, recipient_country, recipient_sector,
quad_code, placename, state, country, latitude, longitude, geonames_id, and beside them
cameo_code, goldstein, event_text, url, story_id, origin.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..store.duck import Store
from .countries import country_name, iso3
from .tables import has_imported

__all__ = ["write_gdelt", "write_plover", "gdelt_fields"]

_FETCH = 5000


def _rows(store: Store, sql: str, params: list[object]) -> Iterator[dict[str, object]]:
    imported = ("imported" if has_imported(store) else
                "(SELECT NULL::VARCHAR AS event_id, NULL::VARCHAR AS origin, NULL::VARCHAR AS dataset_id, NULL::INTEGER AS num_mentions, "
                "NULL::INTEGER AS num_sources, NULL::INTEGER AS num_articles, NULL::DOUBLE AS avg_tone, "
                "NULL::VARCHAR AS place_code, NULL::VARCHAR AS extra)")
    full = (f"SELECT q.*, i.origin AS imp_origin, i.dataset_id, i.num_mentions, i.num_sources, i.num_articles, i.avg_tone, "
            f"i.place_code, i.extra AS imp_extra, s.n_articles AS story_articles, s.n_outlets AS story_outlets "
            f"FROM ({sql}) q LEFT JOIN {imported} i ON i.event_id = q.event_id "
            f"LEFT JOIN articles a ON a.article_id = q.article_id "
            f"LEFT JOIN stories s ON s.story_id = coalesce(a.story_id, a.article_id) "
            f"ORDER BY q.event_date NULLS LAST, q.article_id, q.sentence_index, q.trigger_start, q.event_id")
    cur = store.con.execute(full, params)
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(_FETCH):
        for r in batch:
            yield dict(zip(names, r))


def _clean(v: object) -> str:
    """A field value with no tab or newline (they would break the row)."""
    if v is None:
        return ""
    return " ".join(str(v).replace("\t", " ").split())


def _num(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if not v.is_integer() else str(int(v)) if abs(v) < 1e15 else repr(v)
    return str(v)


def _actor_fields(row: dict[str, object], side: str) -> list[str]:
    code, sector, text = row[f"{side}_code"], row[f"{side}_sector"], row[f"{side}_text"]
    out = [""] * 10
    if code is None and sector is None and not text:
        return out
    is_country = isinstance(code, str) and iso3(code) == code
    out[0] = f"{code or ''}{sector or ''}"
    out[1] = _clean(text)
    out[2] = code if is_country else ""
    out[3] = code if code and not is_country else ""
    out[7] = sector or ""
    return [_clean(v) for v in out]


#: location precision → GDELT's ActionGeo_Type (1 country, 4 world city, 5 world state)
_GEO_TYPES = {"country": "1", "admin1": "5", "place": "4"}


def _geo_type(row: dict[str, object]) -> str:
    return _GEO_TYPES.get(str(row.get("location_precision")), "") if row.get("location_name") or row.get("location_country") else ""


def _full_name(row: dict[str, object]) -> str:
    """GDELT's FullName of the event's place: "Name, Admin1, Country" (the parts the record has)."""
    name, admin1, country = row.get("location_name"), row.get("location_admin1"), country_name(row.get("location_country"))  # type: ignore[arg-type]
    parts = [p for p in (name, admin1 if admin1 != name else None, country if country != name else None) if p]
    return ", ".join(str(p) for p in parts)


def _gdelt_id(row: dict[str, object]) -> str:
    if row["imp_origin"] == "gdelt" and str(row["dataset_id"]).isdigit():
        return str(row["dataset_id"])
    return str(int(hashlib.sha256(str(row["event_id"]).encode("utf-8")).hexdigest()[:13], 16))


def gdelt_fields(row: dict[str, object]) -> list[str] | None:
    """The 61 GDELT 2.0 fields of an exported event row, or None where it has no CAMEO code or no date."""
    cameo, when = row["cameo"], row["event_date"]
    if not cameo or not isinstance(when, date):
        return None
    f = [""] * 61
    f[0] = _gdelt_id(row)
    f[1] = when.strftime("%Y%m%d")
    f[2] = when.strftime("%Y%m")
    f[3] = str(when.year)
    f[4] = f"{when.year + (when.timetuple().tm_yday - 1) / 365:.4f}"
    f[5:15] = _actor_fields(row, "source")
    f[15:25] = _actor_fields(row, "target")
    f[25] = "1" if row["sentence_index"] == 0 else "0"
    f[26], f[27], f[28] = str(cameo), str(cameo)[:3], str(cameo)[:2]
    f[29] = _num(row["quad_class"])
    f[30] = _num(row["goldstein"])
    articles = row["num_articles"] if row["num_articles"] is not None else row["story_articles"]
    f[31] = _num(row["num_mentions"] if row["num_mentions"] is not None else articles)
    f[32] = _num(row["num_sources"] if row["num_sources"] is not None else row["story_outlets"])
    f[33] = _num(articles)
    f[34] = _num(row["avg_tone"])
    extra = json.loads(row["imp_extra"]) if row["imp_extra"] else {}
    f[51], f[52] = _geo_type(row), _clean(extra.get("place_full_name") or _full_name(row))
    f[54] = _clean(row["place_code"])
    f[56], f[57] = _num(row["lat"]), _num(row["lon"])
    f[59] = _clean(extra.get("date_added", ""))
    f[60] = _clean(row["url"])
    return f


def write_gdelt(store: Store, out: str | Path, sql: str, params: list[object]) -> int:
    """Write the events ``sql`` selects as a GDELT 2.0 events file (no header); returns how many."""
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        for row in _rows(store, sql, params):
            fields = gdelt_fields(row)
            if fields is None:
                continue
            fh.write("\t".join(fields) + "\n")
            n += 1
    return n


def plover_record(row: dict[str, object]) -> dict[str, object] | None:
    """The POLECAT-style PLOVER object of an exported event row, or None where it has no PLOVER type."""
    if not row["plover_type"] or not isinstance(row["event_date"], date):
        return None

    def side(prefix: str) -> dict[str, object]:
        code = row[f"{prefix}_code"]
        return {"name": row[f"{prefix}_text"] or None, "country": code if isinstance(code, str) and iso3(code) == code else None,
                "code": code, "sector": row[f"{prefix}_sector"]}

    a, r = side("source"), side("target")
    return {
        "event_id": row["event_id"], "event_date": row["event_date"].isoformat(),  # type: ignore[union-attr]
        "event_type": row["plover_type"], "event_mode": row["plover_mode"],
        "actor_name": a["name"], "actor_country": a["country"], "actor_code": a["code"], "actor_sector": a["sector"],
        "recipient_name": r["name"], "recipient_country": r["country"], "recipient_code": r["code"], "recipient_sector": r["sector"],
        "quad_code": row["quad_class"], "cameo_code": row["cameo"] or None, "goldstein": row["goldstein"],
        "event_text": row["sentence"] or None, "url": row["url"], "story_id": row["article_id"],
        "placename": row.get("location_name"), "state": row.get("location_admin1"), "country": row.get("location_country"),
        "latitude": row.get("lat"), "longitude": row.get("lon"), "geonames_id": row.get("location_id"),
        "origin": row["imp_origin"] or "dyadwatch",
    }


def write_plover(store: Store, out: str | Path, sql: str, params: list[object]) -> int:
    """Write the events ``sql`` selects as PLOVER JSON lines; returns how many."""
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for row in _rows(store, sql, params):
            rec = plover_record(row)
            if rec is None:
                continue
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
