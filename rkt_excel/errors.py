"""Exceptions for "cannot continue". Problems inside a user's file are Issues, not exceptions.

Every exception raised on purpose by rkt_excel derives from RktError, and also from the
builtin it resembles, so callers can catch either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rkt_excel.issues import Issue, render_issue
from rkt_excel.texts import text


@dataclass(frozen=True)
class TemplateProblem:
    """A problem in a plan file. ``line`` is 1-based, 0 when unknown; ``cell`` is "Sheet!C7"
    for a plan workbook."""

    file: str
    line: int
    field: str
    message: str  # in English
    cell: str = ""
    message_id: str = ""  # the same in Bahasa Indonesia ("" where only English is known)

    def render(self, lang: str = "id") -> str:
        """ "file:line: field: message" (or "file: Sheet!C7: ...") in ``lang``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.cell:
            where += f": {self.cell}"
        field = f"{self.field}: " if self.field else ""
        words = self.message_id if lang != "en" and self.message_id else self.message
        return f"{where}: {field}{words}"

    def __str__(self) -> str:
        return self.render("en")


class RktError(Exception):
    """Base class of every error rkt_excel raises on purpose.

    Raised with ``key=`` (a key of texts.TEXTS) and its parameters, the error is data: the CLI
    renders it in the user's language (``texts.describe``); ``str()`` is the English text.
    """

    def __init__(self, message: str = "", *, key: str = "", **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(message or (text(key, "en", **params) if key else ""))


class TemplateError(RktError, ValueError):
    """A plan template cannot be loaded; ``problems`` lists every problem found."""

    def __init__(
        self, message: str = "", problems: list[TemplateProblem] | None = None, **kw: Any
    ) -> None:
        super().__init__(message, **kw)
        self.problems: list[TemplateProblem] = list(problems or [])


class ScheduleError(RktError, ValueError):
    """A TARGET WAKTU phrase cannot be understood."""


class ModelError(RktError, KeyError):
    """An unknown scoring model or question id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnitsError(RktError, ValueError):
    """A units file cannot be used; ``problems`` lists (line, message) pairs."""

    def __init__(self, message: str, problems: list[tuple[int, str]] | None = None) -> None:
        super().__init__(message)
        self.problems: list[tuple[int, str]] = list(problems or [])


class FormError(RktError, ValueError):
    """A file cannot be read as one of our forms (pre-flight failure), as data.

    ``code`` is the catalogue code (e.g. ``not-a-spreadsheet``), ``params`` its message
    parameters; ``issue`` is the Issue that stands for the refused file. ``str()`` gives the
    English text for developers; users see ``render_issue(err.issue, lang)``.
    """

    def __init__(self, code: str, path: str = "", **params: Any) -> None:
        issue = Issue(code, path, params=params)
        super().__init__(f"{path}: {render_issue(issue, 'en')}" if path else code)
        self.code = code
        self.path = path
        self.params = params

    @property
    def issue(self) -> Issue:
        """The Issue that stands for the refused file."""
        return Issue(self.code, self.path, params=self.params)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across worker processes
        return (_form_error, (self.code, self.path, self.params))


def _form_error(code: str, path: str, params: dict[str, Any]) -> FormError:
    return FormError(code, path, **params)


class HasilError(RktError, ValueError):
    """A hasil file (survey values, TLHP, capaian kinerja) cannot be used."""


class RecapError(RktError, ValueError):
    """A file given to the roll-up is not a recap written by rkt_excel."""


class WorkspaceError(RktError, ValueError):
    """A workspace (an office's year, ``rkt-excel.toml``) cannot be made or used; raised
    with ``key=`` (a ws-* text) like every keyed RktError."""


class OutputError(RktError, OSError):
    """An output file cannot be written (its folder cannot be made, is not a folder, or is
    not writable); the message names the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(key="output-unwritable", path=path, reason=reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:  # OSError would print its errno fields instead
        return str(self.args[0])


__all__ = [
    "FormError",
    "HasilError",
    "ModelError",
    "OutputError",
    "RecapError",
    "RktError",
    "ScheduleError",
    "TemplateError",
    "TemplateProblem",
    "UnitsError",
    "WorkspaceError",
]
