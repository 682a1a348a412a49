"""The recap's Prioritas Perbaikan sheet: the path to the next predikat. For each failed minimum
the smallest set of improvements found, then every improvement ranked by the score it adds;
each with the units answering for it and the evidence still missing.

Owns this sheet's layout and texts; the search is ``priorities``' (``for_consolidation``).
Computes no score itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from rkt_excel.guide import PRIORITIES_TEXT
from rkt_excel.lke import LkeModel
from rkt_excel.priorities import Change, Clearance, Step, describe, for_consolidation
from rkt_excel.recap.cells import Sheet
from rkt_excel.recap.context import RecapContext
from rkt_excel.texts import number

NAME = "Prioritas Perbaikan"
COLUMNS: tuple[tuple[str, float], ...] = (
    ("No", 5),
    ("Kode", 12),
    ("Pertanyaan", 50),
    ("Jawaban sekarang", 14),
    ("Menjadi", 22),
    ("Tambahan nilai", 10),
    ("Unit penanggung jawab", 18),
    ("Bukti fisik yang masih kurang", 40),
)


def write(ctx: RecapContext, sh: Sheet) -> None:
    """The path to the next predikat: the sets per failed minimum, then the ranked list."""
    c, ws, fmt = ctx.consolidation, sh.ws, sh.fmt
    found = for_consolidation(c)
    ws.write_string(0, 0, "PRIORITAS PERBAIKAN: JALAN MENUJU PREDIKAT", fmt["title"])
    row = 1
    widths = [w for _, w in COLUMNS]
    for line in PRIORITIES_TEXT:
        sh.prose(row, line, len(COLUMNS) - 1, sum(widths))
        row += 1
    for col, (_, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width)
    sh.print_setup()
    row += 1
    if found.predikat is None:
        sh.put(row, 0, "Predikat WBBM sudah tercapai menurut perkiraan.", "label")
        return
    total = number(found.total)
    aim = f"Predikat yang dituju: {found.predikat}; perkiraan nilai sekarang {total}."
    ws.merge_range(row, 0, row, len(COLUMNS) - 1, aim, fmt["section"])  # fmt: skip
    row += 2
    ws.repeat_rows(row)
    _header(sh, row)
    row += 1
    for clearance in found.clearances:
        heading = _heading(clearance)
        ws.merge_range(row, 0, row, len(COLUMNS) - 1, heading, fmt["section"])
        sh.fit_rows(row, [(heading, sum(widths))])
        row += 1
        row = _steps(sh, c.model, clearance.changes, row) + 1
    ws.merge_range(row, 0, row, len(COLUMNS) - 1,
                   "SEMUA PERBAIKAN, NILAI TAMBAH TERBESAR DAHULU", fmt["section"])  # fmt: skip
    _steps(sh, c.model, found.improvements, row + 1)


def _header(sh: Sheet, row: int) -> None:
    for col, (title, _) in enumerate(COLUMNS):
        sh.ws.write_string(row, col, title, sh.fmt["header"])
    sh.fit_rows(row, COLUMNS)


def _heading(c: Clearance) -> str:
    check = c.check
    head = (
        f"{check.name}: {number(check.actual)}, minimal {number(check.required)}, "
        f"kurang {number(c.shortfall)} — "
    )
    if not c.reachable:
        return head + f"tidak tercapai dengan perbaikan jawaban saja (sesudahnya {number(c.after)})"
    if c.exact:
        return head + f"{len(c.steps)} perbaikan, paling sedikit (pasti)"
    return head + (
        f"{len(c.steps)} perbaikan, cukup; paling sedikit {c.lower_bound} diperlukan (ada "
        "pertanyaan yang belum dijawab)"
    )


def _steps(sh: Sheet, model: LkeModel, steps: Sequence[Step | Change], row: int) -> int:
    """One line per step (or per question's steps, a Change); returns the row after the last."""
    for n, step in enumerate(steps, start=1):
        before, after = describe(step, model)
        if isinstance(step, Change) and step.steps > 1:
            after += f" ({step.steps} perbaikan)"
        question = model.questions.get(step.question)
        text = question.text if question is not None else model.items[step.question].text
        for col, value in enumerate((n, step.question, text, before, after)):
            sh.put(row, col, value)
        sh.put(row, 5, round(step.gain, 6), "score")
        units, missing = ", ".join(step.units), "\n".join(step.missing)
        sh.put(row, 6, units)
        sh.put(row, 7, missing)
        widths = [COLUMNS[col][1] for col in (2, 4, 6, 7)]
        sh.fit_rows(row, list(zip((text, after, units, missing), widths, strict=True)))
        row += 1
    return row


__all__ = ["NAME", "write"]
