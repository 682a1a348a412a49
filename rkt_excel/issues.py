"""Problems in users' files as data: the Issue record, the Report, and the one catalogue of codes.

Every rule has a stable kebab-case code, a severity and messages in Indonesian and English.
Messages never embed the location; the location lives in the Issue's fields.
docs/issues.md is generated from CATALOGUE (see ``render_docs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from dataclasses import field as dc_field  # Issue has a field named "field"
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad an issue is: an error blocks acceptance, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue: the code's severity, messages and how to fix it."""

    code: str
    severity: Severity
    id: str  # message in Bahasa Indonesia; may use {placeholders} filled from Issue.params
    en: str  # the same in English
    fix: str  # what to do, in English (for docs/issues.md)
    fix_id: str = ""  # what to do, in Indonesian (for the annotated copy's comments)


@dataclass(frozen=True)
class Issue:
    """One problem found in one file, with its location and the raw value."""

    code: str
    severity: Severity
    file: str
    message: str
    sheet: str = ""
    cell: str = ""
    row_id: str = ""
    field: str = ""
    raw: Any = None
    params: dict[str, Any] = dc_field(default_factory=dict, compare=False)

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
        return f"{self.location}: [{self.code}] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (raw values rendered as text)."""
        d = asdict(self)
        d["severity"] = str(self.severity)
        d["raw"] = None if self.raw is None else str(self.raw)
        d.pop("params", None)
        return d


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


CATALOGUE: dict[str, Rule] = {}


def rule(rule_: Rule) -> Rule:
    """Register a rule in the catalogue (codes are unique)."""
    if rule_.code in CATALOGUE:
        raise ValueError(f"duplicate issue code {rule_.code}")
    CATALOGUE[rule_.code] = rule_
    return rule_


def make_issue(code: str, file: str, lang: str = "id", **kw: Any) -> Issue:
    """Build an Issue for a catalogued code; ``params`` fill the message placeholders."""
    if not CATALOGUE:
        import rkt_excel.rules  # noqa: F401  (registers the catalogue)
    r = CATALOGUE[code]
    params: dict[str, Any] = kw.pop("params", {}) or {}
    template = r.en if lang == "en" else r.id
    return Issue(code, r.severity, file, template.format(**params), params=params, **kw)
