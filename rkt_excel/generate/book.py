"""The standard RKT workbook and the unit forms, written with xlsxwriter.

Owns ``generate_workbook``, ``distribute_forms`` and ``write_book``, which writes one workbook:
its document properties, its metadata, the page header every sheet prints and the order of its
sheets (each sheet is its own module: cover, chapters_sheet, guide_sheet, identity_sheet,
component_sheet, criteria_sheet, hidden_sheets); rows are fitted to their text
(printsetup.fit_workbook). Reads only the plan, the LKE model and the units; never reads a
workbook or the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from rkt_excel import __version__, layout
from rkt_excel.errors import UnitsError
from rkt_excel.generate.chapters_sheet import write_chapters
from rkt_excel.generate.component_sheet import write_component
from rkt_excel.generate.cover import write_cover
from rkt_excel.generate.criteria_sheet import write_criteria
from rkt_excel.generate.formats import Formats
from rkt_excel.generate.guide_sheet import write_guide
from rkt_excel.generate.hidden_sheets import write_lists, write_meta
from rkt_excel.generate.identity_sheet import write_identity
from rkt_excel.generate.state import Book, Question
from rkt_excel.guide import CHAPTERS_SHEET, CRITERIA_SHEET
from rkt_excel.identity import form_id
from rkt_excel.lke import load_model
from rkt_excel.printsetup import DEFAULT_PAPER, Page, fit_workbook
from rkt_excel.template import Plan
from rkt_excel.units import Unit, assigned_rows, load_units, safe_filename
from rkt_excel.xlsx_io import atomic_write

WORKBOOK_OPTIONS: dict[str, Any] = {
    # Plan text is data: "=..." must never become a formula, nor "http..." a live link.
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


def form_filename(unit: Unit) -> str:
    """The checklist file name of a unit, e.g. ``form-TU.xlsx``."""
    return f"form-{safe_filename(unit.code)}.xlsx"


def metadata(
    plan: Plan, unit: Unit | None, *, period: str = "", carried_from: str = ""
) -> dict[str, str]:
    """The identity key/values (layout.META_KEYS) of a workbook (unit None) or a unit's form;
    ``period`` the month it is distributed for, ``carried_from`` the month of the answers it
    carries over ("2019-07"; "" for an empty form)."""
    values = {
        "format": layout.FORM_FORMAT,
        "kind": "form" if unit else "workbook",
        "rkt_excel_version": __version__,
        "plan_id": plan.id,
        "plan_version": plan.version,
        "plan_hash": plan.content_hash,
        "regulation": plan.regulation,
        "year": str(plan.year),
        "form_id": form_id(plan.content_hash, unit.code if unit else ""),
        "unit_code": unit.code if unit else "",
        "unit_name": unit.name if unit else "",
        "period": period,
        "carried_from": carried_from,
    }
    return {key: values[key] for key in layout.META_KEYS}


def generate_workbook(
    plan: Plan, path: str | Path, *, password: str | None = None, paper: str = DEFAULT_PAPER
) -> Path:
    """Write the standard RKT workbook (every row, no Identitas sheet) and return its path.

    ``password`` protects the sheets (weakly: Excel sheet passwords stop accidents, not people).
    ``paper`` is "a4" or "f4" (printsetup.PAPERS).
    """
    target = Path(path)
    questions = _questions(plan)
    page = book_page(plan, None, "", paper)
    with atomic_write(target) as tmp:
        book = Book(plan, None, None, questions, password, metadata(plan, None), page=page)
        write_book(book, tmp)
    return target


def book_page(plan: Plan, unit: Unit | None, period: str, paper: str) -> Page:
    """What every printed page of a workbook or a unit's form shows in its header."""
    # Short, so that the header's three parts fit a portrait page side by side.
    office = (plan.office.short_name or plan.office.name) + (f" — {unit.code}" if unit else "")
    label = _month_label(period)
    when = f"RKT Tahun {plan.year}" + (f" · {label}" if label else "")
    return Page(paper, office, when)


def distribute_forms(
    plan: Plan,
    units: Sequence[Unit] | str | Path,
    out_dir: str | Path,
    *,
    password: str | None = None,
    period: str = "",
    carried: Mapping[str, tuple[str, Mapping[str, Mapping[str, Any]]]] | None = None,
    paper: str = DEFAULT_PAPER,
) -> list[Path]:
    """Write one checklist per unit (``form-<code>.xlsx``) into ``out_dir``; return the paths.

    ``units`` is a list of Units or the path of a units file. Everything is checked before the
    first file is written, so a bad units list writes nothing. ``period`` ("2019-08") is
    recorded in each form. ``carried`` (from ``carry.carried_answers``) maps a unit code to
    (the month carried from, row id -> field key -> value): that unit's form is written with
    those answers in, each such row recorded with the digest of its values (layout's
    ``carried_digest``), so the reader tells an untouched row from an updated one. ``paper``
    is "a4" or "f4".

    Raises:
        UnitsError: every problem of the units (line numbers from the file; for a list of
            Units, the 1-based position in the list).
    """
    unit_list = load_units(units, plan) if isinstance(units, str | Path) else list(units)
    _check_units(plan, unit_list)
    questions = _questions(plan)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for unit in unit_list:
        target = out / form_filename(unit)
        month, answers = (carried or {}).get(unit.code, ("", {}))
        rows = set(assigned_rows(plan, unit))
        answers = {row_id: values for row_id, values in answers.items() if row_id in rows}
        month = month if answers else ""
        meta = metadata(plan, unit, period=period, carried_from=month)
        label = _month_label(month)
        with atomic_write(target) as tmp:
            page = book_page(plan, unit, period, paper)
            book = Book(plan, unit, rows, questions, password, meta, answers, label, page)
            write_book(book, tmp)
        paths.append(target)
    return paths


def _month_label(period: str) -> str:
    """The form's month as the forms show it, "2019-07" as: "Juli 2019" ("" stays "")."""
    from rkt_excel.periods import folder_period

    found = folder_period(period)
    return found.label() if found is not None else period


def _check_units(plan: Plan, units: Sequence[Unit]) -> None:
    """The checks load_units makes, for Units built in code."""
    problems: list[tuple[int, str]] = []
    components = {c.id for c in plan.components}
    seen: dict[str, int] = {}
    for n, unit in enumerate(units, start=1):
        if not unit.code.strip() or not unit.name.strip():
            problems.append((n, "kode and nama must not be empty"))
        key = safe_filename(unit.code).casefold()
        if key in seen:
            problems.append((n, f"code {unit.code!r} gives the same file as unit {seen[key]}"))
        seen.setdefault(key, n)
        problems += [
            (n, f"unknown component {c!r}") for c in unit.components if c not in components
        ]
        problems += [
            (n, f"unknown indicator {i!r}") for i in unit.indicators if i not in plan.index
        ]
    if not units:
        problems.append((0, "no units"))
    if problems:
        raise UnitsError(f"{len(problems)} problem(s) in the units", problems)


def _questions(plan: Plan) -> dict[str, Question]:
    """The LKE question of every row that has one (row id -> question)."""
    linked = [ind for _, _, ind in plan.indicators() if ind.lke]
    if not linked:
        return {}
    model = load_model(plan.regulation)
    return {ind.id: model.question(ind.lke) for ind in linked if ind.lke}


def write_book(book: Book, path: Path) -> None:
    """Write the workbook of ``book`` to ``path``: every sheet, in order, then close it."""
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    book.wb = wb
    book.f = Formats(wb)
    _properties(book)
    write_cover(book, wb.add_worksheet(layout.SHEET_COVER))
    if book.unit is None and book.plan.chapters:
        write_chapters(book, wb.add_worksheet(CHAPTERS_SHEET))
    write_guide(book, wb.add_worksheet(layout.SHEET_GUIDE))
    if book.unit is not None:
        write_identity(book, wb.add_worksheet(layout.SHEET_IDENTITY), book.unit)
    for comp in book.plan.components:
        picked = [
            (sub, ind)
            for sub in comp.subareas
            for ind in sub.indicators
            if book.rows is None or ind.id in book.rows
        ]
        if picked:  # a unit's form leaves out components it has no row in
            name = layout.component_sheet_name(comp.id, comp.name)
            write_component(book, wb.add_worksheet(name), comp, picked)
    if any(p.question is not None for p in book.placed):
        write_criteria(book, wb.add_worksheet(CRITERIA_SHEET))
    write_lists(book, wb.add_worksheet(layout.SHEET_LISTS))
    write_meta(book, wb.add_worksheet(layout.SHEET_META))
    fit_workbook(wb.worksheets())  # every wrapped cell's row as high as its text needs
    wb.close()


def _properties(book: Book) -> None:
    plan, unit = book.plan, book.unit
    subject = (
        f"Lembar periksa {unit.name} ({unit.code})"
        if unit
        else "Rencana Kerja Tahunan Pembangunan Zona Integritas menuju WBK/WBBM"
    )
    book.wb.set_properties(
        {
            "title": f"{plan.title} Tahun {plan.year}",
            "subject": subject,
            "author": f"Tim Reformasi Birokrasi {plan.office.name}",
            "company": plan.office.name,
            "category": "Zona Integritas",
            "keywords": "RKT, Zona Integritas, WBK, WBBM, Reformasi Birokrasi",
            "comments": f"Dibuat dengan rkt_excel {__version__}; jangan ubah struktur berkas.",
            # A fixed date from the plan, never the clock: same plan, same bytes.
            "created": dt.datetime.combine(plan.created, dt.time()),
        }
    )
    for key, value in book.meta.items():
        if value:  # an empty property reads back as nothing anyway; the sheet has every key
            book.wb.set_custom_property(layout.PROPERTY_PREFIX + key, value, "text")
