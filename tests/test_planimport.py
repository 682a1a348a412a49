"""`template import`: Word RKTs built in code in each variant offices use import to the plan
they were built from; every problem is reported with its location."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from docx_build import OTHER_HEADERS, Variant, build_docx

from rkt_excel.lke import load_model
from rkt_excel.planimport import (
    ImportProblem,
    PlanImportError,
    import_plan,
    render_problem,
)
from rkt_excel.template import Plan


def printed(plan: Plan) -> dict[str, Any]:
    """What an RKT document shows of a plan: the texts, targets, order and chapters."""
    return {
        "office": (plan.office.ministry, plan.office.region, plan.office.name),
        "document": plan.document.model_dump(),
        "chapters": [c.model_dump() for c in plan.chapters],
        "signing": plan.signing.model_dump(),
        "annexes": [a.model_dump() for a in plan.annexes],
        "priority": (plan.priority_title, plan.priority_targets),
        "components": [
            (c.id, c.name, c.title, [
                (s.no, s.name, [(i.id, i.indicator, i.actions, i.evidence, i.target, i.pic)
                                for i in s.indicators])
                for s in c.subareas
            ])
            for c in plan.components
        ],
    }  # fmt: skip


def codes(problems: list[ImportProblem]) -> list[tuple[str, int, int, str]]:
    return [(p.code, p.location.table, p.location.row, p.location.column) for p in problems]


@pytest.fixture(scope="module")
def small() -> Plan:
    return another_office()


def another_office() -> Plan:
    """Two components, PICs, a chapter with the table, signatories: another office, 2031."""
    data = {
        "id": "kantor-lain-2031", "year": 2031, "regulation": "permenpanrb-90-2021",
        "created": dt.date(2031, 1, 6),
        "office": {"ministry": "KEMENTERIAN CONTOH", "region": "WILAYAH UTARA",
                   "name": "BALAI CONTOH UTARA", "city": "Kota Utara"},
        "document": {"number": "B.01-PR.02 TAHUN 2031", "title": "RENCANA KERJA TAHUN 2031",
                     "cover": ["RENCANA KERJA", "TAHUN 2031"]},
        "chapters": [
            {"number": "I", "title": "PENDAHULUAN", "sections": [
                {"number": "1", "title": "Latar Belakang", "body": ["Balai membangun ZI."]},
                {"number": "2", "title": "Dasar Hukum",
                 "body": [{"style": "a", "items": ["Peraturan Nomor 90 Tahun 2021", "Surat"]}]},
            ]},
            {"number": "II", "title": "RENCANA AKSI", "table": True},
            {"number": "III", "title": "PENUTUP", "body": ["Demikian."]},
        ],
        "signing": {"place": "Kota Utara", "date": dt.date(2031, 1, 6), "team": "Tim ZI Balai",
                    "heading": "Mengetahui:", "signatories": [
                        {"role": "Kepala", "name": "Budi", "nip": "197001012000011001"}]},
        "annexes": [{"title": ["MEKANISME", "TAHUN 2031"],
                     "body": [{"style": "1", "items": ["Rapat.", "SK."]}]}],
        "priority_title": ["TARGET UTAMA"],
        "priority_targets": ["Tim terbentuk", "SOP dievaluasi"],
        "components": [
            {"id": "I", "name": "Manajemen Perubahan", "title": "MANAJEMEN PERUBAHAN",
             "subareas": [
                 {"no": 1, "name": "Tim Kerja", "indicators": [
                     {"id": "I.1.a", "indicator": "Tim dibentuk", "actions": ["Rapat", "SK"],
                      "evidence": ["SK Tim"], "target": "Januari 2031", "pic": ["TU"],
                      "lke": None, "lke_note": "-"},
                     {"id": "I.1.b", "indicator": "Anggota dipilih", "actions": ["Seleksi"],
                      "evidence": ["Notulen", "Daftar hadir"], "target": "Februari 2031",
                      "pic": ["TU", "UM"], "lke": None, "lke_note": "-"}]},
                 {"no": 2, "name": "Rencana", "indicators": [
                     {"id": "I.2.a", "indicator": "Rencana disusun", "actions": ["Menyusun"],
                      "evidence": [], "target": "Juni, Desember 2031", "lke": None,
                      "lke_note": "-"}]}]},
            {"id": "II", "name": "Penataan Tatalaksana", "title": "PENATAAN TATALAKSANA",
             "subareas": [{"no": 1, "name": "SOP", "indicators": [
                 {"id": "II.1.a", "indicator": "SOP dievaluasi", "actions": ["Evaluasi SOP"],
                  "evidence": ["Laporan"], "target": "Maret – Mei 2031", "pic": ["PR"],
                  "lke": None, "lke_note": "-"}]}]},
        ],
    }  # fmt: skip
    return Plan.model_validate(data)


VARIANTS = {
    "list-paragraphs-merged-cells": Variant(),
    "typed-marks-blank-cells": Variant(bullets="typed", merge_no=False, heading_merged=False),
    "table-per-component-repeated-headers": Variant(per_component=True, repeat_header_every=1),
    "other-headers-pic-column": Variant(headers=OTHER_HEADERS, pic_column=True),
}


@pytest.mark.parametrize("name", VARIANTS)
def test_variants_import_to_the_plan_they_were_built_from(
    name: str, small: Plan, tmp_path: Path
) -> None:
    variant = VARIANTS[name]
    if not variant.pic_column:  # without the column there is no PIC to read back
        small = small.model_copy(
            update={"components": tuple(
                c.model_copy(update={"subareas": tuple(
                    s.model_copy(update={"indicators": tuple(
                        i.model_copy(update={"pic": ()}) for i in s.indicators)})
                    for s in c.subareas)})
                for c in small.components)}
        )  # fmt: skip
    path = build_docx(small, tmp_path / f"{name}.docx", variant)
    plan, problems, suggestions = import_plan(path)
    assert printed(plan) == printed(small)
    assert problems == []
    assert (plan.year, plan.regulation, plan.office.city) == (
        2031,
        "permenpanrb-90-2021",
        "Kota Utara",
    )
    # every row gets a suggested LKE question of its own area, listed for confirmation
    assert [s.row_id for s in suggestions] == ["I.1.a", "I.1.b", "I.2.a", "II.1.a"]
    model = load_model(plan.regulation)
    for comp, _, ind in plan.indicators():
        assert ind.lke_suggested and ind.lke is not None
        assert model.question(ind.lke).area == comp.id


def test_embedded_plan_from_a_seed_like_word_file(embedded_plan: Plan, tmp_path: Path) -> None:
    variant = Variant(
        bullets="typed",
        repeat_header_every=12,
        continued={"VI.2.e": ("actions", 1), "VI.1.c": ("evidence", 1)},
    )
    plan, problems, suggestions = import_plan(
        build_docx(embedded_plan, tmp_path / "rkt.docx", variant)
    )
    assert printed(plan) == printed(embedded_plan)
    assert [(p.code, p.params.get("row_id"), p.params.get("text")) for p in problems] == [
        ("component-name-corrected", None, None),  # IV printed "PENGAKUAN AKUNTABILITAS"
        ("row-continued", "VI.1.c", "pelayanan"),
        ("row-continued", "VI.2.e", "haji"),
    ]
    assert all(p.location.table and p.location.row and p.location.column for p in problems)
    # the suggestions find the question the embedded plan links in 67 of 70 rows
    hits = sum(s.question == embedded_plan.indicator(s.row_id).lke for s in suggestions)
    assert len(suggestions) == 70 and hits == 67


def _cell_items(cell: Any, texts: list[str], style: str = "List Bullet") -> None:
    cell.paragraphs[0].text = texts[0]
    cell.paragraphs[0].style = style
    for text in texts[1:]:
        cell.add_paragraph(text, style=style)


HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "TARGET WAKTU"]


def _table(d: Any, rows: list[list[Any]], header: list[str] = HEADER) -> Any:
    """A table: the header, then the rows; a list value is a cell of List Bullet items."""
    t = d.add_table(rows=0, cols=len(header))
    for values in [header, *rows]:
        cells = t.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            if isinstance(value, list):
                _cell_items(cell, value)
            else:
                cell.text = value
    return t


def test_one_row_two_indicators_and_a_shared_action(tmp_path: Path) -> None:
    """The seed's II.1 row: two indicators, one action (serving both), two evidence items,
    one target; and an action cell merged down over two rows serves both rows."""
    d = docx.Document()
    d.add_paragraph("KANTOR CONTOH")
    d.add_paragraph("RKT TAHUN 2031")
    t = _table(d, [
        ["II PENATAAN TATALAKSANA", "", "", "", "", ""],
        ["1", "SOP", ["SOP mengacu proses bisnis", "SOP telah dievaluasi"],
         ["Melakukan evaluasi SOP"], ["Dokumen SOP", "Laporan evaluasi"], "Desember 2031"],
        ["2", "E-Office", ["SDM memakai TI"], ["Memakai SIMPEG"], ["Aplikasi"], "Januari 2031"],
        ["", "", ["Layanan memakai TI"], "", ["Website"], "Februari 2031"],
    ])  # fmt: skip
    t.cell(3, 3).merge(t.cell(4, 3))  # one LANGKAH AKSI cell for two indicator rows
    path = tmp_path / "split.docx"
    d.save(str(path))
    plan, problems, _ = import_plan(path)
    problems = [p for p in problems if not p.code.startswith("lke-")]
    rows = {i.id: (i.indicator, i.actions, i.evidence, i.target) for _, _, i in plan.indicators()}
    assert rows == {
        "II.1.a": ("SOP mengacu proses bisnis", ("Melakukan evaluasi SOP",), ("Dokumen SOP",),
                   "Desember 2031"),
        "II.1.b": ("SOP telah dievaluasi", ("Melakukan evaluasi SOP",), ("Laporan evaluasi",),
                   "Desember 2031"),
        "II.2.a": ("SDM memakai TI", ("Memakai SIMPEG",), ("Aplikasi",), "Januari 2031"),
        "II.2.b": ("Layanan memakai TI", ("Memakai SIMPEG",), ("Website",), "Februari 2031"),
    }  # fmt: skip
    assert codes(problems) == [("row-split", 1, 3, "INDIKATOR")]
    assert problems[0].params["ids"] == ["II.1.a", "II.1.b"]


def test_what_cannot_be_read_is_reported_with_its_place(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("KANTOR CONTOH")
    d.add_paragraph("RKT TAHUN 2031")
    t = _table(d, [
        ["1", "Tim", "Tim dibentuk", "Rapat", "SK", "Januari 2031", ""],
        ["I MANAJEMEN PERUBAHAN", "", "", "", "", "", ""],
        ["1", "Tim", "Tim dibentuk", "Rapat", "SK", "Kapan-kapan", "lihat lampiran"],
        ["2", "Rencana", "Rencana disusun", ["A", "B", "C"], "", "Maret 2031", ""],
    ], [*HEADER, "KETERANGAN"])  # fmt: skip
    t.cell(4, 2).paragraphs[0].text = "Rencana disusun"
    t.cell(4, 2).add_paragraph("Rencana disosialisasikan")
    path = tmp_path / "bad.docx"
    d.save(str(path))
    plan, problems, _ = import_plan(path)
    problems = [p for p in problems if not p.code.startswith("lke-")]
    assert codes(problems) == [
        ("row-outside-component", 1, 2, "INDIKATOR"),
        ("column-not-imported", 1, 4, "KETERANGAN"),
        ("target-unreadable", 1, 4, "TARGET WAKTU"),
        ("row-split", 1, 5, "INDIKATOR"),
        ("row-split-unpaired", 1, 5, "LANGKAH AKSI"),
    ]
    # nothing dropped: the row before any component, the unreadable target, all three actions
    assert (
        plan.components[0].id == "0"
        and plan.components[0].indicators[0].indicator == "Tim dibentuk"
    )
    assert plan.indicator("I.1.a").target == "Kapan-kapan"
    assert plan.indicator("I.2.a").actions == ("A", "B", "C")
    assert problems[1].params["text"] == "lihat lampiran"
    text_id = render_problem(problems[2])
    assert text_id.startswith("tabel 1, baris 4, kolom TARGET WAKTU: TARGET WAKTU 'Kapan-kapan'")
    assert "disimpan apa adanya" in text_id
    assert "kept as written" in render_problem(problems[2], "en")


def test_no_rkt_table_and_not_a_document(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Hanya teks")
    d.save(str(tmp_path / "empty.docx"))
    with pytest.raises(PlanImportError, match="no RKT table"):
        import_plan(tmp_path / "empty.docx")
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    with pytest.raises(PlanImportError, match="not a Word document"):
        import_plan(tmp_path / "x.docx")
    with pytest.raises(PlanImportError, match=r"cannot import a \.pdf file"):
        import_plan(tmp_path / "x.pdf")


def _rkt_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "RKT"
    ws.append(["RENCANA KERJA TAHUNAN 2031"])  # a title row above the table
    ws.append(["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", "BUKTI DUKUNG", "JADWAL", "PIC"])
    ws.append(["I", "MANAJEMEN PERUBAHAN"])
    ws.append([1, "Tim Kerja", "Tim dibentuk", "• Rapat\n• SK", "SK Tim", "Januari 2031", "TU"])
    ws.append([None, None, "Anggota dipilih", "- Seleksi", "• Notulen\n• Daftar hadir",
               "Februari 2031", "TU\nUM"])  # fmt: skip
    ws.merge_cells("A4:A5")
    ws.merge_cells("B4:B5")
    ws.append([2, "Rencana", "Rencana disusun", "Menyusun", None, "Juni, Desember 2031"])
    ws.append(["II", "PENATAAN TATALAKSANA"])
    ws.append([1, "SOP", "SOP dievaluasi", "Evaluasi SOP", "Laporan", "Maret – Mei 2031", "PR"])
    wb.save(path)
    return path


def _check_sheet_import(path: Path, small: Plan) -> None:
    plan, problems, suggestions = import_plan(path, regulation="permenpanrb-90-2021")
    assert printed(plan)["components"] == printed(small)["components"]
    # the year comes from the targets: no cover says it
    assert [(p.code, p.params) for p in problems] == [("no-year", {"year": 2031})]
    assert len(suggestions) == 4


def test_xlsx_table_of_the_same_shape(small: Plan, tmp_path: Path) -> None:
    _check_sheet_import(_rkt_xlsx(tmp_path / "rkt.xlsx"), small)


@pytest.mark.programs
def test_ods_table_of_the_same_shape(small: Plan, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    src = _rkt_xlsx(tmp_path / "rkt.xlsx")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "ods", "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    _check_sheet_import(tmp_path / "rkt.ods", small)
