"""Read a recap back (for the roll-up, the next month, the messages): the rows of its hidden
_rkt_data sheet.

Owns opening the file and turning what goes wrong there into a RecapError that names it;
what the rows mean is ``datasheet``'s. A reader: imports no writer library (xlsxwriter).

openpyxl (read-only, streaming) rather than python-calamine, although calamine reads the sheet
about 50x faster: calamine allocates the rectangle up to a sheet's farthest cell and aborts the
whole process when it cannot (one cell at XFD1048576 does it), so it needs the form reader's
pre-flight extent check first.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from rkt_excel.errors import RecapError
from rkt_excel.excel_limits import page_name
from rkt_excel.recap.datasheet import SHEET_DATA, RecapData, decode_sheet

MAX_COLUMNS = 32  # the widest snapshot table is narrower; a damaged sheet's extent is not read


def read_recap(path: str | Path) -> RecapData:
    """Read the machine-readable part of a recap written by ``write_recap``.

    Raises:
        RecapError: the file is not such a recap (not an xlsx, no _rkt_data, another format).
    """
    p = Path(path)
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as err:
        raise RecapError(key="recap-unreadable", file=str(p), reason=str(err)) from err
    try:
        if SHEET_DATA not in wb.sheetnames:
            raise RecapError(key="recap-not-recap", file=str(p), sheet=SHEET_DATA)
        grid: list[tuple[Any, ...]] = []
        page, name = 1, SHEET_DATA
        while name in wb.sheetnames:  # past Excel's row limit the sheet goes on on more tabs
            grid += wb[name].iter_rows(max_col=MAX_COLUMNS, values_only=True)
            page += 1
            name = page_name(SHEET_DATA, page)
    finally:
        wb.close()
    return decode_sheet(str(p), grid)


__all__ = ["read_recap"]
