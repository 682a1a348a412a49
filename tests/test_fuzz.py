"""The mutation fuzz test (issue #12): thousands of damaged copies of real forms go through
``rkt-excel validate`` and ``rkt-excel consolidate`` as a user runs them (a subprocess each).

What we promise for every mutated file, whatever the damage:
- no traceback and no Rust panic report on stderr, no abort or signal, no hang: the command
  ends with exit code 0 or 1 within its time, and its JSON output parses;
- the file is accounted for: ``validate`` lists it (an issue or its rejection; every readable
  mutant still carries the three errors planted in its source), and ``consolidate`` lists it
  in Sumber (recap_sources.csv) as accepted, superseded or rejected;
- the good forms consolidated with the mutants (other units, filled without mistakes) still
  reach the recap as accepted.

The mutants are built in the test (tests/mutate.py, seeded: the same run every time) from
three sources: the form as rkt_excel distributes it (xlsxwriter), that form filled through
openpyxl, and the filled form saved again by LibreOffice. Files go in batches; a batch that
fails is split in halves until the failing files are found (within a budget of runs), so the
failure names each file with the recipe that reproduces it:
``mutate(source_bytes, seed)`` with the source built by ``mutate.build_sources``.

Each command runs with its address space limited (RLIMIT_AS): a reader that tries to
allocate gigabytes for a tiny file fails here instead of swapping the machine.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from cliproc import Proc, run_cli
from mutate import AS_OF, build_sources, mutate
from programs import needs_libreoffice

pytestmark = [
    pytest.mark.slow,
    pytest.mark.programs,
    needs_libreoffice,
]

SOURCES = ("xlsxwriter", "openpyxl", "libreoffice")
PER_SOURCE = 700  # 2,100 mutants in all
BATCH = 150  # files per command
MEMORY = 4 << 30  # bytes of address space per command
SPLIT_BUDGET = 20  # extra runs per command to find the failing files of failed batches


@dataclass
class Corpus:
    """The mutants in batch folders, their recipes, and the good forms."""

    batches: list[Path]
    recipes: dict[str, str]  # file name -> "source seed: recipe"
    good: list[Path]
    root: Path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("fuzz")
    sources = build_sources(root / "sources")
    good_dir = root / "good"
    good_dir.mkdir()
    good = []
    for name, path in sources.items():
        if name.startswith("good-"):
            good.append(good_dir / path.name)
            good[-1].write_bytes(path.read_bytes())
    recipes: dict[str, str] = {}
    batches: list[Path] = []
    seed = 0
    names: list[tuple[str, bytes]] = []
    for source in SOURCES:
        data = sources[source].read_bytes()
        for _ in range(PER_SOURCE):
            m = mutate(data, seed)
            name = f"mut-{source}-{seed:05d}-{m.kind}.xlsx"
            recipes[name] = f"{source} seed {seed}: {m.recipe}"
            names.append((name, m.data))
            seed += 1
    # Batches mix the sources and kinds: interleave by seed.
    order = sorted(names, key=lambda item: int(item[0].split("-")[2]) % PER_SOURCE)
    for k in range(0, len(order), BATCH):
        batch = root / "inbox" / f"{k // BATCH:02d}"
        batch.mkdir(parents=True)
        for name, blob in order[k : k + BATCH]:
            (batch / name).write_bytes(blob)
        batches.append(batch)
    return Corpus(batches, recipes, good, root)


# --- running the CLI -------------------------------------------------------------------------


def cli(args: Sequence[str], timeout: float) -> Proc:
    return run_cli(args, timeout=timeout, memory=MEMORY)


def crash_of(run: Proc) -> str | None:
    """What went wrong with the process itself, or None."""
    if run.returncode is None:
        return "hang (killed after the timeout)"
    if run.returncode < 0:
        return f"killed by signal {-run.returncode}"
    if run.returncode not in (0, 1):
        return f"exit code {run.returncode}"
    if "Traceback (most recent call last)" in run.stderr:
        return "traceback: " + _last_line(run.stderr)
    if "panicked at" in run.stderr:
        return "Rust panic report on stderr: " + _last_line(run.stderr)
    return None


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip()[:200] if lines else ""


def _files_named(data: Any) -> Iterator[str]:
    """Every "file" value anywhere in a JSON document (its layout may change)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "file" and isinstance(value, str):
                yield value
            else:
                yield from _files_named(value)
    elif isinstance(data, list):
        for item in data:
            yield from _files_named(item)


def _timeout(n_files: int) -> float:
    return 30.0 + 0.25 * n_files


# --- the two commands ------------------------------------------------------------------------


@dataclass
class Finding:
    files: list[str]
    what: str
    stderr: str = ""


@dataclass
class Checker:
    """Runs one command over batches, splitting failed ones to find the failing files."""

    corpus: Corpus
    command: str
    budget: int = SPLIT_BUDGET
    findings: list[Finding] = field(default_factory=list)
    runs: int = 0

    def check(self, batch: Path) -> None:
        files = sorted(batch.glob("mut-*.xlsx"))
        problem, stderr = self.run([batch], files, batch.name)
        if problem is not None:
            self.split(files, problem, stderr)

    def split(self, files: list[Path], problem: str, stderr: str) -> None:
        if len(files) == 1 or self.budget <= 0 or problem.startswith("hang"):
            self.findings.append(Finding([f.name for f in files], problem, stderr))
            return
        half = len(files) // 2
        for part in (files[:half], files[half:]):
            self.budget -= 1
            sub_problem, sub_stderr = self.run(part, part, f"split{self.runs}")
            if sub_problem is not None:
                self.split(part, sub_problem, sub_stderr)

    def run(self, inputs: list[Path], files: list[Path], tag: str) -> tuple[str | None, str]:
        """Run the command on ``inputs`` (folders or files); check ``files`` are accounted."""
        self.runs += 1
        out_dir = self.corpus.root / "out" / self.command / tag
        out_dir.mkdir(parents=True, exist_ok=True)
        args = [self.command, *map(str, inputs)]
        if self.command == "consolidate":
            jobs = "2" if self.runs % 2 else "1"  # both the in-process and the worker reads
            args += [*map(str, self.corpus.good), "-o", str(out_dir / "rekap.xlsx")]
            args += ["--export", "csv", "--jobs", jobs]
        args += ["--format", "json", "--as-of", AS_OF]
        run = cli(args, _timeout(len(files) + 2))
        crash = crash_of(run)
        if crash is not None:
            return crash, run.stderr[-3000:]
        try:
            data = json.loads(run.stdout)
        except json.JSONDecodeError as err:
            return f"stdout is not JSON ({err})", run.stderr[-3000:]
        if self.command == "validate":
            seen = {Path(f).name for f in _files_named(data)}
            missing = [f.name for f in files if f.name not in seen]
            if missing:
                return f"not in the output: {', '.join(missing[:5])}", ""
            return None, ""
        status = _sources(out_dir)
        missing = [f.name for f in files if f.name not in status]
        if missing:
            return f"not in Sumber: {', '.join(missing[:5])}", ""
        good = {g.name: status.get(g.name) for g in self.corpus.good}
        if any(s != "accepted" for s in good.values()):
            return f"good forms not accepted: {good}", ""
        return None, ""

    def report(self) -> str:
        by_kind: dict[str, list[Finding]] = {}
        for f in self.findings:
            by_kind.setdefault(re.sub(r"\d+", "N", f.what), []).append(f)
        lines = [f"{self.command}: {len(self.findings)} failure(s) in {self.runs} runs"]
        for kind, found in by_kind.items():
            lines.append(f"- {kind} ({len(found)}x)")
            for f in found[:8]:
                if len(f.files) == 1:
                    lines.append(f"    {f.files[0]}: {self.corpus.recipes.get(f.files[0], '?')}")
                else:  # the split budget was spent (or the run hung): not narrowed down
                    lines.append(f"    one or more of {len(f.files)} files from {f.files[0]} on")
            if found[0].stderr:
                lines.append("    stderr: " + found[0].stderr.strip().splitlines()[-1][:300])
        return "\n".join(lines)


def _sources(out_dir: Path) -> dict[str, str]:
    """File name -> status, from the recap's Sumber table exported as CSV."""
    [path] = [p for p in out_dir.glob("*.csv") if "source" in p.name]
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {Path(row["file"]).name: row["status"] for row in csv.DictReader(fh)}


@pytest.mark.parametrize("command", ["validate", "consolidate"])
def test_mutated_forms_never_crash_and_are_all_accounted_for(corpus: Corpus, command: str) -> None:
    assert sum(1 for b in corpus.batches for _ in b.glob("mut-*.xlsx")) >= 2000
    checker = Checker(corpus, command)
    for batch in corpus.batches:
        checker.check(batch)
    assert not checker.findings, checker.report()
