"""The Indonesian labels the recap and the roll-up show for codes and states, in one place.

Owns the words for values (file statuses, severities, aggregates, input fields, the predikat
when none is reached, yes/no). A sheet's own title and column headers stay with the sheet's
module. Plain data and one lookup: no spreadsheet library, no I/O. (When the recap learns
``--lang en``, this is the module that becomes language-aware.)
"""

from __future__ import annotations

from rkt_excel.consolidate import ACCEPTED, REJECTED, REVIEW, SUPERSEDED
from rkt_excel.layout import COLUMNS, INPUT_FIELDS
from rkt_excel.score import RULE_ALL, RULE_AREA, RULE_HALF

NOT_REACHED = "Belum memenuhi"  # the predikat when neither WBK nor WBBM is reached
YES, NO = "Ya", "Tidak"  # a passed check, a late action, a True value
FILE_STATUS_LABELS = {
    ACCEPTED: "Diterima",
    REJECTED: "Ditolak",
    SUPERSEDED: "Digantikan",
    REVIEW: "Rekap reviu",
}
SEVERITY_LABELS = {"error": "Kesalahan", "warning": "Peringatan"}
AGGREGATE_LABELS = {
    "min": "jawaban terlemah (min)",
    "mean": "rata-rata nilai, dibulatkan ke pilihan terdekat (mean)",
}
FIELD_LABELS: dict[str, str] = {c.key: c.header for c in COLUMNS if c.key in INPUT_FIELDS}
RULE_LABELS = {RULE_ALL: "semua", RULE_AREA: "per area", RULE_HALF: "per bagian"}
PAGE_FOOTER = "&L&A&RHalaman &P dari &N"  # sheet name left, "page P of N" right


def predikat_label(predikat: str | None) -> str:
    """The estimated predikat as shown: "WBK", "WBBM" or NOT_REACHED."""
    return predikat or NOT_REACHED


__all__ = [
    "AGGREGATE_LABELS",
    "FIELD_LABELS",
    "FILE_STATUS_LABELS",
    "NO",
    "NOT_REACHED",
    "PAGE_FOOTER",
    "RULE_LABELS",
    "SEVERITY_LABELS",
    "YES",
    "predikat_label",
]


def limit_title() -> str:
    """The heading of the notes on Ringkasan about sheets that met Excel's limits."""
    return "CATATAN: BATAS EXCEL"


def limit_note(sheet: str, pages: tuple[str, ...], cut: int) -> str:
    """One sheet's note: the tabs it continues on, the cells whose text was cut."""
    parts = []
    if len(pages) > 1:
        rest = ", ".join(f"'{p}'" for p in pages[1:])
        parts.append(
            f"Lembar '{sheet}' melebihi batas 1.048.576 baris Excel per lembar; lanjutannya "
            f"ada di lembar {rest} (setiap lembar diawali judul kolom yang sama)."
        )
    if cut:
        parts.append(
            f"Lembar '{sheet}': {cut} sel memuat teks lebih dari 32.767 karakter (batas Excel "
            "per sel) dan dipotong; teks lengkapnya ada di ekspor CSV (--export csv)."
        )
    return " ".join(parts)
