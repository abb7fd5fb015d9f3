"""How long the command line takes to start: ``dyadwatch --help``, ``dyadwatch events --help``
and ``dyadwatch --version``, each run as a fresh process several times; and which heavy
modules (spaCy, DuckDB, pandas, FastAPI) importing the CLI loads. Prints the figures (not a test).

    .venv/bin/python bench/cli_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DYADWATCH = Path(sys.executable).with_name("dyadwatch")
COMMANDS = (["--help"], ["events", "--help"], ["code", "--help"], ["--version"])
HEAVY = ("spacy", "duckdb", "pandas", "pyarrow", "fastapi", "matplotlib", "ray")


def wall_times(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(DYADWATCH), *args], check=True, capture_output=True, env={"COLUMNS": "100", "PATH": ""})
        times.append(time.perf_counter() - start)
    return times


def heavy_imports() -> list[str]:
    code = f"import sys, dyadwatch.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return out.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    if not DYADWATCH.exists():
        sys.exit(f"{DYADWATCH} not found: run from the project's venv (make test installs it)")
    print(f"dyadwatch start-up, {runs} runs each ({DYADWATCH})")
    print(f"{'command':<28} {'median s':>9} {'min s':>7} {'max s':>7}")
    for args in COMMANDS:
        times = wall_times(args, runs)
        print(f"{'dyadwatch ' + ' '.join(args):<28} {statistics.median(times):>9.3f} {min(times):>7.3f} {max(times):>7.3f}")
    loaded = heavy_imports()
    print(f"heavy modules loaded by `import dyadwatch.cli`: {', '.join(loaded) if loaded else 'none'}")


if __name__ == "__main__":
    main()
