"""Stage 4, consolidation: many filled forms -> tidy tables, combined LKE answers and the score.

Owns ``consolidate`` and its data (Consolidation, Summary, RejectedFile, Evidence): pure, no
I/O; it takes forms already read and validated (collect.py reads them). The combination rules
are documented in docs/recap.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from rkt_excel.asof import resolve_as_of
from rkt_excel.form import Cell, FilledForm
from rkt_excel.gc_control import gc_paused
from rkt_excel.identity import plan_mismatch
from rkt_excel.issues import Issue, Report, Severity, render_issue
from rkt_excel.layout import INPUT_FIELDS, STATUS_VALUES
from rkt_excel.lke import LkeModel, Question, load_model
from rkt_excel.schedule import MONTHS, Schedule, ScheduleKind
from rkt_excel.score import PREDIKATS, Level, Scores, score
from rkt_excel.template import Plan
from rkt_excel.units import Unit, assigned_rows

Aggregate = Literal["min", "mean"]
AGGREGATES: tuple[str, ...] = ("min", "mean")

# The four statuses a unit can choose, by meaning (layout.STATUS_VALUES is the dropdown order).
BELUM, DALAM_PROSES, SELESAI, TIDAK_RELEVAN = STATUS_VALUES
NOT_REPORTED = "Belum Dilaporkan"  # combined status when no assigned unit gave a valid status
COMBINED_STATUSES: tuple[str, ...] = (SELESAI, DALAM_PROSES, BELUM, NOT_REPORTED, TIDAK_RELEVAN)

ACCEPTED, REJECTED, SUPERSEDED = "accepted", "rejected", "superseded"

# Reasons a late action is late (Indonesian: shown as is in the recap).
LATE_NOT_STARTED = "belum dimulai"  # a due month passed and the unit has not started
LATE_NOT_DONE = "melewati target"  # the last due month passed and it is not Selesai
LATE_NO_FORM = "formulir tidak dikirim"  # the unit sent no form


@dataclass(frozen=True)
class RejectedFile:
    """An input file that could not be read as one of our forms: the Issue that says why."""

    path: str
    sha256: str
    issue: Issue

    @property
    def code(self) -> str:
        """The catalogue code of the refusal (e.g. ``not-a-spreadsheet``)."""
        return self.issue.code


@dataclass(frozen=True)
class Evidence:
    """One unit's answer and bukti dukung behind a combined LKE answer."""

    unit_code: str
    unit_name: str
    row_id: str
    jawaban: Any  # as typed
    bukti_dukung: Any  # as typed
    link: str | None = None  # the hyperlink target, when the cell had one


@dataclass(frozen=True)
class Summary:
    """The headline numbers of a consolidation (what Ringkasan shows and the roll-up reads).

    Completion percentages are ``None`` when nothing relevant is assigned.
    """

    plan_id: str
    plan_version: str
    regulation: str
    office: str
    year: int
    period: str
    as_of: dt.date
    aggregate: str
    forms_accepted: int
    forms_rejected: int
    forms_superseded: int
    units_expected: int
    units_missing: tuple[str, ...]
    errors: int
    warnings: int
    completion: float | None
    completion_by_component: Mapping[str, float | None]
    completion_by_unit: Mapping[str, float | None]
    pengungkit: float | None
    hasil: float | None
    total: float | None
    predikat: str | None  # "WBBM", "WBK" or None (estimated, from score.Scores.predikat)
    minimums_failed: tuple[str, ...]  # ids of the failed WBK and WBBM checks ("WBK:area:I")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: every field, dates as ISO text, tuples as lists, mappings as
        dicts (derived from the fields, so a new field needs no edit here)."""
        return {f.name: _json_ready(getattr(self, f.name)) for f in fields(self)}


def _json_ready(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


@dataclass(frozen=True, eq=False)
class Consolidation:
    """Everything the recap shows, as data.

    The DataFrames are tidy (one fact per row) and sorted in plan order, then by unit code:
    ``rows`` one row per used form x indicator (every typed field raw and normalised, flags);
    ``indicators`` the combined status per indicator; ``late`` late actions by unit;
    ``sources`` every input file; ``issues`` every issue of every file; ``scores`` the LKE
    scores per level (score.Scores' flat table).
    """

    summary: Summary
    rows: pd.DataFrame
    indicators: pd.DataFrame
    late: pd.DataFrame
    sources: pd.DataFrame
    issues: pd.DataFrame
    scores: pd.DataFrame
    answers: Mapping[str, Any]  # LKE question id -> combined answer (hasil inputs included)
    evidence: Mapping[str, tuple[Evidence, ...]]  # LKE question id -> what supports it
    result: Scores
    model: LkeModel
    forms: tuple[FilledForm, ...]  # the forms used, one per unit
    superseded: tuple[FilledForm, ...]
    rejected: tuple[RejectedFile, ...]
    missing: tuple[Unit, ...]  # units of the units list that sent nothing


# --- helpers ---------------------------------------------------------------------------------


def _month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def _cutoff(as_of: dt.date) -> tuple[int, int]:
    """The last month that has fully ended on ``as_of`` (its last day counts as ended)."""
    if (as_of + dt.timedelta(days=1)).month != as_of.month:
        return as_of.year, as_of.month
    if as_of.month == 1:
        return as_of.year - 1, 12
    return as_of.year, as_of.month - 1


def _unit_key(form: FilledForm) -> str:
    return form.identity.unit_code


def _issue_key(issue: Issue) -> tuple[Any, ...]:
    return (
        issue.code,
        issue.file,
        issue.sheet,
        issue.cell,
        issue.row_id,
        issue.field,
        repr(issue.raw),
    )


def form_issues(form: FilledForm, reports: Mapping[str, Report] | None) -> list[Issue]:
    """The issues of a form: those found while reading plus its validation report, once each."""
    out: list[Issue] = []
    seen: set[tuple[Any, ...]] = set()
    report = reports.get(form.path) if reports is not None else None
    # validate() repeats the reading issues in its report: each is kept once.
    for issue in (*(report.issues if report is not None else ()), *form.issues):
        key = _issue_key(issue)
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return out


def _pick_forms(
    forms: Sequence[FilledForm],
) -> tuple[list[FilledForm], list[tuple[FilledForm, FilledForm]]]:
    """One form per unit: the latest by tanggal pengisian, then file mtime, then path.

    Returns the used forms and (superseded form, the form used instead) pairs.
    """
    by_unit: dict[str, list[FilledForm]] = {}
    for form in forms:
        by_unit.setdefault(_unit_key(form), []).append(form)

    def order(form: FilledForm) -> tuple[dt.date, float, str]:
        return (form.identity.tanggal_pengisian or dt.date.min, form.mtime, form.path)

    used: list[FilledForm] = []
    superseded: list[tuple[FilledForm, FilledForm]] = []
    for group in by_unit.values():
        group = sorted(group, key=order)
        used.append(group[-1])
        superseded.extend((old, group[-1]) for old in group[:-1])
    used.sort(key=lambda f: (_unit_key(f), f.path))
    superseded.sort(key=lambda pair: (_unit_key(pair[0]), pair[0].path))
    return used, superseded


def _status_of(form: FilledForm | None, row_id: str) -> str | None:
    """The unit's valid status for a row, or None (no form, empty or invalid)."""
    if form is None or row_id not in form.rows:
        return None
    cell = form.rows[row_id].fields.get("status")
    value = cell.value if cell is not None else None
    return value if value in STATUS_VALUES else None


def combine_status(statuses: Iterable[str | None]) -> str:
    """Combine the statuses of the units assigned to an indicator (None = nothing valid given).

    Units that say Tidak Relevan are left out; the indicator is Selesai only when every other
    assigned unit says Selesai, Dalam Proses when at least one has started (Selesai or Dalam
    Proses), Belum when at least one says Belum, else Belum Dilaporkan. With no unit assigned it
    is Belum Dilaporkan; when all say Tidak Relevan, Tidak Relevan.
    """
    given = list(statuses)
    if not given:
        return NOT_REPORTED
    relevant = [s for s in given if s != TIDAK_RELEVAN]
    if not relevant:
        return TIDAK_RELEVAN
    if all(s == SELESAI for s in relevant):
        return SELESAI
    if any(s in (SELESAI, DALAM_PROSES) for s in relevant):
        return DALAM_PROSES
    if any(s == BELUM for s in relevant):
        return BELUM
    return NOT_REPORTED


def _percent(done: int, relevant: int) -> float | None:
    return 100.0 * done / relevant if relevant else None


# --- LKE answers -----------------------------------------------------------------------------


def combine_answers(question: Question, answers: Sequence[Any], aggregate: Aggregate) -> Any:
    """Combine the valid answers of several units to one LKE question.

    ``min``: the answer with the lowest value (the weakest answer counts; for a number, the
    smallest number). ``mean``: the mean of the values; for a question with options it is mapped
    back to the option whose value is nearest (a tie goes to the weaker option), for a number
    (Jumlah count, survey value) the mean itself is kept. Answers invalid for the question are
    ignored; None when nothing valid is left.
    """
    valued: list[tuple[str | float, float]] = []
    for answer in answers:
        canonical = question.normalize(answer)
        value = question.value_of(canonical)
        if canonical is not None and value is not None:
            valued.append((canonical, value))
    if not valued:
        return None
    if aggregate == "min":
        return min(valued, key=lambda av: av[1])[0]
    mean = sum(v for _, v in valued) / len(valued)
    if not question.is_option:
        return mean
    return min(
        zip(question.options, question.values, strict=True),
        # Rounded so a tie stays a tie despite float noise (0.67 vs 0.33 around 0.5).
        key=lambda ov: (round(abs(ov[1] - mean), 9), ov[1]),
    )[0]


# --- the tables ------------------------------------------------------------------------------


def _frame(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    dtypes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A DataFrame that keeps values as given: object columns, so a raw value keeps its Python
    type and None stays None (pandas would infer strings and NaN); ``dtypes`` for the rest."""
    df = pd.DataFrame({c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns})
    return df.astype(dict(dtypes or {}))


_COUNT = "int64"


def _cell_raw(cell: Cell | None) -> Any:
    return None if cell is None else cell.raw


_ROWS_COLUMNS: tuple[str, ...] = (
    "file", "unit_code", "unit_name", "component_id", "component", "subarea", "row_id",
    "indicator", "target_waktu", "lke", "sheet", "row",
    *(c for key in INPUT_FIELDS for c in (f"{key}_raw", key, f"{key}_cell")),
    "bukti_dukung_link", "invalid_fields", "issue_codes", "errors", "warnings", "late",
)  # fmt: skip


def _build_rows(
    plan: Plan,
    used: Sequence[FilledForm],
    issues_by_form: Mapping[str, list[Issue]],
    late_pairs: set[tuple[str, str]],
) -> pd.DataFrame:
    order = {ind.id: n for n, (_, _, ind) in enumerate(plan.indicators())}
    unknown = (None, None, None)
    # One tuple per line in _ROWS_COLUMNS order, transposed to columns at the end: a dict per
    # line would cost a dict of 41 entries for each of N x rows lines, for the same table.
    lines: list[tuple[tuple[int, str, str], tuple[Any, ...]]] = []
    for form in used:
        unit = _unit_key(form)
        unit_name = form.identity.unit_name
        by_row: dict[str, list[Issue]] = {}
        for issue in issues_by_form[form.path]:
            if issue.row_id:
                by_row.setdefault(issue.row_id, []).append(issue)
        for row_id, frow in form.rows.items():
            comp, sub, ind = plan.index.get(row_id, unknown)
            values: list[Any] = [
                form.path,
                unit,
                unit_name,
                comp.id if comp else "",
                comp.name if comp else "",
                sub.name if sub else "",
                row_id,
                ind.indicator if ind else "",
                ind.target if ind else "",
                (ind.lke or "") if ind else "",
                frow.sheet,
                frow.row,
            ]
            row_issues = by_row.get(row_id, ())
            error_fields = {i.field for i in row_issues if i.severity is Severity.ERROR}
            invalid: list[str] = []
            fields = frow.fields
            for key in INPUT_FIELDS:
                cell = fields.get(key)
                if cell is None:
                    values += (None, None, "")
                    continue
                values += (cell.raw, cell.value, cell.cell)
                if key in error_fields or (cell.value is None and not cell.empty):
                    invalid.append(key)
            bukti = fields.get("bukti_dukung")
            errors = sum(1 for i in row_issues if i.severity is Severity.ERROR)
            values += (
                bukti.link if bukti is not None else None,
                ", ".join(invalid),
                ", ".join(sorted({i.code for i in row_issues})),
                errors,
                sum(1 for i in row_issues if i.severity is Severity.WARNING),
                (unit, row_id) in late_pairs,
            )
            # Plan order (rows the plan does not know last), then unit.
            lines.append(((order.get(row_id, len(order)), row_id, unit), tuple(values)))
    lines.sort(key=_first)
    columns = list(zip(*(line for _, line in lines), strict=True)) or [()] * len(_ROWS_COLUMNS)
    counts = {"row": _COUNT, "errors": _COUNT, "warnings": _COUNT, "late": "bool"}
    return _frame_of_columns(dict(zip(_ROWS_COLUMNS, columns, strict=True)), counts)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _frame_of_columns(
    columns: Mapping[str, Sequence[Any]], dtypes: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """``_frame`` from columns of values instead of records."""
    df = pd.DataFrame({c: pd.Series(list(v), dtype=object) for c, v in columns.items()})
    return df.astype(dict(dtypes or {}))


def _late_reason(
    schedule: Schedule, status: str | None, has_form: bool, cutoff: tuple[int, int]
) -> tuple[str, int, int] | None:
    """Why an action is late as of ``cutoff``, with the due month (year, month); None if not.

    Late: the last due month has passed and the action is not Selesai; or a due month has
    passed and the unit has not started (Belum, empty, invalid, or no form at all). An action
    that is Tidak Relevan, or whose target is ad hoc or empty, is never late. ``schedule`` is
    the indicator's parsed TARGET WAKTU (``Indicator.schedule``, parsed once per indicator).
    """
    if schedule.kind in (ScheduleKind.ADHOC, ScheduleKind.NONE) or not schedule.months:
        return None
    if status in (SELESAI, TIDAK_RELEVAN):
        return None
    passed = schedule.due_by(*cutoff)
    if not passed:
        return None
    due_year = schedule.year if schedule.year is not None else cutoff[0]
    if not has_form:
        return LATE_NO_FORM, due_year, min(passed)
    if status in (None, BELUM):
        return LATE_NOT_STARTED, due_year, min(passed)
    if schedule.last_month in passed:
        return LATE_NOT_DONE, due_year, max(passed)
    return None


def _indicator_table(plan: Plan, intake: _Intake, late: pd.DataFrame) -> pd.DataFrame:
    late_units = late["row_id"].value_counts().to_dict() if len(late) else {}
    records: list[dict[str, Any]] = []
    for comp, sub, ind in plan.indicators():
        units = intake.assigned.get(ind.id, [])
        statuses = [_status_of(intake.form_by_unit.get(u), ind.id) for u in units]
        capaian = [
            float(value)
            for u, s in zip(units, statuses, strict=True)
            if s != TIDAK_RELEVAN
            and isinstance(
                value := _field_value(intake.form_by_unit.get(u), ind.id, "capaian"), int | float
            )
        ]
        relevant = [s for s in statuses if s != TIDAK_RELEVAN]
        done = sum(1 for s in relevant if s == SELESAI)
        records.append(
            {
                "component_id": comp.id,
                "component": comp.name,
                "subarea": sub.name,
                "row_id": ind.id,
                "indicator": ind.indicator,
                "target_waktu": ind.target,
                "lke": ind.lke or "",
                "units": ", ".join(units),
                "units_assigned": len(units),
                "units_reported": sum(1 for s in statuses if s is not None),
                "selesai": done,
                "dalam_proses": statuses.count(DALAM_PROSES),
                "belum": statuses.count(BELUM),
                "tidak_relevan": statuses.count(TIDAK_RELEVAN),
                "no_status": statuses.count(None),
                "combined_status": combine_status(statuses),
                "completion": _percent(done, len(relevant)),
                "capaian_mean": sum(capaian) / len(capaian) if capaian else None,
                "late_units": int(late_units.get(ind.id, 0)),
            }
        )
    counts = (
        "units_assigned", "units_reported", "selesai", "dalam_proses", "belum", "tidak_relevan",
        "no_status", "late_units",
    )  # fmt: skip
    dtypes = {**dict.fromkeys(counts, _COUNT), "completion": "float64", "capaian_mean": "float64"}
    return _frame(records, list(records[0]) if records else [], dtypes)


# --- the stage -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Intake:
    """The forms sorted out: which is used per unit, who is assigned which rows."""

    used: list[FilledForm]
    superseded: list[tuple[FilledForm, FilledForm]]  # (old form, the form used instead)
    rejected: list[RejectedFile]
    form_by_unit: dict[str, FilledForm]
    assigned: dict[str, list[str]]  # row id -> unit codes, sorted
    names: dict[str, str]  # unit code -> name
    missing: tuple[Unit, ...]
    unit_codes: list[str]  # every unit expected or heard from, sorted


def _intake(
    forms: Sequence[FilledForm],
    plan: Plan,
    rejected: Sequence[RejectedFile],
    units: Sequence[Unit] | None,
) -> _Intake:
    rejected_all = list(rejected)
    mine: list[FilledForm] = []
    for form in forms:
        mismatch = plan_mismatch(form, plan)
        if mismatch is None:
            mine.append(form)
        else:
            code, params = mismatch
            rejected_all.append(
                RejectedFile(form.path, form.sha256, Issue(code, form.path, params=params))
            )
    rejected_all.sort(key=lambda r: r.path)
    used, superseded = _pick_forms(mine)
    form_by_unit = {_unit_key(f): f for f in used}
    # Who is assigned what: the units list, plus every row a unit's form actually carries.
    assigned: dict[str, list[str]] = {}
    for unit in units or ():
        for row_id in assigned_rows(plan, unit):
            assigned.setdefault(row_id, []).append(unit.code)
    listed = {row_id: set(codes) for row_id, codes in assigned.items()}  # O(1) membership
    for form in used:
        code = _unit_key(form)
        for row_id in form.rows:
            seen = listed.setdefault(row_id, set())
            if code not in seen:
                seen.add(code)
                assigned.setdefault(row_id, []).append(code)
    for codes in assigned.values():
        codes.sort()
    names = {u.code: u.name for u in units or ()}
    for form in used:
        names.setdefault(_unit_key(form), form.identity.unit_name)
    missing = tuple(sorted((u for u in units or () if u.code not in form_by_unit), key=_code))
    return _Intake(
        used=used,
        superseded=superseded,
        rejected=rejected_all,
        form_by_unit=form_by_unit,
        assigned=assigned,
        names=names,
        missing=missing,
        unit_codes=sorted({*(u.code for u in units or ()), *form_by_unit}),
    )


def _code(unit: Unit) -> str:
    return unit.code


def _field_value(form: FilledForm | None, row_id: str, key: str) -> Any:
    if form is None or row_id not in form.rows:
        return None
    cell = form.rows[row_id].fields.get(key)
    return None if cell is None else cell.value


def _late_table(plan: Plan, intake: _Intake, cutoff: tuple[int, int]) -> pd.DataFrame:
    records: list[dict[str, Any]] = []
    for comp, _, ind in plan.indicators():
        schedule = ind.schedule
        for unit_code in intake.assigned.get(ind.id, []):
            form = intake.form_by_unit.get(unit_code)
            status = _status_of(form, ind.id)
            reason = _late_reason(schedule, status, form is not None, cutoff)
            if reason is None:
                continue
            why, due_year, due_month = reason
            records.append(
                {
                    "unit_code": unit_code,
                    "unit_name": intake.names.get(unit_code, ""),
                    "component_id": comp.id,
                    "component": comp.name,
                    "row_id": ind.id,
                    "indicator": ind.indicator,
                    "target_waktu": ind.target,
                    "due": _month_label(due_year, due_month),
                    "status": status or "",
                    "capaian": _field_value(form, ind.id, "capaian"),
                    "reason": why,
                    "file": form.path if form is not None else "",
                }
            )
    columns = [
        "unit_code", "unit_name", "component_id", "component", "row_id", "indicator",
        "target_waktu", "due", "status", "capaian", "reason", "file",
    ]  # fmt: skip
    # By unit and component; plan order inside them (the records are built in plan order).
    comp_order = {c.id: n for n, c in enumerate(plan.components)}
    records.sort(key=lambda r: (r["unit_code"], comp_order[r["component_id"]]))
    return _frame(records, columns, {"capaian": "float64"})


SOURCE_COLUMNS: tuple[str, ...] = (
    "file", "name", "sha256", "unit_code", "unit_name", "tanggal_pengisian", "status",
    "errors", "warnings", "code", "message", "superseded_by",
)  # fmt: skip
ISSUE_COLUMNS: tuple[str, ...] = (
    "file", "unit_code", "file_status", "sheet", "cell", "row_id", "field", "raw", "code",
    "severity", "message",
)  # fmt: skip


def _sources_and_issues(
    intake: _Intake, issues_by_form: Mapping[str, list[Issue]], lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    replaced_by = {old.path: new.path for old, new in intake.superseded}
    issue_records: list[dict[str, Any]] = []
    source_records: list[dict[str, Any]] = []
    groups = ((ACCEPTED, intake.used), (SUPERSEDED, [old for old, _ in intake.superseded]))
    for status, group in groups:
        for form in group:
            found = issues_by_form[form.path]
            for issue in found:
                issue_records.append(
                    {
                        "file": form.path,
                        "unit_code": _unit_key(form),
                        "file_status": status,
                        "sheet": issue.sheet,
                        "cell": issue.cell,
                        "row_id": issue.row_id,
                        "field": issue.field,
                        "raw": issue.raw,
                        "code": issue.code,
                        "severity": str(issue.severity),
                        "message": render_issue(issue, lang),
                    }
                )
            source_records.append(
                {
                    "file": form.path,
                    "name": Path(form.path).name,
                    "sha256": form.sha256,
                    "unit_code": _unit_key(form),
                    "unit_name": form.identity.unit_name,
                    "tanggal_pengisian": form.identity.tanggal_pengisian,
                    "status": status,
                    "errors": sum(1 for i in found if i.severity is Severity.ERROR),
                    "warnings": sum(1 for i in found if i.severity is Severity.WARNING),
                    "code": "",
                    "message": "",
                    "superseded_by": replaced_by.get(form.path, ""),
                }
            )
    for rej in intake.rejected:
        where = {
            "file": rej.path, "unit_code": "", "code": rej.code,
            "message": render_issue(rej.issue, lang),
        }  # fmt: skip
        issue_records.append(
            {
                **where,
                "file_status": REJECTED,
                **dict.fromkeys(("sheet", "cell", "row_id", "field"), ""),
                "raw": None,
                "severity": str(Severity.ERROR),
            }
        )
        source_records.append(
            {
                **where,
                "name": Path(rej.path).name,
                "sha256": rej.sha256,
                "unit_name": "",
                "tanggal_pengisian": None,
                "status": REJECTED,
                "errors": 1,
                "warnings": 0,
                "superseded_by": "",
            }
        )
    # By file; a file's issues keep the reader's and validator's order (sort is stable).
    source_records.sort(key=lambda r: r["file"])
    issue_records.sort(key=lambda r: r["file"])
    return (
        _frame(source_records, SOURCE_COLUMNS, {"errors": _COUNT, "warnings": _COUNT}),
        _frame(issue_records, ISSUE_COLUMNS),
    )


def _lke_answers(
    plan: Plan, model: LkeModel, intake: _Intake, aggregate: Aggregate
) -> tuple[dict[str, Any], dict[str, tuple[Evidence, ...]]]:
    """Combine the units' answers per LKE question over its linked indicators."""
    given: dict[str, list[Any]] = {}
    evidence: dict[str, list[Evidence]] = {}
    for _, _, ind in plan.indicators():
        if ind.lke is None:
            continue
        for unit_code in intake.assigned.get(ind.id, []):
            form = intake.form_by_unit.get(unit_code)
            if form is None or ind.id not in form.rows:
                continue
            jawaban = form.rows[ind.id].fields.get("jawaban")
            bukti = form.rows[ind.id].fields.get("bukti_dukung")
            if jawaban is not None and jawaban.value is not None:
                given.setdefault(ind.lke, []).append(jawaban.value)
            typed = [c for c in (jawaban, bukti) if c is not None and not c.empty]
            if typed:
                evidence.setdefault(ind.lke, []).append(
                    Evidence(
                        unit_code=unit_code,
                        unit_name=intake.names.get(unit_code, ""),
                        row_id=ind.id,
                        jawaban=_cell_raw(jawaban),
                        bukti_dukung=_cell_raw(bukti),
                        link=bukti.link if bukti is not None else None,
                    )
                )
    answers: dict[str, Any] = {}
    for qid, values in sorted(given.items()):
        combined = combine_answers(model.question(qid), values, aggregate)
        if combined is not None:
            answers[qid] = combined
    return answers, {q: tuple(e) for q, e in sorted(evidence.items())}


@gc_paused()  # the tables built here are kept: see gc_control.gc_paused
def consolidate(
    forms: Sequence[FilledForm],
    plan: Plan,
    *,
    reports: Mapping[str, Report] | None,
    rejected: Sequence[RejectedFile] = (),
    units: Sequence[Unit] | None = None,
    as_of: dt.date | None = None,
    aggregate: Aggregate = "min",
    hasil: Mapping[str, Any] | None = None,
    lang: str = "id",
) -> Consolidation:
    """Consolidate the forms of one office into tidy tables, combined LKE answers and scores.

    Args:
        forms: forms read back (any order); several for one unit: the latest counts. A form
            made from another plan or version is rejected (``identity.plan_mismatch``).
        reports: validation report by form path (issues found while reading are on the form).
            A form with errors is still used; each invalid value counts as not given.
        rejected: files that could not be read; listed in ``sources`` and ``issues``.
        units: the units expected; those that sent nothing are ``missing``. Without it every
            unit that sent a form is expected, and a unit is assigned the rows its form has.
        as_of: the date late actions are judged on; default ``asof.resolve_as_of`` over the
            forms' tanggal pengisian (the same default as ``collect`` and the CLI).
        aggregate: how units' answers to one LKE question combine (see ``combine_answers``).
        hasil: the komponen hasil inputs (survey values, question id -> value) for
            ``score.score``; they win over hasil answers given in forms.
        lang: the language of the ``message`` columns of ``sources`` and ``issues``.
    """
    if aggregate not in AGGREGATES:
        raise ValueError(f"aggregate must be one of {AGGREGATES}, not {aggregate!r}")
    intake = _intake(forms, plan, rejected, units)
    if as_of is None:
        dates = [
            f.identity.tanggal_pengisian
            for f in (*intake.used, *(old for old, _ in intake.superseded))
        ]
        as_of = resolve_as_of(plan.year, form_dates=dates)
    superseded = [old for old, _ in intake.superseded]
    issues_by_form = {f.path: form_issues(f, reports) for f in (*intake.used, *superseded)}

    late = _late_table(plan, intake, _cutoff(as_of))
    late_pairs = set(zip(late["unit_code"], late["row_id"], strict=True))
    rows = _build_rows(plan, intake.used, issues_by_form, late_pairs)
    indicators = _indicator_table(plan, intake, late)
    sources, issues = _sources_and_issues(intake, issues_by_form, lang)

    model = load_model(plan.regulation)
    answers, evidence = _lke_answers(plan, model, intake, aggregate)
    answers.update(hasil or {})  # explicit hasil inputs win over answers typed in forms
    result = score(model, answers)
    scores = _frame(
        [asdict(level) for level in result.levels()],
        [f.name for f in fields(Level)],
        dict.fromkeys(("weight", "value", "percent", "value_strict", "percent_strict"), "float64"),
    )

    used_issues = [i for f in intake.used for i in issues_by_form[f.path]]
    summary = Summary(
        plan_id=plan.id,
        plan_version=plan.version,
        regulation=plan.regulation,
        office=plan.office.name,
        year=plan.year,
        period=_month_label(as_of.year, as_of.month),
        as_of=as_of,
        aggregate=aggregate,
        forms_accepted=len(intake.used),
        forms_rejected=len(intake.rejected),
        forms_superseded=len(superseded),
        units_expected=len(intake.unit_codes),
        units_missing=tuple(u.code for u in intake.missing),
        errors=sum(1 for i in used_issues if i.severity is Severity.ERROR) + len(intake.rejected),
        warnings=sum(1 for i in used_issues if i.severity is Severity.WARNING),
        completion=_completion(indicators),
        completion_by_component={
            c.id: _completion(indicators[indicators["component_id"] == c.id])
            for c in plan.components
        },
        completion_by_unit=_unit_completions(intake),
        pengungkit=result.pengungkit,
        hasil=result.hasil,
        total=result.total,
        predikat=result.predikat,
        minimums_failed=tuple(c.id for p in PREDIKATS for c in result.failed(p)),
    )
    return Consolidation(
        summary=summary,
        rows=rows,
        indicators=indicators,
        late=late,
        sources=sources,
        issues=issues,
        scores=scores,
        answers=answers,
        evidence=evidence,
        result=result,
        model=model,
        forms=tuple(intake.used),
        superseded=tuple(superseded),
        rejected=tuple(intake.rejected),
        missing=intake.missing,
    )


def _completion(indicators: pd.DataFrame) -> float | None:
    """Selesai share of the relevant (indicator, unit) pairs, in %."""
    relevant = int(indicators["units_assigned"].sum() - indicators["tidak_relevan"].sum())
    return _percent(int(indicators["selesai"].sum()), relevant)


def _unit_completions(intake: _Intake) -> dict[str, float | None]:
    """Completion per unit code (intake.unit_codes order), over the rows it is assigned."""
    rows_of: dict[str, list[str]] = {code: [] for code in intake.unit_codes}
    for row_id, codes in intake.assigned.items():  # row ids in assignment order, as before
        for code in codes:
            rows_of.setdefault(code, []).append(row_id)
    out: dict[str, float | None] = {}
    for code in intake.unit_codes:
        form = intake.form_by_unit.get(code)
        statuses = [_status_of(form, row_id) for row_id in rows_of[code]]
        relevant = [s for s in statuses if s != TIDAK_RELEVAN]
        out[code] = _percent(sum(1 for s in relevant if s == SELESAI), len(relevant))
    return out
