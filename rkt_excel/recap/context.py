"""The interface between the recap workbook and its sheets: what every sheet writer is given
(``RecapContext``) and what a sheet module provides (``SheetWriter``: NAME and write).

Owns that contract only; writes nothing. A new recap sheet is a module with ``NAME`` (its tab)
and ``write(ctx, sh)``, listed once in ``workbook.SHEETS``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from rkt_excel.consolidate import Consolidation
from rkt_excel.printsetup import Page
from rkt_excel.recap.cells import Sheet
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.recap.lke_layout import LkeSheetInfo
from rkt_excel.template import Plan


@dataclass(eq=False)
class RecapContext:
    """One recap being written: the workbook, its formats and what the sheets show."""

    workbook: Any  # the xlsxwriter Workbook (charts are added to it)
    fmt: Mapping[str, Any]  # cells.formats(workbook)
    consolidation: Consolidation
    plan: Plan
    lke_info: LkeSheetInfo | None = None  # set by the LKE sheet, which is written first
    history: tuple[RecapData, ...] = ()  # earlier months' recaps as read back (any order)
    page: Page = field(default_factory=Page)  # paper, office and period of every printed page

    @property
    def lke(self) -> LkeSheetInfo:
        """Where the LKE sheet's cells are, for live links to them."""
        if self.lke_info is None:
            raise RuntimeError("the LKE sheet is written before the sheets that link to it")
        return self.lke_info


class SheetWriter(Protocol):
    """A recap sheet (a module): its tab name and the function that fills the tab."""

    NAME: str

    def write(self, ctx: RecapContext, sh: Sheet) -> None: ...


__all__ = ["RecapContext", "SheetWriter"]
