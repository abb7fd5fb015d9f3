"""The read-only HTTP API and dashboard (``dyadwatch serve``).

FastAPI is imported only when :func:`create_app` is used, so ``dyadwatch.api.command``
stays cheap to import for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_app"]

if TYPE_CHECKING:
    from .app import create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
