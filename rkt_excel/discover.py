"""Which files of the inputs are read as forms, and what is done with every other entry.

Owns input discovery: ``discover`` lists the files to read (each file as given, each folder's
entries, not recursive) and a note for every entry that is not read, so nothing in an input
folder vanishes without a word. What a file *is* is decided by its content (read/preflight.py
sniffs PDFs, .ods, .xlsb, HTML ...), never by its extension: every regular file of a folder is
read, except the few entries recognised here by name or kind:

- Excel's lock files (``~$...``), hidden and system files (``.DS_Store``, ``Thumbs.db``),
  rkt_excel's own temporary files (``xlsx_io.is_temp_name``) and CSV exports
  (``recap_<table>.csv``): skipped, with a note (a warning);
- subfolders: skipped with a note (forms are not looked for in them);
- broken links and entries that are not regular files (a named pipe, a device, a socket):
  refused without being opened (an error);
- a folder given as an input from which no file is read (empty, or only entries skipped):
  an error naming the folder (``empty-folder``), most often the wrong folder given.

Our own recaps and annotated copies are recognised by the reader (a recap is skipped with a
note, ``skipped-recap``; a corrected ``*.periksa.xlsx`` is read as its unit's form). No file is
opened here.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rkt_excel.issues import Issue
from rkt_excel.xlsx_io import is_temp_name

_SYSTEM_FILES = frozenset(("thumbs.db", "desktop.ini", "ehthumbs.db", "icon\r"))
_EXPORT = re.compile(r"^recap_[a-z_]+\.csv$")


@dataclass
class Found:
    """The files to read (in order, each once) and a note (an Issue) per entry not read."""

    read: list[Path] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)


def entry_note(path: Path) -> Issue | None:
    """Why a folder entry is not read as a form (an Issue), or None when it is read."""
    name = path.name
    try:
        st = path.lstat()
    except OSError:
        return Issue("file-not-found", str(path), params={"reason": "?"})
    if stat.S_ISLNK(st.st_mode):
        try:
            st = path.stat()
        except OSError:
            return Issue("broken-link", str(path), params={"target": _link_target(path)})
    if stat.S_ISDIR(st.st_mode):
        return Issue("skipped-folder", str(path))
    if name.startswith("~$"):
        return Issue("skipped-lock-file", str(path))
    if is_temp_name(name):
        return Issue("skipped-temp-file", str(path))
    if name.startswith(".") or name.lower() in _SYSTEM_FILES:
        return Issue("skipped-system-file", str(path))
    if not stat.S_ISREG(st.st_mode):
        return not_regular(path, st.st_mode)
    if _EXPORT.match(name):
        return Issue("skipped-export", str(path))
    return None


def given_note(path: Path) -> Issue | None:
    """Why a file named on the command line is not read (only what cannot be opened safely:
    a file given by name is read whatever its name)."""
    try:
        st = path.stat()
    except OSError:
        if path.is_symlink():
            return Issue("broken-link", str(path), params={"target": _link_target(path)})
        return None  # the reader says why (file-not-found)
    if not stat.S_ISREG(st.st_mode):
        return not_regular(path, st.st_mode)
    return None


def not_regular(path: Path, mode: int) -> Issue:
    """The note for an entry that is not a regular file (never opened: a pipe would block,
    a device never ends)."""
    kinds = (
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISSOCK, "socket"),
    )
    kind = next((k for test, k in kinds if test(mode)), "other")
    return Issue("not-a-regular-file", str(path), params={"kind": kind})


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def discover(paths: Iterable[str | Path]) -> Found:
    """Every input accounted for: each file as given, each folder's entries (sorted, not
    recursive); a file named twice (or through two names) is read once."""
    found = Found()
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            entries = sorted(p.iterdir())
            notes = [(e, entry_note(e)) for e in entries]
            if all(note is not None for _, note in notes):
                found.notes.append(Issue("empty-folder", str(p), params={"entries": len(notes)}))
        else:
            notes = [(p, given_note(p))]
        for entry, note in notes:
            if note is not None:
                found.notes.append(note)
                continue
            try:
                key = entry.resolve()
            except (OSError, RuntimeError):  # a loop of links
                key = entry
            if key not in seen:
                seen.add(key)
                found.read.append(entry)
    return found


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files ``discover`` reads, without its notes."""
    return discover(paths).read


def same_file(a: str | Path, b: str | Path) -> bool:
    """True when two paths name one file (resolved; the same device and inode when both
    exist)."""
    pa, pb = Path(a), Path(b)
    try:
        return os.path.samefile(pa, pb)
    except OSError:
        try:
            return pa.resolve() == pb.resolve()
        except (OSError, RuntimeError):
            return pa == pb


def filled_forms(paths: Iterable[Path]) -> list[Path]:
    """The existing files among ``paths`` that a person may have made and an output must not
    replace: a file that is not one of our forms (a reader refuses it), or a form with
    something typed in (an identity field, or a cell of a row that is not a carried row sent
    back untouched). A form as distributed, unfilled, may be written over."""
    from rkt_excel.errors import FormError
    from rkt_excel.read import read_form

    out: list[Path] = []
    for path in paths:
        if not path.exists() and not path.is_symlink():
            continue
        try:
            form = read_form(path)
        except FormError:
            out.append(path)
            continue
        ident = form.identity
        typed = any((ident.nama_pengisi, ident.nip, ident.jabatan, ident.tanggal_pengisian))
        typed = typed or any(
            not row.untouched and any(not cell.empty for cell in row.fields.values())
            for row in form.rows.values()
        )
        if typed:
            out.append(path)
    return out
