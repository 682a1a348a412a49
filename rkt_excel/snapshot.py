"""A month's state, as data: what next month compares with, carries over and reminds about.

Owns the ``Snapshot`` of one consolidation (``snapshot_of``): per unit whether it sent a form,
the digest of its values and how many carried-over rows came back untouched; per unit and row
the valid values it gave; per indicator the combined status; the late actions; the problems
of the forms used. The recap stores it in its hidden ``_rkt_data`` sheet (``recap/datasheet.py``
is its codec); comparing months is ``changes.py``'s, carrying answers over ``carry.py``'s, the
messages ``messages.py``'s. Pure: no spreadsheet library, no I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field  # Problem has a field named "field"
from typing import Any

from rkt_excel.consolidate import Consolidation
from rkt_excel.form import FilledForm
from rkt_excel.layout import INPUT_FIELDS, carried_digest
from rkt_excel.periods import label_period


@dataclass(frozen=True)
class UnitState:
    """One unit in the month: did it send a form, and what the form was like."""

    code: str
    name: str
    sent: bool
    file: str = ""  # the file name of the form used
    filled_on: dt.date | None = None  # tanggal pengisian
    digest: str = ""  # of every row's values; equal digests: the same answers ("" not sent)
    rows: int = 0
    carried: int = 0  # rows the form was written with last time's answers in
    untouched: int = 0  # of those, sent back with exactly those answers
    errors: int = 0
    warnings: int = 0
    late: int = 0  # late actions


@dataclass(frozen=True)
class CellState:
    """One unit's answers for one indicator row (valid values only; None when none)."""

    unit: str
    row_id: str
    status: str | None = None
    realisasi: dt.date | None = None
    capaian: float | None = None
    jawaban: str | float | None = None
    bukti_dukung: str | None = None
    keterangan: str | None = None
    untouched: bool = False  # carried over and sent back unchanged

    def values(self) -> dict[str, Any]:
        """The input fields (layout.INPUT_FIELDS) -> value."""
        return {key: getattr(self, key) for key in INPUT_FIELDS}


@dataclass(frozen=True)
class IndicatorState:
    """One indicator's combined status over its units."""

    row_id: str
    component_id: str
    indicator: str
    status: str
    completion: float | None = None
    lke: str = ""  # the LKE question the row answers


@dataclass(frozen=True)
class LateAction:
    """A late action of a unit: due since ``due`` ("2019-03")."""

    unit: str
    row_id: str
    indicator: str
    due: str
    reason: str
    status: str = ""


@dataclass(frozen=True)
class Problem:
    """An issue of a form used, as data (rendered where it is shown)."""

    unit: str
    sheet: str
    cell: str
    row_id: str
    field: str
    code: str
    severity: str
    params: Mapping[str, Any] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class Snapshot:
    """The month's state; empty for a recap written before snapshots existed."""

    units: tuple[UnitState, ...] = ()
    cells: tuple[CellState, ...] = ()
    indicators: tuple[IndicatorState, ...] = ()
    late: tuple[LateAction, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.units and not self.indicators

    def unit(self, code: str) -> UnitState | None:
        """The unit with this code, if the month knew it."""
        return next((u for u in self.units if u.code == code), None)

    def cells_of(self, code: str) -> dict[str, CellState]:
        """One unit's answers by row id."""
        return {c.row_id: c for c in self.cells if c.unit == code}


# --- from a consolidation ------------------------------------------------------------------


def _value(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _cells(form: FilledForm) -> list[CellState]:
    out = []
    for row_id, row in form.rows.items():
        values = {key: _value(cell.value) for key, cell in row.fields.items()}
        date = values.get("realisasi")
        number = values.get("capaian")
        out.append(
            CellState(
                unit=form.identity.unit_code,
                row_id=row_id,
                status=values.get("status"),
                realisasi=_day(date),
                capaian=float(number) if isinstance(number, int | float) else None,
                jawaban=values.get("jawaban"),
                bukti_dukung=_text(values.get("bukti_dukung")),
                keterangan=_text(values.get("keterangan")),
                untouched=row.untouched,
            )
        )
    return out


def _day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def unit_digest(cells: list[CellState]) -> str:
    """The digest of one unit's answers, row by row (equal answers, equal digests)."""
    lines = sorted(f"{c.row_id}\x1e{carried_digest(c.values())}" for c in cells)
    return hashlib.sha256("\x1d".join(lines).encode("utf-8")).hexdigest()[:16]


def snapshot_of(c: Consolidation) -> Snapshot:
    """The snapshot of a consolidation."""
    s = c.summary
    by_unit = {f.identity.unit_code: f for f in c.forms}
    names = {u.code: u.name for u in c.missing}
    names.update({code: f.identity.unit_name for code, f in by_unit.items()})
    issues = c.issues[c.issues["file_status"] == "accepted"]
    counts: dict[tuple[str, str], int] = {}
    for unit, severity in zip(issues["unit_code"], issues["severity"], strict=True):
        counts[(unit, severity)] = counts.get((unit, severity), 0) + 1
    late_by_unit = c.late["unit_code"].value_counts().to_dict() if len(c.late) else {}
    units: list[UnitState] = []
    cells: list[CellState] = []
    for code in s.completion_by_unit:
        form = by_unit.get(code)
        if form is None:
            units.append(UnitState(code, names.get(code, ""), False,
                                   late=int(late_by_unit.get(code, 0))))  # fmt: skip
            continue
        mine = _cells(form)
        cells += mine
        units.append(
            UnitState(
                code=code,
                name=names.get(code, ""),
                sent=True,
                file=form.path.replace("\\", "/").rsplit("/", 1)[-1],
                filled_on=form.identity.tanggal_pengisian,
                digest=unit_digest(mine),
                rows=len(form.rows),
                carried=sum(1 for r in form.rows.values() if r.carried),
                untouched=sum(1 for r in form.rows.values() if r.untouched),
                errors=counts.get((code, "error"), 0),
                warnings=counts.get((code, "warning"), 0),
                late=int(late_by_unit.get(code, 0)),
            )
        )
    indicators = tuple(
        IndicatorState(row_id, comp, text, status, None if done != done else float(done), lke)
        for row_id, comp, text, status, done, lke in _columns(
            c.indicators,
            "row_id",
            "component_id",
            "indicator",
            "combined_status",
            "completion",
            "lke",
        )
    )
    late = tuple(
        LateAction(unit, row_id, text, _due(due), reason, status or "")
        for unit, row_id, text, due, reason, status in _columns(
            c.late, "unit_code", "row_id", "indicator", "due", "reason", "status"
        )
    )
    problems = tuple(
        Problem(unit, sheet, cell, row_id, fld, code, severity, dict(params or {}))
        for unit, sheet, cell, row_id, fld, code, severity, params in _columns(
            issues, "unit_code", "sheet", "cell", "row_id", "field", "code", "severity", "params"
        )
    )
    return Snapshot(tuple(units), tuple(cells), indicators, late, problems)


def _columns(df: Any, *names: str) -> Any:
    """The rows of a table's ``names`` columns, as tuples."""
    return zip(*(df[name].tolist() for name in names), strict=True)


def _due(label: str) -> str:
    period = label_period(label)
    return str(period) if period is not None else label


__all__ = [
    "CellState",
    "IndicatorState",
    "LateAction",
    "Problem",
    "Snapshot",
    "UnitState",
    "snapshot_of",
    "unit_digest",
]
