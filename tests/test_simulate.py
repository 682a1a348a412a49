"""Simulated units (demo, benchmark): deterministic, realistic, and valid unless spoiled."""

from __future__ import annotations

import datetime as dt

from rkt_excel import layout
from rkt_excel.simulate import simulate_unit
from rkt_excel.template import load_template

AS_OF = dt.date(2019, 8, 31)


def test_same_seed_same_answers() -> None:
    plan = load_template()
    rows = list(plan.index)
    a = simulate_unit(plan, rows, seed=3, as_of=AS_OF)
    assert a == simulate_unit(plan, rows, seed=3, as_of=AS_OF)
    assert a != simulate_unit(plan, rows, seed=4, as_of=AS_OF)


def test_answers_are_plausible_without_spoiling() -> None:
    plan = load_template()
    sim = simulate_unit(plan, list(plan.index), seed=1, as_of=AS_OF, invalid_share=0.0)
    assert len(sim.identity["nip"]) == 18 and sim.identity["nip"].isdigit()
    statuses = {v["status"] for v in sim.rows.values()}
    assert statuses <= set(layout.STATUS_VALUES) and "Selesai" in statuses
    for row_id, values in sim.rows.items():
        if values["status"] == "Selesai":
            assert values["capaian"] == 100 and values["bukti_dukung"].startswith("https://")
            assert values["realisasi"] <= AS_OF
        question = plan.indicator(row_id).lke
        if "jawaban" in values:
            assert question is not None


def test_some_answers_are_spoiled() -> None:
    plan = load_template()
    sim = simulate_unit(plan, list(plan.index), seed=1, as_of=AS_OF, invalid_share=1.0)
    spoiled = [
        v
        for v in sim.rows.values()
        if v.get("capaian") in (120, "delapan puluh")
        or v["status"] == "Hampir selesai"
        or isinstance(v.get("realisasi"), str)
        or (v["status"] == "Selesai" and "bukti_dukung" not in v)
    ]
    assert len(spoiled) == len(sim.rows)
