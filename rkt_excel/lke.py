"""Scoring models (LKE, Lembar Kerja Evaluasi) as data: load rkt_excel/data/lke-<id>.yaml.

Stage: reference data for validate, score and the LKE sheet. Reads packaged YAML only, caches it,
and never touches user files. Every number in the YAML carries its source (docs/scoring.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from rkt_excel.errors import ModelError
from rkt_excel.normalize import SYNONYMS, is_empty, normalize_option, parse_number

MODEL_IDS: tuple[str, ...] = ("permenpanrb-90-2021", "permenpanrb-52-2014")
DEFAULT_MODEL = "permenpanrb-90-2021"

# Answer type ids, shared with layout.ANSWER_LISTS. "ratio" is only an Item type (computed from
# its Jumlah inputs), never a Question type.
OPTION_TYPES: tuple[str, ...] = ("yn", "abc", "abcd", "abcde")
NUMBER_TYPES: tuple[str, ...] = ("number", "score")
ANSWER_TYPES: tuple[str, ...] = OPTION_TYPES + NUMBER_TYPES
# How each type is printed in the "Pilihan Jawaban" column of the official LKE.
ANSWER_TYPE_LABELS: dict[str, str] = {
    "yn": "Ya/Tidak",
    "abc": "A/B/C",
    "abcd": "A/B/C/D",
    "abcde": "A/B/C/D/E",
    "number": "Jumlah",
    "ratio": "%",
}

_SUM_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Question:
    """One answerable input of the LKE: an option item, a Jumlah count, or a hasil input.

    ``kind`` is "item" (answered with an option), "jumlah" (a count feeding a ratio item) or
    "hasil". ``item`` is the scored item the input belongs to (itself for option items, the ratio
    item for Jumlah inputs, "" for hasil). ``sub_area`` is the hasil component id for hasil
    inputs; ``area`` is "" for them. ``weight`` is the bobot of a hasil input (0 otherwise).
    """

    id: str
    text: str
    answer_type: str
    options: tuple[str, ...]
    values: tuple[float, ...]
    criteria: str
    kind: str
    area: str
    sub_area: str
    half: str = ""
    label: str = ""
    item: str = ""
    weight: float = 0.0
    minimum: float | None = None
    maximum: float | None = None
    role: str = ""  # Jumlah inputs: num / den / prev / cur / info (see Item)
    data_dukung: str = ""
    data_dukung_source: str = ""
    petunjuk: str = ""  # Kemenkumham petunjuk teknis (52/2014)
    counterpart: str = ""  # 52/2014: the matching 90/2021 Pemenuhan item
    certainty: str = "confirmed"
    note: str = ""
    source: str = ""

    @property
    def is_option(self) -> bool:
        return self.answer_type in OPTION_TYPES

    def normalize(self, answer: object) -> str | float | None:
        """The canonical answer ("A", "Ya", 3.6) or None when blank or not valid for the type."""
        if is_empty(answer):
            return None
        if self.is_option:
            # The one option matcher of the project (case, spaces, "a." and documented
            # synonyms), the same the reader applies to what units type.
            found = normalize_option(answer, self.options, SYNONYMS.get(self.answer_type)).value
            return found if isinstance(found, str) else None
        number = parse_number(answer)
        if number is None:
            return None
        if self.minimum is not None and number < self.minimum:
            return None
        if self.maximum is not None and number > self.maximum:
            return None
        return number

    def value_of(self, answer: object) -> float | None:
        """The 0..1 value of an option answer (case-insensitive), the number itself for
        number/score inputs, or None when blank or invalid."""
        canonical = self.normalize(answer)
        if canonical is None:
            return None
        if isinstance(canonical, str):
            return self.values[self.options.index(canonical)]
        return canonical


@dataclass(frozen=True)
class Item:
    """A scored item of a sub-area; its value is 0..1.

    Option items are answered directly (the Question with the same id). Ratio items ("%") are
    computed from their Jumlah inputs: rule "share" = min(1, SUM(numerator)/SUM(denominator));
    rule "decrease" = the fall from ``previous`` to ``current`` (see docs/scoring.md).
    """

    id: str
    label: str
    text: str
    criteria: str
    area: str
    sub_area: str
    half: str
    answer_type: str  # an option type, or "ratio"
    rule: str = ""
    inputs: tuple[str, ...] = ()  # every Jumlah input that must be filled (sheet order)
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    previous: str = ""
    current: str = ""
    note: str = ""

    @property
    def is_ratio(self) -> bool:
        return self.answer_type == "ratio"


@dataclass(frozen=True)
class SubArea:
    """A sub-area (90/2021) or sub-component (52/2014): AVERAGE(item values) x weight."""

    id: str
    half: str
    area: str
    label: str
    name: str
    weight: float
    items: tuple[str, ...]
    source: str
    certainty: str = "confirmed"
    note: str = ""


@dataclass(frozen=True)
class Area:
    """One of the six areas of perubahan (komponen pengungkit); ``id`` is I..VI."""

    id: str
    number: int
    name: str
    weight: float
    source: str


@dataclass(frozen=True)
class Half:
    """Pemenuhan or Reform (90/2021 only)."""

    id: str
    name: str
    weight: float
    source: str


@dataclass(frozen=True)
class HasilComponent:
    """A component of komponen hasil: the SUM of its hasil inputs' nilai."""

    id: str
    name: str
    weight: float
    items: tuple[str, ...]
    source: str
    note: str = ""


@dataclass(frozen=True)
class Threshold:
    """A minimum for a predikat. ``target`` is "total", "pengungkit", "each-area" (with
    ``min_share`` of each area's weight), "hasil:<component>" or a hasil question id."""

    predikat: str
    target: str
    minimum: float | None
    min_share: float | None
    source: str
    certainty: str = "confirmed"
    note: str = ""


@dataclass(frozen=True, eq=False)
class LkeModel:
    """A scoring model: the LKE of one regulation. Loaded by load_model(); never mutated."""

    id: str
    title: str
    regulation: str
    source: str
    note: str
    questions: dict[str, Question]
    items: dict[str, Item]
    halves: tuple[Half, ...]
    areas: tuple[Area, ...]
    sub_areas: tuple[SubArea, ...]
    hasil: tuple[HasilComponent, ...]
    thresholds: tuple[Threshold, ...]
    answer_type_sources: dict[str, str] = field(default_factory=dict)

    def has_question(self, qid: str) -> bool:
        return qid in self.questions

    def question(self, qid: str) -> Question:
        """The question ``qid``; ModelError if the model has none."""
        try:
            return self.questions[qid]
        except KeyError:
            raise ModelError(f"{self.id}: unknown LKE question id {qid!r}") from None

    def item(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise ModelError(f"{self.id}: unknown LKE item id {item_id!r}") from None

    def area(self, area_id: str) -> Area:
        for area in self.areas:
            if area.id == area_id:
                return area
        raise ModelError(f"{self.id}: unknown area id {area_id!r}")

    def sub_areas_of(self, area_id: str, half: str | None = None) -> tuple[SubArea, ...]:
        """The sub-areas of an area, optionally only those of one half, in sheet order."""
        return tuple(
            s for s in self.sub_areas if s.area == area_id and (half is None or s.half == half)
        )

    def area_half_weight(self, area_id: str, half: str) -> float:
        return sum(s.weight for s in self.sub_areas_of(area_id, half))

    @property
    def pengungkit_weight(self) -> float:
        return sum(a.weight for a in self.areas)

    @property
    def hasil_weight(self) -> float:
        return sum(h.weight for h in self.hasil)

    @property
    def hasil_inputs(self) -> frozenset[str]:
        """The ids of the komponen hasil inputs (surveys, TLHP, ...) of every component."""
        return frozenset(q for comp in self.hasil for q in comp.items)


def available_models() -> list[str]:
    """The ids of the packaged scoring models, the current regulation first."""
    return list(MODEL_IDS)


@cache
def load_model(model_id: str) -> LkeModel:
    """Load (once) the scoring model ``model_id``; ModelError for an unknown id."""
    if model_id not in MODEL_IDS:
        known = ", ".join(MODEL_IDS)
        raise ModelError(f"unknown LKE model {model_id!r}; known models: {known}")
    text = resources.files("rkt_excel").joinpath(f"data/lke-{model_id}.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    model = _build(raw)
    _check(model)
    return model


def _f(value: Any) -> float:
    return float(value)


def _opt(value: Any) -> float | None:
    return None if value is None else float(value)


def _build(raw: dict[str, Any]) -> LkeModel:
    types: dict[str, Any] = raw["answer_types"]
    questions: dict[str, Question] = {}
    items: dict[str, Item] = {}
    sub_areas: list[SubArea] = []

    def option_question(data: dict[str, Any], **where: Any) -> Question:
        atype = data["answer_type"]
        spec = types[atype]
        return Question(
            id=data["id"],
            text=data["text"],
            answer_type=atype,
            options=tuple(spec["options"]),
            values=tuple(_f(v) for v in spec["values"]),
            criteria=data.get("criteria", ""),
            label=data.get("label", ""),
            data_dukung=data.get("data_dukung", ""),
            data_dukung_source=data.get("data_dukung_source", ""),
            petunjuk=data.get("petunjuk", ""),
            counterpart=data.get("counterpart", ""),
            certainty=data.get("certainty", "confirmed"),
            note=data.get("note", ""),
            source=data.get("source", ""),
            **where,
        )

    for sa in raw["sub_areas"]:
        where = {"area": sa["area"], "sub_area": sa["id"], "half": sa["half"]}
        item_ids = []
        for data in sa["items"]:
            item_ids.append(data["id"])
            if data["answer_type"] == "ratio":
                inputs = data["inputs"]
                for spec in inputs:
                    questions[spec["id"]] = Question(
                        id=spec["id"],
                        text=spec["text"],
                        answer_type="number",
                        options=(),
                        values=(),
                        criteria=data.get("criteria", ""),
                        kind="jumlah",
                        item=data["id"],
                        minimum=_opt(types["number"].get("min")),
                        maximum=_opt(types["number"].get("max")),
                        role=spec["role"],
                        note=data.get("note", ""),
                        **where,
                    )
                roles = {
                    r: tuple(s["id"] for s in inputs if s["role"] == r)
                    for r in ("num", "den", "prev", "cur")
                }
                items[data["id"]] = Item(
                    id=data["id"],
                    label=data["label"],
                    text=data["text"],
                    criteria=data.get("criteria", ""),
                    answer_type="ratio",
                    rule=data["rule"],
                    inputs=tuple(s["id"] for s in inputs),
                    numerator=roles["num"],
                    denominator=roles["den"],
                    previous=roles["prev"][0] if roles["prev"] else "",
                    current=roles["cur"][0] if roles["cur"] else "",
                    note=data.get("note", ""),
                    **where,
                )
            else:
                questions[data["id"]] = option_question(data, kind="item", item=data["id"], **where)
                items[data["id"]] = Item(
                    id=data["id"],
                    label=data["label"],
                    text=data["text"],
                    criteria=data.get("criteria", ""),
                    answer_type=data["answer_type"],
                    note=data.get("note", ""),
                    **where,
                )
        sub_areas.append(
            SubArea(
                id=sa["id"],
                half=sa["half"],
                area=sa["area"],
                label=sa["label"],
                name=sa["name"],
                weight=_f(sa["weight"]),
                items=tuple(item_ids),
                source=sa["source"],
                certainty=sa.get("certainty", "confirmed"),
                note=sa.get("note", ""),
            )
        )
    hasil: list[HasilComponent] = []
    for comp in raw["hasil"]:
        for data in comp["items"]:
            where = {
                "area": "",
                "sub_area": comp["id"],
                "half": "",
                "kind": "hasil",
                "weight": _f(data["weight"]),
            }
            if data["answer_type"] in OPTION_TYPES:
                questions[data["id"]] = option_question(data, **where)
            else:
                questions[data["id"]] = Question(
                    id=data["id"],
                    text=data["text"],
                    answer_type=data["answer_type"],
                    options=(),
                    values=(),
                    criteria=data.get("criteria", ""),
                    minimum=_opt(data.get("min", types["score"].get("min"))),
                    maximum=_opt(data.get("max", types["score"].get("max"))),
                    certainty=data.get("certainty", "confirmed"),
                    note=data.get("note", ""),
                    source=data.get("source", ""),
                    **where,
                )
        hasil.append(
            HasilComponent(
                id=comp["id"],
                name=comp["name"],
                weight=_f(comp["weight"]),
                items=tuple(d["id"] for d in comp["items"]),
                source=comp["source"],
                note=comp.get("note", ""),
            )
        )
    return LkeModel(
        id=raw["id"],
        title=raw["title"],
        regulation=raw["regulation"],
        source=raw["source"],
        note=raw.get("note", ""),
        questions=questions,
        items=items,
        halves=tuple(Half(h["id"], h["name"], _f(h["weight"]), h["source"]) for h in raw["halves"]),
        areas=tuple(
            Area(a["id"], int(a["number"]), a["name"], _f(a["weight"]), a["source"])
            for a in raw["areas"]
        ),
        sub_areas=tuple(sub_areas),
        hasil=tuple(hasil),
        thresholds=tuple(
            Threshold(
                predikat=t["predikat"],
                target=t["target"],
                minimum=_opt(t.get("min")),
                min_share=_opt(t.get("min_share")),
                source=t["source"],
                certainty=t.get("certainty", "confirmed"),
                note=t.get("note", ""),
            )
            for t in raw["thresholds"]
        ),
        answer_type_sources={k: str(v.get("source", "")) for k, v in types.items()},
    )


def _check(model: LkeModel) -> None:
    """Refuse a packaged model whose weights do not add up (a developer error)."""
    problems = []
    for area in model.areas:
        got = sum(s.weight for s in model.sub_areas_of(area.id))
        if abs(got - area.weight) > _SUM_TOLERANCE:
            problems.append(f"area {area.id}: sub-areas sum to {got}, not {area.weight}")
    for half in model.halves:
        got = sum(s.weight for s in model.sub_areas if s.half == half.id)
        if abs(got - half.weight) > _SUM_TOLERANCE:
            problems.append(f"half {half.id}: sub-areas sum to {got}, not {half.weight}")
    for comp in model.hasil:
        got = sum(model.questions[q].weight for q in comp.items)
        if abs(got - comp.weight) > _SUM_TOLERANCE:
            problems.append(f"hasil {comp.id}: inputs sum to {got}, not {comp.weight}")
    total = model.pengungkit_weight + model.hasil_weight
    if abs(total - 100) > _SUM_TOLERANCE:
        problems.append(f"weights sum to {total}, not 100")
    for q in model.questions.values():
        if q.answer_type not in ANSWER_TYPES:
            problems.append(f"{q.id}: unknown answer type {q.answer_type!r}")
    if problems:
        raise ModelError(f"LKE model {model.id} is inconsistent: " + "; ".join(problems))


__all__ = [
    "ANSWER_TYPES",
    "ANSWER_TYPE_LABELS",
    "DEFAULT_MODEL",
    "NUMBER_TYPES",
    "OPTION_TYPES",
    "Area",
    "Half",
    "HasilComponent",
    "Item",
    "LkeModel",
    "Question",
    "SubArea",
    "Threshold",
    "available_models",
    "load_model",
]
