"""The workbook layout, defined once: sheet names, rows, columns, lists, metadata keys.

Owns the shape of the forms and the standard workbook, and the codec of their hidden metadata
sheet (``encode_meta``/``decode_meta``), including the digest a carried-over row is recorded
with (``carried_digest``: a returned row whose values still give it was left untouched).
The writer (generate), the reader (read) and the simulated units (simulate) all import this
module, so no cell address, header text or metadata key is written in two places. Nothing
here does I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FORM_FORMAT = "rkt-form/1"  # bump when the layout changes in a way old readers cannot follow

# --- sheets ------------------------------------------------------------------------------
SHEET_COVER = "Sampul"
SHEET_GUIDE = "Petunjuk"
SHEET_IDENTITY = "Identitas"
SHEET_LISTS = "Daftar"  # hidden: the dropdown lists (Excel caps literal lists at 255 chars)
SHEET_META = "_rkt_meta"  # very hidden: identity of the form and of every indicator row

# Sheet names of the six standard components, each within Excel's 31 characters.
COMPONENT_SHEET_NAMES: dict[str, str] = {
    "I": "I Manajemen Perubahan",
    "II": "II Penataan Tatalaksana",
    "III": "III Sistem Manajemen SDM",
    "IV": "IV Akuntabilitas Kinerja",
    "V": "V Penguatan Pengawasan",
    "VI": "VI Kualitas Pelayanan Publik",
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def component_sheet_name(component_id: str, name: str) -> str:
    """The sheet name of a component: the standard one, else "<id> <name>" cut to 31 chars."""
    if component_id in COMPONENT_SHEET_NAMES:
        return COMPONENT_SHEET_NAMES[component_id]
    clean = _BAD_SHEET_CHARS.sub(" ", f"{component_id} {name}")
    return " ".join(clean.split())[:31].rstrip()


# --- component sheets ----------------------------------------------------------------------
TITLE_ROW = 0  # 0-based rows: title, office/unit, component name, blank, header
HEADER_ROW = 4
FIRST_DATA_ROW = 5


@dataclass(frozen=True)
class Column:
    """One column of a component sheet. ``key`` is the field name used in code."""

    key: str
    header: str  # exactly as printed in the header row (the reader matches on it)
    width: float
    input: bool = False  # unlocked for the unit to fill


# Widths fit the fourteen columns on one A4 landscape page at 72 % (Arial 10 prints at 7.2 pt,
# the least that stays legible on paper; docs/printing.md says why these columns and widths).
COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", 7),
    Column("no", "NO", 4),
    Column("komponen", "KOMPONEN", 13),
    Column("indikator", "INDIKATOR", 20),
    Column("langkah_aksi", "LANGKAH AKSI", 21),
    Column("bukti_fisik", "BUKTI FISIK", 19),
    Column("target_waktu", "TARGET WAKTU", 9),
    Column("status", "STATUS", 12, input=True),
    Column("realisasi", "REALISASI", 11, input=True),
    Column("capaian", "CAPAIAN (%)", 10, input=True),
    Column("jawaban", "JAWABAN LKE", 10, input=True),
    Column("kriteria", "KRITERIA JAWABAN LKE", 22),
    Column("bukti_dukung", "BUKTI DUKUNG", 17, input=True),
    Column("keterangan", "KETERANGAN / KENDALA", 16, input=True),
)
COL: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}  # key -> 0-based column
INPUT_FIELDS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.input)
PLAN_FIELDS: tuple[str, ...] = ("indikator", "target_waktu")  # locked cells checked on return

# --- values ------------------------------------------------------------------------------
STATUS_VALUES: tuple[str, ...] = ("Belum", "Dalam Proses", "Selesai", "Tidak Relevan")

# Dropdown lists by LKE answer type (see lke.py). "number" has no list: a whole number >= 0.
ANSWER_LISTS: dict[str, tuple[str, ...]] = {
    "yn": ("Ya", "Tidak"),
    "abc": ("A", "B", "C"),
    "abcd": ("A", "B", "C", "D"),
    "abcde": ("A", "B", "C", "D", "E"),
}
# Defined names of the lists on SHEET_LISTS, one per list.
LIST_NAMES: dict[str, str] = {
    "status": "DaftarStatus",
    "yn": "DaftarYaTidak",
    "abc": "DaftarABC",
    "abcd": "DaftarABCD",
    "abcde": "DaftarABCDE",
}
SCORE_MAX = 4  # survey indices (IPAK, IPKP) run from 0 to 4
DATE_FORMAT = "[$-421]d mmm yyyy"  # 421 = Indonesian: "17 Agu 2019" (fits the REALISASI column)
PERCENT_FORMAT = "0.##"  # Capaian is typed as 0-100, not as a fraction

# --- identity sheet (unit forms) ------------------------------------------------------------
IDENTITY_FIRST_ROW = 3  # 0-based; label in column A, value in column B


@dataclass(frozen=True)
class IdentityField:
    """One line of the Identitas sheet."""

    key: str
    label: str
    input: bool


IDENTITY_FIELDS: tuple[IdentityField, ...] = (
    IdentityField("unit_code", "Kode Unit", False),
    IdentityField("unit_name", "Nama Unit Kerja", False),
    IdentityField("nama_pengisi", "Nama Pengisi", True),
    IdentityField("nip", "NIP", True),
    IdentityField("jabatan", "Jabatan", True),
    IdentityField("tanggal_pengisian", "Tanggal Pengisian", True),
)
IDENTITY_ROW: dict[str, int] = {
    f.key: IDENTITY_FIRST_ROW + i for i, f in enumerate(IDENTITY_FIELDS)
}

# --- metadata (very hidden sheet + custom document properties) ------------------------------
# Key/value pairs in columns A:B from row 1; then, from META_ROWS_HEADER, one line per
# indicator row with the columns META_ROW_COLUMNS.
META_KEYS: tuple[str, ...] = (
    "format",
    "kind",  # "workbook" (the standard RKT) or "form" (one unit's checklist)
    "rkt_excel_version",
    "plan_id",
    "plan_version",
    "plan_hash",
    "regulation",
    "year",
    "form_id",
    "unit_code",
    "unit_name",
    "period",  # the month the form was distributed for ("2019-08"); "" when none was named
    "carried_from",  # the month whose answers it carries over; "" for an empty form
)
META_ROWS_HEADER = len(META_KEYS) + 1  # 0-based row of the row-table header (after a blank)
# "carried": the carried_digest of the values a carried-over form was written with ("" when
# the row was written empty). Forms written before it have no such column: read as "".
META_ROW_COLUMNS: tuple[str, ...] = (
    "row_id", "component", "sheet", "row", "lke", "answer_type", "carried",
)  # fmt: skip
PROPERTY_PREFIX = "rkt_"  # custom document properties are META_KEYS with this prefix


@dataclass(frozen=True)
class MetaRow:
    """One line of the metadata row table: where an indicator row sits in the form."""

    row_id: str
    component: str
    sheet: str
    row: int  # 1-based row of the indicator on its sheet; 0 when unknown
    lke: str
    answer_type: str
    carried: str = ""  # carried_digest of the values written in, for a carried-over row


@dataclass(frozen=True)
class Meta:
    """The hidden metadata of a form: identity key/values and the row table by row id."""

    keys: dict[str, str]
    rows: dict[str, MetaRow]


def encode_meta(keys: Mapping[str, str], rows: Iterable[MetaRow]) -> list[list[str]]:
    """The metadata sheet as rows of text cells ("" is a blank cell), from row 1 column A.

    ``keys`` are written in META_KEYS order (unknown keys are dropped), then a blank row, then
    the row table's header (META_ROW_COLUMNS) and one line per indicator row.
    """
    grid: list[list[str]] = [[key, keys.get(key, "")] for key in META_KEYS]
    grid.append([])
    grid.append(list(META_ROW_COLUMNS))
    for r in rows:
        grid.append([r.row_id, r.component, r.sheet, str(r.row) if r.row else "", r.lke,
                     r.answer_type, r.carried])  # fmt: skip
    return grid


def meta_text(value: Any) -> str:
    """A metadata or id cell as text, whatever a program stored: 2019.0 -> "2019"."""
    if value.__class__ is str:
        return str(value).strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decode_meta(grid: Iterable[Sequence[Any]]) -> Meta:
    """Read what ``encode_meta`` wrote, from the cell values of the sheet (any reader).

    Tolerant of what programs do to a hidden sheet: numbers for text, trailing blanks, moved
    rows; key/value pairs are read until the row table's header, then the row table.
    """
    keys: dict[str, str] = {}
    rows: dict[str, MetaRow] = {}
    header: list[str] | None = None
    for line in grid:
        first = meta_text(line[0]) if line else ""
        if header is None:
            if first == META_ROW_COLUMNS[0]:
                header = [meta_text(v) for v in line]
            elif first:
                keys[first] = meta_text(line[1]) if len(line) > 1 else ""
        elif first:
            d = {h: meta_text(line[i]) if i < len(line) else "" for i, h in enumerate(header) if h}
            row = d.get("row", "")
            rows[first] = MetaRow(
                row_id=first,
                component=d.get("component", ""),
                sheet=d.get("sheet", ""),
                row=int(row) if row.isdigit() and len(row) <= 7 else 0,
                lke=d.get("lke", ""),
                answer_type=d.get("answer_type", ""),
                carried=d.get("carried", ""),
            )
    return Meta(keys, rows)


def _canonical(value: Any) -> str:
    """One input value as digest text: the same for what is written and what is read back
    (100 and 100.0, a date and the datetime a program stores for it)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return f"{float(value):.10g}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def carried_digest(values: Mapping[str, Any]) -> str:
    """The digest of one row's input values (INPUT_FIELDS, normalised; missing ones blank):
    the first 16 hex digits of a SHA-256. A carried-over row is recorded with the digest of
    the values it was written with; read back with the same digest, it was left untouched."""
    text = "\x1f".join(_canonical(values.get(key)) for key in INPUT_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def looks_like_meta(grid: Sequence[Sequence[Any]]) -> bool:
    """True when a sheet's first rows hold the metadata keys (a renamed metadata sheet)."""
    firsts = {meta_text(line[0]) for line in grid[:30] if line}
    return {"format", "plan_id"} <= firsts


def text_lines(text: str, width: float) -> int:
    """Estimate the lines a wrapped cell needs (xlsxwriter cannot autofit row heights).

    A column width counts Calibri 11 digits; 10 pt Arial fits about 1.3 average characters in
    each (seen on a LibreOffice PDF of the 2019 workbook). Paragraphs (``\n``) start new lines.
    """
    per_line = max(1, int(width * 1.3))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))
