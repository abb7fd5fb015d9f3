"""The ``dyadwatch`` command line: a thin layer over the Python API, a module per command group.

Library code never prints or exits; these modules turn results into Rich output and
errors into one line and an exit code (:mod:`.app`). Importing this package loads typer
and rich only: every command imports what it needs (spaCy, DuckDB, the coder) when it runs.
"""

from __future__ import annotations

from .app import app

# each module registers its commands, in the order ``dyadwatch --help`` lists them
from . import coding, reading, explain, signals, brief, watch, evaluate, serve, actors, audit, datasets  # noqa: E402,F401,I001

__all__ = ["app", "main"]

def main() -> None:
    app()
