"""Stage 5, the recap: write a Consolidation as a workbook or CSV, read it back, roll it up.

``write_recap`` writes the office recap (Ringkasan, Rekap Indikator, Keterlambatan, LKE,
Validasi, Sumber and the hidden machine-readable ``_rkt_data``); ``read_recap`` reads
``_rkt_data`` back for the Kanwil roll-up (``write_rollup``); ``export_csv`` writes the tidy
tables. Unit text is only ever written with write_string (or as a CSV cell with the OWASP
prefix); every file is written to a temporary name and renamed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from rkt_excel import __version__
from rkt_excel.consolidate import (
    COMBINED_STATUSES,
    Consolidation,
    Evidence,
)
from rkt_excel.gc_control import gc_paused
from rkt_excel.layout import text_lines
from rkt_excel.recap.cells import (
    MAX_STRING,
    WORKBOOK_OPTIONS,
    Sheet,
    cell_text,
    created,
    formats,
    is_missing,
    pct,
)
from rkt_excel.recap.datasheet import (
    RECAP_FORMAT,
    SHEET_DATA,
    AreaScore,
    RecapData,
    area_minimums,
    encode_consolidation,
)
from rkt_excel.recap.export import CSV_TABLES, export_csv
from rkt_excel.recap.labels import (
    AGGREGATE_LABELS,
    FIELD_LABELS,
    FILE_STATUS_LABELS,
    SEVERITY_LABELS,
    predikat_label,
)
from rkt_excel.recap.lke_sheet import LkeSheetInfo, write_lke_sheet
from rkt_excel.recap.read import read_recap
from rkt_excel.recap.rollup import SHEET_ROLLUP, write_rollup
from rkt_excel.safe_text import plain_value
from rkt_excel.score import RULE_AREA, Check
from rkt_excel.template import Plan
from rkt_excel.units import assigned_rows
from rkt_excel.xlsx_io import atomic_write

SHEET_SUMMARY = "Ringkasan"
SHEET_ROWS = "Rekap Indikator"
SHEET_LATE = "Keterlambatan"
SHEET_LKE = "LKE"
SHEET_ISSUES = "Validasi"
SHEET_SOURCES = "Sumber"
CHART_COL = 8  # Ringkasan: column I, right of the widest table (A:G)

# --- write_recap -------------------------------------------------------------------------------


def _evidence_text(evidence: Mapping[str, Sequence[Evidence]]) -> dict[str, str]:
    """Per LKE question: one line per unit and row, "UNIT (row): jawaban — bukti dukung"."""
    out: dict[str, str] = {}
    for qid, items in evidence.items():
        lines = []
        for e in items:
            parts = [cell_text(p) for p in (e.jawaban, e.bukti_dukung) if not is_missing(p)]
            if e.link and e.link not in parts:
                parts.append(e.link)
            lines.append(f"{e.unit_code} ({e.row_id}): " + " — ".join(parts))
        text = "\n".join(lines)
        if len(text) > MAX_STRING:
            note = "\n… (selengkapnya di sheet Rekap Indikator)"
            text = text[: MAX_STRING - len(note)] + note
        out[qid] = text
    return out


def _write_summary(sh: Sheet, wb: Any, c: Consolidation, plan: Plan, lke: LkeSheetInfo) -> None:
    s = c.summary
    ws = sh.ws
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 7, 13)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    charts_at = [3]  # the charts stack in column I, right of the tables

    def place(chart: Any, height: int) -> None:
        chart.set_size({"width": 640, "height": height})
        ws.insert_chart(charts_at[0], CHART_COL, chart)
        charts_at[0] += -(-height // 20) + 1  # default rows are 20 px high

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
    ]
    row = 3
    for label, value, style in info:
        sh.put(row, 0, label, "label")
        sh.put(row, 1, value, style)
        row += 1

    # Estimated score: live links to the LKE sheet, cached with score()'s values.
    row += 1
    ws.write_string(row, 0, "NILAI LKE (PERKIRAAN)", sh.fmt["section"])
    row += 1
    result = c.result
    for label, key, value in (
        ("Komponen pengungkit", "pengungkit", result.pengungkit),
        ("Komponen hasil", "hasil", result.hasil),
        ("Nilai total", "total", result.total),
    ):
        sh.put(row, 0, label, "label")
        ws.write_formula(row, 1, "=" + lke.absolute(lke.value_cells[key]), sh.fmt["score"], value)
        row += 1
    sh.put(row, 0, "Perkiraan predikat", "label")
    ws.write_formula(
        row, 1, "=" + lke.absolute(lke.predikat_cell), sh.fmt["label"], predikat_label(s.predikat)
    )
    row += 1
    sh.put(row, 0, "Kelengkapan jawaban LKE (%)", "label")
    sh.put(row, 1, pct(100 * result.completeness), "percent")
    row += 2

    # The thresholds, WBK and WBBM side by side.
    sh.header(row, ("Syarat", "Nilai", "Minimal WBK", "WBK", "Minimal WBBM", "WBBM"),
              (34, 40, 13, 13, 13, 13))  # fmt: skip
    ws.set_column(1, 1, 40)
    row += 1
    targets: dict[str, dict[str, Check]] = {}
    for check in result.checks:
        if check.rule in ("all", RULE_AREA):
            targets.setdefault(check.target, {})[check.predikat] = check
    for by_predikat in targets.values():
        first = next(iter(by_predikat.values()))
        sh.put(row, 0, first.name)
        sh.put(row, 1, round(first.actual, 6), "score")
        for col, predikat in ((2, "WBK"), (4, "WBBM")):
            found = by_predikat.get(predikat)
            sh.put(row, col, None if found is None else found.required, "score")
            sh.put(row, col + 1, "-" if found is None else ("Ya" if found.passed else "Tidak"))
        row += 1
    row += 1

    # Completion per component: the combined status counts (chart 1).
    ws.write_string(row, 0, "PENYELESAIAN PER KOMPONEN", sh.fmt["section"])
    row += 1
    comp_head = row
    sh.header(
        row, ("Komponen", *COMBINED_STATUSES, "Penyelesaian (%)"), (34, 40, 13, 13, 13, 13, 13)
    )
    row += 1
    first_comp = row
    for comp in plan.components:
        part = c.indicators[c.indicators["component_id"] == comp.id]
        sh.put(row, 0, f"{comp.id} {comp.name}")
        for col, status in enumerate(COMBINED_STATUSES, start=1):
            sh.put(row, col, int((part["combined_status"] == status).sum()))
        sh.put(
            row, len(COMBINED_STATUSES) + 1, pct(s.completion_by_component.get(comp.id)), "percent"
        )
        row += 1
    last_comp = row - 1
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    colors = ("#70AD47", "#FFC000", "#ED7D31", "#A5A5A5", "#5B9BD5")
    for col, color in enumerate(colors, start=1):
        chart.add_series(
            {
                "name": [SHEET_SUMMARY, comp_head, col],
                "categories": [SHEET_SUMMARY, first_comp, 0, last_comp, 0],
                "values": [SHEET_SUMMARY, first_comp, col, last_comp, col],
                "fill": {"color": color},
            }
        )
    chart.set_title({"name": "Status indikator per komponen"})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"name": "Jumlah indikator"})
    place(chart, 300)
    row += 1

    # Completion per unit (chart 2).
    ws.write_string(row, 0, "PENYELESAIAN PER UNIT", sh.fmt["section"])
    row += 1
    sh.header(row, ("Kode unit", "Nama unit", "Formulir", "Penyelesaian (%)", "Terlambat"),
              (34, 40, 13, 13, 13))  # fmt: skip
    row += 1
    first_unit = row
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
    if row > first_unit:
        chart = wb.add_chart({"type": "bar"})
        chart.add_series(
            {
                "name": "Penyelesaian (%)",
                "categories": [SHEET_SUMMARY, first_unit, 0, row - 1, 0],
                "values": [SHEET_SUMMARY, first_unit, 3, row - 1, 3],
                "fill": {"color": "#5B9BD5"},
            }
        )
        chart.set_title({"name": "Penyelesaian per unit (%)"})
        chart.set_x_axis({"min": 0, "max": 100})
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"none": True})
        place(chart, max(260, 22 * (row - first_unit) + 80))
    row += 1

    # Score per area against its minimum (chart 3).
    ws.write_string(row, 0, "NILAI PER AREA", sh.fmt["section"])
    row += 1
    area_head = row
    sh.header(row, ("Area", "Bobot", "Nilai", "Minimal WBK", "Minimal WBBM"), (34, 40, 13, 13, 13))
    row += 1
    first_area = row
    minimum = area_minimums(c)
    for area in c.model.areas:
        sh.put(row, 0, f"{area.id} {area.name}")
        sh.put(row, 1, area.weight, "score")
        ws.write_formula(
            row,
            2,
            "=" + lke.absolute(lke.value_cells[area.id]),
            sh.fmt["score"],
            result.official.areas[area.id],
        )
        sh.put(row, 3, minimum.get(("WBK", area.id)), "score")
        sh.put(row, 4, minimum.get(("WBBM", area.id)), "score")
        row += 1
    chart = wb.add_chart({"type": "column"})
    series_cols = [(2, "#5B9BD5")]
    if minimum:
        series_cols += [(3, "#FFC000"), (4, "#ED7D31")]
    else:
        series_cols += [(1, "#A5A5A5")]  # no per-area minimum in this model: show the bobot
    for col, color in series_cols:
        chart.add_series(
            {
                "name": [SHEET_SUMMARY, area_head, col],
                "categories": [SHEET_SUMMARY, first_area, 0, row - 1, 0],
                "values": [SHEET_SUMMARY, first_area, col, row - 1, col],
                "fill": {"color": color},
            }
        )
    chart.set_title({"name": "Nilai per area dan batas minimalnya"})
    place(chart, 300)
    ws.activate()


ROW_LINE_PT = 12.0  # points per wrapped line of 9 pt Arial
ROW_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("component_id", "Komponen", 9),
    ("subarea", "Sub-area", 16),
    ("row_id", "ID", 9),
    ("indicator", "Indikator", 40),
    ("target_waktu", "Target Waktu", 14),
    ("unit_code", "Kode Unit", 10),
    ("unit_name", "Nama Unit", 22),
    ("status_raw", "Status", 13),
    ("realisasi_raw", "Realisasi", 14),
    ("capaian_raw", "Capaian (%)", 10),
    ("jawaban_raw", "Jawaban LKE", 10),
    ("bukti_dukung_raw", "Bukti Dukung", 32),
    ("keterangan_raw", "Keterangan / Kendala", 30),
    ("combined_status", "Status Gabungan", 14),
    ("completion", "Penyelesaian Indikator (%)", 13),
    ("late", "Terlambat", 10),
    ("invalid_fields", "Nilai Tidak Valid", 18),
    ("issue_codes", "Kode Masalah", 18),
    ("file", "File", 28),
    ("note", "Catatan", 20),
)


_LINK, _PERCENT, _LATE = 1, 2, 3  # how _write_rows writes a column (0: as typed)


def _write_rows(sh: Sheet, c: Consolidation, plan: Plan) -> None:
    """One line per indicator x unit: what the unit typed, as typed; lines for the units that
    sent nothing; one line for an indicator nobody is assigned."""
    keys = [k for k, _, _ in ROW_COLUMNS]
    sh.header(0, [t for _, t, _ in ROW_COLUMNS], [w for _, _, w in ROW_COLUMNS])
    sh.print_as_table(0)
    # The table's columns as Python lists, read once (a DataFrame per indicator, or a dict
    # per line from pandas, cost more than writing the cells): line i is data[key][i].
    wanted = [k for k in (*keys, "bukti_dukung_link") if k in c.rows.columns]
    data = {k: c.rows[k].tolist() for k in wanted}
    positions: dict[str, list[int]] = {}
    for i, row_id in enumerate(data.get("row_id", ())):
        positions.setdefault(row_id, []).append(i)
    missing_rows = {u.code: set(assigned_rows(plan, u)) for u in c.missing}
    late_pairs = set(zip(c.late["unit_code"], c.late["row_id"], strict=True))
    # (column, key, its input field, how): three columns are written their own way, every other
    # one as typed (red when invalid). Written in column order: the same file as ever, byte
    # for byte (xlsxwriter numbers shared strings in the order they are first written).
    special = {"bukti_dukung_raw": _LINK, "completion": _PERCENT, "late": _LATE}
    plan_cols = [
        (n, key, key.removesuffix("_raw") if key.endswith("_raw") else None, special.get(key, 0))
        for n, key in enumerate(keys)
    ]
    put, link = sh.put, sh.link
    # Rows get a height from their longest wrapped text: LibreOffice does not fit rows to
    # wrapped text when it opens a file, so a row left at the default height hides it.
    tall = [(key, width) for key, _, width in ROW_COLUMNS if width >= 16]
    row = 1
    for ind in c.indicators.to_dict("records"):
        common = {
            k: ind[k] for k in ("component_id", "subarea", "row_id", "indicator", "target_waktu")
        }
        common.update(
            combined_status=ind["combined_status"], completion=pct(plain_value(ind["completion"]))
        )
        lines: list[dict[str, Any]] = []
        for i in positions.get(ind["row_id"], ()):
            values = dict(common)
            values.update((k, data[k][i]) for k in wanted)
            lines.append(values)
        for unit in c.missing:
            if ind["row_id"] in missing_rows[unit.code]:
                note = "Formulir tidak dikirim"
                lines.append(
                    {**common, "unit_code": unit.code, "unit_name": unit.name, "note": note}
                )
        if not lines:
            lines.append({**common, "note": "Tidak ada unit yang ditugaskan"})
        for values in lines:
            names = [f for f in str(values.get("invalid_fields") or "").split(", ") if f]
            invalid = set(names)
            values["invalid_fields"] = ", ".join(FIELD_LABELS.get(f, f) for f in names)
            late = (values.get("unit_code"), values["row_id"]) in late_pairs
            get = values.get
            for n, key, field, how in plan_cols:
                if not how:
                    put(row, n, get(key), "invalid" if field in invalid else "text")
                elif how == _LINK:
                    style = "invalid" if field in invalid else "text"
                    link(row, n, get(key), get("bukti_dukung_link"), style)
                elif how == _PERCENT:
                    put(row, n, get(key), "percent")
                else:
                    put(row, n, "Ya" if late else "", "late" if late else "text")
            wrapped = max(
                (text_lines(v, w) for k, w in tall if isinstance(v := get(k), str) and v),
                default=1,
            )
            if wrapped > 1:
                sh.ws.set_row(row, min(409.0, wrapped * ROW_LINE_PT))
            row += 1
    sh.ws.freeze_panes(1, 3)
    sh.ws.autofilter(0, 0, max(row - 1, 1), len(keys) - 1)


LATE_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("unit_code", "Kode Unit", 10),
    ("unit_name", "Nama Unit", 24),
    ("component_id", "Komponen", 9),
    ("component", "Nama Komponen", 22),
    ("row_id", "ID", 9),
    ("indicator", "Indikator", 40),
    ("target_waktu", "Target Waktu", 16),
    ("due", "Jatuh Tempo", 14),
    ("status", "Status", 13),
    ("capaian", "Capaian (%)", 10),
    ("reason", "Alasan", 20),
    ("file", "File", 28),
)
ISSUE_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("file", "File", 28),
    ("unit_code", "Kode Unit", 10),
    ("file_status", "Status File", 11),
    ("sheet", "Sheet", 20),
    ("cell", "Sel", 7),
    ("row_id", "ID Baris", 9),
    ("field", "Kolom", 14),
    ("raw", "Nilai Diketik", 20),
    ("code", "Kode", 18),
    ("severity", "Tingkat", 11),
    ("message", "Pesan", 50),
)
SOURCE_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("file", "File", 30),
    ("name", "Nama File", 24),
    ("sha256", "SHA-256", 66),
    ("unit_code", "Kode Unit", 10),
    ("unit_name", "Nama Unit", 24),
    ("tanggal_pengisian", "Tanggal Pengisian", 14),
    ("status", "Status", 11),
    ("errors", "Kesalahan", 10),
    ("warnings", "Peringatan", 10),
    ("code", "Kode", 18),
    ("message", "Pesan", 40),
    ("superseded_by", "Digantikan Oleh", 30),
)


def write_recap(consolidation: Consolidation, plan: Plan, path: str | Path) -> Path:
    """Write the recap workbook of ``consolidation`` to ``path`` (atomically); return the path.

    The same consolidation gives a byte-identical file: the document date is derived from the
    as-of date, and every table has a stable order.
    """
    c = consolidation
    target = Path(path)
    # xlsxwriter keeps every cell until close(): the collector's passes over them find nothing.
    with gc_paused(), atomic_write(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            wb.set_properties(
                {
                    "title": f"Rekap Zona Integritas {c.summary.office} {c.summary.period}",
                    "author": "rkt-excel",
                    "comments": f"{RECAP_FORMAT}; rkt-excel {__version__}",
                    "created": created(c.summary.as_of),
                }
            )
            fmt = formats(wb)
            summary = Sheet(wb.add_worksheet(SHEET_SUMMARY), fmt)
            rows = Sheet(wb.add_worksheet(SHEET_ROWS), fmt)
            late = Sheet(wb.add_worksheet(SHEET_LATE), fmt)
            lke_ws = wb.add_worksheet(SHEET_LKE)
            issues = Sheet(wb.add_worksheet(SHEET_ISSUES), fmt)
            sources = Sheet(wb.add_worksheet(SHEET_SOURCES), fmt)
            data = Sheet(wb.add_worksheet(SHEET_DATA), fmt)

            lke = write_lke_sheet(
                wb, lke_ws, c.model, c.answers, c.result, evidence=_evidence_text(c.evidence)
            )
            _write_summary(summary, wb, c, plan, lke)
            _write_rows(rows, c, plan)
            late.table(c.late, LATE_COLUMNS)
            issues.table(
                c.issues,
                ISSUE_COLUMNS,
                {"file_status": FILE_STATUS_LABELS, "severity": SEVERITY_LABELS},
            )
            sources.table(c.sources, SOURCE_COLUMNS, {"status": FILE_STATUS_LABELS})
            for r, (key, value) in enumerate(encode_consolidation(c)):
                data.put(r, 0, key, "data")
                data.put(r, 1, value, "data")
            data.ws.hide()
        finally:
            wb.close()
    return target


__all__ = [
    "CSV_TABLES",
    "RECAP_FORMAT",
    "SHEET_ROLLUP",
    "WORKBOOK_OPTIONS",
    "AreaScore",
    "RecapData",
    "export_csv",
    "read_recap",
    "write_recap",
    "write_rollup",
]
