"""Write a Plan as a plan workbook (.xlsx): Petunjuk, Rencana, Dokumen, Daftar.

Writer side only (xlsxwriter); never reads a workbook. Every plan text is written with
write_string, so text starting with "=" stays text. Help texts are Indonesian and take their
examples from the plan at hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from rkt_excel.lke import MODEL_IDS, load_model
from rkt_excel.planbook import layout as L
from rkt_excel.plantext import item_marker
from rkt_excel.template import Block, ItemList, Plan
from rkt_excel.xlsx_io import atomic_write

_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
_SPARE_ROWS = 300  # dropdowns reach this far below the last row, for rows people add


def write_planbook(plan: Plan, path: str | Path, *, unit_codes: Iterable[str] = ()) -> Path:
    """Write ``plan`` as a plan workbook at ``path`` (atomically) and return the path.

    ``unit_codes`` feed the PIC dropdown, with every code the plan already uses.
    """
    target = Path(path)
    with atomic_write(target) as tmp:
        _Writer(plan, unit_codes).write(tmp)
    return target


class _Writer:
    def __init__(self, plan: Plan, unit_codes: Iterable[str]) -> None:
        self.plan = plan
        codes = list(
            dict.fromkeys([*unit_codes, *(p for _, _, i in plan.indicators() for p in i.pic)])
        )
        self.unit_codes = codes

    def write(self, path: Path) -> None:
        wb = xlsxwriter.Workbook(str(path), _OPTIONS)
        self.wb = wb
        self.head = wb.add_format(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.comp = wb.add_format(
            {"bold": True, "bg_color": "#FFF2CC", "text_wrap": True, "valign": "top", "border": 1}
        )
        self.title = wb.add_format({"bold": True, "font_size": 14})
        self.plain = wb.add_format({"text_wrap": True, "valign": "top"})
        wb.set_properties({"title": f"Rencana: {self.plan.title} {self.plan.year}"})
        help_ws = wb.add_worksheet(L.SHEET_HELP)
        plan_ws = wb.add_worksheet(L.SHEET_PLAN)
        doc_ws = wb.add_worksheet(L.SHEET_DOC)
        lists_ws = wb.add_worksheet(L.SHEET_LISTS)
        lists = self._lists(lists_ws)
        n_plan = self._plan(plan_ws, lists)
        self._document(doc_ws, lists)
        self._help(help_ws, n_plan)
        plan_ws.activate()
        wb.close()

    # --- Daftar: the dropdown sources ----------------------------------------------------------

    def _lists(self, ws: Any) -> dict[str, str]:
        ws.write_row(0, 0, ("REGULASI", "PERTANYAAN LKE", "TEKS PERTANYAAN", "KODE UNIT", "JENIS"))
        ws.set_column(0, 0, 22)
        ws.set_column(1, 1, 14)
        ws.set_column(2, 2, 80)
        ws.set_column(3, 4, 22)
        for r, model_id in enumerate(MODEL_IDS, start=1):
            ws.write_string(r, 0, model_id)
        questions = []
        try:
            model = load_model(self.plan.regulation)
            questions = [q for q in model.questions.values() if q.kind != "hasil"]
        except KeyError:  # an unknown regulation is the checker's to report
            pass
        for r, q in enumerate(questions, start=1):
            ws.write_string(r, 1, q.id)
            ws.write_string(r, 2, q.text)
        for r, code in enumerate(self.unit_codes, start=1):
            ws.write_string(r, 3, code)
        for r, kind in enumerate(L.DOC_KINDS, start=1):
            ws.write_string(r, 4, kind)

        def ref(col: int, n: int) -> str:
            first = xl_rowcol_to_cell(1, col, row_abs=True, col_abs=True)
            last = xl_rowcol_to_cell(max(n, 1), col, row_abs=True, col_abs=True)
            return f"='{L.SHEET_LISTS}'!{first}:{last}"

        return {
            "regulation": ref(0, len(MODEL_IDS)),
            "lke": ref(1, len(questions)),
            "pic": ref(3, len(self.unit_codes)),
            "kind": ref(4, len(L.DOC_KINDS)),
        }

    # --- Rencana ---------------------------------------------------------------------------

    def _plan(self, ws: Any, lists: dict[str, str]) -> int:
        for n, (_, header, width) in enumerate(L.PLAN_COLUMNS):
            ws.set_column(n, n, width)
            ws.write_string(L.HEADER_ROW, n, header, self.head)
        ws.freeze_panes(L.HEADER_ROW + 1, 3)
        _print_setup(ws)
        ws.autofilter(L.HEADER_ROW, 0, L.HEADER_ROW, len(L.PLAN_COLUMNS) - 1)
        col = L.PLAN_COL
        r = L.HEADER_ROW + 1
        for comp in self.plan.components:
            ws.write_string(r, col["no"], comp.id, self.comp)
            ws.write_string(r, col["komponen"], comp.title, self.comp)
            ws.write_string(r, col["area_name"], comp.name, self.comp)
            r += 1
            for sub in comp.subareas:
                for n, ind in enumerate(sub.indicators):
                    if n == 0:
                        ws.write_number(r, col["no"], sub.no, self.wrap)
                        ws.write_string(r, col["komponen"], sub.name, self.wrap)
                    cells: dict[str, str] = {
                        "indicator": ind.indicator,
                        "actions": "\n".join(ind.actions),
                        "evidence": "\n".join(ind.evidence),
                        "target": ind.target,
                        "lke": ind.lke or "",
                        "pic": "\n".join(ind.pic),
                        "id": ind.id,
                        "months": ", ".join(str(m) for m in ind.months or ()),
                        "lke_note": ind.lke_note,
                        "lke_suggested": L.YES if ind.lke_suggested else "",
                        "repair": ind.repair,
                    }
                    for key, text in cells.items():
                        ws.write_string(r, col[key], text, self.wrap)
                    lines = max(text.count("\n") + 1 for text in cells.values())
                    longest = max(len(ind.indicator) // 40, len(ind.repair) // 28) + 1
                    ws.set_row(r, 15 * max(lines, longest))
                    r += 1
        last = r + _SPARE_ROWS
        first = L.HEADER_ROW + 1
        ws.data_validation(
            first, col["lke"], last, col["lke"],
            {"validate": "list", "source": lists["lke"], "error_type": "warning",
             "input_title": "LKE", "input_message": "Pilih nomor pertanyaan LKE (sheet Daftar)."},
        )  # fmt: skip
        ws.data_validation(
            first, col["pic"], last, col["pic"],
            {"validate": "list", "source": lists["pic"], "show_error": False,
             "input_title": "PIC", "input_message": "Kode unit; beberapa unit: satu per baris."},
        )  # fmt: skip
        ws.data_validation(
            first, col["lke_suggested"], last, col["lke_suggested"],
            {"validate": "list", "source": [L.YES], "error_type": "warning"},
        )  # fmt: skip
        return sum(1 for _ in self.plan.indicators())

    # --- Dokumen ---------------------------------------------------------------------------

    def _document(self, ws: Any, lists: dict[str, str]) -> None:
        for col, (header, width) in enumerate(zip(L.DOC_HEADERS, L.DOC_WIDTHS, strict=True)):
            ws.set_column(col, col, width)
            ws.write_string(L.HEADER_ROW, col, header, self.head)
        ws.freeze_panes(L.HEADER_ROW + 1, 1)
        _print_setup(ws)
        data = self.plan.model_dump(mode="json")
        r = L.HEADER_ROW + 1
        regulation_row = r

        def row(kind: str, text: str = "", no: str = "", fmt: Any = None) -> None:
            nonlocal r
            ws.write_string(r, L.DOC_KIND, kind, fmt or self.plain)
            ws.write_string(r, L.DOC_NO, no, fmt or self.plain)
            ws.write_string(r, L.DOC_TEXT, text, fmt or self.plain)
            ws.set_row(r, 15 * max(text.count("\n") + 1, len(text) // 85 + 1))
            r += 1

        for label, path in L.DOC_FIELDS:
            value: Any = data
            for key in path:
                value = value[key]
            if label == "Regulasi":
                regulation_row = r
            if path in L.LINES_FIELDS:
                row(label, "\n".join(value))
            else:
                row(label, "" if value is None else str(value))
        for person in self.plan.signatories:
            ws.write_string(r, L.DOC_ROLE, person.role, self.plain)
            ws.write_string(r, L.DOC_POSITION, person.position, self.plain)
            ws.write_string(r, L.DOC_NIP, person.nip, self.plain)
            row(L.KIND_SIGNATORY, person.name)
        for n, text in enumerate(self.plan.priority_targets, start=1):
            row(L.KIND_PRIORITY, text, str(n))
        for chapter in self.plan.chapters:
            row(L.KIND_CHAPTER, chapter.title, chapter.number, self.comp)
            self._blocks(row, chapter.body)
            for section in chapter.sections:
                row(L.KIND_SECTION, section.title, section.number, self.head)
                self._blocks(row, section.body)
            if chapter.table:
                row(L.KIND_TABLE, L.TABLE_TEXT)
        for annex in self.plan.annexes:
            row(L.KIND_ANNEX, "\n".join(annex.title), "", self.comp)
            self._blocks(row, annex.body)
        ws.data_validation(
            L.HEADER_ROW + 1, L.DOC_KIND, r + _SPARE_ROWS, L.DOC_KIND,
            {"validate": "list", "source": lists["kind"]},
        )  # fmt: skip
        ws.data_validation(
            regulation_row, L.DOC_TEXT, regulation_row, L.DOC_TEXT,
            {"validate": "list", "source": lists["regulation"]},
        )  # fmt: skip

    @staticmethod
    def _blocks(row: Any, body: Sequence[Block]) -> None:
        for block in body:
            if isinstance(block, ItemList):
                kind = L.ITEM_KINDS[block.style]
                for n, item in enumerate(block.items):
                    row(kind, item, item_marker(block.style, n))
            else:
                row(L.KIND_PARAGRAPH, block)

    # --- Petunjuk --------------------------------------------------------------------------

    def _help(self, ws: Any, n_rows: int) -> None:
        plan = self.plan
        first = next((i for _, _, i in plan.indicators()), None)
        target = first.target if first and first.target else f"Januari {plan.year}"
        comp = plan.components[0]
        ws.set_column(0, 0, 95)
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        lines = [
            ("RENCANA KERJA TAHUNAN DALAM EXCEL", self.title),
            (f"{plan.office.name}, tahun {plan.year} ({n_rows} baris indikator).", None),
            ("", None),
            ("Sheet Rencana: satu baris per indikator, kolom seperti tabel RKT (BAB III).", None),
            (
                f"• Baris komponen: NO = nomor komponen (mis. {comp.id}), KOMPONEN = judul seperti "
                f"tercetak (mis. {comp.title or comp.name}), NAMA AREA = nama area yang benar.",
                None,
            ),
            (
                "• Baris indikator: NO dan KOMPONEN diisi pada baris pertama subkomponen; baris "
                "berikutnya dikosongkan.",
                None,
            ),
            (
                "• LANGKAH AKSI, BUKTI FISIK, PIC: satu butir per baris dalam sel "
                "(Alt+Enter di Excel, Ctrl+Enter di LibreOffice), tanpa tanda butir.",
                None,
            ),
            (f"• TARGET WAKTU ditulis seperti biasa, mis. '{target}'.", None),
            ("• LKE: pilih nomor pertanyaan dari daftar; tanpa pertanyaan: isi CATATAN LKE.", None),
            ("• SARAN LKE = ya: pertanyaan disarankan saat impor; periksa, lalu kosongkan.", None),
            ("• ID: kunci baris formulir; jangan diubah setelah formulir dibagikan.", None),
            ("", None),
            ("Sheet Dokumen: sampul, bab, tanda tangan, lampiran, target prioritas.", None),
            ("• Satu baris per isian; JENIS menyatakan isinya (daftar pilihan).", None),
            (
                "• Bab, Subbab, Paragraf dan Butir berurutan seperti dokumen; 'Tabel rencana' "
                "menandai bab tempat tabel RKT dicetak.",
                None,
            ),
            ("• Penanda tangan: ISI = nama; PERAN, JABATAN, NIP di kolom berikutnya.", None),
            ("", None),
            ("Periksa berkas: rkt-excel template check <berkas>.xlsx", None),
        ]
        for r, (text, fmt) in enumerate(lines):
            ws.write_string(r, 0, text, fmt or self.plain)
            if fmt is None:  # LibreOffice does not fit wrapped rows on open: set the height
                ws.set_row(r, 15 * (len(text) // 90 + 1))


def _print_setup(ws: Any) -> None:
    """Print the sheet as people print the RKT table: A4 landscape, one page wide, the header
    row on every page."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.repeat_rows(L.HEADER_ROW)
