"""Write docs/issues.md from the issue catalogue (rkt_excel/catalogue.py); developer tool.

python scripts/make_issue_docs.py          # rewrite docs/issues.md
python scripts/make_issue_docs.py --check  # exit 1 when docs/issues.md is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rkt_excel.catalogue import CATALOGUE, GROUPS
from rkt_excel.normalize import SERIAL_MAX, SERIAL_MIN, SYNONYMS, serial_to_date
from rkt_excel.read import DEFAULT_LIMITS

DOC = Path(__file__).resolve().parent.parent / "docs" / "issues.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_docs() -> str:
    """The text of docs/issues.md: every code with severity, meaning and fix, plus the
    accepted spellings and the pre-flight limits."""
    out = [
        "# Issue codes",
        "",
        "<!-- Generated from rkt_excel/catalogue.py by scripts/make_issue_docs.py; do not edit -->",
        "",
        "Every problem `rkt-excel validate` reports has a stable code, a severity, the file, "
        "sheet, cell (A1), row id and field, the raw value, and a message in Indonesian "
        "(`--lang id`) or English (`--lang en`). An **error** means the form cannot be "
        "accepted as it is; a **warning** asks for a look.",
        "",
    ]
    for group, title in GROUPS.items():
        out += [f"## {title}", "", "| code | severity | meaning | fix |", "|---|---|---|---|"]
        for code, r in CATALOGUE.items():
            if r.group == group:
                out.append(f"| `{code}` | {r.severity} | {_cell(r.en)} | {_cell(r.fix)} |")
        out.append("")
    out += [
        "## Accepted spellings",
        "",
        "Options are matched ignoring case, spaces and a trailing `.` or `)` "
        "(`ya`, ` YA `, `a.` are fine). Beyond that only these spellings are accepted:",
        "",
        "| list | typed | read as |",
        "|---|---|---|",
    ]
    for list_name, table in SYNONYMS.items():
        for typed, value in table.items():
            out.append(f"| {list_name} | `{typed}` | {value} |")
    lo, hi = serial_to_date(SERIAL_MIN), serial_to_date(SERIAL_MAX)
    out += [
        "",
        "Numbers: `80`, `80%`, `80,5` (decimal comma), `1.000,5` / `1,000.5` (the last mark "
        "is the decimal one); a value shown with a % number format is multiplied by 100 "
        "(0.8 shown as 80% is 80).",
        "",
        "Dates: a date cell; an Excel serial number from "
        f"{SERIAL_MIN} ({lo}) to {SERIAL_MAX} ({hi}); day-first text `17/08/2019`, "
        "`17-8-2019`, `17.08.2019`, `17/08/19`; ISO `2019-08-17`; Indonesian (or English) "
        "month names `17 Agustus 2019`, `17 Agt 2019`, `Sabtu, 17 Agustus 2019`. A month "
        "without a day (`Agustus 2019`) is read as the first of that month, the earliest "
        "the work can have been done, so it never fails the as-of check because of the "
        "missing day.",
        "",
        "NIP: 18 digits as text; spaces, dots, dashes and a leading apostrophe are dropped. "
        "A NIP stored as a number is refused (`nip-as-number`): Excel keeps 15 significant "
        "digits, so the last digits are already lost.",
        "",
        "## Pre-flight limits",
        "",
        "Checked from the zip directory before anything is extracted, then again while "
        "reading each part. A real form is about 20 KB compressed and 100 KB uncompressed.",
        "",
        "| limit | default |",
        "|---|---|",
    ]
    for name, value in DEFAULT_LIMITS.describe():
        out.append(f"| {name} | {value} |")
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    args = parser.parse_args(argv)
    text = render_docs()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is stale: run python scripts/make_issue_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
