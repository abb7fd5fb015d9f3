"""One watch cycle: code what is new in each source (the store skips articles it holds), then
evaluate the rules and write the alerts not yet written. A source that fails is skipped for a
growing number of cycles (1, 2, 4, … up to :data:`MAX_BACKOFF_CYCLES`) and the others go on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..analysis.asof import resolve_as_of
from ..analysis.counting import DEFAULT_COUNTING, Counting
from ..analysis.frame import load_events
from ..errors import InputError
from ..ingest.fetch import is_url
from ..store.duck import Store
from .alerts import Alert, record_new
from .conditions import evaluate
from .rules import Rule

__all__ = ["SourceHealth", "SourceResult", "CycleReport", "Watcher", "run_forever", "MAX_BACKOFF_CYCLES"]

#: the most cycles a failing source is skipped between two tries
MAX_BACKOFF_CYCLES = 32


@dataclass(slots=True)
class SourceHealth:
    """Failures in a row per source, and the cycle at which each may be tried again."""

    failures: dict[str, int] = field(default_factory=dict)
    retry_at: dict[str, int] = field(default_factory=dict)

    def due(self, source: str, cycle: int) -> bool:
        return self.retry_at.get(source, 0) <= cycle

    def failed(self, source: str, cycle: int) -> int:
        """Note a failure; returns the cycles to wait before the next try."""
        n = self.failures.get(source, 0) + 1
        self.failures[source] = n
        wait = min(2 ** (n - 1), MAX_BACKOFF_CYCLES)
        self.retry_at[source] = cycle + wait
        return wait

    def ok(self, source: str) -> None:
        self.failures.pop(source, None)
        self.retry_at.pop(source, None)


@dataclass(frozen=True, slots=True)
class SourceResult:
    source: str
    coded: int = 0  # articles newly coded
    already: int = 0  # articles the store already held
    events: int = 0
    quarantined: int = 0
    problem: str = ""  # why the source failed ("" where it did not)
    skipped: bool = False  # not tried this cycle (backing off after failures)


@dataclass(frozen=True, slots=True)
class CycleReport:
    cycle: int
    sources: tuple[SourceResult, ...]
    new_alerts: tuple[Alert, ...]
    as_of: date | None

    @property
    def coded(self) -> int:
        return sum(s.coded for s in self.sources)


class Watcher:
    """Holds what a watch keeps between cycles: the sources, the rules, the coder and the sources' health."""

    def __init__(self, sources: Sequence[str | Path], db: str | Path, rules: Sequence[Rule], coder=None,
                 default_date: date | None = None, read_options: dict | None = None,
                 counting: Counting = DEFAULT_COUNTING) -> None:
        self.sources = [s if is_url(str(s)) else Path(s) for s in sources]
        self.db = Path(db)
        self.rules = tuple(rules)
        self.coder = coder
        self.default_date = default_date
        self.read_options = read_options
        self.counting = counting
        self.health = SourceHealth()
        self.cycles = 0

    def _coder(self):
        if self.coder is None:
            from ..coding.article import ArticleCoder

            self.coder = ArticleCoder()
        return self.coder

    def _code(self, store: Store, source: str | Path) -> SourceResult:
        from ..engines.local import code_sources

        name = str(source)
        if not self.health.due(name, self.cycles):
            return SourceResult(name, skipped=True, problem=f"backing off after {self.health.failures.get(name, 0)} failure(s)")
        try:
            s = code_sources([source], store, self.default_date, coder=self._coder(), read_options=self.read_options)
        except (InputError, OSError) as exc:  # the source's fault; a store that fails (StoreError) ends the watch
            return self._failed(name, str(exc))
        own = [r for r in s.rejections if r.origin == name]
        if own:
            return self._failed(name, f"{own[0].reason}" + (f" ({own[0].detail})" if own[0].detail else ""), s)
        self.health.ok(name)
        return SourceResult(name, s.coded, s.already, s.events, s.quarantined)

    def _failed(self, name: str, problem: str, s=None) -> SourceResult:
        wait = self.health.failed(name, self.cycles)
        problem = f"{problem}; next try in {wait} cycle(s)"
        if s is None:
            return SourceResult(name, problem=problem)
        return SourceResult(name, s.coded, s.already, s.events, s.quarantined, problem)

    def cycle(self) -> CycleReport:
        """Code what is new, evaluate the rules, write and return the new alerts."""
        with Store(self.db) as store:
            results = tuple(self._code(store, src) for src in self.sources)
            df = load_events(store, counting=self.counting)
            as_of = resolve_as_of(df)
            new = record_new(store, evaluate(self.rules, df, as_of))
        self.cycles += 1
        return CycleReport(self.cycles, results, tuple(new), as_of)


def run_forever(watcher: Watcher, every_s: float, stop: threading.Event, on_report: Callable[[CycleReport], None],
                once: bool = False) -> int:
    """Run cycles every ``every_s`` seconds until ``stop`` is set (or after one with ``once``); returns the cycles run."""
    while True:
        on_report(watcher.cycle())
        if once or stop.wait(every_s):
            return watcher.cycles
