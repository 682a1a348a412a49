"""A worksheet written row by row in constant memory that still shares its strings.

Owns ``StreamingWorksheet``: xlsxwriter's ``constant_memory`` mode writes each row out as soon
as a later row is started (one row in memory, not the sheet: the recap's long tables at 10,000
forms would otherwise hold millions of cells until close), but it also writes every string
inline, so a text repeated on every line (an indicator's wording, a unit's name) is escaped,
written and compressed again each time, which made the recap's write about 40 % slower. This
class keeps the row-by-row writing and puts strings in the workbook's shared-string table, as
the normal mode does. Rows are fitted to their wrapped text as they are written out
(``row_fitter``), since close() has only the last one.

The long sheets are most of the recap's cells, and xlsxwriter spends most of its time per
cell in generic code (argument conversion, attribute lists, escaping texts that need none).
``put_string``/``put_number``/``put_blank`` store a cell as ``write_string``/``write_number``/
``write_blank`` do, and a row is written out by ``_write_single_row`` with one string per row;
the XML is the one xlsxwriter writes, byte for byte (tests/test_streaming.py compares). A cell
these fast paths do not cover (no format, a formula, a link, a text longer than half of
Excel's limit) goes through xlsxwriter's own code. It relies on xlsxwriter internals (the cell
table, ``_write_cell``, ``_write_row``, the string table's ``_get_shared_string_index``,
checked by ``SHARED``); where they are missing, the sheet is plain constant-memory (inline
strings, xlsxwriter's writes: the same values, only slower).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from xlsxwriter.sharedstrings import SharedStringTable
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

try:
    from xlsxwriter.worksheet import CellBlankTuple, CellNumberTuple, CellStringTuple
except ImportError:  # pragma: no cover - an xlsxwriter without them: the generic path only
    CellBlankTuple = CellNumberTuple = CellStringTuple = None

SHARED = (
    hasattr(Worksheet, "_write_cell")
    and hasattr(Worksheet, "_write_row")
    and hasattr(SharedStringTable, "_get_shared_string_index")
    and CellStringTuple is not None
)
_COLUMNS: list[str] = [xl_col_to_name(c) for c in range(16_384)]


class StreamingWorksheet(Worksheet):  # type: ignore[misc]
    """A constant-memory worksheet whose strings go to the shared-string table.

    ``row_fitter`` (set by the recap writer: printsetup.fit_rows) sees each row just before it
    is written out, while its cells are still in memory, so its height can follow its wrapped
    text; a fitted row is never lower than the height the writer gave it.
    """

    row_fitter: Callable[[Any], None] | None = None
    fast: bool = SHARED  # False: xlsxwriter's own code for every cell (the tests compare)
    # xlsxwriter's own attributes this class reads and sets (set by Worksheet.__init__)
    previous_row: int
    row_sizes: dict[int, Any]
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    # --- storing a cell: what write_string/write_number/write_blank do, without the checks
    # that cannot fail for the cells the recap writes (the caller gives a format, a finite
    # number, a text shorter than half of Excel's limit)
    def _fast(self, row: int, col: int) -> bool:
        """True when (row, col) may take the fast path: constant memory, inside the sheet,
        not in a row already written out. Updates the dimensions and writes out the previous
        row as ``_check_dimensions`` and the write methods do."""
        if not (self.fast and self.constant_memory):
            return False
        if row < self.previous_row or row >= self.xls_rowmax or col >= self.xls_colmax:
            return False
        if row < 0 or col < 0:
            return False
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or col < self.dim_colmin:
            self.dim_colmin = col
        if self.dim_colmax is None or col > self.dim_colmax:
            self.dim_colmax = col
        if row > self.previous_row:
            self._write_single_row(row)
        return True

    def put_string(self, row: int, col: int, text: str, fmt: Any) -> None:
        """``write_string(row, col, text, fmt)`` for a non-empty ``text``."""
        if fmt is None or len(text) > self.xls_strmax // 2 or not self._fast(row, col):
            self.write_string(row, col, text, fmt)
            return
        self.table[row][col] = CellStringTuple(text, fmt)

    def put_number(self, row: int, col: int, number: float, fmt: Any) -> None:
        """``write_number(row, col, number, fmt)`` for a finite int or float."""
        if fmt is None or not self._fast(row, col):
            self.write_number(row, col, number, fmt)
            return
        self.table[row][col] = CellNumberTuple(number, fmt)

    def put_blank(self, row: int, col: int, fmt: Any) -> None:
        """``write_blank(row, col, None, fmt)``."""
        if fmt is None or not self._fast(row, col):
            self.write_blank(row, col, None, fmt)
            return
        self.table[row][col] = CellBlankTuple(fmt)

    # --- writing a row out
    def _write_single_row(self, current_row_num: int = 0) -> None:
        if self.row_fitter is not None and self.table:
            self.row_fitter(self)
        if not (self.fast and self.constant_memory):
            super()._write_single_row(current_row_num)
            return
        row_num = self.previous_row
        self.previous_row = current_row_num
        cells = self.table.get(row_num)
        if cells:
            info = self.row_info.get(row_num)
            if info is None:
                self._write_row(row_num, None)
            else:
                self._write_row(row_num, None, info)
            self._write_cells(row_num, cells)
            self._xml_end_tag("row")
        elif row_num in self.row_info or row_num in self.comments:
            self._write_empty_row(row_num, None, self.row_info[row_num])
        # A row written out is never read again: without this, set_row's records of every row
        # (about 200 bytes each) would grow with the sheet. Its size places a chart or an
        # image at close(): kept on a sheet that has one (the recap's long sheets have none).
        self.row_info.pop(row_num, None)
        if not (self.charts or self.images or self.shapes or self.comments):
            self.row_sizes.pop(row_num, None)
        self.table.clear()

    def _write_cells(self, row: int, cells: dict[int, Any]) -> None:
        """The <c> elements of one row, in column order, as xlsxwriter writes them."""
        ref = str(row + 1)
        shared = self.str_table._get_shared_string_index
        out: list[str] = []
        for col in sorted(cells):
            cell = cells[col]
            fmt = cell.format
            kind = cell.__class__
            if fmt is not None:
                xf = fmt.xf_index if fmt.xf_index is not None else fmt._get_xf_index()
                if kind is CellStringTuple and isinstance(cell.string, str):
                    index = shared(cell.string)
                    out.append(f'<c r="{_COLUMNS[col]}{ref}" s="{xf}" t="s"><v>{index}</v></c>')
                    continue
                if kind is CellNumberTuple:
                    number = cell.number
                    out.append(f'<c r="{_COLUMNS[col]}{ref}" s="{xf}"><v>{number:.16G}</v></c>')
                    continue
                if kind is CellBlankTuple:
                    out.append(f'<c r="{_COLUMNS[col]}{ref}" s="{xf}"/>')
                    continue
            if out:
                self.fh.write("".join(out))
                out.clear()
            self._write_cell(row, col, cell)
        if out:
            self.fh.write("".join(out))

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
