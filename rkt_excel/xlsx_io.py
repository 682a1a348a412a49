"""File plumbing shared by every writer: write to a temporary name, then rename into place;
and, for a program's entry point, no temporary file left behind when it is interrupted.

Generic on purpose: knows nothing of workbooks, so readers never see a half-written file.

Temporary names start with ``TEMP_PREFIX``: input discovery recognises (``is_temp_name``) and
skips the debris only a hard kill (SIGKILL, a power cut) can still leave. Every temporary path
in use is registered while its block runs; ``interrupts_cleaned`` (used by the CLI's entry
point) turns SIGTERM and SIGHUP into an exception, as Python already does for SIGINT, so the
cleanup of every ``atomic_write`` runs, and gives the libraries' own temporary files
(xlsxwriter writes each part of a workbook to ``tempfile.mkstemp()`` before zipping it) a
private folder that is removed at the end.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from rkt_excel.errors import OutputError

TEMP_PREFIX = ".rkt-tmp-"
# The temporary names of rkt_excel 0.1 (".rekap.1a2b3c4d.tmp.xlsx"): debris of older runs.
_OLD_TEMP = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp(\.[^.]+)?$")
_LIVE: set[Path] = set()  # temporary paths in use (removed when the program is interrupted)


def temp_path(target: str | Path) -> Path:
    """A fresh temporary name next to ``target`` that keeps its suffix (some writers, e.g.
    pandas.to_excel, choose their engine from it): ``.rkt-tmp-<8 hex>-<name>``."""
    t = Path(target)
    return t.with_name(f"{TEMP_PREFIX}{secrets.token_hex(4)}-{t.name}")


def is_temp_name(name: str) -> bool:
    """True for a file name made by ``temp_path`` (or by rkt_excel 0.1's atomic_write)."""
    return name.startswith(TEMP_PREFIX) or _OLD_TEMP.match(name) is not None


@contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` when the block succeeds.

    A missing folder is created. The temporary file is created empty before the block runs,
    with the usual permissions (mkstemp would make it private, 0600), so an output that
    cannot be written fails at once, before any work, with an ``OutputError`` naming the
    path; so does a rename that fails (``path`` is a folder). The temporary file is removed
    when the block raises (KeyboardInterrupt and, under ``interrupts_cleaned``, SIGTERM
    included), so a failed write never leaves a truncated file under the real name.

    Raises:
        OutputError: the folder cannot be made, or the file cannot be created or renamed.
    """
    target = Path(path)
    tmp = temp_path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.open("xb").close()
    except OSError as err:
        raise OutputError(str(target), _reason(target, err)) from err
    _LIVE.add(tmp)
    try:
        yield tmp
        # os.replace is atomic within one file system, hence the same directory.
        try:
            os.replace(tmp, target)
        except OSError as err:
            raise OutputError(str(target), _reason(target, err)) from err
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        _LIVE.discard(tmp)


def make_folder(path: str | Path) -> Path:
    """Create an output folder (and its parents) if missing.

    Raises:
        OutputError: it cannot be made (a file holds its name or a parent's, no permission).
    """
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(str(folder), _reason(folder / "x", err)) from err
    return folder


def _reason(target: Path, err: OSError) -> str:
    """Why ``target`` cannot be written, in words: a file where a folder should be is named
    (mkdir only says "File exists")."""
    if target.is_dir():
        return "a folder has that name"
    for folder in target.parents:
        if folder.exists():
            return (
                err.strerror or type(err).__name__
                if folder.is_dir()
                else f"{folder} is not a folder"
            )
    return err.strerror or type(err).__name__


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived (raised by ``interrupts_cleaned``'s handler).

    A BaseException, like KeyboardInterrupt: ``except Exception`` does not stop it, so the
    program unwinds and every cleanup runs.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by {signal.Signals(signum).name}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention for a process ended by a signal: 128 + its number."""
        return 128 + self.signum


_CAUGHT = (signal.SIGTERM, signal.SIGHUP)


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    for sig in _CAUGHT:  # one is enough: a second signal must not interrupt the cleanup
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated(signum)


def remove_live_temp_files() -> None:
    """Remove every temporary path still registered by a running ``atomic_write``."""
    for tmp in list(_LIVE):
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
        _LIVE.discard(tmp)


@contextmanager
def interrupts_cleaned() -> Iterator[Path]:
    """For a program's entry point: run the block so that an interruption leaves no files.

    - SIGTERM and SIGHUP raise ``Terminated`` in the main thread (SIGINT already raises
      KeyboardInterrupt), so every ``atomic_write`` in progress removes its temporary file;
    - ``tempfile``'s default folder is a private folder for the block (yielded), removed at
      the end with whatever a library left in it (xlsxwriter's part files);
    - at the end any registered temporary path is removed, whatever happened.

    A ``Terminated`` that reaches the end of the block becomes ``SystemExit(128 + signal)``
    after the cleanup, without a traceback. The signal handlers are set only in the main
    thread (Python allows no other) and restored afterwards.
    """
    main_thread = threading.current_thread() is threading.main_thread()
    previous = (
        {sig: signal.getsignal(sig) or signal.SIG_DFL for sig in _CAUGHT} if main_thread else {}
    )
    old_tempdir = tempfile.tempdir
    private = Path(tempfile.mkdtemp(prefix="rkt-excel-"))
    tempfile.tempdir = str(private)
    for sig in previous:
        signal.signal(sig, _raise_terminated)
    try:
        yield private
    except Terminated as err:
        raise SystemExit(err.exit_code) from None
    finally:
        sigint = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
        try:
            for sig in _CAUGHT if main_thread else ():
                signal.signal(sig, signal.SIG_IGN)
            remove_live_temp_files()
            tempfile.tempdir = old_tempdir
            shutil.rmtree(private, ignore_errors=True)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            if sigint is not None:
                signal.signal(signal.SIGINT, sigint)
