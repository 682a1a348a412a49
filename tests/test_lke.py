"""The packaged LKE models: counts, weights, id schemes, answer conversion and lookups."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Any

import pytest

from rkt_excel import lke
from rkt_excel.errors import ModelError
from rkt_excel.layout import ANSWER_LISTS
from rkt_excel.lke import ANSWER_TYPES, Question, available_models, load_model

M90 = "permenpanrb-90-2021"
M52 = "permenpanrb-52-2014"


@pytest.fixture(autouse=True)
def fresh_models() -> None:
    """Build the models anew in every test: load_model caches them for the whole process, and
    mutation testing forks each run from a process that has loaded them already."""
    load_model.cache_clear()


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


@pytest.mark.parametrize(
    ("model_id", "inputs"),
    [
        # Lampiran komponen hasil: the surveys (IPAK, IPKP) and, per regulation, TLHP
        # (52/2014, "penyelesaian TLHP") or the capaian kinerja (90/2021).
        ("permenpanrb-52-2014", {"H.IPAK", "H.IPKP", "H.TLHP"}),
        ("permenpanrb-90-2021", {"H.CAPAIAN", "H.IPAK", "H.IPKP"}),
    ],
)
def test_hasil_inputs(model_id: str, inputs: set[str]) -> None:
    assert load_model(model_id).hasil_inputs == inputs


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


# --- every field of a few questions, items and sub-areas, read from the packaged YAML ---------
KEMENKUMHAM_2019 = (
    "Kemenkumham 2019 (Kepmenkumham M.HH-07.OT.03.01 Tahun 2019 via SIAP ZI, Kanwil Jatim)"
)
LKE_EXCEL = "LKE ZI Excel (axxpxmd/zona_integritas, form kuesioner.xlsx)"
RATIO_NOTE = (
    "min(1, pembilang / penyebut) as in the LKE sheet; a zero denominator gives #DIV/0! in the "
    "sheet; here it counts 0 (certainty: uncertain)."
)


def test_an_option_item_question_in_full() -> None:
    assert load_model(M90).question("P.1.i.a") == Question(
        id="P.1.i.a",
        text="Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas",
        answer_type="yn",
        options=("Ya", "Tidak"),
        values=(1.0, 0.0),
        criteria="Ya, jika Tim telah dibentuk di dalam unit kerja.",
        kind="item",
        area="I",
        sub_area="P.1.i",
        half="P",
        label="a",
        item="P.1.i.a",
        data_dukung="SK Tim Kerja Pembangunan ZI Menuju WBK/ WBBM pada Satker",
        data_dukung_source=f"{KEMENKUMHAM_2019}, data dukung of the 52/2014 question I.1.a",
    )


def test_a_jumlah_question_in_full() -> None:
    assert load_model(M90).question("R.1.i.a.j1") == Question(
        id="R.1.i.a.j1",
        text="Jumlah Agen Perubahan",
        answer_type="number",
        options=(),
        values=(),
        criteria="Misalkan dengan kebijakan 1 Agen 1 Perubahan Persentase diperoleh dari Jumlah "
        "Perubahan yang dibuat dibagi dengan Jumlah Agen Perubahan",
        kind="jumlah",
        area="I",
        sub_area="R.1.i",
        half="R",
        item="R.1.i.a",
        minimum=0.0,
        maximum=None,
        role="den",
        note=RATIO_NOTE,
    )


def test_hasil_questions_in_full() -> None:
    model = load_model(M90)
    assert model.question("H.IPAK") == Question(
        id="H.IPAK",
        text="Nilai Survei Persepsi Korupsi (Survei Eksternal)",
        answer_type="score",
        options=(),
        values=(),
        criteria="Diisi dengan nilai hasil Survei Eksternal atas Persepsi Anti Korupsi (Indeks "
        "Persepsi Anti Korupsi / IPAK)",
        kind="hasil",
        area="",
        sub_area="bersih",
        half="",
        weight=17.5,
        minimum=0.0,
        maximum=4.0,
        note="nilai = skor survei (0-4) / 4 x 17,5",
        source=f"PermenPANRB 90/2021 Lampiran III (LKE); {LKE_EXCEL} row 202 (=K202/4*H202)",
    )
    capaian = model.question("H.CAPAIAN")
    assert (capaian.kind, capaian.answer_type, capaian.options, capaian.values) == (
        "hasil", "abcde", ("A", "B", "C", "D", "E"), (1.0, 0.75, 0.5, 0.25, 0.0)
    )  # fmt: skip
    assert (capaian.weight, capaian.minimum, capaian.maximum, capaian.item) == (5, None, None, "")
    assert (capaian.sub_area, capaian.area, capaian.half, capaian.label) == ("bersih", "", "", "")
    assert (capaian.certainty, capaian.note) == ("confirmed", "nilai = nilai jawaban A-E x 5")
    assert (capaian.data_dukung, capaian.petunjuk) == ("", "")
    assert capaian.source == f"PermenPANRB 90/2021 Lampiran III (LKE); {LKE_EXCEL} row 203"
    tlhp = load_model(M52).question("H.TLHP")  # its own 0-100 scale overrides the 0-4 default
    assert (tlhp.minimum, tlhp.maximum, tlhp.weight, tlhp.certainty) == (0, 100, 5, "uncertain")
    assert (tlhp.source, tlhp.note) == (
        "PermenPANRB 52/2014", "Weight 5 and nilai = persen / 100 x 5 are inferred."
    )  # fmt: skip


def test_a_52_2014_question_with_petunjuk_and_counterpart() -> None:
    q = load_model(M52).question("I.1.a")
    assert (q.kind, q.area, q.sub_area, q.half, q.label, q.item) == (
        "item", "I", "I.1", "", "a", "I.1.a"
    )  # fmt: skip
    assert (q.counterpart, q.certainty, q.data_dukung_source, q.source) == (
        "P.1.i.a", "uncertain", "", ""
    )  # fmt: skip
    assert q.petunjuk.startswith("a. Membuat undangan pembentukan Tim kerja WBK / WBBM, b. ")
    assert q.note.startswith("Answer type and criteria taken from the matching 90/2021")


def test_ratio_items_in_full() -> None:
    model = load_model(M90)
    lhkpn = model.item("R.5.iii.a")
    assert (lhkpn.answer_type, lhkpn.rule, lhkpn.label, lhkpn.text) == (
        "ratio", "share", "a", "Persentase penyampaian LHKPN"
    )  # fmt: skip
    assert (lhkpn.area, lhkpn.sub_area, lhkpn.half) == ("V", "R.5.iii", "R")
    assert lhkpn.inputs == ("R.5.iii.a.j1", "R.5.iii.a.j2", "R.5.iii.a.j3", "R.5.iii.a.j4")
    assert lhkpn.numerator == ("R.5.iii.a.j4",)
    assert lhkpn.denominator == ("R.5.iii.a.j1", "R.5.iii.a.j2", "R.5.iii.a.j3")
    assert (lhkpn.previous, lhkpn.current) == ("", "")
    assert lhkpn.note.startswith(RATIO_NOTE + " The total 'Jumlah yang harus melaporkan'")
    assert lhkpn.criteria.startswith("Kewajiban Penyelenggara Negara untuk melaporkan harta")
    disiplin = model.item("R.3.iii.a")
    assert (disiplin.rule, disiplin.previous, disiplin.current) == (
        "decrease", "R.3.iii.a.j1", "R.3.iii.a.j2"
    )  # fmt: skip
    assert (disiplin.numerator, disiplin.denominator) == ((), ())
    assert (lhkpn.id, disiplin.id) == ("R.5.iii.a", "R.3.iii.a")
    roles = {q: model.question(q).role for q in disiplin.inputs}
    assert roles == {"R.3.iii.a.j1": "prev", "R.3.iii.a.j2": "cur", "R.3.iii.a.j3": "info"}
    option = model.item("P.1.i.a")
    assert (option.answer_type, option.rule, option.inputs, option.note) == ("yn", "", (), "")
    assert option.criteria == "Ya, jika Tim telah dibentuk di dalam unit kerja."
    assert (option.id, option.label, option.text) == (
        "P.1.i.a", "a", "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"
    )  # fmt: skip
    assert load_model(M52).item("I.1.a").note.startswith("Answer type and criteria taken from")


def test_sub_areas_hasil_and_thresholds_in_full() -> None:
    model = load_model(M90)
    first = model.sub_areas[0]
    assert (first.id, first.half, first.area, first.label, first.name, first.weight) == (
        "P.1.i", "P", "I", "i", "Penyusunan Tim Kerja", 0.5
    )  # fmt: skip
    assert (first.items, first.certainty, first.note) == (("P.1.i.a", "P.1.i.b"), "confirmed", "")
    assert first.source == f"PermenPANRB 90/2021 Lampiran III (LKE); {LKE_EXCEL} row 8"
    bersih = model.hasil[0]
    assert (bersih.id, bersih.name, bersih.weight, bersih.items, bersih.note) == (
        "bersih", "Birokrasi yang Bersih dan Akuntabel", 22.5, ("H.IPAK", "H.CAPAIAN"), ""
    )  # fmt: skip
    assert bersih.source == "PermenPANRB 90/2021 Lampiran III (LKE); PermenPANRB 90/2021 Tabel 4"
    assert [(h.id, h.name, h.weight) for h in model.halves] == [
        ("P", "Pemenuhan", 30), ("R", "Reform", 30)
    ]  # fmt: skip
    assert [(a.id, a.number) for a in model.areas] == [
        ("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("VI", 6)
    ]  # fmt: skip
    assert model.areas[0].source == "PermenPANRB 90/2021 Tabel 3 and Lampiran III"
    area = next(t for t in model.thresholds if t.target == "each-area")
    assert (area.predikat, area.minimum, area.min_share, area.certainty) == (
        "WBK", None, 0.6, "uncertain"
    )  # fmt: skip
    assert area.note.startswith("Tabel 6 says 'bobot nilai minimal per area pengungkit'")
    total = model.thresholds[0]
    assert (total.predikat, total.target, total.minimum, total.min_share, total.note) == (
        "WBK", "total", 75, None, ""
    )  # fmt: skip
    assert (total.certainty, total.source) == (
        "confirmed", "PermenPANRB 90/2021 Bab IV / Tabel 6 (p. 52-53, 58)"
    )  # fmt: skip
    assert {h.source for h in model.halves} == {"PermenPANRB 90/2021 Lampiran III (LKE)"}
    assert model.sub_areas_of("I", "R") == tuple(
        s for s in model.sub_areas if s.id.startswith("R.1.")
    )
    assert [s.id for s in model.sub_areas_of("II")] == [
        "P.2.i", "P.2.ii", "P.2.iii", "R.2.i", "R.2.ii", "R.2.iii"
    ]  # fmt: skip


def test_model_header_and_answer_type_sources() -> None:
    model = load_model(M90)
    assert model.id == M90
    assert model.title == "LKE Zona Integritas menuju WBK/WBBM (PermenPANRB 90/2021)"
    assert model.regulation.startswith("Peraturan Menteri PANRB Nomor 90 Tahun 2021")
    assert model.note.startswith("Pengungkit 60 (Pemenuhan 30 + Reform 30) + Hasil 40.")
    assert model.source.startswith("PermenPANRB 90/2021 Lampiran III (LKE); LKE ZI Excel")
    assert (
        model.answer_type_sources["score"] == "PermenPANRB 90/2021 Lampiran III (LKE): Nilai (0-4)"
    )
    assert set(model.answer_type_sources) == {"yn", "abc", "abcd", "abcde", "number", "score"}
    assert load_model(M52).answer_type_sources["number"] == "not used by this model"
    assert load_model(M52).halves == ()


# --- lookups and answers -----------------------------------------------------------------------


def test_lookups() -> None:
    model = load_model(M90)
    assert model.area("III").name == "Penataan Sistem Manajemen SDM Aparatur"
    with pytest.raises(ModelError, match=r"^permenpanrb-90-2021: unknown area id 'VII'$"):
        model.area("VII")
    with pytest.raises(
        ModelError, match=r"^permenpanrb-90-2021: unknown LKE item id 'P\.1\.i\.z'$"
    ):
        model.item("P.1.i.z")
    assert model.item("R.1.i.a").is_ratio and not model.item("P.1.i.a").is_ratio
    assert model.question("H.CAPAIAN").is_option and not model.question("H.IPAK").is_option
    assert (model.pengungkit_weight, model.hasil_weight) == (60, 40)
    assert model.area_half_weight("V", "P") == 7.5


@pytest.mark.parametrize(
    ("qid", "answer", "canonical"),
    [
        ("H.IPAK", 0, 0.0), ("H.IPAK", "4", 4.0), ("H.IPAK", 4.01, None), ("H.IPAK", -0.01, None),
        ("R.1.i.a.j1", 0, 0.0), ("R.1.i.a.j1", 10**6, 1e6), ("R.1.i.a.j1", -1, None),
        ("P.1.i.a", " ya ", "Ya"), ("P.1.i.a", "TIDAK", "Tidak"), ("P.1.i.a", 1, None),
        ("P.1.i.a", "y", "Ya"), ("P.1.i.a", "a", None), ("H.CAPAIAN", "c.", "C"),
        ("H.IPAK", "  ", None), ("H.IPAK", "3,60", 3.6), ("H.IPAK", "1.000,5", None),
        ("H.IPAK", None, None),
    ],
)  # fmt: skip
def test_normalize_answers(qid: str, answer: object, canonical: object) -> None:
    assert load_model(M90).question(qid).normalize(answer) == canonical


# --- the consistency check of a packaged model -------------------------------------------------


def test_check_refuses_weights_that_do_not_add_up() -> None:
    model = load_model(M90)
    lke._check(model)  # the packaged model is consistent
    areas = (dataclasses.replace(model.areas[0], weight=9.0), *model.areas[1:])
    with pytest.raises(
        ModelError,
        match=r"^LKE model permenpanrb-90-2021 is inconsistent: "
        r"area I: sub-areas sum to 8\.0, not 9\.0; weights sum to 101\.0, not 100$",
    ):
        lke._check(dataclasses.replace(model, areas=areas))
    halves = (dataclasses.replace(model.halves[0], weight=29.0), model.halves[1])
    with pytest.raises(
        ModelError, match=r"inconsistent: half P: sub-areas sum to 30\.0, not 29\.0$"
    ):
        lke._check(dataclasses.replace(model, halves=halves))
    hasil = (dataclasses.replace(model.hasil[0], weight=22.0), model.hasil[1])
    with pytest.raises(ModelError, match=r"hasil bersih: inputs sum to 22\.5, not 22\.0; weights "
                       r"sum to 99\.5, not 100$"):  # fmt: skip
        lke._check(dataclasses.replace(model, hasil=hasil))
    q = dataclasses.replace(model.questions["P.1.i.a"], answer_type="abcdef")
    with pytest.raises(
        ModelError, match=r"inconsistent: P\.1\.i\.a: unknown answer type 'abcdef'$"
    ):
        lke._check(dataclasses.replace(model, questions={**model.questions, "P.1.i.a": q}))


def test_check_tolerates_rounding_below_a_millionth() -> None:
    model = load_model(M90)
    areas = (dataclasses.replace(model.areas[0], weight=8.0000009), *model.areas[1:])
    lke._check(dataclasses.replace(model, areas=areas))
    areas = (dataclasses.replace(model.areas[0], weight=8.0000011), *model.areas[1:])
    with pytest.raises(ModelError, match=r"area I: sub-areas sum to 8\.0, not 8\.0000011"):
        lke._check(dataclasses.replace(model, areas=areas))


# --- the YAML reader on a minimal model built in code: what an omitted key means --------------


def minimal_raw() -> dict[str, Any]:
    """The smallest model document: every optional key left out, except where noted."""
    return {
        "id": "mini",
        "title": "Mini",
        "regulation": "Peraturan Mini",
        "source": "test",
        "answer_types": {
            "yn": {"options": ["Ya", "Tidak"], "values": [1, 0], "source": "yn-src"},
            "number": {"min": 0},  # no max, no source
            "score": {"min": 1, "max": 5},
        },
        "halves": [{"id": "P", "name": "Pemenuhan", "weight": 30, "source": "h-src"},
                   {"id": "R", "name": "Reform", "weight": 30, "source": "h-src"}],
        "areas": [{"id": "I", "number": 1, "name": "Area Satu", "weight": 60, "source": "a-src"}],
        "sub_areas": [
            {"id": "P.1.i", "half": "P", "area": "I", "label": "i", "name": "Satu", "weight": 30,
             "source": "s-src",
             "items": [{"id": "P.1.i.a", "label": "a", "text": "Ada tim?", "answer_type": "yn"},
                       {"id": "P.1.i.b", "label": "b", "text": "Ada SK?", "answer_type": "yn",
                        "criteria": "Ya: ada", "note": "catatan", "source": "q-src",
                        "data_dukung": "SK", "data_dukung_source": "dd-src", "petunjuk": "p",
                        "counterpart": "X.1", "certainty": "uncertain"}]},
            {"id": "R.1.i", "half": "R", "area": "I", "label": "i", "name": "Dua", "weight": 30,
             "source": "s-src", "certainty": "uncertain", "note": "sub-note",
             "items": [{"id": "R.1.i.a", "label": "a", "text": "Persentase", "answer_type": "ratio",
                        "rule": "share",
                        "inputs": [{"id": "R.1.i.a.j1", "text": "Semua", "role": "den"},
                                   {"id": "R.1.i.a.j2", "text": "Selesai", "role": "num"}]}]},
        ],
        "hasil": [{"id": "bersih", "name": "Bersih", "weight": 40, "source": "c-src",
                   "items": [{"id": "H.A", "text": "Survei", "answer_type": "score", "weight": 30},
                             {"id": "H.B", "text": "Capaian", "answer_type": "yn", "weight": 10,
                              "min": 2, "max": 3}]}],
        "thresholds": [{"predikat": "WBK", "target": "total", "min": 75, "source": "t-src"}],
    }  # fmt: skip


def test_omitted_keys_take_their_defaults() -> None:
    model = lke._build(minimal_raw())
    lke._check(model)
    bare = model.question("P.1.i.a")
    assert (bare.criteria, bare.note, bare.source, bare.data_dukung, bare.data_dukung_source) == (
        "", "", "", "", ""
    )  # fmt: skip
    assert (bare.petunjuk, bare.counterpart, bare.certainty, bare.label) == (
        "",
        "",
        "confirmed",
        "a",
    )
    assert (bare.options, bare.values, bare.kind, bare.item) == (("Ya", "Tidak"), (1, 0), "item",
                                                                 "P.1.i.a")  # fmt: skip
    full = model.question("P.1.i.b")
    assert (full.criteria, full.note, full.source, full.data_dukung, full.data_dukung_source) == (
        "Ya: ada", "catatan", "q-src", "SK", "dd-src"
    )  # fmt: skip
    assert (full.petunjuk, full.counterpart, full.certainty) == ("p", "X.1", "uncertain")
    item = model.item("P.1.i.b")
    assert (item.id, item.label, item.text, item.criteria, item.note) == (
        "P.1.i.b", "b", "Ada SK?", "Ya: ada", "catatan"
    )  # fmt: skip
    assert (model.item("P.1.i.a").criteria, model.item("P.1.i.a").note) == ("", "")
    ratio = model.item("R.1.i.a")
    assert (ratio.id, ratio.label, ratio.text, ratio.criteria, ratio.note) == (
        "R.1.i.a", "a", "Persentase", "", ""
    )  # fmt: skip
    assert (ratio.numerator, ratio.denominator, ratio.previous, ratio.current) == (
        ("R.1.i.a.j2",), ("R.1.i.a.j1",), "", ""
    )  # fmt: skip
    jumlah = model.question("R.1.i.a.j1")
    assert (jumlah.minimum, jumlah.maximum, jumlah.criteria, jumlah.note, jumlah.role) == (
        0, None, "", "", "den"
    )  # fmt: skip
    score_q = model.question("H.A")  # the score type's bounds
    assert (score_q.minimum, score_q.maximum, score_q.criteria, score_q.note) == (1, 5, "", "")
    assert (score_q.source, score_q.certainty, score_q.weight, score_q.sub_area) == (
        "", "confirmed", 30, "bersih"
    )  # fmt: skip
    option_hasil = model.question("H.B")  # an option hasil input keeps its options
    assert (option_hasil.options, option_hasil.kind, option_hasil.weight) == (
        ("Ya", "Tidak"), "hasil", 10
    )  # fmt: skip
    subs = model.sub_areas
    assert [(s.certainty, s.note, s.source) for s in subs] == [
        ("confirmed", "", "s-src"), ("uncertain", "sub-note", "s-src")
    ]  # fmt: skip
    assert [(c.note, c.source) for c in model.hasil] == [("", "c-src")]
    assert [(h.source, h.weight) for h in model.halves] == [("h-src", 30), ("h-src", 30)]
    (threshold,) = model.thresholds
    assert (threshold.certainty, threshold.note, threshold.min_share, threshold.source) == (
        "confirmed", "", None, "t-src"
    )  # fmt: skip
    assert (model.note, model.source, model.title, model.regulation) == (
        "", "test", "Mini", "Peraturan Mini"
    )  # fmt: skip
    assert model.answer_type_sources == {"yn": "yn-src", "number": "", "score": ""}


def test_a_hasil_score_input_with_its_own_bounds() -> None:
    raw = minimal_raw()
    raw["hasil"][0]["items"][0].update(min=0, max=100, criteria="c", note="n", source="s",
                                       certainty="uncertain")  # fmt: skip
    raw["hasil"][0]["note"] = "catatan komponen"
    model = lke._build(raw)
    assert model.hasil[0].note == "catatan komponen"
    q = model.question("H.A")
    assert (q.minimum, q.maximum, q.criteria, q.note, q.source, q.certainty) == (
        0, 100, "c", "n", "s", "uncertain"
    )  # fmt: skip


def test_a_number_type_with_a_maximum() -> None:
    raw = minimal_raw()
    raw["answer_types"]["number"]["max"] = 99
    raw["sub_areas"][1]["items"][0].update(criteria="rumus", note="catatan")
    model = lke._build(raw)
    q = model.question("R.1.i.a.j2")
    assert (q.minimum, q.maximum, q.criteria, q.note) == (0, 99, "rumus", "catatan")
    assert (model.item("R.1.i.a").criteria, model.item("R.1.i.a").note) == ("rumus", "catatan")


def test_check_names_the_half_whose_sub_areas_do_not_add_up() -> None:
    raw = minimal_raw()
    raw["sub_areas"][0]["weight"] = 31  # Pemenuhan now 31, Reform still 30
    with pytest.raises(
        ModelError,
        match=r"^LKE model mini is inconsistent: area I: sub-areas sum "
        r"to 61\.0, not 60\.0; half P: sub-areas sum to 31\.0, not 30\.0$",
    ):
        lke._check(lke._build(raw))  # fmt: skip


def test_check_tolerates_a_difference_of_exactly_a_millionth() -> None:
    """The tolerance is strict: a half, an area or a hasil component of weight 0.000001 with
    nothing in it (a difference of exactly 1e-6, which floats can hold only near 0) passes."""
    extra = {
        "halves": {"id": "X", "name": "Lain", "weight": 1e-6, "source": "x"},
        "areas": {"id": "II", "number": 2, "name": "Dua", "weight": 1e-6, "source": "x"},
        "hasil": {"id": "lain", "name": "Lain", "weight": 1e-6, "source": "x", "items": []},
    }
    for table, entry in extra.items():
        raw = minimal_raw()
        raw[table].append(entry)
        lke._check(lke._build(raw))
