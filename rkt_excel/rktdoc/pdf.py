"""The RKT document as PDF: the Word document converted by LibreOffice (soffice --headless).

Runs LibreOffice with a temporary profile (so a running LibreOffice or a broken user profile
does not interfere); says how to install it when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from rkt_excel.errors import RktError
from rkt_excel.rktdoc.word import write_document
from rkt_excel.template import Plan
from rkt_excel.xlsx_io import atomic_write


class ProgramMissingError(RktError, RuntimeError):
    """A program rkt_excel needs (LibreOffice) is not installed; the text (texts key
    soffice-missing) says how to install it."""


class ConversionError(RktError, RuntimeError):
    """LibreOffice ran but wrote no PDF."""


def find_soffice() -> str | None:
    """The LibreOffice program (``RKT_SOFFICE`` overrides the search), or None."""
    return os.environ.get("RKT_SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")


def write_pdf(plan: Plan, path: str | Path, *, paper: str = "a4") -> Path:
    """Write the RKT of ``plan`` as PDF at ``path`` through LibreOffice.

    Raises:
        ProgramMissingError: LibreOffice is not installed (the message says how to install it).
        ConversionError: LibreOffice wrote no PDF.
    """
    soffice = find_soffice()
    if soffice is None or (not Path(soffice).exists() and shutil.which(soffice) is None):
        raise ProgramMissingError(key="soffice-missing")
    target = Path(path)
    with tempfile.TemporaryDirectory(prefix="rkt-pdf-") as tmp:
        work = Path(tmp)
        source = write_document(plan, work / f"{target.stem}.docx", paper=paper)
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(work / "out"), str(source)]  # fmt: skip
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise ConversionError(key="pdf-failed", reason=str(err)) from err
        made = work / "out" / f"{target.stem}.pdf"
        if not made.exists():
            raise ConversionError(key="pdf-failed", reason=f"{done.stdout}{done.stderr}".strip())
        with atomic_write(target) as out:
            shutil.copyfile(made, out)
    return target
