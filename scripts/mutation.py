"""Mutation testing of one module at a time with mutmut 3: how many small changes to the code
(a ``>`` for a ``>=``, a constant off by one, a dropped argument) the tests notice.

    scripts/mutation.sh rkt_excel/schedule.py              # one module
    scripts/mutation.sh rkt_excel/score.py rkt_excel/lke.py
    scripts/mutation.sh --changed                          # the modules this branch changes vs main
    scripts/mutation.sh --min 90 rkt_excel/schedule.py     # exit 1 below 90 % (CI smoke check)

Settings: ``[tool.mutmut]`` in pyproject.toml (mutmut's own) and
``[tool.rkt_excel.mutation]`` (which tests and functions count for each module). Every module
runs in a fresh copy of the repository under ``.mutation/<module>/`` with one worker (the
machine is shared), so runs never disturb the work tree and the survivors can be inspected
afterwards (``cd .mutation/schedule && mutmut show NAME``).

Survivors that are equivalent (same behaviour) or unreachable are listed one by one, with the
mutated lines and a reason, in tests/mutation/equivalents.txt. They count as neither killed nor
survived. An entry whose lines no longer match a surviving mutant of its function is reported
as stale (and the mutant counts as survived): the code changed, so look at it again.

Never part of the library; see docs/testing.md ("Mutation testing").
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rkt_excel"
# What a fresh copy needs: the package, the tests, the pytest settings and the root conftest.
COPIED = ("rkt_excel", "tests", "conftest.py", "pyproject.toml")
KILLED = {"killed", "timeout", "segfault", "caught by type check"}
SURVIVED = {"survived", "no tests"}
# mutmut's exit codes per mutant (mutmut/stats.py: status_by_exit_code).
STATUS = {
    1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 2: "interrupted",
    None: "not checked", 34: "skipped", 35: "suspicious", 36: "timeout", 37: "caught by type check",
    -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout", -11: "segfault", -9: "segfault",
}  # fmt: skip


@dataclass(frozen=True)
class Target:
    """One module to mutate: its path, the tests that count, the functions that count."""

    path: str  # "rkt_excel/score.py"
    tests: tuple[str, ...]
    functions: tuple[str, ...]  # "validate", "_Rules.add", "Question.*"; () = every function

    @property
    def dotted(self) -> str:
        return self.path.removesuffix(".py").replace("/", ".")

    @property
    def slug(self) -> str:
        return self.dotted.removeprefix(PACKAGE + ".").replace(".", "-")

    def patterns(self) -> list[str]:
        """mutmut mutant-name globs for the selected functions."""
        if not self.functions:
            return [f"{self.dotted}.*"]
        out = []
        for name in self.functions:
            cls, _, func = name.rpartition(".")
            out.append(
                f"{self.dotted}.xǁ{cls}ǁ{func}__mutmut_*"
                if cls
                else f"{self.dotted}.x_{func}__mutmut_*"
            )
        return out


@dataclass
class Equivalent:
    """One listed equivalent or unreachable mutant."""

    name: str
    lines: tuple[str, ...]  # "- old" / "+ new", whitespace-normalised
    reason: str
    lineno: int
    used: bool = False

    @property
    def function(self) -> str:
        return self.name.rpartition("__mutmut_")[0]


@dataclass
class Result:
    target: Target
    seconds: float
    counts: Counter[str] = field(default_factory=Counter)
    survivors: list[tuple[str, str, str]] = field(default_factory=list)  # name, status, diff
    equivalent: list[str] = field(default_factory=list)
    stale: list[Equivalent] = field(default_factory=list)

    @property
    def killed(self) -> int:
        return sum(n for s, n in self.counts.items() if s in KILLED)

    @property
    def score(self) -> float:
        counted = self.killed + len(self.survivors)
        return 100.0 * self.killed / counted if counted else 100.0


def load_settings() -> dict[str, object]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    settings: dict[str, object] = data.get("tool", {}).get(PACKAGE, {}).get("mutation", {})
    return settings


def target_for(path: str, settings: dict[str, object]) -> Target:
    modules = settings.get("modules", {})
    assert isinstance(modules, dict)
    conf = modules.get(path, {})
    default_test = f"tests/test_{Path(path).stem}.py"
    tests = conf.get("tests") or ([default_test] if (ROOT / default_test).exists() else [])
    if not tests:
        sys.exit(f"{path}: no tests configured ([tool.rkt_excel.mutation.modules] in pyproject)")
    return Target(path, tuple(tests), tuple(conf.get("functions", ())))


def changed_modules(base: str) -> list[str]:
    merge_base = subprocess.run(
        ["git", "merge-base", base, "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    names = subprocess.run(
        ["git", "diff", "--name-only", merge_base, "--", f"{PACKAGE}/*.py", f"{PACKAGE}/**/*.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return sorted(n for n in set(names) if (ROOT / n).exists())


def read_equivalents(path: Path) -> list[Equivalent]:
    """Parse the equivalents file: blocks of ``[mutant name]``, ``- old``/``+ new`` lines and
    ``reason: ...`` (required); ``#`` starts a comment line."""
    if not path.exists():
        return []
    entries: list[Equivalent] = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("[") and text.endswith("]"):
            entries.append(Equivalent(text[1:-1].strip(), (), "", n))
        elif not entries:
            sys.exit(f"{path}:{n}: expected [mutant name] first")
        elif text[0] in "-+":
            entries[-1].lines += (_norm(text),)
        elif text.startswith("reason:"):
            entries[-1].reason = text.removeprefix("reason:").strip()
        else:
            sys.exit(f"{path}:{n}: expected '- line', '+ line' or 'reason: ...'")
    for e in entries:
        if not e.lines or not e.reason:
            sys.exit(f"{path}:{e.lineno}: [{e.name}] needs its -/+ lines and a reason")
    return entries


def _norm(line: str) -> str:
    return line[0] + " " + " ".join(line[1:].split())


def changed_lines(diff: str) -> tuple[str, ...]:
    """The -/+ lines of a unified diff, whitespace-normalised (headers left out)."""
    return tuple(
        _norm(line)
        for line in diff.splitlines()
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    )


def prepare(workdir: Path, target: Target, mutmut_conf: dict[str, object]) -> None:
    """A fresh copy of the repository whose [tool.mutmut] names this module and its tests."""
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, workdir / name, ignore=ignore)
        else:
            shutil.copy2(src, workdir / name)
    conf = dict(mutmut_conf)
    conf["only_mutate"] = [target.path]
    conf["pytest_add_cli_args_test_selection"] = list(target.tests)
    text = (workdir / "pyproject.toml").read_text("utf-8")
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text)
    lines = ["", "[tool.mutmut]"] + [f"{k} = {json.dumps(v)}" for k, v in conf.items()]
    (workdir / "pyproject.toml").write_text(text.rstrip() + "\n" + "\n".join(lines) + "\n", "utf-8")


def mutmut_bin() -> str:
    found = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if found is None:
        sys.exit('mutmut is not installed: pip install -e ".[mutation]"')
    return found


def diffs(workdir: Path, target: Target, names: list[str]) -> dict[str, str]:
    """The diff of each named mutant (mutmut's own rendering), in one process."""
    if not names:
        return {}
    code = (
        "import json, sys\n"
        "from mutmut.mutation.diff_apply import get_diff_for_mutant\n"
        "names = json.loads(sys.stdin.read())\n"
        f"print(json.dumps({{n: get_diff_for_mutant(n, path={target.path!r}) for n in names}}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=workdir,
        input=json.dumps(names),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, str] = json.loads(out.stdout)
    return result


def run_target(target: Target, equivalents: list[Equivalent], base_dir: Path) -> Result:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mutmut_conf = settings.get("tool", {}).get("mutmut", {})
    workdir = base_dir / target.slug
    prepare(workdir, target, mutmut_conf)
    log = workdir / "mutmut.log"
    print(f"== {target.path}: mutmut on {', '.join(target.tests)} (log: {log})", flush=True)
    start = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.run(
            [mutmut_bin(), "run", "--max-children", "1", *target.patterns()],
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        tail = log.read_text("utf-8", errors="replace")[-3000:]
        sys.exit(f"mutmut failed on {target.path} (exit {proc.returncode}); end of {log}:\n{tail}")
    meta = json.loads((workdir / "mutants" / (target.path + ".meta")).read_text("utf-8"))
    patterns = target.patterns()
    statuses = {
        name: STATUS.get(code, f"exit {code}")
        for name, code in meta["exit_code_by_key"].items()
        if any(fnmatch.fnmatchcase(name, p) for p in patterns)
    }
    result = Result(target, seconds)
    unclear = {n: s for n, s in statuses.items() if s not in KILLED | SURVIVED}
    if unclear:
        sys.exit(f"{target.path}: mutants neither killed nor survived: {unclear}")
    result.counts.update(statuses.values())
    mine = [e for e in equivalents if e.name.startswith(target.dotted + ".")]
    surviving = sorted((n for n, s in statuses.items() if s in SURVIVED), key=_natural)
    shown = diffs(workdir, target, surviving)
    by_function: dict[str, list[Equivalent]] = {}
    for e in mine:
        by_function.setdefault(e.function, []).append(e)
    for name in surviving:
        lines = changed_lines(shown[name])
        function = name.rpartition("__mutmut_")[0]
        match = next(
            (e for e in by_function.get(function, []) if not e.used and e.lines == lines), None
        )
        if match is not None:
            match.used = True
            result.equivalent.append(name)
        else:
            result.survivors.append((name, statuses[name], shown[name]))
    result.stale = [e for e in mine if not e.used]
    return result


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("__mutmut_")
    return stem, int(number) if number.isdigit() else 0


def report(result: Result, equivalents_path: Path) -> None:
    t = result.target
    for name, status, diff in result.survivors:
        print(f"\n[{name}]   ({status})")
        for line in diff.splitlines():
            if line[:1] in "-+" and not line.startswith(("---", "+++")):
                print(line)
        print("reason: ")
    for e in result.stale:
        print(
            f"\nSTALE {equivalents_path.name}:{e.lineno} [{e.name}]: no surviving mutant of "
            "this function has these lines any more; check it again and update the entry"
        )
    counted = result.killed + len(result.survivors)
    print(
        f"\n{t.path}: {result.score:.1f} % ({result.killed} killed of {counted} counted; "
        f"{len(result.survivors)} survived; {len(result.equivalent)} listed equivalent, "
        f"not counted; {sum(result.counts.values())} mutants) in {result.seconds:.0f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="module paths, e.g. rkt_excel/schedule.py")
    parser.add_argument("--changed", action="store_true", help="the modules changed vs --base")
    parser.add_argument("--base", default="main", help="the branch --changed compares with")
    parser.add_argument("--min", type=float, default=None, help="exit 1 below this score (%%)")
    parser.add_argument("--workdir", type=Path, default=ROOT / ".mutation")
    args = parser.parse_args(argv)

    settings = load_settings()
    modules = list(args.modules)
    if args.changed:
        modules += [m for m in changed_modules(args.base) if m not in modules]
        if not modules:
            print(f"no module of {PACKAGE}/ changes against {args.base}")
            return 0
    if not modules:
        parser.error("name a module (rkt_excel/schedule.py) or give --changed")
    for m in modules:
        if not (ROOT / m).is_file():
            parser.error(f"no such module: {m}")
    equivalents_path = ROOT / str(settings.get("equivalents", "tests/mutation/equivalents.txt"))
    equivalents = read_equivalents(equivalents_path)

    results = []
    for m in modules:
        target = target_for(m, settings)
        result = run_target(target, equivalents, args.workdir)
        report(result, equivalents_path)
        results.append(result)
    print("\nmodule                          score   killed survived equivalent  seconds")
    for r in results:
        print(
            f"{r.target.path:<30} {r.score:6.1f} % {r.killed:7d} {len(r.survivors):8d} "
            f"{len(r.equivalent):10d} {r.seconds:8.0f}"
        )
    print(
        f"(score = killed / (killed + survived); the equivalents listed in "
        f"{equivalents_path.relative_to(ROOT)} count as neither)"
    )
    stale = sum(len(r.stale) for r in results)
    if stale:
        print(f"{stale} stale entries in {equivalents_path.relative_to(ROOT)}: see above")
    if args.min is not None and any(r.score < args.min for r in results):
        print(f"below the minimum of {args.min:g} %")
        return 1
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
