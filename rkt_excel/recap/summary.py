"""The recap's Ringkasan sheet: the headline numbers, the estimated LKE score (live links to
the LKE sheet), the predikat thresholds, completion per component, per unit and per area, and
their three charts.

Owns this sheet's layout and texts. Reads the consolidation and ``ctx.lke``; computes no score
and no completion itself (consolidate and score did).
"""

from __future__ import annotations

from typing import Any

from rkt_excel.consolidate import COMBINED_STATUSES
from rkt_excel.recap.cells import Sheet, pct, series
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.datasheet import area_minimums
from rkt_excel.recap.labels import AGGREGATE_LABELS, NO, YES, predikat_label
from rkt_excel.score import RULE_AREA, Check

NAME = "Ringkasan"
CHART_COL = 8  # column I, right of the widest table (A:G)
CHART_TOP = 3  # the charts stack from row 4 down
WIDTHS = (34, 40, 13, 13, 13, 13, 13)  # columns A:G


class _Charts:
    """Places the sheet's charts one below the other in column I."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = CHART_TOP

    def place(self, chart: Any, height: int) -> None:
        chart.set_size({"width": 640, "height": height})
        self.ws.insert_chart(self.row, CHART_COL, chart)
        self.row += -(-height // 20) + 1  # default rows are 20 px high


def write(ctx: RecapContext, sh: Sheet) -> None:
    """Fill the Ringkasan sheet; it is the sheet the workbook opens on."""
    ws = sh.ws
    ws.set_column(0, 0, WIDTHS[0])
    ws.set_column(1, 1, WIDTHS[1])
    ws.set_column(2, 7, WIDTHS[2])
    sh.print_setup()
    charts = _Charts(ws)
    # Each section returns the row after its last one; one blank row between sections.
    row = _headline(ctx, sh)
    row = _score(ctx, sh, row + 1)
    syarat = row + 1  # the thresholds' header row
    row = _thresholds(ctx, sh, syarat)
    syarat_rows = (syarat, row - 1)
    row = _by_component(ctx, sh, row + 1, charts)
    row = _by_unit(ctx, sh, row + 1, charts)
    row = _by_area(ctx, sh, row + 1, charts, syarat_rows)
    _evidence(ctx, sh, row + 1)
    ws.activate()


def _table_head(
    sh: Sheet, row: int, section: str, titles: tuple[str, ...], widths: tuple[float, ...]
) -> int:
    """A section's title, then its table's header row; returns the header row."""
    sh.ws.write_string(row, 0, section, sh.fmt["section"])
    sh.header(row + 1, titles, widths)
    return row + 1


def _headline(ctx: RecapContext, sh: Sheet) -> int:
    """Title and the key/value table of headline numbers; returns the next free row."""
    c, plan, ws = ctx.consolidation, ctx.plan, sh.ws
    s = c.summary
    ws.write_string(0, 0, "REKAPITULASI MONITORING DAN EVALUASI ZONA INTEGRITAS", sh.fmt["title"])
    ws.write_string(1, 0, f"{plan.office.name} — {plan.title} {plan.year}", sh.fmt["subtitle"])
    missing = ", ".join(f"{u.code} ({u.name})" for u in c.missing)
    info: list[tuple[str, Any, str]] = [
        ("Kantor", s.office, "text"),
        ("Rencana kerja (id, versi)", f"{s.plan_id}, versi {s.plan_version}", "text"),
        ("Regulasi / model LKE", f"{s.regulation} ({c.model.title})", "text"),
        ("Periode", s.period, "text"),
        ("Keadaan per tanggal", s.as_of, "date"),
        ("Penggabungan jawaban LKE", AGGREGATE_LABELS.get(s.aggregate, s.aggregate), "text"),
        ("Formulir diterima", s.forms_accepted, "text"),
        ("Formulir ditolak", s.forms_rejected, "text"),
        ("Formulir digantikan (versi lama)", s.forms_superseded, "text"),
        ("Unit yang diharapkan", s.units_expected, "text"),
        ("Unit belum mengirim", len(s.units_missing), "text"),
        ("Daftar unit belum mengirim", missing or "-", "text"),
        ("Kesalahan (error)", s.errors, "text"),
        ("Peringatan (warning)", s.warnings, "text"),
        ("Penyelesaian keseluruhan (%)", pct(s.completion), "percent"),
        ("Kelengkapan bukti dukung (%)", pct(c.evidence_report.overall.percent), "percent"),
    ]
    row = CHART_TOP
    for label, value, style in info:
        sh.put(row, 0, label, "label")
        sh.put(row, 1, value, style)
        row += 1
    return row


def _score(ctx: RecapContext, sh: Sheet, row: int) -> int:
    """The estimated score: live links to the LKE sheet, cached with score()'s values."""
    c, lke, ws = ctx.consolidation, ctx.lke, sh.ws
    result = c.result
    ws.write_string(row, 0, "NILAI LKE (PERKIRAAN)", sh.fmt["section"])
    row += 1
    for label, key, value in (
        ("Komponen pengungkit", "pengungkit", result.pengungkit),
        ("Komponen hasil", "hasil", result.hasil),
        ("Nilai total", "total", result.total),
    ):
        sh.put(row, 0, label, "label")
        ws.write_formula(row, 1, "=" + lke.absolute(lke.value_cells[key]), sh.fmt["score"], value)
        row += 1
    sh.put(row, 0, "Perkiraan predikat", "label")
    predikat = predikat_label(c.summary.predikat)
    ws.write_formula(row, 1, "=" + lke.absolute(lke.predikat_cell), sh.fmt["label"], predikat)
    row += 1
    sh.put(row, 0, "Kelengkapan jawaban LKE (%)", "label")
    sh.put(row, 1, pct(100 * result.completeness), "percent")
    return row + 1


def _thresholds(ctx: RecapContext, sh: Sheet, row: int) -> int:
    """The thresholds, WBK and WBBM side by side; its header row is ``row``."""
    sh.header(row, ("Syarat", "Nilai", "Minimal WBK", "WBK", "Minimal WBBM", "WBBM"), WIDTHS[:6])
    sh.ws.set_column(1, 1, WIDTHS[1])
    row += 1
    targets: dict[str, dict[str, Check]] = {}
    for check in ctx.consolidation.result.checks:
        if check.rule in ("all", RULE_AREA):
            targets.setdefault(check.target, {})[check.predikat] = check
    for by_predikat in targets.values():
        first = next(iter(by_predikat.values()))
        sh.put(row, 0, first.name)
        sh.put(row, 1, round(first.actual, 6), "score")
        for col, predikat in ((2, "WBK"), (4, "WBBM")):
            found = by_predikat.get(predikat)
            sh.put(row, col, None if found is None else found.required, "score")
            sh.put(row, col + 1, "-" if found is None else (YES if found.passed else NO))
        row += 1
    return row


def _by_component(ctx: RecapContext, sh: Sheet, row: int, charts: _Charts) -> int:
    """Completion per component: the combined status counts (chart 1)."""
    c, plan = ctx.consolidation, ctx.plan
    titles = ("Komponen", *COMBINED_STATUSES, "Penyelesaian (%)")
    head = _table_head(sh, row, "PENYELESAIAN PER KOMPONEN", titles, WIDTHS)
    row = first = head + 1
    for comp in plan.components:
        part = c.indicators[c.indicators["component_id"] == comp.id]
        sh.put(row, 0, f"{comp.id} {comp.name}")
        for col, status in enumerate(COMBINED_STATUSES, start=1):
            sh.put(row, col, int((part["combined_status"] == status).sum()))
        completion = pct(c.summary.completion_by_component.get(comp.id))
        sh.put(row, len(COMBINED_STATUSES) + 1, completion, "percent")
        row += 1
    chart = ctx.workbook.add_chart({"type": "bar", "subtype": "stacked"})
    colors = ("#70AD47", "#FFC000", "#ED7D31", "#A5A5A5", "#5B9BD5")
    for col, color in enumerate(colors, start=1):
        chart.add_series(series(NAME, [NAME, head, col], first, row - 1, col, color))
    chart.set_title({"name": "Status indikator per komponen"})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"name": "Jumlah indikator"})
    charts.place(chart, 300)
    return row


def _by_unit(ctx: RecapContext, sh: Sheet, row: int, charts: _Charts) -> int:
    """Completion per unit (chart 2, when there are units)."""
    c = ctx.consolidation
    s = c.summary
    titles = ("Kode unit", "Nama unit", "Formulir", "Penyelesaian (%)", "Terlambat")
    row = first = _table_head(sh, row, "PENYELESAIAN PER UNIT", titles, WIDTHS[:5]) + 1
    late_by_unit = c.late["unit_code"].value_counts().to_dict() if len(c.late) else {}
    missing_codes = set(s.units_missing)
    names = {u.code: u.name for u in c.missing}
    names.update({f.identity.unit_code: f.identity.unit_name for f in c.forms})
    for code, completion in s.completion_by_unit.items():
        sh.put(row, 0, code)
        sh.put(row, 1, names.get(code, ""))
        sh.put(row, 2, "Belum mengirim" if code in missing_codes else "Diterima")
        sh.put(row, 3, pct(completion), "percent")
        sh.put(row, 4, int(late_by_unit.get(code, 0)))
        row += 1
    if row > first:
        chart = ctx.workbook.add_chart({"type": "bar"})
        chart.add_series(series(NAME, "Penyelesaian (%)", first, row - 1, 3, "#5B9BD5"))
        chart.set_title({"name": "Penyelesaian per unit (%)"})
        chart.set_x_axis({"min": 0, "max": 100})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        charts.place(chart, max(260, 22 * (row - first) + 80))
    return row


def _by_area(
    ctx: RecapContext, sh: Sheet, row: int, charts: _Charts, syarat: tuple[int, int]
) -> int:
    """Score per area against its minimum (chart 3); for a model without per-area minimums,
    the chart shows the thresholds' rows (``syarat``: header row, last row) instead."""
    c, lke = ctx.consolidation, ctx.lke
    titles = ("Area", "Bobot", "Nilai", "Minimal WBK", "Minimal WBBM")
    head = _table_head(sh, row, "NILAI PER AREA", titles, WIDTHS[:5])
    row = first = head + 1
    minimum = area_minimums(c)
    for area in c.model.areas:
        sh.put(row, 0, f"{area.id} {area.name}")
        sh.put(row, 1, area.weight, "score")
        link = "=" + lke.absolute(lke.value_cells[area.id])
        sh.ws.write_formula(row, 2, link, sh.fmt["score"], c.result.official.areas[area.id])
        sh.put(row, 3, minimum.get(("WBK", area.id)), "score")
        sh.put(row, 4, minimum.get(("WBBM", area.id)), "score")
        row += 1
    chart = ctx.workbook.add_chart({"type": "column"})
    if minimum:
        for col, color in ((2, "#5B9BD5"), (3, "#FFC000"), (4, "#ED7D31")):
            chart.add_series(series(NAME, [NAME, head, col], first, row - 1, col, color))
        chart.set_title({"name": "Nilai per area dan batas minimalnya"})
    else:
        # No per-area minimum in this model (52/2014): the minimums are the thresholds'
        # (total, hasil, survei, TLHP), so the chart shows each threshold's value against them,
        # on a log scale (75 and 3,5 on one axis).
        top, last = syarat
        for col, color in ((1, "#5B9BD5"), (2, "#FFC000"), (4, "#ED7D31")):
            chart.add_series(series(NAME, [NAME, top, col], top + 1, last, col, color))
        chart.set_title({"name": "Nilai setiap syarat dan batas minimalnya (WBK, WBBM)"})
        chart.set_y_axis({"log_base": 10, "min": 1})
    chart.set_legend({"position": "bottom"})
    charts.place(chart, 300)
    return row


def _evidence(ctx: RecapContext, sh: Sheet, row: int) -> int:
    """Evidence completeness (BUKTI FISIK met of expected): overall, per component, per unit."""
    c, plan = ctx.consolidation, ctx.plan
    report = c.evidence_report
    titles = ("Kelengkapan bukti dukung", "Nama", "Bukti fisik diminta", "Sudah ada bukti",
              "Kelengkapan (%)")  # fmt: skip
    sh.ws.set_h_pagebreaks([row])  # the section starts a page: it is read on its own
    row = _table_head(sh, row, "KELENGKAPAN BUKTI DUKUNG", titles, WIDTHS[:5])
    sh.fit_rows(row, list(zip(titles, WIDTHS, strict=False)))
    row += 1
    names = {u.code: u.name for u in c.missing}
    names.update({f.identity.unit_code: f.identity.unit_name for f in c.forms})
    by_component, by_unit = report.by_component(), report.by_unit()
    lines = [("Keseluruhan", "", report.overall)]
    lines += [(comp.id, comp.name, by_component[comp.id]) for comp in plan.components
              if comp.id in by_component]  # fmt: skip
    lines += [(code, names.get(code, ""), by_unit[code]) for code in sorted(by_unit)]
    for key, name, share in lines:
        sh.put(row, 0, key)
        sh.put(row, 1, name)
        sh.put(row, 2, share.expected)
        sh.put(row, 3, share.met)
        sh.put(row, 4, pct(share.percent), "percent")
        row += 1
    return row


__all__ = ["NAME", "write"]
