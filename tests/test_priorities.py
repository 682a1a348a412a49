"""priorities.py, the path to WBK: the steps and their gains worked out by hand, and property
tests (hypothesis) on random answer sets: the suggested set clears the minimum it is for, and
where the search says it is exact, no strictly smaller set of its candidate steps does (checked
by brute force with score() over every smaller set).

The brute force needs a small LKE: ``tiny_model`` is built here from lke.py's dataclasses, six
pengungkit questions (every answer type and a ratio item) and three hasil inputs."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rkt_excel.lke import (
    Area,
    HasilComponent,
    Item,
    LkeModel,
    Question,
    SubArea,
    Threshold,
    load_model,
)
from rkt_excel.priorities import (
    OPTION,
    RATIO,
    SURVEY,
    Clearance,
    Step,
    apply_steps,
    full_inputs,
    priorities,
)
from rkt_excel.score import score

TYPES = {
    "yn": (("Ya", "Tidak"), (1.0, 0.0)),
    "abc": (("A", "B", "C"), (1.0, 0.5, 0.0)),
    "abcd": (("A", "B", "C", "D"), (1.0, 0.67, 0.33, 0.0)),
    "abcde": (("A", "B", "C", "D", "E"), (1.0, 0.75, 0.5, 0.25, 0.0)),
}


def _option(qid: str, atype: str, area: str, sub: str, **kw: Any) -> Question:
    options, values = TYPES[atype]
    return Question(
        qid,
        f"Pertanyaan {qid}",
        atype,
        options,
        values,
        "",
        kw.pop("kind", "item"),
        area,
        sub,
        item=kw.pop("item", qid),
        **kw,
    )


def tiny_model() -> LkeModel:
    """Area I (bobot 6): I.1 (2: yn, abc), I.2 (4: abcd, ratio). Area II (bobot 4): II.1
    (4: abcde, abc). Hasil 30: bersih = IPAK (0-4, 15) + CAP (A-E, 5); pelayanan = IPKP
    (0-4, 10). WBK: total 60, pengungkit 6, each area 60 %, bersih 14, IPAK 11.25."""
    q: dict[str, Question] = {}
    for qid, atype, area, sub in (
        ("a", "yn", "I", "I.1"),
        ("b", "abc", "I", "I.1"),
        ("c", "abcd", "I", "I.2"),
        ("e", "abcde", "II", "II.1"),
        ("f", "abc", "II", "II.1"),
    ):
        q[qid] = _option(qid, atype, area, sub)
    for qid, role in (("d.j1", "den"), ("d.j2", "num")):
        q[qid] = Question(
            qid,
            f"Jumlah {qid}",
            "number",
            (),
            (),
            "",
            "jumlah",
            "I",
            "I.2",
            item="d",
            role=role,
            minimum=0.0,
        )
    hasil = {"area": "", "kind": "hasil"}
    q["H.IPAK"] = Question(
        "H.IPAK",
        "IPAK",
        "score",
        (),
        (),
        "",
        sub_area="bersih",
        weight=15.0,
        minimum=0.0,
        maximum=4.0,
        **hasil,
    )
    q["H.CAP"] = _option("H.CAP", "abcde", "", "bersih", kind="hasil", weight=5.0, item="")
    q["H.IPKP"] = Question(
        "H.IPKP",
        "IPKP",
        "score",
        (),
        (),
        "",
        sub_area="pelayanan",
        weight=10.0,
        minimum=0.0,
        maximum=4.0,
        **hasil,
    )
    items: dict[str, Item] = {}
    for qid in ("a", "b", "c", "e", "f"):
        x = q[qid]
        items[qid] = Item(qid, qid, x.text, "", x.area, x.sub_area, "", x.answer_type)
    items["d"] = Item(
        "d",
        "d",
        "Rasio d",
        "",
        "I",
        "I.2",
        "",
        "ratio",
        rule="share",
        inputs=("d.j1", "d.j2"),
        numerator=("d.j2",),
        denominator=("d.j1",),
    )
    subs = (
        SubArea("I.1", "", "I", "1", "Satu", 2.0, ("a", "b"), "test"),
        SubArea("I.2", "", "I", "2", "Dua", 4.0, ("c", "d"), "test"),
        SubArea("II.1", "", "II", "1", "Tiga", 4.0, ("e", "f"), "test"),
    )
    thresholds = (
        Threshold("WBK", "total", 60.0, None, "test"),
        Threshold("WBK", "pengungkit", 6.0, None, "test"),
        Threshold("WBK", "each-area", None, 0.6, "test"),
        Threshold("WBK", "hasil:bersih", 14.0, None, "test"),
        Threshold("WBK", "H.IPAK", 11.25, None, "test"),
        Threshold("WBBM", "total", 80.0, None, "test"),
    )
    return LkeModel(
        id="tiny",
        title="Tiny",
        regulation="test",
        source="test",
        note="",
        questions=q,
        items=items,
        halves=(),
        areas=(Area("I", 1, "Satu", 6.0, "test"), Area("II", 2, "Dua", 4.0, "test")),
        sub_areas=subs,
        hasil=(
            HasilComponent("bersih", "Bersih", 20.0, ("H.IPAK", "H.CAP"), "test"),
            HasilComponent("pelayanan", "Pelayanan", 10.0, ("H.IPKP",), "test"),
        ),
        thresholds=thresholds,
    )


TINY = tiny_model()


# --- by hand -----------------------------------------------------------------------------------


def test_steps_and_gains_by_hand() -> None:
    answers = {
        "a": "Tidak",
        "b": "B",
        "c": "C",
        "d.j1": 4,
        "d.j2": 1,
        "e": "D",
        "f": "A",
        "H.IPAK": 3.45,
        "H.CAP": "B",
        "H.IPKP": 3.0,
    }
    p = priorities(TINY, answers, predikat="WBK")
    firsts = {s.question: s for s in p.improvements}
    # I.1 (bobot 2, 2 items): a Tidak -> Ya adds 1 * 2/2 = 1; b B -> A adds 0.5 * 1 = 0.5.
    assert (firsts["a"].after, firsts["a"].gain) == ("Ya", 1.0)
    assert (firsts["b"].before, firsts["b"].after, firsts["b"].gain) == ("B", "A", 0.5)
    # I.2 (bobot 4, 2 items): c C -> B adds (0.67 - 0.33) * 2 = 0.68; d 1/4 -> 4/4 adds 1.5.
    assert firsts["c"].gain == pytest.approx(0.68)
    assert firsts["d"].kind == RATIO and firsts["d"].gain == pytest.approx(1.5)
    assert firsts["d"].after == {"d.j1": 4.0, "d.j2": 4.0}
    # II.1: e D -> C adds 0.25 * 2 = 0.5; f is already A: no step. H.CAP B -> A: 0.25 * 5.
    assert "f" not in firsts and firsts["H.CAP"].gain == pytest.approx(1.25)
    assert all(s.kind != SURVEY for s in p.improvements)  # surveys are results, not ranked
    assert [s.question for s in p.improvements[:3]] == ["d", "H.CAP", "a"]


def test_a_failed_minimum_cleared_by_hand() -> None:
    # Area I = I.1 + I.2 = (0 + 0.5)/2*2 + (0.33 + 0.25)/2*4 = 0.5 + 1.16 = 1.66; minimum 3.6.
    # Shortfall 1.94: d to 100 % (+1.5) and a to Ya (+1) = 2 steps; no single step is enough.
    answers = {
        "a": "Tidak",
        "b": "B",
        "c": "C",
        "d.j1": 4,
        "d.j2": 1,
        "e": "A",
        "f": "A",
        "H.IPAK": 4,
        "H.CAP": "A",
        "H.IPKP": 4,
    }
    p = priorities(TINY, answers, predikat="WBK")
    area = next(c for c in p.clearances if c.check.id == "WBK:area:I")
    assert area.shortfall == pytest.approx(3.6 - 1.66)
    assert sorted(s.question for s in area.steps) == ["a", "d"]
    assert area.exact and area.lower_bound == 2 and area.reachable
    assert area.after == pytest.approx(1.66 + 2.5)


def test_the_ipak_minimum_rises_the_survey_by_tenths() -> None:
    answers = {q: TINY.questions[q].options[0] for q in ("a", "b", "c", "e", "f", "H.CAP")}
    answers.update({"d.j1": 2, "d.j2": 2, "H.IPAK": 2.95, "H.IPKP": 4})
    p = priorities(TINY, answers, predikat="WBK")
    ipak = next(c for c in p.clearances if c.check.id == "WBK:H.IPAK")
    # 11.25 of 15 is 3.00 of 4: one notch, 2.95 -> 3.0.
    assert [(s.before, s.after) for s in ipak.steps] == [(2.95, 3.0)]
    assert ipak.exact


def test_unanswered_questions_make_the_set_sufficient_not_exact() -> None:
    answers = {"a": "Tidak", "H.IPAK": 4, "H.CAP": "A", "H.IPKP": 4}
    p = priorities(TINY, answers, predikat="WBK")
    area = next(c for c in p.clearances if c.check.id == "WBK:area:I")
    assert not area.exact and 1 <= area.lower_bound <= len(area.steps)
    assert _clears(area, answers)
    assert p.unanswered == ("b", "c", "e", "f", "d.j1", "d.j2")


def test_an_unreachable_minimum_says_so() -> None:
    answers = {q: TINY.questions[q].options[0] for q in ("a", "b", "c", "e", "f", "H.CAP")}
    answers.update({"d.j1": 1, "d.j2": 1, "H.IPAK": 0, "H.IPKP": 0})
    p = priorities(TINY, answers, predikat="WBK")
    total = next(c for c in p.clearances if c.check.id == "WBK:total")
    # Pengungkit is full (10) and CAP is A (5): surveys are not actions for the total.
    assert not total.reachable and total.after == pytest.approx(15.0)


def test_full_inputs_of_ratio_items() -> None:
    model = load_model("permenpanrb-90-2021")
    lhkpn = model.items["R.5.iii.a"]  # den j1+j2+j3, num j4
    assert full_inputs(lhkpn, {"R.5.iii.a.j1": 1, "R.5.iii.a.j2": 2, "R.5.iii.a.j4": 1}) == {
        "R.5.iii.a.j1": 1.0,
        "R.5.iii.a.j2": 2.0,
        "R.5.iii.a.j3": 0.0,
        "R.5.iii.a.j4": 3.0,
    }
    disiplin = model.items["R.3.iii.a"]  # decrease: previous j1, current j2
    out = full_inputs(disiplin, {"R.3.iii.a.j1": 4, "R.3.iii.a.j2": 6})
    assert out["R.3.iii.a.j2"] == 0.0 and out["R.3.iii.a.j1"] == 4.0
    pengaduan = model.items["R.5.ii.a"]  # 0 of 0: the denominator becomes the count done
    assert full_inputs(pengaduan, {"R.5.ii.a.j3": 5})["R.5.ii.a.j1"] == 5.0


def test_owners_and_missing_evidence_are_carried() -> None:
    p = priorities(TINY, {"a": "Tidak"}, owners={"a": ("TU",)}, missing={"a": ("SK (TU)",)})
    step = next(s for s in p.improvements if s.question == "a")
    assert (step.units, step.missing) == (("TU",), ("SK (TU)",))


# --- properties --------------------------------------------------------------------------------


def _clears(
    clearance: Clearance, answers: dict[str, Any], steps: Sequence[Step] | None = None
) -> bool:
    after = score(TINY, apply_steps(TINY, answers, clearance.steps if steps is None else steps))
    return next(c for c in after.checks if c.id == clearance.check.id).passed


def _smaller_sets(candidates: Sequence[Step], size: int) -> list[list[Step]]:
    """Every valid set of fewer than ``size`` candidate steps (a question's steps in order)."""
    ladders: dict[str, list[Step]] = {}
    for s in sorted(candidates, key=lambda s: (s.question, s.n)):
        ladders.setdefault(s.question, []).append(s)
    out = []
    for lengths in itertools.product(*(range(len(lad) + 1) for lad in ladders.values())):
        if sum(lengths) < size:
            out.append(
                [s for lad, n in zip(ladders.values(), lengths, strict=True) for s in lad[:n]]
            )
    return out


def _answer(q: Question) -> st.SearchStrategy[Any]:
    if q.options:
        return st.one_of(st.none(), st.sampled_from(q.options))
    if q.kind == "jumlah":
        return st.one_of(st.none(), st.integers(0, 6))
    return st.one_of(st.none(), st.integers(50, 80).map(lambda n: n / 20))  # 2.5 .. 4.0


ANSWERS = st.fixed_dictionaries({qid: _answer(q) for qid, q in TINY.questions.items()})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS, st.sampled_from(["WBK", "WBBM"]))
def test_suggested_sets_clear_and_exact_ones_are_smallest(
    raw: dict[str, Any], predikat: str
) -> None:
    answers = {q: v for q, v in raw.items() if v is not None}
    p = priorities(TINY, answers, predikat=predikat)
    failed = {c.id for c in score(TINY, answers).failed(predikat)}
    assert {c.check.id for c in p.clearances} == failed
    for clearance in p.clearances:
        assert clearance.lower_bound <= len(clearance.steps)
        if not clearance.reachable:
            assert not _clears(clearance, answers)
            continue
        assert _clears(clearance, answers), clearance.check.id
        if clearance.exact:
            assert clearance.lower_bound == len(clearance.steps)
            for smaller in _smaller_sets(clearance.candidates, len(clearance.steps)):
                assert not _clears(clearance, answers, smaller), (clearance.check.id, smaller)


@settings(max_examples=60, deadline=None)
@given(ANSWERS.map(lambda raw: {q: v for q, v in raw.items() if v is not None}))
def test_a_clearance_never_needs_fewer_than_its_lower_bound(answers: dict[str, Any]) -> None:
    for clearance in priorities(TINY, answers, predikat="WBK").clearances:
        if clearance.reachable:
            for smaller in _smaller_sets(clearance.candidates, clearance.lower_bound):
                assert not _clears(clearance, answers, smaller)


REAL = load_model("permenpanrb-90-2021")


def _real_answer(q: Question) -> st.SearchStrategy[Any]:
    if q.options:
        return st.one_of(st.none(), st.sampled_from(q.options))
    if q.kind == "jumlah":
        return st.integers(0, 12)
    return st.integers(50, 80).map(lambda n: n / 20)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({qid: _real_answer(q) for qid, q in REAL.questions.items()}))
def test_on_the_real_lke_every_suggested_set_clears_its_minimum(raw: dict[str, Any]) -> None:
    answers = {q: v for q, v in raw.items() if v is not None}
    for predikat in ("WBK", "WBBM"):
        for clearance in priorities(REAL, answers, predikat=predikat).clearances:
            after = score(REAL, apply_steps(REAL, answers, clearance.steps))
            passed = next(c for c in after.checks if c.id == clearance.check.id).passed
            assert passed == clearance.reachable, clearance.check.id
            assert clearance.lower_bound <= len(clearance.steps)
            assert all(s.kind in (OPTION, RATIO, SURVEY) for s in clearance.steps)
