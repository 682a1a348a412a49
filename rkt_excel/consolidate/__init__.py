"""Stage 4, consolidation: many filled forms -> tidy tables, combined LKE answers and the score.

Owns ``consolidate``: pure, no I/O; it takes forms already read and validated (collect.py
reads them). The package holds one concept per module: the data (model), sorting the forms
out (intake), the combination rules (combine), the tables (tables). The rules are
documented in docs/recap.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, fields
from typing import Any

from rkt_excel.asof import resolve_as_of
from rkt_excel.consolidate.combine import (
    combine_answers,
    combine_status,
    lke_answers,
    lke_owners,
)
from rkt_excel.consolidate.intake import form_issues, take_in
from rkt_excel.consolidate.model import (
    ACCEPTED,
    AGGREGATES,
    BELUM,
    COMBINED_STATUSES,
    DALAM_PROSES,
    LATE_NO_FORM,
    LATE_NOT_DONE,
    LATE_NOT_STARTED,
    NOT_REPORTED,
    REJECTED,
    REVIEW,
    SELESAI,
    SUPERSEDED,
    TIDAK_RELEVAN,
    Aggregate,
    Consolidation,
    Evidence,
    RejectedFile,
    Summary,
)
from rkt_excel.consolidate.tables import (
    ISSUE_COLUMNS,
    SOURCE_COLUMNS,
    build_rows,
    completion,
    cutoff,
    frame,
    indicator_table,
    late_table,
    month_label,
    review_issues,
    sources_and_issues,
    unit_completions,
)
from rkt_excel.evidence import scan_evidence
from rkt_excel.form import FilledForm
from rkt_excel.gc_control import gc_paused
from rkt_excel.issues import Report, Severity
from rkt_excel.lke import load_model
from rkt_excel.review import Review, score_tracks
from rkt_excel.score import PREDIKATS, Level
from rkt_excel.template import Plan
from rkt_excel.units import Unit

__all__ = [
    "ACCEPTED",
    "AGGREGATES",
    "BELUM",
    "COMBINED_STATUSES",
    "DALAM_PROSES",
    "ISSUE_COLUMNS",
    "LATE_NOT_DONE",
    "LATE_NOT_STARTED",
    "LATE_NO_FORM",
    "NOT_REPORTED",
    "REJECTED",
    "REVIEW",
    "SELESAI",
    "SOURCE_COLUMNS",
    "SUPERSEDED",
    "TIDAK_RELEVAN",
    "Aggregate",
    "Consolidation",
    "Evidence",
    "RejectedFile",
    "Summary",
    "combine_answers",
    "combine_status",
    "consolidate",
    "form_issues",
    "lke_owners",
]


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
    review: Review | None = None,
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
            ``score.score``; they win over hasil answers given in forms and in ``review``.
        review: a recap returned by the evaluators (``recap.read_review``): its TPI and TPN
            answers are scored as their own tracks (``tracks``), its notes and hasil inputs
            carry into this recap, and what was wrong in it joins ``issues`` (file status
            REVIEW). The units' notes are validate's (``validate(..., review=)``).
    """
    if aggregate not in AGGREGATES:
        raise ValueError(f"aggregate must be one of {AGGREGATES}, not {aggregate!r}")
    intake = take_in(forms, plan, rejected, units)
    if as_of is None:
        dates = [
            f.identity.tanggal_pengisian
            for f in (*intake.used, *(old for old, _ in intake.superseded))
        ]
        as_of = resolve_as_of(plan.year, form_dates=dates)
    superseded = [old for old, _ in intake.superseded]
    issues_by_form = {f.path: form_issues(f, reports) for f in (*intake.used, *superseded)}
    model = load_model(plan.regulation)
    # The evidence checks, and the one evidence rule across forms: a link reused for
    # unrelated questions (evidence.py).
    evidence_report, reused = scan_evidence(plan, model, intake.assigned, intake.form_by_unit)
    for path, found in reused.items():
        issues_by_form[path].extend(found)

    late = late_table(plan, intake, cutoff(as_of))
    late_pairs = set(zip(late["unit_code"], late["row_id"], strict=True))
    rows = build_rows(plan, intake.used, issues_by_form, late_pairs)
    indicators = indicator_table(plan, intake, late)
    sources, issues = sources_and_issues(intake, issues_by_form)
    if review is not None and review.issues:
        issues = review_issues(issues, review)

    answers, evidence = lke_answers(plan, model, intake, aggregate)
    if review is not None:
        answers.update(review.hasil)  # the Hasil sheet of the returned recap
    answers.update(hasil or {})  # explicit hasil inputs win over answers typed in forms
    tracks = score_tracks(model, answers, review)
    result = tracks.mandiri.scores
    scores = frame(
        [asdict(level) for level in result.levels()],
        [f.name for f in fields(Level)],
        dict.fromkeys(("weight", "value", "percent", "value_strict", "percent_strict"), "float64"),
    )

    used_issues = [i for f in intake.used for i in issues_by_form[f.path]]
    refused = [r for r in intake.rejected if r.status == REJECTED]
    summary = Summary(
        plan_id=plan.id,
        plan_version=plan.version,
        regulation=plan.regulation,
        office=plan.office.name,
        year=plan.year,
        period=month_label(as_of.year, as_of.month),
        as_of=as_of,
        aggregate=aggregate,
        forms_accepted=len(intake.used),
        forms_rejected=len(refused),
        forms_superseded=len(superseded),
        units_expected=len(intake.unit_codes),
        units_missing=tuple(u.code for u in intake.missing),
        errors=sum(1 for i in used_issues if i.severity is Severity.ERROR) + len(refused),
        warnings=sum(1 for i in used_issues if i.severity is Severity.WARNING),
        completion=completion(indicators),
        completion_by_component={
            c.id: completion(indicators[indicators["component_id"] == c.id])
            for c in plan.components
        },
        completion_by_unit=unit_completions(intake),
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
        evidence_report=evidence_report,
        owners=lke_owners(plan, model, intake.assigned),
        review=review,
        tracks=tracks,
        hasil_info=dict(review.hasil_info) if review is not None else {},
    )
