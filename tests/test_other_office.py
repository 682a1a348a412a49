"""Another office's plan (other units, another year): nothing the plan workbook, the RKT
document or the import write for it names the embedded office, its units or its year."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from rkt_excel.planbook.write import write_planbook
from rkt_excel.planimport import import_plan, render_problem
from rkt_excel.rktdoc.word import write_document
from rkt_excel.starter import new_plan
from rkt_excel.template import (
    Chapter,
    ItemList,
    Plan,
    Section,
    Signatory,
    Signing,
    dump_template,
    load_template,
)

UNITS = Path(__file__).resolve().parents[1] / "rkt_excel" / "data" / "units-kanim-semarang.csv"


def embedded_words() -> list[str]:
    """What must not appear: the office, its city, its year, its unit codes and names.

    ("Imigrasi" alone may: the Kemenkumham data dukung of the regulation name immigration
    offices in general, and the starter plan prefills its rows from them.)
    """
    words = ["Kantor Imigrasi Kelas I", "Semarang", "Kanim", "2019", "Jawa Tengah"]
    with UNITS.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            words += [row["kode"], row["nama"]]
    return words


def leaks(text: str) -> list[str]:
    return [w for w in embedded_words() if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)]


@pytest.fixture(scope="module")
def other() -> Plan:
    plan = new_plan("permenpanrb-90-2021", year=2031, office="BALAI CONTOH UTARA",
                    ministry="KEMENTERIAN CONTOH")  # fmt: skip
    codes = ("SEKR", "PEL", "UMUM")
    components = tuple(
        c.model_copy(update={"subareas": tuple(
            s.model_copy(update={"indicators": tuple(
                i.model_copy(update={"pic": (codes[n % 3],), "target": "Maret 2031"})
                for n, i in enumerate(s.indicators))})
            for s in c.subareas)})
        for c in plan.components
    )  # fmt: skip
    chapters = (
        Chapter(number="I", title="PENDAHULUAN", sections=(
            Section(number="1", title="Latar Belakang", body=("Balai Contoh Utara membangun ZI.",)),
            Section(number="2", title="Dasar Hukum",
                    body=(ItemList(items=("Peraturan Menteri PANRB Nomor 90 Tahun 2021",)),)),
        )),
        Chapter(number="II", title="RENCANA AKSI", table=True),
        Chapter(number="III", title="PENUTUP", body=("Demikian rencana ini.",)),
    )  # fmt: skip
    signing = Signing(
        place="Kota Utara",
        date=plan.created,
        team="Tim Pembangunan ZI Balai Contoh Utara",
        heading="Mengetahui:",
        signatories=(Signatory(role="Kepala Balai", name="Ani", nip="198001012005012001"),),
    )
    return plan.model_copy(update={
        "components": components, "chapters": chapters, "signing": signing,
        "document": plan.document.model_copy(update={"number": "BCU.01/2031"}),
        "priority_targets": ("Tim terbentuk",),
    })  # fmt: skip


def _xlsx_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    texts = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
    with zipfile.ZipFile(path) as z:  # properties too
        texts += [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("docProps/")]
    return "\n".join(texts)


def _docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    texts += [c.text for t in d.tables for r in t.rows for c in r.cells]
    texts += [p.text for s in d.sections for p in s.footer.paragraphs]
    props = d.core_properties
    texts += [props.title or "", props.author or "", props.subject or ""]
    return "\n".join(texts)


def test_the_check_can_fail() -> None:
    assert leaks("Kantor Imigrasi Kelas I TPI Semarang, 2019") == [
        "Kantor Imigrasi Kelas I", "Semarang", "2019"
    ]  # fmt: skip
    assert leaks("oleh TU") == ["TU"] and leaks("TUGAS") == []


def test_nothing_names_the_embedded_office(other: Plan, tmp_path: Path) -> None:
    assert load_template(text=dump_template(other)) == other
    yaml_text = dump_template(other)
    book = write_planbook(other, tmp_path / "rencana.xlsx", unit_codes=("SEKR", "PEL", "UMUM"))
    assert load_template(book) == other
    document = write_document(other, tmp_path / "rkt.docx")
    imported, problems, _ = import_plan(document)
    outputs = {
        "yaml": yaml_text,
        "plan workbook": _xlsx_text(book),
        "document": _docx_text(document),
        "imported plan": dump_template(imported),
        "import problems": "\n".join(render_problem(p) for p in problems)
        + "\n".join(render_problem(p, "en") for p in problems),
    }
    assert {name: leaks(text) for name, text in outputs.items()} == {name: [] for name in outputs}
    # and the other office's own words are there
    assert "BALAI CONTOH UTARA" in outputs["document"] and "2031" in outputs["plan workbook"]
    assert imported.year == 2031 and imported.office.name == "BALAI CONTOH UTARA"
    assert [i.pic for _, _, i in imported.indicators()] == [i.pic for _, _, i in other.indicators()]
