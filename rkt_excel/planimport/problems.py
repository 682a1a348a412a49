"""What `template import` reports: problems as data (code, params, location) and their texts.

A problem names where it is (table, row, column, or paragraph) and carries what was found in
``params``; its text exists only in ``render_problem(problem, lang)`` (Indonesian by default).
The codes and their texts are in catalogue.py (``IMPORT_CODES``), with the forms' codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rkt_excel.catalogue import IMPORT_CODES as CODES
from rkt_excel.errors import RktError


class PlanImportError(RktError, ValueError):
    """A file cannot be imported at all (not a Word document or spreadsheet, unreadable, no
    RKT table); raised with a texts key (import-...), rendered by texts.describe."""


@dataclass(frozen=True)
class Location:
    """Where in the source: a table (1-based) with row (1-based) and column header, or a
    spreadsheet cell ("Sheet1!F5"), or a paragraph outside the tables (1-based)."""

    table: int = 0
    row: int = 0
    column: str = ""
    cell: str = ""
    paragraph: int = 0

    def render(self, lang: str = "id") -> str:
        en = lang == "en"
        parts = []
        if self.cell:
            parts.append(self.cell)
        elif self.table:
            parts.append(f"{'table' if en else 'tabel'} {self.table}")
            if self.row:
                parts.append(f"{'row' if en else 'baris'} {self.row}")
        if self.column:
            parts.append(f"{'column' if en else 'kolom'} {self.column}")
        if self.paragraph:
            parts.append(f"{'paragraph' if en else 'paragraf'} {self.paragraph}")
        return ", ".join(parts)


@dataclass(frozen=True)
class ImportProblem:
    """One thing the import could not read as it stands, or changed; ``severity`` comes from
    CODES."""

    code: str
    location: Location = Location()
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return CODES[self.code][0]


@dataclass(frozen=True)
class Suggestion:
    """An LKE question suggested for a row, for the secretariat to confirm."""

    row_id: str
    question: str
    question_text: str
    score: float
    location: Location = Location()


def render_problem(problem: ImportProblem, lang: str = "id") -> str:
    """The problem as one line of text: "<location>: <message>" in ``lang`` ("id" or "en")."""
    _, text_id, text_en = CODES[problem.code]
    message = (text_en if lang == "en" else text_id).format(**problem.params)
    where = problem.location.render(lang)
    return f"{where}: {message}" if where else message


def report_lines(
    problems: list[ImportProblem], suggestions: list[Suggestion], lang: str = "id"
) -> list[str]:
    """The import's problems and suggestions as console lines (severity first; "-" a note)."""
    from rkt_excel.texts import text

    lines = [
        f"{'-' if p.severity == 'info' else text('severity-' + p.severity, lang)}: "
        f"{render_problem(p, lang)}"
        for p in problems
    ]
    if suggestions:
        lines.append(text("lke-suggestions", lang))
        lines += [
            "  " + text("lke-suggestion", lang, row=s.row_id, question=s.question,
                        score=s.score, text=s.question_text[:80])
            for s in suggestions
        ]  # fmt: skip
    return lines


def report_json(
    output: object, problems: list[ImportProblem], suggestions: list[Suggestion], lang: str = "id"
) -> dict[str, object]:
    """The import's result for programs: the plan written, problems with texts, suggestions."""
    return {
        "output": str(output),
        "problems": [
            {"code": p.code, "severity": p.severity, "location": p.location.__dict__,
             "params": p.params, "message": render_problem(p, lang)}
            for p in problems
        ],
        "suggestions": [s.__dict__ | {"location": s.location.__dict__} for s in suggestions],
    }  # fmt: skip
