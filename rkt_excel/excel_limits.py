"""Excel's limits on what one workbook may hold, in one place: rows per sheet, characters per
cell, hyperlinks per sheet and the length of a hyperlink's target.

Owns the numbers only. The recap's sheets split when they would pass ``MAX_ROWS`` (cells.Sheet
continues a table on "<sheet> (2)", ...); text past ``MAX_STRING`` is cut in a cell and kept
whole in the machine-readable sheet (datasheet.py stores long values over several rows). Tests
patch ``MAX_ROWS`` (``rows_per_sheet``) to check the split on small inputs.
"""

from __future__ import annotations

MAX_ROWS = 1_048_576  # rows per worksheet (Excel 2007 and later, LibreOffice 7.x and later)
MAX_STRING = 32_767  # characters in one cell
MAX_URL = 2_079  # characters of a hyperlink target (xlsxwriter's limit, and Excel's)
MAX_LINKS = 65_530  # hyperlinks per worksheet; beyond it xlsxwriter writes nothing
MAX_SHEET_NAME = 31  # characters in a worksheet's name


def page_name(name: str, page: int) -> str:
    """The tab of page ``page`` (2, 3, ...) of a sheet continued past MAX_ROWS: "Rekap
    Indikator (2)" (the writer names them, the recap reader finds _rkt_data's by them)."""
    return f"{name} ({page})"


def rows_per_sheet() -> int:
    """The rows a sheet may have (read at call time, so a test can patch ``MAX_ROWS``)."""
    return MAX_ROWS


__all__ = [
    "MAX_LINKS",
    "MAX_ROWS",
    "MAX_SHEET_NAME",
    "MAX_STRING",
    "MAX_URL",
    "page_name",
    "rows_per_sheet",
]
