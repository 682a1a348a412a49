"""The plan commands: template show-default/new/import/check with plan workbooks and Word
RKTs, generate --format docx|pdf --paper; exit codes 0/1 and messages in the user's language."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rkt_excel.cli import main
from rkt_excel.template import Plan, load_template


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.output


def test_plan_workbook_commands(tmp_path: Path, embedded_plan: Plan) -> None:
    book = tmp_path / "plan.xlsx"
    assert run("template", "show-default", "-o", str(book)) == (0, f"Ditulis: {book}\n")
    assert load_template(book) == embedded_plan
    code, out = run("template", "check", str(book))
    assert (code, out) == (0, f"{book}: tidak ada masalah\n")
    wb = openpyxl.load_workbook(book)
    wb["Rencana"]["F3"] = "Kapan-kapan"
    wb.save(tmp_path / "bad.xlsx")
    code, out = run("template", "check", str(tmp_path / "bad.xlsx"))
    assert code == 1
    assert out.startswith(
        f"{tmp_path / 'bad.xlsx'}: Rencana!F3: components[0].subareas[0].indicators[0].target: "
    )
    new = tmp_path / "new.xlsx"
    code, out = run("template", "new", "--regulation", "permenpanrb-90-2021", "--year", "2031",
                    "--office", "Balai Contoh", "-o", str(new))  # fmt: skip
    assert code == 0 and load_template(new).year == 2031
    code, out = run("generate", "-t", str(new), "-o", str(tmp_path / "rkt.xlsx"))
    assert code == 0 and (tmp_path / "rkt.xlsx").exists()


def test_document_and_import(tmp_path: Path, embedded_plan: Plan) -> None:
    doc = tmp_path / "rkt.docx"
    code, out = run("generate", "--format", "docx", "--paper", "f4", "-o", str(doc))
    assert (code, out) == (0, f"Ditulis: {doc} (dokumen RKT, kertas F4)\n")
    back = tmp_path / "back.yaml"
    code, out = run("template", "import", str(doc), "-o", str(back))
    assert code == 0  # only a note: IV's printed heading
    assert out.startswith("-: tabel 1, baris 34, kolom NO: Judul komponen tercetak")
    assert out.endswith(f"Ditulis: {back} (70 baris indikator, 4 bab); 1 catatan impor\n")
    plan = load_template(back)
    assert [i.indicator for _, _, i in plan.indicators()] == [
        i.indicator for _, _, i in embedded_plan.indicators()
    ]
    code, out = run("template", "import", str(doc), "-o", str(tmp_path / "b.xlsx"),
                    "--format", "json", "--lang", "en")  # fmt: skip
    data = json.loads(out)
    assert code == 0 and len(data["suggestions"]) == 70
    assert data["problems"][0]["message"].startswith("table 1, row 34, column NO: Component")
    assert load_template(tmp_path / "b.xlsx").chapters == embedded_plan.chapters


def test_import_problems_exit_1(tmp_path: Path) -> None:
    code, out = run("template", "import", str(tmp_path / "x.md"), "-o", "y.yaml")
    assert code == 2  # no such file: a usage error
    (tmp_path / "x.md").write_text("x", encoding="utf-8")
    code, out = run("template", "import", str(tmp_path / "x.md"), "-o", str(tmp_path / "y.yaml"))
    assert code == 1 and "berkas .md tidak dapat diimpor" in out
    assert not (tmp_path / "y.yaml").exists()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pdf_without_libreoffice(tmp_path: Path, lang: str) -> None:
    code, out = run("generate", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--lang", lang,
                    env={"RKT_SOFFICE": str(tmp_path / "no-soffice")})  # fmt: skip
    assert code == 1
    assert ("apt-get install libreoffice-writer-nogui") in out
    assert ("tidak ditemukan" in out) == (lang == "id")
