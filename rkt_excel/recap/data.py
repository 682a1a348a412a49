"""The recap's hidden _rkt_data sheet: the machine-readable summary the roll-up reads back.

Writes the rows ``datasheet.encode_consolidation`` gives (key in column A, value in column B)
and hides the sheet. Owns no key and no encoding: those are ``datasheet``'s.
"""

from __future__ import annotations

from rkt_excel.recap.cells import Sheet
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.datasheet import KEY_COL, SHEET_DATA, VALUE_COL, encode_consolidation

NAME = SHEET_DATA


def write(ctx: RecapContext, sh: Sheet) -> None:
    """The key/value rows, in the sheet's plain "data" format; then hide the sheet."""
    for r, (key, value) in enumerate(encode_consolidation(ctx.consolidation)):
        sh.put(r, KEY_COL, key, "data")
        sh.put(r, VALUE_COL, value, "data")
    sh.ws.hide()


__all__ = ["NAME", "write"]
