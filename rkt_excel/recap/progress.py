"""The recap's Perkembangan sheet: the months so far side by side, and what changed since the
last one.

Owns this sheet's layout and texts: the LKE estimate (pengungkit, hasil, total) and the
completion of every month so far with the WBK/WBBM thresholds, as a table and a line chart;
completion per component and per unit by month; then the changes since last month
(``changes.compare``: indicators newly done, regressions, units whose form did not change,
units silent for two months or more). The earlier months come from ``ctx.history`` (recaps
read back); this month from the consolidation through the same codec
(``datasheet.recap_data``). Computes no score, completion or change itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rkt_excel.changes import ANSWER, EVIDENCE, SILENT_MONTHS, STATUS, Changes, compare, history_of
from rkt_excel.layout import text_lines
from rkt_excel.periods import Period
from rkt_excel.recap.cells import Sheet, pct
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.datasheet import RecapData, recap_data
from rkt_excel.recap.labels import predikat_label

NAME = "Perkembangan"
WIDTHS = (16, 44, 14)  # column A, column B, every column after them
MONTH_COLUMNS = 24  # columns C onward are set this wide
LINE_PT = 12.0  # one wrapped line of the 9 pt text
TREND_HEADERS = (
    "Periode", "Keadaan per tanggal", "Formulir diterima", "Unit belum mengirim",
    "Penyelesaian (%)", "Pengungkit", "Hasil", "Nilai total", "Batas WBK", "Batas WBBM",
    "Perkiraan predikat",
)  # fmt: skip
KIND_LABELS = {
    STATUS: "Status mundur",
    ANSWER: "Jawaban LKE turun",
    EVIDENCE: "Bukti dukung dihapus",
}
NONE_TEXT = "Tidak ada."
NOT_SENT = "tidak kirim"  # a month the unit sent no form
CHART_ROWS = 16  # rows the line chart takes


def thresholds(ctx: RecapContext) -> dict[str, float]:
    """The minimum total score of each predikat in the plan's model ("WBK" -> 75.0)."""
    return {
        t.predikat: t.minimum
        for t in ctx.consolidation.model.thresholds
        if t.target == "total" and t.minimum is not None
    }


def _label(recap: RecapData) -> str:
    return Period.of(recap.as_of).label()


def write(ctx: RecapContext, sh: Sheet) -> None:
    """Fill the Perkembangan sheet."""
    ws = sh.ws
    ws.set_column(0, 0, WIDTHS[0])
    ws.set_column(1, 1, WIDTHS[1])
    ws.set_column(2, 2 + MONTH_COLUMNS, WIDTHS[2])
    sh.print_setup(repeat_rows=(0, 1))
    current = recap_data(ctx.consolidation)
    months = history_of(current, ctx.history)
    changes = compare(current, ctx.history)
    previous = f"; dibandingkan dengan {Period.of(months[-2].as_of).label()}" if len(
        months
    ) > 1 else ""  # fmt: skip
    ws.write_string(0, 0, "PERKEMBANGAN BULANAN RKT ZONA INTEGRITAS", sh.fmt["title"])
    ws.write_string(
        1, 0, f"{ctx.plan.office.name} — {_label(current)}{previous}", sh.fmt["subtitle"]
    )
    row = _trend(ctx, sh, 3, months)
    row = _by_component(ctx, sh, row + 1, months)
    row = _by_unit(sh, row + 1, months)
    _changes(sh, row + 1, changes)


def _width(col: int) -> float:
    return WIDTHS[min(col, 2)]


def _fit(sh: Sheet, row: int, values: Sequence[Any]) -> None:
    """Give a row the height its wrapped text needs (xlsxwriter cannot autofit)."""
    lines = max(
        (text_lines(v, _width(c)) for c, v in enumerate(values) if isinstance(v, str)), default=1
    )
    if lines > 1:
        sh.ws.set_row(row, lines * LINE_PT)


def _section(sh: Sheet, row: int, title: str, headers: Sequence[str]) -> int:
    """A section title and its header row; returns the first row under the header."""
    sh.ws.write_string(row, 0, title, sh.fmt["section"])
    for col, text in enumerate(headers):
        sh.ws.write_string(row + 1, col, text, sh.fmt["header"])
    _fit(sh, row + 1, headers)
    return row + 2


def _trend(ctx: RecapContext, sh: Sheet, row: int, months: list[RecapData]) -> int:
    """The months' LKE estimate and completion, and the line chart with the thresholds."""
    first = _section(sh, row, "NILAI LKE DAN PENYELESAIAN PER BULAN", TREND_HEADERS)
    minimum = thresholds(ctx)
    r = first
    for recap in months:
        values: list[tuple[Any, str]] = [
            (_label(recap), "text"),
            (recap.as_of, "date"),
            (recap.forms_accepted, "text"),
            (len(recap.units_missing), "text"),
            (pct(recap.completion), "percent"),
            (recap.pengungkit, "score"),
            (recap.hasil, "score"),
            (recap.total, "score"),
            (minimum.get("WBK"), "score"),
            (minimum.get("WBBM"), "score"),
            (predikat_label(recap.predikat), "text"),
        ]
        for col, (value, style) in enumerate(values):
            sh.put(r, col, value, style)
        r += 1
    last = r - 1
    chart = ctx.workbook.add_chart({"type": "line"})
    lines = (
        (7, "#1F4E79", "solid"),  # Nilai total
        (5, "#5B9BD5", "solid"),  # Pengungkit
        (6, "#70AD47", "solid"),  # Hasil
        (8, "#FFC000", "dash"),  # Batas WBK
        (9, "#ED7D31", "dash"),  # Batas WBBM
    )
    for col, color, dash in lines:
        if col in (8, 9) and minimum.get("WBK" if col == 8 else "WBBM") is None:
            continue
        chart.add_series(
            {
                "name": [NAME, first - 1, col],
                "categories": [NAME, first, 0, last, 0],
                "values": [NAME, first, col, last, col],
                "line": {"color": color, "width": 2.25, "dash_type": dash},
                "marker": {"type": "circle" if dash == "solid" else "none", "size": 6,
                           "fill": {"color": color}, "border": {"color": color}},
            }
        )  # fmt: skip
    chart.set_title({"name": "Nilai LKE per bulan dan batas WBK/WBBM"})
    chart.set_y_axis({"min": 0, "max": 100, "name": "Nilai"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 860, "height": CHART_ROWS * 20})
    sh.ws.insert_chart(last + 2, 0, chart)
    return last + 2 + CHART_ROWS


def _month_headers(first: Sequence[str], months: list[RecapData]) -> list[str]:
    return [*first, *(_label(m) for m in months)]


def _by_component(ctx: RecapContext, sh: Sheet, row: int, months: list[RecapData]) -> int:
    """Completion per component, one column per month."""
    r = _section(sh, row, "PENYELESAIAN PER KOMPONEN (%)",
                 _month_headers(("Komponen", "Nama komponen"), months))  # fmt: skip
    for comp in ctx.plan.components:
        sh.put(r, 0, comp.id)
        sh.put(r, 1, comp.name)
        for col, recap in enumerate(months, start=2):
            sh.put(r, col, pct(recap.completion_by_component.get(comp.id)), "percent")
        r += 1
    return r


def _by_unit(sh: Sheet, row: int, months: list[RecapData]) -> int:
    """Completion per unit, one column per month (every unit any month knew)."""
    r = _section(sh, row, "PENYELESAIAN PER UNIT (%)",
                 _month_headers(("Kode unit", "Nama unit"), months))  # fmt: skip
    names: dict[str, str] = {}
    for recap in months:
        for code in recap.completion_by_unit:
            names.setdefault(code, "")
        for unit in recap.snapshot.units:
            names[unit.code] = unit.name or names.get(unit.code, "")
    for code in sorted(names):
        sh.put(r, 0, code)
        sh.put(r, 1, names[code])
        for col, recap in enumerate(months, start=2):
            sent = recap.snapshot.unit(code)
            value = pct(recap.completion_by_unit.get(code))
            if sent is not None and not sent.sent:
                sh.put(r, col, NOT_SENT, "late")
            else:
                sh.put(r, col, value, "percent")
        r += 1
    return r


def _table(sh: Sheet, row: int, title: str, headers: Sequence[str], rows: list[list[Any]]) -> int:
    """One change table (or "Tidak ada."); returns the row after it."""
    r = _section(sh, row, title, headers)
    if not rows:
        sh.put(r, 0, NONE_TEXT)
        return r + 1
    for line in rows:
        for col, value in enumerate(line):
            sh.put(r, col, value)
        _fit(sh, r, line)
        r += 1
    return r


def _changes(sh: Sheet, row: int, changes: Changes) -> None:
    """What changed since last month, four tables, from a new printed page."""
    sh.ws.set_h_pagebreaks([row])
    if not changes.previous:
        sh.ws.write_string(row, 0, "PERUBAHAN SEJAK BULAN LALU", sh.fmt["section"])
        sh.put(row + 1, 0, "Belum ada bulan sebelumnya untuk dibandingkan.")
        row += 3
    else:
        since = Period.parse(changes.previous).label()
        sh.ws.write_string(row, 0, f"PERUBAHAN SEJAK {since.upper()}", sh.fmt["section"])
        row += 1
        row = _table(
            sh, row, "Indikator yang baru selesai",
            ("ID", "Indikator", "Komponen", "Status bulan lalu"),
            [[n.row_id, n.indicator, n.component_id, n.before or "-"] for n in changes.newly_done],
        ) + 1  # fmt: skip
        row = _table(
            sh, row, "Kemunduran (status mundur, jawaban LKE turun, bukti dukung dihapus)",
            ("Kode unit", "Indikator", "ID", "Kemunduran", "Sebelumnya", "Sekarang"),
            [[g.unit, g.indicator, g.row_id, KIND_LABELS[g.kind], g.before, g.after or "(kosong)"]
             for g in changes.regressions],
        ) + 1  # fmt: skip
        row = _table(
            sh, row, "Unit yang formulirnya tidak berubah sejak bulan lalu",
            ("Kode unit", "Nama unit", "Baris", "Baris dibawa tanpa perubahan"),
            [[u.unit, u.unit_name, u.rows, u.untouched] for u in changes.unchanged],
        ) + 1  # fmt: skip
    _table(
        sh, row, f"Unit yang tidak mengirim formulir {SILENT_MONTHS} bulan atau lebih",
        ("Kode unit", "Nama unit", "Bulan", "Sejak"),
        [[s.unit, s.unit_name, s.months, Period.parse(s.since).label()]
         for s in changes.silent],
    )  # fmt: skip


__all__ = ["NAME", "thresholds", "write"]
