"""The review round trip: a recap goes to the evaluators, comes back with the TPI/TPN columns
and the Hasil sheet filled (typed here with openpyxl; tests/test_programs.py has LibreOffice
do it), is read back (read_review) and carried into the next consolidation: three score
tracks, notes for the units, the hasil inputs and their checks. Values worked out by hand on
the small office of test_consolidate (PermenPANRB 52/2014)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from test_consolidate import consolidate_office, office_forms, office_plan

from rkt_excel.consolidate import REVIEW, Consolidation
from rkt_excel.errors import RecapError
from rkt_excel.hasil import SHEET_HASIL, check_hasil, likely_confusion
from rkt_excel.lke import load_model
from rkt_excel.recap import write_recap
from rkt_excel.recap.lke_layout import HEADER_ROW
from rkt_excel.recap.read_review import read_review
from rkt_excel.review import (
    REVIEW_HEADERS,
    SELF,
    TPI,
    TPN,
    Review,
    ReviewEntry,
    compare,
    review_notes,
    score_tracks,
)
from rkt_excel.template import Plan
from rkt_excel.validate import validate

MODEL = load_model("permenpanrb-52-2014")
NOTE = "SK belum ditandatangani Kepala Kantor"
RESPONSE = "Akan dilengkapi Juni"


def lke_cells(ws: Any) -> tuple[dict[str, int], dict[str, int]]:
    """(code -> 1-based row of its first occurrence, header -> 1-based column) of an LKE sheet."""
    rows: dict[str, int] = {}
    for r in range(HEADER_ROW + 2, ws.max_row + 1):
        rows.setdefault(str(ws.cell(r, 1).value), r)
    headers = {str(ws.cell(HEADER_ROW + 1, c).value): c for c in range(1, ws.max_column + 1)}
    return rows, headers


def hasil_rows(ws: Any) -> dict[str, int]:
    return {str(ws.cell(r, 1).value): r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


def evaluate(
    recap: Path, out: Path, lke: dict[tuple[str, str], Any], hasil: dict[str, Any]
) -> Path:
    """The evaluators' work: type into the LKE sheet's review columns and the Hasil sheet."""
    wb = openpyxl.load_workbook(recap)
    ws = wb["LKE"]
    rows, headers = lke_cells(ws)
    for (code, field), value in lke.items():
        ws.cell(rows[code], headers[REVIEW_HEADERS[field]]).value = value
    hs = wb[SHEET_HASIL]
    at = hasil_rows(hs)
    for key, value in hasil.items():
        hs.cell(at[key], 3).value = value
    wb.save(out)
    return out


@pytest.fixture(scope="module")
def plan() -> Plan:
    return office_plan()


@pytest.fixture(scope="module")
def returned(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("review")
    recap = write_recap(consolidate_office(plan), plan, root / "rekap-april.xlsx")
    return evaluate(
        recap,
        root / "rekap-april-tpi.xlsx",
        {
            ("I.1.b", "tpi_answer"): "c",  # valid, lower case
            ("I.1.b", "tpi_note"): NOTE,
            ("I.1.b", "response"): RESPONSE,
            ("I.1.b", "tpn_answer"): "A",
            ("I.2.b", "tpi_answer"): "F",  # not an A/B/C answer
            ("I.2", "tpi_note"): "a sub-area row: not an LKE question, not read",
        },
        {"H.IPAK": 4.5, "responden": 25, "layanan": 30, "periode": "April 2019"},
    )


@pytest.fixture(scope="module")
def review(returned: Path, plan: Plan) -> Review:
    return read_review(returned, plan)


@pytest.fixture(scope="module")
def second(review: Review, plan: Plan) -> Consolidation:
    return consolidate_office(plan, review=review)


def test_the_recap_has_review_columns_unlocked_with_dropdowns(plan: Plan, tmp_path: Path) -> None:
    recap = write_recap(consolidate_office(plan), plan, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(recap)["LKE"]
    rows, headers = lke_cells(ws)
    for header in REVIEW_HEADERS.values():
        cell = ws.cell(rows["I.1.b"], headers[header])
        assert cell.protection.locked is False, header
    tpi = ws.cell(rows["I.1.b"], headers["Jawaban TPI"]).coordinate
    lists = [dv for dv in ws.data_validations.dataValidation if tpi in dv.sqref]
    assert [dv.type for dv in lists] == ["list"]
    # The differing-answer highlight is a live conditional format over the TPI column.
    assert any("Jawaban" not in str(r.sqref) for r in ws.conditional_formatting)


def test_read_review_keeps_what_was_typed_and_flags_what_is_invalid(
    review: Review, returned: Path
) -> None:
    assert set(review.entries) == {"I.1.b", "I.2.b"}
    entry = review.entries["I.1.b"]
    assert (entry.tpi_answer, entry.tpi_note, entry.response, entry.tpn_answer) == (
        "c", NOTE, RESPONSE, "A",
    )  # fmt: skip
    assert review.entries["I.2.b"].tpi_answer == "F"
    # The recap carried this round's hasil inputs; the evaluators changed IPAK.
    assert review.hasil == {"H.IPAK": 4.5, "H.TLHP": 80, "H.IPKP": 3.6}
    assert review.hasil_info == {"responden": 25, "layanan": 30, "periode": "April 2019"}
    assert review.period == "April 2019"
    found = sorted((i.code, i.sheet, i.field) for i in review.issues)
    assert found == [
        ("review-invalid-answer", "LKE", "tpi_answer"),
        ("survey-sample-small", SHEET_HASIL, "responden"),
        ("survey-scale", SHEET_HASIL, "H.IPAK"),
        ("survey-services-uncovered", SHEET_HASIL, "layanan"),
    ]
    scale = next(i for i in review.issues if i.code == "survey-scale")
    assert str(scale.params["likely"]).startswith("Indeks Perilaku Anti Korupsi (IPAK) BPS")
    invalid = next(i for i in review.issues if i.code == "review-invalid-answer")
    assert invalid.params["value"] == "F" and invalid.params["expected"] == "A/B/C"
    ws = openpyxl.load_workbook(returned)["LKE"]
    rows, headers = lke_cells(ws)
    assert invalid.cell == ws.cell(rows["I.2.b"], headers["Jawaban TPI"]).coordinate
    assert entry.cells["tpi_note"] == ws.cell(rows["I.1.b"], headers["Catatan TPI"]).coordinate


def test_three_tracks_each_scored_on_its_own_answers(second: Consolidation) -> None:
    tracks = second.tracks
    assert tracks is not None and tracks.tpi is not None and tracks.tpn is not None
    # Hasil (given explicitly, as facts, in every track): IPAK 3.5/4*15 = 13.125, TLHP
    # 80/100*5 = 4, IPKP 3.6/4*20 = 18: 35.125.
    # Self: I.1 = AVERAGE(Tidak 0, B 0.5)*1 = 0.25; I.2 = AVERAGE(Ya 1, A 1)*1 = 1: 36.375.
    # TPI: I.1.b C = 0 (I.1.a unanswered drops out), I.2.b "F" invalid: 35.125.
    # TPN: I.1.b A = 1: 36.125.
    by_id = {line.level.id: line for line in compare(tracks)}
    assert by_id["total"].values == {SELF: 36.375, TPI: 35.125, TPN: 36.125}
    assert by_id["I"].values == {SELF: 1.25, TPI: 0.0, TPN: 1.0}
    assert by_id["total"].difference(TPI, SELF) == pytest.approx(-1.25)
    assert by_id["total"].difference(TPN, TPI) == pytest.approx(1.0)
    assert tracks.tpi.scores.invalid == {"I.2.b": "F"}
    assert tracks.tpi.scores.answered == 1 + 3  # I.1.b and the three hasil inputs


def test_tracks_without_review_and_without_tpn() -> None:
    answers = {"I.1.a": "Ya"}
    assert score_tracks(MODEL, answers).tpi is None
    only_tpi = Review("r.xlsx", entries={"I.1.a": ReviewEntry("I.1.a", tpi_answer="Tidak")})
    tracks = score_tracks(MODEL, answers, only_tpi)
    assert tracks.tpn is None and tracks.tpi is not None
    assert tracks.tpi.scores.official.sub_areas["I.1"] == 0.0
    assert tracks.mandiri.scores.official.sub_areas["I.1"] == 1.0


def test_answers_notes_and_hasil_carry_into_the_next_recap(
    second: Consolidation, plan: Plan, tmp_path: Path
) -> None:
    recap = write_recap(second, plan, tmp_path / "rekap-mei.xlsx")
    wb = openpyxl.load_workbook(recap)
    ws = wb["LKE"]
    rows, headers = lke_cells(ws)
    line = rows["I.1.b"]
    assert ws.cell(line, headers["Jawaban TPI"]).value == "C"  # canonical
    assert ws.cell(line, headers["Catatan TPI"]).value == NOTE
    assert ws.cell(line, headers["Tanggapan Unit"]).value == RESPONSE
    assert ws.cell(line, headers["Jawaban TPN"]).value == "A"
    assert ws.cell(rows["I.2.b"], headers["Jawaban TPI"]).value == "F"  # as typed, visible
    hs = wb[SHEET_HASIL]
    at = hasil_rows(hs)
    assert hs.cell(at["responden"], 3).value == 25
    assert hs.cell(at["periode"], 3).value == "April 2019"
    # --hasil (given) wins over the Hasil sheet read back; the LKE links to the Hasil sheet.
    assert hs.cell(at["H.IPAK"], 3).value == 3.5
    assert ws.cell(rows["H.IPAK"], headers["Jawaban"]).value.startswith("=IF('Hasil'!$C$")
    # And round again: what the next recap carries reads back the same.
    again = read_review(recap, plan)
    assert again.entries["I.1.b"].tpi_note == NOTE
    assert again.entries["I.1.b"].tpi_answer == "C"
    assert again.hasil_info["layanan"] == 30


def test_review_issues_reach_the_validasi_table(second: Consolidation, returned: Path) -> None:
    table = second.issues[second.issues["file_status"] == REVIEW]
    assert set(table["code"]) == {
        "review-invalid-answer", "survey-scale", "survey-sample-small",
        "survey-services-uncovered",
    }  # fmt: skip
    assert set(table["file"]) == {str(returned)}
    assert second.summary.errors == consolidate_office().summary.errors  # not the forms' count


def test_the_review_sheet_shows_the_tracks_side_by_side(
    second: Consolidation, plan: Plan, tmp_path: Path
) -> None:
    recap = write_recap(second, plan, tmp_path / "rekap-mei.xlsx")
    ws = openpyxl.load_workbook(recap)["Reviu TPI"]
    values = [[c.value for c in r] for r in ws.iter_rows()]
    total = next(r for r in values if r[0] == "total")
    assert total[3:8] == [36.375, 35.125, 36.125, -1.25, 1.0]
    answers = next(r for r in values if r[0] == "I.1.b")
    assert answers[2:8] == ["B", "C", "A", NOTE, RESPONSE, "TU"]
    assert any(r[0] == "I.2.b" and r[3] == "F" for r in values)


def test_each_unit_gets_the_notes_on_its_rows(plan: Plan, review: Review) -> None:
    forms, _, _ = office_forms(plan)
    lantas, tu, _ = forms
    notes = [i for i in validate(tu, plan, as_of=dt.date(2019, 4, 30), review=review).issues
             if i.code == "review-note"]  # fmt: skip
    by_row = {i.row_id: i for i in notes}
    assert set(by_row) == {"I.1.b"}  # I.2.b's "F" is no answer: nothing to tell
    note = by_row["I.1.b"]
    assert (note.file, note.sheet, note.cell, note.field) == (
        "masuk/TU.xlsx", "I Manajemen Perubahan", "K7", "jawaban",
    )  # fmt: skip
    assert dict(note.params) == {"question": "I.1.b", "tpi_answer": "C", "answer": "B",
                                 "note": NOTE}  # fmt: skip
    assert review_notes(lantas, plan, MODEL, review) == []  # LANTAS has no I.1.b row


def test_a_differing_answer_without_a_note_is_told_too(plan: Plan) -> None:
    forms, _, _ = office_forms(plan)
    tu = forms[1]
    review = Review("r.xlsx", entries={"I.1.a": ReviewEntry("I.1.a", tpi_answer="Tidak"),
                                       "I.2.a": ReviewEntry("I.2.a", tpi_answer="ya")})  # fmt: skip
    notes = review_notes(tu, plan, MODEL, review)
    # I.1.a: TU said Ya, the TPI Tidak -> told; I.2.a: the same answer, no note -> nothing.
    assert [(i.row_id, i.params["tpi_answer"], i.params["note"]) for i in notes] == [
        ("I.1.a", "Tidak", "-")
    ]


def test_a_recap_of_another_plan_is_refused(returned: Path) -> None:
    other = office_plan().model_copy(update={"id": "lain-2019"})
    with pytest.raises(RecapError, match="a recap of plan uji-2019"):
        read_review(returned, other)


def test_a_file_with_a_far_away_cell_is_refused_before_reading(
    returned: Path, plan: Plan, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(returned)
    wb["LKE"]["XFD1048576"] = "x"
    bad = tmp_path / "jauh.xlsx"
    wb.save(bad)
    with pytest.raises(RecapError, match="XFD1048576"):
        read_review(bad, plan)


def test_a_recap_without_review_columns_reads_as_no_review(returned: Path, plan: Plan,
                                                           tmp_path: Path) -> None:  # fmt: skip
    wb = openpyxl.load_workbook(returned)
    ws = wb["LKE"]
    ws.delete_cols(12, 4)  # as a recap written before the review columns existed
    del wb[SHEET_HASIL]
    old = tmp_path / "lama.xlsx"
    wb.save(old)
    found = read_review(old, plan)
    assert found.entries == {} and found.hasil == {} and found.issues == ()


# --- the hasil checks, both sides of every boundary ----------------------------------------


@pytest.mark.parametrize(
    ("qid", "value", "likely"),
    [
        ("H.IPAK", 4.0, None),  # the top of the ZI scale
        ("H.IPAK", 4.01, "Indeks Perilaku Anti Korupsi (IPAK) BPS, skala 0–5"),
        ("H.IPAK", 5.0, "Indeks Perilaku Anti Korupsi (IPAK) BPS, skala 0–5"),
        ("H.IPAK", 5.01, "Survei Penilaian Integritas (SPI) KPK, skala 0–100"),
        ("H.IPAK", 100.0, "Survei Penilaian Integritas (SPI) KPK, skala 0–100"),
        ("H.IPAK", 100.5, "bukan nilai indeks survei"),
        ("H.IPKP", 4.8, "skala Likert 1–5"),
        ("H.IPKP", 82.0, "Indeks Kepuasan Masyarakat (IKM, PermenPANRB 14/2017), skala 25–100"),
        ("H.TLHP", 80.0, None),  # a percentage input (0-100), not a 0-4 survey
    ],
)
def test_scale_warning_names_the_likely_confusion(
    qid: str, value: float, likely: str | None
) -> None:
    found = likely_confusion(MODEL.questions[qid], value)
    assert (None if found is None else found.id) == likely
    issues = check_hasil(MODEL, {qid: value}, {}, file="h.yaml")
    assert [i.code for i in issues] == ([] if likely is None else ["survey-scale"])


@pytest.mark.parametrize(
    ("respondents", "services", "codes"),
    [
        (30, None, []),
        (29, None, ["survey-sample-small"]),
        (30, 30, []),
        (30, 31, ["survey-services-uncovered"]),
        (12, 20, ["survey-sample-small", "survey-services-uncovered"]),
        (None, 5, []),
    ],
)
def test_sample_size_against_minimum_and_services(
    respondents: int | None, services: int | None, codes: list[str]
) -> None:
    info = {k: v for k, v in (("responden", respondents), ("layanan", services)) if v is not None}
    issues = check_hasil(MODEL, {}, info, file="r.xlsx", sheet="Hasil", cells={"layanan": "C9"})
    assert [i.code for i in issues] == codes
    for issue in issues:
        if issue.code == "survey-services-uncovered":
            assert (issue.sheet, issue.cell) == ("Hasil", "C9")


def test_a_hasil_yaml_value_on_another_scale_names_the_likely_confusion(
    plan: Plan, tmp_path: Path
) -> None:
    from rkt_excel.collect import load_hasil
    from rkt_excel.errors import HasilError
    from rkt_excel.texts import describe

    path = tmp_path / "hasil.yaml"
    path.write_text("H.IPAK: 4.5\n", encoding="utf-8")
    with pytest.raises(HasilError, match="it looks like BPS' Anti-Corruption") as info:
        load_hasil(path, plan)
    assert info.value.key == "hasil-out-of-scale"
    assert describe(info.value, "id") == (
        f"{path}: H.IPAK: 4.5 di luar rentang 0.0 sampai 4.0; tampaknya Indeks Perilaku Anti "
        "Korupsi (IPAK) BPS, skala 0–5"
    )
    path.write_text("H.IPAK: 400\n", encoding="utf-8")
    with pytest.raises(HasilError, match="it looks like not a survey index at all"):
        load_hasil(path, plan)
    path.write_text("H.TLHP: 120\n", encoding="utf-8")  # a percentage: no scale to name
    with pytest.raises(HasilError) as plain:
        load_hasil(path, plan)
    assert plain.value.key == "hasil-out-of-range"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        (".nan", "hasil-not-number"),
        (".inf", "hasil-not-number"),
        ("-.inf", "hasil-not-number"),
        ("1.0e+400", "hasil-not-number"),  # YAML reads it as infinity
        ("1" + "0" * 400, "hasil-out-of-scale"),  # an int no float holds: "not a survey index"
        ("1" + "0" * 5000, "hasil-unreadable"),  # more digits than Python turns into an int
    ],
)
def test_a_hasil_yaml_value_that_is_no_finite_number_is_refused(
    plan: Plan, tmp_path: Path, typed: str, key: str
) -> None:
    """NaN and infinity are refused naming the input (as a cell's NaN is no number); huge
    numbers are refused too, never a traceback."""
    from rkt_excel.collect import load_hasil
    from rkt_excel.errors import HasilError
    from rkt_excel.texts import describe

    path = tmp_path / "hasil.yaml"
    path.write_text(f"H.IPAK: {typed}\n", encoding="utf-8")
    with pytest.raises(HasilError) as info:
        load_hasil(path, plan)
    assert info.value.key == key
    if key != "hasil-unreadable":
        assert "H.IPAK" in describe(info.value, "id")


def test_refusals_are_keyed_errors_in_both_languages(returned: Path) -> None:
    from rkt_excel.texts import describe

    other = office_plan().model_copy(update={"id": "lain-2019"})
    with pytest.raises(RecapError) as info:
        read_review(returned, other)
    assert info.value.key == "review-other-plan"
    assert describe(info.value, "id").endswith(
        "rekap dari rencana uji-2019 (permenpanrb-52-2014), bukan dari lain-2019 "
        "(permenpanrb-52-2014)"
    )
