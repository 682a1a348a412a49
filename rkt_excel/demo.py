"""The demo: the whole monthly cycle on the embedded plan, with simulated units, in one call.

Generates the standard workbook and the unit forms, fills them with realistic simulated answers
(some late, some invalid), consolidates two offices and rolls them up. All data is simulated;
the second office is fictional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rkt_excel.collect import run_consolidation
from rkt_excel.consolidate import Summary
from rkt_excel.generate import distribute_forms, generate_workbook
from rkt_excel.recap import read_recap, write_recap, write_rollup
from rkt_excel.score import Check
from rkt_excel.simulate import fill_form, read_meta, simulate_unit
from rkt_excel.template import Office, Plan, load_template
from rkt_excel.units import Unit, load_units

DEMO_AS_OF = dt.date(2019, 8, 31)
# Survey results and audit follow-up as an evaluator would enter them (simulated).
DEMO_HASIL = {"H.IPAK": 3.52, "H.TLHP": 85.0, "H.IPKP": 3.61}


def example_units_path() -> Path:
    """The example units file of a Kantor Imigrasi Kelas I (Tata Usaha and the four Seksi).

    Saved the way Indonesian Excel saves CSV (';'). Tata Usaha keeps the programme's own
    paperwork (components I, III, IV); each Seksi takes the area it runs; Izin Tinggal has no
    assignment, so its form has every row.
    """
    return Path(str(resources.files("rkt_excel") / "data" / "units-kanim-semarang.csv"))


@dataclass
class OfficeRun:
    """What the demo wrote for one office."""

    name: str
    forms: list[Path] = field(default_factory=list)
    returned: list[Path] = field(default_factory=list)
    recap: Path | None = None
    summary: Summary | None = None
    checks: tuple[Check, ...] = ()  # the WBK/WBBM checks of the recap's score


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


def _fill_office(
    plan: Plan, units: list[Unit], folder: Path, *, seed: int, as_of: dt.date
) -> OfficeRun:
    run = OfficeRun(plan.office.name)
    run.forms = distribute_forms(plan, units, folder / "formulir")
    inbox = folder / "masuk"
    inbox.mkdir(parents=True, exist_ok=True)
    for n, form in enumerate(run.forms):
        _, rows = read_meta(form)
        sim = simulate_unit(plan, list(rows), seed=seed * 100 + n, as_of=as_of)
        if seed == 2 and n == len(run.forms) - 1:
            continue  # the last unit of the second office sends nothing: "missing"
        returned = fill_form(
            form, sim.rows, identity=sim.identity, out=inbox / form.name, strict=False
        )
        run.returned.append(returned)
    if seed == 1 and run.forms:
        # The first unit sent an earlier, emptier version too: it is reported as superseded.
        _, rows = read_meta(run.forms[0])
        early = simulate_unit(plan, list(rows)[:3], seed=7, as_of=as_of - dt.timedelta(days=30))
        run.returned.append(
            fill_form(run.forms[0], early.rows, identity=early.identity,
                      out=inbox / f"{run.forms[0].stem}-versi-lama.xlsx", strict=False)
        )  # fmt: skip
    if seed == 2:
        wrong = inbox / "laporan-bulanan.xlsx"  # a PDF renamed to .xlsx: rejected, listed
        wrong.write_bytes(b"%PDF-1.4\n% not a spreadsheet\n")
        run.returned.append(wrong)
    return run


def run_demo(out_dir: str | Path, *, as_of: dt.date = DEMO_AS_OF, jobs: int = 1) -> DemoResult:
    """Write the demo into ``out_dir``: workbook, forms, returned forms, recaps, roll-up."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plan = load_template()
    units = load_units(example_units_path(), plan)
    workbook = generate_workbook(plan, out / "rkt-2019-kanim-semarang.xlsx")
    offices = []
    for seed, office_plan in enumerate((plan, _second_office(plan)), start=1):
        folder = out / office_plan.id
        run = _fill_office(office_plan, units, folder, seed=seed, as_of=as_of)
        consolidation = run_consolidation(
            run.returned, office_plan, units=units, as_of=as_of, hasil=DEMO_HASIL, jobs=jobs
        )
        run.recap = write_recap(consolidation, office_plan, folder / f"rekap-{office_plan.id}.xlsx")
        run.summary = consolidation.summary
        run.checks = consolidation.result.checks
        offices.append(run)
    recaps = [read_recap(r.recap) for r in offices if r.recap is not None]
    rollup = write_rollup(recaps, out / "rekap-kanwil-jawa-tengah.xlsx")
    return DemoResult(workbook, offices, rollup)
