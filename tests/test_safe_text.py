"""safe_text.terminal_text: no control character of a user's cell reaches the terminal."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rkt_excel.safe_text import terminal_text

BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def unsafe(ch: str) -> bool:
    """Worked out from Unicode's own data, not from the module's pattern."""
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Zl", "Zp", "Cs") or ord(ch) in BIDI


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[2J\x1b[31mSelesai", "\\x1b[2J\\x1b[31mSelesai"),
        ("Selesai\r\nerror   x.xlsx: palsu", "Selesai\\r\\nerror   x.xlsx: palsu"),
        ("a\tb\x00c\x07d\x7f", "a\\tb\\x00c\\x07d\\x7f"),
        ("\x9b31m\x85", "\\x9b31m\\x85"),  # C1: CSI and NEL
        ("laporan\u202efdp.exe", "laporan\\u202efdp.exe"),
        ("baris\u2028baru", "baris\\u2028baru"),
        ("form-\udcff.xlsx", "form-\\udcff.xlsx"),  # a file name that is not UTF-8
        ("Kantor Imigrasi — Semarang: 100% “Selesai” ✓ 日本", None),  # printable: unchanged
        ("C:\\x1b is only text", None),
    ],
)
def test_terminal_text(text: str, shown: str | None) -> None:
    assert terminal_text(text) == (text if shown is None else shown)


ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=()))  # surrogates included


@given(ANY_TEXT)
def test_no_control_character_survives(text: str) -> None:
    assert not any(unsafe(ch) for ch in terminal_text(text))


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Zl", "Zp", "Cs"))))
def test_printable_text_is_unchanged(text: str) -> None:
    text = "".join(ch for ch in text if ord(ch) not in BIDI)
    assert terminal_text(text) == text


def unescape(shown: str) -> str:
    """The inverse of the escapes, for text that had no backslash of its own."""
    named = {"n": "\n", "r": "\r", "t": "\t"}
    out, i = [], 0
    while i < len(shown):
        if shown[i] != "\\":
            out.append(shown[i])
            i += 1
        elif shown[i + 1] in named:
            out.append(named[shown[i + 1]])
            i += 2
        else:
            width = 2 if shown[i + 1] == "x" else 4
            out.append(chr(int(shown[i + 2 : i + 2 + width], 16)))
            i += 2 + width
    return "".join(out)


@given(ANY_TEXT)
def test_nothing_is_lost(text: str) -> None:
    """Every character is kept or shown as an escape that gives it back."""
    text = text.replace("\\", "/")
    assert unescape(terminal_text(text)) == text
