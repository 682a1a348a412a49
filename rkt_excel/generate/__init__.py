"""Stage 1 output: the standard RKT workbook and one checklist form per unit (xlsxwriter).

One module per sheet (cover, guide_sheet, identity_sheet, component_sheet, hidden_sheets),
the shared look in formats, the state of one workbook in state, the orchestration in book.
Writes every address from layout.py, so the reader finds what was written.
"""

from __future__ import annotations

from rkt_excel.generate.book import (
    WORKBOOK_OPTIONS,
    distribute_forms,
    form_filename,
    generate_workbook,
    metadata,
    write_book,
)
from rkt_excel.generate.component_sheet import answer_validation, bullets, criteria_text
from rkt_excel.generate.state import Book
from rkt_excel.identity import form_id

__all__ = [
    "WORKBOOK_OPTIONS",
    "Book",
    "answer_validation",
    "bullets",
    "criteria_text",
    "distribute_forms",
    "form_filename",
    "form_id",
    "generate_workbook",
    "metadata",
    "write_book",
]
