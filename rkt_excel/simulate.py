"""Realistic simulated answers for the demo and the benchmark: what units type into a form.

Pure and deterministic (a seeded random.Random); no I/O. Some answers are late and some are
invalid on purpose, so the demo's recap shows the validation and the late actions at work.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from rkt_excel.lke import load_model
from rkt_excel.template import Indicator, Plan

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


def _spoil(values: dict[str, Any], rng: random.Random) -> None:
    """Make one realistic mistake."""
    kind = rng.randrange(5)
    if kind == 0:
        values["capaian"] = 120
    elif kind == 1:
        values["status"] = "Sudah"  # not in the list
    elif kind == 2:
        values["realisasi"] = "31/02/2019"  # no such date
    elif kind == 3 and values.get("status") == "Selesai":
        values.pop("bukti_dukung", None)
    else:
        values["capaian"] = "delapan puluh"
