"""The extent of a sheet as python-calamine will see it, found before calamine runs.

Owns ``scan_sheet``: one streaming pass of expat over a worksheet part (no tree is built;
DTDs, entities and external references forbidden) that places every cell the way calamine
does and reports what would hurt the reader:

- the rectangle calamine allocates: ``to_python(skip_empty_area=False)`` builds rows x columns
  from A1 to the farthest value, so a single value at XFD1048576 asks for 17 billion cells and
  the failed allocation aborts the process;
- rows out of order (a value above the sheet's first value): calamine's ``Range::from_sparse``
  takes the first and last cells as the bounds and the difference wraps around;
- a number in a date-formatted cell that calamine cannot turn into a date without a Rust panic
  (``TimeDelta::milliseconds out of bounds``, e.g. ``-1e300``).

Placement follows calamine's cell reader: a ``<row>`` sets the row from its ``r`` (an empty
``<row/>`` is ignored), a ``<c>`` takes row and column from its own ``r`` (letters and digits,
either case) or else the current row and the column after the previous cell; an empty
``<c/>`` holds no value and does not advance the column. Element names are matched by local
name whatever their prefix or namespace, as calamine does; attributes only unprefixed. A cell
holds a value when it has a child element (conservative: calamine also skips some of those).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from xml.parsers import expat

from rkt_excel.read.xmldefence import defended_parser

MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLS = 16_384
# |serial| past this in a date cell: far beyond 9999-12-31 (2,958,465) and far below where
# calamine's conversion to milliseconds overflows (about 1.07e14 days).
MAX_DATE_SERIAL = 1e11


@dataclass
class Extent:
    """What the scan found in one sheet (0-based rows and columns)."""

    rows: int = 0  # last value row + 1
    cols: int = 0  # last value column + 1
    far: tuple[int, int] | None = None  # (row, col) of a value past Excel's limits
    disorder: tuple[int, int] | None = None  # a value above the first value
    bad_date: tuple[int, int, str] | None = None  # (row, col, text) of an impossible date
    stopped: str = ""  # why calamine refuses the sheet at some cell (it allocates nothing)
    odd: str = ""  # not well-formed XML, or a structure the scan cannot vouch for

    @property
    def cells(self) -> int:
        return self.rows * self.cols


class _Stop(Exception):
    """The scan can stop: what it found is final, or calamine refuses the sheet here."""


class _Odd(Exception):
    """A structure no spreadsheet program writes, whose reading calamine may not match."""


def parse_ref(ref: str) -> tuple[int, int | None] | None:
    """(row, column or None) 0-based of a reference as calamine reads it, or None when
    calamine refuses it. Digits must follow letters; either case; no ``$``."""
    n = len(ref)
    i = 0
    col = 0
    while i < n and ("A" <= ref[i] <= "Z" or "a" <= ref[i] <= "z"):
        col = col * 26 + (ord(ref[i]) & 0x1F)
        i += 1
        if col > MAX_COLS * 27:  # far past the limit already: stop growing
            col = MAX_COLS * 27
    digits = ref[i:]
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    row = int(digits[:12])  # 12 digits already far past the limit
    if row == 0:
        return None
    return row - 1, (col - 1 if i else None)


class _Scan:
    """expat handlers: calamine's cursor (row, col) and the extent so far."""

    def __init__(self, data: bytes, date_styles: Collection[int] | None) -> None:
        self.data = data
        self.date_styles = date_styles  # None: every style may show a date
        self.out = Extent()
        self.depth = 0
        self.in_data = 0  # depth of <sheetData> (0: outside)
        self.row = 0  # calamine's cursor
        self.col = 0
        self.first_row = -1
        self.row_depth = 0  # depth of the open <row> (0: none)
        self.row_before = 0  # the cursor's row before that <row> set it
        self.row_children = False
        self.cell: tuple[int, int] | None = None  # the open cell's position
        self.cell_depth = 0
        self.cell_has_value = False
        self.cell_date = False
        self.text: list[str] | None = None  # text of a <v> in a date cell
        self.parser: expat.XMLParserType | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if not self.in_data:
            if name.endswith("sheetData") and name.rpartition("}")[2] == "sheetData":
                self.in_data = self.depth
            return
        local = name.rpartition("}")[2]
        if self.row_depth and self.depth == self.row_depth + 1:
            self.row_children = True
        if self.cell is not None:
            self.cell_has_value = True
            if local in ("c", "row"):
                raise _Odd(f"<{local}> inside a cell")
            if local == "v" and self.cell_date:
                self.text = []
            return
        if local == "row":
            if self.row_depth:
                raise _Odd("<row> inside a row")
            self.row_depth, self.row_before, self.row_children = self.depth, self.row, False
            r = attrs.get("r")
            if r is not None:
                ref = parse_ref(r)
                if ref is None:
                    raise _Stop(f"row r={r!r}")
                self.row = ref[0]
        elif local == "c":
            r = attrs.get("r")
            if r is not None:
                ref = parse_ref(r)
                if ref is None or ref[1] is None:
                    raise _Stop(f"cell r={r!r}")
                pos = (ref[0], ref[1])
                self.col = ref[1]
            else:
                pos = (self.row, self.col)
            self.cell, self.cell_depth = pos, self.depth
            self.cell_has_value = False
            self.cell_date = self._maybe_date(attrs)

    def _maybe_date(self, attrs: dict[str, str]) -> bool:
        if attrs.get("t", "n") != "n":
            return False
        if self.date_styles is None:
            return True
        s = attrs.get("s", "0")
        return not (s.isascii() and s.isdigit() and len(s) < 7) or int(s) in self.date_styles

    def _empty_tag(self) -> bool:
        """At an end event: was the element written as one empty tag (``<c/>``)?"""
        assert self.parser is not None
        at = self.parser.CurrentByteIndex
        return self.data[at - 2 : at] == b"/>"

    def end(self, name: str) -> None:
        depth = self.depth
        self.depth -= 1
        if not self.in_data:
            return
        if depth == self.in_data:
            self.in_data = 0
            return
        if self.cell is not None:
            if self.text is not None:
                self._check_date("".join(self.text))
                self.text = None
            if depth != self.cell_depth:
                return
            pos = self.cell
            self.cell = None
            if not self.cell_has_value and self._empty_tag():
                return  # <c/>: calamine never sees it
            self.col += 1
            if self.cell_has_value:
                self._value(pos)
            return
        if depth == self.row_depth:
            self.row_depth = 0
            if not self.row_children and self._empty_tag():
                self.row = self.row_before  # <row/>: ignored by calamine
                return
            self.row += 1
            self.col = 0

    def _value(self, pos: tuple[int, int]) -> None:
        row, col = pos
        out = self.out
        if row >= MAX_ROWS or col >= MAX_COLS:
            out.far = pos
            raise _Stop("")
        if self.first_row < 0:
            self.first_row = row
        elif row < self.first_row and out.disorder is None:
            out.disorder = pos
        if row >= out.rows:
            out.rows = row + 1
        if col >= out.cols:
            out.cols = col + 1

    def _check_date(self, text: str) -> None:
        try:
            value = float(text)
        except ValueError:
            return
        if not math.isfinite(value) or abs(value) > MAX_DATE_SERIAL:
            assert self.cell is not None
            self.out.bad_date = (*self.cell, text.strip()[:30])
            raise _Stop("")

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


# The fast path, on the raw bytes (what calamine reads: it does not decode attribute values).
# In well-formed XML a "<" starts markup only, so _CELL_TAG finds every cell element,
# whatever its prefix (and some in comments or CDATA too: more, never fewer).
_CELL_TAG = re.compile(rb"<(?:[^\s<>/:]*:)*c[\s/>]")
_CELL_REF = re.compile(
    rb"<(?:[^\s<>/:]*:)*c\s[^>]*?(?<=\s)r\s*=\s*[\"']([A-Za-z]{1,3})([0-9]{1,7})[\"']"
)
# A <v> holding a plain number below 1e12 (no exponent, no entity, no attribute); any other
# <v> may be a date calamine cannot convert: the scan looks at each.
_VALUE_START = re.compile(rb"<(?:[^\s<>/:]*:)*v[\s/>]")
_PLAIN_VALUE = re.compile(rb"<(?:[^\s<>/:]*:)*v>[+-]?[0-9]{0,11}(?:\.[0-9]*)?<")


def quick_extent(data: bytes) -> Extent | None:
    """The extent without parsing, for the sheets every program writes: each cell has its own
    plain ``r``, cells in document order are in row order and no ``<v>`` holds a number that
    could be an impossible date. None when that cannot be shown: ``scan_sheet`` decides.

    Counts every cell, empty ones too: an upper bound of what calamine allocates."""
    refs = _CELL_REF.findall(data)
    if len(refs) != len(_CELL_TAG.findall(data)):
        return None
    if _suspect_values(data):
        return None
    out = Extent()
    if not refs:
        return out
    rows = [int(digits) for _, digits in refs]
    if any(a > b for a, b in itertools.pairwise(rows)):
        return None
    letters = max({ref[0].upper() for ref in refs}, key=lambda b: (len(b), b))
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    if rows[0] == 0:
        return None  # calamine refuses row 0: let the scan say so
    out.rows, out.cols = rows[-1], col
    if out.rows > MAX_ROWS or out.cols > MAX_COLS:
        out.far = (out.rows - 1, out.cols - 1)
    return out


def _suspect_values(data: bytes) -> bool:
    """True when some <v> is not a plain number below 1e12 (then the scan looks at each)."""
    starts = len(_VALUE_START.findall(data))
    return starts > 0 and len(_PLAIN_VALUE.findall(data)) != starts


def scan_sheet(data: bytes, date_styles: Collection[int] | None = None) -> Extent:
    """The extent of one worksheet part, as calamine will read it.

    ``date_styles`` are the cell-style indices that may show a date (None: any may). XML
    that is not well formed, or cells inside cells, give ``odd``: calamine's lenient parser
    may read such a part differently from the scan, so the caller refuses it.

    Raises:
        DefusedXmlException: a DTD, an entity declaration or an external reference.
    """
    scan = _Scan(data, date_styles)
    parser = defended_parser()
    scan.parser = parser
    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.chars
    try:
        parser.Parse(data, True)
    except _Stop as stop:
        scan.out.stopped = str(stop)
    except _Odd as odd:
        scan.out.odd = str(odd)
    except expat.ExpatError as err:
        scan.out.odd = f"XML: {expat.ErrorString(err.code)} (line {err.lineno})"
    return scan.out
