"""The recap's Rekap Indikator sheet: one line per indicator x unit, with what the unit typed,
as typed (invalid values kept and highlighted), the combined status, lateness and links.

Owns this sheet's columns (``ROW_COLUMNS``) and the lines for units that sent nothing and for
indicators nobody is assigned. Changes no value: the consolidation's tables are shown as they
are. The row loop is the recap's hot path (see docs/BENCHMARKS.md): keep it lean.
"""

from __future__ import annotations

from typing import Any

from rkt_excel.recap.cells import UNIT_CODE_WIDTH, Sheet, pct
from rkt_excel.recap.context import RecapContext
from rkt_excel.recap.labels import FIELD_LABELS, YES
from rkt_excel.safe_text import plain_value
from rkt_excel.units import assigned_rows

NAME = "Rekap Indikator"
ROW_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("component_id", "Komponen", 9),
    ("subarea", "Sub-area", 16),
    ("row_id", "ID", 9),
    ("indicator", "Indikator", 40),
    ("target_waktu", "Target Waktu", 14),
    ("unit_code", "Kode Unit", UNIT_CODE_WIDTH),
    ("unit_name", "Nama Unit", 22),
    ("status_raw", "Status", 13),
    ("realisasi_raw", "Realisasi", 14),
    ("capaian_raw", "Capaian (%)", 10),
    ("jawaban_raw", "Jawaban LKE", 10),
    ("bukti_dukung_raw", "Bukti Dukung", 32),
    ("keterangan_raw", "Keterangan / Kendala", 30),
    ("combined_status", "Status Gabungan", 14),
    ("completion", "Penyelesaian Indikator (%)", 13),
    ("capaian_mean", "Rata-rata Capaian Unit (%)", 12),  # beside it: 0 % done, capaian 40/75
    ("late", "Terlambat", 10),
    ("invalid_fields", "Nilai Tidak Valid", 18),
    ("issue_codes", "Kode Masalah", 18),
    ("file", "File", 28),
    ("note", "Catatan", 20),
)

_LINK, _PERCENT, _LATE = 1, 2, 3  # how write() writes a column (0: as typed)


def write(ctx: RecapContext, sh: Sheet) -> None:
    """One line per indicator x unit: what the unit typed, as typed; lines for the units that
    sent nothing; one line for an indicator nobody is assigned."""
    c, plan = ctx.consolidation, ctx.plan
    keys = [k for k, _, _ in ROW_COLUMNS]
    sh.header(0, [t for _, t, _ in ROW_COLUMNS], [w for _, _, w in ROW_COLUMNS])
    sh.filter_buttons(len(ROW_COLUMNS) - 1)
    sh.print_as_table(0)
    # Printed up to Terlambat: the last four columns (invalid fields, codes, file, note) are
    # for the secretariat on screen, and the table prints larger without them.
    printed_last = keys.index("late")
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
    special = {
        "bukti_dukung_raw": _LINK, "completion": _PERCENT, "capaian_mean": _PERCENT, "late": _LATE
    }  # fmt: skip
    plan_cols = [
        (n, key, key.removesuffix("_raw") if key.endswith("_raw") else None, special.get(key, 0))
        for n, key in enumerate(keys)
    ]
    put, link = sh.put, sh.link
    row = 1
    for ind in c.indicators.to_dict("records"):
        common = {
            k: ind[k] for k in ("component_id", "subarea", "row_id", "indicator", "target_waktu")
        }
        common.update(
            combined_status=ind["combined_status"],
            completion=pct(plain_value(ind["completion"])),
            capaian_mean=pct(plain_value(ind.get("capaian_mean"))),
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
                    put(row, n, YES if late else "", "late" if late else "text")
            row += 1  # its height follows its wrapped text (printsetup.RowFitter)
    sh.print_area(max(row - 1, 1), printed_last)
    sh.freeze(1, 3)
    sh.autofilter(max(row - 1, 1), len(keys) - 1)


__all__ = ["NAME", "ROW_COLUMNS", "write"]
