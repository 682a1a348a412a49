"""The Petunjuk sheet of the standard workbook and the unit forms: how to fill the checklist.

Owns the layout of the Petunjuk sheet; its words are guide.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rkt_excel.generate.formats import page_setup
from rkt_excel.guide import GUIDE_TITLE, guide_sections

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book


def write_guide(book: Book, ws: Any) -> None:
    f = book.f
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 100)
    page_setup(ws, book.page, landscape=False)
    r = 0
    ws.merge_range(r, 0, r, 1, "", f.title_left)
    ws.write_string(r, 0, GUIDE_TITLE, f.title_left)
    r += 2

    def section(title: str) -> None:
        nonlocal r
        ws.merge_range(r, 0, r, 1, "", f.bold)
        ws.write_string(r, 0, title, f.bold)
        r += 1

    def pair(label: str, text: str, label_format: Any = None) -> None:
        nonlocal r
        ws.write_string(r, 0, label, label_format or f.top_bold)
        ws.write_string(r, 1, text, f.wrap)
        r += 1

    for section_ in guide_sections(book.plan.year):
        section(section_.title)
        for label, words in section_.lines:
            colour = f.status_label.get(label) if section_.title.startswith("3.") else None
            pair(label, words, colour)
        r += 1
    book.protect(ws)
