"""printsetup.RowFitter: each row as high as its tallest wrapped cell, checked against the plain
rule written out cell by cell (textfit.row_height), over random sheets: wrapped and unwrapped
formats, merged cells over columns and over rows, hidden rows, an autofilter's header row,
blank and whitespace texts, rows with a height of their own."""

from __future__ import annotations

import io
from typing import Any

import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from rkt_excel import printsetup, textfit

WIDTHS = (8.0, 14.0, 30.0)
TEXTS = st.one_of(
    st.sampled_from(["", "  ", "Selesai", "Dalam Proses", "SK-12/2019 WBK/WBBM", "a\nb\nc"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
)


def _height(ws: Any, row: int) -> float:
    info = ws.row_info.get(row)
    px = ws.default_row_height if info is None or info.height is None else info.height
    return float(px) * textfit.PX_PT


def _expected(ws: Any, cells: dict[tuple[int, int], tuple[str, Any]], merges: list, hidden: set,
              own: dict[int, float], header: int | None) -> dict[int, float]:  # fmt: skip
    """Each row's height by the plain rule: the tallest wrapped cell on it, a cell merged over
    columns measured over their widths; one merged over rows grows its last row."""
    first = {(m[0], m[1]): m for m in merges}
    covered = {(r, c) for m in merges for r in range(m[0], m[2] + 1) for c in range(m[1], m[3] + 1)}
    need: dict[int, float] = {}
    tall: list[tuple[int, int, float]] = []
    width: Any
    for (row, col), (text, fmt) in sorted(cells.items()):
        if row in hidden or not fmt.text_wrap or not text.strip():
            continue
        span = first.get((row, col))
        if span is None and (row, col) in covered:
            continue
        if span is None:
            w = (
                WIDTHS[col]
                if header != row
                else max(1.0, WIDTHS[col] - printsetup.AUTOFILTER_BUTTON)
            )
            width, last = w, row
        else:
            shown = tuple(WIDTHS[c] for c in range(span[1], span[3] + 1))
            width, last = (shown if len(shown) > 1 else shown[0]), span[2]
        font = printsetup._font(fmt)
        points = textfit.cell_points(textfit.Cell(text, width, *font))
        if last == row:
            need[row] = max(need.get(row, 0.0), points)
        else:
            tall.append((row, last, points))
    heights = {r: textfit.whole_pixels(p, _height(ws, r)) for r, p in need.items()}
    for r1, r2, points in tall:
        total = textfit.whole_pixels(points)
        have = sum(heights.get(r, _height(ws, r)) for r in range(r1, r2 + 1))
        if total > have:
            heights[r2] = min(textfit.MAX_ROW_PT, heights.get(r2, _height(ws, r2)) + total - have)
    return {r: h for r, h in heights.items() if h > _height(ws, r) + 1e-9 or r not in own}


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.tuples(st.integers(0, 7), st.integers(0, 2)),
        st.tuples(TEXTS, st.integers(0, 2)),
        max_size=20,
    ),
    st.booleans(),
    st.sets(st.integers(0, 7), max_size=2),
    st.dictionaries(st.integers(0, 7), st.sampled_from([15.0, 30.0, 60.0]), max_size=3),
    st.booleans(),
)
def test_row_fitter_follows_the_plain_rule(
    typed: dict[tuple[int, int], tuple[str, int]], merge: bool, hidden: set[int],
    own: dict[int, float], with_filter: bool,
) -> None:  # fmt: skip
    wb = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    formats = [wb.add_format({"text_wrap": True}), wb.add_format({"text_wrap": True, "bold": True,
               "font_size": 12}), wb.add_format({})]  # fmt: skip
    ws = wb.add_worksheet()
    for col, w in enumerate(WIDTHS):
        ws.set_column(col, col, w)
    for row in hidden:
        ws.set_row(row, None, None, {"hidden": True})
    for row, h in own.items():
        if row not in hidden:
            ws.set_row(row, h)
    merges = []
    cells = {key: (text, formats[f]) for key, (text, f) in typed.items()}
    if merge:  # one over columns, one over rows; what they cover holds no cell of its own
        merges = [(0, 0, 0, 1), (3, 2, 5, 2)]
        for r1, c1, r2, c2 in merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    cells.pop((r, c), None)
            ws.merge_range(r1, c1, r2, c2, "Rencana aksi yang panjang sekali " * 3, formats[0])
            cells[(r1, c1)] = ("Rencana aksi yang panjang sekali " * 3, formats[0])
    for (row, col), (text, fmt) in cells.items():
        if (row, col) not in {(m[0], m[1]) for m in merges}:
            ws.write_string(row, col, text, fmt) if text else ws.write_blank(row, col, None, fmt)
    header = None
    if with_filter:
        ws.autofilter(1, 0, 7, 2)
        header = 1
    own_rows = set(ws.row_info)
    expected = _expected(ws, cells, merges, hidden, {r: 0.0 for r in own_rows}, header)
    before = {r: _height(ws, r) for r in range(8)}
    printsetup.fit_rows(ws)
    for row in range(8):
        want = expected.get(row, before[row])
        assert abs(_height(ws, row) - want) < 1e-9, (row, want, _height(ws, row))
    wb.close()
