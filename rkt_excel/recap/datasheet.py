"""The codec of the recap's hidden ``_rkt_data`` sheet: what the roll-up reads from a recap.

Owns the sheet's contents, written and read here only: its name, ``RECAP_FORMAT``, the keys
(the fields of ``consolidate.Summary``, taken from the dataclass, plus the score per area and
the failed minimums in words) and how each value is stored (key in column A, value in column
B; lists and dicts as JSON text, dates as ISO text; a text longer than a cell holds goes on
over ``CONTINUED`` rows). ``encode`` gives the (key, value) rows,
``decode`` makes a ``RecapData`` of them again. Below the key/values, the month's
``snapshot.Snapshot`` as tables (``encode_sheet``/``decode_sheet``): each one a marker row
(TABLE_MARK, its name, its number of rows), a header row of its dataclass's fields, then its
rows; a recap of format rkt-recap/1 has none and reads with an empty snapshot. No
spreadsheet library and no I/O here: the sheet writer (``data.py``) and the reader
(``read.py``) call this module.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from dataclasses import replace as dataclasses_replace
from typing import Any

from rkt_excel import __version__
from rkt_excel.catalogue import Text
from rkt_excel.consolidate import Consolidation, Summary
from rkt_excel.errors import RecapError
from rkt_excel.excel_limits import MAX_STRING
from rkt_excel.score import PREDIKATS, RULE_AREA
from rkt_excel.snapshot import (
    CellState,
    IndicatorState,
    LateAction,
    Problem,
    Snapshot,
    UnitState,
    snapshot_of,
)

RECAP_FORMAT = "rkt-recap/2"  # bump when _rkt_data changes in a way old readers cannot follow
READABLE_FORMATS = ("rkt-recap/1", RECAP_FORMAT)  # /1: no snapshot tables
TABLE_MARK = "#tabel"  # column A of the row that starts a snapshot table
CONTINUED = "#lanjutan"  # column A of a row that goes on with the previous key's long text
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
    snapshot: Snapshot = field(default_factory=Snapshot)


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
    if raw.get("format") not in READABLE_FORMATS:
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


# --- the snapshot tables ---------------------------------------------------------------------

TABLES: dict[str, type] = {
    "units": UnitState,
    "cells": CellState,
    "indicators": IndicatorState,
    "late": LateAction,
    "problems": Problem,
}


def _cell(value: Any) -> Any:
    """A snapshot value as stored: blank for None, numbers as numbers, bools as 1/0, dates
    as ISO text, mappings as JSON (a catalogue.Text as {"$text": [id, en]})."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return json.dumps(
            {k: {"$text": [v.id, v.en]} if isinstance(v, Text) else v for k, v in value.items()},
            ensure_ascii=False,
            default=str,
        )
    return value


def _params(value: Any) -> dict[str, Any]:
    found = _mapping(value)
    return {
        k: Text(*v["$text"]) if isinstance(v, dict) and "$text" in v else v
        for k, v in found.items()
    }


def _optional_date(value: Any) -> dt.date | None:
    return None if value in (None, "") else dt.date.fromisoformat(_text(value))


def _answer(value: Any) -> str | float | None:
    if value in (None, ""):
        return None
    return float(value) if isinstance(value, int | float) else str(value)


def _table_decoder(hint: Any) -> Callable[[Any], Any]:
    if hint == dt.date | None:
        return _optional_date
    if hint == str | float | None:
        return _answer
    if typing.get_origin(hint) in (dict, Mapping) or hint is dict:
        return _params
    found = _decoder(hint)
    if found is None:
        raise TypeError(f"datasheet: no rule to store a snapshot field of type {hint}")
    return (lambda v: bool(int(v or 0))) if hint is bool else found[0]


_TABLE_CODECS = {
    name: [(f.name, _table_decoder(typing.get_type_hints(cls)[f.name])) for f in fields(cls)]
    for name, cls in TABLES.items()
}


def encode_snapshot(snapshot: Snapshot) -> list[list[Any]]:
    """The snapshot's tables as rows: per table a marker row, a header row, its rows."""
    grid: list[list[Any]] = []
    for name in TABLES:
        items = getattr(snapshot, name)
        columns = [f for f, _ in _TABLE_CODECS[name]]
        grid.append([TABLE_MARK, name, len(items)])
        grid.append(list(columns))
        grid += [[_cell(getattr(item, c)) for c in columns] for item in items]
        grid.append([])
    return grid


def _key_rows(items: Sequence[tuple[str, Any]]) -> list[list[Any]]:
    """(key, value) rows; a text longer than a cell holds (limits.MAX_STRING) goes on over
    rows whose key is CONTINUED, so a long JSON value (completion_by_unit of thousands of
    units) is kept whole."""
    out: list[list[Any]] = []
    for key, value in items:
        if isinstance(value, str) and len(value) > MAX_STRING:
            chunks = [value[i : i + MAX_STRING] for i in range(0, len(value), MAX_STRING)]
            out.append([key, chunks[0]])
            out += [[CONTINUED, chunk] for chunk in chunks[1:]]
        else:
            out.append([key, value])
    return out


# The rows of the consolidations whose recap is being written: the Perkembangan sheet decodes
# them and the data sheet writes them, and the snapshot of thousands of forms takes seconds.
_ENCODED: weakref.WeakKeyDictionary[Consolidation, list[list[Any]]] = weakref.WeakKeyDictionary()


def encode_sheet(c: Consolidation) -> list[list[Any]]:
    """Every row of _rkt_data for the recap of ``c``: the key/values, a blank row, the
    snapshot's tables. Computed once per consolidation (a Consolidation is immutable); do not
    change the rows returned."""
    found = _ENCODED.get(c)
    if found is None:
        found = [*_key_rows(encode_consolidation(c)), [], *encode_snapshot(snapshot_of(c))]
        _ENCODED[c] = found
    return found


def forget_sheet(c: Consolidation) -> None:
    """Drop the rows ``encode_sheet`` keeps for ``c`` (when its recap no longer needs them)."""
    _ENCODED.pop(c, None)


def recap_data(c: Consolidation, path: str = "") -> RecapData:
    """What ``read_recap`` will give for the recap of ``c``, without writing it: the rows of
    ``encode_sheet`` decoded again (so a month compares with earlier ones by the same rules,
    whether it is read back or still being written)."""
    return decode_sheet(path, encode_sheet(c))


def decode_snapshot(path: str, grid: Sequence[Sequence[Any]]) -> Snapshot:
    """The snapshot of the table rows (those from the first marker row on).

    Raises:
        RecapError: a table that is not what its marker and header say.
    """
    found: dict[str, tuple[Any, ...]] = {}
    r = 0
    try:
        while r < len(grid):
            line = grid[r]
            if not line or line[0] != TABLE_MARK:
                r += 1
                continue
            name, count = str(line[1]), int(line[2])
            header = [_text(v) for v in grid[r + 1]]
            codecs = _TABLE_CODECS.get(name)
            r += 2
            if codecs is None:  # a table a later version added: skipped
                r += count
                continue
            cols = {h: i for i, h in enumerate(header) if h}
            cls = TABLES[name]
            items = []
            for row in grid[r : r + count]:
                values = {
                    key: decoder(row[cols[key]] if key in cols and cols[key] < len(row) else None)
                    for key, decoder in codecs
                }
                items.append(cls(**values))
            found[name] = tuple(items)
            r += count
    except (IndexError, KeyError, TypeError, ValueError) as err:
        raise RecapError(f"{path}: the recap's {SHEET_DATA} sheet is damaged ({err})") from err
    return Snapshot(**found)


def decode_sheet(path: str, grid: Sequence[Sequence[Any]]) -> RecapData:
    """The RecapData of every row of a recap's _rkt_data sheet (as a reader gives them)."""
    raw: dict[str, Any] = {}
    start = len(grid)
    last = ""
    for n, line in enumerate(grid):
        key = line[KEY_COL] if line else None
        if key == TABLE_MARK:
            start = n
            break
        value = line[VALUE_COL] if line and len(line) > VALUE_COL else None
        if key == CONTINUED:  # the rest of the previous key's long text
            if last and isinstance(raw.get(last), str):
                raw[last] += _text(value)
        elif isinstance(key, str) and key:
            raw[key] = value
            last = key
    data = decode(path, raw)
    if start == len(grid):
        return data
    return dataclasses_replace(data, snapshot=decode_snapshot(path, grid[start:]))


__all__ = [
    "CONTINUED",
    "READABLE_FORMATS",
    "RECAP_FORMAT",
    "SHEET_DATA",
    "TABLES",
    "TABLE_MARK",
    "AreaScore",
    "RecapData",
    "area_minimums",
    "decode",
    "decode_sheet",
    "decode_snapshot",
    "encode",
    "encode_consolidation",
    "encode_sheet",
    "encode_snapshot",
    "forget_sheet",
    "recap_data",
    "summary_items",
]
