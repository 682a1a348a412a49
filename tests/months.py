"""Three months of one small office, built in code (forms as read_form would give them), for
the month-over-month tests (test_progress.py, test_messages.py).

The office is test_consolidate's: plan ``office_plan()`` (rows I.1.a Jan, I.1.b Feb-Dec,
I.2.a Jun+Dec, I.2.b Feb, III.1.a Mar, III.1.b no target), units TU (component I: I.1.a,
I.1.b, I.2.a, I.2.b), LANTAS (I.1.a, III.1.a), WASDAK (component III: III.1.a, III.1.b):
eight (row, unit) pairs, five in component I, three in III.

- April: TU I.1.a Selesai (Ya, SK.pdf), I.1.b Dalam Proses (B), I.2.a Belum, I.2.b Selesai
  (A, rkt.pdf); LANTAS I.1.a Selesai (Ya, sk-lantas.pdf), III.1.a Dalam Proses;
  WASDAK III.1.a Belum, III.1.b Dalam Proses.
- May: TU sends April's answers again (unchanged); LANTAS finishes III.1.a (Ya, diklat.pdf);
  WASDAK sends nothing.
- June: TU removes I.1.a's bukti dukung, finishes I.1.b but answers C (was B), starts I.2.a
  with Capaian 150 (an error at J8), puts I.2.b back to Dalam Proses; LANTAS sends May's
  answers again; WASDAK sends nothing (two months silent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from test_consolidate import HASIL, UNITS, make_form, office_plan

from rkt_excel.consolidate import Consolidation, consolidate
from rkt_excel.issues import Issue, Report
from rkt_excel.recap import read_recap, write_recap
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.template import Plan

TU, LANTAS, WASDAK = UNITS
MONTH_ENDS = (dt.date(2019, 4, 30), dt.date(2019, 5, 31), dt.date(2019, 6, 30))

TU_APRIL: dict[str, dict[str, Any]] = {
    "I.1.a": {"status": "Selesai", "realisasi": dt.date(2019, 1, 20), "capaian": 100,
              "jawaban": "Ya", "bukti_dukung": "SK.pdf"},
    "I.1.b": {"status": "Dalam Proses", "capaian": 50, "jawaban": "B"},
    "I.2.a": {"status": "Belum", "capaian": 0},
    "I.2.b": {"status": "Selesai", "realisasi": dt.date(2019, 2, 10), "capaian": 100,
              "jawaban": "A", "bukti_dukung": "rkt.pdf"},
}  # fmt: skip
TU_JUNE: dict[str, dict[str, Any]] = {
    "I.1.a": {"status": "Selesai", "realisasi": dt.date(2019, 1, 20), "capaian": 100,
              "jawaban": "Ya"},
    "I.1.b": {"status": "Selesai", "realisasi": dt.date(2019, 6, 3), "capaian": 100,
              "jawaban": "C", "bukti_dukung": "rencana.pdf"},
    "I.2.a": {"status": "Dalam Proses", "capaian": 150},
    "I.2.b": {"status": "Dalam Proses", "capaian": 80, "jawaban": "A", "bukti_dukung": "rkt.pdf"},
}  # fmt: skip
LANTAS_APRIL: dict[str, dict[str, Any]] = {
    "I.1.a": {"status": "Selesai", "realisasi": dt.date(2019, 1, 25), "capaian": 100,
              "jawaban": "Ya", "bukti_dukung": "sk-lantas.pdf"},
    "III.1.a": {"status": "Dalam Proses", "capaian": 40},
}  # fmt: skip
LANTAS_MAY: dict[str, dict[str, Any]] = {
    **LANTAS_APRIL,
    "III.1.a": {"status": "Selesai", "realisasi": dt.date(2019, 5, 14), "capaian": 100,
                "jawaban": "Ya", "bukti_dukung": "diklat.pdf"},
}  # fmt: skip
WASDAK_APRIL: dict[str, dict[str, Any]] = {
    "III.1.a": {"status": "Belum", "capaian": 0},
    "III.1.b": {"status": "Dalam Proses", "capaian": 30},
}

# (unit, answers) sent each month
SENT: tuple[tuple[tuple[Any, Mapping[str, Mapping[str, Any]]], ...], ...] = (
    ((TU, TU_APRIL), (LANTAS, LANTAS_APRIL), (WASDAK, WASDAK_APRIL)),
    ((TU, TU_APRIL), (LANTAS, LANTAS_MAY)),
    ((TU, TU_JUNE), (LANTAS, LANTAS_MAY)),
)
JUNE_ERROR = Issue(
    "out-of-range", "masuk/2019-06/TU.xlsx", "I Manajemen Perubahan", "J8", "I.2.a", "capaian",
    150, {"value": "150", "low": 0, "high": 100},
)  # fmt: skip


def month(n: int, plan: Plan) -> Consolidation:
    """The consolidation of month ``n`` (0 April, 1 May, 2 June)."""
    as_of = MONTH_ENDS[n]
    folder = f"masuk/{as_of:%Y-%m}"
    forms = [
        make_form(plan, f"{folder}/{unit.code}.xlsx", unit, values,
                  tanggal=as_of - dt.timedelta(days=3))
        for unit, values in SENT[n]
    ]  # fmt: skip
    reports = {f.path: Report([JUNE_ERROR] if f.path == JUNE_ERROR.file else []) for f in forms}
    return consolidate(forms, plan, reports=reports, units=UNITS, as_of=as_of, hasil=HASIL)


def three_months(folder: Path) -> tuple[Plan, list[Consolidation], list[Path]]:
    """The three months consolidated and written as recaps (each with the earlier ones as
    history), oldest first."""
    plan = office_plan()
    consolidations: list[Consolidation] = []
    paths: list[Path] = []
    history: list[RecapData] = []
    for n in range(3):
        c = month(n, plan)
        path = write_recap(c, plan, folder / f"rekap-{MONTH_ENDS[n]:%Y-%m}.xlsx", history=history)
        consolidations.append(c)
        paths.append(path)
        history.append(read_recap(path))
    return plan, consolidations, paths
