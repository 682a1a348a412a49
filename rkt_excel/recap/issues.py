"""The recap's Validasi sheet: every problem found in every input file, with its location.

Owns this sheet's column titles and widths; which columns, in which order, is the
consolidation's ``ISSUE_COLUMNS``. Each issue's message is rendered here from its code and
parameters.
"""

from __future__ import annotations

from rkt_excel.consolidate import ISSUE_COLUMNS as KEYS
from rkt_excel.layout import COLUMNS, IDENTITY_FIELDS
from rkt_excel.recap.cells import UNIT_CODE_WIDTH, Sheet, with_messages
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.labels import FILE_STATUS_LABELS, SEVERITY_LABELS

NAME = "Validasi"
_TITLES: dict[str, tuple[str, float]] = {
    "file": ("File", 28),
    "unit_code": ("Kode Unit", UNIT_CODE_WIDTH),
    "file_status": ("Status File", 11),
    "sheet": ("Sheet", 20),
    "cell": ("Sel", 7),
    "row_id": ("ID Baris", 9),
    "field": ("Kolom", 14),
    "raw": ("Nilai Diketik", 20),
    "code": ("Kode", 18),
    "severity": ("Tingkat", 11),
    "message": ("Pesan", 50),
}
# The consolidation keeps each problem as a code and its parameters; the sheet shows the
# message they make, rendered here (in Indonesian, as the whole recap).
ISSUE_COLUMNS: tuple[tuple[str, str, float], ...] = tuple(
    (k, *_TITLES[k]) for k in ("message" if k == "params" else k for k in KEYS)
)


# A field as its column is headed on the form ("REALISASI", not "realisasi").
_FIELDS: dict[str, str] = {
    **{c.key: c.header for c in COLUMNS},
    **{f.key: f.label for f in IDENTITY_FIELDS},
}


def write(ctx: RecapContext, sh: Sheet) -> None:
    """One row per issue; file statuses, severities and fields in words."""
    labels = {"file_status": FILE_STATUS_LABELS, "severity": SEVERITY_LABELS, "field": _FIELDS}
    sh.table(with_messages(ctx.consolidation.issues), ISSUE_COLUMNS, labels)


__all__ = ["ISSUE_COLUMNS", "NAME", "write"]
