"""The README's tutorial, run as a newcomer would: each command as written, in a fresh folder,
through the installed ``dyadwatch`` script, on the corpus the project ships."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DYADWATCH = Path(sys.executable).with_name("dyadwatch")

#: what one line of each step's output must say (command → a string of its output)
EXPECTED = {
    "dyadwatch code my-corpus --db brief.duckdb": "articles read",
    "dyadwatch dyads --db brief.duckdb": "directed dyads",
    'dyadwatch events --dyad "North Korea:USA" --db brief.duckdb': "8 events",
    'dyadwatch explain "Pyongyang gave Washington until the end of March to drop its hostile policy." --date 2025-03-18': "EVENT",
    "dyadwatch signals --dyad PRK:USA --as-of 2025-03-20 --db brief.duckdb": "PRK → USA",
    "dyadwatch brief PRK USA --as-of 2025-03-20 --db brief.duckdb": "PRK–USA: the brief, as of 2025-03-20",
    "dyadwatch report --dyad PRK:USA --as-of 2025-03-20 --out out/prk-usa.html --db brief.duckdb": "wrote out/prk-usa.html",
    "dyadwatch events --dyad PRK:USA --format csv --out out/prk-usa.csv --db brief.duckdb": "wrote 8 events to out/prk-usa.csv",
    "dyadwatch quarantine --db brief.duckdb": "0 quarantined",
    "dyadwatch serve --db brief.duckdb": "serving brief.duckdb",
}


def tutorial_commands() -> list[str]:
    """The lines of the first ``sh`` block under the README's tutorial heading."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Tutorial"):]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block, "the README's tutorial has no sh block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_every_tutorial_command_is_checked():
    dyadwatch_lines = [c for c in tutorial_commands() if c.startswith("dyadwatch ")]
    assert dyadwatch_lines == list(EXPECTED), "the README's tutorial and this test disagree: update EXPECTED"


def _env() -> dict[str, str]:
    return {**os.environ, "COLUMNS": "100", "PATH": f"{DYADWATCH.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_and_check(args: list[str], cwd: Path) -> str:
    """Start ``serve`` on a free port, read /api/health, stop it; returns what it printed."""
    import httpx

    port = _free_port()
    proc = subprocess.Popen([*args, "--port", str(port)], cwd=cwd, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {proc.stdout.read() if proc.stdout else ''}") from None
                time.sleep(0.2)
        assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["articles"] == 43
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=30)
    return output


def _run_step(line: str, cwd: Path) -> tuple[Path, str]:
    """One tutorial line; returns the folder the next runs in and what this one printed."""
    words = shlex.split(line)
    if words[0] == "mkdir":
        (cwd / words[-1]).mkdir()
        return cwd, ""
    if words[0] == "cd":
        return cwd / words[1], ""
    if words[:2] == ["cp", "-r"]:
        source = (cwd / words[2]).resolve()
        if not source.is_dir():  # the tutorial's ../src/… is the project's, next to the folder made above
            source = ROOT / words[2].removeprefix("../")
        shutil.copytree(source, cwd / words[3])
        return cwd, ""
    assert words[0] == "dyadwatch", f"the tutorial runs {words[0]!r}: teach this test what it does"
    args = [str(DYADWATCH), *words[1:]]
    if words[1] == "serve":
        return cwd, _serve_and_check(args, cwd)
    done = subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{line!r} exited {done.returncode}: {done.stderr}"
    return cwd, done.stdout + done.stderr


@pytest.mark.skipif(not DYADWATCH.exists(), reason=f"{DYADWATCH} is not installed (make test installs the package)")
def test_the_tutorial_runs_as_written(tmp_path):
    cwd = tmp_path
    for line in tutorial_commands():
        cwd, output = _run_step(line, cwd)
        if line in EXPECTED:
            assert EXPECTED[line] in output, f"{line!r} did not say {EXPECTED[line]!r}:\n{output}"
    brief = (cwd / "out" / "prk-usa.html").read_text("utf-8")
    assert brief.count("src='data:image/png;base64,") >= 2  # the charts, embedded
    assert (cwd / "out" / "prk-usa.csv").read_text("utf-8").count("\n") == 9  # header and 8 events


def test_the_readme_is_a_short_guide_whose_links_lead_somewhere():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.encode("utf-8")) < 15_000, "the README is a guide of under 15 KB; move reference to docs/"
    links = re.findall(r"\]\(((?:docs/)[^)#]+)", readme)
    assert {"docs/cli.md", "docs/records.md", "docs/api.md"} <= set(links)
    for link in links:
        assert (ROOT / link).is_file(), f"README links to {link}, which is not there"
