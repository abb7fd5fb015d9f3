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

With ``--engine ray`` the case is coded by ``code_sources_ray`` on a local Ray (``--workers``
actors) into Parquet, then loaded into the store. Printed: the driver's peak RSS
(``ru_maxrss``), the largest peak RSS of any one Ray process (``VmHWM``, read every 0.1 s
from every process the driver started: workers, actors, raylet, object store) with its
name, and the largest sum of RSS over those processes (shared pages, such as Ray's object
store, count once per process that maps them). Its time includes starting Ray and loading
the actors' models. Limits checked: each process under 1 GB, time under 60 s (plus 30 s for Ray).

Measured on 2 cores, ``--engine ray --workers 1`` (largest peak RSS of one Ray process / of
the driver): before the driver streamed (Ray Data's ``read_binary_files`` read each file whole,
decompressing a ``.gz`` by its name), text 927 / 293 MB (the read task; 459 MB more in the
spill worker), bomb 3,217 / 297 MB (2 GB spilled to disk), csv 928 / 296 MB; after, every
case 349–752 MB (the coding actor, the 752 MB while it codes the run-on sentence) / 285–329 MB.

    .venv/bin/python bench/hostile.py [--case text|csv|jsonl|bomb|sentence|all] [--text-mb 200] [--bomb-mb 1000]
    .venv/bin/python bench/hostile.py --engine ray [--workers 1] [--case …]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import threading
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


class TreeSampler:
    """Every ``every`` s, each descendant process's peak RSS (``VmHWM``, which the kernel keeps,
    so a peak between samples is not missed while the process lives) and the sum of their
    current RSS: the memory of Ray's processes, which the driver's ``ru_maxrss`` does not count."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.peaks: dict[int, tuple[str, float]] = {}  # pid -> (name, peak RSS MB)
        self.peak_sum_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        import psutil

        try:
            procs = psutil.Process().children(recursive=True)
        except psutil.Error:
            return
        total = 0.0
        for q in procs:
            hwm, rss = _status_mb(q.pid)
            if hwm is None:
                continue
            total += rss
            known, peak = self.peaks.get(q.pid, ("", 0.0))
            if hwm > peak or not known:  # named as it was when its peak grew (an idle worker is "ray::IDLE")
                name = _proc_name(q)
                known = known if name == "ray::IDLE" and known else name
            self.peaks[q.pid] = (known, max(hwm, peak))
        self.peak_sum_mb = max(self.peak_sum_mb, total)

    def top(self) -> tuple[str, float]:
        return max(self.peaks.values(), key=lambda v: v[1], default=("none", 0.0))


def _status_mb(pid: int) -> tuple[float | None, float]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            fields = dict(line.split(":", 1) for line in fh if ":" in line)
    except OSError:
        return None, 0.0
    if "VmHWM" not in fields:  # a zombie: it has exited, its memory is gone
        return None, 0.0
    return int(fields["VmHWM"].split()[0]) / 1024, int(fields.get("VmRSS", "0").split()[0]) / 1024


def _proc_name(q) -> str:  # noqa: ANN001 - a psutil.Process
    """Ray's workers by their actor or task (``ray::_CodeAndWrite``), daemons by executable."""
    import psutil

    try:
        cmd = q.cmdline() or [q.name()]
    except psutil.Error:
        return "?"
    if cmd[0].startswith("ray::"):
        return cmd[0].split("(")[0]
    scripts = [Path(c).name for c in cmd if c.endswith(".py")]
    return scripts[0] if scripts else Path(cmd[0]).name


def _write_case(case: str, folder: Path, text_mb: int, bomb_mb: int) -> Path:
    (folder / "good.txt").write_text(GOOD, "utf-8")
    name, write = WRITERS[case]
    big = folder / name
    write(big, {"bomb": bomb_mb, "sentence": 1}.get(case, text_mb) * 1_000_000)
    return big


def run_case(case: str, text_mb: int, bomb_mb: int, engine: str = "local", workers: int = 1) -> dict:
    """Write the case's files, code them, return the figures (runs in its own process)."""
    from dyadwatch import Article, ArticleCoder, Store, code_sources

    ray_figures: dict = {}
    with tempfile.TemporaryDirectory(prefix=f"hostile-{case}-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        big = _write_case(case, folder, text_mb, bomb_mb)
        file_size = big.stat().st_size
        if engine == "ray":
            import ray

            from dyadwatch.engines.ray_engine import code_sources_ray

            rss_loaded = _current_rss_mb()
            started = time.perf_counter()
            with TreeSampler() as sampler:
                try:
                    summary = code_sources_ray([folder], Path(tmp) / "out.parquet", workers=workers)
                    sampler.sample()
                finally:
                    ray.shutdown()
            name, top = sampler.top()
            ray_figures = {"ray_top_process": name, "ray_top_peak_mb": round(top, 1),
                           "ray_sum_peak_mb": round(sampler.peak_sum_mb, 1),
                           "ray_processes": sorted(((n, round(m, 1)) for n, m in sampler.peaks.values()),
                                                   key=lambda v: -v[1])[:6]}
            with Store(Path(tmp) / "store.duckdb") as store:
                store.load_parquet(Path(tmp) / "out.parquet")
                quarantine = store.con.execute("SELECT origin, reason, detail, size_bytes FROM quarantine").fetchall()
                coded = dict(store.con.execute("SELECT origin, n_events FROM articles").fetchall())
        else:
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
        "case": case, "engine": engine, "input_bytes": file_size, "seconds": round(seconds, 2),
        "peak_rss_mb": round(_rss_mb(), 1), "rss_after_model_mb": round(rss_loaded, 1), "articles": summary.articles,
        "events": summary.events, "good_coded": {Path(o).name: coded.get(o) for o in good_origins},
        "quarantined": [(Path(o).name, r, d, n) for o, r, d, n in quarantine], **ray_figures,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--case", choices=[*WRITERS, "all"], default="all")
    ap.add_argument("--text-mb", type=int, default=200, help="size of the text file, MB (default 200)")
    ap.add_argument("--bomb-mb", type=int, default=1000, help="decompressed size of the bomb's page, MB (default 1000)")
    ap.add_argument("--engine", choices=["local", "ray"], default="local", help="the engine that codes (default local)")
    ap.add_argument("--workers", type=int, default=1, help="Ray actors with --engine ray (default 1)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case in this process
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_case(args.one, args.text_mb, args.bomb_mb, args.engine, args.workers)))
        return 0
    failed = False
    for case in (list(WRITERS) if args.case == "all" else [args.case]):
        out = subprocess.run([sys.executable, __file__, "--one", case, "--text-mb", str(args.text_mb),
                              "--bomb-mb", str(args.bomb_mb), "--engine", args.engine, "--workers", str(args.workers)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{case}: failed (exit {out.returncode})\n{out.stderr[-2000:]}")
            failed = True
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        ray_run = r["engine"] == "ray"
        ok = (r["peak_rss_mb"] < LIMIT_MB and r.get("ray_top_peak_mb", 0) < LIMIT_MB and all(v for v in r["good_coded"].values())
              and r["seconds"] < LIMIT_S + (30 if ray_run else 0))
        failed |= not ok
        loaded = "ray imported" if ray_run else "the coder loaded"
        print(f"{case} [{r['engine']}]: input {r['input_bytes']:,} bytes on disk; coded in {r['seconds']} s;"
              f" {'driver ' if ray_run else ''}peak RSS {r['peak_rss_mb']} MB (before the run, {loaded}: {r['rss_after_model_mb']} MB);"
              f" {r['articles']} articles, {r['events']} events; good article(s) coded with events: {r['good_coded']}"
              f" — {'within' if ok else 'OVER'} {LIMIT_MB} MB / {LIMIT_S:g} s")
        if ray_run:
            print(f"    Ray processes: largest peak RSS {r['ray_top_peak_mb']} MB ({r['ray_top_process']});"
                  f" largest sum of their RSS {r['ray_sum_peak_mb']} MB; top peaks: {r['ray_processes']}")
        for name, reason, detail, kept in r["quarantined"]:
            print(f"    quarantined {name}: {reason} ({detail}); {kept:,} bytes kept")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
