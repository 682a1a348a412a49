"""Stage 2, validation: the rules over a FilledForm read back, against the plan, the as-of date
and the units list.

Owns ``validate``, pure: it returns a Report (the reading issues and the rules' issues) and never
raises on a user's data. The codes and their messages live in catalogue.py; the annotated copy
is annotate.py; reading many files is collect.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from rkt_excel import layout
from rkt_excel.errors import ModelError
from rkt_excel.evidence import (
    EMPTY_LINK,
    KIND_TEXTS,
    TIDAK_RELEVAN,
    UNREACHABLE_KINDS,
    cell_items,
)
from rkt_excel.form import Cell, FilledForm, FilledRow
from rkt_excel.identity import plan_mismatch, unit_conflicts
from rkt_excel.issues import Issue, Report
from rkt_excel.lke import LkeModel, load_model
from rkt_excel.normalize import clean_text, is_empty
from rkt_excel.review import Review, review_notes
from rkt_excel.template import Indicator, Plan
from rkt_excel.units import Unit, assigned_rows

# Identity fields that must be filled on a unit's form (jabatan is asked for, not required).
REQUIRED_IDENTITY: tuple[str, ...] = ("nama_pengisi", "nip", "tanggal_pengisian")
_LABELS = {f.key: f.label for f in layout.IDENTITY_FIELDS}
_HEADERS = {c.key: c.header for c in layout.COLUMNS}


class _Rules:
    """Collects the issues of one form."""

    def __init__(self, form: FilledForm) -> None:
        self.form = form
        self.issues: list[Issue] = []

    def add(self, code: str, cell: Cell | None = None, **kw: Any) -> None:
        if cell is not None:
            kw.setdefault("sheet", cell.sheet)
            kw.setdefault("cell", cell.cell)
            kw.setdefault("raw", cell.raw)
        self.issues.append(Issue(code, self.form.path, **kw))


def validate(
    form: FilledForm,
    plan: Plan,
    *,
    as_of: dt.date | None = None,
    units: Sequence[Unit] | None = None,
    review: Review | None = None,
) -> Report:
    """Check a form against the plan, the as-of date (default today) and the units list.

    The report holds the issues found while reading (``form.issues``) followed by the issues
    of the validation rules (catalogue group "validation") and, with ``review`` (a recap the
    evaluators returned), the TPI's notes on the form's rows (``review-note``).
    """
    report = Report(list(form.issues))
    out = _Rules(form)
    ident = form.identity
    mismatch = plan_mismatch(form, plan)
    if mismatch is not None:
        code, params = mismatch
        out.add(code, params=params)
        report.extend(out.issues)
        return report  # the rows of another plan mean nothing against this one
    today = as_of or dt.date.today()

    if ident.kind == "form":
        out.issues.extend(unit_conflicts(form, units))
        _check_identity(form, out, today)
        _check_assigned_rows(form, plan, units, out)
        if units is not None and ident.unit_code not in {u.code for u in units}:
            cell = form.identity_cells.get("unit_code")
            out.add(
                "unknown-unit", cell, field="unit_code", raw=ident.unit_code,
                params={"unit_code": ident.unit_code or "?"},
            )  # fmt: skip
    elif form.rows and any(not c.empty for r in form.rows.values() for c in r.fields.values()):
        out.add("no-unit")  # the standard workbook, filled in: no unit to count it for

    model = _model(plan.regulation)
    for row_id, row in form.rows.items():
        if row_id in plan.index:
            _check_row(row, plan.indicator(row_id), plan.year, today, out)
            _check_evidence(row, plan.indicator(row_id), model, out)
    if review is not None and model is not None:
        out.issues.extend(review_notes(form, plan, model, review))
    report.extend(out.issues)
    return report


def _model(regulation: str) -> LkeModel | None:
    try:
        return load_model(regulation)
    except ModelError:  # the plan loader has refused such a plan; a hand-made one may pass
        return None


def _check_evidence(row: FilledRow, ind: Indicator, model: LkeModel | None, out: _Rules) -> None:
    """The evidence rules (evidence.py says which text is a link or a file name): items the
    evaluators cannot open, an empty link on a done action, an answer above the lowest option
    with no evidence that can be opened."""
    f = row.fields
    where = {"row_id": row.row_id, "field": "bukti_dukung"}
    bukti = f.get("bukti_dukung")
    items = cell_items(bukti)
    status = f["status"].value if "status" in f else None
    shown: set[tuple[str, str]] = set()
    for item in items:
        if item.kind in UNREACHABLE_KINDS and (item.text, item.kind) not in shown:
            shown.add((item.text, item.kind))
            params = {"value": _short(item.text), "kind": KIND_TEXTS[item.kind]}
            out.add("evidence-unreachable", bukti, params=params, **where)
    if status == "Selesai" and any(item.kind == EMPTY_LINK for item in items):
        out.add("empty-link", bukti, **where)
    jawaban = f.get("jawaban")
    question = model.questions.get(ind.lke) if model is not None and ind.lke else None
    if jawaban is None or question is None or not question.is_option:
        return
    answer = question.normalize(jawaban.value)
    if not isinstance(answer, str) or any(item.valid for item in items):
        return
    lowest = question.options[question.values.index(min(question.values))]
    if question.values[question.options.index(answer)] > min(question.values):
        params = {"answer": answer, "lowest": lowest}
        out.add("answer-without-evidence", jawaban, field="jawaban", row_id=row.row_id,
                params=params)  # fmt: skip


def _check_assigned_rows(
    form: FilledForm, plan: Plan, units: Sequence[Unit] | None, out: _Rules
) -> None:
    """A form read without its metadata (whose row table names the unit's rows): every row
    the units file assigns the unit must be there."""
    if units is None or not any(i.code == "missing-meta" for i in form.issues):
        return
    unit = next((u for u in units if u.code == form.identity.unit_code), None)
    if unit is None:
        return
    for row_id in assigned_rows(plan, unit):
        if row_id not in form.rows:
            out.add("missing-row", row_id=row_id, params={"row_id": row_id})


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
    status_cell = f.get("status")
    touched = (
        status_cell is not None
        and status_cell.empty
        and any(not c.empty for k, c in f.items() if k != "status")
    )
    if touched:
        out.add("missing-status", status_cell, field="status", **where)
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
    keterangan = f.get("keterangan")
    if status == TIDAK_RELEVAN and keterangan is not None and keterangan.empty:
        out.add("tidak-relevan-without-reason", keterangan, field="keterangan", **where)
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
