"""Import throughput of a generated GDELT 2.0 events file, and peak memory by file size; then how
long a dyad's signals take on the imported store. Prints the figures (not a test).

    .venv/bin/python bench/import.py [--rows 50000 200000] [--zip] [--dyads 400] [--held 1000000]

Each size runs in a fresh process (``--one N``), so its peak RSS (getrusage's ru_maxrss) is its own:
streamed in batches, the peak should stay flat as the file grows. The generated rows spread over
a year and ``--dyads`` directed dyads of real ISO3 codes; the file is written to a temporary folder.
``--held N`` imports each file into a store that already holds N other events (filled by a process
of its own before, so that its memory is not counted): the peak should not grow with the store either.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

CODES = ("USA", "PRK", "CHN", "RUS", "UKR", "IRN", "ISR", "IND", "PAK", "JPN", "KOR", "DEU", "FRA", "GBR", "TUR",
         "SYR", "IRQ", "AFG", "SAU", "EGY", "NGA", "SDN", "ETH", "BRA", "MEX", "VEN", "CUB", "POL", "BLR", "SRB")
EVENT_CODES = (("042", 1, 1.9), ("0231", 1, 3.4), ("057", 1, 8.0), ("061", 2, 6.4), ("112", 3, -2.0), ("138", 3, -7.0),
               ("173", 4, -5.0), ("190", 4, -10.0), ("010", 1, 0.0), ("1821", 4, -9.0))
SECTORS = ("", "GOV", "MIL", "OPP", "BUS")


def write_gdelt(path: Path, rows: int, dyads: int, seed: int = 7, first_id: int = 1_000_000_000) -> None:
    rnd = random.Random(seed)
    pairs = [(a, b) for a in CODES for b in CODES if a != b][:dyads]
    start = date(2024, 1, 1)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(rows):
            a, b = pairs[rnd.randrange(len(pairs))]
            code, quad, gold = EVENT_CODES[rnd.randrange(len(EVENT_CODES))]
            day = start + timedelta(days=rnd.randrange(366))
            s1, s2 = SECTORS[rnd.randrange(len(SECTORS))], SECTORS[rnd.randrange(len(SECTORS))]
            f = [""] * 61
            f[0], f[1], f[2], f[3], f[4] = str(first_id + i), day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{day.year}.5000"
            f[5], f[6], f[7], f[12] = a + s1, f"{a} NAME", a, s1
            f[15], f[16], f[17], f[22] = b + s2, f"{b} NAME", b, s2
            f[25], f[26], f[27], f[28], f[29], f[30] = "1", code, code[:3], code[:2], str(quad), str(gold)
            f[31], f[32], f[33], f[34] = str(rnd.randint(1, 30)), str(rnd.randint(1, 5)), str(rnd.randint(1, 20)), f"{rnd.uniform(-8, 4):.4f}"
            f[51], f[52], f[53], f[56], f[57] = "1", "Somewhere", "XX", f"{rnd.uniform(-60, 60):.4f}", f"{rnd.uniform(-180, 180):.4f}"
            f[59], f[60] = day.strftime("%Y%m%d") + "000000", f"https://news.example/{i}"
            fh.write("\t".join(f) + "\n")


def fill(db: str, rows: int, dyads: int) -> None:
    """A store holding ``rows`` events of their own ids (other than those :func:`one` imports)."""
    from dyadwatch.datasets import import_files
    from dyadwatch.store.duck import Store

    path = Path(db).with_name("held.export.CSV")
    write_gdelt(path, rows, dyads, seed=11, first_id=5_000_000_000)
    with Store(db) as store:
        import_files([path], store, "gdelt")
    path.unlink()


def one(rows: int, zipped: bool, dyads: int, held: int = 0) -> None:
    from dyadwatch.analysis.frame import load_events
    from dyadwatch.analysis.signals import assess_dyad
    from dyadwatch.datasets import import_files
    from dyadwatch.store.duck import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        if held:
            subprocess.run([sys.executable, __file__, "--fill", str(held), str(db), "--dyads", str(dyads)], check=True)
        plain = Path(tmp) / "20240101000000.export.CSV"
        write_gdelt(plain, rows, dyads)
        path = plain
        if zipped:
            path = plain.with_name(plain.name + ".zip")
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.write(plain, plain.name)
            plain.unlink()
        size = path.stat().st_size
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with Store(db) as store:
            t0 = time.perf_counter()
            summary = import_files([path], store, "gdelt")
            elapsed = time.perf_counter() - t0
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            t1 = time.perf_counter()
            df = load_events(store, codes=("USA", "PRK"))
            assess_dyad(df, "USA", "PRK")
            signals = time.perf_counter() - t1
        print(f"{rows:>9,} rows  {size / 1e6:7.1f} MB{' zip' if zipped else '    '}  {elapsed:6.1f} s  "
              f"{summary.events / elapsed:8,.0f} rows/s  peak RSS {rss / 1024:6.0f} MB (before the import {rss_before / 1024:4.0f} MB)  "
              f"signals USA:PRK {signals:5.2f} s ({len(df):,} events loaded)" + (f"  into a store holding {held:,}" if held else ""), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, nargs="+", default=[50_000, 200_000])
    ap.add_argument("--zip", action="store_true", help="zip the file, as GDELT publishes it")
    ap.add_argument("--dyads", type=int, default=400)
    ap.add_argument("--held", type=int, default=0, help="import into a store that already holds this many other events")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--fill", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fill:
        fill(args.fill[1], int(args.fill[0]), args.dyads)
        return
    if args.one:
        one(args.one, args.zip, args.dyads, args.held)
        return
    for n in args.rows:
        cmd = [sys.executable, __file__, "--one", str(n), "--dyads", str(args.dyads), "--held", str(args.held)] + (["--zip"] if args.zip else [])
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
