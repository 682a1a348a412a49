"""The command-line shell: exit codes, messages instead of tracebacks, --help everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rkt_excel.cli import main

runner = CliRunner()


def commands(group: object = main, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, cmd in getattr(group, "commands", {}).items():
        out += commands(cmd, (*prefix, name))
    return out


@pytest.mark.parametrize("path", commands(), ids=lambda p: " ".join(p) or "rkt-excel")
def test_help_everywhere(path: tuple[str, ...]) -> None:
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_usage_error_exits_2() -> None:
    assert runner.invoke(main, ["generate", "--no-such-option"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rkt_excel", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "rkt-excel" in done.stdout


def test_template_check_default_and_broken(tmp_path: Path) -> None:
    ok = runner.invoke(main, ["template", "check"])
    assert ok.exit_code == 0, ok.output
    shown = runner.invoke(main, ["template", "show-default", "-o", str(tmp_path / "p.yaml")])
    assert shown.exit_code == 0
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    broken = text.replace("target: Januari 2019", "target: Kapan-kapan 2019", 1)
    (tmp_path / "bad.yaml").write_text(broken, encoding="utf-8")
    result = runner.invoke(main, ["template", "check", str(tmp_path / "bad.yaml")])
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    assert first.startswith(f"{tmp_path / 'bad.yaml'}:") and "target" in first


def test_generate_and_distribute(tmp_path: Path) -> None:
    out = tmp_path / "rkt.xlsx"
    result = runner.invoke(main, ["generate", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and str(out) in result.output
    units = tmp_path / "units.csv"
    units.write_text("kode,nama,komponen\nTU,Subbagian Tata Usaha,I\nLANTAS,Seksi Lantaskim,VI\n")
    result = runner.invoke(main, ["distribute", "--units", str(units), "-o", str(tmp_path / "f")])
    assert result.exit_code == 0, result.output
    assert "2 forms" in result.output
    assert len(list((tmp_path / "f").glob("*.xlsx"))) == 2


def test_bad_units_file_is_a_message(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("kode,nama,komponen\nTU,Tata Usaha,I\nTU,Lagi,IX\n")
    result = runner.invoke(main, ["distribute", "--units", str(units), "-o", str(tmp_path / "f")])
    assert result.exit_code == 1
    assert "line 3" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "f").exists() or not list((tmp_path / "f").iterdir())


def test_bad_template_is_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n")
    result = runner.invoke(
        main, ["generate", "--template", str(bad), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "required field is missing" in result.output and "Traceback" not in result.output
