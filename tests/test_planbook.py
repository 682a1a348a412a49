"""The plan workbook: YAML -> workbook -> YAML gives the same plan; problems name sheet!cell."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from plan_strategies import plans

from rkt_excel.errors import TemplateError
from rkt_excel.planbook import layout as L
from rkt_excel.planbook.write import write_planbook
from rkt_excel.template import Plan, check_template, dump_template, load_template


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, embedded_plan: Plan) -> Path:
    return write_planbook(embedded_plan, tmp_path_factory.mktemp("book") / "plan.xlsx")


def test_embedded_plan_round_trips(book: Path, embedded_plan: Plan) -> None:
    assert check_template(book) == []
    again = load_template(book)
    assert again == embedded_plan
    assert load_template(text=dump_template(again)) == embedded_plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_any_plan_round_trips(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write_planbook(plan, Path(tmp) / "plan.xlsx")
        assert check_template(path) == []
        assert load_template(path) == plan
        # and through YAML too: YAML -> plan -> workbook -> plan -> YAML is the same text
        assert dump_template(load_template(path)) == dump_template(plan)


def test_rencana_has_the_rkt_columns_one_row_per_indicator(book: Path, embedded_plan: Plan) -> None:
    ws = openpyxl.load_workbook(book)[L.SHEET_PLAN]
    header = [c.value for c in ws[1]]
    assert header[:9] == [
        "NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU", "LKE",
        "PIC", "ID",
    ]  # fmt: skip
    ids = [ws.cell(r, 9).value for r in range(2, ws.max_row + 1)]
    indicator_ids = [i for i in ids if i]
    assert indicator_ids == [i.id for _, _, i in embedded_plan.indicators()]
    # component rows: 6, with the heading as printed next to the corrected name
    comp_rows = [r for r in range(2, ws.max_row + 1) if not ws.cell(r, 9).value]
    assert [ws.cell(r, 1).value for r in comp_rows] == ["I", "II", "III", "IV", "V", "VI"]
    iv = comp_rows[3]
    assert (ws.cell(iv, 2).value, ws.cell(iv, 14).value) == (
        "PENGAKUAN AKUNTABILITAS", "Penguatan Akuntabilitas Kinerja"
    )  # fmt: skip
    # items within a cell: one a line (I.1.a has three actions)
    first = ids.index("I.1.a") + 2
    assert ws.cell(first, 4).value == (
        "Menginventarisir dasar pemilihan tim kerja ZI\n"
        "Pemilihan calon anggota Tim Kerja ZI sesuai prosedur pembentukan Tim ZI\n"
        "Terbentuknya Tim Kerja ZI"
    )


def test_dropdowns(book: Path, embedded_plan: Plan) -> None:
    wb = openpyxl.load_workbook(book)
    sources = {
        (str(dv.sqref).split(":")[0], dv.formula1)
        for dv in wb[L.SHEET_PLAN].data_validations.dataValidation
    }
    assert ("G2", "'Daftar'!$B$2:$B$82") in sources  # the 81 scored questions of 52/2014
    assert any(s[0] == "H2" for s in sources)  # PIC: unit codes
    doc = {str(dv.sqref): dv.formula1 for dv in wb[L.SHEET_DOC].data_validations.dataValidation}
    regulation_row = next(r for r in range(1, 40) if wb[L.SHEET_DOC].cell(r, 1).value == "Regulasi")
    assert doc[f"C{regulation_row}"] == "'Daftar'!$A$2:$A$3"
    lists = wb[L.SHEET_LISTS]
    assert [lists.cell(r, 1).value for r in (2, 3)] == [
        "permenpanrb-90-2021",
        "permenpanrb-52-2014",
    ]
    help_text = " ".join(str(c.value) for c in wb[L.SHEET_HELP]["A"] if c.value)
    assert "satu butir per baris" in help_text
    # examples come from the plan at hand
    assert embedded_plan.indicator("I.1.a").target in help_text


def _edit(book: Path, tmp_path: Path, sheet: str, cell: str, value: object) -> Path:
    wb = openpyxl.load_workbook(book)
    wb[sheet][cell] = value
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def _row_of(book: Path, row_id: str) -> int:
    ws = openpyxl.load_workbook(book)[L.SHEET_PLAN]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 9).value == row_id)


def test_problems_name_sheet_and_cell(book: Path, tmp_path: Path) -> None:
    r = _row_of(book, "I.1.a")
    edited = _edit(book, tmp_path, L.SHEET_PLAN, f"F{r}", "Kapan-kapan 2019")
    (problem,) = check_template(edited)
    assert (problem.cell, problem.field) == (
        f"Rencana!F{r}", "components[0].subareas[0].indicators[0].target"
    )  # fmt: skip
    assert str(problem).startswith(f"{edited}: Rencana!F{r}: components[0]")
    assert "TARGET WAKTU" in problem.message
    with pytest.raises(TemplateError, match="1 problem"):
        load_template(edited)


def test_duplicate_id_and_unknown_lke(book: Path, tmp_path: Path) -> None:
    r = _row_of(book, "I.1.a")
    edited = _edit(book, tmp_path, L.SHEET_PLAN, f"I{r + 1}", "I.1.a")
    found = [(p.cell, p.message) for p in check_template(edited)]
    assert found == [
        (f"Rencana!I{r + 1}", f"duplicate indicator id 'I.1.a' (first at Rencana!I{r})")
    ]
    edited = _edit(book, tmp_path, L.SHEET_PLAN, f"G{r}", "IX.9.z")
    assert [p.cell for p in check_template(edited)] == [f"Rencana!G{r}"]


def test_document_problems(book: Path, tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(book)[L.SHEET_DOC]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    # a NIP typed as a number loses its leading zeros: refused, at its cell
    signer = rows[L.KIND_SIGNATORY]
    edited = _edit(book, tmp_path, L.SHEET_DOC, f"F{signer}", 196402151987032001)
    assert [(p.cell, p.field) for p in check_template(edited)] == [
        (f"Dokumen!F{signer}", "signing.signatories[1].nip")
    ]
    edited = _edit(book, tmp_path, L.SHEET_DOC, f"A{rows['Tahun']}", "Tahun anggaran")
    found = [(p.cell, p.field, p.message) for p in check_template(edited)]
    assert (
        f"Dokumen!A{rows['Tahun']}",
        "",
        "unknown JENIS 'Tahun anggaran' (see sheet Daftar)",
    ) in found
    assert ("", "year", "required field is missing") in found
    edited = _edit(book, tmp_path, L.SHEET_DOC, f"C{rows['Tahun']}", "dua ribu")
    assert [(p.cell, p.field) for p in check_template(edited)] == [
        (f"Dokumen!C{rows['Tahun']}", "year")
    ]


def test_not_a_plan_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Lain"
    wb.save(tmp_path / "x.xlsx")
    (problem,) = check_template(tmp_path / "x.xlsx")
    assert "no sheet Rencana, Dokumen" in problem.message
    (tmp_path / "y.xlsx").write_bytes(b"not a zip")
    (problem,) = check_template(tmp_path / "y.xlsx")
    assert problem.message.startswith("cannot read the workbook")


def test_rows_without_id_get_one(book: Path, tmp_path: Path) -> None:
    r = _row_of(book, "I.4.b")
    edited = _edit(book, tmp_path, L.SHEET_PLAN, f"I{r}", None)
    plan = load_template(edited)
    assert [i.id for i in plan.components[0].subareas[3].indicators] == [
        "I.4.a", "I.4.b", "I.4.c", "I.4.d"
    ]  # fmt: skip
