"""Smoke test of scripts/bench.py on 5 forms: every contender runs and reports, and the built
forms are reused. It asserts no time: timings live in docs/BENCHMARKS.md, not in tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "scripts" / "bench.py"
CONTENDERS = ("ours", "ours-all", "stage", "baseline", "calamine", "limit", "distribute")


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH), *args], capture_output=True, text=True, check=False
    )


def test_bench_runs_every_contender_on_five_forms(tmp_path: Path) -> None:
    report = tmp_path / "bench.json"
    common = ("--n", "5", "--repeat", "1", "--jobs", "2", "--workdir", str(tmp_path / "work"))
    done = run_bench(*common, "--distribute", "2", "--json", str(report))
    assert done.returncode == 0, done.stderr
    assert "building 5 filled forms" in done.stderr
    assert "| ours: consolidate, 1 process |" in done.stdout
    assert "read + validate / calamine read" in done.stdout

    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["machine"]["cores"] >= 1 and data["machine"]["libraries"]["rkt-excel"]
    results = data["results"]["5"]
    assert set(results) == set(CONTENDERS)
    for kind in CONTENDERS:
        assert results[kind]["seconds"] > 0 and results[kind]["maxrss_kb"] > 0, kind
    assert results["ours"]["forms"] == results["ours-all"]["forms"] == 5
    # Five distinct units: none superseded, and the limit writes as many rows as the recap.
    assert results["ours"]["rows"] == results["limit"]["rows"] > 0
    assert results["distribute"]["forms"] == 2

    # The forms are built once per work directory, N and seed.
    again = run_bench(*common, "--only", "calamine")
    assert again.returncode == 0, again.stderr
    assert "building" not in again.stderr
    assert len(list((tmp_path / "work" / "n5-s1").glob("*.xlsx"))) == 5


def test_bench_copies_forms_past_the_pool_and_times_the_rollup(tmp_path: Path) -> None:
    """Past --pool, forms are copies of the pool's under their own unit (N = 10,000 builds in
    minutes); each is a distinct unit, accepted. The roll-up contender reads every recap."""
    work = tmp_path / "work"
    done = run_bench(
        "--n", "7", "--pool", "3", "--repeat", "1", "--only", "ours", "--rollup", "3",
        "--workdir", str(work), "--json", str(tmp_path / "bench.json"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "building 3 filled forms" in done.stderr and "copying 4 forms" in done.stderr
    data = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))
    ours = data["results"]["7"]["ours"]
    assert ours["forms"] == 7 and ours["accepted"] == 7 and ours["rows"] > 0
    assert data["rollup"]["recaps"] == 3
    assert "roll-up of 3 recaps" in done.stdout
    from rkt_excel.read import read_form

    codes = {read_form(p).identity.unit_code for p in (work / "n7-s1").glob("*.xlsx")}
    assert codes == {f"U{i:04d}" for i in range(1, 8)}
