"""Layout of the plan workbook: sheet names, the Rencana columns, the Dokumen row kinds.

Written by planbook.write and read by planbook.read, so no header or label is spelled twice.
Pure data; imports no spreadsheet library and nothing of the plan model.
"""

from __future__ import annotations

SHEET_PLAN = "Rencana"
SHEET_DOC = "Dokumen"
SHEET_HELP = "Petunjuk"
SHEET_LISTS = "Daftar"

HEADER_ROW = 0  # 0-based: the header is the first row of Rencana and Dokumen

# Rencana: (field key, header, width). NO .. TARGET WAKTU are the RKT table's columns.
PLAN_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("no", "NO", 6),
    ("komponen", "KOMPONEN", 24),
    ("indicator", "INDIKATOR", 42),
    ("actions", "LANGKAH AKSI", 42),
    ("evidence", "BUKTI FISIK", 36),
    ("target", "TARGET WAKTU", 18),
    ("lke", "LKE", 10),
    ("pic", "PIC", 10),
    ("id", "ID", 10),
    ("months", "BULAN", 10),
    ("lke_note", "CATATAN LKE", 24),
    ("lke_suggested", "SARAN LKE", 9),
    ("repair", "CATATAN PERBAIKAN", 30),
    ("area_name", "NAMA AREA", 30),
)
PLAN_COL = {key: n for n, (key, _, _) in enumerate(PLAN_COLUMNS)}
PLAN_HEADERS = tuple(header for _, header, _ in PLAN_COLUMNS)
LIST_FIELDS = ("actions", "evidence", "pic")  # items one a line in the cell
YES = "ya"  # SARAN LKE: the LKE question was suggested by the import, not yet confirmed

# Dokumen: JENIS | NO | ISI | PERAN | JABATAN | NIP
DOC_HEADERS = ("JENIS", "NO", "ISI", "PERAN", "JABATAN", "NIP")
DOC_WIDTHS = (24, 6, 90, 20, 24, 22)
DOC_KIND, DOC_NO, DOC_TEXT, DOC_ROLE, DOC_POSITION, DOC_NIP = range(6)

# Rows that set one field (label -> plan data path). "lines" fields hold one entry a line.
DOC_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ID rencana", ("id",)),
    ("Versi", ("version",)),
    ("Judul rencana", ("title",)),
    ("Tahun", ("year",)),
    ("Regulasi", ("regulation",)),
    ("Tanggal dibuat", ("created",)),
    ("Kementerian", ("office", "ministry")),
    ("Wilayah", ("office", "region")),
    ("Nama kantor", ("office", "name")),
    ("Nama singkat", ("office", "short_name")),
    ("Kota", ("office", "city")),
    ("Nomor dokumen", ("document", "number")),
    ("Judul dokumen", ("document", "title")),
    ("Judul sampul", ("document", "cover")),
    ("Tempat tanda tangan", ("signing", "place")),
    ("Tanggal tanda tangan", ("signing", "date")),
    ("Tim", ("signing", "team")),
    ("Pengantar tanda tangan", ("signing", "heading")),
    ("Judul target prioritas", ("priority_title",)),
)
LINES_FIELDS = {("document", "cover"), ("priority_title",)}
DATE_FIELDS = {("created",), ("signing", "date")}

# Rows that repeat, in document order.
KIND_SIGNATORY = "Penanda tangan"
KIND_PRIORITY = "Target prioritas"
KIND_CHAPTER = "Bab"
KIND_SECTION = "Subbab"
KIND_PARAGRAPH = "Paragraf"
KIND_TABLE = "Tabel rencana"
KIND_ANNEX = "Lampiran"
# list item kinds -> ItemList.style
KIND_ITEMS = {"Butir a.": "a", "Butir 1.": "1", "Butir •": "-"}
ITEM_KINDS = {style: kind for kind, style in KIND_ITEMS.items()}
TABLE_TEXT = "(tabel RKT dari sheet Rencana)"

DOC_KINDS: tuple[str, ...] = (
    *(label for label, _ in DOC_FIELDS),
    KIND_SIGNATORY,
    KIND_PRIORITY,
    KIND_CHAPTER,
    KIND_SECTION,
    KIND_PARAGRAPH,
    *KIND_ITEMS,
    KIND_TABLE,
    KIND_ANNEX,
)
