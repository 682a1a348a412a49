"""validate: every rule over a filled form, asserted as (code, sheet, cell); annotate writes
``<name>.periksa.xlsx`` and never touches the original."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import fill_form

from rkt_excel import layout
from rkt_excel.annotate import SUMMARY_COLUMNS, SUMMARY_HEADER_ROW, annotate, annotated_path
from rkt_excel.generate import distribute_forms
from rkt_excel.issues import Severity, render_issue
from rkt_excel.read import read_form
from rkt_excel.simulate import Formula
from rkt_excel.template import Plan
from rkt_excel.units import Unit
from rkt_excel.validate import validate

I = layout.COMPONENT_SHEET_NAMES["I"]  # noqa: E741 - the component's own name
III = layout.COMPONENT_SHEET_NAMES["III"]
ID = layout.SHEET_IDENTITY
AS_OF = dt.date(2019, 6, 30)
UNITS = [Unit("TU", "Subbagian Tata Usaha", components=("I",)), Unit("ALL", "Semua")]
_CACHE: dict[str, Path] = {}


@pytest.fixture
def forms(
    small_plan: Plan, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> dict[str, Path]:
    """Forms of the small plan, generated once per module and copied for each test (again when
    pytest has removed an older session's temporary folder, as under mutation testing)."""
    if not _CACHE or not all(p.exists() for p in _CACHE.values()):
        paths = distribute_forms(small_plan, UNITS, tmp_path_factory.mktemp("forms"))
        _CACHE.update({u.code: p for u, p in zip(UNITS, paths, strict=True)})
    copies = {}
    for code, src in _CACHE.items():
        copies[code] = tmp_path / src.name
        shutil.copyfile(src, copies[code])
    return copies


def ident_cell(key: str) -> str:
    return f"B{layout.IDENTITY_ROW[key] + 1}"


GOOD_IDENTITY = {
    "nama_pengisi": "Ani",
    "nip": "198501012010011001",
    "tanggal_pengisian": dt.date(2019, 6, 3),
}
BAD: dict[str, dict[str, Any]] = {
    "I.1.a": {  # row 6 of sheet I
        "status": "Selesai",
        "capaian": 80,
        "realisasi": dt.date(2019, 12, 20),
    },
    "I.1.b": {  # row 7
        "status": "Sudah Beres",
        "realisasi": "31/02/2019",
        "capaian": "delapan puluh",
        "jawaban": "D",
    },
    "I.2.a": {"status": "Belum", "capaian": 20, "jawaban": "Ya", "realisasi": dt.date(2018, 12, 1)},
    # row 6 of sheet III
    "III.1.a": {"capaian": 150, "jawaban": 2.5, "keterangan": Formula("=1+1")},
    "III.1.b": {"status": "sudah", "capaian": 100, "jawaban": "a", "bukti_dukung": "Foto.zip"},
}
EXPECTED = {
    ("selesai-without-evidence", I, "M6"),
    ("selesai-below-100", I, "J6"),
    ("missing-answer", I, "K6"),
    ("date-in-future", I, "I6"),
    ("invalid-option", I, "H7"),
    ("invalid-date", I, "I7"),
    ("not-a-number", I, "J7"),
    ("invalid-option", I, "K7"),
    ("belum-above-0", I, "J8"),
    ("answer-without-question", I, "K8"),
    ("date-outside-year", I, "I8"),
    ("out-of-range", III, "J6"),
    ("missing-status", III, "H6"),  # blank, with CAPAIAN and JAWABAN filled
    ("not-a-whole-number", III, "K6"),
    ("formula-in-input", III, "N6"),
    ("plan-cell-changed", III, "D7"),
    ("plan-cell-changed", III, "G7"),
    ("missing-identity", ID, ident_cell("nama_pengisi")),
    ("invalid-nip", ID, ident_cell("nip")),
    ("date-in-future", ID, ident_cell("tanggal_pengisian")),
    ("unknown-unit", ID, ident_cell("unit_code")),
}


@pytest.fixture
def bad_form(forms: dict[str, Path]) -> Path:
    identity = {"nip": "12345", "tanggal_pengisian": dt.date(2019, 7, 15)}
    path = fill_form(forms["ALL"], BAD, identity=identity, strict=False)
    wb = openpyxl.load_workbook(path)
    wb[III]["D7"] = "Pegawai terlibat (diubah)"
    wb[III]["G7"] = "Desember 2019"
    wb.save(path)
    return path


def test_every_rule_where_it_applies(small_plan: Plan, bad_form: Path) -> None:
    form = read_form(bad_form, small_plan)
    report = validate(form, small_plan, as_of=AS_OF, units=UNITS[:1])
    assert {(i.code, i.sheet, i.cell) for i in report} == EXPECTED
    assert len(report) == len(EXPECTED)
    assert not report.ok
    by_key = {(i.code, i.sheet, i.cell): i for i in report}
    i = by_key[("invalid-option", I, "H7")]
    assert (i.row_id, i.field, i.raw, i.severity, i.file) == (
        "I.1.b",
        "status",
        "Sudah Beres",
        Severity.ERROR,
        str(bad_form),
    )
    assert by_key[("formula-in-input", III, "N6")].raw == "=1+1"
    assert by_key[("selesai-below-100", I, "J6")].severity is Severity.WARNING
    assert by_key[("unknown-unit", ID, ident_cell("unit_code"))].raw == "ALL"
    assert form.rows["III.1.b"].fields["status"].value == "Selesai"  # "sudah" is a synonym


@pytest.mark.parametrize("lang", ["id", "en"])
def test_messages_are_one_line_without_location(
    small_plan: Plan, bad_form: Path, lang: str
) -> None:
    form = read_form(bad_form, small_plan)
    report = validate(form, small_plan, as_of=AS_OF, units=UNITS[:1])
    for issue in report:
        message = render_issue(issue, lang)
        assert message and "\n" not in message
        assert issue.sheet not in message and f" {issue.cell}" not in message
    words = " ".join(render_issue(i, lang) for i in report)
    assert ("is not" in words) == (lang == "en")


def test_a_clean_form_has_no_issue(small_plan: Plan, forms: dict[str, Path]) -> None:
    values: dict[str, dict[str, Any]] = {
        "I.1.a": {
            "status": "Selesai",
            "capaian": 100,
            "realisasi": dt.date(2019, 1, 28),
            "jawaban": "Ya",
            "bukti_dukung": "SK.pdf",
        },
        "I.1.b": {"status": "Dalam Proses", "capaian": 50},
        "I.2.a": {"status": "Tidak Relevan", "keterangan": "Tidak berlaku"},
    }
    path = fill_form(forms["TU"], values, identity=GOOD_IDENTITY)
    report = validate(read_form(path, small_plan), small_plan, as_of=AS_OF, units=UNITS)
    assert list(report) == []


def test_selesai_with_only_a_link_has_evidence(small_plan: Plan, forms: dict[str, Path]) -> None:
    path = fill_form(forms["TU"], {"I.2.a": {"status": "Selesai"}}, identity=GOOD_IDENTITY)
    wb = openpyxl.load_workbook(path)
    wb[I]["M8"] = '=HYPERLINK("https://drive.example/x")'
    wb.save(path)
    report = validate(read_form(path, small_plan), small_plan, as_of=AS_OF)
    assert [i.code for i in report] == []


def test_identity_is_required_on_unit_forms(small_plan: Plan, forms: dict[str, Path]) -> None:
    report = validate(read_form(forms["TU"], small_plan), small_plan, as_of=AS_OF)
    assert {(i.code, i.sheet, i.cell, i.field) for i in report} == {
        ("missing-identity", ID, ident_cell(k), k) for k in GOOD_IDENTITY
    }


def test_suspicious_nip(small_plan: Plan, forms: dict[str, Path]) -> None:
    identity = {**GOOD_IDENTITY, "nip": "123456789012345678"}
    path = fill_form(forms["TU"], {}, identity=identity)
    report = validate(read_form(path, small_plan), small_plan, as_of=AS_OF)
    assert [(i.code, i.severity, i.cell) for i in report] == [
        ("suspicious-nip", Severity.WARNING, ident_cell("nip"))
    ]


def test_another_plan_is_an_issue_not_an_exception(
    small_plan: Plan, forms: dict[str, Path]
) -> None:
    form = read_form(forms["TU"])  # read without a plan: nothing to compare yet
    other = Plan.model_validate({**small_plan.model_dump(), "id": "lain-2019"})
    newer = Plan.model_validate({**small_plan.model_dump(), "version": "9"})
    assert [i.code for i in validate(form, other)] == ["template-mismatch"]
    assert [i.code for i in validate(form, newer)] == ["template-version-mismatch"]


def test_annotate(small_plan: Plan, bad_form: Path) -> None:
    before = hashlib.sha256(bad_form.read_bytes()).hexdigest()
    report = validate(read_form(bad_form, small_plan), small_plan, as_of=AS_OF, units=UNITS[:1])
    assert annotated_path(bad_form) == bad_form.with_name("form-ALL.periksa.xlsx")
    out = annotate(bad_form, report)
    assert out == bad_form.with_name("form-ALL.periksa.xlsx")
    assert annotated_path(bad_form) == bad_form.with_name("form-ALL.periksa-2.xlsx")  # taken
    assert hashlib.sha256(bad_form.read_bytes()).hexdigest() == before
    wb = openpyxl.load_workbook(out)
    for code, sheet, ref in EXPECTED:
        cell = wb[sheet][ref]
        assert cell.comment is not None and code in cell.comment.text, (code, sheet, ref)
        assert "Perbaikan:" in cell.comment.text
        assert cell.fill.fgColor.rgb in {"00FFC7CE", "00FFEB9C"}
    assert wb[I]["J7"].fill.fgColor.rgb == "00FFC7CE"  # an error
    assert wb[I]["J6"].fill.fgColor.rgb == "00FFEB9C"  # a warning
    summary = wb.worksheets[0]
    assert summary.title == "Hasil Pemeriksaan"
    assert summary.max_row == SUMMARY_HEADER_ROW + len(report)
    head = [c.value for c in summary[SUMMARY_HEADER_ROW]]
    assert head == [title for title, _ in SUMMARY_COLUMNS]
    body = list(summary.iter_rows(min_row=SUMMARY_HEADER_ROW + 1, values_only=True))
    codes = {i.code for i in report}
    assert not any(v in codes for row in body for v in row)  # words, not codes
    assert not any(v in ("realisasi", "jawaban", "status") for row in body for v in row)
    order = {name: i for i, name in enumerate(wb.sheetnames)}
    keys = [(order.get(r[2], -1), int("".join(ch for ch in r[3] if ch.isdigit()) or 0))
            for r in body]  # fmt: skip
    assert keys == sorted(keys)  # by sheet, then row
    linked = [c for c in summary["D"][SUMMARY_HEADER_ROW:] if c.value]
    assert linked and all(c.hyperlink is not None and c.hyperlink.location for c in linked)
    assert all(r[8] for r in body if r[1] == "Kesalahan")  # every error says how to fix it
    assert summary.page_setup.orientation == "landscape"
    assert summary.page_setup.fitToWidth == 1 and summary.print_title_rows
    raws = [c.value for c in summary["G"]]
    assert "=1+1" in raws  # the raw formula shown as text, not run
    assert not any(c.data_type == "f" for row in summary.iter_rows() for c in row)
    again = read_form(out, small_plan)  # the annotated copy is still a readable form
    assert set(again.rows) == set(small_plan.index)


def test_annotate_to_a_chosen_path(
    small_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    report = validate(read_form(forms["TU"], small_plan), small_plan, as_of=AS_OF)
    out = annotate(forms["TU"], report, tmp_path / "out" / "hasil.xlsx")
    assert out == tmp_path / "out" / "hasil.xlsx" and out.exists()
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind
