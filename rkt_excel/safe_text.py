"""User text made safe for the medium it is written to: a CSV cell a spreadsheet opens, a
terminal that obeys control characters.

Owns ``csv_cell`` and ``terminal_text``. Any writer of user text to a place where it could
act (a CSV that a spreadsheet evaluates, a console that runs escape sequences or is fooled by
a line break) goes through here. No I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
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


# What a terminal obeys or a reader is fooled by: C0 controls (ESC, CR, LF, TAB, BEL, ...),
# DEL, C1 controls (CSI U+009B, NEL U+0085, ...), the line and paragraph separators, the
# bidirectional controls (a name shown reversed: "\u202etxt.exe"), and lone surrogates (file
# names that are not UTF-8; printing one raises UnicodeEncodeError).
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED_ESCAPES.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """Text from a user's file made safe to print on a terminal: every control character
    (``_TERMINAL_UNSAFE``) shown as a visible escape (ESC -> ``\\x1b``, a line break ->
    ``\\n``, U+202E -> ``\\u202e``), so a cell can neither colour nor clear the screen, move
    the cursor, nor start a line of its own that looks like the tool's output. Printable
    text, accents and scripts included, is returned unchanged.
    """
    if _TERMINAL_UNSAFE.search(text) is None:
        return text
    return _TERMINAL_UNSAFE.sub(_escape, text)
