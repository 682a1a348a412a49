"""The combination rules: many units' statuses into one per indicator, many units' answers
into one per LKE question (docs/recap.md).

Owns ``combine_status``, ``combine_answers``, the LKE answers with their evidence, and who
answers for each LKE question (``lke_owners``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rkt_excel.consolidate.intake import Intake, cell_raw
from rkt_excel.consolidate.model import (
    BELUM,
    DALAM_PROSES,
    NOT_REPORTED,
    SELESAI,
    TIDAK_RELEVAN,
    Aggregate,
    Evidence,
)
from rkt_excel.lke import LkeModel, Question
from rkt_excel.template import Plan


def combine_status(statuses: Iterable[str | None]) -> str:
    """Combine the statuses of the units assigned to an indicator (None = nothing valid given).

    Units that say Tidak Relevan are left out; the indicator is Selesai only when every other
    assigned unit says Selesai, Dalam Proses when at least one has started (Selesai or Dalam
    Proses), Belum when at least one says Belum, else Belum Dilaporkan. With no unit assigned it
    is Belum Dilaporkan; when all say Tidak Relevan, Tidak Relevan.
    """
    given = list(statuses)
    if not given:
        return NOT_REPORTED
    relevant = [s for s in given if s != TIDAK_RELEVAN]
    if not relevant:
        return TIDAK_RELEVAN
    if all(s == SELESAI for s in relevant):
        return SELESAI
    if any(s in (SELESAI, DALAM_PROSES) for s in relevant):
        return DALAM_PROSES
    if any(s == BELUM for s in relevant):
        return BELUM
    return NOT_REPORTED


def combine_answers(question: Question, answers: Sequence[Any], aggregate: Aggregate) -> Any:
    """Combine the valid answers of several units to one LKE question.

    ``min``: the answer with the lowest value (the weakest answer counts; for a number, the
    smallest number). ``mean``: the mean of the values; for a question with options it is mapped
    back to the option whose value is nearest (a tie goes to the weaker option), for a number
    (Jumlah count, survey value) the mean itself is kept. Answers invalid for the question are
    ignored; None when nothing valid is left.
    """
    valued: list[tuple[str | float, float]] = []
    for answer in answers:
        canonical = question.normalize(answer)
        value = question.value_of(canonical)
        if canonical is not None and value is not None:
            valued.append((canonical, value))
    if not valued:
        return None
    if aggregate == "min":
        return min(valued, key=lambda av: av[1])[0]
    mean = sum(v for _, v in valued) / len(valued)
    if not question.is_option:
        return mean
    return min(
        zip(question.options, question.values, strict=True),
        # Rounded so a tie stays a tie despite float noise (0.67 vs 0.33 around 0.5).
        key=lambda ov: (round(abs(ov[1] - mean), 9), ov[1]),
    )[0]


def lke_answers(
    plan: Plan, model: LkeModel, intake: Intake, aggregate: Aggregate
) -> tuple[dict[str, Any], dict[str, tuple[Evidence, ...]]]:
    """Combine the units' answers per LKE question over its linked indicators."""
    given: dict[str, list[Any]] = {}
    evidence: dict[str, list[Evidence]] = {}
    for _, _, ind in plan.indicators():
        if ind.lke is None:
            continue
        for unit_code in intake.assigned.get(ind.id, []):
            form = intake.form_by_unit.get(unit_code)
            if form is None or ind.id not in form.rows:
                continue
            jawaban = form.rows[ind.id].fields.get("jawaban")
            bukti = form.rows[ind.id].fields.get("bukti_dukung")
            if jawaban is not None and jawaban.value is not None:
                given.setdefault(ind.lke, []).append(jawaban.value)
            typed = [c for c in (jawaban, bukti) if c is not None and not c.empty]
            if typed:
                evidence.setdefault(ind.lke, []).append(
                    Evidence(
                        unit_code=unit_code,
                        unit_name=intake.names.get(unit_code, ""),
                        row_id=ind.id,
                        jawaban=cell_raw(jawaban),
                        bukti_dukung=cell_raw(bukti),
                        link=bukti.link if bukti is not None else None,
                    )
                )
    answers: dict[str, Any] = {}
    for qid, values in sorted(given.items()):
        combined = combine_answers(model.question(qid), values, aggregate)
        if combined is not None:
            answers[qid] = combined
    return answers, {q: tuple(e) for q, e in sorted(evidence.items())}


def lke_owners(
    plan: Plan, model: LkeModel, assigned: Mapping[str, Sequence[str]]
) -> dict[str, tuple[str, ...]]:
    """LKE question id (and ratio item id) -> the codes of the units assigned to the
    indicators linked to it, sorted: who answers for the question."""
    found: dict[str, set[str]] = {}
    for _, _, ind in plan.indicators():
        if ind.lke is None or ind.lke not in model.questions:
            continue
        units = set(assigned.get(ind.id, ()))
        found.setdefault(ind.lke, set()).update(units)
        question = model.questions[ind.lke]
        if question.kind == "jumlah" and question.item:
            found.setdefault(question.item, set()).update(units)
    return {q: tuple(sorted(u)) for q, u in sorted(found.items())}
