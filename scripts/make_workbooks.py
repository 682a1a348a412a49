"""Regenerate workbooks/: the standard 2019 RKT workbook and the example units file.

Run after changing the writer, the layout or the embedded plan:
    python scripts/make_workbooks.py
tests/test_generate.py fails while the committed files differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rkt_excel.demo import example_units_path
from rkt_excel.generate import generate_workbook
from rkt_excel.template import load_template
from rkt_excel.xlsx_io import atomic_write

ROOT = Path(__file__).resolve().parent.parent
WORKBOOKS = ROOT / "workbooks"
WORKBOOK = WORKBOOKS / "rkt-2019-kanim-semarang.xlsx"
UNITS = WORKBOOKS / "units-kanim-semarang.csv"


def main() -> int:
    """Write the files; print what was written."""
    WORKBOOKS.mkdir(exist_ok=True)
    generate_workbook(load_template(), WORKBOOK)
    with atomic_write(UNITS) as tmp:
        tmp.write_bytes(example_units_path().read_bytes())
    for path in (WORKBOOK, UNITS):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
