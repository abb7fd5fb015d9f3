"""Charts of a dyad assessment, drawn with matplotlib (Agg backend, no display needed)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from ..analysis.relation import NotEnoughData  # noqa: E402
from ..analysis.series import dyad_events, dyad_series  # noqa: E402
from ..analysis.signals import DyadAssessment  # noqa: E402
from .mapchart import located, map_figure  # noqa: E402
from .palette import PALETTE, QUAD_LABELS  # noqa: E402

__all__ = ["render_charts"]

_COLORS = {"forward": PALETTE["index"], "backward": PALETTE["index2"]}
_QUAD = {q: (label, PALETTE[f"q{q}"]) for q, label in QUAD_LABELS.items()}


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _timeline(a: DyadAssessment) -> bytes:
    fig, ax = plt.subplots(figsize=(10, 4.2))
    ax.axhline(0, color=PALETTE["zero"], lw=0.8)
    for key, d in (("forward", a.forward), ("backward", a.backward)):
        if not d.index:
            continue
        # periods without events break the line: nothing is drawn across a gap
        step = pd.Timedelta(days={"day": 1, "week": 7, "month": 31}[a.freq])
        runs, run = [], [d.index[0]]
        for prev, cur in zip(d.index, d.index[1:]):
            if cur.period - prev.period > step * 1.5:
                runs.append(run)
                run = []
            run.append(cur)
        runs.append(run)
        for n, r in enumerate(runs):
            x, y = [p.period for p in r], [p.index for p in r]
            if len(r) > 1:
                ax.fill_between(x, [p.low for p in r], [p.high for p in r], color=_COLORS[key], alpha=0.15)
            ax.errorbar(x, y, yerr=[[v - p.low for v, p in zip(y, r)], [p.high - v for v, p in zip(y, r)]], fmt="-o", ms=4,
                        capsize=3, color=_COLORS[key], label=f"{d.source}→{d.target} (95% band)" if n == 0 else None)
        if not isinstance(d.changes, NotEnoughData):
            for c in d.changes:
                ax.axvline(c.since, color=PALETTE["change"], ls="--", lw=1)
                ax.annotate(c.direction, (c.since, 9), color=PALETTE["change"], fontsize=8, rotation=90, va="top")
        for m in d.mixed:
            ax.axvspan(m.start, m.end, color=PALETTE["mixed"], alpha=0.18)
    for dl in a.deadlines:
        ax.axvline(pd.Timestamp(dl.due), color=PALETTE["deadline"], ls=":", lw=1.2)
        ax.annotate(f"deadline {dl.due}", (pd.Timestamp(dl.due), -9.5), fontsize=8, rotation=90, va="bottom", color=PALETTE["deadline"])
    ax.set_ylim(-10.5, 10.5)
    ax.set_ylabel("relation index (mean Goldstein)")
    ax.set_title(f"{a.a} – {a.b}: relation per {a.freq} (shaded: mixed-signal windows; gaps: no events)")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(alpha=0.3)
    return _png(fig)


#: the narrowest a bar is drawn, as a share of the time axis: weekly bars over several
#: years would otherwise be hairlines
_MIN_BAR_SHARE = 1 / 150


def _bar_width(freq: str, start: pd.Timestamp, end: pd.Timestamp) -> float:
    """Bar width in days: most of a period, and never under 1/150 of the axis."""
    period = {"day": 0.8, "week": 5.6, "month": 24}[freq]
    span = max(1.0, (end - start).days)
    return max(period, span * _MIN_BAR_SHARE)


def _quad_bars(a: DyadAssessment, df: pd.DataFrame) -> bytes:
    return _png(quad_figure(a, df))


def quad_figure(a: DyadAssessment, df: pd.DataFrame):
    """The quad-class bars of both directions (a matplotlib figure; the caller closes it)."""
    fig, axes = plt.subplots(2, 1, figsize=(10, 5.6), sharex=True)
    start, end = a.start, a.end
    for ax, d in zip(axes, (a.forward, a.backward)):
        if start is None:
            continue
        s = dyad_series(df, d.source, d.target, a.freq, start=start, end=end)
        width = _bar_width(a.freq, start, end)
        bottom = None
        for q in (1, 2, 3, 4):
            label, color = _QUAD[q]
            vals = s[f"q{q}"] if q <= 2 else -s[f"q{q}"]
            if q == 3:
                bottom = None
            ax.bar(s.index, vals, width=width, bottom=bottom, color=color, label=label)
            bottom = vals if bottom is None else bottom + vals
        ax.axhline(0, color=PALETTE["zero"], lw=0.8)
        # headroom above the tallest stack and below the deepest, so no bar ends on the frame
        up, down = (s["q1"] + s["q2"]).max(), (s["q3"] + s["q4"]).max()
        ax.set_ylim(-1.2 * max(1, down), 1.2 * max(1, up))
        ax.set_ylabel("events (conflict below 0)")
        ax.set_title(f"{d.source}→{d.target}: events by quad class", fontsize=10)
        ax.grid(alpha=0.3, axis="y")
    if start is not None:
        pad = pd.Timedelta(days={"day": 2, "week": 10, "month": 40}[a.freq]) + pd.Timedelta(days=_bar_width(a.freq, start, end))
        axes[1].set_xlim(start - pad, end + pad)
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:  # above the plots, not over the bars
        fig.legend(handles, labels, fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    axes[1].xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    return fig


def render_charts(a: DyadAssessment, df: pd.DataFrame) -> dict[str, bytes]:
    """PNG bytes by chart name: ``timeline``, ``quad_classes`` and, where any of the pair's
    events is located, ``map``."""
    charts = {"timeline": _timeline(a), "quad_classes": _quad_bars(a, df)}
    pair = dyad_events(df, a.a, a.b, undirected=True) if not df.empty else df
    if not located(pair).empty:
        charts["map"] = _png(map_figure(pair, a.a, a.b))
    return charts
