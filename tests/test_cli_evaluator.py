"""The evaluator's commands on the demo's returned forms: priorities (text id/en, json),
evidence (the folder tree), consolidate --review and validate --review --annotate (the TPI's
notes reach the unit's annotated copy)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from rkt_excel.cli import main
from rkt_excel.collect import run_consolidation
from rkt_excel.demo import DEMO_AS_OF, example_units_path, run_demo
from rkt_excel.evidence_folder import INDEX_NAME
from rkt_excel.review import REVIEW_HEADERS
from rkt_excel.template import load_template
from rkt_excel.units import load_units

runner = CliRunner()
NOTE = "Notulen rapat belum ditandatangani"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    run_demo(out)
    return out / "kanim-semarang-2019" / "masuk" / "2019-08"  # the demo's last month


def test_priorities_text_in_both_languages_and_json(inbox: Path, tmp_path: Path) -> None:
    hasil = tmp_path / "hasil.yaml"
    hasil.write_text("H.IPAK: 3.4\nH.TLHP: 85\nH.IPKP: 3.5\n")
    args = ["priorities", str(inbox), "--as-of", "2019-08-31", "--hasil", str(hasil)]
    text = runner.invoke(main, [*args, "--limit", "2"])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Jalan menuju WBK (perkiraan nilai sekarang ")
    # IPAK 3.4 of 4 gives 12.75 of the 13.5 needed (3.60): two notches of 0.1.
    assert any("H.IPAK: 3,40 → 3,60" in line and "(2 perbaikan)" in line for line in lines)
    english = runner.invoke(main, [*args, "--lang", "en"])
    assert english.stdout.startswith("The path to WBK (estimated score now ")
    data = json.loads(runner.invoke(main, [*args, "--format", "json"]).stdout)
    assert data["predikat"] == "WBK" and data["improvements"]
    ipak = next(c for c in data["clearances"] if c["check"] == "WBK:H.IPAK")
    assert ipak["exact"] and [s["after"] for s in ipak["steps"]] == [3.5, 3.6]


def test_evidence_writes_the_folder_tree_and_the_index(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "bukti"
    result = runner.invoke(
        main, ["evidence", str(inbox), "--as-of", "2019-08-31", "-o", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["folders"] == 84  # the 52/2014 LKE: 81 questions and 3 hasil inputs
    assert (out / INDEX_NAME).exists() and data["index"] == str(out / INDEX_NAME)
    assert len(list(out.glob("*/*/*/_bukti.txt"))) == 84
    assert 0 < data["completeness"] < 100


@pytest.fixture(scope="module")
def reviewed(inbox: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A recap the TPI returned with a note on a question some unit answered: (recap, the
    question id, the form of the unit answering it)."""
    root = tmp_path_factory.mktemp("reviewed")
    recap = root / "rekap.xlsx"
    result = runner.invoke(
        main, ["consolidate", str(inbox), "--as-of", "2019-08-31", "-o", str(recap)]
    )
    assert recap.exists(), result.output
    plan = load_template()
    c = run_consolidation(
        [inbox], plan, units=load_units(example_units_path(), plan), as_of=DEMO_AS_OF
    )
    qid, found = next((q, e) for q, e in c.evidence.items() if e and e[0].jawaban)
    form = next(f.path for f in c.forms if f.identity.unit_code == found[0].unit_code)
    wb = openpyxl.load_workbook(recap)
    ws = wb["LKE"]
    headers = {ws.cell(4, col).value: col for col in range(1, ws.max_column + 1)}
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == qid)
    ws.cell(row, headers[REVIEW_HEADERS["tpi_note"]]).value = NOTE
    ws.cell(row, headers[REVIEW_HEADERS["tpi_answer"]]).value = "Tidak"
    returned = root / "rekap-tpi.xlsx"
    wb.save(returned)
    return returned, qid, form


def test_consolidate_review_carries_the_notes(
    inbox: Path, reviewed: tuple[Path, str, str], tmp_path: Path
) -> None:
    returned, qid, _ = reviewed
    out = tmp_path / "rekap-2.xlsx"
    result = runner.invoke(
        main,
        [
            "consolidate",
            str(inbox),
            "--as-of",
            "2019-08-31",
            "--review",
            str(returned),
            "-o",
            str(out),
        ],
    )
    assert "Rekap reviu dibaca" in result.stderr and "1 catatan TPI" in result.stderr
    assert "Traceback" not in result.output
    ws = openpyxl.load_workbook(out)["Reviu TPI"]
    line = next(r for r in ws.iter_rows(values_only=True) if r[0] == qid)
    assert line[3] == "Tidak" and line[5] == NOTE


def test_validate_review_puts_the_note_in_the_annotated_copy(
    reviewed: tuple[Path, str, str], tmp_path: Path
) -> None:
    returned, qid, form = reviewed
    copy = tmp_path / Path(form).name
    copy.write_bytes(Path(form).read_bytes())
    result = runner.invoke(
        main, ["validate", str(copy), "--review", str(returned), "--annotate", "--format", "json"]
    )
    notes = [i for i in json.loads(result.stdout) if i["code"] == "review-note"]
    assert notes and all(NOTE in i["message"] for i in notes)
    annotated = openpyxl.load_workbook(copy.with_name(copy.stem + ".periksa.xlsx"))
    first = notes[0]
    comment = annotated[first["sheet"]][first["cell"]].comment
    assert comment is not None and NOTE in comment.text
    summary = [
        r
        for r in annotated["Hasil Pemeriksaan"].iter_rows(values_only=True)
        if isinstance(r[7], str) and NOTE in r[7]  # Masalah: the TPI's note
    ]
    assert summary and qid in summary[0][7]


def test_a_review_of_another_plan_is_one_message(inbox: Path, tmp_path: Path) -> None:
    not_recap = inbox / "form-TU.xlsx"
    result = runner.invoke(
        main,
        ["consolidate", str(inbox), "--review", str(not_recap), "-o", str(tmp_path / "r.xlsx")],
    )
    assert result.exit_code == 1 and "form-TU.xlsx" in result.output
    assert "Traceback" not in result.output
