"""The LKE sheet's layout and the text of its formulas: columns, rows, where things end up
(``LkeSheetInfo``) and the formulas that turn answers into Nilai.

Owns what ``lke_sheet`` writes and what other sheets need to link to the LKE sheet's cells.
Pure: builds strings, writes no cell. Formulas use only functions LibreOffice and Gnumeric
know too (no LET, XLOOKUP, IFS or TEXTJOIN).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from rkt_excel.lke import Item, Question
from rkt_excel.recap.cells import BASE_FORMAT, HEADING_FORMATS
from rkt_excel.review import KODE_HEADER, RESPONSE, REVIEW_HEADERS, TPI_ANSWER, TPI_NOTE, TPN_ANSWER

# --- columns (0-based) -------------------------------------------------------------------------
COL_KODE, COL_URAIAN, COL_BOBOT, COL_PENJELASAN, COL_PILIHAN = 0, 1, 2, 3, 4
COL_JAWABAN, COL_NILAI, COL_PERSEN, COL_KETAT, COL_BUKTI = 5, 6, 7, 8, 9
COL_LENGKAP = 10  # evidence completeness of the question (evidence.py)
# The review inputs: the evaluators' answers and note, the unit's response (review.py).
COL_TPI, COL_CATATAN, COL_TANGGAPAN, COL_TPN = 11, 12, 13, 14
REVIEW_COLS: dict[str, int] = {
    TPI_ANSWER: COL_TPI,
    TPI_NOTE: COL_CATATAN,
    RESPONSE: COL_TANGGAPAN,
    TPN_ANSWER: COL_TPN,
}
LAST_COL = COL_TPN
COL_LISTS = 20  # hidden: one dropdown list per answer type, from row 1
# Columns A:K print (one page wide, A4 landscape at about 78 %: the 9 pt text prints at 7 pt);
# the review columns L:O are for the evaluators on screen and print on the Reviu sheet.
HEADERS: tuple[tuple[str, float], ...] = (
    (KODE_HEADER, 10),  # "pengungkit" whole
    ("Komponen / Pertanyaan", 38),
    ("Bobot", 7),
    ("Penjelasan", 36),
    ("Pilihan Jawaban", 9),
    ("Jawaban", 9),
    ("Nilai", 8),
    ("%", 8),
    ("Nilai (kosong = 0)", 8),
    ("Unit / Bukti Dukung", 29),
    ("Kelengkapan Bukti (%)", 10),
    (REVIEW_HEADERS[TPI_ANSWER], 11),
    (REVIEW_HEADERS[TPI_NOTE], 36),
    (REVIEW_HEADERS[RESPONSE], 36),
    (REVIEW_HEADERS[TPN_ANSWER], 11),
)
PRINT_LAST_COL = COL_LENGKAP  # the last column printed
TITLE_ROW, HEADER_ROW, FIRST_ROW = 0, 3, 4

_BASE = BASE_FORMAT
# The named formats of the LKE sheet (lke_sheet.lke_formats adds them to a workbook).
FORMAT_SPECS: dict[str, dict[str, Any]] = {
    **HEADING_FORMATS,
    "level1": {**_BASE, "bold": True, "bg_color": "#BDD7EE"},
    "level2": {**_BASE, "bold": True, "bg_color": "#DDEBF7"},
    "level3": {**_BASE, "bold": True},
    "text": {**_BASE},
    "jumlah_text": {**_BASE, "indent": 2, "italic": True},
    "weight": {**_BASE, "num_format": "0.00"},
    "weight_bold": {**_BASE, "num_format": "0.00", "bold": True},
    "value": {**_BASE, "num_format": "0.00"},
    "value_bold": {**_BASE, "num_format": "0.00", "bold": True},
    "percent": {**_BASE, "num_format": "0.00%"},
    "input": {**_BASE, "locked": False, "bg_color": "#FFF2CC", "align": "center"},
    "input_number": {**_BASE, "locked": False, "bg_color": "#FFF2CC", "num_format": "0.##"},
    "input_text": {**_BASE, "locked": False, "bg_color": "#FFF2CC"},
    "linked": {**_BASE, "align": "center", "num_format": "0.##"},
    "computed_percent": {**_BASE, "num_format": "0.00%", "align": "center"},
    "status": {**_BASE, "align": "center", "bold": True},
    "total": {**_BASE, "bold": True, "bg_color": "#FCE4D6", "num_format": "0.00"},
    "total_text": {**_BASE, "bold": True, "bg_color": "#FCE4D6"},
}


@dataclass(frozen=True)
class LkeSheetInfo:
    """Where things are on the written sheet (A1 cells without the sheet name).

    ``value_cells`` and ``strict_cells`` are keyed by the level ids of Scores.levels() (item,
    sub-area, "P.1", area "I", half "P", "pengungkit", hasil component, hasil input, "hasil",
    "total"); ``check_cells`` by Check.id (the cell saying "Ya"/"Tidak").
    """

    sheet: str
    answer_cells: dict[str, str]
    value_cells: dict[str, str]
    strict_cells: dict[str, str]
    evidence_cells: dict[str, str]
    check_cells: dict[str, str] = field(default_factory=dict)
    # LKE row code (question or ratio item) -> review field (review.REVIEW_HEADERS) -> cell
    review_cells: dict[str, dict[str, str]] = field(default_factory=dict)
    predikat_cell: str = ""
    predikat_by_half_cell: str = ""
    failed_wbk_cell: str = ""
    failed_wbbm_cell: str = ""

    def absolute(self, cell: str) -> str:
        """``cell`` as an absolute reference usable from another sheet: 'LKE'!$G$12."""
        col = cell.rstrip("0123456789")
        row = cell[len(col) :]
        name = self.sheet.replace("'", "''")
        return f"'{name}'!${col}${row}"


def string(text: str) -> str:
    """A string literal for a formula."""
    return '"' + text.replace('"', '""') + '"'


def number(value: float) -> str:
    """A number literal for a formula: 4 rather than 4.0."""
    return repr(float(value)).removesuffix(".0")


def cell(row: int, col: int) -> str:
    """The A1 name of a 0-based cell."""
    return str(xl_rowcol_to_cell(row, col))


def sum_of(cells: Iterable[str]) -> str:
    """SUM over the given cells."""
    return "SUM(" + ",".join(cells) + ")"


def conversion_formula(answer_cell: str, question: Question, default: str = '""') -> str:
    """Nested IF turning an option answer into its value; ``default`` when blank or invalid.

    UPPER(TRIM()) so that the comparison is case-insensitive in every program (LibreOffice may
    be set to case-sensitive comparisons).
    """
    key = f"UPPER(TRIM({answer_cell}))"
    formula = default
    for option, value in reversed(list(zip(question.options, question.values, strict=True))):
        formula = f"IF({key}={string(option.upper())},{number(value)},{formula})"
    return formula


def ratio_formula(item: Item, cells: Mapping[str, str]) -> str:
    """The ratio of a "%" item from its Jumlah cells (contiguous rows), "" until all are filled."""
    first, last = cells[item.inputs[0]], cells[item.inputs[-1]]
    filled = f'COUNTIF({first}:{last},">=0")={len(item.inputs)}'
    if item.rule == "decrease":
        prev, cur = cells[item.previous], cells[item.current]
        value = f"IF(AND({prev}=0,{cur}=0),1,IF({prev}=0,0,MAX(0,({prev}-{cur})/{prev})))"
    else:
        den = sum_of(cells[q] for q in item.denominator)
        num = sum_of(cells[q] for q in item.numerator)
        value = f"IF({den}=0,0,MIN(1,{num}/{den}))"
    return f'IF({filled},{value},"")'


def validation(question: Question, list_ranges: Mapping[str, str]) -> dict[str, Any]:
    """The data validation of an input cell of ``question`` (Jawaban, TPI, TPN): its list
    (``list_ranges`` by answer type), a whole number >= 0, or a decimal within the scale."""
    if question.is_option:
        return {
            "validate": "list",
            "source": list_ranges[question.answer_type],
            "error_title": "Jawaban tidak valid",
            "error_message": "Pilih salah satu: " + "/".join(question.options),
        }
    if question.answer_type == "number":
        return {
            "validate": "integer",
            "criteria": ">=",
            "value": 0,
            "error_title": "Jumlah tidak valid",
            "error_message": "Isi bilangan bulat 0 atau lebih.",
        }
    return {
        "validate": "decimal",
        "criteria": "between",
        "minimum": question.minimum or 0.0,
        "maximum": question.maximum if question.maximum is not None else 4.0,
        "error_title": "Nilai tidak valid",
        "error_message": f"Isi angka {question.minimum or 0:g} sampai {question.maximum or 0:g}.",
    }


def differs_rule(col: int) -> str:
    """The conditional-format formula (relative to the first LKE row) that is true when the
    answer in column ``col`` is given and differs from the Jawaban (case and spaces aside)."""
    mine = f"${xl_col_to_name(col)}{FIRST_ROW + 1}"
    jawaban = f"${xl_col_to_name(COL_JAWABAN)}{FIRST_ROW + 1}"
    return f'=AND({mine}<>"",UPPER(TRIM({mine}))<>UPPER(TRIM({jawaban})))'


def roman(n: int) -> str:
    """I, II, ... VIII: the numbering of halves and hasil components."""
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[n - 1]


__all__ = [
    "COL_CATATAN",
    "COL_LENGKAP",
    "COL_TANGGAPAN",
    "COL_TPI",
    "COL_TPN",
    "FORMAT_SPECS",
    "HEADERS",
    "LAST_COL",
    "PRINT_LAST_COL",
    "REVIEW_COLS",
    "LkeSheetInfo",
    "cell",
    "conversion_formula",
    "differs_rule",
    "number",
    "ratio_formula",
    "roman",
    "string",
    "sum_of",
    "validation",
]
