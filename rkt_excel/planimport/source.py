"""Open a Word RKT (python-docx) or a spreadsheet table (calamine) as a sequence of blocks.

The neutral form the interpreters work on: paragraphs (text, list style, heading level) and
tables (rows of cells; a merged cell is the same Cell object wherever it spans). Reads only;
the libraries do all the parsing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rkt_excel.planimport.problems import PlanImportError

_HEADING = re.compile(r"^(?:Heading|Judul)\s*(\d)$", re.I)


@dataclass(frozen=True)
class Para:
    """A paragraph: its text (soft line breaks as "\\n"), its list style when Word numbers it
    ("a", "1" or "-"), its heading level (0 for body text) and whether it is all bold."""

    text: str
    list_style: str | None = None
    heading: int = 0
    bold: bool = False


@dataclass(eq=False)
class Cell:
    """A table cell; merged cells are one Cell object repeated. ``ref`` is "Sheet!B4" for
    spreadsheet cells."""

    paras: tuple[Para, ...]
    ref: str = ""

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras).strip()


@dataclass(frozen=True)
class Table:
    """A table (1-based ``number`` in the document) or a spreadsheet sheet (``name``)."""

    number: int
    rows: tuple[tuple[Cell, ...], ...]
    name: str = ""


Block = Para | Table


def read_source(path: str | Path) -> list[Block]:
    """The blocks of a .docx, or the sheets of an .xlsx/.xlsm/.ods as tables."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return _read_docx(p)
    if suffix in (".xlsx", ".xlsm", ".ods", ".xls"):
        return _read_sheets(p)
    raise PlanImportError(key="import-unsupported", path=str(p), suffix=suffix or "(no suffix)")


# --- Word --------------------------------------------------------------------------------------


def _read_docx(path: Path) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, OSError) as err:
        raise PlanImportError(key="import-not-docx", path=str(path), reason=str(err)) from err
    formats = _numbering_formats(document)
    blocks: list[Block] = []
    tables = 0
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            tables += 1
            blocks.append(_table(item, tables, formats))
        else:
            blocks.append(_para(item, formats))
    return blocks


def _para(p: Any, formats: dict[tuple[str, str], str]) -> Para:
    text = p.text.replace("\r", "")
    style = p.style.name if p.style is not None else ""
    heading = 0
    m = _HEADING.match(style)
    if m:
        heading = int(m[1])
    elif style == "Title":
        heading = 1
    runs = [r for r in p.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold for r in runs)
    return Para(text, _list_style(p, style, formats), heading, bold)


def _list_style(p: Any, style: str, formats: dict[tuple[str, str], str]) -> str | None:
    """ "a", "1" or "-" when Word numbers the paragraph (numbering or a List style), else None."""
    ppr = p._p.pPr
    num = ppr.numPr if ppr is not None else None
    if num is not None and num.numId is not None:
        key = (str(num.numId.val), str(num.ilvl.val if num.ilvl is not None else 0))
        return formats.get(key, "-")
    if style.startswith("List Bullet"):
        return "-"
    if style.startswith("List Number"):
        return "1"
    if style.startswith("List"):
        return "-"
    return None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering_formats(document: Any) -> dict[tuple[str, str], str]:
    """(numId, ilvl) -> list style, from the numbering part's num/abstractNum definitions."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[str, str]] = {}
    for a in root.iterfind(f"{_W}abstractNum"):
        levels = {}
        for lvl in a.iterfind(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            value = fmt.get(f"{_W}val") if fmt is not None else "bullet"
            levels[lvl.get(f"{_W}ilvl")] = {"lowerLetter": "a", "upperLetter": "a",
                                             "decimal": "1"}.get(value, "-")  # fmt: skip
        abstract[a.get(f"{_W}abstractNumId")] = levels
    out: dict[tuple[str, str], str] = {}
    for num in root.iterfind(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        for ilvl, style in abstract.get(ref.get(f"{_W}val"), {}).items():
            out[(num.get(f"{_W}numId"), ilvl)] = style
    return out


def _table(table: Any, number: int, formats: dict[tuple[str, str], str]) -> Table:
    # python-docx repeats one cell element over a merged span (right and down); key by the
    # element's id, keeping the elements alive so that no id is reused within the table.
    wrapped: dict[int, Cell] = {}
    alive: list[Any] = []
    rows = []
    for row in table.rows:
        cells = []
        for c in row.cells:
            cell = wrapped.get(id(c._tc))
            if cell is None:
                cell = Cell(tuple(_para(p, formats) for p in c.paragraphs))
                wrapped[id(c._tc)] = cell
                alive.append(c._tc)
            cells.append(cell)
        rows.append(tuple(cells))
    return Table(number, tuple(rows))


# --- spreadsheets ------------------------------------------------------------------------------


def _read_sheets(path: Path) -> list[Block]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        blocks: list[Block] = []
        for n, name in enumerate(wb.sheet_names, start=1):
            grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = tuple(
                tuple(
                    Cell(_cell_paras(value), f"{name}!{_column(c)}{r + 1}")
                    for c, value in enumerate(row)
                )
                for r, row in enumerate(grid)
            )
            blocks.append(Table(n, rows, name))
    except (CalamineError, OSError, ValueError) as err:
        raise PlanImportError(key="import-unreadable", path=str(path), reason=str(err)) from err
    return blocks


def _cell_paras(value: Any) -> tuple[Para, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return tuple(Para(line) for line in str(value).split("\n"))


def _column(c: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return str(get_column_letter(c + 1))
