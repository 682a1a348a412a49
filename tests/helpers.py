"""Test helpers shared by every test module: fill a generated form as a person would, read its
hidden metadata (both in rkt_excel.simulate), and render a workbook as normalised text for
golden snapshots.

Only openpyxl is used here (never rkt_excel's reader), so tests of the reader stay independent.
Also: ``ctrl_c_as_at_a_terminal`` for the child processes the interrupt tests signal.
"""

from __future__ import annotations

import signal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rkt_excel import layout
from rkt_excel.layout import MetaRow
from rkt_excel.simulate import fill_form, list_choices, read_meta

__all__ = ["MetaRow", "column_letter", "fill_form", "list_choices", "read_meta", "snapshot"]


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


def ctrl_c_as_at_a_terminal() -> None:
    """For a child process: SIGINT as a program started at a terminal has it. A shell that
    starts the tests in the background (``pytest &``) ignores SIGINT for them, and a program
    started with SIGINT ignored keeps it ignored, so Ctrl+C would never reach the child; a
    blocked signal would wait, the same."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
