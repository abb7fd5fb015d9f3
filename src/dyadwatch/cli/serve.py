"""``dyadwatch serve``: the read-only API and dashboard over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from .app import DEFAULT_DB, command, err, warn_line

__all__ = ["serve"]


@command(help="Serve the store read-only: a JSON API under /api and the dashboard at /.")
def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB store to serve (read-only, and only while requests read it: "
                                                 "dyadwatch code, import and watch may write it meanwhile).", metavar="FILE")] = DEFAULT_DB,
    host: Annotated[str, typer.Option("--host", help="Address to bind; the default serves this machine only.", metavar="ADDR")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.", metavar="N")] = 8000,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help="A Host header to accept besides localhost, 127.0.0.1 and the bound address (a name this server is reached by); repeatable; '*' accepts any.", metavar="NAME")] = None,
) -> None:
    """Serve the read-only JSON API (/api, schema at /openapi.json) and the dashboard (/).

    Requests whose Host header is not this machine's (localhost, 127.0.0.1, the bound
    address) or one given with --allow-host are refused (DNS rebinding). New data written to
    the store while it runs is served at the next request; no restart is needed."""
    import uvicorn

    from ..api.app import create_app
    from ..api.db import StoreBusy
    from ..api.health import check_store

    app = create_app(db, allowed_hosts=allowed_hosts(host, allow_host or []))
    try:
        problem = check_store(app.state.db)
    except StoreBusy:
        problem = None
        warn_line(f"{db}: another process is writing it now; requests will wait for it")
    if problem:
        warn_line(f"{db}: {problem}; /api/health reports it and data requests will fail")
    err().print(Text(f"dyadwatch: serving {db} on http://{host}:{port}/ (read-only; Ctrl-C stops)"))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """Host header names to accept: this machine's, the bound address's, and the user's."""
    names = ["localhost", "127.0.0.1", "::1"]
    if host not in ("0.0.0.0", "::", ""):
        names.append(host)
    return list(dict.fromkeys(names + extra))
