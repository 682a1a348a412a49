"""Build Word RKTs in code (python-docx), the way offices write them, from a Plan.

Independent of rkt_excel's document writer: each option is one variant of how an office lays
out its RKT (list paragraphs or typed bullets, merged NO/KOMPONEN cells, one table per
component, repeated header rows, other header wordings, a PENANGGUNG JAWAB column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.table import Table

from rkt_excel.template import ItemList, Plan

DEFAULT_HEADERS = ("NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU")
OTHER_HEADERS = (
    "NO.", "KOMPONEN", "INDIKATOR", "RENCANA AKSI / KEGIATAN", "BUKTI DUKUNG / OUTPUT",
    "WAKTU PELAKSANAAN / JADWAL",
)  # fmt: skip
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip


@dataclass
class Variant:
    bullets: str = "list"  # "list": List Bullet paragraphs; "typed": "• " / "- " typed in text
    merge_no: bool = True  # NO and KOMPONEN merged down a sub-area (else blank below)
    heading_merged: bool = True  # "I MANAJEMEN PERUBAHAN" in one cell across the row
    per_component: bool = False  # one table per component (each with its header)
    repeat_header_every: int = 0  # a header row again after every N rows (0: never)
    headers: tuple[str, ...] = DEFAULT_HEADERS
    pic_column: bool = False  # an extra PENANGGUNG JAWAB column
    continued: dict[str, tuple[str, int]] = field(default_factory=dict)
    # row id -> (column, words moved to a continuation row on "the next page")
    extra_column: str = ""  # an unknown column (e.g. KETERANGAN) with text in the first row


def _items(cell: Any, texts: list[str] | tuple[str, ...], variant: Variant) -> None:
    cell.paragraphs[0].text = ""
    for n, text in enumerate(texts):
        p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        if variant.bullets == "list":
            p.style = "List Bullet"
            p.text = text
        else:
            p.text = ("• " if n % 2 == 0 else "- ") + text


def _plain(cell: Any, text: str) -> None:
    cell.paragraphs[0].text = text


def _header(table: Table, variant: Variant) -> None:
    row = table.add_row().cells
    headers = [*variant.headers]
    if variant.pic_column:
        headers.append("PENANGGUNG JAWAB")
    if variant.extra_column:
        headers.append(variant.extra_column)
    for cell, text in zip(row, headers, strict=True):
        _plain(cell, text)


def build_docx(plan: Plan, path: Path, variant: Variant | None = None) -> Path:
    """Write ``plan`` as a Word RKT in ``variant``'s layout."""
    v = variant or Variant()
    d = docx.Document()
    for line in (plan.office.ministry, plan.office.region, plan.office.name, plan.document.number):
        if line:
            d.add_paragraph(line).runs[0].bold = True
    d.add_paragraph("")
    for line in plan.document.cover_lines:
        d.add_paragraph(line).runs[0].bold = True
    d.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
    ncols = len(v.headers) + v.pic_column + bool(v.extra_column)
    for chapter in plan.chapters:
        d.add_heading(f"BAB {chapter.number} {chapter.title}", level=1)
        _body(d, chapter.body)
        for section in chapter.sections:
            d.add_paragraph(f"{section.number}. {section.title}").runs[0].bold = True
            _body(d, section.body)
        if chapter.table:
            _rkt_tables(d, plan, v, ncols)
    sg = plan.signing
    if sg.date is not None:
        d.add_paragraph(f"{sg.place}, {sg.date.day} {MONTHS[sg.date.month - 1]} {sg.date.year}")
    if sg.team:
        d.add_paragraph(sg.team)
    if sg.heading:
        d.add_paragraph(sg.heading)
    for person in sg.signatories:  # the flattened layout: roles, then names with NIPs
        d.add_paragraph(f"{person.role},")
    for person in sg.signatories:
        d.add_paragraph(person.name)
        d.add_paragraph(f"NIP.{person.nip}")
    for annex in plan.annexes:
        for line in annex.title:
            d.add_paragraph(line).runs[0].bold = True
        _body(d, annex.body)
    for line in plan.priority_title:
        d.add_paragraph(line).runs[0].bold = True
    if plan.priority_targets:
        t = d.add_table(rows=0, cols=2)
        row = t.add_row().cells
        _plain(row[0], "NO")
        _plain(row[1], "TARGET PRIORITAS")
        for n, text in enumerate(plan.priority_targets, start=1):
            row = t.add_row().cells
            _plain(row[0], str(n))
            _plain(row[1], text)
    d.save(str(path))
    return path


def _body(d: Any, body: tuple[Any, ...]) -> None:
    for block in body:
        if isinstance(block, ItemList):
            for n, item in enumerate(block.items):
                mark = {"a": f"{chr(97 + n)}.", "1": f"{n + 1}.", "-": "•"}[block.style]
                d.add_paragraph(f"{mark} {item}")
        else:
            d.add_paragraph(block)


def _rkt_tables(d: Any, plan: Plan, v: Variant, ncols: int) -> None:
    table: Table | None = None
    since_header = 0
    for comp in plan.components:
        if table is None or v.per_component:
            if table is not None:
                d.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
            table = d.add_table(rows=0, cols=ncols)
            table.style = "Table Grid"
            _header(table, v)
            since_header = 0
        heading = table.add_row().cells
        if v.heading_merged:
            merged = heading[0].merge(heading[ncols - 1])
            _plain(merged, f"{comp.id} {comp.title}")
        else:
            _plain(heading[0], comp.id)
            _plain(heading[1], comp.title)
        for sub in comp.subareas:
            first_row = None
            for n, ind in enumerate(sub.indicators):
                if v.repeat_header_every and since_header >= v.repeat_header_every:
                    _header(table, v)
                    since_header = 0
                    first_row = None  # a merge does not cross a repeated header
                cells = table.add_row().cells
                since_header += 1
                if n == 0 or not v.merge_no or first_row is None:
                    if n == 0 or not v.merge_no:
                        _plain(cells[0], str(sub.no) if n == 0 else "")
                        _plain(cells[1], sub.name if n == 0 else "")
                    first_row = cells
                else:
                    first_row[0].merge(cells[0])
                    first_row[1].merge(cells[1])
                actions, evidence = list(ind.actions), list(ind.evidence)
                cut = v.continued.get(ind.id)
                moved: list[str] = []
                if cut:
                    column, words = cut
                    values = actions if column == "actions" else evidence
                    head = values[-1].split()
                    values[-1], moved = " ".join(head[:-words]), head[-words:]
                _items(cells[2], [ind.indicator], v)
                _items(cells[3], actions, v)
                _items(cells[4], evidence, v)
                _plain(cells[5], ind.target)
                col = 6
                if v.pic_column:
                    _plain(cells[col], "\n".join(ind.pic))
                    col += 1
                if v.extra_column and comp is plan.components[0] and n == 0:
                    _plain(cells[col], "catatan bebas")
                if moved:  # the rest of the cell, on "the next page": a new table, a header
                    table = d.add_table(rows=0, cols=ncols)
                    table.style = "Table Grid"
                    _header(table, v)
                    since_header = 0
                    cont = table.add_row().cells
                    _plain(cont[3 if cut and cut[0] == "actions" else 4], " ".join(moved))
                    first_row = None
