"""score(): item values, official vs strict semantics, ratios, hasil, totals and predikat."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import FrozenInstanceError

import pytest

from rkt_excel.errors import ModelError
from rkt_excel.lke import LkeModel, Threshold, load_model
from rkt_excel.score import RULE_AREA, RULE_HALF, Scores, ratio_value, score, threshold_targets

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
    """R.4.i.a: 3 of 4 sasaran reached -> 0.75; R.4.i (bobot 2, 1 item) -> 1.5. IPAK 3.6 ->
    3.6 / 4 x 17.5 = 15.75. The same numbers whether given in ``answers`` or apart."""
    together = score(M90, {"P.1.i.a": "ya", "R.4.i.a.j1": 4, "R.4.i.a.j2": 3, "H.IPAK": 3.6})
    apart = score(
        M90,
        {"P.1.i.a": "YA"},
        jumlah={"R.4.i.a.j1": 4, "R.4.i.a.j2": 3},
        hasil={"H.IPAK": 3.6},
    )
    for s in (together, apart):
        assert s.answers == {"P.1.i.a": "Ya", "R.4.i.a.j1": 4.0, "R.4.i.a.j2": 3.0, "H.IPAK": 3.6}
        assert s.items["R.4.i.a"] == 0.75
        assert s.official.sub_areas["R.4.i"] == 1.5
        assert s.official.hasil_items["H.IPAK"] == pytest.approx(15.75)
        assert s.total == pytest.approx(0.5 + 1.5 + 15.75)


def test_jumlah_and_hasil_parameters_win_on_conflicts() -> None:
    s = score(M90, {"R.4.i.a.j1": 4, "H.IPAK": 1}, jumlah={"R.4.i.a.j1": 2}, hasil={"H.IPAK": 2})
    assert (s.answers["R.4.i.a.j1"], s.answers["H.IPAK"]) == (2.0, 2.0)


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


def test_scores_is_frozen() -> None:
    s = score(M52, {})
    assert isinstance(s, Scores)
    with pytest.raises(FrozenInstanceError, match="cannot assign to field 'predikat'"):
        s.predikat = "WBK"  # type: ignore[misc]


# --- values pinned by hand ---------------------------------------------------------------------
# Sub-area weights of PermenPANRB 90/2021 Lampiran III (lke-research.md 3.3), in sheet order.
SUB_AREA_WEIGHTS_90 = {
    "P.1.i": 0.5, "P.1.ii": 1, "P.1.iii": 1, "P.1.iv": 1.5,
    "P.2.i": 1, "P.2.ii": 2, "P.2.iii": 0.5,
    "P.3.i": 0.25, "P.3.ii": 0.5, "P.3.iii": 1.25, "P.3.iv": 2, "P.3.v": 0.75, "P.3.vi": 0.25,
    "P.4.i": 2.5, "P.4.ii": 2.5,
    "P.5.i": 1.5, "P.5.ii": 1.5, "P.5.iii": 1.5, "P.5.iv": 1.5, "P.5.v": 1.5,
    "P.6.i": 1, "P.6.ii": 1, "P.6.iii": 1, "P.6.iv": 1, "P.6.v": 1,
    "R.1.i": 2, "R.1.ii": 1, "R.1.iii": 1,
    "R.2.i": 0.5, "R.2.ii": 1, "R.2.iii": 2,
    "R.3.i": 1.5, "R.3.ii": 1.5, "R.3.iii": 2,
    "R.4.i": 2, "R.4.ii": 1.5, "R.4.iii": 1.5,
    "R.5.i": 2.5, "R.5.ii": 3, "R.5.iii": 2,
    "R.6.i": 2.5, "R.6.ii": 2.5,
}  # fmt: skip
AREAS_90 = {  # id: (name, weight), PermenPANRB 90/2021
    "I": ("Manajemen Perubahan", 8),
    "II": ("Penataan Tatalaksana", 7),
    "III": ("Penataan Sistem Manajemen SDM Aparatur", 10),
    "IV": ("Penguatan Akuntabilitas", 10),
    "V": ("Penguatan Pengawasan", 15),
    "VI": ("Peningkatan Kualitas Pelayanan Publik", 10),
}
# Per-area minimums in points, area weight x 60 % (WBK) / 75 % (WBBM) (lke-research.md 5):
# MP 4.8/6.0; PT 4.2/5.25; SDM 6/7.5; AK 6/7.5; PW 9/11.25; PKPP 6/7.5. Each half of an area
# weighs half the area, so its minimum is half of these.
AREA_MIN_90 = {
    "WBK": {"I": 4.8, "II": 4.2, "III": 6.0, "IV": 6.0, "V": 9.0, "VI": 6.0},
    "WBBM": {"I": 6.0, "II": 5.25, "III": 7.5, "IV": 7.5, "V": 11.25, "VI": 7.5},
}
HALF_MIN_90 = {
    "WBK": {"1": 2.4, "2": 2.1, "3": 3.0, "4": 3.0, "5": 4.5, "6": 3.0},
    "WBBM": {"1": 3.0, "2": 2.625, "3": 3.75, "4": 3.75, "5": 5.625, "6": 3.75},
}
ROMAN = ("I", "II", "III", "IV", "V", "VI")
SOURCE_90 = "PermenPANRB 90/2021 Bab IV / Tabel 6 (p. 52-53, 58)"


def expected_checks_90() -> list[tuple[str, str, str, str, str, float, str]]:
    """(predikat, id, target, name, rule, required, certainty) of every 90/2021 check, in order:
    the thresholds of PermenPANRB 90/2021 Tabel 6 (lke-research.md 5)."""
    rows: list[tuple[str, str, str, str, str, float, str]] = []
    mins = {
        "WBK": (75, 40, 18.25, 15.75, 2.5, 14.0),
        "WBBM": (85, 48, 19.5, 15.75, 3.75, 15.75),
    }
    for p, (total, pengungkit, bersih, ipak, capaian, pelayanan) in mins.items():
        rows.append((p, f"{p}:total", "total", "Nilai total (pengungkit + hasil)", "all", total,
                     "confirmed"))  # fmt: skip
        rows.append((p, f"{p}:pengungkit", "pengungkit", "Nilai komponen pengungkit", "all",
                     pengungkit, "confirmed"))  # fmt: skip
        for a, (name, _) in AREAS_90.items():
            rows.append((p, f"{p}:area:{a}", a, f"Area {a} {name}", "area", AREA_MIN_90[p][a],
                         "uncertain"))  # fmt: skip
        for half in ("Pemenuhan", "Reform"):
            for n, (a, (name, _)) in enumerate(AREAS_90.items(), start=1):
                key = f"{half[0]}.{n}"
                rows.append((p, f"{p}:half:{key}", key, f"{half} area {a} {name}", "half",
                             HALF_MIN_90[p][str(n)], "uncertain"))  # fmt: skip
        rows += [
            (p, f"{p}:hasil:bersih", "bersih", "Komponen hasil Birokrasi yang Bersih dan Akuntabel",
             "all", bersih, "confirmed"),
            (p, f"{p}:H.IPAK", "H.IPAK", "Nilai Survei Persepsi Korupsi (Survei Eksternal)", "all",
             ipak, "confirmed"),
            (p, f"{p}:H.CAPAIAN", "H.CAPAIAN",
             "Capaian Kinerja Lebih Baik dari pada Capaian Kinerja Sebelumnya", "all", capaian,
             "confirmed"),
            (p, f"{p}:hasil:pelayanan", "pelayanan", "Komponen hasil Pelayanan Publik yang Prima",
             "all", pelayanan, "confirmed"),
        ]  # fmt: skip
    return rows


# Three answers worked by hand (lke-research.md 4.1):
#   P.1.i.a Ya -> 1; P.1.i (2 items, bobot 0.5): official AVERAGE(1) x 0.5 = 0.5,
#   strict (1 + 0) / 2 x 0.5 = 0.25.
#   H.IPAK 2.00 -> 2 / 4 x 17.5 = 8.75; H.CAPAIAN B -> 0.75 x 5 = 3.75; H.IPKP unanswered -> 0.
#   bersih 12.5, pelayanan 0, hasil 12.5; total 0.5 + 12.5 = 13.0 (strict 0.25 + 12.5 = 12.75).
SMALL = {"P.1.i.a": "Ya", "H.IPAK": 2, "H.CAPAIAN": "b"}


def test_totals_of_three_answers_by_hand() -> None:
    s = score(M90, SMALL)
    for t, p1i in ((s.official, 0.5), (s.strict, 0.25)):
        assert t.sub_areas == {k: 0.0 for k in SUB_AREA_WEIGHTS_90} | {"P.1.i": p1i}
        assert t.area_halves == {f"{h}.{n}": 0.0 for h in "PR" for n in range(1, 7)} | {"P.1": p1i}
        assert t.areas == {a: 0.0 for a in ROMAN} | {"I": p1i}
        assert t.halves == {"P": p1i, "R": 0.0}
        assert t.pengungkit == p1i
        assert t.hasil_items == {"H.IPAK": 8.75, "H.CAPAIAN": 3.75, "H.IPKP": 0.0}
        assert t.hasil_components == {"bersih": 12.5, "pelayanan": 0.0}
        assert t.hasil == 12.5
        assert t.total == 12.5 + p1i
        assert (t.value("pengungkit"), t.value("hasil"), t.value("total")) == (
            p1i,
            12.5,
            12.5 + p1i,
        )
        assert (t.value("P.1.i"), t.value("P.1"), t.value("I"), t.value("P")) == (p1i,) * 4
        assert (t.value("H.CAPAIAN"), t.value("bersih")) == (3.75, 12.5)
    with pytest.raises(KeyError, match=r"P\.9"):
        s.official.value("P.9")
    assert (s.total, s.pengungkit, s.hasil) == (13.0, 0.5, 12.5)
    assert s.answers == {"P.1.i.a": "Ya", "H.IPAK": 2.0, "H.CAPAIAN": "B"}
    assert s.items == {i: None for i in load_model(M90).items} | {"P.1.i.a": 1.0}
    assert (s.answered, s.questions, s.completeness) == (3, 127, 3 / 127)


def test_every_check_of_90_2021_with_its_minimum() -> None:
    s = score(M90, SMALL)
    got = [(c.predikat, c.id, c.target, c.name, c.rule, c.required, c.certainty) for c in s.checks]
    assert got == expected_checks_90()
    assert {c.source for c in s.checks} == {SOURCE_90}
    actual = {c.id: (c.actual, c.passed, c.margin) for c in s.checks}
    assert actual["WBK:total"] == (13.0, False, 13.0 - 75)
    assert actual["WBBM:pengungkit"] == (0.5, False, 0.5 - 48)
    assert actual["WBK:area:I"] == (0.5, False, 0.5 - 4.8)
    assert actual["WBBM:half:P.1"] == (0.5, False, 0.5 - 3.0)
    assert actual["WBK:half:R.6"] == (0.0, False, -3.0)
    assert actual["WBK:hasil:bersih"] == (12.5, False, 12.5 - 18.25)
    assert actual["WBK:H.IPAK"] == (8.75, False, 8.75 - 15.75)
    # Capaian B = 3.75 is above the WBK minimum 2.50 and exactly at the WBBM minimum 3.75.
    assert actual["WBK:H.CAPAIAN"] == (3.75, True, 1.25)
    assert actual["WBBM:H.CAPAIAN"] == (3.75, True, 0.0)
    assert actual["WBBM:hasil:pelayanan"] == (0.0, False, -15.75)
    assert [c.id for c in s.checks if c.passed] == ["WBK:H.CAPAIAN", "WBBM:H.CAPAIAN"]
    assert [c.id for c in s.checks_for("WBK")][:3] == ["WBK:total", "WBK:pengungkit", "WBK:area:I"]
    assert (
        len(s.checks_for("WBK")) == 2 + 6 + 4 and len(s.checks_for("WBK", RULE_HALF)) == 2 + 12 + 4
    )
    assert len(s.failed("WBBM")) == 11 and len(s.failed("WBBM", RULE_HALF)) == 17


def test_every_check_of_52_2014_with_its_minimum() -> None:
    """PermenPANRB 52/2014 Bab III B.4 (lke-research.md 5): no pengungkit or per-area minimum."""
    s = score(M52, {})
    assert [(c.id, c.target, c.rule, c.required, c.actual, c.passed) for c in s.checks] == [
        ("WBK:total", "total", "all", 75, 0.0, False),
        ("WBK:hasil:bersih", "bersih", "all", 18, 0.0, False),
        ("WBK:H.IPAK", "H.IPAK", "all", 13.5, 0.0, False),
        ("WBK:H.TLHP", "H.TLHP", "all", 3.5, 0.0, False),
        ("WBBM:total", "total", "all", 85, 0.0, False),
        ("WBBM:hasil:bersih", "bersih", "all", 18, 0.0, False),
        ("WBBM:H.IPAK", "H.IPAK", "all", 13.5, 0.0, False),
        ("WBBM:H.TLHP", "H.TLHP", "all", 3.5, 0.0, False),
        ("WBBM:hasil:pelayanan", "pelayanan", "all", 16, 0.0, False),
    ]


def test_levels_of_three_answers_by_hand() -> None:
    model = load_model(M90)
    levels = score(M90, SMALL).levels()
    rows = {lv.id: lv for lv in levels}
    counts = Counter(lv.level for lv in levels)
    assert counts == {
        "total": 1, "pengungkit": 1, "half": 2, "area_half": 12, "sub_area": 42, "item": 110,
        "area": 6, "hasil": 1, "hasil_component": 2, "hasil_item": 3,
    }  # fmt: skip
    assert len(rows) == len(levels) == 180

    def row(key: str) -> tuple[object, ...]:
        lv = rows[key]
        return (lv.level, lv.name, lv.weight, lv.value, lv.percent, lv.value_strict,
                lv.percent_strict)  # fmt: skip

    assert row("total") == ("total", "Nilai Evaluasi Zona Integritas", 100, 13.0, 0.13, 12.75,
                            0.1275)  # fmt: skip
    assert row("pengungkit") == ("pengungkit", "Komponen Pengungkit", 60, 0.5, 0.5 / 60, 0.25,
                                 0.25 / 60)  # fmt: skip
    assert row("P") == ("half", "Pemenuhan", 30, 0.5, 0.5 / 30, 0.25, 0.25 / 30)
    assert row("R") == ("half", "Reform", 30, 0.0, 0.0, 0.0, 0.0)
    assert row("P.1") == ("area_half", "Pemenuhan: Manajemen Perubahan", 4, 0.5, 0.125, 0.25,
                          0.0625)  # fmt: skip
    assert row("R.5") == ("area_half", "Reform: Penguatan Pengawasan", 7.5, 0.0, 0.0, 0.0, 0.0)
    assert row("P.1.i") == ("sub_area", "Penyusunan Tim Kerja", 0.5, 0.5, 1.0, 0.25, 0.5)
    assert row("P.1.ii") == ("sub_area", "Rencana Pembangunan Zona Integritas", 1, 0.0, 0.0,
                             0.0, 0.0)  # fmt: skip
    assert row("P.1.i.a") == ("item", model.items["P.1.i.a"].text, 1, 1.0, 1.0, 1.0, 1.0)
    assert row("P.1.i.b") == ("item", model.items["P.1.i.b"].text, 1, None, None, 0.0, 0.0)
    assert row("I") == ("area", "Manajemen Perubahan", 8, 0.5, 0.0625, 0.25, 0.03125)
    assert row("hasil") == ("hasil", "Komponen Hasil", 40, 12.5, 0.3125, 12.5, 0.3125)
    assert row("bersih") == ("hasil_component", "Birokrasi yang Bersih dan Akuntabel", 22.5,
                             12.5, 12.5 / 22.5, 12.5, 12.5 / 22.5)  # fmt: skip
    assert row("H.IPAK") == ("hasil_item", "Nilai Survei Persepsi Korupsi (Survei Eksternal)",
                             17.5, 8.75, 0.5, 8.75, 0.5)  # fmt: skip
    assert row("H.CAPAIAN")[2:] == (5, 3.75, 0.75, 3.75, 0.75)
    assert row("pelayanan")[1:] == ("Pelayanan Publik yang Prima", 17.5, 0.0, 0.0, 0.0, 0.0)
    assert row("H.IPKP")[2:] == (17.5, 0.0, 0.0, 0.0, 0.0)
    for key, weight in SUB_AREA_WEIGHTS_90.items():
        assert rows[key].weight == weight, key
    for a, (name, weight) in AREAS_90.items():
        assert (rows[a].name, rows[a].weight) == (name, weight)
    for h in "PR":
        for n, a in enumerate(ROMAN, start=1):
            assert rows[f"{h}.{n}"].weight == AREAS_90[a][1] / 2
    for lv in levels:  # every unanswered item: no value (official), 0 (strict)
        if lv.level == "item" and lv.id != "P.1.i.a":
            assert (lv.value, lv.percent, lv.value_strict, lv.percent_strict) == (None, None, 0, 0)
    # Sheet order: Pemenuhan area 1 and its sub-areas and items, ..., then the whole areas,
    # then hasil with its components, each followed by its inputs.
    assert [lv.id for lv in levels[:10]] == [
        "total", "pengungkit", "P", "P.1", "P.1.i", "P.1.i.a", "P.1.i.b", "P.1.ii",
        "P.1.ii.a", "P.1.ii.b",
    ]  # fmt: skip
    reform = [lv.id for lv in levels].index("R")
    assert [lv.id for lv in levels[reform : reform + 4]] == ["R", "R.1", "R.1.i", "R.1.i.a"]
    assert [lv.id for lv in levels[-12:]] == [
        "I", "II", "III", "IV", "V", "VI", "hasil", "bersih", "H.IPAK", "H.CAPAIAN",
        "pelayanan", "H.IPKP",
    ]  # fmt: skip


def test_levels_without_halves_52_2014() -> None:
    """52/2014 has no Pemenuhan/Reform: each area is followed by its sub-areas and items.
    I.1 (bobot 1, 2 items) with I.1.a = Ya: official 1 x 1 = 1, strict (1 + 0) / 2 x 1 = 0.5;
    H.TLHP 80 of 100 -> 0.8 x 5 = 4; H.IPKP 3 of 4 -> 0.75 x 20 = 15."""
    levels = score(M52, {"I.1.a": "Ya", "H.TLHP": "80", "H.IPKP": 3}).levels()
    assert Counter(lv.level for lv in levels) == {
        "total": 1, "pengungkit": 1, "area": 6, "sub_area": 23, "item": 81, "hasil": 1,
        "hasil_component": 2, "hasil_item": 3,
    }  # fmt: skip
    assert [(lv.level, lv.id) for lv in levels[:6]] == [
        ("total", "total"), ("pengungkit", "pengungkit"), ("area", "I"), ("sub_area", "I.1"),
        ("item", "I.1.a"), ("item", "I.1.b"),
    ]  # fmt: skip
    rows = {lv.id: lv for lv in levels}
    area = rows["I"]
    assert (area.name, area.weight, area.value, area.percent) == ("Manajemen Perubahan", 5, 1, 0.2)
    assert (area.value_strict, area.percent_strict) == (0.5, 0.1)
    assert [lv.id for lv in levels].index("II") > [lv.id for lv in levels].index("I.4.d")
    assert (rows["total"].value, rows["total"].value_strict) == (20.0, 19.5)
    assert (rows["H.TLHP"].weight, rows["H.TLHP"].value, rows["H.TLHP"].percent) == (5, 4, 0.8)
    assert (rows["pelayanan"].value, rows["pelayanan"].weight) == (15, 20)
    assert rows["bersih"].name == "Terwujudnya Pemerintahan yang Bersih dan Bebas KKN"


def test_to_dict_of_three_answers_by_hand() -> None:
    model = load_model(M90)
    data = score(M90, SMALL).to_dict()
    assert list(data) == [
        "model", "total", "predikat", "predikat_by_half", "answered", "questions", "completeness",
        "official", "strict", "items", "answers", "invalid", "checks",
    ]  # fmt: skip
    assert data["model"] == M90 and data["total"] == 13.0
    assert (data["predikat"], data["predikat_by_half"]) == (None, None)
    assert (data["answered"], data["questions"], data["completeness"]) == (3, 127, 3 / 127)
    for key, p1i in (("official", 0.5), ("strict", 0.25)):
        assert data[key] == {
            "total": 12.5 + p1i,
            "pengungkit": p1i,
            "hasil": 12.5,
            "halves": {"P": p1i, "R": 0.0},
            "areas": {a: 0.0 for a in ROMAN} | {"I": p1i},
            "area_halves": {f"{h}.{n}": 0.0 for h in "PR" for n in range(1, 7)} | {"P.1": p1i},
            "sub_areas": {k: 0.0 for k in SUB_AREA_WEIGHTS_90} | {"P.1.i": p1i},
            "hasil_components": {"bersih": 12.5, "pelayanan": 0.0},
            "hasil_items": {"H.IPAK": 8.75, "H.CAPAIAN": 3.75, "H.IPKP": 0.0},
        }
    assert data["items"] == {i: None for i in model.items} | {"P.1.i.a": 1.0}
    assert data["answers"] == {"P.1.i.a": "Ya", "H.IPAK": 2.0, "H.CAPAIAN": "B"}
    assert data["invalid"] == {}
    assert len(data["checks"]) == 48
    assert data["checks"][0] == {
        "predikat": "WBK",
        "id": "WBK:total",
        "target": "total",
        "name": "Nilai total (pengungkit + hasil)",
        "rule": "all",
        "required": 75.0,
        "actual": 13.0,
        "passed": False,
        "margin": -62.0,
        "certainty": "confirmed",
    }
    capaian = next(c for c in data["checks"] if c["id"] == "WBBM:H.CAPAIAN")
    assert (capaian["required"], capaian["actual"], capaian["passed"]) == (3.75, 3.75, True)
    assert json.loads(json.dumps(data)) == data
    assert score(M90, {"P.1.i.a": "x"}).to_dict()["invalid"] == {"P.1.i.a": "x"}


def test_a_blank_answer_does_not_stop_the_others() -> None:
    s = score(M90, {"P.1.i.a": "  ", "P.1.i.b": "A", "P.1.ii.a": None, "H.IPAK": ""})
    assert s.answers == {"P.1.i.b": "A"} and s.invalid == {}
    assert s.items["P.1.i.a"] is None and s.items["P.1.i.b"] == 1.0


def test_hasil_inputs_scale_to_their_weight() -> None:
    """IPAK, IPKP: score / 4 x 17.5; Capaian Kinerja: value x 5 (A..E: 1, 0.75, 0.5, 0.25, 0)."""
    s = score(M90, {"H.IPAK": "4", "H.IPKP": 0, "H.CAPAIAN": "E"})
    assert s.official.hasil_items == {"H.IPAK": 17.5, "H.CAPAIAN": 0.0, "H.IPKP": 0.0}
    s = score(M90, {"H.IPAK": 1, "H.IPKP": "3,2", "H.CAPAIAN": "A"})
    assert s.official.hasil_items == {"H.IPAK": 4.375, "H.CAPAIAN": 5.0, "H.IPKP": 14.0}
    assert s.official.hasil_components == {"bersih": 9.375, "pelayanan": 14.0}


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("total", [("all", "total", "Nilai total (pengungkit + hasil)", 0.0)]),
        ("pengungkit", [("all", "pengungkit", "Nilai komponen pengungkit", 0.0)]),
        (
            "H.IPKP",
            [("all", "H.IPKP", "Nilai Persepsi Kualitas Pelayanan (Survei Eksternal)", 0.0)],
        ),
    ],
)
def test_threshold_without_a_minimum_requires_0(
    target: str, expected: list[tuple[str, str, str, float]]
) -> None:
    threshold = Threshold("WBK", target, None, None, "test")
    assert threshold_targets(load_model(M90), threshold) == expected


def test_each_area_threshold_without_a_share_requires_0() -> None:
    rows = threshold_targets(load_model(M90), Threshold("WBK", "each-area", None, None, "test"))
    assert len(rows) == 18 and {r[3] for r in rows} == {0.0}


def test_each_area_minimums_keep_6_decimals() -> None:
    """round(weight x share, 6), as the LKE sheet's ROUND(..., 6): 7 x 0.3333333333 = 2.333333."""
    rows = threshold_targets(load_model(M90), Threshold("X", "each-area", None, 1 / 3, "test"))
    assert rows[1] == ("area", "II", "Area II Penataan Tatalaksana", 2.333333)
    assert rows[7] == ("half", "P.2", "Pemenuhan area II Penataan Tatalaksana", 1.166667)
    minimum = threshold_targets(load_model(M90), Threshold("X", "total", 75.1234567, None, "t"))
    assert minimum == [("all", "total", "Nilai total (pengungkit + hasil)", 75.123457)]


def test_threshold_on_an_unknown_hasil_component() -> None:
    bad = Threshold("WBK", "hasil:nope", 1.0, None, "test")
    with pytest.raises(ModelError, match=r"permenpanrb-90-2021: threshold on unknown hasil "
                       r"component 'nope'"):  # fmt: skip
        threshold_targets(load_model(M90), bad)
