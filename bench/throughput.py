"""Throughput and memory of dyadwatch's engines against the spaCy pipeline alone.

Prints a table (not a test). The corpus is ../shared/corpora/voa_stories.jsonl replicated
with distinct ids (each copy gets its own closing line, so its content hash differs) to
``--articles`` articles. Each configuration runs in a fresh process; peak RSS is the
largest sum of resident memory over that process and all its descendants (pool workers,
Ray's raylet and workers), sampled every 0.25 s; peak PSS the largest sum of proportional
set sizes (a page shared by n processes counts 1/n in each: the memory the tree takes),
sampled every 2 s. The last column is the sampler's own CPU time. The RSS sum counts every shared library and Ray's shared object store
once per process that maps it.

    .venv/bin/python bench/throughput.py --articles 5000
    .venv/bin/python bench/throughput.py --articles 1000 --configs parser,local
    .venv/bin/python bench/throughput.py --articles 200 --configs parser-lean,local,parser-lean,local
    .venv/bin/python bench/throughput.py --articles 50000 --configs ray2 --breakdown

``--breakdown`` prints, after each configuration, every process of its tree (Ray's actors
and daemons by name) with its RSS and PSS at the tree's peak PSS, and its PSS a minute into
the run and at its last sample: what grows with the corpus, and where.

A configuration named more than once runs each time (A/B back to back on a noisy machine);
the ratios use the median rate of its runs.

Configurations: parser (spaCy's en_core_web_sm, every component, on all text: the work a
parse-everything coder must do), parser-lean (the components dyadwatch loads, on all
text), parser-only (the dependency parser and the tok2vec layer it listens to, nothing
else, on all text: the least work of a coder that parses everything), local, processes1, processes2, ray1, ray2.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT.parent / "shared" / "corpora" / "voa_stories.jsonl"
CONFIGS = ("parser", "parser-lean", "parser-only", "local", "processes1", "processes2", "ray1", "ray2")


def build_corpus(n: int, out: Path) -> int:
    stories = [json.loads(line) for line in VOA.read_text("utf-8").splitlines() if line.strip()]
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            s = stories[i % len(stories)]
            rec = {"id": f"bench-{i}", "url": s.get("url"), "title": s.get("title"), "published": s.get("published"),
                   "text": s["text"] + f"\n\n(Benchmark copy {i}.)"}
            fh.write(json.dumps(rec) + "\n")
    return n


def run_one(config: str, corpus: Path, work: Path) -> dict:
    """Runs inside the child process: code the corpus, return counts and time."""
    from datetime import date  # noqa: F401

    t0 = time.perf_counter()
    if config.startswith("parser"):
        from dyadwatch.nlp.pipeline import PARSER_ALONE, load_pipeline

        nlp = load_pipeline(full=config in ("parser", "parser-only"))
        # parser-only: the dependency parser and the embedding it listens to, nothing else
        disabled = [n for n in nlp.pipe_names if n not in PARSER_ALONE] if config == "parser-only" else []

        def texts():
            with corpus.open(encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)["text"]

        n_art = n_sent = 0
        t0 = time.perf_counter()
        for doc in nlp.pipe(texts(), batch_size=32, disable=disabled):
            n_art += 1
            n_sent += sum(1 for _ in doc.sents)
        return {"articles": n_art, "sentences": n_sent, "seconds": time.perf_counter() - t0}
    from dyadwatch import Store
    from dyadwatch.engines.worker import CoderSpec

    db = work / f"{config}-{os.getpid()}.duckdb"  # a fresh store per run (configurations may repeat)
    if config == "local":
        from dyadwatch import ArticleCoder, code_sources

        coder = ArticleCoder()
        t0 = time.perf_counter()
        with Store(db) as store:  # copies are coded, not linked as wire copies: this measures coding
            s = code_sources([corpus], store, coder=coder, link_stories=False)
    elif config.startswith("processes"):
        from dyadwatch.engines.processes import code_sources_processes

        with Store(db) as store:
            s = code_sources_processes([corpus], store, spec=CoderSpec(), workers=int(config[-1]), link_stories=False)
    else:
        import ray

        from dyadwatch.engines.ray_engine import code_sources_ray

        out = work / f"{config}-{os.getpid()}.parquet"
        s = code_sources_ray([corpus], out, spec=CoderSpec(), workers=int(config[-1]))
        ray.shutdown()
        with Store(db) as store:
            store.load_parquet(out)
    return {"articles": s.coded, "sentences": s.sentences, "parsed": s.parsed, "events": s.events,
            "seconds": time.perf_counter() - t0}


def _tree(pid: int) -> list:
    import psutil

    try:
        p = psutil.Process(pid)
        return [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _rss(procs: list) -> int:
    """Resident memory summed over ``procs`` (shared pages count once per process)."""
    import psutil

    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return total


def _label(q) -> str:
    """A short name for a process of the tree: Ray's workers by their actor or task, Ray's
    Python daemons by their script, everything else by its executable."""
    import psutil

    try:
        cmd = q.cmdline() or [q.name()]
    except psutil.Error:  # the process has gone, or may not be read
        return "?"
    if cmd[0].startswith("ray::"):
        return cmd[0].split("(")[0]
    scripts = [Path(c).name for c in cmd if c.endswith(".py")]
    if scripts:
        return scripts[0] if "throughput.py" not in scripts[0] else "driver (the run's own process)"
    return Path(cmd[0]).name


def _pss(procs: list, per: dict | None = None) -> int:
    """Proportional set size summed over ``procs``: a page shared by n processes counts 1/n
    in each, so the sum is the memory the tree takes (libraries that every Ray process maps,
    and Ray's shared object store, count once). With ``per``, each process's (label, RSS,
    PSS) is put there under its pid."""
    import psutil

    total = 0
    for q in procs:
        try:
            m = q.memory_full_info()
        except (psutil.Error, AttributeError):
            continue
        total += m.pss
        if per is not None:
            per[q.pid] = (_label(q), m.rss, m.pss)
    return total


def measure(config: str, corpus: Path, work: Path) -> dict:
    """Run one configuration in a child process and sample its tree's memory: RSS every
    0.25 s, PSS every 2 s (reading smaps is costly), the list of processes every second
    (finding a tree's children reads every process on the machine). The sampler's own CPU
    time is reported: it takes it from the two cores the run has. ``processes`` holds each
    process's PSS a minute into the run (once the models are loaded), at the tree's peak
    PSS and at the last sample it was alive for: what grows with the corpus and what does not."""
    cmd = [sys.executable, __file__, "--child", config, "--corpus", str(corpus), "--work", str(work)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    peak = peak_pss = 0
    tick = 0
    cpu0 = time.process_time()
    t0 = time.monotonic()
    procs: list = []
    early: dict = {}
    at_peak: dict = {}
    last: dict = {}
    while proc.poll() is None:
        if tick % 4 == 0:
            procs = _tree(proc.pid)
        peak = max(peak, _rss(procs))
        if tick % 8 == 0:
            per: dict = {}
            pss = _pss(procs, per)
            last.update(per)  # each process's last sample while it ran
            if not early and time.monotonic() - t0 >= 60:
                early = per
            if pss > peak_pss:
                peak_pss, at_peak = pss, per
        tick += 1
        time.sleep(0.25)
    out = proc.stdout.read().strip().splitlines()
    if proc.returncode != 0 or not out:
        return {"config": config, "error": f"exit {proc.returncode}"}
    res = json.loads(out[-1])
    res.update(config=config, peak_rss_mb=peak / 1e6, peak_pss_mb=peak_pss / 1e6, monitor_cpu_s=time.process_time() - cpu0)
    res["processes"] = [
        {"pid": pid, "process": label, "rss_mb_at_peak": rss / 1e6, "pss_mb_at_peak": pss / 1e6,
         "pss_mb_at_1min": early[pid][2] / 1e6 if pid in early else None,
         "pss_mb_last": last[pid][2] / 1e6 if pid in last else None}
        for pid, (label, rss, pss) in sorted(at_peak.items(), key=lambda kv: -kv[1][2])
    ]
    return res


def print_breakdown(r: dict) -> None:
    """The process tree at the peak of its PSS, each process's PSS a minute in and at the end."""
    print(f"  {r['config']}: the process tree at its peak PSS ({r['peak_pss_mb']:.0f} MB)")
    print(f"  {'process':<36}{'RSS MB':>8}{'PSS MB':>8}{'PSS at 1 min':>14}{'PSS last':>10}")
    def mb(v):
        return f"{v:.0f}" if v is not None else "-"

    for p in r.get("processes", []):
        print(f"  {p['process'][:35]:<36}{p['rss_mb_at_peak']:>8.0f}{p['pss_mb_at_peak']:>8.0f}{mb(p['pss_mb_at_1min']):>14}{mb(p['pss_mb_last']):>10}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--configs", default=",".join(CONFIGS))
    ap.add_argument("--child")
    ap.add_argument("--corpus")
    ap.add_argument("--work")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--breakdown", action="store_true", help="after each configuration, its processes' memory")
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child, Path(args.corpus), Path(args.work))))
        return 0
    if not VOA.exists():
        print(f"skipped: {VOA} is absent (the benchmark replicates the VOA corpus from ../shared)")
        return 0
    with tempfile.TemporaryDirectory(prefix="dyadwatch-bench-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        build_corpus(args.articles, corpus)
        print(f"corpus: {args.articles} articles ({corpus.stat().st_size / 1e6:.1f} MB), {os.cpu_count()} CPUs")
        print(f"{'config':<12}{'articles':>9}{'sentences':>11}{'parsed':>8}{'events':>8}{'seconds':>9}{'art/s':>8}{'sent/s':>9}{'peak RSS MB':>13}{'peak PSS MB':>13}{'monitor CPU s':>15}")
        results = {}
        for c in args.configs.split(","):
            r = measure(c, corpus, work)
            results.setdefault(c, []).append(r)
            if "error" in r:
                print(f"{c:<12} failed: {r['error']}")
                continue
            print(f"{c:<12}{r['articles']:>9}{r['sentences']:>11}{r.get('parsed', r['sentences']):>8}{r.get('events', 0):>8}"
                  f"{r['seconds']:>9.1f}{r['articles'] / r['seconds']:>8.2f}{r['sentences'] / r['seconds']:>9.1f}{r['peak_rss_mb']:>13.0f}{r['peak_pss_mb']:>13.0f}{r['monitor_cpu_s']:>15.1f}", flush=True)
            if args.breakdown:
                print_breakdown(r)

        def rate(c):  # the median over the runs of a configuration (--configs may name one several times)
            rates = sorted(r["articles"] / r["seconds"] for r in results.get(c, []) if "error" not in r and r["seconds"])
            return rates[len(rates) // 2] if rates else None

        for label, a, b in (("local / parser (full pipeline)", "local", "parser"), ("local / parser (dyadwatch's components)", "local", "parser-lean"),
                            ("local / parser alone (tok2vec + parser)", "local", "parser-only"),
                            ("processes: 2 workers / 1", "processes2", "processes1"), ("ray: 2 workers / 1", "ray2", "ray1")):
            if rate(a) and rate(b):
                print(f"{label}: {rate(a) / rate(b):.2f}x")
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
