"""Hostile and careless inputs (issue #12): one reproducer per class of the issue.

Every test builds its hostile file in code (zip and XML written here, or a form edited through
openpyxl) and states the behaviour we promise in its docstring. A test marked
``xfail(strict=True, reason="#12 class N")`` shows a promise today's code does not keep yet;
it turns into a failure (XPASS) the day the fix lands, and the marker is then removed.

Crashes (aborts, signals, hangs) are run as a subprocess with a timeout and a bounded address
space; the rest through click's CliRunner.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from cliproc import Proc, run_cli
from helpers import column_letter, ctrl_c_as_at_a_terminal
from mutate import Entry, read_entries, write_zip

from rkt_excel import layout
from rkt_excel.cli import main
from rkt_excel.generate import distribute_forms, generate_workbook
from rkt_excel.simulate import Formula, fill_form, read_meta, simulate_unit
from rkt_excel.template import Plan
from rkt_excel.units import Unit

AS_OF = "2019-08-31"
UNITS = (
    Unit("TU", "Subbagian Tata Usaha", components=("I",)),
    Unit("LANTAS", "Seksi Lalu Lintas Keimigrasian", components=("II",)),
    Unit("WASDAK", "Seksi Pengawasan dan Penindakan", components=("III",)),
)
UNITS_CSV = "kode;nama;komponen\nTU;Subbagian Tata Usaha;I\nLANTAS;Seksi Lalu Lintas;II\n" + (
    "WASDAK;Seksi Pengawasan;III\n"
)
MEMORY = 4 << 30  # address space of a subprocess: a multi-GB allocation fails, not swaps
runner = CliRunner()


def xfail(n: int) -> pytest.MarkDecorator:
    """A promise of class ``n`` that today's code does not keep (see the module docstring)."""
    return pytest.mark.xfail(strict=True, reason=f"#12 class {n}")


_CACHE: dict[str, Path] = {}


# --- the forms -------------------------------------------------------------------------------


@pytest.fixture
def forms(
    embedded_plan: Plan, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> dict[str, Path]:
    """Filled forms of TU, LANTAS and WASDAK (embedded plan), made once, copied per test into
    ``tmp_path/masuk``; "blank-<code>" are the forms as distributed, in ``tmp_path/kirim``."""
    if not _CACHE:
        made = tmp_path_factory.mktemp("hostile-forms")
        blank = distribute_forms(embedded_plan, list(UNITS), made / "kirim")
        for n, (unit, path) in enumerate(zip(UNITS, blank, strict=True)):
            _CACHE[f"blank-{unit.code}"] = path
            _, rows = read_meta(path)
            sim = simulate_unit(
                embedded_plan, list(rows), seed=n, as_of=dt.date(2019, 8, 31), invalid_share=0
            )
            identity = {**sim.identity, "tanggal_pengisian": dt.date(2019, 8, 20 + n)}
            out = made / "masuk" / path.name
            out.parent.mkdir(exist_ok=True)
            _CACHE[unit.code] = fill_form(path, sim.rows, identity=identity, out=out)
    out: dict[str, Path] = {}
    for key, src in _CACHE.items():
        folder = tmp_path / ("kirim" if key.startswith("blank-") else "masuk")
        folder.mkdir(exist_ok=True)
        out[key] = folder / src.name
        shutil.copyfile(src, out[key])
    return out


@pytest.fixture
def units_file(tmp_path: Path) -> Path:
    path = tmp_path / "units.csv"
    path.write_text(UNITS_CSV, encoding="utf-8")
    return path


def edit_parts(
    path: Path,
    edit: Callable[[str, bytes], bytes | None],
    out: Path | None = None,
    extra: Sequence[Entry] = (),
) -> Path:
    """Rewrite an xlsx part by part: ``edit`` returns new bytes (None drops the part)."""
    entries = []
    for e in read_entries(path.read_bytes()):
        data = edit(e.name, e.data)
        if data is not None:
            entries.append(Entry(e.name, data))
    target = out or path
    target.write_bytes(write_zip([*entries, *extra]))
    return target


def sheet_part(path: Path, sheet: str) -> str:
    """The part name (xl/worksheets/sheetN.xml) of a sheet, from workbook.xml and its rels."""
    parts = {e.name: e.data for e in read_entries(path.read_bytes())}
    m = re.search(
        rb'<sheet [^>]*name="' + re.escape(sheet.encode()) + rb'"[^>]*r:id="(\w+)"',
        parts["xl/workbook.xml"],
    )
    assert m is not None, sheet
    rel = re.search(
        rb'Id="'
        + m.group(1)
        + rb'"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="'
        + m.group(1)
        + rb'"',
        parts["xl/_rels/workbook.xml.rels"],
    )
    assert rel is not None
    target = (rel.group(1) or rel.group(2)).decode()
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def component_sheet(plan: Plan, index: int = 0) -> str:
    comp = plan.components[index]
    return f"{comp.id} {comp.name}"


# --- running the CLI ------------------------------------------------------------------------


def cli(*args: str | Path) -> Result:
    return runner.invoke(main, [str(a) for a in args])


def process(*args: str | Path, timeout: float = 120) -> Proc:
    """``rkt-excel ARGS`` as a subprocess, address space bounded, killed after ``timeout``."""
    return run_cli(args, timeout=timeout, memory=MEMORY)


def assert_no_crash(result: Proc | Result, codes: tuple[int, ...] = (1,)) -> None:
    """Ended on its own with one of ``codes``, no traceback, no Rust panic report."""
    if isinstance(result, Result):
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        code, err = result.exit_code, result.stderr + result.stdout
    else:
        assert result.returncode is not None, "hang: killed after the timeout"
        code, err = result.returncode, result.stderr
    assert "Traceback" not in err and "panicked at" not in err, err[-2000:]
    assert code in codes, f"exit code {code}: {err[-2000:]}"


def sources(out_dir: Path) -> dict[str, dict[str, str]]:
    """Sumber, exported as CSV by ``consolidate --export csv``: file name -> row."""
    with (out_dir / "recap_sources.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {Path(row["file"]).name: row for row in csv.DictReader(fh)}


def recap_issues(out_dir: Path) -> list[dict[str, str]]:
    with (out_dir / "recap_issues.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def consolidate_args(inbox: Path | Sequence[Path], out_dir: Path, *extra: str) -> list[str]:
    inputs = [inbox] if isinstance(inbox, Path) else list(inbox)
    return [
        "consolidate",
        *map(str, inputs),
        "--as-of",
        AS_OF,
        "-o",
        str(out_dir / "rekap.xlsx"),
        "--export",
        "csv",
        "--format",
        "json",
        *extra,
    ]


def validate_json(result: Proc | Result) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(result.stdout)
    return issues


# === class 1: one crafted file aborts everyone's run ===========================================

FAR = b"XFD1048576"
_SPELLINGS: dict[str, bytes] = {  # name: the cell as written
    "double-quotes": b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    "single-quotes": b"<c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c>",
    "spaces-around-equals": b'<c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    "lower-case": b'<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>',
    "prefixed-element": (
        b'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        b' r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>'
    ),
    "row-past-9999999": b'<c r="A99999999" t="inlineStr"><is><t>x</t></is></c>',
}


def _add_far_cell(path: Path, part: str, cell: bytes) -> None:
    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        at = data.rindex(b"</row>")
        return data[:at] + cell + data[at:]

    edit_parts(path, edit)


def _consolidate_with_crafted(
    tmp_path: Path, forms: dict[str, Path], crafted: Path, *extra: str
) -> tuple[Proc, dict[str, dict[str, str]]]:
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    result = process(*consolidate_args(crafted.parent, out_dir, *extra))
    assert_no_crash(result)
    return result, sources(out_dir)


@pytest.mark.parametrize("spelling", list(_SPELLINGS))
def test_far_cell_in_any_spelling_is_refused_and_the_run_goes_on(
    spelling: str, embedded_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    """A value at XFD1048576 (or past Excel's last row), however the XML spells the cell, is
    refused before calamine allocates the rectangle: the file is rejected with
    ``sheet-too-large``, the other forms are accepted, the recap is written, exit code 1."""
    crafted = forms["TU"]
    _add_far_cell(
        crafted, sheet_part(crafted, component_sheet(embedded_plan)), _SPELLINGS[spelling]
    )
    _, found = _consolidate_with_crafted(tmp_path, forms, crafted)
    assert found[crafted.name]["status"] == "rejected"
    assert found[crafted.name]["code"] == "sheet-too-large"
    assert {found[forms[c].name]["status"] for c in ("LANTAS", "WASDAK")} == {"accepted"}


def test_far_cell_with_two_workers_is_a_rejection_not_a_broken_pool(
    embedded_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    """With ``--jobs 2`` a worker that dies on a file is that file's rejection (code
    ``reader-crashed``, or ``unreadable`` / ``sheet-too-large`` when caught before calamine);
    no BrokenProcessPool traceback, recap written."""
    crafted = forms["TU"]
    _add_far_cell(
        crafted, sheet_part(crafted, component_sheet(embedded_plan)), _SPELLINGS["single-quotes"]
    )
    _, found = _consolidate_with_crafted(tmp_path, forms, crafted, "--jobs", "2")
    assert found[crafted.name]["status"] == "rejected"
    assert found[crafted.name]["code"] in {"sheet-too-large", "unreadable", "reader-crashed"}
    assert {found[forms[c].name]["status"] for c in ("LANTAS", "WASDAK")} == {"accepted"}


def test_rows_without_cell_references_count_for_the_extent(
    embedded_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    """Cells may omit ``r=`` (their row's ``r`` and their order place them): a row 1,048,576
    of such cells makes the same rectangle as a far reference and is refused the same way
    (``sheet-too-large``: 1,048,576 rows x 14 columns is past the 5,000,000-cell limit)."""
    crafted = forms["TU"]
    part = sheet_part(crafted, component_sheet(embedded_plan))

    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        at = data.rindex(b"</sheetData>")
        far = b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
        return data[:at] + far + data[at:]

    edit_parts(crafted, edit)
    _, found = _consolidate_with_crafted(tmp_path, forms, crafted)
    assert found[crafted.name]["status"] == "rejected"
    assert found[crafted.name]["code"] == "sheet-too-large"


def test_far_cell_alone_in_a_sheet_is_no_panic(tmp_path: Path, forms: dict[str, Path]) -> None:
    """calamine panics (pyo3 PanicException, a BaseException that ``except Exception`` does
    not catch) on a sheet whose only cell is XFD1048576: still one file's rejection, no
    traceback, no Rust panic report on stderr."""
    crafted = forms["TU"]
    part = sheet_part(crafted, "Petunjuk")

    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        body = b"<sheetData><row r='1048576'><c r='XFD1048576' t='inlineStr'><is><t>x</t>" + (
            b"</is></c></row></sheetData>"
        )
        return re.sub(rb"<sheetData>.*</sheetData>|<sheetData\s*/>", body, data, flags=re.S)

    edit_parts(crafted, edit)
    _, found = _consolidate_with_crafted(tmp_path, forms, crafted)
    assert found[crafted.name]["status"] == "rejected"


def test_date_serial_out_of_range_is_no_panic(
    embedded_plan: Plan, forms: dict[str, Path], tmp_path: Path
) -> None:
    """A date cell holding -1e300 makes calamine panic while converting it to a date
    ("TimeDelta::milliseconds out of bounds"): validate reports the file (rejected, or the
    cell as invalid) with exit code 1 and no traceback."""
    crafted = forms["TU"]
    part = sheet_part(crafted, component_sheet(embedded_plan))

    def edit(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        # The REALISASI cell (column I) of the first row typed as a date.
        return re.sub(rb'(<c r="I\d+"[^>]*><v>)\d+(</v>)', rb"\g<1>-1e300\2", data, count=1)

    edit_parts(crafted, edit)
    result = process("validate", crafted, "--format", "json", "--as-of", AS_OF)
    assert_no_crash(result)
    assert any(i["file"] == str(crafted) for i in validate_json(result))


# === class 2: a unit can be impersonated ======================================================


def _claim_unit(path: Path, code: str, out: Path, day: dt.date) -> Path:
    """A copy of ``path`` whose hidden metadata (sheet and custom property) says unit
    ``code``, while Identitas and the form id stay the original unit's."""
    wb = openpyxl.load_workbook(path)
    ws = wb["_rkt_meta"]
    for row in ws.iter_rows(min_col=1, max_col=2):
        if row[0].value == "unit_code":
            row[1].value = code
    row = layout.IDENTITY_ROW["tanggal_pengisian"] + 1
    wb[layout.SHEET_IDENTITY].cell(row, 2).value = dt.datetime.combine(day, dt.time())
    for prop in wb.custom_doc_props.props:
        if prop.name == "rkt_unit_code":
            prop.value = code
    wb.save(out)
    return out


def test_a_form_claiming_another_unit_does_not_supersede_it(
    forms: dict[str, Path], units_file: Path, tmp_path: Path
) -> None:
    """TU's form with ``unit_code`` LANTAS in its hidden metadata (newer than LANTAS's own
    form) is an error naming both codes; LANTAS's real form stays the accepted one; exit 1."""
    forged = _claim_unit(
        forms["TU"], "LANTAS", forms["TU"].with_name("lantas-baru.xlsx"), dt.date(2019, 8, 30)
    )
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    result = cli(*consolidate_args(forged.parent, out_dir, "--units", str(units_file)))
    assert_no_crash(result)
    found = sources(out_dir)
    assert found[forms["LANTAS"].name]["status"] == "accepted"
    assert found[forged.name]["status"] != "accepted"
    errors = [
        i
        for i in recap_issues(out_dir)
        if Path(i["file"]).name == forged.name and i["severity"] == "error"
    ]
    assert any("TU" in i["message"] and "LANTAS" in i["message"] for i in errors), errors
    assert [i["code"] for i in errors] == ["unit-mismatch"]


def test_a_form_id_of_another_unit_is_traced_to_it(
    forms: dict[str, Path], units_file: Path
) -> None:
    """Metadata, property and Identitas all edited to say LANTAS, but the form id is still
    TU's: validate names the unit the form id belongs to (from the units file)."""
    form = _claim_unit(forms["TU"], "LANTAS", forms["TU"], dt.date(2019, 8, 30))
    wb = openpyxl.load_workbook(form)
    wb[layout.SHEET_IDENTITY].cell(layout.IDENTITY_ROW["unit_code"] + 1, 2).value = "LANTAS"
    wb.save(form)
    result = cli("validate", form, "--as-of", AS_OF, "--units", units_file, "--format", "json")
    assert_no_crash(result)
    [issue] = [i for i in validate_json(result) if i["code"] == "unit-mismatch"]
    assert issue["params"]["a"] == "LANTAS" and issue["params"]["b"] == "TU"


# === class 3: files get overwritten ===========================================================


def test_consolidate_refuses_an_output_that_is_an_input(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    """``consolidate masuk -o masuk/form-TU.xlsx`` refuses (exit 1 or 2, a message naming the
    file) and leaves the form as it was."""
    before = forms["TU"].read_bytes()
    result = cli("consolidate", forms["TU"].parent, "--as-of", AS_OF, "-o", forms["TU"])
    assert_no_crash(result, codes=(1, 2))
    assert str(forms["TU"]) in result.output
    assert forms["TU"].read_bytes() == before


def test_distribute_does_not_overwrite_filled_forms(
    forms: dict[str, Path], units_file: Path
) -> None:
    """``distribute`` into a folder that holds returned (filled) forms refuses to replace
    them without ``--force``: exit 1, a message naming a form, the forms unchanged."""
    folder = forms["TU"].parent
    before = {p.name: p.read_bytes() for p in folder.glob("*.xlsx")}
    result = cli("distribute", "--units", units_file, "-o", folder)
    assert_no_crash(result)
    assert "form-TU.xlsx" in result.output
    assert {p.name: p.read_bytes() for p in folder.glob("*.xlsx")} == before


def test_annotate_never_overwrites_an_existing_annotated_copy(forms: dict[str, Path]) -> None:
    """An existing ``form-TU.periksa.xlsx`` (maybe the unit's corrected copy) is never
    replaced: the new annotated copy gets a name of its own."""
    form = forms["TU"]
    theirs = form.with_name("form-TU.periksa.xlsx")
    theirs.write_bytes(form.read_bytes())
    before = theirs.read_bytes()
    fill_form(form, {}, identity={"nip": "123"})  # an error, so there is something to annotate
    result = cli("validate", form, "--as-of", AS_OF, "--annotate")
    assert_no_crash(result)
    assert theirs.read_bytes() == before
    copies = [p for p in form.parent.glob("*periksa*.xlsx") if p != theirs]
    assert len(copies) == 1, copies


# === class 4: files vanish without a word =====================================================


def test_every_entry_of_an_input_folder_is_accounted_for(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    """Every entry of the input folder appears in Sumber with what was done to it: forms
    accepted; .ods, .xlsb, .pdf, a file without extension, a subfolder and a broken link
    each with a status (read, or rejected or skipped with a reason); nothing silently left."""
    inbox = forms["TU"].parent
    (inbox / "laporan.ods").write_bytes(b"PK\x03\x04" + bytes(40))
    (inbox / "laporan.xlsb").write_bytes(b"PK\x03\x04" + bytes(40))
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.7\n")
    (inbox / "form-WASDAK").write_bytes(forms["WASDAK"].read_bytes())
    (inbox / "lama").mkdir()
    (inbox / "hilang.xlsx").symlink_to(tmp_path / "tidak-ada.xlsx")
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    assert_no_crash(cli(*consolidate_args(inbox, out_dir)), codes=(0, 1))
    found = sources(out_dir)
    assert set(found) >= {p.name for p in inbox.iterdir()}
    assert all(found[name]["status"] for name in found)
    assert {name: (found[name]["status"], found[name]["code"]) for name in (
        "laporan.ods", "laporan.xlsb", "scan.pdf", "lama", "hilang.xlsx")} == {
        "laporan.ods": ("rejected", "unreadable"),  # these two are broken zips
        "laporan.xlsb": ("rejected", "unreadable"),
        "scan.pdf": ("rejected", "not-a-spreadsheet"),
        "lama": ("skipped", "skipped-folder"),
        "hilang.xlsx": ("rejected", "broken-link"),
    }  # fmt: skip
    assert found["form-WASDAK"]["unit_code"] == "WASDAK"  # no extension: read all the same


def test_entries_recognised_by_name_are_skipped_with_their_note(tmp_path: Path) -> None:
    """Lock files, hidden and system files and our CSV exports are listed with a note
    (skipped); a named pipe in a folder is refused without being opened; the folder, from
    which nothing is read, is named (empty-folder)."""
    from rkt_excel.discover import discover

    names = {"~$form-TU.xlsx": "skipped-lock-file", ".DS_Store": "skipped-system-file",
             "Thumbs.db": "skipped-system-file", "recap_sources.csv": "skipped-export",
             ".rkt-tmp-0a1b2c3d-rekap.xlsx": "skipped-temp-file"}  # fmt: skip
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    os.mkfifo(tmp_path / "pipa.xlsx")
    found = discover([tmp_path])
    assert found.read == []
    assert {Path(i.file).name: i.code for i in found.notes} == {
        **names,
        "pipa.xlsx": "not-a-regular-file",
        tmp_path.name: "empty-folder",
    }


def test_own_recap_and_temp_files_in_the_inbox_are_skipped_with_a_note(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    """Last month's recap written into the input folder, and a temporary file left by an
    interrupted write (xlsx_io.TEMP_PREFIX), are recognised: listed in Sumber, neither
    accepted nor rejected."""
    from rkt_excel.xlsx_io import TEMP_PREFIX

    inbox = forms["TU"].parent
    first = tmp_path / "bulan-lalu"
    first.mkdir()
    assert_no_crash(cli(*consolidate_args(inbox, first)), codes=(0, 1))
    shutil.copyfile(first / "rekap.xlsx", inbox / "rekap.xlsx")
    (inbox / f"{TEMP_PREFIX}0a1b2c3d-rekap.xlsx").write_bytes(b"")
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    assert_no_crash(cli(*consolidate_args(inbox, out_dir)), codes=(0, 1))
    found = sources(out_dir)
    for name in ("rekap.xlsx", f"{TEMP_PREFIX}0a1b2c3d-rekap.xlsx"):
        assert name in found, sorted(found)
        assert found[name]["status"] not in ("accepted", "rejected", "superseded"), found[name]
    assert found["rekap.xlsx"]["code"] == "skipped-recap"


def test_a_corrected_annotated_copy_is_that_units_form(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    """A unit that corrects its ``*.periksa.xlsx`` and sends it back: the copy is read as the
    unit's form (the annotation sheet ignored) and, being newer, supersedes the original."""
    form = forms["TU"]
    fill_form(form, {}, identity={"nip": "123"})
    assert_no_crash(cli("validate", form, "--as-of", AS_OF, "--annotate"))
    [annotated] = form.parent.glob("*periksa*.xlsx")
    later = time.time() + 60
    os.utime(annotated, (later, later))
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    assert_no_crash(cli(*consolidate_args(form.parent, out_dir)), codes=(0, 1))
    found = sources(out_dir)
    assert annotated.name in found, sorted(found)
    assert found[annotated.name]["status"] == "accepted"
    assert found[annotated.name]["unit_code"] == "TU"
    assert found[form.name]["status"] == "superseded"


def _errors_after_typing(
    form: Path, values: dict[str, Any], field: str
) -> tuple[tuple[str, str], list[tuple[str, str]]]:
    """Type ``values`` in the form's first row (identity filled correctly), validate; return
    (sheet, cell) of ``field`` in that row and the (sheet, cell) of every error."""
    _, rows = read_meta(form)
    row_id = next(iter(rows))
    identity = {"nama_pengisi": "Ani", "nip": "198501012010012001",
                "tanggal_pengisian": dt.date(2019, 8, 1)}  # fmt: skip
    fill_form(form, {row_id: values}, identity=identity)
    result = cli("validate", form, "--as-of", AS_OF, "--format", "json")
    assert_no_crash(result)
    where = (rows[row_id].sheet, f"{column_letter(field)}{rows[row_id].row}")
    errors = [(i["sheet"], i["cell"]) for i in validate_json(result) if i["severity"] == "error"]
    return where, errors


# === class 5: missing structure passes =========================================================


def test_a_missing_component_sheet_is_an_error(embedded_plan: Plan, forms: dict[str, Path]) -> None:
    """A form of TU with its component sheet and its hidden metadata deleted: an error (not a
    warning) for the missing sheet or its rows; exit 1."""
    form = forms["TU"]
    wb = openpyxl.load_workbook(form)
    del wb[component_sheet(embedded_plan)]
    del wb["_rkt_meta"]
    wb.save(form)
    result = cli("validate", form, "--as-of", AS_OF, "--format", "json")
    assert_no_crash(result)
    errors = [i for i in validate_json(result) if i["severity"] == "error"]
    assert any(i["code"] in {"missing-sheet", "missing-row"} for i in errors), errors
    assert "missing-sheet" in {i["code"] for i in errors}


def test_blank_status_on_a_touched_row_is_an_error(
    embedded_plan: Plan, forms: dict[str, Path]
) -> None:
    """A row with CAPAIAN and KETERANGAN filled but STATUS blank: an error at the STATUS
    cell (its sheet and cell named)."""
    where, errors = _errors_after_typing(
        forms["blank-TU"], {"capaian": 50, "keterangan": "sedang berjalan"}, "status"
    )
    assert where in errors, errors  # the code: "missing-status"


def test_the_standard_workbook_filled_in_is_not_a_unit_form(
    embedded_plan: Plan, tmp_path: Path
) -> None:
    """The standard workbook (no unit), filled in and sent as a form: an error for the file
    (a form with no unit), never a form of unit ""; exit 1."""
    book = generate_workbook(embedded_plan, tmp_path / "rkt.xlsx")
    _, rows = read_meta(book)
    first = next(iter(rows))
    fill_form(book, {first: {"status": "Selesai", "capaian": 100, "bukti_dukung": "https://x.id"}})
    result = cli("validate", book, "--as-of", AS_OF, "--format", "json")
    assert_no_crash(result)
    assert "no-unit" in {i["code"] for i in validate_json(result) if i["severity"] == "error"}


# === class 6: a stray quote in units.csv ======================================================


def test_a_stray_quote_in_units_csv_is_a_line_numbered_error(
    embedded_plan: Plan, tmp_path: Path
) -> None:
    """``TU;"Tata Usaha;I`` (an opening quote never closed) would swallow the lines after it
    into one cell: distribute refuses with exit 1, names line 2, writes nothing."""
    units = tmp_path / "units.csv"
    units.write_text(
        'kode;nama;komponen\nTU;"Tata Usaha;I\nLANTAS;Lalu Lintas;II\nWASDAK;Pengawasan;III\n',
        encoding="utf-8",
    )
    out = tmp_path / "kirim"
    result = cli("distribute", "--units", units, "-o", out)
    assert_no_crash(result)
    assert "baris 2" in result.output and "quote" in result.output
    assert not out.exists() or not list(out.iterdir())


# === class 7: a cell can forge terminal output =================================================

# As it sits in the sheet XML: ESC as Excel escapes it (_x001B_), a CR as a character
# reference, a raw newline, then C1 CSI (U+009B) and a right-to-left override (U+202E).
_FORGED = (
    "_x001B_[2J_x001B_[31mSelesai&#13;\nerror   /etc/passwd: [not-a-spreadsheet] palsu"
    "\u009b31m\u202etxt.exe"
)
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_cell_text_cannot_forge_terminal_output(
    embedded_plan: Plan, forms: dict[str, Path]
) -> None:
    """A STATUS cell holding ESC and C1 sequences, a carriage return, a bidi override and a
    newline followed by a fake "error FILE" line: validate's table output shows it escaped,
    so no control character reaches the terminal (only the line ends) and no line starts with
    the forged text."""
    form = forms["TU"]
    _, rows = read_meta(form)
    row_id = next(iter(rows))
    fill_form(form, {row_id: {"status": "PENANDA"}}, strict=False)
    part = sheet_part(form, rows[row_id].sheet)
    edit_parts(form, lambda n, d: d.replace(b"PENANDA", _FORGED.encode()) if n == part else d)
    result = cli("validate", form, "--as-of", AS_OF)
    assert_no_crash(result)
    text = result.stdout + result.stderr
    assert "PENANDA" not in text and "palsu" in text  # the forged value is shown ...
    assert not _CONTROLS.search(text), repr(_CONTROLS.search(text))  # ... escaped
    assert not any(line.startswith("error   /etc/passwd") for line in text.splitlines())


# === class 8: tracebacks for unwritable outputs ================================================


def _output_args(command: str, forms: dict[str, Path], units_file: Path, out: Path) -> list[str]:
    """The arguments of ``command`` writing ``out`` (for rollup, a recap is made first)."""
    if command == "rollup":
        recap = forms["TU"].parent.parent / "rekap-untuk-rollup.xlsx"
        made = cli("consolidate", forms["TU"].parent, "--as-of", AS_OF, "-o", recap)
        assert_no_crash(made, codes=(0, 1))
        return ["rollup", str(recap), "-o", str(out)]
    return {
        "consolidate": ["consolidate", str(forms["TU"].parent), "--as-of", AS_OF, "-o", str(out)],
        "generate": ["generate", "-o", str(out)],
        "template show-default": ["template", "show-default", "-o", str(out)],
        "distribute": ["distribute", "--units", str(units_file), "-o", str(out.parent)],
    }[command]


@pytest.mark.parametrize(
    "command",
    ["consolidate", "generate", "template show-default", "distribute", "rollup"],
)
def test_output_into_a_missing_folder_is_created(
    command: str, forms: dict[str, Path], units_file: Path, tmp_path: Path
) -> None:
    """``-o`` into a folder that does not exist yet: the folder is created and the file
    written (exit 0, or 1 for consolidate: the forms have problems)."""
    out = tmp_path / "baru" / "lagi" / "hasil.xlsx"
    result = cli(*_output_args(command, forms, units_file, out))
    assert_no_crash(result, codes=(0, 1))
    assert out.exists() or (command == "distribute" and list(out.parent.glob("form-*.xlsx")))


@pytest.mark.parametrize(
    "command",
    [
        "consolidate",
        "generate",
        "template show-default",
        "distribute",
        "rollup",
    ],
)
def test_output_under_a_file_is_a_one_line_error(
    command: str, forms: dict[str, Path], units_file: Path, tmp_path: Path
) -> None:
    """``-o`` into a "folder" that is a regular file (unwritable as a folder, even for
    root): one line "Error: ..." naming the path, exit 1, no traceback."""
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    out = blocker / "hasil.xlsx"
    result = cli(*_output_args(command, forms, units_file, out))
    # distribute's -o names a folder, here a file: click's usage error (exit 2) says so.
    assert_no_crash(result, codes=(2,) if command == "distribute" else (1,))
    errors = [line for line in result.stderr.splitlines() if line.startswith(("Error:", "Galat:"))]
    assert len(errors) == 1 and str(blocker) in errors[0], result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_into_a_read_only_folder_is_a_one_line_error(
    forms: dict[str, Path], tmp_path: Path
) -> None:
    """``consolidate -o`` into a read-only folder: one line "Error: ...", exit 1."""
    folder = tmp_path / "terkunci"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = cli(
            "consolidate", forms["TU"].parent, "--as-of", AS_OF, "-o", folder / "rekap.xlsx"
        )
    finally:
        folder.chmod(stat.S_IRWXU)
    assert_no_crash(result)
    assert result.stderr.startswith("Error:") and str(folder) in result.stderr


def test_annotate_into_an_unwritable_place_is_a_one_line_error(forms: dict[str, Path]) -> None:
    """``validate --annotate`` when the annotated copy cannot be written (a folder holds its
    name): the issues are still printed, no traceback, exit 1."""
    form = forms["TU"]
    fill_form(form, {}, identity={"nip": "123"})
    form.with_name("form-TU.periksa.xlsx").mkdir()
    result = cli("validate", form, "--as-of", AS_OF, "--annotate")
    assert_no_crash(result)
    assert "invalid-nip" in result.stdout


# === class 9: unbounded read ==================================================================


def _limit_memory_2g() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _peak_kib(args: Sequence[str], timeout: float = 60) -> tuple[Proc, int]:
    """Run the CLI under a fresh parent that reports its child's peak RSS (KiB); 2 GiB of
    address space (an unbounded read then ends in MemoryError sooner)."""
    code = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors='replace')\n"
        "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    cmd = [sys.executable, "-c", code, sys.executable, "-m", "rkt_excel", *args]
    try:
        done = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory_2g,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Proc(None, "", ""), 0
    *err, peak = done.stderr.rstrip("\n").split("\n")
    return Proc(done.returncode, done.stdout, "\n".join(err)), int(peak)


def test_a_device_is_refused_without_reading_it() -> None:
    """``validate /dev/zero``: refused as not a regular file (one issue for it, exit 1) with
    the memory of an ordinary run (under 1 GiB; reading it grows without bound)."""
    result, peak = _peak_kib(["validate", "/dev/zero", "--format", "json", "--as-of", AS_OF])
    assert_no_crash(result)
    [issue] = validate_json(result)
    assert issue["file"] == "/dev/zero" and issue["code"] != "unreadable"
    assert peak < 1 << 20, f"peak RSS {peak} KiB"


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    """A named pipe with no writer given as a form: refused at once (opening it would wait
    forever), one issue for it, exit 1."""
    fifo = tmp_path / "form.xlsx"
    os.mkfifo(fifo)
    result = process("validate", fifo, "--format", "json", "--as-of", AS_OF, timeout=20)
    assert_no_crash(result)
    assert [i["file"] for i in validate_json(result)] == [str(fifo)]


# === class 10: interrupts leave debris =========================================================

# Runs the CLI with xlsxwriter's zip step held at its first part: "ready" is printed on stderr
# and the step waits (up to 30 s) for the test's signal, while the recap's temporary file and
# xlsxwriter's own temp files exist. (A fixed delay let a loaded machine finish the write
# before the signal came.)
_SLOW_CLI = """
import sys, time, zipfile
_write = zipfile.ZipFile.write
_said = []
def slow(self, *a, **k):
    if not _said:
        _said.append(1)
        print("ready", file=sys.stderr, flush=True)
        time.sleep(30)  # the signal ends the wait
    return _write(self, *a, **k)
zipfile.ZipFile.write = slow
from rkt_excel.cli import main
main()
"""


def _interrupt(args: Sequence[str], sig: signal.Signals, tmpdir: Path) -> int:
    """Run ``_SLOW_CLI ARGS``, send ``sig`` once the recap is being zipped; the exit code."""
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_CLI, *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        preexec_fn=ctrl_c_as_at_a_terminal,
    ) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if line.strip() == "ready":
                break
        time.sleep(0.2)
        proc.send_signal(sig)
        proc.stderr.read()
        return proc.wait(timeout=60)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_recap_leaves_no_debris(
    sig: signal.Signals, forms: dict[str, Path], tmp_path: Path
) -> None:
    """SIGTERM or SIGINT while the recap is written: no temporary file left next to the
    output, none of xlsxwriter's in the temp folder, no recap under the real name."""
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    args = [
        "consolidate",
        str(forms["TU"].parent),
        "--as-of",
        AS_OF,
        "-o",
        str(out_dir / "rekap.xlsx"),
    ]
    assert _interrupt(args, sig, tmpdir) != 0
    assert list(out_dir.iterdir()) == []
    assert list(tmpdir.iterdir()) == []


# === class 11: smaller ========================================================================


def test_a_year_typed_into_a_date_cell_is_an_error(
    embedded_plan: Plan, forms: dict[str, Path]
) -> None:
    """REALISASI typed as 2019 (a date cell shows it as 1905-07-11): an error at that cell."""
    values = {"status": "Selesai", "capaian": 100, "realisasi": 2019,
              "bukti_dukung": "https://drive.google.com/x"}  # fmt: skip
    where, errors = _errors_after_typing(forms["blank-TU"], values, "realisasi")
    assert where in errors, errors


def test_a_remark_over_excels_limit_is_noted(forms: dict[str, Path], tmp_path: Path) -> None:
    """A KETERANGAN of 35,000 characters (Excel keeps 32,767 in a cell): the recap cuts it
    and says so, an issue for that cell of that form; its data keeps the whole text."""
    form = forms["TU"]
    _, rows = read_meta(form)
    row_id = next(iter(rows))
    # openpyxl (like Excel) cuts a text at the limit; a file written by another program need
    # not: the cut text is lengthened in the XML.
    whole = "panjang" * 5000
    fill_form(form, {row_id: {"keterangan": whole}}, strict=False)
    cut = whole[:32_767].encode()

    def lengthen(_name: str, data: bytes) -> bytes:
        return data.replace(cut, whole.encode())

    edit_parts(form, lengthen)
    out_dir = tmp_path / "hasil"
    out_dir.mkdir()
    # A warning, not an error: the whole text stays in the recap's data, the form is accepted.
    assert_no_crash(cli(*consolidate_args(form.parent, out_dir)), codes=(0,))
    mine = [
        (i["code"], i["field"], i["severity"])
        for i in recap_issues(out_dir)
        if Path(i["file"]).name == form.name and i["row_id"] == row_id
    ]
    assert ("text-too-long", "keterangan", "warning") in mine, mine
    with (out_dir / "recap_rows.csv").open(encoding="utf-8-sig", newline="") as fh:
        kept = [r["keterangan"] for r in csv.DictReader(fh) if r["row_id"] == row_id]
    assert kept == [whole], "the whole text reaches the recap's data"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_same_recap_twice_is_one_office(
    lang: str, forms: dict[str, Path], tmp_path: Path
) -> None:
    """``rollup R R R-copy`` (the same recap twice by path, and a byte copy): one office in
    the roll-up, each duplicate named with the recap it repeats, exit 1."""
    recap = tmp_path / "rekap.xlsx"
    assert_no_crash(
        cli("consolidate", forms["TU"].parent, "--as-of", AS_OF, "-o", recap), codes=(0, 1)
    )
    copy = tmp_path / "salinan.xlsx"
    shutil.copyfile(recap, copy)
    kanwil = tmp_path / "kanwil.xlsx"
    result = cli("rollup", recap, recap, copy, "-o", kanwil, "--lang", lang)
    assert_no_crash(result)
    # The user's language (the test first asked for English only; Indonesian is the default).
    assert ("(1 kantor)" if lang == "id" else ": 1 office(s)") in result.output
    same = "rekap yang sama dengan" if lang == "id" else "the same recap as"
    for dup in (recap, copy):
        assert f"{dup}: {same} {recap}" in result.output, result.output
    wb = openpyxl.load_workbook(kanwil, read_only=True)
    try:
        rows = list(wb.worksheets[0].values)
    finally:
        wb.close()
    below = [r[0] if r else None for r in rows[3:]]  # below the header row
    offices = below[: below.index(None)] if None in below else below  # to the first blank
    assert len(offices) == 1, offices


def test_hasil_refuses_nan(forms: dict[str, Path], tmp_path: Path) -> None:
    """``--hasil`` with ``H.IPAK: .nan``: refused, the key named, exit 1, no recap."""
    hasil = tmp_path / "hasil.yaml"
    hasil.write_text("H.IPAK: .nan\n")
    out = tmp_path / "rekap.xlsx"
    result = cli("consolidate", forms["TU"].parent, "--as-of", AS_OF, "--hasil", hasil, "-o", out)
    assert_no_crash(result)
    assert "H.IPAK" in result.output
    assert not out.exists()


@pytest.mark.parametrize("command", ["consolidate", "validate"])
def test_an_input_folder_without_forms_is_exit_1(command: str, tmp_path: Path) -> None:
    """An empty input folder (the wrong folder given): a message naming it, exit 1."""
    empty = tmp_path / "kosong"
    empty.mkdir()
    extra = ["-o", tmp_path / "rekap.xlsx"] if command == "consolidate" else []
    result = cli(command, empty, "--as-of", AS_OF, *extra)
    assert_no_crash(result)
    code = "empty-folder"
    assert f"{empty}: [{code}]" in result.output


_TRANSITIONAL = (
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
)
_STRICT = (
    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships",
)


def test_strict_ooxml_is_recognised(forms: dict[str, Path]) -> None:
    """The same form saved in strict-OOXML namespaces (Excel's "Strict Open XML Spreadsheet")
    is either read exactly like the original (the same issues, the same cells, formulas and
    hyperlinks) or rejected with a message that names strict OOXML; never misread."""
    from rkt_excel.read import read_form

    form = forms["TU"]
    _, rows = read_meta(form)
    first = next(iter(rows))
    # A formula in an input cell (formula-in-input) is seen only in the sheet XML.
    fill_form(form, {first: {"capaian": Formula("=50+50")}}, identity={"nip": "123"}, strict=False)
    # So is a hyperlink's target (r:id in the sheet, the target in the sheet's relationships).
    link = "https://drive.google.com/file/d/bukti"
    wb = openpyxl.load_workbook(form)
    wb[rows[first].sheet][f"{column_letter('bukti_dukung')}{rows[first].row}"].hyperlink = link
    wb.save(form)
    strict = form.with_name("strict.xlsx")

    def edit(name: str, data: bytes) -> bytes:
        for old, new in zip(_TRANSITIONAL, _STRICT, strict=True):
            data = data.replace(old, new)
        return data

    edit_parts(form, edit, out=strict)
    parts = [e.data for e in read_entries(strict.read_bytes())]  # the test makes a strict file
    assert not any(ns in data for data in parts for ns in _TRANSITIONAL)
    assert all(any(ns in data for data in parts) for ns in _STRICT)
    both = validate_json(cli("validate", form, strict, "--as-of", AS_OF, "--format", "json"))
    original = [(i["code"], i["sheet"], i["cell"]) for i in both if i["file"] == str(form)]
    other = [i for i in both if i["file"] == str(strict)]
    capaian = f"{column_letter('capaian')}{rows[first].row}"
    assert ("formula-in-input", rows[first].sheet, capaian) in original
    named = len(other) == 1 and "strict" in other[0]["message"].lower()
    if named:
        return
    assert [(i["code"], i["sheet"], i["cell"]) for i in other] == original
    read, read_strict = read_form(form), read_form(strict)
    assert read.rows[first].fields["bukti_dukung"].link == link
    assert (read_strict.identity, read_strict.rows) == (read.identity, read.rows)
