"""The demo: the secretariat's months on the embedded plan, with simulated units, in one call.

Generates the standard workbook; runs the embedded office in a workspace over June, July and
August of its plan year: each month the forms carry the units' last answers, the units
update them (simulated), the month is consolidated into the recaps folder with the earlier
months as its trend. One unit goes silent from July, one steps back in August (a status, an
LKE answer, a bukti dukung), one sends its August form back unchanged, some make mistakes.
A second, fictional office sends one month's forms the old way (no workspace); both
offices' August recaps are rolled up for the Kanwil. All data is simulated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rkt_excel.carry import carried_answers
from rkt_excel.collect import load_hasil, run_consolidation
from rkt_excel.consolidate import Summary
from rkt_excel.generate import distribute_forms, generate_workbook
from rkt_excel.periods import Period
from rkt_excel.recap import read_recap, write_recap, write_rollup
from rkt_excel.recap.datasheet import RecapData
from rkt_excel.score import Check
from rkt_excel.simulate import advance_unit, fill_form, read_meta, regress_unit, simulate_unit
from rkt_excel.template import Office, Plan, load_template
from rkt_excel.units import Unit, example_units_path, load_units
from rkt_excel.workspace import CONFIG_NAME, Workspace, init_workspace, load_workspace
from rkt_excel.xlsx_io import atomic_write

DEMO_MONTHS: tuple[tuple[int, int], ...] = ((6, 30), (7, 31), (8, 31))  # month, last day
DEMO_AS_OF = dt.date(2019, 8, 31)  # the last month's end (the embedded plan's year)
# Survey results and audit follow-up as an evaluator would enter them (simulated).
DEMO_HASIL = {"H.IPAK": 3.52, "H.TLHP": 85.0, "H.IPKP": 3.61}
DEMO_HASIL_NOTE = (
    "# Masukan komponen hasil (simulasi): indeks survei dan persentase, diisi sekretariat."
)
SILENT_FROM = 7  # the last unit of the units file sends nothing from this month on
REGRESSES, UNCHANGED = 2, 1  # units (by position) that step back / send August unchanged


@dataclass
class OfficeRun:
    """What the demo wrote for one office (for the workspace office: its last month)."""

    name: str
    forms: list[Path] = field(default_factory=list)
    returned: list[Path] = field(default_factory=list)
    recap: Path | None = None
    summary: Summary | None = None
    checks: tuple[Check, ...] = ()  # the WBK/WBBM checks of the recap's score
    recaps: list[Path] = field(default_factory=list)  # every month's recap, oldest first
    workspace: Path | None = None


@dataclass
class DemoResult:
    """Every file the demo wrote."""

    workbook: Path
    offices: list[OfficeRun]
    rollup: Path


def _second_office(plan: Plan) -> Plan:
    office = Office(
        ministry=plan.office.ministry,
        region=plan.office.region,
        name="KANTOR IMIGRASI KELAS II TPI CONTOH (FIKTIF)",
        short_name="Kanim Contoh",
        city="Contoh",
    )
    return plan.model_copy(update={"id": "kanim-contoh-2019", "office": office})


def _workspace(folder: Path) -> Workspace:
    """The demo's workspace (made on the first run, reused on the next), with the komponen
    hasil inputs in its hasil file, so ``rkt-excel consolidate`` run in it gives the demo's
    own numbers."""
    ws = (
        load_workspace(folder)
        if (folder / CONFIG_NAME).exists()
        else init_workspace(folder, kanwil="Kantor Wilayah Jawa Tengah (simulasi)")
    )
    if ws.config.hasil and ws.hasil_path is None:
        lines = [f"{key}: {value}" for key, value in DEMO_HASIL.items()]
        text = "\n".join([DEMO_HASIL_NOTE, *lines, ""])
        with atomic_write(ws.root / ws.config.hasil) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return ws


def _month(
    plan: Plan,
    units: list[Unit],
    ws: Workspace,
    period: Period,
    earlier: Sequence[RecapData],
    jobs: int | None,
) -> OfficeRun:
    """One month in the workspace: distribute, the units' returns, consolidate."""
    as_of = period.last_day
    carried = carried_answers(plan, earlier)
    run = OfficeRun(plan.office.name, workspace=ws.root)
    run.forms = distribute_forms(
        plan, units, ws.forms_dir(period), period=str(period), carried=carried
    )
    inbox = ws.returns_dir(period)
    inbox.mkdir(parents=True, exist_ok=True)
    last = period.month == DEMO_MONTHS[-1][0]
    for n, (unit, form) in enumerate(zip(units, run.forms, strict=True)):
        if n == len(units) - 1 and period.month >= SILENT_FROM:
            continue  # silent from July on
        seed = period.month * 100 + n
        _, rows = read_meta(form)
        previous = carried.get(unit.code, ("", {}))[1]
        if not previous:
            sim = simulate_unit(plan, list(rows), seed=seed, as_of=as_of)
        elif last and n == UNCHANGED:
            sim = advance_unit(plan, previous, [], seed=seed, as_of=as_of)  # nothing changed
        elif last and n == REGRESSES:
            sim = regress_unit(plan, previous, seed=seed, as_of=as_of)
        else:
            sim = advance_unit(plan, previous, list(rows), seed=seed, as_of=as_of)
        run.returned.append(
            fill_form(form, sim.rows, identity=sim.identity, out=inbox / form.name, strict=False)
        )
    if last and run.forms:
        # The first unit sent an earlier, emptier version too: it is reported as superseded.
        _, rows = read_meta(run.forms[0])
        early = simulate_unit(plan, list(rows)[:3], seed=7, as_of=as_of - dt.timedelta(days=30))
        run.returned.append(
            fill_form(run.forms[0], early.rows, identity=early.identity,
                      out=inbox / f"{run.forms[0].stem}-versi-lama.xlsx", strict=False)
        )  # fmt: skip
    hasil = load_hasil(ws.hasil_path, plan) if ws.hasil_path is not None else DEMO_HASIL
    consolidation = run_consolidation(
        [inbox], plan, units=units, period=period, hasil=hasil, jobs=jobs
    )
    run.recap = write_recap(consolidation, plan, ws.recap_path(period), history=earlier)
    run.summary = consolidation.summary
    run.checks = consolidation.result.checks
    return run


def _one_off_office(plan: Plan, units: list[Unit], folder: Path, jobs: int | None) -> OfficeRun:
    """The fictional office: one month, the old way (folders named on the command line)."""
    run = OfficeRun(plan.office.name)
    run.forms = distribute_forms(plan, units, folder / "formulir")
    inbox = folder / "masuk"
    inbox.mkdir(parents=True, exist_ok=True)
    for n, form in enumerate(run.forms[:-1]):  # the last unit sends nothing: "missing"
        _, rows = read_meta(form)
        sim = simulate_unit(plan, list(rows), seed=200 + n, as_of=DEMO_AS_OF)
        run.returned.append(
            fill_form(form, sim.rows, identity=sim.identity, out=inbox / form.name, strict=False)
        )
    wrong = inbox / "laporan-bulanan.xlsx"  # a PDF renamed to .xlsx: rejected, listed
    wrong.write_bytes(b"%PDF-1.4\n% not a spreadsheet\n")
    run.returned.append(wrong)
    consolidation = run_consolidation(
        run.returned, plan, units=units, as_of=DEMO_AS_OF, hasil=DEMO_HASIL, jobs=jobs
    )
    run.recap = write_recap(consolidation, plan, folder / f"rekap-{plan.id}.xlsx")
    run.recaps = [run.recap]
    run.summary = consolidation.summary
    run.checks = consolidation.result.checks
    return run


def run_demo(out_dir: str | Path, *, jobs: int | None = 1) -> DemoResult:
    """Write the demo into ``out_dir``: workbook, the workspace's months, the second office,
    the roll-up."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plan = load_template()
    units = load_units(example_units_path(), plan)
    workbook = generate_workbook(plan, out / f"rkt-{plan.year}-kanim-semarang.xlsx")
    ws = _workspace(out / plan.id)
    earlier: list[RecapData] = []
    recaps: list[Path] = []
    run = OfficeRun(plan.office.name)
    for month, _ in DEMO_MONTHS:
        run = _month(plan, units, ws, Period(plan.year, month), earlier, jobs)
        assert run.recap is not None
        recaps.append(run.recap)
        earlier.append(read_recap(run.recap))
    run.recaps = recaps
    second = _second_office(plan)
    other = _one_off_office(second, units, out / second.id, jobs)
    offices = [run, other]
    rollup = write_rollup(
        [read_recap(r.recap) for r in offices if r.recap is not None],
        out / "rekap-kanwil-jawa-tengah.xlsx",
    )
    return DemoResult(workbook, offices, rollup)


__all__ = [
    "DEMO_AS_OF",
    "DEMO_HASIL",
    "DEMO_MONTHS",
    "DemoResult",
    "OfficeRun",
    "example_units_path",
    "run_demo",
]
