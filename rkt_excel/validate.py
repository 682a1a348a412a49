"""Stage 2, validation: the rules over a FilledForm, and the annotated copy ``<name>.periksa.xlsx``.

``validate`` is pure and returns a Report (it never raises on a user's data); ``annotate`` and
``check_files`` are the I/O shells. The codes live in rules.py.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from rkt_excel import layout
from rkt_excel import rules as _rules  # noqa: F401 - registers the codes used here
from rkt_excel.errors import FormError
from rkt_excel.form import Cell, FilledForm, FilledRow
from rkt_excel.issues import CATALOGUE, Issue, Report, Severity, make_issue
from rkt_excel.normalize import clean_text, is_empty
from rkt_excel.read import DEFAULT_LIMITS, Limits, check_plan, issue_from_error, read_form
from rkt_excel.template import Indicator, Plan
from rkt_excel.units import Unit
from rkt_excel.xlsx_io import atomic_write

# Identity fields that must be filled on a unit's form (jabatan is asked for, not required).
REQUIRED_IDENTITY: tuple[str, ...] = ("nama_pengisi", "nip", "tanggal_pengisian")
_LABELS = {f.key: f.label for f in layout.IDENTITY_FIELDS}
_HEADERS = {c.key: c.header for c in layout.COLUMNS}


def relang(issue: Issue, lang: str) -> Issue:
    """The same issue with its message in ``lang`` (from the catalogue and its params)."""
    r = CATALOGUE.get(issue.code)
    if r is None:
        return issue
    try:
        message = (r.en if lang == "en" else r.id).format(**issue.params)
    except (KeyError, IndexError, ValueError):
        return issue
    return replace(issue, message=message)


class _Rules:
    """Collects the issues of one form."""

    def __init__(self, form: FilledForm, lang: str) -> None:
        self.form = form
        self.lang = lang
        self.issues: list[Issue] = []

    def add(self, code: str, cell: Cell | None = None, **kw: Any) -> None:
        if cell is not None:
            kw.setdefault("sheet", cell.sheet)
            kw.setdefault("cell", cell.cell)
            kw.setdefault("raw", cell.raw)
        self.issues.append(make_issue(code, self.form.path, self.lang, **kw))


def validate(
    form: FilledForm,
    plan: Plan,
    *,
    as_of: dt.date | None = None,
    units: Sequence[Unit] | None = None,
    lang: str = "id",
) -> Report:
    """Check a form against the plan, the as-of date (default today) and the units list.

    The report holds the issues found while reading (form.issues, re-rendered in ``lang``)
    followed by the rules of rules.py's validation group.
    """
    report = Report([relang(i, lang) for i in form.issues])
    out = _Rules(form, lang)
    ident = form.identity
    mismatch = check_plan(ident.plan_id, ident.plan_version, ident.plan_hash, plan)
    if mismatch is not None:
        code, params = mismatch
        out.add(code, params=params)
        report.extend(out.issues)
        return report  # the rows of another plan mean nothing against this one
    today = as_of or dt.date.today()

    if ident.kind == "form":
        _check_identity(form, out, today)
        if units is not None and ident.unit_code not in {u.code for u in units}:
            cell = form.identity_cells.get("unit_code")
            out.add(
                "unknown-unit", cell, field="unit_code", raw=ident.unit_code,
                params={"unit_code": ident.unit_code or "?"},
            )  # fmt: skip

    for row_id, row in form.rows.items():
        if row_id in plan.index:
            _check_row(row, plan.indicator(row_id), plan.year, today, out)
    report.extend(out.issues)
    return report


def _check_identity(form: FilledForm, out: _Rules, today: dt.date) -> None:
    cells = form.identity_cells
    invalid = {(i.field, i.cell) for i in form.issues}
    for key in REQUIRED_IDENTITY:
        cell = cells.get(key)
        if cell is None or cell.empty:
            kw: dict[str, Any] = {"sheet": layout.SHEET_IDENTITY} if cell is None else {}
            out.add("missing-identity", cell, field=key, params={"label": _LABELS[key]}, **kw)
        elif key == "tanggal_pengisian" and (key, cell.cell) not in invalid:
            day = cell.value
            if isinstance(day, dt.date) and day > today:
                params = {"value": day.isoformat(), "as_of": today.isoformat()}
                out.add("date-in-future", cell, field=key, params=params)


def _check_row(row: FilledRow, ind: Indicator, year: int, today: dt.date, out: _Rules) -> None:
    f = row.fields
    where = {"row_id": row.row_id}

    def value(key: str) -> Any:
        cell = f.get(key)
        return cell.value if cell is not None else None

    status, capaian = value("status"), value("capaian")
    realisasi = f.get("realisasi")
    if realisasi is not None and isinstance(realisasi.value, dt.date):
        day = realisasi.value
        shown = day.isoformat()
        if day.year != year:
            out.add("date-outside-year", realisasi, field="realisasi",
                    params={"value": shown, "year": year}, **where)  # fmt: skip
        if day > today:
            out.add("date-in-future", realisasi, field="realisasi",
                    params={"value": shown, "as_of": today.isoformat()}, **where)  # fmt: skip

    bukti = f.get("bukti_dukung")
    jawaban = f.get("jawaban")
    capaian_cell = f.get("capaian")
    shown_capaian = _number(capaian) if isinstance(capaian, int | float) else ""
    if status == "Selesai":
        if bukti is not None and bukti.empty and not bukti.link:
            out.add("selesai-without-evidence", bukti, field="bukti_dukung", **where)
        if isinstance(capaian, int | float) and capaian < 100:
            out.add("selesai-below-100", capaian_cell, field="capaian",
                    params={"value": shown_capaian}, **where)  # fmt: skip
        if ind.lke and jawaban is not None and jawaban.empty:
            out.add("missing-answer", jawaban, field="jawaban", **where)
    if status == "Belum" and isinstance(capaian, int | float) and capaian > 0:
        out.add("belum-above-0", capaian_cell, field="capaian",
                params={"value": shown_capaian}, **where)  # fmt: skip
    if not ind.lke and jawaban is not None and not jawaban.empty:
        out.add("answer-without-question", jawaban, field="jawaban", **where)

    for key, text in (("indikator", ind.indicator), ("target_waktu", ind.target)):
        cell = row.plan_cells.get(key)
        if cell is None:
            continue
        found = clean_text(cell.raw) if isinstance(cell.raw, str) else cell.raw
        if found != _clean(text) and not (is_empty(cell.raw) and not text.strip()):
            params = {"label": _HEADERS[key], "expected": _short(text)}
            out.add("plan-cell-changed", cell, field=key, params=params, **where)


@lru_cache(maxsize=4096)  # the plan's own texts (never a unit's), compared in every form
def _clean(text: str) -> str:
    return clean_text(text)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _short(text: str, limit: int = 80) -> str:
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_files(
    paths: Iterable[str | Path],
    plan: Plan,
    *,
    as_of: dt.date | None = None,
    units: Sequence[Unit] | None = None,
    lang: str = "id",
    limits: Limits = DEFAULT_LIMITS,
) -> Report:
    """Read and validate many files into one report; a file that cannot be read becomes an
    Issue (its pre-flight code) and the other files are still checked."""
    report = Report()
    for path in paths:
        try:
            form = read_form(path, plan, lang=lang, limits=limits)
        except FormError as err:
            report.extend([issue_from_error(err, lang)])
            continue
        report.extend(validate(form, plan, as_of=as_of, units=units, lang=lang))
    return report


# --- annotate ---------------------------------------------------------------------------------
ANNOTATED_SUFFIX = ".periksa.xlsx"
SUMMARY_SHEET = "Hasil Pemeriksaan"
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C"}  # Excel's "bad" and "neutral"


def annotated_path(form_path: str | Path) -> Path:
    """Where annotate writes by default: ``<name>.periksa.xlsx`` next to the form."""
    p = Path(form_path)
    return p.with_name(p.stem + ANNOTATED_SUFFIX)


def _same_file(a: str, b: Path) -> bool:
    if not a:
        return False
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return Path(a) == b


def _note(issue: Issue) -> str:
    """The Indonesian comment text of one issue: what is wrong and how to fix it."""
    id_issue = relang(issue, "id")
    fix = CATALOGUE[issue.code].fix_id if issue.code in CATALOGUE else ""
    text = f"[{issue.code}] {id_issue.message}"
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
        raise FormError(
            "unreadable", f"{src}: cannot open for annotation ({err})", str(src)
        ) from err

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
        id_issue = relang(issue, "id")
        fix = CATALOGUE[issue.code].fix_id if issue.code in CATALOGUE else ""
        level = "Kesalahan" if issue.severity is Severity.ERROR else "Peringatan"
        raw = "" if issue.raw is None else str(issue.raw)
        ws.append([level, issue.code, issue.sheet, issue.cell, issue.row_id, issue.field, raw,
                   id_issue.message, fix])  # fmt: skip
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
