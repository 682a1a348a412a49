"""The hidden sheets of the workbook and the forms: Daftar (the dropdown lists, each behind a
defined name) and _rkt_meta (the form's identity and row table, layout's metadata codec).

Owns those two sheets. Never written for users to read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xlsxwriter.utility import xl_col_to_name

from rkt_excel import layout

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book


def write_lists(book: Book, ws: Any) -> None:
    """The dropdown lists, one per column, each reached through a defined name."""
    lists: dict[str, tuple[str, ...]] = {"status": layout.STATUS_VALUES}
    lists.update(layout.ANSWER_LISTS)
    for c, (key, values) in enumerate(lists.items()):
        ws.set_column(c, c, 16)
        ws.write_string(0, c, layout.LIST_NAMES[key], book.f.bold)
        for r, value in enumerate(values, start=1):
            ws.write_string(r, c, value)
        col = xl_col_to_name(c)
        ref = f"='{layout.SHEET_LISTS}'!${col}$2:${col}${len(values) + 1}"
        book.wb.define_name(layout.LIST_NAMES[key], ref)
    ws.hide()
    book.protect(ws)


def write_meta(book: Book, ws: Any) -> None:
    """Identity key/values, then one line per indicator row (layout.encode_meta); a row
    written with carried-over answers records their digest."""
    ws.set_column(0, 0, 20)
    ws.set_column(1, 5, 30)
    rows = [
        layout.MetaRow(
            row_id=p.indicator.id,
            component=p.component.id,
            sheet=p.sheet,
            row=p.row + 1,
            lke=p.indicator.lke or "",
            answer_type=p.question.answer_type if p.question else "",
            carried=layout.carried_digest(book.carried[p.indicator.id])
            if p.indicator.id in book.carried
            else "",
        )
        for p in book.placed
    ]
    # Every value is text; an empty value is a blank cell (openpyxl drops "" cells on save,
    # so a blank is what a reader sees either way).
    for r, line in enumerate(layout.encode_meta(book.meta, rows)):
        for c, value in enumerate(line):
            if value:
                ws.write_string(r, c, value)
    ws.very_hidden()
    book.protect(ws)
