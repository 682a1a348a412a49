"""Save a plan where the user asked: a plan workbook for .xlsx, YAML otherwise.

One call for the commands that write a plan (`template new`, `show-default`, `import`).
Writer side: imports the workbook writer, no reader.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rkt_excel.planbook.write import write_planbook
from rkt_excel.template import Plan, dump_template
from rkt_excel.xlsx_io import atomic_write

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def save_plan(plan: Plan, path: str | Path, *, unit_codes: Iterable[str] = ()) -> Path:
    """Write ``plan`` to ``path``: a plan workbook when it ends in .xlsx, else YAML."""
    target = Path(path)
    if target.suffix.lower() in WORKBOOK_SUFFIXES:
        return write_planbook(plan, target, unit_codes=unit_codes)
    with atomic_write(target) as tmp:
        tmp.write_text(dump_template(plan), encoding="utf-8")
    return target
