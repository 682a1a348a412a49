"""Regenerate docs/cli.md from the commands' --help, so the docs cannot drift from the tool.

python scripts/make_cli_docs.py          # rewrite docs/cli.md
python scripts/make_cli_docs.py --check  # exit 1 when docs/cli.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from rkt_excel.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _commands(group: click.Command, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    if isinstance(group, click.Group):
        for name in sorted(group.commands):
            out += _commands(group.commands[name], (*prefix, name))
    return out


def render() -> str:
    """The Markdown text of docs/cli.md."""
    runner = CliRunner()
    parts = [
        "# Command-line reference\n",
        "Generated from `--help` by `scripts/make_cli_docs.py`; a test fails when it is stale.",
        "Exit codes: 0 success, 1 the job found problems or could not continue on an input file,",
        "2 usage error.\n",
    ]
    for path in _commands(main):
        # A fixed terminal width keeps the text the same on every machine.
        result = runner.invoke(main, [*path, "--help"], terminal_width=100)
        title = " ".join(("rkt-excel", *path))
        text = result.output.replace("Usage: main", "Usage: rkt-excel")
        parts.append(f"## `{title}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(parts)


def main_() -> int:
    """Write or check docs/cli.md."""
    text = render()
    if "--check" in sys.argv:
        if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
            print("docs/cli.md is stale: run python scripts/make_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main_())
