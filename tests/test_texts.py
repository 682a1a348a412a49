"""Console words: numbers and dates written as people write them, errors in the user's
language. Expected texts are written out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rkt_excel.collect import load_hasil
from rkt_excel.errors import HasilError, RktError
from rkt_excel.template import load_template
from rkt_excel.texts import describe, long_date, number, percent, text


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "shown"),
    [
        (64.389, "id", 2, "64,39"),
        (64.389, "en", 2, "64.39"),
        (1234567.5, "id", 1, "1.234.567,5"),
        (1234567.5, "en", 1, "1,234,567.5"),
        (75, "id", 2, "75,00"),
        (None, "id", 2, "-"),
    ],
)
def test_number(value: float | None, lang: str, decimals: int, shown: str) -> None:
    assert number(value, lang, decimals) == shown


def test_percent_and_dates() -> None:
    assert percent(59.04, "id") == "59,0%" and percent(59.04, "en") == "59.0%"
    assert long_date(dt.date(2026, 8, 17), "id") == "17 Agustus 2026"
    assert long_date(dt.date(2026, 8, 17), "en") == "17 August 2026"


def test_text_fills_parameters() -> None:
    assert text("forms-written", "id", count=3, folder="f") == "3 formulir ditulis ke f"
    assert text("forms-written", "en", count=3, folder="f") == "Wrote 3 forms to f"


def test_keyed_errors_are_data_rendered_in_the_users_language(tmp_path: Path) -> None:
    bad = tmp_path / "hasil.yaml"
    bad.write_text("H.IPAK: tiga\n", encoding="utf-8")
    with pytest.raises(HasilError, match="is not a number") as info:
        load_hasil(bad, load_template())
    err = info.value
    assert (err.key, err.params["input"], err.params["value"]) == (
        "hasil-not-number",
        "H.IPAK",
        "tiga",
    )
    assert describe(err, "id") == f"{bad}: H.IPAK: tiga bukan angka"
    assert describe(err, "en") == f"{bad}: H.IPAK: tiga is not a number"


def test_an_unkeyed_error_is_its_text() -> None:
    assert describe(RktError("plain words"), "id") == "plain words"
    assert describe(ValueError("x"), "en") == "x"
