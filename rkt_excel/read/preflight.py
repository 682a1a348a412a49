"""Pre-flight: decide whether a file is a safe, readable .xlsx before anything parses it.

Owns the sniffing of what a file really is (PDF, .xls, .ods, HTML ...), encryption detection,
the zip limits (parts, inflated bytes, compression ratio) enforced while inflating, the XML
DOCTYPE/ENTITY refusal and the sheet-extent limit (``Limits``). It yields a ``Package`` for the
reader or raises ``FormError`` with a catalogue code; it never reads cell values.
"""

from __future__ import annotations

import errno
import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rkt_excel.catalogue import Text
from rkt_excel.errors import FormError
from rkt_excel.issues import Issue
from rkt_excel.read.extent import MAX_COLS, quick_extent, scan_sheet
from rkt_excel.read.ooxml import Package, col_letter, date_styles

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


def _sniff_text(head: bytes) -> Text:
    """What a non-zip, non-OLE file looks like, in words."""
    for magic, id_, en in _MAGIC_KINDS:
        if head.startswith(magic):
            return Text(id_, en)
    text = head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace").lstrip().lower()
    if text.startswith(("<!doctype html", "<html")) or "<html" in text[:1000]:
        return Text("halaman HTML (web)", "an HTML page (a web page saved as .xlsx)")
    if text.startswith("<?xml") and "excel.sheet" in text[:500]:
        return Text("lembar kerja XML Excel 2003", "an Excel 2003 XML spreadsheet")
    if text.startswith("<"):
        return Text("dokumen XML atau HTML", "an XML or HTML document")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000])
    if text and printable >= 0.95 * len(text[:2000]):
        return Text("berkas CSV atau teks", "a CSV or text file")
    return Text("berkas berformat tidak dikenal", "a file of unknown format")


def _zip_kind(names: Mapping[str, str], zf: zipfile.ZipFile) -> Text:
    """What a zip without an xl/workbook.xml is, in words."""
    if "mimetype" in names:
        mime = zf.read(names["mimetype"])[:100]
        if b"opendocument.spreadsheet" in mime:
            return Text("lembar kerja OpenDocument (.ods)", "an OpenDocument spreadsheet (.ods)")
        return Text("berkas OpenDocument", "an OpenDocument file")
    if "xl/workbook.bin" in names:
        return Text("buku kerja Excel Binary (.xlsb)", "an Excel Binary workbook (.xlsb)")
    if "word/document.xml" in names:
        return Text("dokumen Word", "a Word document")
    if "ppt/presentation.xml" in names:
        return Text("presentasi PowerPoint", "a PowerPoint presentation")
    return Text("arsip zip", "a zip archive")


def _check_zip(pkg: Package, path: str, limits: Limits) -> None:
    """Zip-bomb and XML-entity checks: the directory first, then every part while inflating."""
    infos = pkg.zf.infolist()
    if len(infos) > limits.max_entries:
        raise FormError("zip-bomb", path, reason=_parts(len(infos), limits.max_entries))
    declared = 0
    for info in infos:
        declared += info.file_size
        if info.file_size > limits.max_part_bytes:
            raise FormError("zip-bomb", path, reason=f"{info.filename}: {_mb(info.file_size)}")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_min_bytes and ratio > limits.max_ratio:
            raise FormError("zip-bomb", path, reason=_ratio(info.filename, ratio, limits.max_ratio))
    if declared > limits.max_total_bytes:
        raise FormError("zip-bomb", path, reason=f"{_mb(declared)} > {_mb(limits.max_total_bytes)}")
    # The directory can lie about sizes: count what actually inflates, with the same limits.
    total = 0
    kept = 0
    for info in infos:
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise FormError("encrypted", path)
        scan = not info.filename.lower().endswith(_BINARY_PARTS)
        room = min(limits.max_part_bytes, limits.max_total_bytes - total)
        whole = _inflate(pkg.data, info, min(room, _KEEP_BYTES - kept)) if scan else None
        if whole is not None:  # the usual case: one C call, CRC checked, within the limits
            total += len(whole)
            if (b"<!" in whole or b"<\x00!" in whole) and _DTD.search(whole):
                raise FormError("xml-entities", path, part=info.filename)
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
                    raise FormError("zip-bomb", path, reason=f"{info.filename}: {_mb(size)}+")
                if scan:
                    window = tail + chunk
                    # "<!" first (a C-level find): comments and CDATA are rare in xlsx parts.
                    if (b"<!" in window or b"<\x00!" in window) and _DTD.search(window):
                        raise FormError("xml-entities", path, part=info.filename)
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


_SHEET_DATA = tuple("sheetData".encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def _check_extent(pkg: Package, path: str, limits: Limits) -> None:
    """Refuse a sheet calamine cannot read safely: the rectangle it allocates too large, a
    value past Excel's last row or column, rows out of order, an impossible date serial.

    Every XML part holding ``sheetData`` is scanned (whatever its name: the workbook's
    relationships may point anywhere), with expat, placing cells as calamine does
    (read/extent.py); a part the scan cannot vouch for (not well-formed XML, UTF-16, cells
    inside cells) is refused as unreadable.
    """
    styles: frozenset[int] | None = None
    looked = False  # styles.xml is read once, for the first sheet
    for real in pkg.names.values():
        if real.lower().endswith(_BINARY_PARTS) or real.endswith("/"):
            continue
        data = pkg.part(real) or b""
        if _SHEET_DATA[0] not in data:
            if _SHEET_DATA[1] in data or _SHEET_DATA[2] in data:
                raise FormError("unreadable", path, reason=f"{real}: UTF-16")
            continue
        found = quick_extent(data)  # an upper bound (empty cells too): when in doubt, scan
        if found is None or found.far is not None or found.cells > limits.max_sheet_cells:
            if not looked:
                styles, looked = date_styles(pkg), True
            found = scan_sheet(data, styles)
        if found.odd:
            raise FormError("unreadable", path, reason=f"{real}: {found.odd}")
        if found.far is not None:
            row, col = found.far
            _too_large(path, real, row, col, limits)
        if found.stopped:
            continue  # calamine refuses this sheet at that cell: it allocates nothing
        if found.bad_date is not None:
            row, col, text = found.bad_date
            raise FormError(
                "unreadable", path,
                reason=Text(
                    f"{real}: sel {col_letter(col)}{row + 1} berformat tanggal berisi {text}",
                    f"{real}: cell {col_letter(col)}{row + 1} is formatted as a date and "
                    f"holds {text}",
                ),
            )  # fmt: skip
        if found.disorder is not None:
            row, col = found.disorder
            raise FormError(
                "unreadable", path,
                reason=Text(
                    f"{real}: baris tidak berurutan (sel {col_letter(col)}{row + 1})",
                    f"{real}: rows out of order (cell {col_letter(col)}{row + 1})",
                ),
            )  # fmt: skip
        if found.cells > limits.max_sheet_cells:
            _too_large(path, real, found.rows - 1, found.cols - 1, limits)


def _too_large(path: str, part: str, row: int, col: int, limits: Limits) -> None:
    cells = (row + 1) * (col + 1)
    raise FormError(
        "sheet-too-large", path, part=part, cell=f"{_col_name(col)}{row + 1}",
        cells=f"{cells:,}", limit=f"{limits.max_sheet_cells:,}",
    )  # fmt: skip


def _col_name(col: int) -> str:
    return col_letter(col) if col < MAX_COLS * 27 else f"{col_letter(MAX_COLS * 27 - 1)}+"


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


def _parts(found: int, limit: int) -> Text:
    return Text(f"{found} bagian > {limit}", f"{found} parts > {limit}")


def _ratio(part: str, ratio: float, limit: float) -> Text:
    return Text(f"{part}: rasio {ratio:.0f} > {limit:g}", f"{part}: ratio {ratio:.0f} > {limit:g}")


_OS_REASONS: dict[int, Text] = {
    errno.ENOENT: Text("berkas tidak ada", "no such file"),
    errno.EACCES: Text("akses ditolak", "permission denied"),
    errno.EPERM: Text("akses ditolak", "permission denied"),
    errno.EISDIR: Text("ini sebuah folder", "it is a folder"),
    errno.EBUSY: Text("berkas sedang dipakai", "the file is busy"),
}


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "socket" if stat.S_ISSOCK(mode) else "other"


def os_reason(err: OSError) -> Text | str:
    """Why the operating system refused a file, in words (both languages where known)."""
    found = _OS_REASONS.get(err.errno or 0)
    return found if found is not None else (err.strerror or type(err).__name__)


def open_package(path: str | Path, limits: Limits) -> Package:
    """Pre-flight: read the file and refuse what is not a safe, readable .xlsx."""
    name = str(path)
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a pipe blocks, a device never ends: never opened
            if stat.S_ISDIR(st.st_mode):
                raise FormError("file-not-found", name, reason=os_reason(IsADirectoryError(21, "")))
            raise FormError("not-a-regular-file", name, kind=_kind(st.st_mode))
        if st.st_size > limits.max_file_bytes:
            raise FormError(
                "zip-bomb", name, reason=f"{_mb(st.st_size)} > {_mb(limits.max_file_bytes)}"
            )
        with p.open("rb") as fh:  # bounded: the file may grow after stat
            data = fh.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise FormError("zip-bomb", name, reason=f"> {_mb(limits.max_file_bytes)}")
    except OSError as err:
        raise FormError("file-not-found", name, reason=os_reason(err)) from err
    if not data:
        raise FormError("empty-file", name)
    head = data[:4096]
    if head.startswith(OLE_MAGIC):
        if any(s in data for s in _ENCRYPTION_STREAMS):
            raise FormError("encrypted", name)
        raise FormError("legacy-xls", name)
    if not head.startswith(ZIP_MAGICS):
        raise FormError("not-a-spreadsheet", name, kind=_sniff_text(head))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise FormError("unreadable", name, reason=f"zip: {err}") from err
    names = {info.filename.lower(): info.filename for info in zf.infolist()}
    pkg = Package(data, zf, names)
    if "xl/workbook.xml" not in names:
        raise FormError("not-a-spreadsheet", name, kind=_zip_kind(names, zf))
    _check_zip(pkg, name, limits)
    _check_extent(pkg, name, limits)
    if any(n.endswith("vbaproject.bin") for n in names):
        pkg.issues.append(Issue("macros-ignored", name))
    return pkg


def preflight(path: str | Path, *, limits: Limits = DEFAULT_LIMITS) -> list[Issue]:
    """Run the pre-flight checks only; return their warnings.

    Raises:
        FormError: the file cannot be read (its ``code`` is the catalogue code).
    """
    try:
        return open_package(path, limits).issues
    except FormError:
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as err:
        raise FormError("unreadable", str(path), reason=type(err).__name__) from err
