"""Test helpers shared by every test module: fill a generated form as a person would, read its
hidden metadata, and render a workbook as normalised text for golden snapshots.

Only openpyxl is used here (never rkt_excel's reader), so tests of the reader stay independent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from rkt_excel import layout


@dataclass(frozen=True)
class MetaRow:
    """One line of the metadata row table: where an indicator row sits in the form."""

    row_id: str
    component: str
    sheet: str
    row: int  # 1-based
    lke: str
    answer_type: str


def read_meta(source: str | Path | Workbook) -> tuple[dict[str, str], dict[str, MetaRow]]:
    """The identity key/values and the row table (row id -> MetaRow) of a generated form."""
    wb = source if isinstance(source, Workbook) else openpyxl.load_workbook(source)
    ws = wb[layout.SHEET_META]
    keys: dict[str, str] = {}
    for r in range(1, layout.META_ROWS_HEADER + 1):
        key, value = ws.cell(r, 1).value, ws.cell(r, 2).value
        if key:
            keys[str(key)] = "" if value is None else str(value)
    rows: dict[str, MetaRow] = {}
    r = layout.META_ROWS_HEADER + 2  # 1-based row after the header
    while ws.cell(r, 1).value:
        v = [ws.cell(r, c + 1).value for c in range(len(layout.META_ROW_COLUMNS))]
        d = dict(
            zip(layout.META_ROW_COLUMNS, ("" if x is None else str(x) for x in v), strict=True)
        )
        rows[d["row_id"]] = MetaRow(
            d["row_id"], d["component"], d["sheet"], int(d["row"]), d["lke"], d["answer_type"]
        )
        r += 1
    return keys, rows


def list_choices(wb: Workbook, ws: Worksheet, cell: str) -> tuple[str, ...] | None:
    """The dropdown choices of a cell (resolving a defined name), or None without a list."""
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and cell in dv.sqref:
            formula = str(dv.formula1).lstrip("=")
            if formula.startswith('"'):
                return tuple(formula.strip('"').split(","))
            name = wb.defined_names[formula]
            values: list[str] = []
            for sheet, ref in name.destinations:
                for line in wb[sheet][ref.replace("$", "")]:
                    values.extend(str(c.value) for c in line if c.value is not None)
            return tuple(values)
    return None


def fill_form(
    path: str | Path,
    values: Mapping[str, Mapping[str, Any]],
    *,
    identity: Mapping[str, Any] | None = None,
    out: str | Path | None = None,
    strict: bool = True,
) -> Path:
    """Fill a generated form through openpyxl the way a person would, and save it.

    Args:
        path: a form (or the standard workbook) written by rkt_excel.
        values: row id -> {field key (layout.INPUT_FIELDS) -> value}. Strings for dropdown
            cells are "chosen from the list"; ``datetime.date`` values are typed dates (stored
            as datetimes, keeping the cell's date format); numbers stay numbers.
        identity: Identitas field key (layout.IDENTITY_FIELDS) -> value, e.g.
            ``{"nama_pengisi": "Ani", "nip": "198501012010011001"}``.
        out: where to save (default: over ``path``).
        strict: when True (a careful person), refuse a value a dropdown does not offer or a
            locked cell, raising ValueError. Set False to paste anything anywhere, as people
            do when they copy from another file (the validations stay, as a paste would
            leave them in these tests).

    Returns:
        The path saved. Cell styles, validations, protection and metadata are kept.
    """
    wb = openpyxl.load_workbook(path)
    _, rows = read_meta(wb)
    for row_id, fields in values.items():
        if row_id not in rows:
            raise KeyError(f"row {row_id!r} is not in this form")
        where = rows[row_id]
        ws = wb[where.sheet]
        for key, value in fields.items():
            if key not in layout.COL:
                raise KeyError(f"unknown field {key!r}; known: {', '.join(layout.INPUT_FIELDS)}")
            cell = ws.cell(where.row, layout.COL[key] + 1)
            _type(wb, ws, cell, value, strict)
    for key, value in (identity or {}).items():
        ws = wb[layout.SHEET_IDENTITY]
        cell = ws.cell(layout.IDENTITY_ROW[key] + 1, 2)
        _type(wb, ws, cell, value, strict)
    target = Path(out) if out is not None else Path(path)
    wb.save(target)
    return target


def _type(wb: Workbook, ws: Worksheet, cell: Any, value: Any, strict: bool) -> None:
    if strict:
        if cell.protection.locked:
            raise ValueError(f"{ws.title}!{cell.coordinate} is locked")
        choices = list_choices(wb, ws, cell.coordinate)
        if choices is not None and value is not None and str(value) not in choices:
            raise ValueError(f"{value!r} is not offered in {ws.title}!{cell.coordinate}: {choices}")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())  # Excel stores a typed date as a datetime
    cell.value = value


# --- golden snapshots ------------------------------------------------------------------------


def snapshot(path: str | Path) -> str:
    """A normalised text rendering of a workbook for golden files.

    Covers sheets (order, state, protection, panes, print setup), every cell with a value
    (with its number format when not General and "unlocked" when unlocked), merged ranges,
    data validations, conditional formats, defined names, document and custom properties.
    Left out, on purpose: styles other than number format and lock (colours and fonts are
    reviewed by eye), row heights and column widths (estimates; width is checked by tests).
    """
    wb = openpyxl.load_workbook(path)
    out: list[str] = []
    props = wb.properties
    out.append("[properties]")
    for name in ("title", "subject", "creator", "keywords", "category", "description"):
        out.append(f"{name}: {getattr(props, name)!r}")
    # openpyxl reads the created date back as a naive datetime; xlsxwriter wrote it as UTC.
    out.append(f"created: {props.created.isoformat() if props.created else None}")
    out.append("[custom properties]")
    for prop in sorted(wb.custom_doc_props.props, key=lambda p: p.name):
        out.append(f"{prop.name}: {prop.value!r}")
    out.append("[defined names]")
    for name in sorted(wb.defined_names):
        out.append(f"{name}: {wb.defined_names[name].attr_text}")
    for ws in wb.worksheets:
        out.append(f"[sheet {ws.title}]")
        out.extend(_sheet_lines(ws))
    return "\n".join(out) + "\n"


def _sheet_lines(ws: Worksheet) -> list[str]:
    lines = [f"state: {ws.sheet_state}"]
    p = ws.protection
    lines.append(
        f"protection: sheet={p.sheet} password={'yes' if p.password else 'no'} "
        f"formatColumns={p.formatColumns} formatRows={p.formatRows}"
    )
    lines.append(f"freeze: {ws.freeze_panes}")
    ps = ws.page_setup
    lines.append(
        f"print: paper={ps.paperSize} orientation={ps.orientation} fitToWidth={ps.fitToWidth} "
        f"fitToHeight={ps.fitToHeight} fitToPage={ws.sheet_properties.pageSetUpPr.fitToPage} "
        f"titles={ws.print_title_rows}"
    )
    lines.append(f"footer: {ws.oddFooter.left.text!r} | {ws.oddFooter.right.text!r}")
    lines.append("merged: " + " ".join(sorted(str(r) for r in ws.merged_cells.ranges)))
    for dv in sorted(ws.data_validations.dataValidation, key=lambda d: str(d.sqref)):
        lines.append(
            f"validation {dv.sqref}: type={dv.type} operator={dv.operator} "
            f"formula1={dv.formula1} formula2={dv.formula2} allowBlank={dv.allow_blank} "
            f"prompt={dv.promptTitle!r}:{dv.prompt!r} error={dv.errorTitle!r}:{dv.error!r}"
        )
    for rng in sorted(ws.conditional_formatting, key=lambda c: str(c.sqref)):
        for rule in rng.rules:
            lines.append(f"conditional {rng.sqref}: {rule.type} {rule.operator} {rule.formula}")
    for row in ws.iter_rows():
        for cell in row:
            unlocked = cell.protection is not None and not cell.protection.locked
            if cell.value is None and not unlocked:
                continue
            extra = []
            if cell.number_format != "General":
                extra.append(f"fmt={cell.number_format}")
            if unlocked:
                extra.append("unlocked")
            suffix = f"  [{' '.join(extra)}]" if extra else ""
            lines.append(f"{cell.coordinate}: {cell.value!r}{suffix}")
    return lines


def column_letter(key: str) -> str:
    """The column letter of a component-sheet field (layout.COL key)."""
    return get_column_letter(layout.COL[key] + 1)
