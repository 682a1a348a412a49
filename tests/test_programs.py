"""Real spreadsheet programs as oracles: LibreOffice and Gnumeric open what we write without
error values, and a form filled and saved by them reads back intact.

One LibreOffice start converts every file of a test (the program is slow to start).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from helpers import fill_form
from programs import error_cells, needs_gnumeric, needs_libreoffice, soffice_convert, ssconvert

from rkt_excel.generate import distribute_forms, generate_workbook
from rkt_excel.read import read_form
from rkt_excel.template import Plan, load_template
from rkt_excel.units import Unit

pytestmark = pytest.mark.programs

VALUES: dict[str, dict[str, Any]] = {
    "I.1.a": {
        "status": "Selesai",
        "realisasi": dt.date(2019, 1, 21),
        "capaian": 100,
        "jawaban": "Ya",
        "bukti_dukung": "https://drive.google.com/drive/folders/abc",
        "keterangan": "Sudah ditetapkan 😀 — “SK” =SUM(1)",
    },
    "I.2.a": {
        "status": "Dalam Proses",
        "capaian": 80.5,
        "jawaban": "Tidak",
        "keterangan": "x" * 300,
    },
    "I.4.b": {"status": "Belum", "capaian": 0, "bukti_dukung": "SK_Agen_Perubahan.pdf"},
}
IDENTITY = {
    "nama_pengisi": "Siti Rahmawati",
    "nip": "198501012010012001",
    "jabatan": "Kepala Subbagian",
    "tanggal_pengisian": dt.date(2019, 8, 17),
}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_template()


@pytest.fixture(scope="module")
def written(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The standard workbook, an empty unit form and a filled unit form."""
    root = tmp_path_factory.mktemp("written")
    workbook = generate_workbook(plan, root / "rkt.xlsx")
    units = [Unit("TU", "Subbagian Tata Usaha", ("I",), ())]
    (form,) = distribute_forms(plan, units, root / "forms")
    filled = fill_form(form, VALUES, identity=IDENTITY, out=root / "filled.xlsx")
    return {"workbook": workbook, "form": form, "filled": filled}


def expected(plan: Plan, path: Path) -> None:
    """The form at ``path`` reads back with every value, the identity and the row ids."""
    form = read_form(path, plan)
    assert form.identity.unit_code == "TU"
    assert form.identity.nip == IDENTITY["nip"]
    assert form.identity.tanggal_pengisian == IDENTITY["tanggal_pengisian"]
    assert set(form.rows) == {i.id for c, _, i in plan.indicators() if c.id == "I"}
    for row_id, fields in VALUES.items():
        row = form.rows[row_id]
        for key, value in fields.items():
            got = row.fields[key].value
            if isinstance(value, dt.date):
                assert got == value, (row_id, key)
            elif isinstance(value, int | float):
                assert got == pytest.approx(value), (row_id, key)
            else:
                assert got == value, (row_id, key)


@needs_libreoffice
def test_libreoffice_opens_cleanly(written: dict[str, Path], tmp_path: Path) -> None:
    converted = soffice_convert(list(written.values()), tmp_path, "xlsx")
    for path in converted:
        assert error_cells(path) == [], path.name


@needs_gnumeric
def test_gnumeric_opens_cleanly(written: dict[str, Path], tmp_path: Path) -> None:
    for name, src in written.items():
        out = ssconvert(src, tmp_path / f"{name}.xlsx")
        assert error_cells(out) == [], name


@needs_libreoffice
def test_form_saved_by_libreoffice_reads_back(
    plan: Plan, written: dict[str, Path], tmp_path: Path
) -> None:
    (saved,) = soffice_convert([written["filled"]], tmp_path / "lo", "xlsx")
    expected(plan, saved)


@needs_libreoffice
def test_form_through_ods_reads_back(plan: Plan, written: dict[str, Path], tmp_path: Path) -> None:
    (ods,) = soffice_convert([written["filled"]], tmp_path / "ods", "ods")
    (back,) = soffice_convert([ods], tmp_path / "back", "xlsx")
    expected(plan, back)


@needs_gnumeric
def test_form_saved_by_gnumeric_reads_back(
    plan: Plan, written: dict[str, Path], tmp_path: Path
) -> None:
    saved = ssconvert(written["filled"], tmp_path / "gnumeric.xlsx", recalc=False)
    expected(plan, saved)


# --- the recap and the roll-up ---------------------------------------------------------------

FORMULA_SHEETS = ("LKE", "Ringkasan")


@pytest.fixture(scope="module")
def recaps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo's two recaps and roll-up, and the consolidation behind the first recap."""
    from rkt_excel.collect import run_consolidation
    from rkt_excel.demo import DEMO_AS_OF, DEMO_HASIL, example_units_path, run_demo
    from rkt_excel.recap import write_recap
    from rkt_excel.units import load_units

    root = tmp_path_factory.mktemp("recaps")
    demo = run_demo(root)
    plan = load_template()
    office = demo.offices[0]
    units = load_units(example_units_path(), plan)
    c = run_consolidation(office.returned, plan, units=units, as_of=DEMO_AS_OF, hasil=DEMO_HASIL)
    recap = write_recap(c, plan, root / "rekap.xlsx")
    other = demo.offices[1].recap
    assert other is not None
    return {"recap": recap, "other": other, "rollup": demo.rollup, "c": c}


def formula_cells(path: Path) -> dict[tuple[str, str], Any]:
    """(sheet, cell) -> cached value of every formula cell of the LKE and Ringkasan sheets."""
    import openpyxl

    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    out: dict[tuple[str, str], Any] = {}
    for name in FORMULA_SHEETS:
        for row in formulas[name].iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    out[(name, cell.coordinate)] = values[name][cell.coordinate].value
    return out


def assert_same_values(cached: dict[tuple[str, str], Any], recalculated: Path) -> None:
    import warnings

    import openpyxl

    with warnings.catch_warnings():
        # Gnumeric writes no default cell style; openpyxl warns and uses its own (harmless).
        warnings.filterwarnings("ignore", "Workbook contains no default style")
        wb = openpyxl.load_workbook(recalculated, data_only=True)
    assert cached, "no formula found"
    for (sheet, cell), value in cached.items():
        got = wb[sheet][cell].value
        if isinstance(value, int | float) and not isinstance(value, bool):
            assert isinstance(got, int | float), (sheet, cell, value, got)
            assert got == pytest.approx(value, abs=1e-9), (sheet, cell)
        else:  # an empty text result is cached as "" by some programs, as nothing by others
            assert (got or "") == (value or ""), (sheet, cell, value, got)


def answer_and_total_cells(path: Path, question: str) -> tuple[str, str]:
    """The Jawaban cell of a question and the total's Nilai cell on the LKE sheet."""
    import openpyxl

    ws = openpyxl.load_workbook(path)["LKE"]
    rows: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):  # the first row of a code (the checks table repeats it)
        rows.setdefault(str(ws.cell(r, 1).value), r)
    return f"F{rows[question]}", f"G{rows['total']}"


@needs_libreoffice
def test_recap_and_rollup_open_cleanly_in_libreoffice(
    recaps: dict[str, Any], tmp_path: Path
) -> None:
    files = [recaps["recap"], recaps["other"], recaps["rollup"]]
    for path in soffice_convert(files, tmp_path, "xlsx"):
        assert error_cells(path) == [], path.name


@needs_gnumeric
def test_recap_and_rollup_open_cleanly_in_gnumeric(recaps: dict[str, Any], tmp_path: Path) -> None:
    for name in ("recap", "other", "rollup"):
        out = ssconvert(recaps[name], tmp_path / f"{name}.xlsx")
        assert error_cells(out) == [], name


@needs_libreoffice
def test_recap_formulas_equal_python_after_libreoffice_recalc(
    recaps: dict[str, Any], tmp_path: Path
) -> None:
    (recalculated,) = soffice_convert([recaps["recap"]], tmp_path, "xlsx")
    assert_same_values(formula_cells(recaps["recap"]), recalculated)


@needs_gnumeric
def test_recap_formulas_equal_python_after_gnumeric_recalc(
    recaps: dict[str, Any], tmp_path: Path
) -> None:
    recalculated = ssconvert(recaps["recap"], tmp_path / "gnumeric.xlsx")
    assert_same_values(formula_cells(recaps["recap"]), recalculated)


@needs_libreoffice
def test_evaluator_changes_an_answer(recaps: dict[str, Any], tmp_path: Path) -> None:
    """An evaluator changes one answer in the recap; the total moves as score() says."""
    import openpyxl

    from rkt_excel.score import score

    c = recaps["c"]
    question = next(
        q.id
        for q in c.model.questions.values()
        if q.options and c.answers.get(q.id) != q.options[-1] and q.kind == "item"
    )
    worst = c.model.question(question).options[-1]
    answer_cell, total_cell = answer_and_total_cells(recaps["recap"], question)
    wb = openpyxl.load_workbook(recaps["recap"])
    wb["LKE"][answer_cell].value = worst
    changed = tmp_path / "changed.xlsx"
    wb.save(changed)
    (recalculated,) = soffice_convert([changed], tmp_path / "out", "xlsx")
    got = openpyxl.load_workbook(recalculated, data_only=True)["LKE"][total_cell].value
    expected_total = score(c.model, {**c.answers, question: worst}).official.total
    assert got == pytest.approx(expected_total, abs=1e-9)
    assert expected_total < c.result.official.total


@needs_libreoffice
def test_tpi_review_typed_in_libreoffice_is_read_back_and_scored(
    recaps: dict[str, Any], tmp_path: Path
) -> None:
    """An evaluator types TPI answers, notes and a response into the recap in LibreOffice and
    saves; the next consolidation reads them, and the TPI score is score() on those answers."""
    import openpyxl
    from programs import soffice_type
    from test_review import lke_cells

    from rkt_excel.collect import run_consolidation
    from rkt_excel.demo import DEMO_AS_OF, DEMO_HASIL, example_units_path
    from rkt_excel.recap.read_review import read_review
    from rkt_excel.review import REVIEW_HEADERS
    from rkt_excel.score import score
    from rkt_excel.units import load_units

    c = recaps["c"]
    model = c.model
    plan = load_template()
    items = [q for q in model.questions.values() if q.kind == "item" and q.options]
    first, second, third = items[0], items[5], items[11]
    tpi: dict[str, Any] = {
        first.id: first.options[-1],
        second.id: second.options[0].lower(),  # typed in lower case: still valid
        third.id: third.options[1],
        "H.IPAK": 3.1,  # the TPI's own survey value, typed as a number
    }
    notes = {first.id: '=SUM(A1) bukan rumus; "kutip" & <tag>', third.id: "Bukti belum lengkap"}
    ws = openpyxl.load_workbook(recaps["recap"])["LKE"]
    rows, headers = lke_cells(ws)

    def at(qid: str, field: str) -> str:
        return str(ws.cell(rows[qid], headers[REVIEW_HEADERS[field]]).coordinate)

    edits: list[tuple[str, str, object]] = [("LKE", at(q, "tpi_answer"), v) for q, v in tpi.items()]
    edits += [("LKE", at(q, "tpi_note"), v) for q, v in notes.items()]
    edits.append(("LKE", at(first.id, "response"), "Akan dilengkapi bulan depan"))
    returned = soffice_type(recaps["recap"], tmp_path / "rekap-tpi.xlsx", edits)

    review = read_review(returned, plan)
    assert {q: e.tpi_answer for q, e in review.entries.items() if e.tpi_answer} == tpi
    assert {q: e.tpi_note for q, e in review.entries.items() if e.tpi_note} == notes
    assert review.entries[first.id].response == "Akan dilengkapi bulan depan"
    assert review.issues == ()
    inbox = Path(c.forms[0].path).parent
    units = load_units(example_units_path(), plan)
    again = run_consolidation(
        [inbox], plan, units=units, as_of=DEMO_AS_OF, hasil=DEMO_HASIL, review=review
    )
    assert again.tracks is not None and again.tracks.tpi is not None
    hasil = {q: DEMO_HASIL[q] for q in DEMO_HASIL}
    expected = score(model, {**hasil, **tpi})
    got = again.tracks.tpi.scores
    assert got.official == expected.official and got.total == expected.total
    assert got.official.hasil_items["H.IPAK"] == pytest.approx(3.1 / 4 * 15)
    assert again.tracks.tpn is None
