"""Problems in users' files as data: the Issue record, the Report, and rendering at the edge.

Owns ``Issue`` (code, parameters, location, the raw value — never text), ``Report`` and
``render_issue``, the one place an issue becomes words. Severity and messages come from the
catalogue (catalogue.py). Whoever shows an issue (the CLI, the annotated copy, the recap)
renders it, once, in the language it was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field  # Issue has a field named "field"
from typing import Any

from rkt_excel.catalogue import CATALOGUE, Rule, Severity, Text
from rkt_excel.records import sent_between_processes

__all__ = [
    "Issue",
    "Report",
    "Severity",
    "render_fix",
    "render_issue",
    "render_message",
    "render_params",
]


@sent_between_processes
@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in one file: its code, where it is, the raw value and the parameters
    of its message (``params``; values are plain data or catalogue.Text)."""

    code: str
    file: str
    sheet: str = ""
    cell: str = ""
    row_id: str = ""
    field: str = ""
    raw: Any = None
    params: Mapping[str, Any] = dc_field(default_factory=dict)

    @property
    def rule(self) -> Rule:
        """The catalogue entry of the code."""
        return CATALOGUE[self.code]

    @property
    def severity(self) -> Severity:
        """Error or warning, as the catalogue says for the code."""
        return CATALOGUE[self.code].severity

    @property
    def location(self) -> str:
        """The location as "file › sheet!cell" (as much of it as is known)."""
        where = self.file
        if self.sheet:
            where += f" › {self.sheet}"
            if self.cell:
                where += f"!{self.cell}"
        return where

    def __str__(self) -> str:
        return f"{self.location}: [{self.code}] {render_issue(self)}"

    def to_dict(self, lang: str = "id") -> dict[str, Any]:
        """A JSON-ready dict: the location, code, severity, raw value as text, the parameters
        and the message rendered in ``lang``."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "row_id": self.row_id,
            "field": self.field,
            "raw": None if self.raw is None else str(self.raw),
            "params": render_params(self.params, lang),
            "message": render_issue(self, lang),
        }


def render_params(params: Mapping[str, Any], lang: str = "id") -> dict[str, Any]:
    """The parameters with every catalogue.Text put into ``lang``."""
    return {k: v.in_lang(lang) if isinstance(v, Text) else v for k, v in params.items()}


def render_issue(issue: Issue, lang: str = "id") -> str:
    """The message of an issue in ``lang`` ("id" Bahasa Indonesia, "en" English)."""
    return render_message(issue.code, issue.params, lang)


def render_message(code: str, params: Mapping[str, Any] | None, lang: str = "id") -> str:
    """The message of a catalogue code with its parameters (as kept in a table), in ``lang``."""
    rule = CATALOGUE[code]
    template = rule.en if lang == "en" else rule.id
    return template.format_map(_Lenient(render_params(params or {}, lang)))


def render_fix(issue: Issue, lang: str = "id") -> str:
    """How to fix the issue, in ``lang``."""
    rule = CATALOGUE[issue.code]
    return rule.fix if lang == "en" else rule.fix_id


class _Lenient(dict[str, Any]):
    """Format parameters where a missing one shows as "?" instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass
class Report:
    """The issues of one or more files."""

    issues: list[Issue] = dc_field(default_factory=list)

    def __iter__(self) -> Iterator[Issue]:
        return iter(self.issues)

    def __len__(self) -> int:
        return len(self.issues)

    def extend(self, issues: Iterable[Issue]) -> None:
        """Add issues."""
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        """The issues of severity error."""
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        """The issues of severity warning."""
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors
