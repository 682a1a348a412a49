"""Read back a recap the evaluators returned: the review columns of its LKE sheet (TPI and
TPN answers, TPI notes, the units' responses) and the inputs of its Hasil sheet.

Owns opening that file safely and turning its cells into a ``review.Review``: every typed
value is kept as typed, and what is not valid becomes an Issue located at its cell. A reader:
imports no writer library. The file is pre-flighted first (zip limits, XML declarations, sheet
extent: ``read.preflight``) and then read with openpyxl in read-only mode, which streams rows
(python-calamine would allocate a sheet up to its farthest cell; see recap/read.py).
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from rkt_excel.catalogue import Text
from rkt_excel.errors import FormError, RecapError
from rkt_excel.hasil import (
    HEADER_ROW,
    INTEGER,
    KEY_COL,
    PERCENT,
    SHEET_HASIL,
    TEXT,
    VALUE_COL,
    check_hasil,
    hasil_questions,
    info_fields,
    likely_confusion,
    read_info,
)
from rkt_excel.issues import Issue, render_issue
from rkt_excel.layout import meta_text
from rkt_excel.lke import LkeModel, Question, load_model
from rkt_excel.normalize import is_empty
from rkt_excel.read import DEFAULT_LIMITS, Limits, preflight
from rkt_excel.recap.read import read_recap
from rkt_excel.review import (
    ANSWER_FIELDS,
    EVALUATOR_OF,
    KODE_HEADER,
    LKE_SHEET,
    REVIEW_HEADERS,
    TRACK_LABELS,
    Review,
    ReviewEntry,
)
from rkt_excel.template import Plan

_HEADER_SEARCH = 20  # the LKE sheet's header row is within its first rows
_MAX_COL = 64
_WHOLE = Text("bilangan bulat 0 atau lebih", "a whole number 0 or more")


_KIND_WORDS: dict[str, Text] = {
    INTEGER: _WHOLE,
    PERCENT: Text("persen 0 sampai 100", "a percentage from 0 to 100"),
    TEXT: Text("teks", "text"),
}


def _invalid(
    path: str, who: str, raw: Any, question: str, expected: Text | str, where: dict[str, str]
) -> Issue:
    """A review-invalid-answer issue: ``who`` typed ``raw`` for ``question``."""
    params = {"who": who, "value": _text(raw), "question": question, "expected": expected}
    return Issue("review-invalid-answer", path, raw=raw, params=params, **where)


def _expected(question: Question) -> Text | str:
    if question.is_option:
        return "/".join(question.options)
    if question.answer_type == "number":
        return _WHOLE
    return f"{question.minimum or 0:g}–{question.maximum or 0:g}"


def _rows(ws: Any) -> Iterable[tuple[int, tuple[Any, ...]]]:
    """(1-based row number, values) of every row; read-only sheets stream them in order."""
    for n, values in enumerate(ws.iter_rows(max_col=_MAX_COL, values_only=True), start=1):
        yield n, tuple(values)


def _at(values: tuple[Any, ...], col: int) -> Any:
    return values[col] if col < len(values) else None


def _text(value: Any) -> str:
    return "" if is_empty(value) else meta_text(value)


def _read_lke(ws: Any, model: LkeModel, path: str) -> tuple[dict[str, ReviewEntry], list[Issue]]:
    columns: dict[str, int] = {}
    entries: dict[str, ReviewEntry] = {}
    issues: list[Issue] = []
    wanted = {header: key for key, header in REVIEW_HEADERS.items()}
    for n, values in _rows(ws):
        if not columns:
            if n > _HEADER_SEARCH:
                break  # a recap written before the review columns existed: nothing to read
            if _text(_at(values, 0)) == KODE_HEADER:
                columns = {wanted[t]: c for c, v in enumerate(values) if (t := _text(v)) in wanted}
                if len(columns) < len(REVIEW_HEADERS):
                    columns = {}
                    break
            continue
        code = _text(_at(values, 0))
        if code in entries or (code not in model.questions and code not in model.items):
            continue  # not an LKE row, or the checks table repeating a code
        question = model.questions.get(code)
        typed: dict[str, Any] = {}
        cells: dict[str, str] = {}
        for key, col in columns.items():
            raw = _at(values, col)
            if is_empty(raw):
                continue
            at = f"{get_column_letter(col + 1)}{n}"
            if key in ANSWER_FIELDS:
                if question is None:
                    continue  # a ratio item's answer is computed, never typed
                if question.normalize(raw) is None:
                    who = TRACK_LABELS[EVALUATOR_OF[key]]
                    where = {"sheet": ws.title, "cell": at, "row_id": code, "field": key}
                    issues.append(_invalid(path, who, raw, code, _expected(question), where))
                typed[key] = raw
            else:
                typed[key] = _text(raw)
            cells[key] = at
        if typed:
            entries[code] = ReviewEntry(code, cells=cells, **typed)
    return entries, issues


def _read_hasil(
    ws: Any, model: LkeModel, path: str
) -> tuple[dict[str, Any], dict[str, Any], list[Issue]]:
    questions = {q.id: q for q in hasil_questions(model)}
    fields = {f.key: f for f in info_fields(model)}
    hasil: dict[str, Any] = {}
    info: dict[str, Any] = {}
    cells: dict[str, str] = {}
    issues: list[Issue] = []
    for n, values in _rows(ws):
        if n <= HEADER_ROW + 1:
            continue
        key, raw = _text(_at(values, KEY_COL)), _at(values, VALUE_COL)
        if (key not in questions and key not in fields) or key in cells or is_empty(raw):
            continue
        at = f"{get_column_letter(VALUE_COL + 1)}{n}"
        cells[key] = at
        where = {"sheet": ws.title, "cell": at, "field": key}
        if key in questions:
            question = questions[key]
            hasil[key] = raw  # as typed: an invalid value scores as blank, and is shown
            if question.normalize(raw) is None:
                number = raw if isinstance(raw, int | float) else None
                if number is None or likely_confusion(question, float(number)) is None:
                    # (a value on another scale is survey-scale's, below)
                    issues.append(_invalid(path, SHEET_HASIL, raw, key, _expected(question), where))
            continue
        value, valid = read_info(fields[key], raw)
        if valid:
            info[key] = value
        else:
            expected = _KIND_WORDS[fields[key].kind]
            issues.append(_invalid(path, SHEET_HASIL, raw, fields[key].label, expected, where))
    issues += check_hasil(model, hasil, info, file=path, sheet=ws.title, cells=cells)
    return hasil, info, issues


def read_review(path: str | Path, plan: Plan, *, limits: Limits = DEFAULT_LIMITS) -> Review:
    """Read the review columns and the Hasil sheet of a recap of ``plan``.

    Raises:
        RecapError: the file cannot be read safely, is not a recap, or is a recap of another
            plan or regulation.
    """
    p = Path(path)
    name = str(p)
    try:
        preflight(p, limits=limits)
    except FormError as err:
        raise RecapError(
            key="review-refused",
            file=name,
            reason_id=render_issue(err.issue, "id"),
            reason_en=render_issue(err.issue, "en"),
        ) from err
    data = read_recap(p)
    if data.plan_id != plan.id or data.regulation != plan.regulation:
        raise RecapError(
            key="review-other-plan",
            file=name,
            found=data.plan_id,
            found_model=data.regulation,
            plan=plan.id,
            model=plan.regulation,
        )
    model = load_model(plan.regulation)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it does not read
            wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as err:
        raise RecapError(key="recap-unreadable", file=name, reason=str(err)) from err
    try:
        entries: dict[str, ReviewEntry] = {}
        issues: list[Issue] = []
        if LKE_SHEET in wb.sheetnames:
            entries, issues = _read_lke(wb[LKE_SHEET], model, name)
        hasil: dict[str, Any] = {}
        info: dict[str, Any] = {}
        if SHEET_HASIL in wb.sheetnames:
            hasil, info, more = _read_hasil(wb[SHEET_HASIL], model, name)
            issues += more
    finally:
        wb.close()
    return Review(
        path=name,
        plan_id=data.plan_id,
        period=data.period,
        entries=entries,
        hasil=hasil,
        hasil_info=info,
        issues=tuple(issues),
    )


__all__ = ["read_review"]
