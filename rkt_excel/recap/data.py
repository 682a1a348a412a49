"""The recap's hidden _rkt_data sheet: the machine-readable summary the roll-up reads back.

Writes the rows ``datasheet.encode_sheet`` gives (the key/values in columns A:B, then the
month's snapshot tables) and hides the sheet. Owns no key and no encoding: those are
``datasheet``'s.
"""

from __future__ import annotations

from rkt_excel.recap.cells import Sheet
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.datasheet import SHEET_DATA, encode_sheet

NAME = SHEET_DATA


def write(ctx: RecapContext, sh: Sheet) -> None:
    """Every row, in the sheet's plain "data" format; then hide the sheet."""
    for r, line in enumerate(encode_sheet(ctx.consolidation)):
        for col, value in enumerate(line):
            if value is not None:
                sh.put(r, col, value, "data")
    sh.hide()


__all__ = ["NAME", "write"]
