"""Write the LKE scoring sheet (laid out like Lampiran III) into an xlsxwriter worksheet.

Stage: write (recap). Every Nilai, subtotal, total and threshold check is a live formula whose
cached result is the value score() computed. User text is only ever written with write_string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from rkt_excel.layout import ANSWER_LISTS
from rkt_excel.lke import ANSWER_TYPE_LABELS, OPTION_TYPES, Item, LkeModel, Question
from rkt_excel.score import RULE_ALL, RULE_AREA, RULE_HALF, Check, Scores

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
NOT_REACHED = "Belum memenuhi"  # the predikat cell when neither WBK nor WBBM is reached
PASS, FAIL = "Ya", "Tidak"
RULE_LABELS = {RULE_ALL: "semua", RULE_AREA: "per area", RULE_HALF: "per bagian"}
_LIST_TYPES = OPTION_TYPES


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


def _str(text: str) -> str:
    """A string literal for a formula."""
    return '"' + text.replace('"', '""') + '"'


def _num(value: float) -> str:
    return repr(float(value)).removesuffix(".0")


def _cell(row: int, col: int) -> str:
    return str(xl_rowcol_to_cell(row, col))


def conversion_formula(answer_cell: str, question: Question, default: str = '""') -> str:
    """Nested IF turning an option answer into its value; ``default`` when blank or invalid.

    UPPER(TRIM()) so that the comparison is case-insensitive in every program (LibreOffice may
    be set to case-sensitive comparisons).
    """
    key = f"UPPER(TRIM({answer_cell}))"
    formula = default
    for option, value in reversed(list(zip(question.options, question.values, strict=True))):
        formula = f"IF({key}={_str(option.upper())},{_num(value)},{formula})"
    return formula


def ratio_formula(item: Item, cells: Mapping[str, str]) -> str:
    """The ratio of a "%" item from its Jumlah cells (contiguous rows), "" until all are filled."""
    first, last = cells[item.inputs[0]], cells[item.inputs[-1]]
    filled = f'COUNTIF({first}:{last},">=0")={len(item.inputs)}'
    if item.rule == "decrease":
        prev, cur = cells[item.previous], cells[item.current]
        value = f"IF(AND({prev}=0,{cur}=0),1,IF({prev}=0,0,MAX(0,({prev}-{cur})/{prev})))"
    else:
        den = "SUM(" + ",".join(cells[q] for q in item.denominator) + ")"
        num = "SUM(" + ",".join(cells[q] for q in item.numerator) + ")"
        value = f"IF({den}=0,0,MIN(1,{num}/{den}))"
    return f'IF({filled},{value},"")'


def _formats(workbook: Any, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    base = {"font_name": "Arial", "font_size": 9, "valign": "top", "border": 1, "text_wrap": True}
    specs: dict[str, dict[str, Any]] = {
        "title": {"bold": True, "font_size": 13, "font_name": "Arial"},
        "subtitle": {"italic": True, "font_size": 9, "font_name": "Arial"},
        "header": {**base, "bold": True, "align": "center", "bg_color": "#D9E1F2"},
        "level1": {**base, "bold": True, "bg_color": "#BDD7EE"},
        "level2": {**base, "bold": True, "bg_color": "#DDEBF7"},
        "level3": {**base, "bold": True},
        "text": {**base},
        "jumlah_text": {**base, "indent": 2, "italic": True},
        "weight": {**base, "num_format": "0.00"},
        "weight_bold": {**base, "num_format": "0.00", "bold": True},
        "value": {**base, "num_format": "0.00"},
        "value_bold": {**base, "num_format": "0.00", "bold": True},
        "percent": {**base, "num_format": "0.00%"},
        "input": {**base, "locked": False, "bg_color": "#FFF2CC", "align": "center"},
        "input_number": {**base, "locked": False, "bg_color": "#FFF2CC", "num_format": "0.##"},
        "computed_percent": {**base, "num_format": "0.00%", "align": "center"},
        "status": {**base, "align": "center", "bold": True},
        "total": {**base, "bold": True, "bg_color": "#FCE4D6", "num_format": "0.00"},
        "total_text": {**base, "bold": True, "bg_color": "#FCE4D6"},
    }
    formats = {name: workbook.add_format(spec) for name, spec in specs.items()}
    formats.update(overrides or {})
    return formats


class _Writer:
    """Row-by-row writer; keeps the addresses the formulas and LkeSheetInfo need."""

    def __init__(
        self,
        workbook: Any,
        worksheet: Any,
        model: LkeModel,
        answers: Mapping[str, object],
        scores: Scores,
        evidence: Mapping[str, str],
        formats: dict[str, Any],
    ) -> None:
        self.ws = worksheet
        self.model = model
        self.answers = answers
        self.scores = scores
        self.evidence = evidence
        self.f = formats
        self.row = FIRST_ROW
        self.answer_cells: dict[str, str] = {}
        self.value_cells: dict[str, str] = {}
        self.strict_cells: dict[str, str] = {}
        self.evidence_cells: dict[str, str] = {}
        self.list_ranges: dict[str, str] = {}

    # --- small helpers ---------------------------------------------------------------------
    def formula(self, col: int, formula: str, fmt: Any, value: float | str | None) -> str:
        # xlsxwriter caches 0 as a formula's result unless a value is given: give score()'s.
        cached: float | str = "" if value is None else value
        self.ws.write_formula(self.row, col, "=" + formula, fmt, cached)
        return _cell(self.row, col)

    def text(self, col: int, value: str, fmt: Any) -> None:
        self.ws.write_string(self.row, col, value, fmt)

    def blank_row(self, fmt: Any, cols: range = range(COL_KODE, COL_BUKTI + 1)) -> None:
        for col in cols:
            self.ws.write_blank(self.row, col, None, fmt)

    def evidence_cell(self, key: str, fmt: Any) -> None:
        cell = _cell(self.row, COL_BUKTI)
        if key in self.evidence:
            self.ws.write_string(self.row, COL_BUKTI, str(self.evidence[key]), fmt)
        else:
            self.ws.write_blank(self.row, COL_BUKTI, None, fmt)
        self.evidence_cells[key] = cell

    def subtotal(
        self,
        key: str,
        label: str,
        name: str,
        weight: float,
        value_formula: str,
        strict_formula: str,
        style: str,
    ) -> None:
        """A hierarchy row: Kode, Uraian, Bobot, Nilai, %, Nilai (kosong = 0)."""
        off = self.scores.official.value(key)
        strict = self.scores.strict.value(key)
        fmt = self.f[style]
        self.blank_row(fmt)
        self.text(COL_KODE, key, fmt)
        self.text(COL_URAIAN, f"{label} {name}".strip(), fmt)
        self.ws.write_number(self.row, COL_BOBOT, weight, self.f["weight_bold"])
        bobot = _cell(self.row, COL_BOBOT)
        nilai = self.formula(COL_NILAI, value_formula, self.f["value_bold"], off)
        self.formula(COL_PERSEN, f"{nilai}/{bobot}", self.f["percent"], off / weight)
        ketat = self.formula(COL_KETAT, strict_formula, self.f["value_bold"], strict)
        self.value_cells[key] = nilai
        self.strict_cells[key] = ketat
        self.row += 1

    def answer(self, question: Question) -> str:
        """Write the Jawaban input cell of a question, with its validation; return its cell."""
        raw = self.answers.get(question.id)
        canonical = question.normalize(raw)
        fmt = self.f["input"] if question.is_option else self.f["input_number"]
        if isinstance(canonical, float):
            self.ws.write_number(self.row, COL_JAWABAN, canonical, fmt)
        elif isinstance(canonical, str):
            self.ws.write_string(self.row, COL_JAWABAN, canonical, fmt)
        elif raw is None or (isinstance(raw, str) and not raw.strip()):
            self.ws.write_blank(self.row, COL_JAWABAN, None, fmt)
        else:
            # An invalid answer stays visible as text (never a formula); it scores as blank.
            self.ws.write_string(self.row, COL_JAWABAN, str(raw), fmt)
        if question.is_option:
            validation: dict[str, Any] = {
                "validate": "list",
                "source": self.list_ranges[question.answer_type],
                "error_title": "Jawaban tidak valid",
                "error_message": "Pilih salah satu: " + "/".join(question.options),
            }
        elif question.answer_type == "number":
            validation = {
                "validate": "integer",
                "criteria": ">=",
                "value": 0,
                "error_title": "Jumlah tidak valid",
                "error_message": "Isi bilangan bulat 0 atau lebih.",
            }
        else:
            validation = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": question.minimum or 0.0,
                "maximum": question.maximum if question.maximum is not None else 4.0,
                "error_title": "Nilai tidak valid",
                "error_message": f"Isi angka {question.minimum or 0:g} sampai "
                f"{question.maximum or 0:g}.",
            }
        self.ws.data_validation(self.row, COL_JAWABAN, self.row, COL_JAWABAN, validation)
        cell = _cell(self.row, COL_JAWABAN)
        self.answer_cells[question.id] = cell
        return cell

    # --- sections ----------------------------------------------------------------------------
    def lists(self) -> None:
        for i, atype in enumerate(_LIST_TYPES):
            col = COL_LISTS + i
            options = ANSWER_LISTS[atype]
            for r, option in enumerate(options):
                self.ws.write_string(r, col, option)
            name = xl_col_to_name(col)
            self.list_ranges[atype] = f"=${name}$1:${name}${len(options)}"
        self.ws.set_column(COL_LISTS, COL_LISTS + len(_LIST_TYPES) - 1, None, None, {"hidden": 1})

    def header(self) -> None:
        self.ws.write_string(TITLE_ROW, 0, "LEMBAR KERJA EVALUASI ZONA INTEGRITAS", self.f["title"])
        self.ws.write_string(TITLE_ROW + 1, 0, self.model.title, self.f["subtitle"])
        self.ws.write_string(
            TITLE_ROW + 2,
            0,
            "Perkiraan nilai. Jawaban kosong tidak dihitung dalam rata-rata sub-area (seperti LKE "
            "resmi); kolom 'Nilai (kosong = 0)' menghitungnya sebagai 0.",
            self.f["subtitle"],
        )
        for col, (title, width) in enumerate(HEADERS):
            self.ws.write_string(HEADER_ROW, col, title, self.f["header"])
            self.ws.set_column(col, col, width)
        self.ws.freeze_panes(HEADER_ROW + 1, 2)

    def item_rows(self, item: Item) -> None:
        value = self.scores.items[item.id]
        fmt = self.f["text"]
        self.blank_row(fmt)
        self.text(COL_KODE, item.id, fmt)
        self.text(COL_URAIAN, f"{item.label}. {item.text}", fmt)
        self.text(COL_PENJELASAN, item.criteria, fmt)
        self.text(COL_PILIHAN, ANSWER_TYPE_LABELS[item.answer_type], fmt)
        self.evidence_cell(item.id, fmt)
        if not item.is_ratio:
            question = self.model.questions[item.id]
            cell = self.answer(question)
            nilai = self.formula(
                COL_NILAI, conversion_formula(cell, question), self.f["value"], value
            )
            self.value_cells[item.id] = nilai
            self.row += 1
            return
        # A ratio item: its Jumlah rows follow; the ratio is computed in its Jawaban cell as in
        # the official sheet, once the addresses of those rows are known.
        item_row = self.row
        self.row += 1
        cells: dict[str, str] = {}
        for qid in item.inputs:
            question = self.model.questions[qid]
            jfmt = self.f["jumlah_text"]
            self.blank_row(self.f["text"])
            self.text(COL_KODE, qid, self.f["text"])
            self.text(COL_URAIAN, question.text, jfmt)
            self.text(COL_PILIHAN, ANSWER_TYPE_LABELS["number"], self.f["text"])
            cells[qid] = self.answer(question)
            self.evidence_cell(qid, self.f["text"])
            self.row += 1
        after = self.row
        self.row = item_row
        ratio = self.formula(
            COL_JAWABAN, ratio_formula(item, cells), self.f["computed_percent"], value
        )
        nilai = self.formula(COL_NILAI, f'IF(ISNUMBER({ratio}),{ratio},"")', self.f["value"], value)
        self.value_cells[item.id] = nilai
        self.row = after

    def sub_area_rows(self, sub_id: str) -> None:
        sub = next(s for s in self.model.sub_areas if s.id == sub_id)
        header_row = self.row
        self.row += 1
        for item_id in sub.items:
            self.item_rows(self.model.items[item_id])
        after = self.row
        self.row = header_row
        cells = ",".join(self.value_cells[i] for i in sub.items)
        bobot = _cell(self.row, COL_BOBOT)
        self.subtotal(
            sub.id,
            f"{sub.label}.",
            sub.name,
            sub.weight,
            f"IFERROR(AVERAGE({cells})*{bobot},0)",
            f"SUM({cells})/{len(sub.items)}*{bobot}",
            "level3",
        )
        self.row = after

    def pengungkit(self) -> None:
        model = self.model
        top_row = self.row
        self.row += 1
        children: list[str] = []
        if model.halves:
            for h_index, half in enumerate(model.halves, start=1):
                half_row = self.row
                self.row += 1
                area_keys = []
                for area in model.areas:
                    key = f"{half.id}.{area.number}"
                    area_row = self.row
                    self.row += 1
                    subs = model.sub_areas_of(area.id, half.id)
                    for sub in subs:
                        self.sub_area_rows(sub.id)
                    after = self.row
                    self.row = area_row
                    self.subtotal(
                        key,
                        f"{area.number}.",
                        area.name.upper(),
                        model.area_half_weight(area.id, half.id),
                        "SUM(" + ",".join(self.value_cells[s.id] for s in subs) + ")",
                        "SUM(" + ",".join(self.strict_cells[s.id] for s in subs) + ")",
                        "level2",
                    )
                    self.row = after
                    area_keys.append(key)
                after = self.row
                self.row = half_row
                self.subtotal(
                    half.id,
                    f"{_roman(h_index)}.",
                    half.name.upper(),
                    half.weight,
                    "SUM(" + ",".join(self.value_cells[k] for k in area_keys) + ")",
                    "SUM(" + ",".join(self.strict_cells[k] for k in area_keys) + ")",
                    "level1",
                )
                self.row = after
                children.append(half.id)
        else:
            for area in model.areas:
                area_row = self.row
                self.row += 1
                subs = model.sub_areas_of(area.id)
                for sub in subs:
                    self.sub_area_rows(sub.id)
                after = self.row
                self.row = area_row
                self.subtotal(
                    area.id,
                    f"{area.id}.",
                    area.name.upper(),
                    area.weight,
                    "SUM(" + ",".join(self.value_cells[s.id] for s in subs) + ")",
                    "SUM(" + ",".join(self.strict_cells[s.id] for s in subs) + ")",
                    "level1",
                )
                self.row = after
                children.append(area.id)
        after = self.row
        self.row = top_row
        self.subtotal(
            "pengungkit",
            "A.",
            "PENGUNGKIT",
            model.pengungkit_weight,
            "SUM(" + ",".join(self.value_cells[k] for k in children) + ")",
            "SUM(" + ",".join(self.strict_cells[k] for k in children) + ")",
            "level1",
        )
        self.row = after

    def hasil(self) -> None:
        model = self.model
        top_row = self.row
        self.row += 1
        for c_index, comp in enumerate(model.hasil, start=1):
            comp_row = self.row
            self.row += 1
            for qid in comp.items:
                q = model.questions[qid]
                fmt = self.f["text"]
                self.blank_row(fmt)
                self.text(COL_KODE, qid, fmt)
                self.text(COL_URAIAN, q.text, fmt)
                self.ws.write_number(self.row, COL_BOBOT, q.weight, self.f["weight"])
                bobot = _cell(self.row, COL_BOBOT)
                self.text(COL_PENJELASAN, q.criteria, fmt)
                label = (
                    ANSWER_TYPE_LABELS[q.answer_type]
                    if q.is_option
                    else f"Nilai ({q.minimum or 0:g}-{q.maximum or 0:g})"
                )
                self.text(COL_PILIHAN, label, fmt)
                cell = self.answer(q)
                if q.is_option:
                    formula = f"{conversion_formula(cell, q, '0')}*{bobot}"
                else:
                    lo, hi = _num(q.minimum or 0.0), _num(q.maximum or 0.0)
                    formula = (
                        f"IF(AND(ISNUMBER({cell}),{cell}>={lo},{cell}<={hi}),{cell}/{hi}*{bobot},0)"
                    )
                value = self.scores.official.hasil_items[qid]
                nilai = self.formula(COL_NILAI, formula, self.f["value"], value)
                self.formula(COL_PERSEN, f"{nilai}/{bobot}", self.f["percent"], value / q.weight)
                ketat = self.formula(COL_KETAT, nilai, self.f["value"], value)
                self.value_cells[qid] = nilai
                self.strict_cells[qid] = ketat
                self.evidence_cell(qid, fmt)
                self.row += 1
            after = self.row
            self.row = comp_row
            self.subtotal(
                comp.id,
                f"{_roman(c_index)}.",
                comp.name.upper(),
                comp.weight,
                "SUM(" + ",".join(self.value_cells[q] for q in comp.items) + ")",
                "SUM(" + ",".join(self.strict_cells[q] for q in comp.items) + ")",
                "level2",
            )
            self.row = after
        after = self.row
        self.row = top_row
        self.subtotal(
            "hasil",
            "B.",
            "HASIL",
            model.hasil_weight,
            "SUM(" + ",".join(self.value_cells[c.id] for c in model.hasil) + ")",
            "SUM(" + ",".join(self.strict_cells[c.id] for c in model.hasil) + ")",
            "level1",
        )
        self.row = after

    def totals(self) -> None:
        self.row += 1
        rows = (
            ("TOTAL PENGUNGKIT", "pengungkit"),
            ("TOTAL HASIL", "hasil"),
        )
        for label, key in rows:
            self.blank_row(self.f["total_text"])
            self.text(COL_URAIAN, label, self.f["total_text"])
            self.formula(
                COL_NILAI, self.value_cells[key], self.f["total"], self.scores.official.value(key)
            )
            self.formula(
                COL_KETAT, self.strict_cells[key], self.f["total"], self.scores.strict.value(key)
            )
            self.row += 1
        self.blank_row(self.f["total_text"])
        self.text(COL_KODE, "total", self.f["total_text"])
        self.text(COL_URAIAN, "NILAI EVALUASI ZONA INTEGRITAS", self.f["total_text"])
        self.ws.write_number(self.row, COL_BOBOT, 100, self.f["total"])
        pv, hv = self.value_cells["pengungkit"], self.value_cells["hasil"]
        ps, hs = self.strict_cells["pengungkit"], self.strict_cells["hasil"]
        total = self.formula(COL_NILAI, f"{pv}+{hv}", self.f["total"], self.scores.official.total)
        self.formula(
            COL_PERSEN, f"{total}/100", self.f["percent"], self.scores.official.total / 100
        )
        strict = self.formula(COL_KETAT, f"{ps}+{hs}", self.f["total"], self.scores.strict.total)
        self.value_cells["total"] = total
        self.strict_cells["total"] = strict
        self.row += 2

    def area_summary(self) -> None:
        """Whole areas (Pemenuhan + Reform), which the per-area minimum is checked on."""
        model = self.model
        if not model.halves:
            return
        fmt = self.f["level2"]
        self.blank_row(fmt)
        self.text(COL_URAIAN, "NILAI PER AREA (PEMENUHAN + REFORM)", fmt)
        self.row += 1
        for area in model.areas:
            keys = [f"{h.id}.{area.number}" for h in model.halves]
            self.subtotal(
                area.id,
                f"{area.number}.",
                area.name,
                area.weight,
                "SUM(" + ",".join(self.value_cells[k] for k in keys) + ")",
                "SUM(" + ",".join(self.strict_cells[k] for k in keys) + ")",
                "text",
            )
        self.row += 1

    def checks(self) -> dict[str, str]:
        """The predikat table: one row per target, WBK and WBBM side by side, then predikat."""
        scores = self.scores
        fmt = self.f["header"]
        heads = ("Kode", "Syarat", "Nilai", "Minimal WBK", "WBK", "Minimal WBBM", "WBBM", "Aturan")
        self.ws.write_string(self.row, COL_URAIAN, "SYARAT PREDIKAT (PERKIRAAN)", self.f["level1"])
        self.row += 1
        for col, title in enumerate(heads):
            self.ws.write_string(self.row, col, title, fmt)
        self.row += 1
        targets: dict[str, dict[str, Check]] = {}
        for check in scores.checks:
            targets.setdefault(check.target, {})[check.predikat] = check
        status_cells: dict[str, str] = {}
        for target, by_predikat in targets.items():
            first = next(iter(by_predikat.values()))
            tfmt = self.f["text"]
            self.blank_row(tfmt, range(0, 8))
            self.text(0, target, tfmt)
            self.text(1, first.name, tfmt)
            actual = self.formula(2, self.value_cells[target], self.f["value"], first.actual)
            self.text(7, RULE_LABELS[first.rule], tfmt)
            for predikat, (min_col, status_col) in (("WBK", (3, 4)), ("WBBM", (5, 6))):
                found = by_predikat.get(predikat)
                if found is None:
                    self.text(min_col, "-", self.f["status"])
                    self.text(status_col, "-", self.f["status"])
                    continue
                self.ws.write_number(self.row, min_col, found.required, self.f["value"])
                minimum = _cell(self.row, min_col)
                status_cells[found.id] = self.formula(
                    status_col,
                    f'IF(ROUND({actual},6)>={minimum},"{PASS}","{FAIL}")',
                    self.f["status"],
                    PASS if found.passed else FAIL,
                )
            self.row += 1
        self.row += 1
        return status_cells

    def predikat_rows(self, status_cells: dict[str, str]) -> dict[str, str]:
        scores = self.scores
        out: dict[str, str] = {}
        lines = [("predikat", "Perkiraan predikat (minimum per area utuh)", RULE_AREA)]
        if self.model.halves:
            lines.append(
                (
                    "predikat_by_half",
                    "Perkiraan predikat (minimum per bagian Pemenuhan/Reform)",
                    RULE_HALF,
                )
            )
        for key, label, rule in lines:
            wbk = [status_cells[c.id] for c in scores.checks_for("WBK", rule)]
            wbbm = [status_cells[c.id] for c in scores.checks_for("WBBM", rule)]
            cond_wbk = "AND(" + ",".join(f'{c}="{PASS}"' for c in wbk) + ")"
            cond_wbbm = "AND(" + ",".join(f'{c}="{PASS}"' for c in wbbm) + ")"
            reached = scores.predikat if rule == RULE_AREA else scores.predikat_by_half
            self.blank_row(self.f["total_text"], range(0, 8))
            self.text(1, label, self.f["total_text"])
            out[key] = self.formula(
                2,
                f'IF({cond_wbk},IF({cond_wbbm},"WBBM","WBK"),{_str(NOT_REACHED)})',
                self.f["total_text"],
                reached or NOT_REACHED,
            )
            self.row += 1
        for predikat in ("WBK", "WBBM"):
            checks = scores.checks_for(predikat, RULE_AREA)
            parts = [f'IF({status_cells[c.id]}="{PASS}","",{_str(c.name + "; ")})' for c in checks]
            text = "".join(f"{c.name}; " for c in checks if not c.passed)
            self.text(1, f"Syarat {predikat} yang belum terpenuhi (per area utuh)", self.f["text"])
            self.ws.merge_range(self.row, 2, self.row, 7, "", self.f["text"])
            out[f"failed_{predikat}"] = self.formula(
                2, '""&' + "&".join(parts), self.f["text"], text
            )
            self.row += 1
        return out


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[n - 1]


def write_lke_sheet(
    workbook: Any,
    worksheet: Any,
    model: LkeModel,
    answers: Mapping[str, object],
    scores: Scores,
    evidence: Mapping[str, str] | None = None,
    formats: Mapping[str, Any] | None = None,
) -> LkeSheetInfo:
    """Write the LKE scoring sheet of ``model`` with ``answers`` into ``worksheet``.

    ``scores`` must be score(model, answers): its values become the formulas' cached results.
    ``evidence`` maps question (or item) ids to the units and evidence behind each answer.
    ``formats`` overrides named formats (see _formats). The sheet is not protected; the caller
    may protect it (Jawaban cells are unlocked). The workbook should be created with
    {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": False}.
    """
    fmts = _formats(workbook, formats)
    writer = _Writer(workbook, worksheet, model, answers, scores, dict(evidence or {}), fmts)
    writer.lists()
    writer.header()
    writer.pengungkit()
    writer.hasil()
    writer.totals()
    writer.area_summary()
    status_cells = writer.checks()
    extra = writer.predikat_rows(status_cells)
    return LkeSheetInfo(
        sheet=worksheet.get_name(),
        answer_cells=writer.answer_cells,
        value_cells=writer.value_cells,
        strict_cells=writer.strict_cells,
        evidence_cells=writer.evidence_cells,
        check_cells=status_cells,
        predikat_cell=extra["predikat"],
        predikat_by_half_cell=extra.get("predikat_by_half", ""),
        failed_wbk_cell=extra["failed_WBK"],
        failed_wbbm_cell=extra["failed_WBBM"],
    )


__all__ = ["LkeSheetInfo", "conversion_formula", "ratio_formula", "write_lke_sheet"]
