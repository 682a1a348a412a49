"""Render the pictures of docs/panduan.md from real outputs (developer tool, not shipped).

Runs the demo (``rkt_excel.demo.run_demo``) into a temporary folder, writes an annotated copy of
one returned form, prints each workbook to PDF with LibreOffice (as a person prints it: every
visible sheet with its own print setup) and turns chosen pages into PNG files with poppler's
pdftoppm. A page is chosen by the sheet name its header shows (every sheet prints the sheet's
name at the top right), so the pictures follow the layout when it changes.

    python scripts/render_guide_pictures.py [--out docs/img/panduan] [--dpi 60]

It also prints docs/panduan-unit.md (the one-page guide for units) through LibreOffice Writer
to docs/panduan-unit.pdf and fails when that takes more than one page.

Needs LibreOffice (soffice), pdftotext and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rkt_excel.annotate import annotate
from rkt_excel.demo import run_demo
from rkt_excel.read import read_form
from rkt_excel.template import load_template
from rkt_excel.validate import validate

ROOT = Path(__file__).resolve().parent.parent

# (picture, workbook key, sheet, which of the sheet's pages: 1 = its first)
PICTURES: tuple[tuple[str, str, str, int], ...] = (
    ("01-formulir-identitas", "form", "Identitas", 1),
    ("02-formulir-komponen", "form", "I Manajemen Perubahan", 1),
    ("03-formulir-kriteria", "form", "Kriteria LKE", 1),
    ("04-formulir-petunjuk", "form", "Petunjuk", 1),
    ("05-hasil-pemeriksaan", "annotated", "Hasil Pemeriksaan", 1),
    ("06-rekap-ringkasan", "recap", "Ringkasan", 1),
    ("07-rekap-perkembangan", "recap", "Perkembangan", 1),
    ("08-rekap-lke", "recap", "LKE", 1),
    ("09-rekap-prioritas", "recap", "Prioritas Perbaikan", 1),
    ("10-rekap-kanwil", "rollup", "Rekap Kanwil", 1),
    ("11-rekap-kanwil-grafik", "rollup", "Rekap Kanwil", 2),
)


def to_pdf(xlsx: Path, out_dir: Path) -> Path:
    """Print a workbook to PDF with LibreOffice (a private profile, headless)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found (apt-get install libreoffice-calc-nogui)")
    with tempfile.TemporaryDirectory(prefix="rkt-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", "pdf", "--outdir", str(out_dir), str(xlsx)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    pdf = out_dir / (xlsx.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice wrote no PDF for {xlsx}")
    return pdf


def page_sheets(pdf: Path) -> list[str]:
    """The first line of each page (its header: office, period, sheet name)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return [_first_line(page) for page in done.stdout.split("\f")]


def _first_line(page: str) -> str:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[0] if lines else ""


def find_page(heads: list[str], sheet: str, nth: int) -> int:
    """The 1-based number of the ``nth`` page whose header ends with ``sheet``."""
    hits = [i + 1 for i, head in enumerate(heads) if head.endswith(sheet)]
    if len(hits) < nth:
        raise SystemExit(f"no page {nth} of sheet {sheet!r} (pages found: {len(hits)})")
    return hits[nth - 1]


def workbooks(work: Path) -> dict[str, Path]:
    """The demo's workbooks, and an annotated copy of a returned form with problems."""
    demo = run_demo(work / "demo")
    office = demo.offices[0]
    plan = load_template()
    copy = None
    for returned in office.returned:
        report = validate(read_form(returned, plan), plan, as_of=dt.date(2019, 8, 31))
        if len(report):
            copy = annotate(returned, report, work / "formulir.periksa.xlsx")
            break
    if copy is None or office.recap is None:
        raise SystemExit("the demo has no form with problems, or no recap")
    return {
        "form": office.forms[0],
        "annotated": copy,
        "recap": office.recap,
        "rollup": demo.rollup,
    }


def markdown_html(text: str) -> str:
    """The small Markdown of docs/panduan-unit.md as HTML: headings, paragraphs, bold, code,
    bullet lists and one table (enough for that page; not a Markdown implementation)."""

    def inline(s: str) -> str:
        s = html.escape(s)
        s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
        return re.sub(r"`(.+?)`", r"<code>\1</code>", s)

    out: list[str] = []
    para: list[str] = []
    rows: list[list[str]] = []
    items: list[str] = []

    def flush() -> None:
        if para:
            out.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()
        if rows:
            head, *body = [r for r in rows if not set("".join(r)) <= set("-: ")]
            cells = "".join(f"<th>{inline(c)}</th>" for c in head)
            trs = "".join(
                "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in body
            )
            out.append(f"<table><tr>{cells}</tr>{trs}</table>")
            rows.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# "):
            flush()
            out.append(f"<h1>{inline(stripped[2:])}</h1>")
        elif stripped.startswith("|"):
            rows.append([c.strip() for c in stripped.strip("|").split("|")])
        elif stripped.startswith("- "):
            items.append(stripped[2:])
        elif line.startswith("  ") and items:
            items[-1] += " " + stripped
        elif not stripped:
            flush()
        else:
            para.append(stripped)
    flush()
    style = (
        "@page { size: A4; margin: 15mm }"
        "body { font-family: Arial, 'Liberation Sans'; font-size: 10pt }"
        "h1 { font-family: Arial, 'Liberation Sans'; font-size: 14pt }"
        "table { border-collapse: collapse; width: 100% }"
        "td, th { border: 1px solid #808080; padding: 2pt; vertical-align: top }"
        "th { background: #1F4E78; color: white }"
    )
    return f"<html><head><meta charset='utf-8'><style>{style}</style></head>" + (
        f"<body>{''.join(out)}</body></html>"
    )


def unit_guide(work: Path, out: Path, dpi: int) -> None:
    """docs/panduan-unit.md printed: docs/panduan-unit.pdf and its picture; one page."""
    source = ROOT / "docs" / "panduan-unit.md"
    page = work / "panduan-unit.html"
    page.write_text(markdown_html(source.read_text(encoding="utf-8")), encoding="utf-8")
    soffice = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
    with tempfile.TemporaryDirectory(prefix="rkt-lo-") as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
             "--outdir", str(work), str(page)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    pdf = work / "panduan-unit.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    if pages != 1:
        raise SystemExit(f"docs/panduan-unit.md prints on {pages} pages, not one: shorten it")
    shutil.copy(pdf, ROOT / "docs" / "panduan-unit.pdf")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(out / "12-panduan-unit")],
        check=True,
        timeout=120,
    )
    print(f"{ROOT / 'docs' / 'panduan-unit.pdf'}: one page")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "panduan")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rkt-pictures-") as tmp:
        work = Path(tmp)
        books = workbooks(work)
        pdfs = {key: to_pdf(path, work) for key, path in books.items()}
        heads = {key: page_sheets(pdf) for key, pdf in pdfs.items()}
        for name, key, sheet, nth in PICTURES:
            page = find_page(heads[key], sheet, nth)
            target = args.out / name
            subprocess.run(
                ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(args.dpi), "-png",
                 "-singlefile", str(pdfs[key]), str(target)],
                check=True, timeout=120,
            )  # fmt: skip
            print(f"{target}.png: {books[key].name}, sheet {sheet}, page {page}")
        unit_guide(work, args.out, args.dpi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
