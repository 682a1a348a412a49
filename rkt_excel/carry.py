"""Carrying answers over: what each unit's next form is prefilled with.

Owns the rule: a unit's form carries the answers of the latest recap (of the same plan id) in
which the unit sent a form, only values still valid for the plan (a known status, a Capaian
0-100, an LKE answer its question accepts), only rows the plan still has. A recap of another
plan (last year's reference after a rollover) carries nothing: a new year's actions start
empty. ``generate.distribute_forms(carried=...)`` writes them and records their digest, so the
reader tells untouched rows from updated ones. Pure: no spreadsheet library, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rkt_excel.errors import ModelError
from rkt_excel.layout import STATUS_VALUES
from rkt_excel.lke import LkeModel, load_model
from rkt_excel.periods import Period
from rkt_excel.snapshot import CellState
from rkt_excel.template import Plan

if TYPE_CHECKING:  # the recap codec, only as a type: no spreadsheet library here
    from rkt_excel.recap.datasheet import RecapData

Answers = dict[str, dict[str, Any]]  # row id -> field key -> value


def _valid(plan: Plan, model: LkeModel | None, cell: CellState) -> dict[str, Any]:
    values = {k: v for k, v in cell.values().items() if v is not None}
    if values.get("status") not in STATUS_VALUES:
        values.pop("status", None)
    capaian = values.get("capaian")
    if capaian is not None and not 0 <= capaian <= 100:
        values.pop("capaian")
    if "jawaban" in values:
        lke = plan.indicator(cell.row_id).lke
        question = model.question(lke) if model and lke and model.has_question(lke) else None
        answer = question.normalize(values["jawaban"]) if question is not None else None
        if answer is None:
            values.pop("jawaban")
        else:
            values["jawaban"] = answer
    return values


def carried_answers(plan: Plan, recaps: Sequence[RecapData]) -> dict[str, tuple[str, Answers]]:
    """Unit code -> (the month carried from, "2019-07"; its answers) from ``recaps``."""
    try:
        model: LkeModel | None = load_model(plan.regulation)
    except ModelError:
        model = None
    out: dict[str, tuple[str, Answers]] = {}
    for recap in sorted(recaps, key=lambda r: r.as_of, reverse=True):
        if recap.plan_id != plan.id:
            continue
        month = str(Period.of(recap.as_of))
        for unit in recap.snapshot.units:
            if not unit.sent or unit.code in out:
                continue
            answers: Answers = {}
            for row_id, cell in recap.snapshot.cells_of(unit.code).items():
                if row_id in plan.index and (values := _valid(plan, model, cell)):
                    answers[row_id] = values
            out[unit.code] = (month, answers)
    return out


__all__ = ["Answers", "carried_answers"]
