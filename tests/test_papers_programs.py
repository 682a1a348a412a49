"""Every workbook the project writes, printed by LibreOffice: each sheet one page wide where it
is fit to the width, within a stated number of pages, on the paper asked for, its text legible
where that was promised, and every wrapped cell's row at least as high as its text needs.

The workbooks: the standard RKT workbook, a unit's form, its annotated copy, the recap of an
office on PermenPANRB 52/2014 (the demo) and of one on 90/2021 (a starter plan, simulated
units), and the Kanwil roll-up. One LibreOffice run prints them all (tests/pages.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pages import Page, WorkbookLayout, inspect_workbooks, needs_uno

from rkt_excel.annotate import annotate
from rkt_excel.collect import run_consolidation
from rkt_excel.demo import run_demo
from rkt_excel.generate import distribute_forms, generate_workbook
from rkt_excel.read import read_form
from rkt_excel.recap import read_recap, write_recap, write_rollup
from rkt_excel.simulate import fill_form, read_meta, simulate_unit
from rkt_excel.starter import new_plan
from rkt_excel.template import load_template
from rkt_excel.units import Unit
from rkt_excel.validate import validate

pytestmark = [pytest.mark.programs, needs_uno]  # about 70 s: one demo, one LibreOffice run

# Pages per sheet at most (the demo's data; a sheet not named here: DEFAULT_MAX_PAGES).
DEFAULT_MAX_PAGES = 6
MAX_PAGES: dict[str, int] = {
    "LKE": 32,  # 52/2014: 18 pages, 90/2021: 28 (its criteria are longer)
    "Rekap Indikator": 8,
    "Kriteria LKE": 20,
    "I Manajemen Perubahan": 8,
    "III Sistem Manajemen SDM": 8,
    "Validasi": 6,
    "Prioritas Perbaikan": 16,  # 90/2021 simulated: 14 (many area minimums fail)
    "Dokumen RKT": 8,  # the seed's BAB I-IV, its Mekanisme annex, priority targets: 7 on A4
}
MIN_FONT_PT = 7.0  # the checklist's and the LKE sheet's text on paper
LEGIBLE = ("LKE", "Kriteria LKE", "Petunjuk", "Identitas", "Sampul", "Hasil Pemeriksaan")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, WorkbookLayout]:
    root = tmp_path_factory.mktemp("papers")
    demo = run_demo(root / "demo")
    office = demo.offices[0]
    form = office.forms[0]
    returned = office.returned[0]
    embedded = load_template()
    report = validate(read_form(returned, embedded), embedded, as_of=dt.date(2019, 8, 31))
    copy = annotate(returned, report, root / "form.periksa.xlsx", paper="a4")
    files = {
        "standard": generate_workbook(embedded, root / "rkt.xlsx"),
        "standard-f4": generate_workbook(embedded, root / "rkt-f4.xlsx", paper="f4"),
        "form": form,
        "annotated": copy,
        "recap-52": office.recap,
        "recap-90": _recap_90(root / "90"),
        "rollup": demo.rollup,
    }
    layouts = inspect_workbooks([Path(p) for p in files.values() if p], root / "lo")
    return {name: layouts[Path(p)] for name, p in files.items() if p}


def _recap_90(folder: Path) -> Path:
    plan = new_plan("permenpanrb-90-2021", year=2031, office="BALAI CONTOH UTARA")
    ids = [i.id for _, _, i in plan.indicators()]
    half = len(ids) // 2
    units = [
        Unit("SEKR", "Sekretariat", (), tuple(ids[:half])),
        Unit("PEL", "Seksi Pelayanan", (), tuple(ids[half:])),
    ]
    forms = distribute_forms(plan, units, folder / "formulir")
    back = []
    for n, form in enumerate(forms):
        _, rows = read_meta(form)
        sim = simulate_unit(plan, list(rows), seed=90 + n, as_of=dt.date(2031, 8, 31))
        back.append(fill_form(form, sim.rows, identity=sim.identity, out=folder / form.name))
    result = run_consolidation(back, plan, units=units, as_of=dt.date(2031, 8, 31))
    recap = write_recap(result, plan, folder / "rekap.xlsx")
    write_rollup([read_recap(recap)], folder / "rollup.xlsx")
    return recap


def own_pages(pages: tuple[Page, ...], sheet: str) -> list[Page]:
    """The pages whose header (the top 45 pt) names ``sheet``: LibreOffice prints the print
    area of another sheet with a sheet printed alone, and the header tells them apart."""
    out = []
    for page in pages:
        top = " ".join(w.text for w in page.words if w.y1 < 45)
        if top.endswith(sheet) or f" {sheet} " in f" {top} ":
            out.append(page)
    return out


@pytest.mark.parametrize(
    "name", ["standard", "standard-f4", "form", "annotated", "recap-52", "recap-90", "rollup"]
)
def test_every_sheet_prints_one_page_wide_within_its_pages(
    printed: dict[str, WorkbookLayout], name: str
) -> None:
    layout = printed[name]
    assert layout.sheets, name
    paper = "F4" if name.endswith("f4") else "A4"
    for sheet, pages in layout.sheets.items():
        where = f"{name}: {sheet}"
        assert pages.paper == paper, where
        if pages.fit_width:
            assert pages.pages_wide == 1, (where, pages.ranges)
        own = own_pages(pages.pages, sheet)
        assert own, where  # every page names its sheet in the header
        assert len(own) <= MAX_PAGES.get(sheet, DEFAULT_MAX_PAGES), (where, len(own))
        assert not pages.cut_lines, (where, pages.cut_lines[:3])
        legible = sheet in LEGIBLE or (name in ("standard", "form") and sheet[:1] in "IV")
        if legible and pages.min_font_pt is not None:
            assert pages.min_font_pt >= MIN_FONT_PT - 0.05, (where, pages.min_font_pt)


@pytest.mark.parametrize(
    "name", ["standard", "standard-f4", "form", "annotated", "recap-52", "recap-90", "rollup"]
)
def test_every_wrapped_row_is_high_enough(printed: dict[str, WorkbookLayout], name: str) -> None:
    low = printed[name].too_low()
    assert low == [], [(r.sheet, r.row, r.height_pt, r.needed_pt) for r in low[:10]]


def test_tables_print_landscape_and_the_lke_sheet_keeps_its_columns(
    printed: dict[str, WorkbookLayout],
) -> None:
    for name in ("recap-52", "recap-90"):
        lke = printed[name].sheets["LKE"]
        assert (lke.orientation, lke.pages_wide) == ("landscape", 1), name
        first = lke.pages[0].words
        text = " ".join(w.text for w in first)
        for heading in ("Kode", "Pertanyaan", "Bobot", "Penjelasan", "Jawaban", "Nilai"):
            assert heading in text, (name, heading)
    hasil = printed["annotated"].sheets["Hasil Pemeriksaan"]
    assert (hasil.orientation, hasil.pages_wide) == ("landscape", 1)
    assert "Halaman" in " ".join(w.text for w in hasil.pages[0].words)
