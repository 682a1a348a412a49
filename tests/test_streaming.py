"""recap/streaming.py: the fast cell paths write the XML xlsxwriter's own code writes.

Each case writes the same cells twice, through ``put_string``/``put_number``/``put_blank`` with
the fast paths on, and with them off (``fast = False``: xlsxwriter's write methods and row
writer for every cell), and compares every part of the two packages byte for byte.
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from test_consolidate import consolidate_office, office_plan

from rkt_excel.recap import write_recap
from rkt_excel.recap.streaming import SHARED, StreamingWorksheet

Cell = tuple[int, int, Any, int | None]  # row, col, value (str, number or None), format


class _Generic(StreamingWorksheet):
    fast = False


def _book(cells: list[Cell], cls: type, extra: bool) -> dict[str, bytes]:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    wb.set_properties({"created": datetime(2024, 1, 1)})  # not the clock: the packages compare
    formats = [wb.add_format({"bold": True}), wb.add_format({"num_format": "0.0"}), None]
    wb.constant_memory = True
    ws = wb.add_worksheet("S", worksheet_class=cls)
    wb.constant_memory = False
    if extra:
        ws.set_row(2, 30)  # a row with its own height, and one with a format
        ws.set_row(4, None, formats[0])
    for row, col, value, f in cells:
        fmt = formats[f] if f is not None else None
        if isinstance(value, str):
            ws.put_string(row, col, value, fmt)
        elif value is None:
            ws.put_blank(row, col, fmt)
        else:
            ws.put_number(row, col, value, fmt)
        if extra and row == 3 and col == 0:
            ws.write_formula(row, 5, "=1+1", fmt, 2)  # a cell only xlsxwriter writes
    ws.flush()
    wb.close()
    if not ws.row_data_fh.closed:  # an empty sheet's: xlsxwriter leaves it behind
        ws.row_data_fh.close()
        os.unlink(ws.row_data_filename)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _same(cells: list[Cell], extra: bool = False) -> None:
    fast = _book(cells, StreamingWorksheet, extra)
    generic = _book(cells, _Generic, extra)
    assert fast.keys() == generic.keys()
    for name in fast:
        assert fast[name] == generic[name], name


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
)  # any character, control characters and "<&>" included
_VALUE = st.one_of(
    _TEXT,
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 30), st.integers(0, 8), _VALUE, st.one_of(st.none(), st.integers(0, 2))
        ),
        max_size=60,
    ),
    st.booleans(),
)
def test_fast_paths_write_what_xlsxwriter_writes(raw: list[Cell], extra: bool) -> None:
    # Rows in order, as a streamed sheet is written; a later write to a cell replaces it.
    cells = sorted(raw, key=lambda c: c[0])
    _same(cells, extra)


def test_edges_take_xlsxwriter_s_path() -> None:
    """A text longer than half of Excel's limit, a cell in a row already written out, and a
    cell past the last column go through xlsxwriter (truncated, refused): the same result."""
    long_text = "x" * 20_000 + "\U0001f600" * 7_000  # over 32,767 UTF-16 units
    _same([(0, 0, long_text, 0), (1, 0, "a", 0), (0, 1, "late", 0), (2, 16_384, "far", 0)])


def test_the_fast_paths_are_on() -> None:
    """The xlsxwriter installed has what the fast paths rely on (else the sheet works, only
    slower, and this says so)."""
    assert SHARED


def test_recap_unchanged_by_the_fast_paths(tmp_path: Path, monkeypatch: Any) -> None:
    """A whole recap (every sheet, links, cut texts, hostile values): byte-identical with the
    fast paths off."""
    plan = office_plan()
    write_recap(consolidate_office(plan), plan, tmp_path / "fast.xlsx")
    monkeypatch.setattr(StreamingWorksheet, "fast", False)
    write_recap(consolidate_office(plan), plan, tmp_path / "generic.xlsx")
    assert (tmp_path / "fast.xlsx").read_bytes() == (tmp_path / "generic.xlsx").read_bytes()


def test_rows_written_out_leave_no_record_behind() -> None:
    """Memory stays flat: set_row's records of a row go once the row is written out, except
    the sizes a chart's position needs on a sheet that has one."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    fmt = wb.add_format({"text_wrap": True})
    sheets = []
    for name, chart in (("plain", False), ("chart", True)):
        wb.constant_memory = True
        ws = wb.add_worksheet(name, worksheet_class=StreamingWorksheet)
        wb.constant_memory = False
        if chart:
            c = wb.add_chart({"type": "line"})
            c.add_series({"values": [name, 0, 1, 5, 1]})
            ws.insert_chart(0, 3, c)
        for row in range(1_000):
            ws.set_row(row, 20 + row % 7)
            ws.put_number(row, 1, row, fmt)
        ws.flush()
        sheets.append(ws)
    plain, charted = sheets
    assert len(plain.row_info) <= 1 and len(plain.row_sizes) <= 1
    assert len(charted.row_info) <= 1 and len(charted.row_sizes) == 1_000
    wb.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert xml.count('customHeight="1"') == 1_000  # every height was still written
