"""records.py: the records workers send back pickle as their constructor call, unchanged."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field

import pytest

from rkt_excel.form import Cell, FilledForm, FilledRow, FormIdentity
from rkt_excel.issues import Issue
from rkt_excel.records import sent_between_processes


def test_a_form_and_its_issues_come_back_equal_and_with_texts_still_shared() -> None:
    sheet = "1. Manajemen Perubahan"
    cells = {
        "status": Cell(sheet, "H7", "Selesai", "Selesai"),
        "bukti_dukung": Cell(sheet, "K7", "SK Tim", None, link="https://contoh.go.id/sk"),
        "realisasi": Cell(sheet, "I7", dt.datetime(2019, 3, 4), dt.date(2019, 3, 4)),
    }
    issue = Issue("plan-cell-changed", "f.xlsx", sheet, "D7", "I.1.a", "indikator", 12,
                  params={"label": "INDIKATOR"})  # fmt: skip
    identity = FormIdentity("p", "1", "h", "f1", "form", "U1", unit_claims=(("meta", "U1"),))
    form = FilledForm(
        "f.xlsx", "abc", identity,
        {"I.1.a": FilledRow("I.1.a", sheet, 7, cells, carried=True)},
        issues=(issue,), mtime=1.5,
    )  # fmt: skip
    back = pickle.loads(pickle.dumps(form, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == form
    row = back.rows["I.1.a"]
    assert row.fields["status"].sheet is row.sheet  # one text, as in the worker
    assert back.issues[0].params == {"label": "INDIKATOR"}


def test_only_a_record_built_by_its_constructor_can_be_decorated() -> None:
    @dataclass(frozen=True)
    class Derived:
        a: int
        b: int = field(init=False, default=0)

    with pytest.raises(TypeError, match="all set by __init__"):
        sent_between_processes(Derived)
