"""LibreOffice through UNO, for the oracles in tests/pages.py (not a test module).

Runs under the system Python, which has LibreOffice's ``uno`` module (Debian: python3-uno);
the project's virtual environment does not, so tests/pages.py starts this script as a
subprocess. One run starts one headless LibreOffice with a private profile, does every job of
the request and stops it.

    /usr/bin/python3 tests/lo_worker.py REQUEST.json RESULT.json

A request is ``{"jobs": [job, ...]}``. Job kinds:

- ``{"kind": "workbook", "path": ..., "pdf_dir": ... | null, "heights_xlsx": ... | null}``:
  with ``pdf_dir``, print each visible sheet alone to ``<pdf_dir>/<stem>.<sheet index>.pdf``
  (the other sheets hidden, so its pages are its own) and report the cell range of each page;
  with ``heights_xlsx``, set every used row to LibreOffice's optimal height and save the
  workbook there (the caller reads the heights back from the file: one save is much faster
  than asking UNO row by row).
- ``{"kind": "document", "path": ..., "pdf": ...}``: print a text document to ``pdf``.

The result is ``{"results": [...]}``, one entry per job, with ``"error"`` for a job that failed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

# LibreOffice recalculates formulas on load only when its profile says so ("always").
PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start(profile: Path, pipe: str) -> tuple[subprocess.Popen[bytes], Any]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice not found")
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE_XCU, encoding="utf-8")
    proc = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 90
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not start") from None
            time.sleep(0.1)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def load(desktop: Any, path: str) -> Any:
    url = uno.systemPathToFileUrl(os.path.abspath(path))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {path}")
    return doc


def page_style(doc: Any, sheet: Any) -> dict[str, Any]:
    style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
    return {
        "width_mm100": style.Width,
        "height_mm100": style.Height,
        "landscape": bool(style.IsLandscape),
        "scale": style.PageScale,
        "pages_x": style.ScaleToPagesX,
        "pages_y": style.ScaleToPagesY,
    }


def print_sheets(doc: Any, path: str, pdf_dir: str) -> list[dict[str, Any]]:
    sheets = doc.Sheets
    names = list(sheets.ElementNames)
    visible = [n for n in names if sheets.getByName(n).IsVisible]
    controller = doc.CurrentController
    # LibreOffice prints a hidden sheet that has a print area: while one sheet prints, the
    # others lose theirs (given back at the end).
    areas = {n: sheets.getByName(n).getPrintAreas() for n in visible}
    out: list[dict[str, Any]] = []
    for name in visible:
        sheet = sheets.getByName(name)
        sheet.IsVisible = True  # a hidden sheet cannot become the active one
        controller.setActiveSheet(sheet)  # and the active sheet cannot be hidden
        for other in visible:
            each = sheets.getByName(other)
            each.IsVisible = other == name
            if areas[other]:  # (an empty list set on a sheet would print it blank)
                each.setPrintAreas(areas[other] if other == name else ())
        options = (prop("IsPrinter", True),)
        pages = []
        for k in range(doc.getRendererCount(doc, options)):
            info = {p.Name: p.Value for p in doc.getRenderer(k, doc, options)}
            rng = info.get("SourceRange")
            if rng is not None:
                pages.append([rng.StartColumn, rng.EndColumn, rng.StartRow, rng.EndRow])
        index = names.index(name)
        pdf = os.path.join(pdf_dir, f"{Path(path).stem}.{index}.pdf")
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "calc_pdf_Export"),))
        out.append(
            {
                "sheet": name,
                "index": index,
                "pdf": pdf,
                "pages": pages,
                "style": page_style(doc, sheet),
            }
        )
    for name in visible:
        sheets.getByName(name).IsVisible = True
        if areas[name]:
            sheets.getByName(name).setPrintAreas(areas[name])
    return out


def fit_rows(doc: Any, heights_xlsx: str) -> None:
    for sheet in doc.Sheets:
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.RangeAddress
        # whole rows, as LibreOffice fits a row itself: its empty cells count too (their
        # default style's font sets the least height)
        whole = sheet.getCellRangeByPosition(0, 0, sheet.Columns.Count - 1, end.EndRow)
        whole.Rows.OptimalHeight = True
    doc.storeToURL(
        uno.systemPathToFileUrl(os.path.abspath(heights_xlsx)),
        (prop("FilterName", "Calc Office Open XML"),),
    )


def workbook(desktop: Any, job: dict[str, Any]) -> dict[str, Any]:
    doc = load(desktop, job["path"])
    try:
        result: dict[str, Any] = {"path": job["path"]}
        if job.get("pdf_dir"):
            result["sheets"] = print_sheets(doc, job["path"], job["pdf_dir"])
        if job.get("heights_xlsx"):
            fit_rows(doc, job["heights_xlsx"])
            result["heights_xlsx"] = job["heights_xlsx"]
        return result
    finally:
        doc.close(True)


def document(desktop: Any, job: dict[str, Any]) -> dict[str, Any]:
    doc = load(desktop, job["path"])
    try:
        pdf = os.path.abspath(job["pdf"])
        doc.storeToURL(uno.systemPathToFileUrl(pdf), (prop("FilterName", "writer_pdf_Export"),))
        return {"path": job["path"], "pdf": pdf}
    finally:
        doc.close(True)


def main() -> int:
    request = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    profile = Path(tempfile.mkdtemp(prefix="rkt-lo-uno-"))
    proc = None
    results: list[dict[str, Any]] = []
    try:
        proc, desktop = start(profile, f"rkt_uno_{os.getpid()}")
        for job in request["jobs"]:
            try:
                run = workbook if job["kind"] == "workbook" else document
                results.append(run(desktop, job))
            except Exception as err:
                error = f"{err}\n{traceback.format_exc()}"
                results.append({"path": job.get("path"), "error": error})
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            desktop.terminate()
    finally:
        if proc is not None:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the group of the soffice we started
                proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    Path(sys.argv[2]).write_text(json.dumps({"results": results}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
