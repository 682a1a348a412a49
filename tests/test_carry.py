"""Carried-over forms: which answers a unit's next form carries (carry.py), how they are
written and recorded (generate + layout's digest), and reading tells a row sent back
untouched from one updated this month (read/reader.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from months import TU_APRIL, three_months
from test_consolidate import UNITS, office_plan

from rkt_excel import layout
from rkt_excel.carry import carried_answers
from rkt_excel.generate import distribute_forms
from rkt_excel.read import read_form
from rkt_excel.recap import read_recap
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.simulate import fill_form, read_meta

IDENTITY = {"nama_pengisi": "Ani", "nip": "198501012010012001",
            "tanggal_pengisian": dt.date(2019, 5, 28)}  # fmt: skip


@pytest.fixture(scope="module")
def recaps(tmp_path_factory: pytest.TempPathFactory) -> list[RecapData]:
    return [read_recap(p) for p in three_months(tmp_path_factory.mktemp("months"))[2]]


def test_each_unit_carries_its_last_sent_answers(recaps: list[RecapData]) -> None:
    plan = office_plan()
    carried = carried_answers(plan, recaps)
    assert {code: month for code, (month, _) in carried.items()} == {
        "TU": "2019-06", "LANTAS": "2019-06", "WASDAK": "2019-04",  # WASDAK silent since May
    }  # fmt: skip
    tu = carried["TU"][1]
    assert tu["I.2.a"] == {"status": "Dalam Proses"}  # Capaian 150 was invalid: not carried
    assert tu["I.1.b"] == {
        "status": "Selesai",
        "realisasi": dt.date(2019, 6, 3),
        "capaian": 100.0,
        "jawaban": "C",
        "bukti_dukung": "rencana.pdf",
    }
    assert carried["WASDAK"][1] == {
        "III.1.a": {"status": "Belum", "capaian": 0.0},
        "III.1.b": {"status": "Dalam Proses", "capaian": 30.0},
    }
    # In any order; another plan's recap (last year's reference) carries nothing.
    assert carried_answers(plan, list(reversed(recaps))) == carried
    other = plan.model_copy(update={"id": "uji-2020"})
    assert carried_answers(other, recaps) == {}


def _forms(tmp_path: Path, carried: dict[str, Any]) -> dict[str, Path]:
    plan = office_plan()
    paths = distribute_forms(plan, UNITS, tmp_path, period="2019-05", carried=carried)
    return {u.code: p for u, p in zip(UNITS, paths, strict=True)}


def test_carried_values_are_written_and_recorded(tmp_path: Path) -> None:
    forms = _forms(tmp_path, {"TU": ("2019-04", TU_APRIL)})
    keys, rows = read_meta(forms["TU"])
    assert keys["period"] == "2019-05" and keys["carried_from"] == "2019-04"
    assert rows["I.1.a"].carried == layout.carried_digest(TU_APRIL["I.1.a"])
    assert rows["I.1.a"].carried != rows["I.1.b"].carried != ""
    ws = openpyxl.load_workbook(forms["TU"])["I Manajemen Perubahan"]
    assert ws["H6"].value == "Selesai" and ws["I6"].value == dt.datetime(2019, 1, 20)
    assert ws["J6"].value == 100 and ws["K6"].value == "Ya" and ws["M6"].value == "SK.pdf"
    assert ws["I6"].number_format == layout.DATE_FORMAT and not ws["H6"].protection.locked
    assert ws["A4"].value.startswith("Isian terakhir unit Anda (formulir April 2019)")
    # A unit without carried answers gets the empty form, and says so in its metadata.
    keys, rows = read_meta(forms["LANTAS"])
    assert keys["carried_from"] == "" and all(r.carried == "" for r in rows.values())


def test_reading_tells_untouched_from_updated(tmp_path: Path) -> None:
    plan = office_plan()
    forms = _forms(tmp_path / "forms", {"TU": ("2019-04", TU_APRIL)})
    returned = fill_form(
        forms["TU"],
        {
            "I.1.b": {"capaian": 75},  # updated this month
            "I.2.b": {"status": "Selesai"},  # typed again, the same value: still untouched
        },
        identity=IDENTITY,
        out=tmp_path / "TU.xlsx",
    )
    form = read_form(returned, plan)
    assert form.identity.period == "2019-05" and form.identity.carried_from == "2019-04"
    state = {row_id: (row.carried, row.untouched) for row_id, row in form.rows.items()}
    assert state == {
        "I.1.a": (True, True),
        "I.1.b": (True, False),
        "I.2.a": (True, True),
        "I.2.b": (True, True),
    }
    fresh = read_form(forms["LANTAS"], plan)
    assert all(not r.carried and not r.untouched for r in fresh.rows.values())


def test_emptying_a_carried_cell_is_an_update(tmp_path: Path) -> None:
    forms = _forms(tmp_path / "forms", {"TU": ("2019-04", TU_APRIL)})
    returned = fill_form(forms["TU"], {"I.1.a": {"bukti_dukung": None}}, identity=IDENTITY,
                         out=tmp_path / "TU.xlsx")  # fmt: skip
    row = read_form(returned, office_plan()).rows["I.1.a"]
    assert row.carried and not row.untouched


def test_digest_is_the_same_for_what_is_written_and_what_is_read() -> None:
    written = {"status": "Selesai", "realisasi": dt.date(2019, 1, 20), "capaian": 100,
               "jawaban": "Ya", "bukti_dukung": "SK  .pdf"}  # fmt: skip
    read = {"status": "Selesai", "realisasi": dt.datetime(2019, 1, 20), "capaian": 100.0,
            "jawaban": "Ya", "bukti_dukung": "SK .pdf", "keterangan": None}  # fmt: skip
    assert layout.carried_digest(written) == layout.carried_digest(read)
    assert layout.carried_digest({**written, "capaian": 99.5}) != layout.carried_digest(written)
    assert len(layout.carried_digest({})) == 16


def test_forms_of_the_old_format_read_as_not_carried() -> None:
    """A form written before carried-over forms: no period keys, no 'carried' column."""
    old = [
        ["format", layout.FORM_FORMAT], ["plan_id", "uji-2019"], ["unit_code", "TU"], [],
        ["row_id", "component", "sheet", "row", "lke", "answer_type"],
        ["I.1.a", "I", "I Manajemen Perubahan", "6", "I.1.a", "yn"],
    ]  # fmt: skip
    meta = layout.decode_meta(old)
    assert "period" not in meta.keys and meta.rows["I.1.a"].carried == ""
    assert meta.rows["I.1.a"].answer_type == "yn"
