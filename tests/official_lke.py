"""The official LKE ZI Excel sheet (PermenPANRB 90/2021) as a test oracle for score().

Test helper: maps our ids to the sheet's cells, fills copies of the sheet with answer sets, and
says what the sheet should show for the same answers (score() plus the documented departures).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import MergedCell

from rkt_excel.lke import Item, LkeModel
from rkt_excel.score import Scores

SHARED = Path(__file__).resolve().parents[2] / "shared" / "lke-data"
OFFICIAL_XLSX = SHARED / "axxpxmd_zona_integritas__form_kuesioner_LKE_ZI_PermenPANRB90-2021.xlsx"
DERIVED_CSV = SHARED / "lke_permenpanrb_90_2021_items_derived.csv"
SHEET = "LKE ZI"
ANSWER, VALUE = "K", "L"  # Jawaban and Nilai columns

# --- The mapping: our ids -> rows of sheet "LKE ZI" -----------------------------------------------
# Read off the sheet itself (its AVERAGE/SUM ranges and item letters), matching the rows of
# shared/lke-data/lke_permenpanrb_90_2021_items_derived.csv and the "row N" in each sub-area's
# `source` in rkt_excel/data/lke-permenpanrb-90-2021.yaml. test_official_lke.py checks it against
# all three (formulas, weights, item texts, answer types), so a wrong row fails loudly.
#
# Sub-area id -> (row of its Nilai formula, rows of its items in model order).
SUB_AREAS: dict[str, tuple[int, tuple[int, ...]]] = {
    "P.1.i": (7, (8, 9)),
    "P.1.ii": (10, (11, 12, 13)),
    "P.1.iii": (14, (15, 16, 17)),
    "P.1.iv": (18, (19, 20, 21, 22)),
    "P.2.i": (24, (25, 26, 27)),
    "P.2.ii": (28, (29, 30, 31, 32)),
    "P.2.iii": (33, (34, 35)),
    "P.3.i": (37, (38, 39, 40)),
    "P.3.ii": (41, (42, 43, 44)),
    "P.3.iii": (45, (46, 47, 48, 49, 50, 51)),
    "P.3.iv": (52, (53, 54, 55, 56)),
    "P.3.v": (57, (58,)),
    "P.3.vi": (59, (60,)),
    "P.4.i": (62, (63, 64, 65)),
    "P.4.ii": (66, (67, 68, 69, 70, 71, 72, 73, 74)),
    "P.5.i": (76, (77, 78)),
    "P.5.ii": (79, (80, 81, 82, 83)),
    "P.5.iii": (84, (85, 86, 87, 88)),
    "P.5.iv": (89, (91, 92, 93)),  # row 90 is an empty line (Nilai "")
    "P.5.v": (94, (95, 96, 97, 98, 99)),
    "P.6.i": (101, (102, 103, 104, 105)),
    "P.6.ii": (106, (107, 108, 109, 110, 111, 112)),
    "P.6.iii": (113, (114, 115, 116)),
    "P.6.iv": (117, (118, 119, 120)),
    "P.6.v": (121, (122, 123, 124)),  # printed a, c, b; our ids keep the printed letters
    "R.1.i": (127, (128, 131)),
    "R.1.ii": (134, (135,)),
    "R.1.iii": (136, (137,)),
    "R.2.i": (139, (140,)),
    "R.2.ii": (141, (142, 143)),
    "R.2.iii": (144, (145, 146, 147)),
    "R.3.i": (149, (150,)),
    "R.3.ii": (151, (152,)),
    "R.3.iii": (153, (154,)),
    "R.4.i": (159, (160,)),
    "R.4.ii": (163, (164,)),
    "R.4.iii": (165, (166,)),
    "R.5.i": (168, (169,)),
    "R.5.ii": (170, (171,)),
    "R.5.iii": (175, (177, 184)),  # LHKPN % at 177 (sub-total 176), LHKASN % at 184 (183)
    "R.6.i": (191, (192, 193)),
    "R.6.ii": (196, (197,)),
}
# Jumlah input id -> row (its count goes in column K).
JUMLAH_ROWS: dict[str, int] = {
    "R.1.i.a.j1": 129,
    "R.1.i.a.j2": 130,
    "R.1.i.b.j1": 132,
    "R.1.i.b.j2": 133,
    "R.3.iii.a.j1": 155,
    "R.3.iii.a.j2": 156,
    "R.3.iii.a.j3": 157,
    "R.4.i.a.j1": 161,
    "R.4.i.a.j2": 162,
    "R.5.ii.a.j1": 172,
    "R.5.ii.a.j2": 173,
    "R.5.ii.a.j3": 174,
    "R.5.iii.a.j1": 179,
    "R.5.iii.a.j2": 180,
    "R.5.iii.a.j3": 181,
    "R.5.iii.a.j4": 182,
    "R.5.iii.b.j1": 186,
    "R.5.iii.b.j2": 187,
    "R.5.iii.b.j3": 188,
    "R.5.iii.b.j4": 189,
    "R.6.i.b.j1": 194,
    "R.6.i.b.j2": 195,
}
LHKPN_TOTAL_ROW = 178  # a formula: K179+K180+K181 ("Jumlah yang harus melaporkan")
LHKASN_TOTAL_ROW = 185  # a typed number in the sheet; we fill it with the sum of its parts
HASIL_ROWS: dict[str, int] = {"H.IPAK": 202, "H.CAPAIAN": 203, "H.IPKP": 205}
AREA_HALF_ROWS: dict[str, int] = {
    "P.1": 6,
    "P.2": 23,
    "P.3": 36,
    "P.4": 61,
    "P.5": 75,
    "P.6": 100,
    "R.1": 126,
    "R.2": 138,
    "R.3": 148,
    "R.4": 158,
    "R.5": 167,
    "R.6": 190,
}
HALF_ROWS: dict[str, int] = {"P": 5, "R": 125}
HASIL_COMPONENT_ROWS: dict[str, int] = {"bersih": 201, "pelayanan": 204}
# Level id -> every row showing it (A. PENGUNGKIT repeats TOTAL PENGUNGKIT, B. HASIL TOTAL HASIL).
TOTAL_ROWS: dict[str, tuple[int, ...]] = {
    "pengungkit": (198, 4),
    "hasil": (206, 200),
    "total": (208,),
}
# Rows 1-2 are headers and the sheet ends at row 208 (NILAI EVALUASI); below is the signature.
HEADER_ROW, LAST_ROW = 2, 208

# --- What the sheet shows -------------------------------------------------------------------------
Cell = float | str  # a number, a text ("Blm Diisi", "-", "") or an error ("#DIV/0!")
BLANK = "Blm Diisi"  # the sheet's text for an unanswered item
DIV0, VALUE_ERR = "#DIV/0!", "#VALUE!"


def is_error(value: object) -> bool:
    return isinstance(value, str) and value.startswith("#")


def item_rows(lke: LkeModel) -> dict[str, int]:
    """Item id -> the row of its Jawaban/Nilai cells (from SUB_AREAS, in model order)."""
    rows: dict[str, int] = {}
    for sub in lke.sub_areas:
        rows.update(zip(sub.items, SUB_AREAS[sub.id][1], strict=True))
    return rows


def answer_cells(lke: LkeModel) -> dict[str, str]:
    """Question id -> the A1 address of its input cell."""
    rows = item_rows(lke)
    cells = {q.id: f"{ANSWER}{rows[q.id]}" for q in lke.questions.values() if q.kind == "item"}
    cells.update({qid: f"{ANSWER}{row}" for qid, row in JUMLAH_ROWS.items()})
    cells.update({qid: f"{ANSWER}{row}" for qid, row in HASIL_ROWS.items()})
    return cells


def input_cells(lke: LkeModel) -> set[str]:
    """Every cell a copy sets: our questions plus the LHKASN typed total."""
    return set(answer_cells(lke).values()) | {f"{ANSWER}{LHKASN_TOTAL_ROW}"}


def fill(ws: Any, lke: LkeModel, answers: Mapping[str, object]) -> None:
    """Set every input cell of a "LKE ZI" worksheet from one answer set (blank when absent)."""
    for qid, cell in answer_cells(lke).items():
        ws[cell] = answers.get(qid)
    # The sheet wants LHKASN's "Jumlah yang harus melaporkan" typed in; our model (like the sheet
    # does for LHKPN) takes the sum of its three parts, so type exactly that sum. This cell only
    # feeds the LHKASN % (K184), which no sheet total uses (see expected()).
    parts = [answers.get(f"R.5.iii.b.j{n}") for n in (1, 2, 3)]
    total = (
        sum(p for p in parts if isinstance(p, int)) if all(p is not None for p in parts) else None
    )
    ws[f"{ANSWER}{LHKASN_TOTAL_ROW}"] = total


def sheet_cells(path: Path = OFFICIAL_XLSX) -> dict[str, object]:
    """Every non-empty cell of columns H-L of "LKE ZI" rows 1-208 (values and formulas).

    Bobot, Pilihan Jawaban, Jawaban and Nilai: everything the scoring formulas read (test
    test_lke_zi_formulas_read_only_their_own_sheet_and_never_round).
    """
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET]
    return {
        c.coordinate: c.value
        for row in ws.iter_rows(min_col=8, max_col=12, max_row=LAST_ROW)
        for c in row
        if c.value is not None and not isinstance(c, MergedCell)
    }


BLOCK_ROWS = 210  # lean layout: answer set j of a sheet occupies rows 1 + 210 j .. 208 + 210 j


def shift_formula(formula: str, offset: int) -> str:
    """The formula with every (relative) row number moved down by ``offset`` rows."""
    pieces, refs = _formula_template(formula)
    out = [pieces[0]]
    for (column, row), piece in zip(refs, pieces[1:], strict=True):
        out.append(f"{column}{row + offset}{piece}")
    return "".join(out)


@cache
def _formula_template(formula: str) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """Split a formula around its cell references (outside string literals), once."""
    pieces: list[str] = [""]
    refs: list[tuple[str, int]] = []
    for i, chunk in enumerate(re.split(r'("[^"]*")', formula)):
        if i % 2:  # a string literal: copied as is
            pieces[-1] += chunk
            continue
        last = 0
        for m in FORMULA_REF.finditer(chunk):
            pieces[-1] += chunk[last : m.start()]
            refs.append((m[1], int(m[2])))
            pieces.append("")
            last = m.end()
        pieces[-1] += chunk[last:]
    return tuple(pieces), tuple(refs)


def write_lean_workbook(
    path: Path, lke: LkeModel, sets: list[dict[str, object]], cells: Mapping[str, object]
) -> None:
    """Write answer sets into lean copies of "LKE ZI": the official columns H-L, stacked
    ``BLOCK_ROWS`` apart on one sheet, each with its formulas' rows moved by its offset.

    openpyxl's write-only mode: ~1.5 s per 50 sets.
    """
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    by_row: dict[int, dict[int, object]] = {}
    for address, value in cells.items():
        column, row = coordinate_from_string(address)
        by_row.setdefault(row, {})[column_index_from_string(column)] = value
    k = column_index_from_string(ANSWER)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    for index, answers in enumerate(sets):
        offset = index * BLOCK_ROWS
        probe = _Probe()
        fill(probe, lke, answers)
        for row in range(1, BLOCK_ROWS + 1):
            values: list[object] = [None] * 12
            for column, value in by_row.get(row, {}).items():
                if isinstance(value, str) and value.startswith("="):
                    value = shift_formula(value, offset)
                values[column - 1] = value
            answer = f"{ANSWER}{row}"
            if answer in probe.cells:
                values[k - 1] = probe.cells[answer]
            ws.append(values)
    wb.save(path)


class _Probe:
    """Collects what fill() would write, by address."""

    def __init__(self) -> None:
        self.cells: dict[str, object] = {}

    def __setitem__(self, address: str, value: object) -> None:
        self.cells[address] = value


def read_lean_workbook(path: Path, count: int) -> list[dict[str, object]]:
    """The recalculated Jawaban/Nilai cells of each stacked answer set, by their address in the
    official sheet ("L7"). Parses the sheet XML itself: openpyxl takes seconds for 100k cells
    and python-calamine reads error values as ""."""
    import zipfile
    from xml.etree import ElementTree

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(path) as z:
        strings: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
            strings = ["".join(t.text or "" for t in si.iter(f"{ns}t")) for si in root]
        sheet = z.read("xl/worksheets/sheet1.xml")
    out: list[dict[str, object]] = [{} for _ in range(count)]
    for cell in ElementTree.fromstring(sheet).iter(f"{ns}c"):
        column, row = re.fullmatch(r"([A-Z]+)(\d+)", cell.get("r", "")).groups()  # type: ignore[union-attr]
        if column not in (ANSWER, VALUE):
            continue
        v = cell.find(f"{ns}v")
        if v is None or v.text is None:
            continue
        kind = cell.get("t", "n")
        value: object
        if kind == "s":
            value = strings[int(v.text)]
        elif kind in ("e", "str"):
            value = v.text
        elif kind == "b":
            value = v.text == "1"
        else:
            value = float(v.text)
        index, local = divmod(int(row) - 1, BLOCK_ROWS)
        out[index][f"{column}{local + 1}"] = value
    return out


# --- Answer sets ----------------------------------------------------------------------------------


@dataclass
class AnswerSet:
    name: str
    answers: dict[str, object] = field(default_factory=dict)


def _ratio_inputs(rng: random.Random, item: Item, zero_den: float) -> dict[str, int]:
    """Random counts for one ratio item; a zero denominator with probability ``zero_den``."""
    out: dict[str, int] = {}
    if item.rule == "decrease":
        prev = 0 if rng.random() < zero_den else rng.randint(1, 12)
        out[item.previous] = prev
        out[item.current] = rng.choice([0, rng.randint(0, 15)])
        for qid in item.inputs:
            out.setdefault(qid, rng.randint(0, 5))
        return out
    den_parts = [rng.randint(0, 20) for _ in item.denominator]
    if rng.random() < zero_den:
        den_parts = [0] * len(den_parts)
    elif sum(den_parts) == 0:
        den_parts[0] = 1
    den = sum(den_parts)
    out.update(zip(item.denominator, den_parts, strict=True))
    # Sometimes over 100 % (capped), sometimes exactly 100 %, otherwise below.
    num = rng.choice([den, rng.randint(0, den), rng.randint(0, den + 5)])
    for qid in item.numerator:
        out[qid] = num
    for qid in item.inputs:
        out.setdefault(qid, rng.randint(0, 5))  # "info" inputs: required, not in the ratio
    return out


def random_answers(
    rng: random.Random,
    lke: LkeModel,
    *,
    blank: float = 0.0,
    zero_den: float = 0.0,
    areas: Iterable[str] | None = None,
    hasil: bool = True,
) -> dict[str, object]:
    """One random answer set. ``blank``: chance that each input is left empty; ``areas``: only
    these areas are answered; ``hasil``: whether the hasil inputs are answered at all."""
    keep = set(areas) if areas is not None else {a.id for a in lke.areas}
    answers: dict[str, object] = {}
    for item in lke.items.values():
        if item.area not in keep:
            continue
        if item.is_ratio:
            answers.update(_ratio_inputs(rng, item, zero_den))
        else:
            answers[item.id] = rng.choice(lke.questions[item.id].options)
    if hasil:
        for comp in lke.hasil:
            for qid in comp.items:
                q = lke.questions[qid]
                if q.is_option:
                    answers[qid] = rng.choice(q.options)
                else:
                    maximum = q.maximum or 4.0
                    answers[qid] = rng.choice(
                        [0.0, maximum, 3.6, 3.2, round(rng.uniform(0, maximum), 2)]
                        + [rng.uniform(0, maximum)] * 3
                    )
    return {q: a for q, a in answers.items() if rng.random() >= blank}


def extreme_answers(lke: LkeModel, *, best: bool) -> dict[str, object]:
    """Every option first (best) or last (worst); ratios at 100 % / 0 %; surveys 4 / 0."""
    answers: dict[str, object] = {}
    for item in lke.items.values():
        if not item.is_ratio:
            options = lke.questions[item.id].options
            answers[item.id] = options[0] if best else options[-1]
        elif item.rule == "decrease":
            answers[item.previous] = 5
            answers[item.current] = 0 if best else 7
        else:
            for qid in item.denominator:
                answers[qid] = 4
            for qid in item.numerator:
                answers[qid] = 4 * len(item.denominator) if best else 0
        for qid in item.inputs:
            answers.setdefault(qid, 1)
    for comp in lke.hasil:
        for qid in comp.items:
            q = lke.questions[qid]
            if q.is_option:
                answers[qid] = q.options[0] if best else q.options[-1]
            else:
                answers[qid] = (q.maximum or 4.0) if best else 0.0
    return answers


def without_known_departures(answers: dict[str, object]) -> dict[str, object]:
    """The same answers made so that the sheet and score() must agree to the last level: LHKASN
    copies LHKPN's ratio (the sheet ignores LHKASN), P.1.i.a agrees with P.1.i.b (the sheet
    ignores P.1.i.a, see test_official_lke.py), and no ratio divides by zero."""
    out = dict(answers)
    lhkpn = [out.get(f"R.5.iii.a.j{n}") for n in (1, 2, 3, 4)]
    if all(isinstance(v, int) for v in lhkpn):
        den = sum(v for v in lhkpn[:3] if isinstance(v, int))
        num = lhkpn[3]
        out.update({"R.5.iii.b.j1": den, "R.5.iii.b.j2": 0, "R.5.iii.b.j3": 0})
        out["R.5.iii.b.j4"] = num
    else:
        for n in (1, 2, 3, 4):
            out.pop(f"R.5.iii.b.j{n}", None)
    partner = {"A": "Ya", "C": "Tidak"}.get(str(out.get("P.1.i.b")))
    if partner is None:
        out.pop("P.1.i.a", None)
    else:
        out["P.1.i.a"] = partner
    return out


# --- What the sheet should show -------------------------------------------------------------------


@dataclass(frozen=True)
class Departure:
    """A level where the sheet, by its own formula, shows something other than score()."""

    kind: str  # unanswered-sub-area, zero-denominator, empty-hasil, lhkpn-only, lhkpn-incomplete,
    # p1ia
    level: str
    ours: float | None
    sheet: Cell


@dataclass
class Expected:
    """Level id -> what the sheet should show; departures say where and why it differs."""

    values: dict[str, Cell]
    departures: list[Departure]


def divides_by_zero(item: Item, numbers: Mapping[str, float]) -> bool:
    """True when the sheet's ratio formula for ``item`` divides by zero (all inputs given)."""
    if item.rule == "decrease":
        return numbers[item.previous] == 0 and numbers[item.current] > 0
    return sum(numbers[q] for q in item.denominator) == 0


def _lhkpn_incomplete(numbers: Mapping[str, float]) -> bool:
    parts = [f"R.5.iii.a.j{n}" in numbers for n in (1, 2, 3)]
    return "R.5.iii.a.j4" in numbers and not all(parts)


def _combine(parts: list[tuple[Cell, float]], ours: float) -> Cell:
    """A SUM in the sheet: an error if any part is one (any of them), else score()'s value plus
    each part's known difference from ours (0 unless a departure applies below)."""
    errors = sorted({p for p, _ in parts if isinstance(p, str) and is_error(p)})
    if errors:
        return "|".join(errors)
    return ours + sum(float(sheet) - mine for sheet, mine in parts)


def expected(lke: LkeModel, scores: Scores, *, p1ia_quirk: bool) -> Expected:
    """What sheet "LKE ZI" should show for the answers scored in ``scores``.

    Documented departures (docs/scoring.md "Where the LKE sheet and the regulation disagree"):
    an unanswered sub-area, a zero denominator and an empty hasil input are errors in the sheet
    and 0 for us; R.5.iii is LHKPN x 2 in the sheet (AVERAGE(L176:L179)*H175, LHKASN ignored)
    and the regulation's AVERAGE(LHKPN, LHKASN) x 2 for us. ``p1ia_quirk`` adds the one
    undocumented difference: the sheet never scores P.1.i.a (its J8 says "Ya", not "Ya/Tidak").
    """
    official = scores.official
    numbers = {q: v for q, v in scores.answers.items() if isinstance(v, float)}
    values: dict[str, Cell] = {}
    departures: list[Departure] = []

    for item in lke.items.values():
        mine = scores.items[item.id]
        cell: Cell
        if p1ia_quirk and item.id == "P.1.i.a":
            cell = "-"  # L8's formula matches no answer type for J8 = "Ya", so it shows "-"
            departures.append(Departure("p1ia", item.id, mine, cell))
        elif item.id == "R.5.iii.a" and mine is None and _lhkpn_incomplete(numbers):
            # K178 (the sum of the three parts) shows the text "Blm Diisi" until all three
            # are filled, and K177 only tests K178="" before dividing by it: #VALUE!.
            cell = VALUE_ERR
            departures.append(Departure("lhkpn-incomplete", item.id, mine, cell))
        elif mine is None:
            cell = BLANK
        elif item.is_ratio and divides_by_zero(item, numbers):
            cell = DIV0
            departures.append(Departure("zero-denominator", item.id, mine, cell))
        else:
            cell = mine
        values[item.id] = cell

    for sub in lke.sub_areas:
        mine = official.sub_areas[sub.id]
        shown = [values[i] for i in sub.items]
        errors = [v for v in shown if is_error(v)]
        kind = ""
        if sub.id == "R.5.iii":
            # L175 = AVERAGE(L176:L179)*H175 with L176 = LHKPN % x 1 and L177 = LHKPN %.
            lhkpn = values["R.5.iii.a"]
            if is_error(lhkpn):
                cell = lhkpn
            elif isinstance(lhkpn, str):
                cell = DIV0  # L176 = AVERAGE of texts only
            else:
                cell = (lhkpn * 1.0 + lhkpn) / 2 * sub.weight
            kind = "lhkpn-only"
        elif errors:
            cell, kind = errors[0], "zero-denominator"
        elif not any(isinstance(v, float) for v in shown):
            cell, kind = DIV0, "unanswered-sub-area"  # AVERAGE of texts only
        elif [isinstance(v, float) for v in shown] == [
            scores.items[i] is not None for i in sub.items
        ]:
            cell = mine  # the sheet averages exactly the items we average
        else:  # only with p1ia_quirk: the sheet averages fewer items than we do
            numeric = [v for v in shown if isinstance(v, float)]
            cell, kind = sum(numeric) / len(numeric) * sub.weight, "p1ia"
        if cell != mine:
            departures.append(Departure(kind, sub.id, mine, cell))
        values[sub.id] = cell

    for half in lke.halves:
        for area in lke.areas:
            key = f"{half.id}.{area.number}"
            parts = [
                (values[s.id], official.sub_areas[s.id]) for s in lke.sub_areas_of(area.id, half.id)
            ]
            values[key] = _combine(parts, official.area_halves[key])
    for area in lke.areas:  # no cell of its own: the sum of the two area-half cells
        parts = [
            (values[f"{h.id}.{area.number}"], official.area_halves[f"{h.id}.{area.number}"])
            for h in lke.halves
        ]
        values[area.id] = _combine(parts, official.areas[area.id])
    for half in lke.halves:
        parts = [
            (values[f"{half.id}.{a.number}"], official.area_halves[f"{half.id}.{a.number}"])
            for a in lke.areas
        ]
        values[half.id] = _combine(parts, official.halves[half.id])
    values["pengungkit"] = _combine(
        [(values[h.id], official.halves[h.id]) for h in lke.halves], scores.pengungkit
    )

    for comp in lke.hasil:
        for qid in comp.items:
            mine = official.hasil_items[qid]
            if qid in scores.answers:
                values[qid] = mine
            else:  # "Blm Diisi" x bobot
                values[qid] = VALUE_ERR
                departures.append(Departure("empty-hasil", qid, mine, VALUE_ERR))
        parts = [(values[q], official.hasil_items[q]) for q in comp.items]
        values[comp.id] = _combine(parts, official.hasil_components[comp.id])
    values["hasil"] = _combine(
        [(values[c.id], official.hasil_components[c.id]) for c in lke.hasil], scores.hasil
    )
    values["total"] = _combine(
        [(values["pengungkit"], scores.pengungkit), (values["hasil"], scores.hasil)],
        scores.total,
    )
    return Expected(values, departures)


@cache
def level_cells(lke: LkeModel) -> dict[str, tuple[str, ...]]:
    """Level id -> the Nilai cell(s) showing it; areas I..VI have none (empty tuple)."""
    cells: dict[str, tuple[str, ...]] = {
        item: (f"{VALUE}{row}",) for item, row in item_rows(lke).items()
    }
    cells.update({sid: (f"{VALUE}{row}",) for sid, (row, _) in SUB_AREAS.items()})
    cells.update({key: (f"{VALUE}{row}",) for key, row in AREA_HALF_ROWS.items()})
    cells.update({a.id: () for a in lke.areas})
    cells.update({key: (f"{VALUE}{row}",) for key, row in HALF_ROWS.items()})
    cells.update({qid: (f"{VALUE}{row}",) for qid, row in HASIL_ROWS.items()})
    cells.update({key: (f"{VALUE}{row}",) for key, row in HASIL_COMPONENT_ROWS.items()})
    cells.update({key: tuple(f"{VALUE}{r}" for r in rows) for key, rows in TOTAL_ROWS.items()})
    return cells


def shown(lke: LkeModel, level: str, sheet: Mapping[str, object]) -> list[tuple[str, Cell]]:
    """(cell, value) pairs the recalculated sheet shows for ``level``; for an area, its two
    area-half cells added up in Python (an error if either is one)."""
    cells = level_cells(lke)[level]
    if cells:
        return [(c, _cell(sheet.get(c))) for c in cells]
    area = lke.area(level)
    halves = [_cell(sheet.get(level_cells(lke)[f"{h.id}.{area.number}"][0])) for h in lke.halves]
    errors = [h for h in halves if is_error(h)]
    label = "+".join(level_cells(lke)[f"{h.id}.{area.number}"][0] for h in lke.halves)
    if errors:
        return [(label, str(errors[0]))]
    return [(label, sum(float(h) for h in halves))]


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return float(value)
    return str(value)


def agrees(want: Cell, got: Cell, tol: float = 1e-9) -> bool:
    """Numbers within ``tol``; an expected error "#A|#B" accepts either; texts exactly."""
    if isinstance(want, float):
        return isinstance(got, float) and abs(want - got) <= tol
    if is_error(want):
        return got in want.split("|")
    return want == got


FORMULA_REF = re.compile(r"(?<![A-Z])\$?([A-Z]{1,3})\$?(\d+)")
STRING_LITERAL = re.compile(r'"[^"]*"')


def formula_refs(formula: str) -> list[tuple[str, int]]:
    """(column, row) of every cell reference in a formula (string literals removed)."""
    return [(c, int(r)) for c, r in FORMULA_REF.findall(STRING_LITERAL.sub("", formula))]
