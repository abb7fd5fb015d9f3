"""Mixed signals: does one side send cooperative and conflictual messages to the same
target in the same window (a president praises while a defence secretary threatens;
sanctions continue while talks are offered)?

For the events of a sender towards a target in a window, let C be the summed |Goldstein|
of its cooperative events (quad 1–2) and K that of its conflictual ones (quad 3–4). The
mixed-signal index is 2·min(C, K)/(C + K): 0 when all signals point one way, 1 when
cooperation and conflict weigh the same. A window is flagged as mixed when the index is
at least ``threshold`` and both kinds are present; the evidence is the events on each
side and the actors who sent them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

__all__ = ["MixedSignal", "mixed_signals", "mixed_index", "speaker_of"]


@dataclass(frozen=True, slots=True)
class MixedSignal:
    source: str
    target: str
    start: pd.Timestamp
    end: pd.Timestamp
    index: float
    cooperative: pd.DataFrame = field(repr=False)
    conflictual: pd.DataFrame = field(repr=False)
    speakers_coop: tuple[str, ...] = ()
    speakers_conflict: tuple[str, ...] = ()

    @property
    def n_events(self) -> int:
        return len(self.cooperative) + len(self.conflictual)

    def describe(self) -> str:
        who = ""
        if self.speakers_coop and self.speakers_conflict:
            who = f": {', '.join(self.speakers_coop)} cooperative; {', '.join(self.speakers_conflict)} conflictual"
        return (f"{self.source}→{self.target} mixed signals {self.start.date()}…{self.end.date()} "
                f"(index {self.index:.2f}, {len(self.cooperative)} cooperative vs {len(self.conflictual)} conflictual events{who})")


def mixed_index(ev: pd.DataFrame) -> float:
    coop = ev.loc[ev.quad_class <= 2, "goldstein"].abs().sum()
    conf = ev.loc[ev.quad_class >= 3, "goldstein"].abs().sum()
    total = coop + conf
    return float(2 * min(coop, conf) / total) if total else 0.0


def speaker_of(row) -> str:
    """Who sent an event (a row of the events frame): a person by name, anyone else by code and sector."""
    aid = row.source_actor_id
    if isinstance(aid, str) and aid.startswith("person:"):
        from ..actors.dictionary import ActorDictionary

        d = ActorDictionary.bundled()
        if aid in d.entries:
            return d.get(aid).name
    return f"{row.source_code} {row.source_sector}" if isinstance(row.source_sector, str) else str(row.source_code)



class _Sender(NamedTuple):
    source_actor_id: object
    source_code: object
    source_sector: object


def _speakers(ev: pd.DataFrame) -> tuple[str, ...]:
    """Who sent the events: each distinct sender once (not one lookup per event)."""
    senders = set(zip(ev.source_actor_id.to_numpy(), ev.source_code.to_numpy(), ev.source_sector.to_numpy()))
    return tuple(sorted({speaker_of(_Sender(*s)) for s in senders}))


def mixed_signals(df: pd.DataFrame, source: str | None = None, target: str | None = None, window_days: int = 30,
                  threshold: float = 0.3) -> list[MixedSignal]:
    """Flag mixed windows for every (or the given) directed dyad. Windows are consecutive
    ``window_days`` blocks starting at each dyad's first event."""
    ev = df[df.target_code.notna() & (df.source_code != df.target_code)]
    if source:
        ev = ev[ev.source_code == source]
    if target:
        ev = ev[ev.target_code == target]
    out = []
    for (s, t), grp in ev.groupby(["source_code", "target_code"]):
        start = grp.event_date.min()
        win = ((grp.event_date - start).dt.days // window_days).to_numpy()
        weight = grp.goldstein.abs().to_numpy()
        coop = (grp.quad_class <= 2).to_numpy()
        frame = pd.DataFrame({"w": win, "c": weight * coop, "k": weight * ~coop, "nc": coop, "nk": ~coop})
        sums = frame.groupby("w").sum()
        for w, c, k, nc, nk in zip(sums.index, sums.c.to_numpy(), sums.k.to_numpy(), sums.nc.to_numpy(), sums.nk.to_numpy()):
            if not (nc and nk):
                continue
            total = c + k
            idx = float(2 * min(c, k) / total) if total else 0.0
            if idx < threshold:
                continue
            sel = grp[win == w]
            cw, kw = sel[sel.quad_class <= 2], sel[sel.quad_class >= 3]
            w_start = start + pd.Timedelta(days=int(w) * window_days)
            out.append(MixedSignal(
                s, t, w_start, w_start + pd.Timedelta(days=window_days - 1), idx,
                cw.sort_values("goldstein", ascending=False), kw.sort_values("goldstein"),
                _speakers(cw), _speakers(kw),
            ))
    return sorted(out, key=lambda m: (-m.index, m.source, m.target))
