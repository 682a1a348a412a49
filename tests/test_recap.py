"""write_recap / read_recap / write_rollup / export_csv on the small office of test_consolidate.

Golden CSVs: tests/golden/recap_*.csv. After an intended change, regenerate and review the diff:
    RKT_UPDATE_GOLDEN=1 pytest tests/test_recap.py
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from test_consolidate import (
    DDE_TEXT,
    FORMULA_TEXT,
    UNITS,
    consolidate_office,
    make_form,
    office_plan,
)

from rkt_excel.consolidate import Consolidation, consolidate
from rkt_excel.errors import RecapError
from rkt_excel.recap import (
    CSV_TABLES,
    SHEET_DATA,
    SHEET_ISSUES,
    SHEET_LATE,
    SHEET_LKE,
    SHEET_PROGRESS,
    SHEET_ROLLUP,
    SHEET_ROWS,
    SHEET_SOURCES,
    SHEET_SUMMARY,
    WORKBOOK_OPTIONS,
    export_csv,
    read_recap,
    write_recap,
    write_rollup,
)
from rkt_excel.recap.lke_sheet import evidence_text, write_lke_sheet
from rkt_excel.recap.rollup import UNMET_TITLE, distinct_recaps
from rkt_excel.safe_text import csv_cell
from rkt_excel.template import Plan

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return office_plan()


@pytest.fixture(scope="module")
def office(plan: Plan) -> Consolidation:
    return consolidate_office(plan)


@pytest.fixture(scope="module")
def recap(office: Consolidation, plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_recap(office, plan, tmp_path_factory.mktemp("recap") / "rekap.xlsx")


def _rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _chart_count(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(1 for n in z.namelist() if n.startswith("xl/charts/chart"))


def _table(ws: Any) -> list[dict[str, Any]]:
    """Rows of a sheet whose first row is the header, as dicts."""
    head, *body = _rows(ws)
    return [dict(zip(head, r, strict=True)) for r in body]


def test_sheets_in_order_and_data_sheet_hidden(recap: Path) -> None:
    wb = openpyxl.load_workbook(recap)
    assert wb.sheetnames == [
        SHEET_SUMMARY, SHEET_PROGRESS, SHEET_ROWS, SHEET_LATE, SHEET_LKE, "Hasil", "Reviu TPI",
        "Prioritas Perbaikan", SHEET_ISSUES, SHEET_SOURCES, SHEET_DATA,
    ]  # fmt: skip
    assert wb[SHEET_DATA].sheet_state == "hidden"
    assert wb.active.title == SHEET_SUMMARY


def test_rekap_indikator_has_every_typed_value(recap: Path, office: Consolidation) -> None:
    wb = openpyxl.load_workbook(recap)
    ws = wb[SHEET_ROWS]
    table = _table(ws)
    by_key = {(r["ID"], r["Kode Unit"]): r for r in table}
    # Every raw value of every used form appears as typed.
    for rec in office.rows.to_dict("records"):
        line = by_key[(rec["row_id"], rec["unit_code"])]
        for field, header in (
            ("status_raw", "Status"),
            ("capaian_raw", "Capaian (%)"),
            ("jawaban_raw", "Jawaban LKE"),
            ("bukti_dukung_raw", "Bukti Dukung"),
            ("keterangan_raw", "Keterangan / Kendala"),
        ):
            assert line[header] == rec[field], (rec["row_id"], rec["unit_code"], field)
    tu_realisasi = by_key[("I.1.a", "TU")]["Realisasi"]
    assert tu_realisasi == dt.datetime(2019, 1, 20)
    # Invalid values stay as typed, flagged in a column and highlighted.
    assert by_key[("I.2.a", "TU")]["Status"] == "Sudah beres"
    assert by_key[("I.2.a", "TU")]["Nilai Tidak Valid"] == "STATUS"
    assert by_key[("I.2.b", "TU")]["Capaian (%)"] == 150
    headers = [c.value for c in ws[1]]
    for n, r in enumerate(table, start=2):
        if (r["ID"], r["Kode Unit"]) == ("I.2.a", "TU"):
            cell = ws.cell(n, headers.index("Status") + 1)
            assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    # Combined status per indicator, on every line of the indicator.
    assert {r["Status Gabungan"] for r in table if r["ID"] == "I.1.a"} == {"Selesai"}
    assert by_key[("III.1.a", "WASDAK")]["Catatan"] == "Formulir tidak dikirim"
    assert by_key[("III.1.a", "WASDAK")]["Terlambat"] == "Ya"
    assert by_key[("III.1.b", "WASDAK")]["Status Gabungan"] == "Belum Dilaporkan"
    assert by_key[("I.2.b", "TU")]["Terlambat"] == "Ya"
    # The plan's own text starting with "=" stays text too.
    assert by_key[("I.1.b", "TU")]["Indikator"] == "=SUM(A1) hanya teks"


def test_injection_strings_stay_text_and_links_work(recap: Path) -> None:
    wb = openpyxl.load_workbook(recap)
    ws = wb[SHEET_ROWS]
    found: dict[str, Any] = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+")):
                found[cell.value] = cell
    for text in (FORMULA_TEXT, DDE_TEXT, "+62 811 anggaran", "=SUM(A1) hanya teks"):
        assert found[text].data_type == "s", text
    links = {c.value: c.hyperlink.target for r in ws.iter_rows() for c in r if c.hyperlink}
    assert links == {
        "SK Tim ZI.pdf": "https://drive.example/sk-tim",
        "https://drive.example/rencana": "https://drive.example/rencana",
        "mailto:tu@uji.go.id": "mailto:tu@uji.go.id",
    }


def test_keterlambatan_validasi_sumber(recap: Path, office: Consolidation) -> None:
    wb = openpyxl.load_workbook(recap)
    late = _table(wb[SHEET_LATE])
    assert [(r["Kode Unit"], r["ID"], r["Alasan"]) for r in late] == [
        ("LANTAS", "III.1.a", "belum dimulai"),
        ("TU", "I.2.b", "melewati target"),
        ("WASDAK", "III.1.a", "formulir tidak dikirim"),
    ]
    issues = _table(wb[SHEET_ISSUES])
    assert len(issues) == len(office.issues)
    out_of_range = next(r for r in issues if r["Kode"] == "out-of-range")
    assert (out_of_range["File"], out_of_range["Sheet"], out_of_range["Sel"]) == (
        "masuk/TU.xlsx",
        "I Manajemen Perubahan",
        "J9",
    )
    assert (out_of_range["ID Baris"], out_of_range["Kolom"], out_of_range["Nilai Diketik"]) == (
        "I.2.b",
        "CAPAIAN (%)",  # the column as the form heads it, not the field's key
        150,
    )
    assert out_of_range["Tingkat"] == "Kesalahan"
    assert {r["Status File"] for r in issues} == {"Diterima", "Digantikan", "Ditolak"}
    sources = {r["File"]: r for r in _table(wb[SHEET_SOURCES])}
    assert sources["masuk/TU-lama.xlsx"]["Status"] == "Digantikan"
    assert sources["masuk/TU-lama.xlsx"]["Digantikan Oleh"] == "masuk/TU.xlsx"
    assert sources["masuk/rusak.xlsx"]["Status"] == "Ditolak"
    assert sources["masuk/rusak.xlsx"]["SHA-256"] == "ab" * 32
    assert (sources["masuk/TU.xlsx"]["Kesalahan"], sources["masuk/TU.xlsx"]["Peringatan"]) == (2, 1)


def test_ringkasan(recap: Path, office: Consolidation) -> None:
    wb = openpyxl.load_workbook(recap, data_only=True)
    ws = wb[SHEET_SUMMARY]
    values = {r[0]: r[1] for r in _rows(ws) if r[0] is not None}
    assert values["Kantor"] == "KANTOR UJI SEMARANG"
    assert values["Formulir diterima"] == 2
    assert values["Formulir ditolak"] == 1
    assert values["Formulir digantikan (versi lama)"] == 1
    assert values["Unit belum mengirim"] == 1
    assert values["Daftar unit belum mengirim"] == "WASDAK (Seksi Pengawasan dan Penindakan)"
    assert values["Nilai total"] == pytest.approx(office.result.total, abs=1e-9)
    assert values["Perkiraan predikat"] == "Belum memenuhi"
    assert values["Penyelesaian keseluruhan (%)"] == pytest.approx(25.0)
    assert _chart_count(recap) == 4  # Ringkasan: per component, unit, area; Perkembangan: 1


def test_lke_sheet_cached_values_equal_score(
    recap: Path, office: Consolidation, tmp_path: Path
) -> None:
    # The layout is a pure function of its inputs: write it again to learn the addresses.
    scratch = xlsxwriter.Workbook(str(tmp_path / "scratch.xlsx"), WORKBOOK_OPTIONS)
    info = write_lke_sheet(
        scratch,
        scratch.add_worksheet(SHEET_LKE),
        office.model,
        office.answers,
        office.result,
        evidence=evidence_text(office.evidence),
    )
    scratch.close()
    ws = openpyxl.load_workbook(recap, data_only=True)[SHEET_LKE]
    levels = office.result.levels()
    assert levels
    for level in levels:
        cached = ws[info.value_cells[level.id]].value
        if level.value is None:
            assert cached in (None, ""), level.id
        else:
            assert cached == pytest.approx(level.value, abs=1e-9), level.id
        if level.id in info.strict_cells:  # items have no strict column
            strict = ws[info.strict_cells[level.id]].value
            assert strict == pytest.approx(level.value_strict, abs=1e-9), level.id
    assert ws[info.predikat_cell].value == "Belum memenuhi"
    evidence = ws[info.evidence_cells["I.1.a"]].value
    assert "TU (I.1.a): Ya — SK Tim ZI.pdf — https://drive.example/sk-tim" in evidence
    formulas = openpyxl.load_workbook(recap)[SHEET_LKE]
    assert formulas[info.value_cells["total"]].data_type == "f"  # live formulas


def test_same_inputs_same_bytes(office: Consolidation, plan: Plan, tmp_path: Path) -> None:
    a = write_recap(office, plan, tmp_path / "a.xlsx")
    b = write_recap(consolidate_office(plan), plan, tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # no temp files


def test_read_recap_round_trip(recap: Path, office: Consolidation) -> None:
    data = read_recap(recap)
    s = office.summary
    assert (data.office, data.plan_id, data.period, data.as_of) == (
        s.office,
        s.plan_id,
        s.period,
        s.as_of,
    )
    assert (data.forms_accepted, data.forms_rejected, data.units_missing) == (2, 1, ("WASDAK",))
    assert data.completion == pytest.approx(s.completion)
    assert data.completion_by_unit == pytest.approx(dict(s.completion_by_unit))
    assert data.total == pytest.approx(s.total, abs=1e-12)
    assert data.pengungkit == pytest.approx(s.pengungkit, abs=1e-12)
    assert data.predikat is None
    assert data.minimums_failed == s.minimums_failed
    assert [a.id for a in data.areas] == ["I", "II", "III", "IV", "V", "VI"]
    assert data.areas[0].value == pytest.approx(office.result.official.areas["I"], abs=1e-12)


def test_read_recap_refuses_other_files(tmp_path: Path) -> None:
    text = tmp_path / "catatan.xlsx"
    text.write_text("bukan excel", encoding="utf-8")
    with pytest.raises(RecapError, match=r"catatan\.xlsx"):
        read_recap(text)
    plain = tmp_path / "biasa.xlsx"
    wb = xlsxwriter.Workbook(str(plain))
    wb.add_worksheet("Sheet1").write_string(0, 0, "halo")
    wb.close()
    with pytest.raises(RecapError, match=r"biasa\.xlsx.*_rkt_data"):
        read_recap(plain)
    other = tmp_path / "lama.xlsx"
    wb = xlsxwriter.Workbook(str(other))
    wb.add_worksheet(SHEET_DATA).write_row(0, 0, ["format", "rkt-recap/0"])
    wb.close()
    with pytest.raises(RecapError, match="rkt-recap/0"):
        read_recap(other)
    with pytest.raises(RecapError, match=r"tidak-ada\.xlsx"):
        read_recap(tmp_path / "tidak-ada.xlsx")


def test_rollup_two_offices(plan: Plan, tmp_path: Path) -> None:
    first = write_recap(consolidate_office(plan), plan, tmp_path / "kanim-semarang.xlsx")
    other_plan = plan.model_copy(
        update={"office": plan.office.model_copy(update={"name": "=KANTOR SURAKARTA"})}
    )
    second_c = consolidate_office(other_plan, aggregate="mean", hasil={"H.IPAK": 4, "H.IPKP": 4})
    second = write_recap(second_c, other_plan, tmp_path / "kanim-surakarta.xlsx")
    out = write_rollup([read_recap(second), read_recap(first)], tmp_path / "kanwil.xlsx")
    ws = openpyxl.load_workbook(out, data_only=True)[SHEET_ROLLUP]
    head, *rest = _rows(ws)[2:]
    end = next(i for i, r in enumerate(rest) if r[0] is None)  # a blank row ends the table
    body, below = rest[:end], rest[end + 1 :]
    table = [dict(zip(head, r, strict=True)) for r in body]
    assert [r["Kantor"] for r in table] == ["=KANTOR SURAKARTA", "KANTOR UJI SEMARANG"]
    # below it, printed: the unmet minimums of each office (the table's widest column)
    assert below[0][0] == UNMET_TITLE
    assert [r[0] for r in below[1:3]] == ["=KANTOR SURAKARTA", "KANTOR UJI SEMARANG"]
    assert "WBK" in below[2][1]
    assert ws.cell(4, 1).data_type == "s"
    by_office = {r["Kantor"]: r for r in table}
    assert by_office["=KANTOR SURAKARTA"]["Total"] == pytest.approx(second_c.result.total)
    assert by_office["KANTOR UJI SEMARANG"]["Formulir Diterima"] == 2
    assert by_office["KANTOR UJI SEMARANG"]["Area I Manajemen Perubahan"] is not None
    assert "WBK" in by_office["KANTOR UJI SEMARANG"]["Syarat Belum Terpenuhi"]
    assert _chart_count(out) == 2
    # Every series of both charts plots the two offices' rows of the table, nothing below it.
    refs = [r.split("!")[1] for r in _chart_ranges(out)]
    spans = {(a.rsplit("$", 1)[1], b.rsplit("$", 1)[1]) for a, b in
             (r.split(":") for r in refs if ":" in r)}  # fmt: skip
    assert spans == {("4", "5")}, refs  # rows 4-5: below the title, a blank row and the header
    assert {r.rsplit("$", 1)[1] for r in refs if ":" not in r} == {"3"}  # series names: header


def _chart_ranges(path: Path) -> list[str]:
    """The cell ranges the charts of a workbook plot (categories and values), as written."""
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart"))
    return re.findall(r"<c:f>([^<]+)</c:f>", xml)


def test_a_recap_given_twice_is_one_office(plan: Plan, tmp_path: Path) -> None:
    """The same recap read twice, and a copy of it, are duplicates of the first read (kept
    once, in the order given); a recap of the same office with other data is not."""
    first = write_recap(consolidate_office(plan), plan, tmp_path / "kanim-semarang.xlsx")
    copy = tmp_path / "salinan.xlsx"
    shutil.copyfile(first, copy)
    other = write_recap(
        consolidate_office(plan, hasil={"H.IPAK": 4}), plan, tmp_path / "dengan-hasil.xlsx"
    )
    a, again, b, c = (read_recap(p) for p in (first, first, copy, other))
    kept, duplicates = distinct_recaps([a, again, c, b])
    assert [r.path for r in kept] == [str(first), str(other)]
    assert [(d.path, f.path) for d, f in duplicates] == [
        (str(first), str(first)),
        (str(copy), str(first)),
    ]


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+62 811", "'+62 811"),
        ("-5 hari", "'-5 hari"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("biasa", "biasa"),
        (None, ""),
        (float("nan"), ""),
        (-5.0, "-5.0"),
        (True, "TRUE"),
        (dt.date(2019, 1, 2), "2019-01-02"),
    ],
)
def test_csv_cell(value: Any, expected: str) -> None:
    assert csv_cell(value) == expected


def test_export_csv_matches_golden(office: Consolidation, tmp_path: Path) -> None:
    paths = export_csv(office, tmp_path)
    assert [p.name for p in paths] == [f"recap_{t}.csv" for t in CSV_TABLES]
    with (tmp_path / "recap_rows.csv").open(encoding="utf-8-sig", newline="") as fh:
        cells = {c for row in csv.reader(fh) for c in row}
    assert "'" + FORMULA_TEXT in cells and "'" + DDE_TEXT in cells
    assert FORMULA_TEXT not in cells
    # Golden: every table but scores (which follows the packaged LKE data; it is checked
    # against score() above).
    update = os.environ.get("RKT_UPDATE_GOLDEN") == "1"
    for path in paths:
        if path.name == "recap_scores.csv":
            continue
        golden = GOLDEN / path.name
        if update:
            golden.write_bytes(path.read_bytes())
        assert golden.exists(), "no golden file: run RKT_UPDATE_GOLDEN=1 pytest tests/test_recap.py"
        assert path.read_bytes() == golden.read_bytes(), (
            f"{path.name} differs from {golden}; if intended, run "
            "RKT_UPDATE_GOLDEN=1 pytest tests/test_recap.py and review the diff"
        )


def test_odd_values_never_break_the_writer(plan: Plan, tmp_path: Path) -> None:
    long_text = "x" * 40_000
    form = make_form(
        plan,
        "aneh.xlsx",
        UNITS[0],
        {
            "I.1.a": {
                "capaian": float("nan"),
                "realisasi": dt.date(1850, 1, 1),
                "keterangan": long_text,
                "bukti_dukung": "javascript:alert(1)",
            },
            "I.1.b": {
                "capaian": float("inf"),
                "realisasi": dt.datetime(2019, 2, 1, 8, tzinfo=dt.UTC),
                "bukti_dukung": "https://contoh.go.id/" + "a" * 3000,
            },
        },
    )
    c = consolidate([form], plan, reports=None, as_of=dt.date(2019, 4, 30))
    path = write_recap(c, plan, tmp_path / "aneh.xlsx")
    table = {r["ID"]: r for r in _table(openpyxl.load_workbook(path)[SHEET_ROWS])}
    assert table["I.1.a"]["Capaian (%)"] is None  # NaN is blanked, never written
    assert table["I.1.b"]["Capaian (%)"] is None
    assert table["I.1.a"]["Realisasi"] == "1850-01-01"  # before Excel's epoch: as text
    assert table["I.1.a"]["Keterangan / Kendala"] == long_text[:32_767]
    assert table["I.1.a"]["Bukti Dukung"] == "javascript:alert(1)"  # text, never a link
    ws = openpyxl.load_workbook(path)[SHEET_ROWS]
    assert not any(c.hyperlink for r in ws.iter_rows() for c in r)  # the long URL stays text
    export_csv(c, tmp_path / "csv")
