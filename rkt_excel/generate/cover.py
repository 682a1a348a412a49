"""The cover sheet (Sampul) of the standard workbook and the unit forms: office, title, year,
legal basis, priority targets and the signatories, as printed on the RKT.

Owns the Sampul sheet. Its words come from the plan (and the unit of a form).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rkt_excel.generate.formats import page_setup
from rkt_excel.guide import PRIORITY_HEADER
from rkt_excel.texts import long_date

if TYPE_CHECKING:
    from rkt_excel.generate.state import Book


def write_priority_table(ws: Any, f: Any, r: int, targets: Sequence[str]) -> int:
    """The numbered table of the priority targets from row ``r`` (column A the number, B:C
    the target), on Sampul and on Dokumen RKT; returns the row after it."""
    ws.write_string(r, 0, "NO", f.header)
    ws.merge_range(r, 1, r, 2, "", f.header)
    ws.write_string(r, 1, PRIORITY_HEADER, f.header)
    for n, target in enumerate(targets, start=1):
        ws.write_number(r + n, 0, n, f.cell_center)
        ws.merge_range(r + n, 1, r + n, 2, "", f.cell)
        ws.write_string(r + n, 1, target, f.cell)
    return r + len(targets) + 1


def write_cover(book: Book, ws: Any) -> None:
    plan, f = book.plan, book.f
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 6)
    ws.set_column(1, 2, 48)
    page_setup(ws, book.page, landscape=False)

    r = 0
    head = (plan.office.ministry, plan.office.region, plan.office.name, plan.document.number)
    for text in head:
        if text:
            ws.merge_range(r, 0, r, 2, "", f.center_bold)
            ws.write_string(r, 0, text, f.center_bold)
            r += 1
    r += 1
    # The cover's title lines as the RKT prints them (plan format 2), else the title and year.
    if plan.document.cover:
        lines = [(text, f.title) for text in plan.document.cover]
    else:
        title = plan.document.title or f"{plan.title} Tahun {plan.year}"
        lines = [(title, f.title), (f"TAHUN {plan.year}", f.center_bold)]
    for text, fmt in lines:
        ws.merge_range(r, 0, r, 2, "", fmt)
        ws.write_string(r, 0, text, fmt)
        r += 1
    if book.unit is not None:
        line = f"LEMBAR PERIKSA UNIT KERJA: {book.unit.name} ({book.unit.code})"
        ws.merge_range(r, 0, r, 2, "", f.center_bold)
        ws.write_string(r, 0, line, f.center_bold)
        r += 1
    r += 1

    if plan.legal_basis:
        ws.write_string(r, 0, "DASAR HUKUM", f.bold)
        r += 1
        for i, text in enumerate(plan.legal_basis):
            ws.write_string(r, 0, f"{chr(ord('a') + i % 26)}.", f.top)
            ws.merge_range(r, 1, r, 2, "", f.wrap)
            ws.write_string(r, 1, text, f.wrap)
            r += 1
        r += 1

    if plan.priority_targets:
        r = write_priority_table(ws, f, r, plan.priority_targets) + 1

    if plan.signatories:
        sg = plan.signing
        city = sg.place or plan.office.city
        place = f"{city}, " if city else ""
        ws.merge_range(r, 0, r, 2, "", f.center)
        ws.write_string(r, 0, place + long_date(sg.date or plan.created), f.center)
        r += 1
        team = sg.team or f"Tim Reformasi Birokrasi {plan.office.name}"
        ws.merge_range(r, 0, r, 2, "", f.center)
        ws.write_string(r, 0, team, f.center)
        r += 1
        if sg.heading:
            ws.merge_range(r, 0, r, 2, "", f.center)
            ws.write_string(r, 0, sg.heading, f.center)
            r += 1
        r += 1
        # Two signatories side by side (columns B and C), as on the printed RKT.
        for start in range(0, len(plan.signatories), 2):
            pair = plan.signatories[start : start + 2]
            for k, person in enumerate(pair):
                col = 1 + k
                ws.write_string(r, col, f"{person.role},", f.center)
                if person.position:
                    ws.write_string(r + 1, col, person.position, f.center)
                ws.write_string(r + 5, col, person.name, f.signature)
                if person.nip:
                    ws.write_string(r + 6, col, f"NIP. {person.nip}", f.center)
            r += 8
    book.protect(ws)
