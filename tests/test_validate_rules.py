"""validate(): every rule on both sides of its boundary, on forms built in code (no file).

Each issue is asserted as (code, sheet, cell, row_id, field, params), never as text: the text is
rendered at the edge from the code and its params. The small plan (conftest.make_small_plan) is
for 2019; its rows I.1.a, I.1.b, III.1.a, III.1.b have an LKE question, I.2.a has none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from rkt_excel import layout
from rkt_excel.form import Cell, FilledForm, FilledRow, FormIdentity
from rkt_excel.issues import Issue
from rkt_excel.template import Plan
from rkt_excel.units import Unit
from rkt_excel.validate import REQUIRED_IDENTITY, validate

I = layout.COMPONENT_SHEET_NAMES["I"]  # noqa: E741 - the component's own name
ID = layout.SHEET_IDENTITY
AS_OF = dt.date(2019, 6, 30)
PATH = "/forms/form-TU.xlsx"
COLUMN = {key: chr(ord("A") + i) for key, i in layout.COL.items()}  # A..N
ROW_OF = {"I.1.a": 6, "I.1.b": 7, "I.2.a": 8}
IDENTITY_CELL = {key: f"B{row + 1}" for key, row in layout.IDENTITY_ROW.items()}
GOOD_IDENTITY = {
    "unit_code": "TU",
    "nama_pengisi": "Ani",
    "nip": "198501012010011001",
    "tanggal_pengisian": dt.date(2019, 6, 3),
}

Key = tuple[str, str, str, str, str, dict[str, Any]]


def key(issue: Issue) -> Key:
    return (issue.code, issue.sheet, issue.cell, issue.row_id, issue.field, dict(issue.params))


def cell(row_id: str, field: str, raw: Any, value: Any = None, link: str | None = None) -> Cell:
    return Cell(I, f"{COLUMN[field]}{ROW_OF[row_id]}", raw, value, link)


def row(row_id: str, plan_cells: dict[str, Any] | None = None, **fields: Any) -> FilledRow:
    """A row with its fields: ``status=("Selesai",)`` is (raw,), value = raw; or (raw, value)."""
    cells = {}
    for name, given in fields.items():
        raw, value = (given[0], given[0]) if len(given) == 1 else given[:2]
        link = given[2] if len(given) > 2 else None
        cells[name] = cell(row_id, name, raw, value, link)
    plan = {k: cell(row_id, k, raw, raw) for k, raw in (plan_cells or {}).items()}
    return FilledRow(row_id, I, ROW_OF[row_id], cells, plan)


def form(
    plan: Plan,
    *rows: FilledRow,
    identity: dict[str, Any] | None = None,
    kind: str = "form",
    issues: tuple[Issue, ...] = (),
    **ident: Any,
) -> FilledForm:
    values = GOOD_IDENTITY if identity is None else identity
    cells = {k: Cell(ID, IDENTITY_CELL[k], v, v) for k, v in values.items()}
    fields = {k: v for k, v in values.items() if k != "tanggal_pengisian"}
    identity_ = FormIdentity(
        plan_id=ident.pop("plan_id", plan.id),
        plan_version=ident.pop("plan_version", plan.version),
        plan_hash=ident.pop("plan_hash", plan.content_hash),
        form_id="",  # no form id: these rules do not look at it
        kind=kind,
        tanggal_pengisian=values.get("tanggal_pengisian"),
        **{k: str(v) for k, v in fields.items()},
    )
    return FilledForm(PATH, "0" * 64, identity_, {r.row_id: r for r in rows}, issues, cells)


def issues_of(plan: Plan, *rows: FilledRow, as_of: dt.date = AS_OF, **kw: Any) -> list[Key]:
    units = kw.pop("units", None)
    return [key(i) for i in validate(form(plan, *rows, **kw), plan, as_of=as_of, units=units)]


def test_a_clean_form_has_no_issue(small_plan: Plan) -> None:
    rows = [
        row("I.1.a", status=("Selesai",), capaian=(100, 100.0), realisasi=(AS_OF,),
            jawaban=("Ya",), bukti_dukung=("SK.pdf",)),
        row("I.1.b", status=("Belum",), capaian=(0, 0.0), jawaban=(None,)),
        row("I.2.a", status=("Tidak Relevan",), jawaban=("  ",)),
    ]  # fmt: skip
    assert issues_of(small_plan, *rows) == []


# --- REALISASI: not after the as-of date, within the plan's year ------------------------------


@pytest.mark.parametrize(
    ("day", "codes"),
    [
        (AS_OF, []),  # the as-of date itself is fine
        (AS_OF + dt.timedelta(days=1), ["date-in-future"]),
        (dt.date(2019, 1, 1), []),  # first day of the plan's year
        (dt.date(2018, 12, 31), ["date-outside-year"]),
        (dt.date(2020, 1, 1), ["date-outside-year", "date-in-future"]),
    ],
)
def test_realisasi_date(small_plan: Plan, day: dt.date, codes: list[str]) -> None:
    got = issues_of(small_plan, row("I.1.b", realisasi=(day,)))
    expected = {
        "date-outside-year": {"value": day.isoformat(), "year": 2019},
        "date-in-future": {"value": day.isoformat(), "as_of": "2019-06-30"},
    }
    assert got == [(c, I, "I7", "I.1.b", "realisasi", expected[c]) for c in codes]


def test_realisasi_on_the_last_day_of_the_year(small_plan: Plan) -> None:
    got = issues_of(small_plan, row("I.1.b", realisasi=(dt.date(2019, 12, 31),)),
                    as_of=dt.date(2019, 12, 31))  # fmt: skip
    assert got == []


def test_realisasi_not_a_date_is_left_to_the_reader(small_plan: Plan) -> None:
    """A REALISASI the reader could not read as a date has no value: no date rule applies."""
    assert issues_of(small_plan, row("I.1.b", realisasi=("kemarin", None))) == []
    assert issues_of(small_plan, row("I.1.b", realisasi=("2030", 2030))) == []


def test_as_of_defaults_to_today(small_plan: Plan) -> None:
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)
    f = form(small_plan, row("I.1.b", realisasi=(tomorrow,)), identity={
        **GOOD_IDENTITY, "tanggal_pengisian": today})  # fmt: skip
    got = [(i.code, i.params.get("as_of")) for i in validate(f, small_plan)]
    assert ("date-in-future", today.isoformat()) in got
    f = form(small_plan, row("I.1.b", realisasi=(today,)))
    assert "date-in-future" not in [i.code for i in validate(f, small_plan)]


# --- STATUS against CAPAIAN, BUKTI DUKUNG and JAWABAN LKE -------------------------------------


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        (100, []),
        (100.0, []),
        (99.99, [("selesai-below-100", I, "J7", "I.1.b", "capaian", {"value": "99.99"})]),
        (80, [("selesai-below-100", I, "J7", "I.1.b", "capaian", {"value": "80"})]),
        (0, [("selesai-below-100", I, "J7", "I.1.b", "capaian", {"value": "0"})]),
        (None, []),  # no capaian typed (or not a number): nothing to compare
    ],
)
def test_selesai_needs_100(small_plan: Plan, capaian: float | None, expected: list[Key]) -> None:
    r = row("I.1.b", status=("Selesai",), capaian=(capaian,), bukti_dukung=("x.pdf",),
            jawaban=("B",))  # fmt: skip
    assert issues_of(small_plan, r) == expected


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        (0, []),
        (0.0, []),
        (0.01, [("belum-above-0", I, "J7", "I.1.b", "capaian", {"value": "0.01"})]),
        (20, [("belum-above-0", I, "J7", "I.1.b", "capaian", {"value": "20"})]),
        (100.0, [("belum-above-0", I, "J7", "I.1.b", "capaian", {"value": "100"})]),
        (12.5, [("belum-above-0", I, "J7", "I.1.b", "capaian", {"value": "12.5"})]),
    ],
)
def test_belum_needs_0(small_plan: Plan, capaian: float, expected: list[Key]) -> None:
    assert issues_of(small_plan, row("I.1.b", status=("Belum",), capaian=(capaian,))) == expected


@pytest.mark.parametrize("status", ["Dalam Proses", "Tidak Relevan"])
def test_other_status_allow_any_capaian(small_plan: Plan, status: str | None) -> None:
    for capaian in (0, 0.01, 50, 99.99, 100):
        r = row("I.1.b", status=(status,), capaian=(capaian,), bukti_dukung=(None,))
        assert issues_of(small_plan, r) == [], (status, capaian)


def test_a_blank_status_on_a_touched_row_is_an_error(small_plan: Plan) -> None:
    """A row with CAPAIAN typed and STATUS blank (issue #12 class 5); a blank row is fine."""
    for capaian in (0, 50, 100):
        r = row("I.1.b", status=(None,), capaian=(capaian,), bukti_dukung=(None,))
        assert [k[0] for k in issues_of(small_plan, r)] == ["missing-status"], capaian
    assert issues_of(small_plan, row("I.1.b", status=(None,), capaian=(None,))) == []


def test_status_as_typed_but_invalid_is_no_status(small_plan: Plan) -> None:
    """A STATUS the reader refused has no value: Selesai/Belum rules do not apply."""
    r = row("I.1.b", status=("Selesai!", None), capaian=(5,), bukti_dukung=(None,))
    assert issues_of(small_plan, r) == []


@pytest.mark.parametrize(
    ("bukti", "expected"),
    [
        ((None,), [("selesai-without-evidence", I, "M7", "I.1.b", "bukti_dukung", {})]),
        (("  ",), [("selesai-without-evidence", I, "M7", "I.1.b", "bukti_dukung", {})]),
        ((None, None, "https://drive.example/x"), []),  # a link alone is evidence
        (("SK.pdf",), []),
    ],
)
def test_selesai_needs_evidence(
    small_plan: Plan, bukti: tuple[Any, ...], expected: list[Key]
) -> None:
    r = row("I.1.b", status=("Selesai",), capaian=(100,), jawaban=("A",), bukti_dukung=bukti)
    assert issues_of(small_plan, r) == expected


def test_selesai_without_a_bukti_column_is_not_flagged(small_plan: Plan) -> None:
    """A form whose BUKTI DUKUNG column is missing (the reader reports that) adds no rule."""
    assert issues_of(small_plan, row("I.1.b", status=("Selesai",), jawaban=("A",))) == []


@pytest.mark.parametrize(
    ("row_id", "jawaban", "expected"),
    [
        ("I.1.b", (None,), [("missing-answer", I, "K7", "I.1.b", "jawaban", {})]),
        ("I.1.b", (" ",), [("missing-answer", I, "K7", "I.1.b", "jawaban", {})]),
        ("I.1.b", ("B",), []),
        ("I.1.b", ("Z", None), []),  # typed but invalid: the reader reports it, not "missing"
        ("I.2.a", (None,), []),  # no LKE question: nothing to answer
    ],
)
def test_selesai_needs_an_answer_where_there_is_a_question(
    small_plan: Plan, row_id: str, jawaban: tuple[Any, ...], expected: list[Key]
) -> None:
    r = row(
        row_id, status=("Selesai",), capaian=(100,), bukti_dukung=("SK_Tim.pdf",), jawaban=jawaban
    )
    assert issues_of(small_plan, r) == expected


def test_no_jawaban_column_is_no_missing_answer(small_plan: Plan) -> None:
    r = row("I.1.b", status=("Selesai",), capaian=(100,), bukti_dukung=("SK_Tim.pdf",))
    assert issues_of(small_plan, r) == []


@pytest.mark.parametrize(
    ("row_id", "jawaban", "expected"),
    [
        ("I.2.a", ("Ya",), [("answer-without-question", I, "K8", "I.2.a", "jawaban", {})]),
        ("I.2.a", ("x", None), [("answer-without-question", I, "K8", "I.2.a", "jawaban", {})]),
        ("I.2.a", (None,), []),
        ("I.2.a", ("   ",), []),
        ("I.1.a", ("Ya",), []),
    ],
)
def test_answer_without_a_question(
    small_plan: Plan, row_id: str, jawaban: tuple[Any, ...], expected: list[Key]
) -> None:
    assert issues_of(small_plan, row(row_id, jawaban=jawaban)) == expected


def test_issue_carries_file_and_raw_value(small_plan: Plan) -> None:
    f = form(small_plan, row("I.1.b", status=("Belum",), capaian=("20 %", 20.0)))
    (issue,) = validate(f, small_plan, as_of=AS_OF)
    assert (issue.code, issue.file, issue.raw) == ("belum-above-0", PATH, "20 %")


# --- the locked plan cells ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        ("Monev dilakukan berkala", None),
        ("  Monev   dilakukan\u00a0berkala ", None),  # spaces do not count
        ("Monev dilakukan", {"label": "INDIKATOR", "expected": "Monev dilakukan berkala"}),
        ("monev dilakukan berkala", {"label": "INDIKATOR", "expected": "Monev dilakukan berkala"}),
        (None, {"label": "INDIKATOR", "expected": "Monev dilakukan berkala"}),
        (12, {"label": "INDIKATOR", "expected": "Monev dilakukan berkala"}),
    ],
)
def test_plan_cell_changed(small_plan: Plan, found: Any, expected: dict[str, str] | None) -> None:
    got = issues_of(small_plan, row("I.2.a", {"indikator": found}))
    assert got == ([] if expected is None else [("plan-cell-changed", I, "D8", "I.2.a",
                                                  "indikator", expected)])  # fmt: skip


def test_plan_cell_target_waktu(small_plan: Plan) -> None:
    got = issues_of(small_plan, row("I.2.a", {"target_waktu": "Desember 2019"}))
    expected = {"label": "TARGET WAKTU", "expected": "Juni, Desember 2019"}
    assert got == [("plan-cell-changed", I, "G8", "I.2.a", "target_waktu", expected)]
    assert issues_of(small_plan, row("I.2.a", {"target_waktu": "Juni, Desember 2019"})) == []


def test_plan_cell_empty_where_the_plan_is_empty(small_plan: Plan) -> None:
    plan = _with_indicator(small_plan, "I.2.a", target="")
    assert issues_of(plan, row("I.2.a", {"target_waktu": None})) == []
    assert issues_of(plan, row("I.2.a", {"target_waktu": "  "})) == []
    got = issues_of(plan, row("I.2.a", {"target_waktu": "Juni"}))
    assert got == [("plan-cell-changed", I, "G8", "I.2.a", "target_waktu",
                    {"label": "TARGET WAKTU", "expected": ""})]  # fmt: skip


@pytest.mark.parametrize("length", [79, 80, 81, 200])
def test_expected_plan_text_is_cut_to_80_characters(small_plan: Plan, length: int) -> None:
    text = ("ab " * 100)[: length - 1] + "z"
    plan = _with_indicator(small_plan, "I.2.a", indicator=text)
    ((*_, params),) = issues_of(plan, row("I.2.a", {"indikator": "lain"}))
    expected = text if length <= 80 else text[:79] + "…"
    assert params == {"label": "INDIKATOR", "expected": expected}
    assert len(params["expected"]) == min(length, 80)


def _with_indicator(plan: Plan, row_id: str, **changes: Any) -> Plan:
    data = plan.model_dump()
    for comp in data["components"]:
        for sub in comp["subareas"]:
            for ind in sub["indicators"]:
                if ind["id"] == row_id:
                    ind.update(changes)
    return Plan.model_validate(data)


# --- identity ----------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", REQUIRED_IDENTITY)
def test_each_required_identity_field(small_plan: Plan, missing: str) -> None:
    labels = {
        "nama_pengisi": "Nama Pengisi",
        "nip": "NIP",
        "tanggal_pengisian": "Tanggal Pengisian",
    }
    empty = {**GOOD_IDENTITY, missing: "  "}
    assert issues_of(small_plan, identity=empty) == [
        ("missing-identity", ID, IDENTITY_CELL[missing], "", missing, {"label": labels[missing]})
    ]
    absent = {k: v for k, v in GOOD_IDENTITY.items() if k != missing}  # no such cell at all
    assert issues_of(small_plan, identity=absent) == [
        ("missing-identity", ID, "", "", missing, {"label": labels[missing]})
    ]


def test_jabatan_is_not_required(small_plan: Plan) -> None:
    assert issues_of(small_plan, identity={**GOOD_IDENTITY, "jabatan": None}) == []


@pytest.mark.parametrize(
    ("day", "flagged"), [(AS_OF, False), (AS_OF + dt.timedelta(days=1), True), (None, False)]
)
def test_tanggal_pengisian_not_after_the_as_of_date(
    small_plan: Plan, day: dt.date | None, flagged: bool
) -> None:
    ident = {**GOOD_IDENTITY, "tanggal_pengisian": day}
    if day is None:  # typed but not a date: the reader reported it, value None
        f = form(small_plan, identity=ident)
        cells = {**f.identity_cells, "tanggal_pengisian": Cell(ID, "B9", "kemarin", None)}
        f = dataclasses.replace(f, identity_cells=cells)
        assert [key(i) for i in validate(f, small_plan, as_of=AS_OF)] == []
        return
    expected = [("date-in-future", ID, "B9", "", "tanggal_pengisian",
                 {"value": day.isoformat(), "as_of": "2019-06-30"})]  # fmt: skip
    assert issues_of(small_plan, identity=ident) == (expected if flagged else [])


def test_tanggal_pengisian_already_reported_is_not_reported_again(small_plan: Plan) -> None:
    future = dt.date(2019, 7, 1)
    read_issue = Issue("invalid-date", PATH, sheet=ID, cell="B9", field="tanggal_pengisian",
                            params={"value": "x"})  # fmt: skip
    f = form(small_plan, identity={**GOOD_IDENTITY, "tanggal_pengisian": future},
             issues=(read_issue,))  # fmt: skip
    assert [i.code for i in validate(f, small_plan, as_of=AS_OF)] == ["invalid-date"]
    other_cell = dataclasses.replace(read_issue, cell="B8")
    f = dataclasses.replace(f, issues=(other_cell,))
    assert [i.code for i in validate(f, small_plan, as_of=AS_OF)] == [
        "invalid-date", "date-in-future"
    ]  # fmt: skip


def test_the_standard_workbook_has_no_identity_to_check(small_plan: Plan) -> None:
    assert issues_of(small_plan, identity={}, kind="workbook", units=[Unit("X", "X")]) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("TU", []),
        ("WASDAK", [("unknown-unit", ID, "B4", "", "unit_code", {"unit_code": "WASDAK"})]),
        ("", [("unknown-unit", ID, "B4", "", "unit_code", {"unit_code": "?"})]),
    ],
)
def test_unit_code_must_be_in_the_units_list(
    small_plan: Plan, code: str, expected: list[Key]
) -> None:
    units = [Unit("TU", "Tata Usaha"), Unit("LANTAS", "Lalu Lintas")]
    ident = {**GOOD_IDENTITY, "unit_code": code}
    assert issues_of(small_plan, identity=ident, units=units) == expected
    assert issues_of(small_plan, identity=ident) == []  # no units list: nothing to check
    report = validate(form(small_plan, identity=ident), small_plan, as_of=AS_OF, units=units)
    assert [i.raw for i in report] == [code] * len(expected)


def test_unit_code_without_its_cell(small_plan: Plan) -> None:
    """The unit code is known from the form's metadata even when its cell is gone."""
    f = form(small_plan, identity={**GOOD_IDENTITY, "unit_code": "WASDAK"})
    cells = {k: c for k, c in f.identity_cells.items() if k != "unit_code"}
    f = dataclasses.replace(f, identity_cells=cells)
    (issue,) = validate(f, small_plan, as_of=AS_OF, units=[Unit("TU", "Tata Usaha")])
    assert key(issue) == ("unknown-unit", "", "", "", "unit_code", {"unit_code": "WASDAK"})
    assert issue.raw == "WASDAK"


def test_identity_issue_on_the_sheet_the_cell_was_read_from(small_plan: Plan) -> None:
    f = form(small_plan, identity={**GOOD_IDENTITY, "nama_pengisi": None})
    cells = {**f.identity_cells, "nama_pengisi": Cell("Identitas (2)", "B6", None)}
    f = dataclasses.replace(f, identity_cells=cells)
    assert [key(i) for i in validate(f, small_plan, as_of=AS_OF)] == [
        ("missing-identity", "Identitas (2)", "B6", "", "nama_pengisi", {"label": "Nama Pengisi"})
    ]


# --- the plan, and the order of the report -----------------------------------------------------


def test_another_plan_stops_at_one_issue(small_plan: Plan) -> None:
    bad_rows = row("I.1.b", status=("Belum",), capaian=(50,))
    f = form(small_plan, bad_rows, identity={}, plan_id="lain-2019")
    assert [key(i) for i in validate(f, small_plan, as_of=AS_OF)] == [
        ("template-mismatch", "", "", "", "", {"found": "lain-2019", "expected": "kecil-2019"})
    ]
    f = form(small_plan, bad_rows, plan_version="9")
    assert [key(i) for i in validate(f, small_plan, as_of=AS_OF)] == [
        ("template-version-mismatch", "", "", "", "",
         {"found": "9", "expected": "3", "plan_id": "kecil-2019"})
    ]  # fmt: skip


def test_a_form_of_another_content_of_the_same_plan_version(small_plan: Plan) -> None:
    f = form(small_plan, plan_hash="abcdef0123456789")
    expected = f"kecil-2019 v3 #{small_plan.content_hash[:8]}"
    assert [key(i) for i in validate(f, small_plan, as_of=AS_OF)] == [
        ("template-mismatch", "", "", "", "", {"found": "kecil-2019 v3 #abcdef01",
                                               "expected": expected})
    ]  # fmt: skip


def test_rows_not_in_the_plan_are_not_checked(small_plan: Plan) -> None:
    stray = dataclasses.replace(row("I.1.b", status=("Belum",), capaian=(50,)), row_id="X.9.z")
    f = form(small_plan, stray)
    assert list(validate(f, small_plan, as_of=AS_OF)) == []


def test_reading_issues_come_first_then_identity_then_rows(small_plan: Plan) -> None:
    read_issue = Issue("not-a-number", PATH, sheet=I, cell="J6", row_id="I.1.a",
                            field="capaian", params={"value": "x"})  # fmt: skip
    f = form(
        small_plan,
        row("I.2.a", jawaban=("Ya",)),
        row("I.1.b", status=("Belum",), capaian=(5,)),
        identity={**GOOD_IDENTITY, "nama_pengisi": None},
        issues=(read_issue,),
    )
    assert [(i.code, i.row_id) for i in validate(f, small_plan, as_of=AS_OF)] == [
        ("not-a-number", "I.1.a"),
        ("missing-identity", ""),
        ("answer-without-question", "I.2.a"),
        ("belum-above-0", "I.1.b"),
    ]


def test_every_rule_of_one_row_in_order(small_plan: Plan) -> None:
    r = row(
        "I.1.b",
        {"indikator": "lain", "target_waktu": "lain"},
        status=("Selesai",),
        capaian=(50,),
        realisasi=(dt.date(2020, 1, 2),),
        bukti_dukung=(None,),
        jawaban=(None,),
    )
    assert [i[0] for i in issues_of(small_plan, r)] == [
        "date-outside-year", "date-in-future", "selesai-without-evidence", "selesai-below-100",
        "missing-answer", "plan-cell-changed", "plan-cell-changed",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("keterangan", "expected"),
    [
        ((None,), [("tidak-relevan-without-reason", I, "N8", "I.2.a", "keterangan", {})]),
        (("  ",), [("tidak-relevan-without-reason", I, "N8", "I.2.a", "keterangan", {})]),
        (("Unit tidak melayani paspor",), []),
    ],
)
def test_tidak_relevan_needs_a_reason(
    small_plan: Plan, keterangan: tuple[Any, ...], expected: list[Key]
) -> None:
    """Petunjuk promises it: a Tidak Relevan row says why in KETERANGAN."""
    r = row("I.2.a", status=("Tidak Relevan",), keterangan=keterangan)
    assert issues_of(small_plan, r) == expected


def test_other_statuses_need_no_keterangan(small_plan: Plan) -> None:
    r = row("I.2.a", status=("Dalam Proses",), capaian=(50,), keterangan=(None,))
    assert issues_of(small_plan, r) == []


def test_evidence_in_words_is_not_a_link(small_plan: Plan) -> None:
    """Petunjuk promises it: 'lihat map' is neither a link nor a file name."""
    r = row("I.2.a", status=("Dalam Proses",), capaian=(50,), bukti_dukung=("lihat map",))
    assert [i[0] for i in issues_of(small_plan, r)] == ["evidence-unreachable"]


# --- validate()'s wiring: each check reaches the report with its place (embedded plan) ------
# The small plan's LKE ids are fake, so the rules that need the real LKE model (evidence by
# answer, review notes) are checked here on the embedded plan, whose I.1.a asks Ya/Tidak.


def test_a_blank_status_is_reported_at_the_status_cell(small_plan: Plan) -> None:
    r = row("I.1.b", status=(None,), capaian=(50,), bukti_dukung=(None,))
    assert issues_of(small_plan, r) == [("missing-status", I, "H7", "I.1.b", "status", {})]


def test_an_answer_above_the_lowest_without_evidence_through_validate(
    embedded_plan: Plan,
) -> None:
    given = {"status": ("Dalam Proses",), "capaian": (50,), "jawaban": ("Ya",)}
    without = row("I.1.a", bukti_dukung=(None,), **given)
    expected = ("answer-without-evidence", I, "K6", "I.1.a", "jawaban",
                {"answer": "Ya", "lowest": "Tidak"})  # fmt: skip
    assert issues_of(embedded_plan, without) == [expected]
    lowest = row("I.1.a", bukti_dukung=(None,), **{**given, "jawaban": ("Tidak",)})
    assert issues_of(embedded_plan, lowest) == []
    linked = row("I.1.a", bukti_dukung=("https://drive.example/sk",), **given)
    assert issues_of(embedded_plan, linked) == []


def test_the_tpi_note_reaches_the_units_report(embedded_plan: Plan) -> None:
    from rkt_excel.review import Review, ReviewEntry

    r = row("I.1.a", status=("Dalam Proses",), capaian=(50,), jawaban=("Tidak",),
            bukti_dukung=("https://drive.example/sk",))  # fmt: skip
    entry = ReviewEntry("I.1.a", tpi_answer="Ya", tpi_note="SK belum ditandatangani")
    review = Review("/kanwil/rekap-tpi.xlsx", entries={"I.1.a": entry})
    found = [key(i) for i in validate(form(embedded_plan, r), embedded_plan, as_of=AS_OF,
                                      review=review)]  # fmt: skip
    assert found == [("review-note", I, "K6", "I.1.a", "jawaban",
                      {"question": "I.1.a", "tpi_answer": "Ya", "answer": "Tidak",
                       "note": "SK belum ditandatangani"})]  # fmt: skip
    plain = [key(i) for i in validate(form(embedded_plan, r), embedded_plan, as_of=AS_OF)]
    assert plain == []


def test_a_filled_standard_workbook_has_no_unit(small_plan: Plan) -> None:
    filled = row("I.1.b", status=("Belum",), capaian=(0,))
    assert issues_of(small_plan, filled, kind="workbook") == [("no-unit", "", "", "", "", {})]
    blank = row("I.1.b", status=(None,), capaian=(None,))
    assert issues_of(small_plan, blank, kind="workbook") == []
    assert issues_of(small_plan, kind="workbook") == []  # no rows at all


def test_rows_the_units_file_assigns_must_be_there_without_metadata(small_plan: Plan) -> None:
    """Read without its metadata (missing-meta), a form is checked against the units file."""
    meta_gone = (Issue("missing-meta", PATH),)
    tu = Unit("TU", "Tata Usaha", components=("I",))
    r = row("I.1.a", status=(None,))
    found = issues_of(small_plan, r, issues=meta_gone, units=[tu])
    missing = [k for k in found if k[0] == "missing-row"]
    assert missing == [("missing-row", "", "", rid, "", {"row_id": rid})
                       for rid in ("I.1.b", "I.2.a")]  # fmt: skip
    assert [k for k in issues_of(small_plan, r, units=[tu]) if k[0] == "missing-row"] == []


def test_a_form_id_of_another_unit_in_the_units_file_is_named(small_plan: Plan) -> None:
    """TU's form carrying LANTAS's form id (copied from LANTAS's file): the owner is found
    among the units file's codes, so the report names LANTAS."""
    from rkt_excel.identity import form_id

    f = form(small_plan, row("I.1.a", status=(None,)))
    copied = dataclasses.replace(
        f, identity=dataclasses.replace(f.identity, form_id=form_id(small_plan.content_hash,
                                                                     "LANTAS"))
    )  # fmt: skip
    units = [Unit("TU", "Tata Usaha"), Unit("LANTAS", "Lalu Lintas")]
    found = [key(i) for i in validate(copied, small_plan, as_of=AS_OF, units=units)]
    mismatch = [k for k in found if k[0] == "unit-mismatch"]
    assert len(mismatch) == 1 and mismatch[0][5]["b"] == "LANTAS", found
    alone = [key(i) for i in validate(copied, small_plan, as_of=AS_OF)]
    assert [k[5]["b"] for k in alone if k[0] == "unit-mismatch"] == ["?"]
