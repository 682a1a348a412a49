"""read_form: generate → fill with openpyxl as a person would → read gives back what was filled,
for every field type; rows are found by id whatever people do to the sheets."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from helpers import fill_form, read_meta
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook

from rkt_excel import layout
from rkt_excel.form import FilledForm
from rkt_excel.generate import distribute_forms, generate_workbook
from rkt_excel.read import read_form
from rkt_excel.template import Plan
from rkt_excel.units import Unit

SHEET_I = layout.COMPONENT_SHEET_NAMES["I"]
SHEET_III = layout.COMPONENT_SHEET_NAMES["III"]
_CACHE: dict[str, Path] = {}


@pytest.fixture
def forms(
    small_plan: Plan, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> dict[str, Path]:
    """Forms of the small plan (TU: component I; ALL: every row; RKT: the standard workbook),
    generated once per module and copied for each test."""
    if not _CACHE:
        out = tmp_path_factory.mktemp("forms")
        units = [Unit("TU", "Subbagian Tata Usaha", components=("I",)), Unit("ALL", "Semua")]
        for unit, path in zip(units, distribute_forms(small_plan, units, out), strict=True):
            _CACHE[unit.code] = path
        _CACHE["RKT"] = generate_workbook(small_plan, out / "rkt.xlsx")
    copies = {}
    for code, src in _CACHE.items():
        copies[code] = tmp_path / src.name
        shutil.copyfile(src, copies[code])
    return copies


def type_text(path: Path | Workbook, values: Mapping[str, Mapping[str, Any]], out: Path) -> Path:
    """Type values as text cells, as Excel stores what a person types that is not a number.

    openpyxl turns a str starting with "=" into a formula; a person typing "=..." into a text
    cell (or with a leading apostrophe) gets text, hence data_type "s".
    """
    wb = path if isinstance(path, Workbook) else openpyxl.load_workbook(path)
    _, rows = read_meta(wb)
    for row_id, fields in values.items():
        ws = wb[rows[row_id].sheet]
        for key, value in fields.items():
            cell = ws.cell(rows[row_id].row, layout.COL[key] + 1)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    wb.save(out)
    return out


def values(form: FilledForm) -> dict[str, dict[str, Any]]:
    """Row id -> {field -> value} of the non-empty input cells."""
    return {
        row_id: {k: c.value for k, c in row.fields.items() if not c.empty}
        for row_id, row in form.rows.items()
    }


FILLED: dict[str, dict[str, Any]] = {
    "I.1.a": {
        "status": "Selesai",
        "realisasi": dt.date(2019, 1, 28),
        "capaian": 100,
        "jawaban": "Ya",
        "bukti_dukung": "SK_Tim_ZI_2019.pdf",
        "keterangan": "SK ditandatangani\nKepala Kantor",
    },
    "I.1.b": {"status": "Dalam Proses", "capaian": 62.5, "jawaban": "B", "realisasi": None},
    "I.2.a": {"status": "Tidak Relevan", "keterangan": "Tidak ada monev di unit ini"},
    "III.1.a": {"status": "Belum", "capaian": 0, "jawaban": 12},
    "III.1.b": {"status": "Selesai", "capaian": 100, "jawaban": "E", "bukti_dukung": "Foto.zip"},
}
IDENTITY = {
    "nama_pengisi": "Ani Rahmawati",
    "nip": "198501012010011001",
    "jabatan": "Kepala Seksi",
    "tanggal_pengisian": dt.date(2019, 6, 3),
}


def test_round_trip_every_field(small_plan: Plan, forms: dict[str, Path]) -> None:
    path = fill_form(forms["ALL"], FILLED, identity=IDENTITY)
    form = read_form(path, small_plan)
    expected = {rid: {k: v for k, v in f.items() if v is not None} for rid, f in FILLED.items()}
    assert values(form) == expected
    assert form.issues == ()
    ident = form.identity
    assert (ident.plan_id, ident.plan_version, ident.plan_hash) == (
        small_plan.id,
        small_plan.version,
        small_plan.content_hash,
    )
    assert (ident.kind, ident.unit_code, ident.unit_name) == ("form", "ALL", "Semua")
    assert (ident.nama_pengisi, ident.nip, ident.jabatan) == (
        "Ani Rahmawati",
        *list(IDENTITY.values())[1:3],
    )
    assert ident.tanggal_pengisian == dt.date(2019, 6, 3)
    nip = form.identity_cells["nip"]
    assert (nip.sheet, nip.cell) == (layout.SHEET_IDENTITY, f"B{layout.IDENTITY_ROW['nip'] + 1}")
    row = form.rows["I.1.a"]
    assert (row.sheet, row.row) == (SHEET_I, layout.FIRST_DATA_ROW + 1)
    assert (row.fields["status"].sheet, row.fields["status"].cell) == (SHEET_I, "H6")
    assert row.plan_cells["indikator"].raw == "SK Tim Kerja ZI telah dibuat"
    assert form.rows["I.1.b"].plan_cells["indikator"].raw == "=SUM(A1) bukan rumus, hanya teks"
    assert form.rows["III.1.a"].fields["jawaban"].value == 12
    assert len(form.sha256) == 64 and form.mtime > 0


def test_a_form_without_plan_and_the_standard_workbook(forms: dict[str, Path]) -> None:
    tu = read_form(forms["TU"])
    assert set(tu.rows) == {"I.1.a", "I.1.b", "I.2.a"} and tu.issues == ()
    assert all(c.empty for r in tu.rows.values() for c in r.fields.values())
    rkt = read_form(fill_form(forms["RKT"], {"III.1.b": {"status": "Selesai"}}))
    assert rkt.identity.kind == "workbook" and rkt.identity_cells == {}
    assert len(rkt.rows) == 5 and rkt.rows["III.1.b"].fields["status"].value == "Selesai"


AWKWARD = st.text(
    # Excel cannot hold control characters; "\r" is folded into "\n" by every XML parser.
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t"),
    max_size=300,
)


def test_text_round_trip(small_plan: Plan, forms: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "typed.xlsx"
    wb = openpyxl.load_workbook(forms["TU"])  # loaded once: each example types over it

    @given(AWKWARD, AWKWARD)
    @example("=SUM(A1:A9)", "+62 812 3456")
    @example("-", "@ketua tim")
    @example("Bukti 📎 ✅ ZI", "x" * 10_000)
    @example("0123", "1.10")
    @example("  spasi di tepi  ", "baris 1\nbaris 2")
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(bukti: str, keterangan: str) -> None:
        type_text(wb, {"I.1.b": {"bukti_dukung": bukti, "keterangan": keterangan}}, out)
        row = read_form(out, small_plan).rows["I.1.b"]
        for key, text in (("bukti_dukung", bukti), ("keterangan", keterangan)):
            cell = row.fields[key]
            assert cell.value == (text if text.strip() else None)
            if text.strip():
                assert cell.raw == text

    check()


def test_numbers_stored_as_text(small_plan: Plan, forms: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "typed.xlsx"
    wb = openpyxl.load_workbook(forms["ALL"])

    @given(
        st.decimals(min_value=0, max_value=100, places=2),
        st.sampled_from([".", ","]),
        st.booleans(),
        st.integers(min_value=0, max_value=10_000),
    )
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def check(capaian: Any, mark: str, percent: bool, count: int) -> None:
        text = f"{capaian:f}".replace(".", mark) + ("%" if percent else "")
        type_text(wb, {"I.1.b": {"capaian": text}, "III.1.a": {"jawaban": str(count)}}, out)
        form = read_form(out, small_plan)
        assert form.rows["I.1.b"].fields["capaian"].value == pytest.approx(float(capaian))
        assert form.rows["I.1.b"].fields["capaian"].raw == text
        assert form.rows["III.1.a"].fields["jawaban"].value == count
        assert form.issues == ()

    check()


def test_dates_as_text_and_serials(
    small_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    typed = {"I.1.a": {"realisasi": "17/08/2019"}, "I.1.b": {"realisasi": "17 Agustus 2019"}}
    path = type_text(forms["TU"], typed, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    cell = wb[SHEET_I]["I8"]  # I.2.a: a serial in a cell re-formatted to General
    cell.value, cell.number_format = 43694, "General"
    wb.save(path)
    form = read_form(path, small_plan)
    assert {r: form.rows[r].fields["realisasi"].value for r in form.rows} == {
        "I.1.a": dt.date(2019, 8, 17),
        "I.1.b": dt.date(2019, 8, 17),
        "I.2.a": dt.date(2019, 8, 17),
    }


def test_percent_formatted_capaian(small_plan: Plan, forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(forms["TU"])
    cell = wb[SHEET_I]["J6"]
    cell.value, cell.number_format = 0.8, "0%"
    wb.save(forms["TU"])
    row = read_form(forms["TU"], small_plan).rows["I.1.a"]
    assert (row.fields["capaian"].raw, row.fields["capaian"].value) == (0.8, 80)


def test_hyperlinks_keep_their_target(small_plan: Plan, forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(forms["TU"])
    ws = wb[SHEET_I]
    ws["M6"] = "SK Tim ZI"
    ws["M6"].hyperlink = "https://drive.example.go.id/sk-tim-zi.pdf"
    ws["M7"] = '=HYPERLINK("https://drive.example.go.id/rkt.pdf","Dokumen RKT")'
    wb.save(forms["TU"])
    form = read_form(forms["TU"], small_plan)
    a = form.rows["I.1.a"].fields["bukti_dukung"]
    assert (a.raw, a.value, a.link) == (
        "SK Tim ZI",
        "SK Tim ZI",
        "https://drive.example.go.id/sk-tim-zi.pdf",
    )
    b = form.rows["I.1.b"].fields["bukti_dukung"]
    assert (b.value, b.link) == ("Dokumen RKT", "https://drive.example.go.id/rkt.pdf")
    assert form.issues == ()


def test_formula_in_an_input_cell(small_plan: Plan, forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(forms["TU"])
    wb[SHEET_I]["J6"] = "=50+50"
    wb[SHEET_I]["H7"] = '="Sel"&"esai"'
    wb.save(forms["TU"])
    form = read_form(forms["TU"], small_plan)
    assert {(i.code, i.sheet, i.cell, i.row_id, i.field) for i in form.issues} == {
        ("formula-in-input", SHEET_I, "J6", "I.1.a", "capaian"),
        ("formula-in-input", SHEET_I, "H7", "I.1.b", "status"),
    }
    assert form.rows["I.1.a"].fields["capaian"].raw == "=50+50"


def _unmerge_data(ws: Any) -> None:
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row > layout.HEADER_ROW + 1:
            ws.unmerge_cells(str(rng))


def test_sorted_sheet(small_plan: Plan, forms: dict[str, Path]) -> None:
    path = fill_form(forms["TU"], {k: FILLED[k] for k in ("I.1.a", "I.1.b", "I.2.a")})
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_I]
    _unmerge_data(ws)
    first = layout.FIRST_DATA_ROW + 1
    rows = [[c.value for c in ws[r]] for r in range(first, first + 3)]
    for offset, row in enumerate(reversed(rows)):  # "sort descending by ID"
        for c, value in enumerate(row, start=1):
            ws.cell(first + offset, c).value = value
    wb.save(path)
    form = read_form(path, small_plan)
    assert form.rows["I.2.a"].row == first and form.rows["I.1.a"].row == first + 2
    assert form.rows["I.1.a"].fields["status"].cell == f"H{first + 2}"
    assert values(form) == {
        rid: {k: v for k, v in FILLED[rid].items() if v is not None}
        for rid in ("I.1.a", "I.1.b", "I.2.a")
    }
    assert form.issues == ()


def test_deleted_row(small_plan: Plan, forms: dict[str, Path]) -> None:
    path = fill_form(forms["TU"], {"I.2.a": FILLED["I.2.a"]})
    wb = openpyxl.load_workbook(path)
    _unmerge_data(wb[SHEET_I])
    wb[SHEET_I].delete_rows(layout.FIRST_DATA_ROW + 2)  # I.1.b
    wb.save(path)
    form = read_form(path, small_plan)
    assert [(i.code, i.row_id, i.sheet) for i in form.issues] == [("missing-row", "I.1.b", SHEET_I)]
    assert form.rows["I.2.a"].fields["status"].value == "Tidak Relevan"
    assert form.rows["I.2.a"].row == layout.FIRST_DATA_ROW + 2


def test_inserted_blank_row_and_renamed_reordered_sheets(
    small_plan: Plan, forms: dict[str, Path]
) -> None:
    path = fill_form(forms["ALL"], FILLED, identity=IDENTITY)
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_I]
    ws.insert_rows(layout.FIRST_DATA_ROW + 2)  # a blank row between I.1.a and I.1.b
    ws.title = "Komponen 1"
    wb[layout.SHEET_IDENTITY].title = "Data Pengisi"
    wb.move_sheet(wb[SHEET_III], offset=-3)
    wb.save(path)
    form = read_form(path, small_plan)
    expected = {rid: {k: v for k, v in f.items() if v is not None} for rid, f in FILLED.items()}
    assert values(form) == expected
    assert (
        form.rows["I.1.b"].sheet == "Komponen 1"
        and form.rows["I.1.b"].row == layout.FIRST_DATA_ROW + 3
    )
    assert form.identity.nip == IDENTITY["nip"]
    assert form.identity_cells["nip"].sheet == "Data Pengisi"
    assert form.issues == ()


def test_columns_found_by_header_text(small_plan: Plan, forms: dict[str, Path]) -> None:
    path = fill_form(forms["TU"], {"I.1.a": FILLED["I.1.a"]})
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_I]
    ws.insert_cols(layout.COL["status"] + 1)  # a column inserted before STATUS
    ws.cell(layout.HEADER_ROW + 1, layout.COL["status"] + 2).value = "  status "
    ws.cell(layout.HEADER_ROW + 1, layout.COL["keterangan"] + 2).value = "Keterangan/Kendala"
    wb.save(path)
    form = read_form(path, small_plan)
    assert values(form)["I.1.a"] == FILLED["I.1.a"]
    assert form.rows["I.1.a"].fields["status"].cell == "I6"
    assert form.issues == ()


def test_unknown_duplicate_and_orphan_rows(small_plan: Plan, forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(forms["TU"])
    ws = wb[SHEET_I]
    _unmerge_data(ws)
    ws.insert_rows(9, amount=1)
    ws["A9"] = "I.1.a"  # a copied row
    ws["H9"] = "Selesai"
    ws.insert_rows(7, amount=1)  # a row typed without id inside the table
    ws["H7"] = "Selesai"
    ws["A20"] = "X.9"  # an id the plan does not know
    wb.save(forms["TU"])
    form = read_form(forms["TU"], small_plan)
    assert sorted((i.code, i.sheet, i.cell, i.row_id) for i in form.issues) == [
        ("data-without-id", SHEET_I, "H7", ""),
        ("duplicate-row", SHEET_I, "A10", "I.1.a"),
        ("unknown-row", SHEET_I, "A20", "X.9"),
    ]
    assert set(form.rows) == {"I.1.a", "I.1.b", "I.2.a"}


def test_missing_column(small_plan: Plan, forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(forms["TU"])
    wb[SHEET_I].cell(layout.HEADER_ROW + 1, layout.COL["capaian"] + 1).value = "PERSEN"
    wb.save(forms["TU"])
    form = read_form(forms["TU"], small_plan)
    assert [(i.code, i.sheet, i.field) for i in form.issues] == [
        ("missing-column", SHEET_I, "capaian")
    ]
    assert "capaian" not in form.rows["I.1.a"].fields


def test_form_without_meta_sheet(small_plan: Plan, forms: dict[str, Path]) -> None:
    path = fill_form(forms["RKT"], {"I.1.a": {"status": "Belum"}})
    wb = openpyxl.load_workbook(path)
    del wb[layout.SHEET_META]
    wb.save(path)
    form = read_form(path, small_plan)  # identity comes from the custom properties
    assert [i.code for i in form.issues] == ["missing-meta"]
    assert form.identity.plan_id == small_plan.id
    assert form.rows["I.1.a"].fields["status"].value == "Belum" and len(form.rows) == 5


def test_identity_values(small_plan: Plan, forms: dict[str, Path]) -> None:
    identity = {
        "nama_pengisi": " Ani ",
        "nip": 198501012010011001,
        "tanggal_pengisian": "3 Juni 2019",
    }
    path = fill_form(forms["TU"], {}, identity=identity, strict=False)
    form = read_form(path, small_plan)
    nip_cell = f"B{layout.IDENTITY_ROW['nip'] + 1}"
    assert [(i.code, i.sheet, i.cell, i.field) for i in form.issues] == [
        ("nip-as-number", layout.SHEET_IDENTITY, nip_cell, "nip")
    ]
    assert form.identity.nip == "" and form.identity.nama_pengisi == "Ani"
    assert form.identity.tanggal_pengisian == dt.date(2019, 6, 3)
