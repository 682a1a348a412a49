"""Read a plan workbook (.xlsx or .ods) into plan data, with the cell of every field.

Reader side only (python-calamine); imports no writer library and not the plan model: it
returns plain data that rkt_excel.template validates, and a map from each field's location to
its cell ("Rencana!D12"), so every problem names file, sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import get_column_letter
from python_calamine import CalamineError, CalamineWorkbook

from rkt_excel.catalogue import Text
from rkt_excel.errors import TemplateProblem
from rkt_excel.planbook import layout as L

Loc = tuple[Any, ...]
Cells = dict[Loc, str]
_FIELD_OF = dict(L.DOC_FIELDS)


def read_planbook(path: str | Path) -> tuple[dict[str, Any] | None, Cells, list[TemplateProblem]]:
    """Read the plan workbook at ``path``: (plan data or None, cells by field location, problems).

    Problems found here are the workbook's shape (a missing sheet, an unknown row kind, a row
    outside any component); the plan model's own checks run on the data afterwards.
    """
    name = str(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        sheets = set(wb.sheet_names)
        missing = [s for s in (L.SHEET_PLAN, L.SHEET_DOC) if s not in sheets]
        if missing:
            names = ", ".join(missing)
            return None, {}, [
                TemplateProblem(name, 0, "", f"not a plan workbook: no sheet {names}",
                                message_id=f"bukan buku kerja rencana: tidak ada lembar {names}")
            ]  # fmt: skip
        plan_rows = wb.get_sheet_by_name(L.SHEET_PLAN).to_python(skip_empty_area=False)
        doc_rows = wb.get_sheet_by_name(L.SHEET_DOC).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError) as err:
        return None, {}, [
            TemplateProblem(name, 0, "", f"cannot read the workbook: {err}",
                            message_id=f"buku kerja tidak dapat dibaca: {err}")
        ]  # fmt: skip
    reader = _Reader(name)
    data: dict[str, Any] = {}
    reader.document(doc_rows, data)
    data["components"] = reader.components(plan_rows)
    return data, reader.cells, reader.problems


def _text(value: Any) -> str:
    """A cell as text: numbers typed into text cells come back as they were typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _number(value: Any) -> Any:
    """A whole number from a number or digits; anything else as is, for the model to report."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


def _lines(value: Any) -> list[str]:
    # split on "\n" only: the writer joins with it, and str.splitlines would also split on
    # characters that may be part of a text (U+2028, U+0085)
    return [line.strip() for line in _text(value).split("\n") if line.strip()]


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.cells: Cells = {}
        self.problems: list[TemplateProblem] = []

    def cell(self, sheet: str, r: int, c: int) -> str:
        return f"{sheet}!{get_column_letter(c + 1)}{r + 1}"

    def problem(self, sheet: str, r: int, c: int, field: str, message: Text) -> None:
        self.problems.append(
            TemplateProblem(self.name, 0, field, message.en, self.cell(sheet, r, c), message.id)
        )

    # --- Dokumen ---------------------------------------------------------------------------

    def document(self, rows: list[list[Any]], data: dict[str, Any]) -> None:
        sheet = L.SHEET_DOC
        chapters: list[dict[str, Any]] = []
        annexes: list[dict[str, Any]] = []
        signatories: list[dict[str, Any]] = []
        priorities: list[str] = []
        body: list[Any] | None = None  # where paragraphs and items go
        body_loc: Loc = ()
        container: dict[str, Any] | None = None  # the chapter whose sections come next
        chapter_loc: Loc = ()
        for r, raw in enumerate(rows):
            if r <= L.HEADER_ROW:
                continue
            row = [*raw, *[None] * (len(L.DOC_HEADERS) - len(raw))]
            kind = _text(row[L.DOC_KIND]).strip()
            no, text = _text(row[L.DOC_NO]).strip(), _text(row[L.DOC_TEXT])
            at = self.cell(sheet, r, L.DOC_TEXT)
            if not kind:
                if text.strip():
                    self.problem(
                        sheet,
                        r,
                        L.DOC_KIND,
                        "",
                        Text(
                            "baris tanpa JENIS; pilih jenisnya",
                            "a row without JENIS; choose its kind",
                        ),
                    )
                continue
            if kind in _FIELD_OF:
                path = _FIELD_OF[kind]
                if path in L.LINES_FIELDS:
                    value: Any = _lines(text)
                elif path == ("year",):
                    value = _number(row[L.DOC_TEXT])
                elif path in L.DATE_FIELDS:
                    value = _date(row[L.DOC_TEXT])
                else:
                    value = text.strip()
                target = data
                for key in path[:-1]:
                    target = target.setdefault(key, {})
                if path[-1] in target:
                    self.problem(
                        sheet,
                        r,
                        L.DOC_KIND,
                        ".".join(path),
                        Text(f"'{kind}' diisi dua kali", f"'{kind}' given twice"),
                    )
                target[path[-1]] = value
                self.cells[path] = at
            elif kind == L.KIND_SIGNATORY:
                loc: Loc = ("signing", "signatories", len(signatories))
                nip: Any = row[L.DOC_NIP]
                nip = int(nip) if isinstance(nip, float) and nip.is_integer() else _text(nip)
                signatories.append(
                    {"name": text.strip(), "role": _text(row[L.DOC_ROLE]).strip(),
                     "position": _text(row[L.DOC_POSITION]).strip(), "nip": nip}
                )  # fmt: skip
                self.cells[loc] = at
                for key, col in (("role", L.DOC_ROLE), ("position", L.DOC_POSITION)):
                    self.cells[(*loc, key)] = self.cell(sheet, r, col)
                self.cells[(*loc, "nip")] = self.cell(sheet, r, L.DOC_NIP)
            elif kind == L.KIND_PRIORITY:
                self.cells[("priority_targets", len(priorities))] = at
                priorities.append(text.strip())
            elif kind == L.KIND_CHAPTER:
                chapter_loc = ("chapters", len(chapters))
                container = {"number": no, "title": text.strip(), "body": [], "sections": []}
                chapters.append(container)
                self.cells[chapter_loc] = at
                body, body_loc = container["body"], (*chapter_loc, "body")
            elif kind == L.KIND_SECTION:
                if container is None:
                    self.problem(
                        sheet,
                        r,
                        L.DOC_KIND,
                        "",
                        Text("Subbab sebelum Bab mana pun", "a Subbab before any Bab"),
                    )
                    continue
                loc = (*chapter_loc, "sections", len(container["sections"]))
                section: dict[str, Any] = {"number": no, "title": text.strip(), "body": []}
                container["sections"].append(section)
                self.cells[loc] = at
                body, body_loc = section["body"], (*loc, "body")
            elif kind == L.KIND_TABLE:
                if container is None:
                    self.problem(
                        sheet,
                        r,
                        L.DOC_KIND,
                        "",
                        Text(
                            "'Tabel rencana' sebelum Bab mana pun", "'Tabel rencana' before any Bab"
                        ),
                    )
                    continue
                container["table"] = True
                self.cells[(*chapter_loc, "table")] = at
            elif kind == L.KIND_ANNEX:
                loc = ("annexes", len(annexes))
                annex: dict[str, Any] = {"title": _lines(text), "body": []}
                annexes.append(annex)
                container = None
                self.cells[loc] = at
                body, body_loc = annex["body"], (*loc, "body")
            elif kind == L.KIND_PARAGRAPH or kind in L.KIND_ITEMS:
                if body is None:
                    self.problem(
                        sheet,
                        r,
                        L.DOC_KIND,
                        "",
                        Text(
                            f"'{kind}' sebelum Bab atau Lampiran mana pun",
                            f"'{kind}' before any Bab or Lampiran",
                        ),
                    )
                    continue
                if kind == L.KIND_PARAGRAPH:
                    self.cells[(*body_loc, len(body))] = at
                    body.append(text.strip())
                    continue
                style = L.KIND_ITEMS[kind]
                last = body[-1] if body else None
                if not (isinstance(last, dict) and last["style"] == style):
                    last = {"style": style, "items": []}
                    body.append(last)
                bloc = (*body_loc, len(body) - 1, "items", len(last["items"]))
                self.cells[bloc] = at
                last["items"].append(text.strip())
            else:
                self.problem(
                    sheet,
                    r,
                    L.DOC_KIND,
                    "",
                    Text(
                        f"JENIS {kind!r} tidak dikenal (lihat lembar Daftar)",
                        f"unknown JENIS {kind!r} (see sheet Daftar)",
                    ),
                )
        for chapter in chapters:
            for key in ("body", "sections"):
                if not chapter[key]:
                    del chapter[key]
        data["chapters"] = chapters
        data["annexes"] = annexes
        data["priority_targets"] = priorities
        data.setdefault("signing", {})["signatories"] = signatories
        data.setdefault("format", 2)

    # --- Rencana ---------------------------------------------------------------------------

    def components(self, rows: list[list[Any]]) -> list[dict[str, Any]]:
        sheet, col = L.SHEET_PLAN, L.PLAN_COL
        header = [_text(v).strip().upper() for v in (rows[L.HEADER_ROW] if rows else [])]
        if header[: len(L.PLAN_HEADERS)] != list(L.PLAN_HEADERS):
            self.problem(
                sheet, L.HEADER_ROW, 0, "",
                Text(f"baris judul harus berbunyi {', '.join(L.PLAN_HEADERS)}",
                     f"the header row must read {', '.join(L.PLAN_HEADERS)}"),
            )  # fmt: skip
            return []
        components: list[dict[str, Any]] = []
        sub: dict[str, Any] | None = None
        for r in range(L.HEADER_ROW + 1, len(rows)):
            raw = rows[r]
            row = [*raw, *[None] * (len(L.PLAN_COLUMNS) - len(raw))]
            get = {key: row[n] for key, n in col.items()}
            if all(_text(v).strip() == "" for v in row):
                continue
            row_id, indicator = _text(get["id"]).strip(), _text(get["indicator"]).strip()
            no, komponen = get["no"], _text(get["komponen"]).strip()
            cloc: Loc = ("components", len(components) - 1)
            if not row_id and not indicator:  # a component heading row
                cloc = ("components", len(components))
                components.append(
                    {"id": _text(no).strip(), "title": komponen,
                     "name": _text(get["area_name"]).strip() or komponen, "subareas": []}
                )  # fmt: skip
                self.cells[cloc] = self.cell(sheet, r, col["no"])
                self.cells[(*cloc, "id")] = self.cell(sheet, r, col["no"])
                self.cells[(*cloc, "title")] = self.cell(sheet, r, col["komponen"])
                self.cells[(*cloc, "name")] = self.cell(sheet, r, col["area_name"])
                sub = None
                continue
            if not components:
                self.problem(
                    sheet,
                    r,
                    col["no"],
                    "",
                    Text(
                        "baris indikator sebelum baris komponen mana pun",
                        "an indicator row before any component row",
                    ),
                )
                continue
            comp = components[-1]
            no_text = _text(no).strip()
            if no_text and (sub is None or _number(no) != sub["no"] or komponen != sub["name"]):
                sloc = (*cloc, "subareas", len(comp["subareas"]))
                sub = {"no": _number(no), "name": komponen, "indicators": []}
                comp["subareas"].append(sub)
                self.cells[sloc] = self.cell(sheet, r, col["komponen"])
                self.cells[(*sloc, "no")] = self.cell(sheet, r, col["no"])
                self.cells[(*sloc, "name")] = self.cell(sheet, r, col["komponen"])
            elif sub is None:
                self.problem(
                    sheet,
                    r,
                    col["no"],
                    "",
                    Text(
                        "baris pertama sebuah KOMPONEN memerlukan NO",
                        "the first row of a KOMPONEN needs its NO",
                    ),
                )
                continue
            sloc = (*cloc, "subareas", len(comp["subareas"]) - 1)
            iloc = (*sloc, "indicators", len(sub["indicators"]))
            ind: dict[str, Any] = {
                "id": row_id or _auto_id(comp, sub),
                "indicator": indicator,
                "target": _text(get["target"]).strip(),
                "lke": _text(get["lke"]).strip() or None,
                "lke_note": _text(get["lke_note"]).strip(),
                "lke_suggested": _text(get["lke_suggested"]).strip().casefold() == L.YES,
                "repair": _text(get["repair"]).strip(),
            }
            for key in L.LIST_FIELDS:
                ind[key] = _lines(get[key])
            months = _text(get["months"]).strip()
            if months:
                ind["months"] = [_number(m) for m in re.split(r"[,;\s]+", months) if m]
            sub["indicators"].append(ind)
            self.cells[iloc] = self.cell(sheet, r, col["id"])
            for key in col:
                if key not in ("no", "komponen", "area_name"):
                    self.cells[(*iloc, key)] = self.cell(sheet, r, col[key])
        return components


def _auto_id(comp: dict[str, Any], sub: dict[str, Any]) -> str:
    """The id a row without one gets: component . NO . letter (as the embedded plan numbers)."""
    n = len(sub["indicators"])
    return f"{comp['id']}.{sub['no']}.{chr(ord('a') + n % 26)}"


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value).strip()
    return text or None
