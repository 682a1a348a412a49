"""Collecting the month's forms: find the input files, read them (in worker processes when asked),
resolve the as-of date, validate each form, and load the hasil inputs.

Owns the parallel read (``collect_forms``), the two I/O
shells over the pure stages (``check_files`` for validate, ``run_consolidation`` for
consolidate) and ``load_hasil``. Reading is isolated per file: a file that cannot be read is a
RejectedFile, never the end of the run.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rkt_excel.asof import period_as_of
from rkt_excel.consolidate import Aggregate, Consolidation, RejectedFile, consolidate
from rkt_excel.discover import discover
from rkt_excel.errors import HasilError
from rkt_excel.form import FilledForm
from rkt_excel.gc_control import gc_paused
from rkt_excel.hasil import likely_confusion
from rkt_excel.issues import Report
from rkt_excel.lke import load_model
from rkt_excel.periods import Period
from rkt_excel.pool import Check, Checked, auto_jobs, read_and_check, read_isolated
from rkt_excel.read import DEFAULT_LIMITS, Limits
from rkt_excel.review import Review
from rkt_excel.template import Plan
from rkt_excel.units import Unit
from rkt_excel.validate import validate

Progress = Callable[[int, int], None]  # (files done, files in all)


# --- reading, one file at a time or in worker processes ------------------------------------


@dataclass
class Collected:
    """What reading the input files gave: the forms read and the files refused, and the
    forms' validation reports when they were validated where they were read."""

    forms: list[FilledForm] = field(default_factory=list)
    rejected: list[RejectedFile] = field(default_factory=list)
    reports: dict[str, Report] | None = None


@gc_paused()  # the forms collected here are kept: see gc_control.gc_paused
def collect_forms(
    paths: Iterable[str | Path],
    plan: Plan,
    *,
    jobs: int | None = 1,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    check: Check | None = None,
) -> Collected:
    """Read every input file (``discover.discover``: an entry not read becomes a
    RejectedFile with its note); with ``jobs`` > 1 in that many processes, ``None`` (or 0)
    for as many as help (``auto_jobs``).

    Each worker returns only the small FilledForm (never a workbook), so what a file adds to
    memory stays small (docs/BENCHMARKS.md). With ``check`` each form is also validated where
    it is read (``Collected.reports``). ``progress(done, total)`` after each file.
    """
    found = discover(paths)
    files = [str(p) for p in found.read]
    total = len(files)
    workers = jobs if jobs else auto_jobs(total)
    collected = Collected(reports={} if check is not None else None)
    collected.rejected.extend(RejectedFile(n.file, "", n) for n in found.notes)
    results: Iterable[FilledForm | RejectedFile | Checked] = (
        (read_and_check(path, plan, limits, check) for path in files)
        if workers <= 1 or total <= 1
        else read_isolated(files, plan, limits, workers, check=check)
    )
    for done, result in enumerate(results, start=1):
        if isinstance(result, RejectedFile):
            collected.rejected.append(result)
        elif isinstance(result, tuple):
            form, report = result
            collected.forms.append(form)
            if collected.reports is not None:
                collected.reports[form.path] = report
        else:
            collected.forms.append(result)
        if progress is not None:
            progress(done, total)
    # Completion order differs between runs with workers: sort, so outputs are identical.
    collected.forms.sort(key=lambda f: f.path)
    collected.rejected.sort(key=lambda r: r.path)
    return collected


def _as_of(
    collected: Collected, plan: Plan, given: dt.date | None, period: Period | None
) -> dt.date:
    return period_as_of(
        plan.year,
        period,
        given=given,
        form_dates=(f.identity.tanggal_pengisian for f in collected.forms),
    )


# --- the shells over validate and consolidate -----------------------------------------------


def check_files(
    paths: Iterable[str | Path],
    plan: Plan,
    *,
    as_of: dt.date | None = None,
    units: Sequence[Unit] | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    period: Period | None = None,
    review: Review | None = None,
) -> Report:
    """Read and validate many files into one report, in file order. A file that cannot be
    read becomes its pre-flight Issue and the others are still checked. ``as_of`` defaults
    as ``asof.resolve_as_of`` says: the end of ``period`` when given, else from these forms.
    With ``review`` (a returned recap, ``recap.read_review``) each form also gets the TPI's
    notes on its rows."""
    collected = collect_forms(paths, plan, jobs=jobs, progress=progress, limits=limits)
    when = _as_of(collected, plan, as_of, period)
    found: list[tuple[str, Report]] = [
        (form.path, validate(form, plan, as_of=when, units=units, review=review))
        for form in collected.forms
    ]
    found += [(rej.path, Report([rej.issue])) for rej in collected.rejected]
    report = Report()
    for _, part in sorted(found, key=lambda pair: pair[0]):
        report.extend(part.issues)
    return report


@gc_paused()  # the forms collected here are kept: see gc_control.gc_paused
def run_consolidation(
    paths: Iterable[str | Path],
    plan: Plan,
    *,
    units: Sequence[Unit] | None = None,
    as_of: dt.date | None = None,
    aggregate: Aggregate = "min",
    hasil: Mapping[str, Any] | None = None,
    jobs: int | None = 1,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    period: Period | None = None,
    review: Review | None = None,
) -> Consolidation:
    """Read, validate and consolidate the forms in ``paths`` (files or directories).

    Files that are not our forms are rejected (listed in the recap), never fatal. ``as_of``
    defaults as ``asof.resolve_as_of`` says, the same for every form: the end of ``period``
    (the month whose returns these are) when given, else from the forms. ``review`` is a
    recap the evaluators returned (``recap.read_review``): see ``consolidate``.
    """
    # When the as-of date does not depend on the forms, each form is validated in the worker
    # that reads it: that work leaves the main process, which consolidates and writes alone.
    check = None
    if as_of is not None or period is not None:
        known = period_as_of(plan.year, period, given=as_of)
        check = Check(known, tuple(units) if units is not None else None, review)
    collected = collect_forms(paths, plan, jobs=jobs, progress=progress, limits=limits, check=check)
    when = _as_of(collected, plan, as_of, period)
    reports = collected.reports
    # (check.as_of is when: both come from period_as_of with the same given date or period.
    # The forms checked in the readers come without their plan cells, form.validated.)
    if reports is None or check is None or check.as_of != when:
        reports = {
            f.path: validate(f, plan, as_of=when, units=units, review=review)
            for f in collected.forms
        }
    return consolidate(
        collected.forms,
        plan,
        reports=reports,
        rejected=collected.rejected,
        units=units,
        as_of=when,
        aggregate=aggregate,
        hasil=hasil,
        review=review,
    )


# --- hasil inputs --------------------------------------------------------------------------


def load_hasil(path: str | Path, plan: Plan) -> dict[str, Any]:
    """Read the komponen hasil inputs from a YAML mapping of question id -> value.

    Survey indices and percentages are numbers (``H.IPAK: 3.45``); an input with an answer
    scale takes an option (``H.CAPAIAN: B`` in 90/2021). Every key must be a hasil input of the
    plan's model (docs/scoring.md lists them).

    NaN and infinity (``.nan``, ``.inf`` in YAML) are not numbers here, as in a cell
    (``normalize.parse_number``): a score computed from NaN would be NaN, and xlsxwriter
    cannot write it.

    Raises:
        HasilError: the file cannot be read, or names an unknown id or a bad value.
    """
    name = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    # ValueError: PyYAML turns digits into an int without a bound, and Python refuses more
    # than 4,300 of them
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as err:
        raise HasilError(key="hasil-unreadable", file=name, reason=str(err)) from err
    if not isinstance(data, dict):
        raise HasilError(key="hasil-not-mapping", file=name)
    model = load_model(plan.regulation)
    known = {q.id: q for q in model.questions.values() if q.kind == "hasil"}
    out: dict[str, Any] = {}
    for key, value in data.items():
        question = known.get(str(key))
        if question is None:
            raise HasilError(
                key="hasil-unknown", file=name, input=key, model=model.id, known=", ".join(known)
            )
        if question.is_option:
            if question.normalize(value) is None:
                raise HasilError(
                    key="hasil-not-option", file=name, input=key, value=value,
                    options=" / ".join(question.options),
                )  # fmt: skip
            out[question.id] = value
            continue
        if not _is_finite_number(value):
            raise HasilError(key="hasil-not-number", file=name, input=key, value=value)
        low = question.minimum if question.minimum is not None else 0.0
        high = question.maximum
        if value < low or (high is not None and value > high):
            likely = likely_confusion(question, _clamped(value))
            if likely is not None:  # a value on another survey's scale: say which
                raise HasilError(
                    key="hasil-out-of-scale", file=name, input=key, value=value, low=low,
                    high=high, likely_id=likely.id, likely_en=likely.en,
                )  # fmt: skip
            raise HasilError(
                key="hasil-out-of-range", file=name, input=key, value=value, low=low, high=high
            )
        out[question.id] = float(value)
    return out


def _is_finite_number(value: Any) -> bool:
    """An int (any size) or a finite float; not a bool, not NaN, not infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return isinstance(value, int) or math.isfinite(value)


def _clamped(value: float) -> float:
    """``value`` as a float; an int too large for one (``float()`` overflows) is the
    largest float of its sign, which is as far outside every range."""
    top = sys.float_info.max
    return float(min(max(value, -top), top))
