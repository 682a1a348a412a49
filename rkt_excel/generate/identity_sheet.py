"""The Identitas sheet of a unit's form: the unit (filled in, locked) and who fills the form.

Owns the Identitas sheet; the labels and rows are layout.py's, the hints guide.py's.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rkt_excel import layout
from rkt_excel.generate.formats import page_setup
from rkt_excel.guide import IDENTITY_TITLE, identity_hints, identity_validation_texts
from rkt_excel.units import Unit

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book


def write_identity(book: Book, ws: Any, unit: Unit) -> None:
    """Write the Identitas sheet of ``unit``'s form."""
    f, year = book.f, book.plan.year
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 2, 52)
    page_setup(ws, book.page, landscape=False)
    ws.merge_range(0, 0, 0, 2, "", f.title_left)
    ws.write_string(0, 0, IDENTITY_TITLE, f.title_left)
    ws.merge_range(1, 0, 1, 2, "", f.wrap)
    ws.write_string(1, 0, f"{book.plan.office.name} — RKT Zona Integritas Tahun {year}", f.wrap)
    prefilled = {"unit_code": unit.code, "unit_name": unit.name}
    hints = identity_hints(year, unit.name)
    for field in layout.IDENTITY_FIELDS:
        r = layout.IDENTITY_ROW[field.key]
        ws.set_row(r, 22)
        ws.write_string(r, 0, field.label, f.label)
        ws.write_string(r, 2, hints.get(field.key, ""), f.hint)
        if not field.input:
            ws.write_string(r, 1, prefilled.get(field.key, ""), f.locked_value)
            continue
        texts = identity_validation_texts(field.label, field.key, year, hints.get(field.key, ""))
        if field.key == "nip":
            # Text, not a number: 18 digits exceed Excel's 15 significant digits.
            ws.write_blank(r, 1, None, f.input_text)
            rule: dict[str, Any] = {"validate": "length", "criteria": "==", "value": 18}
        elif field.key == "tanggal_pengisian":
            ws.write_blank(r, 1, None, f.input_date)
            rule = {
                "validate": "date", "criteria": "between",
                "minimum": dt.date(year, 1, 1), "maximum": dt.date(year + 1, 12, 31),
            }  # fmt: skip
        else:
            ws.write_blank(r, 1, None, f.input_text)
            rule = {"validate": "length", "criteria": "between", "minimum": 1, "maximum": 200}
        ws.data_validation(r, 1, r, 1, {**rule, **texts})
    ws.activate()  # a unit's form opens on the sheet they fill first
    book.protect(ws)
