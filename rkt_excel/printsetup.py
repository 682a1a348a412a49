"""How every sheet of every workbook prints, and rows as high as their wrapped text.

Owns the one print setup the writers share (``Page`` and ``setup``: paper A4 or F4/Folio,
orientation, fit to the page width, repeated header rows, margins, the header with office,
period and sheet and the footer "Halaman x dari y"), and ``fit_rows``: after a worksheet is
written, every non-empty wrapped cell gets a row at least as high as textfit says its text
needs in its column width and font (LibreOffice and Gnumeric do not fit the rows of a file they
open, and Excel does not fit rows of a written file). Used by generate/, recap/ and the
roll-up (xlsxwriter worksheets, whose cell table it reads back: xlsxwriter 3.3's ``table``,
``col_info``, ``row_info`` and ``merge``), and by annotate (openpyxl, ``openpyxl_setup``).
Imports no spreadsheet library itself.

Paper sizes are Excel's paper codes (xlsxwriter ``set_paper``, ECMA-376 §18.3.1.63): 9 is A4
(210 x 297 mm); 14 is Folio (8.5 x 13 in, 215.9 x 330.2 mm), which Indonesian offices call F4
(215 x 330 mm).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rkt_excel import textfit
from rkt_excel.textfit import Cell

try:  # the cell record of an xlsxwriter text cell (RowFitter's fast path; _cell_text otherwise)
    from xlsxwriter.worksheet import CellStringTuple as _STRING
except ImportError:  # pragma: no cover - an xlsxwriter without it
    _STRING = None

PAPERS: dict[str, int] = {"a4": 9, "f4": 14}
PAPER_CHOICES: tuple[str, ...] = tuple(PAPERS)
DEFAULT_PAPER = "a4"
PAGE_OF = "Halaman &P dari &N"
MAX_HEADER = 255  # Excel's limit for a header or footer, codes included
DEFAULT_COLUMN_WIDTH = 8.43  # a column set to nothing (Calibri 11)
_FONT_SIZE = 10  # header and footer text (at a 72 % print scale still 7.2 pt)
AUTOFILTER_BUTTON = 3.0  # column width LibreOffice keeps for an autofilter button (~21 px)


@dataclass(frozen=True)
class Page:
    """What every printed page of a workbook says and the paper it is printed on."""

    paper: str = DEFAULT_PAPER  # "a4" or "f4"
    office: str = ""  # the header's left: the office (and unit)
    period: str = ""  # the header's centre: the period or year

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")


def _code_text(text: str, limit: int) -> str:
    """Text for a header section: '&' doubled (it starts a code), cut to ``limit``."""
    text = " ".join(text.split())[:limit]
    return text.replace("&", "&&")


def header_text(page: Page) -> str:
    """The header: office left, period centre, sheet name right."""
    left = f"&L&{_FONT_SIZE}{_code_text(page.office, 120)}" if page.office else ""
    centre = f"&C&{_FONT_SIZE}{_code_text(page.period, 90)}" if page.period else ""
    return f"{left}{centre}&R&{_FONT_SIZE}&A"[:MAX_HEADER]


def footer_text() -> str:
    """The footer: "Halaman x dari y" in the centre."""
    return f"&C&{_FONT_SIZE}{PAGE_OF}"


def setup(
    ws: Any,
    page: Page,
    *,
    landscape: bool = True,
    fit_width: bool = True,
    repeat_rows: int | tuple[int, int] | None = None,
    print_area: tuple[int, int, int, int] | None = None,
    narrow: bool = False,
) -> None:
    """The print setup of one xlsxwriter worksheet.

    ``repeat_rows`` (a 0-based row, or first and last) print on every page; ``print_area``
    (first row, first column, last row, last column) limits what prints; ``narrow`` takes
    smaller side margins (0.25 in) for a wide table.
    """
    ws.set_paper(PAPERS[page.paper])
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if fit_width:
        ws.fit_to_pages(1, 0)
    side = 0.25 if narrow else 0.4
    ws.set_margins(left=side, right=side, top=0.65, bottom=0.6)
    ws.set_header(header_text(page), {"margin": 0.25})
    ws.set_footer(footer_text(), {"margin": 0.25})
    if repeat_rows is not None:
        first, last = (repeat_rows, repeat_rows) if isinstance(repeat_rows, int) else repeat_rows
        ws.repeat_rows(first, last)
    if print_area is not None:
        ws.print_area(*print_area)


def openpyxl_setup(
    ws: Any, page: Page, *, landscape: bool = True, repeat_rows: str | None = None
) -> None:
    """The same print setup on an openpyxl worksheet (the annotated copy): one page wide;
    ``repeat_rows`` as openpyxl takes it ("1:1")."""
    ws.page_setup.paperSize = PAPERS[page.paper]
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.65, 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.oddHeader.left.text = _code_text(page.office, 120)
    ws.oddHeader.left.size = _FONT_SIZE
    ws.oddHeader.center.text = _code_text(page.period, 90)
    ws.oddHeader.center.size = _FONT_SIZE
    ws.oddHeader.right.text = "&A"
    ws.oddHeader.right.size = _FONT_SIZE
    ws.oddFooter.center.text = PAGE_OF
    ws.oddFooter.center.size = _FONT_SIZE
    if repeat_rows:
        ws.print_title_rows = repeat_rows


# --- row heights ------------------------------------------------------------------------------


def _font(fmt: Any) -> tuple[str, float, bool, bool]:
    name = getattr(fmt, "font_name", "Calibri") or "Calibri"
    try:
        textfit.font_family(name)
    except ValueError:
        name = "Arial"
    size = float(getattr(fmt, "font_size", 11) or 11)
    return name, size, bool(getattr(fmt, "bold", 0)), bool(getattr(fmt, "italic", 0))


def _cell_text(ws: Any, cell: Any, strings: list[str] | None) -> tuple[str, list[str] | None]:
    kind = cell.__class__.__name__
    if kind == "String":
        if isinstance(cell.string, str):  # a constant-memory sheet keeps the text itself
            return cell.string, strings
        if strings is None:
            table = ws.str_table.string_table
            strings = sorted(table, key=table.__getitem__)
        return strings[cell.string], strings
    if kind == "RichString":
        return "", strings  # not written by this project
    if kind == "Formula" and isinstance(cell.value, str):
        return cell.value, strings
    return "", strings


def column_width(ws: Any, col: int) -> float | None:
    """The ``set_column`` width of a column of an xlsxwriter worksheet (None when hidden).

    xlsxwriter 3.3 keeps a column's width in pixels (``set_column`` converts); this is the
    width that gives those pixels (textfit.column_pixels)."""
    info = ws.col_info.get(col)
    if info is None:
        return DEFAULT_COLUMN_WIDTH
    if info.hidden:
        return None
    px = info.width
    if px is None:
        return DEFAULT_COLUMN_WIDTH
    full = textfit.MAX_DIGIT_PX + textfit.COLUMN_PADDING_PX
    pixels = float(px)
    return (
        pixels / full
        if pixels < full
        else (pixels - textfit.COLUMN_PADDING_PX) / textfit.MAX_DIGIT_PX
    )


def fit_rows(ws: Any, *, minimum: float = 0.0) -> None:
    """Raise every row of a written xlsxwriter worksheet that holds wrapped text to the height
    textfit.row_height gives it (a row's height is never lowered; ``minimum`` for rows of
    wrapped text). A cell merged over columns of one row counts their widths together; a cell
    merged over several rows grows the last of them."""
    RowFitter(ws, minimum=minimum).fit()


class RowFitter:
    """``fit_rows`` for one worksheet, keeping what does not change from row to row (column
    widths, merged ranges, the filter's header row, each format's font): a constant-memory
    sheet calls it for every row it writes out (recap/streaming.py)."""

    REMEMBERED = 50_000  # cells' points kept by ``_points`` (bounded: a long sheet's unique texts)

    def __init__(self, ws: Any, *, minimum: float = 0.0) -> None:
        self.ws = ws
        self.minimum = minimum
        self.widths: dict[int, float | None] = {}
        self.fonts: dict[int, tuple[str, float, bool, bool]] = {}  # per format object
        self.wraps: dict[int, bool] = {}  # per format object: does it wrap its text
        self.strings: list[str] | None = None
        # (width, format, text) -> the points that cell needs (``_points``)
        self.points: dict[tuple[float | tuple[float, ...], int, str], float] = {}
        self._merges = -1
        self.merged_first: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        self.covered: set[tuple[int, int]] = set()
        self._filter = ""
        self.button_row, self.button_cols = -1, range(0)

    def __call__(self, ws: Any) -> None:
        """Fit the rows the worksheet holds now (streaming.py's hook)."""
        self.fit()

    def _refresh(self) -> None:
        ws = self.ws
        if len(ws.merge) != self._merges:
            self._merges = len(ws.merge)
            self.merged_first.clear()
            self.covered.clear()
            for r1, c1, r2, c2 in ws.merge:
                self.merged_first[r1, c1] = (r1, c1, r2, c2)
                self.covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        area = getattr(ws, "autofilter_area", "")
        if area != self._filter:
            # LibreOffice leaves room for the autofilter's button in the header cells.
            self._filter = area
            self.button_row, self.button_cols = -1, range(0)
            if area:
                self.button_row = _filter_row(ws)
                self.button_cols = range(ws.filter_range[0], ws.filter_range[1] + 1)

    def _width(self, col: int) -> float | None:
        if col not in self.widths:
            self.widths[col] = column_width(self.ws, col)
        return self.widths[col]

    def _points(self, text: str, width: float | tuple[float, ...], fmt: Any) -> float:
        """The points a wrapped cell needs (textfit.cell_points), remembered per text, width
        and format: a recap repeats its texts."""
        key = (width, id(fmt), text)
        got = self.points.get(key)
        if got is None:
            font = self.fonts.get(id(fmt))
            if font is None:
                font = self.fonts[id(fmt)] = _font(fmt)
            if len(self.points) >= self.REMEMBERED:
                self.points.clear()
            got = self.points[key] = textfit.cell_points(Cell(text, width, *font))
        return got

    def fit(self) -> None:
        """Fit every row of the worksheet's cell table."""
        ws = self.ws
        self._refresh()
        merged_first, covered, width = self.merged_first, self.covered, self._width
        button_row, button_cols = self.button_row, self.button_cols
        need: dict[int, float] = {}  # row -> the points its tallest cell needs
        tall: list[tuple[int, int, float]] = []  # cells merged over rows: first, last, points
        wraps, remembered, row_info = self.wraps, self.points, ws.row_info
        for row, cells in ws.table.items():
            info = row_info.get(row)
            if info is not None and info.hidden:
                continue
            tallest, found = 0.0, False
            for col, cell in cells.items():
                fmt = cell.format
                if fmt is None:
                    continue
                fmt_id = id(fmt)
                wraps_text = wraps.get(fmt_id)
                if wraps_text is None:
                    wraps_text = wraps[fmt_id] = bool(getattr(fmt, "text_wrap", 0))
                if not wraps_text:
                    continue
                if cell.__class__ is _STRING and cell.string.__class__ is str:
                    text = cell.string  # a constant-memory sheet's text (most cells)
                else:
                    text, self.strings = _cell_text(ws, cell, self.strings)
                if not text or text.isspace():
                    continue
                span = merged_first.get((row, col)) if merged_first else None
                if span is None:
                    if covered and (row, col) in covered:
                        continue
                    w = width(col)
                    if w is None or w <= 0:
                        continue
                    if row == button_row and col in button_cols:
                        w = max(1.0, w - AUTOFILTER_BUTTON)
                    cell_width: float | tuple[float, ...] = w
                    last_row = row
                else:
                    shown = tuple(x for c in range(span[1], span[3] + 1) if (x := width(c)))
                    if not shown:
                        continue
                    cell_width = shown if len(shown) > 1 else shown[0]
                    last_row = span[2]
                points = remembered.get((cell_width, fmt_id, text))
                if points is None:
                    points = self._points(text, cell_width, fmt)
                if last_row == row:
                    found = True
                    if points > tallest:
                        tallest = points
                else:
                    tall.append((row, last_row, points))
            if found:
                need[row] = tallest
        heights: dict[int, float] = {}
        for row, needed in need.items():
            heights[row] = textfit.whole_pixels(needed, max(self.minimum, _height(ws, row)))
        for first, last, points in tall:
            total = textfit.whole_pixels(points)
            have = sum(heights.get(r, _height(ws, r)) for r in range(first, last + 1))
            if total > have:
                heights[last] = min(
                    textfit.MAX_ROW_PT, heights.get(last, _height(ws, last)) + total - have
                )
        for row, height in sorted(heights.items()):
            if height > _height(ws, row) + 1e-9 or row not in ws.row_info:
                _set_height(ws, row, height)


def _filter_row(ws: Any) -> int:
    """The header row of the worksheet's autofilter (xlsxwriter keeps its A1 range)."""
    first = ws.autofilter_area.split(":")[0].split("!")[-1]
    digits = "".join(ch for ch in first if ch.isdigit())
    return int(digits) - 1 if digits else -1


def _height(ws: Any, row: int) -> float:
    """A row's height in points (xlsxwriter 3.3 keeps pixels)."""
    info = ws.row_info.get(row)
    px = ws.default_row_height if info is None or info.height is None else info.height
    return float(px) * textfit.PX_PT


def _set_height(ws: Any, row: int, height: float) -> None:
    info = ws.row_info.get(row)
    if info is None:
        ws.set_row(row, height)
    else:
        options = {"hidden": info.hidden, "level": info.level, "collapsed": info.collapsed}
        ws.set_row(row, height, info.row_format, options)


def fit_workbook(worksheets: Iterable[Any]) -> None:
    """``fit_rows`` on every visible worksheet (hidden data sheets are left as they are). A
    constant-memory sheet keeps only its last row: it fits its rows as it writes them
    (recap/streaming.py)."""
    for ws in worksheets:
        if not getattr(ws, "hidden", 0) and not getattr(ws, "constant_memory", False):
            fit_rows(ws)


__all__ = [
    "DEFAULT_PAPER",
    "PAPERS",
    "PAPER_CHOICES",
    "Page",
    "RowFitter",
    "column_width",
    "fit_rows",
    "fit_workbook",
    "footer_text",
    "header_text",
    "openpyxl_setup",
    "setup",
]
