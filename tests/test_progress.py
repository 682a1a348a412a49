"""Month over month: the snapshot in _rkt_data, changes.compare and the Perkembangan sheet,
over the three months of tests/months.py, against values worked out by hand there.

Completion is the Selesai share of the relevant (row, unit) pairs: eight pairs, five in
component I, three in III (months.py lists them). The LKE scores are score() of the answers
combined by hand (min over units), so the sheet is checked against the scoring rules, not
against its own output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from months import HASIL, three_months

from rkt_excel.changes import ANSWER, EVIDENCE, STATUS, compare, silent_months
from rkt_excel.lke import load_model
from rkt_excel.recap import SHEET_PROGRESS, read_recap
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.score import score

# Combined LKE answers per month, by hand (min over the units that answered).
ANSWERS = (
    {"I.1.a": "Ya", "I.1.b": "B", "I.2.b": "A"},  # April: TU and LANTAS Ya; TU B; TU A
    {"I.1.a": "Ya", "I.1.b": "B", "I.2.b": "A", "III.1.a": "Ya"},  # May: LANTAS III.1.a Ya
    {"I.1.a": "Ya", "I.1.b": "C", "I.2.b": "A", "III.1.a": "Ya"},  # June: TU I.1.b C
)


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return three_months(tmp_path_factory.mktemp("months"))[2]


@pytest.fixture(scope="module")
def recaps(months: list[Path]) -> list[RecapData]:
    return [read_recap(p) for p in months]


def _rows(path: Path) -> list[list[Any]]:
    ws = openpyxl.load_workbook(path)[SHEET_PROGRESS]
    return [[v for v in row if v is not None] for row in ws.iter_rows(values_only=True)]


def _under(rows: list[list[Any]], title: str, count: int) -> list[list[Any]]:
    """The ``count`` rows under the header that follows a section title."""
    n = next(i for i, r in enumerate(rows) if r and r[0] == title)
    return rows[n + 2 : n + 2 + count]


# --- the snapshot ----------------------------------------------------------------------------


def test_snapshot_read_back(recaps: list[RecapData]) -> None:
    april, may, june = (r.snapshot for r in recaps)
    assert [(u.code, u.sent) for u in may.units] == [
        ("LANTAS", True), ("TU", True), ("WASDAK", False),
    ]  # fmt: skip
    tu = june.cells_of("TU")
    assert tu["I.1.b"].jawaban == "C" and tu["I.1.b"].realisasi == dt.date(2019, 6, 3)
    assert tu["I.1.a"].bukti_dukung is None and tu["I.2.a"].capaian is None  # 150 is invalid
    assert april.unit("TU").digest == may.unit("TU").digest != june.unit("TU").digest  # type: ignore[union-attr]
    assert {i.row_id: i.status for i in june.indicators}["I.2.b"] == "Dalam Proses"
    assert [(a.unit, a.row_id, a.due) for a in june.late] == [
        ("TU", "I.2.b", "2019-02"), ("WASDAK", "III.1.a", "2019-03"),
    ]  # fmt: skip
    (problem,) = june.problems
    assert (problem.unit, problem.sheet, problem.cell, problem.code) == (
        "TU", "I Manajemen Perubahan", "J8", "out-of-range",
    )  # fmt: skip
    assert dict(problem.params) == {"value": "150", "low": 0, "high": 100}


# --- the comparisons ---------------------------------------------------------------------------


def test_may_against_april(recaps: list[RecapData]) -> None:
    changes = compare(recaps[1], recaps[:1])
    assert (changes.period, changes.previous) == ("2019-05", "2019-04")
    assert changes.newly_done == ()  # III.1.a: LANTAS Selesai, WASDAK nothing: Dalam Proses
    assert changes.regressions == ()  # LANTAS III.1.a Dalam Proses -> Selesai is progress
    assert [u.unit for u in changes.unchanged] == ["TU"]  # April's answers again
    assert changes.silent == ()  # WASDAK: one month only


def test_june_against_may_regressions_and_silent_units(recaps: list[RecapData]) -> None:
    changes = compare(recaps[2], recaps[:2])
    assert [n.row_id for n in changes.newly_done] == ["I.1.b"]
    assert changes.newly_done[0].before == "Dalam Proses"
    assert [(g.unit, g.row_id, g.kind, g.before, g.after) for g in changes.regressions] == [
        ("TU", "I.1.a", EVIDENCE, "SK.pdf", ""),
        ("TU", "I.1.b", ANSWER, "B", "C"),
        ("TU", "I.2.b", STATUS, "Selesai", "Dalam Proses"),
    ]
    assert [u.unit for u in changes.unchanged] == ["LANTAS"]
    assert [(s.unit, s.months, s.since) for s in changes.silent] == [("WASDAK", 2, "2019-05")]
    assert silent_months("WASDAK", recaps) == 2 and silent_months("TU", recaps) == 0


def test_the_first_month_has_nothing_to_compare_with(recaps: list[RecapData]) -> None:
    changes = compare(recaps[0], [recaps[1]])  # a later month is no history
    assert changes.previous == "" and changes.regressions == () and changes.silent == ()


def test_history_in_any_order_and_june_again(recaps: list[RecapData]) -> None:
    shuffled = compare(recaps[2], [recaps[1], recaps[0], recaps[2]])
    assert shuffled == compare(recaps[2], recaps[:2])


# --- the Perkembangan sheet --------------------------------------------------------------------


def test_trend_table(months: list[Path]) -> None:
    rows = _rows(months[2])
    assert rows[1] == ["KANTOR UJI SEMARANG — Juni 2019; dibandingkan dengan Mei 2019"]
    trend = _under(rows, "NILAI LKE DAN PENYELESAIAN PER BULAN", 3)
    model = load_model("permenpanrb-52-2014")
    for line, label, forms, missing, completion, answers in zip(
        trend,
        ("April 2019", "Mei 2019", "Juni 2019"),
        (3, 2, 2),
        (0, 1, 1),
        (37.5, 50.0, 50.0),  # 3/8, 4/8, 4/8 pairs Selesai
        ANSWERS,
        strict=True,
    ):
        expected = score(model, {**answers, **HASIL})
        assert line[0] == label and line[2:5] == [forms, missing, completion]
        assert line[5:8] == pytest.approx(
            [expected.pengungkit, expected.hasil, expected.total], abs=1e-9
        )
        assert line[8:10] == [75, 85]  # WBK and WBBM total minimums of 52/2014
    assert trend[0][5] < trend[1][5] > trend[2][5]  # III.1.a Ya added, then I.1.b B -> C


def test_completion_per_component_and_unit(months: list[Path]) -> None:
    rows = _rows(months[2])
    components = _under(rows, "PENYELESAIAN PER KOMPONEN (%)", 2)
    # I: TU I.1.a, TU I.2.b, LANTAS I.1.a of 5 in April and May; in June I.2.b goes back
    # and I.1.b is done: 3 of 5 again. III: 0 of 3, then LANTAS III.1.a: 1 of 3.
    assert components[0] == ["I", "Manajemen Perubahan", 60, 60, 60]
    assert components[1][:3] == ["III", "Penataan Sistem Manajemen SDM", 0]
    assert components[1][3:] == pytest.approx([100 / 3, 100 / 3], abs=1e-5)
    units = _under(rows, "PENYELESAIAN PER UNIT (%)", 3)
    assert units == [
        ["LANTAS", "Seksi Lalu Lintas Keimigrasian", 50, 100, 100],
        ["TU", "Subbagian Tata Usaha", 50, 50, 50],
        ["WASDAK", "Seksi Pengawasan dan Penindakan", 0, "tidak kirim", "tidak kirim"],
    ]


def test_changes_tables(months: list[Path]) -> None:
    rows = _rows(months[2])
    assert ["PERUBAHAN SEJAK MEI 2019"] in rows
    assert _under(rows, "Indikator yang baru selesai", 1) == [
        ["I.1.b", "=SUM(A1) hanya teks", "I", "Dalam Proses"]  # text, never a formula
    ]
    title = "Kemunduran (status mundur, jawaban LKE turun, bukti dukung dihapus)"
    assert _under(rows, title, 3) == [
        ["TU", "SK Tim Kerja ZI telah dibuat", "I.1.a", "Bukti dukung dihapus", "SK.pdf",
         "(kosong)"],
        ["TU", "=SUM(A1) hanya teks", "I.1.b", "Jawaban LKE turun", "B", "C"],
        ["TU", "Target prioritas ditetapkan", "I.2.b", "Status mundur", "Selesai",
         "Dalam Proses"],
    ]  # fmt: skip
    assert _under(rows, "Unit yang formulirnya tidak berubah sejak bulan lalu", 1) == [
        ["LANTAS", "Seksi Lalu Lintas Keimigrasian", 2, 0]
    ]
    assert _under(rows, "Unit yang tidak mengirim formulir 2 bulan atau lebih", 1) == [
        ["WASDAK", "Seksi Pengawasan dan Penindakan", 2, "Mei 2019"]
    ]


def test_first_month_sheet_and_print_setup(months: list[Path]) -> None:
    rows = _rows(months[0])
    first, after = _under(rows, "NILAI LKE DAN PENYELESAIAN PER BULAN", 2)
    assert first[0] == "April 2019" and after == []  # one month, then the chart's rows
    assert ["Belum ada bulan sebelumnya untuk dibandingkan."] in rows
    ws = openpyxl.load_workbook(months[2])[SHEET_PROGRESS]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$2"  # the title rows on every page
    assert len(ws._charts) == 1  # the line chart (openpyxl keeps the charts it reads)
