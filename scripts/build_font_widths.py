"""Build rkt_excel/data/font-widths.json from installed fonts (developer tool, not shipped).

The writers use Arial and Calibri. LibreOffice on Linux replaces them with their metric-compatible
free twins, Liberation Sans (Debian package fonts-liberation2) and Carlito
(fonts-crosextra-carlito): same advance width for every character, same vertical metrics. Their
advance widths are facts about the fonts; this script reads them with fontTools and writes them as
data, together with where they come from and the fonts' licence (both SIL Open Font License 1.1).
No glyph outline is copied.

The JSON is committed; run this again only when the fonts change, then review the diff.

    pip install fonttools      # developer-only tool, not a dependency of rkt_excel
    python scripts/build_font_widths.py [--out rkt_excel/data/font-widths.json]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

FONTS: dict[str, dict[str, Any]] = {
    "Liberation Sans": {
        "replaces": "Arial",
        "package": "fonts-liberation2 (Debian)",
        "dir": "/usr/share/fonts/truetype/liberation2",
        "files": {
            "regular": "LiberationSans-Regular.ttf",
            "bold": "LiberationSans-Bold.ttf",
            "italic": "LiberationSans-Italic.ttf",
            "bold_italic": "LiberationSans-BoldItalic.ttf",
        },
    },
    "Carlito": {
        "replaces": "Calibri",
        "package": "fonts-crosextra-carlito (Debian)",
        "dir": "/usr/share/fonts/truetype/crosextra",
        "files": {
            "regular": "Carlito-Regular.ttf",
            "bold": "Carlito-Bold.ttf",
            "italic": "Carlito-Italic.ttf",
            "bold_italic": "Carlito-BoldItalic.ttf",
        },
    },
}


def runs(widths: dict[int, int]) -> list[list[Any]]:
    """Advance widths as runs of consecutive code points: [[first, [w, w, ...]], ...]."""
    out: list[list[Any]] = []
    for cp in sorted(widths):
        if out and out[-1][0] + len(out[-1][1]) == cp:
            out[-1][1].append(widths[cp])
        else:
            out.append([cp, [widths[cp]]])
    return out


def style_table(path: Path) -> dict[str, Any]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    hhea = font["hhea"]
    os2 = font["OS/2"]
    name = font["name"]
    widths = {cp: hmtx[glyph][0] for cp, glyph in cmap.items() if cp <= 0xFFFF}
    return {
        "file": path.name,
        "version": str(name.getDebugName(5)).split(";")[0],
        "copyright": " ".join(str(name.getDebugName(0) or "").split()),
        "license": " ".join(str(name.getDebugName(13) or "").split()),
        "units_per_em": font["head"].unitsPerEm,
        "hhea_ascent": hhea.ascent,
        "hhea_descent": -hhea.descent,
        "win_ascent": os2.usWinAscent,
        "win_descent": os2.usWinDescent,
        "advances": runs(widths),
    }


def build() -> dict[str, Any]:
    fonts: dict[str, Any] = {}
    for family, spec in FONTS.items():
        styles = {
            style: style_table(Path(spec["dir"]) / file) for style, file in spec["files"].items()
        }
        fonts[family] = {
            "replaces": spec["replaces"],
            "package": spec["package"],
            "styles": styles,
        }
    return {
        "about": (
            "Advance widths (font units, per Unicode code point of the BMP) and vertical metrics "
            "of Liberation Sans 2 (metric-compatible with Arial) and Carlito (metric-compatible "
            "with Calibri), read with fontTools from the Debian packages named per font by "
            "scripts/build_font_widths.py. Both fonts are under the SIL Open Font License 1.1 "
            "(each file's own copyright and licence fields are under styles.*). Only metrics are "
            "stored, no glyph outlines. Used by rkt_excel.textfit to compute row heights."
        ),
        "aliases": {"Arial": "Liberation Sans", "Calibri": "Carlito"},
        "fonts": fonts,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1] / "rkt_excel" / "data" / "font-widths.json"
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args()
    data = build()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(text):,} bytes)")


if __name__ == "__main__":
    main()
