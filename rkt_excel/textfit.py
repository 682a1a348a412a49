"""Row heights that fit wrapped text: the one function every writer uses to size its rows.

Owns text measurement with the real advance widths of the fonts the programs draw with
(data/font-widths.json: Liberation Sans for Arial, Carlito for Calibri), word wrapping the way
LibreOffice Calc and Excel wrap a cell, column-width conversions, and the row height that fits.
Imports no spreadsheet library and does no I/O beyond reading its table once.

How the two programs lay a wrapped cell out (worked out from their sources and documentation,
and for LibreOffice checked against LibreOffice itself: tests/test_textfit_programs.py):

- A column width is counted in characters of the default font's widest digit (xlsxwriter's
  default Calibri 11: 7 px at 96 dpi). Excel draws ``trunc(width * 7 + 0.5) + 5`` pixels; the
  file stores that as ``px / 7`` (OOXML ``<col width>``, ECMA-376 §18.3.1.13). LibreOffice reads
  the stored width and multiplies it by the digit width it measures, 111 twips (Carlito 11 pt).
- Both wrap at spaces and after a hyphen (LibreOffice at a few more places: ``_LO_BREAKS``),
  start a new line at each line break, and break a word that is longer than the line where it
  overflows. Both measure text in whole pixels of a 96 dpi screen, the font at a whole number
  of pixels per em, without kerning.
- LibreOffice's wrap width is the column in screen pixels scaled by its screen/printer text
  width ratio (``LO_PPTX``), less 1 px of cell margin each side and 1 px of grid line; a line
  must be narrower than that. Its line is the font's ascent plus descent in whole pixels, the
  lines are added in 1/100 mm, and the row adds 1 px of margin at top and bottom
  (``ScColumn::GetNeededSize``); a row is at least the attribute height of its fonts.
- Excel's wrap width is the column's pixels less its 5 px padding. Its line is the font's
  single-line row height (Arial 10 pt: 17 px, 12.75 pt) and a row holds whole lines. Excel
  rows are whole pixels (0.75 pt) and at most 409 pt.

LibreOffice prints (and exports PDFs) at 720 dpi, so a printed line can be taller than on the
screen (``lo_print_twips``; Arial 12 pt: 13.4 pt, not 12.75); its optimal row height counts
the screen's, so a row it fits can lose part of its last line on paper. textfit counts the
taller of the two.

``program="both"`` (the default) fits both programs: the larger of the two line counts and
the taller line. ``"libreoffice"`` fits LibreOffice alone, on screen and on paper.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

Program = Literal["both", "libreoffice", "excel"]

EXCEL_MAX_ROW_PT = 409.0  # Excel's largest row height
MAX_ROW_PT = 408.75  # the largest whole-pixel height within it (545 px)
DEFAULT_ROW_PT = 15.0  # the default row of a workbook whose default font is Calibri 11
DEFAULT_FONT_SIZE = 11.0  # that default font's size (xlsxwriter's default format)

# Excel column geometry for the default font Calibri 11 (xlsxwriter's default).
MAX_DIGIT_PX = 7
COLUMN_PADDING_PX = 5
PX_PT = 0.75  # one pixel at 96 dpi in points

# LibreOffice Calc (sc/): screen pixels per twip (1000 twips -> 67 px at 96 dpi), cell margin.
LO_PPT = 0.067
LO_MARGIN_TWIPS = 20
LO_DIGIT_TWIPS = 111  # widest digit of Carlito 11 pt as LibreOffice measures it

_STYLES = ("regular", "bold", "italic", "bold_italic")
_UNKNOWN_EM = 1.0  # a character the font lacks is drawn from a fallback font: count 1 em
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


# --- fonts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Face:
    """One style of one font: metrics in font units and advance widths per character."""

    family: str
    upem: int
    ascent: int
    descent: int
    win_ascent: int
    win_descent: int
    advances: dict[str, int]


@cache
def _table() -> dict[str, Any]:
    text = resources.files("rkt_excel").joinpath("data/font-widths.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def font_family(font: str) -> str:
    """The font whose metrics stand for ``font`` ("Arial" -> "Liberation Sans").

    Raises:
        ValueError: for a font with no metrics in the table.
    """
    data = _table()
    family = data["aliases"].get(font, font)
    if family not in data["fonts"]:
        known = sorted([*data["fonts"], *data["aliases"]])
        raise ValueError(f"no font metrics for {font!r}; known fonts: {', '.join(known)}")
    return str(family)


@cache
def _face(font: str, bold: bool, italic: bool) -> _Face:
    family = font_family(font)
    style = _STYLES[int(bold) + 2 * int(italic)]
    spec = _table()["fonts"][family]["styles"][style]
    advances: dict[str, int] = {}
    for first, widths in spec["advances"]:
        for i, w in enumerate(widths):
            advances[chr(first + i)] = w
    return _Face(
        family,
        spec["units_per_em"],
        spec["hhea_ascent"],
        spec["hhea_descent"],
        spec["win_ascent"],
        spec["win_descent"],
        advances,
    )


def _round(x: float) -> int:
    """Round half up, as the programs' integer pixel conversions do."""
    return math.floor(x + 0.5)


def ppem(size: float) -> int:
    """Pixels per em of a ``size`` pt font on a 96 dpi screen (a whole number, as drawn)."""
    return max(1, _round(size * 96 / 72))


def _fallback_units(ch: str, face: _Face) -> int:
    if ch in _ZERO_WIDTH or unicodedata.category(ch) in ("Mn", "Me", "Cc", "Cf"):
        return 0
    return round(_UNKNOWN_EM * face.upem)


class _PixelWidths(dict[str, int]):
    """Advance width in whole screen pixels per character, filled on first use."""

    def __init__(self, face: _Face, em: float) -> None:
        super().__init__()
        self.face = face
        self.em = em
        self.words: dict[str, int] = {}  # widths of pieces seen (words repeat)

    def width(self, piece: str) -> int:
        """Width of a piece of text, remembered."""
        w = self.words.get(piece)
        if w is None:
            if len(self.words) > 200_000:
                self.words.clear()
            w = self.words[piece] = sum(map(self.__getitem__, piece))
        return w

    def __missing__(self, ch: str) -> int:
        units = self.face.advances.get(ch)
        if units is None:
            units = _fallback_units(ch, self.face)
        px = _round(units * self.em / self.face.upem)
        self[ch] = px
        return px


@cache
def _pixel_widths(font: str, size: float, bold: bool, italic: bool) -> _PixelWidths:
    return _PixelWidths(_face(font, bold, italic), ppem(size))


@cache
def _print_widths(font: str, size: float, bold: bool, italic: bool) -> _PixelWidths:
    """Advance widths in tenths of a point, as LibreOffice lays text out to print (720 dpi)."""
    return _PixelWidths(_face(font, bold, italic), size * 10)


def text_width_pixels(
    text: str, font: str = "Arial", size: float = 10, bold: bool = False, italic: bool = False
) -> int:
    """Width of one line of ``text`` in screen pixels at 96 dpi, as the programs measure it.

    Each character is its advance width rounded to whole pixels at the font's pixels per em,
    without kerning (LibreOffice's screen layout and Excel's both add whole-pixel advances).
    """
    widths = _pixel_widths(font, size, bold, italic)
    return sum(map(widths.__getitem__, text))


def text_width_points(
    text: str, font: str = "Arial", size: float = 10, bold: bool = False, italic: bool = False
) -> float:
    """Width of one line of ``text`` in points from the fonts' advance widths (no rounding)."""
    face = _face(font, bold, italic)
    units = sum(face.advances.get(ch, _fallback_units(ch, face)) for ch in text)
    return units * size / face.upem


# --- column widths --------------------------------------------------------------------------


def column_pixels(width: float) -> int:
    """Pixels at 96 dpi of a column set to ``width`` (xlsxwriter's ``set_column`` width, as
    Excel shows it), for the default font Calibri 11: OOXML's column width formula."""
    if width <= 0:
        return 0
    if width < 1:
        return _round(width * (MAX_DIGIT_PX + COLUMN_PADDING_PX))
    return _round(width * MAX_DIGIT_PX) + COLUMN_PADDING_PX


def column_points(width: float) -> float:
    """Width in points of a column set to ``width``, as Excel draws and prints it."""
    return column_pixels(width) * PX_PT


def stored_width(width: float) -> float:
    """The ``<col width>`` a file holds for a column set to ``width`` (padding included)."""
    return math.trunc(column_pixels(width) / MAX_DIGIT_PX * 256) / 256


def width_for_points(points: float) -> float:
    """The smallest ``set_column`` width (in hundredths) whose column is at least ``points``
    wide in Excel."""
    px = math.ceil(points / PX_PT - 1e-9)
    if px <= 0:
        return 0.0
    width = math.ceil((px - COLUMN_PADDING_PX - 0.5) / MAX_DIGIT_PX * 100 - 1e-9) / 100
    if width < 1:
        width = math.ceil((px - 0.5) / (MAX_DIGIT_PX + COLUMN_PADDING_PX) * 100 - 1e-9) / 100
    while column_pixels(width) < px:
        width = round(width + 0.01, 2)
    return width


def lo_column_twips(width: float) -> int:
    """Width in twips LibreOffice gives a column stored by xlsxwriter for ``width``."""
    return _round(stored_width(width) * LO_DIGIT_TWIPS)


# LibreOffice's horizontal screen pixels per twip for layout (``ScSizeDeviceProvider``): the
# screen's 0.067 divided by its output factor, the width of a test string in its default font
# (Liberation Sans 10 pt) on its reference device over its width on the screen
# (``ScDocShell::CalcOutputFactor``). The factor follows from the fonts (about 1.0344); its
# exact value was measured instead: LibreOffice 7.4 wraps a line of n pixels in 150 column
# widths (3 to 82) exactly as 0.064769 <= LO_PPTX < 0.064772 predicts.
LO_PPTX = 0.0647711


def _widths(width: float | tuple[float, ...]) -> tuple[float, ...]:
    return width if isinstance(width, tuple) else (width,)


def lo_wrap_pixels(width: float | tuple[float, ...]) -> int:
    """The widest line in screen pixels LibreOffice fits in a cell over columns of ``width``.

    Calc's paper width is the columns' pixels less the margins and the grid line; a line fits
    when it is narrower than that (seen: a line exactly as wide wraps), hence one pixel less.
    """
    p = LO_PPTX
    px = sum(math.trunc(lo_column_twips(w) * p) for w in _widths(width))
    return max(1, px - 2 * math.trunc(LO_MARGIN_TWIPS * p) - 1 - 1)


def lo_print_wrap(width: float | tuple[float, ...]) -> int:
    """The widest line LibreOffice prints in a cell over columns of ``width``, in tenths of a
    point: the columns less the cell's margins (1 pt each side), less 0.2 pt (a line exactly
    as wide wraps, and its print widths are matched to 0.1 pt only)."""
    twips = sum(lo_column_twips(w) for w in _widths(width))
    return max(1, (twips - 2 * LO_MARGIN_TWIPS) // 2 - 2)


def excel_wrap_pixels(width: float | tuple[float, ...]) -> int:
    """Excel's wrap width in screen pixels of a cell over columns of ``width``."""
    return max(1, sum(column_pixels(w) for w in _widths(width)) - COLUMN_PADDING_PX)


# --- wrapping -------------------------------------------------------------------------------

# Where a line may break inside a run of non-spaces (a run of spaces always may, and hangs).
# LibreOffice's line breaking (ICU with LibreOffice's rules; its BreakIterator asked about each
# case inside a sentence) breaks after a run of hyphens ("Kep-|12/2019", "2019-|2020",
# "(-|5)"), before and after an em dash, after an en dash, after "?" or "!" before a letter,
# after a tab or a zero-width space; never at a slash, a period or a comma between letters
# ("WBK/WBBM", "drive.google.com/folder" and "s.d." stay whole), except in the first word of a
# paragraph: there it also breaks after a slash between a non-digit and a letter ("WBK/|WBBM",
# "http://|drive.google.com/|folder"), but only where the character after the slash fits on
# the line too. Excel is only known to break after hyphens between letters: counted with fewer
# breaks it gets at least as many lines.
_LO_BREAKS = re.compile(
    r"(?<=-)(?=[^-])|(?<=[^\u2014])(?=\u2014)|(?<=\u2014)(?=[^\u2014])"
    r"|(?<=[\u2013\t\u200b])(?=.)|(?<=[?!])(?=[^\W\d_])"
)
_LO_SLASH_BREAKS = re.compile(r"(?<=\D/)(?=[^\W\d_])")
_EXCEL_BREAKS = re.compile(r"(?<=[^\W_]-)(?=[^\W\d_])")


_SPECIAL = re.compile(r"[-/?!\t\u200b\u2013\u2014]")  # where a word may break inside


def _pieces(
    paragraph: str, breaks: re.Pattern[str], first: re.Pattern[str] | None = None
) -> list[tuple[str, int, bool]]:
    """Unbreakable pieces of a paragraph: (text, spaces after it, whether the break after it
    needs the next character on the line too). ``first`` adds such breaks to the first word."""
    out: list[tuple[str, int, bool]] = []
    words = paragraph.split(" ")
    last = len(words) - 1
    for i, word in enumerate(words):
        after = 1 if i < last else 0
        if not word and out:  # one more space after the previous piece
            text, spaces, soft = out[-1]
            out[-1] = (text, spaces + after, soft)
            continue
        if len(word) < 2 or not _SPECIAL.search(word):
            out.append((word, after, False))
            continue
        parts = [(p, False) for p in breaks.split(word)]
        if first is not None and i == 0 and "/" in word:
            split = [first.split(p) for p, _ in parts]
            parts = [(q, j < len(qs) - 1) for qs in split for j, q in enumerate(qs)]
        out.extend((part, 0, soft) for part, soft in parts[:-1])
        out.append((parts[-1][0], after, False))
    return out


def _count_lines(pieces: list[tuple[str, int, bool]], widths: _PixelWidths, avail: int) -> int:
    """Lines of one paragraph's pieces wrapped greedily into lines of at most ``avail``."""
    get = widths.__getitem__
    space = get(" ")
    lines = 1
    x = 0  # width of the current line, without the spaces that may hang at its end
    pending = 0  # spaces after the last piece on the line
    on_line = 0  # pieces on the current line
    last_w, last_soft = 0, False  # the last piece on the line
    width = widths.width
    for piece, nspaces, soft in pieces:
        w = width(piece)
        if on_line and x + pending + w <= avail:
            x += pending + w
            on_line += 1
        else:
            if on_line:
                lines += 1
                if last_soft and on_line > 1 and piece and x + get(piece[0]) > avail:
                    # that break is not taken: the line ends before its last piece instead
                    x, on_line = last_w, 1
                    if x + w <= avail:
                        x += w
                        on_line, last_w, last_soft = 2, w, soft
                        pending = nspaces * space
                        continue
                    lines += 1
            on_line = 1
            if w <= avail:
                x = w
            else:  # a piece longer than the line breaks where it overflows
                x = 0
                for ch in piece:
                    cw = get(ch)
                    if x and x + cw > avail:
                        lines += 1
                        x = 0
                    x += cw
                w = x
        last_w, last_soft = w, soft
        pending = nspaces * space
    return lines


def _lines(
    text: str,
    layouts: tuple[tuple[_PixelWidths, int], ...],
    breaks: re.Pattern[str],
    first: re.Pattern[str] | None,
) -> list[int]:
    """Lines of ``text`` in each layout (widths, widest line), breaking where ``breaks`` allow
    (``first``: also in a paragraph's first word); the pieces are found once for all."""
    counts = [0] * len(layouts)
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        pieces: list[tuple[str, int, bool]] | None = None
        for i, (widths, avail) in enumerate(layouts):
            if sum(map(widths.__getitem__, paragraph)) <= avail:
                counts[i] += 1
                continue
            if pieces is None:
                pieces = _pieces(paragraph, breaks, first)
            counts[i] += _count_lines(pieces, widths, avail)
    return counts


def _check_program(program: str) -> None:
    if program not in ("both", "libreoffice", "excel"):
        raise ValueError(f"program must be 'both', 'libreoffice' or 'excel', not {program!r}")


@dataclass(frozen=True, slots=True)
class Cell:
    """A wrapped cell: its text, the ``set_column`` width of its column (a tuple for a cell
    merged over several columns of one row) and its font."""

    text: str
    width: float | tuple[float, ...]
    font: str = "Arial"
    size: float = 10
    bold: bool = False
    italic: bool = False


@lru_cache(maxsize=1 << 17)
def _counts(cell: Cell, program: Program) -> tuple[int, int, int]:
    """Lines of ``cell`` on LibreOffice's screen, on its paper and in Excel (0 for a program
    not asked about)."""
    if not cell.text:
        return 0, 0, 0
    style = (cell.font, float(cell.size), cell.bold, cell.italic)
    screen = paper = excel = 0
    if program != "excel":
        screen, paper = _lines(
            cell.text,
            (
                (_pixel_widths(*style), lo_wrap_pixels(cell.width)),
                (_print_widths(*style), lo_print_wrap(cell.width)),
            ),
            _LO_BREAKS,
            _LO_SLASH_BREAKS,
        )
    if program != "libreoffice":
        (excel,) = _lines(
            cell.text,
            ((_pixel_widths(*style), excel_wrap_pixels(cell.width)),),
            _EXCEL_BREAKS,
            None,
        )
    return screen, paper, excel


def text_lines(
    text: str,
    width: float | tuple[float, ...],
    font: str = "Arial",
    size: float = 10,
    bold: bool = False,
    italic: bool = False,
    *,
    program: Program = "both",
) -> int:
    """Lines ``text`` takes in a wrapped cell over columns of ``width`` (``set_column`` widths).

    With ``program="both"``, the larger of LibreOffice's and Excel's counts.
    """
    _check_program(program)
    return max(_counts(Cell(text, width, font, size, bold, italic), program))


# --- heights --------------------------------------------------------------------------------


@cache
def lo_line_pixels(font: str, size: float, bold: bool = False, italic: bool = False) -> int:
    """One line's height in LibreOffice, in screen pixels: ascent + descent at whole pixels."""
    face = _face(font, bold, italic)
    em = ppem(size)
    return _round(face.ascent * em / face.upem) + _round(face.descent * em / face.upem)


@cache
def excel_line_pixels(font: str, size: float, bold: bool = False, italic: bool = False) -> int:
    """One line's height in Excel, in pixels: the font's single-line row height.

    Excel's rows for Arial 10/11/12/13/14/15/16 pt are 17/19/20/22/24/25/27 px and for Calibri
    11 pt 20 px: the larger of Windows' ascent + descent plus 2 px and 1.25 em, whole pixels.
    """
    face = _face(font, bold, italic)
    em = ppem(size)
    gdi = _round(face.win_ascent * em / face.upem) + _round(face.win_descent * em / face.upem)
    return max(gdi + 2, math.ceil(1.25 * size * 96 / 72 - 1e-9))


def lo_min_twips(size: float) -> int:
    """The least height LibreOffice gives a row with a cell of this font size, in twips.

    Calc's rough attribute height (``lcl_GetAttribHeight``): 1.18 x the font size, plus the
    top and bottom margins, less 23 twips.
    """
    return math.trunc(round(size * 20) * 1.18) + 2 * LO_MARGIN_TWIPS - 23


def lo_height_twips(lines: int, font: str, size: float, bold: bool, italic: bool) -> int:
    """LibreOffice's optimal height in twips of a row with a cell of ``lines`` lines.

    At least the attribute height of the cell's font, and of Calibri 11 pt, the workbook's
    default font: LibreOffice gives a short row 13.8 pt when a sheet uses that font somewhere
    (12.8 pt, its standard row, when not); counting 13.8 is right in both cases.
    """
    # The edit engine adds the lines in 1/100 mm, each rounded, and Calc rounds the sum back
    # to pixels: 33 lines of 12 px make 397 px, not 396.
    line_mm100 = _round(lo_line_pixels(font, size, bold, italic) * 2540 / 96)
    text_px = _round(lines * line_mm100 * 96 / 2540)
    px = text_px + 2 * math.trunc(LO_MARGIN_TWIPS * LO_PPT)
    floor = max(lo_min_twips(size), lo_min_twips(DEFAULT_FONT_SIZE))
    return max(math.trunc(px / LO_PPT), floor)


def lo_print_twips(lines: int, font: str, size: float, bold: bool, italic: bool) -> int:
    """The height in twips ``lines`` lines take when LibreOffice prints (or exports a PDF).

    Printing lays text out at 720 dpi, not in the screen's pixels: a line is the ascent plus
    the descent each rounded to 0.1 pt, below the top margin. Arial 12 pt prints 13.4 pt a line
    where the screen, and Calc's optimal height, count 12.75 pt (line pitches measured in
    LibreOffice's PDFs, Arial and Carlito 7 to 12 pt: 7.8, 8.9, 10.0, 11.2, 12.3, 13.4 and
    7.1, 8.0, 9.1, 10.0, 11.1, 12.0 pt).
    """
    face = _face(font, bold, italic)
    tenths = size * 10 / face.upem
    line = _round(face.ascent * tenths) + _round(face.descent * tenths)  # 1/10 pt
    return lines * line * 2 + LO_MARGIN_TWIPS


@lru_cache(maxsize=1 << 17)  # a recap repeats its cells' texts (statuses, names) many times
def _cell_points(cell: Cell, program: Program) -> float:
    screen, paper, excel = _counts(cell, program)
    style = (cell.font, float(cell.size), cell.bold, cell.italic)
    need = 0.0
    if screen:
        need = max(lo_height_twips(screen, *style), _paper_twips(screen, paper, style)) / 20
    return max(need, excel * excel_line_pixels(*style) * PX_PT)


def _paper_twips(screen: int, paper: int, style: tuple[str, float, bool, bool]) -> int:
    # Printing breaks lines from its own widths, mostly as counted (paper), but a word broken
    # where it overflows can take as many lines as on screen: the larger count is safe.
    return lo_print_twips(max(screen, paper), *style)


def libreoffice_heights(cell: Cell) -> tuple[float, float]:
    """The heights in points LibreOffice needs for ``cell``: on screen (its optimal row
    height, which tests/pages.py reads back) and on paper (can be taller)."""
    screen, paper, _ = _counts(cell, "libreoffice")
    if not screen:
        return 0.0, 0.0
    style = (cell.font, float(cell.size), cell.bold, cell.italic)
    return lo_height_twips(screen, *style) / 20, _paper_twips(screen, paper, style) / 20


def row_height(
    cells: Iterable[Cell], *, program: Program = "both", minimum: float = DEFAULT_ROW_PT
) -> float:
    """The height in points that fits every wrapped cell of a row, at least ``minimum``.

    Rounded up to a whole pixel (0.75 pt): Excel draws rows in whole pixels, and xlsxwriter
    (3.3 and later) rounds ``set_row`` heights to the nearest pixel, which could otherwise
    lower a height. At most 408.75 pt, the last whole pixel within Excel's 409 pt (text that
    needs more is cut).
    """
    _check_program(program)
    return whole_pixels(max((_cell_points(c, program) for c in cells), default=0.0), minimum)


def cell_points(cell: Cell, program: Program = "both") -> float:
    """The points one wrapped cell needs (before ``whole_pixels``); cached per cell."""
    return _cell_points(cell, program)


def whole_pixels(need: float, minimum: float = DEFAULT_ROW_PT) -> float:
    """A row height for ``need`` points: at least ``minimum``, rounded up to a whole pixel,
    at most MAX_ROW_PT (what ``row_height`` returns for cells needing ``need`` at most)."""
    points = math.ceil(max(need, minimum) / PX_PT - 1e-6) * PX_PT
    return min(points, MAX_ROW_PT)
