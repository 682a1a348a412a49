"""The CLI as a user runs it: ``python -m rkt_excel`` in a subprocess, its address space
bounded (RLIMIT_AS: a reader that tries to allocate gigabytes for a tiny file fails instead of
swapping the machine) and killed after a timeout (a hang is reported, not waited for)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MEMORY = 4 << 30  # bytes of address space


@dataclass(frozen=True)
class Proc:
    """How the process ended: ``returncode`` None when it was killed after the timeout."""

    returncode: int | None
    stdout: str
    stderr: str


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent() -> None:
    """On Linux, the child is killed when the test process dies: a test run stopped from
    outside (a timeout, ^C) leaves no command reading, say, /dev/zero for hours."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def run_cli(args: Sequence[str | Path], *, timeout: float, memory: int = MEMORY) -> Proc:
    """Run ``rkt-excel ARGS``; Rust backtraces off so a panic report stays one line."""

    def limit() -> None:  # in the child, before exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        _die_with_parent()

    env = {**os.environ, "RUST_BACKTRACE": "0"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "rkt_excel", *map(str, args)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            env=env,
            preexec_fn=limit,
            check=False,
        )
    except subprocess.TimeoutExpired as err:
        out = err.stdout.decode(errors="replace") if isinstance(err.stdout, bytes) else ""
        return Proc(None, out, "")
    return Proc(done.returncode, done.stdout, done.stderr)
