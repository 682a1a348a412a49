"""scripts/mutation.py without running mutmut: the equivalents file parses and names real
functions, the mutant-name globs, the diff lines that identify a mutant, and its messages."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "mutation_script", ROOT / "scripts" / "mutation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


script = load_script()


def test_the_equivalents_file_parses_and_names_real_functions() -> None:
    entries = script.read_equivalents(ROOT / "tests" / "mutation" / "equivalents.txt")
    assert entries
    for e in entries:
        module, _, rest = e.name.rpartition(".")  # rkt_excel.schedule . x_month_number__mutmut_5
        assert (ROOT / (module.replace(".", "/") + ".py")).is_file(), e.name
        func = re.sub(r"^x_|^xǁ\w+ǁ", "", rest.rpartition("__mutmut_")[0])
        source = (ROOT / (module.replace(".", "/") + ".py")).read_text("utf-8")
        assert f"def {func}(" in source, e.name
        assert any(line.startswith("- ") for line in e.lines), e.name
        assert any(line.startswith("+ ") for line in e.lines), e.name
        assert len(e.reason) > 20, e.name
    assert len({(e.name, e.lines) for e in entries}) == len(entries)


def test_entries_and_their_errors(tmp_path: Path) -> None:
    path = tmp_path / "eq.txt"
    path.write_text(
        "# comment\n\n[pkg.mod.x_f__mutmut_3]\n-    a  =  1\n+    a = 2\nreason: no reader of a\n",
        "utf-8",
    )
    (entry,) = script.read_equivalents(path)
    assert (entry.name, entry.lines, entry.reason, entry.lineno) == (
        "pkg.mod.x_f__mutmut_3", ("- a = 1", "+ a = 2"), "no reader of a", 3
    )  # fmt: skip
    assert entry.function == "pkg.mod.x_f"
    assert script.read_equivalents(tmp_path / "none.txt") == []
    for text, message in [
        ("-    a = 1\n", r"eq\.txt:1: expected \[mutant name\] first"),
        (
            "[m.x_f__mutmut_1]\n-    a = 1\n",
            r"eq\.txt:1: \[m\.x_f__mutmut_1\] needs its -/\+ lines",
        ),
        ("[m.x_f__mutmut_1]\nreason: r\n", r"needs its -/\+ lines and a reason"),
        ("[m.x_f__mutmut_1]\n-  a\nwhy: r\n", r"eq\.txt:3: expected '- line', '\+ line' or"),
    ]:
        path.write_text(text, "utf-8")
        with pytest.raises(SystemExit, match=message):
            script.read_equivalents(path)


def test_changed_lines_leave_out_the_headers() -> None:
    diff = "--- a.py\n+++ a.py\n@@ -1,2 +1,2 @@\n def f():\n-    return  1\n+    return 2\n"
    assert script.changed_lines(diff) == ("- return 1", "+ return 2")


def test_targets_and_their_mutant_globs() -> None:
    target = script.Target("rkt_excel/validate.py", ("tests/t.py",), ("validate", "_Rules.add"))
    assert target.dotted == "rkt_excel.validate" and target.slug == "validate"
    assert target.patterns() == [
        "rkt_excel.validate.x_validate__mutmut_*",
        "rkt_excel.validate.xǁ_Rulesǁadd__mutmut_*",
    ]
    assert script.Target("rkt_excel/score.py", (), ()).patterns() == ["rkt_excel.score.*"]
    settings = script.load_settings()
    assert script.target_for("rkt_excel/schedule.py", settings).tests == ("tests/test_schedule.py",)
    assert script.target_for("rkt_excel/units.py", settings).tests == ("tests/test_units.py",)
    with pytest.raises(SystemExit, match=r"rkt_excel/gc_control\.py: no tests configured"):
        script.target_for("rkt_excel/gc_control.py", settings)


def test_score_counts_equivalents_as_neither() -> None:
    result = script.Result(script.Target("rkt_excel/x.py", (), ()), 1.0)
    result.counts.update({"killed": 8, "timeout": 1, "survived": 2})
    result.survivors = [("a", "survived", ""), ("b", "no tests", "")]
    result.equivalent = ["c"]  # one of the survived, listed
    assert (result.killed, result.score) == (9, 100 * 9 / 11)
