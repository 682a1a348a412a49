"""What the console prints is Bahasa Indonesia by default: ``demo``, ``consolidate`` and
``validate`` in a workspace, run as a user runs them, print no English word of ENGLISH (and
``--lang en`` prints English).

An issue line names its catalogue code in brackets ("[invalid-date]", the key to
docs/issues.md) and file paths name the user's files: both are left out before looking.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from rkt_excel.cli import main

# Words of the English console texts that are not also Indonesian ("unit", "total", "folder",
# "status", "file" are both).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "without",
        "for",
        "from",
        "not",
        "no",
        "yes",
        "form",
        "forms",
        "accepted",
        "rejected",
        "superseded",
        "missing",
        "units",
        "problems",
        "errors",
        "error",
        "warnings",
        "warning",
        "completion",
        "estimated",
        "score",
        "reached",
        "failed",
        "written",
        "wrote",
        "files",
        "recap",
        "recaps",
        "workbook",
        "month",
        "months",
        "carried",
        "carrying",
        "previous",
        "answers",
        "checked",
        "found",
        "read",
        "reading",
        "rows",
    ]
)
CODE = re.compile(r"\[[a-z0-9-]+\]")
PATH = re.compile(r"(?:/|[A-Za-z]:\\)\S+|\S+\.(?:xlsx|csv|yaml|json|docx|pdf)\b")


def english_words(output: str) -> list[tuple[str, str]]:
    """(word, line) for every English word of ``output``, codes and paths left out."""
    found = []
    for line in output.splitlines():
        plain = PATH.sub(" ", CODE.sub(" ", line))
        for word in re.findall(r"[A-Za-z]+", plain):
            if word.lower() in ENGLISH:
                found.append((word, line))
    return found


def run(args: list[str]) -> str:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("console")
    mp = pytest.MonkeyPatch()
    mp.delenv("RKT_LANG", raising=False)
    try:
        out = {"demo": run(["demo", "-o", str(root / "demo")])}
        mp.chdir(root / "demo" / "kanim-semarang-2019")
        out["consolidate"] = run(["consolidate", "-o", str(root / "rekap.xlsx")])
        out["validate"] = run(["validate"])
        out["validate-en"] = run(["validate", "--lang", "en"])
        out["consolidate-en"] = run(["consolidate", "-o", str(root / "r.xlsx"), "--lang", "en"])
    finally:
        mp.undo()
    return out


@pytest.mark.parametrize("command", ["demo", "consolidate", "validate"])
def test_default_language_prints_no_english_word(outputs: dict[str, str], command: str) -> None:
    assert outputs[command].strip()
    assert english_words(outputs[command]) == []


def test_failed_minimums_by_name_with_indonesian_numbers(outputs: dict[str, str]) -> None:
    text = outputs["consolidate"]
    assert re.search(r"Nilai total \(pengungkit \+ hasil\) \d+,\d\d < 75,00", text), text


def test_english_on_request(outputs: dict[str, str]) -> None:
    assert english_words(outputs["validate-en"])
    assert english_words(outputs["consolidate-en"])


def test_the_check_sees_english() -> None:
    assert english_words("forms: 4 accepted, 0 rejected") != []
    assert english_words("formulir: 4 diterima [answer-without-evidence] /tmp/forms/a.xlsx") == []
