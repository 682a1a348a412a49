"""The command-line shell: exit codes, messages instead of tracebacks, --help everywhere."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rkt_excel.cli import main
from rkt_excel.simulate import fill_form

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
    assert "2 formulir" in result.output and "2 unit dibaca" in result.output
    assert len(list((tmp_path / "f").glob("*.xlsx"))) == 2


def test_bad_units_file_is_a_message(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("kode,nama,komponen\nTU,Tata Usaha,I\nTU,Lagi,IX\n")
    result = runner.invoke(main, ["distribute", "--units", str(units), "-o", str(tmp_path / "f")])
    assert result.exit_code == 1
    assert "baris 3" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "f").exists() or not list((tmp_path / "f").iterdir())


def test_bad_template_is_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n")
    result = runner.invoke(
        main, ["generate", "--template", str(bad), "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "wajib diisi tetapi tidak ada" in result.output and "Traceback" not in result.output
    english = runner.invoke(
        main, ["generate", "--template", str(bad), "-o", str(tmp_path / "x.xlsx"), "--lang", "en"]
    )
    assert "required field is missing" in english.output


# --- the secretariat's commands, on the demo's files -----------------------------------------


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(main, ["demo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Ditulis" in result.output and "rekap-kanwil" in result.output
    return out


WORKSPACE = "kanim-semarang-2019"  # the demo's workspace, three months
AUGUST = Path(WORKSPACE) / "masuk" / "2019-08"


def test_demo_writes_everything(demo_dir: Path) -> None:
    assert (demo_dir / "rkt-2019-kanim-semarang.xlsx").exists()
    ws = demo_dir / WORKSPACE
    assert (ws / "rkt-excel.toml").exists() and (ws / "BACA-SAYA.txt").exists()
    for month in ("2019-06", "2019-07", "2019-08"):
        assert len(list((ws / "formulir" / month).glob("*.xlsx"))) == 5
        assert (ws / "rekap" / f"rekap-{month}.xlsx").exists()
    assert len(list((ws / "masuk" / "2019-07").glob("*.xlsx"))) == 4  # one unit silent
    assert (demo_dir / "kanim-contoh-2019" / "rekap-kanim-contoh-2019.xlsx").exists()
    assert (demo_dir / "rekap-kanwil-jawa-tengah.xlsx").exists()


def test_demo_recap_has_three_months_of_trend(demo_dir: Path) -> None:
    import openpyxl

    ws = openpyxl.load_workbook(demo_dir / WORKSPACE / "rekap" / "rekap-2019-08.xlsx")
    rows = [list(r) for r in ws["Perkembangan"].iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if r[0] == "Periode")
    assert [r[0] for r in rows[head + 1 : head + 4]] == ["Juni 2019", "Juli 2019", "Agustus 2019"]
    assert all(isinstance(r[7], float) for r in rows[head + 1 : head + 4])  # Nilai total
    assert rows[head + 4][0] is None  # three months, no more


def test_consolidate_in_the_demo_workspace_gives_the_demos_month(
    demo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A secretariat reruns the month with no flags in the workspace: the same scores as the
    demo's recap, the komponen hasil from the workspace's hasil file included."""
    from rkt_excel.recap import read_recap

    ws = demo_dir / WORKSPACE
    assert (ws / "hasil.yaml").is_file()
    written = read_recap(ws / "rekap" / "rekap-2019-08.xlsx")
    copy = tmp_path / "ruang-kerja"
    shutil.copytree(ws, copy)
    monkeypatch.chdir(copy)
    result = runner.invoke(main, ["consolidate", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    again = read_recap(copy / "rekap" / "rekap-2019-08.xlsx")
    assert (again.total, again.hasil, again.pengungkit) == (
        written.total, written.hasil, written.pengungkit
    )  # fmt: skip
    assert again.hasil > 0


def test_rollup_of_several_months_takes_each_offices_latest(demo_dir: Path, tmp_path: Path) -> None:
    """The Kanwil gives every recap it has: three months of Semarang and one of the second
    office. Two offices are rolled up, Semarang at August; June and July are named."""
    import openpyxl

    months = sorted((demo_dir / WORKSPACE / "rekap").glob("rekap-2019-*.xlsx"))
    assert [p.stem for p in months] == ["rekap-2019-06", "rekap-2019-07", "rekap-2019-08"]
    other = demo_dir / "kanim-contoh-2019" / "rekap-kanim-contoh-2019.xlsx"
    kanwil = tmp_path / "kanwil.xlsx"
    result = runner.invoke(main, ["rollup", *map(str, [months[2], other, months[0], months[1]]),
                                  "-o", str(kanwil)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "(2 kantor)" in result.output
    older = [line for line in result.output.splitlines() if line.startswith("peringatan:")]
    assert len(older) == 2 and "rekap-2019-06.xlsx" in older[0] and "Juni 2019" in older[0]
    assert "rekap-2019-07.xlsx" in older[1] and all("rekap-2019-08.xlsx" in o for o in older)
    rows = list(openpyxl.load_workbook(kanwil).worksheets[0].values)
    table = rows[3:5]  # below the title, a blank row and the header
    assert [(r[0], r[1]) for r in table] == [
        ("KANTOR IMIGRASI KELAS I TPI SEMARANG", "Agustus 2019"),
        ("KANTOR IMIGRASI KELAS II TPI CONTOH (FIKTIF)", "Agustus 2019"),
    ]


def test_demo_carries_answers_over(demo_dir: Path) -> None:
    from rkt_excel.read import read_form
    from rkt_excel.template import load_template

    plan = load_template()
    # INFOSARKOM sent its carried August form back without changing a row.
    form = read_form(demo_dir / AUGUST / "form-INFOSARKOM.xlsx", plan)
    assert form.identity.carried_from == "2019-07"
    assert form.rows and all(r.carried and r.untouched for r in form.rows.values())
    tu = read_form(demo_dir / AUGUST / "form-TU.xlsx", plan)
    assert any(r.carried and not r.untouched for r in tu.rows.values())


def test_validate_exit_codes_and_formats(demo_dir: Path, tmp_path: Path) -> None:
    inbox = demo_dir / AUGUST
    args = ["validate", str(inbox), "--as-of", "2019-08-31"]
    result = runner.invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 1  # the simulated units made mistakes
    issues = json.loads(result.stdout)
    assert issues and all({"file", "sheet", "cell", "code", "severity"} <= set(i) for i in issues)
    english = runner.invoke(main, [*args, "--format", "csv", "--lang", "en"])
    assert english.stdout.splitlines()[0].startswith("file,sheet,cell,row_id")
    clean = tmp_path / "clean.xlsx"
    form = demo_dir / WORKSPACE / "formulir" / "2019-06" / "form-TU.xlsx"  # an empty form
    fill_form(form, {}, identity={"nama_pengisi": "Ani", "nip": "198501012010012001",
              "tanggal_pengisian": dt.date(2019, 8, 1)}, out=clean)  # fmt: skip
    ok = runner.invoke(main, ["validate", str(clean), "--as-of", "2019-08-31"])
    assert ok.exit_code == 0, ok.output
    # Day first, as the forms accept dates.
    day_first = ["validate", str(clean), "--as-of", "31/08/2019"]
    assert runner.invoke(main, day_first).exit_code == 0
    assert runner.invoke(main, [*day_first[:-1], "31/02/2019"]).exit_code == 2


def test_validate_annotate_keeps_the_original(demo_dir: Path, tmp_path: Path) -> None:
    src = demo_dir / AUGUST
    for f in src.glob("form-*.xlsx"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    before = {f.name: f.read_bytes() for f in tmp_path.glob("*.xlsx")}
    result = runner.invoke(main, ["validate", str(tmp_path), "--as-of", "2019-08-31", "--annotate"])
    assert result.exit_code == 1
    assert list(tmp_path.glob("*.periksa.xlsx"))
    assert all((tmp_path / n).read_bytes() == b for n, b in before.items())


def test_bad_file_is_one_line_and_others_go_on(demo_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"kode,nama\n1,2\n")
    # LANTASKIM removed a bukti dukung of a Selesai row in August: it has an issue to show.
    good = demo_dir / AUGUST / "form-LANTASKIM.xlsx"
    result = runner.invoke(main, ["validate", str(bad), str(good), "--as-of", "2019-08-31"])
    lines = [line for line in result.stdout.splitlines() if "rusak.xlsx" in line]
    assert len(lines) == 1 and "not-a-spreadsheet" in lines[0]
    assert any("form-LANTASKIM.xlsx" in line for line in result.stdout.splitlines())
    assert "Traceback" not in result.output


def test_consolidate_and_rollup(demo_dir: Path, tmp_path: Path) -> None:
    inbox = demo_dir / AUGUST
    hasil = tmp_path / "hasil.yaml"
    hasil.write_text("H.IPAK: 3.6\nH.TLHP: 90\nH.IPKP: 3.7\n")
    out = tmp_path / "rekap.xlsx"
    args = ["consolidate", str(inbox), "--as-of", "2019-08-31", "--hasil", str(hasil)]
    result = runner.invoke(main, [*args, "-o", str(out), "--format", "json", "--export", "csv"])
    assert result.exit_code == 1  # forms with errors: the recap is still written
    data = json.loads(result.stdout)
    # WASDAKIM is silent; TU's earlier version is superseded.
    assert data["summary"]["forms_accepted"] == 4 and data["summary"]["forms_superseded"] == 1
    assert data["summary"]["hasil"] > 0
    assert "komponen hasil belum diisi" not in result.output
    assert out.exists() and (tmp_path / "recap_rows.csv").exists()
    # Without any hasil input, the console says why hasil counts 0 and where to put them.
    bare = runner.invoke(main, [*args[:-2], "-o", str(tmp_path / "tanpa-hasil.xlsx")])
    assert bare.exit_code == 1, bare.output
    assert "Catatan: komponen hasil belum diisi" in bare.stderr and "--hasil" in bare.stderr
    bad_hasil = tmp_path / "bad.yaml"
    bad_hasil.write_text("H.NOPE: 1\n")
    bad = runner.invoke(main, [*args[:-1], str(bad_hasil), "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 1 and "H.NOPE" in bad.output and "Traceback" not in bad.output
    other = demo_dir / "kanim-contoh-2019" / "rekap-kanim-contoh-2019.xlsx"
    kanwil = tmp_path / "kanwil.xlsx"
    rolled = runner.invoke(main, ["rollup", str(out), str(other), "-o", str(kanwil)])
    assert rolled.exit_code == 0, rolled.output
    assert "2 kantor" in rolled.output
    not_recap = runner.invoke(
        main, ["rollup", str(out), str(inbox / "form-TU.xlsx"), "-o", str(kanwil)]
    )
    assert not_recap.exit_code == 1 and "form-TU.xlsx" in not_recap.output


def test_the_month_in_the_demo_workspace(demo_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """consolidate, compare, summarize and remind with no flags, inside the workspace."""
    monkeypatch.chdir(demo_dir / WORKSPACE / "formulir")
    month = runner.invoke(main, ["consolidate"])
    assert month.exit_code == 1  # some forms have errors; the recap is written all the same
    assert "Agustus 2019 (per 31 Agustus 2019)" in month.output
    assert "WASDAKIM" in month.output and "rekap-2019-08.xlsx" in month.output
    changes = json.loads(runner.invoke(main, ["compare", "--format", "json"]).output)
    assert (changes["previous"], changes["period"]) == ("2019-07", "2019-08")
    back = {(g["unit"], g["kind"]) for g in changes["regressions"]}
    assert back == {("LANTASKIM", "status"), ("LANTASKIM", "answer"), ("LANTASKIM", "evidence")}
    assert [u["unit"] for u in changes["unchanged"]] == ["INFOSARKOM"]
    assert [(u["unit"], u["months"]) for u in changes["silent"]] == [("WASDAKIM", 2)]
    text = runner.invoke(main, ["compare"]).output
    assert text.startswith("Perubahan Juli 2019 → Agustus 2019")
    summary = runner.invoke(main, ["summarize"])
    assert summary.exit_code == 0 and len(summary.output) < 1000
    assert "*Monev RKT Zona Integritas — Agustus 2019*" in summary.output
    assert "Batas pengiriman: *5 September 2019*" in summary.output
    reminders = runner.invoke(main, ["remind", "--format", "json"])
    units = {m["unit"]: m["reasons"] for m in json.loads(reminders.output)}
    assert units["WASDAKIM"] == ["missing"] and "INFOSARKOM" not in units
    folder = demo_dir / "pesan"
    written = runner.invoke(main, ["remind", "-o", str(folder), "--lang", "en"])
    assert written.exit_code == 0 and (folder / "pesan-WASDAKIM.txt").exists()
    assert "Dear Seksi Pengawasan" in (folder / "pesan-WASDAKIM.txt").read_text(encoding="utf-8")


def test_cli_docs_are_current() -> None:
    """docs/cli.md is generated from --help; regenerate with scripts/make_cli_docs.py."""
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / "make_cli_docs.py"
    spec = importlib.util.spec_from_file_location("make_cli_docs", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    assert doc.read_text(encoding="utf-8") == module.render(), (
        "docs/cli.md is stale: run python scripts/make_cli_docs.py"
    )
