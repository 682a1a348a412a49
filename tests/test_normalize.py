"""normalize.py: what people type (options, percentages, dates, NIP, text) to values and codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rkt_excel import normalize
from rkt_excel.layout import STATUS_VALUES
from rkt_excel.normalize import (
    SYNONYMS,
    Normalised,
    is_percent_format,
    nip_plausible,
    normalize_answer,
    normalize_date,
    normalize_field,
    normalize_identity,
    normalize_nip,
    normalize_number,
    normalize_option,
    normalize_percent,
    normalize_status,
    normalize_text,
    parse_number,
    serial_to_date,
)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("Selesai", "Selesai"),
        ("selesai", "Selesai"),
        ("  SELESAI ", "Selesai"),
        ("dalam  proses", "Dalam Proses"),
        ("Dalam\u00a0Proses", "Dalam Proses"),
        ("sudah", "Selesai"),
        ("Proses", "Dalam Proses"),
        ("tidak relevan", "Tidak Relevan"),
        ("Belum.", "Belum"),
    ],
)
def test_status_spellings(typed: str, value: str) -> None:
    assert normalize_status(typed).value == value
    assert normalize_status(typed).code == ""


@pytest.mark.parametrize("typed", ["belum selesai", "n/a", "-", "Done", 1.0, True, "Selesai!"])
def test_status_refused(typed: Any) -> None:
    n = normalize_status(typed)
    assert (n.value, n.code) == (None, "invalid-option")
    assert "Selesai" in n.params["options"]


def test_every_synonym_maps_to_a_listed_value() -> None:
    assert SYNONYMS == {  # the table docs/issues.md prints
        "status": {
            "sudah": "Selesai", "sudah selesai": "Selesai", "proses": "Dalam Proses",
            "sedang proses": "Dalam Proses", "dlm proses": "Dalam Proses",
            "dalam proses": "Dalam Proses", "belum dilaksanakan": "Belum",
            "tidak relevan": "Tidak Relevan",
        },
        "yn": {"iya": "Ya", "y": "Ya", "tdk": "Tidak"},
    }  # fmt: skip
    for name, table in SYNONYMS.items():
        for typed, value in table.items():
            result = normalize_status(typed) if name == "status" else normalize_answer(typed, name)
            assert result.value == value, (name, typed)


@pytest.mark.parametrize("empty", [None, "", "   ", "\u00a0"])
def test_empty_is_no_value_and_no_code(empty: Any) -> None:
    for n in (
        normalize_status(empty),
        normalize_percent(empty),
        normalize_date(empty),
        normalize_nip(empty),
        normalize_text(empty),
        normalize_answer(empty, "yn"),
    ):
        assert (n.value, n.code) == (None, "")


@pytest.mark.parametrize(
    ("typed", "answer_type", "value", "code"),
    [
        ("ya", "yn", "Ya", ""),
        (" YA ", "yn", "Ya", ""),
        ("iya", "yn", "Ya", ""),
        ("tdk", "yn", "Tidak", ""),
        ("t", "yn", None, "invalid-option"),
        ("b", "abc", "B", ""),
        ("a.", "abcde", "A", ""),
        ("D", "abc", None, "invalid-option"),
        (12.0, "number", 12, ""),
        ("12", "number", 12, ""),
        ("2,5", "number", None, "not-a-whole-number"),
        (-1, "number", None, "out-of-range"),
        ("dua", "number", None, "not-a-number"),
        ("3,45", "score", 3.45, ""),
        (4.5, "score", None, "out-of-range"),
        ("bebas", None, "bebas", ""),
    ],
)
def test_answers(typed: Any, answer_type: str | None, value: Any, code: str) -> None:
    n = normalize_answer(typed, answer_type)
    assert (n.value, n.code) == (value, code)


def test_answer_bounds_from_the_question() -> None:
    assert normalize_answer(7, "number", maximum=5).code == "out-of-range"
    assert normalize_answer(90, "score", maximum=100).value == 90


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        (80, 80.0),
        (80.5, 80.5),
        ("80", 80.0),
        ("80%", 80.0),
        (" 80 % ", 80.0),
        ("80,5", 80.5),
        ("80.5", 80.5),
        ("0", 0.0),
        ("100,0%", 100.0),
    ],
)
def test_percentages(typed: Any, value: float) -> None:
    assert normalize_percent(typed).value == value


def test_percent_format_multiplies_numbers_only() -> None:
    assert normalize_percent(0.8, percent_format=True).value == 80
    assert normalize_percent(0.805, percent_format=True).value == 80.5
    assert normalize_percent("80", percent_format=True).value == 80  # text is as typed
    assert normalize_percent(80, percent_format=True).code == "out-of-range"  # 8000 %


@pytest.mark.parametrize(
    ("typed", "code"),
    [(150, "out-of-range"), (-1, "out-of-range"), ("delapan puluh", "not-a-number"),
     ("80 persen", "not-a-number"), (True, "not-a-number"), (float("nan"), "not-a-number")],
)  # fmt: skip
def test_percent_refused(typed: Any, code: str) -> None:
    n = normalize_percent(typed)
    assert (n.value, n.code) == (None, code)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.000,5", 1000.5), ("1,000.5", 1000.5), ("1.234.567", 1234567.0), ("-3", -3.0),
     (",5", 0.5), ("1,2,3", None), ("1.2.3,4,5", None), ("12a", None), ("inf", None)],
)  # fmt: skip
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
@settings(max_examples=30, deadline=None)
def test_percent_text_with_decimal_comma(number: Any) -> None:
    text = f"{number:f}".replace(".", ",")
    assert normalize_percent(text).value == pytest.approx(float(number))
    assert normalize_percent(text + "%").value == pytest.approx(float(number))


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        (dt.date(2019, 8, 17), dt.date(2019, 8, 17)),
        (dt.datetime(2019, 8, 17, 10, 30), dt.date(2019, 8, 17)),
        (43694.0, dt.date(2019, 8, 17)),
        (43694.75, dt.date(2019, 8, 17)),
        ("17/08/2019", dt.date(2019, 8, 17)),
        ("17-8-2019", dt.date(2019, 8, 17)),
        ("17.08.2019", dt.date(2019, 8, 17)),
        ("17/08/19", dt.date(2019, 8, 17)),
        ("2019-08-17", dt.date(2019, 8, 17)),
        ("17 Agustus 2019", dt.date(2019, 8, 17)),
        ("17 agt 2019", dt.date(2019, 8, 17)),
        ("17-Agu-2019", dt.date(2019, 8, 17)),
        ("Sabtu, 17 Agustus 2019", dt.date(2019, 8, 17)),
        ("17 August 2019", dt.date(2019, 8, 17)),
        ("Agustus 2019", dt.date(2019, 8, 1)),
        ("Februari, 2019", dt.date(2019, 2, 1)),
    ],
)
def test_dates(typed: Any, value: dt.date) -> None:
    n = normalize_date(typed)
    assert (n.value, n.code) == (value, "")


@pytest.mark.parametrize(
    "typed", ["31/02/2019", "08/17/2019", "kemarin", "17 Agustusan 2019", "2019", 1989, 2101.0]
)
def test_dates_refused(typed: Any) -> None:
    n = normalize_date(typed)
    assert (n.value, n.code) == (None, "invalid-date")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (2019, "2019"),
        (2019.0, "2019"),
        (1990, "1990"),
        (2100, "2100"),
        # The same year in a date cell: Excel shows serial 2019 as 11 July 1905.
        (dt.datetime(1905, 7, 11), "1905-07-11"),
        (dt.date(1905, 7, 11), "1905-07-11"),
    ],
)
def test_a_year_alone_is_not_a_date(typed: Any, shown: str) -> None:
    n = normalize_date(typed)
    year = typed if isinstance(typed, int | float) else 2019
    expected = (None, "year-as-date", {"value": shown, "year": year})
    assert (n.value, n.code, dict(n.params)) == expected


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        # Either side of the years read as a year alone (serials 1990..2100).
        (dt.date(1905, 6, 11), dt.date(1905, 6, 11)),  # serial 1989
        (dt.date(1905, 10, 1), dt.date(1905, 10, 1)),  # serial 2101
        (dt.date(2019, 7, 11), dt.date(2019, 7, 11)),
    ],
)
def test_dates_beside_the_years_stay_dates(typed: dt.date, value: dt.date) -> None:
    assert normalize_date(typed).value == value


def test_serial_window() -> None:
    assert serial_to_date(1) is None
    assert serial_to_date(43694) == dt.date(2019, 8, 17)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("198501012010011001", "198501012010011001"),
        ("19850101 201001 1 001", "198501012010011001"),
        ("'198501012010011001", "198501012010011001"),
        ("19850101.201001.1.001", "198501012010011001"),
    ],
)
def test_nip_text(typed: str, value: str) -> None:
    assert normalize_nip(typed).value == value


@pytest.mark.parametrize(
    ("typed", "code"),
    [(1.98501012010011e17, "nip-as-number"), (198501012010011001, "nip-as-number"),
     ("1.96509E+17", "nip-as-number"), ("1985010120100110", "invalid-nip"),
     ("19850101201001100X", "invalid-nip"),
     ("１９８５０１０１２０１００１１００１", "invalid-nip")],
)  # fmt: skip
def test_nip_refused(typed: Any, code: str) -> None:
    n = normalize_nip(typed)
    assert (n.value, n.code) == (None, code)


def test_nip_pattern() -> None:
    assert nip_plausible("198501012010011001")
    assert not nip_plausible("123456789012345678")


def test_text_kept_as_typed() -> None:
    assert normalize_text("  =SUM(A1) ").value == "  =SUM(A1) "
    assert normalize_text(123.0).value == "123"
    assert normalize_text(1.5).value == "1.5"
    assert normalize_text(dt.datetime(2019, 8, 17)).value == "2019-08-17"
    assert normalize_identity("nama_pengisi", "  Ani   Rahma ").value == "Ani Rahma"


@pytest.mark.parametrize(
    ("code", "percent"),
    [("0%", True), ("0.00%", True), ('0.0"%"', False), ("0.##", False), ("\\%0", False),
     ("[Red]0%", True), ("General", False)],
)  # fmt: skip
def test_percent_formats(code: str, percent: bool) -> None:
    assert is_percent_format(code) is percent


# --- option matching: caches start empty in every test, as in a fresh process -----------------


@pytest.fixture(autouse=True)
def fresh_option_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The option indexes are built on first use; start every test without them (mutation
    testing forks each test run from a process that has built them already)."""
    monkeypatch.setattr(normalize, "_BY_KEY", {})
    monkeypatch.setattr(normalize, "_EXACT", {})


STATUS_OPTIONS = "Belum, Dalam Proses, Selesai, Tidak Relevan"


@pytest.mark.parametrize(
    ("raw", "options", "value"),
    [
        ("A", ("A", "B", "C"), "A"),
        ("b", ("A", "B", "C"), "B"),
        (" c) ", ("A", "B", "C"), "C"),
        ("a.", ["A", "B"], "A"),  # a list of options works like a tuple
        (2, ("1", "2", "3"), "2"),
        (2.0, ("1", "2", "3"), "2"),
        ("Ya", ("Ya", "Tidak"), "Ya"),
        ("YA", ("Ya", "ya"), "Ya"),  # two options with one key: the first one wins
        ("ya", ("Ya", "ya"), "Ya"),
    ],
)
def test_option_matches(raw: Any, options: Any, value: str) -> None:
    assert normalize_option(raw, options) == Normalised(value)


@pytest.mark.parametrize(
    ("raw", "options", "listed"),
    [
        ("D", ("A", "B", "C"), "A, B, C"),
        (1.5, ("1.5", "2"), "1.5, 2"),  # only a whole number is read as text
        (True, ("Ya", "Tidak"), "Ya, Tidak"),
        (dt.date(2019, 1, 1), ("Ya", "Tidak"), "Ya, Tidak"),
        ("sudah", ("Belum", "Selesai"), "Belum, Selesai"),  # a synonym only when asked for
    ],
)
def test_option_refused_with_params(raw: Any, options: tuple[str, ...], listed: str) -> None:
    assert normalize_option(raw, options) == Normalised(
        None, "invalid-option", {"value": raw, "options": listed}
    )


def test_synonyms_are_part_of_the_index_key() -> None:
    assert normalize_status("sudah").value == "Selesai"
    refused = normalize_option("sudah", STATUS_VALUES)  # the same options, no synonyms
    assert refused == Normalised(None, "invalid-option", {"value": "sudah",
                                                         "options": STATUS_OPTIONS})  # fmt: skip
    assert normalize_option("done", STATUS_VALUES, {"done": "Selesai", "x": "Nope"}).value == (
        "Selesai"
    )
    assert normalize_option("x", STATUS_VALUES, {"x": "Nope"}).code == "invalid-option"


def test_option_lists_are_indexed_once() -> None:
    options = ("A", "B", "C")
    assert normalize_option("b", options) is normalize_option("B ", options)  # by key
    assert normalize_option("A", options) is normalize_option("A", options)  # exact pick


def test_option_caches_stop_growing() -> None:
    for n in range(300):
        options = (f"opsi {n}", "lain")
        assert normalize_option(f"OPSI {n}", options).value == f"opsi {n}"
        assert normalize_option("lain", options).value == "lain"
    assert len(normalize._BY_KEY) == len(normalize._EXACT) == 256


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 000", 1000.0), ("1\u00a0000", 1000.0), ("1 000 000", 1000000.0), (" 12 ", 12.0),
        ("1,000,000", 1000000.0), ("1.000.000", 1000000.0), ("1.000.000,25", 1000000.25),
        ("1,000,000.25", 1000000.25), ("+7", 7.0), ("7,", 7.0), (".5", 0.5), (3, 3.0),
        (2.5, 2.5),
        ("", None), ("  ", None), ("1,0000.5", None), ("1.000,000.5", None),
        ("1,000.000,5", None), ("1,00,000", None), ("9" * 400, None), (float("inf"), None),
        (True, None), (None, None), (dt.date(2019, 1, 1), None), ("1 000,5,5", None),
    ],
)  # fmt: skip
def test_parse_number_more(text: Any, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("raw", "kwargs", "expected"),
    [
        (0, {}, Normalised(0.0)),  # the default minimum 0 is allowed
        (-0.5, {}, Normalised(None, "out-of-range", {"value": "-0.5", "low": "0", "high": "∞"})),
        (-5, {"minimum": None}, Normalised(-5.0)),
        (3, {"maximum": 3}, Normalised(3.0)),
        (3.5, {"maximum": 3}, Normalised(None, "out-of-range",
                                          {"value": "3.5", "low": "0", "high": "3"})),
        (-9, {"minimum": None, "maximum": 3.5}, Normalised(-9.0)),
        (9, {"minimum": None, "maximum": 3.5},
         Normalised(None, "out-of-range", {"value": "9", "low": "-∞", "high": "3.5"})),
        (2, {"minimum": 2.5}, Normalised(None, "out-of-range",
                                          {"value": "2", "low": "2.5", "high": "∞"})),
        (2.5, {"minimum": 2.5}, Normalised(2.5)),
        ("7", {"whole": True}, Normalised(7)),
        ("7,5", {"whole": True}, Normalised(None, "not-a-whole-number", {"value": "7,5"})),
        ("tujuh", {}, Normalised(None, "not-a-number", {"value": "tujuh"})),
        (None, {}, Normalised()),
    ],
)  # fmt: skip
def test_normalize_number(raw: Any, kwargs: dict[str, Any], expected: Normalised) -> None:
    got = normalize_number(raw, **kwargs)
    assert got == expected
    assert type(got.value) is type(expected.value)  # 7, not 7.0, for a whole number


@pytest.mark.parametrize(
    ("raw", "atype", "kwargs", "expected"),
    [
        (0, "number", {}, Normalised(0)),
        (0, "score", {}, Normalised(0.0)),
        (4, "score", {}, Normalised(4.0)),  # the top of the 0-4 scale
        ("4,01", "score", {}, Normalised(None, "out-of-range",
                                         {"value": "4.01", "low": "0", "high": "4"})),
        (-0.5, "score", {}, Normalised(None, "out-of-range",
                                       {"value": "-0.5", "low": "0", "high": "4"})),
        (0, "number", {"minimum": 1}, Normalised(None, "out-of-range",
                                                 {"value": "0", "low": "1", "high": "∞"})),
        (1, "number", {"minimum": 1}, Normalised(1)),
        (0.5, "score", {"minimum": 1}, Normalised(None, "out-of-range",
                                                  {"value": "0.5", "low": "1", "high": "4"})),
        (100, "score", {"maximum": 100}, Normalised(100.0)),
        (5, "number", {"maximum": 5}, Normalised(5)),
        ("C", "abc", {}, Normalised("C")),
        ("E", "abcd", {}, Normalised(None, "invalid-option",
                                     {"value": "E", "options": "A, B, C, D"})),
        (12.0, None, {}, Normalised("12")),
    ],
)  # fmt: skip
def test_normalize_answer_bounds(
    raw: Any, atype: str | None, kwargs: dict[str, Any], expected: Normalised
) -> None:
    got = normalize_answer(raw, atype, **kwargs)
    assert got == expected
    assert type(got.value) is type(expected.value)


@pytest.mark.parametrize(
    ("raw", "fmt", "expected"),
    [
        (100, False, Normalised(100.0)),  # the top of the scale
        ("100%", False, Normalised(100.0)),
        (100.01, False, Normalised(None, "out-of-range",
                                   {"value": "100.01", "low": 0, "high": 100})),
        (101, False, Normalised(None, "out-of-range", {"value": "101", "low": 0, "high": 100})),
        (0, False, Normalised(0.0)),
        (-0.01, False, Normalised(None, "out-of-range", {"value": "-0.01", "low": 0, "high": 100})),
        (1.0, True, Normalised(100.0)),
        (1.0001, True, Normalised(None, "out-of-range",
                                  {"value": "100.01", "low": 0, "high": 100})),
        (0.12345678901234, True, Normalised(12.3456789012)),  # Excel's float noise rounded off
        ("lima", False, Normalised(None, "not-a-number", {"value": "lima"})),
        ("%", False, Normalised(None, "not-a-number", {"value": "%"})),
    ],
)  # fmt: skip
def test_percent_boundaries_and_params(raw: Any, fmt: bool, expected: Normalised) -> None:
    assert normalize_percent(raw, percent_format=fmt) == expected


# --- dates -------------------------------------------------------------------------------------


def test_serial_window_edges() -> None:
    """Serials 32874 (1990-01-01) to 73415 (2100-12-31) are dates, a fraction of a day kept."""
    assert serial_to_date(32874) == dt.date(1990, 1, 1)
    assert serial_to_date(32873.99) is None
    assert serial_to_date(73415) == dt.date(2100, 12, 31)
    assert serial_to_date(73415.99) == dt.date(2100, 12, 31)
    assert serial_to_date(73416.5) is None
    assert serial_to_date(73417) is None


def test_serial_one_day_after_the_window_is_not_a_date() -> None:
    assert serial_to_date(73416) is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("17/08/99", dt.date(2099, 8, 17)),  # two digits: 20yy
        ("17/08/00", dt.date(2000, 8, 17)),
        ("17/08/1999", dt.date(1999, 8, 17)),
        ("2019-08-17 10:30", dt.date(2019, 8, 17)),
        ("Jumat, 16 Agustus 2019", dt.date(2019, 8, 16)),
        ("Agt. 2019", dt.date(2019, 8, 1)),
        (73415, dt.date(2100, 12, 31)),
    ],
)
def test_more_dates(typed: Any, value: dt.date) -> None:
    assert normalize_date(typed) == Normalised(value)


def test_iso_date_time_text() -> None:
    assert normalize_date("2019-08-17T10:30:15") == Normalised(dt.date(2019, 8, 17))


@pytest.mark.parametrize(
    "typed", ["Libur 2019", "17 Libur 2019", "2019-02-30", "17/13/2019", True, [2019],
              float("nan"), float("inf"), 32873, 73417]
)  # fmt: skip
def test_invalid_date_params(typed: Any) -> None:
    n = normalize_date(typed)
    assert (n.value, n.code) == (None, "invalid-date")
    assert n.params["value"] is typed and list(n.params) == ["value"]


# --- NIP ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("19850101-201001-1-001", "198501012010011001"),
        ("19850101 201001 1 001 ", "198501012010011001"),
    ],
)
def test_nip_separators(typed: str, value: str) -> None:
    assert normalize_nip(typed) == Normalised(value)


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        (198501012010011001, "nip-as-number", {"value": 198501012010011001}),
        (1.98501012010011e17, "nip-as-number", {"value": 1.98501012010011e17}),
        (" 1,96509E+17", "nip-as-number", {"value": " 1,96509E+17"}),
        ("1985010120100110", "invalid-nip", {"value": "1985010120100110", "length": 18}),
        ("X198501012010011001", "invalid-nip", {"value": "X198501012010011001", "length": 18}),
        (True, "invalid-nip", {"value": True, "length": 18}),
        (dt.date(1985, 1, 1), "invalid-nip", {"value": dt.date(1985, 1, 1), "length": 18}),
    ],
)
def test_nip_refused_with_params(typed: Any, code: str, params: dict[str, Any]) -> None:
    assert normalize_nip(typed) == Normalised(None, code, params)


# An NIP is YYYYMMDD (birth) YYYYMM (appointment) S (sex, 1 or 2) NNN (serial number).
@pytest.mark.parametrize(
    ("nip", "plausible"),
    [
        ("198501012010011001", True),
        ("198512312010011001", True),  # birth month 12, day 31
        ("198513012010011001", False),  # birth month 13
        ("198500012010011001", False),  # birth month 00
        ("198501312010011001", True),  # 31 January
        ("198501322010011001", False),  # 32 January
        ("198501002010011001", False),  # day 00
        ("198512302010011001", True),  # day 30
        ("198512202010011001", True),  # day 20
        ("200002292010011001", True),  # 29 February 2000 (a leap year)
        ("198502292010011001", False),  # no 29 February in 1985
        ("198501012010121001", True),  # appointed in month 12
        ("198501012010101001", True),  # appointed in month 10
        ("198501012010131001", False),  # appointment month 13
        ("198501012010001001", False),  # appointment month 00
        ("198501012010012001", True),  # sex digit 2
        ("198501012010010001", False),  # sex digit 0
        ("198501012010013001", False),  # sex digit 3
        ("19850101201001X001", False),  # not a digit
        ("198513012010131001", False),  # birth and appointment month both wrong
        ("198513012010010001", False),
    ],
)
def test_nip_plausible_on_each_group_limits(nip: str, plausible: bool) -> None:
    assert nip_plausible(nip) is plausible


# --- text, identity and fields -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (True, "TRUE"), (False, "FALSE"), (7, "7"), (dt.date(2019, 8, 17), "2019-08-17"),
        (dt.datetime(2019, 8, 17, 10, 30), "2019-08-17T10:30:00"), (dt.time(7, 5), "07:05:00"),
        ("  a  b ", "  a  b "),
    ],
)  # fmt: skip
def test_text_of_other_values(raw: Any, value: str) -> None:
    assert normalize_text(raw) == Normalised(value)


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("nip", "19850101 201001 1 001", Normalised("198501012010011001")),
        ("nip", 198501012010011001, Normalised(None, "nip-as-number",
                                               {"value": 198501012010011001})),
        ("tanggal_pengisian", "17/08/2019", Normalised(dt.date(2019, 8, 17))),
        ("tanggal_pengisian", "kemarin", Normalised(None, "invalid-date", {"value": "kemarin"})),
        ("jabatan", "  Kepala\u00a0 Seksi ", Normalised("Kepala Seksi")),
        ("jabatan", 12.0, Normalised("12")),
        ("jabatan", None, Normalised()),
        ("unit_code", " TU ", Normalised("TU")),
    ],
)  # fmt: skip
def test_normalize_identity(key: str, raw: Any, expected: Normalised) -> None:
    assert normalize_identity(key, raw) == expected


@pytest.mark.parametrize(
    ("key", "raw", "kwargs", "expected"),
    [
        ("status", "sudah", {}, Normalised("Selesai")),
        ("status", "x", {}, Normalised(None, "invalid-option", {"value": "x",
                                                                "options": STATUS_OPTIONS})),
        ("realisasi", "17/08/2019", {}, Normalised(dt.date(2019, 8, 17))),
        ("realisasi", "x", {}, Normalised(None, "invalid-date", {"value": "x"})),
        ("capaian", 0.5, {}, Normalised(0.5)),
        ("capaian", 0.5, {"percent_format": True}, Normalised(50.0)),
        ("jawaban", "ya", {"answer_type": "yn"}, Normalised("Ya")),
        ("jawaban", "ya", {}, Normalised("ya")),
        ("jawaban", "3", {"answer_type": "number"}, Normalised(3)),
        ("keterangan", 5.0, {}, Normalised("5")),
        ("bukti_dukung", " SK.pdf ", {}, Normalised(" SK.pdf ")),
    ],
)  # fmt: skip
def test_normalize_field(key: str, raw: Any, kwargs: dict[str, Any], expected: Normalised) -> None:
    assert normalize_field(key, raw, **kwargs) == expected
