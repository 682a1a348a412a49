"""docs/issues.md is generated from the catalogue and current; every rule is complete and tested."""

from __future__ import annotations

import importlib.util
import re
import string
from pathlib import Path

from rkt_excel.catalogue import CATALOGUE, GROUPS, PREFLIGHT_CODES, Severity

ROOT = Path(__file__).resolve().parent.parent
_SPEC = importlib.util.spec_from_file_location(
    "make_issue_docs", ROOT / "scripts" / "make_issue_docs.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_SCRIPT = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_SCRIPT)
render_docs = _SCRIPT.render_docs
DOC = ROOT / "docs" / "issues.md"
MY_TESTS = (
    "test_read.py",
    "test_validate.py",
    "test_preflight.py",
    "test_normalize.py",
    "test_evidence.py",
    "test_review.py",
    "test_validate_rules.py",
    "test_hostile.py",
    "test_pool.py",
)


def test_doc_is_current() -> None:
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert current == render_docs(), (
        "docs/issues.md is stale: run `python scripts/make_issue_docs.py` and commit the result"
    )


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_rule_is_complete() -> None:
    for code, rule in CATALOGUE.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code), code
        assert rule.severity in (Severity.ERROR, Severity.WARNING)
        assert rule.id and rule.en and rule.fix and rule.fix_id, code
        assert _fields(rule.id) == _fields(rule.en), code
        assert rule.group in GROUPS, code
        assert code in DOC.read_text(encoding="utf-8")


def test_preflight_codes_are_errors() -> None:
    assert "zip-bomb" in PREFLIGHT_CODES and "template-mismatch" in PREFLIGHT_CODES
    assert all(CATALOGUE[c].severity is Severity.ERROR for c in PREFLIGHT_CODES)


def test_every_code_is_exercised_by_a_test() -> None:
    text = "\n".join((ROOT / "tests" / name).read_text(encoding="utf-8") for name in MY_TESTS)
    missing = [code for code in CATALOGUE if f'"{code}"' not in text]
    assert missing == []
