"""The oracles of tests/pages.py on small files built here: they see what they claim to see.

One LibreOffice run prints every workbook of this module, one more every document.
"""

from __future__ import annotations

import collections
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from pages import DocumentPages, WorkbookLayout, inspect_documents, inspect_workbooks, needs_uno

from rkt_excel.textfit import Cell, row_height

pytestmark = [pytest.mark.programs, needs_uno]

LONG = "Rencana kerja tahunan pembangunan zona integritas menuju wilayah bebas dari korupsi"


def build_workbook(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    wrap = wb.add_format({"font_name": "Arial", "font_size": 10, "text_wrap": True})
    plain = wb.add_format({"font_name": "Arial", "font_size": 10})

    ws = wb.add_worksheet("Tinggi")  # row heights
    ws.set_column(0, 0, 20)
    ws.write_string(0, 0, LONG, wrap)  # 4 lines, left at the default 15 pt: too low
    ws.write_string(1, 0, LONG, wrap)
    ws.set_row(1, row_height([Cell(LONG, 20)], program="libreoffice"))  # fitted
    ws.write_string(2, 0, "satu baris", wrap)
    ws.set_row(2, 100)  # one line in a 100 pt row: far too high
    ws.write_string(3, 0, LONG, plain)  # not wrapped: not a wrapped row, whatever its height

    for name, columns, fit in (("Satu", 16, True), ("Dua", 12, False)):
        ws = wb.add_worksheet(name)
        ws.set_paper(9)  # A4
        # columns of 10 are about 59 pt each in LibreOffice. 12 are more than one A4 portrait
        # width (494 pt inside the default margins) and less than two; 16 are more than one
        # landscape width (737 pt), so fitting them shrinks the print.
        ws.set_column(0, columns - 1, 10)
        for c in range(columns):
            ws.write_string(0, c, f"{name}{c}", plain)
        if fit:
            ws.set_landscape()
            ws.fit_to_pages(1, 0)

    ws = wb.add_worksheet("Kecil")
    ws.set_paper(9)
    ws.write_string(0, 0, "enam poin", wb.add_format({"font_name": "Arial", "font_size": 6}))
    ws.write_string(1, 0, "sepuluh poin", plain)

    ws = wb.add_worksheet("Skala")
    ws.set_paper(9)
    ws.set_print_scale(50)
    ws.write_string(0, 0, "sepuluh poin setengah", plain)

    ws = wb.add_worksheet("Folio")
    ws.set_paper(14)  # Excel's Folio, 8.5 x 13 in: what Indonesian offices call F4
    ws.write_string(0, 0, "kertas folio", plain)

    ws = wb.add_worksheet("Terpotong")  # top-aligned text in too low a row: printed, but cut
    ws.set_column(0, 0, 20)
    top = wb.add_format({"font_name": "Arial", "font_size": 10, "text_wrap": True, "valign": "top"})
    ws.write_string(0, 0, LONG, top)
    ws.set_row(0, 30)  # four lines of 11.2 pt in 30 pt: the last two are under the bottom
    ws.write_string(1, 0, "baris berikut", top)

    ws = wb.add_worksheet("Tersembunyi")
    ws.write_string(0, 0, "tidak dicetak", plain)
    ws.hide()
    wb.close()
    return path


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> WorkbookLayout:
    root = tmp_path_factory.mktemp("pages")
    path = build_workbook(root / "contoh.xlsx")
    return inspect_workbooks([path], root / "lo")[path]


def test_a_row_lower_than_its_wrapped_text_is_found(layout: WorkbookLayout) -> None:
    low = [(r.sheet, r.row) for r in layout.too_low()]
    assert low == [("Tinggi", 1), ("Terpotong", 1)]
    (first,) = [r for r in layout.rows if (r.sheet, r.row) == ("Tinggi", 1)]
    assert first.height_pt == 15.0 and first.needed_pt > 40  # four lines need about 47 pt


def test_a_fitted_row_passes_and_a_far_too_high_one_is_found(layout: WorkbookLayout) -> None:
    rows = {(r.sheet, r.row): r for r in layout.rows}
    fitted = rows["Tinggi", 2]
    assert fitted.wrapped and 0 <= fitted.over_pt < 0.75
    assert [(r.sheet, r.row) for r in layout.too_high(max_over_pt=5)] == [("Tinggi", 3)]
    assert rows["Tinggi", 3].needed_pt == 12.8  # one line: LibreOffice's standard row, 256 twips
    assert not rows["Tinggi", 4].wrapped


def test_a_sheet_fit_to_one_page_wide_is_one_page_wide(layout: WorkbookLayout) -> None:
    one = layout.sheets["Satu"]
    assert (one.page_count, one.pages_wide, one.one_page_wide) == (1, 1, True)
    assert (one.paper, one.orientation, one.fit_width) == ("A4", "landscape", 1)


def test_a_sheet_not_fit_prints_two_pages_wide(layout: WorkbookLayout) -> None:
    two = layout.sheets["Dua"]
    assert (two.page_count, two.pages_wide, two.pages_tall) == (2, 2, 1)
    assert (two.paper, two.orientation, two.one_page_wide) == ("A4", "portrait", False)
    assert two.ranges[0][0] == 0 and two.ranges[1][0] > 0  # the second page starts further right


def test_pages_of_each_sheet_are_its_own(layout: WorkbookLayout) -> None:
    words = {name: {w.text for p in s.pages for w in p.words} for name, s in layout.sheets.items()}
    assert "Satu0" in words["Satu"] and "Dua0" not in words["Satu"]
    assert "Dua11" in words["Dua"] and "Satu0" not in words["Dua"]
    assert "Tersembunyi" not in layout.sheets  # a hidden sheet does not print


def test_text_left_out_or_cut_on_paper_is_found(layout: WorkbookLayout) -> None:
    # a bottom-aligned cell too low (Tinggi A1): LibreOffice prints only its last two lines
    lost = layout.sheets["Tinggi"].missing_chars
    assert lost == collections.Counter(
        ch for ch in "Rencana kerja tahunan pembangunan zona" if ch != " "
    )
    assert layout.sheets["Tinggi"].text_lost
    # a top-aligned one: all four lines are drawn, the last two below the cell, hidden
    cut = layout.sheets["Terpotong"].cut_lines
    assert len(cut) == 2 and not layout.sheets["Terpotong"].missing_chars
    assert all(c.y > c.cell_bottom and c.size_pt == pytest.approx(10, abs=0.01) for _, c in cut)
    assert not any(layout.sheets[name].text_lost for name in ("Satu", "Dua", "Kecil", "Folio"))


def test_smallest_text_size_and_print_scale(layout: WorkbookLayout) -> None:
    assert layout.sheets["Kecil"].min_font_pt == pytest.approx(6.0, abs=0.05)
    assert layout.sheets["Skala"].min_font_pt == pytest.approx(5.0, abs=0.05)  # 10 pt at 50 %
    assert layout.sheets["Skala"].scale == 50
    fitted = layout.sheets["Satu"].min_font_pt
    assert fitted is not None and 7 < fitted < 8  # fitting to the width: 737 / 951 x 10 pt


def test_paper_sizes(layout: WorkbookLayout) -> None:
    folio = layout.sheets["Folio"].pages[0]
    assert folio.paper == "F4" and folio.orientation == "portrait"
    assert folio.width_mm == pytest.approx(215.9, abs=0.5)
    assert folio.height_mm == pytest.approx(330.2, abs=0.5)
    a4 = layout.sheets["Kecil"].pages[0]
    assert (round(a4.width_mm), round(a4.height_mm)) == (210, 297)


# --- documents ------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _run(text: str, half_points: int) -> str:
    return f'<w:r><w:rPr><w:sz w:val="{half_points}"/></w:rPr><w:t>{text}</w:t></w:r>'


def _table(widths_twips: list[int], words: list[str]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    cells = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p>{_run(t, 20)}</w:p></w:tc>'
        for w, t in zip(widths_twips, words, strict=True)
    )
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr>{cells}</w:tr></w:tbl>"
    )


def build_docx(path: Path, body: str) -> Path:
    """A minimal .docx: A4 portrait (11906 x 16838 twips), 2 cm margins."""
    sect = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" '
        'w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    document = f'<w:document xmlns:w="{_W}"><w:body>{body}<w:p/>{sect}</w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr("word/document.xml", document)
    return path


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, DocumentPages]:
    root = tmp_path_factory.mktemp("docs")
    words = ["Komponen", "Pemenuhan", "Reform", "Bobot"]
    paths = {
        # 4 columns of 2.5 cm in a 17 cm text width
        "fits": build_docx(
            root / "pas.docx",
            f"<w:p>{_run('Rencana kerja', 24)}</w:p>{_table([1417] * 4, words)}"
            f"<w:p>{_run('catatan kecil', 12)}</w:p>",
        ),
        # 4 columns of 9 cm: the last ones fall off the page
        "wide": build_docx(root / "lebar.docx", _table([5103] * 4, words)),
    }
    found = inspect_documents(list(paths.values()), root / "lo")
    return {key: found[p] for key, p in paths.items()}


def test_a_document_that_fits_the_page(documents: dict[str, DocumentPages]) -> None:
    doc = documents["fits"]
    assert (doc.page_count, doc.paper, doc.orientation) == (1, "A4", "portrait")
    assert doc.within_width and not doc.missing_words and not doc.outside
    assert doc.min_font_pt == pytest.approx(6.0, abs=0.05)  # "catatan kecil" is 6 pt (w:sz 12)
    assert doc.pages[0].text_right_mm < 210 - 20 + 1


def test_a_table_wider_than_the_page_is_found(documents: dict[str, DocumentPages]) -> None:
    doc = documents["wide"]
    assert not doc.within_width
    # columns start at 2, 11, 20 and 29 cm on a 21 cm page: the last two are cut or lost
    lost = set(doc.missing_words) | {w.text for _, w in doc.outside}
    assert {"Bobot"} <= lost and "Komponen" not in lost
