"""Indonesian-like cell text for tests and measurements of rkt_excel.textfit (not a test module),
and a workbook of such rows sized by ``row_height``.

Words of the kind an RKT holds: plan vocabulary, capitals, numbers with dots, dates, hyphenated
reduplications, slashes, links, dashes, quotes, punctuation and explicit line breaks.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from rkt_excel import textfit

_VOCABULARY = """
rencana kerja tahunan pembangunan zona integritas menuju wilayah bebas dari korupsi birokrasi
bersih melayani kantor imigrasi kelas pelaksanaan monitoring evaluasi pemantauan laporan kegiatan
dokumen bukti dukung sosialisasi penetapan agen perubahan pegawai pelayanan publik survei kepuasan
masyarakat penguatan akuntabilitas kinerja pengawasan pengendalian gratifikasi whistleblowing
penanganan benturan kepentingan SK tim TU Januari Februari Maret April Mei Juni Juli Agustus
September Oktober November Desember 2019 2020 Rp yang dan di ke untuk dengan pada oleh sebagai
telah sudah belum akan secara berkala setiap bulan triwulan pertanggungjawaban mengoordinasikan
"""
WORDS = tuple(_VOCABULARY.split())
SPECIAL = (
    "kegiatan-kegiatan", "pegawai-pegawai", "s.d.", "(SK)", "Kep-12/2019", "1.500.000",
    "http://drive.google.com/folder/abc", "a.", "b.", "dll.", "Tidak/Ya", "100%", "—", "–",
    "“SK”", "e-mail", "2019-2020", "WBK/WBBM", "ke-3", "Nomor: W13.UM.01.01-123", "ÉÀü",
)  # fmt: skip
PUNCTUATION = (",", ".", ";", ":")


def random_text(rng: random.Random) -> str:
    """A cell's text: 1 to 90 words, sometimes several paragraphs, sometimes one long word."""
    if rng.random() < 0.04:
        return rng.choice("xmW0") * rng.randint(10, 120)
    words: list[str] = []
    for _ in range(rng.choice((1, 2, 3, 5, 8, 12, 20, 35, 60, 90))):
        word = rng.choice(SPECIAL) if rng.random() < 0.12 else rng.choice(WORDS)
        if rng.random() < 0.05:
            word = word.upper()
        if rng.random() < 0.08:
            word += rng.choice(PUNCTUATION)
        words.append(word)
        if rng.random() < 0.04:
            words.append("\n")
    return " ".join(words).replace(" \n ", "\n").strip(" ")


def write_rows(
    path: Path,
    column_widths: Sequence[float],
    rows: Sequence[tuple[int, textfit.Cell]],
    programs: Sequence[textfit.Program] = ("libreoffice", "both"),
) -> Path:
    """One sheet per program (named after it): row n holds the n-th (column, cell), wrapped,
    its height ``row_height([cell], program=program, minimum=0)``."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    formats: dict[tuple[str, float, bool, bool], Any] = {}
    for program in programs:
        ws = wb.add_worksheet(program)
        for c, w in enumerate(column_widths):
            ws.set_column(c, c, w)
        for r, (c, cell) in enumerate(rows):
            key = (cell.font, cell.size, cell.bold, cell.italic)
            if key not in formats:
                formats[key] = wb.add_format(
                    {
                        "font_name": cell.font,
                        "font_size": cell.size,
                        "bold": cell.bold,
                        "italic": cell.italic,
                        "text_wrap": True,
                        "valign": "top",
                    }
                )
            ws.write_string(r, c, cell.text, formats[key])
            ws.set_row(r, textfit.row_height([cell], program=program, minimum=0))
    wb.close()
    return path
