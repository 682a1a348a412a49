"""The RKT document (Word, PDF): the embedded plan comes back through import_plan; every seed
paragraph outside the table is printed; LibreOffice prints it on A4/F4 within the page, no text
below 8 pt."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest
from test_default_plan import SEED_PATH, _seed_outside_table
from test_planimport import another_office, printed

from rkt_excel.generate import generate_workbook
from rkt_excel.planimport import import_plan
from rkt_excel.rktdoc import pdf as pdfmod
from rkt_excel.rktdoc.pdf import ProgramMissingError, write_pdf
from rkt_excel.rktdoc.word import write_document
from rkt_excel.template import Plan
from rkt_excel.texts import describe

MM = 72 / 25.4  # points per millimetre


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory, embedded_plan: Plan) -> Path:
    return write_document(embedded_plan, tmp_path_factory.mktemp("doc") / "rkt.docx")


def test_round_trip_through_import(document: Path, embedded_plan: Plan) -> None:
    plan, problems, suggestions = import_plan(document)
    assert printed(plan) == printed(embedded_plan)  # texts, targets, order, chapters
    # the one thing the import changes on purpose, reported: IV's heading as printed
    assert [(p.code, p.params) for p in problems] == [
        ("component-name-corrected",
         {"title": "PENGAKUAN AKUNTABILITAS", "name": "Penguatan Akuntabilitas Kinerja"})
    ]  # fmt: skip
    assert (plan.year, plan.regulation, plan.created) == (2019, "permenpanrb-52-2014",
                                                         embedded_plan.created)  # fmt: skip
    assert len(suggestions) == 70


def _all_text(path: Path) -> str:
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.append(cell.text)
    return "".join("".join(texts).split())


def test_every_seed_paragraph_outside_the_table_is_printed(document: Path) -> None:
    if not SEED_PATH.is_file():
        pytest.skip(f"seed document not found at {SEED_PATH}")
    pieces = _seed_outside_table(SEED_PATH.read_text(encoding="utf-8"))
    text = _all_text(document)
    assert [p for p in pieces if "".join(p.split()) not in text] == []


def test_every_seed_paragraph_outside_the_table_is_in_the_standard_workbook(
    embedded_plan: Plan, tmp_path: Path
) -> None:
    """The standard workbook carries the document too (Sampul, Dokumen RKT): every paragraph
    and list item of the seed outside its table is in one of its sheets' cells."""
    if not SEED_PATH.is_file():
        pytest.skip(f"seed document not found at {SEED_PATH}")
    pieces = _seed_outside_table(SEED_PATH.read_text(encoding="utf-8"))
    book = generate_workbook(embedded_plan, tmp_path / "rkt.xlsx")
    wb = openpyxl.load_workbook(book, read_only=True)
    cells = [
        str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
        if v is not None
    ]  # fmt: skip
    text = "".join("".join(cells).split())
    assert len(pieces) > 60
    assert [p for p in pieces if "".join(p.split()) not in text] == []


def test_f4_paper_and_unknown_paper(embedded_plan: Plan, tmp_path: Path) -> None:
    path = write_document(embedded_plan, tmp_path / "f4.docx", paper="f4")
    sections = docx.Document(str(path)).sections
    sizes = {(round(s.page_width.mm), round(s.page_height.mm)) for s in sections}
    assert sizes == {(215, 330), (330, 215)}  # portrait text, landscape table
    with pytest.raises(ValueError, match="unknown paper 'letter'"):
        write_document(embedded_plan, tmp_path / "x.docx", paper="letter")


def test_pdf_without_libreoffice_says_how_to_install(
    embedded_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: None)
    with pytest.raises(
        ProgramMissingError, match="apt-get install libreoffice-writer-nogui"
    ) as info:
        write_pdf(embedded_plan, tmp_path / "rkt.pdf")
    assert describe(info.value, "id").startswith("LibreOffice (soffice) tidak ditemukan")
    assert "was not found" in describe(info.value, "en")
    assert not (tmp_path / "rkt.pdf").exists()


# poppler's word boxes are 1.3 x the font size for Liberation Sans (measured: the 8 pt footer
# gives 10.4 pt boxes, the 9 pt table 11.7, the 11 pt body 14.3)
BOX_PER_PT = 1.3
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')


@pytest.mark.programs
@pytest.mark.parametrize(("paper", "size_mm"), [("a4", (210, 297)), ("f4", (215, 330))])
def test_pdf_pages_widths_and_text_size(
    embedded_plan: Plan, tmp_path: Path, paper: str, size_mm: tuple[int, int]
) -> None:
    if pdfmod.find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or poppler-utils (pdftotext) not installed")
    pdf = write_pdf(embedded_plan, tmp_path / "rkt.pdf", paper=paper)
    html = tmp_path / "bbox.html"
    subprocess.run(["pdftotext", "-bbox", str(pdf), str(html)], check=True, timeout=120)
    pages = _PAGE.findall(html.read_text(encoding="utf-8"))
    assert len(pages) >= 10
    landscape = 0
    smallest = 100.0
    for n, (width, height, body) in enumerate(pages, start=1):
        w, h = float(width) / MM, float(height) / MM
        assert sorted((round(w), round(h))) == sorted(size_mm), f"page {n}: {w:.0f} x {h:.0f} mm"
        landscape += w > h
        for x0, y0, x1, y1, word in _WORD.findall(body):
            # within the page, inside a 10 mm band at the edges (margins are 15-25 mm)
            assert float(x0) >= 10 * MM and float(x1) <= float(width) - 10 * MM, (n, word)
            smallest = min(smallest, (float(y1) - float(y0)) / BOX_PER_PT)
    assert landscape >= 3  # the RKT table
    assert smallest >= 7.95, f"text of {smallest:.1f} pt"


def test_another_offices_plan_round_trips_too(tmp_path: Path) -> None:
    other = another_office()
    plan, problems, _ = import_plan(write_document(other, tmp_path / "lain.docx", paper="f4"))
    assert printed(plan) == printed(other) and problems == []
