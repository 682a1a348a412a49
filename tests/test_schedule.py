"""TARGET WAKTU parser: every phrase shape of the seed, and the awkward ones people write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rkt_excel.errors import ScheduleError
from rkt_excel.schedule import MONTHS, Schedule, ScheduleKind, month_number, parse_target

ALL = tuple(range(1, 13))


@pytest.mark.parametrize(
    ("phrase", "kind", "months"),
    [
        ("Januari 2019", ScheduleKind.DEADLINE, (1,)),
        ("Februari – Desember 2019", ScheduleKind.RANGE, tuple(range(2, 13))),
        ("Januari – Desember 2019", ScheduleKind.RANGE, ALL),
        ("Januari s/d Desember 2019", ScheduleKind.RANGE, ALL),
        ("<p>Januari s/d Desember 2019</p>", ScheduleKind.RANGE, ALL),
        ("Maret-Oktober 2019", ScheduleKind.RANGE, tuple(range(3, 11))),
        ("Juni, Desember 2019", ScheduleKind.LIST, (6, 12)),
        ("Januari, Desember 2019", ScheduleKind.LIST, (1, 12)),
        ("April, Juli, Oktober, Desember 2019", ScheduleKind.LIST, (4, 7, 10, 12)),
        ("Setiap ada pertemuan pada 2019", ScheduleKind.ADHOC, ()),
        ("", ScheduleKind.NONE, ()),
        ("   ", ScheduleKind.NONE, ()),
        ("Januar 2019", ScheduleKind.DEADLINE, (1,)),  # the seed's typo
        ("Juni dan Desember 2019", ScheduleKind.LIST, (6, 12)),
        ("Jan sd Mar 2019", ScheduleKind.RANGE, (1, 2, 3)),
        ("Januari s.d. Juni 2019", ScheduleKind.RANGE, tuple(range(1, 7))),
        ("Setiap bulan", ScheduleKind.RANGE, ALL),
        ("Setiap triwulan 2019", ScheduleKind.LIST, (3, 6, 9, 12)),
        ("Setiap semester", ScheduleKind.LIST, (6, 12)),
        ("DESEMBER 2019", ScheduleKind.DEADLINE, (12,)),
    ],
)
def test_phrases(phrase: str, kind: ScheduleKind, months: tuple[int, ...]) -> None:
    parsed = parse_target(phrase)
    assert parsed.kind is kind
    assert parsed.months == months


def test_year_is_kept() -> None:
    assert parse_target("Juli 2019").year == 2019
    assert parse_target("Juli").year is None


@pytest.mark.parametrize("phrase", ["Foo 2019", "Desember - Januari 2019", "Ma 2019", "??"])
def test_unparseable(phrase: str) -> None:
    with pytest.raises(ScheduleError):
        parse_target(phrase)


def test_due_by() -> None:
    s = parse_target("April, Juli, Oktober, Desember 2019")
    assert s.due_by(2019, 8) == (4, 7)
    assert s.due_by(2020, 1) == (4, 7, 10, 12)
    assert s.due_by(2018, 12) == ()
    assert Schedule(ScheduleKind.ADHOC, ()).last_month is None


def test_month_prefixes_are_unique() -> None:
    assert month_number("Ju") is None  # Juni or Juli: ambiguous, refused
    assert month_number("Agt") == 8
    assert month_number("Sept.") == 9


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["-", "–", " s/d ", " sampai "]))
def test_any_range(a: int, b: int, sep: str) -> None:
    lo, hi = min(a, b), max(a, b)
    parsed = parse_target(f"{MONTHS[lo - 1]}{sep}{MONTHS[hi - 1]} 2024")
    assert parsed.months == tuple(range(lo, hi + 1))
