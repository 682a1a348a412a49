"""rkt_excel.textfit: widths, wrapping and row heights worked out by hand from the font table.

Advance widths quoted in comments are Liberation Sans Regular / Bold and Carlito Regular, in
font units of 2048 per em (rkt_excel/data/font-widths.json). A 10 pt font on a 96 dpi screen is
13 px per em (13.33 rounded), so a glyph of A units is round(A * 13 / 2048) px.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from rkt_excel import textfit
from rkt_excel.textfit import Cell, Program, row_height, text_lines


def cell_height(text: str, width: float, font: str = "Arial", program: Program = "both") -> float:
    return row_height([Cell(text, width, font)], program=program, minimum=0)


def test_font_table_says_where_it_comes_from_and_its_licence() -> None:
    data = json.loads(resources.files("rkt_excel").joinpath("data/font-widths.json").read_text())
    assert "SIL Open Font License" in data["about"]
    assert data["aliases"] == {"Arial": "Liberation Sans", "Calibri": "Carlito"}
    for family in data["fonts"].values():
        for style in ("regular", "bold", "italic", "bold_italic"):
            assert "Open Font License" in family["styles"][style]["license"]


def test_width_in_points_from_advance_widths() -> None:
    # K 1366 + a 1139 + n 1139 + t 569 + o 1139 + r 682 = 6034 units; 6034 / 2048 * 10 pt
    assert textfit.text_width_points("Kantor", "Arial", 10) == pytest.approx(29.4629, abs=1e-4)
    # the same in Calibri 11: K 1064 + a 981 + n 1076 + t 686 + o 1080 + r 714 = 5601 units
    assert textfit.text_width_points("Kantor", "Calibri", 11) == pytest.approx(30.0835, abs=1e-4)


def test_width_in_screen_pixels_rounds_each_glyph() -> None:
    # 13 px per em: K 8.67 -> 9, a 7.23 -> 7, n 7, t 3.61 -> 4, o 7, r 4.33 -> 4 = 38 px
    assert textfit.text_width_pixels("Kantor", "Arial", 10) == 38
    # bold: K 1479 -> 9, a 1139 -> 7, n 1251 -> 8, t 682 -> 4, o 1251 -> 8, r 797 -> 5 = 41 px
    assert textfit.text_width_pixels("Kantor", "Arial", 10, bold=True) == 41
    # 11 pt is 14.67 -> 15 px per em; Carlito's digit 1038 -> 7.6 -> 8 px
    assert textfit.text_width_pixels("2019", "Calibri", 11) == 32


def test_a_character_the_font_lacks_counts_one_em_and_a_combining_mark_none() -> None:
    assert textfit.text_width_pixels("\u4e2d", "Arial", 10) == 13  # CJK, drawn by a fallback font
    assert textfit.text_width_pixels("e\u0301", "Arial", 10) == 7  # e 1139 -> 7, accent 0


def test_column_width_conversions() -> None:
    # OOXML / Excel with Calibri 11 (7 px digits): trunc(10 * 7 + 0.5) + 5 = 75 px
    assert textfit.column_pixels(10) == 75
    assert textfit.column_points(10) == 56.25
    assert textfit.column_pixels(0.5) == 6  # under one character: 0.5 * 12 px
    # stored as 75 / 7 cut to 1/256: 2742 / 256
    assert textfit.stored_width(10) == 10.7109375
    # LibreOffice: 10.7109375 x 111 twips = 1188.9 -> 1189 twips
    assert textfit.lo_column_twips(10) == 1189
    # the smallest width that is 75 px: 9.93 -> trunc(69.51 + 0.5) + 5
    assert textfit.width_for_points(56.25) == 9.93
    assert textfit.column_pixels(9.92) == 74


def test_wrap_widths_of_both_programs() -> None:
    # LibreOffice: trunc(1189 x 0.0647711) = 77 px, less 1 px margin each side, 1 px grid,
    # and a line must be narrower than what is left: 73 px
    assert textfit.lo_wrap_pixels(10) == 73
    assert textfit.excel_wrap_pixels(10) == 70  # 75 px less 5 px padding
    assert textfit.lo_wrap_pixels((10, 10)) == 150  # merged: 77 + 77 - 4
    assert textfit.excel_wrap_pixels((10, 10)) == 145


def test_a_line_as_wide_as_libreoffice_allows_on_screen_but_not_on_paper() -> None:
    # ten a (7 px each) and an i (455 -> 3 px): 73 px, one line on LibreOffice's screen
    # (so its optimal height is one line, 13.8 pt at least), two in Excel's 70 px
    screen, paper = textfit.libreoffice_heights(Cell("aaaaaaaaaai", 10))
    assert screen == 13.8
    assert text_lines("aaaaaaaaaai", 10, program="excel") == 2
    # printed at 720 dpi: a 1139 -> 55.6 -> 5.6 pt, i 455 -> 2.2 pt: 58.2 pt in a line of
    # (1189 - 2 x 20 twips) / 20 - 0.2 = 57.2 pt: two lines of 11.2 pt below a 1 pt margin
    assert textfit.lo_print_wrap(10) == 572
    assert paper == 23.4
    assert text_lines("aaaaaaaaaai", 10, program="libreoffice") == 2
    assert text_lines("aaaaaaaaa", 10, program="libreoffice") == 1  # 50.4 pt


def test_words_wrap_at_spaces() -> None:
    # Rencana 51 px, kerja 28, tahunan 46, space 4: 51 + 4 + 28 = 83 > 73, 28 + 4 + 46 = 78 > 73
    assert text_lines("Rencana kerja tahunan", 10, program="libreoffice") == 3
    # width 12: 89 px stored as 12.7109375, x 111 = 1411 twips, x 0.0647711 = 91 px - 4 = 87;
    # "Rencana kerja" (83 px) fits, 83 + 4 + 46 does not
    assert textfit.lo_wrap_pixels(12) == 87
    assert text_lines("Rencana kerja tahunan", 12, program="libreoffice") == 2


def test_explicit_line_breaks_start_lines() -> None:
    assert text_lines("a\nb\nc", 30) == 3
    assert text_lines("a\r\nb", 30) == 2
    assert text_lines("a\n\nb", 30) == 3  # an empty paragraph is a line
    assert text_lines("", 30) == 0


def test_a_word_longer_than_the_line_breaks_where_it_overflows() -> None:
    # 25 a of 7 px in 73 px: 10 per line -> 3 lines; in Excel's 70 px also 10 per line
    assert text_lines("a" * 25, 10, program="libreoffice") == 3
    assert text_lines("a" * 25, 10, program="excel") == 3
    # the long word moves to its own line first: "ab" then 20 a on two lines
    assert text_lines("ab " + "a" * 20, 10, program="libreoffice") == 3


def test_breaks_after_hyphens_as_libreoffice_does() -> None:
    # k 1024 -> 6.5 -> 7, e 7, g 7, i 455 -> 3, a 7, t 4, n 7: "kegiatan" 49 px, "-" 682 -> 4
    assert textfit.text_width_pixels("kegiatan-") == 53
    # 53 + 49 = 102 > 73: broken after the hyphen
    assert text_lines("kegiatan-kegiatan", 10, program="libreoffice") == 2
    # LibreOffice also breaks between digits ("2019-|2020"), Excel is counted without it.
    # Width 8: 61 px, stored 8.7109375, 967 twips -> 62 px - 4 = 58 px (Excel: 56 px).
    # "x 2019-" 7 + 4 + 32 = 43 px, then "2020": 2 lines in LibreOffice; in Excel "x", then
    # "2019-2020" (60 px) broken where it overflows: "2019-202" (53 px) and "0": 3 lines
    assert text_lines("x 2019-2020", 8, program="libreoffice") == 2
    assert text_lines("x 2019-2020", 8, program="excel") == 3


def test_a_slash_breaks_only_in_a_paragraphs_first_word() -> None:
    # "WBK/" 34 px, "WBBM" 41 px (W 1933 -> 12, B 1366 -> 9, K 9, / 569 -> 4, M 1706 -> 11):
    # 75 > 73, broken after the slash (the W after it fits too: 34 + 12 <= 73)
    assert textfit.text_width_pixels("WBK/WBBM") == 75
    assert text_lines("WBK/WBBM", 10, program="libreoffice") == 2
    # inside a sentence the slash does not break: "x", then "WBK/WBB" (64 px) and "M"
    assert text_lines("x WBK/WBBM", 10, program="libreoffice") == 3


def test_line_heights() -> None:
    # LibreOffice: ascent 1854 and descent 434 at 13 px per em: 11.77 -> 12, 2.75 -> 3 = 15 px
    assert textfit.lo_line_pixels("Arial", 10) == 15
    # Excel's rows for Arial 10 and Calibri 11 (published): 17 px (12.75 pt) and 20 px (15 pt)
    assert textfit.excel_line_pixels("Arial", 10) == 17
    assert textfit.excel_line_pixels("Calibri", 11) == 20
    assert textfit.excel_line_pixels("Arial", 16) == 27


def test_row_height_of_two_lines() -> None:
    # LibreOffice: 2 lines of 15 px, each 397/100 mm (396.9 rounded): 794 -> 30 px, + 2 px
    # margins = 32 px; 32 / 0.067 = 477 twips = 23.85 pt -> 24.0 pt in whole pixels
    assert cell_height("a\nb", 10, program="libreoffice") == 24.0
    # Excel: 2 x 17 px = 34 px = 25.5 pt; both: the taller
    assert cell_height("a\nb", 10, program="excel") == 25.5
    assert cell_height("a\nb", 10) == 25.5


def test_row_height_fits_the_tallest_cell_and_the_minimum() -> None:
    cells = [Cell("a", 10), Cell("a\nb\nc", 20, "Arial", 9, bold=True), Cell("", 5)]
    # Excel: 3 lines of Arial 9 (16 px) = 48 px = 36 pt; LibreOffice: 3 x 14 px ...
    assert row_height(cells) == 36.0
    assert row_height([Cell("a", 10)]) == 15.0  # the default row, the minimum by default
    # one line of Arial 10 is 12.75 pt in Excel, but LibreOffice gives a row at least the
    # attribute height of the default font: trunc(220 x 1.18) + 40 - 23 = 276 twips = 13.8 pt
    assert row_height([Cell("a", 10)], program="excel", minimum=0) == 12.75
    assert row_height([Cell("a", 10)], minimum=0) == 14.25
    assert row_height([Cell("a", 10, "Arial", 6)], program="libreoffice", minimum=0) == 14.25
    assert row_height([]) == 15.0


def test_row_height_is_capped_at_excels_limit() -> None:
    assert cell_height("a\n" * 200, 10) == 408.75


def test_unknown_fonts_and_programs_are_refused() -> None:
    with pytest.raises(ValueError, match="no font metrics for 'Comic Sans'"):
        cell_height("a", 10, "Comic Sans")
    with pytest.raises(ValueError, match="program must be"):
        text_lines("a", 10, program="gnumeric")  # type: ignore[arg-type]


def test_italic_has_its_own_widths() -> None:
    # Carlito italic: a 1053 vs regular 981 units; at 15 px per em 7.7 -> 8 vs 7.2 -> 7
    assert textfit.text_width_pixels("a", "Calibri", 11, italic=True) == 8
    assert textfit.text_width_pixels("a", "Calibri", 11) == 7
