"""The FastAPI application: the read-only JSON API under ``/api`` and the dashboard at ``/``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import duckdb
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..analysis.dyads import DyadSummary, dyad_summary
from ..errors import UsageError
from ..report.palette import palette_css
from . import views
from .cache import SingleFlightCache
from .db import DEFAULT_BUSY_WAIT_S, DEFAULT_HOLD_S, CursorView, Database, StoreBusy
from .params import counting_of
from .routes import router

__all__ = ["create_app", "CSP"]

STATIC = Path(__file__).parent / "static"
log = logging.getLogger(__name__)

#: everything from this origin only; no inline script or style, no plugins, no framing
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CatchFaults:
    """Any failure a route did not handle (a damaged store, a bug) as a JSON 500, inside
    :class:`SecurityHeaders`, so that it carries the headers too; DuckDB's message is kept
    out of the body (it may name the store's path)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.error("request %s failed: %s: %s", scope.get("path"), type(exc).__name__, exc)
            if started:
                raise
            detail = ("the store cannot be read; it may be damaged or truncated (see /api/health)"
                      if isinstance(exc, duckdb.Error) else f"internal error ({type(exc).__name__})")
            await JSONResponse({"detail": detail}, status_code=500)(scope, receive, send)


class HostCheck:
    """Refuses a request whose Host header is not one of ``allowed`` (DNS rebinding: a page on
    another site that resolves its own name to 127.0.0.1 must not read the API)."""

    def __init__(self, app: ASGIApp, allowed: list[str]) -> None:
        self.app = app
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or "*" in self.allowed:
            await self.app(scope, receive, send)
            return
        host = host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
        if host in self.allowed:
            await self.app(scope, receive, send)
            return
        detail = f"host {host!r} is not served; start dyadwatch serve with --allow-host {host or 'NAME'} to accept it"
        await JSONResponse({"detail": detail}, status_code=400)(scope, receive, send)


def host_name(header: str) -> str:
    """``"127.0.0.1:8000"`` → ``"127.0.0.1"``, ``"[::1]:8000"`` → ``"::1"``, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _series_cache(db: Database, size: int) -> SingleFlightCache[bytes]:
    """The series of a dyad as JSON, memoised until the store is written again (``cache.at(db.stamp(), …)``)."""

    def series(source: str, target: str, per: str, since: date | None, until: date | None, origins: tuple[str, ...]) -> bytes:
        with db.cursor() as cur:
            return views.series(cur, source, target, per, since, until, counting_of(origins)).model_dump_json().encode()

    return SingleFlightCache(series, size)


def _dyads_cache(db: Database, size: int) -> SingleFlightCache[list[DyadSummary]]:
    def dyads(since: date | None, until: date | None, min_events: int, origins: tuple[str, ...]) -> list[DyadSummary]:
        with db.cursor() as cur:
            return dyad_summary(CursorView(cur), since, until, min_events, counting_of(origins))  # type: ignore[arg-type]

    return SingleFlightCache(dyads, size)


def create_app(db_path: str | Path, cache_size: int = 256, allowed_hosts: list[str] | None = None,
               busy_wait_s: float = DEFAULT_BUSY_WAIT_S, hold_s: float = DEFAULT_HOLD_S) -> FastAPI:
    """The app over the DuckDB store at ``db_path`` (a missing file raises
    :class:`~dyadwatch.errors.StoreError`). The store is opened read-only while requests read it and
    closed ``hold_s`` after the last one, so other processes can write it meanwhile; a request waits
    up to ``busy_wait_s`` for a writer, then answers 503. ``cache_size`` dyad series (and dyad lists) are
    kept in memory (0: none), until the store is written again.
    ``allowed_hosts``: the Host header names accepted (``dyadwatch serve`` gives this machine's); None accepts any."""
    db = Database(db_path, busy_wait_s=busy_wait_s, hold_s=hold_s)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="dyadwatch",
        version=__version__,
        description="Read-only access to coded political events (CAMEO/PLOVER, Goldstein) and the relations between "
                    "pairs of actors read out of them. Every event carries its sentence and the rule that coded it.",
        docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; /openapi.json is the schema
        lifespan=lifespan,
    )
    app.state.db = db
    app.state.series = _series_cache(db, cache_size)
    app.state.dyads = _dyads_cache(db, cache_size)
    if allowed_hosts is not None:
        app.add_middleware(HostCheck, allowed=allowed_hosts)
    app.add_middleware(CatchFaults)
    app.add_middleware(SecurityHeaders)  # added last: the outermost, so every response has the headers

    @app.exception_handler(UsageError)
    async def usage_error(_: Request, exc: UsageError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(StoreBusy)
    async def store_busy(_: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "1"})

    app.include_router(router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/static/palette.css", include_in_schema=False)
    def palette() -> Response:  # the report's colours (report/palette.py), so both draw alike
        return Response(palette_css(), media_type="text/css; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
