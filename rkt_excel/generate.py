"""Stage 2, the forms: write the standard RKT workbook and one checklist per unit (xlsxwriter).

Reads only the plan, the LKE model and the units; writes every address from layout.py, so the
reader finds what was written. Never reads a workbook and never looks at the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from rkt_excel import __version__, layout
from rkt_excel.errors import UnitsError
from rkt_excel.layout import text_lines
from rkt_excel.lke import load_model
from rkt_excel.schedule import MONTHS
from rkt_excel.template import Component, Indicator, Plan, SubArea
from rkt_excel.units import Unit, assigned_rows, load_units, safe_filename
from rkt_excel.xlsx_io import atomic_write

WORKBOOK_OPTIONS: dict[str, Any] = {
    # Plan text is data: "=..." must never become a formula, nor "http..." a live link.
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
LINE_PT = 13.5  # points per wrapped line of 10 pt Arial (12.75 pt) plus a little slack
MAX_ROW_PT = 409.0  # Excel's largest row height
MIN_DATA_ROW_PT = 30.0  # room to type in an input cell
NO_ANSWER = "—"  # KRITERIA of a row with no LKE question; its JAWABAN stays locked
FONT = {"font_name": "Arial", "font_size": 10}

STATUS_COLOURS: dict[str, tuple[str, str]] = {  # status -> (fill, font) of the STATUS cell
    "Selesai": ("#C6EFCE", "#006100"),
    "Dalam Proses": ("#FFEB9C", "#9C5700"),
    "Belum": ("#FFC7CE", "#9C0006"),
    "Tidak Relevan": ("#D9D9D9", "#404040"),
}
INPUT_FILL = "#FFF2CC"  # light yellow: "type here"
PLAN_FILL = "#F2F2F2"  # light grey: locked, no input expected
HEADER_FILL = "#1F4E78"

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
    "realisasi": "Tanggal kegiatan selesai dilaksanakan, misalnya 17/08/2019.",
    "capaian": "Persentase capaian, angka 0 sampai 100 (tanpa tanda %).",
    "jawaban": "Jawaban atas pertanyaan LKE terkait, dipilih dari daftar.",
    "kriteria": "Pertanyaan LKE terkait dan kriteria setiap pilihan jawaban.",
    "bukti_dukung": "Nama berkas atau tautan (https://...) bukti yang sudah ada; satu per baris.",
    "keterangan": "Keterangan tambahan atau kendala yang dihadapi.",
}
STATUS_HELP: dict[str, str] = {
    "Belum": "kegiatan belum dimulai.",
    "Dalam Proses": "kegiatan sedang berjalan; isi CAPAIAN (%) sesuai kemajuan.",
    "Selesai": "kegiatan sudah selesai; isi REALISASI, CAPAIAN 100 dan BUKTI DUKUNG.",
    "Tidak Relevan": "indikator tidak berlaku bagi unit Anda; jelaskan alasannya di KETERANGAN.",
}
ANSWER_HELP: dict[str, str] = {
    "yn": "Ya / Tidak.",
    "abc": "A / B / C; A adalah kondisi terbaik (lihat KRITERIA JAWABAN LKE).",
    "abcd": "A / B / C / D; A adalah kondisi terbaik.",
    "abcde": "A / B / C / D / E; A adalah kondisi terbaik.",
    "number": "angka bulat 0 atau lebih (jumlah), misalnya jumlah pegawai.",
    "score": "nilai survei 0 sampai 4, boleh desimal (misalnya 3,45).",
}


class Question(Protocol):
    """What the writer needs of an LKE question (rkt_excel.lke.Question)."""

    @property
    def text(self) -> str: ...
    @property
    def answer_type(self) -> str: ...
    @property
    def criteria(self) -> str: ...
    @property
    def options(self) -> Sequence[str]: ...
    @property
    def minimum(self) -> float | None: ...
    @property
    def maximum(self) -> float | None: ...


@dataclass(frozen=True)
class _Row:
    """One indicator row as placed on its sheet."""

    component: Component
    subarea: SubArea
    indicator: Indicator
    sheet: str
    row: int  # 0-based
    question: Question | None


def form_id(plan_hash: str, unit_code: str = "") -> str:
    """The form's stable id: the first 16 hex digits of sha256(plan hash + unit code)."""
    return hashlib.sha256((plan_hash + unit_code).encode("utf-8")).hexdigest()[:16]


def form_filename(unit: Unit) -> str:
    """The checklist file name of a unit, e.g. ``form-TU.xlsx``."""
    return f"form-{safe_filename(unit.code)}.xlsx"


def long_date(day: dt.date) -> str:
    """An Indonesian long date: 18 Februari 2019."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def bullets(items: Sequence[str]) -> str:
    """Action or evidence lines as one wrapped cell, each line starting with a bullet."""
    return "\n".join(f"• {item}" for item in items)


def metadata(plan: Plan, unit: Unit | None) -> dict[str, str]:
    """The identity key/values (layout.META_KEYS) of a workbook (unit None) or a unit's form."""
    values = {
        "format": layout.FORM_FORMAT,
        "kind": "form" if unit else "workbook",
        "rkt_excel_version": __version__,
        "plan_id": plan.id,
        "plan_version": plan.version,
        "plan_hash": plan.content_hash,
        "regulation": plan.regulation,
        "year": str(plan.year),
        "form_id": form_id(plan.content_hash, unit.code if unit else ""),
        "unit_code": unit.code if unit else "",
        "unit_name": unit.name if unit else "",
    }
    return {key: values[key] for key in layout.META_KEYS}


def generate_workbook(plan: Plan, path: str | Path, *, password: str | None = None) -> Path:
    """Write the standard RKT workbook (every row, no Identitas sheet) and return its path.

    ``password`` protects the sheets (weakly: Excel sheet passwords stop accidents, not people).
    """
    target = Path(path)
    questions = _questions(plan)
    with atomic_write(target) as tmp:
        _Writer(plan, None, None, questions, password).write(tmp)
    return target


def distribute_forms(
    plan: Plan,
    units: Sequence[Unit] | str | Path,
    out_dir: str | Path,
    *,
    password: str | None = None,
) -> list[Path]:
    """Write one checklist per unit (``form-<code>.xlsx``) into ``out_dir``; return the paths.

    ``units`` is a list of Units or the path of a units file. Everything is checked before the
    first file is written, so a bad units list writes nothing.

    Raises:
        UnitsError: every problem of the units (line numbers from the file; for a list of
            Units, the 1-based position in the list).
    """
    unit_list = load_units(units, plan) if isinstance(units, str | Path) else list(units)
    _check_units(plan, unit_list)
    questions = _questions(plan)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for unit in unit_list:
        target = out / form_filename(unit)
        with atomic_write(target) as tmp:
            rows = set(assigned_rows(plan, unit))
            _Writer(plan, unit, rows, questions, password).write(tmp)
        paths.append(target)
    return paths


def _check_units(plan: Plan, units: Sequence[Unit]) -> None:
    """The checks load_units makes, for Units built in code."""
    problems: list[tuple[int, str]] = []
    components = {c.id for c in plan.components}
    seen: dict[str, int] = {}
    for n, unit in enumerate(units, start=1):
        if not unit.code.strip() or not unit.name.strip():
            problems.append((n, "kode and nama must not be empty"))
        key = safe_filename(unit.code).casefold()
        if key in seen:
            problems.append((n, f"code {unit.code!r} gives the same file as unit {seen[key]}"))
        seen.setdefault(key, n)
        problems += [
            (n, f"unknown component {c!r}") for c in unit.components if c not in components
        ]
        problems += [
            (n, f"unknown indicator {i!r}") for i in unit.indicators if i not in plan.index
        ]
    if not units:
        problems.append((0, "no units"))
    if problems:
        raise UnitsError(f"{len(problems)} problem(s) in the units", problems)


def _questions(plan: Plan) -> dict[str, Question]:
    """The LKE question of every row that has one (row id -> question)."""
    linked = [ind for _, _, ind in plan.indicators() if ind.lke]
    if not linked:
        return {}
    model = load_model(plan.regulation)
    return {ind.id: model.question(ind.lke) for ind in linked if ind.lke}


def _criteria_text(qid: str, question: Question) -> str:
    criteria = question.criteria.strip() or "\n".join(question.options)
    return f"LKE {qid}: {question.text.strip()}\n{criteria}".strip()


class _Writer:
    """Writes one workbook: the standard RKT (unit None) or one unit's checklist."""

    def __init__(
        self,
        plan: Plan,
        unit: Unit | None,
        rows: set[str] | None,
        questions: dict[str, Question],
        password: str | None,
    ) -> None:
        self.plan = plan
        self.unit = unit
        self.rows = rows  # None: every row
        self.questions = questions
        self.password = password or ""
        self.meta = metadata(plan, unit)
        self.placed: list[_Row] = []

    # --- workbook --------------------------------------------------------------------------

    def write(self, path: Path) -> None:
        wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
        self.wb = wb
        self.f = _Formats(wb)
        self._properties()
        self._cover(wb.add_worksheet(layout.SHEET_COVER))
        self._guide(wb.add_worksheet(layout.SHEET_GUIDE))
        if self.unit is not None:
            self._identity(wb.add_worksheet(layout.SHEET_IDENTITY), self.unit)
        for comp in self.plan.components:
            picked = [
                (sub, ind)
                for sub in comp.subareas
                for ind in sub.indicators
                if self.rows is None or ind.id in self.rows
            ]
            if picked:  # a unit's form leaves out components it has no row in
                name = layout.component_sheet_name(comp.id, comp.name)
                self._component(wb.add_worksheet(name), comp, picked)
        self._lists(wb.add_worksheet(layout.SHEET_LISTS))
        self._meta(wb.add_worksheet(layout.SHEET_META))
        wb.close()

    def _properties(self) -> None:
        plan, unit = self.plan, self.unit
        subject = (
            f"Lembar periksa {unit.name} ({unit.code})"
            if unit
            else "Rencana Kerja Tahunan Pembangunan Zona Integritas menuju WBK/WBBM"
        )
        self.wb.set_properties(
            {
                "title": f"{plan.title} Tahun {plan.year}",
                "subject": subject,
                "author": f"Tim Reformasi Birokrasi {plan.office.name}",
                "company": plan.office.name,
                "category": "Zona Integritas",
                "keywords": "RKT, Zona Integritas, WBK, WBBM, Reformasi Birokrasi",
                "comments": f"Dibuat dengan rkt_excel {__version__}; jangan ubah struktur berkas.",
                # A fixed date from the plan, never the clock: same plan, same bytes.
                "created": dt.datetime.combine(plan.created, dt.time()),
            }
        )
        for key, value in self.meta.items():
            self.wb.set_custom_property(layout.PROPERTY_PREFIX + key, value, "text")

    def _protect(self, ws: Any) -> None:
        # Row heights are estimates: let people resize rows and columns to read long text.
        ws.protect(self.password, {"format_columns": True, "format_rows": True})

    def _page(self, ws: Any, *, repeat_header: bool) -> None:
        ws.set_paper(9)  # A4
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        office = self.plan.office.name.replace("&", "&&")  # '&' starts a footer code
        ws.set_footer(f"&L&8{office}&R&8Halaman &P dari &N")
        if repeat_header:
            ws.repeat_rows(layout.HEADER_ROW)

    # --- Sampul ----------------------------------------------------------------------------

    def _cover(self, ws: Any) -> None:
        plan, f = self.plan, self.f
        ws.hide_gridlines(2)
        ws.set_column(0, 0, 6)
        ws.set_column(1, 2, 48)
        widths = (6.0, 48.0, 48.0)
        self._page(ws, repeat_header=False)

        r = 0
        head = (plan.office.ministry, plan.office.region, plan.office.name, plan.document.number)
        for text in head:
            if text:
                ws.merge_range(r, 0, r, 2, "", f.center_bold)
                ws.write_string(r, 0, text, f.center_bold)
                r += 1
        r += 1
        title = plan.document.title or f"{plan.title} Tahun {plan.year}"
        ws.merge_range(r, 0, r, 2, "", f.title)
        ws.write_string(r, 0, title, f.title)
        ws.set_row(r, max(2, text_lines(title, sum(widths) * 0.8)) * 20.0)
        r += 1
        ws.merge_range(r, 0, r, 2, "", f.center_bold)
        ws.write_string(r, 0, f"TAHUN {plan.year}", f.center_bold)
        r += 1
        if self.unit is not None:
            line = f"LEMBAR PERIKSA UNIT KERJA: {self.unit.name} ({self.unit.code})"
            ws.merge_range(r, 0, r, 2, "", f.center_bold)
            ws.write_string(r, 0, line, f.center_bold)
            r += 1
        r += 1

        if plan.legal_basis:
            ws.write_string(r, 0, "DASAR HUKUM", f.bold)
            r += 1
            for i, text in enumerate(plan.legal_basis):
                ws.write_string(r, 0, f"{chr(ord('a') + i % 26)}.", f.top)
                ws.merge_range(r, 1, r, 2, "", f.wrap)
                ws.write_string(r, 1, text, f.wrap)
                ws.set_row(r, text_lines(text, widths[1] + widths[2]) * LINE_PT)
                r += 1
            r += 1

        if plan.priority_targets:
            ws.write_string(r, 0, "NO", f.header)
            ws.merge_range(r, 1, r, 2, "", f.header)
            ws.write_string(r, 1, "TARGET PRIORITAS", f.header)
            r += 1
            for i, text in enumerate(plan.priority_targets, start=1):
                ws.write_number(r, 0, i, f.cell_center)
                ws.merge_range(r, 1, r, 2, "", f.cell)
                ws.write_string(r, 1, text, f.cell)
                ws.set_row(r, text_lines(text, widths[1] + widths[2]) * LINE_PT)
                r += 1
            r += 1

        if plan.signatories:
            place = f"{plan.office.city}, " if plan.office.city else ""
            ws.merge_range(r, 0, r, 2, "", f.center)
            ws.write_string(r, 0, place + long_date(plan.created), f.center)
            r += 1
            ws.merge_range(r, 0, r, 2, "", f.center)
            ws.write_string(r, 0, f"Tim Reformasi Birokrasi {plan.office.name}", f.center)
            r += 2
            # Two signatories side by side (columns B and C), as on the printed RKT.
            for start in range(0, len(plan.signatories), 2):
                pair = plan.signatories[start : start + 2]
                for k, person in enumerate(pair):
                    col = 1 + k
                    ws.write_string(r, col, f"{person.role},", f.center)
                    if person.position:
                        ws.write_string(r + 1, col, person.position, f.center)
                    ws.write_string(r + 5, col, person.name, f.signature)
                    if person.nip:
                        ws.write_string(r + 6, col, f"NIP. {person.nip}", f.center)
                r += 8
        self._protect(ws)

    # --- Petunjuk --------------------------------------------------------------------------

    def _guide(self, ws: Any) -> None:
        f = self.f
        ws.hide_gridlines(2)
        ws.set_column(0, 0, 26)
        ws.set_column(1, 1, 100)
        self._page(ws, repeat_header=False)
        r = 0
        ws.merge_range(r, 0, r, 1, "", f.title_left)
        ws.write_string(r, 0, "PETUNJUK PENGISIAN LEMBAR PERIKSA RKT ZONA INTEGRITAS", f.title_left)
        r += 2

        def section(title: str) -> None:
            nonlocal r
            ws.merge_range(r, 0, r, 1, "", f.bold)
            ws.write_string(r, 0, title, f.bold)
            r += 1

        def pair(label: str, text: str, label_format: Any = None) -> None:
            nonlocal r
            ws.write_string(r, 0, label, label_format or f.top_bold)
            ws.write_string(r, 1, text, f.wrap)
            ws.set_row(r, max(text_lines(text, 100), text_lines(label, 26)) * LINE_PT)
            r += 1

        section("1. Cara mengisi")
        steps = [
            "Isi hanya sel berwarna kuning. Sel lain terkunci dan berisi rencana (RKT) yang tidak "
            "boleh diubah.",
            "Jika unit Anda mendapat lembar periksa sendiri, isi dahulu sheet Identitas (nama, "
            "NIP 18 digit, jabatan, tanggal pengisian).",
            "Buka setiap sheet komponen (I sampai VI). Untuk setiap baris, pilih STATUS dari "
            "daftar (klik sel, lalu panah ▼ di sebelah kanan sel).",
            "Isi REALISASI dengan tanggal kegiatan selesai, CAPAIAN (%) dengan angka 0-100, dan "
            "JAWABAN LKE dengan pilihan yang paling sesuai menurut KRITERIA JAWABAN LKE.",
            "Tulis BUKTI DUKUNG dan, bila ada, KETERANGAN / KENDALA.",
            "Jangan menambah, menghapus, memindah atau mengganti nama baris, kolom dan sheet. "
            "Jangan menyalin-tempel dari berkas lain: daftar pilihan dapat ikut terhapus. Ketik "
            "atau pilih nilainya.",
            "Simpan dalam format Excel (.xlsx) dengan nama berkas yang sama, lalu kirim kembali "
            "ke Tim Sekretariat Reformasi Birokrasi.",
        ]
        for i, text in enumerate(steps, start=1):
            pair(f"Langkah {i}", text)
        r += 1

        section("2. Arti setiap kolom")
        for col in layout.COLUMNS:
            who = "diisi unit kerja" if col.input else "dari RKT, terkunci"
            pair(col.header, f"{COLUMN_HELP.get(col.key, '')} ({who})")
        r += 1

        section("3. Nilai STATUS")
        for status in layout.STATUS_VALUES:
            pair(status, STATUS_HELP.get(status, ""), self.f.status_label[status])
        r += 1

        section("4. Skala jawaban LKE")
        pair(
            "Umum",
            "Setiap baris yang terkait dengan pertanyaan LKE menampilkan pertanyaan dan kriteria "
            f"jawabannya di kolom KRITERIA JAWABAN LKE. Baris bertanda {NO_ANSWER} tidak terkait "
            "pertanyaan LKE; sel JAWABAN LKE-nya abu-abu dan tidak perlu diisi.",
        )
        scale_labels = {
            "yn": "Ya / Tidak",
            "abc": "A / B / C",
            "abcd": "A / B / C / D",
            "abcde": "A / B / C / D / E",
            "number": "Angka (jumlah)",
            "score": "Nilai survei",
        }
        for key, label in scale_labels.items():
            pair(label, ANSWER_HELP[key])
        r += 1

        section("5. Cara menuliskan BUKTI DUKUNG")
        evidence = [
            (
                "Tautan",
                "Unggah dokumen ke penyimpanan bersama (misalnya Google Drive) dan tempel "
                "tautannya lengkap, diawali https://. Pastikan tautan dapat dibuka oleh Tim "
                "Penilai (akses: siapa saja yang memiliki link).",
            ),
            (
                "Nama berkas",
                "Jika dokumen dikirim bersama lembar periksa, tulis nama berkasnya "
                "persis, misalnya SK_Tim_ZI_2019.pdf.",
            ),
            (
                "Beberapa bukti",
                "Tulis satu bukti per baris dalam sel yang sama (tekan Alt+Enter "
                "di Excel atau Ctrl+Enter di LibreOffice untuk baris baru).",
            ),
        ]
        for label, text in evidence:
            pair(label, text)
        r += 1

        section("6. Yang diperiksa saat lembar periksa dikembalikan")
        checks = [
            "Berkas adalah lembar periksa dari RKT yang sama (identitas berkas tidak berubah) dan "
            "tidak berisi makro.",
            "Kolom rencana (ID, INDIKATOR, TARGET WAKTU) tidak diubah; baris dan sheet lengkap.",
            "Identitas: nama pengisi, NIP 18 digit, jabatan dan tanggal pengisian terisi.",
            "Setiap baris memiliki STATUS dari daftar.",
            "Status Selesai: REALISASI (tanggal dalam tahun RKT), CAPAIAN 100 dan BUKTI DUKUNG "
            "terisi.",
            "Status Dalam Proses: CAPAIAN di antara 0 dan 100.",
            "Status Tidak Relevan: KETERANGAN menjelaskan alasannya.",
            "JAWABAN LKE sesuai skala pertanyaannya; BUKTI DUKUNG berupa nama berkas atau tautan "
            "yang valid.",
            "Kegiatan yang melewati TARGET WAKTU tetapi belum selesai dicatat sebagai "
            "keterlambatan.",
        ]
        for i, text in enumerate(checks, start=1):
            pair(f"Pemeriksaan {i}", text)
        self._protect(ws)

    # --- Identitas -------------------------------------------------------------------------

    def _identity(self, ws: Any, unit: Unit) -> None:
        f, year = self.f, self.plan.year
        ws.hide_gridlines(2)
        ws.set_column(0, 0, 24)
        ws.set_column(1, 1, 48)
        ws.set_column(2, 2, 52)
        self._page(ws, repeat_header=False)
        ws.merge_range(0, 0, 0, 2, "", f.title_left)
        ws.write_string(0, 0, "IDENTITAS UNIT KERJA DAN PENGISI", f.title_left)
        ws.merge_range(1, 0, 1, 2, "", f.wrap)
        ws.write_string(1, 0, f"{self.plan.office.name} — RKT Zona Integritas Tahun {year}", f.wrap)
        prefilled = {"unit_code": unit.code, "unit_name": unit.name}
        hints = {
            "unit_code": "Diisi oleh Tim Sekretariat; tidak dapat diubah.",
            "unit_name": "Diisi oleh Tim Sekretariat; tidak dapat diubah.",
            "nama_pengisi": "Nama lengkap tanpa gelar pun boleh.",
            "nip": "18 digit tanpa spasi, misalnya 198501012010011001.",
            "jabatan": "Jabatan pengisi, misalnya Kepala Seksi Lalu Lintas Keimigrasian.",
            "tanggal_pengisian": "Tanggal lembar periksa diisi, misalnya 17/08/2019.",
        }
        for field in layout.IDENTITY_FIELDS:
            r = layout.IDENTITY_ROW[field.key]
            ws.set_row(r, 22)
            ws.write_string(r, 0, field.label, f.label)
            ws.write_string(r, 2, hints.get(field.key, ""), f.hint)
            if not field.input:
                ws.write_string(r, 1, prefilled.get(field.key, ""), f.locked_value)
                continue
            if field.key == "nip":
                # Text, not a number: 18 digits exceed Excel's 15 significant digits.
                ws.write_blank(r, 1, None, f.input_text)
                ws.data_validation(r, 1, r, 1, {
                    "validate": "length", "criteria": "==", "value": 18,
                    "input_title": "NIP",
                    "input_message": "Ketik NIP 18 digit tanpa spasi.",
                    "error_title": "NIP tidak valid",
                    "error_message": "NIP harus terdiri atas 18 digit angka, tanpa spasi.",
                })  # fmt: skip
            elif field.key == "tanggal_pengisian":
                ws.write_blank(r, 1, None, f.input_date)
                ws.data_validation(r, 1, r, 1, {
                    "validate": "date", "criteria": "between",
                    "minimum": dt.date(year, 1, 1), "maximum": dt.date(year + 1, 12, 31),
                    "input_title": field.label,
                    "input_message": "Ketik tanggal, misalnya 17/08/2019.",
                    "error_title": "Tanggal tidak valid",
                    "error_message": f"Ketik tanggal antara 1 Januari {year} dan "
                                     f"31 Desember {year + 1}.",
                })  # fmt: skip
            else:
                ws.write_blank(r, 1, None, f.input_text)
                ws.data_validation(r, 1, r, 1, {
                    "validate": "length", "criteria": "between", "minimum": 1, "maximum": 200,
                    "input_title": field.label,
                    "input_message": hints.get(field.key, ""),
                    "error_title": f"{field.label} tidak valid",
                    "error_message": f"Ketik {field.label.lower()} (paling banyak 200 huruf).",
                })  # fmt: skip
        ws.activate()  # a unit's form opens on the sheet they fill first
        self._protect(ws)

    # --- component sheets ------------------------------------------------------------------

    def _component(self, ws: Any, comp: Component, picked: list[tuple[SubArea, Indicator]]) -> None:
        f, plan = self.f, self.plan
        last_col = len(layout.COLUMNS) - 1
        for i, col in enumerate(layout.COLUMNS):
            ws.set_column(i, i, col.width)
        self._page(ws, repeat_header=True)
        # Freeze the titles and header, and ID..INDIKATOR so a row stays readable when
        # scrolling right to the checklist columns.
        ws.freeze_panes(layout.FIRST_DATA_ROW, layout.COL["indikator"] + 1)

        office = plan.office.name + (f" — {self.unit.name}" if self.unit else "")
        titles = (
            (f"{plan.title} Tahun {plan.year}".upper(), f.title_left),
            (office, f.bold),
            (f"{comp.id}. {comp.title or comp.name}".upper(), f.bold),
            ("Isi sel berwarna kuning; sel lain terkunci. Pilih dari daftar (panah ▼) bila ada. "
             "Lihat sheet Petunjuk.", f.hint),
        )  # fmt: skip
        for r, (text, fmt) in enumerate(titles):
            ws.merge_range(r, 0, r, last_col, "", fmt)
            ws.write_string(r, 0, text, fmt)
        ws.set_row(layout.TITLE_ROW, 20)
        header_lines = max(text_lines(c.header, c.width) for c in layout.COLUMNS)
        ws.set_row(layout.HEADER_ROW, max(2, header_lines) * LINE_PT)
        for i, col in enumerate(layout.COLUMNS):
            ws.write_string(layout.HEADER_ROW, i, col.header, f.header)

        sheet = ws.get_name()
        r = layout.FIRST_DATA_ROW
        groups: list[tuple[SubArea, int, int]] = []  # sub-area, first row, last row
        heights: dict[int, float] = {}
        for sub, ind in picked:
            if groups and groups[-1][0] is sub:
                groups[-1] = (sub, groups[-1][1], r)
            else:
                groups.append((sub, r, r))
            question = self.questions.get(ind.id)
            self.placed.append(_Row(comp, sub, ind, sheet, r, question))
            heights[r] = self._data_row(ws, r, ind, question)
            r += 1
        last_row = r - 1

        for sub, first, last in groups:
            k_no, k_name = layout.COL["no"], layout.COL["komponen"]
            if first == last:
                ws.write_number(first, k_no, sub.no, f.cell_center)
                ws.write_string(first, k_name, sub.name, f.cell)
            else:
                ws.merge_range(first, k_no, last, k_no, "", f.cell_center)
                ws.write_number(first, k_no, sub.no, f.cell_center)
                ws.merge_range(first, k_name, last, k_name, "", f.cell)
                ws.write_string(first, k_name, sub.name, f.cell)
            # A merged KOMPONEN spans the rows: grow the last one if the name needs more room.
            need = text_lines(sub.name, layout.COLUMNS[k_name].width) * LINE_PT
            have = sum(heights[x] for x in range(first, last + 1))
            if need > have:
                heights[last] = min(MAX_ROW_PT, heights[last] + need - have)
        for row, height in heights.items():
            ws.set_row(row, height)

        self._validations(ws, layout.FIRST_DATA_ROW, last_row)
        self._protect(ws)

    def _data_row(self, ws: Any, r: int, ind: Indicator, question: Question | None) -> float:
        """Write one indicator row (not NO/KOMPONEN); return the row height it needs."""
        f = self.f
        plan_text = {
            "id": ind.id,
            "indikator": ind.indicator,
            "langkah_aksi": bullets(ind.actions),
            "bukti_fisik": bullets(ind.evidence),
            "target_waktu": ind.target,
            "kriteria": (
                _criteria_text(ind.lke, question)
                if question is not None and ind.lke
                else NO_ANSWER + (f"\n{ind.lke_note}" if ind.lke_note else "")
            ),
        }
        for key, text in plan_text.items():
            fmt = f.id_cell if key == "id" else f.cell
            if text:
                ws.write_string(r, layout.COL[key], text, fmt)
            else:  # an empty string would be stored as a text cell ""
                ws.write_blank(r, layout.COL[key], None, fmt)
        inputs = {
            "status": f.input_status,
            "realisasi": f.input_date,
            "capaian": f.input_percent,
            "jawaban": f.input_center if question is not None else f.no_answer,
            "bukti_dukung": f.input_text,
            "keterangan": f.input_text,
        }
        for key, fmt in inputs.items():
            ws.write_blank(r, layout.COL[key], None, fmt)
        lines = max(
            text_lines(text, layout.COLUMNS[layout.COL[key]].width)
            for key, text in plan_text.items()
        )
        return max(MIN_DATA_ROW_PT, min(MAX_ROW_PT, lines * LINE_PT))

    def _validations(self, ws: Any, first: int, last: int) -> None:
        """Dropdowns and checks on the input columns, with Indonesian prompts and alerts."""
        year = self.plan.year

        def column(key: str, options: dict[str, Any]) -> None:
            c = layout.COL[key]
            ws.data_validation(first, c, last, c, options)

        statuses = ", ".join(layout.STATUS_VALUES)
        column("status", {
            "validate": "list", "source": "=" + layout.LIST_NAMES["status"],
            "input_title": "STATUS",
            "input_message": "Pilih dari daftar: " + statuses + ".",
            "error_title": "Status tidak dikenal",
            "error_message": "Pilih salah satu status dari daftar: " + statuses + ".",
        })  # fmt: skip
        column("realisasi", {
            "validate": "date", "criteria": "between",
            "minimum": dt.date(year, 1, 1), "maximum": dt.date(year, 12, 31),
            "input_title": "REALISASI",
            "input_message": f"Tanggal kegiatan selesai dalam tahun {year}, misalnya 17/08/{year}.",
            "error_title": "Tanggal tidak valid",
            "error_message": f"Ketik tanggal antara 1 Januari {year} dan 31 Desember {year}.",
        })  # fmt: skip
        column("capaian", {
            "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100,
            "input_title": "CAPAIAN (%)",
            "input_message": "Angka 0 sampai 100, tanpa tanda %.",
            "error_title": "Capaian tidak valid",
            "error_message": "Capaian adalah angka 0 sampai 100 (tanpa tanda %).",
        })  # fmt: skip
        for key, title in (("bukti_dukung", "BUKTI DUKUNG"), ("keterangan", "KETERANGAN")):
            column(key, {
                "validate": "length", "criteria": "<=", "value": 2000,
                "input_title": title,
                "input_message": COLUMN_HELP[key],
                "error_title": "Teks terlalu panjang",
                "error_message": "Paling banyak 2000 huruf; simpan teks panjang di dokumen "
                                 "terpisah dan tulis nama berkas atau tautannya.",
            })  # fmt: skip

        # JAWABAN LKE: one validation per answer scale, over every cell with that scale.
        by_type: dict[str, list[str]] = {}
        for placed in self.placed:
            if placed.sheet == ws.get_name() and placed.question is not None:
                cell = xl_rowcol_to_cell(placed.row, layout.COL["jawaban"])
                by_type.setdefault(placed.question.answer_type, []).append(cell)
        for answer_type, cells in sorted(by_type.items()):
            options = _answer_validation(answer_type, self._bounds(answer_type, ws.get_name()))
            options["multi_range"] = " ".join(cells)
            ws.data_validation(cells[0], options)

        # Status colours, so progress shows at a glance.
        c = layout.COL["status"]
        for status, fmt in self.f.status.items():
            ws.conditional_format(first, c, last, c, {
                "type": "cell", "criteria": "==", "value": f'"{status}"', "format": fmt,
            })  # fmt: skip

    def _bounds(self, answer_type: str, sheet: str) -> tuple[float | None, float | None]:
        """The common (minimum, maximum) of the sheet's questions of one numeric answer type.

        Validations are grouped by answer type, so differing bounds fall back to the widest.
        """
        found = {
            (p.question.minimum, p.question.maximum)
            for p in self.placed
            if p.sheet == sheet and p.question is not None and p.question.answer_type == answer_type
        }
        return found.pop() if len(found) == 1 else (None, None)

    # --- Daftar and _rkt_meta --------------------------------------------------------------

    def _lists(self, ws: Any) -> None:
        """The dropdown lists, one per column, each reached through a defined name."""
        lists: dict[str, tuple[str, ...]] = {"status": layout.STATUS_VALUES}
        lists.update(layout.ANSWER_LISTS)
        for c, (key, values) in enumerate(lists.items()):
            ws.set_column(c, c, 16)
            ws.write_string(0, c, layout.LIST_NAMES[key], self.f.bold)
            for r, value in enumerate(values, start=1):
                ws.write_string(r, c, value)
            col = xl_col_to_name(c)
            ref = f"='{layout.SHEET_LISTS}'!${col}$2:${col}${len(values) + 1}"
            self.wb.define_name(layout.LIST_NAMES[key], ref)
        ws.hide()
        self._protect(ws)

    def _meta(self, ws: Any) -> None:
        """Identity key/values, then one line per indicator row (layout.encode_meta)."""
        ws.set_column(0, 0, 20)
        ws.set_column(1, 5, 30)
        rows = [
            layout.MetaRow(
                row_id=p.indicator.id,
                component=p.component.id,
                sheet=p.sheet,
                row=p.row + 1,
                lke=p.indicator.lke or "",
                answer_type=p.question.answer_type if p.question else "",
            )
            for p in self.placed
        ]
        # Every value is text; an empty value is a blank cell (openpyxl drops "" cells on save,
        # so a blank is what a reader sees either way).
        for r, line in enumerate(layout.encode_meta(self.meta, rows)):
            for c, value in enumerate(line):
                if value:
                    ws.write_string(r, c, value)
        ws.very_hidden()
        self._protect(ws)


def _answer_validation(
    answer_type: str, bounds: tuple[float | None, float | None] = (None, None)
) -> dict[str, Any]:
    """The data validation of a JAWABAN LKE cell for an answer scale.

    ``bounds`` are the question's (minimum, maximum) for number and score answers.
    """
    low = 0 if bounds[0] is None else bounds[0]
    if answer_type in layout.ANSWER_LISTS:
        choices = " / ".join(layout.ANSWER_LISTS[answer_type])
        return {
            "validate": "list",
            "source": "=" + layout.LIST_NAMES[answer_type],
            "input_title": "JAWABAN LKE",
            "input_message": f"Pilih {choices}; lihat KRITERIA JAWABAN LKE di sebelah kanan.",
            "error_title": "Jawaban tidak dikenal",
            "error_message": f"Pilih salah satu jawaban dari daftar: {choices}.",
        }
    if answer_type == "number":
        if bounds[1] is not None:
            limit = {"criteria": "between", "minimum": low, "maximum": bounds[1]}
            words = f"{low:g} sampai {bounds[1]:g}"
        else:
            limit = {"criteria": ">=", "value": low}
            words = f"{low:g} atau lebih"
        return {
            "validate": "integer",
            **limit,
            "input_title": "JAWABAN LKE",
            "input_message": f"Ketik angka bulat {words} (jumlah).",
            "error_title": "Jawaban tidak valid",
            "error_message": f"Jawaban adalah angka bulat {words}.",
        }
    if answer_type == "score":
        high = layout.SCORE_MAX if bounds[1] is None else bounds[1]
        return {
            "validate": "decimal",
            "criteria": "between",
            "minimum": low,
            "maximum": high,
            "input_title": "JAWABAN LKE",
            "input_message": f"Ketik nilai survei {low:g} sampai {high:g}.",
            "error_title": "Jawaban tidak valid",
            "error_message": f"Nilai survei adalah angka {low:g} sampai {high:g}.",
        }
    raise ValueError(f"unknown LKE answer type {answer_type!r}")


class _Formats:
    """The cell formats of one workbook (xlsxwriter formats belong to their workbook)."""

    def __init__(self, wb: Any) -> None:
        def fmt(**props: Any) -> Any:
            return wb.add_format({**FONT, **props})

        border = {"border": 1, "border_color": "#808080"}
        wrap = {"text_wrap": True, "valign": "top"}
        self.bold = fmt(bold=True)
        self.top = fmt(valign="top")
        self.top_bold = fmt(bold=True, valign="top", text_wrap=True)
        self.wrap = fmt(**wrap)
        self.center = fmt(align="center")
        self.center_bold = fmt(align="center", bold=True, text_wrap=True)
        self.title = fmt(align="center", valign="vcenter", bold=True, font_size=14, text_wrap=True)
        self.title_left = fmt(bold=True, font_size=12)
        self.signature = fmt(align="center", bold=True, underline=True)
        self.hint = fmt(italic=True, font_color="#595959", text_wrap=True, valign="top")
        self.label = fmt(bold=True, valign="vcenter", **border)
        self.locked_value = fmt(bg_color=PLAN_FILL, valign="vcenter", **border)
        self.header = fmt(
            bold=True, font_color="#FFFFFF", bg_color=HEADER_FILL, align="center",
            valign="vcenter", text_wrap=True, **border,
        )  # fmt: skip
        self.cell = fmt(**wrap, **border)
        self.cell_center = fmt(align="center", valign="top", **border)
        self.id_cell = fmt(valign="top", bg_color=PLAN_FILL, font_size=9, **border)
        self.no_answer = fmt(bg_color="#D9D9D9", **border)
        unlocked = {"locked": False, "bg_color": INPUT_FILL, **border}
        self.input_text = fmt(num_format="@", **wrap, **unlocked)
        self.input_status = fmt(valign="top", **unlocked)
        self.input_center = fmt(align="center", valign="top", **unlocked)
        self.input_date = fmt(num_format=layout.DATE_FORMAT, valign="top", **unlocked)
        self.input_percent = fmt(num_format=layout.PERCENT_FORMAT, valign="top", **unlocked)
        # Conditional formats take only colours; the labels on Petunjuk show the same colours.
        self.status = {
            status: wb.add_format({"bg_color": fill, "font_color": font})
            for status, (fill, font) in STATUS_COLOURS.items()
        }
        self.status_label = {
            status: fmt(bold=True, valign="top", bg_color=fill, font_color=font, **border)
            for status, (fill, font) in STATUS_COLOURS.items()
        }
