"""The as-of policy: the one date every rule about time is judged on (lateness, future dates).

Owns ``resolve_as_of``, used alike by the library (``collect``, ``consolidate``) and the CLI, so
the same forms are judged the same way whoever asks, and the choice of a reporting period when
none is named (``default_period``: the latest returns folder; ``distribution_period``: the month
after the latest recap). Periods themselves are ``periods.py``'s. Pure: the clock is a
parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rkt_excel.periods import Period


def year_end(year: int) -> dt.date:
    """31 December of ``year``."""
    return dt.date(year, 12, 31)


def resolve_as_of(
    plan_year: int,
    *,
    given: dt.date | None = None,
    period_end: dt.date | None = None,
    form_dates: Iterable[dt.date | None] = (),
    today: dt.date | None = None,
) -> dt.date:
    """The as-of date.

    1. ``given`` (``--as-of``), as given;
    2. else ``period_end``, the last day of the reporting period being consolidated;
    3. else the latest tanggal pengisian among ``form_dates`` that is not after the plan year;
    4. else 31 December of the plan year.

    Steps 2-4 are never later than ``today`` (default: the clock): a period or a plan year
    that has not ended yet is judged as of today. A past year's plan is therefore never judged
    as of today, and the same forms give the same date on any later day.
    """
    if given is not None:
        return given
    end = year_end(plan_year)
    if period_end is not None:
        found = period_end
    else:
        dates = [d for d in form_dates if d is not None and d <= end]
        found = max(dates, default=end)
    now = today if today is not None else dt.date.today()
    return min(found, now)


def period_as_of(
    plan_year: int,
    period: Period | None,
    *,
    given: dt.date | None = None,
    form_dates: Iterable[dt.date | None] = (),
    today: dt.date | None = None,
) -> dt.date:
    """``resolve_as_of`` for the returns of ``period`` (its last day), or of no period."""
    return resolve_as_of(
        plan_year,
        given=given,
        period_end=period.last_day if period is not None else None,
        form_dates=form_dates,
        today=today,
    )


def clamp_to_year(period: Period, plan_year: int) -> Period:
    """``period`` moved into the plan year: January before it, December after it."""
    if period.year < plan_year:
        return Period(plan_year, 1)
    if period.year > plan_year:
        return Period(plan_year, 12)
    return period


def default_period(
    given: Period | None, returned: Iterable[Period], plan_year: int
) -> Period | None:
    """The period a command works on when none is named: ``given`` (``--period``); else the
    latest period with a returns folder in the plan year (any year if none is in it); else
    None (the caller says there is nothing to read)."""
    if given is not None:
        return given
    found = sorted(returned)
    in_year = [p for p in found if p.year == plan_year] or found
    return in_year[-1] if in_year else None


def distribution_period(
    given: Period | None,
    recaps: Iterable[Period],
    plan_year: int,
    *,
    today: dt.date | None = None,
) -> Period:
    """The period forms are distributed for when none is named: ``given``; else the month
    after the latest recap of the plan year (December stays December); else this month when
    it is in the plan year, else January of the plan year (never "today" for another year)."""
    if given is not None:
        return given
    done = [p for p in recaps if p.year == plan_year]
    if done:
        return clamp_to_year(max(done).next, plan_year)
    now = Period.of(today if today is not None else dt.date.today())
    return now if now.year == plan_year else Period(plan_year, 1)
