"""The path to WBK ("Prioritas Perbaikan"): which improvements of the LKE answers add most, and
for each failed minimum the smallest set of improvements that clears it.

Owns the improvements (``Step``: one LKE question to its next better answer; a ratio item's
Jumlah numbers raised to 100 %; a survey value raised by one notch, 0.1 on a 0–4 scale and 5
on a 0–100 scale), their ranking, and the search (``Clearance``). Pure over ``lke.LkeModel``
and ``score.score``; knows no workbook. docs/scoring.md explains it; in short:

- A step's gain is counted with unanswered questions as 0 (the strict semantics, the sheet's
  "Nilai (kosong = 0)"). Gains then add up: a sub-area is SUM(values) / items × bobot.
- For each failed minimum the search finds the fewest steps whose gains cover the shortfall
  (a dynamic programme over each question's ladder of steps: a step needs the ones before it
  on its question). Official values are never below strict ones, so the set always clears the
  official minimum; ``score()`` confirms it.
- It is **exact** (no smaller set of the candidate steps clears the minimum) when every
  question under the minimum is answered, where strict and official values agree. Otherwise
  the set is trimmed greedily against the official score and a lower bound is given.
- Survey values are results, not actions: they are candidates only for the minimums of their
  own hasil component and input.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from rkt_excel.lke import Item, LkeModel, Question
from rkt_excel.score import PREDIKATS, RULE_AREA, Check, Scores, ratio_value, score
from rkt_excel.texts import number

if TYPE_CHECKING:  # only for for_consolidation's annotation
    from rkt_excel.consolidate import Consolidation

OPTION, RATIO, SURVEY = "option", "ratio", "survey"
_DECIMALS = 6  # checks compare ROUND(actual, 6) >= required (score.py)
PRUNE_LIMIT = 400  # score() calls the greedy trimming may spend on one minimum


@dataclass(frozen=True)
class Step:
    """One improvement: question ``question`` from ``before`` to ``after``.

    ``kind`` is OPTION (``after`` is the next better option), RATIO (``after`` maps every
    Jumlah input of the ratio item to the number that makes it 100 %) or SURVEY (``after``
    is the raised value). ``n`` is the step's place on its question's ladder (1 = the first).
    ``cell`` is the sub-area (or hasil input) it changes; ``gain`` the points it adds there,
    and so to every total above it (strict semantics).
    """

    question: str
    kind: str
    n: int
    before: Any
    after: Any
    cell: str
    gain: float
    units: tuple[str, ...] = ()  # the units answering for the question
    missing: tuple[str, ...] = ()  # BUKTI FISIK still missing for it ("SK Tim (TU)")


@dataclass(frozen=True)
class Change:
    """A question's steps in a set, read together: from the first step's ``before`` to the
    last step's ``after``; ``steps`` is how many, ``gain`` their sum."""

    question: str
    kind: str
    before: Any
    after: Any
    gain: float
    steps: int
    units: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def changes(steps: Iterable[Step]) -> tuple[Change, ...]:
    """``steps`` grouped by question, the largest gain first (then the question id)."""
    by_question: dict[str, list[Step]] = {}
    for step in sorted(steps, key=lambda s: (s.question, s.n)):
        by_question.setdefault(step.question, []).append(step)
    found = [
        Change(q, lad[0].kind, lad[0].before, lad[-1].after, sum(s.gain for s in lad), len(lad),
               lad[0].units, lad[0].missing)
        for q, lad in by_question.items()
    ]  # fmt: skip
    return tuple(sorted(found, key=lambda c: (-round(c.gain, 9), c.question)))


@dataclass(frozen=True)
class Clearance:
    """The smallest set of steps found that clears one failed minimum.

    ``shortfall`` is required − actual (official). ``steps`` clear it when ``reachable``; when
    not, they are every candidate and still fall short. ``exact``: no smaller set of
    ``candidates`` clears it; otherwise at least ``lower_bound`` steps are needed.
    """

    check: Check
    shortfall: float
    steps: tuple[Step, ...]
    candidates: tuple[Step, ...]
    reachable: bool
    exact: bool
    lower_bound: int
    after: float  # the official value of the target once ``steps`` are applied

    @property
    def gain(self) -> float:
        return sum(s.gain for s in self.steps)

    @property
    def changes(self) -> tuple[Change, ...]:
        """The steps grouped by question (``changes``)."""
        return changes(self.steps)


@dataclass(frozen=True)
class Priorities:
    """The ranked improvements and, for the predikat aimed for, each failed minimum's set."""

    model_id: str
    predikat: str | None  # the predikat aimed for (None: WBBM is already reached)
    total: float
    improvements: tuple[Step, ...]  # the first step of every question, best gain first
    clearances: tuple[Clearance, ...]
    unanswered: tuple[str, ...] = field(default=())  # questions with no valid answer

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""

        def step(s: Step) -> dict[str, Any]:
            return {
                "question": s.question,
                "kind": s.kind,
                "n": s.n,
                "before": s.before,
                "after": s.after,
                "cell": s.cell,
                "gain": s.gain,
                "units": list(s.units),
                "missing": list(s.missing),
            }

        return {
            "model": self.model_id,
            "predikat": self.predikat,
            "total": self.total,
            "unanswered": list(self.unanswered),
            "improvements": [step(s) for s in self.improvements],
            "clearances": [
                {
                    "check": c.check.id,
                    "name": c.check.name,
                    "required": c.check.required,
                    "actual": c.check.actual,
                    "shortfall": c.shortfall,
                    "after": c.after,
                    "reachable": c.reachable,
                    "exact": c.exact,
                    "lower_bound": c.lower_bound,
                    "gain": c.gain,
                    "steps": [step(s) for s in c.steps],
                }
                for c in self.clearances
            ],
        }


# --- the steps ------------------------------------------------------------------------------


def _levels(model: LkeModel) -> dict[str, frozenset[str]]:
    """Cell (sub-area id or hasil input id) -> every level id whose value it is part of."""
    out: dict[str, frozenset[str]] = {}
    numbers = {a.id: a.number for a in model.areas}
    for sub in model.sub_areas:
        ids = {sub.id, sub.area, "pengungkit", "total"}
        if sub.half:
            ids |= {sub.half, f"{sub.half}.{numbers[sub.area]}"}
        out[sub.id] = frozenset(ids)
    for comp in model.hasil:
        for qid in comp.items:
            out[qid] = frozenset({qid, comp.id, "hasil", "total"})
    return out


def full_inputs(item: Item, numbers: Mapping[str, float]) -> dict[str, float]:
    """The Jumlah inputs of a ratio item raised so that it scores 100 %: the numbers given are
    kept where they can be, a missing one is 0; "share" raises the numerator to the
    denominator (a zero denominator becomes the numerator, at least 1), "decrease" brings this
    year's count to 0."""
    out = {q: float(numbers.get(q, 0.0)) for q in item.inputs}
    if item.rule == "decrease":
        out[item.current] = 0.0
        return out
    den = sum(out[q] for q in item.denominator)
    if den <= 0:  # 0 of 0 counts 0: the denominator must be the count done (at least 1)
        out[item.denominator[0]] = den = max(1.0, sum(out[q] for q in item.numerator))
    short = den - sum(out[q] for q in item.numerator)
    if short > 0:
        out[item.numerator[0]] += short
    return out


def _notch(question: Question) -> float:
    """How far a survey value rises in one step: 0.1 on a scale up to 10, else 5."""
    return 0.1 if (question.maximum or 0.0) <= 10 else 5.0


def _ladders(model: LkeModel, scores: Scores) -> list[list[Step]]:
    """Every question's steps, in model order: a ladder per option item, ratio item and hasil
    input that can still improve."""
    answers = scores.answers
    numbers = {q: v for q, v in answers.items() if isinstance(v, float)}
    ladders: list[list[Step]] = []
    for sub in model.sub_areas:
        share = sub.weight / len(sub.items)
        for item_id in sub.items:
            item = model.items[item_id]
            current = scores.items[item_id]
            value = 0.0 if current is None else current
            if item.is_ratio:
                if value < 1.0:
                    before = {q: numbers.get(q) for q in item.inputs}
                    after = full_inputs(item, numbers)
                    gain = (1.0 - value) * share
                    ladders.append([Step(item_id, RATIO, 1, before, after, sub.id, gain)])
                continue
            question = model.questions[item_id]
            ladders.append(_option_ladder(question, answers.get(item_id), sub.id, share))
    for comp in model.hasil:
        for qid in comp.items:
            question = model.questions[qid]
            answer = answers.get(qid)
            if question.is_option:
                ladders.append(_option_ladder(question, answer, qid, question.weight))
                continue
            top = question.maximum or 0.0
            x = float(answer) if isinstance(answer, float) else 0.0
            notch = _notch(question)
            steps: list[Step] = []
            while x < top - 1e-9:
                nxt = min(top, (math.floor(round(x / notch, 9)) + 1) * notch)
                nxt = round(nxt, 6)
                gain = (nxt - x) / top * question.weight
                steps.append(Step(qid, SURVEY, len(steps) + 1, round(x, 6), nxt, qid, gain))
                x = nxt
            ladders.append(steps)
    return [lad for lad in ladders if lad]


def _option_ladder(question: Question, answer: Any, cell: str, share: float) -> list[Step]:
    """The steps of an option question, each to the next better option; unanswered counts as
    the lowest option."""
    pairs = sorted(zip(question.values, question.options, strict=True))
    current = question.value_of(answer)
    value = min(question.values) if current is None else current
    before: Any = answer if current is not None else None
    steps: list[Step] = []
    for v, option in pairs:
        if v > value + 1e-12:
            steps.append(
                Step(question.id, OPTION, len(steps) + 1, before, option, cell, (v - value) * share)
            )
            before, value = option, v
    return steps


def apply_steps(
    model: LkeModel, answers: Mapping[str, Any], steps: Iterable[Step]
) -> dict[str, Any]:
    """``answers`` with ``steps`` applied (each question's steps in ladder order)."""
    out = dict(answers)
    for step in sorted(steps, key=lambda s: (s.question, s.n)):
        if step.kind == RATIO:
            out.update(step.after)
        else:
            out[step.question] = step.after
    return out


# --- the search -------------------------------------------------------------------------------


def _fewest(
    ladders: Sequence[Sequence[float]], enough: Callable[[float], bool]
) -> list[int] | None:
    """Prefix lengths (one per ladder) with the fewest steps whose gain is ``enough``; among
    those the largest gain. None when even every step is not enough."""
    total = sum(len(lad) for lad in ladders)
    neg = float("-inf")
    best = [0.0] + [neg] * total
    picks: list[list[int]] = []
    reach = 0
    for lad in ladders:
        prefix = [0.0, *accumulate(lad)]
        reach += len(lad)
        new = [neg] * (total + 1)
        pick = [0] * (total + 1)
        for k in range(reach + 1):
            for length in range(min(len(lad), k) + 1):
                base = best[k - length]
                if base == neg:
                    continue
                gain = base + prefix[length]
                if gain > new[k] + 1e-12:
                    new[k], pick[k] = gain, length
        best = new
        picks.append(pick)
    found = next((k for k in range(total + 1) if best[k] != neg and enough(best[k])), None)
    if found is None:
        return None
    k = found
    lengths = [0] * len(ladders)
    for j in range(len(ladders) - 1, -1, -1):
        lengths[j] = picks[j][k]
        k -= lengths[j]
    return lengths


def _passes(model: LkeModel, answers: Mapping[str, Any], check: Check) -> tuple[bool, float]:
    after = score(model, answers)
    found = next(c for c in after.checks if c.id == check.id)
    return found.passed, found.actual


def _lower_bound(
    model: LkeModel, scores: Scores, candidates: Sequence[Step], shortfall: float
) -> int:
    """At least this many steps are needed under the official semantics: no step raises its
    cell above the cell's bobot, and k steps touch at most k cells."""
    room: dict[str, float] = {}
    weights = {s.id: s.weight for s in model.sub_areas}
    weights.update({q: model.questions[q].weight for c in model.hasil for q in c.items})
    values = {**scores.official.sub_areas, **scores.official.hasil_items}
    for step in candidates:
        room[step.cell] = max(0.0, weights[step.cell] - values[step.cell])
    covered, k = 0.0, 0
    for r in sorted(room.values(), reverse=True):
        if round(covered, _DECIMALS) >= round(shortfall, _DECIMALS):
            break
        covered, k = covered + r, k + 1
    return max(1, k)


def _clear(
    model: LkeModel,
    scores: Scores,
    check: Check,
    ladders: Sequence[Sequence[Step]],
    levels: Mapping[str, frozenset[str]],
) -> Clearance:
    target = check.target
    hasil_target = target in {c.id for c in model.hasil} | {q for c in model.hasil for q in c.items}
    pool = [
        lad
        for lad in ladders
        if target in levels[lad[0].cell] and (lad[0].kind != SURVEY or hasil_target)
    ]
    candidates = tuple(s for lad in pool for s in lad)
    strict = scores.strict.value(target)
    required = check.required

    def enough(gain: float) -> bool:
        return round(strict + gain, _DECIMALS) >= required

    shortfall = required - check.actual
    lengths = _fewest([[s.gain for s in lad] for lad in pool], enough)
    if lengths is None:
        after = score(model, apply_steps(model, scores.answers, candidates)).official.value(target)
        return Clearance(
            check, shortfall, candidates, candidates, False, False, len(candidates), after
        )
    chosen = [s for lad, n in zip(pool, lengths, strict=True) for s in lad[:n]]
    under = {s.id for s in model.sub_areas if target in levels[s.id]}
    exact = all(
        scores.items[i] is not None for s in model.sub_areas if s.id in under for i in s.items
    )
    if not exact:
        chosen = _trim(model, scores, check, chosen)
    passed, after = _passes(model, apply_steps(model, scores.answers, chosen), check)
    if not passed:  # only float noise at a boundary could do it (official >= strict)
        return _fill(model, scores, check, chosen, candidates, shortfall)
    bound = (
        len(chosen)
        if exact
        else min(len(chosen), _lower_bound(model, scores, candidates, shortfall))
    )
    return Clearance(check, shortfall, tuple(chosen), candidates, True, exact, bound, after)


def _fill(
    model: LkeModel,
    scores: Scores,
    check: Check,
    chosen: list[Step],
    candidates: Sequence[Step],
    shortfall: float,
) -> Clearance:
    """Add the next steps, largest gain first, until the minimum passes (not exact)."""
    steps = list(chosen)
    after = check.actual
    for step in sorted((s for s in candidates if s not in steps), key=lambda s: (-s.gain, s.n)):
        steps.append(step)
        passed, after = _passes(model, apply_steps(model, scores.answers, steps), check)
        if passed:
            return Clearance(
                check, shortfall, tuple(steps), tuple(candidates), True, False, 1, after
            )
    return Clearance(
        check, shortfall, tuple(steps), tuple(candidates), False, False, len(steps), after
    )


def _trim(model: LkeModel, scores: Scores, check: Check, chosen: list[Step]) -> list[Step]:
    """Drop steps (the last of a question's, smallest gain first) while the official minimum
    still passes: unanswered questions drop out of the official averages, so fewer may do."""
    steps = list(chosen)
    budget = PRUNE_LIMIT
    changed = True
    while changed and budget > 0:
        changed = False
        last: dict[str, Step] = {}
        for s in steps:
            if s.n >= last.get(s.question, s).n:
                last[s.question] = s
        for step in sorted(last.values(), key=lambda s: (s.gain, s.question)):
            if budget <= 0:
                break
            budget -= 1
            rest = [s for s in steps if s is not step]
            if _passes(model, apply_steps(model, scores.answers, rest), check)[0]:
                steps, changed = rest, True
                break
    return steps


def _with_context(
    step: Step, owners: Mapping[str, Sequence[str]], missing: Mapping[str, Sequence[str]]
) -> Step:
    return Step(
        step.question,
        step.kind,
        step.n,
        step.before,
        step.after,
        step.cell,
        step.gain,
        tuple(owners.get(step.question, ())),
        tuple(missing.get(step.question, ())),
    )


def priorities(
    model: LkeModel,
    answers: Mapping[str, Any],
    *,
    predikat: str | None = None,
    owners: Mapping[str, Sequence[str]] | None = None,
    missing: Mapping[str, Sequence[str]] | None = None,
) -> Priorities:
    """The ranked improvements of ``answers`` and, for ``predikat`` (default: the first one not
    reached), the smallest set of improvements clearing each failed minimum (area rule).

    ``owners`` and ``missing`` (LKE question or ratio item id -> unit codes, -> evidence still
    missing) are carried into each step.
    """
    scores = score(model, answers)
    if predikat is None:
        predikat = next((p for p in PREDIKATS if scores.failed(p, RULE_AREA)), None)
    ladders = _ladders(model, scores)
    levels = _levels(model)
    clearances = (
        tuple(_clear(model, scores, c, ladders, levels) for c in scores.failed(predikat))
        if predikat is not None
        else ()
    )
    order = {q: n for n, q in enumerate((*model.items, *model.questions))}
    firsts = [lad[0] for lad in ladders if lad[0].kind != SURVEY]
    ranked = sorted(firsts, key=lambda s: (-round(s.gain, 9), order.get(s.question, 0)))
    own, miss = owners or {}, missing or {}
    unanswered = tuple(
        q.id for q in model.questions.values() if q.id not in scores.answers and q.kind != "hasil"
    )
    return Priorities(
        model_id=model.id,
        predikat=predikat,
        total=scores.total,
        improvements=tuple(_with_context(s, own, miss) for s in ranked),
        clearances=tuple(
            Clearance(
                c.check,
                c.shortfall,
                tuple(_with_context(s, own, miss) for s in c.steps),
                c.candidates,
                c.reachable,
                c.exact,
                c.lower_bound,
                c.after,
            )
            for c in clearances
        ),
        unanswered=unanswered,
    )


_NOT_ANSWERED = {"id": "(belum dijawab)", "en": "(not answered)"}


def describe(step: Step | Change, model: LkeModel, lang: str = "id") -> tuple[str, str]:
    """(before, after) of a step as people read them: options as letters, a ratio item as its
    percentage with the Jumlah inputs to change, a survey value as a number."""
    blank = _NOT_ANSWERED["en" if lang == "en" else "id"]
    if step.kind == OPTION:
        return (blank if step.before is None else str(step.before)), str(step.after)
    if step.kind == SURVEY:
        return number(step.before, lang, 2), number(step.after, lang, 2)
    given = {q: v for q, v in step.before.items() if v is not None}
    value = ratio_value(model.items[step.question], given)
    before = blank if value is None else f"{number(100 * value, lang, 0)}%"
    changed = [
        f"{q} {number(v, lang, 0)}" for q, v in step.after.items() if step.before.get(q) != v
    ]
    return before, "100%" + (f" ({'; '.join(changed)})" if changed else "")


def for_consolidation(c: Consolidation, predikat: str | None = None) -> Priorities:
    """``priorities`` of a consolidation's combined answers, with the units answering for each
    question and the BUKTI FISIK still missing (from its evidence report)."""
    missing: dict[str, list[str]] = {}
    for qid, pairs in c.evidence_report.missing_by_question().items():
        key = c.model.questions[qid].item if qid in c.model.questions else qid
        for unit, item in pairs:
            shown = f"{' '.join(item.split())} ({unit})"
            missing.setdefault(qid, []).append(shown)
            if key != qid:
                missing.setdefault(key, []).append(shown)
    unique = {q: list(dict.fromkeys(v)) for q, v in missing.items()}
    return priorities(c.model, c.answers, predikat=predikat, owners=c.owners, missing=unique)


__all__ = [
    "OPTION",
    "RATIO",
    "SURVEY",
    "Change",
    "Clearance",
    "Priorities",
    "Step",
    "apply_steps",
    "changes",
    "describe",
    "for_consolidation",
    "full_inputs",
    "priorities",
]
