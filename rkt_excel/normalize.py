"""What people type, turned into values: options, numbers, percentages, dates, NIP, text.

Owns, for the whole project, THE blank test (``is_empty``), THE number parser
(``parse_number``) and THE option matcher (``normalize_option``): the reader, the validator
and the scoring model (lke.Question) all use these. Pure functions over one raw value; no I/O.
An invalid value gives ``value=None`` and the issue code that explains it (catalogue.py); an
empty cell gives ``value=None`` and no code.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rkt_excel.layout import ANSWER_LISTS, SCORE_MAX, STATUS_VALUES
from rkt_excel.schedule import month_number


@dataclass(frozen=True)
class Normalised:
    """The outcome of normalising one cell: the value, or the issue code and its parameters."""

    value: Any = None
    code: str = ""  # "" when the value is fine or the cell is empty
    params: Mapping[str, Any] = field(default_factory=dict)


EMPTY = Normalised()

# --- synonyms ----------------------------------------------------------------------------
# Every accepted spelling that is not the listed value itself (case and spaces are always
# ignored). Kept short on purpose: a synonym is only added when its meaning is unambiguous.
# docs/issues.md prints this table.
SYNONYMS: dict[str, dict[str, str]] = {
    "status": {
        "sudah": "Selesai",  # "sudah" alone = "done" in monev replies
        "sudah selesai": "Selesai",
        "proses": "Dalam Proses",
        "sedang proses": "Dalam Proses",
        "dlm proses": "Dalam Proses",
        "dalam proses": "Dalam Proses",
        "belum dilaksanakan": "Belum",
        "tidak relevan": "Tidak Relevan",
        # Not accepted: "belum selesai" (Belum or Dalam Proses?), "n/a", "-" (empty or not?).
    },
    "yn": {
        "iya": "Ya",
        "y": "Ya",
        "tdk": "Tidak",
        # Not accepted: "t" and "n" (too easy to type by accident), TRUE/FALSE.
    },
}


def clean_text(text: str) -> str:
    """Collapse runs of whitespace (NBSP included) to one space and strip both ends."""
    # str.split() splits on exactly what str.isspace() calls whitespace, as re's \s does for
    # text (NBSP, U+2003 ...), and runs in C: the same result as re.sub(r"\s+", " ").strip().
    return " ".join(text.split())


def _key(text: str) -> str:
    # Options compare without case, spaces or a trailing "." / ")" ("a." and "A)" are "A").
    return clean_text(text).casefold().rstrip(".)").strip()


def is_empty(raw: Any) -> bool:
    """True for a cell with nothing typed (None, or text of whitespace only)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


# Matching a value to an option list runs for every status and answer cell of every form, so
# the lists are worked out once: by _key() of every accepted spelling, and by the exact text of
# every option (what a dropdown pick gives, matched without computing _key()).
_OptionIndex = dict[str, Normalised]  # spelling key or exact option -> the option it means
_BY_KEY: dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...]], _OptionIndex] = {}
_EXACT: dict[tuple[str, ...], _OptionIndex] = {}
_CACHE_MAX = 256  # a few lists in practice; a caller's odd lists never grow these for long


def _by_key(options: tuple[str, ...], synonyms: Mapping[str, str] | None) -> _OptionIndex:
    # Keyed by value, not identity: a caller may pass equal mappings built anew each time.
    cache_key = (options, tuple(synonyms.items()) if synonyms else ())
    index = _BY_KEY.get(cache_key)
    if index is None:
        index = {}
        for option in options:  # options first, in order, then synonyms: the first one wins
            index.setdefault(_key(option), Normalised(option))
        for spelling, option in (synonyms or {}).items():
            if option in options:
                index.setdefault(_key(spelling), Normalised(option))
        if len(_BY_KEY) < _CACHE_MAX:
            _BY_KEY[cache_key] = index
    return index


def _exact(options: tuple[str, ...]) -> _OptionIndex:
    index = _EXACT.get(options)
    if index is None:
        first: dict[str, Normalised] = {}
        for option in options:
            first.setdefault(_key(option), Normalised(option))
        # An option typed exactly means what its key means (the first option with that key).
        index = {option: first[_key(option)] for option in options}
        if len(_EXACT) < _CACHE_MAX:
            _EXACT[options] = index
    return index


def normalize_option(
    raw: Any, options: tuple[str, ...], synonyms: Mapping[str, str] | None = None
) -> Normalised:
    """Match ``raw`` to one of ``options`` (case/space-insensitive, documented synonyms)."""
    if is_empty(raw):
        return EMPTY
    options = options if isinstance(options, tuple) else tuple(options)
    if isinstance(raw, str):
        found = _exact(options).get(raw)
        if found is not None:
            return found
        text = raw
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    elif isinstance(raw, int) and not isinstance(raw, bool):
        text = str(raw)
    else:
        return _invalid_option(raw, options)
    found = _by_key(options, synonyms).get(_key(text))
    return found if found is not None else _invalid_option(raw, options)


def _invalid_option(raw: Any, options: tuple[str, ...]) -> Normalised:
    return Normalised(None, "invalid-option", {"value": raw, "options": ", ".join(options)})


def normalize_status(raw: Any) -> Normalised:
    """A STATUS value: one of layout.STATUS_VALUES."""
    return normalize_option(raw, STATUS_VALUES, SYNONYMS["status"])


# --- numbers -----------------------------------------------------------------------------
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}([.,]\d{3})+([.,]\d+)?$")
_GROUPS_ONLY = re.compile(r"^[+-]?\d{1,3}([.,]\d{3})+$")  # "1.234.567": one mark, thousands


def parse_number(raw: Any) -> float | None:
    """A number from a cell: a number, or text such as "80", "80,5", "1.000,5" or "1,000.5".

    A lone "," is the Indonesian decimal comma; with both "." and ",", the last one is the
    decimal mark. Returns None when the text is not a number (NaN and infinity included).
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        value = float(raw)
        return value if math.isfinite(value) else None
    if not isinstance(raw, str):
        return None
    text = clean_text(raw).replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if not _GROUPED.match(text) or text.count(decimal) > 1:
            return None
        text = text.replace(thousands, "").replace(decimal, ".")
    elif text.count(",") > 1 or text.count(".") > 1:
        if not _GROUPS_ONLY.match(text):  # "1.000.5" is no number, not 10005
            return None
        text = text.replace(",", "").replace(".", "")
    else:
        if not _NUMBER.match(text):
            return None
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def normalize_percent(raw: Any, *, percent_format: bool = False) -> Normalised:
    """A CAPAIAN (%) value from 0 to 100: 80, "80%", "80,5", or 0.8 in a %-formatted cell."""
    if is_empty(raw):
        return EMPTY
    value: float | None
    if isinstance(raw, str) and clean_text(raw).endswith("%"):
        value = parse_number(clean_text(raw)[:-1])
    else:
        value = parse_number(raw)
        if value is not None and percent_format and not isinstance(raw, str):
            # Excel stores 80 % as 0.8; the cell's number format says how it was shown.
            value = round(value * 100, 10)
    if value is None:
        return Normalised(None, "not-a-number", {"value": raw})
    if not 0 <= value <= 100:
        return Normalised(None, "out-of-range", {"value": _show(value), "low": 0, "high": 100})
    return Normalised(value)


def normalize_number(
    raw: Any, *, minimum: float | None = 0, maximum: float | None = None, whole: bool = False
) -> Normalised:
    """A number within [minimum, maximum] (None: unbounded); ``whole`` asks for an integer."""
    if is_empty(raw):
        return EMPTY
    value = parse_number(raw)
    if value is None:
        return Normalised(None, "not-a-number", {"value": raw})
    if whole and not value.is_integer():
        return Normalised(None, "not-a-whole-number", {"value": raw})
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        low = "-∞" if minimum is None else _show(float(minimum))
        high = "∞" if maximum is None else _show(float(maximum))
        return Normalised(None, "out-of-range", {"value": _show(value), "low": low, "high": high})
    return Normalised(int(value) if whole else value)


def normalize_answer(
    raw: Any,
    answer_type: str | None,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
) -> Normalised:
    """A JAWABAN LKE value for an answer type (see lke.py); with no type, the text as typed.

    "number" is a whole number >= 0 (a count), "score" a number from 0 to 4 (a survey
    index); ``minimum``/``maximum`` are the LKE question's own bounds when it has them.
    """
    if is_empty(raw):
        return EMPTY
    if answer_type in ANSWER_LISTS:
        return normalize_option(raw, ANSWER_LISTS[answer_type], SYNONYMS.get(answer_type))
    low = 0 if minimum is None else minimum
    if answer_type == "number":
        return normalize_number(raw, minimum=low, maximum=maximum, whole=True)
    if answer_type == "score":
        high = SCORE_MAX if maximum is None else maximum
        return normalize_number(raw, minimum=low, maximum=high)
    return normalize_text(raw)


def _show(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


# --- dates -------------------------------------------------------------------------------
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 once Excel's 1900 leap-day bug is kept
# Serials accepted as dates: 1990-01-01 .. 2100-12-31. Outside it a number is not a date
# (2019 typed into a date cell would otherwise be 11 July 1905).
SERIAL_MIN, SERIAL_MAX = 32874, 73415
# A number in this range in a date cell is a year typed alone ("2019"), not a date.
YEAR_MIN, YEAR_MAX = 1990, 2100
_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad")
_DMY = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_D_MONTH_Y = re.compile(r"^(\d{1,2})\s*[ .-]?\s*([A-Za-z]+)\.?\s*[ .,-]?\s*(\d{4})$")
_MONTH_Y = re.compile(r"^([A-Za-z]+)\.?\s*[ .,-]?\s*(\d{4})$")


def serial_to_date(serial: float) -> dt.date | None:
    """The date of an Excel serial number (1900 system), None outside SERIAL_MIN..SERIAL_MAX."""
    if not SERIAL_MIN <= serial < SERIAL_MAX + 1:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date_text(text: str) -> dt.date | None:
    """A date from text, day first.

    Accepts "17/08/2019", "17-8-2019", "17.08.2019", "17/08/19" (20yy), "2019-08-17",
    "17 Agustus 2019", "17 Agt 2019", "Sabtu, 17 Agustus 2019" and "Agustus 2019". A month
    without a day means the first of that month: it is the earliest the work can have been
    done, so "not after the as-of date" never fails because of the missing day.
    """
    t = clean_text(text).lower()
    words = t.replace(",", " ").split()
    if words and words[0] in _WEEKDAYS:
        t = " ".join(words[1:])
    if m := _DMY.match(t):
        year = int(m.group(4))
        year = 2000 + year if year < 100 else year
        return _make_date(year, int(m.group(3)), int(m.group(1)))
    if m := _YMD.match(t):
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _D_MONTH_Y.match(t):
        month = month_number(m.group(2))
        return _make_date(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _MONTH_Y.match(t):
        month = month_number(m.group(1))
        return _make_date(int(m.group(2)), month, 1) if month else None
    return None


def normalize_date(raw: Any) -> Normalised:
    """A date: a real date cell, an Excel serial, or day-first / Indonesian text."""
    if is_empty(raw):
        return EMPTY
    value: dt.date | None = None
    if isinstance(raw, dt.datetime):
        value = raw.date()
    elif isinstance(raw, dt.date):
        value = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        if _is_year(raw):  # 2019 typed into a number cell
            return Normalised(None, "year-as-date", {"value": _show(float(raw)), "year": int(raw)})
        value = serial_to_date(float(raw)) if math.isfinite(raw) else None
    elif isinstance(raw, str):
        value = parse_date_text(raw)
    if value is None:
        return Normalised(None, "invalid-date", {"value": raw})
    serial = (value - EXCEL_EPOCH).days
    if _is_year(serial):  # 2019 typed into a date cell, which shows it as 1905-07-11
        return Normalised(None, "year-as-date", {"value": value.isoformat(), "year": serial})
    return Normalised(value)


def _is_year(number: float) -> bool:
    """A whole number that reads as a year of the plans we serve, never as a date serial."""
    return math.isfinite(number) and float(number).is_integer() and YEAR_MIN <= number <= YEAR_MAX


# --- NIP and text ------------------------------------------------------------------------
NIP_LENGTH = 18
_SCIENTIFIC = re.compile(r"^\d+([.,]\d+)?[eE]\+?\d+$")


def normalize_nip(raw: Any) -> Normalised:
    """An NIP as 18 digits of text. Spaces and a leading apostrophe are dropped.

    A number means Excel has already rounded it to 15 significant digits: the digits are lost,
    so it is refused (``nip-as-number``) rather than guessed.
    """
    if is_empty(raw):
        return EMPTY
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Normalised(None, "nip-as-number", {"value": raw})
    if not isinstance(raw, str):
        return Normalised(None, "invalid-nip", {"value": raw, "length": NIP_LENGTH})
    if _SCIENTIFIC.match(raw.strip()):  # "1.96509E+17" pasted from a number cell
        return Normalised(None, "nip-as-number", {"value": raw})
    text = clean_text(raw).lstrip("'").replace(" ", "").replace(".", "").replace("-", "")
    if len(text) != NIP_LENGTH or not text.isascii() or not text.isdigit():
        return Normalised(None, "invalid-nip", {"value": raw, "length": NIP_LENGTH})
    return Normalised(text)


def nip_plausible(nip: str) -> bool:
    """True when an 18-digit NIP has a real birth date, an appointment month and a sex digit."""
    birth = _make_date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    appointed_month = int(nip[12:14])
    return birth is not None and 1 <= appointed_month <= 12 and nip[14] in "12"


def normalize_text(raw: Any) -> Normalised:
    """Free text kept exactly as typed; a number or date becomes its text ("123", "2019-08-17")."""
    if is_empty(raw):
        return EMPTY
    if isinstance(raw, str):
        return Normalised(raw)
    if isinstance(raw, bool):
        return Normalised("TRUE" if raw else "FALSE")
    if isinstance(raw, float) and raw.is_integer():
        return Normalised(str(int(raw)))
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return Normalised(raw.date().isoformat())
    if isinstance(raw, dt.date | dt.datetime | dt.time):
        return Normalised(raw.isoformat())
    return Normalised(str(raw))


def normalize_field(
    key: str, raw: Any, *, answer_type: str | None = None, percent_format: bool = False
) -> Normalised:
    """Normalise one input field of a component sheet (a key of layout.INPUT_FIELDS)."""
    if key == "status":
        return normalize_status(raw)
    if key == "realisasi":
        return normalize_date(raw)
    if key == "capaian":
        return normalize_percent(raw, percent_format=percent_format)
    if key == "jawaban":
        return normalize_answer(raw, answer_type)
    return normalize_text(raw)


def normalize_identity(key: str, raw: Any) -> Normalised:
    """Normalise one field of the Identitas sheet (a key of layout.IDENTITY_FIELDS)."""
    if key == "nip":
        return normalize_nip(raw)
    if key == "tanggal_pengisian":
        return normalize_date(raw)
    n = normalize_text(raw)
    return Normalised(clean_text(n.value)) if isinstance(n.value, str) else n


_PERCENT_IN_FORMAT = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def is_percent_format(code: str) -> bool:
    """True when an Excel number format shows the value times 100 (a "%" outside quotes)."""
    return "%" in _PERCENT_IN_FORMAT.sub("", code)
