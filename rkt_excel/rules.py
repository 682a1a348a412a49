"""The one catalogue of issue codes for returned forms: pre-flight, reading and validation rules.

Importing this module registers every Rule in issues.CATALOGUE; ``render_docs`` writes
docs/issues.md from it. No I/O here.
"""

from __future__ import annotations

from rkt_excel.issues import CATALOGUE, Rule, Severity, rule

E, W = Severity.ERROR, Severity.WARNING

# Group titles for docs/issues.md, in order.
GROUPS: dict[str, str] = {
    "preflight": "Pre-flight: the file cannot be read (reported instead of the file's rows)",
    "reading": "Reading: the form's structure and what was typed in each cell",
    "validation": "Validation: the rules over the values, the plan, the date and the units",
}
GROUP_OF: dict[str, str] = {}


def _add(group: str, code: str, sev: Severity, id_: str, en: str, fix: str, fix_id: str) -> None:
    rule(Rule(code, sev, id_, en, fix, fix_id))
    GROUP_OF[code] = group


# --- pre-flight (FormError: the file is refused as a whole) -----------------------------
_P = "preflight"
_add(
    _P,
    "file-not-found",
    E,
    "Berkas tidak ditemukan atau tidak dapat dibuka ({reason}).",
    "The file cannot be found or opened ({reason}).",
    "Check the path and that no other program holds the file.",
    "Periksa lokasi berkas dan pastikan berkas tidak sedang dibuka program lain.",
)
_add(
    _P,
    "empty-file",
    E,
    "Berkas kosong (0 byte).",
    "The file is empty (0 bytes).",
    "Ask the unit to send the form again (the copy is empty, often a failed download).",
    "Kirim ulang formulir; salinan ini kosong (biasanya unduhan atau lampiran gagal).",
)
_add(
    _P,
    "not-a-spreadsheet",
    E,
    "Berkas ini bukan buku kerja Excel (.xlsx), melainkan {kind}.",
    "The file is not an Excel workbook (.xlsx) but {kind}.",
    "Fill the form sent by the secretariat in Excel and save it as Excel Workbook (.xlsx); "
    "renaming another file to .xlsx does not convert it.",
    "Isi formulir dari sekretariat di Excel lalu simpan sebagai Excel Workbook (.xlsx); "
    "mengganti nama berkas lain menjadi .xlsx tidak mengubah formatnya.",
)
_add(
    _P,
    "legacy-xls",
    E,
    "Berkas ini berformat lama Excel 97-2003 (.xls).",
    "The file is in the old Excel 97-2003 format (.xls).",
    "Open it in Excel and Save As → Excel Workbook (*.xlsx).",
    "Buka di Excel, lalu Simpan Sebagai (Save As) → Excel Workbook (*.xlsx).",
)
_add(
    _P,
    "encrypted",
    E,
    "Buku kerja dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca.",
    "The workbook is password-protected (encrypted) and cannot be read.",
    "Open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the "
    "password, save and send it again.",
    "Buka di Excel, File → Info → Protect Workbook → Encrypt with Password, hapus kata "
    "sandinya, simpan, lalu kirim ulang.",
)
_add(
    _P,
    "zip-bomb",
    E,
    "Isi berkas terlalu besar untuk sebuah formulir ({reason}); demi keamanan berkas tidak dibuka.",
    "The file's content is too large for a form ({reason}); it is not opened, for safety.",
    "Ask for the original form. If the file is genuine, raise the limit "
    "(read.Limits) and check again.",
    "Kirim formulir asli dari sekretariat, bukan berkas lain.",
)
_add(
    _P,
    "xml-entities",
    E,
    "Berkas memuat deklarasi XML DOCTYPE/ENTITY (bagian {part}); demi keamanan berkas ditolak.",
    "The file contains an XML DOCTYPE/ENTITY declaration (part {part}); refused for safety.",
    "Excel never writes these: save the workbook again from Excel, or ask for the original.",
    "Simpan ulang buku kerja dari Excel, atau kirim formulir asli.",
)
_add(
    _P,
    "sheet-too-large",
    E,
    "Bagian {part} memuat isian sampai sel {cell} ({cells} sel; batas {limit}); berkas tidak "
    "dibuka.",
    "Part {part} holds values up to cell {cell} ({cells} cells; the limit is {limit}); the "
    "file is not opened.",
    "Delete the stray values far below or right of the table (Ctrl+End shows the last cell), "
    "save and send again.",
    "Hapus isian nyasar jauh di bawah atau di kanan tabel (Ctrl+End menunjukkan sel terakhir), "
    "simpan, lalu kirim ulang.",
)
_add(
    _P,
    "unreadable",
    E,
    "Berkas rusak atau tidak dapat dibaca sebagai .xlsx ({reason}).",
    "The file is damaged or cannot be read as .xlsx ({reason}).",
    "Open it in Excel (it may offer to repair it), save it as .xlsx and send it again.",
    "Buka di Excel (Excel dapat menawarkan perbaikan), simpan sebagai .xlsx, lalu kirim ulang.",
)
_add(
    _P,
    "not-our-form",
    E,
    "Buku kerja ini bukan formulir rkt_excel (tidak ada lembar metadata maupun kolom ID).",
    "This workbook is not an rkt_excel form (no metadata sheet and no ID column).",
    "Fill the form generated for the unit; do not copy the rows into another workbook.",
    "Isi formulir yang dibagikan untuk unit Anda; jangan menyalin baris ke buku kerja lain.",
)
_add(
    _P,
    "template-mismatch",
    E,
    "Formulir ini dibuat dari rencana lain ({found}), bukan dari rencana {expected}.",
    "This form was made from another plan ({found}), not from plan {expected}.",
    "Check that the right plan was given; otherwise send the unit the form of this plan.",
    "Gunakan formulir dari rencana yang sedang berjalan; minta formulir baru ke sekretariat.",
)
_add(
    _P,
    "template-version-mismatch",
    E,
    "Formulir ini dibuat dari versi {found} rencana {plan_id}, sedangkan versi yang diperiksa "
    "{expected}.",
    "This form was made from version {found} of plan {plan_id}; the plan checked is version "
    "{expected}.",
    "Validate against the version the form was made from, or send the unit a new form.",
    "Minta formulir versi terbaru ke sekretariat dan salin isian ke formulir itu.",
)
_add(
    _P,
    "unsupported-format",
    E,
    "Format formulir {found} tidak dikenal oleh versi rkt_excel ini (yang dikenal: {expected}).",
    "Form format {found} is not known to this rkt_excel (it reads {expected}).",
    "Upgrade rkt_excel to the version that generated the form.",
    "Perbarui rkt_excel di komputer sekretariat.",
)

# --- reading: structure and cell values -----------------------------------------------------
_R = "reading"
_add(
    _R,
    "macros-ignored",
    W,
    "Berkas berisi makro (.xlsm); makro diabaikan dan tidak dijalankan, hanya nilai yang dibaca.",
    "The file contains macros (.xlsm); they are ignored and never run, only values are read.",
    "Save the form as Excel Workbook (.xlsx) next time.",
    "Lain kali simpan formulir sebagai Excel Workbook (.xlsx).",
)
_add(
    _R,
    "missing-meta",
    W,
    "Lembar metadata formulir tidak ditemukan; baris dikenali dari kolom ID saja.",
    "The form's metadata sheet is missing; rows are found by the ID column only.",
    "Fill the form as generated; do not copy its sheets into a new workbook.",
    "Isi formulir apa adanya; jangan memindahkan lembar ke buku kerja baru.",
)
_add(
    _R,
    "missing-column",
    E,
    "Kolom {header} tidak ditemukan pada baris judul; isiannya tidak dapat dibaca.",
    "Column {header} is missing from the header row; its values cannot be read.",
    "Restore the column header as generated (do not rename or delete columns).",
    "Kembalikan judul kolom seperti semula (jangan mengganti nama atau menghapus kolom).",
)
_add(
    _R,
    "missing-row",
    E,
    "Baris indikator {row_id} tidak ditemukan di formulir.",
    "Indicator row {row_id} is not in the form.",
    "The row was deleted or its ID changed: copy the row back from the original form.",
    "Baris terhapus atau ID-nya berubah: salin kembali baris itu dari formulir asli.",
)
_add(
    _R,
    "unknown-row",
    W,
    "ID {row_id} tidak dikenal dalam rencana; baris ini diabaikan.",
    "ID {row_id} is not in the plan; the row is ignored.",
    "Do not edit the ID column; type values only in the rows of the plan.",
    "Jangan mengubah kolom ID; isi nilai hanya pada baris indikator yang ada.",
)
_add(
    _R,
    "duplicate-row",
    E,
    "ID {row_id} muncul lebih dari sekali; hanya baris pertama yang dibaca.",
    "ID {row_id} appears more than once; only the first row is read.",
    "Keep one row per indicator; merge the values into it and delete the copy.",
    "Satu baris per indikator: gabungkan isian ke satu baris dan hapus salinannya.",
)
_add(
    _R,
    "data-without-id",
    W,
    "Baris tanpa ID berisi isian; isian ini diabaikan.",
    "A row without an ID holds values; they are ignored.",
    "Type the values in the row of the indicator they belong to; do not insert rows.",
    "Pindahkan isian ke baris indikator yang sesuai; jangan menyisipkan baris.",
)
_add(
    _R,
    "formula-in-input",
    E,
    "Sel isian berisi rumus ({formula}); isikan nilai, bukan rumus.",
    "An input cell holds a formula ({formula}); type a value, not a formula.",
    "Replace the formula by its value (Copy, then Paste Special → Values).",
    "Ganti rumus dengan nilainya (Salin, lalu Tempel Spesial → Nilai).",
)
_add(
    _R,
    "invalid-option",
    E,
    "Nilai “{value}” tidak ada dalam daftar pilihan: {options}.",
    "Value “{value}” is not in the list: {options}.",
    "Choose a value from the cell's dropdown list.",
    "Pilih nilai dari daftar pilihan (dropdown) pada sel.",
)
_add(
    _R,
    "not-a-number",
    E,
    "“{value}” bukan angka.",
    "“{value}” is not a number.",
    "Type a number only, e.g. 80 or 80,5 (no words or units).",
    "Isikan angka saja, misalnya 80 atau 80,5 (tanpa kata atau satuan).",
)
_add(
    _R,
    "not-a-whole-number",
    E,
    "“{value}” bukan bilangan bulat.",
    "“{value}” is not a whole number.",
    "Type a whole number (a count), e.g. 12.",
    "Isikan bilangan bulat (jumlah), misalnya 12.",
)
_add(
    _R,
    "out-of-range",
    E,
    "Nilai {value} di luar rentang {low} sampai {high}.",
    "Value {value} is outside the range {low} to {high}.",
    "Type a value within the range (Capaian is a percentage from 0 to 100).",
    "Isikan nilai dalam rentang (Capaian adalah persen dari 0 sampai 100).",
)
_add(
    _R,
    "invalid-date",
    E,
    "“{value}” bukan tanggal yang dikenali.",
    "“{value}” is not a date rkt_excel understands.",
    "Type a date as 17/08/2019 or 17 Agustus 2019 (day first).",
    "Isikan tanggal seperti 17/08/2019 atau 17 Agustus 2019 (hari lebih dulu).",
)
_add(
    _R,
    "nip-as-number",
    E,
    "NIP tersimpan sebagai angka ({value}); Excel sudah membulatkannya sehingga digitnya hilang.",
    "The NIP is stored as a number ({value}); Excel has rounded it and its digits are lost.",
    "Format the cell as Text (or type an apostrophe first) and type the 18 digits again.",
    "Ubah format sel menjadi Teks (atau awali dengan tanda petik ') lalu ketik ulang 18 digit NIP.",
)
_add(
    _R,
    "invalid-nip",
    E,
    "NIP “{value}” bukan {length} digit angka.",
    "NIP “{value}” is not {length} digits.",
    "Type the 18-digit NIP (spaces are allowed).",
    "Isikan NIP 18 digit (boleh dengan spasi).",
)
_add(
    _R,
    "suspicious-nip",
    W,
    "NIP {value} tidak sesuai susunan NIP (tanggal lahir, bulan pengangkatan, jenis kelamin).",
    "NIP {value} does not follow the NIP pattern (birth date, appointment month, sex digit).",
    "Check the NIP against the SK or the employee card.",
    "Periksa kembali NIP dengan SK atau kartu pegawai.",
)

# --- validation: rules over values, the plan, the as-of date and the units ------------------
_V = "validation"
_add(
    _V,
    "date-outside-year",
    W,
    "Tanggal {value} di luar tahun rencana {year}.",
    "Date {value} is outside the plan year {year}.",
    "Check the year of the date (the plan covers one year).",
    "Periksa tahun pada tanggal (rencana berlaku satu tahun).",
)
_add(
    _V,
    "date-in-future",
    E,
    "Tanggal {value} sesudah tanggal pemeriksaan {as_of}.",
    "Date {value} is after the as-of date {as_of}.",
    "Type the date the work was actually done; a future date is not a realisation.",
    "Isikan tanggal pelaksanaan yang sebenarnya; tanggal yang akan datang bukan realisasi.",
)
_add(
    _V,
    "selesai-without-evidence",
    E,
    "Status Selesai tetapi Bukti Dukung kosong.",
    "Status is Selesai but Bukti Dukung is empty.",
    "Give the evidence (a file name or link), or choose another status.",
    "Isikan bukti dukung (nama berkas atau tautan), atau ubah status.",
)
_add(
    _V,
    "selesai-below-100",
    W,
    "Status Selesai tetapi Capaian {value}% (kurang dari 100).",
    "Status is Selesai but Capaian is {value}% (below 100).",
    "Set Capaian to 100, or choose Dalam Proses.",
    "Isikan Capaian 100, atau ubah status menjadi Dalam Proses.",
)
_add(
    _V,
    "belum-above-0",
    W,
    "Status Belum tetapi Capaian {value}% (lebih dari 0).",
    "Status is Belum but Capaian is {value}% (above 0).",
    "Choose Dalam Proses, or clear Capaian.",
    "Ubah status menjadi Dalam Proses, atau kosongkan Capaian.",
)
_add(
    _V,
    "missing-answer",
    W,
    "Status Selesai tetapi Jawaban LKE kosong.",
    "Status is Selesai but Jawaban LKE is empty.",
    "Choose the LKE answer the evidence supports.",
    "Pilih jawaban LKE sesuai bukti dukung.",
)
_add(
    _V,
    "answer-without-question",
    W,
    "Jawaban LKE diisi untuk baris tanpa pertanyaan LKE; jawaban diabaikan.",
    "Jawaban LKE is filled for a row with no LKE question; the answer is ignored.",
    "Clear the cell: the row is not scored in the LKE.",
    "Kosongkan sel ini: baris ini tidak dinilai dalam LKE.",
)
_add(
    _V,
    "plan-cell-changed",
    W,
    "Teks {label} berbeda dari rencana; yang dipakai teks rencana: “{expected}”.",
    "The {label} text differs from the plan; the plan's text is used: “{expected}”.",
    "Do not edit the plan's columns; write remarks in KETERANGAN / KENDALA.",
    "Jangan mengubah kolom rencana; tulis catatan di KETERANGAN / KENDALA.",
)
_add(
    _V,
    "missing-identity",
    E,
    "{label} belum diisi.",
    "{label} is empty.",
    "Fill the Identitas sheet (name, NIP and date of filling).",
    "Lengkapi lembar Identitas (nama, NIP dan tanggal pengisian).",
)
_add(
    _V,
    "unknown-unit",
    E,
    "Kode unit {unit_code} tidak ada dalam daftar unit.",
    "Unit code {unit_code} is not in the units list.",
    "Check the units file, or send the unit the form generated for it.",
    "Gunakan formulir yang dibagikan untuk unit Anda.",
)

PREFLIGHT_CODES: tuple[str, ...] = tuple(c for c, g in GROUP_OF.items() if g == _P)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_docs() -> str:
    """The text of docs/issues.md: every code with severity, meaning and fix, plus the
    accepted spellings and the pre-flight limits."""
    from rkt_excel.normalize import SERIAL_MAX, SERIAL_MIN, SYNONYMS, serial_to_date
    from rkt_excel.read import DEFAULT_LIMITS

    out = [
        "# Issue codes",
        "",
        "<!-- Generated from rkt_excel/rules.py by scripts/make_issue_docs.py: do not edit. -->",
        "",
        "Every problem `rkt-excel validate` reports has a stable code, a severity, the file, "
        "sheet, cell (A1), row id and field, the raw value, and a message in Indonesian "
        "(`--lang id`) or English (`--lang en`). An **error** means the form cannot be "
        "accepted as it is; a **warning** asks for a look.",
        "",
    ]
    for group, title in GROUPS.items():
        out += [f"## {title}", "", "| code | severity | meaning | fix |", "|---|---|---|---|"]
        for code, r in CATALOGUE.items():
            if GROUP_OF.get(code) == group:
                out.append(f"| `{code}` | {r.severity} | {_cell(r.en)} | {_cell(r.fix)} |")
        out.append("")
    out += [
        "## Accepted spellings",
        "",
        "Options are matched ignoring case, spaces and a trailing `.` or `)` "
        "(`ya`, ` YA `, `a.` are fine). Beyond that only these spellings are accepted:",
        "",
        "| list | typed | read as |",
        "|---|---|---|",
    ]
    for list_name, table in SYNONYMS.items():
        for typed, value in table.items():
            out.append(f"| {list_name} | `{typed}` | {value} |")
    lo, hi = serial_to_date(SERIAL_MIN), serial_to_date(SERIAL_MAX)
    out += [
        "",
        "Numbers: `80`, `80%`, `80,5` (decimal comma), `1.000,5` / `1,000.5` (the last mark "
        "is the decimal one); a value shown with a % number format is multiplied by 100 "
        "(0.8 shown as 80% is 80).",
        "",
        "Dates: a date cell; an Excel serial number from "
        f"{SERIAL_MIN} ({lo}) to {SERIAL_MAX} ({hi}); day-first text `17/08/2019`, "
        "`17-8-2019`, `17.08.2019`, `17/08/19`; ISO `2019-08-17`; Indonesian (or English) "
        "month names `17 Agustus 2019`, `17 Agt 2019`, `Sabtu, 17 Agustus 2019`. A month "
        "without a day (`Agustus 2019`) is read as the first of that month, the earliest "
        "the work can have been done, so it never fails the as-of check because of the "
        "missing day.",
        "",
        "NIP: 18 digits as text; spaces, dots, dashes and a leading apostrophe are dropped. "
        "A NIP stored as a number is refused (`nip-as-number`): Excel keeps 15 significant "
        "digits, so the last digits are already lost.",
        "",
        "## Pre-flight limits",
        "",
        "Checked from the zip directory before anything is extracted, then again while "
        "reading each part. A real form is about 20 KB compressed and 100 KB uncompressed.",
        "",
        "| limit | default |",
        "|---|---|",
    ]
    for name, value in DEFAULT_LIMITS.describe():
        out.append(f"| {name} | {value} |")
    out.append("")
    return "\n".join(out)
