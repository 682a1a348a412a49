"""Score LKE answers: item values, sub-area/area/half totals, hasil, total and predikat checks.

Stage: consolidate -> score -> write. A pure function of a model and answers; no I/O. Formulas,
semantics and sources are in docs/scoring.md; lke_sheet.py writes the same numbers as formulas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rkt_excel.errors import ModelError
from rkt_excel.lke import Area, Item, LkeModel, Threshold, load_model
from rkt_excel.normalize import is_empty

PREDIKATS: tuple[str, ...] = ("WBK", "WBBM")  # lowest first; WBBM requires WBK
RULE_ALL = "all"  # a check that applies under either area rule
RULE_AREA = "area"  # per-area minimum on whole areas (Pemenuhan + Reform): the default
RULE_HALF = "half"  # per-area minimum on each half separately (alternative reading)
_DECIMALS = 6  # thresholds compare ROUND(actual, 6) >= minimum, here and in the sheet


@dataclass(frozen=True)
class Totals:
    """Every subtotal under one semantics for unanswered items.

    Keys: sub-areas by id ("P.1.i", "I.1"); area halves by "<half>.<area number>" ("P.1");
    areas by id ("I".."VI"); halves by id ("P", "R"); hasil inputs by question id ("H.IPAK");
    hasil components by id ("bersih", "pelayanan").
    """

    sub_areas: dict[str, float]
    area_halves: dict[str, float]
    areas: dict[str, float]
    halves: dict[str, float]
    pengungkit: float
    hasil_items: dict[str, float]
    hasil_components: dict[str, float]
    hasil: float
    total: float

    def value(self, key: str) -> float:
        """A subtotal by level id (as in Scores.levels()); KeyError if unknown."""
        for table in (
            self.sub_areas,
            self.area_halves,
            self.areas,
            self.halves,
            self.hasil_items,
            self.hasil_components,
        ):
            if key in table:
                return table[key]
        fixed = {"pengungkit": self.pengungkit, "hasil": self.hasil, "total": self.total}
        return fixed[key]


@dataclass(frozen=True)
class Check:
    """One threshold test: ``passed`` when ROUND(actual, 6) >= required."""

    predikat: str
    id: str  # e.g. "WBK:total", "WBK:area:I", "WBBM:half:R.5", "WBK:hasil:bersih", "WBK:H.IPAK"
    target: str  # the level id tested: "total", "I", "R.5", "bersih", "H.IPAK"...
    name: str
    rule: str  # RULE_ALL, RULE_AREA or RULE_HALF
    required: float
    actual: float
    passed: bool
    margin: float
    certainty: str
    source: str


@dataclass(frozen=True)
class Level:
    """One row of the flat score table (see Scores.levels())."""

    level: str
    id: str
    name: str
    weight: float
    value: float | None
    percent: float | None
    value_strict: float | None
    percent_strict: float | None


@dataclass(frozen=True)
class Scores:
    """The result of score(). ``official`` follows the LKE sheet (an unanswered item drops out of
    its sub-area's AVERAGE; a sub-area with no answer counts 0); ``strict`` counts every
    unanswered item as 0. Predikat and checks use the official semantics."""

    model_id: str
    answers: dict[str, str | float]  # accepted answers, canonical ("A", "Ya", 12.0)
    invalid: dict[str, str]  # question id -> the rejected answer, as text
    items: dict[str, float | None]  # item value 0..1; None = unanswered
    official: Totals
    strict: Totals
    answered: int  # answerable questions with a valid answer
    questions: int  # answerable questions in the model
    checks: tuple[Check, ...]
    predikat: str | None  # "WBBM", "WBK" or None, per-area minimum on whole areas
    predikat_by_half: str | None  # the same with the per-area minimum on each half

    @property
    def total(self) -> float:
        return self.official.total

    @property
    def pengungkit(self) -> float:
        return self.official.pengungkit

    @property
    def hasil(self) -> float:
        return self.official.hasil

    @property
    def completeness(self) -> float:
        """Answered share of the answerable questions, 0..1."""
        return self.answered / self.questions if self.questions else 0.0

    def checks_for(self, predikat: str, rule: str = RULE_AREA) -> tuple[Check, ...]:
        """The checks deciding ``predikat`` under ``rule`` (RULE_AREA or RULE_HALF)."""
        return tuple(
            c for c in self.checks if c.predikat == predikat and c.rule in (RULE_ALL, rule)
        )

    def failed(self, predikat: str, rule: str = RULE_AREA) -> tuple[Check, ...]:
        return tuple(c for c in self.checks_for(predikat, rule) if not c.passed)

    def levels(self) -> list[Level]:
        """A flat table, in sheet order: total, pengungkit, halves, area halves, sub-areas,
        items, areas, hasil, hasil components and inputs. Easy to put in a DataFrame."""
        model = load_model(self.model_id)
        rows: list[Level] = []

        def add(
            level: str, key: str, name: str, weight: float, off: float | None, strict: float | None
        ) -> None:
            def share(value: float | None) -> float | None:
                return None if value is None or not weight else value / weight

            rows.append(Level(level, key, name, weight, off, share(off), strict, share(strict)))

        o, s = self.official, self.strict
        add("total", "total", "Nilai Evaluasi Zona Integritas", 100.0, o.total, s.total)
        add(
            "pengungkit",
            "pengungkit",
            "Komponen Pengungkit",
            model.pengungkit_weight,
            o.pengungkit,
            s.pengungkit,
        )

        def sub_areas(area_id: str, half_id: str | None) -> None:
            for sub in model.sub_areas_of(area_id, half_id):
                add(
                    "sub_area",
                    sub.id,
                    sub.name,
                    sub.weight,
                    o.sub_areas[sub.id],
                    s.sub_areas[sub.id],
                )
                for item_id in sub.items:
                    value = self.items[item_id]
                    text = model.items[item_id].text
                    add("item", item_id, text, 1.0, value, 0.0 if value is None else value)

        def area_row(area: Area) -> None:
            add("area", area.id, area.name, area.weight, o.areas[area.id], s.areas[area.id])

        if model.halves:  # 90/2021: each half, its areas, their sub-areas; then whole areas
            for half in model.halves:
                add("half", half.id, half.name, half.weight, o.halves[half.id], s.halves[half.id])
                for area in model.areas:
                    key = f"{half.id}.{area.number}"
                    name = f"{half.name}: {area.name}"
                    weight = model.area_half_weight(area.id, half.id)
                    add("area_half", key, name, weight, o.area_halves[key], s.area_halves[key])
                    sub_areas(area.id, half.id)
            for area in model.areas:
                area_row(area)
        else:  # 52/2014: each area followed by its sub-areas
            for area in model.areas:
                area_row(area)
                sub_areas(area.id, None)
        add("hasil", "hasil", "Komponen Hasil", model.hasil_weight, o.hasil, s.hasil)
        for comp in model.hasil:
            add(
                "hasil_component",
                comp.id,
                comp.name,
                comp.weight,
                o.hasil_components[comp.id],
                s.hasil_components[comp.id],
            )
            for qid in comp.items:
                q = model.questions[qid]
                add("hasil_item", qid, q.text, q.weight, o.hasil_items[qid], s.hasil_items[qid])
        return rows

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (floats, strings, None, lists and dicts only)."""

        def totals(t: Totals) -> dict[str, Any]:
            return {
                "total": t.total,
                "pengungkit": t.pengungkit,
                "hasil": t.hasil,
                "halves": dict(t.halves),
                "areas": dict(t.areas),
                "area_halves": dict(t.area_halves),
                "sub_areas": dict(t.sub_areas),
                "hasil_components": dict(t.hasil_components),
                "hasil_items": dict(t.hasil_items),
            }

        return {
            "model": self.model_id,
            "total": self.total,
            "predikat": self.predikat,
            "predikat_by_half": self.predikat_by_half,
            "answered": self.answered,
            "questions": self.questions,
            "completeness": self.completeness,
            "official": totals(self.official),
            "strict": totals(self.strict),
            "items": dict(self.items),
            "answers": dict(self.answers),
            "invalid": dict(self.invalid),
            "checks": [
                {
                    "predikat": c.predikat,
                    "id": c.id,
                    "target": c.target,
                    "name": c.name,
                    "rule": c.rule,
                    "required": c.required,
                    "actual": c.actual,
                    "passed": c.passed,
                    "margin": c.margin,
                    "certainty": c.certainty,
                }
                for c in self.checks
            ],
        }


def ratio_value(item: Item, numbers: Mapping[str, float]) -> float | None:
    """The 0..1 value of a ratio item from its Jumlah inputs; None unless all are given.

    A zero denominator (or, for "decrease", last year 0 and this year > 0) gives #DIV/0! in the
    LKE sheet; here it counts 0 (uncertain, see docs/scoring.md).
    """
    if any(qid not in numbers for qid in item.inputs):
        return None
    if item.rule == "decrease":
        previous, current = numbers[item.previous], numbers[item.current]
        if previous == 0 and current == 0:
            return 1.0
        if previous == 0:
            return 0.0
        return max(0.0, (previous - current) / previous)
    denominator = sum(numbers[q] for q in item.denominator)
    numerator = sum(numbers[q] for q in item.numerator)
    if denominator == 0:
        return 0.0
    return min(1.0, numerator / denominator)


def score(
    model: str | LkeModel,
    answers: Mapping[str, object],
    jumlah: Mapping[str, float] | None = None,
    hasil: Mapping[str, float] | None = None,
) -> Scores:
    """Score answers against an LKE model.

    ``answers`` maps question ids to option answers ("A", "ya", "Tidak"; case-insensitive) and
    may also hold Jumlah counts and hasil inputs as numbers (or numeric text, "3,60"); ``jumlah``
    and ``hasil`` are the same, kept apart for callers that have them apart (they win on
    conflicts). Blank answers are unanswered; answers invalid for their type are unanswered
    too and listed in ``Scores.invalid``.

    Raises:
        ModelError: an unknown model id or question id.
    """
    lke = load_model(model) if isinstance(model, str) else model
    given: dict[str, object] = dict(answers)
    given.update(jumlah or {})
    given.update(hasil or {})

    accepted: dict[str, str | float] = {}
    invalid: dict[str, str] = {}
    for qid, raw in given.items():
        question = lke.question(qid)  # ModelError for an unknown id
        if is_empty(raw):
            continue
        canonical = question.normalize(raw)
        if canonical is None:
            invalid[qid] = str(raw)
        else:
            accepted[qid] = canonical

    numbers = {q: v for q, v in accepted.items() if isinstance(v, float)}
    items: dict[str, float | None] = {}
    for item in lke.items.values():
        if item.is_ratio:
            items[item.id] = ratio_value(item, numbers)
        else:
            items[item.id] = lke.questions[item.id].value_of(accepted.get(item.id))

    hasil_items: dict[str, float] = {}
    for comp in lke.hasil:
        for qid in comp.items:
            q = lke.questions[qid]
            answer = accepted.get(qid)
            if answer is None:
                hasil_items[qid] = 0.0  # the LKE sheet shows #VALUE! here; we count 0
            elif q.is_option:
                hasil_items[qid] = (q.value_of(answer) or 0.0) * q.weight
            else:
                assert isinstance(answer, float) and q.maximum
                hasil_items[qid] = answer / q.maximum * q.weight

    official = _totals(lke, items, hasil_items, strict=False)
    strict = _totals(lke, items, hasil_items, strict=True)
    checks = _checks(lke, official)
    return Scores(
        model_id=lke.id,
        answers=accepted,
        invalid=invalid,
        items=items,
        official=official,
        strict=strict,
        answered=len(accepted),
        questions=len(lke.questions),
        checks=checks,
        predikat=_predikat(checks, RULE_AREA),
        predikat_by_half=_predikat(checks, RULE_HALF),
    )


def _totals(
    lke: LkeModel,
    items: Mapping[str, float | None],
    hasil_items: Mapping[str, float],
    *,
    strict: bool,
) -> Totals:
    sub_areas: dict[str, float] = {}
    for sub in lke.sub_areas:
        values = [items[i] for i in sub.items]
        if strict:
            # SUM ignores blanks: unanswered items count 0 in an average over all items.
            sub_areas[sub.id] = sum(v for v in values if v is not None) / len(values) * sub.weight
        else:
            answered = [v for v in values if v is not None]
            # AVERAGE over answered items; with none the sheet gives #DIV/0! (IFERROR -> 0).
            sub_areas[sub.id] = (sum(answered) / len(answered) * sub.weight) if answered else 0.0
    area_halves: dict[str, float] = {}
    for half in lke.halves:
        for area in lke.areas:
            area_halves[f"{half.id}.{area.number}"] = sum(
                sub_areas[s.id] for s in lke.sub_areas_of(area.id, half.id)
            )
    if lke.halves:
        areas = {
            a.id: sum(area_halves[f"{h.id}.{a.number}"] for h in lke.halves) for a in lke.areas
        }
        halves = {
            h.id: sum(area_halves[f"{h.id}.{a.number}"] for a in lke.areas) for h in lke.halves
        }
        pengungkit = sum(halves.values())
    else:
        areas = {a.id: sum(sub_areas[s.id] for s in lke.sub_areas_of(a.id)) for a in lke.areas}
        halves = {}
        pengungkit = sum(areas.values())
    components = {c.id: sum(hasil_items[q] for q in c.items) for c in lke.hasil}
    hasil = sum(components.values())
    return Totals(
        sub_areas=sub_areas,
        area_halves=area_halves,
        areas=areas,
        halves=halves,
        pengungkit=pengungkit,
        hasil_items=dict(hasil_items),
        hasil_components=components,
        hasil=hasil,
        total=pengungkit + hasil,
    )


def threshold_targets(lke: LkeModel, threshold: Threshold) -> list[tuple[str, str, str, float]]:
    """Expand a threshold into (rule, target level id, name, required points) rows."""
    target = threshold.target
    if target == "each-area":
        share = threshold.min_share or 0.0
        rows = [
            (RULE_AREA, a.id, f"Area {a.id} {a.name}", round(a.weight * share, _DECIMALS))
            for a in lke.areas
        ]
        for half in lke.halves:
            for a in lke.areas:
                weight = lke.area_half_weight(a.id, half.id)
                rows.append(
                    (
                        RULE_HALF,
                        f"{half.id}.{a.number}",
                        f"{half.name} area {a.id} {a.name}",
                        round(weight * share, _DECIMALS),
                    )
                )
        return rows
    required = round(threshold.minimum or 0.0, _DECIMALS)
    if target == "total":
        return [(RULE_ALL, "total", "Nilai total (pengungkit + hasil)", required)]
    if target == "pengungkit":
        return [(RULE_ALL, "pengungkit", "Nilai komponen pengungkit", required)]
    if target.startswith("hasil:"):
        comp_id = target.removeprefix("hasil:")
        comp = next((c for c in lke.hasil if c.id == comp_id), None)
        if comp is None:
            raise ModelError(f"{lke.id}: threshold on unknown hasil component {comp_id!r}")
        return [(RULE_ALL, comp.id, f"Komponen hasil {comp.name}", required)]
    question = lke.question(target)
    return [(RULE_ALL, question.id, question.text, required)]


def _checks(lke: LkeModel, totals: Totals) -> tuple[Check, ...]:
    checks: list[Check] = []
    for threshold in lke.thresholds:
        for rule, target, name, required in threshold_targets(lke, threshold):
            actual = totals.value(target)
            kind = rule if threshold.target == "each-area" else ""
            check_id = ":".join(p for p in (threshold.predikat, kind, target) if p)
            if threshold.target.startswith("hasil:"):
                check_id = f"{threshold.predikat}:hasil:{target}"
            checks.append(
                Check(
                    predikat=threshold.predikat,
                    id=check_id,
                    target=target,
                    name=name,
                    rule=rule,
                    required=required,
                    actual=actual,
                    passed=round(actual, _DECIMALS) >= required,
                    margin=actual - required,
                    certainty=threshold.certainty,
                    source=threshold.source,
                )
            )
    return tuple(checks)


def _predikat(checks: tuple[Check, ...], rule: str) -> str | None:
    reached: str | None = None
    for predikat in PREDIKATS:  # WBBM needs every WBK minimum too
        if all(c.passed for c in checks if c.predikat == predikat and c.rule in (RULE_ALL, rule)):
            reached = predikat
        else:
            break
    return reached


__all__ = [
    "PREDIKATS",
    "RULE_ALL",
    "RULE_AREA",
    "RULE_HALF",
    "Check",
    "Level",
    "Scores",
    "Totals",
    "ratio_value",
    "score",
    "threshold_targets",
]
