"""Read a marked audit sheet and score it: precision with 95% Wilson intervals, per field and by type.

The reader takes the sheet as a spreadsheet may have saved it again: with or without a
byte-order mark, CRLF or LF line ends, commas, semicolons or tabs, UTF-8, UTF-16 or a
Windows code page, the ``#`` lines kept, removed or padded with empty cells, columns
reordered, hidden or added, CAMEO codes with their leading zero dropped ("010" → "10").
A mark it cannot read is a :class:`Problem` naming the file, the line and the value; the
row is left out of every figure and the rest is scored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from .sheet import JUDGEMENT_COLUMNS, QUAD_NAMES
from .stats import Proportion

__all__ = ["Mark", "Problem", "JudgedRow", "Sheet", "Group", "AuditScore", "parse_mark", "read_sheet", "score_sheet", "CONFIDENCE_BINS"]

FIELDS = ("type", "source", "target")

_RIGHT = frozenset({"y", "yes", "1", "right", "true", "correct"})
_WRONG = frozenset({"n", "no", "0", "wrong", "false", "incorrect"})
_NA = frozenset({"na", "n/a", "n.a."})

#: the confidence bins of the reliability table (as in ``dyadwatch eval``)
CONFIDENCE_BINS = ((0.0, 0.5, "[0, 0.5)"), (0.5, 0.8, "[0.5, 0.8)"), (0.8, 1.0001, "[0.8, 1.0]"))


class Mark:
    """What a judgement cell says."""

    RIGHT = "right"
    WRONG = "wrong"
    NA = "na"


def parse_mark(value: str) -> str | None:
    """``"Y"`` → :attr:`Mark.RIGHT`, ``"0"`` → :attr:`Mark.WRONG`, ``"n/a"`` → :attr:`Mark.NA`,
    ``""`` → None (not judged); raises ValueError on anything else."""
    v = value.strip().strip("'").strip().lower()
    if not v:
        return None
    if v in _RIGHT:
        return Mark.RIGHT
    if v in _WRONG:
        return Mark.WRONG
    if v in _NA:
        return Mark.NA
    raise ValueError(value)


@dataclass(frozen=True, slots=True)
class Problem:
    """A row left out of the scores, and why."""

    path: str
    line: int
    row: str
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f" (row {self.row})" if self.row else "")
        what = f"{self.column} {self.value!r}: " if self.column else ""
        return f"{where}: {what}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass(frozen=True, slots=True)
class JudgedRow:
    """One row with at least one mark."""

    line: int
    row: str
    event_id: str
    cameo: str
    cameo_root: str
    quad_class: int | None
    plover_type: str
    confidence: float | None
    has_target: bool
    type_ok: str | None
    source_ok: str | None
    target_ok: str | None
    note: str = ""

    def mark(self, fld: str) -> str | None:
        return getattr(self, f"{fld}_ok")

    @property
    def scored(self) -> bool:
        """Has at least one y/n mark (a row marked only na says nothing about the event)."""
        return any(self.mark(f) in (Mark.RIGHT, Mark.WRONG) for f in FIELDS)

    @property
    def complete(self) -> bool:
        """Every field is marked (target with y/n, or na)."""
        return all(self.mark(f) is not None for f in FIELDS)

    @property
    def fully_right(self) -> bool:
        """No marked field is wrong (and at least one is marked right)."""
        return self.scored and all(self.mark(f) != Mark.WRONG for f in FIELDS)


@dataclass(slots=True)
class Sheet:
    """What :func:`read_sheet` found in a file."""

    path: str
    rows: list[JudgedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: event rows in the sheet (judged, not judged or left out)
    n_rows: int = 0
    #: rows with no mark at all
    n_unjudged: int = 0


@dataclass(frozen=True, slots=True)
class Group:
    """The fully-right precision of the judged rows of one type (a CAMEO root, a quad class …)."""

    key: str
    name: str
    fully_right: Proportion

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, **self.fully_right.as_dict()}


@dataclass(frozen=True, slots=True)
class AuditScore:
    """The scores of a marked sheet. Precision here is the share of the sampled events that
    were judged right: with a uniform sample, an estimate of the precision of the events in
    the store (those matching the sample's filters)."""

    path: str
    n_rows: int
    n_judged: int
    n_complete: int
    n_unjudged: int
    fully_right: Proportion
    fields: dict[str, Proportion]
    by_root: list[Group]
    by_quad: list[Group]
    by_plover: list[Group]
    by_confidence: list[Group]
    problems: list[Problem]

    @property
    def n_partial(self) -> int:
        return self.n_judged - self.n_complete

    @property
    def n_skipped(self) -> int:
        return len({(p.line, p.row) for p in self.problems if p.line})

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.path,
            "rows": self.n_rows,
            "judged": self.n_judged,
            "complete": self.n_complete,
            "partly_judged": self.n_partial,
            "not_judged": self.n_unjudged,
            "skipped": self.n_skipped,
            "fully_right": self.fully_right.as_dict(),
            "fields": {k: v.as_dict() for k, v in self.fields.items()},
            "by_cameo_root": [g.as_dict() for g in self.by_root],
            "by_quad_class": [g.as_dict() for g in self.by_quad],
            "by_plover_type": [g.as_dict() for g in self.by_plover],
            "by_confidence": [g.as_dict() for g in self.by_confidence],
            "problems": [p.as_dict() for p in self.problems],
        }


# -- reading -----------------------------------------------------------------------------
def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UsageError(f"{path}: cannot read the sheet (bad UTF-16)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # an "ANSI" save from Excel on Windows; the marks and codes are ASCII in any case
        return data.decode("cp1252", errors="replace")


def _norm(name: str) -> str:
    return name.replace("\ufeff", "").strip().strip('"').strip().lower()


def _find_header(text: str) -> tuple[str, int, list[str]] | None:
    """(delimiter, index of the header record, the header) — the first record naming both
    event_id and type_ok, tried with commas, semicolons and tabs."""
    for delim in (",", ";", "\t"):
        try:
            for i, rec in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delim)):
                names = [_norm(c) for c in rec]
                if "event_id" in names and "type_ok" in names:
                    return delim, i, names
                if i > 50:
                    break
        except csv.Error:
            continue
    return None


def read_sheet(path: str | Path) -> Sheet:
    """Read a marked sheet. Raises :class:`UsageError` where the file cannot be read or is not
    an audit sheet (no header row with event_id and type_ok, a judgement column missing);
    bad marks are :class:`Problem` s in :attr:`Sheet.problems`, their rows left out."""
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{name}: no such sheet (write one with: dyadwatch audit sample --db FILE)") from None
    except IsADirectoryError:
        raise UsageError(f"{name}: is a folder; give the .csv sheet") from None
    except OSError as exc:
        raise UsageError(f"{name}: cannot read the sheet ({exc.strerror or exc})") from None
    text = _decode(data, name)
    found = _find_header(text)
    if found is None:
        raise UsageError(f"{name}: not an audit sheet (no header row with the columns event_id and type_ok; "
                         "give the .csv that dyadwatch audit sample wrote)")
    delim, header_index, names = found
    missing = [c for c in JUDGEMENT_COLUMNS if c != "note" and c not in names]
    if missing:
        raise UsageError(f"{name}: the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"{'are' if len(missing) > 1 else 'is'} missing from the header row")
    index = {}
    for i, n in enumerate(names):
        index.setdefault(n, i)  # a column repeated: the first one counts
    sheet = Sheet(path=name)
    seen: dict[str, int] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    last_line = 0
    for i, rec in _records(reader, name):
        line = last_line + 1  # the line the record starts on (a quoted field may span lines)
        last_line = reader.line_num
        if i <= header_index or not any(c.strip() for c in rec):
            continue
        get = _getter(rec, index)
        if get("row").startswith("#") or (rec[0].lstrip().startswith("#") and not get("event_id")):
            continue  # a comment line
        sheet.n_rows += 1
        judged = _judge(sheet, get, line, seen)
        if judged is None:
            continue
        sheet.rows.append(judged)
    return sheet


def _getter(rec: list[str], index: dict[str, int]):
    """``get(column)``: the stripped cell of that column in ``rec`` ("" where the row is short or the column absent)."""
    def get(col: str) -> str:
        i = index.get(col)
        return rec[i].strip() if i is not None and i < len(rec) else ""

    return get


def _records(reader, name: str):
    """``enumerate(reader)``, with a CSV the csv module cannot split as a :class:`UsageError`."""
    i = 0
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UsageError(f"{name}:{reader.line_num}: cannot read the CSV ({exc})") from None
        yield i, rec
        i += 1


def _judge(sheet: Sheet, get, line: int, seen: dict[str, int]) -> JudgedRow | None:
    row, event_id = get("row"), get("event_id")
    marks: dict[str, str | None] = {}
    bad = []
    for fld in FIELDS:
        value = get(f"{fld}_ok")
        try:
            marks[fld] = parse_mark(value)
        except ValueError:
            bad.append(Problem(sheet.path, line, row, f"{fld}_ok", value,
                               "not a mark; use y or n (or 1/0, yes/no, right/wrong, true/false)"
                               + (", na where no target is due" if fld == "target" else "") + ", or leave it blank"))
            continue
    has_target = bool(get("target_code") or get("target_text"))
    for fld in ("type", "source"):
        if marks.get(fld) == Mark.NA:
            bad.append(Problem(sheet.path, line, row, f"{fld}_ok", get(f"{fld}_ok"), "na is for target_ok only; mark y or n"))
    if marks.get("target") == Mark.NA and has_target:
        label = " ".join(x for x in (get("target_code"), get("target_text")) if x)
        bad.append(Problem(sheet.path, line, row, "target_ok", get("target_ok"),
                           f"the event has a target ({label}); mark it y or n (n if no target is due)"))
    if all(marks.get(f) is None for f in FIELDS) and not bad:
        sheet.n_unjudged += 1
        return None
    if event_id and event_id in seen and not bad:
        bad.append(Problem(sheet.path, line, row, "event_id", event_id, f"the same event is on line {seen[event_id]}; counted once"))
    if bad:
        sheet.problems.extend(bad)
        return None
    if event_id:
        seen[event_id] = line
    if marks["target"] == Mark.RIGHT and not has_target:
        marks["target"] = Mark.NA  # "right: there is none" — as na, left out of the target figure
    try:
        confidence: float | None = float(get("confidence").replace(",", "."))
    except ValueError:
        confidence = None
    root, cameo = _codes(get("cameo_root"), get("cameo"))
    quad_text = get("quad_class")
    try:
        quad: int | None = int(float(quad_text)) if quad_text else None
    except (ValueError, OverflowError):
        quad = None
    return JudgedRow(
        line=line, row=row, event_id=event_id, cameo=cameo, cameo_root=root, quad_class=quad,
        plover_type=get("plover_type"), confidence=confidence, has_target=has_target,
        type_ok=marks["type"], source_ok=marks["source"], target_ok=marks["target"], note=get("note"),
    )


def _codes(root: str, cameo: str) -> tuple[str, str]:
    """The CAMEO root and code, with the leading zero a spreadsheet drops put back
    ("1" → "01", and "10" under root "01" → "010")."""
    root = root.lstrip("'").strip()
    cameo = cameo.lstrip("'").strip()
    if not root and cameo:
        root = cameo[:2]
    if root.isdigit() and len(root) < 2:
        root = root.zfill(2)
    if cameo.isdigit() and root and not cameo.startswith(root) and ("0" + cameo).startswith(root):
        cameo = "0" + cameo
    return root, cameo


# -- scoring ------------------------------------------------------------------------------
def _fully(rows: Iterable[JudgedRow]) -> Proportion:
    scored = [r for r in rows if r.scored]
    return Proportion(sum(r.fully_right for r in scored), len(scored))


def _groups(rows: list[JudgedRow], key, name) -> list[Group]:
    buckets: dict[str, list[JudgedRow]] = {}
    for r in rows:
        buckets.setdefault(key(r), []).append(r)
    return [Group(k, name(k), _fully(v)) for k, v in sorted(buckets.items(), key=lambda kv: (kv[0] == "?", kv[0]))]


def _root_names() -> dict[str, str]:
    from ..coding.codebook import Codebook

    return {c.code: c.name.capitalize() for c in Codebook.bundled() if len(c.code) == 2}


def _bin(confidence: float | None) -> str:
    if confidence is None:
        return "?"
    for lo, hi, label in CONFIDENCE_BINS:
        if lo <= confidence < hi:
            return label
    return "?"


def score_sheet(sheet: Sheet) -> AuditScore:
    """Precision of the judged rows: fully right (every marked field right), per field
    (type, source, target; na left out), and the fully-right precision by CAMEO root, quad
    class, PLOVER type and confidence bin — each with its 95% Wilson interval."""
    rows = [r for r in sheet.rows if r.scored]
    fields = {}
    for fld in FIELDS:
        marked = [r.mark(fld) for r in rows if r.mark(fld) in (Mark.RIGHT, Mark.WRONG)]
        fields[fld] = Proportion(sum(m == Mark.RIGHT for m in marked), len(marked))
    roots = _root_names()
    bin_order = {label: i for i, (_, _, label) in enumerate(CONFIDENCE_BINS)}
    by_conf = _groups(rows, lambda r: _bin(r.confidence), lambda k: "confidence " + k if k != "?" else "no confidence")
    by_conf.sort(key=lambda g: bin_order.get(g.key, len(bin_order)))
    return AuditScore(
        path=sheet.path,
        n_rows=sheet.n_rows,
        n_judged=len(rows),
        n_complete=sum(r.complete for r in rows),
        n_unjudged=sheet.n_unjudged + sum(1 for r in sheet.rows if not r.scored),
        fully_right=_fully(rows),
        fields=fields,
        by_root=_groups(rows, lambda r: r.cameo_root or "?", lambda k: roots.get(k, "unknown root")),
        by_quad=_groups(rows, lambda r: str(r.quad_class) if r.quad_class else "?", lambda k: QUAD_NAMES.get(int(k), "") if k.isdigit() else "unknown"),
        by_plover=_groups(rows, lambda r: r.plover_type or "?", lambda k: "none (CAMEO 01x statements)" if k == "?" else k),
        by_confidence=by_conf,
        problems=list(sheet.problems),
    )
