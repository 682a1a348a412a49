"""rkt_excel: the Zona Integritas work plan (RKT) in Excel.

Generate the RKT workbook and unit checklists, read and validate the filled checklists,
consolidate them into a recap with an LKE scoring sheet, and roll recaps up. The public API is
importable from here; modules load on first use, so ``rkt-excel --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it (one module per stage)
_API = {
    "Plan": "template",
    "load_template": "template",
    "check_template": "template",
    "dump_template": "template",
    "default_template_path": "template",
    "new_plan": "starter",
    "parse_target": "schedule",
    "generate_workbook": "generate",
    "distribute_forms": "generate",
    "Unit": "units",
    "load_units": "units",
    "read_form": "read",
    "read_forms": "read",
    "Limits": "read",
    "validate": "validate",
    "check_files": "collect",
    "collect_forms": "collect",
    "run_consolidation": "collect",
    "load_hasil": "collect",
    "annotate": "annotate",
    "Issue": "issues",
    "Report": "issues",
    "Severity": "issues",
    "render_issue": "issues",
    "resolve_as_of": "asof",
    "consolidate": "consolidate",
    "Consolidation": "consolidate",
    "load_model": "lke",
    "available_models": "lke",
    "score": "score",
    "Scores": "score",
    "write_recap": "recap.workbook",
    "read_recap": "recap.read",
    "write_rollup": "recap.rollup",
    "export_csv": "recap.export",
    "RktError": "errors",
    "FormError": "errors",
    "TemplateError": "errors",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(f"rkt_excel.{_API[name]}"), name)
    raise AttributeError(f"module 'rkt_excel' has no attribute {name!r}")
