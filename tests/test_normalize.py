"""normalize.py: what people type (options, percentages, dates, NIP, text) to values and codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rkt_excel.normalize import (
    SYNONYMS,
    is_percent_format,
    nip_plausible,
    normalize_answer,
    normalize_date,
    normalize_identity,
    normalize_nip,
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
    "typed", ["31/02/2019", "08/17/2019", "kemarin", "17 Agustusan 2019", 2019, 2019.0, "2019"]
)
def test_dates_refused(typed: Any) -> None:
    n = normalize_date(typed)
    assert (n.value, n.code) == (None, "invalid-date")


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
