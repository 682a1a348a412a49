"""The as-of policy: the one date every rule about time is judged on (lateness, future dates).

Owns ``resolve_as_of``, used alike by the library (``collect``, ``consolidate``) and the CLI, so
the same forms are judged the same way whoever asks. Pure: the clock is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


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
