"""Write the office recap workbook: ``write_recap`` opens it, has each sheet written, closes it.

Owns the workbook: its options, formats and document properties, which sheets it has and in
which order (``SHEETS``), and the atomic write. Knows no sheet's contents: each sheet is its
own module (see ``context.SheetWriter``). A new sheet is one module plus one line in SHEETS.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

import rkt_excel.recap.data as data
import rkt_excel.recap.hasil_sheet as hasil_sheet
import rkt_excel.recap.issues as issues
import rkt_excel.recap.late as late
import rkt_excel.recap.lke_sheet as lke_sheet
import rkt_excel.recap.priorities_sheet as priorities_sheet
import rkt_excel.recap.progress as progress
import rkt_excel.recap.review_sheet as review_sheet
import rkt_excel.recap.rows as rows
import rkt_excel.recap.sources as sources
import rkt_excel.recap.summary as summary
from rkt_excel import __version__
from rkt_excel.consolidate import Consolidation
from rkt_excel.excel_limits import page_name
from rkt_excel.gc_control import gc_paused
from rkt_excel.printsetup import DEFAULT_PAPER, Page, RowFitter, fit_workbook
from rkt_excel.recap.cells import WORKBOOK_OPTIONS, Sheet, created, formats
from rkt_excel.recap.context import RecapContext, SheetWriter
from rkt_excel.recap.datasheet import RECAP_FORMAT, RecapData, forget_sheet
from rkt_excel.recap.labels import limit_note, limit_title
from rkt_excel.recap.streaming import StreamingWorksheet
from rkt_excel.template import Plan
from rkt_excel.xlsx_io import atomic_write

# The sheets, in tab order (imported by their full names: each is its own module, not a name
# the package exports). They are written in this order too, except that the LKE sheet is
# written first (the others link to its cells, and it tells them where they are: ctx.lke) and
# the data sheet after Perkembangan (_write_order).
SHEETS: tuple[SheetWriter, ...] = (
    summary, progress, rows, late, lke_sheet, hasil_sheet, review_sheet, priorities_sheet,
    issues, sources, data,
)  # fmt: skip


def recap_period(c: Consolidation) -> str:
    """The page header's period: "Agustus 2019 (per 31 Agustus 2019)"."""
    from rkt_excel.texts import long_date

    return f"{c.summary.period} (per {long_date(c.summary.as_of)})"


# The long tables: written row by row, so they are written in constant memory (xlsxwriter
# keeps one row, not the sheet, until close; strings inline), and continued on "<tab> (2)", ...
# past Excel's row limit. The value is the rows each page repeats (the header; none for data).
LONG_SHEETS: dict[str, int] = {rows.NAME: 1, late.NAME: 1, issues.NAME: 1, sources.NAME: 1}
LONG_SHEETS[data.NAME] = 0


@dataclass(frozen=True)
class SheetNote:
    """A sheet that met one of Excel's limits: continued on more tabs, or cells cut."""

    sheet: str
    pages: tuple[str, ...]  # the tabs it fills, the first one included
    cut: int = 0  # cells whose text was cut at limits.MAX_STRING characters


def _add_sheet(wb: Any, name: str, constant_memory: bool, *, fit: bool = True) -> Any:
    """A worksheet, written row by row in constant memory (with shared strings: streaming.py)
    or not. xlsxwriter reads the workbook's flag when a sheet is added. A streamed sheet fits
    its rows to their text as it writes each out, unless ``fit`` is False."""
    if not constant_memory:
        return wb.add_worksheet(name)
    wb.constant_memory = True
    try:
        ws = wb.add_worksheet(name, worksheet_class=StreamingWorksheet)
    finally:
        wb.constant_memory = False
    if fit:
        ws.row_fitter = RowFitter(ws)
    return ws


def _sheet(wb: Any, name: str, fmt: Any, page: Page) -> Sheet:
    head = LONG_SHEETS.get(name)
    if head is None:
        return Sheet(_add_sheet(wb, name, False), fmt, page)
    fit = name != data.NAME  # the hidden data sheet is read by programs, not printed

    def more(number: int) -> Any:
        return _add_sheet(wb, page_name(name, number), True, fit=fit)

    return Sheet(_add_sheet(wb, name, True, fit=fit), fmt, page, more=more, head_rows=head)


def write_recap(
    consolidation: Consolidation,
    plan: Plan,
    path: str | Path,
    *,
    history: Sequence[RecapData] = (),
    paper: str = DEFAULT_PAPER,
    notes: list[SheetNote] | None = None,
) -> Path:
    """Write the recap workbook of ``consolidation`` to ``path`` (atomically); return the path.

    ``history`` holds earlier months' recaps (``read_recap``), for the Perkembangan sheet.
    ``paper`` is "a4" or "f4" (printsetup.PAPERS).
    The same consolidation and history give a byte-identical file: the document date is
    derived from the as-of date, and every table has a stable order. A sheet that would pass
    Excel's row limit continues on more tabs, and a text too long for a cell is cut: each
    such sheet is said at the end of Ringkasan and appended to ``notes`` (for the console).
    """
    c = consolidation
    target = Path(path)
    # xlsxwriter keeps every cell until close(): the collector's passes over them find nothing.
    with gc_paused(), atomic_write(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            wb.set_properties(
                {
                    "title": f"Rekap Zona Integritas {c.summary.office} {c.summary.period}",
                    "author": "rkt-excel",
                    "comments": f"{RECAP_FORMAT}; rkt-excel {__version__}",
                    "created": created(c.summary.as_of),
                }
            )
            fmt = formats(wb)
            page = Page(paper, c.summary.office, recap_period(c))
            ctx = RecapContext(
                workbook=wb, fmt=fmt, consolidation=c, plan=plan, history=tuple(history),
                page=page,
            )  # fmt: skip
            tabs = [(sheet, _sheet(wb, sheet.NAME, fmt, page)) for sheet in SHEETS]
            for sheet, sh in sorted(tabs, key=_write_order):
                sheet.write(ctx, sh)
                if sheet is data:  # its rows, which Perkembangan also read, are not needed now
                    forget_sheet(c)
            found = [
                SheetNote(sheet.NAME, tuple(ws.name for ws in sh.pages), sh.cut)
                for sheet, sh in tabs
                if len(sh.pages) > 1 or sh.cut
            ]
            if found:
                _note_on_summary(dict(tabs)[summary], found)
                if notes is not None:
                    notes.extend(found)
            fit_workbook(wb.worksheets())  # rows as high as their wrapped text needs
        finally:
            try:
                for ws in wb.worksheets():
                    if isinstance(ws, StreamingWorksheet):
                        ws.flush()
                wb.close()
            finally:
                _close_row_files(wb)
    return target


def _close_row_files(wb: Any) -> None:
    """Close the temporary row files of constant-memory sheets: close() does when it gets
    that far, a write that fails before (an unwritable output, an interrupt) leaves them open."""
    for ws in wb.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None and not fh.closed:
            fh.close()


def _write_order(tab: tuple[SheetWriter, Sheet]) -> int:
    """LKE first (the others link to its cells); the data sheet right after Perkembangan,
    which reads the same rows, so they are freed before the long Rekap Indikator is written;
    then tab order."""
    sheet = tab[0]
    if sheet is lke_sheet:
        return -2
    if sheet is data:
        return SHEETS.index(progress) * 2 + 1
    return SHEETS.index(sheet) * 2


def _note_on_summary(sh: Sheet, found: Sequence[SheetNote]) -> None:
    """Below everything on Ringkasan: which sheets met Excel's limits, and where they go on."""
    row = (sh.ws.dim_rowmax or 0) + 2
    sh.ws.write_string(row, 0, limit_title(), sh.fmt["section"])
    for note in found:
        row += 1
        sh.ws.write_string(row, 0, limit_note(note.sheet, note.pages, note.cut), sh.fmt["prose"])


__all__ = ["LONG_SHEETS", "SHEETS", "SheetNote", "page_name", "write_recap"]
