"""`template new`: a starter plan per regulation, one row per LKE question, that checks clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from rkt_excel.cli import main
from rkt_excel.lke import load_model
from rkt_excel.starter import new_plan
from rkt_excel.template import check_template, dump_template, load_template


@pytest.mark.parametrize(
    ("regulation", "rows"),
    [("permenpanrb-52-2014", 81), ("permenpanrb-90-2021", 87 + 15 + 22)],
)
def test_new_plan_covers_every_question(regulation: str, rows: int, tmp_path: Path) -> None:
    plan = new_plan(regulation, year=2026, office="Kantor Contoh")
    ids = [i.lke for _, _, i in plan.indicators()]
    assert len(ids) == rows == len(set(ids))
    model = load_model(regulation)
    scored = {q.id for q in model.questions.values() if q.kind != "hasil"}
    assert set(ids) == scored
    path = tmp_path / "plan.yaml"
    path.write_text(dump_template(plan), encoding="utf-8")
    assert check_template(path) == []
    assert load_template(path) == plan


def test_prefilled_from_data_dukung() -> None:
    plan = new_plan("permenpanrb-52-2014", year=2026, office="Kantor Contoh")
    row = plan.indicator("I.1.b")
    assert row.indicator.startswith("Apakah penentuan anggota Tim")
    assert "Notulensi rapat penentuan Tim kerja" in row.evidence
    assert len(row.actions) >= 3


def test_cli_new_and_check(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["template", "new", "--regulation", "permenpanrb-90-2021", "--year", "2026",
         "--office", "Kantor Imigrasi Contoh", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["template", "check", str(out)]).exit_code == 0
    bad = runner.invoke(main, ["template", "new", "--regulation", "nope", "--year", "2026",
                               "--office", "X", "-o", str(tmp_path / "x.yaml")])  # fmt: skip
    assert bad.exit_code == 1 and "unknown LKE model" in bad.output
    assert not (tmp_path / "x.yaml").exists()
