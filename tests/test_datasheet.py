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


# --- the snapshot tables -----------------------------------------------------------------------


def test_snapshot_round_trip_of_awkward_values() -> None:
    from rkt_excel.catalogue import Text
    from rkt_excel.recap.datasheet import decode_sheet, encode_snapshot
    from rkt_excel.snapshot import (
        CellState,
        IndicatorState,
        LateAction,
        Problem,
        Snapshot,
        UnitState,
    )

    snapshot = Snapshot(
        units=(
            UnitState("TU", "Tata Usaha – “kutip”", True, "form-TU.xlsx", dt.date(2019, 8, 30),
                      "ab" * 8, 4, 3, 2, 1, 0, 5),
            UnitState("#tabel", "", False),  # a unit code that looks like the table marker
        ),
        cells=(
            CellState("TU", "I.1.a", "Selesai", dt.date(2019, 1, 2), 100.0, "A", "=SUM(A1)",
                      "baris\nkedua", True),
            CellState("TU", "I.1.b", None, None, None, 12.0, None, None, False),
            CellState("TU", "007", "Belum", None, 0.0, "1", "", None),
        ),
        indicators=(IndicatorState("I.1.a", "I", "SK", "Selesai", 50.0, "I.1.a"),
                    IndicatorState("I.1.b", "I", "RKT", "Belum Dilaporkan", None)),
        late=(LateAction("TU", "I.1.b", "RKT", "2019-02", "belum dimulai", "Belum"),),
        problems=(Problem("TU", "I", "J8", "I.1.a", "capaian", "not-a-spreadsheet", "error",
                          {"kind": Text("dokumen PDF", "a PDF document"), "n": 3}),),
    )  # fmt: skip
    rows = [[k, v] for k, v in encode(AWKWARD, AREAS, FAILED, 0.5)] + [[]]
    rows += encode_snapshot(snapshot)
    back = decode_sheet("r.xlsx", rows)
    cells = back.snapshot.cells
    assert cells[2].row_id == "007" and cells[2].jawaban == "1"  # text stays text
    assert cells[1].jawaban == 12.0 and cells[2].bukti_dukung is None  # "" reads as nothing
    assert back.snapshot == Snapshot(
        snapshot.units,
        (*cells[:2], CellState("TU", "007", "Belum", None, 0.0, "1", None, None)),
        snapshot.indicators,
        snapshot.late,
        snapshot.problems,
    )
    assert back.snapshot.problems[0].params["kind"].in_lang("en") == "a PDF document"
    assert back.office == AWKWARD.office  # the key/values above the tables are unchanged


def test_a_recap_of_format_1_reads_with_an_empty_snapshot() -> None:
    from rkt_excel.recap.datasheet import decode_sheet

    rows = [[k, v] for k, v in encode(AWKWARD, AREAS, FAILED, 0.5)]
    rows[0] = ["format", "rkt-recap/1"]
    back = decode_sheet("lama.xlsx", rows)
    assert back.snapshot.empty and back.completion == 64.39


def test_a_damaged_table_is_a_recap_error() -> None:
    from rkt_excel.recap.datasheet import TABLE_MARK, decode_sheet

    rows = [[k, v] for k, v in encode(AWKWARD, AREAS, FAILED, 0.5)]
    rows += [[TABLE_MARK, "units", "banyak"]]
    with pytest.raises(RecapError, match=r"r\.xlsx: the recap's _rkt_data sheet is damaged"):
        decode_sheet("r.xlsx", rows)
    rows[-1] = [TABLE_MARK, "units", 1]
    rows += [["code", "name", "sent"], ["TU", "Tata Usaha", "ya"]]
    with pytest.raises(RecapError, match="damaged"):
        decode_sheet("r.xlsx", rows)
