"""Read the BAB III tables (NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK, TARGET WAKTU)
into the plan's components, as offices write them.

Handles: merged NO/KOMPONEN cells (and merged action/target cells shared by rows), component
heading rows, bullets as list paragraphs or typed marks, repeated header rows and one table per
component, a row continued on the next page, other header wordings, a PENANGGUNG JAWAB column.
Pure: works on source.Table; every change or doubt becomes an ImportProblem with its location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, utils

from rkt_excel.errors import ScheduleError
from rkt_excel.planimport.problems import ImportProblem, Location
from rkt_excel.planimport.source import Cell, Table
from rkt_excel.schedule import parse_target

# header wordings -> field; a header like "RENCANA AKSI / KEGIATAN" matches by any part
HEADERS: dict[str, tuple[str, ...]] = {
    "no": ("NO", "NOMOR", "NO URUT"),
    "komponen": ("KOMPONEN", "SUB KOMPONEN", "SUBKOMPONEN", "AREA", "AREA PERUBAHAN"),
    "indicator": ("INDIKATOR", "INDIKATOR KINERJA", "INDIKATOR KEBERHASILAN"),
    "actions": ("LANGKAH AKSI", "RENCANA AKSI", "KEGIATAN", "RENCANA KEGIATAN", "AKSI"),
    "evidence": ("BUKTI FISIK", "BUKTI DUKUNG", "OUTPUT", "DATA DUKUNG", "KELUARAN", "BUKTI"),
    "target": ("TARGET WAKTU", "WAKTU PELAKSANAAN", "JADWAL", "WAKTU", "JADWAL PELAKSANAAN",
               "TARGET", "TARGET PENYELESAIAN"),
    "pic": ("PENANGGUNG JAWAB", "PIC", "PJ", "UNIT PENANGGUNG JAWAB", "PELAKSANA"),
}  # fmt: skip
LABELS = {
    "no": "NO", "komponen": "KOMPONEN", "indicator": "INDIKATOR", "actions": "LANGKAH AKSI",
    "evidence": "BUKTI FISIK", "target": "TARGET WAKTU", "pic": "PENANGGUNG JAWAB",
}  # fmt: skip
_SYNONYM = {syn: key for key, syns in HEADERS.items() for syn in syns}
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_COMPONENT = re.compile(r"^(X|IX|VIII|VII|VI|V|IV|III|II|I)(?:[.)]\s*|\s+|$)(.*)$", re.S)
# a typed list mark: bullet or dash, "a." / "a)", "1." / "1)"
MARK = re.compile(r"^\s*(?:([•●▪◦·∙\-–—*])\s*|([a-z])[.)]\s+|(\d{1,2})[.)]\s+)")
# The six areas of change (GLOSSARY.md): a printed heading like one of these gets its name.
AREA_NAMES = {
    "I": "Manajemen Perubahan",
    "II": "Penataan Tatalaksana",
    "III": "Penataan Sistem Manajemen SDM",
    "IV": "Penguatan Akuntabilitas Kinerja",
    "V": "Penguatan Pengawasan",
    "VI": "Peningkatan Kualitas Pelayanan Publik",
}
_AREA_SIMILAR = 60  # token_sort_ratio above which a heading is taken for the area
ORPHANS = "0"  # the component that takes rows found before any component heading row


def _norm_header(text: str) -> str:
    return " ".join(re.sub(r"[^A-Z0-9/ ]+", " ", text.upper()).split())


def header_key(text: str) -> str | None:
    """The field a header cell names, or None."""
    norm = _norm_header(text)
    if norm in _SYNONYM:
        return _SYNONYM[norm]
    for part in norm.split("/"):
        if part.strip() in _SYNONYM:
            return _SYNONYM[part.strip()]
    return None


def header_of(row: tuple[Cell, ...]) -> dict[int, str] | None:
    """Column -> field when ``row`` is an RKT header row (INDIKATOR and two more), else None."""
    mapping: dict[int, str] = {}
    for c, cell in enumerate(row):
        if c and cell is row[c - 1]:
            continue
        key = header_key(cell.text) if cell.text else None
        mapping[c] = key or (f"?{cell.text}" if cell.text else "")
    keys = set(mapping.values())
    if "indicator" in keys and len(keys & set(HEADERS)) >= 3:
        return {c: k for c, k in mapping.items() if k}
    return None


def is_rkt_header(row: tuple[Cell, ...]) -> bool:
    return header_of(row) is not None


@dataclass
class _Item:
    text: str
    marked: bool  # a list paragraph or a typed mark: a new item, never a continuation


def _mark_kind(line: str) -> tuple[str, str]:
    """(kind of the typed mark at the start of ``line``: "bullet", "letter", "number" or "",
    the line without it)."""
    m = MARK.match(line)
    if m is None:
        return "", line
    kind = "bullet" if m[1] else "letter" if m[2] else "number"
    return kind, line[m.end() :]


def items(cell: Cell | None) -> list[_Item]:
    """A cell's items: one per list paragraph or marked line, typed marks removed.

    Within one paragraph, each line is an item, except under a marked first line: there a line
    marked alike starts a new item and other lines ("1. ..." under a "•" item, or unmarked
    lines) continue the item, line break kept.
    """
    out: list[_Item] = []
    if cell is None:
        return out
    for para in cell.paras:
        lines = para.text.split("\n")
        first_kind, _ = _mark_kind(lines[0])
        current: _Item | None = None
        for n, line in enumerate(lines):
            kind, rest = _mark_kind(line)
            new_item = n == 0 or not first_kind or kind == first_kind
            if not new_item and current is not None:
                if line.strip():
                    current.text = (
                        f"{current.text}\n{line.strip()}" if current.text else line.strip()
                    )
                continue
            text = " ".join(rest.split())
            if not text:
                continue
            current = _Item(text, para.list_style is not None or kind != "")
            out.append(current)
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _letter(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]


@dataclass
class TableReader:
    """Reads the RKT tables one after the other, keeping the current component and sub-area
    across tables (one table per component, or a table continued on the next page)."""

    problems: list[ImportProblem] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    header: dict[int, str] | None = None
    last: list[dict[str, Any]] = field(default_factory=list)  # indicators of the last row

    def add(self, code: str, where: Location, **params: Any) -> None:
        self.problems.append(ImportProblem(code, where, params))

    def read(self, table: Table) -> None:
        prev: tuple[Cell, ...] | None = None
        for r, row in enumerate(table.rows):
            mapping = header_of(row)
            if mapping is not None:  # a header, first or repeated on a new page
                self.header = mapping
                prev = None
                continue
            if self.header is None:
                continue
            self._row(table, r, row, prev)
            prev = row

    def _cells(
        self, row: tuple[Cell, ...], prev: tuple[Cell, ...] | None
    ) -> tuple[dict[str, Cell | None], set[str]]:
        """Field -> its cell (None when merged from the left) and the fields merged from above."""
        assert self.header is not None
        cells: dict[str, Cell | None] = {}
        from_above: set[str] = set()
        for c, key in self.header.items():
            cell = row[c] if c < len(row) else None
            if cell is not None and c and cell is row[c - 1]:
                cell = None
            if cell is not None and prev is not None and c < len(prev) and prev[c] is cell:
                from_above.add(key)
            cells[key] = cell
        return cells, from_above

    def _row(
        self, table: Table, r: int, row: tuple[Cell, ...], prev: tuple[Cell, ...] | None
    ) -> None:
        cells, from_above = self._cells(row, prev)

        def text(key: str) -> str:
            cell = cells.get(key)
            return "" if cell is None or key in from_above else " ".join(cell.text.split())

        def where(key: str) -> Location:
            cell = cells.get(key)
            return Location(table.number, r + 1, LABELS.get(key, key.lstrip("?")),
                            cell.ref if cell is not None else "")  # fmt: skip

        if not any(text(k) for k in cells):
            return
        content = [k for k in ("indicator", "actions", "evidence", "target", "pic") if text(k)]
        heading = _COMPONENT.match(f"{text('no')} {text('komponen')}".strip())
        if heading and not content:
            self._component(heading[1], heading[2].strip(), where("no"))
            return
        for key in cells:
            if key.startswith("?") and text(key):
                self.add("column-not-imported", where(key), header=key[1:], text=text(key))
        if "indicator" in from_above and self.last:
            for key in ("actions", "evidence", "pic"):
                if key not in from_above:
                    self.last[-1][key] += [_one_line(i.text) for i in items(cells.get(key))]
            return
        if not text("indicator") and not text("no") and not text("komponen"):
            self._continuation(cells, from_above, where)
            return
        sub = self._subarea(text("no"), text("komponen"), from_above, where)
        ind_items = [i.text for i in items(cells.get("indicator"))] or [""]
        n = len(ind_items)
        rows = []
        for k, indicator in enumerate(ind_items):
            row_id = f"{sub['_component']}.{sub['no']}.{_letter(len(sub['indicators']))}"
            ind: dict[str, Any] = {"id": row_id, "indicator": indicator}
            sub["indicators"].append(ind)
            rows.append(ind)
            self.locations[row_id] = where("indicator")
            if k and k == n - 1:
                self.add("row-split", where("indicator"), count=n, ids=[i["id"] for i in rows])
        for key in ("actions", "evidence", "pic", "target"):
            if key in from_above and self.last:
                for ind in rows:
                    ind[key] = self.last[-1].get(key, [] if key != "target" else "")
                continue
            values = [_one_line(i.text) for i in items(cells.get(key))]
            if key == "target":
                values = [", ".join(values)] if n == 1 or len(values) != n else values
            if n == 1:
                rows[0][key] = values if key != "target" else (values[0] if values else "")
            elif len(values) == n:
                for ind, value in zip(rows, values, strict=True):
                    ind[key] = [value] if key != "target" else value
            elif len(values) <= 1:
                for ind in rows:
                    ind[key] = values if key != "target" else (values[0] if values else "")
            else:
                self.add("row-split-unpaired", where(key), items=len(values),
                         header=LABELS[key], count=n, row_id=rows[0]["id"])  # fmt: skip
                rows[0][key] = values
                for ind in rows[1:]:
                    ind[key] = []
        for ind in rows:
            self._check_target(ind, where("target"))
        self.last = rows

    def _component(self, cid: str, title: str, where: Location) -> None:
        canonical = AREA_NAMES.get(cid)
        similar = canonical is not None and (
            fuzz.token_sort_ratio(title, canonical, processor=utils.default_process)
            >= _AREA_SIMILAR
        )
        if canonical is not None and similar:
            name = canonical
            if title.casefold() != canonical.casefold():
                self.add("component-name-corrected", where, title=title, name=name)
        else:
            name = title.title() if title.isupper() else title
            self.add("component-unknown", where, title=title)
        self.components.append({"id": cid, "name": name, "title": title, "subareas": []})
        self.last = []

    def _subarea(self, no: str, name: str, from_above: set[str], where: Any) -> dict[str, Any]:
        if not self.components:
            self.add("row-outside-component", where("indicator"), component=ORPHANS,
                     text=" | ".join(filter(None, (no, name))))  # fmt: skip
            self.components.append({"id": ORPHANS, "name": ORPHANS, "title": "", "subareas": []})
        comp = self.components[-1]
        subs = comp["subareas"]
        number = re.match(r"^(\d+)\.?$", no)
        current: dict[str, Any] | None = subs[-1] if subs else None
        if current is not None and (
            {"no", "komponen"} & from_above
            or (not no and not name)
            or ((number and int(number[1]) == current["no"]) and name in ("", current["name"]))
        ):
            return current
        if number:
            n = int(number[1])
        else:
            n = max((s["no"] for s in subs), default=0) + 1
            self.add("subarea-number-missing", where("no"), name=name, no=n)
        sub = {"no": n, "name": name, "indicators": [], "_component": comp["id"]}
        subs.append(sub)
        return sub

    def _continuation(
        self, cells: dict[str, Cell | None], from_above: set[str], where: Any
    ) -> None:
        """A row continued on the next page: its fragments go back to the row before."""
        if not self.last:
            texts = " | ".join(c.text for c in cells.values() if c is not None and c.text)
            self.add("row-outside-component", where("indicator"), component=ORPHANS, text=texts)
            return
        ind = self.last[-1]
        target_changed = False
        for key in ("actions", "evidence", "pic", "target"):
            if key in from_above:
                continue
            frags = [_Item(_one_line(f.text), f.marked) for f in items(cells.get(key))]
            if not frags:
                continue
            self.add("row-continued", where(key), row_id=ind["id"],
                     text=" ".join(f.text for f in frags))  # fmt: skip
            if key == "target":
                ind["target"] = " ".join([ind.get("target", ""), *(f.text for f in frags)]).strip()
                target_changed = True
                continue
            values = ind.setdefault(key, [])
            first = frags[0]
            if values and not first.marked:  # an unmarked fragment continues the last item
                values[-1] = f"{values[-1]} {first.text}"
                frags = frags[1:]
            values.extend(f.text for f in frags)
        if target_changed:
            self._check_target(ind, where("target"), again=True)

    def _check_target(self, ind: dict[str, Any], where: Location, again: bool = False) -> None:
        if again:  # reported once, for the text as finally joined
            self.problems[:] = [
                p for p in self.problems
                if not (p.code == "target-unreadable" and p.params["row_id"] == ind["id"])
            ]  # fmt: skip
        try:
            parse_target(ind.get("target", ""))
        except ScheduleError as err:
            self.add("target-unreadable", where, text=ind["target"], row_id=ind["id"],
                     error=str(err))  # fmt: skip

    def result(self) -> list[dict[str, Any]]:
        """The components as plan data (sub-areas without their bookkeeping)."""
        for comp in self.components:
            for sub in comp["subareas"]:
                sub.pop("_component", None)
        return self.components
