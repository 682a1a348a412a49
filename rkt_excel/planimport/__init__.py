"""Import the RKT an office already has (Word, or a spreadsheet table) as a Plan.

``import_plan(path) -> (Plan, problems, suggestions)``. Modules: ``source`` opens the file
(python-docx, calamine), ``table`` reads the BAB III table, ``text`` the chapters and the rest,
``core`` builds the plan and suggests LKE questions (rapidfuzz), ``problems`` holds the problem
records and their Indonesian/English texts.
"""

from rkt_excel.planimport.core import import_plan
from rkt_excel.planimport.problems import (
    ImportProblem,
    Location,
    PlanImportError,
    Suggestion,
    render_problem,
    report_json,
    report_lines,
)

__all__ = [
    "ImportProblem",
    "Location",
    "PlanImportError",
    "Suggestion",
    "import_plan",
    "render_problem",
    "report_json",
    "report_lines",
]
