"""A component sheet (I Manajemen Perubahan ... VI Pelayanan Publik): the RKT table of the
component with the checklist columns a unit fills, their dropdowns and checks.

Owns the component sheets' cells, merged KOMPONEN cells, data validations and
status colours. Addresses come from layout.py, words from guide.py.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xlsxwriter.utility import xl_rowcol_to_cell

from rkt_excel import layout
from rkt_excel.generate.formats import MIN_DATA_ROW_PT, page_setup
from rkt_excel.generate.state import PlacedRow, Question
from rkt_excel.guide import (
    COMPONENT_HINT,
    CRITERIA_SEE,
    NO_ANSWER,
    answer_texts,
    carried_hint,
    validation_texts,
)
from rkt_excel.template import Component, Indicator, SubArea

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book

MAX_COMMENT = 32_000  # below Excel's limit for a comment's text
COMMENT_SIZE = {"x_scale": 3, "y_scale": 5}  # wide and tall enough for the criteria


def bullets(items: tuple[str, ...] | list[str]) -> str:
    """Action or evidence lines as one wrapped cell, each line starting with a bullet."""
    return "\n".join(f"• {item}" for item in items)


def criteria_text(qid: str, question: Question) -> str:
    """The question and the meaning of each answer (the Kriteria LKE sheet, and the comment
    on a KRITERIA JAWABAN LKE cell)."""
    criteria = question.criteria.strip() or "\n".join(question.options)
    return f"LKE {qid}: {question.text.strip()}\n{criteria}".strip()


def criteria_cell(qid: str, question: Question) -> str:
    """The KRITERIA JAWABAN LKE cell: the question and its choices; the criteria of each
    choice are on the Kriteria LKE sheet (and in the cell's comment), so a row is only as
    high as its plan text and the checklist prints legibly (docs/printing.md)."""
    choices = " / ".join(question.options) if question.options else ""
    pick = f"Pilihan: {choices}. " if choices else ""
    return f"LKE {qid}: {question.text.strip()}\n{pick}{CRITERIA_SEE}".strip()


def write_component(
    book: Book, ws: Any, comp: Component, picked: list[tuple[SubArea, Indicator]]
) -> None:
    """Write one component sheet with the rows ``picked`` for this workbook."""
    f, plan = book.f, book.plan
    last_col = len(layout.COLUMNS) - 1
    for i, col in enumerate(layout.COLUMNS):
        ws.set_column(i, i, col.width)
    page_setup(ws, book.page, repeat_header=True)
    # Freeze the titles and header, and ID..INDIKATOR so a row stays readable when
    # scrolling right to the checklist columns.
    ws.freeze_panes(layout.FIRST_DATA_ROW, layout.COL["indikator"] + 1)

    office = plan.office.name + (f" — {book.unit.name}" if book.unit else "")
    titles = (
        (f"{plan.title} Tahun {plan.year}".upper(), f.title_left),
        (office, f.bold),
        (f"{comp.id}. {comp.title or comp.name}".upper(), f.bold),
        (carried_hint(book.carried_label) if book.carried else COMPONENT_HINT, f.hint),
    )  # fmt: skip
    for r, (text, fmt) in enumerate(titles):
        ws.merge_range(r, 0, r, last_col, "", fmt)
        ws.write_string(r, 0, text, fmt)
    ws.set_row(layout.TITLE_ROW, 20)
    ws.set_row(layout.HEADER_ROW, 27)  # two lines at least; printsetup.fit_rows adds more
    for i, col in enumerate(layout.COLUMNS):
        ws.write_string(layout.HEADER_ROW, i, col.header, f.header)

    sheet = ws.get_name()
    r = layout.FIRST_DATA_ROW
    groups: list[tuple[SubArea, int, int]] = []  # sub-area, first row, last row
    for sub, ind in picked:
        if groups and groups[-1][0] is sub:
            groups[-1] = (sub, groups[-1][1], r)
        else:
            groups.append((sub, r, r))
        question = book.questions.get(ind.id)
        book.placed.append(PlacedRow(comp, sub, ind, sheet, r, question))
        _data_row(book, ws, r, ind, question)
        ws.set_row(r, MIN_DATA_ROW_PT)  # room to write by hand; fit_rows raises it to the text
        r += 1
    last_row = r - 1

    for sub, first, last in groups:
        k_no, k_name = layout.COL["no"], layout.COL["komponen"]
        if first == last:
            ws.write_number(first, k_no, sub.no, f.cell_center)
            ws.write_string(first, k_name, sub.name, f.cell)
        else:
            ws.merge_range(first, k_no, last, k_no, "", f.cell_center)
            ws.write_number(first, k_no, sub.no, f.cell_center)
            ws.merge_range(first, k_name, last, k_name, "", f.cell)
            ws.write_string(first, k_name, sub.name, f.cell)

    _validations(book, ws, layout.FIRST_DATA_ROW, last_row)
    book.protect(ws)


def _data_row(book: Book, ws: Any, r: int, ind: Indicator, question: Question | None) -> None:
    """Write one indicator row (not NO/KOMPONEN)."""
    f = book.f
    plan_text = {
        "id": ind.id,
        "indikator": ind.indicator,
        "langkah_aksi": bullets(ind.actions),
        "bukti_fisik": bullets(ind.evidence),
        "target_waktu": ind.target,
        "kriteria": (
            criteria_cell(ind.lke, question)
            if question is not None and ind.lke
            else NO_ANSWER + (f"\n{ind.lke_note}" if ind.lke_note else "")
        ),
    }
    if question is not None and ind.lke:
        full = criteria_text(ind.lke, question)
        ws.write_comment(r, layout.COL["kriteria"], full[:MAX_COMMENT], COMMENT_SIZE)
    for key, text in plan_text.items():
        fmt = f.id_cell if key == "id" else f.cell
        if text:
            ws.write_string(r, layout.COL[key], text, fmt)
        else:  # an empty string would be stored as a text cell ""
            ws.write_blank(r, layout.COL[key], None, fmt)
    inputs = {
        "status": f.input_status,
        "realisasi": f.input_date,
        "capaian": f.input_percent,
        "jawaban": f.input_center if question is not None else f.no_answer,
        "bukti_dukung": f.input_text,
        "keterangan": f.input_text,
    }
    carried = book.carried.get(ind.id, {})
    for key, fmt in inputs.items():
        _input(ws, r, layout.COL[key], carried.get(key), fmt)


def _input(ws: Any, r: int, c: int, value: Any, fmt: Any) -> None:
    """An input cell: blank, or a carried-over value as the unit would have typed it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        ws.write_blank(r, c, None, fmt)
    elif isinstance(value, dt.datetime | dt.date):
        day = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        ws.write_datetime(r, c, day, fmt)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        ws.write_number(r, c, value, fmt)
    else:
        ws.write_string(r, c, str(value), fmt)  # text stays text, never a formula


def _validations(book: Book, ws: Any, first: int, last: int) -> None:
    """Dropdowns and checks on the input columns, with Indonesian prompts and alerts."""
    year = book.plan.year

    def column(key: str, options: dict[str, Any]) -> None:
        c = layout.COL[key]
        ws.data_validation(first, c, last, c, options)

    column("status", {
        "validate": "list", "source": "=" + layout.LIST_NAMES["status"],
        **validation_texts("status", year),
    })  # fmt: skip
    column("realisasi", {
        "validate": "date", "criteria": "between",
        "minimum": dt.date(year, 1, 1), "maximum": dt.date(year, 12, 31),
        **validation_texts("realisasi", year),
    })  # fmt: skip
    column("capaian", {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
        **validation_texts("capaian", year),
    })  # fmt: skip
    for key in ("bukti_dukung", "keterangan"):
        column(key, {
            "validate": "length", "criteria": "<=", "value": 2000,
            **validation_texts(key, year),
        })  # fmt: skip

    # JAWABAN LKE: one validation per answer scale, over every cell with that scale.
    by_type: dict[str, list[str]] = {}
    for placed in book.placed:
        if placed.sheet == ws.get_name() and placed.question is not None:
            cell = xl_rowcol_to_cell(placed.row, layout.COL["jawaban"])
            by_type.setdefault(placed.question.answer_type, []).append(cell)
    for answer_type, cells in sorted(by_type.items()):
        options = answer_validation(answer_type, _bounds(book, answer_type, ws.get_name()))
        options["multi_range"] = " ".join(cells)
        ws.data_validation(cells[0], options)

    # Status colours, so progress shows at a glance.
    c = layout.COL["status"]
    for status, fmt in book.f.status.items():
        ws.conditional_format(first, c, last, c, {
            "type": "cell", "criteria": "==", "value": f'"{status}"', "format": fmt,
        })  # fmt: skip


def _bounds(book: Book, answer_type: str, sheet: str) -> tuple[float | None, float | None]:
    """The common (minimum, maximum) of the sheet's questions of one numeric answer type.

    Validations are grouped by answer type, so differing bounds fall back to the widest.
    """
    found = {
        (p.question.minimum, p.question.maximum)
        for p in book.placed
        if p.sheet == sheet and p.question is not None and p.question.answer_type == answer_type
    }
    return found.pop() if len(found) == 1 else (None, None)


def answer_validation(
    answer_type: str, bounds: tuple[float | None, float | None] = (None, None)
) -> dict[str, Any]:
    """The data validation of a JAWABAN LKE cell for an answer scale.

    ``bounds`` are the question's (minimum, maximum) for number and score answers.
    """
    low = 0 if bounds[0] is None else bounds[0]
    if answer_type in layout.ANSWER_LISTS:
        return {
            "validate": "list",
            "source": "=" + layout.LIST_NAMES[answer_type],
            **answer_texts(answer_type, choices=layout.ANSWER_LISTS[answer_type]),
        }
    if answer_type == "number":
        if bounds[1] is not None:
            limit: dict[str, Any] = {"criteria": "between", "minimum": low, "maximum": bounds[1]}
            words = f"{low:g} sampai {bounds[1]:g}"
        else:
            limit = {"criteria": ">=", "value": low}
            words = f"{low:g} atau lebih"
        return {"validate": "integer", **limit, **answer_texts(answer_type, words)}
    if answer_type == "score":
        high = layout.SCORE_MAX if bounds[1] is None else bounds[1]
        return {
            "validate": "decimal",
            "criteria": "between",
            "minimum": low,
            "maximum": high,
            **answer_texts(answer_type, f"{low:g} sampai {high:g}"),
        }
    raise ValueError(f"unknown LKE answer type {answer_type!r}")
