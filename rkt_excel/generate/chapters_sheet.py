"""The Dokumen RKT sheet of the standard workbook: the plan's chapters (BAB I to IV) as the RKT
document prints them, around the table the component sheets hold.

Owns that sheet: each chapter's heading, its paragraphs and lists, its sections; the chapter
that holds the RKT table (``Chapter.table``) says where the table is; then the annexes (e.g.
the Mekanisme Pembentukan Tim Kerja) and the priority targets under their title, each on its
page. Written only for the standard workbook of a plan with chapters (plan format 2); a unit's
form leaves it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rkt_excel.generate.cover import write_priority_table
from rkt_excel.generate.formats import page_setup
from rkt_excel.guide import CHAPTERS_TABLE_NOTE
from rkt_excel.plantext import item_marker
from rkt_excel.template import Block, ItemList

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book

WIDTHS = (6.0, 6.0, 84.0)  # marker, sub-marker, text: one A4 portrait page wide at 100 %


def write_chapters(book: Book, ws: Any) -> None:
    """Write every chapter of the plan, in order."""
    f = book.f
    ws.hide_gridlines(2)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    page_setup(ws, book.page, landscape=False)
    r = 0

    def line(text: str, fmt: Any, first: int = 0) -> None:
        nonlocal r
        ws.merge_range(r, first, r, len(WIDTHS) - 1, "", fmt)
        ws.write_string(r, first, text, fmt)
        r += 1

    def blocks(body: tuple[Block, ...]) -> None:
        nonlocal r
        for block in body:
            if isinstance(block, ItemList):
                for n, item in enumerate(block.items):
                    ws.write_string(r, 0, item_marker(block.style, n), f.top)
                    line(item, f.wrap, first=1)
            else:
                line(block, f.wrap)
        r += 1

    breaks: list[int] = []
    for chapter in book.plan.chapters:
        if r:
            breaks.append(r)  # each chapter starts a page, as in the document
        heading = (
            f"BAB {chapter.number} {chapter.title}".strip() if chapter.number else chapter.title
        )
        line(heading.upper(), f.center_bold)
        r += 1
        blocks(chapter.body)
        for section in chapter.sections:
            number = section.number.rstrip(".")
            line(f"{number}. {section.title}" if number else section.title, f.bold)
            blocks(section.body)
        if chapter.table:
            line(CHAPTERS_TABLE_NOTE, f.hint)
            r += 1
    for annex in book.plan.annexes:  # after the chapters, each on a page of its own
        if r:
            breaks.append(r)
        for title in annex.title:
            line(title, f.center_bold)
        r += 1
        blocks(annex.body)
    if book.plan.priority_title:  # the priority targets on a page of their own, as printed
        if r:
            breaks.append(r)
        for title in book.plan.priority_title:
            line(title, f.center_bold)
        r = write_priority_table(ws, f, r + 1, book.plan.priority_targets)
    if breaks:
        ws.set_h_pagebreaks(breaks)
    book.protect(ws)
