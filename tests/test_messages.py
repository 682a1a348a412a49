"""The messages (messages.py) over the three months of tests/months.py: the WhatsApp summary
and the per-unit messages of June as goldens, in Indonesian and English; what each holds
worked out by hand from months.py.

Regenerate the goldens with RKT_UPDATE_GOLDEN=1 after an intended change, and read the diff.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from months import three_months

from rkt_excel.messages import MAX_SUMMARY, group_summary, reply_by, unit_messages
from rkt_excel.recap import read_recap
from rkt_excel.recap.datasheet import RecapData

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def recaps(tmp_path_factory: pytest.TempPathFactory) -> list[RecapData]:
    return [read_recap(p) for p in three_months(tmp_path_factory.mktemp("months"))[2]]


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RKT_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden {name}: run RKT_UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden/{name}"


def test_reply_by_is_the_deadline_day_of_the_next_month(recaps: list[RecapData]) -> None:
    assert reply_by(recaps[2], 5) == dt.date(2019, 7, 5)  # June's returns are due 5 July
    assert reply_by(recaps[0], 31) == dt.date(2019, 5, 31)  # April's: 31 May
    assert reply_by(recaps[1], 31) == dt.date(2019, 6, 30)  # May's: June has 30 days


@pytest.mark.parametrize("lang", ["id", "en"])
def test_group_summary(recaps: list[RecapData], lang: str) -> None:
    text = group_summary(recaps[2], recaps[:2], deadline_day=5, lang=lang)
    _golden(f"messages-summary-{lang}.txt", text + "\n")
    assert len(text) < MAX_SUMMARY
    if lang == "id":
        lines = text.splitlines()
        assert lines[0] == "*Monev RKT Zona Integritas — Juni 2019*"
        assert "*Formulir:* 2 dari 3 unit sudah mengirim" in lines
        assert "*Belum mengirim:* WASDAK" in lines
        assert "*Penyelesaian:* 50,0% (Mei 2019: 50,0%)" in lines
        assert "Sejak bulan lalu: 1 indikator baru selesai, 3 kemunduran" in lines
        # I.2.b due February is older than III.1.a (March, and WASDAK sent no form at all).
        assert lines[lines.index("*Paling terlambat:*") + 1].startswith("1. I.2.b ")
        assert "- WASDAK (2 bulan tidak mengirim)" in lines
        assert "- TU (1 aksi terlambat, 1 isian salah)" in lines
        assert "- LANTAS (formulir tidak berubah)" in lines
        assert lines[-1] == "Batas pengiriman: *5 Juli 2019*. Terima kasih."


def test_indicators_are_cut_to_one_short_line() -> None:
    from rkt_excel.messages import _cut

    assert len(_cut("x" * 200)) == 48 and _cut("a\n\x1b[31mb") == "a [31mb"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_unit_messages(recaps: list[RecapData], lang: str) -> None:
    found = unit_messages(recaps[2], recaps[:2], deadline_day=5, lang=lang)
    # LANTAS sent, without errors or late actions: no message.
    assert [(m.unit, m.reasons) for m in found] == [
        ("TU", ("errors", "late")), ("WASDAK", ("missing",)),
    ]  # fmt: skip
    text = "\n\n=====\n\n".join(m.text for m in found) + "\n"
    _golden(f"messages-units-{lang}.txt", text)
    if lang == "id":
        tu, wasdak = (m.text for m in found)
        assert "- Lembar 'I Manajemen Perubahan' sel J8 (I.2.a): " in tu
        assert "paling lambat 5 Juli 2019" in tu
        assert "- I.2.b Target prioritas ditetapkan (target Februari 2019): belum selesai" in tu
        assert "sudah 2 bulan berturut-turut, termasuk Juni 2019" in wasdak


def test_by_date_overrides_the_deadline(recaps: list[RecapData]) -> None:
    by = dt.date(2019, 7, 10)
    text = group_summary(recaps[2], recaps[:2], by=by)
    assert text.endswith("*10 Juli 2019*. Terima kasih.")
    assert all("10 Juli 2019" in m.text for m in unit_messages(recaps[2], recaps[:2], by=by))


def test_messages_without_history(recaps: list[RecapData]) -> None:
    text = group_summary(recaps[2])
    assert "Sejak bulan lalu" not in text and "(Mei 2019" not in text
    (wasdak,) = [m for m in unit_messages(recaps[2]) if m.unit == "WASDAK"]
    assert "formulir RKT Zona Integritas Juni 2019 belum kami terima" in wasdak.text
