"""Real spreadsheet programs as test oracles: LibreOffice (soffice) and Gnumeric (ssconvert).

Batch conversions: one LibreOffice start converts many files. LibreOffice only recalculates on
load when its profile says so (OOXMLRecalcMode=0, "always"), so we make a private profile with
that setting; ``ssconvert --recalc`` recalculates on its own.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SSCONVERT = shutil.which("ssconvert")

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not installed"
)
needs_gnumeric = pytest.mark.skipif(SSCONVERT is None, reason="Gnumeric (ssconvert) not installed")

ERROR_VALUES = ("#REF!", "#NAME?", "#VALUE!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")

_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _profile(recalc: bool) -> Path:
    root = Path(tempfile.mkdtemp(prefix="rkt-lo-profile-"))
    if recalc:
        user = root / "user"
        user.mkdir(parents=True)
        (user / "registrymodifications.xcu").write_text(_PROFILE_XCU, encoding="utf-8")
    return root


def soffice_convert(
    files: Sequence[Path], out_dir: Path, fmt: str = "xlsx", *, recalc: bool = True
) -> list[Path]:
    """Convert files with one LibreOffice run; return the converted paths (same stems)."""
    assert SOFFICE is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = _profile(recalc)
    try:
        cmd = [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            *[str(f) for f in files],
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":")[0]
    outputs = [out_dir / f"{Path(f).stem}.{ext}" for f in files]
    missing = [p for p in outputs if not p.exists()]
    assert not missing, f"LibreOffice did not write {missing}: {done.stdout}{done.stderr}"
    return outputs


def ssconvert(src: Path, dst: Path, *, recalc: bool = True, exporter: str | None = None) -> Path:
    """Convert one file with Gnumeric's ssconvert (recalculating by default)."""
    assert SSCONVERT is not None
    cmd = [SSCONVERT]
    if recalc:
        cmd.append("--recalc")
    if exporter:
        cmd += ["-T", exporter]
    cmd += [str(src), str(dst)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and dst.exists(), f"ssconvert failed: {done.stderr}"
    return dst


def error_cells(path: Path) -> list[tuple[str, str, str]]:
    """Every cell of every sheet whose value is a spreadsheet error: (sheet, cell, value).

    Read with openpyxl (data_only): python-calamine returns error cells as empty strings, which
    would hide exactly what we look for.
    """
    import warnings

    import openpyxl

    found: list[tuple[str, str, str]] = []
    with warnings.catch_warnings():
        # Gnumeric writes no default cell style; openpyxl warns and uses its own (harmless).
        warnings.filterwarnings("ignore", "Workbook contains no default style")
        wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", "") == "e" or (
                        isinstance(value, str) and value.startswith(ERROR_VALUES)
                    ):
                        found.append((ws.title, cell.coordinate, str(value)))
    finally:
        wb.close()
    return found


# --- typing into a workbook with LibreOffice (a Basic macro in a private profile) --------------

_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" \
script:language="StarBasic">{body}</script:module>
"""


def _basic_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def soffice_type(src: Path, dst: Path, edits: Sequence[tuple[str, str, object]]) -> Path:
    """Open ``src`` in LibreOffice, type each (sheet, cell, value) of ``edits`` (text with
    setString, a number with setValue, as a person typing would give) and save as .xlsx.

    The macro runs from a private profile's "My Macros" (trusted, so no macro security
    dialog): the profile is initialised first, because LibreOffice replaces its Standard
    library with the default one when it creates a profile.
    """
    from xml.sax.saxutils import escape

    assert SOFFICE is not None
    profile = _profile(recalc=True)
    try:
        env = f"-env:UserInstallation={profile.as_uri()}"
        base = [SOFFICE, env, "--headless", "--norestore"]
        subprocess.run(
            [*base, "--terminate_after_init"], capture_output=True, timeout=300, check=False
        )
        lines = [
            "Sub Edit",
            "  Dim args(0) As New com.sun.star.beans.PropertyValue",
            '  args(0).Name = "Hidden"',
            "  args(0).Value = True",
            f"  doc = StarDesktop.loadComponentFromURL({_basic_string(src.resolve().as_uri())}, "
            '"_blank", 0, args())',
        ]
        for sheet, cell, value in edits:
            target = (
                f"doc.Sheets.getByName({_basic_string(sheet)})"
                f".getCellRangeByName({_basic_string(cell)})"
            )
            if isinstance(value, int | float) and not isinstance(value, bool):
                lines.append(f"  {target}.setValue({float(value)!r})")
            else:
                lines.append(f"  {target}.setString({_basic_string(str(value))})")
        lines += [
            "  Dim store(0) As New com.sun.star.beans.PropertyValue",
            '  store(0).Name = "FilterName"',
            '  store(0).Value = "Calc MS Excel 2007 XML"',
            f"  doc.storeToURL({_basic_string(dst.resolve().as_uri())}, store())",
            "  doc.close(True)",
            "  StarDesktop.terminate()",
            "End Sub",
        ]
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        assert module.exists(), "LibreOffice did not create its profile"
        module.write_text(_MODULE.format(body=escape("\n".join(lines))), encoding="utf-8")
        done = subprocess.run(
            [*base, "macro:///Standard.Module1.Edit()"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert dst.exists(), f"LibreOffice did not save {dst}: {done.stdout}{done.stderr}"
    return dst
