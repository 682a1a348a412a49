"""Write the Kanwil roll-up: one row per office's recap (as ``read_recap`` gives it), and two
charts (score per office with the WBK and WBBM minimums of its regulation, completion per
office), printed one page wide with the charts on a page of their own.

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
from rkt_excel.printsetup import DEFAULT_PAPER, Page, fit_workbook
from rkt_excel.recap.cells import WORKBOOK_OPTIONS, Sheet, created, formats, pct, series
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.recap.labels import predikat_label
from rkt_excel.xlsx_io import atomic_write

SHEET_ROLLUP = "Rekap Kanwil"
HEAD_ROW = 2  # the header row; one row per office below it


MIN_WBK, MIN_WBBM = "Nilai Minimal WBK", "Nilai Minimal WBBM"
UNMET_TITLE = "SYARAT BELUM TERPENUHI PER KANTOR"


def _columns(area_ids: dict[str, str]) -> list[tuple[str, float]]:
    return [
        ("Kantor", 26),
        ("Periode", 11),
        ("Per Tanggal", 16),  # "31 Agustus 2019" (a narrower date cell shows ###)
        ("Regulasi", 13),
        ("Formulir Diterima", 9),
        ("Formulir Ditolak", 9),
        ("Unit Belum Mengirim", 9),
        ("Kesalahan", 10),
        ("Penyelesaian (%)", 11),
        *((f"Area {aid} {name}", 10) for aid, name in area_ids.items()),
        ("Pengungkit", 11),
        ("Hasil", 8),
        ("Total", 8),
        (MIN_WBK, 9),
        (MIN_WBBM, 9),
        ("Perkiraan Predikat", 11),
        ("Syarat Belum Terpenuhi", 36),  # on screen; printed as a block below the table
        ("File Rekap", 30),  # on screen only: the print area ends before it
    ]


def total_minimums(regulation: str) -> tuple[float | None, float | None]:
    """The least total score for WBK and for WBBM in the regulation's LKE model (its
    thresholds), or None where the model has none (an unknown regulation: both None)."""
    from rkt_excel.errors import ModelError
    from rkt_excel.lke import load_model

    try:
        model = load_model(regulation)
    except ModelError:
        return None, None
    found = {t.predikat: t.minimum for t in model.thresholds if t.target == "total"}
    return found.get("WBK"), found.get("WBBM")


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
        *((m, "score") for m in total_minimums(recap.regulation)),
        (predikat_label(recap.predikat), "text"),
        # one line here (in full, wrapped, in the block below the table)
        ("; ".join(recap.minimums_failed_text) or "-", "line"),
        (recap.path, "line"),
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


def latest_per_office(
    recaps: Sequence[RecapData],
) -> tuple[list[RecapData], list[tuple[RecapData, RecapData]]]:
    """One recap per office (its plan and name): the latest by as-of date (of two on the same
    date, the one given last), in the order the kept recaps were given; and (older, kept) for
    each recap left out. A Kanwil that gives a folder with several months of an office gets
    each office once, at its latest month."""
    latest: dict[tuple[str, str], int] = {}
    for n, recap in enumerate(recaps):
        key = (recap.plan_id, recap.office)
        if key not in latest or recap.as_of >= recaps[latest[key]].as_of:
            latest[key] = n
    keep = set(latest.values())
    older = [
        (recap, recaps[latest[(recap.plan_id, recap.office)]])
        for n, recap in enumerate(recaps)
        if n not in keep
    ]
    return [r for n, r in enumerate(recaps) if n in keep], older


def write_rollup(
    recaps: Sequence[RecapData], path: str | Path, *, paper: str = DEFAULT_PAPER
) -> Path:
    """Write the Kanwil roll-up: one row per office's recap, with charts; return the path.

    ``paper`` is "a4" or "f4" (printsetup.PAPERS)."""
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
            periods = sorted({r.period for r in ordered})
            page = Page(paper, "Rekap Zona Integritas Kanwil", ", ".join(periods))
            sh = Sheet(wb.add_worksheet(SHEET_ROLLUP), fmt, page)
            sh.ws.write_string(0, 0, "REKAPITULASI ZONA INTEGRITAS PER KANTOR", fmt["title"])
            head = HEAD_ROW
            sh.header(head, [t for t, _ in columns], [w for _, w in columns])
            sh.ws.set_row(head, 40)  # three lines of the wrapped headers, with room to spare
            for r, recap in enumerate(ordered, start=head + 1):
                for col, (value, style) in enumerate(_values(recap, area_ids)):
                    sh.put(r, col, value, style)
            last = head + len(ordered)
            sh.ws.freeze_panes(head + 1, 1)
            # Printed: the table without its two widest columns (Syarat Belum Terpenuhi, File
            # Rekap), the unmet minimums as a block below it, then the charts on a page of
            # their own (never cut by a page break).
            printed = len(columns) - 3  # the last printed column: Perkiraan Predikat
            after = _unmet(sh, ordered, last + 2, printed)
            col_of = {t: i for i, (t, _) in enumerate(columns)}
            charts_end = _charts(wb, sh, col_of, last, top=after + 2)
            sh.print_setup(repeat_rows=head, print_area=(0, 0, charts_end, printed), narrow=True)
            sh.ws.set_h_pagebreaks([after + 1])
            fit_workbook([sh.ws])
        finally:
            wb.close()
    return target


def _unmet(sh: Sheet, ordered: Sequence[RecapData], row: int, last_col: int) -> int:
    """The unmet minimums of each office, one line each over the printed width (the table's
    Syarat Belum Terpenuhi column, which is too wide to print legibly beside the scores).
    Returns its last row."""
    sh.ws.write_string(row, 0, UNMET_TITLE, sh.fmt["section"])
    for recap in ordered:
        row += 1
        sh.put(row, 0, recap.office, "label")
        text = "; ".join(recap.minimums_failed_text) or "-"
        sh.ws.merge_range(row, 1, row, last_col, "", sh.fmt["text"])
        sh.put(row, 1, text)
    return row


def _charts(wb: Any, sh: Sheet, col_of: dict[str, int], last: int, *, top: int) -> int:
    """From row ``top``: the score per office (stacked) with the WBK and WBBM minimums of the
    total as lines, then completion per office, over the table's rows up to ``last``.
    Returns the last row the charts cover."""
    head, offices = HEAD_ROW, last - HEAD_ROW
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    for title, color in (("Pengungkit", "#5B9BD5"), ("Hasil", "#70AD47")):
        col = col_of[title]
        chart.add_series(
            series(SHEET_ROLLUP, [SHEET_ROLLUP, head, col], head + 1, last, col, color)
        )
    lines = wb.add_chart({"type": "line"})
    for title, color in ((MIN_WBK, "#C00000"), (MIN_WBBM, "#7030A0")):
        col = col_of[title]
        line = series(SHEET_ROLLUP, [SHEET_ROLLUP, head, col], head + 1, last, col, color)
        del line["fill"]
        line["line"] = {"color": color, "width": 2, "dash_type": "dash"}
        line["marker"] = {"type": "none"}
        lines.add_series(line)
    chart.combine(lines)
    chart.set_title({"name": "Nilai LKE per kantor (pengungkit + hasil) dan batas WBK/WBBM"})
    chart.set_y_axis({"min": 0, "max": 100})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 320})
    sh.ws.insert_chart(top, 0, chart)
    chart = wb.add_chart({"type": "bar"})
    col = col_of["Penyelesaian (%)"]
    chart.add_series(
        series(SHEET_ROLLUP, [SHEET_ROLLUP, head, col], head + 1, last, col, "#FFC000")
    )
    chart.set_title({"name": "Penyelesaian rencana aksi per kantor (%)"})
    chart.set_x_axis({"min": 0, "max": 100})
    chart.set_y_axis({"reverse": True})
    chart.set_legend({"none": True})
    height = max(260, 24 * offices + 80)
    chart.set_size({"width": 720, "height": height})
    sh.ws.insert_chart(top + 17, 0, chart)
    return top + 17 + -(-height // 20)  # default rows are 20 px high


__all__ = ["SHEET_ROLLUP", "distinct_recaps", "write_rollup"]
