"""Ingest formats: HTML, RSS/Atom, WARC, CSV/JSONL with a field map; detection; broken
inputs; language rejection; relative event dates; duplicate stories. No network."""

from __future__ import annotations

import gzip
import io
import pickle
import shutil
from datetime import date
from pathlib import Path

import pytest

from dyadwatch import Article, Rejection, read_sources
from dyadwatch.errors import UsageError
from dyadwatch.ingest import detect_format
from dyadwatch.ingest.dedup import DuplicateIndex
from dyadwatch.ingest.relative_dates import resolve_event_date

FIX = Path(__file__).parent / "fixtures" / "ingest"
MAP = {"text": "body", "published": "date", "title": "headline", "url": "link"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""
    import socket

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError(f"network use in a test: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejection)]


# -- good input, one per format ------------------------------------------------------------


def test_html_article():
    arts, rej = split(read_sources([FIX / "article.html"]))
    assert not rej and len(arts) == 1
    a = arts[0]
    assert a.title == "Harbor talks stall over fishing quotas"
    assert a.url == "https://news.example.test/world/harbor-talks-stall", "canonical link wins over og:url"
    assert a.published == date(2024, 4, 18)
    assert a.text.startswith("Negotiators from Norway and Iceland ended a third round")
    assert "mackerel" in a.text and "before the summer season." in a.text
    assert "Home" not in a.text and "Copyright" not in a.text, "navigation and footer are dropped"


def test_html_og_url_and_default_date(tmp_path):
    page = (FIX / "article.html").read_text("utf-8")
    page = page.replace('<link rel="canonical" href="https://news.example.test/world/harbor-talks-stall">', "")
    page = page.replace('<meta property="article:published_time" content="2024-04-18T09:30:00Z">', "")
    p = tmp_path / "page.html"
    p.write_text(page, "utf-8")
    (a,) = read_sources([p], default_date=date(2024, 4, 20))
    assert a.url == "https://news.example.test/world/harbor-talks-stall?ref=og"
    assert a.published == date(2024, 4, 20)


def test_html_date_from_url():
    from dyadwatch.ingest.html import read_html

    page = b"<html><body><article><p>" + PAGE_NO_DATE.split(b"<p>")[1] + b"</article></body></html>"
    a = read_html(page, "x.html", url="https://news.example.test/2023/11/05/glacier.html")
    assert a.published == date(2023, 11, 5)


def test_rss_feed_two_entries():
    arts, rej = split(read_sources([FIX / "feed_rss.xml"]))
    assert not rej
    assert [(a.title, a.url, a.published) for a in arts] == [
        ("Kenya and Ethiopia agree to reopen border crossing",
         "https://news.example.test/world/kenya-ethiopia-border", date(2024, 4, 9)),
        ("Chile recalls ambassador after election dispute",
         "https://news.example.test/world/chile-recalls-ambassador", date(2024, 4, 10)),
    ]
    assert arts[0].text == ("Kenya and Ethiopia agreed on Monday to reopen a busy border crossing that had been closed"
                            " for six weeks, the two foreign ministries said in a joint statement.\n\n"
                            "Traders had complained of long delays."), "HTML in the summary is stripped"
    assert [a.origin for a in arts] == [f"{FIX / 'feed_rss.xml'}#1", f"{FIX / 'feed_rss.xml'}#2"]


def test_atom_feed():
    (a,) = read_sources([FIX / "feed_atom.xml"])
    assert isinstance(a, Article)
    assert a.title == "Vietnam and the Philippines sign coast guard pact"
    assert a.url == "https://news.example.test/asia/coast-guard-pact"
    assert a.published == date(2024, 2, 20), "published wins over updated"
    assert a.text.startswith("Vietnam and the Philippines signed an agreement on Tuesday")
    assert "<p>" not in a.text


def test_csv_with_mapping():
    arts, rej = split(read_sources([FIX / "stories.csv"], field_map=MAP))
    assert [(a.title, a.url, a.published) for a in arts] == [
        ("Poland and Lithuania hold joint air drills", "https://news.example.test/europe/air-drills",
         date(2024, 3, 11)),
        ("Egypt hosts Sudan ceasefire talks", "https://news.example.test/africa/sudan-talks", date(2024, 3, 12)),
    ]
    assert arts[0].text.startswith("Poland and Lithuania held joint air force drills")
    assert arts[0].origin == f"{FIX / 'stories.csv'}:2"
    # the row with an empty body is rejected on its own, by line
    assert len(rej) == 1
    assert rej[0].origin == f"{FIX / 'stories.csv'}:4" and rej[0].reason == "no text"
    assert "'body'" in rej[0].detail
    assert rej[0].raw.startswith(b"Empty row for the test,")


def test_jsonl_with_mapping():
    arts, rej = split(read_sources([FIX / "stories.jsonl"], field_map=MAP))
    assert not rej
    assert [(a.title, a.url, a.published) for a in arts] == [
        ("Indonesia protests Australian patrol", "https://news.example.test/asia/patrol", date(2024, 6, 3)),
        ("Ghana and Togo agree on power line", "https://news.example.test/africa/power-line", date(2024, 6, 4)),
    ]
    assert arts[1].text == "Ghana and Togo agreed to build a new power line linking their grids, energy officials said."


def test_bad_field_map_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown field"):
        read_sources([FIX / "stories.csv"], field_map={"body": "text"})
    with pytest.raises(UsageError, match="unknown input format"):
        read_sources([FIX / "stories.csv"], fmt="docx")


# -- WARC ----------------------------------------------------------------------------------

PAGE = b"""<html><head><title>Border crossing reopens</title>
<meta property="article:published_time" content="2024-03-02"></head><body><article>
<p>Officials from Kenya and Uganda reopened a border crossing on Friday after a week of talks
about customs fees, and the first lorries passed through by the afternoon.</p>
<p>Both governments said the agreement would be reviewed in six months.</p>
</article></body></html>"""

PAGE_NO_DATE = b"""<html><head><title>Ministers meet</title></head><body><article>
<p>Foreign ministers of Chile and Argentina met in Santiago to discuss a disputed glacier
area along their shared border and agreed to set up a joint technical commission.</p>
<p>The commission will report back to both governments by the end of the year.</p>
</article></body></html>"""


def write_warc(path: Path, gz: bool = True) -> None:
    """One HTML response, one JSON response, one request record and another HTML response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(uri: str, ctype: str, body: bytes, warc_date: str) -> None:
            hh = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=hh,
                                       warc_headers_dict={"WARC-Date": warc_date})
            w.write_record(rec)

        response("https://news.example.test/africa/crossing", "text/html; charset=utf-8", PAGE, "2024-03-05T10:00:00Z")
        response("https://news.example.test/api/data.json", "application/json", b'{"not": "an article"}',
                 "2024-03-05T10:01:00Z")
        get = b"GET /africa/crossing HTTP/1.1\r\nHost: news.example.test\r\n\r\n"
        req = w.create_warc_record("https://news.example.test/africa/crossing", "request", payload=io.BytesIO(get))
        w.write_record(req)
        response("https://news.example.test/americas/ministers", "text/html", PAGE_NO_DATE, "2024-03-06T08:00:00Z")


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_only(tmp_path, gz):
    p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(p, gz)
    arts, rej = split(read_sources([p]))
    assert not rej
    assert [(a.url, a.title, a.published) for a in arts] == [
        ("https://news.example.test/africa/crossing", "Border crossing reopens", date(2024, 3, 2)),
        ("https://news.example.test/americas/ministers", "Ministers meet", date(2024, 3, 6)),  # WARC-Date fallback
    ]
    assert arts[0].text.startswith("Officials from Kenya and Uganda reopened a border crossing")
    assert arts[0].origin == f"{p}#1"


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_records_before_the_break(tmp_path, gz):
    full = tmp_path / "full.warc"
    write_warc(full, gz)
    data = full.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: len(data) - 60])  # the last HTML response loses its end
    arts, rej = split(read_sources([cut]))
    assert [a.url for a in arts] == ["https://news.example.test/africa/crossing"]
    assert len(rej) == 1
    r = rej[0]
    assert r.origin == str(cut) and r.reason == "truncated WARC"
    assert "record 4" in r.detail and "byte" in r.detail
    offset = int(r.detail.split("byte ")[1].split()[0])
    assert r.raw == data[offset : len(data) - 60], "the bytes from the break on are kept"
    assert str(cut) in r.message


def test_not_a_warc_is_rejected_not_dropped(tmp_path):
    (r,) = read_sources([FIX / "french.txt"], fmt="warc")
    assert (r.origin, r.reason) == (str(FIX / "french.txt"), "malformed WARC")
    assert r.raw == (FIX / "french.txt").read_bytes()
    p = tmp_path / "broken.warc.gz"
    p.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nabc"))
    (r,) = read_sources([p])
    assert r.origin == str(p) and r.reason == "malformed WARC" and "record 1" in r.detail


def test_warc_detected_without_extension(tmp_path):
    p = tmp_path / "crawl.bin"
    write_warc(p, gz=True)
    arts, rej = split(read_sources([p]))
    assert len(arts) == 2 and not rej


# -- broken input --------------------------------------------------------------------------


def test_malformed_feed_is_rejected_with_parser_message(tmp_path):
    shutil.copy(FIX / "malformed_feed.xml", tmp_path)
    shutil.copy(FIX / "feed_atom.xml", tmp_path)
    arts, rej = split(read_sources([tmp_path]))
    assert len(arts) == 1, "the good feed next to it is still read"
    (r,) = rej
    assert r.origin == str(tmp_path / "malformed_feed.xml")
    assert r.reason == "malformed feed"
    assert "line" in r.detail.lower() or ":" in r.detail, "the parser's message, with its position"
    assert r.raw == (FIX / "malformed_feed.xml").read_bytes()


def test_html_without_body_is_rejected(tmp_path):
    shutil.copy(FIX / "no_body.html", tmp_path)
    shutil.copy(FIX / "article.html", tmp_path)
    arts, rej = split(read_sources([tmp_path]))
    assert len(arts) == 1
    (r,) = rej
    assert r.origin == str(tmp_path / "no_body.html") and r.reason == "no article text"
    assert r.raw == (FIX / "no_body.html").read_bytes()


def test_csv_missing_column_rejects_the_file(tmp_path):
    shutil.copy(FIX / "missing_column.csv", tmp_path)
    shutil.copy(FIX / "stories.jsonl", tmp_path)
    arts, rej = split(read_sources([tmp_path], field_map=MAP))
    assert len(arts) == 2, "the JSONL file beside it is still read"
    (r,) = rej
    assert r.origin == str(tmp_path / "missing_column.csv") and r.reason == "missing column"
    assert r.detail == "column 'body' not in header: headline, date, link, story"
    assert f"{r.origin}: missing column (column 'body' not in header" in r.message
    assert r.raw == (FIX / "missing_column.csv").read_bytes()


def test_feed_entry_without_body_needs_fetch(tmp_path, monkeypatch):
    feed = (FIX / "feed_rss.xml").read_text("utf-8")
    start, end = feed.index("<description>Chile"), feed.index("</description>", feed.index("<description>Chile"))
    p = tmp_path / "nobody.xml"
    p.write_text(feed[:start] + feed[end + len("</description>"):], "utf-8")

    def no_network(url, max_bytes, timeout=0, **_):  # noqa: ANN001
        raise AssertionError(f"fetched {url} without fetch=True")

    monkeypatch.setattr("dyadwatch.ingest.fetch.fetch_url", no_network)
    arts, rej = split(read_sources([p]))
    assert len(arts) == 1
    (r,) = rej
    assert r.origin == f"{p}#2" and r.reason == "no article text" and "fetch=True" in r.detail

    fetched = []

    def fake_fetch(url, max_bytes, timeout=0, **_):  # noqa: ANN001
        fetched.append(url)
        return (FIX / "article.html").read_bytes()

    monkeypatch.setattr("dyadwatch.ingest.fetch.fetch_url", fake_fetch)
    arts, rej = split(read_sources([p], fetch=True))
    assert not rej and fetched == ["https://news.example.test/world/chile-recalls-ambassador"]
    assert arts[1].title == "Chile recalls ambassador after election dispute"
    assert arts[1].url == "https://news.example.test/world/chile-recalls-ambassador"
    assert arts[1].published == date(2024, 4, 10)
    assert arts[1].text.startswith("Negotiators from Norway")


def test_url_is_fetched_with_fetch(monkeypatch):
    pages = {"https://news.example.test/feed": (FIX / "feed_atom.xml").read_bytes(),
             "https://news.example.test/page": (FIX / "article.html").read_bytes()}
    monkeypatch.setattr("dyadwatch.ingest.fetch.fetch_url", lambda url, max_bytes, timeout=0, **_: pages[url])
    feed, page = read_sources(["https://news.example.test/feed", "https://news.example.test/page"], fetch=True)
    assert feed.origin == "https://news.example.test/feed#1" and feed.title.startswith("Vietnam")
    assert page.origin == "https://news.example.test/page" and page.title == "Harbor talks stall over fishing quotas"


def test_url_is_not_fetched_without_fetch():
    (r,) = read_sources(["https://news.example.test/feed.xml"])
    assert isinstance(r, Rejection) and r.reason == "not fetched" and "fetch=True" in r.detail


# -- detection -----------------------------------------------------------------------------


def test_txt_file_that_is_rss_is_read_as_a_feed():
    arts, rej = split(read_sources([FIX / "rss_saved_as.txt"]))
    assert not rej and len(arts) == 2
    assert arts[0].title == "Kenya and Ethiopia agree to reopen border crossing"


@pytest.mark.parametrize(
    "name, content, fmt",
    [
        ("a.txt", (FIX / "feed_atom.xml").read_bytes(), "feed"),
        ("a.txt", b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'></rdf:RDF>", "feed"),
        ("a.dat", (FIX / "article.html").read_bytes(), "html"),
        ("a", b"<html><body><p>x</p></body></html>", "html"),
        ("a.txt", (FIX / "stories.jsonl").read_bytes(), "jsonl"),
        ("a.txt", (FIX / "stories.csv").read_bytes(), "csv"),
        ("a.txt", b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("a", gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n"), "warc"),
        ("a.txt", b"Title: Talks\nDate: 2024-01-02\n\nJapan and China held talks, in Tokyo, on Tuesday.\n", "text"),
        ("a.txt", b"Russia, Ukraine and Belarus, officials said.\n", "text"),
        ("a.jsonl", b'{"broken', "jsonl"),
        ("a.csv", b"just one line", "csv"),
    ],
)
def test_detect_format(name, content, fmt):
    assert detect_format(content, name) == fmt


def test_format_override(tmp_path):
    p = tmp_path / "looks-like-text.txt"
    p.write_text("headline,body\nTalks,Japan and China held talks on Tuesday.\n", "utf-8")
    (a,) = read_sources([p], fmt="text")
    assert a.text.startswith("headline,body")
    (b,) = read_sources([p], fmt="csv", field_map={"text": "body", "title": "headline"})
    assert (b.title, b.text) == ("Talks", "Japan and China held talks on Tuesday.")


# -- language ------------------------------------------------------------------------------


def test_french_article_is_rejected_keeping_its_text(tmp_path):
    shutil.copy(FIX / "french.txt", tmp_path)
    (tmp_path / "english.txt").write_text("Russia attacked Ukraine.\n", "utf-8")
    arts, rej = split(read_sources([tmp_path]))
    assert [a.text for a in arts] == ["Russia attacked Ukraine."], "a short English sentence is never rejected"
    (r,) = rej
    assert r.reason == "language fr not supported"
    assert r.origin == str(tmp_path / "french.txt")
    assert r.raw.decode("utf-8").startswith("Le gouvernement a annoncé mardi")


def test_spanish_jsonl_line_is_rejected(tmp_path):
    import json

    es = ("El ministro de Asuntos Exteriores viajó el lunes a la capital vecina para hablar con su colega "
          "sobre el comercio en la frontera y la seguridad de los pasos fronterizos entre los dos países.")
    en = "North Korea fired two missiles into the sea on Tuesday, officials in Seoul said."
    p = tmp_path / "mixed.jsonl"
    p.write_text(json.dumps({"text": es}) + "\n" + json.dumps({"text": en}) + "\n", "utf-8")
    arts, rej = split(read_sources([p]))
    assert [a.text for a in arts] == [en]
    assert [(r.origin, r.reason) for r in rej] == [(f"{p}:1", "language es not supported")]


@pytest.mark.parametrize("text", [
    "Iran criticized Israel.",
    "China praised Pakistan.",
    "Putin Xi Summit Moscow Beijing Trade Energy Pipeline Deal Signed Kremlin Officials Confirm",
    "Japan and China held talks in Tokyo on Tuesday.",
])
def test_english_is_never_rejected(tmp_path, text):
    p = tmp_path / "en.txt"
    p.write_text(text, "utf-8")
    (a,) = read_sources([p])
    assert isinstance(a, Article)


# -- relative dates ------------------------------------------------------------------------

FRIDAY = date(2024, 5, 3)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The ministers met on Wednesday in Geneva.", (date(2024, 5, 1), "day")),
        ("On Friday the council voted.", (date(2024, 5, 3), "day")),
        ("Troops crossed the river last Friday.", (date(2024, 4, 26), "day")),
        ("Yesterday the army fired shells at the town.", (date(2024, 5, 2), "day")),
        ("The fighting began three days ago.", (date(2024, 4, 30), "day")),
        ("Talks collapsed last month.", (date(2024, 4, 1), "month")),
        ("The embassy closed two weeks ago.", (date(2024, 4, 15), "week")),
        ("The envoys spoke last week.", (date(2024, 4, 22), "week")),
        ("The deal was signed on March 12.", (date(2024, 3, 12), "day")),
        ("The truce was agreed on 4 June 2023 in Doha.", (date(2023, 6, 4), "day")),
        ("Protests erupted in June.", (date(2023, 6, 1), "month")),
        ("The delegation will travel next Tuesday.", (date(2024, 5, 7), "day")),
        ("No time is given in this sentence.", None),
    ],
)
def test_resolve_event_date(sentence, expected):
    assert resolve_event_date(sentence, FRIDAY) == expected


def test_first_expression_wins():
    sentence = "Three days ago, and again on Thursday, shells fell."
    assert resolve_event_date(sentence, FRIDAY) == (date(2024, 4, 30), "day")


# -- duplicate stories ---------------------------------------------------------------------

STORY = ("Officials in Seoul said North Korea fired two short-range ballistic missiles into the sea off its east "
         "coast on Thursday, the latest in a string of launches this year. The missiles flew about 350 kilometers "
         "before landing outside Japan's exclusive economic zone, according to the Joint Chiefs of Staff. Japan's "
         "defense ministry said it had lodged a protest through diplomatic channels. The United States condemned "
         "the launches and urged Pyongyang to return to talks without preconditions, a State Department "
         "spokesperson told reporters in Washington.")
COPY_1 = "SEOUL (Example Wire) - " + STORY.replace("about 350", "roughly 350")
COPY_2 = STORY.replace(" Japan's defense ministry said it had lodged a protest through diplomatic channels.", "")
OTHER = ("Brazil and Argentina agreed on Monday to expand trade in farm goods and energy, their foreign ministers "
         "said after a meeting in Brasilia that lasted most of the day. The two governments will cut tariffs on "
         "wheat and natural gas and set up a working group on border crossings, the joint statement said.")


def test_wire_copies_are_one_story():
    index = DuplicateIndex()
    stories = index.add_many([("a1", STORY), ("a2", COPY_1), ("a3", COPY_2), ("b1", OTHER)])
    assert stories == ["a1", "a1", "a1", "b1"]
    assert index.add("a2", COPY_1) == "a1", "adding again changes nothing"
    assert len(index) == 4


def test_dedup_is_deterministic_and_persists():
    index = DuplicateIndex()
    index.add("a1", STORY)
    index.add("b1", OTHER)
    again = DuplicateIndex.from_bytes(index.to_bytes())
    assert again.add("a3", COPY_2) == "a1"
    assert pickle.loads(pickle.dumps(index)).add("a2", COPY_1) == "a1"
    fresh = DuplicateIndex()
    assert fresh.similarity(STORY, COPY_1) == index.similarity(STORY, COPY_1)


def test_dedup_threshold_is_configurable():
    strict = DuplicateIndex(threshold=0.99)
    assert strict.add_many([("a1", STORY), ("a3", COPY_2)]) == ["a1", "a3"]


def test_fetch_url_refuses_other_schemes():
    from dyadwatch.errors import InputError
    from dyadwatch.ingest.fetch import fetch_url

    with pytest.raises(InputError, match="fetch failed"):
        fetch_url("file:///etc/passwd", 1000)
