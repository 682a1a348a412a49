"""Seeded mutations of xlsx files, for the fuzz test (tests/test_fuzz.py) and the reproducers.

A mutation takes the bytes of a good workbook and a seed and returns damaged bytes plus a
one-line recipe saying what was done ("flip xl/worksheets/sheet4.xml @1234 0x41->0x5b").
The same (source, seed) always gives the same bytes: the zip is written here, with fixed
timestamps, so a failure found by the fuzz test is reproduced by ``mutate(source, seed)``.

Mutations keep the zip valid where the damage is meant to be inside a part (a part is
inflated, changed and deflated again) and break the zip on purpose where the damage is the
zip itself (truncated files, cut or lying compressed streams, flipped bytes in headers).

Run ``python tests/mutate.py --sources DIR`` to write the fuzz test's sources, and
``python tests/mutate.py SOURCE.xlsx OUT_DIR --count N [--first SEED]`` to write a corpus with
a manifest (file name, seed, recipe) for looking at failures by hand. The fuzz test numbers
seeds across its sources: xlsxwriter 0-699, openpyxl 700-1399, libreoffice 1400-2099.
"""

from __future__ import annotations

import random
import re
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

STORED, DEFLATED = 0, 8
_DOS_TIME, _DOS_DATE = 0, (2019 - 1980) << 9 | 8 << 5 | 17  # 2019-08-17 00:00


# --- a zip reader and a zip writer that can lie ------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One part of a package: its name and inflated bytes, and what the headers may claim.

    ``raw`` replaces the compressed stream as written (None: deflate ``data``); ``crc``,
    ``size`` and ``csize`` replace the CRC-32, the uncompressed and the compressed size the
    headers declare.
    """

    name: str
    data: bytes
    method: int = DEFLATED
    raw: bytes | None = None
    crc: int | None = None
    size: int | None = None
    csize: int | None = None


def read_entries(blob: bytes) -> list[Entry]:
    """The parts of a zip, in directory order (through zipfile: the source must be sound)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return [Entry(info.filename, zf.read(info)) for info in zf.infolist()]


def deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def write_zip(entries: list[Entry]) -> bytes:
    """A zip of ``entries`` with fixed timestamps (deterministic), honouring their lies."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0
        packed = e.raw
        if packed is None:
            packed = deflate(e.data) if e.method == DEFLATED else e.data
        crc = zlib.crc32(e.data) if e.crc is None else e.crc
        size = len(e.data) if e.size is None else e.size
        csize = len(packed) if e.csize is None else e.csize
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, flags, e.method, _DOS_TIME, _DOS_DATE,
            crc, csize, size, len(name), 0,
        )  # fmt: skip
        out += name + packed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, e.method, _DOS_TIME, _DOS_DATE,
            crc, csize, size, len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += name
    start = len(out)
    out += central
    out += struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0
    )
    return bytes(out)


# --- what is in a part ---------------------------------------------------------------------------

_XML_SUFFIXES = (".xml", ".rels", ".vml")


def _xml_parts(entries: list[Entry]) -> list[int]:
    return [i for i, e in enumerate(entries) if e.name.lower().endswith(_XML_SUFFIXES)]


def _sheet_parts(entries: list[Entry]) -> list[int]:
    return [i for i, e in enumerate(entries) if e.name.startswith("xl/worksheets/sheet")]


def _pick_part(entries: list[Entry], rng: random.Random) -> int:
    """An XML part, sheets and the workbook's own parts more often than the rest."""
    parts = _xml_parts(entries)
    weighted = []
    for i in parts:
        name = entries[i].name
        heavy = name.startswith(("xl/worksheets/", "xl/workbook", "xl/sharedStrings"))
        weighted += [i] * (3 if heavy else 1)
    return rng.choice(weighted)


def _part_named(entries: list[Entry], name: str) -> int | None:
    for i, e in enumerate(entries):
        if e.name == name:
            return i
    return None


def _set(entries: list[Entry], i: int, data: bytes) -> list[Entry]:
    out = list(entries)
    out[i] = replace(out[i], data=data)
    return out


# --- the mutations -------------------------------------------------------------------------------
# Each takes (entries, rng) and returns (new zip bytes, recipe).

Mutation = Callable[[list[Entry], random.Random], tuple[bytes, str]]


def flip_bytes(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """Inflate a part, change 1-8 of its bytes (a flipped bit or a random byte), deflate."""
    i = _pick_part(entries, rng)
    data = bytearray(entries[i].data)
    done = []
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data))
        old = data[at]
        new = old ^ (1 << rng.randrange(8)) if rng.random() < 0.5 else rng.randrange(256)
        data[at] = new
        done.append(f"@{at} 0x{old:02x}->0x{new:02x}")
    return write_zip(_set(entries, i, bytes(data))), f"flip {entries[i].name} {' '.join(done)}"


def flip_raw(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """Change 1-4 bytes of the zip file itself (headers, compressed streams, directory)."""
    blob = bytearray(write_zip(entries))
    done = []
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(blob))
        old, new = blob[at], rng.randrange(256)
        blob[at] = new
        done.append(f"@{at} 0x{old:02x}->0x{new:02x}")
    return bytes(blob), f"flip-zip {' '.join(done)}"


def delete_part(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    i = rng.randrange(len(entries))
    return write_zip(entries[:i] + entries[i + 1 :]), f"delete {entries[i].name}"


def duplicate_part(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """A second entry of the same name: the same bytes, another part's or damaged bytes."""
    i = _pick_part(entries, rng)
    how = rng.choice(("same", "other", "empty", "garbage"))
    if how == "same":
        data = entries[i].data
    elif how == "other":
        data = entries[rng.randrange(len(entries))].data
    elif how == "empty":
        data = b""
    else:
        data = rng.randbytes(rng.randint(1, 200))
    copy = replace(entries[i], data=data)
    out = list(entries)
    at = rng.choice((i, i + 1, len(out)))  # before, right after, or at the end
    out.insert(at, copy)
    return write_zip(out), f"duplicate {entries[i].name} ({how}) at {at}"


def copy_part(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """One part's bytes written over another part (e.g. styles.xml as a sheet)."""
    src, dst = rng.sample(_xml_parts(entries), 2)
    out = _set(entries, dst, entries[src].data)
    return write_zip(out), f"copy {entries[src].name} over {entries[dst].name}"


_SHEET_NAME = re.compile(rb'(<(?:\w+:)?sheet\b[^>]*?\bname=")([^"]*)(")')
_HOSTILE_NAMES = (
    b"", b"History", b"Sheet1", b"'quoted'", b"a[b]:c*d?e/f\\g", b"x" * 31, b"y" * 200,
    b"&#x1b;[31mmerah&#x1b;[0m", b"baris&#10;baru", b"&#x202e;kebalik", b"_rkt_meta",
    b"Identitas", b"IDENTITAS", b"\xe2\x80\x8bzero-width", b"  spasi  ", b"&amp;&lt;&gt;",
)  # fmt: skip


def rename_sheet(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """Rename sheets in workbook.xml: a hostile name, another sheet's name, or a swap."""
    i = _part_named(entries, "xl/workbook.xml")
    if i is None:
        return delete_part(entries, rng)
    data = entries[i].data
    found = list(_SHEET_NAME.finditer(data))
    if not found:
        return flip_bytes(entries, rng)
    names = [m.group(2) for m in found]
    how = rng.choice(("hostile", "another", "swap", "case"))
    k = rng.randrange(len(found))
    new = list(names)
    if how == "hostile":
        new[k] = rng.choice(_HOSTILE_NAMES)
    elif how == "another" and len(names) > 1:
        new[k] = names[rng.choice([j for j in range(len(names)) if j != k])]
    elif how == "swap" and len(names) > 1:
        j = rng.choice([j for j in range(len(names)) if j != k])
        new[k], new[j] = names[j], names[k]
    else:
        new[k] = names[k].swapcase()
    pieces = iter(new)
    out = _SHEET_NAME.sub(lambda m: m.group(1) + next(pieces) + m.group(3), data)
    changed = [f"{a.decode(errors='replace')!r}->{b.decode(errors='replace')!r}"
               for a, b in zip(names, new, strict=True) if a != b]  # fmt: skip
    return write_zip(_set(entries, i, out)), f"rename-sheet {how} {' '.join(changed) or '-'}"


# Attribute values by what the attribute holds.
_CELL_REFS = ("XFD1048576", "A1048577", "XFE1", "A0", "A", "1", "", "a1", "$A$1", "AAAA1",
              "A99999999999", "A-1", "B2", "A1:B2", " A1", "A\u0661", "ZZ99999")  # fmt: skip
_RANGES = ("A1:XFD1048576", "XFD1048576", "B2:A1", "A1:A1 B2:XFD1048576", "", ":", "A1:",
           "A1:ZZZZ9", "A:A", "1:1048576", "A1:A99999999")  # fmt: skip
_ROWS = ("0", "-1", "1048577", "4294967296", "99999999999999999999", "", "x", "1.5", "1", "3")
_SPANS = ("1:16384", "0:0", "5:1", "", "1:99999999", "x:y", "1")
_INDICES = ("-1", "999999", "4294967296", "", "x", "1e3", "0", "1", "2")
_TYPES = ("s", "n", "b", "e", "str", "inlineStr", "d", "x", "")
_TARGETS = ("../../../etc/passwd", "/xl/worksheets/sheet1.xml", "worksheets/nope.xml", "",
            "http://example.invalid/x.xml", "worksheets/sheet1.xml", ".", "/xl/workbook.xml",
            "styles.xml", "file:///dev/zero")  # fmt: skip
_GENERIC = ("", "0", "-1", "x", "9" * 30, "&#0;", "z" * 5000)

_ATTR = re.compile(rb"""(<[\w:]+\s[^>]*?)\b([\w:]+)(\s*=\s*)(["'])(.*?)\4""", re.DOTALL)
_ATTR_VALUES: dict[bytes, tuple[str, ...]] = {
    b"r": _CELL_REFS,  # on a <row> it is a row number: both kinds are tried
    b"ref": _RANGES, b"sqref": _RANGES, b"spans": _SPANS, b"s": _INDICES, b"t": _TYPES,
    b"numFmtId": _INDICES, b"xfId": _INDICES, b"fontId": _INDICES, b"fillId": _INDICES,
    b"borderId": _INDICES, b"count": _INDICES, b"uniqueCount": _INDICES,
    b"sheetId": _INDICES, b"localSheetId": _INDICES, b"Target": _TARGETS,
    b"r:id": ("", "rId1", "rId999", "rId3"), b"Id": ("", "rId1", "rId999", "rId3"),
    b"state": ("hidden", "veryHidden", "visible", "bogus", ""), b"TargetMode": ("External",),
    b"topLeftCell": _CELL_REFS, b"activeCell": _CELL_REFS, b"min": _INDICES, b"max": _INDICES,
    b"formatCode": ("0%", "0.00%", "@", 'dd/mm/yyyy', "[$-421]d mmmm yyyy", "", "General"),
}  # fmt: skip


def alter_attribute(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """Set one attribute (cell r=, ref=, sqref, spans, style and string indices, relationship
    targets, ...) to a hostile value; the value of a shared-string cell counts as one."""
    candidates = [i for i in _xml_parts(entries) if _ATTR.search(entries[i].data)]
    i = rng.choice(candidates)
    data = entries[i].data
    if rng.random() < 0.15 and b't="s"' in data:  # a shared-string index in <v>
        found = list(re.finditer(rb'(t="s"[^>]*>\s*<v>)([^<]*)(</v>)', data))
        if found:
            m = rng.choice(found)
            new = rng.choice(_INDICES).encode()
            out = data[: m.start(2)] + new + data[m.end(2) :]
            recipe = f"string-index {entries[i].name} @{m.start(2)} {m.group(2)!r}->{new!r}"
            return write_zip(_set(entries, i, out)), recipe
    found = list(_ATTR.finditer(data))
    known = [m for m in found if m.group(2) in _ATTR_VALUES]
    m = rng.choice(known if known and rng.random() < 0.9 else found)
    values = _ATTR_VALUES.get(m.group(2), _GENERIC)
    if m.group(2) == b"r" and rng.random() < 0.5:
        values = _ROWS
    new = rng.choice(values).encode()
    out = data[: m.start(5)] + new + data[m.end(5) :]
    name = m.group(2).decode()
    recipe = f"attribute {entries[i].name} @{m.start(5)} {name}={m.group(5)[:40]!r}->{new[:40]!r}"
    return write_zip(_set(entries, i, out)), recipe


_ELEMENTS = (b"row", b"c", b"si", b"sheet", b"Relationship", b"xf", b"numFmt", b"definedName",
             b"dimension", b"sheetData", b"mergeCell", b"property", b"Override", b"Default",
             b"dataValidation", b"col", b"v", b"is", b"f")  # fmt: skip


def alter_element(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """Delete, duplicate or swap one element (a row, a cell, a shared string, a sheet, ...)."""
    options = []
    for i in _xml_parts(entries):
        for tag in _ELEMENTS:
            if re.search(rb"<(?:\w+:)?" + tag + rb"[\s>/]", entries[i].data):
                options.append((i, tag))
    i, tag = rng.choice(options)
    data = entries[i].data
    pattern = re.compile(
        rb"<((?:\w+:)?" + tag + rb")(?=[\s>/])[^>]*?(?:/>|>.*?</\1\s*>)", re.DOTALL
    )
    found = list(pattern.finditer(data))
    if not found:
        return flip_bytes(entries, rng)
    m = rng.choice(found)
    how = rng.choice(("delete", "duplicate", "swap"))
    if how == "delete":
        out = data[: m.start()] + data[m.end() :]
    elif how == "duplicate":
        out = data[: m.end()] + m.group(0) + data[m.end() :]
    else:
        later = [n for n in found if n.start() >= m.end()]
        if not later:
            how, out = "delete", data[: m.start()] + data[m.end() :]
        else:
            n = rng.choice(later)
            out = (
                data[: m.start()] + n.group(0) + data[m.end() : n.start()] + m.group(0)
                + data[n.end() :]
            )  # fmt: skip
    recipe = f"element {how} <{tag.decode()}> #{found.index(m)} in {entries[i].name}"
    return write_zip(_set(entries, i, out)), recipe


def truncate_zip(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    blob = write_zip(entries)
    cut = rng.randrange(len(blob))
    return blob[:cut], f"truncate-zip at {cut} of {len(blob)}"


def cut_stream(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """A part's compressed stream cut short; the headers keep the original sizes and CRC
    ("lie") or declare the cut length ("honest", the stream then ends too soon)."""
    i = rng.randrange(len(entries))
    packed = deflate(entries[i].data)
    cut = rng.randrange(max(len(packed), 1))
    how = rng.choice(("lie", "honest"))
    out = list(entries)
    if how == "lie":
        # The headers claim the full stream: what follows the cut (the next part) is read.
        out[i] = replace(entries[i], raw=packed[:cut], csize=len(packed))
    else:
        out[i] = replace(entries[i], raw=packed[:cut])
    return write_zip(out), f"cut-stream {entries[i].name} at {cut} of {len(packed)} ({how})"


def lie_size(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """The declared uncompressed size or CRC of a part does not match its data."""
    i = rng.randrange(len(entries))
    how = rng.choice(("small", "big", "crc", "huge"))
    real = len(entries[i].data)
    if how == "small":
        new = replace(entries[i], size=max(real // 2, 0))
    elif how == "big":
        new = replace(entries[i], size=real * 3 + 1)
    elif how == "huge":
        new = replace(entries[i], size=0xFFFFFFF0)
    else:
        new = replace(entries[i], crc=zlib.crc32(entries[i].data) ^ 0xDEADBEEF)
    out = list(entries)
    out[i] = new
    return write_zip(out), f"lie-size {entries[i].name} {how}"


_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"


def respell(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """The same XML spelled differently (prefixed elements, single quotes, spaces around '=',
    UTF-16), or the strict-OOXML namespace (another format that looks the same)."""
    i = rng.choice(_sheet_parts(entries) or _xml_parts(entries))
    data = entries[i].data
    how = rng.choice(("prefix", "quotes", "spaces", "utf16", "strict"))
    if how == "prefix":
        out = re.sub(rb"<(/?)(?=[A-Za-z])(?![\w]+:)", rb"<\1x:", data)
        out = out.replace(b'xmlns="' + _MAIN_NS + b'"', b'xmlns:x="' + _MAIN_NS + b'"', 1)
        out = re.sub(rb"<\?x:xml", b"<?xml", out)
    elif how == "quotes":
        out = re.sub(rb'(\s[\w:]+)="([^"\']*)"', rb"\1='\2'", data)
    elif how == "spaces":
        out = re.sub(rb'(\s[\w:]+)="', rb'\1 = "', data)
    elif how == "utf16":
        text = data.decode("utf-8")
        text = re.sub(r"^<\?xml[^>]*\?>", "", text).lstrip()
        out = ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")
    else:
        out = data.replace(_MAIN_NS, _STRICT_NS)
    return write_zip(_set(entries, i, out)), f"respell {how} {entries[i].name}"


# A far cell in every spelling the XML allows: the extent pre-check must see all of them.
_FAR_CELLS = (
    b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    b"<c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c>",
    b'<c r = "XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
    b'<c t="inlineStr" r="XFD1048576"><is><t>x</t></is></c>',
    b'<c r="&#88;FD1048576" t="inlineStr"><is><t>x</t></is></c>',
    b'<c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c>',
    b'<c r="A99999999" t="inlineStr"><is><t>x</t></is></c>',
    b'<c r="ZZZ1" t="inlineStr"><is><t>x</t></is></c>',
    b'<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="XFD1048576"'
    b' t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>',
    b'<c r="XFD1048576"><v>1</v></c>',
)


def far_cell(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """A value added far away (the rectangle calamine allocates), in one of its spellings."""
    sheets = _sheet_parts(entries)
    i = rng.choice(sheets)
    data = entries[i].data
    cell = rng.choice(_FAR_CELLS)
    rows = list(re.finditer(rb"</(?:\w+:)?row>", data))
    if rows:
        at = rng.choice(rows).start()
    else:
        m = re.search(rb"<(?:\w+:)?sheetData\s*/>", data)
        if m is None:
            return flip_bytes(entries, rng)
        at = m.start()
        cell = b"<sheetData><row>" + cell + b"</row></sheetData>"
        data = data[: m.start()] + data[m.end() :]
    out = data[:at] + cell + data[at:]
    return write_zip(_set(entries, i, out)), f"far-cell {entries[i].name} {cell[:40]!r}"


_VALUES = (b"1e308", b"-1e308", b"NaN", b"inf", b"-inf", b"99999999999", b"-1", b"2958466",
           b"2958465.9999999", b"-693594", b"1.7976931348623157e309", b"0x10", b"", b" 1 ",
           b"1,5", b"60", b"0", b"1e-320", b"9" * 400, b"2", b"#REF!", b"2019-02-30T25:61:00",
           b"TRUE")  # fmt: skip


def alter_value(entries: list[Entry], rng: random.Random) -> tuple[bytes, str]:
    """Set one cell value (<v>, numbers and date serials most of all) to a hostile value:
    huge, negative, NaN, past 9999-12-31, not a number; sometimes with another cell type."""
    sheets = [i for i in _sheet_parts(entries) if b"<v>" in entries[i].data]
    if not sheets:
        return alter_attribute(entries, rng)
    i = rng.choice(sheets)
    data = entries[i].data
    found = list(re.finditer(rb"(<c\b[^>]*>)(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>", data))
    if not found:
        return alter_attribute(entries, rng)
    m = rng.choice(found)
    new = rng.choice(_VALUES)
    head = m.group(1)
    kind = rng.choice((b"", b"", b"n", b"b", b"e", b"d", b"str"))
    if kind:
        bare = re.sub(rb'\st="[^"]*"', b"", head)
        head = bare[:-1] + b' t="' + kind + b'">' if not bare.endswith(b"/>") else bare
    cell = head + b"<v>" + new + b"</v>"
    out = data[: m.start()] + cell + data[m.end() :]
    recipe = (
        f"value {entries[i].name} @{m.start()} {m.group(2)[:20]!r}->{new[:20]!r}"
        f"{' t=' + kind.decode() if kind else ''}"
    )
    return write_zip(_set(entries, i, out)), recipe


MUTATIONS: tuple[tuple[Mutation, int], ...] = (
    (flip_bytes, 20),
    (flip_raw, 5),
    (delete_part, 7),
    (duplicate_part, 5),
    (copy_part, 4),
    (rename_sheet, 8),
    (alter_attribute, 18),
    (alter_element, 9),
    (alter_value, 8),
    (truncate_zip, 4),
    (cut_stream, 5),
    (lie_size, 2),
    (respell, 3),
    (far_cell, 2),
)


@dataclass(frozen=True)
class Mutated:
    """A mutated workbook: its bytes, the seed and the mutation's recipe."""

    data: bytes
    seed: int
    kind: str
    recipe: str


def mutate(source: bytes, seed: int) -> Mutated:
    """Apply one seeded mutation to the workbook ``source`` (the same seed, the same bytes)."""
    rng = random.Random(seed)
    funcs = [f for f, _ in MUTATIONS]
    weights = [w for _, w in MUTATIONS]
    func = rng.choices(funcs, weights=weights)[0]
    data, recipe = func(read_entries(source), rng)
    return Mutated(data, seed, func.__name__.replace("_", "-"), recipe)


# --- the workbooks mutated --------------------------------------------------------------------

AS_OF = "2019-08-31"  # the date the fuzz test validates and consolidates as of
SOURCE_UNIT = "FUZZ"  # the unit of every source form (good forms are of other units)
GOOD_UNITS = ("BAIK1", "BAIK2")


def build_sources(out_dir: Path, *, libreoffice: bool = True) -> dict[str, Path]:
    """The workbooks to mutate and the good forms, of the embedded plan, in ``out_dir``.

    Sources (unit FUZZ, every row): ``xlsxwriter`` the form as distributed; ``openpyxl`` that
    form filled through openpyxl (``fill_form``) with three planted errors on three sheets
    (so every readable mutant still has issues to show); ``libreoffice`` the filled form saved
    again by LibreOffice (shared strings, its own styles and spelling). Good forms: units
    BAIK1 and BAIK2, filled without mistakes and dated later than the sources, so no mutant
    of FUZZ can supersede them.
    """
    import datetime as dt

    from rkt_excel.generate import distribute_forms
    from rkt_excel.simulate import fill_form, read_meta, simulate_unit
    from rkt_excel.template import load_template
    from rkt_excel.units import Unit

    plan = load_template()
    as_of = dt.date.fromisoformat(AS_OF)
    blank = out_dir / "blank"
    units = [
        Unit(SOURCE_UNIT, "Seksi Uji Ketahanan"),
        Unit(GOOD_UNITS[0], "Seksi Baik Satu", components=("II",)),
        Unit(GOOD_UNITS[1], "Seksi Baik Dua", components=("III", "IV")),
    ]
    forms = dict(zip((u.code for u in units), distribute_forms(plan, units, blank), strict=True))
    out: dict[str, Path] = {"xlsxwriter": forms[SOURCE_UNIT]}
    for n, code in enumerate((SOURCE_UNIT, *GOOD_UNITS)):
        _, rows = read_meta(forms[code])
        sim = simulate_unit(plan, list(rows), seed=7 + n, as_of=as_of, invalid_share=0)
        values = {row_id: dict(v) for row_id, v in sim.rows.items()}
        identity = {**sim.identity, "tanggal_pengisian": as_of - dt.timedelta(days=1)}
        if code == SOURCE_UNIT:
            ids = list(rows)
            values[ids[0]]["capaian"] = 120  # out-of-range, on the first component sheet
            values[ids[-1]]["status"] = "Hampir selesai"  # invalid-option, on the last one
            identity |= {"nip": "123", "tanggal_pengisian": as_of - dt.timedelta(days=30)}
            target = out_dir / "openpyxl.xlsx"
            out["openpyxl"] = fill_form(forms[code], values, identity=identity, out=target,
                                        strict=False)  # fmt: skip
        else:
            target = out_dir / f"good-{code}.xlsx"
            out[f"good-{code}"] = fill_form(forms[code], values, identity=identity, out=target)
    if libreoffice:
        from programs import soffice_convert

        [saved] = soffice_convert([out["openpyxl"]], out_dir / "lo", recalc=False)
        out["libreoffice"] = saved.rename(out_dir / "libreoffice.xlsx")
    for path in out.values():
        _freeze(path)
    return out


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _freeze(path: Path) -> None:
    """Make a source the same bytes on every run: the save time fixed, the zip rewritten
    here (fixed timestamps), so ``mutate(source, seed)`` is reproducible anywhere."""
    entries = [
        replace(e, data=_MODIFIED.sub(rb"\g<1>2019-08-31T00:00:00Z\2", e.data))
        if e.name == "docProps/core.xml"
        else e
        for e in read_entries(path.read_bytes())
    ]
    path.write_bytes(write_zip(entries))


def main(argv: list[str]) -> int:
    """Write a corpus of mutated copies of one workbook, with a manifest."""
    import argparse

    if argv[:1] == ["--sources"] and len(argv) == 2:  # the fuzz test's sources, to mutate
        for name, path in build_sources(Path(argv[1])).items():
            print(f"{name}\t{path}")
        return 0
    parser = argparse.ArgumentParser(
        prog="python tests/mutate.py",
        description=f"{main.__doc__} (Or: --sources DIR writes the fuzz test's sources.)",
    )
    parser.add_argument("source", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--first", type=int, default=0, help="first seed")
    args = parser.parse_args(argv)
    source = args.source.read_bytes()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for seed in range(args.first, args.first + args.count):
        m = mutate(source, seed)
        name = f"mut-{args.source.stem}-{seed:05d}-{m.kind}.xlsx"
        (args.out_dir / name).write_bytes(m.data)
        lines.append(f"{name}\t{seed}\t{m.recipe}")
    (args.out_dir / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
