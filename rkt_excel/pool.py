"""Reading many files in isolated worker processes: a file that kills its worker (a crash in a
native library, an abort, running out of memory) becomes that file's rejection, and the run goes
on with a fresh worker.

Owns ``read_one`` (one file -> FilledForm or RejectedFile, never an exception), the worker
processes and their memory cap (``RLIMIT_AS`` where the platform has it), and the order
results come back in (completion order; callers sort). Each worker reads one file at a time
and has at most ``DEPTH`` files queued, so when a worker dies the file it was reading is known
exactly: the first of its queue. No concurrent.futures: a ProcessPoolExecutor whose worker
dies fails every pending file with BrokenProcessPool and cannot say which file it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import faulthandler
import hashlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from rkt_excel.consolidate import RejectedFile
from rkt_excel.errors import FormError
from rkt_excel.form import FilledForm, validated
from rkt_excel.gc_control import gc_paused
from rkt_excel.issues import Issue, Report
from rkt_excel.read import DEFAULT_LIMITS, Limits, read_form
from rkt_excel.review import Review
from rkt_excel.template import Plan
from rkt_excel.units import Unit
from rkt_excel.validate import validate

DEPTH = 2  # files queued per worker: one being read, one waiting (hides the round trip)
WORKER_MEMORY = 2 << 30  # bytes of address space a worker may add to what it has at start
Result = FilledForm | RejectedFile
# With fewer files, one process is as fast: starting workers and sending forms back costs about
# what a second core saves. Measured on 2 cores (read + consolidate, jobs 1 -> 2): 20 forms
# 0.17 -> 0.17 s, 50 forms 0.36 -> 0.26 s, 300 forms 1.9 -> 1.3 s (docs/BENCHMARKS.md).
AUTO_MIN_FILES = 40


def usable_cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def auto_jobs(files: int) -> int:
    """How many processes read ``files`` files when nobody says: one below AUTO_MIN_FILES,
    else one per usable core."""
    return 1 if files < AUTO_MIN_FILES else usable_cores()


@dataclass(frozen=True)
class Check:
    """Validate each form where it is read (in the worker), when the as-of date is known
    before reading (given, or the end of the period): ``validate``'s arguments."""

    as_of: dt.date
    units: tuple[Unit, ...] | None = None
    review: Review | None = None


Checked = tuple[FilledForm, Report]  # a form read and validated


def read_and_check(
    path: str,
    plan: Plan,
    limits: Limits = DEFAULT_LIMITS,
    check: Check | None = None,
    memory: int | None = None,
) -> Result | Checked:
    """``read_one``, then with ``check`` the form's validation report beside it."""
    result = read_one(path, plan, limits, memory)
    if check is None or isinstance(result, RejectedFile):
        return result
    report = validate(result, plan, as_of=check.as_of, units=check.units, review=check.review)
    return validated(result), report


def sha256_of(path: Path) -> str:
    """The file's SHA-256 in hex; "" when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def rejected(path: str, code: str, **params: Any) -> RejectedFile:
    """A RejectedFile for ``path`` with the Issue ``code``."""
    return RejectedFile(path, sha256_of(Path(path)), Issue(code, path, params=params))


def read_one(
    path: str, plan: Plan, limits: Limits = DEFAULT_LIMITS, memory: int | None = None
) -> Result:
    """Read one file; a file that cannot be read becomes a RejectedFile (small, picklable).

    ``memory`` is the address space a worker was capped at (its MemoryError names that
    limit); None in the main process, where running out is the machine's own limit."""
    with gc_paused():
        try:
            return read_form(path, plan, limits=limits)
        except FormError as err:
            return RejectedFile(path, sha256_of(Path(path)), err.issue)
        except MemoryError:
            if memory is None:
                return rejected(path, "reader-out-of-memory")
            return rejected(path, "reader-memory", limit_mb=memory >> 20)


# --- the worker process ----------------------------------------------------------------------


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux /proc), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def cap_memory(extra: int) -> bool:
    """Cap this process's address space at its size now plus ``extra`` bytes (RLIMIT_AS):
    an allocation past it fails (MemoryError, or a native library aborts) instead of the
    machine swapping. False where the platform has no such limit."""
    try:
        import resource
    except ImportError:  # Windows
        return False
    now = _address_space()
    if now is None or not hasattr(resource, "RLIMIT_AS"):
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = now + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        return True  # already capped lower
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return False
    return True


def _worker(conn: Connection, plan: Plan, limits: Limits, memory: int, check: Check | None) -> None:
    """A worker's loop: (index, path) in, (index, result) out; None ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    faulthandler.disable()  # a crash here is a file's rejection, told by the main process
    if memory:
        cap_memory(memory)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        result = read_and_check(path, plan, limits, check, memory or None)
        try:
            conn.send((index, result))
        except MemoryError:
            conn.send((index, rejected(path, "reader-memory", limit_mb=memory >> 20)))


# --- the main side ---------------------------------------------------------------------------


@dataclass(eq=False)
class _Slot:
    """One worker process and the files it has been given, oldest first."""

    process: Any  # multiprocessing.Process
    conn: Connection
    queue: deque[tuple[int, str]] = field(default_factory=deque)


class _Workers:
    def __init__(self, plan: Plan, limits: Limits, memory: int, check: Check | None) -> None:
        self.plan, self.limits, self.memory, self.check = plan, limits, memory, check
        self.context = multiprocessing.get_context()
        self.slots: list[_Slot] = []

    def start(self) -> _Slot:
        mine, theirs = self.context.Pipe(duplex=True)
        process = self.context.Process(
            target=_worker,
            args=(theirs, self.plan, self.limits, self.memory, self.check),
            daemon=True,
        )
        process.start()
        theirs.close()
        slot = _Slot(process, mine)
        self.slots.append(slot)
        return slot

    def give(self, slot: _Slot, task: tuple[int, str]) -> bool:
        slot.queue.append(task)
        try:
            slot.conn.send(task)
        except (BrokenPipeError, ConnectionResetError, EOFError, OSError):
            return False  # dead: found by the wait loop
        return True

    def retire(self, slot: _Slot) -> None:
        self.slots.remove(slot)
        slot.conn.close()
        slot.process.join(timeout=5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()

    def close(self) -> None:
        for slot in list(self.slots):
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in list(self.slots):
            self.retire(slot)


def _death(path: str, exitcode: int | None) -> RejectedFile:
    """The rejection of the file a worker died on."""
    if exitcode is not None and exitcode < 0:
        try:
            how = signal.Signals(-exitcode).name
        except ValueError:
            how = f"signal {-exitcode}"
    else:
        how = f"exit code {exitcode}"
    return rejected(path, "reader-crashed", how=how)


class StringTable:
    """One object per equal short text across the forms that come back from the workers.

    A form sent from a worker arrives as its own copies of every text: the sheet names, the
    "H6" addresses, the plan's texts and the dropdown values that the reader shares between
    forms in one process. Sharing them again in the main process keeps a form read by a
    worker as small as one read in the main process (about 20 KB less per form). Bounded:
    texts up to SHORT characters, at most SIZE of them.
    """

    SHORT, SIZE = 1_000, 200_000

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def one(self, value: Any) -> Any:
        if value.__class__ is not str or len(value) > self.SHORT:
            return value
        found = self.texts.get(value)
        if found is not None:
            return found
        if len(self.texts) < self.SIZE:
            self.texts[value] = value
        return value

    def _cell(self, cell: Any) -> None:
        one, put = self.one, object.__setattr__  # frozen records: set once, before anyone sees
        put(cell, "sheet", one(cell.sheet))
        put(cell, "cell", one(cell.cell))
        put(cell, "raw", one(cell.raw))
        put(cell, "value", one(cell.value))

    def share(self, form: FilledForm) -> FilledForm:
        """``form`` with its texts shared (changed in place: it has just been unpickled)."""
        one = self.one
        rows = {}
        for row_id, row in form.rows.items():
            key = one(row_id)
            object.__setattr__(row, "row_id", key)
            object.__setattr__(row, "sheet", one(row.sheet))
            for cells in (row.fields, row.plan_cells):
                for cell in cells.values():
                    self._cell(cell)
            rows[key] = row
        object.__setattr__(form, "rows", rows)
        for cell in form.identity_cells.values():
            self._cell(cell)
        return form


def read_isolated(
    files: Sequence[str],
    plan: Plan,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int = 2,
    memory: int = WORKER_MEMORY,
    check: Check | None = None,
) -> Iterator[Result | Checked]:
    """Read ``files`` in ``jobs`` worker processes; yield each result as it is done.

    A worker that dies (a signal, an abort, memory) turns the file it was reading into a
    ``reader-crashed`` rejection and is replaced; the files queued behind it are given out
    again. Each worker caps its address space at ``memory`` bytes more than it starts with
    (0: no cap). With ``check`` each form comes with its validation report.
    """
    todo: deque[tuple[int, str]] = deque(enumerate(files))
    workers = _Workers(plan, limits, memory, check)
    strings = StringTable()
    left = len(files)
    try:
        for _ in range(max(1, min(jobs, len(files)))):
            workers.start()

        def feed() -> None:
            for slot in workers.slots:
                while todo and len(slot.queue) < DEPTH:
                    if not workers.give(slot, todo[0]):
                        break
                    todo.popleft()

        feed()
        while left:
            by_conn = {slot.conn: slot for slot in workers.slots}
            ready = wait([*by_conn, *(s.process.sentinel for s in workers.slots)])
            dead: list[_Slot] = []
            for slot in workers.slots:
                if slot.conn not in ready and slot.process.sentinel not in ready:
                    continue
                try:
                    while slot.conn.poll():
                        index, result = slot.conn.recv()
                        if isinstance(result, FilledForm):
                            strings.share(result)
                        elif isinstance(result, tuple):
                            strings.share(result[0])
                        if slot.queue and slot.queue[0][0] == index:
                            slot.queue.popleft()
                        left -= 1
                        yield result
                except (EOFError, OSError):
                    dead.append(slot)
                    continue
                if not slot.process.is_alive():
                    dead.append(slot)
            for slot in dead:
                slot.process.join()
                if slot.queue:  # the first file queued is the one it died on
                    _, path = slot.queue.popleft()
                    left -= 1
                    yield _death(path, slot.process.exitcode)
                todo.extendleft(reversed(slot.queue))
                slot.queue.clear()
                workers.retire(slot)
                if todo:
                    workers.start()
            feed()
    finally:
        workers.close()


__all__ = [
    "AUTO_MIN_FILES",
    "DEPTH",
    "WORKER_MEMORY",
    "Check",
    "Checked",
    "StringTable",
    "auto_jobs",
    "cap_memory",
    "read_and_check",
    "read_isolated",
    "read_one",
    "sha256_of",
    "usable_cores",
]
