"""Stage 1b, the units: read the units file (CSV) naming who fills a checklist and which rows.

Reads CSV only; never touches a workbook. Every problem is collected with its line number
and raised together as one UnitsError, so the user can fix the file in one pass. The CSV is
split here (``_records``), strictly: a quote that would swallow the lines after it into one
cell is an error on the line where it opens, never a unit silently lost.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rkt_excel.errors import UnitsError
from rkt_excel.template import Plan

REQUIRED_COLUMNS: tuple[str, ...] = ("kode", "nama")
OPTIONAL_COLUMNS: tuple[str, ...] = ("komponen", "indikator")
# A list inside one cell: "I;III", "I, III" or "I III" (a ';' file needs the cell quoted
# for "I;III", so people write "I, III" there; all three are accepted).
_LIST_SPLIT = re.compile(r"[;,\s]+")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Unit:
    """A unit kerja that fills one checklist.

    ``components`` and ``indicators`` are ids from the plan; when both are empty the unit
    gets every row.
    """

    code: str
    name: str
    components: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


def example_units_path() -> Path:
    """The units file that goes with the embedded plan: Tata Usaha and the four Seksi of a
    Kantor Imigrasi Kelas I, saved the way Indonesian Excel saves CSV (';'). Tata Usaha keeps
    the programme's own paperwork (components I, III, IV); each Seksi takes the area it runs;
    Izin Tinggal has no assignment, so its form has every row."""
    return Path(str(resources.files("rkt_excel") / "data" / "units-kanim-semarang.csv"))


def safe_filename(code: str) -> str:
    """A file-name part made from a unit code: ASCII letters, digits, '.', '_' and '-'.

    Accents are folded ("Seksi Lalu-Lintas/Ä" -> "Seksi-Lalu-Lintas-A"); a code with nothing
    usable left gets a stable name derived from its hash.
    """
    folded = unicodedata.normalize("NFKD", code).encode("ascii", "ignore").decode("ascii")
    safe = _UNSAFE.sub("-", folded).strip(".-_")
    if not safe:
        safe = "unit-" + hashlib.sha256(code.encode("utf-8")).hexdigest()[:8]
    return safe[:80]


def assigned_rows(plan: Plan, unit: Unit) -> list[str]:
    """The indicator ids the unit fills, in plan order (every row when nothing is assigned)."""
    if not unit.components and not unit.indicators:
        return [ind.id for _, _, ind in plan.indicators()]
    components = set(unit.components)
    indicators = set(unit.indicators)
    return [
        ind.id
        for comp, _, ind in plan.indicators()
        if comp.id in components or ind.id in indicators
    ]


def _decode(data: bytes) -> str:
    try:
        # utf-8-sig drops the BOM Excel writes with "CSV UTF-8"; plain UTF-8 passes unchanged.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UnitsError(
            "the units file is not UTF-8 text",
            [(line, "not UTF-8: save the file as 'CSV UTF-8 (Comma delimited)'")],
        ) from err


def _delimiter(header_line: str) -> str:
    # Excel in an Indonesian locale saves "CSV" with ';' because ',' is the decimal mark.
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _split_list(text: str) -> list[str]:
    return [part for part in _LIST_SPLIT.split(text.strip()) if part]


def _resolve(
    items: Iterable[str],
    known: dict[str, str],
    what: str,
    line: int,
    problems: list[tuple[int, str]],
) -> tuple[str, ...]:
    """Map ids to the plan's spelling (case-insensitive), reporting unknown ones."""
    out: list[str] = []
    for item in items:
        canonical = known.get(item.casefold())
        if canonical is None:
            problems.append((line, f"unknown {what} {item!r}"))
        elif canonical not in out:
            out.append(canonical)
    return tuple(out)


_LINE_ENDS = ("\r", "\n")


def _line_end(text: str, i: int) -> int:
    """The index after the line end at ``i`` (CRLF, LF or a lone CR)."""
    return i + 2 if text.startswith("\r\n", i) else i + 1


def _records(
    text: str, delimiter: str, problems: list[tuple[int, str]]
) -> list[tuple[int, list[str]]]:
    """Split CSV text into (line where the record starts, cells), RFC 4180 quoting.

    Strict where the csv module is lenient, each problem added with its line number:
    a quote opened and never closed, or closed only lines later with the delimiter in between
    (a stray quote: the lines between would become one cell), and text after a closing quote.
    Such a quote is then read as an ordinary character, so the lines after it are still read
    as units and their own problems are reported too. A quoted cell may span lines (Alt+Enter
    in Excel) as long as it holds no delimiter.
    """
    records: list[tuple[int, list[str]]] = []
    cells: list[str] = []
    i, n, line, start = 0, len(text), 1, 1
    while True:
        value: str | None = None
        if i < n and text[i] == '"':
            value, end, last = _quoted(text, i, line)
            opened = line
            if end < 0:
                problems.append((opened, 'a quote (") opened here is never closed: the rest '
                                 "of the file would become one cell"))  # fmt: skip
                value = None
            elif last > opened and delimiter in value:
                problems.append((opened, f'the quote (") opened here closes only on line {last}: '
                                 f"lines {opened} to {last} would become one cell"))  # fmt: skip
                value = None
            else:
                i, line = end, last
                k = i
                while k < n and text[k] in " \t":
                    k += 1
                if k < n and text[k] != delimiter and text[k] not in _LINE_ENDS:
                    problems.append((line, 'text after a closing quote (") in the same cell'))
                while k < n and text[k] != delimiter and text[k] not in _LINE_ENDS:
                    k += 1
                value += text[i:k].strip()
                i = k
        if value is None:  # an unquoted cell (or a bad quote read as a character)
            k = i
            while k < n and text[k] != delimiter and text[k] not in _LINE_ENDS:
                k += 1
            value, i = text[i:k], k
        cells.append(value)
        if i >= n:
            records.append((start, cells))
            return records
        if text[i] == delimiter:
            i += 1
            continue
        i = _line_end(text, i)
        records.append((start, cells))
        cells, line = [], line + 1
        start = line
        if i >= n:
            return records


def _quoted(text: str, i: int, line: int) -> tuple[str, int, int]:
    """The quoted cell opening at ``i``: (value, index after the closing quote or -1 when it
    never closes, line of the closing quote)."""
    parts: list[str] = []
    j, n = i + 1, len(text)
    while j < n:
        ch = text[j]
        if ch == '"':
            if text.startswith('""', j):
                parts.append('"')
                j += 2
                continue
            return "".join(parts), j + 1, line
        if ch == "\n" or (ch == "\r" and not text.startswith("\r\n", j)):
            line += 1
        parts.append(ch)
        j += 1
    return "".join(parts), -1, line


def load_units(path: str | Path, plan: Plan | None = None) -> list[Unit]:
    """Read a units file: ``kode,nama`` required, ``komponen`` and ``indikator`` optional.

    UTF-8 with or without BOM, ',' or ';' delimited. With a plan, component and indicator ids
    are checked against it (case-insensitive, returned in the plan's spelling).

    Raises:
        UnitsError: with every problem as (line, message); line 0 when it concerns the file.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise UnitsError(f"{p}: cannot read the units file", [(0, str(err))]) from err
    text = _decode(data)
    if not text.strip():
        raise UnitsError(f"{p}: the units file is empty", [(1, "the file is empty")])

    header_line = text.splitlines()[0]
    problems: list[tuple[int, str]] = []
    records = _records(text, _delimiter(header_line), problems)
    header = [h.strip().casefold() for h in records[0][1]] if records else []
    for col in REQUIRED_COLUMNS:
        if col not in header:
            problems.append((1, f"missing column {col!r} (the header needs kode and nama)"))
    for col in header:
        if col and col not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            # A misspelt "komponen" would otherwise silently give the unit every row.
            problems.append((1, f"unknown column {col!r} (known: kode, nama, komponen, indikator)"))
    if any(line == 1 for line, _ in problems):
        raise UnitsError(f"{p}: {len(problems)} problem(s) in the units file", problems)

    components = {c.id.casefold(): c.id for c in plan.components} if plan else {}
    indicators = {i.id.casefold(): i.id for _, _, i in plan.indicators()} if plan else {}
    units: list[Unit] = []
    seen: dict[str, tuple[int, str]] = {}  # file-name key -> (line, code)
    for start, record in records[1:]:
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            problems.append((start, f"{len(record)} cells but the header has {len(header)}"))
            continue
        row = dict(zip(header, (cell.strip() for cell in record), strict=False))
        code, name = row.get("kode", ""), row.get("nama", "")
        if not code:
            problems.append((start, "kode is empty"))
        if not name:
            problems.append((start, "nama is empty"))
        comp_ids = _split_list(row.get("komponen", ""))
        ind_ids = _split_list(row.get("indikator", ""))
        if plan is not None:
            comps = _resolve(comp_ids, components, "component", start, problems)
            inds = _resolve(ind_ids, indicators, "indicator", start, problems)
        else:
            comps, inds = tuple(dict.fromkeys(comp_ids)), tuple(dict.fromkeys(ind_ids))
        if code:
            # Codes become file names; "TU" and "tu" collide on Windows and macOS.
            key = safe_filename(code).casefold()
            if key in seen:
                first_line, first_code = seen[key]
                same = "duplicate code" if first_code == code else "code gives the same file as"
                problems.append((start, f"{same} {first_code!r} (line {first_line})"))
            else:
                seen[key] = (start, code)
        units.append(Unit(code, name, comps, inds))
    problems.sort(key=lambda lp: lp[0])  # quote problems are found before the cell checks
    if not units and not problems:
        problems.append((2, "no units: add one line per unit kerja below the header"))
    if problems:
        raise UnitsError(f"{p}: {len(problems)} problem(s) in the units file", problems)
    return units
