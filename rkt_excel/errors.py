"""Exceptions for "cannot continue". Problems inside a user's file are Issues, not exceptions.

Every exception raised on purpose by rkt_excel derives from RktError, and also from the
builtin it resembles, so callers can catch either.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateProblem:
    """A problem in a plan file. ``line`` is 1-based, 0 when unknown."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}"


class RktError(Exception):
    """Base class of every error rkt_excel raises on purpose."""


class TemplateError(RktError, ValueError):
    """A plan template cannot be loaded; ``problems`` lists every problem found."""

    def __init__(self, message: str, problems: list[TemplateProblem] | None = None) -> None:
        super().__init__(message)
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
    """A file cannot be read as one of our forms (pre-flight failure).

    ``code`` is the issue code from the catalogue (e.g. ``not-a-spreadsheet``).
    """

    def __init__(self, code: str, message: str, path: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.path = path


class HasilError(RktError, ValueError):
    """A hasil file (survey values, TLHP, capaian kinerja) cannot be used."""


class RecapError(RktError, ValueError):
    """A file given to the roll-up is not a recap written by rkt_excel."""


class OutputError(RktError, OSError):
    """An output file cannot be written (its folder cannot be made, is not a folder, or is
    not writable); the message names the path and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: cannot write the file ({reason})")
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
]
