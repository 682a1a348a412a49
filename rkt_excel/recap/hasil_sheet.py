"""The recap's Hasil sheet: the komponen hasil inputs (the survey values, capaian kinerja or
TLHP) and the other hasil figures (respondents, services covered, survey period, report link),
as input cells the secretariat or the evaluators fill, with their checks.

Owns this sheet's layout (``value_cells`` tells the LKE sheet where each hasil input is, so
its Jawaban links here live) and texts. The fields, how a typed value is read and the checks
are ``hasil``'s; reading a returned recap back is ``read_review``'s. Computes no score.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from rkt_excel.hasil import (
    HEADER_ROW,
    INTEGER,
    KEY_COL,
    LABEL_COL,
    PERCENT,
    RESPONDENTS,
    SERVICES,
    SHEET_HASIL,
    SURVEY_MAX,
    VALUE_COL,
    InfoField,
    check_hasil,
    hasil_questions,
    info_fields,
    per_service,
)
from rkt_excel.issues import render_issue
from rkt_excel.lke import LkeModel, Question
from rkt_excel.recap.cells import Sheet
from rkt_excel.recap.context import RecapContext

NAME = SHEET_HASIL
_UNIT_WORDS = {INTEGER: "bilangan bulat", PERCENT: "persen 0–100"}
INTRO = (
    "Isi sel kuning. Nilai survei ZI memakai skala 0–4 (IPAK dan IPKP). Isian sheet ini dibaca "
    "kembali pada konsolidasi berikutnya (rkt-excel consolidate --review <rekap ini>); nilai "
    "hasil di sheet LKE mengikuti sel-sel ini."
)
SAMPLE_RULE = (
    "Minimal 30 responden per unit kerja, mencakup setiap jenis layanan (PermenPANRB 90/2021, "
    "Bab IV)."
)
SCALE_COL, NOTE_COL = 3, 4
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Kode", 14),
    ("Isian", 48),
    ("Nilai", 14),
    ("Skala / satuan", 22),
    ("Keterangan pemeriksaan", 60),
)


def _keys(model: LkeModel) -> list[str]:
    return [q.id for q in hasil_questions(model)] + [f.key for f in info_fields(model)]


def value_cells(model: LkeModel) -> dict[str, str]:
    """Key (hasil question id or hasil.InfoField key) -> the absolute reference of its input
    cell on this sheet ('Hasil'!$C$5)."""
    first = HEADER_ROW + 1
    return {
        key: f"'{NAME}'!" + xl_rowcol_to_cell(first + n, VALUE_COL, row_abs=True, col_abs=True)
        for n, key in enumerate(_keys(model))
    }


def _scale(question: Question) -> str:
    if question.is_option:
        return "/".join(question.options)
    return f"{question.minimum or 0:g}–{question.maximum or 0:g}"


def _question_validation(question: Question) -> dict[str, Any]:
    if question.is_option:
        return {"validate": "list", "source": list(question.options)}
    high = question.maximum if question.maximum is not None else SURVEY_MAX
    return {
        "validate": "decimal",
        "criteria": "between",
        "minimum": question.minimum or 0.0,
        "maximum": high,
        # A warning, not a stop: a value on another scale can be typed, and is then named.
        "error_type": "warning",
        "error_title": "Di luar skala",
        "error_message": f"Skala {question.text[:40]}: {question.minimum or 0:g}–{high:g}. "
        "IPAK BPS (0–5) dan SPI KPK (0–100) memakai skala lain.",
    }


def _info_validation(field: InfoField) -> dict[str, Any] | None:
    if field.kind == INTEGER:
        return {"validate": "integer", "criteria": ">=", "value": 0}
    if field.kind == PERCENT:
        return {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100}
    return None


def write(ctx: RecapContext, sh: Sheet) -> None:
    """The hasil inputs and figures with their checks, pre-filled with this recap's values."""
    c, ws, fmt = ctx.consolidation, sh.ws, sh.fmt
    model = c.model
    ws.write_string(0, 0, "KOMPONEN HASIL: SURVEI DAN CAPAIAN", fmt["title"])
    widths = [w for _, w in COLUMNS]
    sh.prose(1, INTRO, len(COLUMNS) - 1, sum(widths))
    sh.header(HEADER_ROW, [t for t, _ in COLUMNS], widths)
    sh.print_as_table(HEADER_ROW)
    entry = fmt["input"]
    values = {q.id: c.answers.get(q.id) for q in hasil_questions(model)}
    info = dict(c.hasil_info)
    found = check_hasil(model, values, info, file="")
    notes: dict[str, list[str]] = {}
    for issue in found:
        notes.setdefault(issue.field, []).append(render_issue(issue))
    row = HEADER_ROW + 1
    for question in hasil_questions(model):
        sh.put(row, KEY_COL, question.id)
        sh.put(row, LABEL_COL, question.text)
        _input(sh, row, values[question.id], entry)
        ws.data_validation(row, VALUE_COL, row, VALUE_COL, _question_validation(question))
        sh.put(row, SCALE_COL, _scale(question))
        note = "\n".join(notes.get(question.id, []))
        sh.put(row, NOTE_COL, note)
        sh.fit_rows(row, [(question.text, widths[LABEL_COL]), (note, widths[NOTE_COL])])
        row += 1
    for field in info_fields(model):
        sh.put(row, KEY_COL, field.key)
        sh.put(row, LABEL_COL, field.label)
        _input(sh, row, info.get(field.key), entry)
        validation = _info_validation(field)
        if validation is not None:
            ws.data_validation(row, VALUE_COL, row, VALUE_COL, validation)
        sh.put(row, SCALE_COL, _UNIT_WORDS.get(field.kind, "teks"))
        note = "\n".join(notes.get(field.key, []))
        sh.put(row, NOTE_COL, note)
        sh.fit_rows(row, [(field.label, widths[LABEL_COL]), (note, widths[NOTE_COL])])
        row += 1
    cells = {key: cell.split("!")[1] for key, cell in value_cells(model).items()}
    r, s = cells[RESPONDENTS.key], cells[SERVICES.key]
    row += 1
    sh.put(row, LABEL_COL, "Responden per jenis layanan", "label")
    ratio = per_service(info)
    formula = f'=IF(AND(ISNUMBER({r}),ISNUMBER({s}),{s}>0),{r}/{s},"")'
    ws.write_formula(row, VALUE_COL, formula, fmt["score"], "" if ratio is None else ratio)
    sh.put(row, NOTE_COL, SAMPLE_RULE)
    sh.fit_rows(row, [(SAMPLE_RULE, widths[NOTE_COL])])
    ws.freeze_panes(HEADER_ROW + 1, 0)


def _input(sh: Sheet, row: int, value: Any, fmt: Any) -> None:
    """An input cell: a number, or text as typed (never a formula), or blank."""
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        sh.ws.write_blank(row, VALUE_COL, None, fmt)
    elif isinstance(value, int | float):
        sh.ws.write_number(row, VALUE_COL, value, fmt)
    else:
        sh.ws.write_string(row, VALUE_COL, str(value)[:32_767], fmt)


__all__ = ["NAME", "value_cells", "write"]
