"""User text made safe for the medium it is written to: a CSV cell a spreadsheet opens.

Owns ``csv_cell``. Any writer of user text to a place where it could act (a CSV that a
spreadsheet evaluates) goes through here. No I/O.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

# A cell starting with one of these may be evaluated by a spreadsheet (OWASP CSV injection).
_INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def plain_value(value: Any) -> Any:
    """A Python scalar for a DataFrame cell: numpy numbers unwrapped, NaN/NaT/inf -> None."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(float(value)) else None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def csv_cell(value: Any) -> str:
    """One CSV cell: blanks for None/NaN, ISO dates, and text starting with = + - @ tab CR LF
    prefixed with ' so a spreadsheet never runs it (OWASP CSV injection guidance)."""
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(_INJECTION_STARTS) else text
