"""score(): item values, official vs strict semantics, ratios, hasil, totals and predikat."""

from __future__ import annotations

import json

import pytest

from rkt_excel.errors import ModelError
from rkt_excel.lke import LkeModel, load_model
from rkt_excel.score import RULE_AREA, RULE_HALF, Scores, ratio_value, score

M90 = "permenpanrb-90-2021"
M52 = "permenpanrb-52-2014"


def best_answers(model: LkeModel) -> dict[str, object]:
    """The best answer everywhere: first option, ratios at 100 %, surveys at the maximum."""
    answers: dict[str, object] = {}
    for q in model.questions.values():
        if q.is_option:
            answers[q.id] = q.options[0]
        elif q.kind == "hasil":
            answers[q.id] = q.maximum
    for item in model.items.values():
        if item.rule == "share":
            for qid in item.inputs:
                answers[qid] = 0
            for qid in item.denominator:
                answers[qid] = 2
            answers[item.numerator[0]] = 2 * len(item.denominator)
        elif item.rule == "decrease":
            for qid in item.inputs:
                answers[qid] = 0
            answers[item.previous] = 3
    return answers


def worst_answers(model: LkeModel) -> dict[str, object]:
    """The worst answer everywhere: last option, nothing done, surveys at 0."""
    answers: dict[str, object] = {}
    for q in model.questions.values():
        answers[q.id] = q.options[-1] if q.is_option else (1 if q.kind == "jumlah" else 0)
    for item in model.items.values():
        if item.rule == "share":
            answers[item.numerator[0]] = 0
        elif item.rule == "decrease":
            answers[item.previous], answers[item.current] = 2, 5  # more violations this year
    return answers


def with_(base: dict[str, object], **changes: object) -> dict[str, object]:
    answers = dict(base)
    answers.update({k.replace("_", "."): v for k, v in changes.items()})
    return answers


@pytest.mark.parametrize("model_id", [M90, M52])
def test_all_best_gives_100(model_id: str) -> None:
    s = score(model_id, best_answers(load_model(model_id)))
    assert s.total == pytest.approx(100, abs=1e-9)
    assert s.pengungkit == pytest.approx(60) and s.hasil == pytest.approx(40)
    assert s.strict.total == pytest.approx(100)
    assert s.predikat == "WBBM" and s.predikat_by_half == "WBBM"
    assert all(c.passed for c in s.checks)
    assert s.completeness == 1.0 and not s.invalid


@pytest.mark.parametrize("model_id", [M90, M52])
def test_all_worst_gives_0(model_id: str) -> None:
    s = score(model_id, worst_answers(load_model(model_id)))
    assert s.total == 0 and s.strict.total == 0
    assert s.predikat is None and s.predikat_by_half is None
    assert s.failed("WBK")


def test_worked_example_rencana_pembangunan_zi() -> None:
    """lke-research.md 4.1 (PN Serang 2022): a Ya, b C, c A (the 3rd item is A/B/C) -> 0.67."""
    s = score(M90, {"P.1.ii.a": "Ya", "P.1.ii.b": "C", "P.1.ii.c": "A"})
    assert [s.items[i] for i in ("P.1.ii.a", "P.1.ii.b", "P.1.ii.c")] == [1, 0, 1]
    assert round(s.official.sub_areas["P.1.ii"], 2) == 0.67
    level = next(lv for lv in s.levels() if lv.id == "P.1.ii")
    assert level.percent is not None and round(level.percent * 100, 2) == 66.67


def test_official_vs_strict_on_partial_answers() -> None:
    s = score(M90, {"P.1.ii.a": "Ya", "P.1.ii.b": "b"})  # c unanswered
    assert s.items["P.1.ii.c"] is None
    assert s.official.sub_areas["P.1.ii"] == pytest.approx(0.75)  # AVERAGE(1, 0.5) x 1
    assert s.strict.sub_areas["P.1.ii"] == pytest.approx(0.5)  # (1 + 0.5 + 0) / 3 x 1
    # A sub-area with no answer at all: #DIV/0! in the LKE sheet, 0 here under both.
    assert s.official.sub_areas["P.1.i"] == 0 and s.strict.sub_areas["P.1.i"] == 0
    assert s.official.areas["I"] == pytest.approx(0.75)
    assert s.answered == 2 and s.questions == 127
    assert s.completeness == pytest.approx(2 / 127)


def test_jumlah_and_hasil_parameters_equal_answers() -> None:
    answers = {"P.1.i.a": "ya", "R.4.i.a.j1": 4, "R.4.i.a.j2": 3, "H.IPAK": 3.6}
    a = score(M90, answers)
    b = score(
        M90,
        {"P.1.i.a": "YA"},
        jumlah={"R.4.i.a.j1": 4, "R.4.i.a.j2": 3},
        hasil={"H.IPAK": 3.6},
    )
    assert a.to_dict()["official"] == b.to_dict()["official"]
    assert a.items["R.4.i.a"] == pytest.approx(0.75)
    assert a.official.hasil_items["H.IPAK"] == pytest.approx(15.75)


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"j1": 4, "j2": 1, "j3": 3}, 0.75),  # selesai / harus ditindaklanjuti
        ({"j1": 4, "j2": 0, "j3": 9}, 1.0),  # capped at 1
        ({"j1": 0, "j2": 0, "j3": 0}, 0.0),  # zero denominator (sheet: #DIV/0!)
        ({"j1": 4, "j3": 3}, None),  # "sedang diproses" missing: the sheet says Blm Diisi
    ],
)
def test_share_ratio(inputs: dict[str, int], expected: float | None) -> None:
    s = score(M90, {f"R.5.ii.a.{k}": v for k, v in inputs.items()})
    assert s.items["R.5.ii.a"] == expected


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [(4, 1, 0.75), (0, 0, 1.0), (3, 5, 0.0), (0, 2, 0.0), (2, 2, 0.0)],
)
def test_decrease_ratio(previous: int, current: int, expected: float) -> None:
    answers = {"R.3.iii.a.j1": previous, "R.3.iii.a.j2": current, "R.3.iii.a.j3": 0}
    assert score(M90, answers).items["R.3.iii.a"] == expected


def test_lhkpn_and_lhkasn_each_weigh_1() -> None:
    model = load_model(M90)
    lhkpn = {"R.5.iii.a.j1": 1, "R.5.iii.a.j2": 1, "R.5.iii.a.j3": 2, "R.5.iii.a.j4": 2}
    lhkasn = {"R.5.iii.b.j1": 0, "R.5.iii.b.j2": 1, "R.5.iii.b.j3": 9, "R.5.iii.b.j4": 10}
    s = score(model, {**lhkpn, **lhkasn})
    assert s.items["R.5.iii.a"] == 0.5  # 2 of 1 + 1 + 2
    assert s.items["R.5.iii.b"] == 1.0
    assert s.official.sub_areas["R.5.iii"] == pytest.approx(0.5 * 1 + 1.0 * 1)
    assert ratio_value(model.item("R.5.iii.a"), {}) is None


def test_invalid_answers_are_unanswered_and_listed() -> None:
    s = score(M90, {"P.1.i.a": "mungkin", "P.1.i.b": "A", "H.IPKP": "5", "R.1.i.a.j1": -2})
    assert s.invalid == {"P.1.i.a": "mungkin", "H.IPKP": "5", "R.1.i.a.j1": "-2"}
    assert s.items["P.1.i.a"] is None and s.items["P.1.i.b"] == 1
    assert s.official.hasil_items["H.IPKP"] == 0
    assert s.answered == 1


def test_unknown_ids() -> None:
    with pytest.raises(ModelError, match=r"unknown LKE question id 'X\.1'"):
        score(M90, {"X.1": "A"})
    with pytest.raises(ModelError, match="known models"):
        score("permenpanrb-10-2019", {})


def test_reaches_wbk_but_not_wbbm_exactly_at_the_minimums() -> None:
    model = load_model(M90)
    # IPAK 3.60 -> 15.75; Capaian C -> 2.50; IPKP 3.20 -> 14.00: exactly the WBK minimums.
    answers = with_(best_answers(model), H_IPAK="3,60", H_CAPAIAN="C", H_IPKP=3.2)
    s = score(model, answers)
    assert s.total == pytest.approx(60 + 15.75 + 2.5 + 14.0)
    assert s.predikat == "WBK" and s.predikat_by_half == "WBK"
    assert not s.failed("WBK")
    failed = {c.id: (c.required, c.margin) for c in s.failed("WBBM")}
    assert set(failed) == {"WBBM:hasil:bersih", "WBBM:H.CAPAIAN", "WBBM:hasil:pelayanan"}
    assert failed["WBBM:H.CAPAIAN"] == (3.75, pytest.approx(-1.25))
    ipak = next(c for c in s.checks if c.id == "WBK:H.IPAK")
    assert ipak.passed and ipak.required == 15.75


def test_one_area_below_minimum_blocks_the_predikat() -> None:
    model = load_model(M90)
    answers = best_answers(model)
    for item in model.items.values():
        if item.area == "I" and not item.is_ratio:
            answers[item.id] = model.questions[item.id].options[-1]
    for qid in ("R.1.i.a.j2", "R.1.i.b.j2"):
        answers[qid] = 0
    s = score(model, answers)
    assert s.official.areas["I"] == 0
    assert s.total == pytest.approx(92)  # far above 85, but area I is at 0 %
    assert s.predikat is None
    assert [c.id for c in s.failed("WBK")] == ["WBK:area:I"]
    assert [c.id for c in s.failed("WBK", RULE_HALF)] == ["WBK:half:P.1", "WBK:half:R.1"]


def test_whole_area_passes_where_a_half_fails() -> None:
    """Pemenuhan area 1 at 50 %, Reform area 1 at 100 %: the whole area is at 75 %."""
    model = load_model(M90)
    answers = best_answers(model)
    for sub_id in ("P.1.ii", "P.1.iii"):  # weights 1 + 1 of the half's 4
        for item_id in next(s for s in model.sub_areas if s.id == sub_id).items:
            answers[item_id] = model.questions[item_id].options[-1]
    s = score(model, answers)
    assert s.official.area_halves["P.1"] == pytest.approx(2.0)
    assert s.official.areas["I"] == pytest.approx(6.0)  # 75 % of 8
    assert s.predikat == "WBBM"  # the default: whole areas
    assert s.predikat_by_half is None  # P.1 is below 60 % of 4 = 2.4
    assert [c.id for c in s.failed("WBK", RULE_HALF)] == ["WBK:half:P.1"]
    assert not s.failed("WBBM", RULE_AREA)


def test_52_2014_wbk_not_wbbm() -> None:
    model = load_model(M52)
    s = score(model, with_(best_answers(model), H_IPKP=3.0))  # 15 of 20 < 16
    assert s.predikat == "WBK"
    assert s.total == pytest.approx(95)
    assert [c.id for c in s.failed("WBBM")] == ["WBBM:hasil:pelayanan"]
    assert not any(c.rule != "all" for c in s.checks)  # 52/2014 has no per-area minimum


def test_levels_and_to_dict() -> None:
    model = load_model(M90)
    s = score(model, {"P.1.i.a": "Ya"})
    levels = s.levels()
    assert levels[0].level == "total" and levels[0].weight == 100
    keys = [lv.id for lv in levels]
    assert len(keys) == len(set(keys))
    assert {lv.level for lv in levels} == {
        "total",
        "pengungkit",
        "half",
        "area_half",
        "area",
        "sub_area",
        "item",
        "hasil",
        "hasil_component",
        "hasil_item",
    }
    item = next(lv for lv in levels if lv.id == "P.1.i.b")
    assert (item.value, item.value_strict) == (None, 0.0)
    data = s.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["predikat"] is None and data["answered"] == 1


def test_scores_is_frozen() -> None:
    s = score(M52, {})
    assert isinstance(s, Scores)
    with pytest.raises(AttributeError):
        s.predikat = "WBK"  # type: ignore[misc]
