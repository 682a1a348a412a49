"""Write the office recap workbook: ``write_recap`` opens it, has each sheet written, closes it.

Owns the workbook: its options, formats and document properties, which sheets it has and in
which order (``SHEETS``), and the atomic write. Knows no sheet's contents: each sheet is its
own module (see ``context.SheetWriter``). A new sheet is one module plus one line in SHEETS.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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
from rkt_excel.gc_control import gc_paused
from rkt_excel.printsetup import DEFAULT_PAPER, Page, fit_workbook
from rkt_excel.recap.cells import WORKBOOK_OPTIONS, Sheet, created, formats
from rkt_excel.recap.context import RecapContext, SheetWriter
from rkt_excel.recap.datasheet import RECAP_FORMAT, RecapData
from rkt_excel.template import Plan
from rkt_excel.xlsx_io import atomic_write

# The sheets, in tab order (imported by their full names: each is its own module, not a name
# the package exports). They are written in this order too, except that the LKE sheet is
# written first: the others link to its cells, and it tells them where they are (ctx.lke).
SHEETS: tuple[SheetWriter, ...] = (
    summary, progress, rows, late, lke_sheet, hasil_sheet, review_sheet, priorities_sheet,
    issues, sources, data,
)  # fmt: skip


def recap_period(c: Consolidation) -> str:
    """The page header's period: "Agustus 2019 (per 31 Agustus 2019)"."""
    from rkt_excel.texts import long_date

    return f"{c.summary.period} (per {long_date(c.summary.as_of)})"


def write_recap(
    consolidation: Consolidation,
    plan: Plan,
    path: str | Path,
    *,
    history: Sequence[RecapData] = (),
    paper: str = DEFAULT_PAPER,
) -> Path:
    """Write the recap workbook of ``consolidation`` to ``path`` (atomically); return the path.

    ``history`` holds earlier months' recaps (``read_recap``), for the Perkembangan sheet.
    ``paper`` is "a4" or "f4" (printsetup.PAPERS).
    The same consolidation and history give a byte-identical file: the document date is
    derived from the as-of date, and every table has a stable order.
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
            tabs = [(sheet, Sheet(wb.add_worksheet(sheet.NAME), fmt, page)) for sheet in SHEETS]
            for sheet, sh in sorted(tabs, key=lambda tab: tab[0] is not lke_sheet):
                sheet.write(ctx, sh)
            fit_workbook(wb.worksheets())  # rows as high as their wrapped text needs
        finally:
            wb.close()
    return target


__all__ = ["SHEETS", "write_recap"]
