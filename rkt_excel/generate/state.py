"""The state every sheet writer of one workbook shares: the ``Book`` (plan, unit, formats,
password) and what is recorded of each indicator row placed (``PlacedRow``), from which the
metadata sheet and the validations are written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rkt_excel.printsetup import Page
from rkt_excel.template import Component, Indicator, Plan, SubArea
from rkt_excel.units import Unit

if TYPE_CHECKING:
    from rkt_excel.generate.formats import Formats


class Question(Protocol):
    """What the writer needs of an LKE question (rkt_excel.lke.Question)."""

    @property
    def text(self) -> str: ...
    @property
    def answer_type(self) -> str: ...
    @property
    def criteria(self) -> str: ...
    @property
    def options(self) -> Sequence[str]: ...
    @property
    def minimum(self) -> float | None: ...
    @property
    def maximum(self) -> float | None: ...


@dataclass(frozen=True)
class PlacedRow:
    """One indicator row as placed on its sheet."""

    component: Component
    subarea: SubArea
    indicator: Indicator
    sheet: str
    row: int  # 0-based
    question: Question | None


class Book:
    """The state of writing one workbook (the standard RKT when ``unit`` is None, else one
    unit's checklist), shared by the sheet writers."""

    def __init__(
        self,
        plan: Plan,
        unit: Unit | None,
        rows: set[str] | None,
        questions: dict[str, Question],
        password: str | None,
        meta: dict[str, str],
        carried: Mapping[str, Mapping[str, Any]] | None = None,
        carried_label: str = "",
        page: Page | None = None,
    ) -> None:
        self.plan = plan
        self.unit = unit
        self.rows = rows  # None: every row
        self.questions = questions
        self.password = password or ""
        self.meta = meta  # layout.META_KEYS -> value
        # Carried-over answers: row id -> field key -> value written into the input cell.
        self.carried: Mapping[str, Mapping[str, Any]] = carried or {}
        self.carried_label = carried_label  # the month carried from, as shown ("Juli 2019")
        self.page = page or Page()  # paper, and the office and period every page shows
        self.placed: list[PlacedRow] = []
        self.wb: Any = None
        self.f: Formats

    def protect(self, ws: Any) -> None:
        """Lock the sheet (with the workbook's password, if any); rows and columns stay
        resizable so people can read long text."""
        ws.protect(self.password, {"format_columns": True, "format_rows": True})
