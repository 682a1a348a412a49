"""write_lke_sheet(): live formulas whose cached results equal score(), inputs and validations.

The programs-marked tests let LibreOffice and Gnumeric recalculate a sheet whose answers were
changed after its values were cached, and compare the result with score() of the new answers.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from programs import SOFFICE, SSCONVERT, error_cells, soffice_convert, ssconvert

from rkt_excel.lke import LkeModel, load_model
from rkt_excel.recap.lke_sheet import LkeSheetInfo, write_lke_sheet
from rkt_excel.score import Scores, score

M90 = "permenpanrb-90-2021"
M52 = "permenpanrb-52-2014"
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "nan_inf_to_errors": False,
}
# Functions LibreOffice and Gnumeric both know; nothing newer (no LET/XLOOKUP/IFS/TEXTJOIN).
ALLOWED_FUNCTIONS = {
    "IF", "AND", "AVERAGE", "SUM", "IFERROR", "MIN", "MAX", "ROUND", "COUNTIF", "ISNUMBER",
    "UPPER", "TRIM",
}  # fmt: skip


def some_answers(model: LkeModel, seed: int, skip: float = 0.2) -> dict[str, object]:
    """Answers as a unit would give them: some blank, some lower case, Jumlah counts, surveys."""
    rng = random.Random(seed)
    answers: dict[str, object] = {}
    for q in model.questions.values():
        if rng.random() < skip:
            continue
        if q.is_option:
            option = rng.choice(q.options)
            answers[q.id] = option.lower() if rng.random() < 0.2 else option
        elif q.kind == "jumlah":
            answers[q.id] = rng.randint(0, 6)
        else:
            answers[q.id] = round(rng.uniform(2.5, q.maximum or 4), 2)
    return answers


def write(
    path: Path,
    model: LkeModel,
    answers: dict[str, object],
    scores: Scores,
    evidence: dict[str, str] | None = None,
) -> LkeSheetInfo:
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    worksheet = workbook.add_worksheet("LKE")
    info = write_lke_sheet(workbook, worksheet, model, answers, scores, evidence)
    workbook.close()
    return info


def assert_values(path: Path, info: LkeSheetInfo, expected: Scores) -> None:
    """Every Nilai/subtotal cell (official and strict) equals ``expected`` to 1e-9."""
    sheet = openpyxl.load_workbook(path, data_only=True)["LKE"]
    for level in expected.levels():
        got = sheet[info.value_cells[level.id]].value
        if level.value is None:
            assert got in (None, ""), level.id
        else:
            assert isinstance(got, int | float), (level.id, got)
            assert got == pytest.approx(level.value, abs=1e-9), level.id
        if level.id in info.strict_cells:
            strict = sheet[info.strict_cells[level.id]].value
            assert strict == pytest.approx(level.value_strict, abs=1e-9), level.id
    assert sheet[info.predikat_cell].value == (expected.predikat or "Belum memenuhi")
    for check in expected.checks:
        assert sheet[info.check_cells[check.id]].value == ("Ya" if check.passed else "Tidak")


@pytest.fixture(params=[M90, M52])
def written(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, LkeSheetInfo, Scores]:
    model = load_model(request.param)
    answers = some_answers(model, seed=7)
    answers[next(iter(model.questions))] = "=1+1"  # an invalid answer that looks like a formula
    scores = score(model, answers)
    evidence = {qid: f'Subbag TU: =HYPERLINK("x") bukti {qid}' for qid in list(model.questions)[:5]}
    evidence[next(iter(model.questions))] = "=SUM(A1:A9)"
    path = tmp_path / "lke.xlsx"
    return path, write(path, model, answers, scores, evidence), scores


def test_cached_values_equal_scores(written: tuple[Path, LkeSheetInfo, Scores]) -> None:
    path, info, scores = written
    assert_values(path, info, scores)


def test_every_value_is_a_formula_with_allowed_functions(
    written: tuple[Path, LkeSheetInfo, Scores],
) -> None:
    path, info, scores = written
    sheet = openpyxl.load_workbook(path)["LKE"]
    cells = [*info.value_cells.values(), *info.strict_cells.values(), *info.check_cells.values()]
    cells += [info.predikat_cell, info.failed_wbk_cell, info.failed_wbbm_cell]
    used: set[str] = set()
    for cell in cells:
        if not cell:
            continue
        formula = sheet[cell].value
        assert isinstance(formula, str) and formula.startswith("="), (cell, formula)
        used |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", formula))
    assert used <= ALLOWED_FUNCTIONS
    assert {lv.id for lv in scores.levels()} <= set(info.value_cells)


def test_inputs_are_text_or_numbers_never_formulas(
    written: tuple[Path, LkeSheetInfo, Scores],
) -> None:
    path, info, scores = written
    sheet = openpyxl.load_workbook(path)["LKE"]
    first = next(iter(info.answer_cells))
    assert sheet[info.answer_cells[first]].value == "=1+1"
    assert sheet[info.answer_cells[first]].data_type == "s"
    assert first in scores.invalid
    assert sheet[info.evidence_cells[first]].value == "=SUM(A1:A9)"
    assert sheet[info.evidence_cells[first]].data_type == "s"
    for qid, answer in scores.answers.items():
        value = sheet[info.answer_cells[qid]].value
        assert value == answer, qid  # canonical: "A", not "a"
        assert sheet[info.answer_cells[qid]].protection.locked is False


def test_answer_cells_have_validations(written: tuple[Path, LkeSheetInfo, Scores]) -> None:
    path, info, scores = written
    sheet = openpyxl.load_workbook(path)["LKE"]
    model = load_model(scores.model_id)
    by_cell = {}
    for dv in sheet.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord] = dv
    for qid, cell in info.answer_cells.items():
        dv = by_cell[cell]
        q = model.question(qid)
        if q.is_option:
            assert dv.type == "list"
            # The list lives in hidden cells of the sheet (no literal list, no 255-char limit).
            first, _ = dv.formula1.replace("$", "").split(":")
            column, start = coordinate_from_string(first)
            values = [sheet[f"{column}{r}"].value for r in range(start, start + len(q.options))]
            assert tuple(values) == q.options
            index = column_index_from_string(column)
            assert any(
                d.hidden and d.min <= index <= d.max for d in sheet.column_dimensions.values()
            )
        elif q.answer_type == "number":
            assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
        else:
            assert dv.type == "decimal" and dv.operator in (None, "between")  # the default
            assert (float(dv.formula1), float(dv.formula2)) == (q.minimum, q.maximum)


def test_absolute_reference() -> None:
    info = LkeSheetInfo("LKE O'Brien", {}, {}, {}, {})
    assert info.absolute("G12") == "'LKE O''Brien'!$G$12"


def _changed(model: LkeModel) -> tuple[dict[str, object], dict[str, object]]:
    old = some_answers(model, seed=11)
    new = some_answers(model, seed=12, skip=0.3)
    return old, new


@pytest.mark.programs
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_recalculates_changed_answers(tmp_path: Path) -> None:
    """A file with new answers but the OLD cached values: LibreOffice's recalculated values
    must equal score() of the new answers."""
    files, expected = [], []
    for model_id in (M90, M52):
        model = load_model(model_id)
        old, new = _changed(model)
        old_scores, new_scores = score(model, old), score(model, new)
        assert abs(old_scores.total - new_scores.total) > 1e-3
        path = tmp_path / f"{model_id}.xlsx"
        info = write(path, model, new, old_scores)
        files.append(path)
        expected.append((info, new_scores))
    converted = soffice_convert(files, tmp_path / "lo")
    for path, (info, new_scores) in zip(converted, expected, strict=True):
        assert error_cells(path) == []
        assert_values(path, info, new_scores)


@pytest.mark.programs
# Gnumeric's xlsx has no default style; openpyxl warns about it (harmless here).
@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.skipif(SSCONVERT is None, reason="Gnumeric (ssconvert) not installed")
def test_gnumeric_recalculates_changed_answers(tmp_path: Path) -> None:
    model = load_model(M90)
    old, new = _changed(model)
    path = tmp_path / "lke.xlsx"
    info = write(path, model, new, score(model, old))
    out = ssconvert(path, tmp_path / "gnumeric.xlsx")
    assert error_cells(out) == []
    assert_values(out, info, score(model, new))
