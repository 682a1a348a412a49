"""The workspace (workspace.py) and the commands inside it: init, discovery from the current
folder upward, flags over the workspace, a month with `rkt-excel consolidate` and no flags,
the next year (`init NEW --from OLD`), and forms of another plan outside a workspace."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from test_consolidate import office_plan

from rkt_excel.cli import main
from rkt_excel.errors import WorkspaceError
from rkt_excel.periods import Period
from rkt_excel.recap import read_recap
from rkt_excel.simulate import fill_form
from rkt_excel.template import default_template_path, dump_template
from rkt_excel.workspace import (
    CONFIG_NAME,
    Config,
    find_workspace,
    init_workspace,
    load_workspace,
    move_year,
    next_year_plan,
    parse_config,
    roll_over,
)

runner = CliRunner()
UNITS_CSV = "kode;nama;komponen;indikator\nTU;Subbagian Tata Usaha;I;\nWASDAK;Seksi Wasdak;III;\n"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A workspace for the small office of test_consolidate (plan uji-2019, two units)."""
    plan_file = tmp_path / "uji.yaml"
    plan_file.write_text(dump_template(office_plan()), encoding="utf-8")
    units = tmp_path / "unit.csv"
    units.write_text(UNITS_CSV, encoding="utf-8")
    init_workspace(tmp_path / "uji", template=plan_file, units=units, deadline_day=10)
    return tmp_path / "uji"


def _month(ws_root: Path, period: str, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """distribute --period in the workspace, then every unit returns its form filled."""
    monkeypatch.chdir(ws_root)
    result = runner.invoke(main, ["distribute", "--period", period])
    assert result.exit_code == 0, result.output
    inbox = ws_root / "masuk" / period
    inbox.mkdir(parents=True, exist_ok=True)
    day = Period.parse(period).last_day
    out = []
    for form in sorted((ws_root / "formulir" / period).glob("*.xlsx")):
        values = {
            "I.1.a": {
                "status": "Selesai",
                "realisasi": dt.date(2019, 1, 9),
                "capaian": 100,
                "jawaban": "Ya",
                "bukti_dukung": "SK.pdf",
            }
        }
        if "WASDAK" in form.name:
            values = {"III.1.a": {"status": "Dalam Proses", "capaian": 50}}
        identity = {"nama_pengisi": "Ani", "nip": "198501012010012001",
                    "tanggal_pengisian": day - dt.timedelta(days=2)}  # fmt: skip
        out.append(fill_form(form, values, identity=identity, out=inbox / form.name))
    return out


# --- the config and finding the workspace ----------------------------------------------------


def test_init_writes_config_plan_units_folders_and_readme(office: Path) -> None:
    names = sorted(p.name for p in office.iterdir())
    assert names == [
        "BACA-SAYA.txt", "formulir", "masuk", "rekap", "rencana.yaml", "reviu", CONFIG_NAME,
        "unit-kerja.csv",
    ]  # fmt: skip
    config = tomllib.loads((office / CONFIG_NAME).read_text(encoding="utf-8"))
    assert config["year"] == 2019 and config["regulation"] == "permenpanrb-52-2014"
    assert config["office"] == "KANTOR UJI SEMARANG" and config["deadline_day"] == 10
    assert (office / "unit-kerja.csv").read_text(encoding="utf-8") == UNITS_CSV
    readme = (office / "BACA-SAYA.txt").read_text(encoding="utf-8")
    assert "KANTOR UJI SEMARANG" in readme and "masuk/2019-01/" in readme
    assert "Semarang" not in readme.replace("KANTOR UJI SEMARANG", "")  # the plan at hand
    with pytest.raises(WorkspaceError, match="is a workspace already"):
        init_workspace(office)


def test_config_round_trip_and_refusals() -> None:
    odd = Config(year=2019, regulation="r", office='Kantor "Uji" \\ \t baru', kanwil="ü")
    assert parse_config(odd.to_toml(), "x") == odd
    with pytest.raises(WorkspaceError, match="unknown setting 'tahun'"):
        parse_config('year = 2019\nregulation = "r"\ntahun = 2019\n', "x")
    with pytest.raises(WorkspaceError, match="'year' is required"):
        parse_config('regulation = "r"\n', "x")
    with pytest.raises(WorkspaceError, match="'deadline_day' has a bad value"):
        parse_config('year = 2019\nregulation = "r"\ndeadline_day = 40\n', "x")
    with pytest.raises(WorkspaceError, match="'year' has a bad value"):
        parse_config('year = "2019"\nregulation = "r"\n', "x")
    with pytest.raises(WorkspaceError, match="cannot read the workspace config"):
        parse_config("year = = 2019", "x")


def test_discovery_from_below_and_outside(office: Path, tmp_path: Path) -> None:
    deep = office / "masuk" / "2019-04"
    deep.mkdir(parents=True)
    found = find_workspace(deep)
    assert found is not None and found.root == office.resolve()
    assert found.units_path == office.resolve() / "unit-kerja.csv"
    assert find_workspace(tmp_path) is None  # the folder above the workspace is outside


def test_plan_must_match_the_config(office: Path) -> None:
    text = (office / CONFIG_NAME).read_text(encoding="utf-8").replace("year = 2019", "year = 2020")
    (office / CONFIG_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(WorkspaceError, match="the plan's year is 2019"):
        load_workspace(office).load_plan()


# --- a month with no flags ---------------------------------------------------------------------


def test_a_month_with_consolidate_and_no_flags(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _month(office, "2019-04", monkeypatch)
    monkeypatch.chdir(office / "masuk")  # anywhere inside the workspace
    result = runner.invoke(main, ["consolidate"])
    assert result.exit_code == 0, result.output
    assert "KANTOR UJI SEMARANG — April 2019 (per 30 April 2019)" in result.output
    recap = office / "rekap" / "rekap-2019-04.xlsx"
    assert recap.exists() and str(recap.relative_to(office)) in result.output
    data = read_recap(recap)
    assert data.as_of == dt.date(2019, 4, 30) and data.forms_accepted == 2
    assert data.units_missing == ()  # the workspace's units are the expected ones
    assert [u.code for u in data.snapshot.units] == ["TU", "WASDAK"]


def test_the_tpis_returned_recap_is_read_from_the_reviews_folder(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Kanwil returns April's recap with a TPI answer and note; saved in reviu/, May's
    consolidate (no flags) reads it and carries them into May's recap."""
    from test_review import evaluate, lke_cells

    _month(office, "2019-04", monkeypatch)
    assert runner.invoke(main, ["consolidate"]).exit_code == 0
    assert (office / "reviu").is_dir()  # made by init, named in the read-me
    assert "reviu/" in (office / "BACA-SAYA.txt").read_text(encoding="utf-8")
    note = "Notulen rapat belum dilampirkan"
    evaluate(office / "rekap" / "rekap-2019-04.xlsx", office / "reviu" / "rekap-2019-04-tpi.xlsx",
             {("I.1.b", "tpi_answer"): "B", ("I.1.b", "tpi_note"): note}, {})  # fmt: skip
    (office / "reviu" / "~$rekap-2019-04-tpi.xlsx").write_bytes(b"lock")  # Excel's lock file
    _month(office, "2019-05", monkeypatch)
    result = runner.invoke(main, ["consolidate"])
    assert result.exit_code == 0, result.output
    assert "rekap-2019-04-tpi.xlsx" in result.output  # "Rekap reviu dibaca: ..."
    ws = openpyxl.load_workbook(office / "rekap" / "rekap-2019-05.xlsx")["LKE"]
    rows, headers = lke_cells(ws)
    assert ws.cell(rows["I.1.b"], headers["Jawaban TPI"]).value == "B"
    assert ws.cell(rows["I.1.b"], headers["Catatan TPI"]).value == note
    # A flag still wins: --review names another file (here: none of the TPI's, the plain recap).
    plain = runner.invoke(main, ["consolidate", "--review", "rekap/rekap-2019-04.xlsx"])
    assert plain.exit_code == 0, plain.output
    ws = openpyxl.load_workbook(office / "rekap" / "rekap-2019-05.xlsx")["LKE"]
    assert ws.cell(rows["I.1.b"], headers["Catatan TPI"]).value in (None, "")


def test_flags_override_the_workspace(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _month(office, "2019-04", monkeypatch)
    _month(office, "2019-05", monkeypatch)
    # --period picks an older month than the latest folder.
    old = runner.invoke(main, ["consolidate", "--period", "2019-04", "--format", "json"])
    assert old.exit_code == 0, old.output
    assert '"as_of": "2019-04-30"' in old.output
    assert (office / "rekap" / "rekap-2019-04.xlsx").exists()
    # --template: the embedded plan instead of the workspace's; these forms are not its own.
    embedded = str(default_template_path())
    other = runner.invoke(main, ["validate", "--template", embedded, "--format", "json"])
    assert other.exit_code == 1 and "template-mismatch" in other.output
    # --units: another units list; the workspace's units are not used.
    units = office.parent / "lain.csv"
    units.write_text("kode,nama\nTU,Tata Usaha\n", encoding="utf-8")
    flagged = runner.invoke(main, ["validate", "--units", str(units), "--format", "json"])
    assert flagged.exit_code == 1 and "unknown-unit" in flagged.output
    # Files named on the command line are read instead of the latest folder.
    named = runner.invoke(main, ["validate", str(office / "masuk" / "2019-04" / "form-TU.xlsx")])
    assert named.exit_code == 0 and "1 berkas" in named.output


def test_template_check_checks_the_workspaces_plan(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(office)
    result = runner.invoke(main, ["template", "check"])
    assert result.exit_code == 0 and "rencana.yaml" in result.output
    (office / "rencana.yaml").write_text("id: rusak\n", encoding="utf-8")
    broken = runner.invoke(main, ["template", "check"])
    assert broken.exit_code == 1 and "wajib diisi tetapi tidak ada" in broken.output


def test_outside_a_workspace_inputs_are_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["consolidate"]).exit_code == 2
    assert runner.invoke(main, ["validate"]).exit_code == 2
    assert runner.invoke(main, ["distribute", "-o", "x"]).exit_code == 2  # no --units


def test_forms_lead_to_their_plan_outside_a_workspace(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (form, _) = _month(office, "2019-04", monkeypatch)
    monkeypatch.chdir(tmp_path)  # outside: the embedded plan is the default
    result = runner.invoke(main, ["validate", str(form)])
    assert result.exit_code == 1
    assert "uji-2019" in result.output and "--template" in result.output
    english = runner.invoke(main, ["validate", str(form), "--lang", "en"])
    assert "check it against that plan: add --template" in english.output


def test_carried_forms_in_the_workspace(office: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _month(office, "2019-04", monkeypatch)
    assert runner.invoke(main, ["consolidate"]).exit_code == 0
    result = runner.invoke(main, ["distribute"])  # the month after the latest recap
    assert result.exit_code == 0, result.output
    assert "TU: 1 baris berisi isian 2019-04" in result.output
    form = office / "formulir" / "2019-05" / "form-TU.xlsx"
    ws = openpyxl.load_workbook(form)["I Manajemen Perubahan"]
    assert ws["H6"].value == "Selesai" and ws["M6"].value == "SK.pdf"
    assert "Isian terakhir unit Anda (formulir April 2019)" in ws["A4"].value
    fresh = runner.invoke(main, ["distribute", "--fresh", "--period", "2019-05"])
    assert fresh.exit_code == 0 and "berisi isian" not in fresh.output
    assert openpyxl.load_workbook(form)["I Manajemen Perubahan"]["H6"].value is None


# --- the next year -----------------------------------------------------------------------------


def test_next_year_plan_moves_the_year_and_keeps_the_rest() -> None:
    old = office_plan()
    new = next_year_plan(old)
    assert (new.id, new.year, new.version) == ("uji-2020", 2020, "1")
    assert new.created == dt.date(2020, 2, 18)
    assert [i.id for _, _, i in new.indicators()] == [i.id for _, _, i in old.indicators()]
    assert [i.target for _, _, i in new.indicators()] == [
        "Januari 2020", "Februari – Desember 2020", "Juni, Desember 2020", "Februari 2020",
        "Maret 2020", "",
    ]  # fmt: skip
    assert [i.schedule.months for _, _, i in new.indicators()] == [
        i.schedule.months for _, _, i in old.indicators()
    ]
    assert new.document.title == "RKT ZI KANTOR UJI 2020"
    moved = {"id", "version", "year", "created", "document", "components", "title"}
    assert new.model_dump(exclude=moved) == old.model_dump(exclude=moved)  # every other field
    assert next_year_plan(old.model_copy(update={"id": "uji"})).id == "uji-2020"


def test_rollover(office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _month(office, "2019-04", monkeypatch)
    assert runner.invoke(main, ["consolidate"]).exit_code == 0
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init", "uji-2020", "--from", str(office)])
    assert result.exit_code == 0, result.output
    new = load_workspace(tmp_path / "uji-2020")
    assert new.config.year == 2020 and new.config.deadline_day == 10
    plan = new.load_plan()
    assert plan.id == "uji-2020" and plan.indicator("I.1.a").target == "Januari 2020"
    assert new.units_path.read_bytes() == (office / "unit-kerja.csv").read_bytes()
    reference = tmp_path / "uji-2020" / "rekap" / "referensi-2019-04.xlsx"
    assert new.reference_path == reference
    assert reference.read_bytes() == (office / "rekap" / "rekap-2019-04.xlsx").read_bytes()
    assert new.earlier_recaps(Period(2020, 1)) == [reference]  # the first month's comparison
    assert new.recaps() == {}  # a reference is no month of the new year
    with pytest.raises(WorkspaceError, match="is a workspace already"):
        roll_over(office, tmp_path / "uji-2020")


def test_rollover_reference_is_the_first_months_comparison(
    office: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rkt_excel.carry import carried_answers
    from rkt_excel.changes import compare
    from rkt_excel.collect import run_consolidation
    from rkt_excel.recap.datasheet import recap_data

    _month(office, "2019-04", monkeypatch)
    assert runner.invoke(main, ["consolidate"]).exit_code == 0
    new = roll_over(office, tmp_path / "uji-2020")
    plan = new.load_plan()
    reference = read_recap(new.reference_path)  # type: ignore[arg-type]
    assert carried_answers(plan, [reference]) == {}  # a new year's actions start empty
    empty = tmp_path / "kosong"
    empty.mkdir()
    january = run_consolidation([empty], plan, units=new.load_units(plan), period=Period(2020, 1))
    changes = compare(recap_data(january), [reference])
    assert (changes.period, changes.previous) == ("2020-01", "2019-04")
    # TU had I.1.a Selesai in the reference; in January nobody has sent anything yet.
    assert [s.unit for s in changes.silent] == []  # one month silent only


def test_workspace_errors_are_messages_in_the_users_language(office: Path) -> None:
    again = runner.invoke(main, ["init", str(office)])
    assert again.exit_code == 1 and "sudah berisi folder kerja" in again.output
    english = runner.invoke(main, ["init", str(office), "--lang", "en"])
    assert "is a workspace already" in english.output and "Traceback" not in english.output
    mixed = runner.invoke(main, ["init", str(office.parent / "x"), "--regulation", "r"])
    assert mixed.exit_code == 1 and "--office dan --year" in mixed.output


def test_rollover_moves_the_year_through_the_document_but_not_through_laws() -> None:
    """Issue #18: the chapters come along for editing with the year changed. The embedded
    plan's texts say "Tahun 2019" for the plan year, and cite laws by "Nomor N Tahun YYYY"."""
    from rkt_excel.template import load_template

    old = load_template()
    new = next_year_plan(old)
    assert new.document.cover_lines[-1] == "TAHUN 2020"
    assert new.signing.date == dt.date(2020, 2, 18)
    old_text, new_text = dump_template(old), dump_template(new)
    assert "Tahun 2020" in new_text and new_text.count("2019") < old_text.count("2019")
    legal = new.legal_basis
    assert legal == old.legal_basis  # "... Nomor 52 Tahun 2014 ..." names a law: unchanged
    assert [ch.title for ch in new.chapters] == [ch.title for ch in old.chapters]
    # A reference to a law of the plan's own year stays; the plan's year moves.
    assert move_year("Peraturan Menteri Nomor 10 Tahun 2019 dan RKT Tahun 2019", 2019, 2020) == (
        "Peraturan Menteri Nomor 10 Tahun 2019 dan RKT Tahun 2020"
    )
    assert move_year("PermenPANRB No. 10/2019; LAKIP 2019", 2019, 2020) == (
        "PermenPANRB No. 10/2019; LAKIP 2020"
    )
