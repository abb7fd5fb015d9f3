"""``dyadwatch serve`` (defined with the other commands in :mod:`dyadwatch.cli.serve`)."""

from __future__ import annotations

from ..cli.serve import serve

__all__ = ["serve"]
