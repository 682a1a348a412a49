"""Export a consolidation's tidy tables as CSV files (``recap_<table>.csv``, UTF-8 with BOM).

Owns the file names, the table order (``CSV_TABLES``) and the CSV dialect. Every cell goes
through ``safe_text.csv_cell``, so no cell starts a formula when a spreadsheet opens the file.
The summary table is the data sheet's summary part (``datasheet.summary_items``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

from rkt_excel.consolidate import Consolidation
from rkt_excel.recap.cells import with_messages
from rkt_excel.recap.datasheet import summary_items
from rkt_excel.safe_text import csv_cell
from rkt_excel.xlsx_io import atomic_write

CSV_TABLES: tuple[str, ...] = (
    "summary",
    "rows",
    "indicators",
    "late",
    "sources",
    "issues",
    "scores",
)


def _write_csv(path: Path, df: pd.DataFrame) -> None:
    with atomic_write(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([csv_cell(c) for c in df.columns])
        for record in df.itertuples(index=False, name=None):
            writer.writerow([csv_cell(v) for v in record])


def _for_csv(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = with_messages(df, lang)
    out["params"] = [
        json.dumps(p, ensure_ascii=False, sort_keys=True, default=str) if p else ""
        for p in out["params"]
    ]
    return out


def export_csv(
    consolidation: Consolidation, out_dir: str | Path, *, lang: str = "id"
) -> list[Path]:
    """Write the tidy tables as ``recap_<table>.csv`` (UTF-8 with BOM) in ``out_dir``.

    Tables: summary (key/value), rows, indicators, late, sources, issues, scores. Cells are
    injection-safe (see ``csv_cell``). Problems keep their code and parameters (as JSON) and
    gain their message in ``lang``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    c = consolidation
    frames: dict[str, pd.DataFrame] = {
        "summary": pd.DataFrame(summary_items(c.summary), columns=["key", "value"]),
        "rows": c.rows,
        "indicators": c.indicators,
        "late": c.late,
        "sources": _for_csv(c.sources, lang),
        "issues": _for_csv(c.issues, lang),
        "scores": c.scores,
    }
    paths: list[Path] = []
    for name in CSV_TABLES:
        path = out / f"recap_{name}.csv"
        _write_csv(path, frames[name])
        paths.append(path)
    return paths


__all__ = ["CSV_TABLES", "export_csv"]
