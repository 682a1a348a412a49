"""Oracles for printed pages and row heights: what LibreOffice makes of a workbook or document.

For tests (marked ``programs``) that must prove a file prints and reads well:

- ``inspect_workbooks(paths, out_dir)`` opens each .xlsx in one headless LibreOffice (through
  UNO, tests/lo_worker.py) and tells, per visible sheet, its printed pages (each sheet printed
  alone, the others hidden, so pages of different sheets never mix): count, paper, orientation,
  cells on each page (so how many pages wide), and the smallest effective text size (text size
  times print scale, read from the PDF). It also sets every used row to LibreOffice's optimal
  height and compares with the height the file sets: ``too_low()`` and ``too_high()``.
- ``inspect_documents(paths, out_dir)`` prints each .docx and tells its pages, smallest text
  size, words outside the page and words of the document missing from the pages.

Example::

    layout = inspect_workbooks([path], tmp_path)[path]
    lke = layout.sheets["LKE"]
    assert (lke.paper, lke.orientation, lke.pages_wide) == ("A4", "landscape", 1)
    assert lke.min_font_pt >= 7 and lke.page_count <= 12
    assert layout.too_low() == []

Text sizes come from ``pdftotext -bbox`` (poppler-utils): a word's box is (ascent - descent)
x its size. LibreOffice 7.4 writes ascent and descent 0 in its PDF font descriptors, so poppler
uses its defaults 0.95 and -0.35 (1.3 in all); a PDF with other descriptors is refused rather
than measured wrong.
"""

from __future__ import annotations

import collections
import functools
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

WORKER = Path(__file__).with_name("lo_worker.py")
PDFTOTEXT = shutil.which("pdftotext")
MM_PER_PT = 25.4 / 72
POPPLER_BOX = 1.3  # poppler's default ascent 0.95 minus descent -0.35, used for LibreOffice PDFs

# Paper sizes (mm, portrait). F4 is what Indonesian offices call Folio (Excel paper 14,
# 8.5 x 13 in); A4 is 210 x 297.
PAPERS = {
    "A4": (210.0, 297.0),
    "F4": (215.0, 330.0),
    "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6),
    "A3": (297.0, 420.0),
}
PAPER_TOLERANCE_MM = 1.5

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
}


@functools.cache
def uno_python() -> str | None:
    """A Python that can import LibreOffice's ``uno`` (the system one, with python3-uno)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            done = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=60, check=False
            )
            if done.returncode == 0:
                return candidate
    return None


def _missing_tools() -> str | None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return "LibreOffice (soffice) not installed"
    if PDFTOTEXT is None:
        return "pdftotext not installed (apt-get install poppler-utils)"
    if uno_python() is None:
        return "LibreOffice's Python bridge not installed (apt-get install python3-uno)"
    for font, free, package in (
        ("Arial", "LiberationSans", "fonts-liberation2"),
        ("Calibri", "Carlito", "fonts-crosextra-carlito"),
    ):
        if free not in _font_file(font):
            return f"{font} is not drawn with {free} (apt-get install {package})"
    return None


def _font_file(family: str) -> str:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return ""
    done = subprocess.run(
        [fc_match, "-f", "%{file}", family], capture_output=True, text=True, check=False
    )
    return done.stdout


needs_uno = pytest.mark.skipif(_missing_tools() is not None, reason=_missing_tools() or "")


# --- pages ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float  # points from the page's left and top edges
    y0: float
    x1: float
    y1: float

    @property
    def size_pt(self) -> float:
        """The word's effective text size in points (as printed, scale included)."""
        return (self.y1 - self.y0) / POPPLER_BOX


@dataclass(frozen=True)
class Page:
    """One printed page."""

    number: int  # 1-based, within its PDF
    width_mm: float
    height_mm: float
    words: tuple[Word, ...]
    cut_lines: tuple[CutLine, ...] = ()  # lines of text hidden below their cell's bottom

    @property
    def paper(self) -> str:
        """ "A4", "F4", "Letter", "Legal", "A3", else "<w>x<h>mm" (portrait order)."""
        short, long_ = sorted((self.width_mm, self.height_mm))
        for name, (w, h) in PAPERS.items():
            if abs(short - w) <= PAPER_TOLERANCE_MM and abs(long_ - h) <= PAPER_TOLERANCE_MM:
                return name
        return f"{short:.0f}x{long_:.0f}mm"

    @property
    def orientation(self) -> str:
        return "landscape" if self.width_mm > self.height_mm else "portrait"

    @property
    def min_font_pt(self) -> float | None:
        """The smallest effective text size on the page (None for a page without text)."""
        return min((w.size_pt for w in self.words), default=None)

    @property
    def outside(self) -> list[Word]:
        """Words that reach past an edge of the page."""
        w, h = self.width_mm / MM_PER_PT, self.height_mm / MM_PER_PT
        return [x for x in self.words if x.x0 < 0 or x.y0 < 0 or x.x1 > w or x.y1 > h]

    @property
    def text_right_mm(self) -> float:
        """How far from the left edge the rightmost text reaches."""
        return max((w.x1 for w in self.words), default=0.0) * MM_PER_PT


def _font_descriptors_ok(pdf: Path) -> None:
    data = pdf.read_bytes()
    for m in re.finditer(rb"/Type\s*/FontDescriptor(.*?)>>", data, re.S):
        asc = re.search(rb"/Ascent\s+(-?[\d.]+)", m.group(1))
        desc = re.search(rb"/Descent\s+(-?[\d.]+)", m.group(1))
        values = [float(x.group(1)) for x in (asc, desc) if x]
        if any(v != 0 for v in values):
            raise AssertionError(
                f"{pdf}: a font descriptor gives ascent/descent {values}; text sizes from "
                "pdftotext boxes assume LibreOffice's zeros (tests/pages.py)"
            )


# Content streams: LibreOffice draws the text of a cell that does not fit it inside
# "q <x y w h> re W* n ... Q", each line "BT x y Td /F size Tf ... ET". Tokens, roughly: arrays,
# strings, numbers, names, operators.
_PDF_TOKEN = re.compile(
    rb"\[(?:<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\)|[^\]])*\]|<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\)"
    rb"|[-+]?(?:\d+\.?\d*|\.\d+)|/[^\s/\[\]()<>]+|[A-Za-z*'\"]+"
)


@dataclass(frozen=True)
class CutLine:
    """A line of text drawn inside a cell's clip but below its bottom: hidden on paper."""

    x: float  # the line's start, points from the page's left edge
    y: float  # its baseline, points from the page's top edge
    size_pt: float
    cell_bottom: float  # the clip's bottom, points from the top edge


def _hidden_lines(content: bytes, height: float) -> list[CutLine]:
    """Lines of one page's content stream whose baseline lies under their clip's bottom."""
    clips: list[tuple[float, float] | None] = [None]  # (bottom, top) per graphics state
    operands: list[bytes] = []
    hidden: list[CutLine] = []
    size = 0.0
    rect: tuple[float, float] | None = None  # the last rectangle of the current path
    for tok in _PDF_TOKEN.findall(content):
        if tok[:1] in b"0123456789-+.[<(/":
            operands.append(tok)
            continue
        if tok == b"q":
            clips.append(clips[-1])
        elif tok == b"Q" and len(clips) > 1:
            clips.pop()
        elif tok == b"re" and len(operands) >= 4:
            _, y, _, h = (float(v) for v in operands[-4:])
            rect = (y, y + h)
        elif tok in (b"W", b"W*") and rect is not None:
            clips[-1] = rect  # a rectangle is a clip only when W follows (else a fill)
        elif tok in (b"n", b"f", b"f*", b"S", b"B", b"b"):
            rect = None
        elif tok == b"Tf" and operands:
            size = float(operands[-1])
        elif tok in (b"Td", b"Tm") and len(operands) >= 2:
            x, y = float(operands[-2]), float(operands[-1])
            clip = clips[-1]
            if clip is not None and y < clip[0] - 0.5:
                hidden.append(CutLine(x, height - y, size, height - clip[0]))
        operands = []
    return hidden


def _page_hidden_lines(pdf: Path) -> list[list[CutLine]]:
    """Per page (in file order, as LibreOffice writes them), the lines its clips hide."""
    data = pdf.read_bytes()
    streams: dict[int, tuple[bytes, bytes]] = {}
    for m in re.finditer(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n", data, re.S):
        end = data.index(b"endstream", m.end())
        streams[int(m.group(1))] = (m.group(2), data[m.end() : end])
    pages = []
    for m in re.finditer(rb"\d+ 0 obj\s*<<(/Type\s*/Page\b.*?)>>\s*endobj", data, re.S):
        box = re.search(rb"/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)", m.group(1))
        height = float(box.group(1)) if box else 0.0
        lines: list[CutLine] = []
        for ref in re.findall(rb"/Contents\s+(\d+) 0 R", m.group(1)):
            head, raw = streams[int(ref)]
            lines += _hidden_lines(zlib.decompress(raw) if b"FlateDecode" in head else raw, height)
        pages.append(lines)
    return pages


def read_pdf(pdf: Path) -> list[Page]:
    """The pages of a PDF with their words and sizes (poppler's pdftotext -bbox) and the
    lines of text their cells' clips hide."""
    assert PDFTOTEXT is not None
    _font_descriptors_ok(pdf)
    hidden = _page_hidden_lines(pdf)
    done = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"pdftotext failed on {pdf}: {done.stderr!r}"
    xhtml = re.sub(rb"<!DOCTYPE[^>]*>", b"", done.stdout)
    root = ET.fromstring(xhtml)
    pages: list[Page] = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        words = tuple(
            Word(
                w.text or "",
                float(w.get("xMin", 0)),
                float(w.get("yMin", 0)),
                float(w.get("xMax", 0)),
                float(w.get("yMax", 0)),
            )
            for w in page.iter("{http://www.w3.org/1999/xhtml}word")
        )
        width_pt, height_pt = float(page.get("width", 0)), float(page.get("height", 0))
        cut = tuple(hidden[number - 1]) if len(hidden) >= number else ()
        pages.append(Page(number, width_pt * MM_PER_PT, height_pt * MM_PER_PT, words, cut))
    assert len(hidden) == len(pages), f"{pdf}: pages of the content and of pdftotext differ"
    return pages


def _min(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _one(values: Iterable[str]) -> str:
    found = sorted(set(values))
    return found[0] if len(found) == 1 else "/".join(found)


class _Printed:
    """What every printout tells of its pages (``pages`` is set by the dataclass)."""

    pages: tuple[Page, ...]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def paper(self) -> str:
        """The paper of every page ("A4"), or the papers found joined by "/"."""
        return _one(p.paper for p in self.pages)

    @property
    def orientation(self) -> str:
        return _one(p.orientation for p in self.pages)

    @property
    def min_font_pt(self) -> float | None:
        """The smallest effective text size on any page."""
        return _min(p.min_font_pt for p in self.pages)


@dataclass(frozen=True)
class SheetPages(_Printed):
    """A sheet printed alone: its pages and the cells on each."""

    sheet: str
    pdf: Path
    pages: tuple[Page, ...]
    ranges: tuple[tuple[int, int, int, int], ...]  # per page: first/last column, first/last row
    scale: int  # print scale in percent, as LibreOffice applies it
    fit_width: int  # pages wide the sheet is fit to (0: not set)
    fit_height: int
    # letters and digits of the printed cells' text that are not on the pages: text LibreOffice
    # left out because its cell is too small (it prints only what fits). Compared character by
    # character, so a word broken over two lines still counts as printed; text in a header or
    # footer can hide a loss of the same characters.
    missing_chars: collections.Counter[str] = field(default_factory=collections.Counter)

    @property
    def pages_wide(self) -> int:
        """How many pages side by side the sheet prints on (distinct first columns)."""
        return len({r[0] for r in self.ranges})

    @property
    def pages_tall(self) -> int:
        return len({r[2] for r in self.ranges})

    @property
    def one_page_wide(self) -> bool:
        return self.pages_wide == 1

    @property
    def cut_lines(self) -> list[tuple[int, CutLine]]:
        """(page, line) for every line of text hidden below its cell's bottom."""
        return [(p.number, c) for p in self.pages for c in p.cut_lines]

    @property
    def text_lost(self) -> bool:
        """Some text of the printed cells is not on the pages, or hidden by its cell's edge."""
        return bool(self.missing_chars) or bool(self.cut_lines)


@dataclass(frozen=True)
class RowHeight:
    """A used row: the height the file sets and the height LibreOffice finds optimal."""

    sheet: str
    row: int  # 1-based, as Excel shows it
    height_pt: float  # as written (the sheet's default height when the file sets none)
    needed_pt: float  # LibreOffice's optimal height
    wrapped: bool  # the row has a non-empty cell with wrapped text

    @property
    def over_pt(self) -> float:
        return self.height_pt - self.needed_pt


@dataclass
class WorkbookLayout:
    """What LibreOffice makes of one workbook."""

    path: Path
    sheets: dict[str, SheetPages] = field(default_factory=dict)
    rows: list[RowHeight] = field(default_factory=list)

    def too_low(self, *, wrapped_only: bool = True) -> list[RowHeight]:
        """Rows lower than LibreOffice needs (rows with wrapped text only, by default).

        Heights compare in twips (1/20 pt), LibreOffice's unit for row heights.
        """
        return [
            r
            for r in self.rows
            if (r.wrapped or not wrapped_only) and round(r.height_pt * 20) < round(r.needed_pt * 20)
        ]

    def too_high(
        self, max_over_pt: float, max_over_fraction: float = 0.0, *, wrapped_only: bool = True
    ) -> list[RowHeight]:
        """Rows higher than LibreOffice needs by more than ``max_over_pt`` plus
        ``max_over_fraction`` of the need."""
        return [
            r
            for r in self.rows
            if (r.wrapped or not wrapped_only)
            and r.over_pt > max_over_pt + max_over_fraction * r.needed_pt + 1e-6
        ]


# --- reading an .xlsx -----------------------------------------------------------------------


def _xlsx_sheets(z: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) in workbook order."""
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", _NS)}
    out = []
    for s in wb.findall("m:sheets/m:sheet", _NS):
        t = target[s.get(f"{{{_NS['r']}}}id")]
        part = t.lstrip("/") if t.startswith("/") else f"xl/{t}"
        out.append((s.get("name", ""), part))
    return out


def _wrapping_styles(z: zipfile.ZipFile) -> set[int]:
    styles = ET.fromstring(z.read("xl/styles.xml"))
    xfs = styles.findall("m:cellXfs/m:xf", _NS)
    wrap = set()
    for i, xf in enumerate(xfs):
        al = xf.find("m:alignment", _NS)
        if al is not None and al.get("wrapText") in ("1", "true"):
            wrap.add(i)
    return wrap


def _col_number(ref: str) -> tuple[int, int]:
    """0-based (column, row) of a cell reference such as "AB12"."""
    m = re.match(r"([A-Z]+)(\d+)", ref)
    assert m, ref
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return col - 1, int(m.group(2)) - 1


def _shared_strings(z: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    root = ET.fromstring(z.read("xl/sharedStrings.xml"))
    return [
        "".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t"))
        for si in root.findall("m:si", _NS)
    ]


def read_cell_text(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet, the text of every visible cell holding a string: {(column, row): text},
    0-based, rows and columns that are hidden left out."""
    out: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as z:
        strings = _shared_strings(z)
        for name, part in _xlsx_sheets(z):
            root = ET.fromstring(z.read(part))
            hidden_cols: set[int] = set()
            for col in root.iterfind("m:cols/m:col", _NS):
                if col.get("hidden") in ("1", "true"):
                    hidden_cols.update(range(int(col.get("min", 1)) - 1, int(col.get("max", 1))))
            cells: dict[tuple[int, int], str] = {}
            for row in root.iterfind("m:sheetData/m:row", _NS):
                if row.get("hidden") in ("1", "true"):
                    continue
                for c in row.findall("m:c", _NS):
                    kind = c.get("t")
                    if kind == "s":
                        text = strings[int(c.findtext("m:v", "0", _NS))]
                    elif kind == "inlineStr":
                        text = "".join(t.text or "" for t in c.iter(f"{{{_NS['m']}}}t"))
                    elif kind == "str":
                        text = c.findtext("m:v", "", _NS)
                    else:
                        continue
                    col, r = _col_number(c.get("r", "A1"))
                    if col not in hidden_cols:
                        cells[col, r] = text
            out[name] = cells
    return out


def _chars(texts: Iterable[str]) -> collections.Counter[str]:
    return collections.Counter(ch for text in texts for ch in text if ch.isalnum())


def read_row_heights(path: Path) -> dict[str, dict[int, tuple[float, bool]]]:
    """Per sheet, per used row (1-based): (height in points as the file sets it, wrapped)."""
    out: dict[str, dict[int, tuple[float, bool]]] = {}
    with zipfile.ZipFile(path) as z:
        wrap = _wrapping_styles(z)
        for name, part in _xlsx_sheets(z):
            rows: dict[int, tuple[float, bool]] = {}
            default = 15.0
            for _, el in ET.iterparse(z.open(part)):
                tag = el.tag.rsplit("}", 1)[-1]
                if tag == "sheetFormatPr":
                    default = float(el.get("defaultRowHeight", default))
                elif tag == "row":
                    wrapped = any(
                        int(c.get("s", 0)) in wrap
                        and (c.find("m:v", _NS) is not None or c.find("m:is", _NS) is not None)
                        for c in el.findall("m:c", _NS)
                    )
                    ht = el.get("ht")
                    rows[int(el.get("r", 0))] = (float(ht) if ht else default, wrapped)
                    el.clear()
            out[name] = rows
    return out


# --- running LibreOffice --------------------------------------------------------------------


def run_worker(jobs: Sequence[dict[str, Any]], work: Path) -> list[dict[str, Any]]:
    """Run tests/lo_worker.py on ``jobs`` (one LibreOffice start); fail on any job's error."""
    python = uno_python()
    assert python is not None, "python3-uno is missing"
    work.mkdir(parents=True, exist_ok=True)
    request, result = work / "lo-request.json", work / "lo-result.json"
    request.write_text(json.dumps({"jobs": list(jobs)}), encoding="utf-8")
    done = subprocess.run(
        [python, str(WORKER), str(request), str(result)],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert done.returncode == 0 and result.exists(), f"lo_worker failed: {done.stderr}"
    results: list[dict[str, Any]] = json.loads(result.read_text(encoding="utf-8"))["results"]
    errors = [r["error"] for r in results if "error" in r]
    assert not errors, f"LibreOffice could not do {len(errors)} job(s): {errors[0]}"
    return results


def inspect_workbooks(
    paths: Sequence[Path], out_dir: Path, *, pages: bool = True, heights: bool = True
) -> dict[Path, WorkbookLayout]:
    """Print every visible sheet of each workbook and/or fit its rows, in one LibreOffice run.

    Returns a ``WorkbookLayout`` per path (keyed by the path given).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = []
    for i, path in enumerate(paths):
        job_dir = out_dir / f"{i:03d}-{Path(path).stem}"
        job_dir.mkdir(parents=True, exist_ok=True)
        jobs.append(
            {
                "kind": "workbook",
                "path": str(Path(path).resolve()),
                "pdf_dir": str(job_dir.resolve()) if pages else None,
                "heights_xlsx": str((job_dir / "fitted.xlsx").resolve()) if heights else None,
            }
        )
    layouts: dict[Path, WorkbookLayout] = {}
    for path, res in zip(paths, run_worker(jobs, out_dir), strict=True):
        layout = WorkbookLayout(Path(path))
        texts = read_cell_text(Path(path)) if pages else {}
        for s in res.get("sheets", []):
            style = s["style"]
            printed = tuple(read_pdf(Path(s["pdf"])))
            ranges = tuple((c0, c1, r0, r1) for c0, c1, r0, r1 in s["pages"])
            in_print = [
                text
                for (c, r), text in texts.get(s["sheet"], {}).items()
                if any(c0 <= c <= c1 and r0 <= r <= r1 for c0, c1, r0, r1 in ranges)
            ]
            on_pages = _chars(w.text for p in printed for w in p.words)
            layout.sheets[s["sheet"]] = SheetPages(
                s["sheet"],
                Path(s["pdf"]),
                printed,
                ranges,
                int(style["scale"]),
                int(style["pages_x"]),
                int(style["pages_y"]),
                _chars(in_print) - on_pages,
            )
        if "heights_xlsx" in res:
            written = read_row_heights(Path(path))
            fitted = read_row_heights(Path(res["heights_xlsx"]))
            for sheet, rows in written.items():
                for row, (height, wrapped) in sorted(rows.items()):
                    needed = fitted.get(sheet, {}).get(row)
                    if needed is not None:
                        layout.rows.append(RowHeight(sheet, row, height, needed[0], wrapped))
        layouts[Path(path)] = layout
    return layouts


# --- documents ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def docx_words(path: Path) -> collections.Counter[str]:
    """The words (runs of letters and digits) of a .docx's body, tables included."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    counts: collections.Counter[str] = collections.Counter()
    for p in root.iter(f"{{{_NS['w']}}}p"):
        text = "".join(t.text or "" for t in p.iter(f"{{{_NS['w']}}}t"))
        counts.update(_TOKEN.findall(text))
    return counts


@dataclass(frozen=True)
class DocumentPages(_Printed):
    """A text document printed by LibreOffice."""

    path: Path
    pdf: Path
    pages: tuple[Page, ...]
    missing_words: collections.Counter[str]  # words of the document not found on its pages

    @property
    def outside(self) -> list[tuple[int, Word]]:
        """(page, word) for every word that reaches past an edge of its page."""
        return [(p.number, w) for p in self.pages for w in p.outside]

    @property
    def within_width(self) -> bool:
        """Every word of the document is printed, none past the page's edges."""
        return not self.missing_words and not self.outside


def inspect_documents(paths: Sequence[Path], out_dir: Path) -> dict[Path, DocumentPages]:
    """Print each .docx with LibreOffice (one run) and read its pages."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        {
            "kind": "document",
            "path": str(Path(p).resolve()),
            "pdf": str((out_dir / f"{i:03d}-{Path(p).stem}.pdf").resolve()),
        }
        for i, p in enumerate(paths)
    ]
    out: dict[Path, DocumentPages] = {}
    for path, res in zip(paths, run_worker(jobs, out_dir), strict=True):
        pdf = Path(res["pdf"])
        pages = tuple(read_pdf(pdf))
        printed: collections.Counter[str] = collections.Counter()
        for page in pages:
            for w in page.words:
                printed.update(_TOKEN.findall(w.text))
        missing = docx_words(Path(path)) - printed
        out[Path(path)] = DocumentPages(Path(path), pdf, pages, missing)
    return out
