"""The import rules of docs/architecture.md, checked by parsing every module's imports (those
inside functions too: a lazy import can hide a cycle, it cannot hide from this test)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "rkt_excel"
SPREADSHEET_LIBRARIES = ("openpyxl", "xlsxwriter", "python_calamine")
READER_LIBRARIES = ("python_calamine",)
WRITER_LIBRARIES = ("xlsxwriter",)

# Modules that must stay free of spreadsheet libraries: the plan model, the scoring and
# everything they stand on.
PURE = (
    "rkt_excel.asof",
    "rkt_excel.carry",
    "rkt_excel.catalogue",
    "rkt_excel.changes",
    "rkt_excel.consolidate",
    "rkt_excel.console",
    "rkt_excel.errors",
    "rkt_excel.evidence",
    "rkt_excel.form",
    "rkt_excel.guide",
    "rkt_excel.hasil",
    "rkt_excel.identity",
    "rkt_excel.issues",
    "rkt_excel.layout",
    "rkt_excel.lke",
    "rkt_excel.messages",
    "rkt_excel.normalize",
    "rkt_excel.periods",
    "rkt_excel.priorities",
    "rkt_excel.review",
    "rkt_excel.schedule",
    "rkt_excel.score",
    "rkt_excel.snapshot",
    "rkt_excel.template",
    "rkt_excel.planmessages",
    "rkt_excel.texts",
    "rkt_excel.workspace",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


@cache
def imports_of(name: str) -> frozenset[str]:
    """Every module ``name`` imports (absolute names), at any depth of its code."""
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            # "from rkt_excel import layout" imports the module rkt_excel.layout
            for alias in node.names:
                if f"{target}.{alias.name}" in modules():
                    found.add(f"{target}.{alias.name}")
    return frozenset(found)


def internal_imports(name: str) -> set[str]:
    return {m for m in imports_of(name) if m in modules() and m != name}


def external_roots(name: str) -> set[str]:
    return {m.split(".")[0] for m in imports_of(name) if not m.startswith("rkt_excel")}


def test_every_module_is_found() -> None:
    assert {"rkt_excel.cli", "rkt_excel.read.reader", "rkt_excel.score"} <= set(modules())


def test_no_import_cycle() -> None:
    # The package's __init__ loads modules lazily by name (a table, not imports): no edges.
    graph = {m: internal_imports(m) - {"rkt_excel"} for m in modules()}
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_import_no_spreadsheet_library(name: str) -> None:
    assert not external_roots(name) & set(SPREADSHEET_LIBRARIES), name


def test_only_the_cli_imports_click() -> None:
    users = sorted(m for m in modules() if "click" in external_roots(m))
    assert users == ["rkt_excel.cli"]


def test_no_module_imports_the_cli() -> None:
    users = sorted(m for m in modules() if "rkt_excel.cli" in internal_imports(m))
    assert users in ([], ["rkt_excel.__main__"])


def readers() -> list[str]:
    return sorted(
        m
        for m in modules()
        if m.startswith("rkt_excel.read") or m.startswith("rkt_excel.recap.read")
    )


def writers() -> list[str]:
    return sorted(m for m in modules() if external_roots(m) & set(WRITER_LIBRARIES))


@pytest.mark.parametrize("name", readers())
def test_readers_import_no_writer_library(name: str) -> None:
    assert not external_roots(name) & set(WRITER_LIBRARIES), name
    assert not {m for m in internal_imports(name) if m in writers()}, name


def test_writers_import_no_reader() -> None:
    assert writers(), "no module imports xlsxwriter?"
    for name in writers():
        assert not external_roots(name) & set(READER_LIBRARIES), name
        assert not {m for m in internal_imports(name) if m in readers()}, name


def test_modules_say_what_they_own() -> None:
    for name, path in modules().items():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{name} has no docstring saying what it owns"


def test_no_module_is_too_long_without_a_reason() -> None:
    long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 650 and "Long on purpose:" not in text:
            long.append(name)
    assert long == []
