"""Worker isolation (pool.py): a file that kills its worker or blows its memory is that file's
rejection; every other file is still read, each exactly once.

The reader is replaced in the worker by a stand-in (inherited through fork) that dies on some
files, allocates without bound on others and refuses the rest as not our form.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

import rkt_excel.pool as pool
from rkt_excel.consolidate import RejectedFile
from rkt_excel.errors import FormError
from rkt_excel.template import Plan

AS_OF = dt.date(2019, 8, 31)
needs_fork = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the stand-in reader reaches the workers through fork",
)


def _stand_in(path: str, plan: object = None, *, limits: object = None) -> object:
    name = Path(path).name
    if name.startswith("die"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("abort"):
        os.abort()
    if name.startswith("big"):
        hog = [bytearray(64 << 20) for _ in range(1024)]  # 64 GB: past any cap
        return hog
    raise FormError("not-our-form", path)


@needs_fork
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_that_dies_is_its_files_rejection(
    jobs: int, embedded_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool, "read_form", _stand_in)
    names = [f"ok{i}.xlsx" for i in range(6)]
    names[1:1] = ["die1.xlsx"]
    names[4:4] = ["abort1.xlsx", "big1.xlsx", "die2.xlsx"]
    files = []
    for name in names:
        (tmp_path / name).write_bytes(b"PK")
        files.append(str(tmp_path / name))
    results = list(pool.read_isolated(files, embedded_plan, jobs=jobs, memory=256 << 20))
    assert all(isinstance(r, RejectedFile) for r in results)
    by_name = {Path(r.path).name: r for r in results if isinstance(r, RejectedFile)}
    assert len(results) == len(files) and set(by_name) == set(names)  # each file once
    assert by_name["die1.xlsx"].code == "reader-crashed"
    assert by_name["die1.xlsx"].issue.params["how"] == "SIGKILL"
    assert by_name["abort1.xlsx"].issue.params["how"] == "SIGABRT"
    assert by_name["die2.xlsx"].code == "reader-crashed"
    assert by_name["big1.xlsx"].code == "reader-memory"
    assert by_name["big1.xlsx"].issue.params == {"limit_mb": 256}  # the worker's own cap
    assert {by_name[n].code for n in names if n.startswith("ok")} == {"not-our-form"}
    assert by_name["die1.xlsx"].sha256  # the rejection names the file's content


def _out_of_memory(path: str, plan: object = None, *, limits: object = None) -> object:
    raise MemoryError


def test_running_out_of_memory_in_the_main_process_names_no_worker_cap(
    embedded_plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs 1 (or few files) files are read in the main process: a MemoryError there
    is the machine's, not a worker's cap, and the message says so."""
    monkeypatch.setattr(pool, "read_form", _out_of_memory)
    path = tmp_path / "besar.xlsx"
    path.write_bytes(b"PK")
    here = pool.read_one(str(path), embedded_plan)
    assert isinstance(here, RejectedFile) and here.code == "reader-out-of-memory"
    assert here.issue.params == {}
    capped = pool.read_one(str(path), embedded_plan, memory=512 << 20)
    assert isinstance(capped, RejectedFile) and capped.code == "reader-memory"
    assert capped.issue.params == {"limit_mb": 512}


def _limit_in_child(out: multiprocessing.queues.Queue) -> None:  # type: ignore[type-arg]
    import resource

    capped = pool.cap_memory(128 << 20)
    out.put((capped, resource.getrlimit(resource.RLIMIT_AS)[0]))


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs /proc")
def test_cap_memory_sets_an_address_space_limit() -> None:
    import resource

    out: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_limit_in_child, args=(out,))
    child.start()
    capped, soft = out.get(timeout=30)
    child.join()
    assert capped
    assert soft != resource.RLIM_INFINITY
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY  # not ours


@pytest.fixture(scope="module")
def returned_forms(embedded_plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five filled forms of the embedded plan and one file that is not a form."""
    from rkt_excel.generate import distribute_forms
    from rkt_excel.simulate import fill_form, read_meta, simulate_unit
    from rkt_excel.units import Unit

    root = tmp_path_factory.mktemp("determinism")
    units = [Unit(f"U{i}", f"Unit {i}", components=(c,)) for i, c in enumerate("IIIV", 1)]
    units.append(Unit("U9", "Unit 9"))  # every row
    inbox = root / "masuk"
    inbox.mkdir()
    for n, blank in enumerate(distribute_forms(embedded_plan, units, root / "kirim")):
        _, rows = read_meta(blank)
        sim = simulate_unit(embedded_plan, list(rows), seed=n, as_of=AS_OF)
        fill_form(blank, sim.rows, identity=sim.identity, out=inbox / blank.name, strict=False)
    (inbox / "catatan.xlsx").write_bytes(b"not a workbook")
    return inbox


@pytest.mark.parametrize("as_of", [AS_OF, None])  # validated in the workers, or in the main
def test_same_inputs_give_byte_identical_outputs_with_any_jobs(
    as_of: object, returned_forms: Path, embedded_plan: Plan, tmp_path: Path
) -> None:
    from rkt_excel.collect import run_consolidation
    from rkt_excel.recap import export_csv, write_recap

    outputs: dict[int, dict[str, bytes]] = {}
    for jobs in (1, 2, 3):
        c = run_consolidation([returned_forms], embedded_plan, as_of=as_of, jobs=jobs)  # type: ignore[arg-type]
        out = tmp_path / f"j{jobs}"
        written = [write_recap(c, embedded_plan, out / "rekap.xlsx"), *export_csv(c, out)]
        outputs[jobs] = {p.name: p.read_bytes() for p in written}
        assert c.summary.forms_accepted == 5 and c.summary.forms_rejected == 1
    assert outputs[1] == outputs[2] == outputs[3]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_form_checked_where_it_is_read_keeps_its_plan_cell_issue_and_drops_the_cells(
    jobs: int, returned_forms: Path, embedded_plan: Plan, tmp_path: Path
) -> None:
    """form.validated: the plan cells are read, checked (plan-cell-changed) and then let go."""
    import shutil

    import openpyxl

    from rkt_excel.collect import run_consolidation
    from rkt_excel.read import read_form

    inbox = tmp_path / "masuk"
    shutil.copytree(returned_forms, inbox)
    victim = next(p for p in sorted(inbox.glob("*.xlsx")) if p.name != "catatan.xlsx")
    row = next(iter(read_form(victim, embedded_plan).rows.values()))
    cell = row.plan_cells["indikator"]
    wb = openpyxl.load_workbook(victim)
    wb[cell.sheet][cell.cell] = "Indikator yang diubah"
    wb.save(victim)

    c = run_consolidation([inbox], embedded_plan, as_of=AS_OF, jobs=jobs)
    found = c.issues[c.issues["code"] == "plan-cell-changed"]
    assert [(s, a) for s, a in zip(found["sheet"], found["cell"], strict=True)] == [
        (cell.sheet, cell.cell)
    ]
    assert c.summary.forms_accepted == 5
    assert all(not r.plan_cells for f in c.forms for r in f.rows.values())


def test_the_jobs_help_names_the_number_of_files_from_which_workers_start() -> None:
    from rkt_excel.cli import JOBS_OPTION

    @JOBS_OPTION
    def command(jobs: int | None) -> None: ...

    option = command.__click_params__[0]  # type: ignore[attr-defined]
    assert f"1 below {pool.AUTO_MIN_FILES} files" in option.help
    assert pool.auto_jobs(pool.AUTO_MIN_FILES - 1) == 1
    assert pool.auto_jobs(pool.AUTO_MIN_FILES) == pool.usable_cores()
