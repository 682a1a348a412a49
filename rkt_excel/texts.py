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
    "recap-unreadable": (
        "{file}: tidak dapat dibuka sebagai rekap .xlsx ({reason})",
        "{file}: cannot open it as an xlsx recap ({reason})",
    ),
    "recap-not-recap": (
        "{file}: bukan rekap yang ditulis oleh 'rkt-excel consolidate' (tidak ada lembar {sheet})",
        "{file}: not a recap written by 'rkt-excel consolidate' (no sheet {sheet})",
    ),
    "review-refused": ("{file}: {reason_id}", "{file}: {reason_en}"),
    "review-other-plan": (
        "{file}: rekap dari rencana {found} ({found_model}), bukan dari {plan} ({model})",
        "{file}: a recap of plan {found} ({found_model}), not of {plan} ({model})",
    ),
    "error": ("Galat", "Error"),
    "wrote": ("Ditulis: {path}", "Wrote {path}"),
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
    # --- generate / distribute ------------------------------------------------------------
    "workbook-written": (
        "Ditulis: {path} ({components} komponen, {rows} baris indikator)",
        "Wrote {path}: {components} components, {rows} indicator rows",
    ),
    "forms-written": ("{count} formulir ditulis ke {folder}", "Wrote {count} forms to {folder}"),
    "units-read": ("{count} unit dibaca dari {path}", "{count} units read from {path}"),
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
    "demo-workbook": (
        "Ditulis: {path} (buku kerja RKT standar)",
        "Wrote {path} (the standard RKT workbook)",
    ),
    "demo-forms": ("{count} formulir di {folder}", "{count} forms in {folder}"),
    "demo-returned": ("{count} berkas kembali di {folder}", "{count} returned files in {folder}"),
    "demo-rollup": ("Ditulis: {path} (rekap Kanwil)", "Wrote {path} (the Kanwil roll-up)"),
}


def describe(err: Exception, lang: str = "id") -> str:
    """An error in words for the user: a keyed RktError in ``lang``, anything else as str()."""
    key = getattr(err, "key", "")
    if key in TEXTS:
        return text(key, lang, **getattr(err, "params", {}))
    return str(err)


def text(key: str, lang: str = "id", **params: Any) -> str:
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
