"""Reporting periods: the months of a plan year a secretariat collects returns for.

Owns ``Period`` (a year and a month, written "2019-08" as the returns folders are named), its
last day, its label ("Agustus 2019"), parsing a ``--period`` (the folder spelling, or any text
the one date parser reads: "Agustus 2019", "31-08-2019") and picking the latest period among
folder names. ``asof.py`` uses it: the as-of policy stays there. Pure, no I/O, no clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rkt_excel.normalize import parse_date_text
from rkt_excel.texts import month_name

_FOLDER = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Period:
    """One month of reporting; ordered by time."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 9999:
            raise ValueError(f"no such period: {self.year}-{self.month:02d}")

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def of(cls, day: dt.date) -> Period:
        """The period a date falls in."""
        return cls(day.year, day.month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """The period of a folder spelling ("2019-08"); ValueError for anything else."""
        found = folder_period(text)
        if found is None:
            raise ValueError(f"not a period like 2019-08: {text!r}")
        return found

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The period's end: its last day (the default as-of date of its returns)."""
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def label(self, lang: str = "id") -> str:
        """The label: "Agustus 2019" (Indonesian month names; English with lang="en")."""
        return f"{month_name(self.month, lang)} {self.year}"

    def shift(self, months: int) -> Period:
        """The period ``months`` later (earlier when negative)."""
        n = self.year * 12 + self.month - 1 + months
        return Period(n // 12, n % 12 + 1)

    @property
    def previous(self) -> Period:
        return self.shift(-1)

    @property
    def next(self) -> Period:
        return self.shift(1)

    def day(self, day: int) -> dt.date:
        """Day ``day`` of the period, or its last day when the month is shorter (the 31st of
        a deadline in February is its 28th or 29th)."""
        return dt.date(self.year, self.month, min(max(day, 1), self.last_day.day))


def parse_period(text: str) -> Period | None:
    """A period from what people type: "2019-08" (the folder name), or a month or a date as
    the forms accept them ("Agustus 2019"; a date such as "31-08-2019" gives its month).
    None when it is none of these."""
    t = text.strip()
    if m := _FOLDER.match(t):
        try:
            return Period(int(m.group(1)), int(m.group(2)))
        except ValueError:
            return None
    day = parse_date_text(t)
    return Period.of(day) if day is not None else None


def folder_period(name: str) -> Period | None:
    """The period a returns folder is named for ("2019-08"), or None for any other name."""
    m = _FOLDER.match(name)
    if not m:
        return None
    try:
        return Period(int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def latest_period(names: Iterable[str]) -> Period | None:
    """The latest period among folder names; None when no name is a period."""
    found = [p for name in names if (p := folder_period(name)) is not None]
    return max(found, default=None)


def label_period(label: str) -> Period | None:
    """The period of a recap's label ("Agustus 2019"), read with the one date parser."""
    day = parse_date_text(label)
    return Period.of(day) if day is not None else None


__all__ = [
    "Period",
    "folder_period",
    "label_period",
    "latest_period",
    "parse_period",
]
