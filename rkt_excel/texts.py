"""Words people read outside the workbooks, in Bahasa Indonesia and English.

Owns the console texts (summaries, progress labels, errors of the CLI and of the library's
"cannot continue" errors) by key, the month names, and the way
numbers and dates are written in text for each language ("64,39" and "31 Agustus 2019" in
Indonesian). Issue messages are in catalogue.py; the workbooks' prose is in guide.py. No I/O.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

LANGS: tuple[str, ...] = ("id", "en")
LANG_ENV = "RKT_LANG"  # the default language when --lang is not given

MONTHS: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
_EN_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def default_lang() -> str:
    """The language when none is asked for: $RKT_LANG if it is "id" or "en", else "id"."""
    found = os.environ.get(LANG_ENV, "").strip().lower()
    return found if found in LANGS else "id"


# key -> (Bahasa Indonesia, English); {placeholders} are filled by text().
TEXTS: dict[str, tuple[str, str]] = {
    # --- errors and general -------------------------------------------------------------
    # (RktError keys: errors.RktError(key=..., **params) is rendered with these)
    "hasil-unreadable": (
        "{file}: berkas hasil tidak dapat dibaca ({reason})",
        "{file}: cannot read the hasil file ({reason})",
    ),
    "hasil-not-mapping": (
        "{file}: berkas hasil harus berisi pasangan seperti 'H.IPAK: 3.45'",
        "{file}: expected a mapping like 'H.IPAK: 3.45'",
    ),
    "hasil-unknown": (
        "{file}: {input} bukan masukan komponen hasil {model}; yang dikenal: {known}",
        "{file}: {input} is not a hasil input of {model}; known: {known}",
    ),
    "hasil-not-option": (
        "{file}: {input}: {value} bukan salah satu dari {options}",
        "{file}: {input}: {value} is not one of {options}",
    ),
    "hasil-not-number": (
        "{file}: {input}: {value} bukan angka",
        "{file}: {input}: {value} is not a number",
    ),
    "hasil-out-of-range": (
        "{file}: {input}: {value} di luar rentang {low} sampai {high}",
        "{file}: {input}: {value} is outside {low} to {high}",
    ),
    "hasil-out-of-scale": (
        "{file}: {input}: {value} di luar rentang {low} sampai {high}; tampaknya {likely_id}",
        "{file}: {input}: {value} is outside {low} to {high}; it looks like {likely_en}",
    ),
    "output-unwritable": (
        "{path}: berkas tidak dapat ditulis ({reason})",
        "{path}: cannot write the file ({reason})",
    ),
    "recap-unreadable": (
        "{file}: tidak dapat dibuka sebagai rekap .xlsx ({reason})",
        "{file}: cannot open it as an xlsx recap ({reason})",
    ),
    "recap-not-recap": (
        "{file}: bukan rekap yang ditulis oleh 'rkt-excel consolidate' (tidak ada lembar {sheet})",
        "{file}: not a recap written by 'rkt-excel consolidate' (no sheet {sheet})",
    ),
    "import-unsupported": (
        "{path}: berkas {suffix} tidak dapat diimpor; gunakan .docx, .xlsx atau .ods",
        "{path}: cannot import a {suffix} file; use .docx, .xlsx or .ods",
    ),
    "import-not-docx": (
        "{path}: bukan dokumen Word (.docx): {reason}",
        "{path}: not a Word document (.docx): {reason}",
    ),
    "import-unreadable": (
        "{path}: lembar kerja tidak dapat dibaca: {reason}",
        "{path}: cannot read the spreadsheet: {reason}",
    ),
    "import-no-table": (
        "{path}: tidak ada tabel RKT (baris judul dengan kolom INDIKATOR tidak ditemukan)",
        "{path}: no RKT table (no header row with an INDIKATOR column)",
    ),
    "soffice-missing": (
        "LibreOffice (soffice) tidak ditemukan; PDF tidak dapat dibuat. Pasang LibreOffice "
        "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; Windows/macOS: "
        "https://www.libreoffice.org/download), atau buat .docx dengan --format docx lalu "
        "simpan sebagai PDF dari Word.",
        "LibreOffice (soffice) was not found, so no PDF can be made. Install LibreOffice "
        "(Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; Windows/macOS: "
        "https://www.libreoffice.org/download), or write the .docx with --format docx and save "
        "it as PDF from Word.",
    ),
    "pdf-failed": (
        "LibreOffice tidak menghasilkan PDF: {reason}",
        "LibreOffice wrote no PDF: {reason}",
    ),
    "review-refused": ("{file}: {reason_id}", "{file}: {reason_en}"),
    "review-other-plan": (
        "{file}: rekap dari rencana {found} ({found_model}), bukan dari {plan} ({model})",
        "{file}: a recap of plan {found} ({found_model}), not of {plan} ({model})",
    ),
    "error": ("Galat", "Error"),
    # --- the command line: usage errors (cli.show_usage_error) ---------------------------------
    "usage-line": ("Cara pakai: {usage}", "Usage: {usage}"),
    "usage-try": ("Coba '{command} --help' untuk bantuan.", "Try '{command} --help' for help."),
    "usage-bad-value": (
        "Nilai tidak sah untuk {option}: {message}",
        "Invalid value for {option}: {message}",
    ),
    "usage-no-option": ("Opsi {option} tidak dikenal.", "No such option: {option}."),
    "usage-maybe": ("Mungkin maksudnya {choices}?", "Did you mean {choices}?"),
    "usage-missing-option": ("Opsi {option} wajib diisi.", "Missing option {option}."),
    "usage-missing-argument": ("Argumen {argument} wajib diisi.", "Missing argument {argument}."),
    "usage-bad-date": (
        "'{value}' bukan tanggal: tulis hari lebih dulu (HH-BB-TTTT, HH/BB/TTTT) atau TTTT-BB-HH",
        "'{value}' is not a date: write it day first (DD-MM-YYYY, DD/MM/YYYY) or as YYYY-MM-DD",
    ),
    "usage-bad-period": (
        "'{value}' bukan bulan: tulis TTTT-BB, atau nama bulan dan tahunnya",
        "'{value}' is not a month: write YYYY-MM, or the month's name and the year",
    ),
    "usage-from-alone": (
        "--from tidak dipakai bersama --template, --regulation, --office atau --units",
        "--from takes no --template, --regulation, --office, --units",
    ),
    "aborted": ("Dibatalkan.", "Aborted!"),
    "wrote": ("Ditulis: {path}", "Wrote {path}"),
    "recap-split": (
        "Catatan: lembar '{sheet}' melebihi batas baris Excel; dilanjutkan di {pages}.",
        "Note: sheet '{sheet}' passes Excel's row limit; it continues on {pages}.",
    ),
    "recap-no-hasil": (
        "Catatan: komponen hasil belum diisi (survei, TLHP), jadi nilai hasil 0; isikan di "
        "{hasil} folder kerja, di lembar Hasil rekap yang dikembalikan, atau dengan --hasil.",
        "Note: no komponen hasil input was given (surveys, TLHP), so hasil counts 0; put them in "
        "the workspace's {hasil}, in the Hasil sheet of a returned recap, or give --hasil.",
    ),
    "recap-cut": (
        "Catatan: lembar '{sheet}': {cut} sel lebih dari 32.767 karakter dipotong; teks lengkap "
        "ada di ekspor CSV (--export csv).",
        "Note: sheet '{sheet}': {cut} cells longer than 32,767 characters were cut; the full "
        "text is in the CSV export (--export csv).",
    ),
    "line": ("baris {line}", "line {line}"),
    "none": ("tidak ada", "none"),
    "embedded-plan": ("rencana bawaan", "embedded default plan"),
    # --- template -----------------------------------------------------------------------
    "plan-ok": ("{name}: tidak ada masalah", "{name}: OK"),
    "plan-problems": ("{count} masalah dalam {name}", "{count} problem(s) in {name}"),
    "starter-written": (
        "Ditulis: {path} ({rows} baris indikator untuk {regulation}, tahun {year})",
        "Wrote {path}: {rows} indicator rows for {regulation}, {year}",
    ),
    "plan-imported": (
        "Ditulis: {path} ({rows} baris indikator, {chapters} bab); {problems} catatan impor",
        "Wrote {path}: {rows} indicator rows, {chapters} chapters; {problems} import note(s)",
    ),
    "lke-suggestions": (
        "Pertanyaan LKE yang disarankan (periksa, lalu kosongkan SARAN LKE / lke_suggested):",
        "Suggested LKE questions (check them, then clear SARAN LKE / lke_suggested):",
    ),
    "lke-suggestion": ("{row}: {question} ({score}) {text}", "{row}: {question} ({score}) {text}"),
    # --- generate / distribute ------------------------------------------------------------
    "document-written": (
        "Ditulis: {path} (dokumen RKT, kertas {paper})",
        "Wrote {path} (the RKT document, {paper} paper)",
    ),
    "workbook-written": (
        "Ditulis: {path} ({components} komponen, {rows} baris indikator)",
        "Wrote {path}: {components} components, {rows} indicator rows",
    ),
    "forms-written": ("{count} formulir ditulis ke {folder}", "Wrote {count} forms to {folder}"),
    "form-carried": (
        "{unit}: {rows} baris berisi isian {month}",
        "{unit}: {rows} rows carry the answers of {month}",
    ),
    "units-read": ("{count} unit dibaca dari {path}", "{count} units read from {path}"),
    "output-is-input": (
        "{path} adalah salah satu masukan; hasil tidak ditulis di atasnya (pilih -o lain)",
        "{path} is one of the inputs; the output is not written over it (choose another -o)",
    ),
    "forms-filled": (
        "Folder {folder} sudah berisi formulir yang terisi ({names}); tidak ditimpa. Pilih "
        "folder lain, atau tambahkan --force untuk menimpanya",
        "The folder {folder} holds filled forms ({names}); they are not overwritten. Choose "
        "another folder, or add --force to overwrite them",
    ),
    "no-inputs": (
        "Tidak ada formulir untuk dibaca di {path}",
        "No form to read in {path}",
    ),
    # --- validate ----------------------------------------------------------------------------
    "progress-reading": ("Membaca formulir", "Reading forms"),
    "validate-summary": (
        "{files} berkas: {errors} kesalahan, {warnings} peringatan",
        "{files} file(s): {errors} error(s), {warnings} warning(s)",
    ),
    "severity-error": ("kesalahan", "error"),
    "severity-warning": ("peringatan", "warning"),
    "annotated": ("Salinan bertanda ditulis: {path}", "Wrote the annotated copy {path}"),
    # --- consolidate ---------------------------------------------------------------------
    "summary-title": ("{office} — {period} (per {as_of})", "{office} — {period} (as of {as_of})"),
    "summary-forms": (
        "formulir: {accepted} diterima, {rejected} ditolak, {superseded} digantikan; "
        "unit belum mengirim: {missing}",
        "forms: {accepted} accepted, {rejected} rejected, {superseded} superseded; "
        "units missing: {missing}",
    ),
    "summary-issues": (
        "masalah: {errors} kesalahan, {warnings} peringatan",
        "issues: {errors} error(s), {warnings} warning(s)",
    ),
    "summary-completion": ("penyelesaian: {completion}", "completion: {completion}"),
    "summary-score": (
        "perkiraan nilai LKE: {total} (pengungkit {pengungkit}, hasil {hasil}); "
        "predikat: {predikat}",
        "estimated LKE score: {total} (pengungkit {pengungkit}, hasil {hasil}); "
        "predikat: {predikat}",
    ),
    "predikat-none": ("belum memenuhi", "not reached"),
    "summary-failed": ("belum memenuhi syarat {predikat}:", "short of {predikat}:"),
    "failed-check": ("{name} {actual} < {required}", "{name} {actual} < {required}"),
    # --- review, evidence, priorities -------------------------------------------------------
    "review-read": (
        "Rekap reviu dibaca: {path} ({entries} baris reviu, {notes} catatan TPI)",
        "Read the returned recap {path}: {entries} review rows, {notes} TPI notes",
    ),
    "evidence-written": (
        "Ditulis: {folders} folder pertanyaan di {root} ({items} bukti dukung; kelengkapan "
        "bukti {completeness})",
        "Wrote {folders} question folders under {root} ({items} evidence items; evidence "
        "completeness {completeness})",
    ),
    "priorities-title": (
        "Jalan menuju {predikat} (perkiraan nilai sekarang {total})",
        "The path to {predikat} (estimated score now {total})",
    ),
    "priorities-reached": (
        "Predikat WBBM sudah tercapai menurut perkiraan; tidak ada syarat yang belum terpenuhi.",
        "WBBM is reached by the estimate; no minimum is failed.",
    ),
    "priorities-check": (
        "{name}: {actual}, minimal {required}, kurang {shortfall}",
        "{name}: {actual}, minimum {required}, short by {shortfall}",
    ),
    "priorities-exact": (
        "{count} perbaikan (paling sedikit, pasti)",
        "{count} improvement(s) (the fewest, exact)",
    ),
    "priorities-bound": (
        "{count} perbaikan (cukup; paling sedikit {bound} diperlukan, karena ada pertanyaan "
        "yang belum dijawab)",
        "{count} improvement(s) (enough; at least {bound} are needed, as some questions are "
        "unanswered)",
    ),
    "priorities-unreachable": (
        "tidak tercapai dengan perbaikan jawaban saja: sesudah semua perbaikan {after}",
        "not reachable by improving answers alone: {after} after every improvement",
    ),
    "priorities-step": (
        "{question}: {before} → {after}  +{gain}",
        "{question}: {before} → {after}  +{gain}",
    ),
    "priorities-steps": ("({count} perbaikan)", "({count} improvements)"),
    "priorities-units": ("unit: {units}", "units: {units}"),
    "priorities-missing": ("bukti kurang: {missing}", "evidence missing: {missing}"),
    "priorities-more": ("… dan {count} lagi", "… and {count} more"),
    "priorities-ranked": (
        "Perbaikan dengan nilai tambah terbesar:",
        "The improvements that add most:",
    ),
    "priorities-unanswered": (
        "{count} pertanyaan belum dijawab (dihitung 0)",
        "{count} question(s) not answered (counted as 0)",
    ),
    # --- roll-up and demo --------------------------------------------------------------------
    "rollup-written": (
        "Ditulis: {path} ({count} kantor)",
        "Wrote {path}: {count} office(s)",
    ),
    "rollup-none": ("tidak ada rekap yang dapat digabung", "no recap to roll up"),
    "rollup-older": (
        "{file}: rekap {period} {office}; dipakai rekap terbarunya, {newer} ({newer_period})",
        "{file}: the {period} recap of {office}; its latest, {newer} ({newer_period}), is used",
    ),
    "rollup-duplicate": (
        "{file}: rekap yang sama dengan {first}; dihitung satu kali",
        "{file}: the same recap as {first}; counted once",
    ),
    "demo-workbook": (
        "Ditulis: {path} (buku kerja RKT standar)",
        "Wrote {path} (the standard RKT workbook)",
    ),
    "demo-workspace": (
        "folder kerja {path}: {months} bulan, formulir membawa isian bulan sebelumnya",
        "workspace {path}: {months} months, forms carrying the month before's answers",
    ),
    "demo-forms": ("{count} formulir di {folder}", "{count} forms in {folder}"),
    "demo-returned": ("{count} berkas kembali di {folder}", "{count} returned files in {folder}"),
    "demo-rollup": ("Ditulis: {path} (rekap Kanwil)", "Wrote {path} (the Kanwil roll-up)"),
    # --- messages to the WhatsApp group and to units ----------------------------------------
    "wa-title": (
        "*Monev RKT Zona Integritas — {period}*",
        "*Zona Integritas RKT monev — {period}*",
    ),
    "wa-office": ("{office} (keadaan {as_of})", "{office} (as of {as_of})"),
    "wa-forms": (
        "*Formulir:* {sent} dari {expected} unit sudah mengirim",
        "*Forms:* {sent} of {expected} units have sent theirs",
    ),
    "wa-missing": ("*Belum mengirim:* {units}", "*Not sent:* {units}"),
    "wa-rejected": ("{count} berkas ditolak (bukan formulir)", "{count} file(s) refused"),
    "wa-completion": ("*Penyelesaian:* {value}", "*Completion:* {value}"),
    "wa-before": (" ({month}: {value})", " ({month}: {value})"),
    "wa-score": ("*Perkiraan nilai LKE:* {total}", "*Estimated LKE score:* {total}"),
    "wa-score-ok": (
        "*Perkiraan nilai LKE:* {total}, sudah di atas batas WBK {wbk}",
        "*Estimated LKE score:* {total}, above the WBK minimum {wbk}",
    ),
    "wa-score-short": (
        "*Perkiraan nilai LKE:* {total}; WBK perlu {wbk} (kurang {gap})",
        "*Estimated LKE score:* {total}; WBK needs {wbk} ({gap} short)",
    ),
    "wa-changes": (
        "Sejak bulan lalu: {done} indikator baru selesai, {back} kemunduran",
        "Since last month: {done} indicator(s) newly done, {back} step(s) back",
    ),
    "wa-overdue": ("*Paling terlambat:*", "*Most overdue:*"),
    "wa-overdue-item": (
        "{n}. {row_id} {indicator} ({units}; sejak {due})",
        "{n}. {row_id} {indicator} ({units}; since {due})",
    ),
    "wa-chase": ("*Mohon ditindaklanjuti:*", "*Please follow up:*"),
    "wa-deadline": ("Batas pengiriman: *{date}*. Terima kasih.", "Deadline: *{date}*. Thank you."),
    "chase-missing": ("belum mengirim", "not sent"),
    "chase-silent": ("{months} bulan tidak mengirim", "silent {months} months"),
    "chase-late": ("{count} aksi terlambat", "{count} late"),
    "chase-errors": ("{count} isian salah", "{count} error(s)"),
    "chase-unchanged": ("formulir tidak berubah", "form unchanged"),
    "msg-greeting": ("Yth. {name} ({code}),", "Dear {name} ({code}),"),
    "msg-missing": (
        "formulir RKT Zona Integritas {period} belum kami terima. Mohon dikirim paling lambat "
        "{date}.",
        "we have not received your Zona Integritas RKT form for {period}. Please send it by "
        "{date}.",
    ),
    "msg-silent": (
        "sudah {months} bulan berturut-turut, termasuk {period}, formulir RKT Zona Integritas "
        "unit Anda belum kami terima. Mohon formulir {period} dikirim paling lambat {date}.",
        "for {months} months in a row, {period} included, we have had no Zona Integritas RKT "
        "form from your unit. Please send the {period} form by {date}.",
    ),
    "msg-received": (
        "terima kasih, formulir {period} sudah kami terima.",
        "thank you for your {period} form.",
    ),
    "msg-errors": (
        "Mohon perbaiki isian berikut dan kirim ulang paling lambat {date}:",
        "Please correct the following and send the form again by {date}:",
    ),
    "msg-where": ("Lembar '{sheet}' sel {cell}", "Sheet '{sheet}' cell {cell}"),
    "msg-sheet": ("Lembar '{sheet}'", "Sheet '{sheet}'"),
    "msg-more": ("- dan {count} lainnya (lihat rekap)", "- and {count} more (see the recap)"),
    "msg-late": (
        "Aksi yang sudah lewat target waktunya (mohon diperbarui paling lambat {date}):",
        "Actions past their target (please update them by {date}):",
    ),
    "msg-late-item": (
        "- {row_id} {indicator} (target {due}): {reason}",
        "- {row_id} {indicator} (due {due}): {reason}",
    ),
    "late-not-started": ("belum dimulai", "not started"),
    "late-not-done": ("belum selesai", "not done"),
    "late-no-form": ("formulir tidak dikirim", "no form sent"),
    "msg-unchanged": (
        "Isian formulir bulan ini sama dengan bulan lalu; mohon perbarui kemajuannya.",
        "This month's form is the same as last month's; please update your progress.",
    ),
    "msg-thanks": ("Terima kasih.", "Thank you."),
    "msg-signature": (
        "Tim Sekretariat Zona Integritas — {office}",
        "Zona Integritas secretariat — {office}",
    ),
    "no-recap": (
        "belum ada rekap di {path}: jalankan rkt-excel consolidate dahulu",
        "no recap in {path} yet: run rkt-excel consolidate first",
    ),
    "remind-none": ("Tidak ada unit yang perlu diingatkan.", "No unit needs a reminder."),
    "remind-written": ("{count} pesan ditulis ke {folder}", "Wrote {count} message(s) to {folder}"),
    # --- compare -----------------------------------------------------------------------------
    "cmp-title": ("Perubahan {before} → {after}", "Changes {before} → {after}"),
    "cmp-first": (
        "{after}: belum ada bulan sebelumnya untuk dibandingkan",
        "{after}: no earlier month to compare with",
    ),
    "cmp-done": ("Indikator baru selesai: {count}", "Indicators newly done: {count}"),
    "cmp-back": ("Kemunduran: {count}", "Steps back: {count}"),
    "cmp-unchanged": ("Formulir tidak berubah: {count}", "Forms unchanged: {count}"),
    "cmp-silent": (
        "Tidak mengirim 2 bulan atau lebih: {count}",
        "Silent two months or more: {count}",
    ),
    "cmp-kind-status": ("status", "status"),
    "cmp-kind-answer": ("jawaban LKE", "LKE answer"),
    "cmp-kind-evidence": ("bukti dukung", "bukti dukung"),
    "cmp-removed": ("(kosong)", "(empty)"),
    "cmp-silent-item": ("{months} bulan, sejak {since}", "{months} months, since {since}"),
    "cmp-unchanged-item": (
        "{rows} baris, {untouched} dibawa tanpa perubahan",
        "{rows} rows, {untouched} carried over untouched",
    ),
    # --- the workspace -------------------------------------------------------------------
    "ws-bad-config": (
        "{path}: berkas pengaturan tidak dapat dibaca ({reason})",
        "{path}: cannot read the workspace config ({reason})",
    ),
    "ws-unknown-key": (
        "{path}: pengaturan '{setting}' tidak dikenal (yang dikenal: {known})",
        "{path}: unknown setting '{setting}' (known: {known})",
    ),
    "ws-bad-value": (
        "{path}: nilai pengaturan '{setting}' tidak sah: {value}",
        "{path}: setting '{setting}' has a bad value: {value}",
    ),
    "ws-missing-key": (
        "{path}: pengaturan '{setting}' wajib ada",
        "{path}: the setting '{setting}' is required",
    ),
    "ws-missing-file": (
        "{path} tidak ada (pengaturan '{setting}' di rkt-excel.toml)",
        "{path} does not exist (setting '{setting}' in rkt-excel.toml)",
    ),
    "ws-plan-differs": (
        "{path}: rencana untuk {setting} {found}, sedangkan {config} menyebut {expected}",
        "{path}: the plan's {setting} is {found} but {config} says {expected}",
    ),
    "ws-exists": (
        "{path} sudah berisi folder kerja (rkt-excel.toml)",
        "{path} is a workspace already (it has rkt-excel.toml)",
    ),
    "ws-plan-options": (
        "rencana baru perlu --regulation, --office dan --year bersama-sama, tanpa --template",
        "a new plan needs --regulation, --office and --year together, without --template",
    ),
    "ws-no-returns": (
        "tidak ada formulir masuk untuk dibaca: {path} (simpan formulir unit di folder bulan, "
        "misalnya masuk/TTTT-BB/, atau sebutkan berkasnya)",
        "no returns to read: {path} (save the units' forms in a month's folder such as "
        "masuk/YYYY-MM/, or name the files)",
    ),
    "ws-created": (
        "Folder kerja dibuat: {path} ({office}, tahun {year})",
        "Made the workspace {path} ({office}, {year})",
    ),
    "ws-rolled": (
        "Tahun {year} dimulai di {path} dari {old}; rencana: {plan}",
        "Started {year} in {path} from {old}; plan: {plan}",
    ),
    "ws-reference": (
        "Rekap akhir tahun lalu disimpan sebagai pembanding bulan pertama: {path}",
        "Last year's final recap is kept as the first month's reference: {path}",
    ),
    "ws-no-reference": (
        "Folder lama belum punya rekap: bulan pertama tidak punya pembanding",
        "The old workspace has no recap: the first month has no reference",
    ),
    "ws-edit-plan": (
        "Periksa dan sunting rencana (bab, dasar hukum, penanda tangan) untuk tahun {year}",
        "Check and edit the plan (chapters, legal basis, signatories) for {year}",
    ),
    "ws-readme": (
        """FOLDER KERJA RKT ZONA INTEGRITAS
{office} — tahun {year}

Folder ini dibuat oleh rkt-excel. Jalankan perintah rkt-excel di folder ini atau di
subfoldernya: rencana, daftar unit dan folder di bawah ini dipakai dengan sendirinya.
Opsi perintah (misalnya --template atau --units) tetap dapat menggantinya.

ISI FOLDER
- {config}: pengaturan (berkas rencana, berkas unit, batas pengiriman
  tanggal {deadline_day} bulan berikutnya, Kanwil: {kanwil})
- {plan}: rencana kerja tahunan; periksa dengan
  rkt-excel template check {plan}
- {units}: daftar unit kerja (kode;nama;komponen;indikator), satu baris per unit
- {forms}/: formulir yang dibagikan ke unit, satu folder per bulan ({forms}/{period}/)
- {returns}/: formulir yang dikirim kembali oleh unit, satu folder per bulan
  ({returns}/{period}/); jangan simpan rekap di sini
- {recaps}/: rekap bulanan ({recaps}/rekap-{period}.xlsx), pembanding bulan berikutnya
- {hasil}: (bila ada) nilai survei dan TLHP untuk komponen hasil LKE
- {reviews}/: rekap yang dikembalikan TPI/Kanwil berisi Jawaban TPI dan Catatan TPI;
  rkt-excel consolidate dan validate memakai yang terbaru (nama berkas terakhir)

SETIAP BULAN
  1. rkt-excel distribute --period {period}
     formulir setiap unit ke {forms}/{period}/, sudah berisi isian terakhir unit itu;
     unit cukup memperbarui yang berubah
  2. simpan formulir yang dikirim unit ke {returns}/{period}/
  3. rkt-excel consolidate
     membaca bulan terakhir di {returns}/ dan menulis {recaps}/rekap-{period}.xlsx,
     lengkap dengan lembar Perkembangan (perubahan sejak bulan lalu)
  4. rkt-excel summarize  ringkasan siap tempel untuk grup WhatsApp
     rkt-excel remind     pesan untuk setiap unit yang belum mengirim, terlambat atau
                          salah isi

TAHUN BERIKUTNYA
  rkt-excel init <folder baru> --from <folder ini>
""",
        """RKT ZONA INTEGRITAS WORKSPACE
{office} — {year}

rkt-excel made this folder. Run rkt-excel commands in this folder or below it: the plan,
the units list and the folders below are used without flags. A command's options (such as
--template or --units) still override them.

WHAT IS WHERE
- {config}: the settings (plan file, units file, return deadline on day
  {deadline_day} of the next month, Kanwil: {kanwil})
- {plan}: the year's work plan; check it with
  rkt-excel template check {plan}
- {units}: the units (kode;nama;komponen;indikator), one line per unit
- {forms}/: forms distributed to the units, one folder per month ({forms}/{period}/)
- {returns}/: forms the units send back, one folder per month
  ({returns}/{period}/); keep no recap here
- {recaps}/: monthly recaps ({recaps}/rekap-{period}.xlsx), next month's reference
- {hasil}: (when present) survey values and TLHP for the LKE's hasil component
- {reviews}/: recaps the TPI/Kanwil returned with their TPI answers and notes;
  rkt-excel consolidate and validate use the latest (the last file name)

EVERY MONTH
  1. rkt-excel distribute --period {period}
     every unit's form to {forms}/{period}/, holding the unit's latest answers;
     units only update what changed
  2. save the forms the units send back in {returns}/{period}/
  3. rkt-excel consolidate
     reads the latest month in {returns}/ and writes {recaps}/rekap-{period}.xlsx,
     with its Perkembangan sheet (what changed since last month)
  4. rkt-excel summarize  a summary to paste into the WhatsApp group
     rkt-excel remind     a message for every unit that is missing, late or has errors

THE NEXT YEAR
  rkt-excel init <new folder> --from <this folder>
""",
    ),
}


def describe(err: Exception, lang: str = "id") -> str:
    """An error in words for the user: a keyed RktError in ``lang``, anything else as str()."""
    key = getattr(err, "key", "")
    if key in TEXTS:
        return text(key, lang, **getattr(err, "params", {}))
    return str(err)


def text(key: str, lang: str = "id", /, **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``params`` filled in."""
    id_, en = TEXTS[key]
    return (en if lang == "en" else id_).format(**params)


def number(value: float | None, lang: str = "id", decimals: int = 2) -> str:
    """A number as people write it: "1.234,56" in Indonesian, "1,234.56" in English; "-" for
    no value."""
    if value is None:
        return "-"
    shown = f"{value:,.{decimals}f}"
    if lang == "en":
        return shown
    return shown.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A percentage (0-100) as text: "64,4%"; "-" for no value."""
    return "-" if value is None else f"{number(value, lang, decimals)}%"


def month_name(month: int, lang: str = "id") -> str:
    """The name of a month (1-12)."""
    return (_EN_MONTHS if lang == "en" else MONTHS)[month - 1]


def long_date(day: dt.date, lang: str = "id") -> str:
    """A date written out: "31 Agustus 2019" / "31 August 2019"."""
    return f"{day.day} {month_name(day.month, lang)} {day.year}"
