"""Stage 2, reading: pre-flight a returned form, then read it into a FilledForm.

Reads .xlsx only: values through python-calamine, and the sheet XML (defusedxml) for what
calamine cannot see (formulas, hyperlinks, number formats). Never writes a file. A file that
cannot be read raises FormError; problems inside a readable form are Issues on the form.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element
from xml.parsers import expat

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from python_calamine import CalamineError, CalamineWorkbook, PasswordError
from xlsxwriter.utility import xl_col_to_name

from rkt_excel import layout
from rkt_excel import rules as _rules  # noqa: F401 - registers the codes used here
from rkt_excel.errors import FormError, ModelError
from rkt_excel.form import Cell, FilledForm, FilledRow, FormIdentity
from rkt_excel.gc_control import gc_paused
from rkt_excel.issues import CATALOGUE, Issue, Severity, make_issue
from rkt_excel.normalize import (
    Normalised,
    clean_text,
    is_percent_format,
    nip_plausible,
    normalize_answer,
    normalize_field,
    normalize_identity,
)
from rkt_excel.template import Plan

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Pre-flight limits. The defaults are far above a real form (about 20 KB compressed,
    100 KB uncompressed, 20 parts) and far below what hurts a laptop."""

    max_file_bytes: int = 50 * MB  # the file itself
    max_entries: int = 2000  # parts in the zip
    max_total_bytes: int = 200 * MB  # all parts, uncompressed
    max_part_bytes: int = 100 * MB  # one part, uncompressed
    max_ratio: float = 200.0  # uncompressed / compressed size of one part ...
    ratio_min_bytes: int = MB  # ... checked only for parts larger than this
    # rows x columns up to the farthest value of a sheet: calamine allocates the whole
    # rectangle and aborts the process (uncatchable) when it cannot, e.g. for XFD1048576.
    max_sheet_cells: int = 5_000_000

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) pairs for docs/issues.md."""
        return [
            ("max_file_bytes (file size)", f"{self.max_file_bytes // MB} MB"),
            ("max_entries (parts in the zip)", str(self.max_entries)),
            ("max_total_bytes (all parts, uncompressed)", f"{self.max_total_bytes // MB} MB"),
            ("max_part_bytes (one part, uncompressed)", f"{self.max_part_bytes // MB} MB"),
            ("max_ratio (compression ratio of one part)", f"{self.max_ratio:g}"),
            ("ratio_min_bytes (ratio checked above)", f"{self.ratio_min_bytes // MB} MB"),
            (
                "max_sheet_cells (rows x columns up to a sheet's last value)",
                f"{self.max_sheet_cells:,}",
            ),
        ]


DEFAULT_LIMITS = Limits()


class FormReadError(FormError):
    """A FormError that keeps the catalogue code's parameters, so the Issue made from it can
    be rendered in either language without the file name in its message."""

    def __init__(self, code: str, path: str, lang: str = "id", **params: Any) -> None:
        rule_ = CATALOGUE[code]
        text = (rule_.en if lang == "en" else rule_.id).format(**params)
        super().__init__(code, f"{path}: {text}", path)
        self.params = params


def _fail(code: str, path: str, lang: str, **params: Any) -> FormReadError:
    return FormReadError(code, path, lang, **params)


def issue_from_error(err: FormError, lang: str = "id") -> Issue:
    """The Issue that stands for a file refused by pre-flight (for reports and read_forms)."""
    if isinstance(err, FormReadError):
        return make_issue(err.code, err.path, lang, params=err.params)
    sev = CATALOGUE[err.code].severity if err.code in CATALOGUE else Severity.ERROR
    message = str(err)
    if err.path and message.startswith(f"{err.path}: "):
        message = message[len(err.path) + 2 :]
    return Issue(err.code, sev, err.path, message)


# --- pre-flight ------------------------------------------------------------------------------
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Stream names of an encrypted OOXML package inside its OLE container (MS-OFFCRYPTO 2.3.4.4).
# Directory entries store names as UTF-16LE, so a byte search finds them without an OLE parser.
_ENCRYPTION_STREAMS = tuple(n.encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))
_MAGIC_KINDS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "dokumen PDF", "a PDF document"),
    (b"\x89PNG", "gambar PNG", "a PNG image"),
    (b"\xff\xd8\xff", "gambar JPEG", "a JPEG image"),
    (b"GIF8", "gambar GIF", "a GIF image"),
    (b"{\\rtf", "dokumen RTF", "an RTF document"),
    (b"Rar!", "arsip RAR", "a RAR archive"),
    (b"7z\xbc\xaf", "arsip 7-Zip", "a 7-Zip archive"),
)
# A DOCTYPE or ENTITY declaration in any XML part: Excel never writes one, attacks need one.
_DTD = re.compile(
    b"|".join(
        re.escape(s.encode(enc))
        for s in ("<!DOCTYPE", "<!ENTITY")
        for enc in ("utf-8", "utf-16-le", "utf-16-be")
    )
)
_BINARY_PARTS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".emf", ".wmf", ".bin", ".tif", ".tiff")
_CHUNK = 64 * 1024
_KEEP_BYTES = 16 * MB  # XML parts kept inflated after pre-flight, per file


def _kind(en: str, id_: str, lang: str) -> str:
    return en if lang == "en" else id_


def _sniff_text(head: bytes, lang: str) -> str:
    """What a non-zip, non-OLE file looks like, in words."""
    for magic, id_, en in _MAGIC_KINDS:
        if head.startswith(magic):
            return _kind(en, id_, lang)
    text = head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip().lower()
    if text.startswith(("<!doctype html", "<html")) or "<html" in text[:1000]:
        return _kind("an HTML page (a web page saved as .xlsx)", "halaman HTML (web)", lang)
    if text.startswith("<?xml") and "excel.sheet" in text[:500]:
        return _kind("an Excel 2003 XML spreadsheet", "lembar kerja XML Excel 2003", lang)
    if text.startswith("<"):
        return _kind("an XML or HTML document", "dokumen XML atau HTML", lang)
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000])
    if text and printable >= 0.95 * len(text[:2000]):
        return _kind("a CSV or text file", "berkas CSV atau teks", lang)
    return _kind("a file of unknown format", "berkas berformat tidak dikenal", lang)


def _zip_kind(names: Mapping[str, str], zf: zipfile.ZipFile, lang: str) -> str:
    """What a zip without an xl/workbook.xml is, in words."""
    if "mimetype" in names:
        mime = zf.read(names["mimetype"])[:100]
        if b"opendocument.spreadsheet" in mime:
            return _kind(
                "an OpenDocument spreadsheet (.ods)", "lembar kerja OpenDocument (.ods)", lang
            )
        return _kind("an OpenDocument file", "berkas OpenDocument", lang)
    if "xl/workbook.bin" in names:
        return _kind("an Excel Binary workbook (.xlsb)", "buku kerja Excel Binary (.xlsb)", lang)
    if "word/document.xml" in names:
        return _kind("a Word document", "dokumen Word", lang)
    if "ppt/presentation.xml" in names:
        return _kind("a PowerPoint presentation", "presentasi PowerPoint", lang)
    return _kind("a zip archive", "arsip zip", lang)


@dataclass
class _Package:
    """An opened, pre-flighted xlsx: its bytes, zip and part names (lower-case -> real).

    ``inflated`` keeps the XML parts pre-flight has already inflated (real name -> bytes), so
    reading does not inflate them again; it lives only as long as the read of this one file.
    """

    data: bytes
    zf: zipfile.ZipFile
    names: dict[str, str]
    issues: list[Issue] = field(default_factory=list)
    inflated: dict[str, bytes] = field(default_factory=dict)
    percent_styles: frozenset[int] | None = None  # computed once, on first need

    def part(self, name: str) -> bytes | None:
        real = self.names.get(name.lower())
        if real is None:
            return None
        found = self.inflated.get(real)
        return found if found is not None else self.zf.read(real)


def _check_zip(pkg: _Package, path: str, lang: str, limits: Limits) -> None:
    """Zip-bomb and XML-entity checks: the directory first, then every part while inflating."""
    infos = pkg.zf.infolist()
    if len(infos) > limits.max_entries:
        raise _fail("zip-bomb", path, lang, reason=f"{len(infos)} parts > {limits.max_entries}")
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > limits.max_part_bytes:
            raise _fail("zip-bomb", path, lang, reason=f"{info.filename}: {_mb(info.file_size)}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            raise _fail(
                "zip-bomb",
                path,
                lang,
                reason=f"{info.filename}: ratio {ratio:.0f} > {limits.max_ratio:g}",
            )
    if declared > limits.max_total_bytes:
        raise _fail(
            "zip-bomb", path, lang, reason=f"{_mb(declared)} > {_mb(limits.max_total_bytes)}"
        )
    # The directory can lie about sizes: count what actually inflates, with the same limits.
    total = 0
    kept = 0
    for info in infos:
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise _fail("encrypted", path, lang)
        scan = not info.filename.lower().endswith(_BINARY_PARTS)
        room = min(limits.max_part_bytes, limits.max_total_bytes - total)
        whole = _inflate(pkg.data, info, min(room, _KEEP_BYTES - kept)) if scan else None
        if whole is not None:  # the usual case: one C call, CRC checked, within the limits
            total += len(whole)
            if (b"<!" in whole or b"<\x00!" in whole) and _DTD.search(whole):
                raise _fail("xml-entities", path, lang, part=info.filename)
            pkg.inflated[info.filename] = whole  # kept for the reader
            kept += len(whole)
            continue
        size, tail = 0, b""
        chunks: list[bytes] = []
        with pkg.zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > limits.max_part_bytes or total > limits.max_total_bytes:
                    raise _fail("zip-bomb", path, lang, reason=f"{info.filename}: {_mb(size)}+")
                if scan:
                    window = tail + chunk
                    # "<!" first (a C-level find): comments and CDATA are rare in xlsx parts.
                    if (b"<!" in window or b"<\x00!" in window) and _DTD.search(window):
                        raise _fail("xml-entities", path, lang, part=info.filename)
                    tail = window[-32:]
                    if kept + size <= _KEEP_BYTES:
                        chunks.append(chunk)
        # Keep what was inflated for the reader (up to a budget: a real form is ~200 KB).
        if scan and kept + size <= _KEEP_BYTES:
            pkg.inflated[info.filename] = chunks[0] if len(chunks) == 1 else b"".join(chunks)
            kept += size


_LOCAL_NAME_LENGTHS = struct.Struct("<HH")  # file name and extra field lengths, at offset 26


def _inflate(data: bytes, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """One part inflated straight from the file's bytes in one C call, CRC-checked.

    None leaves the part to zipfile's streaming reader (which applies the limits chunk by
    chunk and raises on a damaged part): anything unusual (another compression method, flags
    zipfile refuses, a local name that is not the directory's, a bad CRC) or more than
    ``cap`` bytes. A real form takes this path for every part (about 20 ZipFile.open calls
    saved per file).
    """
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    if info.flag_bits & 0x61 or cap < 0:  # encrypted, patched, strongly encrypted
        return None
    off = info.header_offset
    if data[off : off + 4] != b"PK\x03\x04" or len(data) < off + 30:
        return None
    name_len, extra_len = _LOCAL_NAME_LENGTHS.unpack_from(data, off + 26)
    try:
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        if data[off + 30 : off + 30 + name_len].decode(encoding) != info.orig_filename:
            return None
    except UnicodeDecodeError:
        return None
    start = off + 30 + name_len + extra_len
    if start + info.compress_size > len(data):
        return None
    packed = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(packed) > cap:
            return None
        out = bytes(packed)
    else:
        inflater = zlib.decompressobj(-15)
        try:
            out = inflater.decompress(packed, cap + 1)
        except zlib.error:
            return None
        if len(out) > cap or not inflater.eof:
            return None
    return out if zlib.crc32(out) == info.CRC else None


# A cell element that is not empty (<c .../> holds no value); its column letters and row.
# Only cells have an r="A1"-style attribute (rows have r="1"; ranges use ref= / sqref=).
_VALUE_CELL = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"[^>]*(?<!/)>')


# Any reference past column Z or row 99,999 (empty cells too: a superset of _VALUE_CELL's far
# cells). Without one, a sheet is at most 26 x 99,999 cells, so the full scan can be skipped.
_FAR_REF = re.compile(rb'r="[A-Z](?:[A-Z]|[0-9]{6})')
_NEAR_CELLS = 26 * 99_999


def _check_extent(pkg: _Package, path: str, lang: str, limits: Limits) -> None:
    """Refuse a sheet whose farthest value makes the rectangle calamine allocates too large."""
    for lower, real in pkg.names.items():
        if not (lower.startswith("xl/worksheets/") and lower.endswith(".xml")):
            continue
        data = pkg.part(real) or b""
        if limits.max_sheet_cells >= _NEAR_CELLS and not _FAR_REF.search(data):
            continue  # the common case, found with one C-level search
        refs = _VALUE_CELL.findall(data)
        if not refs:
            continue
        # Longest, then greatest: the order of column letters and of row digits.
        letters = max({ref[0] for ref in refs}, key=lambda b: (len(b), b))
        digits = max({ref[1] for ref in refs}, key=lambda b: (len(b), b))
        rows, cols = int(digits), _col_index(letters.decode("ascii")) + 1
        if rows * cols > limits.max_sheet_cells:
            raise _fail(
                "sheet-too-large", path, lang, part=real, cell=f"{col_letter(cols - 1)}{rows}",
                cells=f"{rows * cols:,}", limit=f"{limits.max_sheet_cells:,}",
            )  # fmt: skip


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


def _open(path: str | Path, lang: str, limits: Limits) -> _Package:
    """Pre-flight: read the file and refuse what is not a safe, readable .xlsx."""
    name = str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise _fail(
                "zip-bomb", name, lang, reason=f"{_mb(size)} > {_mb(limits.max_file_bytes)}"
            )
        data = p.read_bytes()
    except OSError as err:
        raise _fail(
            "file-not-found", name, lang, reason=err.strerror or type(err).__name__
        ) from err
    if not data:
        raise _fail("empty-file", name, lang)
    head = data[:4096]
    if head.startswith(OLE_MAGIC):
        if any(s in data for s in _ENCRYPTION_STREAMS):
            raise _fail("encrypted", name, lang)
        raise _fail("legacy-xls", name, lang)
    if not head.startswith(ZIP_MAGICS):
        raise _fail("not-a-spreadsheet", name, lang, kind=_sniff_text(head, lang))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise _fail("unreadable", name, lang, reason=f"zip: {err}") from err
    names = {info.filename.lower(): info.filename for info in zf.infolist()}
    pkg = _Package(data, zf, names)
    if "xl/workbook.xml" not in names:
        raise _fail("not-a-spreadsheet", name, lang, kind=_zip_kind(names, zf, lang))
    _check_zip(pkg, name, lang, limits)
    _check_extent(pkg, name, lang, limits)
    if any(n.endswith("vbaproject.bin") for n in names):
        pkg.issues.append(make_issue("macros-ignored", name, lang))
    return pkg


def preflight(
    path: str | Path, *, lang: str = "id", limits: Limits = DEFAULT_LIMITS
) -> list[Issue]:
    """Run the pre-flight checks only; return their warnings.

    Raises:
        FormError: the file cannot be read (its ``code`` is the catalogue code).
    """
    try:
        return _open(path, lang, limits).issues
    except FormError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as err:
        raise _fail("unreadable", str(path), lang, reason=type(err).__name__) from err


# --- workbook structure (XML) ----------------------------------------------------------------
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml(data: bytes) -> Element:
    root: Element = SafeET.fromstring(data)
    return root


# --- small parts, read with expat's callbacks ------------------------------------------------
# defusedxml's ElementTree runs the pure-Python tree builder (to hook the DTD handlers): for the
# few elements wanted from workbook.xml, its rels and custom.xml, expat's callbacks are several
# times faster. The same defences as defusedxml's parsers: a DTD, an entity declaration or an
# external reference raises its DefusedXmlException (pre-flight has already refused them).


def _no_dtd(name: str, sysid: str | None, pubid: str | None, _internal: bool) -> None:
    raise DTDForbidden(name, sysid, pubid)


def _no_entity(
    name: str, _param: bool, value: str | None, base: str | None, sysid: str | None,
    pubid: str | None, notation: str | None,
) -> None:  # fmt: skip
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation)


def _no_unparsed(
    name: str, base: str | None, sysid: str | None, pubid: str | None, notation: str | None
) -> None:
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation)


def _no_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def _parse(
    data: bytes,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Run expat over ``data``; element and attribute names are "namespace}local"."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_entity
    parser.UnparsedEntityDeclHandler = _no_unparsed
    parser.ExternalEntityRefHandler = _no_external
    parser.buffer_text = True
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def _rels(pkg: _Package, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (target, target mode)."""
    folder, base = posixpath.split(part)
    data = pkg.part(posixpath.join(folder, "_rels", base + ".rels"))
    if data is None:
        return {}
    out: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition("}")[2] == "Relationship":
            out[attrs.get("Id", "")] = (attrs.get("Target", ""), attrs.get("TargetMode", ""))

    _parse(data, start)
    return out


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _sheet_parts(pkg: _Package) -> dict[str, str]:
    """Sheet name -> part path (e.g. ``xl/worksheets/sheet3.xml``)."""
    wb_data = pkg.part("xl/workbook.xml") or b""
    rels = _rels(pkg, pkg.names["xl/workbook.xml"])
    out: dict[str, str] = {}
    r_id = f"{_R_NS}}}id"

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition("}")[2] == "sheet":
            rid = attrs.get(r_id) or attrs.get("id") or ""
            target = rels.get(rid, ("", ""))[0]
            if target:
                out[attrs.get("name", "")] = _resolve("xl", target)

    _parse(wb_data, start)
    return out


# What a percentage format needs in styles.xml: a "%" in a format code (or a character
# reference that could be one), or a cell style on built-in format 9 or 10.
_BUILTIN_PERCENT = re.compile(rb"""numFmtId\s*=\s*["'](?:9|10)["']""")


def _maybe_percent(styles: bytes) -> bool:
    return b"%" in styles or b"&#" in styles or _BUILTIN_PERCENT.search(styles) is not None


def _percent_styles(pkg: _Package) -> frozenset[int]:
    """Indices of the cell styles (cellXfs) whose number format shows a percentage."""
    if pkg.percent_styles is None:
        pkg.percent_styles = _find_percent_styles(pkg)
    return pkg.percent_styles


def _find_percent_styles(pkg: _Package) -> frozenset[int]:
    data = pkg.part("xl/styles.xml")
    if data is None or not _maybe_percent(data):
        return frozenset()
    root = _xml(data)
    codes: dict[int, str] = {9: "0%", 10: "0.00%"}  # built-in percent formats
    out: set[int] = set()
    for el in root.iter():
        if _local(el.tag) == "numFmt":
            codes[int(el.get("numFmtId", "0"))] = el.get("formatCode", "")
    for el in root:
        if _local(el.tag) == "cellXfs":
            for i, xf in enumerate(el):
                if is_percent_format(codes.get(int(xf.get("numFmtId", "0")), "")):
                    out.add(i)
    return frozenset(out)


@dataclass
class _SheetXml:
    """What calamine cannot see in one sheet: formulas, style indices and hyperlink targets."""

    formulas: dict[str, str] = field(default_factory=dict)
    styles: dict[str, int] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)


_FORMULA_OR_LINK = re.compile(rb"<(?:\w+:)?(?:f|hyperlink)[\s/>]")


@cache
def col_letter(col: int) -> str:
    """The column letters of a 0-based column index (0 -> A, 26 -> AA), cached per column."""
    return str(xl_col_to_name(col))


@lru_cache(maxsize=1 << 16)  # one string per address, shared by every form read
def a1(row: int, col: int) -> str:
    """The A1 address of 0-based (row, col)."""
    return f"{col_letter(col)}{row + 1}"


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _needs_sheet_xml(pkg: _Package, part: str, need_styles: bool) -> bool:
    """True when the sheet XML can hold something calamine does not show: cell styles are
    wanted, or it has a formula or a hyperlink (one C-level search; usually it has neither)."""
    if not part:
        return False
    data = pkg.part(part)
    return data is not None and (need_styles or _has_formula_or_link(data))


# _FORMULA_OR_LINK tries every "<" of a sheet; these start with two literal characters, which
# the regex engine skips to directly: an unprefixed <f> is found at once, and the full pattern
# runs only when a prefixed <x:f> or a hyperlink may be there.
_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")
_PREFIXED_FORMULA = re.compile(rb":f[\s/>]")


def _has_formula_or_link(data: bytes) -> bool:
    if _PLAIN_FORMULA.search(data) is not None:
        return True
    if b"hyperlink" not in data and _PREFIXED_FORMULA.search(data) is None:
        return False
    return _FORMULA_OR_LINK.search(data) is not None


def _read_sheet_xml(pkg: _Package, part: str, want: set[str], need_styles: bool) -> _SheetXml:
    out = _SheetXml()
    data = pkg.part(part)
    if data is None or not want or (not need_styles and not _has_formula_or_link(data)):
        return out
    root = _xml(data)
    for top in root:
        name = _local(top.tag)
        if name == "sheetData":
            r = 0
            for row in top:
                r = int(row.get("r", r + 1))
                c = -1
                for cell in row:
                    ref = cell.get("r")
                    if ref:
                        m = _CELL_REF.match(ref)
                        c = _col_index(m.group(1)) if m else c + 1
                    else:
                        c += 1
                        ref = a1(r - 1, c)
                    if ref not in want:
                        continue
                    for child in cell:
                        if _local(child.tag) == "f":
                            out.formulas[ref] = child.text or f"({child.get('t', 'shared')})"
                    if need_styles and cell.get("s"):
                        out.styles[ref] = int(cell.get("s", "0"))
        elif name == "hyperlinks":
            rels: dict[str, tuple[str, str]] | None = None
            for link in top:
                rid = link.get(f"{{{_R_NS}}}id")
                target = ""
                if rid:
                    rels = rels if rels is not None else _rels(pkg, part)
                    target = rels.get(rid, ("", ""))[0]
                if link.get("location"):
                    target = target + "#" + link.get("location", "")
                for ref in _expand(link.get("ref", "")):
                    if target:
                        out.links[ref] = target
    return out


def _expand(ref: str) -> list[str]:
    """Every cell of "B2" or "B2:C4" (capped: a link range over a column is not expanded)."""
    parts = ref.replace("$", "").split(":")
    m1 = _CELL_REF.match(parts[0])
    m2 = _CELL_REF.match(parts[-1])
    if not m1 or not m2:
        return []
    c1, c2 = _col_index(m1.group(1)), _col_index(m2.group(1))
    r1, r2 = int(m1.group(2)), int(m2.group(2))
    if (c2 - c1 + 1) * (r2 - r1 + 1) > 10_000:
        return [parts[0]]
    return [a1(r - 1, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


_HYPERLINK_FORMULA = re.compile(
    r'^\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.IGNORECASE
)


def _custom_properties(pkg: _Package) -> dict[str, str]:
    """The rkt_ custom document properties, without the prefix."""
    data = pkg.part("docProps/custom.xml")
    out: dict[str, str] = {}
    if data is None:
        return out
    props = _PropertyTexts()
    _parse(data, props.start, props.end, props.text)
    for name, value in props.found:
        if name.startswith(layout.PROPERTY_PREFIX):
            out[name[len(layout.PROPERTY_PREFIX) :]] = value.strip()
    return out


class _PropertyTexts:
    """expat handlers collecting (name, value) of every <property> of docProps/custom.xml.

    The value is the text of the property's first child element (<vt:lpwstr>) up to that
    child's own first child, as ElementTree's ``child.text`` would give it.
    """

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []
        self.depth = 0
        self.name: str | None = None  # inside a <property> of this name
        self.prop_depth = 0
        self.seen_child = False
        self.collecting = False
        self.parts: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        if self.name is not None:
            self.collecting = False  # a grandchild ends the text
            if self.depth == self.prop_depth + 1 and not self.seen_child:
                self.seen_child = self.collecting = True
        elif tag.rpartition("}")[2] == "property":
            self.name, self.prop_depth = attrs.get("name", ""), self.depth
            self.seen_child, self.parts = False, []

    def end(self, tag: str) -> None:
        if self.name is not None:
            self.collecting = False
            if self.depth == self.prop_depth:
                self.found.append((self.name, "".join(self.parts)))
                self.name = None
        self.depth -= 1

    def text(self, chars: str) -> None:
        if self.collecting:
            self.parts.append(chars)


# --- cell values -----------------------------------------------------------------------------
def _text(value: Any) -> str:
    """A metadata or id cell as text: 2019.0 -> "2019"."""
    if value.__class__ is str:
        return str(value).strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_forms(text: str) -> tuple[str, str]:
    spaced = " ".join(text.split()).casefold()
    return spaced, re.sub(r"[^0-9a-z]", "", spaced)


_HEADERS: dict[str, str] = {}
for _col in layout.COLUMNS:
    for _form in _header_forms(_col.header):
        _HEADERS.setdefault(_form, _col.key)
_IDENTITY_LABELS = {form: f.key for f in layout.IDENTITY_FIELDS for form in _header_forms(f.label)}
HEADER_SEARCH_ROWS = 12  # the header row is searched for in the first rows of each sheet


@lru_cache(maxsize=4096)  # every form has the same headers (at most 60 characters each)
def _header_key(value: str) -> str | None:
    spaced, compact = _header_forms(value)
    return _HEADERS.get(spaced) or (_HEADERS.get(compact) if compact else None)


def _find_header(grid: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The header row of a component sheet (0-based) and its columns (key -> 0-based)."""
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        cols: dict[str, int] = {}
        for c, value in enumerate(row):
            if not isinstance(value, str) or len(value) > 60:  # titles and notes are not headers
                continue
            key = _header_key(value)
            if key is not None and key not in cols:
                cols[key] = c
        if "id" in cols and len(cols) >= 3:
            return r, cols
    return None


def _grid(wb: CalamineWorkbook, name: str) -> list[list[Any]]:
    rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return [[None if v == "" else v for v in row] for row in rows]


def _at(grid: list[list[Any]], r: int, c: int) -> Any:
    if r < len(grid) and c < len(grid[r]):
        return grid[r][c]
    return None


@dataclass(frozen=True)
class _Meta:
    keys: dict[str, str]
    rows: dict[str, dict[str, str]]  # row id -> META_ROW_COLUMNS values


def _read_meta(grid: list[list[Any]]) -> _Meta:
    keys: dict[str, str] = {}
    rows: dict[str, dict[str, str]] = {}
    header: list[str] | None = None
    for row in grid:
        first = _text(row[0]) if row else ""
        if header is None:
            if first == layout.META_ROW_COLUMNS[0]:
                header = [_text(v) for v in row]
            elif first:
                keys[first] = _text(row[1]) if len(row) > 1 else ""
        elif first:
            rows[first] = {
                h: _text(row[i]) if i < len(row) else "" for i, h in enumerate(header) if h
            }
    return _Meta(keys, rows)


def _looks_like_meta(grid: list[list[Any]]) -> bool:
    firsts = {_text(row[0]) for row in grid[:30] if row}
    return {"format", "plan_id"} <= firsts


_ANSWER_TYPES: dict[tuple[str, str], tuple[tuple[str, str, float | None, float | None], ...]] = {}


def _plan_answer_types(plan: Plan) -> tuple[tuple[str, str, float | None, float | None], ...]:
    """(row id, answer type, minimum, maximum) of every plan row whose LKE question the plan's
    model has; worked out once per plan (by content), not once per form."""
    key = (plan.content_hash, plan.regulation)
    found = _ANSWER_TYPES.get(key)
    if found is not None:
        return found
    try:
        from rkt_excel.lke import load_model

        model: Any = load_model(plan.regulation)
    except (ModelError, ImportError):
        model = None
    rows = []
    for _, _, ind in plan.indicators():
        if not ind.lke or model is None or not model.has_question(ind.lke):
            continue
        q = model.question(ind.lke)
        rows.append((ind.id, q.answer_type, q.minimum, q.maximum))
    if len(_ANSWER_TYPES) < 64:
        _ANSWER_TYPES[key] = tuple(rows)
    return tuple(rows)


# --- the reader ------------------------------------------------------------------------------
@dataclass
class _Reader:
    """The state of reading one file (kept private: read_form is the interface)."""

    path: str
    pkg: _Package
    plan: Plan | None
    lang: str
    issues: list[Issue] = field(default_factory=list)

    def issue(self, code: str, **kw: Any) -> None:
        self.issues.append(make_issue(code, self.path, self.lang, **kw))

    def run(self) -> FilledForm:
        pkg, path = self.pkg, self.path
        self.issues.extend(pkg.issues)
        try:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(pkg.data))
        except PasswordError as err:
            raise _fail("encrypted", path, self.lang) from err
        except CalamineError as err:
            raise _fail("unreadable", path, self.lang, reason=str(err)) from err
        parts = _sheet_parts(pkg)
        grids: dict[str, list[list[Any]]] = {}
        for meta_ in wb.sheets_metadata:
            if str(meta_.typ).endswith("WorkSheet"):
                try:
                    grids[meta_.name] = _grid(wb, meta_.name)
                except CalamineError:
                    continue  # a sheet calamine cannot read holds none of our cells
        wb.close()

        meta = self._meta(grids)
        props = _custom_properties(pkg)
        ident = {**props, **(meta.keys if meta else {})}
        headers = {name: h for name, g in grids.items() if (h := _find_header(g)) is not None}
        if not ident.get("plan_id") and not headers:
            raise _fail("not-our-form", path, self.lang)
        self._check_identity(ident)
        if meta is None:
            self.issue("missing-meta")

        known: set[str] | None = set(meta.rows) if meta and meta.rows else None
        if self.plan is not None:
            known = (known or set()) | set(self.plan.index)
        answer_types = self._answer_types(meta)

        rows: dict[str, FilledRow] = {}
        for name, (hrow, cols) in headers.items():
            self._read_sheet(
                name, grids[name], hrow, cols, parts.get(name, ""), known, answer_types, rows
            )

        if meta and meta.rows:
            expected = list(meta.rows)
        elif self.plan is not None and ident.get("kind", "workbook") != "form":
            expected = list(self.plan.index)
        else:
            expected = []
        for row_id in expected:
            if row_id not in rows:
                sheet = meta.rows[row_id].get("sheet", "") if meta and row_id in meta.rows else ""
                self.issue("missing-row", sheet=sheet, row_id=row_id, params={"row_id": row_id})

        identity_cells = self._identity_cells(grids, parts)
        values = {k: c.value for k, c in identity_cells.items()}
        identity = FormIdentity(
            plan_id=ident.get("plan_id", ""),
            plan_version=ident.get("plan_version", ""),
            plan_hash=ident.get("plan_hash", ""),
            form_id=ident.get("form_id", ""),
            kind=ident.get("kind", "form" if identity_cells else "workbook"),
            unit_code=ident.get("unit_code") or _str(values.get("unit_code")),
            unit_name=ident.get("unit_name") or _str(values.get("unit_name")),
            nama_pengisi=_str(values.get("nama_pengisi")),
            nip=_str(values.get("nip")),
            jabatan=_str(values.get("jabatan")),
            tanggal_pengisian=values.get("tanggal_pengisian")
            if isinstance(values.get("tanggal_pengisian"), dt.date)
            else None,
        )
        try:
            mtime = Path(path).stat().st_mtime
        except OSError:
            mtime = 0.0
        return FilledForm(
            path=path,
            sha256=hashlib.sha256(pkg.data).hexdigest(),
            identity=identity,
            rows=rows,
            issues=tuple(self.issues),
            identity_cells=identity_cells,
            mtime=mtime,
        )

    def _meta(self, grids: dict[str, list[list[Any]]]) -> _Meta | None:
        if layout.SHEET_META in grids:
            return _read_meta(grids[layout.SHEET_META])
        for grid in grids.values():
            if _looks_like_meta(grid):
                return _read_meta(grid)
        return None

    def _check_identity(self, ident: dict[str, str]) -> None:
        found_format = ident.get("format", "")
        if found_format and found_format != layout.FORM_FORMAT:
            raise _fail(
                "unsupported-format", self.path, self.lang,
                found=found_format, expected=layout.FORM_FORMAT,
            )  # fmt: skip
        plan = self.plan
        if plan is None or not ident.get("plan_id"):
            return
        check = check_plan(
            ident.get("plan_id", ""),
            ident.get("plan_version", ""),
            ident.get("plan_hash", ""),
            plan,
        )
        if check is not None:
            code, params = check
            raise _fail(code, self.path, self.lang, **params)

    def _answer_types(
        self, meta: _Meta | None
    ) -> dict[str, tuple[str, float | None, float | None]]:
        """Row id -> (answer type, minimum, maximum): the type from the form's row table, else
        from the plan's LKE; the bounds from the LKE question when the plan's model has it."""
        out: dict[str, tuple[str, float | None, float | None]] = {}
        if meta is not None:
            for row_id, row in meta.rows.items():
                if row.get("answer_type"):
                    out[row_id] = (row["answer_type"], None, None)
        if self.plan is None:
            return out
        for row_id, answer_type, low, high in _plan_answer_types(self.plan):
            kind = out.get(row_id, (answer_type, None, None))[0]
            if kind == answer_type:
                out[row_id] = (kind, low, high)
        return out

    def _read_sheet(
        self,
        name: str,
        grid: list[list[Any]],
        hrow: int,
        cols: dict[str, int],
        part: str,
        known: set[str] | None,
        answer_types: Mapping[str, tuple[str, float | None, float | None]],
        rows: dict[str, FilledRow],
    ) -> None:
        id_col = cols["id"]
        found: list[tuple[int, str]] = []
        seen: set[str] = set()
        for r in range(hrow + 1, len(grid)):
            raw = _at(grid, r, id_col)
            row_id = _text(raw)
            if not row_id:
                continue
            if known is not None and row_id not in known:
                self.issue(
                    "unknown-row", sheet=name, cell=a1(r, id_col), row_id=row_id, field="id",
                    raw=raw, params={"row_id": row_id},
                )  # fmt: skip
                continue
            if row_id in rows or row_id in seen:
                self.issue(
                    "duplicate-row", sheet=name, cell=a1(r, id_col), row_id=row_id, field="id",
                    raw=raw, params={"row_id": row_id},
                )  # fmt: skip
                continue
            found.append((r, row_id))
            seen.add(row_id)
        if not found:
            return
        for key in (*layout.INPUT_FIELDS, *layout.PLAN_FIELDS):
            if key not in cols:
                header = layout.COLUMNS[layout.COL[key]].header
                self.issue("missing-column", sheet=name, field=key, params={"header": header})

        pct: frozenset[int] = frozenset()
        capaian = cols.get("capaian")
        if capaian is not None and any(isinstance(_at(grid, r, capaian), float) for r, _ in found):
            pct = _percent_styles(self.pkg)  # only a number can be shown as a percentage
        first, last = found[0][0], found[-1][0]
        input_cols = [cols[k] for k in layout.INPUT_FIELDS if k in cols]
        xml = _SheetXml()
        if _needs_sheet_xml(self.pkg, part, bool(pct)):
            want = {a1(r, c) for r, _ in found for c in input_cols}
            for r in range(first, last + 1):  # rows without an id inside the table
                if not _text(_at(grid, r, id_col)):
                    want.update(a1(r, c) for c in input_cols)
            xml = _read_sheet_xml(pkg=self.pkg, part=part, want=want, need_styles=bool(pct))

        field_cols = [(key, cols[key]) for key in layout.INPUT_FIELDS if key in cols]
        plan_cols = [(key, cols[key]) for key in layout.PLAN_FIELDS if key in cols]
        input_cell = self._input_cell
        for r, row_id in found:
            kind, low, high = answer_types.get(row_id, _NO_ANSWER_TYPE)
            line = grid[r]
            fields = {
                key: input_cell(name, line, r, col, key, row_id, xml, pct, kind, low, high)
                for key, col in field_cols
            }
            plan_cells = {}
            for key, col in plan_cols:
                raw = _shared(line[col] if col < len(line) else None)
                plan_cells[key] = Cell(name, a1(r, col), raw, _shared(_plain(raw)))
            rows[row_id] = FilledRow(row_id, name, r + 1, fields, plan_cells)
        for r in range(first, last + 1):
            if _text(_at(grid, r, id_col)):
                continue
            filled = [
                c
                for k in layout.INPUT_FIELDS
                if (c := cols.get(k)) is not None
                and (_at(grid, r, c) is not None or a1(r, c) in xml.formulas)
            ]
            if filled:
                self.issue(
                    "data-without-id",
                    sheet=name,
                    cell=a1(r, filled[0]),
                    raw=_at(grid, r, filled[0]),
                )

    def _input_cell(
        self,
        sheet: str,
        line: list[Any],
        r: int,
        c: int,
        key: str,
        row_id: str,
        xml: _SheetXml,
        pct: frozenset[int],
        kind: str,
        low: float | None,
        high: float | None,
    ) -> Cell:
        """One input cell of grid row ``r`` (``line``), column ``c``."""
        ref = a1(r, c)
        raw = line[c] if c < len(line) else None
        link = xml.links.get(ref) if xml.links else None
        formula = xml.formulas.get(ref) if xml.formulas else None
        if formula is None:  # the usual case: a value, no formula
            if key in _TEXT_FIELDS and (raw is None or raw.__class__ is str):
                # normalize_text inlined for the commonest cells: text is kept as typed.
                return Cell(sheet, ref, raw, raw if raw is not None and raw.strip() else None, link)
            n = self._normalise(key, raw, ref, xml, pct, kind, low, high)
            if n.code:
                self.issue(
                    n.code, raw=raw, params=dict(n.params), sheet=sheet, cell=ref,
                    row_id=row_id, field=key,
                )  # fmt: skip
            elif raw.__class__ is str and raw == n.value:
                raw = n.value  # the same text: keep one string (an option's) for both
            return Cell(sheet, ref, raw, n.value, link)
        where = {"sheet": sheet, "cell": ref, "row_id": row_id, "field": key}
        m = _HYPERLINK_FORMULA.match(formula)
        if key == "bukti_dukung" and m:
            # =HYPERLINK("url", "text") is how people make a link look tidy: keep the link.
            link = m.group(1).replace('""', '"')
            if raw is None and m.group(2):
                raw = m.group(2).replace('""', '"')
        else:
            shown = "=" + formula
            self.issue("formula-in-input", raw=shown, params={"formula": _short(shown)}, **where)
            n = self._normalise(key, raw, ref, xml, pct, kind, low, high)
            return Cell(sheet, ref, shown, n.value, link)
        n = self._normalise(key, raw, ref, xml, pct, kind, low, high)
        if n.code:
            self.issue(n.code, raw=raw, params=dict(n.params), **where)
        return Cell(sheet, ref, raw, n.value, link)

    @staticmethod
    def _normalise(
        key: str,
        raw: Any,
        ref: str,
        xml: _SheetXml,
        pct: frozenset[int],
        kind: str,
        low: float | None,
        high: float | None,
    ) -> Normalised:
        if key == "jawaban":
            return normalize_answer(raw, kind or None, minimum=low, maximum=high)
        percent = key == "capaian" and bool(pct) and xml.styles.get(ref, -1) in pct
        return normalize_field(key, raw, percent_format=percent)

    def _identity_cells(
        self, grids: dict[str, list[list[Any]]], parts: Mapping[str, str]
    ) -> dict[str, Cell]:
        """The Identitas fields found by their labels (column A), values in column B."""
        names = [layout.SHEET_IDENTITY] if layout.SHEET_IDENTITY in grids else list(grids)
        for name in names:
            grid = grids[name]
            spots: dict[str, int] = {}
            for r, row in enumerate(grid[:40]):
                if row and isinstance(row[0], str):
                    spaced, compact = _header_forms(row[0].rstrip(" :"))
                    key = _IDENTITY_LABELS.get(spaced) or _IDENTITY_LABELS.get(compact)
                    if key and key not in spots:
                        spots[key] = r
            if len(spots) < 3:
                continue
            want = {a1(r, 1) for r in spots.values()}
            xml = (
                _read_sheet_xml(self.pkg, parts.get(name, ""), want, False)
                if name in parts
                else _SheetXml()
            )
            cells: dict[str, Cell] = {}
            for key, r in spots.items():
                ref, raw = a1(r, 1), _at(grid, r, 1)
                where = {"sheet": name, "cell": ref, "field": key}
                if ref in xml.formulas:
                    shown = "=" + xml.formulas[ref]
                    self.issue(
                        "formula-in-input", raw=shown, params={"formula": _short(shown)}, **where
                    )
                n = normalize_identity(key, raw)
                if n.code:
                    self.issue(n.code, raw=raw, params=dict(n.params), **where)
                elif key == "nip" and isinstance(n.value, str) and not nip_plausible(n.value):
                    self.issue("suspicious-nip", raw=raw, params={"value": n.value}, **where)
                cells[key] = Cell(name, ref, raw, n.value)
            return cells
        return {}


_NO_ANSWER_TYPE: tuple[str, float | None, float | None] = ("", None, None)
# Input fields whose value is the text as typed (normalize_field -> normalize_text).
_TEXT_FIELDS = frozenset(("bukti_dukung", "keterangan"))


def _plain(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


# Every form repeats the plan's texts (indikator, target waktu): one copy of each is kept for
# all the forms read in this process instead of one per form. Bounded (entries and length):
# odd files cannot make it hold more than a few MB.
_SHARED_TEXTS: dict[str, str] = {}
_SHARED_MAX = 5_000
_SHARED_LENGTH = 1_000


def _shared(value: Any) -> Any:
    if value.__class__ is not str or len(value) > _SHARED_LENGTH:
        return value
    found = _SHARED_TEXTS.get(value)
    if found is not None:
        return found
    if len(_SHARED_TEXTS) < _SHARED_MAX:
        _SHARED_TEXTS[value] = value
    return value


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_plan(
    plan_id: str, plan_version: str, plan_hash: str, plan: Plan
) -> tuple[str, dict[str, str]] | None:
    """Compare a form's plan identity with a plan: None when it matches, else (code, params)
    for ``template-mismatch`` or ``template-version-mismatch``."""
    if plan_id != plan.id:
        return "template-mismatch", {"found": plan_id or "?", "expected": plan.id}
    if plan_version and plan_version != plan.version:
        return "template-version-mismatch", {
            "found": plan_version, "expected": plan.version, "plan_id": plan.id,
        }  # fmt: skip
    if plan_hash and plan_hash != plan.content_hash:
        found = f"{plan_id} v{plan_version or '?'} #{plan_hash[:8]}"
        return "template-mismatch", {
            "found": found, "expected": f"{plan.id} v{plan.version} #{plan.content_hash[:8]}",
        }  # fmt: skip
    return None


def read_form(
    path: str | Path,
    plan: Plan | None = None,
    *,
    lang: str = "id",
    limits: Limits = DEFAULT_LIMITS,
) -> FilledForm:
    """Read a returned form: pre-flight, identity, and every input cell of every known row.

    Rows are found by their ID (the ID column of any sheet, matched by header text), so
    sorted, inserted or deleted rows and renamed or reordered sheets read correctly. With a
    plan, a form of another plan or version is refused.

    Raises:
        FormError: the file cannot be read as one of our forms (``code`` from rules.py);
            nothing else, whatever the file holds.
    """
    name = str(path)
    try:
        with gc_paused():
            pkg = _open(path, lang, limits)
            return _Reader(name, pkg, plan, lang).run()
    except FormError:
        raise
    except DefusedXmlException as err:
        raise _fail("xml-entities", name, lang, part=type(err).__name__) from err
    except Exception as err:  # the promise is "FormError only", never a traceback
        reason = f"{type(err).__name__}: {_short(str(err), 80)}"
        raise _fail("unreadable", name, lang, reason=reason) from err


def read_forms(
    paths: Iterable[str | Path],
    plan: Plan | None = None,
    *,
    lang: str = "id",
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[FilledForm], list[Issue]]:
    """Read many files; a file that cannot be read becomes an Issue and the others go on."""
    forms: list[FilledForm] = []
    refused: list[Issue] = []
    for path in paths:
        try:
            forms.append(read_form(path, plan, lang=lang, limits=limits))
        except FormError as err:
            refused.append(issue_from_error(err, lang))
    return forms, refused
