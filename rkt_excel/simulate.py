"""Filling forms from code: what units type into a form, for the demo, the benchmark and tests.

``simulate_unit`` makes realistic answers (deterministic, seeded; some late, some invalid on
purpose); ``advance_unit`` and ``regress_unit`` what a unit changes in its carried-over form a
month later (progress, or a step back); ``fill_form`` types values into a generated form
through openpyxl as a person would.
Never used on the secretariat's path (read → validate → consolidate).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

from rkt_excel import layout
from rkt_excel.lke import load_model
from rkt_excel.template import Indicator, Plan
from rkt_excel.xlsx_io import atomic_write

EVIDENCE_HOSTS = ("https://drive.google.com/drive/folders/", "https://bit.ly/zi-")
NAMES = (
    "Ahmad Fauzi", "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Rina Wulandari",
    "Agus Setiawan", "Nur Hidayah", "Eko Prasetyo", "Sri Mulyani", "Hendra Gunawan",
)  # fmt: skip
KENDALA = (
    "Menunggu tanda tangan pimpinan",
    "Anggaran belum tersedia",
    "Dokumen sedang direviu",
    "Koordinasi dengan Kanwil",
)


@dataclass(frozen=True)
class Simulated:
    """What one unit typed: identity fields and, per row id, field key -> value."""

    identity: dict[str, Any]
    rows: dict[str, dict[str, Any]]


def _nip(rng: random.Random, year: int) -> str:
    born = dt.date(rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28))
    appointed = f"{born.year + rng.randint(20, 28)}{rng.randint(1, 12):02d}"
    return f"{born:%Y%m%d}{appointed}{rng.randint(1, 2)}{rng.randint(1, 999):03d}"


def _answer(plan: Plan, ind: Indicator, rng: random.Random, done: bool) -> Any:
    if ind.lke is None:
        return None
    question = load_model(plan.regulation).question(ind.lke)
    if question.options:
        # Units that finished tend to give the better answers (earlier options are better).
        weights = [4 if done else 1] + [1] * (len(question.options) - 1)
        return rng.choices(question.options, weights=weights)[0]
    if question.answer_type == "number":
        return rng.randint(0, 40)
    return round(rng.uniform(2.5, 4.0), 2)


def simulate_unit(
    plan: Plan,
    row_ids: list[str],
    *,
    seed: int,
    as_of: dt.date,
    invalid_share: float = 0.03,
) -> Simulated:
    """Simulate one unit's filled checklist as of a date."""
    rng = random.Random(seed)
    rows: dict[str, dict[str, Any]] = {}
    for row_id in row_ids:
        ind = plan.indicator(row_id)
        schedule = ind.schedule
        due = schedule.due_by(as_of.year, as_of.month)
        if schedule.months and not due:
            status = rng.choice(["Belum", "Belum", "Dalam Proses"])
        elif due:
            status = rng.choices(["Selesai", "Dalam Proses", "Belum"], weights=[7, 2, 1])[0]
        else:  # ad hoc or no target
            status = rng.choice(["Selesai", "Dalam Proses", "Tidak Relevan"])
        values: dict[str, Any] = {"status": status}
        if status == "Selesai":
            month = rng.choice(due) if due else rng.randint(1, as_of.month)
            values["realisasi"] = dt.date(plan.year, month, rng.randint(1, 28))
            values["capaian"] = 100
            values["bukti_dukung"] = f"{rng.choice(EVIDENCE_HOSTS)}{rng.getrandbits(40):010x}"
        elif status == "Dalam Proses":
            values["capaian"] = rng.choice([25, 40, 50, 60, 75, 80])
            values["keterangan"] = rng.choice(KENDALA)
        elif status == "Belum":
            values["capaian"] = 0
        answer = _answer(plan, ind, rng, status == "Selesai")
        if answer is not None and status != "Tidak Relevan":
            values["jawaban"] = answer
        if rng.random() < invalid_share:
            _spoil(values, rng)
        rows[row_id] = values
    identity = {
        "nama_pengisi": rng.choice(NAMES),
        "nip": _nip(rng, plan.year),
        "jabatan": rng.choice(["Kepala Seksi", "Kepala Subbagian", "Analis", "Pengadministrasi"]),
        "tanggal_pengisian": as_of - dt.timedelta(days=rng.randint(0, 6)),
    }
    return Simulated(identity, rows)


def _identity(plan: Plan, rng: random.Random, as_of: dt.date) -> dict[str, Any]:
    return {
        "nama_pengisi": rng.choice(NAMES),
        "nip": _nip(rng, plan.year),
        "jabatan": rng.choice(["Kepala Seksi", "Kepala Subbagian", "Analis", "Pengadministrasi"]),
        "tanggal_pengisian": as_of - dt.timedelta(days=rng.randint(0, 6)),
    }


def advance_unit(
    plan: Plan,
    previous: Mapping[str, Mapping[str, Any]],
    row_ids: list[str],
    *,
    seed: int,
    as_of: dt.date,
    invalid_share: float = 0.03,
) -> Simulated:
    """A month of progress on a carried-over form: only the cells the unit changes.

    ``previous`` is what the form carries (row id -> field -> value). A row Dalam Proses may
    be finished (more likely when due) or move on; a row not started may start; a finished
    or irrelevant row stays as it is.
    """
    rng = random.Random(seed)
    rows: dict[str, dict[str, Any]] = {}
    for row_id in row_ids:
        before = previous.get(row_id, {})
        status = before.get("status")
        if status in ("Selesai", "Tidak Relevan"):
            continue
        ind = plan.indicator(row_id)
        due = ind.schedule.due_by(as_of.year, as_of.month)
        change: dict[str, Any] = {}
        if status == "Dalam Proses":
            if rng.random() < (0.6 if due else 0.3):
                change = {
                    "status": "Selesai",
                    "realisasi": dt.date(as_of.year, as_of.month, rng.randint(1, 28)),
                    "capaian": 100,
                    "bukti_dukung": f"{rng.choice(EVIDENCE_HOSTS)}{rng.getrandbits(40):010x}",
                    "keterangan": None,
                }
                answer = _answer(plan, ind, rng, True)
                if answer is not None and not _worse(plan, ind, answer, before.get("jawaban")):
                    change["jawaban"] = answer  # finishing never lowers an answer
            else:
                change = {
                    "capaian": min(90, int(before.get("capaian") or 0) + rng.choice([10, 15]))
                }
        elif rng.random() < (0.6 if due else 0.25):
            change = {
                "status": "Dalam Proses",
                "capaian": rng.choice([25, 40, 50]),
                "keterangan": rng.choice(KENDALA),
            }
        if not change:
            continue
        if rng.random() < invalid_share:
            _spoil(change, rng)
        rows[row_id] = change
    return Simulated(_identity(plan, rng, as_of), rows)


def _worse(plan: Plan, ind: Indicator, answer: Any, before: Any) -> bool:
    if ind.lke is None or before is None:
        return False
    question = load_model(plan.regulation).question(ind.lke)
    new, old = question.value_of(answer), question.value_of(before)
    return new is not None and old is not None and new < old


def regress_unit(
    plan: Plan, previous: Mapping[str, Mapping[str, Any]], *, seed: int, as_of: dt.date
) -> Simulated:
    """A step back on a carried-over form: a finished row back to Dalam Proses, a lower LKE
    answer on another, the bukti dukung of a third removed (each where the form has one)."""
    rng = random.Random(seed)
    model = load_model(plan.regulation)
    done = [r for r, v in previous.items() if v.get("status") == "Selesai"]
    rows: dict[str, dict[str, Any]] = {}
    if done:
        rows[done[0]] = {"status": "Dalam Proses", "capaian": 80,
                         "keterangan": rng.choice(KENDALA)}  # fmt: skip
    for row_id, values in previous.items():
        lke = plan.indicator(row_id).lke
        answer = values.get("jawaban")
        if row_id in rows or not lke or answer is None:
            continue
        question = model.question(lke)
        if question.is_option and answer != question.options[-1]:
            worse = question.options[question.options.index(answer) + 1]
            rows[row_id] = {"jawaban": worse}
            break
    for row_id, values in previous.items():
        if row_id not in rows and values.get("bukti_dukung"):
            rows[row_id] = {"bukti_dukung": None}
            break
    return Simulated(_identity(plan, rng, as_of), rows)


def _spoil(values: dict[str, Any], rng: random.Random) -> None:
    """Make one realistic mistake."""
    kind = rng.randrange(5)
    if kind == 0:
        values["capaian"] = 120
    elif kind == 1:
        values["status"] = "Hampir selesai"  # not in the list, no synonym
    elif kind == 2:
        values["realisasi"] = "31/02/2019"  # no such date
    elif kind == 3 and values.get("status") == "Selesai":
        values.pop("bukti_dukung", None)
    else:
        values["capaian"] = "delapan puluh"


# --- typing values into a form ---------------------------------------------------------


class Formula(str):
    """A value fill_form types as a formula (plain strings starting with "=" stay text)."""


def read_meta(source: str | Path | Any) -> tuple[dict[str, str], dict[str, layout.MetaRow]]:
    """The identity key/values and the row table (row id -> MetaRow) of a generated form."""
    wb = openpyxl.load_workbook(source) if isinstance(source, str | Path) else source
    meta = layout.decode_meta(wb[layout.SHEET_META].iter_rows(values_only=True))
    return meta.keys, meta.rows


def list_choices(wb: Any, ws: Any, cell: str) -> tuple[str, ...] | None:
    """The dropdown choices of a cell (resolving a defined name), or None without a list."""
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and cell in dv.sqref:
            formula = str(dv.formula1).lstrip("=")
            if formula.startswith('"'):
                return tuple(formula.strip('"').split(","))
            name = wb.defined_names[formula]
            values: list[str] = []
            for sheet, ref in name.destinations:
                for line in wb[sheet][ref.replace("$", "")]:
                    values.extend(str(c.value) for c in line if c.value is not None)
            return tuple(values)
    return None


def fill_form(
    path: str | Path,
    values: Mapping[str, Mapping[str, Any]],
    *,
    identity: Mapping[str, Any] | None = None,
    out: str | Path | None = None,
    strict: bool = True,
) -> Path:
    """Fill a generated form through openpyxl the way a person would, and save it.

    Args:
        path: a form (or the standard workbook) written by rkt_excel.
        values: row id -> {field key (layout.INPUT_FIELDS) -> value}. Strings for dropdown
            cells are "chosen from the list"; ``datetime.date`` values are typed dates (stored
            as datetimes, keeping the cell's date format); numbers stay numbers.
        identity: Identitas field key (layout.IDENTITY_FIELDS) -> value, e.g.
            ``{"nama_pengisi": "Ani", "nip": "198501012010011001"}``.
        out: where to save (default: over ``path``).
        strict: when True (a careful person), refuse a value a dropdown does not offer or a
            locked cell, raising ValueError. Set False to paste anything anywhere, as people
            do when they copy from another file (the validations stay, as a paste would
            leave them in these tests).

    Returns:
        The path saved. Cell styles, validations, protection and metadata are kept.
    """
    wb = openpyxl.load_workbook(path)
    _, rows = read_meta(wb)
    for row_id, fields in values.items():
        if row_id not in rows:
            raise KeyError(f"row {row_id!r} is not in this form")
        where = rows[row_id]
        ws = wb[where.sheet]
        for key, value in fields.items():
            if key not in layout.COL:
                raise KeyError(f"unknown field {key!r}; known: {', '.join(layout.INPUT_FIELDS)}")
            cell = ws.cell(where.row, layout.COL[key] + 1)
            _type(wb, ws, cell, value, strict)
    for key, value in (identity or {}).items():
        ws = wb[layout.SHEET_IDENTITY]
        cell = ws.cell(layout.IDENTITY_ROW[key] + 1, 2)
        _type(wb, ws, cell, value, strict)
    target = Path(out) if out is not None else Path(path)
    with atomic_write(target) as tmp:
        wb.save(tmp)
    return target


def _type(wb: Any, ws: Any, cell: Any, value: Any, strict: bool) -> None:
    if strict:
        if cell.protection.locked:
            raise ValueError(f"{ws.title}!{cell.coordinate} is locked")
        choices = list_choices(wb, ws, cell.coordinate)
        if choices is not None and value is not None and str(value) not in choices:
            raise ValueError(f"{value!r} is not offered in {ws.title}!{cell.coordinate}: {choices}")
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())  # Excel stores a typed date as a datetime
    cell.value = value
    if isinstance(value, str) and value.startswith("=") and not isinstance(value, Formula):
        # openpyxl turns "=..." into a formula; a person typing it in a text cell gets text.
        cell.data_type = "s"
