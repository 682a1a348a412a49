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

from rkt_excel.catalogue import DISCOVERY_CODES, PREFLIGHT_CODES
from rkt_excel.errors import FormError
from rkt_excel.issues import Issue, Report, Severity, render_fix, render_issue
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
    form_path: str | Path, report: Report | Iterable[Issue], out_path: str | Path | None = None
) -> Path:
    """Write a copy of the form with every problem cell filled and commented (in Indonesian),
    plus a sheet listing every issue of the file. The original is never modified.

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

    name = SUMMARY_SHEET
    n = 2
    while name in wb.sheetnames:
        name, n = f"{SUMMARY_SHEET} {n}", n + 1
    ws = wb.create_sheet(name, 0)
    header = (
        "Tingkat",
        "Kode",
        "Lembar",
        "Sel",
        "ID Baris",
        "Kolom",
        "Nilai",
        "Masalah",
        "Perbaikan",
    )
    ws.append(header)
    for issue in mine:
        fix = render_fix(issue, "id")
        level = "Kesalahan" if issue.severity is Severity.ERROR else "Peringatan"
        raw = "" if issue.raw is None else str(issue.raw)
        ws.append([level, issue.code, issue.sheet, issue.cell, issue.row_id, issue.field, raw,
                   render_issue(issue, "id"), fix])  # fmt: skip
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, str):
                c.data_type = "s"  # a raw value "=..." is text here, never a formula
    for col, width in zip("ABCDEFGHI", (12, 26, 26, 8, 10, 14, 30, 70, 70), strict=True):
        ws.column_dimensions[col].width = width
    wb.active = 0
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target) as tmp:
        wb.save(tmp)
    return target


def annotate_report(
    report: Report, paths: Iterable[str | Path]
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
            yield annotate(path, mine), None
        except FormError as err:
            yield None, err.issue
