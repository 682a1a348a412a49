"""The tidy tables of a consolidation (pandas, one fact per row): rows, indicators, late
actions, sources, issues, and the completion figures computed from them.

Owns the columns of each table and how each is built; pure, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from rkt_excel.consolidate.combine import combine_status
from rkt_excel.consolidate.intake import Intake, field_value, status_of, unit_key
from rkt_excel.consolidate.model import (
    ACCEPTED,
    BELUM,
    DALAM_PROSES,
    LATE_NO_FORM,
    LATE_NOT_DONE,
    LATE_NOT_STARTED,
    REVIEW,
    SELESAI,
    SKIPPED,
    SUPERSEDED,
    TIDAK_RELEVAN,
)
from rkt_excel.form import FilledForm
from rkt_excel.issues import Issue, Severity
from rkt_excel.layout import INPUT_FIELDS
from rkt_excel.schedule import Schedule, ScheduleKind
from rkt_excel.template import Plan
from rkt_excel.texts import MONTHS


def month_label(year: int, month: int) -> str:
    return f"{MONTHS[month - 1]} {year}"


def cutoff(as_of: dt.date) -> tuple[int, int]:
    """The last month that has fully ended on ``as_of`` (its last day counts as ended)."""
    if (as_of + dt.timedelta(days=1)).month != as_of.month:
        return as_of.year, as_of.month
    if as_of.month == 1:
        return as_of.year - 1, 12
    return as_of.year, as_of.month - 1


def percent(done: int, relevant: int) -> float | None:
    return 100.0 * done / relevant if relevant else None


def frame(
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    dtypes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A DataFrame that keeps values as given: object columns, so a raw value keeps its Python
    type and None stays None (pandas would infer strings and NaN); ``dtypes`` for the rest."""
    df = pd.DataFrame({c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns})
    return df.astype(dict(dtypes or {}))


COUNT = "int64"


_ROWS_COLUMNS: tuple[str, ...] = (
    "file", "unit_code", "unit_name", "component_id", "component", "subarea", "row_id",
    "indicator", "target_waktu", "lke", "sheet", "row",
    *(c for key in INPUT_FIELDS for c in (f"{key}_raw", key, f"{key}_cell")),
    "bukti_dukung_link", "invalid_fields", "issue_codes", "errors", "warnings", "late",
)  # fmt: skip


def build_rows(
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
        unit = unit_key(form)
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
    values_only = [line for _, line in lines]
    del lines  # the sort keys: freed before the columns are made (memory at 10,000 forms)
    columns = list(zip(*values_only, strict=True)) or [()] * len(_ROWS_COLUMNS)
    del values_only
    counts = {"row": COUNT, "errors": COUNT, "warnings": COUNT, "late": "bool"}
    return frame_of_columns(dict(zip(_ROWS_COLUMNS, columns, strict=True)), counts)


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def frame_of_columns(
    columns: Mapping[str, Sequence[Any]], dtypes: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """``frame`` from columns of values instead of records (each column copied once, into its
    object array)."""
    arrays = {}
    for c, v in columns.items():
        array = np.empty(len(v), dtype=object)
        array[:] = list(v) if not isinstance(v, list) else v
        arrays[c] = pd.Series(array, dtype=object, copy=False)
    df = pd.DataFrame(arrays, copy=False)
    return df.astype(dict(dtypes or {}))


def late_reason(
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


def indicator_table(plan: Plan, intake: Intake, late: pd.DataFrame) -> pd.DataFrame:
    late_units = late["row_id"].value_counts().to_dict() if len(late) else {}
    records: list[dict[str, Any]] = []
    for comp, sub, ind in plan.indicators():
        units = intake.assigned.get(ind.id, [])
        statuses = [status_of(intake.form_by_unit.get(u), ind.id) for u in units]
        capaian = [
            float(value)
            for u, s in zip(units, statuses, strict=True)
            if s != TIDAK_RELEVAN
            and isinstance(
                value := field_value(intake.form_by_unit.get(u), ind.id, "capaian"), int | float
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
                "completion": percent(done, len(relevant)),
                "capaian_mean": sum(capaian) / len(capaian) if capaian else None,
                "late_units": int(late_units.get(ind.id, 0)),
            }
        )
    counts = (
        "units_assigned", "units_reported", "selesai", "dalam_proses", "belum", "tidak_relevan",
        "no_status", "late_units",
    )  # fmt: skip
    dtypes = {**dict.fromkeys(counts, COUNT), "completion": "float64", "capaian_mean": "float64"}
    return frame(records, list(records[0]) if records else [], dtypes)


def late_table(plan: Plan, intake: Intake, cutoff: tuple[int, int]) -> pd.DataFrame:
    records: list[dict[str, Any]] = []
    for comp, _, ind in plan.indicators():
        schedule = ind.schedule
        for unit_code in intake.assigned.get(ind.id, []):
            form = intake.form_by_unit.get(unit_code)
            status = status_of(form, ind.id)
            reason = late_reason(schedule, status, form is not None, cutoff)
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
                    "due": month_label(due_year, due_month),
                    "status": status or "",
                    "capaian": field_value(form, ind.id, "capaian"),
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
    return frame(records, columns, {"capaian": "float64"})


SOURCE_COLUMNS: tuple[str, ...] = (
    "file", "name", "sha256", "unit_code", "unit_name", "tanggal_pengisian", "status",
    "errors", "warnings", "code", "params", "superseded_by",
)  # fmt: skip
ISSUE_COLUMNS: tuple[str, ...] = (
    "file", "unit_code", "file_status", "sheet", "cell", "row_id", "field", "raw", "code",
    "severity", "params",
)  # fmt: skip


def sources_and_issues(
    intake: Intake, issues_by_form: Mapping[str, list[Issue]]
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
                        "unit_code": unit_key(form),
                        "file_status": status,
                        "sheet": issue.sheet,
                        "cell": issue.cell,
                        "row_id": issue.row_id,
                        "field": issue.field,
                        "raw": issue.raw,
                        "code": issue.code,
                        "severity": str(issue.severity),
                        "params": dict(issue.params),
                    }
                )
            source_records.append(
                {
                    "file": form.path,
                    "name": Path(form.path).name,
                    "sha256": form.sha256,
                    "unit_code": unit_key(form),
                    "unit_name": form.identity.unit_name,
                    "tanggal_pengisian": form.identity.tanggal_pengisian,
                    "status": status,
                    "errors": sum(1 for i in found if i.severity is Severity.ERROR),
                    "warnings": sum(1 for i in found if i.severity is Severity.WARNING),
                    "code": "",
                    "params": None,
                    "superseded_by": replaced_by.get(form.path, ""),
                }
            )
    for rej in intake.rejected:
        where = {
            "file": rej.path, "unit_code": "", "code": rej.code,
            "params": dict(rej.issue.params),
        }  # fmt: skip
        skipped = rej.status == SKIPPED
        issue_records.append(
            {
                **where,
                "file_status": rej.status,
                **dict.fromkeys(("sheet", "cell", "row_id", "field"), ""),
                "raw": None,
                "severity": str(rej.issue.severity),
            }
        )
        source_records.append(
            {
                **where,
                "name": Path(rej.path).name,
                "sha256": rej.sha256,
                "unit_name": "",
                "tanggal_pengisian": None,
                "status": rej.status,
                "errors": 0 if skipped else 1,
                "warnings": 1 if skipped else 0,
                "superseded_by": "",
            }
        )
    # By file; a file's issues keep the reader's and validator's order (sort is stable).
    source_records.sort(key=lambda r: r["file"])
    issue_records.sort(key=lambda r: r["file"])
    return (
        frame(source_records, SOURCE_COLUMNS, {"errors": COUNT, "warnings": COUNT}),
        frame(issue_records, ISSUE_COLUMNS),
    )


def review_issues(issues: pd.DataFrame, review: Any) -> pd.DataFrame:
    """``issues`` followed by the issues of a returned recap (``review.Review``), file status
    REVIEW, in the same columns."""
    records = [
        {
            "file": i.file,
            "unit_code": "",
            "file_status": REVIEW,
            "sheet": i.sheet,
            "cell": i.cell,
            "row_id": i.row_id,
            "field": i.field,
            "raw": i.raw,
            "code": i.code,
            "severity": str(i.severity),
            "params": dict(i.params),
        }
        for i in review.issues
    ]
    kept: list[dict[str, Any]] = [
        {str(k): v for k, v in r.items()} for r in issues.to_dict("records")
    ]
    return frame([*kept, *records], ISSUE_COLUMNS)


def completion(indicators: pd.DataFrame) -> float | None:
    """Selesai share of the relevant (indicator, unit) pairs, in %."""
    relevant = int(indicators["units_assigned"].sum() - indicators["tidak_relevan"].sum())
    return percent(int(indicators["selesai"].sum()), relevant)


def unit_completions(intake: Intake) -> dict[str, float | None]:
    """Completion per unit code (intake.unit_codes order), over the rows it is assigned."""
    rows_of: dict[str, list[str]] = {code: [] for code in intake.unit_codes}
    for row_id, codes in intake.assigned.items():  # row ids in assignment order, as before
        for code in codes:
            rows_of.setdefault(code, []).append(row_id)
    out: dict[str, float | None] = {}
    for code in intake.unit_codes:
        form = intake.form_by_unit.get(code)
        statuses = [status_of(form, row_id) for row_id in rows_of[code]]
        relevant = [s for s in statuses if s != TIDAK_RELEVAN]
        out[code] = percent(sum(1 for s in relevant if s == SELESAI), len(relevant))
    return out
