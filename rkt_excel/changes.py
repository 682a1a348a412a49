"""Month over month: what changed between two recaps' snapshots, and who has gone quiet.

Owns the comparison rules (``compare``): indicators newly done (combined status Selesai now,
not last month); regressions of a unit's row (status back, a lower LKE answer, evidence
removed); units whose form did not change (the same answers as last month); units silent for
two months or more. Works on ``RecapData`` as read back (``recap/read.py``); the Perkembangan
sheet, ``rkt-excel compare`` and the messages show its result. Pure: no spreadsheet library,
no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from rkt_excel.consolidate import BELUM, DALAM_PROSES, SELESAI, TIDAK_RELEVAN
from rkt_excel.errors import ModelError
from rkt_excel.lke import LkeModel, load_model
from rkt_excel.periods import Period
from rkt_excel.snapshot import CellState

if TYPE_CHECKING:  # the recap codec, only as a type: no spreadsheet library here
    from rkt_excel.recap.datasheet import RecapData

SILENT_MONTHS = 2  # a unit silent this long is listed
STATUS_RANK = {SELESAI: 3, DALAM_PROSES: 2, BELUM: 1, None: 0}
STATUS, ANSWER, EVIDENCE = "status", "answer", "evidence"  # the kinds of regression


def period_of(recap: RecapData) -> Period:
    """The month a recap is of (its as-of date's)."""
    return Period.of(recap.as_of)


@dataclass(frozen=True)
class NewlyDone:
    """An indicator whose combined status became Selesai."""

    row_id: str
    component_id: str
    indicator: str
    before: str  # last month's combined status ("" when last month did not have the row)


@dataclass(frozen=True)
class Regression:
    """A step back in one unit's row: ``kind`` is status, answer or evidence."""

    unit: str
    unit_name: str
    row_id: str
    indicator: str
    kind: str
    before: str
    after: str  # "" for an emptied value


@dataclass(frozen=True)
class Unchanged:
    """A unit that sent the same answers as last month."""

    unit: str
    unit_name: str
    rows: int
    untouched: int  # carried-over rows sent back untouched


@dataclass(frozen=True)
class Silent:
    """A unit that has sent no form for ``months`` months, the current one included."""

    unit: str
    unit_name: str
    months: int
    since: str  # the first silent month ("2019-07")


@dataclass(frozen=True)
class Changes:
    """What changed from ``previous`` ("" when there is no earlier month) to ``period``."""

    period: str
    previous: str
    newly_done: tuple[NewlyDone, ...] = ()
    regressions: tuple[Regression, ...] = ()
    unchanged: tuple[Unchanged, ...] = ()
    silent: tuple[Silent, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _model(regulation: str) -> LkeModel | None:
    try:
        return load_model(regulation)
    except ModelError:
        return None


def _row_regressions(
    before: CellState, now: CellState, lke: str, model: LkeModel | None
) -> list[tuple[str, str, str]]:
    """(kind, before, after) of each step back from ``before`` to ``now`` in one row."""
    out: list[tuple[str, str, str]] = []
    relevant = TIDAK_RELEVAN not in (before.status, now.status) and before.status is not None
    if relevant and STATUS_RANK.get(now.status, 0) < STATUS_RANK.get(before.status or "", 0):
        out.append((STATUS, before.status or "", now.status or ""))
    if lke and model is not None and model.has_question(lke) and before.jawaban is not None:
        question = model.question(lke)
        if question.is_option:
            old, new = question.value_of(before.jawaban), question.value_of(now.jawaban)
            if old is not None and (new is None or new < old):
                out.append((ANSWER, _text(before.jawaban), _text(now.jawaban)))
    if before.bukti_dukung and not now.bukti_dukung:
        out.append((EVIDENCE, before.bukti_dukung, ""))
    return out


def silent_months(code: str, recaps: Sequence[RecapData]) -> int:
    """How many months in a row, back from the last of ``recaps``, the unit sent no form
    (a month whose recap does not know the unit ends the count)."""
    count = 0
    for recap in reversed(recaps):
        unit = recap.snapshot.unit(code)
        if unit is None or unit.sent:
            break
        count += 1
    return count


def compare(current: RecapData, history: Sequence[RecapData] = ()) -> Changes:
    """What changed in ``current`` since the latest of ``history`` that is before it.

    ``history`` may hold any earlier recaps (any order); the units silent for SILENT_MONTHS
    or more are counted over all of them.
    """
    now = period_of(current)
    earlier = sorted((r for r in history if period_of(r) < now), key=lambda r: r.as_of)
    months = [*earlier, current]
    silent = []
    for unit in current.snapshot.units:
        count = silent_months(unit.code, months)
        if count >= SILENT_MONTHS:
            since = period_of(months[len(months) - count])
            silent.append(Silent(unit.code, unit.name, count, str(since)))
    if not earlier:
        return Changes(str(now), "", silent=tuple(silent))
    last = earlier[-1]
    before, after = last.snapshot, current.snapshot
    was = {i.row_id: i for i in before.indicators}
    newly = tuple(
        NewlyDone(
            i.row_id, i.component_id, i.indicator, was[i.row_id].status if i.row_id in was else ""
        )
        for i in after.indicators
        if i.status == SELESAI and (i.row_id not in was or was[i.row_id].status != SELESAI)
    )
    lke = {i.row_id: i.lke for i in after.indicators}
    names = {i.row_id: i.indicator for i in after.indicators}
    model = _model(current.regulation)
    regressions: list[Regression] = []
    unchanged: list[Unchanged] = []
    for unit in after.units:
        old = before.unit(unit.code)
        if not unit.sent or old is None or not old.sent:
            continue
        if unit.digest and unit.digest == old.digest:
            unchanged.append(Unchanged(unit.code, unit.name, unit.rows, unit.untouched))
        old_cells = before.cells_of(unit.code)
        for row_id, cell in after.cells_of(unit.code).items():
            if row_id not in old_cells:
                continue
            for kind, b, a in _row_regressions(old_cells[row_id], cell, lke.get(row_id, ""),
                                               model):  # fmt: skip
                regressions.append(
                    Regression(unit.code, unit.name, row_id, names.get(row_id, ""), kind, b, a)
                )
    return Changes(
        str(now),
        str(period_of(last)),
        newly,
        tuple(regressions),
        tuple(unchanged),
        tuple(silent),
    )


def history_of(current: RecapData, recaps: Sequence[RecapData]) -> list[RecapData]:
    """The months to show with ``current``: one recap per month before it (the latest read
    for a month wins), oldest first, then ``current``."""
    now = period_of(current)
    by_month: dict[Period, RecapData] = {}
    for recap in sorted(recaps, key=lambda r: r.as_of):
        if period_of(recap) < now:
            by_month[period_of(recap)] = recap
    return [*(by_month[p] for p in sorted(by_month)), current]


__all__ = [
    "ANSWER",
    "EVIDENCE",
    "SILENT_MONTHS",
    "STATUS",
    "Changes",
    "NewlyDone",
    "Regression",
    "Silent",
    "Unchanged",
    "compare",
    "history_of",
    "period_of",
    "silent_months",
]
