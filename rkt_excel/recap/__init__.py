"""Stage 5, the recap: write a Consolidation as a workbook or CSV, read it back, roll it up.

``write_recap`` (workbook.py) writes the office recap, one module per sheet: Ringkasan
(summary.py), Perkembangan (progress.py, the months so far), Rekap Indikator (rows.py),
Keterlambatan (late.py), LKE (lke_sheet.py, with lke_layout.py), Validasi (issues.py),
Sumber (sources.py) and the hidden machine-readable ``_rkt_data`` (data.py, whose contents
are datasheet.py's codec: the summary and the month's snapshot). ``read_recap`` (read.py)
reads ``_rkt_data`` back for the Kanwil roll-up (``write_rollup``, rollup.py), the next
month and the messages; ``export_csv`` (export.py) writes the tidy tables. Shared cell
writing and formats: cells.py; shared labels: labels.py; the sheet interface: context.py.
This module only re-exports.
"""

from __future__ import annotations

from rkt_excel.recap.cells import WORKBOOK_OPTIONS
from rkt_excel.recap.data import NAME as SHEET_DATA
from rkt_excel.recap.datasheet import RECAP_FORMAT, AreaScore, RecapData
from rkt_excel.recap.export import CSV_TABLES, export_csv
from rkt_excel.recap.issues import NAME as SHEET_ISSUES
from rkt_excel.recap.late import NAME as SHEET_LATE
from rkt_excel.recap.lke_sheet import NAME as SHEET_LKE
from rkt_excel.recap.progress import NAME as SHEET_PROGRESS
from rkt_excel.recap.read import read_recap
from rkt_excel.recap.rollup import SHEET_ROLLUP, write_rollup
from rkt_excel.recap.rows import NAME as SHEET_ROWS
from rkt_excel.recap.rows import ROW_COLUMNS
from rkt_excel.recap.sources import NAME as SHEET_SOURCES
from rkt_excel.recap.summary import NAME as SHEET_SUMMARY
from rkt_excel.recap.workbook import SHEETS, write_recap

__all__ = [
    "CSV_TABLES",
    "RECAP_FORMAT",
    "ROW_COLUMNS",
    "SHEETS",
    "SHEET_DATA",
    "SHEET_ISSUES",
    "SHEET_LATE",
    "SHEET_LKE",
    "SHEET_PROGRESS",
    "SHEET_ROLLUP",
    "SHEET_ROWS",
    "SHEET_SOURCES",
    "SHEET_SUMMARY",
    "WORKBOOK_OPTIONS",
    "AreaScore",
    "RecapData",
    "export_csv",
    "read_recap",
    "write_recap",
    "write_rollup",
]
