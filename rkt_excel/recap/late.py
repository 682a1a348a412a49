"""The recap's Keterlambatan sheet: the late actions (unit, indicator, due month, reason).

Owns this sheet's columns. Decides nothing about lateness: the consolidation's ``late`` table
is shown as it is.
"""

from __future__ import annotations

from rkt_excel.recap.cells import UNIT_CODE_WIDTH, Sheet
from rkt_excel.recap.context import RecapContext

NAME = "Keterlambatan"
LATE_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("unit_code", "Kode Unit", UNIT_CODE_WIDTH),
    ("unit_name", "Nama Unit", 24),
    ("component_id", "Komponen", 9),
    ("component", "Nama Komponen", 22),
    ("row_id", "ID", 9),
    ("indicator", "Indikator", 40),
    ("target_waktu", "Target Waktu", 16),
    ("due", "Jatuh Tempo", 14),
    ("status", "Status", 13),
    ("capaian", "Capaian (%)", 10),
    ("reason", "Alasan", 20),
    ("file", "File", 28),
)


def write(ctx: RecapContext, sh: Sheet) -> None:
    """One row per late action."""
    sh.table(ctx.consolidation.late, LATE_COLUMNS)


__all__ = ["LATE_COLUMNS", "NAME", "write"]
