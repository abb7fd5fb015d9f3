"""Audit the coder on your own corpus: sample coded events, mark them, score the marks.

::

    from dyadwatch import Store
    from dyadwatch.audit import read_sheet, sample_events, score_sheet, write_sheet

    with Store("dyadwatch.duckdb", read_only=True) as store:
        sample = sample_events(store, n=100, seed=0)
    write_sheet(sample, "audit-sheet")          # audit-sheet.csv (to mark) and audit-sheet.html (to read)
    # … a person marks type_ok, source_ok, target_ok in the CSV …
    score = score_sheet(read_sheet("audit-sheet.csv"))
    print(score.fully_right.describe())         # e.g. 0.800 [0.490, 0.943] (8 of 10)

Library code here neither prints nor exits; ``dyadwatch audit sample`` and ``dyadwatch
audit score`` are the command-line front.
"""

from __future__ import annotations

from .sample import MOODS, AuditRow, AuditSample, sample_events, sample_key
from .score import AuditScore, Group, JudgedRow, Mark, Problem, Sheet, parse_mark, read_sheet, score_sheet
from .sheet import EVENT_COLUMNS, HOW_TO_MARK, JUDGEMENT_COLUMNS, QUAD_NAMES, SHEET_COLUMNS, write_csv, write_html, write_sheet
from .stats import Proportion, wilson_interval

__all__ = [
    "sample_events", "sample_key", "AuditSample", "AuditRow", "MOODS",
    "write_sheet", "write_csv", "write_html", "SHEET_COLUMNS", "EVENT_COLUMNS", "JUDGEMENT_COLUMNS", "HOW_TO_MARK", "QUAD_NAMES",
    "read_sheet", "score_sheet", "parse_mark", "Sheet", "JudgedRow", "Problem", "Mark", "AuditScore", "Group",
    "Proportion", "wilson_interval",
]
