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
