"""The prose of the workbooks, in Bahasa Indonesia: the Petunjuk sheet, the help of every column
and the prompts and alerts of the input cells.

Owns every sentence a unit reads in a form outside the plan's own text. Examples are made
from the plan and unit at hand (their year, their names), never from the embedded office.
Pure functions returning text; no spreadsheet library, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rkt_excel import layout

CRITERIA_SHEET = "Kriteria LKE"  # the criteria of every LKE question of the workbook
CRITERIA_SEE = f"Kriteria: sheet {CRITERIA_SHEET} (dan komentar sel ini)."
CHAPTERS_SHEET = "Dokumen RKT"  # the plan's chapters (BAB I to IV) in the standard workbook
CHAPTERS_TABLE_NOTE = (
    "Tabel rencana aksi bab ini ada di sheet komponen (I sampai VI) buku kerja ini."
)
PRIORITY_HEADER = "TARGET PRIORITAS"  # the priority targets' table (Sampul, Dokumen RKT)
CRITERIA_SHEET_TITLE = "KRITERIA JAWABAN LKE"
CRITERIA_SHEET_HINT = (
    "Pertanyaan LKE yang dijawab di lembar ini dan kriteria setiap pilihan jawabannya, urut "
    "seperti baris RKT. Pilih JAWABAN LKE di sheet komponen menurut kriteria ini."
)
NO_ANSWER = "—"  # KRITERIA of a row with no LKE question; its JAWABAN stays locked

# What each column means (Petunjuk sheet) and the prompt shown when an input cell is selected.
COLUMN_HELP: dict[str, str] = {
    "id": "Kode baris rencana. Jangan diubah: dipakai untuk menggabungkan hasil semua unit.",
    "no": "Nomor urut komponen (sub-area) dalam area perubahan.",
    "komponen": "Komponen (sub-area) dalam area perubahan, misalnya Tim Kerja atau E-Office.",
    "indikator": "Indikator yang harus terpenuhi menurut RKT.",
    "langkah_aksi": "Langkah aksi yang direncanakan untuk memenuhi indikator.",
    "bukti_fisik": "Bukti fisik (dokumen) yang diharapkan oleh RKT.",
    "target_waktu": "Bulan target pelaksanaan menurut RKT.",
    "status": "Pilih status pelaksanaan dari daftar.",
    "realisasi": "Tanggal kegiatan selesai dilaksanakan.",
    "capaian": "Persentase capaian, angka 0 sampai 100 (tanpa tanda %).",
    "jawaban": "Jawaban atas pertanyaan LKE terkait, dipilih dari daftar.",
    "kriteria": (
        f"Pertanyaan LKE terkait dan pilihan jawabannya; kriteria setiap pilihan ada di sheet "
        f"{CRITERIA_SHEET} dan di komentar sel ini."
    ),
    "bukti_dukung": "Nama berkas atau tautan (https://...) bukti yang sudah ada; satu per baris.",
    "keterangan": "Keterangan tambahan atau kendala yang dihadapi.",
}
STATUS_HELP: dict[str, str] = {
    "Belum": "kegiatan belum dimulai.",
    "Dalam Proses": "kegiatan sedang berjalan; isi CAPAIAN (%) sesuai kemajuan.",
    "Selesai": "kegiatan sudah selesai; isi REALISASI, CAPAIAN 100 dan BUKTI DUKUNG.",
    "Tidak Relevan": "indikator tidak berlaku bagi unit Anda; jelaskan alasannya di KETERANGAN.",
}
# Answer scales: (label on Petunjuk, what it means).
ANSWER_HELP: dict[str, tuple[str, str]] = {
    "yn": ("Ya / Tidak", "Ya bila kondisi pada pertanyaan sudah terpenuhi, Tidak bila belum."),
    "abc": ("A / B / C", f"A adalah kondisi terbaik (lihat sheet {CRITERIA_SHEET})."),
    "abcd": ("A / B / C / D", "A adalah kondisi terbaik."),
    "abcde": ("A / B / C / D / E", "A adalah kondisi terbaik."),
    "number": ("Angka (jumlah)", "angka bulat 0 atau lebih (jumlah), misalnya jumlah pegawai."),
    "score": ("Nilai survei", "nilai survei 0 sampai 4, boleh desimal (misalnya 3,45)."),
}


def example_date(year: int) -> str:
    """A date as units are asked to type it, in the plan's year: 17/08/<year>."""
    return f"17/08/{year}"


def column_help_realisasi(year: int) -> str:
    """The help of REALISASI, with an example date in the plan's year."""
    return f"Tanggal kegiatan selesai dilaksanakan, misalnya {example_date(year)}."


@dataclass(frozen=True)
class Section:
    """One numbered section of the Petunjuk sheet: a title and (label, text) lines."""

    title: str
    lines: tuple[tuple[str, str], ...]


GUIDE_TITLE = "PETUNJUK PENGISIAN LEMBAR PERIKSA RKT ZONA INTEGRITAS"


def guide_sections(year: int) -> tuple[Section, ...]:
    """The sections of the Petunjuk sheet for a plan of ``year``. Section 3 (the statuses) has
    its labels coloured by the writer; its lines are the STATUS_HELP texts."""
    steps = (
        "Isi hanya sel berwarna kuning. Sel lain terkunci dan berisi rencana (RKT) yang tidak "
        "boleh diubah.",
        "Jika unit Anda mendapat lembar periksa sendiri, isi dahulu sheet Identitas (nama, "
        "NIP 18 digit, jabatan, tanggal pengisian).",
        "Buka setiap sheet komponen (I sampai VI). Untuk setiap baris, pilih STATUS dari "
        "daftar (klik sel, lalu panah ▼ di sebelah kanan sel).",
        "Isi REALISASI dengan tanggal kegiatan selesai, CAPAIAN (%) dengan angka 0-100, dan "
        "JAWABAN LKE dengan pilihan yang paling sesuai menurut kriteria di sheet "
        f"{CRITERIA_SHEET}.",
        "Tulis BUKTI DUKUNG dan, bila ada, KETERANGAN / KENDALA.",
        "Jangan menambah, menghapus, memindah atau mengganti nama baris, kolom dan sheet. "
        "Jangan menyalin-tempel dari berkas lain: daftar pilihan dapat ikut terhapus. Ketik "
        "atau pilih nilainya.",
        "Simpan dalam format Excel (.xlsx) dengan nama berkas yang sama, lalu kirim kembali "
        "ke Tim Sekretariat Reformasi Birokrasi.",
    )
    column_help = {**COLUMN_HELP, "realisasi": column_help_realisasi(year)}
    columns = tuple(
        (
            col.header,
            f"{column_help.get(col.key, '')} "
            f"({'diisi unit kerja' if col.input else 'dari RKT, terkunci'})",
        )
        for col in layout.COLUMNS
    )
    scales = (
        (
            "Umum",
            "Setiap baris yang terkait dengan pertanyaan LKE menampilkan pertanyaan dan pilihan "
            f"jawabannya di kolom KRITERIA JAWABAN LKE; kriteria lengkap setiap pilihan ada di "
            f"sheet {CRITERIA_SHEET}. Baris bertanda {NO_ANSWER} tidak terkait "
            "pertanyaan LKE; sel JAWABAN LKE-nya abu-abu dan tidak perlu diisi.",
        ),
        *ANSWER_HELP.values(),
    )
    evidence = (
        (
            "Tautan",
            "Unggah dokumen ke penyimpanan bersama (misalnya Google Drive) dan tempel "
            "tautannya lengkap, diawali https://. Pastikan tautan dapat dibuka oleh Tim "
            "Penilai (akses: siapa saja yang memiliki link).",
        ),
        (
            "Nama berkas",
            "Jika dokumen dikirim bersama lembar periksa, tulis nama berkasnya "
            f"persis, misalnya SK_Tim_ZI_{year}.pdf.",
        ),
        (
            "Beberapa bukti",
            "Tulis satu bukti per baris dalam sel yang sama (tekan Alt+Enter "
            "di Excel atau Ctrl+Enter di LibreOffice untuk baris baru).",
        ),
    )
    checks = (
        "Berkas adalah lembar periksa dari RKT yang sama (identitas berkas tidak berubah) dan "
        "tidak berisi makro.",
        "Kolom rencana (ID, INDIKATOR, TARGET WAKTU) tidak diubah; baris dan sheet lengkap.",
        "Identitas: nama pengisi, NIP 18 digit, jabatan dan tanggal pengisian terisi.",
        "Setiap baris memiliki STATUS dari daftar.",
        "Status Selesai: REALISASI (tanggal dalam tahun RKT), CAPAIAN 100 dan BUKTI DUKUNG terisi.",
        "Status Dalam Proses: CAPAIAN di antara 0 dan 100.",
        "Status Tidak Relevan: KETERANGAN menjelaskan alasannya.",
        "JAWABAN LKE sesuai skala pertanyaannya; BUKTI DUKUNG berupa nama berkas atau tautan "
        "yang valid.",
        "Kegiatan yang melewati TARGET WAKTU tetapi belum selesai dicatat sebagai keterlambatan.",
    )
    return (
        Section("1. Cara mengisi", tuple((f"Langkah {i}", t) for i, t in enumerate(steps, 1))),
        Section("2. Arti setiap kolom", columns),
        Section("3. Nilai STATUS", tuple((s, STATUS_HELP[s]) for s in layout.STATUS_VALUES)),
        Section("4. Skala jawaban LKE", scales),
        Section("5. Cara menuliskan BUKTI DUKUNG", evidence),
        Section(
            "6. Yang diperiksa saat lembar periksa dikembalikan",
            tuple((f"Pemeriksaan {i}", t) for i, t in enumerate(checks, 1)),
        ),
    )


# --- the Identitas sheet ----------------------------------------------------------------------

IDENTITY_TITLE = "IDENTITAS UNIT KERJA DAN PENGISI"


def identity_hints(year: int, unit_name: str) -> dict[str, str]:
    """The hint beside each Identitas field, with examples from the unit at hand."""
    return {
        "unit_code": "Diisi oleh Tim Sekretariat; tidak dapat diubah.",
        "unit_name": "Diisi oleh Tim Sekretariat; tidak dapat diubah.",
        "nama_pengisi": "Nama lengkap pengisi; gelar boleh ditulis atau tidak.",
        "nip": "18 digit tanpa spasi, misalnya 198501012010011001.",
        "jabatan": f"Jabatan pengisi, misalnya Kepala {unit_name}.",
        "tanggal_pengisian": f"Tanggal lembar periksa diisi, misalnya {example_date(year)}.",
    }


# --- prompts and alerts of the input cells (xlsxwriter data validation messages) ---------------


def validation_texts(key: str, year: int) -> dict[str, str]:
    """The input prompt and error alert of an input column (title and message of each)."""
    statuses = ", ".join(layout.STATUS_VALUES)
    texts: dict[str, dict[str, str]] = {
        "status": {
            "input_title": "STATUS",
            "input_message": f"Pilih dari daftar: {statuses}.",
            "error_title": "Status tidak dikenal",
            "error_message": f"Pilih salah satu status dari daftar: {statuses}.",
        },
        "realisasi": {
            "input_title": "REALISASI",
            "input_message": f"Tanggal kegiatan selesai dalam tahun {year}, misalnya "
            f"{example_date(year)}.",
            "error_title": "Tanggal tidak valid",
            "error_message": f"Ketik tanggal antara 1 Januari {year} dan 31 Desember {year}.",
        },
        "capaian": {
            "input_title": "CAPAIAN (%)",
            "input_message": "Angka 0 sampai 100, tanpa tanda %.",
            "error_title": "Capaian tidak valid",
            "error_message": "Capaian adalah angka 0 sampai 100 (tanpa tanda %).",
        },
    }
    for field, title in (("bukti_dukung", "BUKTI DUKUNG"), ("keterangan", "KETERANGAN")):
        texts[field] = {
            "input_title": title,
            "input_message": COLUMN_HELP[field],
            "error_title": "Teks terlalu panjang",
            "error_message": "Paling banyak 2000 huruf; simpan teks panjang di dokumen "
            "terpisah dan tulis nama berkas atau tautannya.",
        }
    return texts[key]


def answer_texts(answer_type: str, words: str = "", choices: Sequence[str] = ()) -> dict[str, str]:
    """The prompt and alert of a JAWABAN LKE cell: ``choices`` for a list, ``words`` for the
    range of a number ("0 atau lebih", "0 sampai 4")."""
    if choices:
        shown = " / ".join(choices)
        return {
            "input_title": "JAWABAN LKE",
            "input_message": f"Pilih {shown}; kriteria: sheet {CRITERIA_SHEET}.",
            "error_title": "Jawaban tidak dikenal",
            "error_message": f"Pilih salah satu jawaban dari daftar: {shown}.",
        }
    if answer_type == "number":
        return {
            "input_title": "JAWABAN LKE",
            "input_message": f"Ketik angka bulat {words} (jumlah).",
            "error_title": "Jawaban tidak valid",
            "error_message": f"Jawaban adalah angka bulat {words}.",
        }
    return {
        "input_title": "JAWABAN LKE",
        "input_message": f"Ketik nilai survei {words}.",
        "error_title": "Jawaban tidak valid",
        "error_message": f"Nilai survei adalah angka {words}.",
    }


def identity_validation_texts(label: str, key: str, year: int, hint: str) -> dict[str, str]:
    """The prompt and alert of an Identitas input cell."""
    if key == "nip":
        return {
            "input_title": "NIP",
            "input_message": "Ketik NIP 18 digit tanpa spasi.",
            "error_title": "NIP tidak valid",
            "error_message": "NIP harus terdiri atas 18 digit angka, tanpa spasi.",
        }
    if key == "tanggal_pengisian":
        return {
            "input_title": label,
            "input_message": f"Ketik tanggal, misalnya {example_date(year)}.",
            "error_title": "Tanggal tidak valid",
            "error_message": f"Ketik tanggal antara 1 Januari {year} dan 31 Desember {year + 1}.",
        }
    return {
        "input_title": label,
        "input_message": hint,
        "error_title": f"{label} tidak valid",
        "error_message": f"Ketik {label.lower()} (paling banyak 200 huruf).",
    }


COMPONENT_HINT = (
    "Isi sel berwarna kuning; sel lain terkunci. Pilih dari daftar (panah ▼) bila ada. "
    "Lihat sheet Petunjuk."
)


def carried_hint(month: str) -> str:
    """The component sheets' hint on a carried-over form: last time's answers are in already
    (``month`` as shown, "Juli 2019")."""
    return (
        f"Isian terakhir unit Anda (formulir {month}) sudah diisikan: perbarui yang berubah, "
        "biarkan yang tetap. " + COMPONENT_HINT
    )


# --- the recap's guidance for the secretariat and the evaluators ------------------------------
# (the recap's Reviu TPI, Hasil and Prioritas Perbaikan sheets and the evidence index show these)

EVIDENCE_RULE: tuple[str, ...] = (
    "Satu bukti per baris (tanda ; juga memisahkan bukti).",
    "Yang dihitung sebagai bukti: tautan lengkap yang diawali http:// atau https:// ke alamat "
    "internet (nama dengan titik, misalnya drive.google.com; bukan localhost dan bukan alamat "
    "IP kantor seperti 192.168.x.x), alamat yang diawali www., atau nama berkas dengan "
    "ekstensinya (misalnya SK_Tim_ZI.pdf) yang dikirim bersama lembar periksa.",
    "Yang tidak dapat dibuka Tim Penilai dan ditandai: lokasi di komputer sendiri (C:\\..., "
    "D:\\...), folder jaringan kantor (\\\\server\\...), tautan file://, alamat jaringan lokal, "
    "dan keterangan seperti 'lihat map' atau 'terlampir'.",
    "Tautan pada sel (Sisipkan Tautan atau =HYPERLINK) dihitung sebagai bukti; teks sel menjadi "
    "labelnya. Tautan tanpa alamat pada kegiatan berstatus Selesai adalah kesalahan.",
    "Setiap BUKTI FISIK dalam RKT memerlukan satu bukti; kelengkapan bukti adalah bagian BUKTI "
    "FISIK yang sudah ada buktinya.",
)
TRACKS_TEXT: tuple[str, ...] = (
    "Penilaian Mandiri: jawaban unit kerja yang digabungkan dalam rekap ini (kolom Jawaban di "
    "sheet LKE).",
    "TPI: jawaban Tim Penilai Internal di kolom Jawaban TPI sheet LKE; kosong berarti belum "
    "dinilai (tidak dihitung, seperti LKE resmi).",
    "TPN: jawaban Tim Penilai Nasional di kolom Jawaban TPN, bila diisi.",
    "Ketiganya dihitung dengan rumus LKE yang sama. Nilai hasil (survei, capaian kinerja) "
    "adalah data, bukan penilaian: bila TPI/TPN tidak mengisinya, dipakai nilai rekap.",
    "Cara reviu: TPI mengisi Jawaban TPI dan Catatan TPI di sheet LKE, unit menanggapi di "
    "kolom Tanggapan Unit, lalu rekap dikirim kembali ke sekretariat. Konsolidasi berikutnya "
    "(rkt-excel consolidate --review <rekap>) membaca isian itu, membawanya ke rekap baru, dan "
    "menyampaikan catatan TPI kepada unit terkait (salinan *.periksa.xlsx dari "
    "rkt-excel validate --review <rekap> --annotate).",
)
PRIORITIES_TEXT: tuple[str, ...] = (
    "Perbaikan: satu pertanyaan naik ke jawaban berikutnya yang lebih baik, atau satu "
    "pertanyaan persentase (Jumlah) dinaikkan sampai 100%. Nilai tambah dihitung dengan "
    "jawaban kosong = 0 (kolom Nilai (kosong = 0) di sheet LKE); sama dengan nilai resmi "
    "bila semua pertanyaan sub-area sudah dijawab.",
    "Untuk setiap syarat yang belum terpenuhi: kumpulan perbaikan terkecil yang memenuhinya. "
    "Pasti terkecil bila semua pertanyaan di bawah syarat itu sudah dijawab; bila belum, "
    "kumpulan itu cukup tetapi mungkin bukan yang terkecil, dan batas bawahnya disebutkan.",
    "Nilai survei (IPAK, IPKP) adalah hasil, bukan tindakan: hanya dinaikkan untuk syarat "
    "komponen hasilnya sendiri, per 0,1.",
    "Setiap perbaikan menyebut unit penanggung jawab (unit yang ditugasi indikator terkait) "
    "dan bukti fisik yang masih kurang.",
)
