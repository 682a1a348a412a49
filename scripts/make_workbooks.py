"""Regenerate workbooks/: the standard 2019 RKT workbook and the example units file.

Run after changing the writer, the layout or the embedded plan:
    python scripts/make_workbooks.py
tests/test_generate.py fails while the committed files differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rkt_excel.generate import generate_workbook
from rkt_excel.template import load_template
from rkt_excel.xlsx_io import atomic_write

ROOT = Path(__file__).resolve().parent.parent
WORKBOOKS = ROOT / "workbooks"
WORKBOOK = WORKBOOKS / "rkt-2019-kanim-semarang.xlsx"
UNITS = WORKBOOKS / "units-kanim-semarang.csv"

# The units of a Kantor Imigrasi Kelas I, saved the way Indonesian Excel saves CSV (';').
# Tata Usaha keeps the programme's own paperwork (team, SDM, performance reports); each seksi
# takes the area it runs. Izin Tinggal has no assignment, so its form has every row.
UNITS_CSV = """\
kode;nama;komponen;indikator
TU;Subbagian Tata Usaha;I, III, IV;
INFOSARKOM;Seksi Informasi dan Sarana Komunikasi Keimigrasian;II;
LANTASKIM;Seksi Lalu Lintas Keimigrasian;VI;
INTALTUSKIM;Seksi Izin Tinggal dan Status Keimigrasian;;
WASDAKIM;Seksi Pengawasan dan Penindakan Keimigrasian;V;
"""


def main() -> int:
    """Write the files; print what was written."""
    WORKBOOKS.mkdir(exist_ok=True)
    generate_workbook(load_template(), WORKBOOK)
    with atomic_write(UNITS) as tmp:
        tmp.write_bytes(UNITS_CSV.encode("utf-8"))
    for path in (WORKBOOK, UNITS):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
