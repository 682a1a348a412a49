"""rkt_excel.textfit against LibreOffice: rows of random Indonesian-like text, sized by
``row_height``, fit when LibreOffice lays them out (its optimal heights) and when it prints
them (no text left out or cut on the pages), and are not much higher than it needs.

Each example is one workbook of many rows (one LibreOffice run per example; it is slow to
start). The margins asserted are those measured with scripts/textfit_margin.py.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pages import RowHeight, inspect_workbooks, needs_uno
from textgen import SPECIAL, WORDS, write_rows

from rkt_excel import textfit
from rkt_excel.textfit import Cell

pytestmark = [pytest.mark.programs, needs_uno]

ROWS = 120
COLUMNS = 6

words = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(SPECIAL),
    st.sampled_from(WORDS).map(str.upper),
    st.builds(lambda w, p: w + p, st.sampled_from(WORDS), st.sampled_from(",.;:")),
)
texts = st.one_of(
    st.lists(st.tuples(words, st.sampled_from(" " * 12 + "\n")), min_size=1, max_size=60).map(
        lambda pairs: "".join(w + sep for w, sep in pairs).rstrip(" ")
    ),
    st.builds(lambda ch, n: ch * n, st.sampled_from("xmW0i"), st.integers(5, 90)),
)
cells = st.tuples(
    st.integers(0, COLUMNS - 1),
    texts,
    st.sampled_from(("Arial", "Calibri")),
    st.sampled_from((7, 8, 9, 10, 11, 12, 14)),
    st.booleans(),
    st.booleans(),
)
widths = st.lists(st.floats(3, 60).map(lambda w: round(w, 2)), min_size=COLUMNS, max_size=COLUMNS)


def paper_extra(cell: Cell) -> float:
    """How much taller than on screen the cell is on paper (0 when not), in points."""
    screen, paper = textfit.libreoffice_heights(cell)
    return max(0.0, paper - screen)


def describe(row: RowHeight, cell: Cell) -> str:
    return f"{row.sheet} row {row.row}: set {row.height_pt}, needs {row.needed_pt}: {cell!r}"


@settings(
    max_examples=3,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each step is a run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    column_widths=widths,
    drawn=st.lists(cells, min_size=ROWS, max_size=ROWS),
)
def test_row_heights_fit_libreoffice(
    column_widths: list[float], drawn: list[tuple[int, str, str, int, bool, bool]]
) -> None:
    placed = [(c, Cell(t, column_widths[c], f, s, b, i)) for c, t, f, s, b, i in drawn]
    # text that needs more than the highest row is cut however high the row: left out here
    placed = [(c, cell) for c, cell in placed if textfit.row_height([cell]) < textfit.MAX_ROW_PT]
    rows = [cell for _, cell in placed]
    with tempfile.TemporaryDirectory(prefix="textfit-") as tmp:
        path = write_rows(Path(tmp) / "rows.xlsx", column_widths, placed)
        layout = inspect_workbooks([path], Path(tmp) / "lo")[path]
    got = {(r.sheet, r.row): r for r in layout.rows}
    low, loose = [], []
    for program in ("libreoffice", "both"):
        for n, cell in enumerate(rows, start=1):
            row = got[program, n]
            if row.needed_pt > textfit.MAX_ROW_PT:  # more than a row can hold: capped
                assert row.height_pt == textfit.MAX_ROW_PT, describe(row, cell)
                continue
            if round(row.height_pt * 20) < round(row.needed_pt * 20):
                low.append(describe(row, cell))
            if program == "both":
                continue  # Excel's taller lines and narrower columns: measured, not bounded
            # within a pixel of what LibreOffice needs on screen or on paper (which can be
            # taller), or (rarely) one line more
            lo_line = textfit.lo_line_pixels(cell.font, cell.size, cell.bold, cell.italic)
            limit = textfit.PX_PT + lo_line * textfit.PX_PT + paper_extra(cell)
            if row.over_pt > limit + 1e-6:
                loose.append(describe(row, cell))
    assert not low, f"{len(low)} rows lower than LibreOffice needs:\n" + "\n".join(low)
    for program in ("libreoffice", "both"):  # and on paper, no line is lost or cut
        printed = layout.sheets[program]
        assert not printed.text_lost, (program, printed.missing_chars, printed.cut_lines)
    assert not loose, f"{len(loose)} rows much higher than needed:\n" + "\n".join(loose)
    tight = [
        got["libreoffice", n].over_pt < textfit.PX_PT + paper_extra(cell)
        for n, cell in enumerate(rows, start=1)
        if got["libreoffice", n].needed_pt <= textfit.MAX_ROW_PT
    ]
    assert sum(tight) >= 0.97 * len(tight)
