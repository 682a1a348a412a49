"""The _rkt_data codec on its own (rkt_excel.recap.datasheet): encode -> decode round trips of
hand-made summaries, the stored form of each kind of value, and the refusals.

The whole path through a workbook (write_recap -> read_recap) is tested in test_recap.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rkt_excel.consolidate import Summary
from rkt_excel.errors import RecapError
from rkt_excel.recap.datasheet import (
    RECAP_FORMAT,
    AreaScore,
    RecapData,
    decode,
    encode,
    summary_items,
)

AWKWARD = Summary(
    plan_id="rkt-ñ-2019",
    plan_version="1.0",  # text that looks like a number stays text
    regulation="permenpanrb-90-2021",
    office="KANTOR IMIGRASI — Sulawesi Utara 🏛",
    year=2019,
    period="Agustus 2019",
    as_of=dt.date(2019, 8, 31),
    aggregate="mean",
    forms_accepted=0,
    forms_rejected=3,
    forms_superseded=0,
    units_expected=12,
    units_missing=(),
    errors=0,
    warnings=7,
    completion=64.39,
    completion_by_component={"I": 64.39, "II": None, "Ü": 0.0},
    completion_by_unit={},
    pengungkit=None,
    hasil=0.0,
    total=1e-9,
    predikat=None,
    minimums_failed=("WBK:area:I", '=HYPERLINK("x")'),
)
AREAS = (
    AreaScore("I", "Manajemen Perubahan", 8.0, 4.25, min_wbk=4.8, min_wbbm=6.0),
    AreaScore("II", "Penataan Tatalaksana \u2013 “kutip”", 7.0, 0.0),
)
FAILED = ("WBK: Manajemen Perubahan (4.25 < 4.80)", "")


def round_trip(
    summary: Summary, areas: tuple[AreaScore, ...] = (), failed: tuple[str, ...] = ()
) -> tuple[list[tuple[str, Any]], RecapData]:
    rows = encode(summary, areas, failed, lke_completeness=0.5)
    return rows, decode("rekap.xlsx", dict(rows))


def test_round_trip_of_awkward_values() -> None:
    rows, back = round_trip(AWKWARD, AREAS, FAILED)
    assert back == RecapData(
        **{f.name: getattr(AWKWARD, f.name) for f in dataclasses.fields(Summary)},
        path="rekap.xlsx",
        areas=AREAS,
        minimums_failed_text=FAILED,
    )
    assert back.completion == 64.39 and back.as_of == dt.date(2019, 8, 31)
    assert back.pengungkit is None and back.predikat is None and back.units_missing == ()
    keys = [k for k, _ in rows]
    assert len(keys) == len(set(keys))


def test_stored_values() -> None:
    rows = dict(encode(AWKWARD, AREAS, FAILED, lke_completeness=0.5))
    assert rows["format"] == RECAP_FORMAT
    assert rows["as_of"] == "2019-08-31"  # dates as ISO text
    assert rows["year"] == 2019 and rows["completion"] == 64.39  # numbers as numbers
    assert rows["pengungkit"] is None  # blank
    assert rows["units_missing"] == "[]"  # lists and dicts as JSON, unicode kept
    assert rows["completion_by_component"] == '{"I": 64.39, "II": null, "Ü": 0.0}'
    assert json.loads(rows["areas"])[1] == {
        "id": "II",
        "name": "Penataan Tatalaksana – “kutip”",
        "weight": 7.0,
        "value": 0.0,
        "min_wbk": None,
        "min_wbbm": None,
    }
    assert rows["lke_completeness"] == 0.5


def test_sheet_order_plain_values_first() -> None:
    keys = [k for k, _ in encode(AWKWARD, AREAS, FAILED, lke_completeness=0.5)]
    assert keys[:3] == ["format", "rkt_excel_version", "plan_id"]
    assert keys.index("predikat") < keys.index("units_missing")  # JSON after the plain ones
    assert keys[-3:] == ["minimums_failed_text", "areas", "lke_completeness"]


def test_summary_items_follow_the_dataclass() -> None:
    assert [k for k, _ in summary_items(AWKWARD)] == [f.name for f in dataclasses.fields(Summary)]


def test_blank_cells_as_a_reader_gives_them() -> None:
    # openpyxl gives None for a blank cell, calamine "" and floats for every number.
    rows = dict(encode(AWKWARD, AREAS, FAILED, lke_completeness=0.5))
    as_calamine = {
        k: "" if v is None else (float(v) if type(v) is int else v) for k, v in rows.items()
    }
    back = decode("r.xlsx", as_calamine)
    assert back.pengungkit is None and back.predikat is None
    assert back.year == 2019 and isinstance(back.year, int)
    assert back.completion_by_unit == {} and back.units_missing == ()


def test_missing_keys_read_as_blank_except_as_of() -> None:
    back = decode("r.xlsx", {"format": RECAP_FORMAT, "as_of": "2019-01-31"})
    assert (back.office, back.year, back.completion, back.units_missing, back.areas) == (
        "",
        0,
        None,
        (),
        (),
    )
    with pytest.raises(RecapError, match=r"r\.xlsx: the recap's _rkt_data sheet is damaged"):
        decode("r.xlsx", {"format": RECAP_FORMAT})


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ({"format": "rkt-recap/0"}, r"r\.xlsx: recap format 'rkt-recap/0' is not 'rkt-recap/2'"),
        ({}, r"recap format None is not"),
        ({"format": RECAP_FORMAT, "as_of": "2019-01-31", "year": "dua"}, "damaged"),
        ({"format": RECAP_FORMAT, "as_of": "2019-01-31", "areas": "[{]"}, "damaged"),
        ({"format": RECAP_FORMAT, "as_of": "2019-01-31", "areas": '[{"id": "I"}]'}, "damaged"),
        ({"format": RECAP_FORMAT, "as_of": "31/01/2019"}, "damaged"),
    ],
)
def test_refusals(raw: dict[str, Any], match: str) -> None:
    with pytest.raises(RecapError, match=match):
        decode("r.xlsx", raw)


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_pct = st.none() | st.floats(0, 100, allow_nan=False)
_score = st.none() | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
_count = st.integers(0, 10**6)


@given(
    st.builds(
        Summary,
        plan_id=_text,
        plan_version=_text,
        regulation=_text,
        office=_text,
        year=st.integers(1900, 2200),
        period=_text,
        as_of=st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
        aggregate=st.sampled_from(["min", "mean"]),
        forms_accepted=_count,
        forms_rejected=_count,
        forms_superseded=_count,
        units_expected=_count,
        units_missing=st.lists(_text, max_size=5).map(tuple),
        errors=_count,
        warnings=_count,
        completion=_pct,
        completion_by_component=st.dictionaries(_text, _pct, max_size=5),
        completion_by_unit=st.dictionaries(_text, _pct, max_size=5),
        pengungkit=_score,
        hasil=_score,
        total=_score,
        predikat=st.sampled_from([None, "WBK", "WBBM"]),
        minimums_failed=st.lists(_text, max_size=5).map(tuple),
    )
)
def test_round_trip_property(summary: Summary) -> None:
    _, back = round_trip(summary)
    for f in dataclasses.fields(Summary):
        assert getattr(back, f.name) == getattr(summary, f.name), f.name
