"""Benchmark ``consolidate`` against what an analyst would write and against the least any tool
must do, on the same N filled unit forms, in one run. See docs/BENCHMARKS.md.

    python scripts/bench.py                         # N = 100 and 1,000, 3 repetitions
    python scripts/bench.py --n 200 --repeat 5 --workdir /tmp/rkt-bench

Never part of the library: it builds its own forms (cached in --workdir) and times each
contender in its own subprocess, so each one's peak memory (RSS) is its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

AS_OF = dt.date(2019, 8, 31)  # the demo's month: some actions done, some late
# Bump when the way forms are built changes: a cached pool of another version is rebuilt.
BUILD_VERSION = 2  # 2: copies carry their own form id
POOL = 1000  # forms filled through openpyxl; units past it are copies (make_units, clone_form)
OFFICES, FORMS_PER_OFFICE = 10, 8  # the distinct recaps of the roll-up
CONTENDERS: tuple[str, ...] = ("ours", "ours-all", "stage", "baseline", "calamine", "limit")
# The order a repetition runs them in: the contenders compared with each other run one after
# the other (the baseline, minutes long, last).
RUN_ORDER: tuple[str, ...] = (
    "calamine", "stage", "stage-before", "limit", "ours", "ours-all", "ours-before", "baseline",
    "distribute",
)  # fmt: skip
BEFORE: tuple[str, ...] = ("ours-before", "stage-before")  # with --before DIR
LABELS = {
    "ours": "ours: consolidate, 1 process",
    "ours-all": "ours: consolidate, all cores",
    "stage": "ours: read + validate only, 1 process",
    "baseline": 'baseline: pandas.read_excel(engine="openpyxl") + concat',
    "calamine": "limit, read part: python-calamine, every cell",
    "limit": "limit: calamine read + xlsxwriter constant_memory write",
    "ours-before": "ours before, 1 process (--before code)",
    "stage-before": "read + validate before, 1 process (--before code)",
    "rollup": "roll-up: read_recap of each recap + write_rollup",
}
LIBRARIES = (
    "rkt-excel", "pandas", "numpy", "openpyxl", "python-calamine", "xlsxwriter", "defusedxml",
    "pydantic",
)  # fmt: skip


# --- the forms ---------------------------------------------------------------------------------


def make_units(n: int, seed: int, pool: int | None = None) -> list[Any]:
    """N units U0001..., each assigned a realistic part of the plan.

    Like the example units file: a few units fill every row, most take one component (a
    Seksi), some take two or three (Tata Usaha), a few a handful of indicators. Unit i's
    assignment depends only on (seed, i), so the first 100 units of N = 1,000 are the units
    of N = 100. Past the first ``pool`` units, unit i is a copy of unit ((i - 1) mod pool) + 1
    under its own code and name (its form is that unit's form, rewritten: ``clone_form``).
    """
    from rkt_excel.template import load_template
    from rkt_excel.units import Unit

    plan = load_template()
    components = [c.id for c in plan.components]
    indicators = [ind.id for _, _, ind in plan.indicators()]
    units = []
    size = POOL if pool is None else pool
    for i in range(1, n + 1):
        rng = random.Random(f"rkt-bench:{seed}:{source_of(i, size)}")
        roll = rng.random()
        comps: tuple[str, ...] = ()
        inds: tuple[str, ...] = ()
        if roll < 0.2:
            pass  # every row
        elif roll < 0.7:
            comps = (rng.choice(components),)
        elif roll < 0.95:
            comps = tuple(sorted(rng.sample(components, rng.randint(2, 3))))
        else:
            inds = tuple(sorted(rng.sample(indicators, rng.randint(3, 8))))
        units.append(Unit(f"U{i:04d}", f"Unit Kerja {i:04d}", comps, inds))
    return units


def source_of(i: int, pool: int) -> int:
    """The unit of the pool whose filled form unit i's form is made from (itself within it)."""
    return i if i <= pool else (i - 1) % pool + 1


def clone_form(src: Path, dst: Path, src_unit: Any, unit: Any, plan_hash: str) -> None:
    """Unit ``unit``'s form, made from ``src_unit``'s filled form: the same answers, the form
    id, the unit code and name replaced in every XML part (_rkt_meta, custom properties,
    Identitas, the title), so the reader takes it as that unit's own form (its identity
    checks compare all four). About 5 ms a form, against 0.5 s for filling one through
    openpyxl."""
    from rkt_excel.identity import form_id

    swaps = (
        (form_id(plan_hash, src_unit.code).encode(), form_id(plan_hash, unit.code).encode()),
        (src_unit.name.encode(), unit.name.encode()),
        (src_unit.code.encode(), unit.code.encode()),
    )
    part = dst.with_name(f".{dst.name}.part")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for old, new in swaps:
                    data = data.replace(old, new)
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            zout.writestr(entry, data)
    os.replace(part, dst)


def _clone_many(pool_dir: str, plan_hash: str, pairs: list[tuple[Any, Any]]) -> int:
    from rkt_excel.generate import form_filename

    folder = Path(pool_dir)
    for src_unit, unit in pairs:
        clone_form(
            folder / form_filename(src_unit), folder / form_filename(unit), src_unit, unit,
            plan_hash,
        )  # fmt: skip
    return len(pairs)


_PLAN: Any = None


def _init_builder() -> None:
    global _PLAN
    from rkt_excel.template import load_template

    _PLAN = load_template()


def _build_one(unit: Any, seed: int, index: int, target: str) -> str:
    """Distribute one unit's form, fill it as a person would (openpyxl), save it to target."""
    from rkt_excel.generate import distribute_forms
    from rkt_excel.simulate import fill_form, read_meta, simulate_unit

    out = Path(target)
    with tempfile.TemporaryDirectory(prefix="rkt-bench-") as tmp:
        (blank,) = distribute_forms(_PLAN, [unit], tmp)
        _, rows = read_meta(blank)
        sim = simulate_unit(_PLAN, list(rows), seed=seed * 100_003 + index, as_of=AS_OF)
        part = out.with_name(f".{out.name}.part")
        # strict=False: the simulated mistakes (a status not in the list, 120 %) are typed
        # in anyway, as people paste them.
        fill_form(blank, sim.rows, identity=sim.identity, out=part, strict=False)
        os.replace(part, out)  # a run stopped half-way leaves no half-written form
    return target


def _builder_sources() -> str:
    """SHA-256 of the code and data that decide what a built form holds: a change to the
    writer, the simulated answers or the LKE models rebuilds the cached forms."""
    import rkt_excel

    package = Path(rkt_excel.__file__).parent
    digest = hashlib.sha256()
    names = ["simulate.py", "layout.py", "guide.py", "lke.py", "template.py", "units.py"]
    sources = [
        *sorted((package / "generate").glob("*.py")),
        *(package / n for n in names),
        *sorted((package / "data").glob("*.yaml")),
    ]
    for path in (p for p in sources if p.exists()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def build_forms(
    workdir: Path,
    n: int,
    seed: int,
    jobs: int,
    log: Callable[[str], None],
    pool_size: int | None = None,
) -> Path:
    """A directory of N distinct filled forms, built once and cached.

    Every unit's filled form is kept in a pool (``pool-s<seed>``); the directory of a given N
    (``n<N>-s<seed>``) holds hard links to the first N. A pool built by another version of
    this script, of rkt_excel or of the plan is rebuilt. The first ``pool_size`` forms are
    filled through openpyxl; the others are copies of them under their own unit
    (``clone_form``), so N = 10,000 builds in minutes.
    """
    import rkt_excel
    from rkt_excel.generate import form_filename
    from rkt_excel.template import load_template

    plan = load_template()
    pool_size = POOL if pool_size is None else pool_size
    pool = workdir / f"pool-s{seed}"
    stamp = {
        "build_version": BUILD_VERSION,
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "plan_hash": plan.content_hash,
        "rkt_excel": rkt_excel.__version__,
        "builder_sources": _builder_sources(),
        **({"pool": pool_size} if pool_size != POOL else {}),  # pools of the default size
    }
    manifest = pool / "manifest.json"
    if pool.exists() and (
        not manifest.exists() or json.loads(manifest.read_text(encoding="utf-8")) != stamp
    ):
        log(f"  {pool} was built differently: rebuilding it")
        shutil.rmtree(pool)
    pool.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(stamp, indent=1), encoding="utf-8")

    units = make_units(n, seed, pool_size)
    todo = [
        (u, i)
        for i, u in enumerate(units[:pool_size], start=1)
        if not (pool / form_filename(u)).exists()
    ]
    if todo:
        log(f"  building {len(todo)} filled forms in {pool} ({jobs} processes) ...")
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_builder) as ex:
            futures = [
                ex.submit(_build_one, u, seed, i, str(pool / form_filename(u))) for u, i in todo
            ]
            for done, fut in enumerate(futures, start=1):
                fut.result()
                if done % 100 == 0:
                    log(f"    {done}/{len(todo)}")
        took = time.perf_counter() - started
        log(f"  built {len(todo)} forms in {took:.1f} s ({took / len(todo) * jobs:.2f} s/form)")
    copies = [
        (units[source_of(i, pool_size) - 1], u)
        for i, u in enumerate(units, start=1)
        if i > pool_size and not (pool / form_filename(u)).exists()
    ]
    if copies:
        log(f"  copying {len(copies)} forms from the first {pool_size} under their own units ...")
        started = time.perf_counter()
        batches = [copies[k : k + 200] for k in range(0, len(copies), 200)]
        with ProcessPoolExecutor(max_workers=jobs) as ex:
            hashes = [plan.content_hash] * len(batches)
            list(ex.map(_clone_many, [str(pool)] * len(batches), hashes, batches))
        log(f"  copied {len(copies)} forms in {time.perf_counter() - started:.1f} s")

    folder = workdir / f"n{n}-s{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {form_filename(u) for u in units}
    for old in folder.iterdir():
        if old.name not in wanted:
            old.unlink()
    for name in sorted(wanted):
        link = folder / name
        if link.exists() and os.path.samefile(link, pool / name):
            continue
        link.unlink(missing_ok=True)  # a link to a form of an older pool
        try:
            os.link(pool / name, link)
        except OSError:
            shutil.copy2(pool / name, link)
    return folder


# --- the contenders (each runs in its own process: ``bench.py --child KIND``) -----------------


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


def run_ours(folder: Path, out: Path, jobs: int, seed: int) -> dict[str, Any]:
    """``rkt-excel consolidate DIR --units units.csv --as-of ... --jobs J -o rekap.xlsx``."""
    try:
        from rkt_excel.collect import run_consolidation
    except ImportError:  # a tree from before collect.py (--before)
        from rkt_excel.consolidate import run_consolidation  # type: ignore[attr-defined,no-redef]
    from rkt_excel.recap import write_recap
    from rkt_excel.template import load_template

    plan = load_template()
    units = make_units(len(_files(folder)), seed)
    started = time.perf_counter()
    c = run_consolidation([folder], plan, units=units, as_of=AS_OF, jobs=jobs)
    consolidated = time.perf_counter()
    rss_consolidated = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    write_recap(c, plan, out)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "read_consolidate_seconds": consolidated - started,
        "write_seconds": seconds - (consolidated - started),
        "maxrss_consolidated_kb": rss_consolidated,
        "forms": c.summary.forms_accepted + c.summary.forms_rejected,
        "accepted": c.summary.forms_accepted,
        "rows": len(c.rows),
        "issues": len(c.issues),
        "late": len(c.late),
    }


def run_stage(folder: Path, seed: int) -> dict[str, Any]:
    """Reading and validation alone: what run_consolidation does before consolidate()."""
    from rkt_excel.read import read_form
    from rkt_excel.template import load_template
    from rkt_excel.validate import validate

    plan = load_template()
    files = _files(folder)
    units = make_units(len(files), seed)
    started = time.perf_counter()
    issues = 0
    for path in files:
        form = read_form(path, plan)
        issues += len(validate(form, plan, as_of=AS_OF, units=units))
    return {"seconds": time.perf_counter() - started, "forms": len(files), "issues": issues}


def run_baseline(folder: Path) -> dict[str, Any]:
    """What an analyst would write: every sheet of every file into pandas, concatenated."""
    import pandas as pd

    files = _files(folder)
    started = time.perf_counter()
    frames = []
    for path in files:
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        for name, df in sheets.items():
            frames.append(df.assign(file=path.name, sheet=name))
    table = pd.concat(frames, ignore_index=True)
    return {"seconds": time.perf_counter() - started, "forms": len(files), "rows": len(table)}


def run_calamine(folder: Path) -> dict[str, Any]:
    """The read part of the limit: every cell value of every sheet, nothing else."""
    from python_calamine import CalamineWorkbook

    files = _files(folder)
    started = time.perf_counter()
    cells = 0
    for path in files:
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            for row in wb.get_sheet_by_name(name).to_python():
                cells += len(row)
        wb.close()
    return {"seconds": time.perf_counter() - started, "forms": len(files), "cells": cells}


def run_limit(folder: Path, out: Path) -> dict[str, Any]:
    """The least any tool must do: read every value (calamine) and write one tidy row per
    indicator row (xlsxwriter, constant_memory), as many columns as our Rekap Indikator."""
    import xlsxwriter
    from python_calamine import CalamineWorkbook

    from rkt_excel import layout
    from rkt_excel.recap import ROW_COLUMNS

    width = len(ROW_COLUMNS)
    files = _files(folder)
    started = time.perf_counter()
    wb_out = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb_out.add_worksheet("rows")
    date_format = wb_out.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, [title for _, title, _ in ROW_COLUMNS])
    r = 1
    cells = 0
    for path in files:
        wb = CalamineWorkbook.from_path(str(path))
        for name in wb.sheet_names:
            grid = wb.get_sheet_by_name(name).to_python()
            cells += sum(len(row) for row in grid)
            header = grid[layout.HEADER_ROW] if len(grid) > layout.HEADER_ROW else []
            if not header or header[0] != "ID":
                continue
            for row in grid[layout.FIRST_DATA_ROW :]:
                if not row or row[0] == "":
                    continue
                # The cheapest writes: by type, empty cells skipped (write_row would test each
                # string for a URL, a number or a formula).
                for col, value in enumerate([path.name, name, *row][:width]):
                    if isinstance(value, str):
                        if value:
                            ws.write_string(r, col, value)
                    elif isinstance(value, int | float):
                        ws.write_number(r, col, value)
                    elif isinstance(value, dt.date):
                        ws.write_datetime(r, col, value, date_format)
                r += 1
        wb.close()
    wb_out.close()
    return {
        "seconds": time.perf_counter() - started,
        "forms": len(files),
        "rows": r - 1,
        "cells": cells,
    }


def build_recaps(workdir: Path, count: int, seed: int, log: Callable[[str], None]) -> Path:
    """A folder of ``count`` office recaps for the roll-up, built once and cached: OFFICES
    distinct recaps (each of FORMS_PER_OFFICE bench forms: forms 1-8, 9-16, ...), each
    linked under ``count / OFFICES`` names (reading a copy costs what reading its original
    does)."""
    from rkt_excel.collect import run_consolidation
    from rkt_excel.generate import form_filename
    from rkt_excel.recap import write_recap
    from rkt_excel.template import load_template

    folder = workdir / f"recaps{count}-s{seed}"
    if folder.exists() and len(list(folder.glob("*.xlsx"))) == count:
        return folder
    plan = load_template()
    offices = min(OFFICES, count)
    need = offices * FORMS_PER_OFFICE
    pool = build_forms(workdir, need, seed, 2, log).parent / f"pool-s{seed}"
    units = make_units(need, seed)
    made = workdir / f"recaps-s{seed}-distinct"
    made.mkdir(parents=True, exist_ok=True)
    originals = []
    for k in range(offices):
        target = made / f"rekap-{k + 1:02d}.xlsx"
        originals.append(target)
        if target.exists():
            continue
        mine = units[k * FORMS_PER_OFFICE : (k + 1) * FORMS_PER_OFFICE]
        files = [pool / form_filename(u) for u in mine]
        c = run_consolidation(files, plan, units=mine, as_of=AS_OF)
        write_recap(c, plan, target)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        link = folder / f"rekap-{i + 1:05d}.xlsx"
        if not link.exists():
            os.link(originals[i % offices], link)
    log(f"  {count} recaps in {folder}")
    return folder


def run_rollup(folder: Path, out: Path) -> dict[str, Any]:
    """``rkt-excel rollup`` of every recap in the folder: read_recap each, write_rollup."""
    from rkt_excel.recap import read_recap, write_rollup

    files = sorted(folder.glob("*.xlsx"))
    started = time.perf_counter()
    recaps = [read_recap(p) for p in files]
    read = time.perf_counter() - started
    write_rollup(recaps, out)
    return {
        "seconds": time.perf_counter() - started,
        "read_seconds": read,
        "recaps": len(files),
        "forms": len(files),
    }


def run_distribute(count: int, out: Path) -> dict[str, Any]:
    from rkt_excel.generate import distribute_forms
    from rkt_excel.template import load_template

    plan = load_template()
    units = make_units(count, 0)
    started = time.perf_counter()
    paths = distribute_forms(plan, units, out)
    return {"seconds": time.perf_counter() - started, "forms": len(paths)}


def child(kind: str, folder: Path, jobs: int, seed: int, count: int) -> int:
    """Run one contender and print its result as one JSON line (with this process's peak RSS
    and the largest peak of its worker processes, in KB)."""
    with tempfile.TemporaryDirectory(prefix="rkt-bench-out-") as tmp:
        out = Path(tmp)
        if kind in ("ours", "ours-all"):
            result = run_ours(folder, out / "rekap.xlsx", jobs, seed)
        elif kind == "stage":
            result = run_stage(folder, seed)
        elif kind == "baseline":
            result = run_baseline(folder)
        elif kind == "calamine":
            result = run_calamine(folder)
        elif kind == "limit":
            result = run_limit(folder, out / "limit.xlsx")
        elif kind == "distribute":
            result = run_distribute(count, out / "formulir")
        elif kind == "rollup":
            result = run_rollup(folder, out / "rollup.xlsx")
        else:
            raise SystemExit(f"unknown contender {kind!r}")
    result["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result["workers_maxrss_kb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps(result))
    return 0


def measure(
    kind: str, folder: Path, jobs: int, seed: int, count: int, before: Path | None = None
) -> dict[str, Any]:
    """Run one contender in a fresh interpreter; its JSON result. A ``-before`` contender runs
    the same code path with the rkt_excel package found in ``before`` (first on PYTHONPATH)."""
    env = None
    if kind.endswith("-before"):
        kind = kind.removesuffix("-before")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(before), os.environ.get("PYTHONPATH", "")) if p
        )}  # fmt: skip
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--dir", str(folder)]
    cmd += ["--jobs", str(jobs), "--seed", str(seed), "--distribute", str(count)]
    cmd += ["--pool", str(POOL)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} failed ({proc.returncode}):\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- the machine and the report ---------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    versions = {}
    for lib in LIBRARIES:
        try:
            versions[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            versions[lib] = "-"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": versions,
    }


def _mb(kb: float) -> str:
    return f"{kb / 1024:.0f}"


def summarise(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Median of the repetitions (seconds and peak RSS)."""
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "all_seconds": [round(r["seconds"], 3) for r in runs],
        "maxrss_kb": statistics.median(r["maxrss_kb"] for r in runs),
        "workers_maxrss_kb": statistics.median(r["workers_maxrss_kb"] for r in runs),
        **{k: v for k, v in runs[-1].items() if k not in ("seconds", "maxrss_kb")},
    }


def table(n: int, res: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        f"N = {n:,} forms",
        "",
        "| contender | median s | forms/s | peak RSS MB | runs (s) |",
        "|---|---:|---:|---:|---|",
    ]
    for kind in (*CONTENDERS, *BEFORE):
        if kind not in res:
            continue
        r = res[kind]
        rss = _mb(r["maxrss_kb"])
        if kind == "ours-all":
            rss += f" (+ {_mb(r['workers_maxrss_kb'])} per worker)"
        runs = ", ".join(f"{s:.2f}" for s in r["all_seconds"])
        lines.append(
            f"| {LABELS[kind]} | {r['seconds']:.2f} | {n / r['seconds']:,.0f} | {rss} | {runs} |"
        )
    return lines


def paired(res: dict[str, dict[str, Any]], top: str, bottom: str) -> float | None:
    """Median over the repetitions of top's time / bottom's time in the same repetition.

    The speed of a shared VM drifts by tens of percent within minutes: a ratio of two runs
    made moments apart is steadier than the ratio of two medians taken minutes apart.
    """
    if top not in res or bottom not in res:
        return None
    pairs = zip(res[top]["all_seconds"], res[bottom]["all_seconds"], strict=True)
    return float(statistics.median(a / b for a, b in pairs if b > 0))


def ratios(res: dict[str, dict[str, Any]]) -> list[tuple[str, float, str, bool]]:
    """(what, value, target, met) for every target that the contenders run allow."""
    checks = (
        ("baseline / ours, 1 process (x faster)", "baseline", "ours", ">= 6", 6.0, True),
        ("baseline / ours, all cores (x faster)", "baseline", "ours-all", ">= 10", 10.0, True),
        ("ours, 1 process / limit (x slower)", "ours", "limit", "<= 2", 2.0, False),
        ("read + validate / calamine read (x slower)", "stage", "calamine", "<= 2", 2.0, False),
        ("ours, 1 process / all cores (x faster)", "ours", "ours-all", ">= 1.3", 1.3, True),
    )
    out: list[tuple[str, float, str, bool]] = []
    for what, top, bottom, target, bound, at_least in checks:
        value = paired(res, top, bottom)
        if value is not None:
            out.append((what, value, target, value >= bound if at_least else value <= bound))
    for kind in ("ours", "ours-all"):
        if kind in res:
            mb = (res[kind]["maxrss_kb"] + res[kind]["workers_maxrss_kb"]) / 1024
            what = f"peak RSS, {LABELS[kind].removeprefix('ours: consolidate, ')} (MB"
            what += ", main + largest worker)" if kind == "ours-all" else ")"
            out.append((what, mb, "< 1024", mb < 1024))
    return out


def _set_pool(size: int) -> None:
    global POOL
    POOL = size


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument(
        "--n", type=int, nargs="+", default=[100, 1000], help="forms (default 100 1000)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="repetitions; the median is quoted")
    ap.add_argument("--seed", type=int, default=1, help="seed of the units and their answers")
    ap.add_argument("--workdir", type=Path, default=None, help="cache of the built forms")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores'")
    ap.add_argument(
        "--only", default=",".join((*CONTENDERS, "distribute")),
        help="comma-separated contenders to run (default: all, and distribute)",
    )  # fmt: skip
    ap.add_argument(
        "--distribute", type=int, default=100, metavar="COUNT",
        help="time distribute_forms for this many units (default 100)",
    )  # fmt: skip
    ap.add_argument(
        "--before", type=Path, default=None, metavar="DIR",
        help="also time 'ours' and 'read + validate' with the rkt_excel package in DIR (e.g. "
        "git archive of an older commit): before/after in the same run",
    )  # fmt: skip
    ap.add_argument(
        "--rollup", type=int, default=0, metavar="COUNT",
        help="also time the roll-up of COUNT recaps (e.g. 1000; default: not run)",
    )  # fmt: skip
    ap.add_argument(
        "--pool", type=int, default=1000,
        help="forms filled through openpyxl (default 1000); the others are copies of them",
    )  # fmt: skip
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    _set_pool(args.pool)
    if args.child:
        return child(args.child, args.dir, args.jobs, args.seed, args.distribute)

    only = [k.strip() for k in args.only.split(",") if k.strip()]
    unknown = set(only) - {*CONTENDERS, "distribute"}
    if unknown:
        ap.error(f"unknown contenders: {', '.join(sorted(unknown))}")

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    temp = None
    if args.workdir is None:
        temp = tempfile.TemporaryDirectory(prefix="rkt-bench-")
        workdir = Path(temp.name)
    else:
        workdir = args.workdir
        workdir.mkdir(parents=True, exist_ok=True)
    info = machine()
    command = "python scripts/bench.py " + " ".join(
        a for a in (sys.argv[1:] if argv is None else argv)
    )
    print(f"# {command.strip()}")
    print(
        f"# {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), {info['ram']} "
        f"RAM, {info['os']}"
    )
    print(
        f"# Python {info['python']}; " + ", ".join(f"{k} {v}" for k, v in info["libraries"].items())
    )
    print(
        f"# median of {args.repeat} runs, interleaved; ratios: median of the ratios within each "
        f"run; 'all cores' = --jobs {args.jobs}; forms as of {AS_OF}"
    )
    report: dict[str, Any] = {"command": command, "machine": info, "results": {}}
    try:
        for n in sorted(set(args.n)):
            log(f"N = {n}: forms")
            folder = build_forms(workdir, n, args.seed, args.jobs, log)
            runs: dict[str, list[dict[str, Any]]] = {}
            kinds = [k for k in CONTENDERS if k in only]
            if args.before is not None:
                kinds += [k for k in BEFORE if k.removesuffix("-before") in only]
            if n == min(args.n) and "distribute" in only:
                kinds.append("distribute")
            kinds.sort(key=RUN_ORDER.index)
            for rep in range(args.repeat):
                for kind in kinds:  # interleaved: each repetition runs every contender
                    jobs = args.jobs if kind == "ours-all" else 1
                    log(f"  run {rep + 1}/{args.repeat}: {kind}")
                    result = measure(kind, folder, jobs, args.seed, args.distribute, args.before)
                    runs.setdefault(kind, []).append(result)
            res = {k: summarise(v) for k, v in runs.items()}
            report["results"][str(n)] = res
            print()
            print("\n".join(table(n, res)))
            print()
            for what, value, target, met in ratios(res):
                print(f"- {what}: {value:.2f} (target {target}: {'met' if met else 'NOT met'})")
            for kind in BEFORE:
                gain = paired(res, kind, kind.removesuffix("-before"))
                if gain is not None:
                    print(f"- {LABELS[kind]} / now: {gain:.2f}x faster now")
            for kind in ("ours", "ours-all"):
                if kind in res and "write_seconds" in res[kind]:
                    r = res[kind]
                    print(
                        f"- {LABELS[kind]}, last run: read + validate + consolidate "
                        f"{r['read_consolidate_seconds']:.2f} s, write {r['write_seconds']:.2f} s;"
                        f" peak RSS before the write {_mb(r['maxrss_consolidated_kb'])} MB"
                    )
            if "ours" in res and "limit" in res:
                print(
                    f"- rows written: ours {res['ours']['rows']:,}, limit {res['limit']['rows']:,}"
                )
            if "distribute" in res:
                d = res["distribute"]
                runs_text = ", ".join(f"{x:.2f}" for x in d["all_seconds"])
                target = "target < 10 s for 100: " + ("met" if d["seconds"] < 10 else "NOT met")
                print(
                    f"- distribute {d['forms']} unit forms: {d['seconds']:.2f} s, median "
                    f"(runs {runs_text}; {target if d['forms'] == 100 else 'no target'})"
                )
        sizes = sorted(int(k) for k, v in report["results"].items() if "ours" in v)
        if len(sizes) >= 2:
            lo, hi = sizes[0], sizes[-1]
            a = report["results"][str(lo)]["ours"]["maxrss_kb"]
            b = report["results"][str(hi)]["ours"]["maxrss_kb"]
            per_form = (b - a) / (hi - lo)
            verdict = "met" if per_form < 60 else "NOT met"
            print()
            print(
                f"- peak RSS growth, ours 1 process, N = {lo:,} -> {hi:,}: "
                f"{per_form:.1f} KB per form (target < 60 KB: {verdict}); base "
                f"{a / 1024 - lo * per_form / 1024:.0f} MB"
            )
            report["rss_kb_per_form"] = per_form
        if args.rollup and args.repeat:
            log(f"roll-up of {args.rollup} recaps")
            recaps = build_recaps(workdir, args.rollup, args.seed, log)
            done = [measure("rollup", recaps, 1, args.seed, 0) for _ in range(args.repeat)]
            r = summarise(done)
            report["rollup"] = r
            runs_text = ", ".join(f"{x:.2f}" for x in r["all_seconds"])
            print()
            print(
                f"- roll-up of {r['recaps']:,} recaps ({min(OFFICES, r['recaps'])} distinct, "
                f"{FORMS_PER_OFFICE} "
                f"forms each): {r['seconds']:.2f} s median (runs {runs_text}), of which "
                f"read_recap {r['read_seconds']:.2f} s "
                f"({1000 * r['read_seconds'] / r['recaps']:.1f} ms per recap); "
                f"peak RSS {_mb(r['maxrss_kb'])} MB"
            )
    finally:
        if temp is not None:
            temp.cleanup()
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
