"""The data of a consolidation: Consolidation, Summary, RejectedFile, Evidence, and the words
for statuses, file statuses and late reasons (Indonesian, shown as they are in the recap).

Owns these types and constants only; no computation beyond ``Summary.to_dict``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import pandas as pd

from rkt_excel.catalogue import SKIP_CODES
from rkt_excel.evidence import EvidenceReport
from rkt_excel.form import FilledForm
from rkt_excel.issues import Issue
from rkt_excel.layout import STATUS_VALUES
from rkt_excel.lke import LkeModel
from rkt_excel.review import Review, Tracks
from rkt_excel.score import Scores
from rkt_excel.units import Unit

Aggregate = Literal["min", "mean"]
AGGREGATES: tuple[str, ...] = ("min", "mean")

# The four statuses a unit can choose, by meaning (layout.STATUS_VALUES is the dropdown order).
BELUM, DALAM_PROSES, SELESAI, TIDAK_RELEVAN = STATUS_VALUES
NOT_REPORTED = "Belum Dilaporkan"  # combined status when no assigned unit gave a valid status
COMBINED_STATUSES: tuple[str, ...] = (SELESAI, DALAM_PROSES, BELUM, NOT_REPORTED, TIDAK_RELEVAN)

ACCEPTED, REJECTED, SUPERSEDED = "accepted", "rejected", "superseded"
SKIPPED = "skipped"  # an entry of an input folder not read, with a note (discover.py)
REVIEW = "review"  # the file status of a recap returned by the evaluators (--review)

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

    @property
    def status(self) -> str:
        """REJECTED, or SKIPPED for an entry whose note is no error (our own recap, a
        temporary file, a subfolder: catalogue.SKIP_CODES)."""
        return SKIPPED if self.issue.code in SKIP_CODES else REJECTED


@dataclass(frozen=True, slots=True)
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
    # BUKTI DUKUNG against the plan's BUKTI FISIK, per (indicator, unit) pair (evidence.py)
    evidence_report: EvidenceReport = field(default_factory=EvidenceReport)
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # see lke_owners
    review: Review | None = None  # the returned recap read back (consolidate --review)
    tracks: Tracks | None = None  # self-assessment, TPI, TPN scores (review.score_tracks)
    hasil_info: Mapping[str, Any] = field(default_factory=dict)  # hasil figures (hasil.py)
