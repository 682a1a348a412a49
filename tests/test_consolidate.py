"""consolidate(): forms built in code (no reader) -> tidy tables, combined statuses, LKE answers.

The shared builders (``office_plan``, ``make_form``, ``office_forms``) are imported by
test_recap.py too, so both test the same small office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from rkt_excel.collect import run_consolidation
from rkt_excel.consolidate import (
    BELUM,
    DALAM_PROSES,
    LATE_NO_FORM,
    LATE_NOT_DONE,
    LATE_NOT_STARTED,
    NOT_REPORTED,
    SELESAI,
    TIDAK_RELEVAN,
    Consolidation,
    RejectedFile,
    combine_answers,
    combine_status,
    consolidate,
)
from rkt_excel.discover import discover, expand_paths
from rkt_excel.form import Cell, FilledForm, FilledRow, FormIdentity
from rkt_excel.identity import form_id
from rkt_excel.issues import Issue, Report, Severity
from rkt_excel.layout import INPUT_FIELDS, STATUS_VALUES
from rkt_excel.lke import load_model
from rkt_excel.score import score
from rkt_excel.template import Plan
from rkt_excel.units import Unit

REGULATION = "permenpanrb-52-2014"
AS_OF = dt.date(2019, 4, 30)
HASIL = {"H.IPAK": 3.5, "H.TLHP": 80.0, "H.IPKP": 3.6}
FORMULA_TEXT = '=HYPERLINK("http://evil.example","klik")'
DDE_TEXT = "=cmd|' /C calc'!A0"


def _indicator(rid: str, text: str, target: str, lke: str | None) -> dict[str, Any]:
    extra = {"lke": lke} if lke else {"lke_note": "tidak ada pertanyaan LKE yang sesuai"}
    return {
        "id": rid,
        "indicator": text,
        "actions": [f"Langkah aksi {rid}"],
        "evidence": [f"Bukti fisik {rid}"],
        "target": target,
        **extra,
    }


def office_plan() -> Plan:
    """Two components, six rows, real PermenPANRB 52/2014 LKE question ids."""
    return Plan.model_validate(
        {
            "id": "uji-2019",
            "version": "2",
            "year": 2019,
            "regulation": REGULATION,
            "created": dt.date(2019, 2, 18),
            "office": {"ministry": "KEMENTERIAN UJI", "name": "KANTOR UJI SEMARANG"},
            "document": {"title": "RKT ZI KANTOR UJI 2019"},
            "components": [
                {
                    "id": "I",
                    "name": "Manajemen Perubahan",
                    "subareas": [
                        {
                            "no": 1,
                            "name": "Tim Kerja",
                            "indicators": [
                                _indicator(
                                    "I.1.a", "SK Tim Kerja ZI telah dibuat", "Januari 2019", "I.1.a"
                                ),
                                _indicator(
                                    "I.1.b",
                                    "=SUM(A1) hanya teks",
                                    "Februari – Desember 2019",
                                    "I.1.b",
                                ),
                            ],
                        },
                        {
                            "no": 2,
                            "name": "Rencana Pembangunan ZI",
                            "indicators": [
                                _indicator(
                                    "I.2.a", "Dokumen rencana ZI", "Juni, Desember 2019", "I.2.a"
                                ),
                                _indicator(
                                    "I.2.b", "Target prioritas ditetapkan", "Februari 2019", "I.2.b"
                                ),
                            ],
                        },
                    ],
                },
                {
                    "id": "III",
                    "name": "Penataan Sistem Manajemen SDM",
                    "subareas": [
                        {
                            "no": 1,
                            "name": "Perencanaan Kebutuhan Pegawai",
                            "indicators": [
                                _indicator(
                                    "III.1.a", "Kebutuhan pegawai disusun", "Maret 2019", "III.1.a"
                                ),
                                _indicator("III.1.b", "Penempatan pegawai", "", None),
                            ],
                        }
                    ],
                },
            ],
        }
    )


UNITS = [
    Unit("TU", "Subbagian Tata Usaha", components=("I",)),
    Unit("LANTAS", "Seksi Lalu Lintas Keimigrasian", indicators=("I.1.a", "III.1.a")),
    Unit("WASDAK", "Seksi Pengawasan dan Penindakan", components=("III",)),
]


def _normalise(plan: Plan, row_id: str, key: str, raw: Any) -> Any:
    """What the reader would store as the value (None when invalid or empty)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if key == "status":
        return raw if raw in STATUS_VALUES else None
    if key == "capaian":
        return float(raw) if isinstance(raw, int | float) and 0 <= raw <= 100 else None
    if key == "realisasi":
        return raw if isinstance(raw, dt.date) else None
    if key == "jawaban":
        lke = plan.indicator(row_id).lke
        return load_model(plan.regulation).question(lke).normalize(raw) if lke else None
    return raw.strip() if isinstance(raw, str) else raw


def make_form(
    plan: Plan,
    path: str,
    unit: Unit,
    values: Mapping[str, Mapping[str, Any]],
    *,
    tanggal: dt.date | None = None,
    mtime: float = 0.0,
    issues: tuple[Issue, ...] = (),
    links: Mapping[str, str] | None = None,
) -> FilledForm:
    """A FilledForm as read_form would return it: row id -> field key -> raw value."""
    rows: dict[str, FilledRow] = {}
    for n, (row_id, fields) in enumerate(values.items()):
        sheet = "I Manajemen Perubahan" if row_id.startswith("I.") else "III Sistem Manajemen SDM"
        excel_row = 6 + n
        cells = {}
        for col, key in zip("HIJKMN", INPUT_FIELDS, strict=True):
            raw = fields.get(key)
            link = (links or {}).get(row_id) if key == "bukti_dukung" else None
            cells[key] = Cell(
                sheet, f"{col}{excel_row}", raw, _normalise(plan, row_id, key, raw), link
            )
        rows[row_id] = FilledRow(row_id, sheet, excel_row, cells)
    identity = FormIdentity(
        plan_id=plan.id,
        plan_version=plan.version,
        plan_hash=plan.content_hash,
        form_id=form_id(plan.content_hash, unit.code),
        kind="form",
        unit_code=unit.code,
        unit_name=unit.name,
        nama_pengisi="Budi",
        tanggal_pengisian=tanggal,
    )
    sha = (unit.code.encode().hex() + path.encode().hex())[:64].ljust(64, "0")
    return FilledForm(path, sha, identity, rows, issues, mtime=mtime)


_PARAMS: dict[str, dict[str, Any]] = {  # what the reader and validator give these codes
    "invalid-option": {"value": "Sudah beres", "options": ", ".join(STATUS_VALUES)},
    "out-of-range": {"value": "150", "low": 0, "high": 100},
    "selesai-below-100": {"value": "50"},
    "missing-identity": {"label": "NIP"},
}


def _issue(
    path: str, code: str, row_id: str, field: str, raw: Any, cell: str, sev: Severity
) -> Issue:
    params = _PARAMS.get(code, {})
    issue = Issue(code, path, "I Manajemen Perubahan", cell, row_id, field, raw, params)
    assert issue.severity is sev  # the catalogue decides; the test says what it expects
    return issue


def office_forms(plan: Plan) -> tuple[list[FilledForm], dict[str, Report], list[RejectedFile]]:
    """TU twice (the first superseded), LANTAS once, WASDAK missing, one rejected file."""
    tu, lantas, _ = UNITS
    tu_old = make_form(
        plan,
        "masuk/TU-lama.xlsx",
        tu,
        {"I.1.a": {"status": "Belum"}},
        tanggal=dt.date(2019, 3, 1),
        mtime=200.0,
    )
    tu_new = make_form(
        plan,
        "masuk/TU.xlsx",
        tu,
        {
            "I.1.a": {
                "status": "Selesai",
                "realisasi": dt.date(2019, 1, 20),
                "capaian": 100,
                "jawaban": "Ya",
                "bukti_dukung": "SK Tim ZI.pdf",
                "keterangan": "Sudah ditetapkan",
            },
            "I.1.b": {
                "status": "Dalam Proses",
                "capaian": 50,
                "jawaban": "B",
                "bukti_dukung": FORMULA_TEXT,
                "keterangan": DDE_TEXT,
            },
            "I.2.a": {
                "status": "Sudah beres",
                "jawaban": "Ya",
                "bukti_dukung": "https://drive.example/rencana",
            },
            "I.2.b": {"status": "Dalam Proses", "capaian": 150, "jawaban": "A"},
        },
        tanggal=dt.date(2019, 4, 10),
        mtime=100.0,
        links={"I.1.a": "https://drive.example/sk-tim"},
        issues=(
            _issue(
                "masuk/TU.xlsx",
                "invalid-option",
                "I.2.a",
                "status",
                "Sudah beres",
                "H8",
                Severity.ERROR,
            ),
        ),
    )
    lantas_form = make_form(
        plan,
        "masuk/LANTAS.xlsx",
        lantas,
        {
            "I.1.a": {
                "status": "Selesai",
                "jawaban": "Tidak",
                "bukti_dukung": "mailto:tu@uji.go.id",
            },
            "III.1.a": {"status": "Belum", "capaian": 0, "keterangan": "+62 811 anggaran"},
        },
        tanggal=dt.date(2019, 4, 12),
    )
    reports = {
        "masuk/TU.xlsx": Report(
            [
                # validate() repeats the reading issue: it must be counted once.
                _issue(
                    "masuk/TU.xlsx",
                    "invalid-option",
                    "I.2.a",
                    "status",
                    "Sudah beres",
                    "H8",
                    Severity.ERROR,
                ),
                _issue(
                    "masuk/TU.xlsx", "out-of-range", "I.2.b", "capaian", 150, "J9", Severity.ERROR
                ),
                _issue(
                    "masuk/TU.xlsx",
                    "selesai-below-100",
                    "I.1.b",
                    "capaian",
                    50,
                    "J7",
                    Severity.WARNING,
                ),
            ]
        ),
        "masuk/TU-lama.xlsx": Report(
            [
                _issue(
                    "masuk/TU-lama.xlsx",
                    "missing-identity",
                    "",
                    "nip",
                    None,
                    "B7",
                    Severity.ERROR,
                )
            ]
        ),
    }
    rejected = [
        RejectedFile(
            "masuk/rusak.xlsx",
            "ab" * 32,
            Issue("not-a-spreadsheet", "masuk/rusak.xlsx", params={"kind": "dokumen PDF"}),
        )
    ]
    return [lantas_form, tu_new, tu_old], reports, rejected


def consolidate_office(plan: Plan | None = None, **kw: Any) -> Consolidation:
    plan = plan or office_plan()
    forms, reports, rejected = office_forms(plan)
    options: dict[str, Any] = {"units": UNITS, "as_of": AS_OF, "hasil": HASIL, **kw}
    return consolidate(forms, plan, reports=reports, rejected=rejected, **options)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return office_plan()


@pytest.fixture(scope="module")
def office(plan: Plan) -> Consolidation:
    return consolidate_office(plan)


# --- combination rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], NOT_REPORTED),
        ([SELESAI, SELESAI], SELESAI),
        ([SELESAI, TIDAK_RELEVAN], SELESAI),
        ([SELESAI, None], DALAM_PROSES),
        ([SELESAI, BELUM], DALAM_PROSES),
        ([DALAM_PROSES, BELUM], DALAM_PROSES),
        ([BELUM, None], BELUM),
        ([None, None], NOT_REPORTED),
        ([TIDAK_RELEVAN, TIDAK_RELEVAN], TIDAK_RELEVAN),
        ([TIDAK_RELEVAN, None], NOT_REPORTED),
    ],
)
def test_combine_status(statuses: list[str | None], expected: str) -> None:
    assert combine_status(statuses) == expected


def test_combine_answers_min_and_mean() -> None:
    model = load_model(REGULATION)
    abc, yn, abcd = model.question("I.1.b"), model.question("I.1.a"), model.question("III.1.b")
    assert combine_answers(abc, ["A", "b", "A"], "min") == "B"  # the weakest counts
    assert combine_answers(abc, ["A", "C"], "mean") == "B"  # (1 + 0) / 2 = 0.5 -> B
    assert combine_answers(abc, ["A", "B"], "mean") == "B"  # 0.75: a tie goes to the weaker
    assert combine_answers(abcd, ["A", "A", "D"], "mean") == "B"  # 0.667 -> B (0.67)
    assert combine_answers(yn, ["Ya", "Tidak"], "min") == "Tidak"
    assert combine_answers(yn, ["?", None], "min") is None  # nothing valid
    ipak = model.question("H.IPAK")
    assert combine_answers(ipak, [3.0, 3.5], "mean") == pytest.approx(3.25)  # numbers stay numbers
    assert combine_answers(ipak, [3.0, 3.5], "min") == 3.0


# --- the consolidation ---------------------------------------------------------------------


def test_forms_picked_superseded_and_missing(office: Consolidation) -> None:
    assert [f.path for f in office.forms] == ["masuk/LANTAS.xlsx", "masuk/TU.xlsx"]
    assert [f.path for f in office.superseded] == ["masuk/TU-lama.xlsx"]
    assert [u.code for u in office.missing] == ["WASDAK"]
    s = office.summary
    assert (s.forms_accepted, s.forms_rejected, s.forms_superseded) == (2, 1, 1)
    assert s.units_missing == ("WASDAK",)
    assert s.units_expected == 3
    # errors: invalid-option + out-of-range in TU, plus the rejected file; the repeat is one.
    assert (s.errors, s.warnings) == (3, 1)


def test_later_form_wins_by_date_then_mtime(plan: Plan) -> None:
    tu = UNITS[0]
    a = make_form(
        plan, "a.xlsx", tu, {"I.1.a": {"status": "Belum"}}, tanggal=dt.date(2019, 4, 1), mtime=9
    )
    b = make_form(
        plan, "b.xlsx", tu, {"I.1.a": {"status": "Selesai"}}, tanggal=dt.date(2019, 4, 2), mtime=1
    )
    c = make_form(
        plan, "c.xlsx", tu, {"I.1.a": {"status": "Belum"}}, tanggal=dt.date(2019, 4, 2), mtime=0
    )
    result = consolidate([b, a, c], plan, reports=None, as_of=AS_OF)
    assert [f.path for f in result.forms] == ["b.xlsx"]
    assert sorted(f.path for f in result.superseded) == ["a.xlsx", "c.xlsx"]
    sources = result.sources.set_index("file")
    assert sources.loc["c.xlsx", "status"] == "superseded"
    assert sources.loc["c.xlsx", "superseded_by"] == "b.xlsx"
    assert result.summary.units_missing == ()  # no units list: nobody is missing


def test_rows_keep_raw_and_flag_invalid(office: Consolidation) -> None:
    rows = office.rows.set_index(["unit_code", "row_id"])
    assert len(office.rows) == 6
    tu_status = rows.loc[("TU", "I.2.a")]
    assert tu_status["status_raw"] == "Sudah beres"
    assert tu_status["status"] is None
    assert tu_status["invalid_fields"] == "status"
    assert rows.loc[("TU", "I.2.b"), "capaian_raw"] == 150
    assert rows.loc[("TU", "I.2.b"), "invalid_fields"] == "capaian"
    assert rows.loc[("TU", "I.1.b"), "bukti_dukung_raw"] == FORMULA_TEXT
    assert rows.loc[("TU", "I.1.b"), "keterangan_raw"] == DDE_TEXT
    assert rows.loc[("TU", "I.1.b"), "issue_codes"] == "selesai-below-100"
    assert rows.loc[("TU", "I.1.b"), "invalid_fields"] == ""  # a warning does not invalidate
    assert rows.loc[("TU", "I.1.a"), "bukti_dukung_link"] == "https://drive.example/sk-tim"
    assert rows.loc[("TU", "I.1.a"), "realisasi_raw"] == dt.date(2019, 1, 20)
    # Plan order, then unit code.
    assert list(office.rows["row_id"]) == ["I.1.a", "I.1.a", "I.1.b", "I.2.a", "I.2.b", "III.1.a"]
    assert list(office.rows["unit_code"])[:2] == ["LANTAS", "TU"]


def test_combined_status_per_indicator(office: Consolidation) -> None:
    ind = office.indicators.set_index("row_id")
    assert ind.loc["I.1.a", "combined_status"] == SELESAI  # TU and LANTAS both Selesai
    assert ind.loc["I.1.b", "combined_status"] == DALAM_PROSES
    assert ind.loc["I.2.a", "combined_status"] == NOT_REPORTED  # TU's status is invalid
    assert ind.loc["I.2.b", "combined_status"] == DALAM_PROSES
    assert ind.loc["III.1.a", "combined_status"] == BELUM  # LANTAS Belum, WASDAK sent nothing
    assert ind.loc["III.1.b", "combined_status"] == NOT_REPORTED
    assert ind.loc["I.1.a", "units"] == "LANTAS, TU"
    assert ind.loc["III.1.a", "units"] == "LANTAS, WASDAK"
    assert ind.loc["I.1.a", "completion"] == 100.0
    assert ind.loc["III.1.a", "completion"] == 0.0
    assert ind.loc["I.1.b", "capaian_mean"] == 50.0


def test_completion_overall_component_unit(office: Consolidation) -> None:
    s = office.summary
    # Pairs: I.1.a x2 (both Selesai), I.1.b, I.2.a, I.2.b (TU), III.1.a x2, III.1.b (WASDAK).
    assert s.completion == pytest.approx(100 * 2 / 8)
    assert s.completion_by_component == {"I": pytest.approx(40.0), "III": 0.0}
    assert s.completion_by_unit == {
        "LANTAS": 50.0,
        "TU": pytest.approx(25.0),
        "WASDAK": 0.0,
    }


def test_late_actions(office: Consolidation) -> None:
    late = office.late
    got = {(r.unit_code, r.row_id): (r.reason, r.due) for r in late.itertuples()}
    assert got == {
        ("LANTAS", "III.1.a"): (LATE_NOT_STARTED, "Maret 2019"),
        ("TU", "I.2.b"): (LATE_NOT_DONE, "Februari 2019"),
        ("WASDAK", "III.1.a"): (LATE_NO_FORM, "Maret 2019"),
    }
    assert list(late["unit_code"]) == ["LANTAS", "TU", "WASDAK"]  # by unit, then component
    assert office.rows.set_index(["unit_code", "row_id"]).loc[("TU", "I.2.b"), "late"]


def test_late_waits_for_the_month_to_end(plan: Plan) -> None:
    # On 15 March the March deadline has not passed; on 31 March it has.
    lantas = UNITS[1]
    form = make_form(
        plan, "l.xlsx", lantas, {"III.1.a": {"status": "Belum"}}, tanggal=dt.date(2019, 3, 1)
    )
    mid = consolidate([form], plan, reports=None, as_of=dt.date(2019, 3, 15))
    end = consolidate([form], plan, reports=None, as_of=dt.date(2019, 3, 31))
    assert "III.1.a" not in set(mid.late["row_id"])
    assert "III.1.a" in set(end.late["row_id"])


def test_sources_and_issues(office: Consolidation) -> None:
    src = office.sources.set_index("file")
    assert list(office.sources["file"]) == sorted(office.sources["file"])
    assert src.loc["masuk/TU.xlsx", "status"] == "accepted"
    assert src.loc["masuk/TU-lama.xlsx", "status"] == "superseded"
    assert src.loc["masuk/rusak.xlsx", "status"] == "rejected"
    assert src.loc["masuk/rusak.xlsx", "code"] == "not-a-spreadsheet"
    assert src.loc["masuk/rusak.xlsx", "sha256"] == "ab" * 32
    assert (src.loc["masuk/TU.xlsx", "errors"], src.loc["masuk/TU.xlsx", "warnings"]) == (2, 1)
    issues = office.issues
    assert len(issues) == 5  # 3 of TU, 1 of the superseded TU, 1 rejection
    assert set(issues["file_status"]) == {"accepted", "superseded", "rejected"}
    row = issues[issues["code"] == "out-of-range"].iloc[0]
    assert (row["sheet"], row["cell"], row["row_id"], row["field"], row["raw"]) == (
        "I Manajemen Perubahan",
        "J9",
        "I.2.b",
        "capaian",
        150,
    )


def test_lke_answers_and_score(office: Consolidation) -> None:
    # I.1.a: TU Ya, LANTAS Tidak -> the weakest (Tidak); invalid answers never count.
    assert office.answers["I.1.a"] == "Tidak"
    assert office.answers["I.1.b"] == "B"
    assert office.answers["I.2.b"] == "A"
    assert "III.1.a" not in office.answers  # LANTAS gave no answer
    assert office.answers["H.IPAK"] == 3.5  # hasil inputs are part of the answers
    expected = score(load_model(REGULATION), office.answers)
    assert office.result.to_dict() == expected.to_dict()
    assert office.summary.total == pytest.approx(expected.total)
    assert office.summary.predikat == expected.predikat
    assert office.summary.minimums_failed  # far from WBK with a handful of answers
    levels = office.scores.set_index("id")
    assert levels.loc["total", "value"] == pytest.approx(expected.total, abs=1e-12)
    evidence = office.evidence["I.1.a"]
    assert [(e.unit_code, e.jawaban, e.link) for e in evidence] == [
        ("LANTAS", "Tidak", None),
        ("TU", "Ya", "https://drive.example/sk-tim"),
    ]


def test_mean_aggregate(plan: Plan) -> None:
    c = consolidate_office(plan, aggregate="mean")
    assert c.answers["I.1.a"] == "Tidak"  # (1 + 0) / 2: a tie goes to the weaker answer
    assert c.summary.aggregate == "mean"
    with pytest.raises(ValueError, match="aggregate"):
        consolidate_office(plan, aggregate="max")


def test_form_of_another_plan_is_rejected(plan: Plan) -> None:
    other = plan.model_copy(update={"id": "lain-2019"})
    form = make_form(other, "lain.xlsx", UNITS[0], {"I.1.a": {"status": "Selesai"}})
    c = consolidate([form], plan, reports=None, as_of=AS_OF)
    assert c.forms == ()
    assert [(r.path, r.code) for r in c.rejected] == [("lain.xlsx", "template-mismatch")]
    assert c.rejected[0].issue.params["found"] == "lain-2019"


def test_no_forms_at_all(plan: Plan) -> None:
    c = consolidate([], plan, reports=None, units=UNITS, as_of=AS_OF)
    assert c.rows.empty and c.summary.forms_accepted == 0
    assert c.summary.completion == 0.0
    assert set(c.indicators["combined_status"]) == {NOT_REPORTED}
    assert c.summary.as_of == AS_OF
    default = consolidate([], plan, reports=None)
    assert default.summary.as_of == dt.date(2019, 12, 31)  # no clock: the plan year's end
    assert default.summary.completion is None


# --- the I/O shell -----------------------------------------------------------------------------


def test_discovery_reads_every_file_and_notes_the_rest(tmp_path: Path) -> None:
    """Every regular file of a folder is read (preflight decides what it is, by content),
    annotated copies included; lock files, subfolders and hidden files get a note."""
    for name in ("b.xlsx", "a.xlsm", "c.xls", "~$a.xlsm", "a.periksa.xlsx", "notes.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".DS_Store").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.xlsx").write_bytes(b"x")
    found = discover([tmp_path, tmp_path / "b.xlsx"])
    assert [p.name for p in found.read] == [
        "a.periksa.xlsx", "a.xlsm", "b.xlsx", "c.xls", "notes.txt",
    ]  # fmt: skip
    assert {(Path(i.file).name, i.code) for i in found.notes} == {
        ("~$a.xlsm", "skipped-lock-file"), (".DS_Store", "skipped-system-file"),
        ("sub", "skipped-folder"),
    }  # fmt: skip
    assert expand_paths([tmp_path]) == found.read


def test_discovery_names_an_input_folder_it_reads_nothing_from(tmp_path: Path) -> None:
    """A folder given as an input from which no file is read (empty, or only entries that
    are skipped) is an error naming it (most often the wrong folder); a subfolder is not
    looked into, so an empty one gets no such note."""
    empty, skipped, good = tmp_path / "kosong", tmp_path / "lewat", tmp_path / "masuk"
    for folder in (empty, skipped, good):
        folder.mkdir()
    (skipped / "~$a.xlsx").write_bytes(b"x")
    (skipped / "2019-08").mkdir()
    (good / "a.xlsx").write_bytes(b"x")
    (good / "kosong").mkdir()
    found = discover([empty, skipped, good])
    assert [p.name for p in found.read] == ["a.xlsx"]
    assert sorted((Path(i.file).name, i.code, i.params.get("entries")) for i in found.notes) == [
        ("2019-08", "skipped-folder", None),
        ("kosong", "empty-folder", 0),
        ("kosong", "skipped-folder", None),
        ("lewat", "empty-folder", 2),
        ("~$a.xlsx", "skipped-lock-file", None),
    ]
    assert {i.severity.value for i in found.notes if i.code == "empty-folder"} == {"error"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_consolidation_rejects_bad_files_and_reports_progress(
    plan: Plan, tmp_path: Path, jobs: int
) -> None:
    (tmp_path / "rusak.xlsx").write_bytes(b"bukan zip")
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    calls: list[tuple[int, int]] = []
    c = run_consolidation(
        [tmp_path],
        plan,
        units=UNITS,
        as_of=AS_OF,
        jobs=jobs,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls == [(1, 2), (2, 2)]
    assert c.summary.forms_rejected == 2
    assert sorted(Path(r.path).name for r in c.rejected) == ["kosong.xlsx", "rusak.xlsx"]
    assert sorted(r.code for r in c.rejected) == ["empty-file", "not-a-spreadsheet"]
    assert c.summary.units_missing == ("LANTAS", "TU", "WASDAK")
