"""Stage 1, the plan: a starter plan for a new year, one indicator row per LKE question.

Builds a Plan from a scoring model (no I/O); `rkt-excel template new` writes it as YAML for the
office to edit. Actions and evidence come from the model's data dukung / petunjuk teknis where
the data has them (Kemenkumham 2019), and stay empty where it has none.
"""

from __future__ import annotations

import datetime as dt
import re

from rkt_excel.lke import LkeModel, Question, load_model
from rkt_excel.template import Component, Document, Indicator, Office, Plan, SubArea

_SPLIT = re.compile(r"\s*\|\|\s*|\s*(?:^|\s)(?=[a-z]\.\s)")
_LETTER = re.compile(r"^[a-z]\.\s+")


def _lines(text: str) -> tuple[str, ...]:
    """Split "a. ... || b. ..." or "a. ..., b. ..." into one-line items without their letters."""
    parts = [_LETTER.sub("", p.strip().rstrip(",;")) for p in _SPLIT.split(text or "")]
    return tuple(" ".join(p.split()) for p in parts if p.strip())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "kantor"


def _indicator(question: Question, text: str | None = None) -> Indicator:
    return Indicator(
        id=question.id,
        indicator=text or question.text,
        actions=_lines(question.petunjuk),
        evidence=_lines(question.data_dukung),
        target="",
        lke=question.id,
    )


def _rows_of(model: LkeModel, item_ids: tuple[str, ...]) -> list[Indicator]:
    rows: list[Indicator] = []
    for item_id in item_ids:
        item = model.item(item_id)
        if item.is_ratio:
            # A ratio ("%") item is computed from its Jumlah counts: one row per count.
            rows.extend(
                _indicator(model.question(q), f"{item.text}: {model.question(q).text}")
                for q in item.inputs
            )
        else:
            rows.append(_indicator(model.question(item_id)))
    return rows


def new_plan(regulation: str, *, year: int, office: str, ministry: str = "") -> Plan:
    """A starter plan for ``year``: components I-VI, one indicator row per LKE question."""
    model = load_model(regulation)
    components = []
    for area in model.areas:
        subareas: list[SubArea] = []
        for sub in model.sub_areas_of(area.id):
            rows = _rows_of(model, sub.items)
            if rows:
                prefix = {"P": "Pemenuhan: ", "R": "Reform: "}.get(sub.half, "")
                subareas.append(
                    SubArea(no=len(subareas) + 1, name=prefix + sub.name, indicators=tuple(rows))
                )
        components.append(
            Component(id=area.id, name=area.name, title=area.name.upper(), subareas=tuple(subareas))
        )
    return Plan(
        id=f"{_slug(office)}-{year}",
        version="1",
        year=year,
        regulation=regulation,
        created=dt.date(year, 1, 2),
        office=Office(ministry=ministry or "KEMENTERIAN", name=office),
        document=Document(title=f"RENCANA KERJA TAHUNAN PEMBANGUNAN ZONA INTEGRITAS TAHUN {year}"),
        components=tuple(components),
    )
