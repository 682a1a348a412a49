"""One owner per value concept: the number parser, the option matcher and the blank test of
normalize.py are the ones the scoring model uses too, so a typed answer means the same thing
to the reader, the validator and score()."""

from __future__ import annotations

import pytest

from rkt_excel.form import Cell
from rkt_excel.lke import load_model
from rkt_excel.normalize import is_empty, normalize_option, normalize_percent, parse_number

# (typed, the number it means): worked out by hand from the documented rule (docs/issues.md):
# a lone "," is the Indonesian decimal comma; with both marks the last one is the decimal.
NUMBERS = [
    ("1.000,5", 1000.5),
    ("1,000.5", 1000.5),
    ("0,805", 0.805),
    ("80,5", 80.5),
    ("3,60", 3.6),
    ("1 000", 1000.0),
    ("1.234.567", 1234567.0),
    ("80,5%", None),  # a percent sign is not a plain number ...
    ("1.000.5", None),
    ("tiga", None),
    ("nan", None),
]


@pytest.mark.parametrize(("typed", "expected"), NUMBERS)
def test_parse_number(typed: str, expected: float | None) -> None:
    assert parse_number(typed) == expected


def test_a_percent_sign_is_read_by_the_percent_parser() -> None:
    assert normalize_percent("80,5%").value == 80.5  # ... it is one for CAPAIAN


@pytest.mark.parametrize(("typed", "expected"), NUMBERS)
def test_scoring_reads_numbers_as_the_reader_does(typed: str, expected: float | None) -> None:
    # H.IPAK is a 0-4 survey value in 90/2021: within its scale it is the parser's number.
    question = load_model("permenpanrb-90-2021").question("H.IPAK")
    want = expected if expected is not None and 0 <= expected <= 4 else None
    assert question.normalize(typed) == want


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ya", "Ya"), (" YA ", "Ya"), ("iya", "Ya"), ("tdk", "Tidak"), ("y", "Ya"), ("t", None)],
)
def test_scoring_matches_options_as_the_reader_does(typed: str, expected: str | None) -> None:
    question = load_model("permenpanrb-90-2021").question("P.1.i.a")
    assert question.options == ("Ya", "Tidak")
    assert question.normalize(typed) == expected
    assert (
        normalize_option(typed, ("Ya", "Tidak"), {"iya": "Ya", "y": "Ya", "tdk": "Tidak"}).value
        == expected
    )


@pytest.mark.parametrize(("raw", "blank"), [(None, True), ("", True), (" \u00a0\t", True),
                                            ("0", False), (0, False), (0.0, False)])  # fmt: skip
def test_one_blank_test(raw: object, blank: bool) -> None:
    assert is_empty(raw) is blank
    assert Cell("S", "A1", raw).empty is blank
