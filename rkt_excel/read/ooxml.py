"""The OOXML parts of an .xlsx that python-calamine does not show: a small, defended parser.

Owns ``Package`` (a pre-flighted file's bytes, zip and inflated parts), the parsing of its XML
parts (relationships, sheet names, styles, custom properties, formulas and hyperlinks of a
sheet) with expat/defusedxml (no DTD, no entities, no external references), and A1 addresses.
Reads only what pre-flight (preflight.py) has already checked; never writes.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from xml.etree.ElementTree import Element
from xml.parsers import expat

import defusedxml.ElementTree as SafeET

from rkt_excel import layout
from rkt_excel.issues import Issue
from rkt_excel.normalize import is_percent_format
from rkt_excel.read.xmldefence import defended_parser


@dataclass
class Package:
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


# The namespace of the relationship id attribute (r:id) of a sheet or a hyperlink, in either
# conformance class: transitional (what Excel saves by default) and strict (Excel's "Strict
# Open XML Spreadsheet", ISO/IEC 29500 Strict, http://purl.oclc.org/ooxml/...). Elements are
# matched by local name, so a strict file is read like a transitional one once its r:id is.
_R_NAMESPACES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_R_ID_TREE = tuple(f"{{{ns}}}id" for ns in _R_NAMESPACES)  # ElementTree: "{namespace}local"
_R_ID_EVENTS = tuple(f"{ns}}}id" for ns in _R_NAMESPACES)  # parse_events: "namespace}local"
_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_tree(data: bytes) -> Element:
    root: Element = SafeET.fromstring(data)
    return root


# --- small parts, read with expat's callbacks ------------------------------------------------
# defusedxml's ElementTree runs the pure-Python tree builder (to hook the DTD handlers): for the
# few elements wanted from workbook.xml, its rels and custom.xml, expat's callbacks are several
# times faster. The same defences as defusedxml's parsers: a DTD, an entity declaration or an
# external reference raises its DefusedXmlException (pre-flight has already refused them).


def parse_events(
    data: bytes,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Run expat over ``data``; element and attribute names are "namespace}local"."""
    parser = defended_parser()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.Parse(data, True)


def part_rels(pkg: Package, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (target, target mode)."""
    folder, base = posixpath.split(part)
    data = pkg.part(posixpath.join(folder, "_rels", base + ".rels"))
    if data is None:
        return {}
    out: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition("}")[2] == "Relationship":
            out[attrs.get("Id", "")] = (attrs.get("Target", ""), attrs.get("TargetMode", ""))

    parse_events(data, start)
    return out


def _resolve(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _rel_id(attrs: Mapping[str, str], keys: tuple[str, ...]) -> str:
    """The r:id among an element's attributes (``keys``: _R_ID_TREE or _R_ID_EVENTS)."""
    return next((attrs[key] for key in keys if key in attrs), "")


def sheet_parts(pkg: Package) -> dict[str, str]:
    """Sheet name -> part path (e.g. ``xl/worksheets/sheet3.xml``)."""
    wb_data = pkg.part("xl/workbook.xml") or b""
    rels = part_rels(pkg, pkg.names["xl/workbook.xml"])
    out: dict[str, str] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if name.rpartition("}")[2] == "sheet":
            rid = _rel_id(attrs, _R_ID_EVENTS) or attrs.get("id") or ""
            target = rels.get(rid, ("", ""))[0]
            if target:
                out[attrs.get("name", "")] = _resolve("xl", target)

    parse_events(wb_data, start)
    return out


# What a percentage format needs in styles.xml: a "%" in a format code (or a character
# reference that could be one), or a cell style on built-in format 9 or 10.
_BUILTIN_PERCENT = re.compile(rb"""numFmtId\s*=\s*["'](?:9|10)["']""")


def _maybe_percent(styles: bytes) -> bool:
    return b"%" in styles or b"&#" in styles or _BUILTIN_PERCENT.search(styles) is not None


def percent_styles(pkg: Package) -> frozenset[int]:
    """Indices of the cell styles (cellXfs) whose number format shows a percentage."""
    if pkg.percent_styles is None:
        pkg.percent_styles = _find_percent_styles(pkg)
    return pkg.percent_styles


def _find_percent_styles(pkg: Package) -> frozenset[int]:
    data = pkg.part("xl/styles.xml")
    if data is None or not _maybe_percent(data):
        return frozenset()
    root = parse_tree(data)
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


# Built-in number formats that never show a date or a time (ECMA-376 18.8.30).
_NUMBER_FORMATS = frozenset((*range(0, 14), *range(37, 45), 48, 49))
_NOT_FORMAT_LETTERS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def _format_may_be_date(code: str) -> bool:
    plain = _NOT_FORMAT_LETTERS.sub("", code)
    return any(ch in "dDmMyYhHsS" for ch in plain) or "[h" in code.lower() or "[m" in code.lower()


def date_styles(pkg: Package) -> frozenset[int] | None:
    """Indices of the cell styles (cellXfs) whose number format may show a date or a time, as
    calamine decides which numbers to turn into dates; None when styles.xml cannot be read
    (then any style may). Streaming: no tree is built, whatever the part's size."""
    data = pkg.part("xl/styles.xml")
    if data is None:
        return frozenset()
    custom: dict[str, bool] = {}
    xf_formats: list[str] = []
    depth = [0, 0]  # current depth, depth of <cellXfs> (0: outside)

    def start(name: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        local = name.rpartition("}")[2]
        if local == "numFmt":
            custom[attrs.get("numFmtId", "")] = _format_may_be_date(attrs.get("formatCode", ""))
        elif local == "cellXfs":
            depth[1] = depth[0]
        elif local == "xf" and depth[1] and depth[0] == depth[1] + 1:
            xf_formats.append(attrs.get("numFmtId", "0"))

    def end(name: str) -> None:
        if depth[0] == depth[1]:
            depth[1] = 0
        depth[0] -= 1

    try:
        parse_events(data, start, end)
    except expat.ExpatError:
        return None
    out = set()
    for i, fmt in enumerate(xf_formats):
        known = fmt.isdigit() and len(fmt) < 6 and int(fmt) in _NUMBER_FORMATS
        if not known and custom.get(fmt, True):
            out.add(i)
    return frozenset(out)


@dataclass
class SheetXml:
    """What calamine cannot see in one sheet: formulas, style indices and hyperlink targets."""

    formulas: dict[str, str] = field(default_factory=dict)
    styles: dict[str, int] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)


_FORMULA_OR_LINK = re.compile(rb"<(?:\w+:)?(?:f|hyperlink)[\s/>]")


@cache
def col_letter(col: int) -> str:
    """The column letters of a 0-based column index (0 -> A, 26 -> AA), cached per column."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=1 << 16)  # one string per address, shared by every form read
def a1(row: int, col: int) -> str:
    """The A1 address of 0-based (row, col)."""
    return f"{col_letter(col)}{row + 1}"


def col_index(letters: str) -> int:
    """The 0-based column index of column letters (A -> 0, AA -> 26)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def needs_sheet_xml(pkg: Package, part: str, need_styles: bool) -> bool:
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


def read_sheet_xml(pkg: Package, part: str, want: set[str], need_styles: bool) -> SheetXml:
    out = SheetXml()
    data = pkg.part(part)
    if data is None or not want or (not need_styles and not _has_formula_or_link(data)):
        return out
    root = parse_tree(data)
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
                        c = col_index(m.group(1)) if m else c + 1
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
                rid = _rel_id(link.attrib, _R_ID_TREE)
                target = ""
                if rid:
                    rels = rels if rels is not None else part_rels(pkg, part)
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
    c1, c2 = col_index(m1.group(1)), col_index(m2.group(1))
    r1, r2 = int(m1.group(2)), int(m2.group(2))
    if (c2 - c1 + 1) * (r2 - r1 + 1) > 10_000:
        return [parts[0]]
    return [a1(r - 1, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


HYPERLINK_FORMULA = re.compile(
    r'^\s*HYPERLINK\(\s*"((?:[^"]|"")*)"\s*(?:[,;]\s*"((?:[^"]|"")*)"\s*)?\)\s*$', re.IGNORECASE
)


def custom_properties(pkg: Package) -> dict[str, str]:
    """The rkt_ custom document properties, without the prefix."""
    data = pkg.part("docProps/custom.xml")
    out: dict[str, str] = {}
    if data is None:
        return out
    props = _PropertyTexts()
    parse_events(data, props.start, props.end, props.text)
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
