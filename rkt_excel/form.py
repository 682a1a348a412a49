"""The data a filled form carries once read: identity, and per indicator row every input field.

Owns FormIdentity, Cell, FilledRow and FilledForm: plain frozen dataclasses built by read and
used by validate and consolidate, and ``validated``, the form once its report is made. No I/O
here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rkt_excel.issues import Issue
from rkt_excel.normalize import is_empty
from rkt_excel.records import sent_between_processes


@sent_between_processes
@dataclass(frozen=True, slots=True)
class FormIdentity:
    """Who and what a form is: the plan it was made from and the unit that fills it."""

    plan_id: str
    plan_version: str
    plan_hash: str
    form_id: str
    kind: str  # "form" or "workbook"
    unit_code: str = ""
    unit_name: str = ""
    nama_pengisi: str = ""
    nip: str = ""
    jabatan: str = ""
    tanggal_pengisian: dt.date | None = None
    period: str = ""  # the month the form was distributed for ("2019-08"), when named
    carried_from: str = ""  # the month whose answers the form carried over, if any
    # Every place the form names its unit, as found: ("meta" | "property" | "identitas", code).
    unit_claims: tuple[tuple[str, str], ...] = ()


@sent_between_processes
@dataclass(frozen=True, slots=True)
class Cell:
    """One input value: as typed (``raw``), normalised (``value``, None when invalid or empty),
    and where it came from. ``link`` is a hyperlink target when the cell had one."""

    sheet: str
    cell: str  # A1 address
    raw: Any
    value: Any = None
    link: str | None = None

    @property
    def empty(self) -> bool:
        """True when nothing was typed."""
        return is_empty(self.raw)


@sent_between_processes
@dataclass(frozen=True, slots=True)
class FilledRow:
    """One indicator row as the unit filled it: field key (layout.INPUT_FIELDS) -> Cell."""

    row_id: str
    sheet: str
    row: int  # 1-based row number in the returned file
    fields: dict[str, Cell] = field(default_factory=dict)
    plan_cells: dict[str, Cell] = field(default_factory=dict)  # locked plan text as found
    carried: bool = False  # the form was written with last month's answers in this row
    untouched: bool = False  # carried, and sent back with exactly those values


@sent_between_processes
@dataclass(frozen=True, slots=True)
class FilledForm:
    """A form read back: its file, identity, rows by id, and the issues found while reading."""

    path: str
    sha256: str
    identity: FormIdentity
    rows: dict[str, FilledRow]
    issues: tuple[Issue, ...] = ()
    identity_cells: dict[str, Cell] = field(default_factory=dict)
    mtime: float = 0.0
    checked_plan: str = ""  # content hash of the plan the reader checked the identity against


def validated(form: FilledForm) -> FilledForm:
    """``form`` once validated, without what only validation reads: the locked plan cells as
    found (``FilledRow.plan_cells``, checked by validate's plan-cell-changed rule). A form is
    kept from its reading to the recap's write, so this is about 10 KB less per form at a
    ministry's 10,000 (docs/BENCHMARKS.md). Changed in place: call it on a form whose report
    is made, before anyone else holds it."""
    for row in form.rows.values():
        if row.plan_cells:
            object.__setattr__(row, "plan_cells", {})  # frozen record, set once
    return form
