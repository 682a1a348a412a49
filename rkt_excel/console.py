"""What the command line prints about results, as plain text lines in the user's language.

Owns the rendering of a consolidation's summary, of failed WBK/WBBM minimums, of one issue
as a console line and of the changes between two months (``changes_lines``). Every piece
of a user's text that reaches the terminal is escaped here, so a cell cannot forge terminal
output. No click, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rkt_excel.changes import Changes
from rkt_excel.consolidate import Summary
from rkt_excel.issues import Issue, render_issue
from rkt_excel.lke import LkeModel
from rkt_excel.periods import folder_period
from rkt_excel.priorities import Change, Priorities, Step, describe
from rkt_excel.safe_text import terminal_text
from rkt_excel.score import PREDIKATS, Check
from rkt_excel.texts import long_date, number, percent, text


def _safe(value: str) -> str:
    return terminal_text(value)


def issue_line(issue: Issue, lang: str = "id") -> str:
    """One issue on one line: severity, where, code and message."""
    severity = text(f"severity-{issue.severity}", lang)
    where = _safe(issue.location)
    return f"{severity:<10} {where}: [{issue.code}] {_safe(render_issue(issue, lang))}"


def failed_lines(checks: Iterable[Check], lang: str = "id") -> list[str]:
    """The failed minimums of the first predikat not reached (WBBM needs WBK first):
    "Nilai total (pengungkit + hasil) 64,39 < 75,00"."""
    found = list(checks)
    out: list[str] = []
    for predikat in PREDIKATS:
        mine = [c for c in found if c.predikat == predikat and not c.passed]
        if not mine:
            continue
        out.append(text("summary-failed", lang, predikat=predikat))
        out += [
            "  "
            + text(
                "failed-check",
                lang,
                name=c.name,
                actual=number(c.actual, lang),
                required=number(c.required, lang),
            )
            for c in mine
        ]
        break
    return out


def summary_lines(summary: Summary, failed: Sequence[Check] = (), lang: str = "id") -> list[str]:
    """The headline of a consolidation: office and period, forms, issues, completion, the
    estimated score and predikat, then the failed minimums (``failed``)."""
    missing = ", ".join(summary.units_missing) or text("none", lang)
    lines = [
        text(
            "summary-title",
            lang,
            office=_safe(summary.office),
            period=summary.period,
            as_of=long_date(summary.as_of, lang),
        ),
        "  "
        + text(
            "summary-forms",
            lang,
            accepted=summary.forms_accepted,
            rejected=summary.forms_rejected,
            superseded=summary.forms_superseded,
            missing=_safe(missing),
        ),
        "  " + text("summary-issues", lang, errors=summary.errors, warnings=summary.warnings),
        "  " + text("summary-completion", lang, completion=percent(summary.completion, lang)),
        "  "
        + text(
            "summary-score",
            lang,
            total=number(summary.total, lang),
            pengungkit=number(summary.pengungkit, lang),
            hasil=number(summary.hasil, lang),
            predikat=summary.predikat or text("predikat-none", lang),
        ),
    ]
    lines += ["  " + line for line in failed_lines(failed, lang)]
    return lines


def _month(period: str, lang: str) -> str:
    found = folder_period(period)
    return found.label(lang) if found is not None else period


def changes_lines(changes: Changes, lang: str = "id") -> list[str]:
    """What changed between two months, as lines: a title, then each kind of change with its
    count and its items."""
    after = _month(changes.period, lang)
    if not changes.previous:
        lines = [text("cmp-first", lang, after=after)]
    else:
        lines = [text("cmp-title", lang, before=_month(changes.previous, lang), after=after)]
        lines.append(text("cmp-done", lang, count=len(changes.newly_done)))
        lines += [f"  {n.row_id} {_safe(n.indicator)}" for n in changes.newly_done]
        lines.append(text("cmp-back", lang, count=len(changes.regressions)))
        lines += [
            f"  {_safe(g.unit)} {g.row_id} {text(f'cmp-kind-{g.kind}', lang)}: "
            f"{_safe(g.before)} → {_safe(g.after) or text('cmp-removed', lang)}"
            for g in changes.regressions
        ]
        lines.append(text("cmp-unchanged", lang, count=len(changes.unchanged)))
        lines += [
            f"  {_safe(u.unit)}: "
            + text("cmp-unchanged-item", lang, rows=u.rows, untouched=u.untouched)
            for u in changes.unchanged
        ]
    lines.append(text("cmp-silent", lang, count=len(changes.silent)))
    lines += [
        f"  {_safe(s.unit)}: "
        + text("cmp-silent-item", lang, months=s.months, since=_month(s.since, lang))
        for s in changes.silent
    ]
    return lines


def _step_line(n: int, step: Step | Change, model: LkeModel, lang: str) -> str:
    before, after = describe(step, model, lang)
    line = f"{n}. " + text(
        "priorities-step", lang, question=step.question, before=_safe(before),
        after=_safe(after), gain=number(step.gain, lang),
    )  # fmt: skip
    if isinstance(step, Change) and step.steps > 1:
        line += " " + text("priorities-steps", lang, count=step.steps)
    if step.units:
        line += "  [" + text("priorities-units", lang, units=_safe(", ".join(step.units))) + "]"
    if step.missing:
        shown = _safe("; ".join(step.missing[:3]) + ("; …" if len(step.missing) > 3 else ""))
        line += "  " + text("priorities-missing", lang, missing=shown)
    return line


def _limited(steps: Sequence[Step | Change], limit: int) -> tuple[Sequence[Step | Change], int]:
    if limit <= 0 or len(steps) <= limit:
        return steps, 0
    return steps[:limit], len(steps) - limit


def priorities_lines(
    found: Priorities, model: LkeModel, lang: str = "id", limit: int = 10
) -> list[str]:
    """The path to the next predikat as text: per failed minimum its set of improvements, then
    the ranked improvements; at most ``limit`` steps per list (0: all)."""
    if found.predikat is None:
        return [text("priorities-reached", lang)]
    lines = [
        text("priorities-title", lang, predikat=found.predikat, total=number(found.total, lang))
    ]
    if found.unanswered:
        lines.append("  " + text("priorities-unanswered", lang, count=len(found.unanswered)))
    for c in found.clearances:
        head = text(
            "priorities-check", lang, name=c.check.name, actual=number(c.check.actual, lang),
            required=number(c.check.required, lang), shortfall=number(c.shortfall, lang),
        )  # fmt: skip
        if not c.reachable:
            how = text("priorities-unreachable", lang, after=number(c.after, lang))
        elif c.exact:
            how = text("priorities-exact", lang, count=len(c.steps))
        else:
            how = text("priorities-bound", lang, count=len(c.steps), bound=c.lower_bound)
        lines.append(f"  {head} — {how}")
        shown, more = _limited(c.changes, limit)
        lines += ["    " + _step_line(n, s, model, lang) for n, s in enumerate(shown, 1)]
        if more:
            lines.append("    " + text("priorities-more", lang, count=more))
    lines.append(text("priorities-ranked", lang))
    shown, more = _limited(found.improvements, limit)
    lines += ["  " + _step_line(n, s, model, lang) for n, s in enumerate(shown, 1)]
    if more:
        lines.append("  " + text("priorities-more", lang, count=more))
    return lines
