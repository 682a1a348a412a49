"""Measure rkt_excel.textfit against LibreOffice: how well its row heights fit (developer tool).

Writes N rows of random Indonesian-like text (tests/textgen.py) at random widths, fonts and sizes,
each row's height from ``row_height`` (one sheet per ``program``), lets LibreOffice set every row
to its optimal height (tests/pages.py, through UNO) and reports, per program, the rows lower than
LibreOffice needs and how much higher the others are. Needs LibreOffice, python3-uno and
poppler-utils. It also prints both sheets and counts text left out or cut on the pages. Text
that needs more than the highest row (408.75 pt) is left out (it does not fit anyway).

    python scripts/textfit_margin.py [--rows 3000] [--seed 1] [--workdir DIR]
    python scripts/textfit_margin.py --speed [--rows 300000]   # cells per second, no LibreOffice
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pages import inspect_workbooks  # noqa: E402
from textgen import random_text, write_rows  # noqa: E402

from rkt_excel import textfit  # noqa: E402

PROGRAMS: tuple[textfit.Program, ...] = ("libreoffice", "both")
FONTS = ("Arial", "Arial", "Arial", "Calibri")
SIZES = (7, 8, 9, 10, 10, 11, 12, 14)


def random_cells(rng: random.Random, n: int, widths: list[float]) -> list[tuple[int, textfit.Cell]]:
    out = []
    for _ in range(n):
        column = rng.randrange(len(widths))
        cell = textfit.Cell(
            random_text(rng),
            widths[column],
            rng.choice(FONTS),
            rng.choice(SIZES),
            rng.random() < 0.25,
            rng.random() < 0.15,
        )
        out.append((column, cell))
    return out


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def margin(rows: int, seed: int, workdir: Path) -> None:
    rng = random.Random(seed)
    widths = [
        rng.choice((4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80)) + 0.71 for _ in range(8)
    ]
    # text that needs more than the highest row is cut however high the row: left out
    cells = [
        (c, cell)
        for c, cell in random_cells(rng, rows, widths)
        if textfit.row_height([cell]) < textfit.MAX_ROW_PT
    ]
    path = workdir / "textfit-margin.xlsx"
    write_rows(path, widths, cells, PROGRAMS)
    started = time.perf_counter()
    layout = inspect_workbooks([path], workdir / "lo")[path]
    print(
        f"{len(cells)} rows (of {rows} drawn), column widths {widths}; "
        f"LibreOffice {time.perf_counter() - started:.1f} s"
    )
    # the screen model alone against LibreOffice's optimal heights (what it computes itself)
    screen = [textfit.libreoffice_heights(cell)[0] for _, cell in cells]
    fitted = [r for r in layout.rows if r.sheet == PROGRAMS[0]]
    diffs = [max(s, 13.8) - r.needed_pt for s, r in zip(screen, fitted, strict=True)]
    print(
        f"{'screen model':12s} equal to LibreOffice's optimal height (to 0.05 pt): "
        f"{sum(1 for d in diffs if abs(d) < 0.026) / len(diffs):.1%}, lower "
        f"{sum(1 for d in diffs if d < -0.026)} (by {-min(diffs):.2f} pt at most), "
        f"max over {max(diffs):.2f} pt"
    )
    for program in PROGRAMS:
        got = [r for r in layout.rows if r.sheet == program]
        printed = layout.sheets[program]
        low = [r for r in got if round(r.height_pt * 20) < round(r.needed_pt * 20)]
        over = [r.over_pt for r in got]
        ratio = [r.over_pt / r.needed_pt for r in got]
        within = sum(1 for o in over if o < textfit.PX_PT) / len(over)
        print(
            f"{program:12s} rows {len(got)}  lower than needed {len(low)}  "
            f"within one pixel (0.75 pt) {within:.1%}\n"
            f"{'':12s} printed: {printed.page_count} pages, characters left out "
            f"{sum(printed.missing_chars.values())}, lines cut {len(printed.cut_lines)}\n"
            f"{'':12s} over (pt): median {statistics.median(over):.2f}  "
            f"p90 {quantile(over, 0.9):.2f}  p99 {quantile(over, 0.99):.2f}  max {max(over):.2f}\n"
            f"{'':12s} over (share of the need): median {statistics.median(ratio):.1%}  "
            f"p90 {quantile(ratio, 0.9):.1%}  max {max(ratio):.1%}"
        )


def speed(rows: int, seed: int) -> None:
    rng = random.Random(seed)
    widths = [10.0, 20.0, 30.0, 45.0]
    cells = [cell for _, cell in random_cells(rng, rows, widths)]
    chars = sum(len(c.text) for c in cells) / len(cells)
    for program in ("libreoffice", "both"):
        textfit._counts.cache_clear()
        wall, cpu = time.perf_counter(), time.process_time()
        for cell in cells:
            textfit.row_height([cell], program=program)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{program:12s} {rows} cells of {chars:.0f} characters, all different: "
              f"{wall:.1f} s ({rows / wall:,.0f} cells/s), CPU {cpu:.1f} s "
              f"({rows / cpu:,.0f} cells/s)")  # fmt: skip
    wall, cpu = time.perf_counter(), time.process_time()
    for cell in cells[:100_000]:
        textfit.row_height([cell])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    n = min(rows, 100_000)
    print(f"{'both':12s} {n} of them again (cached): {n / wall:,.0f} cells/s, CPU {n / cpu:,.0f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--rows", type=int, default=None, help="rows (3000; 300000 with --speed)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--speed", action="store_true", help="time row_height instead")
    args = ap.parse_args()
    if args.speed:
        speed(args.rows or 300_000, args.seed)
        return 0
    with tempfile.TemporaryDirectory(prefix="textfit-") as tmp:
        margin(args.rows or 3000, args.seed, args.workdir or Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
