"""The LKE sheet's layout and the text of its formulas: columns, rows, where things end up
(``LkeSheetInfo``) and the formulas that turn answers into Nilai.

Owns what ``lke_sheet`` writes and what other sheets need to link to the LKE sheet's cells.
Pure: builds strings, writes no cell. Formulas use only functions LibreOffice and Gnumeric
know too (no LET, XLOOKUP, IFS or TEXTJOIN).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from xlsxwriter.utility import xl_rowcol_to_cell

from rkt_excel.lke import Item, Question

# --- columns (0-based) -------------------------------------------------------------------------
COL_KODE, COL_URAIAN, COL_BOBOT, COL_PENJELASAN, COL_PILIHAN = 0, 1, 2, 3, 4
COL_JAWABAN, COL_NILAI, COL_PERSEN, COL_KETAT, COL_BUKTI = 5, 6, 7, 8, 9
COL_LISTS = 12  # hidden: one dropdown list per answer type, from row 1
HEADERS: tuple[tuple[str, float], ...] = (
    ("Kode", 11),
    ("Komponen / Pertanyaan", 60),
    ("Bobot", 8),
    ("Penjelasan", 50),
    ("Pilihan Jawaban", 12),
    ("Jawaban", 11),
    ("Nilai", 9),
    ("%", 9),
    ("Nilai (kosong = 0)", 11),
    ("Unit / Bukti Dukung", 45),
)
TITLE_ROW, HEADER_ROW, FIRST_ROW = 0, 3, 4


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


def roman(n: int) -> str:
    """I, II, ... VIII: the numbering of halves and hasil components."""
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[n - 1]


__all__ = [
    "HEADERS",
    "LkeSheetInfo",
    "cell",
    "conversion_formula",
    "number",
    "ratio_formula",
    "roman",
    "string",
    "sum_of",
]
