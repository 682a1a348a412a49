"""Tests of generate.py: the standard RKT workbook and the unit checklists, read back with openpyxl.

Golden snapshot: tests/golden/form-small.txt is a normalised text rendering (helpers.snapshot)
of one form of the small plan built in conftest. After a deliberate change to the forms,
regenerate it with

    RKT_UPDATE_GOLDEN=1 pytest tests/test_generate.py

and review the diff like code. The committed workbooks/ are regenerated with
``python scripts/make_workbooks.py``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
from helpers import fill_form, list_choices, read_meta, snapshot
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from rkt_excel import layout
from rkt_excel.errors import UnitsError
from rkt_excel.generate import bullets, distribute_forms, form_id, generate_workbook
from rkt_excel.guide import CHAPTERS_SHEET, COLUMN_HELP, CRITERIA_SHEET, NO_ANSWER
from rkt_excel.layout import text_lines
from rkt_excel.template import Plan
from rkt_excel.units import Unit
from rkt_excel.xlsx_io import atomic_write

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
COMMITTED = ROOT / "workbooks" / "rkt-2019-kanim-semarang.xlsx"


def col(key: str) -> int:
    """1-based column of a component-sheet field."""
    return layout.COL[key] + 1


def component_sheets(plan: Plan) -> list[str]:
    return [layout.component_sheet_name(c.id, c.name) for c in plan.components]


def validation_of(ws: Worksheet, coordinate: str) -> object:
    hits = [dv for dv in ws.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(hits) == 1, f"{ws.title}!{coordinate}: {len(hits)} validations"
    return hits[0]


def column_width(ws: Worksheet, index: int) -> float | None:
    """The width of a 1-based column (openpyxl groups equal neighbours as min..max)."""
    for dim in ws.column_dimensions.values():
        if dim.min <= index <= dim.max:
            return float(dim.width)
    return None


# --- structure -------------------------------------------------------------------------------


def test_workbook_sheets_in_order_with_visibility(small_plan: Plan, small_workbook: Path) -> None:
    wb = openpyxl.load_workbook(small_workbook)
    expected = [
        layout.SHEET_COVER,
        *([CHAPTERS_SHEET] if small_plan.chapters else []),  # BAB I-IV, the workbook only
        layout.SHEET_GUIDE,
        *component_sheets(small_plan),
        CRITERIA_SHEET,
        layout.SHEET_LISTS,
        layout.SHEET_META,
    ]
    assert wb.sheetnames == expected
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    assert states[layout.SHEET_LISTS] == "hidden"
    assert states[layout.SHEET_META] == "veryHidden"
    assert {s for t, s in states.items() if t not in (layout.SHEET_LISTS, layout.SHEET_META)} == {
        "visible"
    }


def test_form_has_identity_sheet_and_only_its_components(small_forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(small_forms["TU"])
    assert wb.sheetnames == [
        layout.SHEET_COVER,
        layout.SHEET_GUIDE,
        layout.SHEET_IDENTITY,
        layout.component_sheet_name("I", "Manajemen Perubahan"),
        CRITERIA_SHEET,
        layout.SHEET_LISTS,
        layout.SHEET_META,
    ]
    assert wb.active.title == layout.SHEET_IDENTITY


@pytest.mark.parametrize(
    ("code", "rows"),
    [
        ("TU", ["I.1.a", "I.1.b", "I.2.a"]),
        ("LANTAS", ["I.2.a", "III.1.b"]),
        ("WASDAK", ["I.1.a", "I.1.b", "I.2.a", "III.1.a", "III.1.b"]),
    ],
)
def test_form_holds_only_assigned_rows(
    small_forms: dict[str, Path], code: str, rows: list[str]
) -> None:
    wb = openpyxl.load_workbook(small_forms[code])
    _, meta_rows = read_meta(wb)
    assert list(meta_rows) == rows
    for row_id, where in meta_rows.items():
        assert wb[where.sheet].cell(where.row, col("id")).value == row_id


def test_table_equals_the_plan(embedded_plan: Plan, tmp_path: Path) -> None:
    path = generate_workbook(embedded_plan, tmp_path / "rkt.xlsx")
    wb = openpyxl.load_workbook(path)
    keys, rows = read_meta(wb)
    assert list(rows) == [i.id for _, _, i in embedded_plan.indicators()]
    for comp, _, ind in embedded_plan.indicators():
        where = rows[ind.id]
        ws = wb[where.sheet]
        assert where.sheet == layout.component_sheet_name(comp.id, comp.name)
        assert where.component == comp.id
        assert where.lke == (ind.lke or "")

        def cell(key: str, ws: Worksheet = ws, r: int = where.row) -> object:
            return ws.cell(r, col(key)).value

        assert cell("id") == ind.id
        assert cell("indikator") == ind.indicator
        assert cell("langkah_aksi") == (bullets(ind.actions) or None)
        assert cell("bukti_fisik") == (bullets(ind.evidence) or None)
        assert cell("target_waktu") == (ind.target or None)
        for key in layout.INPUT_FIELDS:
            assert cell(key) is None, f"{ind.id} {key} should start empty"
    for header_col, column in enumerate(layout.COLUMNS, start=1):
        for name in component_sheets(embedded_plan):
            assert wb[name].cell(layout.HEADER_ROW + 1, header_col).value == column.header
    assert keys["kind"] == "workbook"


def test_komponen_and_no_merged_over_their_rows(small_plan: Plan, small_workbook: Path) -> None:
    ws = openpyxl.load_workbook(small_workbook)[component_sheets(small_plan)[0]]
    merged = {str(r) for r in ws.merged_cells.ranges}
    first = layout.FIRST_DATA_ROW + 1
    no, komponen = get_column_letter(col("no")), get_column_letter(col("komponen"))
    # Tim Kerja has two rows (merged), Pemantauan one (a plain cell).
    assert f"{no}{first}:{no}{first + 1}" in merged
    assert f"{komponen}{first}:{komponen}{first + 1}" in merged
    assert ws.cell(first, col("komponen")).value == "Tim Kerja"
    assert ws.cell(first, col("no")).value == 1
    assert ws.cell(first + 2, col("komponen")).value == "Pemantauan"
    assert not any(f"{komponen}{first + 2}" in r for r in merged)


def test_plan_text_is_never_a_formula(small_plan: Plan, small_workbook: Path) -> None:
    ws = openpyxl.load_workbook(small_workbook)[component_sheets(small_plan)[0]]
    cell = ws.cell(layout.FIRST_DATA_ROW + 2, col("indikator"))
    assert cell.value == "=SUM(A1) bukan rumus, hanya teks"
    assert cell.data_type == "s"


def test_kriteria_shows_question_and_no_answer_rows_are_locked(
    small_plan: Plan, small_workbook: Path
) -> None:
    ws = openpyxl.load_workbook(small_workbook)[component_sheets(small_plan)[0]]
    r = layout.FIRST_DATA_ROW + 1
    kriteria = ws.cell(r, col("kriteria")).value
    assert "Apakah tim kerja telah dibentuk?" in kriteria and CRITERIA_SHEET in kriteria
    assert "SK tim kerja ada" in ws.cell(r, col("kriteria")).comment.text  # criteria on hover
    criteria = openpyxl.load_workbook(small_workbook)[CRITERIA_SHEET]
    texts = [c.value for row in criteria.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("Apakah tim kerja telah dibentuk?" in t and "SK tim kerja ada" in t for t in texts)
    no_lke = ws.cell(r + 2, col("kriteria")).value
    assert no_lke.startswith(NO_ANSWER)
    jawaban = ws.cell(r + 2, col("jawaban"))
    assert jawaban.protection.locked
    assert jawaban.fill.fgColor.rgb.endswith("D9D9D9")
    assert not any(jawaban.coordinate in dv.sqref for dv in ws.data_validations.dataValidation)


# --- fit for people --------------------------------------------------------------------------


def test_every_input_cell_has_its_validation(small_plan: Plan, small_workbook: Path) -> None:
    wb = openpyxl.load_workbook(small_workbook)
    _, rows = read_meta(wb)
    expected_list = {
        "yn": layout.LIST_NAMES["yn"],
        "abc": layout.LIST_NAMES["abc"],
        "abcde": layout.LIST_NAMES["abcde"],
    }
    for row_id, where in rows.items():
        ws = wb[where.sheet]

        def coord(key: str, r: int = where.row) -> str:
            return f"{get_column_letter(col(key))}{r}"

        status = validation_of(ws, coord("status"))
        assert (status.type, status.formula1) == ("list", layout.LIST_NAMES["status"])
        assert list_choices(wb, ws, coord("status")) == layout.STATUS_VALUES
        realisasi = validation_of(ws, coord("realisasi"))
        assert realisasi.type == "date"
        # Excel serials of 1 Jan and 31 Dec 2019
        assert (realisasi.formula1, realisasi.formula2) == ("43466", "43830")
        capaian = validation_of(ws, coord("capaian"))
        assert (capaian.type, capaian.formula1, capaian.formula2) == ("decimal", "0", "100")
        for key in ("bukti_dukung", "keterangan"):
            assert validation_of(ws, coord(key)).type == "textLength"
        if where.answer_type in expected_list:
            dv = validation_of(ws, coord("jawaban"))
            assert (dv.type, dv.formula1) == ("list", expected_list[where.answer_type])
            assert list_choices(wb, ws, coord("jawaban")) == layout.ANSWER_LISTS[where.answer_type]
        elif where.answer_type == "number":
            dv = validation_of(ws, coord("jawaban"))
            assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
        else:
            assert row_id == "I.2.a"
        for key in layout.INPUT_FIELDS:
            if key == "jawaban" and not where.answer_type:
                continue
            dv = validation_of(ws, coord(key))
            assert dv.prompt and dv.error and dv.showErrorMessage, (row_id, key)
            assert len(dv.promptTitle) <= 32 and len(dv.prompt) <= 255


def test_dropdown_lists_are_defined_names_on_the_hidden_sheet(small_workbook: Path) -> None:
    wb = openpyxl.load_workbook(small_workbook)
    lists = {"status": layout.STATUS_VALUES, **layout.ANSWER_LISTS}
    assert set(wb.defined_names) == set(layout.LIST_NAMES.values())
    for key, name in layout.LIST_NAMES.items():
        ((sheet, ref),) = list(wb.defined_names[name].destinations)
        assert sheet == layout.SHEET_LISTS
        values = tuple(c.value for line in wb[sheet][ref.replace("$", "")] for c in line)
        assert values == lists[key]


def test_protection_locks_plan_cells_and_unlocks_inputs(
    small_plan: Plan, small_forms: dict[str, Path]
) -> None:
    wb = openpyxl.load_workbook(small_forms["WASDAK"])
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password
    _, rows = read_meta(wb)
    for where in rows.values():
        ws = wb[where.sheet]
        for column in layout.COLUMNS:
            cell = ws.cell(where.row, col(column.key))
            expect_locked = not column.input or (column.key == "jawaban" and not where.answer_type)
            assert cell.protection.locked == expect_locked, (where.row_id, column.key)
        for r in range(1, layout.FIRST_DATA_ROW + 1):
            assert ws.cell(r, 1).protection.locked
    ident = wb[layout.SHEET_IDENTITY]
    for field in layout.IDENTITY_FIELDS:
        cell = ident.cell(layout.IDENTITY_ROW[field.key] + 1, 2)
        assert cell.protection.locked == (not field.input), field.key
    assert ident.cell(layout.IDENTITY_ROW["unit_code"] + 1, 2).value == "WASDAK"
    assert ident.cell(layout.IDENTITY_ROW["unit_name"] + 1, 2).value.startswith("Seksi Pengawasan")


def test_password_is_applied_to_every_sheet(small_plan: Plan, tmp_path: Path) -> None:
    path = generate_workbook(small_plan, tmp_path / "rkt.xlsx", password="rahasia")
    wb = openpyxl.load_workbook(path)
    assert all(ws.protection.sheet and ws.protection.password for ws in wb.worksheets)


def test_nip_is_text_with_a_length_check(small_forms: dict[str, Path]) -> None:
    ws = openpyxl.load_workbook(small_forms["TU"])[layout.SHEET_IDENTITY]
    cell = ws.cell(layout.IDENTITY_ROW["nip"] + 1, 2)
    assert cell.number_format == "@"
    dv = validation_of(ws, cell.coordinate)
    assert (dv.type, dv.operator, dv.formula1) == ("textLength", "equal", "18")
    assert "18 digit" in dv.error
    date_cell = ws.cell(layout.IDENTITY_ROW["tanggal_pengisian"] + 1, 2)
    assert date_cell.number_format == layout.DATE_FORMAT
    assert validation_of(ws, date_cell.coordinate).type == "date"
    for field in layout.IDENTITY_FIELDS:
        assert ws.cell(layout.IDENTITY_ROW[field.key] + 1, 1).value == field.label


def test_print_setup_and_panes(small_plan: Plan, small_forms: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(small_forms["WASDAK"])
    printed = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    components = set(component_sheets(small_plan))
    for ws in printed:
        ps = ws.page_setup
        assert ps.paperSize == 9, ws.title  # A4
        wide = ws.title in components
        assert ps.orientation == ("landscape" if wide else "portrait"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # xlsxwriter leaves fitToWidth out when it is 1, the OOXML default
        assert ps.fitToWidth in (None, 1) and ps.fitToHeight == 0, ws.title
        assert ws.oddHeader.left.text.startswith("KANTOR UJI && COBA")  # '&&' prints one '&'
        assert ws.oddHeader.right.text == "&A"  # the sheet's name
        assert ws.oddFooter.center.text == "Halaman &P dari &N"
    for name in component_sheets(small_plan):
        ws = wb[name]
        header = layout.HEADER_ROW + 1
        assert ws.print_title_rows == f"${header}:${header}"
        assert ws.freeze_panes == f"{get_column_letter(col('indikator') + 1)}{header + 1}"
        for column in layout.COLUMNS:
            assert column_width(ws, col(column.key)) == pytest.approx(column.width, abs=0.75)


def test_row_heights_leave_room_for_the_text(embedded_plan: Plan, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(generate_workbook(embedded_plan, tmp_path / "rkt.xlsx"))
    _, rows = read_meta(wb)
    for where in rows.values():
        ws = wb[where.sheet]
        height = ws.row_dimensions[where.row].height
        for column in layout.COLUMNS:
            value = ws.cell(where.row, col(column.key)).value
            if isinstance(value, str) and column.key not in ("no", "komponen"):
                assert height >= min(409, text_lines(value, column.width) * 12.75), where.row_id


def test_status_colours_are_conditional_formats(small_plan: Plan, small_workbook: Path) -> None:
    ws = openpyxl.load_workbook(small_workbook)[component_sheets(small_plan)[0]]
    rules = [(str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting for r in cf.rules]
    status = get_column_letter(col("status"))
    first, last = layout.FIRST_DATA_ROW + 1, layout.FIRST_DATA_ROW + 3
    assert sorted(f for _, f in rules) == sorted(f'"{s}"' for s in layout.STATUS_VALUES)
    assert {r for r, _ in rules} == {f"{status}{first}:{status}{last}"}


def test_every_column_is_explained() -> None:
    assert set(COLUMN_HELP) == {c.key for c in layout.COLUMNS}


# --- identity --------------------------------------------------------------------------------


def test_metadata_sheet_and_custom_properties(
    small_plan: Plan, small_forms: dict[str, Path]
) -> None:
    wb = openpyxl.load_workbook(small_forms["LANTAS"])
    keys, rows = read_meta(wb)
    assert list(keys) == list(layout.META_KEYS)
    assert keys["format"] == layout.FORM_FORMAT
    assert keys["kind"] == "form"
    assert keys["plan_id"] == small_plan.id
    assert keys["plan_version"] == small_plan.version
    assert keys["plan_hash"] == small_plan.content_hash
    assert keys["regulation"] == small_plan.regulation
    assert keys["year"] == "2019"
    assert keys["unit_code"] == "LANTAS"
    assert keys["form_id"] == form_id(small_plan.content_hash, "LANTAS")
    assert len(keys["form_id"]) == 16
    header = wb[layout.SHEET_META][layout.META_ROWS_HEADER + 1]
    assert tuple(c.value for c in header[: len(layout.META_ROW_COLUMNS)]) == (
        layout.META_ROW_COLUMNS
    )
    assert rows["III.1.b"].answer_type == "abcde" and rows["III.1.b"].lke == "Q4"
    assert rows["I.2.a"].answer_type == "" and rows["I.2.a"].lke == ""
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    # Every non-empty key is a custom property too (an empty one is not written).
    assert props == {layout.PROPERTY_PREFIX + k: v for k, v in keys.items() if v}
    assert keys["period"] == "" and keys["carried_from"] == ""
    assert wb.properties.title.startswith(small_plan.title)
    assert wb.properties.creator and wb.properties.subject
    assert wb.properties.created == dt.datetime(2019, 2, 18)


def test_form_ids_differ_per_unit_and_are_stable(small_forms: dict[str, Path]) -> None:
    ids = {code: read_meta(path)[0]["form_id"] for code, path in small_forms.items()}
    assert len(set(ids.values())) == len(ids)


# --- golden, round trip, reproducibility ------------------------------------------------------


def test_golden_snapshot_of_a_form(small_forms: dict[str, Path]) -> None:
    golden = GOLDEN / "form-small.txt"
    text = snapshot(small_forms["LANTAS"])
    if os.environ.get("RKT_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), "no golden file: run RKT_UPDATE_GOLDEN=1 pytest tests/test_generate.py"
    assert text == golden.read_text(encoding="utf-8"), (
        "the form differs from tests/golden/form-small.txt; if the change is intended, run "
        "RKT_UPDATE_GOLDEN=1 pytest tests/test_generate.py and review the diff"
    )


def test_filled_form_keeps_validations_and_metadata(
    small_forms: dict[str, Path], tmp_path: Path
) -> None:
    original = small_forms["WASDAK"]
    before = snapshot(original)
    filled = fill_form(
        original,
        {
            "I.1.a": {
                "status": "Selesai",
                "realisasi": dt.date(2019, 1, 28),
                "capaian": 100,
                "jawaban": "Ya",
                "bukti_dukung": "https://drive.example/sk-tim.pdf",
            },
            "I.1.b": {"status": "Dalam Proses", "capaian": 50, "jawaban": "B"},
            "III.1.a": {"status": "Belum", "jawaban": 12},
            "III.1.b": {"status": "Tidak Relevan", "keterangan": "bukan tugas seksi"},
        },
        identity={
            "nama_pengisi": "Ani Wijaya",
            "nip": "198501012010011001",
            "jabatan": "Kepala Seksi",
            "tanggal_pengisian": dt.date(2019, 7, 1),
        },
        out=tmp_path / "filled.xlsx",
    )
    wb = openpyxl.load_workbook(filled)
    keys, rows = read_meta(wb)
    assert keys == read_meta(original)[0]
    where = rows["I.1.a"]
    ws = wb[where.sheet]
    assert ws.cell(where.row, col("status")).value == "Selesai"
    assert ws.cell(where.row, col("realisasi")).value == dt.datetime(2019, 1, 28)
    assert ws.cell(where.row, col("realisasi")).number_format == layout.DATE_FORMAT
    nip = wb[layout.SHEET_IDENTITY].cell(layout.IDENTITY_ROW["nip"] + 1, 2)
    assert nip.value == "198501012010011001" and nip.number_format == "@"
    # Everything but the typed values is unchanged: validations, protection, names, metadata.
    structure = [line for line in snapshot(filled).splitlines() if "unlocked" not in line]
    assert structure == [line for line in before.splitlines() if "unlocked" not in line]


def test_fill_form_refuses_what_a_dropdown_does_not_offer(small_forms: dict[str, Path]) -> None:
    with pytest.raises(ValueError, match="not offered"):
        fill_form(small_forms["TU"], {"I.1.a": {"status": "Sudah"}})
    with pytest.raises(ValueError, match="locked"):
        fill_form(small_forms["TU"], {"I.1.a": {"indikator": "diubah"}})


def test_output_is_byte_identical_run_to_run(small_plan: Plan, tmp_path: Path) -> None:
    a = generate_workbook(small_plan, tmp_path / "a.xlsx").read_bytes()
    b = generate_workbook(small_plan, tmp_path / "b.xlsx").read_bytes()
    assert a == b
    units = [Unit("TU", "Subbagian Tata Usaha", ("I",))]
    (fa,) = distribute_forms(small_plan, units, tmp_path / "x")
    (fb,) = distribute_forms(small_plan, units, tmp_path / "y")
    assert fa.read_bytes() == fb.read_bytes()


def test_committed_workbook_is_current(embedded_plan: Plan, tmp_path: Path) -> None:
    fresh = generate_workbook(embedded_plan, tmp_path / COMMITTED.name).read_bytes()
    assert COMMITTED.exists(), "workbooks/ is missing: run python scripts/make_workbooks.py"
    assert COMMITTED.read_bytes() == fresh, (
        f"{COMMITTED.relative_to(ROOT)} is out of date: run python scripts/make_workbooks.py"
    )


# --- distribution and writing ----------------------------------------------------------------


def test_distribute_names_files_from_unit_codes(small_plan: Plan, tmp_path: Path) -> None:
    units = [Unit("TU/1", "Tata Usaha"), Unit("Lalu Lintas", "Seksi Lalu Lintas")]
    paths = distribute_forms(small_plan, units, tmp_path / "out")
    assert [p.name for p in paths] == ["form-TU-1.xlsx", "form-Lalu-Lintas.xlsx"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in paths)


def test_bad_units_write_nothing(small_plan: Plan, tmp_path: Path) -> None:
    units = [
        Unit("TU", "Tata Usaha", ("I",)),
        Unit("X", "Seksi X", ("IX",)),
        Unit("tu", "Tata Usaha lagi"),
        Unit("Y", "Seksi Y", indicators=("Z.9",)),
    ]
    out = tmp_path / "out"
    with pytest.raises(UnitsError) as err:
        distribute_forms(small_plan, units, out)
    assert [line for line, _ in err.value.problems] == [2, 3, 4]
    assert not out.exists()


def test_bad_units_file_writes_nothing(small_plan: Plan, tmp_path: Path) -> None:
    units_file = tmp_path / "units.csv"
    units_file.write_text("kode,nama,komponen\nTU,Tata Usaha,I\nX,Seksi X,VII\n", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(UnitsError) as err:
        distribute_forms(small_plan, units_file, out)
    assert err.value.problems == [(3, "unknown component 'VII'")]
    assert not out.exists()


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "rkt.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["rkt.xlsx"]
    with atomic_write(target) as tmp:
        assert tmp.parent == tmp_path and tmp.suffix == ".xlsx"
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["rkt.xlsx"]


def test_the_workbook_prints_the_plans_chapters_cover_and_team(
    embedded_plan: Plan, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(generate_workbook(embedded_plan, tmp_path / "rkt.xlsx"))
    texts = [c.value for c in wb[CHAPTERS_SHEET]["A"] + wb[CHAPTERS_SHEET]["B"] if c.value]
    for chapter in embedded_plan.chapters:
        assert any(str(t).startswith(f"BAB {chapter.number} ") for t in texts), chapter.number
    first = embedded_plan.chapters[0]
    paragraph = next(b for b in first.body if isinstance(b, str)) if first.body else None
    if paragraph:
        assert paragraph in texts
    cover = [c.value for c in wb[layout.SHEET_COVER]["A"] if c.value]
    assert all(line in cover for line in embedded_plan.document.cover)
    if embedded_plan.signing.team:
        assert embedded_plan.signing.team in cover
