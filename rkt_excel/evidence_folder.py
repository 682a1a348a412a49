"""The evidence folder: one folder per LKE question (under its area and sub-area), canonically
named, ready to upload to the office's shared drive, and an index workbook of the evidence
found per question and unit.

Owns the folder names (``folder_name``: the id plus a shortened, filesystem-safe name that
Windows, macOS and Linux all accept) and writing the tree, each question's ``_bukti.txt`` (what
is asked for, what was given) and ``indeks-bukti.xlsx``. Every file goes through
``xlsx_io.atomic_write``; user text is written as text, never as a formula. What counts as
evidence is evidence.py's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from rkt_excel.consolidate import Consolidation
from rkt_excel.evidence import KIND_TEXTS, EvidenceCheck
from rkt_excel.guide import EVIDENCE_RULE
from rkt_excel.lke import LkeModel
from rkt_excel.recap.cells import WORKBOOK_OPTIONS, Sheet, created, formats, pct
from rkt_excel.recap.labels import NO, YES
from rkt_excel.xlsx_io import atomic_write

INDEX_NAME = "indeks-bukti.xlsx"
NOTE_NAME = "_bukti.txt"
NAME_LIMIT = 48  # characters of one folder name: three levels stay far below Windows' 260
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{n}" for n in range(1, 10)),
        *(f"LPT{n}" for n in range(1, 10)),
    }
)
HASIL_FOLDER = "H Komponen Hasil"


def folder_name(key: str, name: str, limit: int = NAME_LIMIT) -> str:
    """``key`` plus as much of ``name`` as fits in ``limit`` characters, cut at a word, with
    accents folded and the characters no file system takes (``<>:"/\\|?*``, control
    characters, a trailing dot or space) removed: "P.1.i.a Unit kerja telah membentuk tim"."""

    def clean(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        return " ".join(_UNSAFE.sub(" ", folded).split())

    head, words = clean(key), clean(name).split()
    out = head
    for word in words:
        if len(out) + 1 + len(word) > limit:
            break
        out = f"{out} {word}" if out else word
    out = out[:limit].rstrip(". ") or "_"
    if out.split(".")[0].upper() in _RESERVED:
        out = "_" + out
    return out


@dataclass(frozen=True)
class EvidenceFolder:
    """What ``write_evidence_folder`` wrote: the root, every question folder by question id
    (item ids for ratio items), and the index workbook."""

    root: Path
    folders: Mapping[str, Path]
    index: Path
    items: int  # evidence items listed in the index


def question_folders(model: LkeModel, root: Path) -> dict[str, Path]:
    """Question (scored item, or hasil input) id -> its folder under ``root``, in LKE order:
    <area>/<sub-area>/<question> and H Komponen Hasil/<component>/<input>."""
    out: dict[str, Path] = {}
    for area in model.areas:
        area_dir = root / folder_name(area.id, area.name)
        for sub in model.sub_areas_of(area.id):
            sub_dir = area_dir / folder_name(sub.id, sub.name)
            for item_id in sub.items:
                out[item_id] = sub_dir / folder_name(item_id, model.items[item_id].text)
    hasil = root / HASIL_FOLDER
    for comp in model.hasil:
        comp_dir = hasil / folder_name(comp.id, comp.name)
        for qid in comp.items:
            out[qid] = comp_dir / folder_name(qid, model.questions[qid].text)
    return out


def _folder_key(model: LkeModel, question: str) -> str:
    """The folder a question's evidence goes to: a Jumlah input's is its ratio item's."""
    q = model.questions.get(question)
    return q.item if q is not None and q.kind == "jumlah" and q.item else question


def _note(key: str, model: LkeModel, checks: Iterable[EvidenceCheck]) -> str:
    """The text of a question folder's _bukti.txt (Indonesian)."""
    text = model.items[key].text if key in model.items else model.questions[key].text
    lines = [f"{key} {text}", ""]
    found = list(checks)
    asked = list(dict.fromkeys(e for c in found for e in c.expected))
    question = model.questions.get(key)
    if question is not None and question.data_dukung:
        lines += ["Data dukung menurut pedoman:", question.data_dukung, ""]
    lines.append("BUKTI FISIK menurut RKT:" if asked else "Tidak ada baris RKT yang terkait.")
    lines += [f"- {e}" for e in asked]
    lines.append("")
    for check in found:
        unit = f"{check.unit_code} (baris {check.row_id})"
        given = [f"  - {i.text} [{KIND_TEXTS[i.kind].id}]" for i in check.items]
        lines.append(f"{unit}: {len(check.met)} dari {len(check.expected)} bukti fisik")
        lines += given or ["  (belum ada bukti dukung)"]
        lines += [f"  kurang: {m}" for m in check.missing]
    return "\n".join(lines) + "\n"


def write_evidence_folder(c: Consolidation, root: str | Path) -> EvidenceFolder:
    """Write the folder tree, each question's _bukti.txt and the index workbook under
    ``root`` (created when missing; files already there are left alone, ours replaced)."""
    base = Path(root)
    model = c.model
    folders = question_folders(model, base)
    by_key: dict[str, list[EvidenceCheck]] = {}
    for check in c.evidence_report.checks:
        if check.question:
            by_key.setdefault(_folder_key(model, check.question), []).append(check)
    for key, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_write(folder / NOTE_NAME) as tmp:
            tmp.write_text(_note(key, model, by_key.get(key, ())), encoding="utf-8")
    index = base / INDEX_NAME
    items = _write_index(c, folders, by_key, index, base)
    return EvidenceFolder(base, folders, index, items)


_INDEX_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Kode", 11),
    ("Pertanyaan", 40),
    ("Folder", 34),
    ("Kode Unit", 11),
    ("Nama Unit", 22),
    ("ID Baris", 9),
    ("Bukti Dukung", 40),
    ("Jenis", 20),
    ("Dapat dibuka", 12),
)
_COMPLETENESS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("Kode", 11),
    ("Pertanyaan", 44),
    ("Folder", 34),
    ("Bukti fisik diminta", 11),
    ("Sudah ada bukti", 11),
    ("Kelengkapan (%)", 11),
    ("Yang masih kurang", 50),
)


def _write_index(
    c: Consolidation,
    folders: Mapping[str, Path],
    by_key: Mapping[str, list[EvidenceCheck]],
    path: Path,
    base: Path,
) -> int:
    model = c.model
    names = {f.identity.unit_code: f.identity.unit_name for f in c.forms}
    names.update({u.code: u.name for u in c.missing})
    count = 0
    with atomic_write(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        try:
            wb.set_properties(
                {
                    "title": f"Indeks bukti dukung {c.summary.office}",
                    "author": "rkt-excel",
                    "created": created(c.summary.as_of),
                }
            )
            fmt = formats(wb)
            sh = Sheet(wb.add_worksheet("Indeks Bukti"), fmt)
            sh.header(0, [t for t, _ in _INDEX_COLUMNS], [w for _, w in _INDEX_COLUMNS])
            sh.print_as_table(0)
            row = 1
            for key, folder in folders.items():
                text = model.items[key].text if key in model.items else model.questions[key].text
                where = folder.relative_to(base).as_posix()
                for check in by_key.get(key, ()):
                    given = check.items or (None,)
                    for item in given:
                        for col, value in enumerate(
                            (
                                key,
                                text,
                                where,
                                check.unit_code,
                                names.get(check.unit_code, ""),
                                check.row_id,
                            )
                        ):
                            sh.put(row, col, value)
                        if item is None:
                            sh.put(row, 6, "(belum ada bukti dukung)", "invalid")
                            sh.put(row, 7, None)
                            sh.put(row, 8, None)
                        else:
                            sh.link(row, 6, item.text, item.text if item.valid else None, "text")
                            sh.put(row, 7, KIND_TEXTS[item.kind].id)
                            sh.put(
                                row,
                                8,
                                YES if item.valid else NO,
                                "text" if item.valid else "invalid",
                            )
                            count += 1
                        shown = "" if item is None else item.text
                        sh.fit_rows(row, [(text, 40), (where, 34), (shown, 40)])
                        row += 1
            sh.ws.freeze_panes(1, 0)
            sh.ws.autofilter(0, 0, max(row - 1, 1), len(_INDEX_COLUMNS) - 1)
            _completeness(wb, fmt, c, folders, by_key, base)
            rule = wb.add_worksheet("Aturan Bukti")
            rule.set_column(0, 0, 110)
            for n, line in enumerate(EVIDENCE_RULE):
                rule.write_string(n, 0, line, fmt["text"])
        finally:
            wb.close()
    return count


def _completeness(
    wb: xlsxwriter.Workbook,
    fmt: Mapping[str, object],
    c: Consolidation,
    folders: Mapping[str, Path],
    by_key: Mapping[str, list[EvidenceCheck]],
    base: Path,
) -> None:
    model = c.model
    sh = Sheet(wb.add_worksheet("Kelengkapan"), fmt)
    sh.header(0, [t for t, _ in _COMPLETENESS_COLUMNS], [w for _, w in _COMPLETENESS_COLUMNS])
    sh.print_as_table(0)
    row = 1
    for key, folder in folders.items():
        checks = by_key.get(key, ())
        if not checks:
            continue
        expected = sum(len(ch.expected) for ch in checks)
        met = sum(len(ch.met) for ch in checks)
        text = model.items[key].text if key in model.items else model.questions[key].text
        missing = [f"{m} ({ch.unit_code})" for ch in checks for m in ch.missing]
        where = folder.relative_to(base).as_posix()
        values = (key, text, where, expected, met)
        for col, value in enumerate(values):
            sh.put(row, col, value)
        sh.put(row, 5, pct(100.0 * met / expected) if expected else None, "percent")
        sh.put(row, 6, "\n".join(missing))
        sh.fit_rows(row, [(text, 44), (where, 34), ("\n".join(missing), 50)])
        row += 1
    sh.ws.freeze_panes(1, 0)


__all__ = [
    "HASIL_FOLDER",
    "INDEX_NAME",
    "NOTE_NAME",
    "EvidenceFolder",
    "folder_name",
    "question_folders",
    "write_evidence_folder",
]
