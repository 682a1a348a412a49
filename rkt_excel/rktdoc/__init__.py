"""The RKT document: the whole plan as Word (``word.write_document``) and as PDF through
LibreOffice (``pdf.write_pdf``). Writers only; ``rkt_excel.planimport`` reads the Word file back.
"""

from __future__ import annotations

from pathlib import Path

from rkt_excel.template import Plan


def write_rkt_document(
    plan: Plan, path: str | Path, *, fmt: str = "docx", paper: str = "a4"
) -> Path:
    """Write the RKT document as ``fmt`` ("docx" or "pdf") on ``paper`` ("a4" or "f4")."""
    if fmt == "pdf":
        from rkt_excel.rktdoc.pdf import write_pdf

        return write_pdf(plan, path, paper=paper)
    from rkt_excel.rktdoc.word import write_document

    return write_document(plan, path, paper=paper)
