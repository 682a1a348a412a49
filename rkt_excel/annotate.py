"""The annotated copy of a returned form, ``<name>.periksa.xlsx``, for the unit to correct.

Owns ``annotate`` (and ``annotate_report``, every form of a report): a copy of the form
(openpyxl) with every problem cell filled and commented, and a sheet listing every issue, in
the unit's language (Bahasa Indonesia). The original file
is never modified; the copy is written to a temporary name and renamed.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rkt_excel import layout, textfit
from rkt_excel.catalogue import DISCOVERY_CODES, PREFLIGHT_CODES
from rkt_excel.errors import FormError
from rkt_excel.issues import Issue, Report, Severity, render_fix, render_issue
from rkt_excel.printsetup import DEFAULT_PAPER, Page, openpyxl_setup
from rkt_excel.xlsx_io import atomic_write

ANNOTATED_SUFFIX = ".periksa.xlsx"
SUMMARY_SHEET = "Hasil Pemeriksaan"
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}  # Excel's "bad" and "neutral"


def annotated_path(form_path: str | Path) -> Path:
    """Where annotate writes by default: ``<name>.periksa.xlsx`` next to the form, or
    ``<name>.periksa-2.xlsx`` (-3, ...) when that name is taken: an existing copy may be the
    unit's corrected form, and is never replaced."""
    p = Path(form_path)
    target = p.with_name(p.stem + ANNOTATED_SUFFIX)
    n = 2
    while target.exists() or target.is_symlink():
        target = p.with_name(f"{p.stem}{ANNOTATED_SUFFIX[: -len('.xlsx')]}-{n}.xlsx")
        n += 1
    return target


def _same_file(a: str, b: Path) -> bool:
    if not a:
        return False
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return Path(a) == b


def _note(issue: Issue) -> str:
    """The Indonesian comment text of one issue: what is wrong and how to fix it."""
    fix = render_fix(issue, "id")
    text = f"[{issue.code}] {render_issue(issue, 'id')}"
    return f"{text}\nPerbaikan: {fix}" if fix else text


def annotate(
    form_path: str | Path,
    report: Report | Iterable[Issue],
    out_path: str | Path | None = None,
    *,
    paper: str = DEFAULT_PAPER,
    page: Page | None = None,
) -> Path:
    """Write a copy of the form with every problem cell filled and commented (in Indonesian),
    plus the sheet "Hasil Pemeriksaan" listing every issue of the file (what is wrong, how to
    fix it, a link to the cell), printed on ``paper`` ("a4" or "f4"; ``page`` gives the
    header too). The original is never modified.

    Raises:
        FormError: the form cannot be opened with openpyxl (``unreadable``).
    """
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    src = Path(form_path)
    target = Path(out_path) if out_path is not None else annotated_path(src)
    mine = [i for i in report if _same_file(i.file, src)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about parts it drops
            wb = openpyxl.load_workbook(src)
    except Exception as err:  # any openpyxl failure is "cannot annotate"
        raise FormError("unreadable", str(src), reason=f"{type(err).__name__}: {err}") from err

    by_cell: dict[tuple[str, str], list[Issue]] = {}
    for issue in mine:
        if issue.sheet in wb.sheetnames and issue.cell:
            by_cell.setdefault((issue.sheet, issue.cell), []).append(issue)
    for (sheet, ref), issues in by_cell.items():
        cell = wb[sheet][ref]
        worst = (
            Severity.ERROR
            if any(i.severity is Severity.ERROR for i in issues)
            else Severity.WARNING
        )
        cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])
        text = "\n\n".join(_note(i) for i in issues)
        comment = Comment(text, "rkt_excel")
        comment.width, comment.height = 320, min(600, 60 + 15 * text.count("\n") + len(text) // 2)
        cell.comment = comment

    ws = _summary_sheet(wb, mine, page or _page(wb, paper))
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as tmp:
        wb.save(tmp)
    return target


# The Hasil Pemeriksaan sheet: (header, width) per column; Arial 10, wrapped.
SUMMARY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("No", 5),
    ("Tingkat", 11),
    ("Sheet", 20),
    ("Sel", 7),
    ("ID Baris", 9),
    ("Kolom", 14),
    ("Isian", 18),
    ("Masalah", 48),
    ("Cara memperbaiki", 48),
)
SUMMARY_TITLE = "HASIL PEMERIKSAAN LEMBAR PERIKSA"
SUMMARY_HINT = (
    "Perbaiki setiap masalah di bawah ini pada berkas asli (bukan salinan ini), lalu kirim "
    "kembali. Klik alamat di kolom Sel untuk menuju sel yang bermasalah; sel itu juga "
    "berwarna dan berkomentar. Kesalahan harus diperbaiki; peringatan sebaiknya diperbaiki."
)
SUMMARY_HEADER_ROW = 4  # 1-based, as openpyxl counts
_LEVEL = {Severity.ERROR: "Kesalahan", Severity.WARNING: "Peringatan"}
_FIELD_NAMES: dict[str, str] = {
    **{c.key: c.header for c in layout.COLUMNS},
    **{f.key: f.label for f in layout.IDENTITY_FIELDS},
}


def _page(wb: Any, paper: str) -> Page:
    """The page header of the copy: the form's subject (its unit) and title (plan and year),
    from its document properties."""
    props = wb.properties
    return Page(paper, props.subject or "", props.title or "")


def _cell_key(ref: str) -> tuple[int, int]:
    """(row, column) of an A1 reference, for sorting ("" first)."""
    letters = "".join(ch for ch in ref if ch.isalpha()).upper()
    digits = "".join(ch for ch in ref if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return (int(digits) if digits else 0, col)


def _summary_sheet(wb: Any, issues: list[Issue], page: Page) -> Any:
    """The Hasil Pemeriksaan sheet, first in the copy: one row per issue, sorted by sheet (in
    the workbook's order) and row, with a link to its cell."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.hyperlink import Hyperlink

    name, n = SUMMARY_SHEET, 2
    while name in wb.sheetnames:
        name, n = f"{SUMMARY_SHEET} {n}", n + 1
    order = {title: i for i, title in enumerate(wb.sheetnames)}
    ws = wb.create_sheet(name, 0)
    last = len(SUMMARY_COLUMNS)
    arial = {"name": "Arial", "size": 10}
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.cell(1, 1, SUMMARY_TITLE).font = Font(bold=True, name="Arial", size=12)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    hint = ws.cell(2, 1, SUMMARY_HINT)
    hint.font, hint.alignment = Font(italic=True, **arial), wrap
    widths = [w for _, w in SUMMARY_COLUMNS]
    ws.row_dimensions[2].height = textfit.row_height(
        [textfit.Cell(SUMMARY_HINT, tuple(widths), italic=True)]
    )
    errors = sum(i.severity is Severity.ERROR for i in issues)
    count = f"{errors} kesalahan, {len(issues) - errors} peringatan."
    ws.cell(3, 1, count).font = Font(bold=True, **arial)
    header_fill = PatternFill("solid", start_color="1F4E78", end_color="1F4E78")
    for col, (title, width) in enumerate(SUMMARY_COLUMNS, start=1):
        c = ws.cell(SUMMARY_HEADER_ROW, col, title)
        c.font = Font(bold=True, color="FFFFFF", **arial)
        c.fill, c.border = header_fill, border
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        # openpyxl stores the width as given: the width textfit counts, padding included
        ws.column_dimensions[c.column_letter].width = textfit.stored_width(width)
    ranked = sorted(
        issues,
        key=lambda i: (
            order.get(i.sheet, -1) if i.sheet else -1,
            _cell_key(i.cell),
            i.severity is not Severity.ERROR,
            i.code,
        ),
    )
    for k, issue in enumerate(ranked, start=1):
        r = SUMMARY_HEADER_ROW + k
        raw = "" if issue.raw is None else str(issue.raw)
        values = (
            k,
            _LEVEL[issue.severity],
            issue.sheet,
            issue.cell,
            issue.row_id,
            _FIELD_NAMES.get(issue.field, issue.field),
            raw,
            render_issue(issue, "id"),
            render_fix(issue, "id") or "",
        )
        cells = []
        for col, value in enumerate(values, start=1):
            c = ws.cell(r, col, value)
            if isinstance(value, str):
                c.data_type = "s"  # a raw value "=..." is text here, never a formula
            c.font, c.alignment, c.border = Font(**arial), wrap, border
            cells.append(textfit.Cell(str(value), widths[col - 1]))
        if issue.severity is Severity.ERROR:
            ws.cell(r, 2).font = Font(bold=True, color="9C0006", **arial)
        if issue.sheet in order and issue.cell:
            link = ws.cell(r, 4)
            sheet_ref = issue.sheet.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet_ref}'!{issue.cell}")
            link.font = Font(color="0563C1", underline="single", **arial)
        ws.row_dimensions[r].height = textfit.row_height(cells)
    ws.freeze_panes = ws.cell(SUMMARY_HEADER_ROW + 1, 1)
    openpyxl_setup(ws, page, repeat_rows=f"{SUMMARY_HEADER_ROW}:{SUMMARY_HEADER_ROW}")
    return ws


def annotate_report(
    report: Report, paths: Iterable[str | Path], *, paper: str = DEFAULT_PAPER
) -> Iterator[tuple[Path | None, Issue | None]]:
    """Annotate every form in ``paths`` that has issues in ``report`` and was read (a file
    refused by pre-flight has no cells to mark). Yields (copy written, None) per copy, or
    (None, the Issue) when a form cannot be annotated; the run goes on with the others."""
    by_file: dict[str, list[Issue]] = {}
    for issue in report:
        by_file.setdefault(issue.file, []).append(issue)
    for path in paths:
        mine = by_file.get(str(path), [])
        if not mine or any(i.code in PREFLIGHT_CODES | DISCOVERY_CODES for i in mine):
            continue
        try:
            yield annotate(path, mine, paper=paper), None
        except FormError as err:
            yield None, err.issue
