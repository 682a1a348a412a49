"""Write the Kanwil roll-up: one row per office's recap (as ``read_recap`` gives it), and two
charts (score per office, completion per office).

Owns the roll-up workbook and its layout. Reads no file: it is given RecapData. A writer:
imports no reader library (python-calamine, openpyxl).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import xlsxwriter

from rkt_excel import __version__
from rkt_excel.recap.cells import WORKBOOK_OPTIONS, Sheet, created, formats, pct, series
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.recap.labels import predikat_label
from rkt_excel.xlsx_io import atomic_write

SHEET_ROLLUP = "Rekap Kanwil"
HEAD_ROW = 2  # the header row; one row per office below it


def _columns(area_ids: dict[str, str]) -> list[tuple[str, float]]:
    return [
        ("Kantor", 34),
        ("Periode", 14),
        ("Per Tanggal", 13),
        ("Regulasi", 20),
        ("Formulir Diterima", 10),
        ("Formulir Ditolak", 10),
        ("Unit Belum Mengirim", 12),
        ("Kesalahan", 10),
        ("Penyelesaian (%)", 12),
        *((f"Area {aid} {name}", 13) for aid, name in area_ids.items()),
        ("Pengungkit", 11),
        ("Hasil", 11),
        ("Total", 11),
        ("Perkiraan Predikat", 14),
        ("Syarat Belum Terpenuhi", 50),
        ("File Rekap", 30),
    ]


def _values(recap: RecapData, area_ids: dict[str, str]) -> list[tuple[Any, str]]:
    """One office's row: (value, style) per column of ``_columns``."""
    by_area = {a.id: a.value for a in recap.areas}
    return [
        (recap.office, "text"),
        (recap.period, "text"),
        (recap.as_of, "date"),
        (recap.regulation, "text"),
        (recap.forms_accepted, "text"),
        (recap.forms_rejected, "text"),
        (len(recap.units_missing), "text"),
        (recap.errors, "text"),
        (pct(recap.completion), "percent"),
        *((by_area.get(aid), "score") for aid in area_ids),
        (recap.pengungkit, "score"),
        (recap.hasil, "score"),
        (recap.total, "score"),
        (predikat_label(recap.predikat), "text"),
        ("; ".join(recap.minimums_failed_text) or "-", "text"),
        (recap.path, "text"),
    ]


def distinct_recaps(
    recaps: Sequence[RecapData],
) -> tuple[list[RecapData], list[tuple[RecapData, RecapData]]]:
    """The recaps to roll up, each once, in the order given, and (duplicate, first) for each
    recap that reads the same as an earlier one but for its path: the same file given twice,
    or a copy of it (byte-identical or not, it would count as one office twice)."""
    kept: list[RecapData] = []
    duplicates: list[tuple[RecapData, RecapData]] = []
    # Summary holds dicts (unhashable): compare within the recaps of one office and date only.
    seen: dict[tuple[str, str, object], list[tuple[RecapData, RecapData]]] = {}
    for recap in recaps:
        bare = replace(recap, path="")
        bucket = seen.setdefault((recap.office, recap.period, recap.as_of), [])
        first = next((original for other, original in bucket if other == bare), None)
        if first is None:
            bucket.append((bare, recap))
            kept.append(recap)
        else:
            duplicates.append((recap, first))
    return kept, duplicates


def write_rollup(recaps: Sequence[RecapData], path: str | Path) -> Path:
    """Write the Kanwil roll-up: one row per office's recap, with charts; return the path."""
    if not recaps:
        raise ValueError("write_rollup needs at least one recap")
    ordered = sorted(recaps, key=lambda r: (r.office, r.as_of, r.path))
    area_ids: dict[str, str] = {}
    for recap in ordered:
        for area in recap.areas:
            area_ids.setdefault(area.id, area.name)
    columns = _columns(area_ids)
    target = Path(path)
    with atomic_write(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            wb.set_properties(
                {
                    "title": "Rekap Zona Integritas Kanwil",
                    "author": "rkt-excel",
                    "comments": f"rkt-rollup/1; rkt-excel {__version__}",
                    "created": created(max(r.as_of for r in ordered)),
                }
            )
            fmt = formats(wb)
            sh = Sheet(wb.add_worksheet(SHEET_ROLLUP), fmt)
            sh.ws.write_string(0, 0, "REKAPITULASI ZONA INTEGRITAS PER KANTOR", fmt["title"])
            head = HEAD_ROW
            sh.header(head, [t for t, _ in columns], [w for _, w in columns])
            for r, recap in enumerate(ordered, start=head + 1):
                for col, (value, style) in enumerate(_values(recap, area_ids)):
                    sh.put(r, col, value, style)
            last = head + len(ordered)
            sh.ws.freeze_panes(head + 1, 1)
            _charts(wb, sh, {t: i for i, (t, _) in enumerate(columns)}, last)
        finally:
            wb.close()
    return target


def _charts(wb: Any, sh: Sheet, col_of: dict[str, int], last: int) -> None:
    """Below the table: the score per office (stacked), then completion per office."""
    head, offices = HEAD_ROW, last - HEAD_ROW
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for title, color in (("Pengungkit", "#5B9BD5"), ("Hasil", "#70AD47")):
        col = col_of[title]
        chart.add_series(
            series(SHEET_ROLLUP, [SHEET_ROLLUP, head, col], head + 1, last, col, color)
        )
    chart.set_title({"name": "Nilai LKE per kantor (pengungkit + hasil)"})
    chart.set_y_axis({"min": 0, "max": 100})
    chart.set_size({"width": 720, "height": 320})
    sh.ws.insert_chart(last + 2, 0, chart)
    chart = wb.add_chart({"type": "bar"})
    col = col_of["Penyelesaian (%)"]
    chart.add_series(
        series(SHEET_ROLLUP, [SHEET_ROLLUP, head, col], head + 1, last, col, "#FFC000")
    )
    chart.set_title({"name": "Penyelesaian rencana aksi per kantor (%)"})
    chart.set_x_axis({"min": 0, "max": 100})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    chart.set_size({"width": 720, "height": max(260, 24 * offices + 80)})
    sh.ws.insert_chart(last + 19, 0, chart)


__all__ = ["SHEET_ROLLUP", "distinct_recaps", "write_rollup"]
