"""TARGET WAKTU parser: Indonesian schedule phrases ("Februari – Desember 2019") to due months.

Pure functions, no I/O. An unparseable phrase raises ScheduleError; the template loader turns
that into a TemplateProblem naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rkt_excel.errors import ScheduleError
from rkt_excel.texts import MONTHS

# Short forms people write. Full names and longer unambiguous prefixes (4 letters or more,
# which also repairs truncations such as the seed's "Januar") are found by month_number(); every
# 3-letter prefix of a month is listed here, so shorter prefixes ("f", "ap") are never guessed.
_ABBREV = {
    "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6,
    "jul": 7, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "sep": 9, "sept": 9, "okt": 10,
    "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}  # fmt: skip
_ENGLISH = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


class ScheduleKind(StrEnum):
    """What a TARGET WAKTU phrase means."""

    DEADLINE = "deadline"  # one month: "Januari 2019"
    RANGE = "range"  # every month of a range: "Februari – Desember 2019"
    LIST = "list"  # listed months: "Juni, Desember 2019"
    ADHOC = "adhoc"  # whenever it happens: "Setiap ada pertemuan pada 2019"
    NONE = "none"  # no target given


@dataclass(frozen=True)
class Schedule:
    """A parsed TARGET WAKTU: its kind, the months it is due (1-12) and the year named."""

    kind: ScheduleKind
    months: tuple[int, ...]
    year: int | None = None

    @property
    def last_month(self) -> int | None:
        """The month by which everything should be done, or None when there is no deadline."""
        return max(self.months) if self.months else None

    def due_by(self, year: int, month: int) -> tuple[int, ...]:
        """The due months that have passed by the end of ``month`` of ``year``."""
        plan_year = self.year if self.year is not None else year
        if plan_year < year:
            return self.months
        if plan_year > year:
            return ()
        return tuple(m for m in self.months if m <= month)


def month_number(word: str) -> int | None:
    """Return 1-12 for an Indonesian (or English) month name, abbreviation or unique prefix."""
    w = word.strip().lower().rstrip(".")
    if w in _ENGLISH:
        return _ENGLISH.index(w) + 1
    if w in _ABBREV:
        return _ABBREV[w]
    if len(w) >= 4:  # a full Indonesian name is its own unique prefix
        hits = [i for i, name in enumerate(MONTHS, start=1) if name.lower().startswith(w)]
        if len(hits) == 1:
            return hits[0]
    return None


_TAG = re.compile(r"<[^>]+>")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_RANGE_WORDS = re.compile(
    r"\s*(?:\bs\s*/\s*d\b|\bsd\b|\bsampai dengan\b|\bsampai\b|\bhingga\b|\bto\b|[-–—])\s*"
)
_ADHOC = re.compile(r"\b(setiap ada|apabila|jika ada|bila ada|sewaktu|insidentil|insidental)\b")
_EVERY_MONTH = re.compile(r"\b(setiap|tiap) bulan\b")
_EVERY_QUARTER = re.compile(r"\b(setiap|tiap|per) (triwulan|tiga bulan|3 bulan)\b")
_EVERY_SEMESTER = re.compile(r"\b(setiap|tiap|per) (semester|enam bulan|6 bulan)\b")


def parse_target(text: str | None) -> Schedule:
    """Parse a TARGET WAKTU phrase.

    >>> parse_target("Februari – Desember 2019").months[:3]
    (2, 3, 4)

    Raises:
        ScheduleError: the phrase names no month rkt_excel can understand.
    """
    raw = _TAG.sub(" ", text or "")
    phrase = " ".join(raw.split()).lower()
    years = [int(m.group(0)) for m in _YEAR.finditer(phrase)]
    year = years[-1] if years else None
    rest = _YEAR.sub(" ", phrase)
    rest = re.sub(r"\b(tahun|pada|bulan|th\.?)\b", " ", rest)
    rest = re.sub(r"\bs\.d\.?", " - ", rest)  # "s.d." before dots become spaces
    rest = " ".join(rest.replace(".", " ").split()).strip(" ,;")
    if not rest and year is None:
        return Schedule(ScheduleKind.NONE, ())
    if _EVERY_MONTH.search(phrase):
        return Schedule(ScheduleKind.RANGE, tuple(range(1, 13)), year)
    if _EVERY_QUARTER.search(phrase):
        return Schedule(ScheduleKind.LIST, (3, 6, 9, 12), year)
    if _EVERY_SEMESTER.search(phrase):
        return Schedule(ScheduleKind.LIST, (6, 12), year)
    if _ADHOC.search(phrase):
        return Schedule(ScheduleKind.ADHOC, (), year)
    if not rest:
        raise ScheduleError(f"no month in {text!r}")

    normalised = _RANGE_WORDS.sub(" - ", rest)
    parts = [p.strip() for p in re.split(r"\s*(?:,|;|\bdan\b|&)\s*", normalised) if p.strip()]
    months: list[int] = []
    one_range = False  # the whole phrase is a single "from - to" range
    for part in parts:
        ends = [e.strip() for e in part.split(" - ") if e.strip()]
        nums = []
        for end in ends:
            n = month_number(end)
            if n is None:
                raise ScheduleError(f"{end!r} is not a month in {text!r}")
            nums.append(n)
        if len(nums) == 1:
            months.append(nums[0])
        elif len(nums) == 2 and nums[0] <= nums[1]:
            months.extend(range(nums[0], nums[1] + 1))
            one_range = len(parts) == 1
        else:
            raise ScheduleError(f"cannot read the range {part!r} in {text!r}")
    unique = tuple(sorted(set(months)))
    if one_range:
        kind = ScheduleKind.RANGE
    elif len(unique) == 1:
        kind = ScheduleKind.DEADLINE
    else:
        kind = ScheduleKind.LIST
    return Schedule(kind, unique, year)
