"""The recap's LKE sheet: the LKE scoring sheet (laid out like Lampiran III) with live formulas.

Owns writing the sheet: ``write_lke_sheet`` (usable on its own, into any xlsxwriter worksheet)
and the recap's tab (``NAME``, ``write``), which adds the units and bukti dukung behind each
answer. Every Nilai, subtotal, total and threshold check is a live formula whose cached result
is the value score() computed; the layout and formula text are ``lke_layout``'s. User text is
only ever written with write_string. Computes no score itself.

A little over 600 lines on purpose: ``_Writer`` walks the one tree of an LKE model (halves,
areas, sub-areas, items, hasil) and writes each level's row with its formulas, the review
columns beside it and its print setup; split, the walk would be repeated per concern.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.utility import xl_col_to_name

import rkt_excel.recap.hasil_sheet as hasil_sheet
from rkt_excel.consolidate import Evidence
from rkt_excel.layout import ANSWER_LISTS
from rkt_excel.lke import (
    ANSWER_TYPE_LABELS,
    OPTION_TYPES,
    Area,
    Half,
    HasilComponent,
    Item,
    LkeModel,
    Question,
    SubArea,
)
from rkt_excel.recap.cells import (
    MAX_STRING,
    Sheet,
    cell_text,
    is_missing,
)
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.labels import NO, NOT_REACHED, RULE_LABELS, YES
from rkt_excel.recap.lke_layout import (
    COL_BOBOT,
    COL_BUKTI,
    COL_JAWABAN,
    COL_KETAT,
    COL_KODE,
    COL_LENGKAP,
    COL_LISTS,
    COL_NILAI,
    COL_PENJELASAN,
    COL_PERSEN,
    COL_PILIHAN,
    COL_URAIAN,
    FIRST_ROW,
    FORMAT_SPECS,
    HEADER_ROW,
    HEADERS,
    LAST_COL,
    PRINT_LAST_COL,
    REVIEW_COLS,
    TITLE_ROW,
    LkeSheetInfo,
    cell,
    conversion_formula,
    differs_rule,
    number,
    ratio_formula,
    roman,
    string,
    sum_of,
    validation,
)
from rkt_excel.review import ANSWER_FIELDS, LKE_SHEET, ReviewEntry
from rkt_excel.score import RULE_AREA, RULE_HALF, Check, Scores

NAME = LKE_SHEET
_LIST_TYPES = OPTION_TYPES
Formulas = tuple[str, str]  # (Nilai, Nilai kosong = 0) of a subtotal row


def lke_formats(workbook: Any, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The named formats of the LKE sheet, added to ``workbook``; ``overrides`` replace some."""
    made = {name: workbook.add_format(spec) for name, spec in FORMAT_SPECS.items()}
    # A conditional format: an evaluator's answer that differs from the Jawaban.
    made["differs"] = workbook.add_format({"bg_color": "#F8CBAD", "bold": True})
    made.update(overrides or {})
    return made


@dataclass(eq=False)
class _Writer:
    """Row-by-row writer; keeps the addresses the formulas and LkeSheetInfo need."""

    ws: Any
    model: LkeModel
    answers: Mapping[str, object]
    scores: Scores
    evidence: Mapping[str, str]
    f: dict[str, Any]  # the named formats
    completeness: Mapping[str, float | None] = field(default_factory=dict)
    review: Mapping[str, ReviewEntry] = field(default_factory=dict)
    hasil_sources: Mapping[str, str] = field(default_factory=dict)  # qid -> 'Hasil'!$C$5
    row: int = FIRST_ROW
    # A1 cells by question, level or item id; dropdown sources by answer type.
    answer_cells: dict[str, str] = field(default_factory=dict)
    value_cells: dict[str, str] = field(default_factory=dict)
    strict_cells: dict[str, str] = field(default_factory=dict)
    evidence_cells: dict[str, str] = field(default_factory=dict)
    review_cells: dict[str, dict[str, str]] = field(default_factory=dict)
    list_ranges: dict[str, str] = field(default_factory=dict)
    last_question_row: int = FIRST_ROW

    # --- small helpers ---------------------------------------------------------------------
    def formula(self, col: int, formula: str, fmt: Any, value: float | str | None) -> str:
        # xlsxwriter caches 0 as a formula's result unless a value is given: give score()'s.
        cached: float | str = "" if value is None else value
        self.ws.write_formula(self.row, col, "=" + formula, fmt, cached)
        return cell(self.row, col)

    def text(self, col: int, value: str, fmt: Any) -> None:
        self.ws.write_string(self.row, col, value, fmt)

    def blank_row(self, fmt: Any, cols: range = range(COL_KODE, LAST_COL + 1)) -> None:
        for col in cols:
            self.ws.write_blank(self.row, col, None, fmt)

    def evidence_cell(self, key: str, fmt: Any) -> None:
        at = cell(self.row, COL_BUKTI)
        if key in self.evidence:
            self.ws.write_string(self.row, COL_BUKTI, str(self.evidence[key]), fmt)
        else:
            self.ws.write_blank(self.row, COL_BUKTI, None, fmt)
        self.evidence_cells[key] = at
        share = self.completeness.get(key)
        if share is not None:
            self.ws.write_number(self.row, COL_LENGKAP, share / 100, self.f["computed_percent"])

    def review_inputs(self, key: str, question: Question | None) -> None:
        """The review input cells of an LKE row: the evaluators' answers (only where the row
        has a Jawaban input, ``question``), the TPI note and the unit's response, pre-filled
        with what the last returned recap held."""
        entry = self.review.get(key, ReviewEntry(key))
        cells: dict[str, str] = {}
        for name, col in REVIEW_COLS.items():
            if name in ANSWER_FIELDS:
                if question is None:
                    continue
                self.put_answer(col, question, entry.value(name))
            else:
                text = str(entry.value(name) or "")
                if text:
                    self.ws.write_string(self.row, col, text[:MAX_STRING], self.f["input_text"])
                else:
                    self.ws.write_blank(self.row, col, None, self.f["input_text"])
            cells[name] = cell(self.row, col)
        self.review_cells[key] = cells
        self.last_question_row = self.row

    def differences(self) -> None:
        """Highlight an evaluator's answer that differs from the Jawaban (live)."""
        for name in ANSWER_FIELDS:
            col = REVIEW_COLS[name]
            rule = {"type": "formula", "criteria": differs_rule(col), "format": self.f["differs"]}
            self.ws.conditional_format(FIRST_ROW, col, self.last_question_row, col, rule)

    def sums(self, keys: Sequence[str]) -> Formulas:
        """SUM of the Nilai cells and SUM of the strict cells of ``keys``."""
        return (
            sum_of(self.value_cells[k] for k in keys),
            sum_of(self.strict_cells[k] for k in keys),
        )

    def subtotal(
        self, key: str, label: str, name: str, weight: float, style: str, formulas: Formulas
    ) -> None:
        """A hierarchy row: Kode, Uraian, Bobot, Nilai, %, Nilai (kosong = 0)."""
        off = self.scores.official.value(key)
        strict = self.scores.strict.value(key)
        fmt = self.f[style]
        self.blank_row(fmt)
        self.text(COL_KODE, key, fmt)
        self.text(COL_URAIAN, f"{label} {name}".strip(), fmt)
        self.ws.write_number(self.row, COL_BOBOT, weight, self.f["weight_bold"])
        bobot = cell(self.row, COL_BOBOT)
        nilai = self.formula(COL_NILAI, formulas[0], self.f["value_bold"], off)
        self.formula(COL_PERSEN, f"{nilai}/{bobot}", self.f["percent"], off / weight)
        ketat = self.formula(COL_KETAT, formulas[1], self.f["value_bold"], strict)
        self.value_cells[key] = nilai
        self.strict_cells[key] = ketat
        self.row += 1

    def total_over(
        self,
        key: str,
        label: str,
        name: str,
        weight: float,
        style: str,
        children: Callable[[], Sequence[str]],
        formulas: Callable[[Sequence[str]], Formulas] | None = None,
    ) -> str:
        """A subtotal row above the rows ``children`` writes (it returns their keys); by
        default the row sums their cells. Returns ``key``."""
        top = self.row
        self.row += 1
        keys = children()
        after, self.row = self.row, top
        self.subtotal(key, label, name, weight, style, (formulas or self.sums)(keys))
        self.row = after
        return key

    def put_answer(self, col: int, question: Question, raw: Any) -> None:
        """An answer in an input cell: canonical when valid ("A", not "a"); else as typed, as
        text (never a formula), visible and scoring as blank."""
        canonical = question.normalize(raw)
        fmt = self.f["input"] if question.is_option else self.f["input_number"]
        if isinstance(canonical, float):
            self.ws.write_number(self.row, col, canonical, fmt)
        elif isinstance(canonical, str):
            self.ws.write_string(self.row, col, canonical, fmt)
        elif raw is None or (isinstance(raw, str) and not raw.strip()):
            self.ws.write_blank(self.row, col, None, fmt)
        else:
            self.ws.write_string(self.row, col, cell_text(raw), fmt)
        self.ws.data_validation(
            self.row, col, self.row, col, validation(question, self.list_ranges)
        )

    def answer(self, question: Question) -> str:
        """Write the Jawaban input cell of a question, with its validation; return its cell.

        A hasil input with a source (the recap's Hasil sheet) is a live link to it instead."""
        at = cell(self.row, COL_JAWABAN)
        self.answer_cells[question.id] = at
        source = self.hasil_sources.get(question.id)
        if source is None:
            self.put_answer(COL_JAWABAN, question, self.answers.get(question.id))
            return at
        raw = self.answers.get(question.id)
        canonical = question.normalize(raw)
        shown: float | str = canonical if canonical is not None else ""
        if canonical is None and raw is not None:
            shown = cell_text(raw)  # as the Hasil sheet shows it: an invalid value, as typed
        self.formula(COL_JAWABAN, f'IF({source}="","",{source})', self.f["linked"], shown)
        return at

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

    def item_rows(self, item: Item) -> str:
        value = self.scores.items[item.id]
        fmt = self.f["text"]
        self.blank_row(fmt)
        self.text(COL_KODE, item.id, fmt)
        self.text(COL_URAIAN, f"{item.label}. {item.text}", fmt)
        self.text(COL_PENJELASAN, item.criteria, fmt)
        self.text(COL_PILIHAN, ANSWER_TYPE_LABELS[item.answer_type], fmt)
        self.evidence_cell(item.id, fmt)
        self.review_inputs(item.id, None if item.is_ratio else self.model.questions[item.id])
        if not item.is_ratio:
            question = self.model.questions[item.id]
            answer = self.answer(question)
            nilai = self.formula(
                COL_NILAI, conversion_formula(answer, question), self.f["value"], value
            )
            self.value_cells[item.id] = nilai
            self.row += 1
            return item.id
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
            self.review_inputs(qid, question)
            self.row += 1
        after = self.row
        self.row = item_row
        ratio = self.formula(
            COL_JAWABAN, ratio_formula(item, cells), self.f["computed_percent"], value
        )
        nilai = self.formula(COL_NILAI, f'IF(ISNUMBER({ratio}),{ratio},"")', self.f["value"], value)
        self.value_cells[item.id] = nilai
        self.row = after
        return item.id

    def sub_area_rows(self, sub: SubArea) -> str:
        def averages(items: Sequence[str]) -> Formulas:
            # Blank answers are left out of the official average; the strict one counts them 0.
            cells = ",".join(self.value_cells[i] for i in items)
            bobot = cell(self.row, COL_BOBOT)
            return (
                f"IFERROR(AVERAGE({cells})*{bobot},0)",
                f"SUM({cells})/{len(items)}*{bobot}",
            )

        return self.total_over(
            sub.id,
            f"{sub.label}.",
            sub.name,
            sub.weight,
            "level3",
            lambda: [self.item_rows(self.model.items[i]) for i in sub.items],
            averages,
        )

    def area_rows(self, area: Area, half: Half | None) -> str:
        """An area (of one half, when the model has halves) above its sub-areas."""
        model = self.model
        subs = model.sub_areas_of(area.id, None if half is None else half.id)
        if half is None:
            key, label, weight, style = area.id, f"{area.id}.", area.weight, "level1"
        else:
            key, label = f"{half.id}.{area.number}", f"{area.number}."
            weight, style = model.area_half_weight(area.id, half.id), "level2"
        return self.total_over(
            key, label, area.name.upper(), weight, style,
            lambda: [self.sub_area_rows(s) for s in subs],
        )  # fmt: skip

    def half_rows(self, n: int, half: Half) -> str:
        """Pemenuhan or Reform above its areas."""
        return self.total_over(
            half.id, f"{roman(n)}.", half.name.upper(), half.weight, "level1",
            lambda: [self.area_rows(area, half) for area in self.model.areas],
        )  # fmt: skip

    def pengungkit(self) -> None:
        model = self.model

        def parts() -> list[str]:
            if not model.halves:
                return [self.area_rows(area, None) for area in model.areas]
            return [self.half_rows(n, half) for n, half in enumerate(model.halves, start=1)]

        self.total_over("pengungkit", "A.", "PENGUNGKIT", model.pengungkit_weight, "level1", parts)

    def hasil_row(self, qid: str) -> str:
        """One hasil input: its answer, and Nilai = answer scaled to its bobot."""
        q = self.model.questions[qid]
        fmt = self.f["text"]
        self.blank_row(fmt)
        self.text(COL_KODE, qid, fmt)
        self.text(COL_URAIAN, q.text, fmt)
        self.ws.write_number(self.row, COL_BOBOT, q.weight, self.f["weight"])
        bobot = cell(self.row, COL_BOBOT)
        self.text(COL_PENJELASAN, q.criteria, fmt)
        label = (
            ANSWER_TYPE_LABELS[q.answer_type]
            if q.is_option
            else f"Nilai ({q.minimum or 0:g}-{q.maximum or 0:g})"
        )
        self.text(COL_PILIHAN, label, fmt)
        answer = self.answer(q)
        if q.is_option:
            formula = f"{conversion_formula(answer, q, '0')}*{bobot}"
        else:
            lo, hi = number(q.minimum or 0.0), number(q.maximum or 0.0)
            formula = (
                f"IF(AND(ISNUMBER({answer}),{answer}>={lo},{answer}<={hi}),{answer}/{hi}*{bobot},0)"
            )
        value = self.scores.official.hasil_items[qid]
        nilai = self.formula(COL_NILAI, formula, self.f["value"], value)
        self.formula(COL_PERSEN, f"{nilai}/{bobot}", self.f["percent"], value / q.weight)
        ketat = self.formula(COL_KETAT, nilai, self.f["value"], value)
        self.value_cells[qid] = nilai
        self.strict_cells[qid] = ketat
        self.evidence_cell(qid, fmt)
        self.review_inputs(qid, q)
        self.row += 1
        return qid

    def component_rows(self, n: int, comp: HasilComponent) -> str:
        """A hasil component above its inputs."""
        return self.total_over(
            comp.id, f"{roman(n)}.", comp.name.upper(), comp.weight, "level2",
            lambda: [self.hasil_row(qid) for qid in comp.items],
        )  # fmt: skip

    def hasil(self) -> None:
        model = self.model
        self.total_over(
            "hasil", "B.", "HASIL", model.hasil_weight, "level1",
            lambda: [self.component_rows(n, c) for n, c in enumerate(model.hasil, start=1)],
        )  # fmt: skip

    def totals(self) -> None:
        self.row += 1
        official, strict = self.scores.official, self.scores.strict
        for label, key in (("TOTAL PENGUNGKIT", "pengungkit"), ("TOTAL HASIL", "hasil")):
            self.blank_row(self.f["total_text"])
            self.text(COL_URAIAN, label, self.f["total_text"])
            self.formula(COL_NILAI, self.value_cells[key], self.f["total"], official.value(key))
            self.formula(COL_KETAT, self.strict_cells[key], self.f["total"], strict.value(key))
            self.row += 1
        self.blank_row(self.f["total_text"])
        self.text(COL_KODE, "total", self.f["total_text"])
        self.text(COL_URAIAN, "NILAI EVALUASI ZONA INTEGRITAS", self.f["total_text"])
        self.ws.write_number(self.row, COL_BOBOT, 100, self.f["total"])
        pv, hv = self.value_cells["pengungkit"], self.value_cells["hasil"]
        ps, hs = self.strict_cells["pengungkit"], self.strict_cells["hasil"]
        total = self.formula(COL_NILAI, f"{pv}+{hv}", self.f["total"], official.total)
        self.formula(COL_PERSEN, f"{total}/100", self.f["percent"], official.total / 100)
        strict_total = self.formula(COL_KETAT, f"{ps}+{hs}", self.f["total"], strict.total)
        self.value_cells["total"] = total
        self.strict_cells["total"] = strict_total
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
                area.id, f"{area.number}.", area.name, area.weight, "text", self.sums(keys)
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
                minimum = cell(self.row, min_col)
                status_cells[found.id] = self.formula(
                    status_col,
                    f'IF(ROUND({actual},6)>={minimum},"{YES}","{NO}")',
                    self.f["status"],
                    YES if found.passed else NO,
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
            cond_wbk = "AND(" + ",".join(f'{c}="{YES}"' for c in wbk) + ")"
            cond_wbbm = "AND(" + ",".join(f'{c}="{YES}"' for c in wbbm) + ")"
            reached = scores.predikat if rule == RULE_AREA else scores.predikat_by_half
            self.blank_row(self.f["total_text"], range(0, 8))
            self.text(1, label, self.f["total_text"])
            out[key] = self.formula(
                2,
                f'IF({cond_wbk},IF({cond_wbbm},"WBBM","WBK"),{string(NOT_REACHED)})',
                self.f["total_text"],
                reached or NOT_REACHED,
            )
            self.row += 1
        for predikat in ("WBK", "WBBM"):
            checks = scores.checks_for(predikat, RULE_AREA)
            parts = [f'IF({status_cells[c.id]}="{YES}","",{string(c.name + "; ")})' for c in checks]
            text = "".join(f"{c.name}; " for c in checks if not c.passed)
            self.text(1, f"Syarat {predikat} yang belum terpenuhi (per area utuh)", self.f["text"])
            self.ws.merge_range(self.row, 2, self.row, 7, "", self.f["text"])
            out[f"failed_{predikat}"] = self.formula(
                2, '""&' + "&".join(parts), self.f["text"], text
            )
            self.row += 1
        return out


def write_lke_sheet(
    workbook: Any,
    worksheet: Any,
    model: LkeModel,
    answers: Mapping[str, object],
    scores: Scores,
    evidence: Mapping[str, str] | None = None,
    formats: Mapping[str, Any] | None = None,
    *,
    completeness: Mapping[str, float | None] | None = None,
    review: Mapping[str, ReviewEntry] | None = None,
    hasil_sources: Mapping[str, str] | None = None,
) -> LkeSheetInfo:
    """Write the LKE scoring sheet of ``model`` with ``answers`` into ``worksheet``.

    ``scores`` must be score(model, answers): its values become the formulas' cached results.
    ``evidence`` maps question (or item) ids to the units and evidence behind each answer.
    ``formats`` overrides named formats (see ``lke_formats``). ``completeness`` maps question
    ids to the evidence completeness in % (evidence.py); ``review`` pre-fills the review
    columns (the evaluators' answers and note, the unit's response) by LKE row code;
    ``hasil_sources`` makes each hasil input's Jawaban a live link to the cell given (the
    recap's Hasil sheet) instead of an input. The sheet is not protected; the
    caller may protect it (Jawaban cells are unlocked). The workbook should be created with
    {"strings_to_formulas": False, "strings_to_urls": False, "nan_inf_to_errors": False}.
    """
    fmts = lke_formats(workbook, formats)
    writer = _Writer(
        worksheet,
        model,
        answers,
        scores,
        dict(evidence or {}),
        fmts,
        completeness=dict(completeness or {}),
        review=dict(review or {}),
        hasil_sources=dict(hasil_sources or {}),
    )
    writer.lists()
    writer.header()
    writer.pengungkit()
    writer.hasil()
    writer.differences()
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
        review_cells=writer.review_cells,
        predikat_cell=extra["predikat"],
        predikat_by_half_cell=extra.get("predikat_by_half", ""),
        failed_wbk_cell=extra["failed_WBK"],
        failed_wbbm_cell=extra["failed_WBBM"],
    )


# --- the recap's LKE tab -----------------------------------------------------------------------


def evidence_text(evidence: Mapping[str, Sequence[Evidence]]) -> dict[str, str]:
    """Per LKE question: one line per unit and row, "UNIT (row): jawaban — bukti dukung"."""
    out: dict[str, str] = {}
    for qid, items in evidence.items():
        lines = []
        for e in items:
            parts = [cell_text(p) for p in (e.jawaban, e.bukti_dukung) if not is_missing(p)]
            if e.link and e.link not in parts:
                parts.append(e.link)
            lines.append(f"{e.unit_code} ({e.row_id}): " + " — ".join(parts))
        text = "\n".join(lines)
        if len(text) > MAX_STRING:
            note = "\n… (selengkapnya di sheet Rekap Indikator)"
            text = text[: MAX_STRING - len(note)] + note
        out[qid] = text
    return out


def write(ctx: RecapContext, sh: Sheet) -> None:
    """The recap's LKE sheet, with the combined answers; sets ``ctx.lke`` for the other sheets."""
    c = ctx.consolidation
    completeness = {q: share.percent for q, share in c.evidence_report.by_question().items()}
    ctx.lke_info = write_lke_sheet(
        ctx.workbook,
        sh.ws,
        c.model,
        c.answers,
        c.result,
        evidence=evidence_text(c.evidence),
        completeness=completeness,
        review=c.review.entries if c.review is not None else None,
        hasil_sources=hasil_sheet.value_cells(c.model),
    )
    last_row = sh.ws.dim_rowmax if sh.ws.dim_rowmax is not None else HEADER_ROW
    sh.print_setup(repeat_rows=HEADER_ROW, print_area=(0, 0, last_row, PRINT_LAST_COL), narrow=True)


__all__ = ["NAME", "LkeSheetInfo", "evidence_text", "lke_formats", "write", "write_lke_sheet"]
