"""Messages the secretariat sends: one summary for the WhatsApp group, one note per unit.

Owns what goes into them and in which order: ``group_summary`` (period, forms received and
missing, completion, the LKE estimate against WBK, the most overdue actions, the units to
chase; plain text with WhatsApp ``*bold*``, kept under MAX_SUMMARY characters) and
``unit_messages`` (for each unit missing, late or with errors: what to send or fix, sheet and
cell, by which date). Both read a recap as read back (``RecapData`` with its snapshot) and
the months before it; the date is the deadline day of the month after the recap's (the day
the workspace names). The words are texts.py's; an issue's message the catalogue's. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rkt_excel.changes import Changes, compare, history_of, period_of, silent_months
from rkt_excel.consolidate import LATE_NO_FORM, LATE_NOT_DONE, LATE_NOT_STARTED
from rkt_excel.errors import ModelError
from rkt_excel.issues import render_message
from rkt_excel.lke import load_model
from rkt_excel.periods import folder_period
from rkt_excel.snapshot import LateAction
from rkt_excel.texts import long_date, number, percent, text
from rkt_excel.workspace import DEFAULT_DEADLINE_DAY

if TYPE_CHECKING:  # the recap codec, only as a type: no spreadsheet library here
    from rkt_excel.recap.datasheet import RecapData

MAX_SUMMARY = 1000  # characters: a WhatsApp message people still read
OVERDUE_SHOWN = 3  # actions in the summary
CHASE_SHOWN = 6  # units in the summary
ITEMS_SHOWN = 5  # problems or late actions in one unit's message
INDICATOR_CHARS = 48  # an indicator's text is cut to this in messages
LATE_REASONS = {
    LATE_NOT_STARTED: "late-not-started",
    LATE_NOT_DONE: "late-not-done",
    LATE_NO_FORM: "late-no-form",
}


def reply_by(recap: RecapData, deadline_day: int) -> dt.date:
    """The date units are asked to answer by: the deadline day of the month after the
    recap's month (the day the month's returns are due)."""
    return period_of(recap).next.day(deadline_day)


def _clean(value: str) -> str:
    """Text from a plan or a form as one line of a message: control characters (a typed
    newline, a terminal escape) become spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def _cut(value: str, limit: int = INDICATOR_CHARS) -> str:
    value = _clean(value)
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _month(period: str, lang: str) -> str:
    found = folder_period(period)
    return found.label(lang) if found is not None else period


def wbk_minimum(regulation: str) -> float | None:
    """The total score WBK needs in a regulation's model."""
    try:
        model = load_model(regulation)
    except ModelError:
        return None
    found = [t.minimum for t in model.thresholds if t.predikat == "WBK" and t.target == "total"]
    return found[0] if found and found[0] is not None else None


def _overdue(late: Sequence[LateAction]) -> list[tuple[str, str, list[str], str]]:
    """(row id, indicator, units, due) of the late actions other than "no form", oldest due
    first, then the most units."""
    groups: dict[str, tuple[str, list[str], str]] = {}
    for a in late:
        if a.reason == LATE_NO_FORM:
            continue
        indicator, units, due = groups.get(a.row_id, (a.indicator, [], a.due))
        units.append(a.unit)
        groups[a.row_id] = (indicator, units, min(due, a.due))
    found = [(row_id, ind, units, due) for row_id, (ind, units, due) in groups.items()]
    return sorted(found, key=lambda g: (g[3], -len(g[2]), g[0]))


def _chase(recap: RecapData, months: Sequence[RecapData], changes: Changes, lang: str) -> list[str]:
    """The units to chase, each with why ("WASDAKIM (2 bulan tidak mengirim)")."""
    unchanged = {u.unit for u in changes.unchanged}
    out: list[tuple[int, str]] = []
    for unit in recap.snapshot.units:
        reasons = []
        if not unit.sent:
            silent = silent_months(unit.code, months)
            reasons.append(
                text("chase-silent", lang, months=silent) if silent > 1
                else text("chase-missing", lang)
            )  # fmt: skip
        else:
            if unit.late:
                reasons.append(text("chase-late", lang, count=unit.late))
            if unit.errors:
                reasons.append(text("chase-errors", lang, count=unit.errors))
            if unit.code in unchanged:
                reasons.append(text("chase-unchanged", lang))
        if reasons:
            rank = 0 if not unit.sent else 1
            out.append(
                (
                    rank * 10_000 - unit.late - unit.errors,
                    f"{_clean(unit.code)} ({', '.join(reasons)})",
                )
            )
    return [line for _, line in sorted(out)]


def group_summary(
    recap: RecapData,
    history: Sequence[RecapData] = (),
    *,
    deadline_day: int = DEFAULT_DEADLINE_DAY,
    by: dt.date | None = None,
    lang: str = "id",
) -> str:
    """The month's summary for the WhatsApp group (under MAX_SUMMARY characters)."""
    changes = compare(recap, history)
    months = history_of(recap, history)
    snap = recap.snapshot
    sent = sum(1 for u in snap.units if u.sent) if snap.units else recap.forms_accepted
    expected = len(snap.units) or recap.units_expected
    head = [
        text("wa-title", lang, period=period_of(recap).label(lang)),
        text("wa-office", lang, office=_clean(recap.office), as_of=long_date(recap.as_of, lang)),
        "",
        text("wa-forms", lang, sent=sent, expected=expected),
    ]
    if recap.units_missing:
        head.append(text("wa-missing", lang, units=_clean(", ".join(recap.units_missing))))
    if recap.forms_rejected:
        head.append(text("wa-rejected", lang, count=recap.forms_rejected))
    completion = text("wa-completion", lang, value=percent(recap.completion, lang))
    if len(months) > 1:
        before = months[-2]
        completion += text("wa-before", lang, month=period_of(before).label(lang),
                           value=percent(before.completion, lang))  # fmt: skip
    head.append(completion)
    wbk = wbk_minimum(recap.regulation)
    total = number(recap.total, lang)
    if wbk is None or recap.total is None:
        head.append(text("wa-score", lang, total=total))
    elif recap.total >= wbk:
        head.append(text("wa-score-ok", lang, total=total, wbk=number(wbk, lang)))
    else:
        head.append(text("wa-score-short", lang, total=total, wbk=number(wbk, lang),
                         gap=number(wbk - recap.total, lang)))  # fmt: skip
    if changes.previous:
        head.append(text("wa-changes", lang, done=len(changes.newly_done),
                         back=len(changes.regressions)))  # fmt: skip
    overdue = [
        text("wa-overdue-item", lang, n=n, row_id=row_id, indicator=_cut(ind),
             units=_clean(", ".join(units)), due=_month(due, lang))
        for n, (row_id, ind, units, due) in enumerate(_overdue(snap.late)[:OVERDUE_SHOWN], 1)
    ]  # fmt: skip
    chase = _chase(recap, months, changes, lang)[:CHASE_SHOWN]
    deadline = by or reply_by(recap, deadline_day)
    tail = [text("wa-deadline", lang, date=long_date(deadline, lang))]

    def build(overdue: list[str], chase: list[str]) -> str:
        lines = list(head)
        if overdue:
            lines += ["", text("wa-overdue", lang), *overdue]
        if chase:
            lines += ["", text("wa-chase", lang), *(f"- {c}" for c in chase)]
        return "\n".join([*lines, "", *tail])

    message = build(overdue, chase)
    while len(message) >= MAX_SUMMARY and (overdue or chase):
        if len(overdue) > 1 or not chase:
            overdue = overdue[:-1]
        else:
            chase = chase[:-1]
        message = build(overdue, chase)
    return message


@dataclass(frozen=True)
class UnitMessage:
    """One unit's message and why it gets one."""

    unit: str
    unit_name: str
    reasons: tuple[str, ...]  # "missing", "late", "errors"
    text: str


def unit_messages(
    recap: RecapData,
    history: Sequence[RecapData] = (),
    *,
    deadline_day: int = DEFAULT_DEADLINE_DAY,
    by: dt.date | None = None,
    lang: str = "id",
) -> list[UnitMessage]:
    """One message for each unit that is missing, late or has errors, by unit code."""
    changes = compare(recap, history)
    months = history_of(recap, history)
    unchanged = {u.unit for u in changes.unchanged}
    period = period_of(recap).label(lang)
    date = long_date(by or reply_by(recap, deadline_day), lang)
    snap = recap.snapshot
    out: list[UnitMessage] = []
    for unit in sorted(snap.units, key=lambda u: u.code):
        late = [a for a in snap.late if a.unit == unit.code and a.reason != LATE_NO_FORM]
        errors = [p for p in snap.problems if p.unit == unit.code and p.severity == "error"]
        reasons: list[str] = []
        name, code = _clean(unit.name or unit.code), _clean(unit.code)
        lines = [text("msg-greeting", lang, name=name, code=code), ""]
        if not unit.sent:
            reasons.append("missing")
            silent = silent_months(unit.code, months)
            key = "msg-silent" if silent > 1 else "msg-missing"
            lines.append(text(key, lang, period=period, months=silent, date=date))
        else:
            lines.append(text("msg-received", lang, period=period))
            if errors:
                reasons.append("errors")
                lines.append(text("msg-errors", lang, date=date))
                for p in errors[:ITEMS_SHOWN]:
                    where = text("msg-where", lang, sheet=p.sheet, cell=p.cell) if p.cell else (
                        text("msg-sheet", lang, sheet=p.sheet) if p.sheet else ""
                    )  # fmt: skip
                    row = f" ({p.row_id})" if p.row_id else ""
                    message = _clean(render_message(p.code, p.params, lang))
                    lines.append(f"- {where}{row}: {message}")
                if len(errors) > ITEMS_SHOWN:
                    lines.append(text("msg-more", lang, count=len(errors) - ITEMS_SHOWN))
            if late:
                reasons.append("late")
                lines += ["", text("msg-late", lang, date=date)]
                for a in sorted(late, key=lambda a: (a.due, a.row_id))[:ITEMS_SHOWN]:
                    lines.append(text("msg-late-item", lang, row_id=a.row_id,
                                      indicator=_cut(a.indicator), due=_month(a.due, lang),
                                      reason=text(LATE_REASONS.get(a.reason, "late-not-done"),
                                                  lang)))  # fmt: skip
                if len(late) > ITEMS_SHOWN:
                    lines.append(text("msg-more", lang, count=len(late) - ITEMS_SHOWN))
            if unit.code in unchanged and reasons:
                lines += ["", text("msg-unchanged", lang)]
        if not reasons:
            continue
        lines += [
            "",
            text("msg-thanks", lang),
            text("msg-signature", lang, office=_clean(recap.office)),
        ]
        out.append(UnitMessage(unit.code, unit.name, tuple(reasons), "\n".join(lines)))
    return out


__all__ = [
    "MAX_SUMMARY",
    "UnitMessage",
    "group_summary",
    "reply_by",
    "unit_messages",
    "wbk_minimum",
]
