"""The recap's Sumber sheet: every input file, its SHA-256, unit, status and issue counts.

Owns this sheet's column titles and widths; which columns, in which order, is the
consolidation's ``SOURCE_COLUMNS``.
"""

from __future__ import annotations

from rkt_excel.consolidate import SOURCE_COLUMNS as KEYS
from rkt_excel.recap.cells import UNIT_CODE_WIDTH, Sheet, with_messages
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.labels import FILE_STATUS_LABELS

NAME = "Sumber"
_TITLES: dict[str, tuple[str, float]] = {
    "file": ("File", 30),
    "name": ("Nama File", 24),
    "sha256": ("SHA-256", 66),
    "unit_code": ("Kode Unit", UNIT_CODE_WIDTH),
    "unit_name": ("Nama Unit", 24),
    "tanggal_pengisian": ("Tanggal Pengisian", 14),
    "status": ("Status", 11),
    "errors": ("Kesalahan", 10),
    "warnings": ("Peringatan", 10),
    "code": ("Kode", 18),
    "message": ("Pesan", 40),
    "superseded_by": ("Digantikan Oleh", 30),
}
# The consolidation keeps each problem as a code and its parameters; the sheet shows the
# message they make, rendered here (in Indonesian, as the whole recap).
SOURCE_COLUMNS: tuple[tuple[str, str, float], ...] = tuple(
    (k, *_TITLES[k]) for k in ("message" if k == "params" else k for k in KEYS)
)


def write(ctx: RecapContext, sh: Sheet) -> None:
    """One row per input file; statuses in words."""
    sh.table(
        with_messages(ctx.consolidation.sources), SOURCE_COLUMNS, {"status": FILE_STATUS_LABELS}
    )


__all__ = ["NAME", "SOURCE_COLUMNS", "write"]
