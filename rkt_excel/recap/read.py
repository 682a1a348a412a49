"""Read a recap back for the roll-up: the (key, value) rows of its hidden _rkt_data sheet.

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
from rkt_excel.recap.datasheet import KEY_COL, SHEET_DATA, VALUE_COL, RecapData, decode


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
        raw: dict[str, Any] = {}
        rows = wb[SHEET_DATA].iter_rows(
            min_col=KEY_COL + 1, max_col=VALUE_COL + 1, values_only=True
        )
        for key, value, *_ in rows:
            if isinstance(key, str) and key:
                raw[key] = value
    finally:
        wb.close()
    return decode(str(p), raw)


__all__ = ["read_recap"]
