"""How the recap and the roll-up write a cell: the workbook options, the shared formats and
``Sheet`` (put / link / header / table), through which every value of a recap sheet goes.

Owns the safety of writing user text (always ``write_string``, never a formula or a link by
accident; Excel's limits on text and hyperlinks) and the look shared by the sheets. Works on
the xlsxwriter objects it is given but imports no spreadsheet library; knows no sheet's layout.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from rkt_excel import printsetup
from rkt_excel.excel_limits import MAX_LINKS, MAX_STRING, MAX_URL, rows_per_sheet
from rkt_excel.issues import render_message
from rkt_excel.printsetup import Page
from rkt_excel.recap.labels import NO, YES
from rkt_excel.recap.streaming import StreamingWorksheet
from rkt_excel.safe_text import plain_value

WORKBOOK_OPTIONS: dict[str, Any] = {
    # User text must never become a formula or a link by accident (see STYLE.md).
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": False,
    "remove_timezone": True,
}
LINK_SCHEMES = ("http", "https", "mailto")

# The formats every recap sheet starts from (the LKE sheet too: see lke_sheet.formats).
BASE_FORMAT: dict[str, Any] = {
    "font_name": "Arial",
    "font_size": 9,
    "valign": "top",
    "text_wrap": True,
    "border": 1,
}
HEADING_FORMATS: dict[str, dict[str, Any]] = {
    "title": {"font_name": "Arial", "bold": True, "font_size": 13},
    "subtitle": {"font_name": "Arial", "italic": True, "font_size": 9},
    "header": {**BASE_FORMAT, "bold": True, "align": "center", "bg_color": "#D9E1F2"},
}


def is_missing(value: Any) -> bool:
    """True for None, NaT and non-finite floats: what a cell leaves blank."""
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return not math.isfinite(float(value))
    return False


def link_target(url: Any) -> str | None:
    """``url`` when it is an http(s) or mailto link Excel can open; else None."""
    if not isinstance(url, str):
        return None
    target = url.strip()
    # Stripped, so a whitespace character inside splits it (str.split's whitespace is
    # str.isspace's): the same test as any(ch.isspace() ...), in C.
    if not target or len(target) > MAX_URL or len(target.split()) != 1:
        return None
    parts = urlsplit(target)
    if parts.scheme.lower() not in LINK_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return target


def cell_text(value: Any) -> str:
    """Text for a cell: dates as ISO, everything else str(); cut to Excel's limit."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)[:MAX_STRING]


def pct(value: float | None) -> float | None:
    """A percentage as the recap stores it: rounded to 6 places (None stays None)."""
    return None if value is None else round(value, 6)


def created(as_of: dt.date) -> dt.datetime:
    """The document date of a recap: from the as-of date, never the clock (same inputs, same
    bytes)."""
    return dt.datetime.combine(as_of, dt.time(12, 0))


def series(
    sheet: str, name: str | list[Any], first: int, last: int, col: int, color: str
) -> dict[str, Any]:
    """A chart series: rows ``first``..``last`` of column ``col`` against column A's labels.

    ``name`` is the series name, or [sheet, row, col] of the cell holding it.
    """
    return {
        "name": name,
        "categories": [sheet, first, 0, last, 0],
        "values": [sheet, first, col, last, col],
        "fill": {"color": color},
    }


def formats(wb: Any) -> dict[str, Any]:
    """The named formats of the recap sheets and the roll-up, added to ``wb``.

    ``Sheet.put`` picks "<style>_number" for numbers and "<style>_date" for dates when the
    style has one.
    """
    base = BASE_FORMAT
    specs: dict[str, dict[str, Any]] = {
        "title": HEADING_FORMATS["title"],
        "subtitle": HEADING_FORMATS["subtitle"],
        "section": {"font_name": "Arial", "bold": True, "font_size": 10, "bg_color": "#DDEBF7"},
        "label": {**base, "bold": True},
        "header": HEADING_FORMATS["header"],
        "text": base,
        "text_number": base,  # General: a number shows as typed ("0.##" would print "100.")
        "text_date": {**base, "num_format": "[$-421]d mmmm yyyy"},
        "date": {**base, "num_format": "[$-421]d mmmm yyyy"},
        "percent": {**base, "num_format": "0.0"},
        "percent_number": {**base, "num_format": "0.0"},
        "score": {**base, "num_format": "0.00"},
        "score_number": {**base, "num_format": "0.00"},
        "invalid": {**base, "bg_color": "#FFC7CE", "font_color": "#9C0006"},
        "invalid_number": {**base, "bg_color": "#FFC7CE", "font_color": "#9C0006"},
        "invalid_date": {
            **base,
            "bg_color": "#FFC7CE",
            "font_color": "#9C0006",
            "num_format": "[$-421]d mmmm yyyy",
        },
        "late": {**base, "bg_color": "#FCE4D6"},
        "line": {**base, "text_wrap": False},  # one line, not wrapped (its row stays low)
        "link": {**base, "font_color": "#0563C1", "underline": 1},
        "prose": {
            "font_name": "Arial",
            "italic": True,
            "font_size": 9,
            "text_wrap": True,
            "valign": "top",
        },  # a paragraph of explanation over several columns
        "input": {**base, "locked": False, "bg_color": "#FFF2CC"},  # a cell people fill
        "input_number": {**base, "locked": False, "bg_color": "#FFF2CC"},
        "data": {},
        "data_number": {},
    }
    return {name: wb.add_format(spec) for name, spec in specs.items()}


# Column width of a unit code on every recap sheet: an 11-letter code ("INTALTUSKIM") on one
# line in the body font.
UNIT_CODE_WIDTH = 12

NewPage = Callable[[int], Any]  # page number (2, 3, ...) -> a new worksheet


Writers = tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]


def _writers(ws: Any) -> Writers:
    """(text, number, blank) writers of ``ws``: a streamed sheet's fast paths
    (streaming.StreamingWorksheet), else xlsxwriter's own; the same cells either way."""
    if ws.__class__ is StreamingWorksheet:
        return ws.put_string, ws.put_number, ws.put_blank
    return ws.write_string, ws.write_number, lambda r, c, f: ws.write_blank(r, c, None, f)


class Sheet:
    """A worksheet and the recap's formats; every write goes through ``put``.

    With ``more`` the sheet is a table that may pass Excel's row limit (limits.MAX_ROWS): a
    row past it goes to a continuation worksheet ``more(2)``, ``more(3)``, ... (its "pages"),
    each starting with the first ``head_rows`` rows again (the header, via ``header``), with
    the same column widths, print setup, frozen panes and filter. Rows are numbered as if the
    sheet had no limit; ``pages`` and ``cut`` (cells whose text was cut at MAX_STRING) say
    what happened. ``page`` is the paper, office and period every printed page carries.
    """

    def __init__(
        self,
        ws: Any,
        fmt: Mapping[str, Any],
        page: Page | None = None,
        *,
        more: NewPage | None = None,
        head_rows: int = 1,
    ) -> None:
        self.ws = ws
        self.fmt = fmt
        self.page = page or Page()  # paper, office and period of every printed page
        self.links = 0
        self.number_fmt = {k: fmt.get(f"{k}_number", v) for k, v in fmt.items()}
        self.pages: list[Any] = [ws]
        self.cut = 0
        self._more = more
        self.head_rows = head_rows if more is not None else 0
        # Rows past ``limit`` go through _at(); without ``more`` xlsxwriter refuses them.
        self.limit = rows_per_sheet() if more is not None else 1 << 62
        self._span = max(1, rows_per_sheet() - self.head_rows)
        self._replay: list[Callable[[Any], None]] = []  # what every new page starts with

    # --- pages ---------------------------------------------------------------------------
    def _at(self, row: int) -> tuple[Any, int]:
        """The page and its row for a row of the whole table (past the first page)."""
        page, local = divmod(row - self.head_rows, self._span)
        while len(self.pages) <= page:
            self._new_page()
        return self.pages[page], local + self.head_rows

    def _new_page(self) -> None:
        assert self._more is not None
        ws = self._more(len(self.pages) + 1)
        self.pages.append(ws)
        self.links = 0  # the hyperlink limit is per worksheet
        for step in self._replay:
            step(ws)

    def on_every_page(self, step: Callable[[Any], None]) -> None:
        """Do ``step(worksheet)`` on this page and every page to come (print setup, widths)."""
        for ws in self.pages:
            step(ws)
        self._replay.append(step)

    def set_row(self, row: int, height: float) -> None:
        """The height of a row (of the whole table)."""
        ws, local = self._at(row) if row >= self.limit else (self.ws, row)
        ws.set_row(local, height)

    def freeze(self, row: int, col: int) -> None:
        """Freeze panes above ``row`` and left of ``col`` on every page."""
        self.on_every_page(lambda ws: ws.freeze_panes(row, col))

    def _page_ends(self, last_row: int) -> Iterator[tuple[Any, int]]:
        """(worksheet, its last row) of each page a table of rows 0..``last_row`` fills."""
        if last_row < self.limit or not self._more:
            yield self.ws, last_row
            return
        last_ws, last_local = self._at(last_row)
        for ws in self.pages:
            yield ws, max(last_local if ws is last_ws else self.head_rows - 1 + self._span, 1)
            if ws is last_ws:
                return

    def filter_buttons(self, last_col: int) -> None:
        """Say before the rows that row 0 will carry filter buttons (``autofilter`` at the end
        gives the range): a streamed sheet fits each row as it is written out, and the header's
        wrapped titles need the room the buttons take."""
        self.on_every_page(lambda ws: ws.autofilter(0, 0, 1, last_col))

    def autofilter(self, last_row: int, last_col: int) -> None:
        """A filter over the table on each page: header row 0 to the page's last row."""
        for ws, end in self._page_ends(last_row):
            ws.autofilter(0, 0, end, last_col)

    def print_area(self, last_row: int, last_col: int) -> None:
        """Print rows 0..``last_row`` and columns A..``last_col`` (what each page holds of
        them): the columns past it stay on screen only."""
        for ws, end in self._page_ends(last_row):
            ws.print_area(0, 0, end, last_col)

    def hide(self) -> None:
        """Hide every page of the sheet (and pages still to come)."""
        self.on_every_page(lambda ws: ws.hide())

    # --- cells ---------------------------------------------------------------------------
    def put(self, row: int, col: int, value: Any, style: str = "text") -> None:
        """Write one value by its Python type; NaN/None blank; text always with write_string."""
        ws = self.ws
        if row >= self.limit:
            ws, row = self._at(row)
        # Fast paths for the values of nearly every cell (exact str, None, int, float); the
        # general path below gives the same result for them, only slower.
        cls = value.__class__
        if cls is str:
            if value:
                if len(value) > MAX_STRING:
                    self.cut += 1
                    value = value[:MAX_STRING]
                _writers(ws)[0](row, col, value, self.fmt[style])
            else:
                _writers(ws)[2](row, col, self.fmt[style])
            return
        if value is None:
            _writers(ws)[2](row, col, self.fmt[style])
            return
        if cls is int or (cls is float and math.isfinite(value)):
            _writers(ws)[1](row, col, value, self.number_fmt[style])
            return
        value = plain_value(value)
        fmt = self.fmt[style]
        if value is None or (isinstance(value, str) and value == ""):
            ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_string(row, col, YES if value else NO, fmt)
        elif isinstance(value, int | float):
            ws.write_number(row, col, value, self.fmt.get(f"{style}_number", fmt))
        elif isinstance(value, dt.datetime | dt.date) and value.year >= 1900:
            # Naive here: the workbook drops any timezone ("remove_timezone").
            date_fmt = self.fmt.get(f"{style}_date", self.fmt["date"])
            if isinstance(value, dt.datetime):
                ws.write_datetime(row, col, value, date_fmt)
            else:
                ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_fmt)
        else:
            text = cell_text(value)
            if len(text) == MAX_STRING:
                self.cut += 1
            ws.write_string(row, col, text, fmt)

    def link(self, row: int, col: int, shown: Any, target: str | None, style: str) -> None:
        """A working hyperlink for http(s)/mailto targets; anything else as plain text."""
        url = link_target(target) or link_target(shown)
        if url is None or is_missing(shown) or self.links >= MAX_LINKS:
            self.put(row, col, shown, style)
            return
        ws = self.ws
        if row >= self.limit:
            ws, row = self._at(row)
        self.links += 1
        fmt = self.fmt["link"] if style == "text" else self.fmt[style]
        ws.write_url(row, col, url, fmt, cell_text(shown))

    def prose(self, row: int, text: str, last_col: int, width: float = 0.0) -> None:
        """A paragraph over columns A to ``last_col``, wrapped (so it prints within the page
        width); its row is fitted with the others (printsetup.fit_rows). ``width`` is unused,
        kept for callers."""
        self.ws.merge_range(row, 0, row, last_col, text[:MAX_STRING], self.fmt["prose"])

    def fit_rows(self, row: int, texts: Sequence[tuple[Any, float]]) -> None:
        """Nothing: every row of wrapped text is fitted when the workbook is written
        (printsetup.fit_workbook, with the real font widths); kept for callers."""

    def print_setup(self, **options: Any) -> None:
        """The shared print setup (printsetup.setup) with this sheet's page."""
        printsetup.setup(self.ws, self.page, **options)

    def header(self, row: int, titles: Sequence[str], widths: Sequence[float]) -> None:
        """A row of column titles; each column gets its width (on every page of the table
        when ``row`` is one of its head rows)."""
        head = self.fmt["header"]

        def write(ws: Any) -> None:
            for col, (title, width) in enumerate(zip(titles, widths, strict=True)):
                ws.write_string(row, col, title, head)
                ws.set_column(col, col, width)

        if row < self.head_rows:
            self.on_every_page(write)
        else:
            write(self.ws)

    def print_as_table(self, header_row: int) -> None:
        """Print a long table: landscape, one page wide, the header on every page (each
        continuation page too)."""
        self.on_every_page(lambda ws: printsetup.setup(ws, self.page, repeat_rows=header_row))

    def table(
        self,
        df: pd.DataFrame,
        columns: Sequence[tuple[str, str, float]],
        labels: Mapping[str, Mapping[Any, str]] | None = None,
    ) -> None:
        """The whole sheet as one table: a header row of ``columns`` (key, title, width), then
        one row per DataFrame row, values shown through ``labels`` (column key -> labels)."""
        self.header(0, [t for _, t, _ in columns], [w for _, _, w in columns])
        self.filter_buttons(len(columns) - 1)
        self.print_as_table(0)
        labels = labels or {}
        # Column lists read once (as to_dict("records") would give them, without a dict per row).
        data = [
            df[key].tolist() if key in df.columns else [None] * len(df) for key, _, _ in columns
        ]
        for n, (key, _, _) in enumerate(columns):
            if key in labels:
                names = labels[key]
                data[n] = [names.get(v, v) for v in data[n]]
        put = self.put
        for r, record in enumerate(zip(*data, strict=True), start=1):  # row by row
            for col, value in enumerate(record):
                put(r, col, value)
        self.freeze(1, 0)
        self.autofilter(max(len(df), 1), len(columns) - 1)


def with_messages(df: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """``df`` (the consolidation's issues or sources) with a ``message`` column: each row's
    code and parameters rendered in ``lang``; blank where a row has no code."""
    out = df.copy()
    out["message"] = [
        render_message(code, params, lang) if code else ""
        for code, params in zip(df["code"], df["params"], strict=True)
    ]
    return out


__all__ = [
    "BASE_FORMAT",
    "HEADING_FORMATS",
    "MAX_STRING",
    "UNIT_CODE_WIDTH",
    "WORKBOOK_OPTIONS",
    "Sheet",
    "cell_text",
    "created",
    "formats",
    "is_missing",
    "link_target",
    "pct",
    "series",
    "with_messages",
]
