"""Write docs/issues.md from the issue catalogue (rkt_excel/rules.py); developer tool.

python scripts/make_issue_docs.py          # rewrite docs/issues.md
python scripts/make_issue_docs.py --check  # exit 1 when docs/issues.md is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rkt_excel.rules import render_docs

DOC = Path(__file__).resolve().parent.parent / "docs" / "issues.md"


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
