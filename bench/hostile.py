"""Peak memory and time of ``code`` on hostile inputs at their real size (issue #20).

Cases, each with a good article beside it that must still be coded:

- ``text``: a 200 MB plain-text file (over the 5 MB ``--max-bytes``);
- ``bomb``: a ``.warc.gz`` of about 1 MB whose first record's page decompresses to 1 GB,
  followed by a good record;
- ``csv``, ``jsonl``: a 200 MB row (one quoted field) or line between two good ones;
- ``sentence``: a 1 MB file that is one run-on "sentence" (coded in bounded pieces).

Each case runs in a fresh process (so its peak RSS is its own): it writes its files in a
temporary folder, loads the coder, codes the folder into a new DuckDB store with the local
engine, and prints the run's time, the process's peak RSS (``ru_maxrss``) and its RSS once
the coder was loaded, what was quarantined and whether the good article was coded. The
files are deleted afterwards. Limits checked: peak RSS under 1 GB, time under 60 s.

    .venv/bin/python bench/hostile.py [--case text|csv|jsonl|bomb|sentence|all] [--text-mb 200] [--bomb-mb 1000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

GOOD = "Date: 2024-03-05\n\nIran criticized Israel over the strike near Damascus.\n"
GOOD_PAGE = (b"<html><head><title>Strike</title></head><body><article><p>India accused Pakistan of shelling"
             b" villages in Kashmir on Monday, the foreign ministry said.</p></article></body></html>")
GOOD_SENTENCES = (b"Brazil signed a trade agreement with Argentina in Montevideo.",
                  b"Egypt hosted talks between Sudanese generals in Cairo.")
FILLER = b"The weather stayed calm and the market was quiet all week long. "
LIMIT_MB, LIMIT_S = 1024, 60.0
_MB = 1 << 20


def write_text(path: Path, size: int) -> None:
    block = FILLER * (_MB // len(FILLER))
    with path.open("wb") as fh:
        while fh.tell() < size:
            fh.write(block)


def _warc_member(fh, uri: str, http_head: bytes, body_chunks, body_len: int) -> None:  # noqa: ANN001
    """One WARC response record as its own gzip member, its body written chunk by chunk."""
    payload_len = len(http_head) + body_len
    header = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
              f"WARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
              f"Content-Type: application/http; msgtype=response\r\nContent-Length: {payload_len}\r\n\r\n").encode()
    with gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=9) as gz:
        gz.write(header + http_head)
        for chunk in body_chunks:
            gz.write(chunk)
        gz.write(b"\r\n\r\n")


def write_bomb(path: Path, size: int) -> None:
    """A WARC whose first page is ``size`` bytes of spaces inside <p>, then a good page."""
    opening, closing = b"<html><body><p>", b"</p></body></html>"
    pad = size - len(opening) - len(closing)
    block = b" " * _MB

    def chunks():  # noqa: ANN202
        yield opening
        left = pad
        while left > 0:
            yield block[: min(left, _MB)]
            left -= _MB
        yield closing

    with path.open("wb") as fh:
        _warc_member(fh, "https://news.example.test/bomb",
                     f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {size}\r\n\r\n".encode(),
                     chunks(), size)
        _warc_member(fh, "https://news.example.test/good",
                     f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(GOOD_PAGE)}\r\n\r\n".encode(),
                     [GOOD_PAGE], len(GOOD_PAGE))


def write_csv(path: Path, size: int) -> None:
    block = FILLER * (_MB // len(FILLER))
    with path.open("wb") as fh:
        fh.write(b'title,text\nfirst,"' + GOOD_SENTENCES[0] + b'"\nhuge,"')
        while fh.tell() < size:
            fh.write(block)
        fh.write(b'"\nlast,"' + GOOD_SENTENCES[1] + b'"\n')


def write_jsonl(path: Path, size: int) -> None:
    block = FILLER * (_MB // len(FILLER))
    with path.open("wb") as fh:
        fh.write(json.dumps({"text": GOOD_SENTENCES[0].decode(), "published": "2024-03-05"}).encode() + b"\n")
        fh.write(b'{"published": "2024-03-05", "text": "')
        while fh.tell() < size:
            fh.write(block)
        fh.write(b'"}\n' + json.dumps({"text": GOOD_SENTENCES[1].decode(), "published": "2024-03-05"}).encode() + b"\n")


def write_sentence(path: Path, size: int) -> None:
    """One "sentence" of ``size`` bytes: clauses that name actors, joined by commas, one full stop."""
    unit = b"the Iraqi army attacked Syrian rebels near Aleppo and Turkish troops shelled Kurdish positions, "
    with path.open("wb") as fh:
        fh.write(b"Date: 2024-03-05\n\n")
        while fh.tell() < size - len(unit):
            fh.write(unit)
        fh.write(b"and it went on.\n")


WRITERS = {"text": ("huge.txt", write_text), "csv": ("huge.csv", write_csv), "jsonl": ("huge.jsonl", write_jsonl),
           "bomb": ("bomb.warc.gz", write_bomb), "sentence": ("run-on.txt", write_sentence)}
#: where each case's good articles come from, besides good.txt (1-based lines and records)
GOOD_ITEMS = {"text": [], "csv": [":2", ":4"], "jsonl": [":1", ":3"], "bomb": ["#2"], "sentence": []}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / _MB


def run_case(case: str, text_mb: int, bomb_mb: int) -> dict:
    """Write the case's files, code them, return the figures (runs in its own process)."""
    from dyadwatch import Article, ArticleCoder, Store, code_sources

    with tempfile.TemporaryDirectory(prefix=f"hostile-{case}-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "good.txt").write_text(GOOD, "utf-8")
        name, write = WRITERS[case]
        big = folder / name
        write(big, {"bomb": bomb_mb, "sentence": 1}.get(case, text_mb) * 1_000_000)
        file_size = big.stat().st_size
        coder = ArticleCoder()
        coder.code_article(Article.from_text("Iran criticized Israel."))  # loads the pipeline
        rss_loaded = _current_rss_mb()
        started = time.perf_counter()
        with Store(Path(tmp) / "store.duckdb") as store:
            summary = code_sources([folder], store, coder=coder)
            quarantine = store.con.execute("SELECT origin, reason, detail, size_bytes FROM quarantine").fetchall()
            coded = dict(store.con.execute("SELECT origin, n_events FROM articles").fetchall())
        seconds = time.perf_counter() - started
    good_origins = [str(folder / "good.txt")] + [f"{big}{where}" for where in GOOD_ITEMS[case]]
    return {
        "case": case, "input_bytes": file_size, "seconds": round(seconds, 2), "peak_rss_mb": round(_rss_mb(), 1),
        "rss_after_model_mb": round(rss_loaded, 1), "articles": summary.articles, "events": summary.events,
        "good_coded": {Path(o).name: coded.get(o) for o in good_origins},
        "quarantined": [(Path(o).name, r, d, n) for o, r, d, n in quarantine],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--case", choices=[*WRITERS, "all"], default="all")
    ap.add_argument("--text-mb", type=int, default=200, help="size of the text file, MB (default 200)")
    ap.add_argument("--bomb-mb", type=int, default=1000, help="decompressed size of the bomb's page, MB (default 1000)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case in this process
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one, args.text_mb, args.bomb_mb)))
        return 0
    failed = False
    for case in (list(WRITERS) if args.case == "all" else [args.case]):
        out = subprocess.run([sys.executable, __file__, "--one", case, "--text-mb", str(args.text_mb),
                              "--bomb-mb", str(args.bomb_mb)], capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{case}: failed (exit {out.returncode})\n{out.stderr[-2000:]}")
            failed = True
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ok = r["peak_rss_mb"] < LIMIT_MB and r["seconds"] < LIMIT_S and all(v for v in r["good_coded"].values())
        failed |= not ok
        print(f"{case}: input {r['input_bytes']:,} bytes on disk; coded in {r['seconds']} s;"
              f" peak RSS {r['peak_rss_mb']} MB (after loading the coder: {r['rss_after_model_mb']} MB);"
              f" {r['articles']} articles, {r['events']} events; good article(s) coded with events: {r['good_coded']}"
              f" — {'within' if ok else 'OVER'} {LIMIT_MB} MB / {LIMIT_S:g} s")
        for name, reason, detail, kept in r["quarantined"]:
            print(f"    quarantined {name}: {reason} ({detail}); {kept:,} bytes kept")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
