"""Hostile and unlucky inputs (issue #20): each bad item is quarantined with a reason that
names it and says what is wrong, the good article beside it is still coded, and a rerun on
the same store changes nothing. Everything is generated here, small; the 200 MB text and
the 1 GB gzip bomb are simulated with a lowered ``max_bytes`` (``bench/hostile.py`` runs
them at their real size)."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from dyadwatch import Article, Rejection, Store, code_sources, read_sources
from dyadwatch.errors import DictionaryError, InputError, UsageError
from dyadwatch.ingest.fetch import fetch_url

GOOD_SENTENCE = "Iran criticized Israel over the strike near Damascus."
GOOD_FILE = f"Date: 2024-03-05\n\n{GOOD_SENTENCE}\n"
PAGE = ("<html><head><title>{title}</title></head><body><article><p>{text}</p></article></body></html>")
FILLER = "The weather stayed calm and the market was quiet all week long. "


@dataclass
class Run:
    coded: int
    missing_inputs: list[str]
    counts: dict
    quarantine: dict[str, tuple[str, str, int]]  # origin -> (reason, detail, size of what is kept)
    events_by_origin: dict[str, int]


def run(coder, db: Path, paths, **kw) -> Run:
    with Store(db) as store:
        summary = code_sources([str(p) for p in paths], store, coder=coder, **kw)
        counts = store.counts()
        rows = store.con.execute("SELECT origin, reason, detail, size_bytes FROM quarantine").fetchall()
        arts = store.con.execute("SELECT origin, n_events FROM articles").fetchall()
    return Run(summary.coded, summary.missing_inputs, counts, {o: (r, d, n) for o, r, d, n in rows}, dict(arts))


def good_file(folder: Path, name: str = "good.txt") -> Path:
    p = folder / name
    p.write_text(GOOD_FILE, "utf-8")
    return p


def check(coder, tmp_path: Path, paths, bad: str, reason: str, *detail_parts: str, good: str | None = None,
          **kw) -> Run:
    """Code ``paths`` twice into one store: ``bad`` is quarantined with ``reason`` and a detail
    holding ``detail_parts``; ``good`` (default: a good.txt among the paths) is coded with
    events; the second run changes nothing."""
    db = tmp_path / "store.duckdb"
    first = run(coder, db, paths, **kw)
    assert bad in first.quarantine, f"{bad} not quarantined: {first.quarantine}"
    got_reason, detail, _ = first.quarantine[bad]
    assert got_reason == reason, (got_reason, detail)
    for part in detail_parts:
        assert part in detail, (part, detail)
    good = good or next(str(p) for p in paths if str(p).endswith("good.txt"))
    assert first.events_by_origin.get(good, 0) >= 1, f"the good article {good} is coded: {first.events_by_origin}"
    second = run(coder, db, paths, **kw)
    assert second.counts == first.counts and second.coded == 0, "a rerun changes nothing"
    return first


# -- memory bounded by the input -------------------------------------------------------------


def test_text_over_the_limit_keeps_head_size_and_hash_not_the_body(coder, tmp_path):
    big = tmp_path / "huge.txt"
    big.write_text(FILLER * 800, "utf-8")  # 52 KB: the 200 MB file, with a limit of 4 KB
    data = big.read_bytes()
    first = check(coder, tmp_path, [big, good_file(tmp_path)], str(big), "too large",
                  f"{len(data):,} bytes", "4,000 bytes limit", hashlib.sha256(data).hexdigest(), max_bytes=4000)
    assert first.quarantine[str(big)][2] <= 8192 < len(data), "only the head is kept"


def test_negative_max_bytes_is_refused_at_once(coder, fresh_db, tmp_path):
    with pytest.raises(UsageError, match=r"max_bytes \(--max-bytes\) must be 0 or more, not -1"):
        read_sources([good_file(tmp_path)], max_bytes=-1)
    with pytest.raises(UsageError, match="--max-bytes"):
        code_sources([good_file(tmp_path)], fresh_db, coder=coder, max_bytes=-5)
    assert fresh_db.counts()["quarantine"] == 0


def _warc(path: Path, pages: list[tuple[str, bytes]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for uri, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers, warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"}))


def _page(title: str, text: str) -> bytes:
    return PAGE.format(title=title, text=text).encode("utf-8")


def test_gzip_bomb_record_is_counted_decompressed_and_the_next_record_read(coder, tmp_path):
    bomb_body = b"<html><body><p>" + b" " * 3_000_000 + b"</p></body></html>"  # ~3 KB compressed
    warc = tmp_path / "bomb.warc.gz"
    _warc(warc, [("https://news.example.test/bomb", bomb_body),
                 ("https://news.example.test/good", _page("Strike", GOOD_SENTENCE))])
    assert warc.stat().st_size < 20_000
    first = check(coder, tmp_path, [warc], f"{warc}#1", "too large", f"{len(bomb_body):,} bytes",
                  hashlib.sha256(bomb_body).hexdigest(), good=f"{warc}#2", max_bytes=100_000)
    assert first.quarantine[f"{warc}#1"][2] <= 8192


# -- errors that skipped quarantine ----------------------------------------------------------


def test_json_nested_a_thousand_deep_is_one_bad_line(coder, tmp_path):
    deep = '{"text": ' + "[" * 1000 + "]" * 1000 + "}"
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join([json.dumps({"text": GOOD_SENTENCE, "published": "2024-03-05"}), deep,
                            json.dumps({"text": "India accused Pakistan of shelling villages in Kashmir.",
                                        "published": "2024-03-06"})]) + "\n", "utf-8")
    first = check(coder, tmp_path, [p], f"{p}:2", "malformed JSON line", "nested too deeply", good=f"{p}:1")
    assert first.events_by_origin.get(f"{p}:3", 0) >= 1, "the line after it is coded too"


def _csv(path: Path, rows: list[tuple[str, str]]) -> None:
    import csv

    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "text"])
        w.writerows(rows)


def test_csv_field_over_131072_characters_is_read_with_the_rows_after_it(tmp_path):
    long_text = FILLER * 2200  # 143,000 characters: over csv's own field limit, under max_bytes
    p = tmp_path / "wire.csv"
    _csv(p, [("first", GOOD_SENTENCE), ("long", long_text), ("after", "Canada imposed new sanctions on Russian oil traders.")])
    items = list(read_sources([p]))
    assert len(items) == 3 and all(isinstance(i, Article) for i in items), items
    assert len(items[1].text) == len(long_text.strip()) > 131_072
    assert items[2].origin == f"{p}:4" and items[2].title == "after"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_csv_is_read_row_by_row_whatever_its_line_ends(tmp_path, newline):
    p = tmp_path / "wire.csv"
    p.write_bytes(newline.join(["title,text", f'first,"{GOOD_SENTENCE}"', 'two lines,"Talks went on.\nThey ended."',
                                "last,Canada imposed new sanctions.", ""]).encode("utf-8"))
    items = list(read_sources([p]))
    assert [(i.origin.rsplit(":", 1)[1], i.title, i.text) for i in items] == [
        ("2", "first", GOOD_SENTENCE), ("3", "two lines", "Talks went on.\nThey ended."),
        ("5", "last", "Canada imposed new sanctions.")]


def test_csv_row_over_the_limit_is_quarantined_and_later_rows_coded(coder, tmp_path):
    p = tmp_path / "wire.csv"
    _csv(p, [("first", GOOD_SENTENCE), ("long", FILLER * 2200),
             ("after", "Canada imposed new sanctions on Russian oil traders.")])
    first = check(coder, tmp_path, [p], f"{p}:3", "too large", "limit for one row", good=f"{p}:2",
                  max_bytes=100_000)
    assert first.events_by_origin.get(f"{p}:4", 0) >= 1, "the row after it is coded"


def test_nul_in_csv_after_8kb_quarantines_that_row_only(coder, tmp_path):
    p = tmp_path / "wire.csv"
    rows = [(f"filler {i}", FILLER) for i in range(150)]  # about 10 KB before the NUL
    rows += [("nul", "Japan praised South Korea\0 for its help."), ("good", GOOD_SENTENCE)]
    _csv(p, rows)
    assert p.read_bytes().index(b"\0") > 8192
    first = check(coder, tmp_path, [p], f"{p}:152", "NUL character", "line 152", good=f"{p}:153")
    with Store(tmp_path / "store.duckdb", read_only=True) as store:
        texts = [t for (t,) in store.con.execute("SELECT text FROM articles").fetchall()]
    assert texts and not any("\0" in t for t in texts), "no NUL reaches the stored text"
    assert first.counts["quarantine"] == 1


@pytest.mark.parametrize("cut", [4, 120, 320], ids=["gzip-trailer", "mid-page", "in-its-headers"])
def test_truncated_warc_gz_quarantines_its_last_record(coder, tmp_path, cut):
    full = tmp_path / "full.warc.gz"
    _warc(full, [("https://news.example.test/a", _page("Strike", GOOD_SENTENCE)),
                 ("https://news.example.test/b", _page("Talks", "Egypt hosted talks between Sudanese generals in Cairo."))])
    data = full.read_bytes()
    cut_file = tmp_path / "cut.warc.gz"
    cut_file.write_bytes(data[: len(data) - cut])
    full.unlink()
    check(coder, tmp_path, [cut_file], str(cut_file), "truncated WARC", "record 2 at byte", good=f"{cut_file}#1")


def test_dangling_and_looping_symlinks_are_quarantined(coder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    good = good_file(folder)
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(folder / "loop-b", folder / "loop-a")
    os.symlink(folder / "loop-a", folder / "loop-b")
    first = check(coder, tmp_path, [folder], str(folder / "dangling.txt"), "broken symlink", "gone.txt",
                  good=str(good))
    assert first.quarantine[str(folder / "loop-a")][0] == "symlink loop"
    assert "leads back to itself" in first.quarantine[str(folder / "loop-b")][1]


def test_malformed_rss_says_so_with_the_parsers_message(coder, tmp_path):
    feed = tmp_path / "broken.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Strike</title>'
                    "<description>Russia attacked Ukraine.</descr</item></channel>", "utf-8")
    first = check(coder, tmp_path, [feed, good_file(tmp_path)], str(feed), "malformed feed",
                  "not well-formed XML", "SAXParseException", ":1:")  # the parser's position, line 1
    assert first.quarantine[str(feed)][2] == feed.stat().st_size, "the feed's bytes are kept"


def test_malformed_rss_detail_names_the_position(tmp_path):
    feed = tmp_path / "broken.xml"
    feed.write_text('<rss version="2.0"><channel><item><title>Talks &amp; more <b></title></item>', "utf-8")
    (r,) = read_sources([feed])
    assert isinstance(r, Rejection) and r.reason == "malformed feed" and r.origin == str(feed)
    assert "SAXParseException" in r.detail and r.raw == feed.read_bytes()


def test_utf16_with_a_bom_is_decoded_and_bad_utf16_is_quarantined(coder, tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(GOOD_FILE.encode("utf-16"))
    bad = tmp_path / "bad16.txt"
    bad.write_bytes("Iran criticized".encode("utf-16") + b"\x00\xd8" + "Israel".encode("utf-16-le"))
    check(coder, tmp_path, [good, bad], str(bad), "invalid UTF-16", "cannot be decoded")


def test_utf16_feed_jsonl_and_csv_are_read(tmp_path):
    (tmp_path / "a.jsonl").write_bytes((json.dumps({"text": GOOD_SENTENCE}) + "\n").encode("utf-16"))
    (tmp_path / "b.csv").write_bytes(f'title,text\nStrike,"{GOOD_SENTENCE}"\n'.encode("utf-16"))
    (tmp_path / "c.xml").write_bytes(('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel>'
                                      f"<item><title>Strike</title><description>{GOOD_SENTENCE}</description>"
                                      "</item></channel></rss>").encode("utf-16"))
    items = list(read_sources([tmp_path]))
    assert [(Path(i.origin).name, i.text) for i in items] == [
        ("a.jsonl:1", GOOD_SENTENCE), ("b.csv:2", GOOD_SENTENCE), ("c.xml#1", GOOD_SENTENCE)]


CHINESE = ("中华人民共和国外交部发言人周三表示，中方坚决反对美国对台湾的军售，并敦促美方立即停止这一错误做法，"
           "以免进一步损害中美关系和台海和平稳定。外交部还表示，中方将采取必要措施维护自身主权。")


def test_short_chinese_text_is_not_taken_for_english(coder, tmp_path):
    text = CHINESE[:87] + "。"
    assert len(text) == 88
    zh = tmp_path / "zh.txt"
    zh.write_text(text, "utf-8")
    first = check(coder, tmp_path, [zh, good_file(tmp_path)], str(zh), "language zh-cn not supported", "CJK script")
    assert first.quarantine[str(zh)][2] == len(text.encode("utf-8"))


def test_missing_input_is_quarantined_and_told_to_the_caller(coder, tmp_path):
    missing = tmp_path / "no-such-file.txt"
    first = check(coder, tmp_path, [missing, good_file(tmp_path)], str(missing), "not found", "no such file")
    assert first.missing_inputs == [str(missing)]


# -- fetching from untrusted feeds -----------------------------------------------------------


class _Site(http.server.BaseHTTPRequestHandler):
    """A local web site: an article, a secret page, a big page, pages that drip."""

    requested: list[str] = []

    def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).requested.append(self.path)
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what these pages are for

    def _answer(self) -> None:
        if self.path == "/secret.html":
            self._send(_page("Internal", GOOD_SENTENCE))
        elif self.path == "/big.html":
            self._send(b"<html>" + b"x" * 50_000 + b"</html>")
        elif self.path == "/big-unsized.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"x" * 1000)
        elif self.path == "/drip.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self._drip(b"x" * 1000)
        elif self.path == "/to-ftp.html":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1:21/secret.txt")
            self.end_headers()
        elif self.path == "/drip-headers.html":
            self._drip(b"HTTP/1.0 200 OK\r\n" + b"X-Slow: " + b"y" * 1000)
        else:
            self.send_error(404)

    def _send(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes) -> None:
        for i in range(len(data)):  # a byte every 0.05 s: 50 s for all of it
            self.wfile.write(data[i : i + 1])
            self.wfile.flush()
            time.sleep(0.05)


@pytest.fixture
def site():
    _Site.requested = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server
    server.shutdown()
    server.server_close()


def _feed_linking(path: Path, link: str) -> Path:
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Strike</title>'
                    f"<link>{link}</link></item></channel></rss>", "utf-8")
    return path


def test_fetch_refuses_a_loopback_link_from_a_feed(coder, tmp_path, site):
    base, _ = site
    feed = _feed_linking(tmp_path / "untrusted.xml", f"{base}/secret.html")
    check(coder, tmp_path, [feed, good_file(tmp_path)], f"{feed}#1", "refused address", "127.0.0.1", "loopback",
          "--allow-private", read_options={"fetch": True})
    assert "/secret.html" not in _Site.requested, "nothing was asked of the server"


def test_fetch_refuses_localhost_given_as_an_input(tmp_path, site):
    base, server = site
    url = f"http://localhost:{server.server_address[1]}/secret.html"
    (r,) = read_sources([url], fetch=True)
    assert (r.origin, r.reason) == (url, "refused address") and "loopback" in r.detail
    assert not _Site.requested


def test_fetch_with_allow_private_reads_the_page(coder, tmp_path, site):
    base, _ = site
    feed = _feed_linking(tmp_path / "trusted.xml", f"{base}/secret.html")
    first = run(coder, tmp_path / "store.duckdb", [feed], read_options={"fetch": True, "allow_private": True})
    assert first.counts["quarantine"] == 0 and first.events_by_origin[f"{feed}#1"] >= 1
    assert _Site.requested == ["/secret.html"]


def test_fetch_follows_no_redirect_away_from_http(site):
    base, _ = site
    with pytest.raises(InputError) as err:
        fetch_url(f"{base}/to-ftp.html", 10_000, allow_private=True)
    assert err.value.reason == "fetch failed" and "a redirect to ftp://127.0.0.1:21/secret.txt" in err.value.detail


@pytest.mark.parametrize("page", ["big.html", "big-unsized.html"])
def test_fetch_size_cap_holds(site, page):
    base, _ = site
    with pytest.raises(InputError) as err:
        fetch_url(f"{base}/{page}", 10_000, allow_private=True)
    assert err.value.reason == "too large" and "10,000-byte limit" in err.value.detail


@pytest.mark.parametrize("page", ["drip.html", "drip-headers.html"])
def test_fetch_total_time_limit_holds_against_a_dripping_server(site, page):
    base, _ = site
    started = time.monotonic()
    with pytest.raises(InputError) as err:
        fetch_url(f"{base}/{page}", 1_000_000, timeout=30, total_s=1.0, allow_private=True)
    assert err.value.reason == "too slow" and "1 s limit" in err.value.detail
    assert time.monotonic() - started < 20, "stopped long before the 50 s the server drips for"


# -- configuration files ---------------------------------------------------------------------


@pytest.mark.parametrize("yaml_text, field", [
    ("actors:\n  - {names: [Azure Coast Militia], code: [1, 2], sector: UAF}\n", "code"),
    ("actors:\n  - {names: [Azure Coast Militia], code: CIV, sector: {a: 1}}\n", "sector"),
    ("people:\n  - name: Wendel Obara\n    aliases: [[W. Obara]]\n    roles: [{code: KEN}]\n", "aliases"),
    ("people:\n  - name: Wendel Obara\n    roles: [{code: [KEN]}]\n", "code"),
    ("agents:\n  - {word: harbour master, sector: 7}\n", "sector"),
], ids=["actor-code-list", "actor-sector-map", "alias-list", "role-code-list", "agent-sector-int"])
def test_yaml_field_of_the_wrong_type_is_refused_naming_file_and_field(tmp_path, yaml_text, field):
    from dyadwatch.actors.user import dictionary_with

    f = tmp_path / "mine.yaml"
    f.write_text(yaml_text, "utf-8")
    with pytest.raises(DictionaryError) as err:
        dictionary_with([f])
    assert str(f) in str(err.value) and f"field '{field}' must be" in str(err.value)
