"""The codec of the recap's hidden ``_rkt_data`` sheet: what the roll-up reads from a recap.

Owns the sheet's contents, written and read here only: its name, ``RECAP_FORMAT``, the keys
(the fields of ``consolidate.Summary``, taken from the dataclass, plus the score per area and
the failed minimums in words) and how each value is stored (key in column A, value in column
B; lists and dicts as JSON text, dates as ISO text). ``encode`` gives the (key, value) rows,
``decode`` makes a ``RecapData`` of them again. No spreadsheet library and no I/O here: the
sheet writer (``data.py``) and the reader (``read.py``) call this module.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from rkt_excel import __version__
from rkt_excel.consolidate import Consolidation, Summary
from rkt_excel.errors import RecapError
from rkt_excel.score import PREDIKATS, RULE_AREA

RECAP_FORMAT = "rkt-recap/1"  # bump when _rkt_data changes in a way old readers cannot follow
SHEET_DATA = "_rkt_data"  # hidden: key in column A, value in column B
KEY_COL, VALUE_COL = 0, 1


@dataclass(frozen=True)
class AreaScore:
    """One area's score in a recap, with its WBK/WBBM minimum when the model has one."""

    id: str
    name: str
    weight: float
    value: float
    min_wbk: float | None = None
    min_wbbm: float | None = None


@dataclass(frozen=True)
class RecapData(Summary):
    """What the roll-up needs from one office's recap (read from its _rkt_data sheet): the
    consolidation's Summary, plus where it was read from, the score per area and the failed
    minimums in words."""

    path: str
    areas: tuple[AreaScore, ...]
    minimums_failed_text: tuple[str, ...]


# --- values ------------------------------------------------------------------------------------
# A stored value is what the reader gets back from the cell: None or "" for a blank, a number
# (an int or a float, whichever the reader gives) or text.


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _json(value: Any) -> Any:
    """A JSON cell's value; a blank one is an empty list."""
    return [] if value in (None, "") else json.loads(value)


def _optional_float(value: Any) -> float | None:
    return None if value in (None, "") else float(value)


def _int(value: Any) -> int:
    return int(value or 0)


def _bool(value: Any) -> bool:
    return bool(_json(value) or False)


def _optional_text(value: Any) -> str | None:
    return _text(value) or None


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(_text(value))


def _mapping(value: Any) -> Any:
    return _json(value) or {}


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(_json(value))


def _decoder(hint: Any) -> tuple[Callable[[Any], Any], bool] | None:
    """(decode, stored as JSON) for a field's type; None when the codec has no rule for it."""
    origin = typing.get_origin(hint)
    if hint is str:
        return _text, False
    if hint is bool:  # before int: bool is an int
        return _bool, True
    if hint is int:
        return _int, False
    if hint is dt.date:
        return _date, False
    if hint == float | None:
        return _optional_float, False
    if hint == str | None:
        return _optional_text, False
    if origin is tuple:
        return _tuple, True
    if origin in (dict, Mapping) or hint is dict:
        return _mapping, True
    return None


def _summary_codecs() -> dict[str, tuple[Callable[[Any], Any], bool]]:
    """Summary's fields, in order, with their decoders: the summary part of the key list."""
    hints = typing.get_type_hints(Summary)
    codecs: dict[str, tuple[Callable[[Any], Any], bool]] = {}
    for f in fields(Summary):
        found = _decoder(hints[f.name])
        if found is None:
            # Found on import, so a new Summary field of a new kind of type cannot slip by.
            raise TypeError(
                f"datasheet: no rule to store Summary.{f.name} of type {hints[f.name]}; "
                "add one to rkt_excel/recap/datasheet.py"
            )
        codecs[f.name] = found
    return codecs


_SUMMARY = _summary_codecs()


def _encode(value: Any) -> Any:
    """A value as stored: lists, tuples, dicts and bools as JSON, dates as ISO text."""
    if isinstance(value, list | tuple | bool):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return json.dumps(dict(value), ensure_ascii=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- encode / decode ---------------------------------------------------------------------------


def summary_items(summary: Summary) -> list[tuple[str, Any]]:
    """``summary`` as (field, stored value) pairs, in field order (also the CSV summary)."""
    return [(name, _encode(getattr(summary, name))) for name in _SUMMARY]


def encode(
    summary: Summary,
    areas: Sequence[AreaScore],
    minimums_failed_text: Sequence[str],
    lke_completeness: float,
) -> list[tuple[str, Any]]:
    """The rows of _rkt_data: (key, stored value), in sheet order."""
    items = summary_items(summary)
    # Plain values first, then the JSON ones: the order the sheet has always had.
    plain = [(k, v) for k, v in items if not _SUMMARY[k][1]]
    as_json = [(k, v) for k, v in items if _SUMMARY[k][1]]
    return [
        ("format", RECAP_FORMAT),
        ("rkt_excel_version", __version__),
        *plain,
        *as_json,
        ("minimums_failed_text", _encode(list(minimums_failed_text))),
        ("areas", _encode([asdict(a) for a in areas])),
        ("lke_completeness", lke_completeness),
    ]


def encode_consolidation(c: Consolidation) -> list[tuple[str, Any]]:
    """The rows of _rkt_data for the recap of ``c``."""
    minimum = area_minimums(c)
    areas = [
        AreaScore(
            id=a.id,
            name=a.name,
            weight=a.weight,
            value=c.result.official.areas[a.id],
            min_wbk=minimum.get(("WBK", a.id)),
            min_wbbm=minimum.get(("WBBM", a.id)),
        )
        for a in c.model.areas
    ]
    failed = [
        f"{ch.predikat}: {ch.name} ({ch.actual:.2f} < {ch.required:.2f})"
        for p in PREDIKATS
        for ch in c.result.failed(p)
    ]
    return encode(c.summary, areas, failed, c.result.completeness)


def decode(path: str, raw: Mapping[str, Any]) -> RecapData:
    """The RecapData of the (key -> stored value) pairs read from a recap at ``path``.

    A key that is absent reads as blank (0, "", None or empty), except as_of, which must be
    there.

    Raises:
        RecapError: another format, or a value that cannot be what its key says.
    """
    if raw.get("format") != RECAP_FORMAT:
        raise RecapError(
            f"{path}: recap format {raw.get('format')!r} is not {RECAP_FORMAT!r}; "
            "write the recap again with this version of rkt-excel"
        )
    try:
        summary = {name: decoder(raw.get(name)) for name, (decoder, _) in _SUMMARY.items()}
        areas = tuple(
            AreaScore(
                str(a["id"]),
                str(a["name"]),
                float(a["weight"]),
                float(a["value"]),
                a.get("min_wbk"),
                a.get("min_wbbm"),
            )
            for a in _json(raw.get("areas"))
        )
        failed = _tuple(raw.get("minimums_failed_text"))
    except (KeyError, TypeError, ValueError) as err:
        raise RecapError(f"{path}: the recap's {SHEET_DATA} sheet is damaged ({err})") from err
    return RecapData(**summary, path=path, areas=areas, minimums_failed_text=failed)


def area_minimums(c: Consolidation) -> dict[tuple[str, str], float]:
    """(predikat, area id) -> the required points, for models with a per-area minimum."""
    areas = {a.id for a in c.model.areas}
    return {
        (check.predikat, check.target): check.required
        for check in c.result.checks
        if check.rule == RULE_AREA and check.target in areas
    }


__all__ = [
    "RECAP_FORMAT",
    "SHEET_DATA",
    "AreaScore",
    "RecapData",
    "area_minimums",
    "decode",
    "encode",
    "encode_consolidation",
    "summary_items",
]
