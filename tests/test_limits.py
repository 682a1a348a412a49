"""Excel's limits (excel_limits.py): a long sheet continues on more tabs with its header, a long
value of the machine-readable sheet is kept whole, and nothing is lost on the way. The row
limit is patched to a few rows so a small office shows the split.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from programs import needs_libreoffice, soffice_convert
from test_consolidate import consolidate_office, office_plan

import rkt_excel.excel_limits as limits
from rkt_excel.consolidate import Consolidation
from rkt_excel.recap import SHEET_SUMMARY, read_recap, write_recap
from rkt_excel.recap.datasheet import CONTINUED, SHEET_DATA, encode_sheet
from rkt_excel.recap.workbook import LONG_SHEETS, SheetNote
from rkt_excel.template import Plan

ROWS = 7  # the patched limit: a header and six lines per tab


@pytest.fixture(scope="module")
def plan() -> Plan:
    return office_plan()


@pytest.fixture(scope="module")
def office(plan: Plan) -> Consolidation:
    return consolidate_office(plan)


def _grid(ws: Any) -> list[list[Any]]:
    """A sheet's rows without trailing blanks; blank rows (the data sheet's separators, which
    a tab's end may drop) left out."""
    rows = []
    for r in ws.iter_rows(values_only=True):
        row = list(r)
        while row and row[-1] is None:
            row.pop()
        if row:
            rows.append(row)
    return rows


def _pages(wb: Any, name: str) -> list[Any]:
    found = [wb[name]]
    while limits.page_name(name, len(found) + 1) in wb.sheetnames:
        found.append(wb[limits.page_name(name, len(found) + 1)])
    return found


def _joined(wb: Any, name: str) -> list[list[Any]]:
    """A sheet's rows over all its tabs, each tab's repeated head rows dropped."""
    head = LONG_SHEETS[name]
    pages = _pages(wb, name)
    rows = _grid(pages[0])
    for page in pages[1:]:
        grid = _grid(page)
        assert grid[:head] == rows[:head]  # every tab starts with the same header
        rows += grid[head:]
    return rows


@pytest.fixture(scope="module")
def split_and_whole(
    office: Consolidation, plan: Plan, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, list[SheetNote]]:
    out = tmp_path_factory.mktemp("limits")
    whole = write_recap(office, plan, out / "whole.xlsx")
    notes: list[SheetNote] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(limits, "MAX_ROWS", ROWS)
        split = write_recap(office, plan, out / "split.xlsx", notes=notes)
    return split, whole, notes


def test_long_sheets_continue_on_more_tabs_and_lose_nothing(
    split_and_whole: tuple[Path, Path, list[SheetNote]],
) -> None:
    split, whole, notes = split_and_whole
    a = openpyxl.load_workbook(split)
    b = openpyxl.load_workbook(whole)
    split_sheets = {n.sheet for n in notes if len(n.pages) > 1}
    assert {"Rekap Indikator", SHEET_DATA} <= split_sheets
    for name in LONG_SHEETS:
        pages = _pages(a, name)
        assert all(p.max_row <= ROWS for p in pages), name
        assert _joined(a, name) == _grid(b[name]), name  # the same rows, in the same order
        assert (len(pages) > 1) == (name in split_sheets)
    # Every tab of the hidden sheet is hidden; the other sheets are as they were.
    assert {p.sheet_state for p in _pages(a, SHEET_DATA)} == {"hidden"}
    for name in b.sheetnames:
        if name not in LONG_SHEETS and name != SHEET_SUMMARY:
            assert _grid(a[name]) == _grid(b[name]), name
    # Ringkasan says where the rest went.
    summary = [str(v) for row in _grid(a[SHEET_SUMMARY]) for v in row if v]
    assert any("Rekap Indikator (2)" in v and "1.048.576" in v for v in summary)
    # read_recap reads the hidden sheet over its tabs: the same data as unsplit.
    assert dataclasses.replace(read_recap(split), path="") == dataclasses.replace(
        read_recap(whole), path=""
    )


@pytest.mark.programs
@needs_libreoffice
def test_the_split_recap_opens_in_libreoffice_with_every_row(
    split_and_whole: tuple[Path, Path, list[SheetNote]], tmp_path: Path
) -> None:
    split, whole, _ = split_and_whole
    (opened,) = soffice_convert([split], tmp_path / "lo", recalc=False)
    a = openpyxl.load_workbook(opened)
    b = openpyxl.load_workbook(whole)
    for name in LONG_SHEETS:
        if name == SHEET_DATA:
            continue  # LibreOffice keeps hidden sheets; their values are compared above
        assert _joined(a, name) == _grid(b[name]), name


def test_a_value_longer_than_a_cell_is_kept_whole(
    office: Consolidation, plan: Plan, tmp_path: Path
) -> None:
    """completion_by_unit of 4,000 units is JSON far past 32,767 characters: it goes on over
    continuation rows and reads back whole (it used to be cut, and the recap unreadable)."""
    by_unit = {f"U{i:05d}": round(i / 40, 6) for i in range(4000)}
    big = dataclasses.replace(
        office, summary=dataclasses.replace(office.summary, completion_by_unit=by_unit)
    )
    rows = encode_sheet(big)
    assert sum(1 for r in rows if r and r[0] == CONTINUED) >= 2
    assert all(len(v) <= limits.MAX_STRING for r in rows for v in r if isinstance(v, str))
    back = read_recap(write_recap(big, plan, tmp_path / "big.xlsx"))
    assert dict(back.completion_by_unit) == by_unit
