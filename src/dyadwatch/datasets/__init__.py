"""Event data analysts already have — GDELT 2.0 and 1.0, ICEWS, POLECAT, Phoenix, ACLED — read
into the store, so that every view (dyads, signals, report, dashboard, API) works on it, and
compared with dyadwatch's own coding (:func:`compare_origins`).

One module per dataset (:mod:`.gdelt`, :mod:`.icews`, :mod:`.polecat`, :mod:`.phoenix`,
:mod:`.acled`) reads its published format a line at a time (:mod:`.rows`); :mod:`.mapping` and
:mod:`.countries`, with the TSV files in ``data/``, map its codes to the project's, and
:mod:`.events` builds the records (see ``docs/datasets.md``). Imported events go to the store's
``events`` table, their dataset fields to ``imported`` (:mod:`.tables`).
"""

from __future__ import annotations

from .compare import Comparison, compare_origins, origins
from .importer import DATASET_FORMATS, FileSummary, ImportSummary, import_files

__all__ = ["import_files", "ImportSummary", "FileSummary", "DATASET_FORMATS", "compare_origins", "Comparison", "origins"]
