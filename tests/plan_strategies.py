"""Hypothesis strategies for whole plans: awkward but valid texts, any document structure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from rkt_excel.lke import load_model
from rkt_excel.template import Plan

# Letters (any script), digits, punctuation, symbols ("=", "•", "–", "&", "<"), spaces. No control
# characters (an .xlsx cannot hold most of them).
_ALPHABET = st.characters(categories=("L", "N", "P", "S", "Zs"))
TEXT = st.text(_ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool)
# Paragraphs and single texts may hold line breaks; list items may not.
MULTILINE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)
TARGETS = st.sampled_from(
    ["", "Januari 2031", "Februari – Desember 2031", "Juni, Desember 2031", "Setiap bulan",
     "Maret-Oktober 2031", "Setiap ada pertemuan pada 2031"]
)  # fmt: skip
_QUESTIONS = sorted(q.id for q in load_model("permenpanrb-90-2021").questions.values())
ROMAN = ("I", "II", "III", "IV", "V", "VI")


@st.composite
def blocks(draw: st.DrawFn) -> list[Any]:
    out: list[Any] = []
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            out.append(draw(MULTILINE))
        else:
            style = draw(st.sampled_from(["a", "1", "-"]))
            out.append({"style": style, "items": draw(st.lists(TEXT, min_size=1, max_size=3))})
    return out


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """A valid plan of year 2031 under PermenPANRB 90/2021 with random texts and structure."""
    components = []
    for cid in ROMAN[: draw(st.integers(1, 3))]:
        subareas = []
        for no in draw(st.lists(st.integers(1, 20), min_size=1, max_size=3, unique=True)):
            indicators = []
            for n in range(draw(st.integers(1, 3))):
                lke = draw(st.none() | st.sampled_from(_QUESTIONS))
                indicators.append(
                    {
                        "id": f"{cid}.{no}.{'abc'[n]}",
                        "indicator": draw(MULTILINE),
                        "actions": draw(st.lists(TEXT, max_size=3)),
                        "evidence": draw(st.lists(TEXT, max_size=3)),
                        "target": draw(TARGETS),
                        "lke": lke,
                        "lke_note": draw(TEXT) if lke is None else draw(st.just("") | TEXT),
                        "lke_suggested": draw(st.booleans()),
                        "pic": draw(st.lists(TEXT, max_size=2)),
                        "repair": draw(st.just("") | TEXT),
                    }
                )
            subareas.append({"no": no, "name": draw(TEXT), "indicators": indicators})
        components.append(
            {"id": cid, "name": draw(TEXT), "title": draw(st.just("") | TEXT), "subareas": subareas}
        )
    chapters = []
    for _ in range(draw(st.integers(0, 3))):
        sections = [
            {"number": draw(st.just("") | TEXT), "title": draw(TEXT), "body": draw(blocks())}
            for _ in range(draw(st.integers(0, 2)))
        ]
        chapters.append(
            {"number": draw(st.just("") | TEXT), "title": draw(TEXT), "body": draw(blocks()),
             "sections": sections}
        )  # fmt: skip
    if chapters and draw(st.booleans()):
        chapters[draw(st.integers(0, len(chapters) - 1))]["table"] = True
    signatories = [
        {"role": draw(TEXT), "position": draw(st.just("") | TEXT), "name": draw(TEXT),
         "nip": draw(st.just("") | st.from_regex(r"\A0[0-9]{17}\Z"))}
        for _ in range(draw(st.integers(0, 3)))
    ]  # fmt: skip
    data = {
        "format": 2,
        "id": "kantor-lain-2031",
        "version": draw(st.sampled_from(["1", "2.1"])),
        "title": draw(TEXT),
        "year": 2031,
        "regulation": "permenpanrb-90-2021",
        "created": dt.date(2031, 1, 5),
        "office": {"ministry": draw(TEXT), "region": draw(st.just("") | TEXT),
                   "name": draw(TEXT), "short_name": "", "city": draw(st.just("") | TEXT)},
        "document": {"number": draw(st.just("") | TEXT), "title": draw(TEXT),
                     "cover": draw(st.lists(TEXT, max_size=3))},
        "chapters": chapters,
        "signing": {"place": draw(st.just("") | TEXT),
                    "date": draw(st.none() | st.just(dt.date(2031, 2, 1))),
                    "team": draw(st.just("") | TEXT), "heading": draw(st.just("") | TEXT),
                    "signatories": signatories},
        "annexes": [{"title": draw(st.lists(TEXT, min_size=1, max_size=2)), "body": draw(blocks())}
                    for _ in range(draw(st.integers(0, 2)))],
        "priority_title": draw(st.lists(TEXT, max_size=2)),
        "priority_targets": draw(st.lists(MULTILINE, max_size=3)),
        "components": components,
    }  # fmt: skip
    return Plan.model_validate(data)
