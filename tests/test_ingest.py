"""Ingest: text files with headers, JSONL, directories, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dyadwatch import Article, Rejection, read_sources
from dyadwatch.ingest import parse_text_article
from dyadwatch.records import article_id_for

GOOD = "Title: Talks resume\nDate: 2024-03-05\nURL: https://example.test/a\nPublisher: Test Wire\n\nJapan and China held talks in Tokyo on Tuesday.\n"


def test_text_headers_are_read():
    art = parse_text_article(GOOD, "a.txt")
    assert art.title == "Talks resume"
    assert art.published == date(2024, 3, 5)
    assert art.url == "https://example.test/a"
    assert art.publisher == "Test Wire"
    assert art.text == "Japan and China held talks in Tokyo on Tuesday."


def test_text_without_headers_takes_default_date():
    art = parse_text_article("Date: no blank line follows this\nso it is body text.", "b.txt", date(2020, 1, 2))
    assert art.title is None
    assert art.published == date(2020, 1, 2)
    assert art.text.startswith("Date: no blank line")


def test_header_date_wins_over_default():
    art = parse_text_article(GOOD, "a.txt", date(1999, 1, 1))
    assert art.published == date(2024, 3, 5)


def test_article_id_is_content_hash():
    a = Article.from_text("Some text here.")
    b = Article.from_text("Some   text\nhere.  ")
    c = Article.from_text("Other text here.")
    assert a.article_id == b.article_id == article_id_for("Some text here.")
    assert a.article_id != c.article_id


def test_directory_and_jsonl(tmp_path):
    (tmp_path / "one.txt").write_text(GOOD, "utf-8")
    lines = [
        {"id": "x1", "url": "https://example.test/1", "title": "T1", "published": "2024-01-02", "text": "Russia attacked Ukraine."},
        {"id": "x2", "url": "https://example.test/2", "title": "T2", "published": "2024-01-03T10:00:00Z", "text": "Iran criticized Israel."},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    items = list(read_sources([tmp_path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert not [i for i in items if isinstance(i, Rejection)]
    assert {a.title for a in arts} == {"Talks resume", "T1", "T2"}
    t2 = next(a for a in arts if a.title == "T2")
    assert t2.published == date(2024, 1, 3)
    assert t2.origin.endswith("feed.jsonl:2")


@pytest.mark.parametrize(
    "name, content, reason, detail_part",
    [
        ("binary.bin", bytes(range(256)) * 40, "binary file", "NUL"),
        ("empty.txt", b"", "empty", "no text"),
        ("blank.txt", b"   \n\n  \t\n", "empty", "no text"),
        ("latin1.txt", "Caf\u00e9 owners protested in Paris.".encode("latin-1"), "invalid UTF-8", "0xe9"),
        ("headers-only.txt", b"Title: nothing\nDate: 2024-01-01\n\n", "empty", "no body"),
        ("bad-date.txt", b"Title: x\nDate: yesterday\n\nRussia attacked Ukraine.", "bad date", "yesterday"),
    ],
)
def test_bad_files_are_rejected_with_reason(tmp_path, name, content, reason, detail_part):
    p = tmp_path / name
    p.write_bytes(content)
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    items = list(read_sources([tmp_path]))
    rejected = [i for i in items if isinstance(i, Rejection)]
    good = [i for i in items if isinstance(i, Article)]
    assert len(good) == 1, "the good file is still read"
    assert len(rejected) == 1
    r = rejected[0]
    assert r.origin == str(p)
    assert r.reason == reason
    assert detail_part in r.detail
    assert r.raw == content, "the rejected item is kept whole"
    assert str(p) in r.message and reason in r.message


def test_too_large_text_is_rejected(tmp_path):
    big = tmp_path / "huge.txt"
    chunk = "Russia and Ukraine traded accusations again on Monday. " * 1000
    with big.open("w") as fh:
        while fh.tell() < 20_000_000:
            fh.write(chunk)
    items = list(read_sources([big]))
    assert len(items) == 1 and isinstance(items[0], Rejection)
    assert items[0].reason == "too large"
    assert "MB" in items[0].detail and "--max-bytes" in items[0].detail
    assert str(big.stat().st_size) in items[0].detail.replace(",", ""), "its size is told"
    assert items[0].raw == big.read_bytes()[:8192], "its head is kept, not the whole body"


def test_malformed_jsonl_line_keeps_the_others(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_text(
        json.dumps({"id": "1", "text": "Iran criticized Israel.", "published": "2024-02-01"}) + "\n"
        + '{"id": "2", "text": "unterminated\n'
        + json.dumps({"id": "3", "title": "no text field"}) + "\n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"id": "5", "text": "China praised Pakistan.", "published": "2024-02-03"}) + "\n",
        "utf-8",
    )
    items = list(read_sources([p]))
    arts = [i for i in items if isinstance(i, Article)]
    rej = [i for i in items if isinstance(i, Rejection)]
    assert [a.text for a in arts] == ["Iran criticized Israel.", "China praised Pakistan."]
    assert [(r.origin.rsplit(":", 1)[1], r.reason) for r in rej] == [
        ("2", "malformed JSON line"), ("3", "no text"), ("4", "malformed JSON line")]
    assert rej[0].raw.startswith(b'{"id": "2"')


def test_missing_path_is_rejected(tmp_path):
    items = list(read_sources([tmp_path / "nope.txt"]))
    assert len(items) == 1 and items[0].reason == "not found"


@pytest.mark.parametrize("body, expected", [
    ("KYIV, March 5, 2024 — Ukraine criticized Russia.", date(2024, 3, 5)),
    ("5 March 2024: Ukraine criticized Russia.", date(2024, 3, 5)),
    ("Posted 2024-03-05. Ukraine criticized Russia.", date(2024, 3, 5)),
    ("Ukraine criticized Russia on Tuesday.", None),
])
def test_date_falls_back_to_a_dateline_in_the_text(body, expected):
    assert parse_text_article(body, "x.txt").published == expected
    # --date applies only where the input itself has no date
    assert parse_text_article(body, "x.txt", date(2020, 1, 1)).published == (expected or date(2020, 1, 1))


def _jsonl_with_every_kind_of_line(path):
    """A BOM, CRLF endings, blank lines, a malformed line, bad UTF-8, a line far longer than
    the parts, and no newline after the last line."""
    long_text = "The envoy of Chile met the envoy of Peru. " * 40
    body = (
        "\ufeff" + json.dumps({"id": "a", "text": "Iran criticized Israel.", "published": "2024-02-01"}) + "\r\n"
        + "\n   \n"
        + '{"id": "b", "text": "unterminated\n'
        + json.dumps({"id": "c", "text": long_text, "published": "2024-02-02"}) + "\n"
    ).encode("utf-8")
    body += b'{"id": "d", "text": "caf\xe9 au lait"}\n'
    body += json.dumps({"id": "e", "text": "China praised Pakistan.", "published": "2024-02-03"}).encode("utf-8")
    path.write_bytes(body)
    return body


@pytest.mark.parametrize("size", [1, 7, 60, 500, 10_000])
def test_jsonl_parts_tile_the_file_and_read_as_the_whole_file_reads(tmp_path, size):
    from dyadwatch.ingest.jsonl import jsonl_ranges
    from dyadwatch.ingest.sources import read_jsonl_part

    p = tmp_path / "mixed.jsonl"
    body = _jsonl_with_every_kind_of_line(p)
    parts = list(jsonl_ranges(p, size))
    # the parts tile the file, each begins a line, and knows that line's number
    assert parts[0].start == 0 and parts[-1].end == len(body)
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    for r in parts:
        assert r.start == 0 or body[r.start - 1:r.start] == b"\n"
        assert r.first_line == body[:r.start].count(b"\n") + 1
        assert r.blank == (not body[r.start:r.end].strip())
    if size == 1:  # a part per line, the two blank ones blank
        assert [r.first_line for r in parts] == list(range(1, 8)) and [r.first_line for r in parts if r.blank] == [2, 3]
    elif size < 1000:
        assert len(parts) >= 2
    whole = list(read_sources([p]))
    split = [i for r in parts for i in read_jsonl_part(p, r.start, r.end, r.first_line)]

    def key(i):
        return (type(i).__name__, i.origin, getattr(i, "article_id", None), getattr(i, "reason", None), getattr(i, "raw", None))

    assert [key(i) for i in split] == [key(i) for i in whole]
    assert [(i.origin.rsplit(":", 1)[1], getattr(i, "reason", "ok")) for i in whole] == [
        ("1", "ok"), ("4", "malformed JSON line"), ("5", "ok"), ("6", "invalid UTF-8"), ("7", "ok")]


def test_a_blank_jsonl_file_has_only_blank_parts_and_is_rejected_as_empty(tmp_path):
    from dyadwatch.ingest.jsonl import jsonl_parts, jsonl_ranges

    p = tmp_path / "blank.jsonl"
    p.write_bytes(b"\n  \r\n\t\n")
    parts = list(jsonl_ranges(p, 2))
    assert len(parts) >= 2 and all(r.blank for r in parts)
    items = list(read_sources([p]))
    assert [(i.origin, i.reason) for i in items] == [(str(p), "empty")]
    kept, empty = jsonl_parts(p, 2)  # what an engine splitting the file gets: the same rejection
    assert kept == [] and (empty.origin, empty.reason, empty.detail) == (items[0].origin, items[0].reason, items[0].detail)
    (tmp_path / "one.jsonl").write_bytes(b"\n\n" + json.dumps({"text": "Iran criticized Israel."}).encode() + b"\n\n")
    kept, empty = jsonl_parts(tmp_path / "one.jsonl", 1)
    assert empty is None and [r.first_line for r in kept] == [3]
    with pytest.raises(ValueError, match="at least 1 byte"):
        list(jsonl_ranges(p, 0))
