"""The one catalogue of problem codes in users' files, as plain data: the returned forms'
(``CATALOGUE``) and those of importing an office's own RKT (``IMPORT_CODES``).

Owns every code's severity, group, messages (Bahasa Indonesia and English, with ``{params}``
placeholders filled from ``Issue.params``) and how to fix it. Importing this module registers
nothing anywhere and does no I/O; docs/issues.md is generated from it by
scripts/make_issue_docs.py.

Long on purpose: it is data, one entry per code with its two languages and its fixes; split
it by group only if a second catalogue reader needs a part of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad an issue is: an error blocks acceptance, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue: the code's severity, group, messages and how to fix it."""

    code: str
    severity: Severity
    group: str  # a key of GROUPS
    id: str  # message in Bahasa Indonesia; may use {placeholders} filled from Issue.params
    en: str  # the same in English
    fix: str  # what to do, in English
    fix_id: str  # what to do, in Bahasa Indonesia


@dataclass(frozen=True)
class Text:
    """A parameter value that is itself words, in both languages (e.g. "a PDF document").

    Issues keep their parameters language-neutral; a ``Text`` is rendered in the language of
    whoever shows the issue.
    """

    id: str
    en: str

    def in_lang(self, lang: str) -> str:
        """The words in ``lang`` ("en" for English, anything else Indonesian)."""
        return self.en if lang == "en" else self.id

    def __str__(self) -> str:
        return self.id


E, W = Severity.ERROR, Severity.WARNING
_P, _R, _V = "preflight", "reading", "validation"
_C, _REV = "consolidation", "review"
_D = "discovery"

# Group titles for docs/issues.md, in order.
GROUPS: dict[str, str] = {
    _D: "Input folders: entries not read as forms, each with what was done to it",
    _P: "Pre-flight: the file cannot be read (reported instead of the file's rows)",
    _R: "Reading: the form's structure and what was typed in each cell",
    _V: "Validation: the rules over the values, the plan, the date and the units",
    _C: "Consolidation: checks across the forms of an office",
    _REV: "Review: a recap returned by the evaluators (TPI answers and notes, hasil inputs)",
}

RULES: tuple[Rule, ...] = (
    # --- discovery (discover.py: an entry of an input folder that is not read) ----------------
    Rule(
        "skipped-recap",
        W,
        _D,
        "Berkas ini rekap buatan rkt_excel, bukan formulir unit; dilewati.",
        "This file is a recap made by rkt_excel, not a unit's form; skipped.",
        "Keep recaps out of the returns folder (write them with -o elsewhere).",
        "Simpan rekap di luar folder formulir masuk.",
    ),
    Rule(
        "skipped-temp-file",
        W,
        _D,
        "Berkas sementara dari penulisan yang terputus; dilewati.",
        "A temporary file left by an interrupted write; skipped.",
        "Delete it: it is debris of a run that was killed.",
        "Hapus berkas ini: sisa proses yang terhenti.",
    ),
    Rule(
        "skipped-lock-file",
        W,
        _D,
        "Berkas kunci Excel (~$), bukan formulir; dilewati.",
        "An Excel lock file (~$), not a form; skipped.",
        "Close the workbook in Excel; the lock file then disappears.",
        "Tutup buku kerja di Excel; berkas kunci akan hilang sendiri.",
    ),
    Rule(
        "skipped-system-file",
        W,
        _D,
        "Berkas tersembunyi atau berkas sistem; dilewati.",
        "A hidden or system file; skipped.",
        "Nothing to do, unless a form was saved under a name starting with a dot.",
        "Tidak perlu tindakan, kecuali formulir tersimpan dengan nama berawalan titik.",
    ),
    Rule(
        "skipped-export",
        W,
        _D,
        "Tabel CSV ekspor rekap rkt_excel; dilewati.",
        "A CSV table exported from a recap by rkt_excel; skipped.",
        "Keep exports out of the returns folder.",
        "Simpan ekspor CSV di luar folder formulir masuk.",
    ),
    Rule(
        "skipped-folder",
        W,
        _D,
        "Subfolder; formulir di dalam subfolder tidak dibaca.",
        "A subfolder; forms inside subfolders are not read.",
        "Move forms out of the subfolder, or give the subfolder as an input of its own.",
        "Pindahkan formulir keluar dari subfolder, atau sebutkan subfolder itu sebagai masukan.",
    ),
    Rule(
        "empty-folder",
        E,
        _D,
        "Folder masukan ini tidak berisi berkas untuk dibaca sebagai formulir ({entries} entri "
        "di dalamnya dilewati).",
        "This input folder holds no file to read as a form ({entries} entries in it skipped).",
        "Check that it is the folder the units' returned forms are saved in, or name the files.",
        "Periksa apakah ini folder tempat formulir kiriman unit disimpan, atau sebutkan berkasnya.",
    ),
    Rule(
        "broken-link",
        E,
        _D,
        "Tautan (symlink) ke berkas yang tidak ada ({target}).",
        "A link (symlink) to a file that does not exist ({target}).",
        "Copy the form itself into the folder.",
        "Salin berkas formulirnya sendiri ke folder ini.",
    ),
    Rule(
        "not-a-regular-file",
        E,
        _D,
        "Bukan berkas biasa ({kind}); tidak dibuka.",
        "Not a regular file ({kind}); not opened.",
        "Give the path of a saved form.",
        "Sebutkan lokasi berkas formulir yang tersimpan.",
    ),
    # --- pre-flight (FormError: the file is refused as a whole) -----------------------------
    Rule(
        "file-not-found",
        E,
        _P,
        "Berkas tidak ditemukan atau tidak dapat dibuka ({reason}).",
        "The file cannot be found or opened ({reason}).",
        "Check the path and that no other program holds the file.",
        "Periksa lokasi berkas dan pastikan berkas tidak sedang dibuka program lain.",
    ),
    Rule(
        "empty-file",
        E,
        _P,
        "Berkas kosong (0 byte).",
        "The file is empty (0 bytes).",
        "Ask the unit to send the form again (the copy is empty, often a failed download).",
        "Kirim ulang formulir; salinan ini kosong (biasanya unduhan atau lampiran gagal).",
    ),
    Rule(
        "not-a-spreadsheet",
        E,
        _P,
        "Berkas ini bukan buku kerja Excel (.xlsx), melainkan {kind}.",
        "The file is not an Excel workbook (.xlsx) but {kind}.",
        "Fill the form sent by the secretariat in Excel and save it as Excel Workbook (.xlsx); "
        "renaming another file to .xlsx does not convert it.",
        "Isi formulir dari sekretariat di Excel lalu simpan sebagai Excel Workbook (.xlsx); "
        "mengganti nama berkas lain menjadi .xlsx tidak mengubah formatnya.",
    ),
    Rule(
        "legacy-xls",
        E,
        _P,
        "Berkas ini berformat lama Excel 97-2003 (.xls).",
        "The file is in the old Excel 97-2003 format (.xls).",
        "Open it in Excel and Save As → Excel Workbook (*.xlsx).",
        "Buka di Excel, lalu Simpan Sebagai (Save As) → Excel Workbook (*.xlsx).",
    ),
    Rule(
        "encrypted",
        E,
        _P,
        "Buku kerja dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca.",
        "The workbook is password-protected (encrypted) and cannot be read.",
        "Open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the "
        "password, save and send it again.",
        "Buka di Excel, File → Info → Protect Workbook → Encrypt with Password, hapus kata "
        "sandinya, simpan, lalu kirim ulang.",
    ),
    Rule(
        "zip-bomb",
        E,
        _P,
        "Isi berkas terlalu besar untuk sebuah formulir ({reason}); "
        "demi keamanan berkas tidak dibuka.",
        "The file's content is too large for a form ({reason}); it is not opened, for safety.",
        "Ask for the original form. If the file is genuine, raise the limit "
        "(read.Limits) and check again.",
        "Kirim formulir asli dari sekretariat, bukan berkas lain.",
    ),
    Rule(
        "xml-entities",
        E,
        _P,
        "Berkas memuat deklarasi XML DOCTYPE/ENTITY (bagian {part}); demi keamanan berkas ditolak.",
        "The file contains an XML DOCTYPE/ENTITY declaration (part {part}); refused for safety.",
        "Excel never writes these: save the workbook again from Excel, or ask for the original.",
        "Simpan ulang buku kerja dari Excel, atau kirim formulir asli.",
    ),
    Rule(
        "sheet-too-large",
        E,
        _P,
        "Bagian {part} memuat isian sampai sel {cell} ({cells} sel; batas {limit}); berkas tidak "
        "dibuka.",
        "Part {part} holds values up to cell {cell} ({cells} cells; the limit is {limit}); the "
        "file is not opened.",
        "Delete the stray values far below or right of the table (Ctrl+End shows the last cell), "
        "save and send again.",
        "Hapus isian nyasar jauh di bawah atau di kanan tabel (Ctrl+End menunjukkan sel terakhir), "
        "simpan, lalu kirim ulang.",
    ),
    Rule(
        "unreadable",
        E,
        _P,
        "Berkas rusak atau tidak dapat dibaca sebagai .xlsx ({reason}).",
        "The file is damaged or cannot be read as .xlsx ({reason}).",
        "Open it in Excel (it may offer to repair it), save it as .xlsx and send it again.",
        "Buka di Excel (Excel dapat menawarkan perbaikan), simpan sebagai .xlsx, lalu kirim ulang.",
    ),
    Rule(
        "reader-crashed",
        E,
        _P,
        "Membaca berkas ini menghentikan proses pembaca ({how}); berkas dilewati, berkas lain "
        "tetap dibaca.",
        "Reading this file stopped the reading process ({how}); the file is skipped, the other "
        "files are read.",
        "Open it in Excel, check for values far below or right of the table (Ctrl+End), save it "
        "as .xlsx and send it again.",
        "Buka di Excel, periksa isian jauh di bawah atau di kanan tabel (Ctrl+End), simpan "
        "sebagai .xlsx, lalu kirim ulang.",
    ),
    Rule(
        "reader-memory",
        E,
        _P,
        "Membaca berkas ini memerlukan lebih dari {limit_mb} MB memori; berkas tidak dibaca.",
        "Reading this file needs more than {limit_mb} MB of memory; the file is not read.",
        "Open it in Excel, delete what does not belong to the form (large images, stray values "
        "far below the table), save it as .xlsx and send it again.",
        "Buka di Excel, hapus yang bukan bagian formulir (gambar besar, isian nyasar jauh di "
        "bawah tabel), simpan sebagai .xlsx, lalu kirim ulang.",
    ),
    Rule(
        "reader-out-of-memory",
        E,
        _P,
        "Komputer kehabisan memori saat membaca berkas ini; berkas tidak dibaca.",
        "The computer ran out of memory reading this file; the file is not read.",
        "Close other programs and run again; if it happens again, open the file in Excel, "
        "delete what does not belong to the form (large images, stray values far below the "
        "table), save it as .xlsx and send it again.",
        "Tutup program lain lalu jalankan lagi; bila terulang, buka berkas di Excel, hapus yang "
        "bukan bagian formulir (gambar besar, isian nyasar jauh di bawah tabel), simpan sebagai "
        ".xlsx, lalu kirim ulang.",
    ),
    Rule(
        "not-our-form",
        E,
        _P,
        "Buku kerja ini bukan formulir rkt_excel (tidak ada lembar metadata maupun kolom ID).",
        "This workbook is not an rkt_excel form (no metadata sheet and no ID column).",
        "Fill the form generated for the unit; do not copy the rows into another workbook.",
        "Isi formulir yang dibagikan untuk unit Anda; jangan menyalin baris ke buku kerja lain.",
    ),
    Rule(
        "template-mismatch",
        E,
        _P,
        "Formulir ini dibuat dari rencana lain ({found}), bukan dari rencana {expected}. Bila "
        "formulir ini memang untuk rencana {found}, periksa dengan rencana itu: tambahkan "
        "--template <berkas rencana {found}>, atau jalankan perintah di folder kerja rencana "
        "itu.",
        "This form was made from another plan ({found}), not from plan {expected}. If the form "
        "is meant for plan {found}, check it against that plan: add --template <the plan file "
        "of {found}>, or run the command in that plan's workspace.",
        "Check that the right plan was given (--template, or the workspace of the form's "
        "plan); otherwise send the unit the form of this plan.",
        "Gunakan formulir dari rencana yang sedang berjalan; minta formulir baru ke sekretariat.",
    ),
    Rule(
        "template-version-mismatch",
        E,
        _P,
        "Formulir ini dibuat dari versi {found} rencana {plan_id}, sedangkan versi yang diperiksa "
        "{expected}.",
        "This form was made from version {found} of plan {plan_id}; the plan checked is version "
        "{expected}.",
        "Validate against the version the form was made from, or send the unit a new form.",
        "Minta formulir versi terbaru ke sekretariat dan salin isian ke formulir itu.",
    ),
    Rule(
        "unsupported-format",
        E,
        _P,
        "Format formulir {found} tidak dikenal oleh versi rkt_excel "
        "ini (yang dikenal: {expected}).",
        "Form format {found} is not known to this rkt_excel (it reads {expected}).",
        "Upgrade rkt_excel to the version that generated the form.",
        "Perbarui rkt_excel di komputer sekretariat.",
    ),
    # --- reading: structure and cell values -----------------------------------------------------
    Rule(
        "macros-ignored",
        W,
        _R,
        "Berkas berisi makro (.xlsm); makro diabaikan dan tidak "
        "dijalankan, hanya nilai yang dibaca.",
        "The file contains macros (.xlsm); they are ignored and never run, only values are read.",
        "Save the form as Excel Workbook (.xlsx) next time.",
        "Lain kali simpan formulir sebagai Excel Workbook (.xlsx).",
    ),
    Rule(
        "missing-meta",
        W,
        _R,
        "Lembar metadata formulir tidak ditemukan; baris dikenali dari kolom ID saja.",
        "The form's metadata sheet is missing; rows are found by the ID column only.",
        "Fill the form as generated; do not copy its sheets into a new workbook.",
        "Isi formulir apa adanya; jangan memindahkan lembar ke buku kerja baru.",
    ),
    Rule(
        "missing-column",
        E,
        _R,
        "Kolom {header} tidak ditemukan pada baris judul; isiannya tidak dapat dibaca.",
        "Column {header} is missing from the header row; its values cannot be read.",
        "Restore the column header as generated (do not rename or delete columns).",
        "Kembalikan judul kolom seperti semula (jangan mengganti nama atau menghapus kolom).",
    ),
    Rule(
        "missing-sheet",
        E,
        _R,
        "Formulir unit ini tidak memuat satu pun lembar komponen (tabel dengan kolom ID).",
        "This unit's form holds no component sheet (no table with an ID column).",
        "The sheets were deleted or renamed beyond recognition: fill the form as generated.",
        "Lembar komponen terhapus: isi formulir yang dibagikan apa adanya.",
    ),
    Rule(
        "missing-row",
        E,
        _R,
        "Baris indikator {row_id} tidak ditemukan di formulir.",
        "Indicator row {row_id} is not in the form.",
        "The row was deleted or its ID changed: copy the row back from the original form.",
        "Baris terhapus atau ID-nya berubah: salin kembali baris itu dari formulir asli.",
    ),
    Rule(
        "unknown-row",
        W,
        _R,
        "ID {row_id} tidak dikenal dalam rencana; baris ini diabaikan.",
        "ID {row_id} is not in the plan; the row is ignored.",
        "Do not edit the ID column; type values only in the rows of the plan.",
        "Jangan mengubah kolom ID; isi nilai hanya pada baris indikator yang ada.",
    ),
    Rule(
        "duplicate-row",
        E,
        _R,
        "ID {row_id} muncul lebih dari sekali; hanya baris pertama yang dibaca.",
        "ID {row_id} appears more than once; only the first row is read.",
        "Keep one row per indicator; merge the values into it and delete the copy.",
        "Satu baris per indikator: gabungkan isian ke satu baris dan hapus salinannya.",
    ),
    Rule(
        "data-without-id",
        W,
        _R,
        "Baris tanpa ID berisi isian; isian ini diabaikan.",
        "A row without an ID holds values; they are ignored.",
        "Type the values in the row of the indicator they belong to; do not insert rows.",
        "Pindahkan isian ke baris indikator yang sesuai; jangan menyisipkan baris.",
    ),
    Rule(
        "formula-in-input",
        E,
        _R,
        "Sel isian berisi rumus ({formula}); isikan nilai, bukan rumus.",
        "An input cell holds a formula ({formula}); type a value, not a formula.",
        "Replace the formula by its value (Copy, then Paste Special → Values).",
        "Ganti rumus dengan nilainya (Salin, lalu Tempel Spesial → Nilai).",
    ),
    Rule(
        "invalid-option",
        E,
        _R,
        "Nilai “{value}” tidak ada dalam daftar pilihan: {options}.",
        "Value “{value}” is not in the list: {options}.",
        "Choose a value from the cell's dropdown list.",
        "Pilih nilai dari daftar pilihan (dropdown) pada sel.",
    ),
    Rule(
        "not-a-number",
        E,
        _R,
        "“{value}” bukan angka.",
        "“{value}” is not a number.",
        "Type a number only, e.g. 80 or 80,5 (no words or units).",
        "Isikan angka saja, misalnya 80 atau 80,5 (tanpa kata atau satuan).",
    ),
    Rule(
        "not-a-whole-number",
        E,
        _R,
        "“{value}” bukan bilangan bulat.",
        "“{value}” is not a whole number.",
        "Type a whole number (a count), e.g. 12.",
        "Isikan bilangan bulat (jumlah), misalnya 12.",
    ),
    Rule(
        "out-of-range",
        E,
        _R,
        "Nilai {value} di luar rentang {low} sampai {high}.",
        "Value {value} is outside the range {low} to {high}.",
        "Type a value within the range (Capaian is a percentage from 0 to 100).",
        "Isikan nilai dalam rentang (Capaian adalah persen dari 0 sampai 100).",
    ),
    Rule(
        "invalid-date",
        E,
        _R,
        "“{value}” bukan tanggal yang dikenali.",
        "“{value}” is not a date rkt_excel understands.",
        "Type a date as 17/08/2019 or 17 Agustus 2019 (day first).",
        "Isikan tanggal seperti 17/08/2019 atau 17 Agustus 2019 (hari lebih dulu).",
    ),
    Rule(
        "year-as-date",
        E,
        _R,
        "Sel tanggal berisi angka {year} saja (tampil sebagai {value}), bukan tanggal.",
        "The date cell holds the number {year} alone (shown as {value}), not a date.",
        "Type the whole date, day first, such as 17/08/2019 or 17 Agustus 2019.",
        "Isikan tanggal lengkap, hari lebih dulu, seperti 17/08/2019 atau 17 Agustus 2019.",
    ),
    Rule(
        "text-too-long",
        W,
        _R,
        "Teks di sel ini {length} karakter; satu sel Excel memuat paling banyak {limit}, "
        "jadi rekap memotongnya (teks lengkap tetap tersimpan di data rekap).",
        "The text in this cell is {length} characters; an Excel cell holds at most {limit}, "
        "so the recap cuts it (the whole text stays in the recap's data).",
        "Shorten the text, or put the long part in a document and link it in BUKTI DUKUNG.",
        "Persingkat teks, atau taruh bagian panjangnya di dokumen dan tautkan di BUKTI DUKUNG.",
    ),
    Rule(
        "nip-as-number",
        E,
        _R,
        "NIP tersimpan sebagai angka ({value}); Excel sudah "
        "membulatkannya sehingga digitnya hilang.",
        "The NIP is stored as a number ({value}); Excel has rounded it and its digits are lost.",
        "Format the cell as Text (or type an apostrophe first) and type the 18 digits again.",
        "Ubah format sel menjadi Teks (atau awali dengan tanda petik "
        "') lalu ketik ulang 18 digit NIP.",
    ),
    Rule(
        "invalid-nip",
        E,
        _R,
        "NIP “{value}” bukan {length} digit angka.",
        "NIP “{value}” is not {length} digits.",
        "Type the 18-digit NIP (spaces are allowed).",
        "Isikan NIP 18 digit (boleh dengan spasi).",
    ),
    Rule(
        "suspicious-nip",
        W,
        _R,
        "NIP {value} tidak sesuai susunan NIP (tanggal lahir, bulan pengangkatan, jenis kelamin).",
        "NIP {value} does not follow the NIP pattern (birth date, appointment month, sex digit).",
        "Check the NIP against the SK or the employee card.",
        "Periksa kembali NIP dengan SK atau kartu pegawai.",
    ),
    # --- validation: rules over values, the plan, the as-of date and the units ------------------
    Rule(
        "date-outside-year",
        W,
        _V,
        "Tanggal {value} di luar tahun rencana {year}.",
        "Date {value} is outside the plan year {year}.",
        "Check the year of the date (the plan covers one year).",
        "Periksa tahun pada tanggal (rencana berlaku satu tahun).",
    ),
    Rule(
        "date-in-future",
        E,
        _V,
        "Tanggal {value} sesudah tanggal pemeriksaan {as_of}.",
        "Date {value} is after the as-of date {as_of}.",
        "Type the date the work was actually done; a future date is not a realisation.",
        "Isikan tanggal pelaksanaan yang sebenarnya; tanggal yang akan datang bukan realisasi.",
    ),
    Rule(
        "selesai-without-evidence",
        E,
        _V,
        "Status Selesai tetapi Bukti Dukung kosong.",
        "Status is Selesai but Bukti Dukung is empty.",
        "Give the evidence (a file name or link), or choose another status.",
        "Isikan bukti dukung (nama berkas atau tautan), atau ubah status.",
    ),
    Rule(
        "tidak-relevan-without-reason",
        W,
        _V,
        "Status Tidak Relevan tetapi KETERANGAN kosong: alasannya tidak dijelaskan.",
        "Status is Tidak Relevan but KETERANGAN is empty: no reason is given.",
        "Write in KETERANGAN why the indicator does not apply to the unit, or choose another "
        "status.",
        "Tuliskan di KETERANGAN mengapa indikator ini tidak berlaku bagi unit Anda, atau ubah "
        "status.",
    ),
    Rule(
        "selesai-below-100",
        W,
        _V,
        "Status Selesai tetapi Capaian {value}% (kurang dari 100).",
        "Status is Selesai but Capaian is {value}% (below 100).",
        "Set Capaian to 100, or choose Dalam Proses.",
        "Isikan Capaian 100, atau ubah status menjadi Dalam Proses.",
    ),
    Rule(
        "belum-above-0",
        W,
        _V,
        "Status Belum tetapi Capaian {value}% (lebih dari 0).",
        "Status is Belum but Capaian is {value}% (above 0).",
        "Choose Dalam Proses, or clear Capaian.",
        "Ubah status menjadi Dalam Proses, atau kosongkan Capaian.",
    ),
    Rule(
        "missing-answer",
        W,
        _V,
        "Status Selesai tetapi Jawaban LKE kosong.",
        "Status is Selesai but Jawaban LKE is empty.",
        "Choose the LKE answer the evidence supports.",
        "Pilih jawaban LKE sesuai bukti dukung.",
    ),
    Rule(
        "answer-without-question",
        W,
        _V,
        "Jawaban LKE diisi untuk baris tanpa pertanyaan LKE; jawaban diabaikan.",
        "Jawaban LKE is filled for a row with no LKE question; the answer is ignored.",
        "Clear the cell: the row is not scored in the LKE.",
        "Kosongkan sel ini: baris ini tidak dinilai dalam LKE.",
    ),
    Rule(
        "plan-cell-changed",
        W,
        _V,
        "Teks {label} berbeda dari rencana; yang dipakai teks rencana: “{expected}”.",
        "The {label} text differs from the plan; the plan's text is used: “{expected}”.",
        "Do not edit the plan's columns; write remarks in KETERANGAN / KENDALA.",
        "Jangan mengubah kolom rencana; tulis catatan di KETERANGAN / KENDALA.",
    ),
    Rule(
        "missing-identity",
        E,
        _V,
        "{label} belum diisi.",
        "{label} is empty.",
        "Fill the Identitas sheet (name, NIP and date of filling).",
        "Lengkapi lembar Identitas (nama, NIP dan tanggal pengisian).",
    ),
    # evidence (rkt_excel/evidence.py has the rule: which text is a link or a file name)
    Rule(
        "answer-without-evidence",
        W,
        _V,
        "Jawaban LKE {answer} (di atas jawaban terendah {lowest}) tanpa bukti dukung yang "
        "dapat dibuka.",
        "LKE answer {answer} (above the lowest answer {lowest}) has no evidence that can be "
        "opened.",
        "Give the evidence (a full https:// link, or the name of a file sent with the form); "
        "without it the evaluators give the lowest answer.",
        "Isikan bukti dukung (tautan lengkap https://, atau nama berkas yang dikirim bersama "
        "formulir); tanpa bukti, Tim Penilai memberi jawaban terendah.",
    ),
    Rule(
        "evidence-unreachable",
        W,
        _V,
        "Bukti dukung “{value}” berupa {kind}; Tim Penilai tidak dapat membukanya.",
        "Evidence “{value}” is {kind}; the evaluators cannot open it.",
        "Upload the document to the shared drive and paste its full https:// link (shared with "
        "anyone who has the link), or write the name of a file sent with the form.",
        "Unggah dokumen ke penyimpanan bersama lalu tempel tautan lengkapnya (https://..., "
        "akses: siapa saja yang memiliki link), atau tulis nama berkas yang dikirim bersama "
        "formulir.",
    ),
    Rule(
        "empty-link",
        E,
        _V,
        "Status Selesai tetapi tautan bukti dukung kosong (tanpa alamat).",
        "Status is Selesai but the evidence link is empty (it has no address).",
        "Paste the document's full link (https://...) into the cell, or write the file name.",
        "Tempel tautan lengkap dokumen (https://...) ke sel ini, atau tulis nama berkasnya.",
    ),
    Rule(
        "unknown-unit",
        E,
        _V,
        "Kode unit {unit_code} tidak ada dalam daftar unit.",
        "Unit code {unit_code} is not in the units list.",
        "Check the units file, or send the unit the form generated for it.",
        "Gunakan formulir yang dibagikan untuk unit Anda.",
    ),
    Rule(
        "missing-status",
        E,
        _V,
        "STATUS kosong, padahal kolom lain di baris ini sudah diisi.",
        "STATUS is blank although other cells of this row are filled.",
        "Choose the row's STATUS from the list (Belum, Dalam Proses, Selesai, Tidak Relevan).",
        "Pilih STATUS baris ini dari daftar (Belum, Dalam Proses, Selesai, Tidak Relevan).",
    ),
    Rule(
        "no-unit",
        E,
        _V,
        "Ini buku kerja RKT standar, bukan formulir sebuah unit: isiannya tidak dapat "
        "dihitung untuk unit mana pun.",
        "This is the standard RKT workbook, not a unit's form: what it holds counts for no unit.",
        "Fill the form distributed for the unit (rkt-excel distribute), not the standard workbook.",
        "Isi formulir yang dibagikan untuk unit Anda, bukan buku kerja RKT standar.",
    ),
    Rule(
        "unit-mismatch",
        E,
        _V,
        "Unit formulir tidak sama: {a_where} menyebut {a}, sedangkan {b_where} menyebut {b}. "
        "Formulir ini tidak dihitung untuk unit mana pun.",
        "The form's unit disagrees: {a_where} says {a}, while {b_where} says {b}. The form "
        "counts for no unit.",
        "Ask the unit to fill the form generated for it; a form edited to pose as another "
        "unit's is never used in its place.",
        "Isi formulir yang dibagikan untuk unit Anda sendiri; jangan menyunting identitas "
        "formulir.",
    ),
    # --- consolidation: checks across the forms of an office --------------------------------
    Rule(
        "evidence-reused",
        W,
        _C,
        "Tautan {link} juga dipakai sebagai bukti pertanyaan LKE lain yang tidak terkait: "
        "{questions}.",
        "Link {link} is also given as evidence for unrelated LKE questions: {questions}.",
        "Link the document that is this question's evidence; one folder for every question does "
        "not show the evaluators what belongs where.",
        "Tautkan dokumen yang menjadi bukti pertanyaan ini; satu folder untuk semua pertanyaan "
        "tidak menunjukkan bukti yang dimaksud.",
    ),
    # --- review: a recap returned by the evaluators; hasil inputs ------------------------------
    Rule(
        "review-invalid-answer",
        W,
        _REV,
        "Isian {who} “{value}” untuk {question} tidak valid ({expected}); isian diabaikan.",
        "{who} entry “{value}” for {question} is not valid ({expected}); it is ignored.",
        "Choose from the cell's list, or type a number within the range.",
        "Pilih dari daftar pada sel, atau isikan angka dalam rentang.",
    ),
    Rule(
        "review-note",
        W,
        _REV,
        "Reviu TPI pertanyaan LKE {question}: jawaban TPI {tpi_answer}, jawaban unit {answer}. "
        "Catatan TPI: {note}",
        "TPI review of LKE question {question}: TPI answer {tpi_answer}, the unit's answer "
        "{answer}. TPI note: {note}",
        "Act on the note (correct the answer or the evidence) and write your response in "
        "KETERANGAN / KENDALA.",
        "Tindak lanjuti catatan (perbaiki jawaban atau bukti dukung) dan tulis tanggapan di "
        "KETERANGAN / KENDALA.",
    ),
    Rule(
        "survey-scale",
        W,
        _REV,
        "Nilai {question} {value} di luar skala survei ZI 0–4; tampaknya {likely}.",
        "{question} value {value} is outside the ZI survey scale 0–4; it looks like {likely}.",
        "Type the ZI survey index (0–4) from the survey report; another index is not the same "
        "number on another scale.",
        "Isikan indeks survei ZI (0–4) dari laporan survei; indeks lain bukan angka yang sama "
        "pada skala lain.",
    ),
    Rule(
        "survey-sample-small",
        W,
        _REV,
        "Responden survei {respondents}, kurang dari minimal {minimum} responden per unit kerja.",
        "{respondents} survey respondents, fewer than the minimum of {minimum} per unit.",
        "Survey at least 30 service users who have completed a service (PermenPANRB 90/2021, "
        "Bab IV).",
        "Survei minimal 30 penerima layanan yang telah selesai dilayani (PermenPANRB 90/2021, "
        "Bab IV).",
    ),
    Rule(
        "survey-services-uncovered",
        W,
        _REV,
        "Responden ({respondents}) lebih sedikit daripada jenis layanan yang disurvei "
        "({services}); ada layanan tanpa responden.",
        "Fewer respondents ({respondents}) than services covered ({services}); some services "
        "have no respondent.",
        "Survey the users of every service, so that the result covers each service type.",
        "Sertakan responden dari setiap jenis layanan agar hasil survei menggambarkan semua "
        "layanan.",
    ),
)

CATALOGUE: dict[str, Rule] = {r.code: r for r in RULES}
if len(CATALOGUE) != len(RULES):  # pragma: no cover - a typo caught at import, not at run time
    raise ValueError("duplicate issue code in the catalogue")
PREFLIGHT_CODES: frozenset[str] = frozenset(r.code for r in RULES if r.group == _P)
# An entry of an input folder not read (discover.py), with its note.
DISCOVERY_CODES: frozenset[str] = frozenset(r.code for r in RULES if r.group == _D)
# A file not read whose note is no error: listed as "skipped", neither accepted nor rejected.
SKIP_CODES: frozenset[str] = frozenset(r.code for r in RULES if r.group == _D and r.severity == W)


# --- importing the office's own RKT (rkt-excel template import; planimport/) ----------------
# code -> (severity, Indonesian, English); {params} are filled from ImportProblem.params.
IMPORT_CODES: dict[str, tuple[str, str, str]] = {
    "no-rkt-table": (
        "error",
        "Tidak ada tabel RKT: tidak ditemukan baris judul dengan kolom INDIKATOR.",
        "No RKT table: no header row with an INDIKATOR column was found.",
    ),
    "column-not-imported": (
        "warning",
        "Kolom {header} tidak dikenal; isinya tidak diimpor: {text!r}",
        "Unknown column {header}; its content was not imported: {text!r}",
    ),
    "row-continued": (
        "warning",
        "Baris lanjutan (halaman berikutnya) digabung ke baris {row_id}: {text!r}",
        "Continuation row (next page) joined to row {row_id}: {text!r}",
    ),
    "row-split": (
        "warning",
        "Satu baris memuat {count} indikator; dipisah menjadi {ids}. Periksa pasangan aksi, "
        "bukti dan target.",
        "One row holds {count} indicators; split into {ids}. Check how actions, evidence and "
        "targets were paired.",
    ),
    "row-split-unpaired": (
        "warning",
        "{items} butir {header} untuk {count} indikator tidak dapat dipasangkan; semuanya "
        "diberikan ke {row_id}.",
        "{items} {header} items for {count} indicators cannot be paired; all went to {row_id}.",
    ),
    "row-outside-component": (
        "error",
        "Baris indikator sebelum baris komponen (mis. 'I MANAJEMEN PERUBAHAN'); diimpor ke "
        "komponen {component}: {text!r}",
        "Indicator row before any component row (e.g. 'I MANAJEMEN PERUBAHAN'); imported into "
        "component {component}: {text!r}",
    ),
    "component-empty": (
        "warning",
        "Komponen {component} tanpa baris indikator; tidak diimpor.",
        "Component {component} has no indicator row; not imported.",
    ),
    "subarea-number-missing": (
        "warning",
        "KOMPONEN {name!r} tanpa NO; diberi nomor {no}.",
        "KOMPONEN {name!r} has no NO; numbered {no}.",
    ),
    "component-name-corrected": (
        "info",
        "Judul komponen tercetak {title!r}; nama area yang dipakai: {name!r}.",
        "Component heading printed {title!r}; area name used: {name!r}.",
    ),
    "component-unknown": (
        "warning",
        "Komponen {title!r} bukan salah satu dari enam area perubahan; nama dibiarkan.",
        "Component {title!r} is not one of the six areas of change; name kept.",
    ),
    "target-unreadable": (
        "warning",
        "TARGET WAKTU {text!r} baris {row_id} tidak terbaca ({error}); disimpan apa adanya.",
        "TARGET WAKTU {text!r} of row {row_id} cannot be read ({error}); kept as written.",
    ),
    "lke-not-found": (
        "warning",
        "Baris {row_id}: tidak ada pertanyaan LKE yang mirip; isi lke atau lke_note.",
        "Row {row_id}: no similar LKE question; fill in lke or lke_note.",
    ),
    "no-year": (
        "warning",
        "Tahun rencana tidak ditemukan di sampul; dipakai {year}.",
        "The plan year is not on the cover; {year} is used.",
    ),
    "paragraph-not-imported": (
        "warning",
        "Paragraf di luar bab tidak diimpor: {text!r}",
        "A paragraph outside the chapters was not imported: {text!r}",
    ),
}
