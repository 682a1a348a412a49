"""What the workbook writer records of each indicator row it places: the row, its sheet and
position, and the LKE question it asks (if any). The metadata sheet and the validations are
written from these records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from rkt_excel.template import Component, Indicator, SubArea


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
