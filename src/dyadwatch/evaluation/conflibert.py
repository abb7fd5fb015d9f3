"""ConfliBERT-style gold: a five-way class of a sentence's main event, and marked actor spans.

- ``conflibert-class``: ``sentence<TAB>label`` lines; the label is the PentaClass of the
  main event: 0 statement or appeal (CAMEO roots 01–02), 1 verbal cooperation (03–05),
  2 material cooperation (06–08), 3 verbal conflict (09–13 and 16, reduce relations), 4 material
  conflict (14, 15, 17–20).
- ``conflibert-spans``: CoNLL-like ``token tag`` lines, sentences separated by blank lines,
  tags ``O``, ``B-S``/``I-S`` (source), ``B-T``/``I-T`` (target); other tags (``B-R`` …)
  are read as outside. The sentence text is rebuilt from the tokens with ordinary spacing,
  and each span becomes a character range of that text.

Each sentence is coded as a one-sentence article; the produced event whose trigger comes
first in the sentence stands for the sentence's main event.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..records import ActorRef, Article, Event
from .metrics import TypeScore, event_summary
from .reliability import ReliabilityBin, reliability, reliability_dicts

__all__ = [
    "PENTA_NAMES", "ClassRecord", "SpanRecord", "ClassReport", "SpanReport", "penta_class", "first_event",
    "read_class_tsv", "read_spans", "join_tokens", "score_class", "score_spans", "code_sentences",
    "evaluate_class", "evaluate_spans",
]

PENTA_NAMES = ("statement/appeal", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
_PENTA_FIRST_ROOT = (1, 3, 6, 9, 14)  # first CAMEO root of each class
# Phoenix's PentaClass differs from the quad class in one root: 16 (reduce relations: suspend aid,
# impose sanctions, expel diplomats, break off talks) is verbal conflict, not material conflict.
# In the ConfliBERT train split 62 of the 66 sentences whose first produced event is a 16x carry
# label 3 (docs/accuracy.md).
_PENTA_EXCEPTIONS = {16: 3}


@dataclass(frozen=True, slots=True)
class ClassRecord:
    gid: str
    text: str
    label: int


@dataclass(frozen=True, slots=True)
class SpanRecord:
    gid: str
    text: str
    sources: tuple[tuple[int, int], ...]
    targets: tuple[tuple[int, int], ...]


def penta_class(root: str | int) -> int:
    """The PentaClass of a CAMEO root ("01" … "20")."""
    r = int(root)
    if not 1 <= r <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    if r in _PENTA_EXCEPTIONS:
        return _PENTA_EXCEPTIONS[r]
    return max(i for i, first in enumerate(_PENTA_FIRST_ROOT) if r >= first)


def first_event(events: Iterable[Event]) -> Event | None:
    """The event whose trigger comes first in the sentence (ties: the more confident)."""
    return min(events, key=lambda e: (e.trigger_start, -e.confidence), default=None)


def _read(path: str | Path) -> str:
    try:
        return Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), "unreadable gold file", str(exc)) from None


# -- readers --------------------------------------------------------------------------
def read_class_tsv(path: str | Path) -> list[ClassRecord]:
    """Read ``sentence<TAB>label`` lines; a bad line raises :class:`InputError` with its number."""
    out = []
    for lineno, line in enumerate(_read(path).splitlines(), 1):
        if not line.strip():
            continue
        text, sep, label = line.rpartition("\t")
        if not sep or not text.strip() or label.strip() not in ("0", "1", "2", "3", "4"):
            raise InputError(f"{path}:{lineno}", "malformed gold line", "expected sentence<TAB>label 0-4")
        out.append(ClassRecord(str(lineno), text.strip(), int(label)))
    return out


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "’", "-", "/", "...", "´"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "€", "£", "“", "‘", "-", "/", "#"}
_CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}


def _glued(prev: str, tok: str, nxt: str | None) -> bool:
    """True when ``tok`` is written without a space after ``prev``."""
    if tok in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER:
        return True
    if tok.lower() in {"'s", "n't", "'re", "'ve", "'ll", "'d", "'m", "’s"}:
        return True
    if prev in ("’", "'") and tok.lower() in _CLITICS:
        return True
    if tok == "'" and nxt is not None and nxt.lower() in _CLITICS:
        return True
    # a lone accented letter split off a word by the tokenizer ("Jos é", "P é rez")
    return (len(tok) == 1 and tok.isalpha() and not tok.isascii()) or (len(prev) == 1 and prev.isalpha() and not prev.isascii())


def join_tokens(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence text and each token's (start, end) in it."""
    parts: list[str] = []
    offsets = []
    pos = 0
    for i, tok in enumerate(tokens):
        if i and not _glued(tokens[i - 1], tok, tokens[i + 1] if i + 1 < len(tokens) else None):
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def _spans(tags: list[str], offsets: list[tuple[int, int]], role: str) -> tuple[tuple[int, int], ...]:
    out: list[list[int]] = []
    for i, tag in enumerate(tags):
        if tag == f"B-{role}" or (tag == f"I-{role}" and (not i or tags[i - 1] not in (f"B-{role}", f"I-{role}"))):
            out.append([offsets[i][0], offsets[i][1]])
        elif tag == f"I-{role}":
            out[-1][1] = offsets[i][1]
    return tuple((a, b) for a, b in out)


def _blocks(raw: str, label: str) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    block: list[tuple[str, str]] = []
    first = 0
    for lineno, line in enumerate(raw.splitlines() + [""], 1):
        if not line.strip():
            if block:
                yield first, block
            block = []
            continue
        tok, _, tag = line.strip().rpartition(" ")
        if not tok:
            raise InputError(f"{label}:{lineno}", "malformed gold line", "expected token<space>tag")
        first = first if block else lineno
        block.append((tok, tag))


def read_spans(path: str | Path) -> list[SpanRecord]:
    """Read CoNLL-like source/target spans; each sentence is named by its first line number."""
    out = []
    for lineno, block in _blocks(_read(path), str(path)):
        text, offsets = join_tokens([t for t, _ in block])
        tags = [tag for _, tag in block]
        out.append(SpanRecord(str(lineno), text, _spans(tags, offsets, "S"), _spans(tags, offsets, "T")))
    return out


# -- scoring --------------------------------------------------------------------------
@dataclass(slots=True)
class ClassReport:
    n: int
    accuracy: float
    per_class: dict[int, TypeScore]
    #: confusion[gold][predicted]
    confusion: list[list[int]]
    no_event: int
    reliability: list[ReliabilityBin] = field(default_factory=list)
    #: the sentences whose class was wrong: gold and predicted class, the first event's code,
    #: trigger and pattern, and every event of the sentence (``eval --misses``)
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "format": "conflibert-class",
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "no_event": self.no_event,
            "per_class": {str(k): {"name": PENTA_NAMES[k], "precision": round(v.precision, 4), "recall": round(v.recall, 4),
                                   "f1": round(v.f1, 4), "support": v.support} for k, v in self.per_class.items()},
            "confusion": self.confusion,
            "reliability": reliability_dicts(self.reliability),
        }


def _prf(tp: int, fp: int, fn: int) -> TypeScore:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return TypeScore(p, r, 2 * p * r / (p + r) if p + r else 0.0, tp + fn)


def score_class(gold: list[ClassRecord], produced: list[list[Event]]) -> ClassReport:
    """Five-way scores: the first event's class is the prediction; no event predicts class 0."""
    firsts = [first_event(evs) for evs in produced]
    preds = [penta_class(e.cameo_root) if e else 0 for e in firsts]
    confusion = [[0] * 5 for _ in range(5)]
    for g, p in zip(gold, preds):
        confusion[g.label][p] += 1
    per_class = {}
    for k in range(5):
        tp = confusion[k][k]
        per_class[k] = _prf(tp, sum(confusion[g][k] for g in range(5)) - tp, sum(confusion[k]) - tp)
    n = len(gold)
    judged = [(e.confidence, p == g.label) for g, e, p in zip(gold, firsts, preds) if e is not None]
    misses = [_class_miss(g, p, evs) for g, p, evs in zip(gold, preds, produced) if p != g.label]
    return ClassReport(
        n=n,
        accuracy=sum(confusion[k][k] for k in range(5)) / n if n else 0.0,
        per_class=per_class,
        confusion=confusion,
        no_event=sum(1 for e in firsts if e is None),
        reliability=reliability(judged),
        misses=misses,
    )


def _class_miss(g: ClassRecord, predicted: int, events: list[Event]) -> dict:
    return {"id": g.gid, "text": g.text, "gold": g.label, "predicted": predicted,
            "events": [event_summary(e) for e in sorted(events, key=lambda e: e.trigger_start)]}


@dataclass(frozen=True, slots=True)
class SpanReport:
    n: int
    no_event: int
    n_sources: int
    source_overlap: int
    n_targets: int
    target_overlap: int

    @property
    def source_rate(self) -> float:
        return self.source_overlap / self.n_sources if self.n_sources else 0.0

    @property
    def target_rate(self) -> float:
        return self.target_overlap / self.n_targets if self.n_targets else 0.0

    def as_dict(self) -> dict:
        return {
            "format": "conflibert-spans",
            "n": self.n,
            "no_event": self.no_event,
            "source_overlap": round(self.source_rate, 4),
            "n_sources": self.n_sources,
            "target_overlap": round(self.target_rate, 4),
            "n_targets": self.n_targets,
        }


def overlaps(ref: ActorRef | None, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when the actor's text range shares a character with one of the spans."""
    return ref is not None and any(ref.start < end and start < ref.end for start, end in spans)


def score_spans(gold: list[SpanRecord], produced: list[list[Event]]) -> SpanReport:
    """Of sentences with a marked source (target), the fraction whose first event's source
    (target) overlaps one; a sentence with no event counts as no overlap."""
    firsts = [first_event(evs) for evs in produced]
    with_src = [(g, e) for g, e in zip(gold, firsts) if g.sources]
    with_tgt = [(g, e) for g, e in zip(gold, firsts) if g.targets]
    return SpanReport(
        n=len(gold),
        no_event=sum(1 for e in firsts if e is None),
        n_sources=len(with_src),
        source_overlap=sum(1 for g, e in with_src if e is not None and overlaps(e.source, g.sources)),
        n_targets=len(with_tgt),
        target_overlap=sum(1 for g, e in with_tgt if e is not None and overlaps(e.target, g.targets)),
    )


# -- coding ---------------------------------------------------------------------------
def code_sentences(records: Iterable[ClassRecord | SpanRecord], coder, on: date | None = None,
                   on_record: Callable[[int], None] | None = None) -> list[list[Event]]:
    """Code each record's sentence as a one-sentence article (dated ``on``, or undated)."""
    out = []
    for i, r in enumerate(records):
        out.append(coder.code_article(Article.from_text(r.text, published=on, origin=f"gold:{r.gid}")).events)
        if on_record:
            on_record(i)
    return out


def evaluate_class(records: list[ClassRecord], coder, on: date | None = None,
                   on_record: Callable[[int], None] | None = None) -> ClassReport:
    return score_class(records, code_sentences(records, coder, on, on_record))


def evaluate_spans(records: list[SpanRecord], coder, on: date | None = None,
                   on_record: Callable[[int], None] | None = None) -> SpanReport:
    return score_spans(records, code_sentences(records, coder, on, on_record))
