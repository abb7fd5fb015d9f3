"""``dyadwatch serve``: the API and dashboard over a store (registered in cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["serve"]


def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB store to serve (opened read-only)")] = Path("dyadwatch.duckdb"),
    host: Annotated[str, typer.Option("--host", help="address to bind; the default serves this machine only")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port")] = 8000,
) -> None:
    """Serve the read-only JSON API (/api, schema at /openapi.json) and the dashboard (/)."""
    import uvicorn

    from .app import create_app

    app = create_app(db)
    typer.echo(f"dyadwatch: serving {db} on http://{host}:{port}/ (read-only; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
