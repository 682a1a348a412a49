"""Write the whole RKT as a Word document (python-docx): cover, the chapters with the BAB III
table, the signing block, the annexes and the TARGET PRIORITAS page.

Writer only: every text comes from the plan; the fixed words are the RKT's own (BAB, the table
headers, NIP). A4 portrait by default, F4 (215 x 330 mm) on request; the table is printed on
landscape pages of the same paper. ``rkt_excel.planimport`` reads the result back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from rkt_excel.plantext import item_marker
from rkt_excel.template import Block, Component, ItemList, Plan
from rkt_excel.texts import long_date
from rkt_excel.xlsx_io import atomic_write

PAPERS: dict[str, tuple[float, float]] = {"a4": (210, 297), "f4": (215, 330)}  # mm, portrait
FONT = "Arial"
BODY_PT = 11
TABLE_PT = 9  # the smallest text of the document (the test checks nothing is below 8 pt)
HEADERS = ("NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU")
PIC_HEADER = "PENANGGUNG JAWAB"
# share of the landscape text width per column (with and without the PIC column)
_WIDTHS = (0.04, 0.14, 0.25, 0.25, 0.20, 0.12)
_WIDTHS_PIC = (0.04, 0.12, 0.23, 0.23, 0.18, 0.10, 0.10)


def write_document(plan: Plan, path: str | Path, *, paper: str = "a4") -> Path:
    """Write the RKT of ``plan`` as .docx at ``path`` (atomically); ``paper`` is a4 or f4."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPERS)}")
    target = Path(path)
    with atomic_write(target) as tmp:
        _Writer(plan, paper).write(tmp)
    return target


class _Writer:
    def __init__(self, plan: Plan, paper: str) -> None:
        self.plan = plan
        self.width_mm, self.height_mm = PAPERS[paper]
        self.d = docx.Document()
        self.fresh = False  # True right after a section break: the next page is already new

    def write(self, path: Path) -> None:
        d, plan = self.d, self.plan
        self._styles()
        props = d.core_properties
        props.title = plan.document.title
        props.author = plan.signing.team or plan.office.name
        props.subject = plan.title
        # fixed dates: the same plan gives the same document
        props.created = props.modified = props.last_printed = _midnight(plan.created)
        props.revision = 1
        self._page(d.sections[0], landscape=False)
        self._cover()
        tables = [c for c in plan.chapters if c.table]
        for chapter in plan.chapters:
            if chapter.table:  # the table chapter, heading and all, on landscape pages
                self._page(self.d.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            else:
                self._break()
            self._heading(chapter.number, chapter.title)
            self._blocks(chapter.body)
            for section in chapter.sections:
                title = f"{section.number}. {section.title}" if section.number else section.title
                d.add_heading(title, level=2)
                self._blocks(section.body)
            if chapter.table:
                self._rkt_table()
        if not tables:  # a plan without chapters still prints its table
            self._page(self.d.add_section(WD_SECTION.NEW_PAGE), landscape=True)
            self._rkt_table()
        self._signing()
        for annex in plan.annexes:
            self._break()
            self._title_lines(annex.title)
            self._blocks(annex.body)
        if plan.priority_targets or plan.priority_title:
            self._break()
            self._title_lines(plan.priority_title)
            self._priority_table()
        d.save(str(path))

    # --- page and styles ---------------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.d.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        normal.paragraph_format.space_after = Pt(4)
        for name, size in (("Heading 1", 13), ("Heading 2", BODY_PT)):
            style = styles[name]
            style.font.name = FONT
            style.font.size = Pt(size)
            style.font.bold = True
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(10)
            style.paragraph_format.space_after = Pt(6)
            rfonts = style.element.rPr.rFonts
            for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                rfonts.set(qn(attr), FONT)
            for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(theme), None)
        styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _page(self, section: Any, *, landscape: bool) -> None:
        w, h = Mm(self.width_mm), Mm(self.height_mm)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (h, w) if landscape else (w, h)
        margin = Mm(15) if landscape else Mm(25)
        section.left_margin = section.right_margin = margin
        section.top_margin = section.bottom_margin = Mm(20)
        footer = section.footer.paragraphs[0]
        if not footer.text:
            footer.text = ""
            footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = footer.add_run(f"{self.plan.office.name} — ")
            run.font.size = Pt(8)
            _page_field(footer)

    def _text_width_mm(self, landscape: bool) -> float:
        return (self.height_mm - 30) if landscape else (self.width_mm - 50)

    def _break(self) -> None:
        if self.fresh:
            self.fresh = False
            return
        self.d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- text --------------------------------------------------------------------------------

    def _centered(self, text: str, *, bold: bool = True, size: int = BODY_PT) -> None:
        p = self.d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)

    def _cover(self) -> None:
        office, document = self.plan.office, self.plan.document
        for line in (office.ministry, office.region, office.name, document.number):
            if line:
                self._centered(line)
        self.d.add_paragraph()
        for _ in range(6):
            self.d.add_paragraph()
        for line in document.cover_lines:
            self._centered(line, size=16)

    def _title_lines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self._centered(line, size=12)
        self.d.add_paragraph()

    def _heading(self, number: str, title: str) -> None:
        self.d.add_heading(f"BAB {number}\n{title}" if number else title, level=1)

    def _blocks(self, body: Sequence[Block]) -> None:
        for block in body:
            if isinstance(block, ItemList):
                for n, item in enumerate(block.items):
                    p = self.d.add_paragraph(f"{item_marker(block.style, n)}\t{item}")
                    fmt = p.paragraph_format
                    fmt.left_indent, fmt.first_line_indent = Mm(8), Mm(-8)
                    fmt.tab_stops.add_tab_stop(Mm(8))
                    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            else:
                p = self.d.add_paragraph(block)
                p.paragraph_format.first_line_indent = Mm(10)
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    # --- the RKT table (landscape pages) -----------------------------------------------------

    def _rkt_table(self) -> None:
        plan = self.plan
        with_pic = any(i.pic for _, _, i in plan.indicators())
        headers = (*HEADERS, PIC_HEADER) if with_pic else HEADERS
        shares = _WIDTHS_PIC if with_pic else _WIDTHS
        total = self._text_width_mm(landscape=True)
        widths = [Mm(total * share) for share in shares]
        table = self.d.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        head = table.rows[0]
        _repeat_header(head)
        for cell, text in zip(head.cells, headers, strict=True):
            self._cell(cell, [text], bold=True, center=True)
        for comp in plan.components:
            self._component_rows(table, comp, with_pic)
        _widths(table, widths)
        self._page(self.d.add_section(WD_SECTION.NEW_PAGE), landscape=False)
        self.fresh = True

    def _component_rows(self, table: Any, comp: Component, with_pic: bool) -> None:
        cells = table.add_row().cells
        self._cell(cells[0], [comp.id], bold=True, center=True)
        merged = cells[1].merge(cells[-1])
        self._cell(merged, [comp.title or comp.name], bold=True)
        for sub in comp.subareas:
            first = None
            for ind in sub.indicators:
                cells = table.add_row().cells
                if first is None:
                    first = cells
                    self._cell(cells[0], [str(sub.no)], center=True)
                    self._cell(cells[1], [sub.name])
                else:
                    first[0].merge(cells[0])
                    first[1].merge(cells[1])
                self._cell(cells[2], [ind.indicator], bullets=True)
                self._cell(cells[3], ind.actions, bullets=True)
                self._cell(cells[4], ind.evidence, bullets=True)
                self._cell(cells[5], [ind.target])
                if with_pic:
                    self._cell(cells[6], ind.pic)

    def _cell(
        self, cell: Any, lines: Sequence[str], *, bold: bool = False, center: bool = False,
        bullets: bool = False, size: int = TABLE_PT,
    ) -> None:  # fmt: skip
        for n, line in enumerate(lines):
            p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            fmt = p.paragraph_format
            fmt.space_after = Pt(1)
            if bullets:
                fmt.left_indent, fmt.first_line_indent = Mm(3.5), Mm(-3.5)
            run = p.add_run(f"•\t{line}" if bullets else line)
            if bullets:
                fmt.tab_stops.add_tab_stop(Mm(3.5))
            run.font.size = Pt(size)
            run.bold = bold
            if center:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # --- signing, priority table -------------------------------------------------------------

    def _signing(self) -> None:
        sg = self.plan.signing
        if not (sg.date or sg.team or sg.heading or sg.signatories):
            return
        if not self.fresh:
            self.d.add_paragraph()
        self.fresh = False
        if sg.date is not None:
            place = sg.place or self.plan.office.city
            self._centered(f"{place}, {long_date(sg.date)}" if place else long_date(sg.date),
                           bold=False)  # fmt: skip
        if sg.team:
            self._centered(sg.team, bold=False)
        if sg.heading:
            self._centered(sg.heading, bold=False)
        people = sg.signatories
        if not people:
            return
        cols = min(2, len(people))
        table = self.d.add_table(rows=(len(people) + cols - 1) // cols, cols=cols)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for n, person in enumerate(people):
            cell = table.cell(n // cols, n % cols)
            lines = [f"{person.role},"] + ([person.position] if person.position else [])
            lines += ["", "", "", person.name] + ([f"NIP. {person.nip}"] if person.nip else [])
            for k, line in enumerate(lines):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(0)
                run = p.add_run(line)
                if line == person.name:
                    run.bold = run.underline = True

    def _priority_table(self) -> None:
        targets = self.plan.priority_targets
        table = self.d.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _repeat_header(table.rows[0])
        size = BODY_PT
        self._cell(table.rows[0].cells[0], ["NO"], bold=True, center=True, size=size)
        self._cell(table.rows[0].cells[1], ["TARGET PRIORITAS"], bold=True, center=True, size=size)
        for n, text in enumerate(targets, start=1):
            cells = table.add_row().cells
            self._cell(cells[0], [str(n)], center=True, size=size)
            self._cell(cells[1], text.split("\n"), size=size)
        total = self._text_width_mm(landscape=False)
        _widths(table, [Mm(12), Mm(total - 12)])


def _midnight(day: Any) -> Any:
    import datetime as dt

    return dt.datetime.combine(day, dt.time())


def _widths(table: Any, widths: Sequence[Any]) -> None:
    """Column widths in the table grid (LibreOffice reads these) and in every cell (Word)."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _repeat_header(row: Any) -> None:
    """Mark a table row as the header Word and LibreOffice repeat on every page (w:tblHeader;
    python-docx has no API for it)."""
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _page_field(paragraph: Any) -> None:
    """A PAGE field (the page number) at the end of ``paragraph``."""
    run = paragraph.add_run()
    run.font.size = Pt(8)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
