"""The packaged LKE models: counts, weights, id schemes, answer conversion and lookups."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from rkt_excel.errors import ModelError
from rkt_excel.layout import ANSWER_LISTS
from rkt_excel.lke import ANSWER_TYPES, available_models, load_model

M90 = "permenpanrb-90-2021"
M52 = "permenpanrb-52-2014"


def test_available_models_current_first() -> None:
    assert available_models() == [M90, M52]


def test_load_model_is_cached() -> None:
    assert load_model(M90) is load_model(M90)


def test_unknown_model_lists_known_ids() -> None:
    with pytest.raises(ModelError, match="known models: permenpanrb-90-2021, permenpanrb-52-2014"):
        load_model("permenpanrb-10-2019")
    with pytest.raises(KeyError, match="unknown LKE model 'nope'"):  # ModelError is a KeyError
        load_model("nope")


def test_unknown_question_id() -> None:
    model = load_model(M90)
    assert model.has_question("P.1.i.a")
    assert not model.has_question("P.9.i.a")
    with pytest.raises(ModelError, match=r"unknown LKE question id 'P\.9\.i\.a'"):
        model.question("P.9.i.a")


def test_90_2021_counts() -> None:
    model = load_model(M90)
    items = list(model.items.values())
    assert sum(1 for i in items if i.half == "P") == 87
    assert sum(1 for i in items if i.half == "R") == 23
    assert sum(1 for i in items if i.is_ratio) == 8
    kinds = Counter(q.kind for q in model.questions.values())
    assert kinds == {"item": 102, "jumlah": 22, "hasil": 3}
    # Official Lampiran III answer-type counts (incl. the hasil item Capaian Kinerja, A-E).
    types = Counter(q.answer_type for q in model.questions.values() if q.is_option)
    assert types == {"yn": 17, "abc": 36, "abcd": 33, "abcde": 17}
    assert len([s for s in model.sub_areas if s.half == "P"]) == 25
    assert len([s for s in model.sub_areas if s.half == "R"]) == 17


def test_90_2021_weights() -> None:
    model = load_model(M90)
    assert [a.weight for a in model.areas] == [8, 7, 10, 10, 15, 10]
    for area in model.areas:
        assert model.area_half_weight(area.id, "P") == pytest.approx(area.weight / 2)
        assert model.area_half_weight(area.id, "R") == pytest.approx(area.weight / 2)
    assert model.pengungkit_weight == pytest.approx(60)
    assert model.hasil_weight == pytest.approx(40)
    assert {q: model.questions[q].weight for q in ("H.IPAK", "H.CAPAIAN", "H.IPKP")} == {
        "H.IPAK": 17.5,
        "H.CAPAIAN": 5,
        "H.IPKP": 17.5,
    }


def test_90_2021_id_scheme() -> None:
    model = load_model(M90)
    pattern = re.compile(r"^(P\.[1-6]\.[ivx]+\.[a-h]|R\.[1-6]\.[ivx]+\.[a-h](\.j\d)?|H\.[A-Z]+)$")
    assert all(pattern.match(q) for q in model.questions), [
        q for q in model.questions if not pattern.match(q)
    ]
    q = model.question("R.5.iii.b.j4")
    assert (q.kind, q.answer_type, q.item, q.role) == ("jumlah", "number", "R.5.iii.b", "num")
    assert q.options == () and q.minimum == 0
    assert model.item("R.5.iii.b").text == "Persentase penyampaian LHKASN"


def test_lhkpn_lhkasn_follow_the_regulation() -> None:
    sub = next(s for s in load_model(M90).sub_areas if s.id == "R.5.iii")
    assert sub.weight == 2 and sub.items == ("R.5.iii.a", "R.5.iii.b")
    assert "ignores LHKASN" in sub.note


def test_52_2014_structure() -> None:
    model = load_model(M52)
    assert [a.weight for a in model.areas] == [5, 5, 15, 10, 15, 10]
    assert len(model.sub_areas) == 23
    assert len(model.items) == 81
    assert Counter(q.kind for q in model.questions.values()) == {"item": 81, "hasil": 3}
    for area in model.areas:
        assert sum(s.weight for s in model.sub_areas_of(area.id)) == pytest.approx(area.weight)
    assert model.pengungkit_weight + model.hasil_weight == pytest.approx(100)
    assert all(s.certainty == "uncertain" for s in model.sub_areas)
    scaled = [s.id for s in model.sub_areas if "Scaled" in s.note]
    assert scaled == ["II.1", "II.2", "II.3"]  # Kemenkumham sub-weights sum to 4 there, not 5


@pytest.mark.parametrize("qid", ["I.1.a", "I.2.c", "III.5.a", "VI.3.c", "III.6.a", "V.4.d"])
def test_52_2014_question_ids(qid: str) -> None:
    assert load_model(M52).has_question(qid)


def test_52_2014_id_scheme_and_data_dukung() -> None:
    model = load_model(M52)
    assert all(re.match(r"^(I|II|III|IV|V|VI)\.\d\.[a-h]$", q) for q in model.items)
    assert model.question("I.1.a").data_dukung.startswith("SK Tim Kerja")
    assert model.question("I.1.a").counterpart == "P.1.i.a"
    assert model.question("III.5.a").text.startswith("Aturan disiplin")
    assert model.question("V.3.b").counterpart == "P.5.iii.b"  # overridden text match


def test_answer_types_match_layout_lists() -> None:
    for mid in available_models():
        for q in load_model(mid).questions.values():
            assert q.answer_type in ANSWER_TYPES
            if q.is_option:
                assert q.options == ANSWER_LISTS[q.answer_type]
                assert q.criteria or q.note  # every question shows criteria or says why not


@pytest.mark.parametrize(
    ("atype", "expected"),
    [
        ("P.1.i.a", {"Ya": 1, "tidak": 0}),
        ("P.1.i.b", {"A": 1, "b": 0.5, "C": 0}),
        ("P.1.iii.a", {"A": 1, "B": 0.67, "C": 0.33, "D": 0}),
        ("P.2.i.b", {"A": 1, "B": 0.75, "C": 0.5, "D": 0.25, " e ": 0}),
    ],
)
def test_answer_conversion(atype: str, expected: dict[str, float]) -> None:
    q = load_model(M90).question(atype)
    assert {a: q.value_of(a) for a in expected} == expected
    assert q.value_of("F") is None and q.value_of("") is None and q.value_of(1) is None


def test_number_inputs() -> None:
    model = load_model(M90)
    assert model.question("H.IPAK").value_of("3,60") == 3.6
    assert model.question("H.IPAK").value_of(4.5) is None  # beyond the 0-4 scale
    assert model.question("R.1.i.a.j1").value_of(-1) is None
    assert model.question("R.1.i.a.j1").value_of(True) is None
