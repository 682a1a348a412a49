"""A worksheet written row by row in constant memory that still shares its strings.

Owns ``StreamingWorksheet``: xlsxwriter's ``constant_memory`` mode writes each row out as soon
as a later row is started (one row in memory, not the sheet: the recap's long tables at 10,000
forms would otherwise hold millions of cells until close), but it also writes every string
inline, so a text repeated on every line (an indicator's wording, a unit's name) is escaped,
written and compressed again each time, which made the recap's write about 40 % slower. This
class keeps the row-by-row writing and puts strings in the workbook's shared-string table, as
the normal mode does. It relies on two xlsxwriter internals (``_write_cell`` and the string
table's ``_get_shared_string_index``, checked by ``SHARED``); where they are missing, the
sheet is plain constant-memory (inline strings: the same values, only slower). Rows are
fitted to their wrapped text as they are written out (``row_fitter``), since close() has
only the last one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsxwriter.sharedstrings import SharedStringTable
from xlsxwriter.worksheet import Worksheet

SHARED = hasattr(Worksheet, "_write_cell") and hasattr(
    SharedStringTable, "_get_shared_string_index"
)


class StreamingWorksheet(Worksheet):  # type: ignore[misc]
    """A constant-memory worksheet whose strings go to the shared-string table.

    ``row_fitter`` (set by the recap writer: printsetup.fit_rows) sees each row just before it
    is written out, while its cells are still in memory, so its height can follow its wrapped
    text; a fitted row is never lower than the height the writer gave it.
    """

    row_fitter: Callable[[Any], None] | None = None

    def _write_single_row(self, current_row_num: int = 0) -> None:
        if self.row_fitter is not None and self.table:
            self.row_fitter(self)
        super()._write_single_row(current_row_num)

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        if (
            SHARED
            and getattr(self, "constant_memory", False)
            and cell.__class__.__name__ == "String"
            and isinstance(cell.string, str)
        ):
            index = self.str_table._get_shared_string_index(cell.string)
            self.constant_memory = False  # write it as the normal mode does: by index
            try:
                super()._write_cell(row, col, cell.__class__(index, cell.format))
            finally:
                self.constant_memory = True
            return
        super()._write_cell(row, col, cell)

    def flush(self) -> None:
        """Write out the last row now. Call before the workbook's close(): close() lists the
        shared strings before it writes the sheets, so a string first met in a row written
        during close() would have no entry."""
        if getattr(self, "constant_memory", False):
            self._write_single_row(self.previous_row + 1)


__all__ = ["SHARED", "StreamingWorksheet"]
