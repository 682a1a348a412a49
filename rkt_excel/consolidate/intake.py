"""Sorting the forms out: which form counts for each unit (the latest), which were superseded
or are of another plan, which rows each unit is assigned, who sent nothing.

Owns ``take_in`` and the ``Intake`` it returns, and the per-form issue list (``form_issues``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rkt_excel.consolidate.model import RejectedFile
from rkt_excel.form import Cell, FilledForm
from rkt_excel.identity import plan_mismatch, unit_conflicts
from rkt_excel.issues import Issue, Report
from rkt_excel.layout import STATUS_VALUES
from rkt_excel.template import Plan
from rkt_excel.units import Unit, assigned_rows


def unit_key(form: FilledForm) -> str:
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


def pick_forms(
    forms: Sequence[FilledForm],
) -> tuple[list[FilledForm], list[tuple[FilledForm, FilledForm]]]:
    """One form per unit: the latest by tanggal pengisian, then file mtime, then path.

    Returns the used forms and (superseded form, the form used instead) pairs.
    """
    by_unit: dict[str, list[FilledForm]] = {}
    for form in forms:
        by_unit.setdefault(unit_key(form), []).append(form)

    def order(form: FilledForm) -> tuple[dt.date, float, str]:
        return (form.identity.tanggal_pengisian or dt.date.min, form.mtime, form.path)

    used: list[FilledForm] = []
    superseded: list[tuple[FilledForm, FilledForm]] = []
    for group in by_unit.values():
        group = sorted(group, key=order)
        used.append(group[-1])
        superseded.extend((old, group[-1]) for old in group[:-1])
    used.sort(key=lambda f: (unit_key(f), f.path))
    superseded.sort(key=lambda pair: (unit_key(pair[0]), pair[0].path))
    return used, superseded


def status_of(form: FilledForm | None, row_id: str) -> str | None:
    """The unit's valid status for a row, or None (no form, empty or invalid)."""
    if form is None or row_id not in form.rows:
        return None
    cell = form.rows[row_id].fields.get("status")
    value = cell.value if cell is not None else None
    return value if value in STATUS_VALUES else None


def field_value(form: FilledForm | None, row_id: str, key: str) -> Any:
    if form is None or row_id not in form.rows:
        return None
    cell = form.rows[row_id].fields.get(key)
    return None if cell is None else cell.value


@dataclass(frozen=True)
class Intake:
    """The forms sorted out: which is used per unit, who is assigned which rows."""

    used: list[FilledForm]
    superseded: list[tuple[FilledForm, FilledForm]]  # (old form, the form used instead)
    rejected: list[RejectedFile]
    form_by_unit: dict[str, FilledForm]
    assigned: dict[str, list[str]]  # row id -> unit codes, sorted
    names: dict[str, str]  # unit code -> name
    missing: tuple[Unit, ...]
    unit_codes: list[str]  # every unit expected or heard from, sorted


def take_in(
    forms: Sequence[FilledForm],
    plan: Plan,
    rejected: Sequence[RejectedFile],
    units: Sequence[Unit] | None,
) -> Intake:
    rejected_all = list(rejected)
    mine: list[FilledForm] = []
    for form in forms:
        mismatch = plan_mismatch(form, plan)
        conflicts = unit_conflicts(form, units) if mismatch is None else []
        if mismatch is None and not conflicts:
            mine.append(form)
        elif conflicts:  # a form posing as another unit's never counts for either
            rejected_all.append(RejectedFile(form.path, form.sha256, conflicts[0]))
        elif mismatch is not None:
            code, params = mismatch
            rejected_all.append(
                RejectedFile(form.path, form.sha256, Issue(code, form.path, params=params))
            )
    rejected_all.sort(key=lambda r: r.path)
    used, superseded = pick_forms(mine)
    form_by_unit = {unit_key(f): f for f in used}
    # Who is assigned what: the units list, plus every row a unit's form actually carries.
    assigned: dict[str, list[str]] = {}
    for unit in units or ():
        for row_id in assigned_rows(plan, unit):
            assigned.setdefault(row_id, []).append(unit.code)
    listed = {row_id: set(codes) for row_id, codes in assigned.items()}  # O(1) membership
    for form in used:
        code = unit_key(form)
        for row_id in form.rows:
            seen = listed.setdefault(row_id, set())
            if code not in seen:
                seen.add(code)
                assigned.setdefault(row_id, []).append(code)
    for codes in assigned.values():
        codes.sort()
    names = {u.code: u.name for u in units or ()}
    for form in used:
        names.setdefault(unit_key(form), form.identity.unit_name)
    missing = tuple(sorted((u for u in units or () if u.code not in form_by_unit), key=_code))
    return Intake(
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


def cell_raw(cell: Cell | None) -> Any:
    return None if cell is None else cell.raw
