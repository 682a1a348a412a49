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


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("Foo 2019", "'foo' is not a month in 'Foo 2019'"),
        ("Ma 2019", "'ma' is not a month in 'Ma 2019'"),
        ("??", "'\\?\\?' is not a month in '\\?\\?'"),
        ("Desember - Januari 2019", "cannot read the range 'desember - januari' in 'Desember - "),
        ("Januari - Maret - Juni 2019", "cannot read the range 'januari - maret - juni' in "),
        ("Desember 2018 - Januari 2019", "cannot read the range 'desember - januari' in "),
        ("2019", "no month in '2019'"),
        ("; 2019", "no month in '; 2019'"),
        ("Tahun 2019", "no month in 'Tahun 2019'"),
    ],
)
def test_unparseable(phrase: str, message: str) -> None:
    with pytest.raises(ScheduleError, match=f"^{message}"):
        parse_target(phrase)


@pytest.mark.parametrize(
    ("phrase", "kind", "months", "year"),
    [
        # The year of a recurring or ad-hoc phrase is kept like any other.
        ("Setiap bulan 2018", ScheduleKind.RANGE, ALL, 2018),
        ("Tiap bulan", ScheduleKind.RANGE, ALL, None),
        ("Setiap triwulan 2020", ScheduleKind.LIST, (3, 6, 9, 12), 2020),
        ("per 3 bulan", ScheduleKind.LIST, (3, 6, 9, 12), None),
        ("Setiap semester 2021", ScheduleKind.LIST, (6, 12), 2021),
        ("tiap enam bulan 2019", ScheduleKind.LIST, (6, 12), 2019),
        ("Apabila ada kegiatan 2017", ScheduleKind.ADHOC, (), 2017),
        ("Insidentil", ScheduleKind.ADHOC, (), None),
        # Filler words and dots are not months.
        ("Desember tahun 2019", ScheduleKind.DEADLINE, (12,), 2019),
        ("Pada bulan Juni 2019", ScheduleKind.DEADLINE, (6,), 2019),
        ("Desember th. 2019", ScheduleKind.DEADLINE, (12,), 2019),
        ("Desember 2019.", ScheduleKind.DEADLINE, (12,), 2019),
        ("Desember, 2019", ScheduleKind.DEADLINE, (12,), 2019),
        ("Jan.-Mar. 2019", ScheduleKind.RANGE, (1, 2, 3), 2019),
        # The last year named wins; a range of one month is still a range.
        ("Juni 2018, Januari 2019", ScheduleKind.LIST, (1, 6), 2019),
        ("Maret - Maret 2019", ScheduleKind.RANGE, (3,), 2019),
        ("Maret, Maret 2019", ScheduleKind.DEADLINE, (3,), 2019),
        ("Januari - Maret, Juni 2019", ScheduleKind.LIST, (1, 2, 3, 6), 2019),
        ("Januari - Maret dan Juli - Agustus", ScheduleKind.LIST, (1, 2, 3, 7, 8), None),
        ("Juni & Desember; Maret 2019", ScheduleKind.LIST, (3, 6, 12), 2019),
        ("Januari hingga Maret 2019", ScheduleKind.RANGE, (1, 2, 3), 2019),
        ("March to May 2019", ScheduleKind.RANGE, (3, 4, 5), 2019),
    ],
)
def test_phrase_kind_months_and_year(
    phrase: str, kind: ScheduleKind, months: tuple[int, ...], year: int | None
) -> None:
    assert parse_target(phrase) == Schedule(kind, months, year)


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("Januari", 1), ("february", 2), ("Maret", 3), ("APRIL", 4), ("May", 5), ("Juni", 6),
        ("july", 7), ("August", 8), ("September", 9), ("October", 10), ("nop", 11),
        ("December", 12), ("Desember", 12), ("des.", 12), (" peb ", 2),
        # 4 letters or more: a unique prefix (the seed's "Januar"); shorter: only the short forms.
        ("janu", 1), ("Januar", 1), ("agus", 8), ("Okto", 10), ("nove", 11),
        ("jun", 6), ("jul", 7), ("agu", 8),
    ],
)  # fmt: skip
def test_month_number(word: str, month: int) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize("word", ["", " ", ".", "f", "ap", "ok", "ma", "mar x", "juli x", "X"])
def test_month_number_refuses(word: str) -> None:
    assert month_number(word) is None


def test_due_by() -> None:
    s = parse_target("April, Juli, Oktober, Desember 2019")
    assert s.due_by(2019, 8) == (4, 7)
    assert s.due_by(2019, 7) == (4, 7)  # due in July: due by the end of July
    assert s.due_by(2019, 6) == (4,)
    assert s.due_by(2020, 1) == (4, 7, 10, 12)
    assert s.due_by(2018, 12) == ()
    assert s.last_month == 12
    assert Schedule(ScheduleKind.ADHOC, ()).last_month is None


def test_due_by_without_a_year_uses_the_year_asked() -> None:
    s = parse_target("April, Juli")
    assert s.year is None
    assert s.due_by(2019, 7) == (4, 7)
    assert s.due_by(2030, 3) == ()
    assert parse_target("Maret - Mei").last_month == 5


def test_month_prefixes_are_unique() -> None:
    assert month_number("Ju") is None  # Juni or Juli: ambiguous, refused
    assert month_number("Agt") == 8
    assert month_number("Sept.") == 9


@given(st.integers(1, 12), st.integers(1, 12), st.sampled_from(["-", "–", " s/d ", " sampai "]))
def test_any_range(a: int, b: int, sep: str) -> None:
    lo, hi = min(a, b), max(a, b)
    parsed = parse_target(f"{MONTHS[lo - 1]}{sep}{MONTHS[hi - 1]} 2024")
    assert parsed.months == tuple(range(lo, hi + 1))
