"""The Kriteria LKE sheet of the standard workbook and the unit forms: every LKE question the
workbook's rows answer, with the criteria of each answer, printed as a reference of its own.

Owns that sheet. The component sheets show each question and its choices only (the criteria
make rows too tall to print legibly: docs/printing.md); this sheet holds the criteria in full,
in the order of the rows, with the rows (ID) that answer each question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rkt_excel.generate.formats import page_setup
from rkt_excel.guide import CRITERIA_SHEET_HINT, CRITERIA_SHEET_TITLE

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book

HEADERS = (("Kode LKE", 10.0), ("Pertanyaan dan kriteria setiap pilihan jawaban", 82.0),
           ("Baris RKT", 14.0))  # fmt: skip
HEADER_ROW = 3


def write_criteria(book: Book, ws: Any) -> None:
    """Write the Kriteria LKE sheet from the rows placed on the component sheets."""
    f = book.f
    ws.hide_gridlines(2)
    for col, (_, width) in enumerate(HEADERS):
        ws.set_column(col, col, width)
    page_setup(ws, book.page, landscape=False)
    ws.repeat_rows(HEADER_ROW)
    ws.merge_range(0, 0, 0, len(HEADERS) - 1, "", f.title_left)
    ws.write_string(0, 0, CRITERIA_SHEET_TITLE, f.title_left)
    ws.merge_range(1, 0, 1, len(HEADERS) - 1, "", f.hint)
    ws.write_string(1, 0, CRITERIA_SHEET_HINT, f.hint)
    for col, (title, _) in enumerate(HEADERS):
        ws.write_string(HEADER_ROW, col, title, f.header)
    rows: dict[str, list[str]] = {}
    questions: dict[str, Any] = {}
    for placed in book.placed:
        qid = placed.indicator.lke
        if placed.question is None or not qid:
            continue
        questions.setdefault(qid, placed.question)
        rows.setdefault(qid, []).append(placed.indicator.id)
    r = HEADER_ROW + 1
    for qid, question in questions.items():
        criteria = question.criteria.strip() or "\n".join(question.options)
        ws.write_string(r, 0, qid, f.cell)
        ws.write_string(r, 1, f"{question.text.strip()}\n{criteria}".strip(), f.cell)
        ws.write_string(r, 2, "\n".join(rows[qid]), f.cell)
        r += 1
    book.protect(ws)
