"""Periods and the as-of policy (periods.py, asof.py): parsing, last days, the defaults of
the library and of the CLI, never "today" for a past year's plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from rkt_excel.asof import (
    default_period,
    distribution_period,
    period_as_of,
    resolve_as_of,
)
from rkt_excel.periods import Period, folder_period, label_period, latest_period, parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-08", Period(2019, 8)),
        (" 2019-08 ", Period(2019, 8)),
        ("Agustus 2019", Period(2019, 8)),
        ("agt 2019", Period(2019, 8)),
        ("31-08-2019", Period(2019, 8)),  # a date, day first, gives its month
        ("31/08/2019", Period(2019, 8)),
        ("2019-08-31", Period(2019, 8)),
        ("2019-13", None),
        ("kemarin", None),
        ("", None),
    ],
)
def test_parse_period(text: str, expected: Period | None) -> None:
    assert parse_period(text) == expected


def test_period_days_labels_and_shifts() -> None:
    assert Period(2019, 2).last_day == dt.date(2019, 2, 28)
    assert Period(2020, 2).last_day == dt.date(2020, 2, 29)
    assert Period(2019, 12).next == Period(2020, 1) and Period(2019, 1).previous == Period(2018, 12)
    assert Period(2019, 8).shift(-14) == Period(2018, 6)
    assert Period(2019, 2).day(31) == dt.date(2019, 2, 28) and Period(2019, 7).day(5).day == 5
    assert Period(2019, 8).label() == "Agustus 2019" and Period(2019, 8).label("en") == (
        "August 2019"
    )
    assert str(Period(2019, 8)) == "2019-08" and Period.parse("2019-08") == Period(2019, 8)
    assert label_period("Agustus 2019") == Period(2019, 8)
    with pytest.raises(ValueError, match="not a period"):
        Period.parse("Agustus 2019")
    with pytest.raises(ValueError, match="no such period"):
        Period(2019, 13)


def test_latest_period_of_folder_names() -> None:
    names = ["2019-06", "2019-08", "2019-07", "lama", "2019-8", ".2019-09"]
    assert latest_period(names) == Period(2019, 8)
    assert latest_period(["arsip"]) is None and folder_period("2019-00") is None


def test_period_as_of_is_the_period_end_never_after_today() -> None:
    august = Period(2019, 8)
    assert period_as_of(2019, august, today=dt.date(2026, 3, 1)) == dt.date(2019, 8, 31)
    assert period_as_of(2019, august, today=dt.date(2019, 8, 20)) == dt.date(2019, 8, 20)
    given = dt.date(2019, 9, 3)
    assert period_as_of(2019, august, given=given, today=dt.date(2026, 1, 1)) == given
    # No period: the forms' latest date of filling in the plan year, else the year's end.
    forms = [dt.date(2019, 7, 30), dt.date(2020, 1, 3), None]
    assert period_as_of(2019, None, form_dates=forms, today=dt.date(2026, 1, 1)) == dt.date(
        2019, 7, 30
    )
    assert resolve_as_of(2019, today=dt.date(2026, 1, 1)) == dt.date(2019, 12, 31)


def test_default_period_is_the_latest_returns_folder_of_the_year() -> None:
    found = [Period(2019, 6), Period(2019, 8), Period(2020, 1)]
    assert default_period(None, found, 2019) == Period(2019, 8)
    assert default_period(Period(2019, 7), found, 2019) == Period(2019, 7)  # --period wins
    assert default_period(None, [Period(2020, 1)], 2019) == Period(2020, 1)
    assert default_period(None, [], 2019) is None


def test_distribution_period() -> None:
    today = dt.date(2026, 5, 10)
    recaps = [Period(2019, 6), Period(2019, 7)]
    assert distribution_period(None, recaps, 2019, today=today) == Period(2019, 8)
    assert distribution_period(None, [Period(2019, 12)], 2019, today=today) == Period(2019, 12)
    assert distribution_period(None, [], 2019, today=today) == Period(2019, 1)  # past year
    assert distribution_period(None, [], 2026, today=today) == Period(2026, 5)  # this year
    assert distribution_period(Period(2019, 3), recaps, 2019, today=today) == Period(2019, 3)


def test_library_default_with_a_period(tmp_path: Path) -> None:
    """run_consolidation: with a period, the as-of is its end, whatever the forms say."""
    from rkt_excel.collect import run_consolidation
    from rkt_excel.template import load_template

    plan = load_template()
    empty = tmp_path / "masuk"
    empty.mkdir()
    with_period = run_consolidation([empty], plan, period=Period(2019, 8))
    assert with_period.summary.as_of == dt.date(2019, 8, 31)
    assert with_period.summary.period == "Agustus 2019"
    without = run_consolidation([empty], plan)
    assert without.summary.as_of == dt.date(2019, 12, 31)  # no forms: the plan year's end


@pytest.mark.parametrize("text", ["31-08-2019", "31/08/2019", "2019-08-31", "31.08.2019"])
def test_cli_as_of_takes_dates_as_forms_do(text: str) -> None:
    from rkt_excel.cli import _parse_date

    assert _parse_date(None, None, text) == dt.date(2019, 8, 31)  # type: ignore[arg-type]


def test_cli_bad_as_of_and_period_are_usage_errors(tmp_path: Path) -> None:
    from rkt_excel.cli import main

    runner = CliRunner()
    bad = runner.invoke(main, ["validate", str(tmp_path), "--as-of", "31-02-2019"])
    assert bad.exit_code == 2 and "'31-02-2019' bukan tanggal" in bad.output
    assert "Nilai tidak sah untuk '--as-of'" in bad.output and "HH-BB-TTTT" in bad.output
    bad = runner.invoke(main, ["validate", str(tmp_path), "--period", "bulan depan"])
    assert bad.exit_code == 2 and "'bulan depan' bukan bulan" in bad.output
    en = runner.invoke(main, ["validate", str(tmp_path), "--period", "x", "--lang", "en"])
    assert en.exit_code == 2 and "Invalid value for '--period'" in en.output
    assert "'x' is not a month: write YYYY-MM" in en.output


def test_usage_errors_are_in_the_users_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Click's commonest usage errors and ours: Indonesian by default, English with --lang en
    (or RKT_LANG=en); the exit code stays 2."""
    from rkt_excel.cli import main

    runner = CliRunner()
    unknown = runner.invoke(main, ["consolidate", str(tmp_path), "--jbos", "2"])
    assert unknown.exit_code == 2
    assert "Galat: Opsi --jbos tidak dikenal. Mungkin maksudnya --jobs?" in unknown.output
    assert "Cara pakai: " in unknown.output and " consolidate [OPTIONS]" in unknown.output
    assert "Usage:" not in unknown.output and "No such option" not in unknown.output
    monkeypatch.chdir(tmp_path)  # outside any workspace
    missing = runner.invoke(main, ["distribute"])
    assert missing.exit_code == 2 and "Galat: Opsi '--units' wajib diisi." in missing.output
    en = runner.invoke(main, ["distribute"], env={"RKT_LANG": "en"})
    assert en.exit_code == 2 and "Error: Missing option '--units'." in en.output
    assert "Usage: " in en.output and " distribute [OPTIONS]" in en.output
