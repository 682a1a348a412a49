"""xlsx_io: temporary names discovery can recognise, and no debris when a program is
interrupted (real subprocesses sent SIGTERM, SIGHUP and SIGINT in the middle of a write)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from helpers import ctrl_c_as_at_a_terminal

from rkt_excel import xlsx_io
from rkt_excel.errors import OutputError
from rkt_excel.xlsx_io import (
    TEMP_PREFIX,
    Terminated,
    atomic_write,
    interrupts_cleaned,
    is_temp_name,
    temp_path,
)


def test_temp_names_keep_the_suffix_and_are_recognised(tmp_path: Path) -> None:
    tmp = temp_path(tmp_path / "rekap.xlsx")
    assert tmp.parent == tmp_path and tmp.suffix == ".xlsx"
    assert tmp.name.startswith(TEMP_PREFIX) and tmp.name.endswith("-rekap.xlsx")
    assert tmp != temp_path(tmp_path / "rekap.xlsx")  # fresh each time
    assert is_temp_name(tmp.name)
    assert is_temp_name(".rekap.1a2b3c4d.tmp.xlsx")  # rkt_excel 0.1's names
    for name in ("rekap.xlsx", "form-TU.xlsx", ".rekap.xlsx", ".rkt.1a2b3c4.tmp.xlsx"):
        assert not is_temp_name(name), name


def test_atomic_write_registers_its_temp_file_only_while_it_runs(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic_write(target) as tmp:
        assert tmp in xlsx_io._LIVE
        tmp.write_text("isi")
    assert not xlsx_io._LIVE and target.read_text() == "isi"
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as tmp:
        tmp.write_text("setengah")
        raise KeyboardInterrupt
    assert not xlsx_io._LIVE
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"] and target.read_text() == "isi"


def test_atomic_write_makes_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "baru" / "lagi" / "rekap.txt"
    with atomic_write(target) as tmp:
        assert tmp.exists() and tmp.stat().st_size == 0  # created at once, empty
        tmp.write_text("isi")
    assert target.read_text() == "isi"


def test_an_unwritable_output_is_an_output_error_naming_it(tmp_path: Path) -> None:
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    ran = []
    with (
        pytest.raises(
            OutputError,
            match=r"rekap\.xlsx: cannot write the file \(.*bukan-folder is not a folder\)",
        ),
        atomic_write(blocker / "rekap.xlsx"),
    ):
        ran.append(True)
    assert not ran  # refused before any work
    folder = tmp_path / "rekap.xlsx"
    folder.mkdir()  # the name is taken by a folder: the rename fails
    with (
        pytest.raises(
            OutputError, match=r"rekap\.xlsx: cannot write the file \(a folder has that name\)"
        ),
        atomic_write(folder) as tmp,
    ):
        tmp.write_text("isi")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bukan-folder", "rekap.xlsx"]
    assert isinstance(OutputError("x", "y"), OSError)  # callers catching OSError still do


def test_interrupts_cleaned_restores_tempdir_and_handlers() -> None:
    before = signal.getsignal(signal.SIGTERM)
    old = tempfile.gettempdir()
    with interrupts_cleaned() as private:
        assert tempfile.gettempdir() == str(private) and private.is_dir()
        assert signal.getsignal(signal.SIGTERM) is not before
        leftover = Path(tempfile.mkstemp()[1])  # as xlsxwriter makes its part files
        os.close(os.open(leftover, os.O_RDONLY))
    assert not private.exists() and not leftover.exists()
    assert tempfile.gettempdir() == old and signal.getsignal(signal.SIGTERM) is before


def test_terminated_in_the_block_is_a_quiet_exit_with_the_signal_code(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(SystemExit) as info, interrupts_cleaned(), atomic_write(target) as tmp:
        tmp.write_text("setengah")
        raise Terminated(signal.SIGTERM)
    assert info.value.code == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


# --- real processes, real signals ----------------------------------------------------------

# Writes half a file through atomic_write and a temp file the way xlsxwriter does, says
# "ready" and waits to be interrupted. SIGINT's KeyboardInterrupt is turned into exit 130
# (what click does is its own business).
_CHILD = """
import sys, tempfile, time
from rkt_excel.xlsx_io import atomic_write, interrupts_cleaned
try:
    with interrupts_cleaned():
        with atomic_write(sys.argv[1]) as tmp:
            tmp.write_bytes(b"setengah")
            tempfile.mkstemp(suffix=".xml")
            print("ready", flush=True)
            for _ in range(600):  # short sleeps: a signal delivered to another thread
                time.sleep(0.1)  # (numpy's) is handled when the main thread wakes up
except KeyboardInterrupt:
    sys.exit(130)
"""

# A real xlsxwriter workbook (not in_memory: its parts go through temp files), with the zip
# step slowed down so the signal lands while parts are being zipped.
_XLSXWRITER_CHILD = """
import sys, time, zipfile
import xlsxwriter
from rkt_excel.xlsx_io import atomic_write, interrupts_cleaned
_write = zipfile.ZipFile.write
def slow(self, *a, **k):
    print("ready", flush=True)
    time.sleep(0.5)
    return _write(self, *a, **k)
zipfile.ZipFile.write = slow
try:
    with interrupts_cleaned(), atomic_write(sys.argv[1]) as tmp:
        wb = xlsxwriter.Workbook(str(tmp))
        for n in range(5):
            wb.add_worksheet().write_string(0, 0, f"lembar {n}")
        wb.close()
except KeyboardInterrupt:
    sys.exit(130)
"""


def _run_and_interrupt(code: str, target: Path, tmpdir: Path, sig: signal.Signals) -> int:
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    with subprocess.Popen(
        [sys.executable, "-c", code, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=ctrl_c_as_at_a_terminal,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        proc.send_signal(sig)
        proc.stdout.read()
        return proc.wait(timeout=60)


EXIT = {signal.SIGTERM: 128 + 15, signal.SIGHUP: 128 + 1, signal.SIGINT: 130}


@pytest.mark.parametrize("sig", list(EXIT), ids=lambda s: s.name)
@pytest.mark.parametrize("code", [_CHILD, _XLSXWRITER_CHILD], ids=["atomic_write", "xlsxwriter"])
def test_an_interrupted_write_leaves_no_debris(
    code: str, sig: signal.Signals, tmp_path: Path
) -> None:
    out_dir, tmpdir = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    tmpdir.mkdir()
    status = _run_and_interrupt(code, out_dir / "rekap.xlsx", tmpdir, sig)
    assert status == EXIT[sig]
    assert list(out_dir.iterdir()) == []  # neither the temp file nor a half recap
    assert list(tmpdir.iterdir()) == []  # nor xlsxwriter's part files, nor the private folder


def test_without_the_guard_sigterm_leaves_the_temp_file(tmp_path: Path) -> None:
    """What the guard is for (and what the CLI does today, issue #12 class 10)."""
    code = _CHILD.replace("with interrupts_cleaned():", "if True:")
    out_dir, tmpdir = tmp_path / "out", tmp_path / "tmp"
    out_dir.mkdir()
    tmpdir.mkdir()
    assert _run_and_interrupt(code, out_dir / "rekap.xlsx", tmpdir, signal.SIGTERM) == -15
    [debris] = out_dir.iterdir()
    assert is_temp_name(debris.name)
    assert len(list(tmpdir.iterdir())) == 1
