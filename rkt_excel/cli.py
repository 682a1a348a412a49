"""The command-line tool: a thin click shell over the library (parse, call, render, exit code).

Exit codes: 0 the job succeeded, 1 the job ran but found problems (or could not continue on a bad
input file), 2 usage errors (click's own). No command lets a traceback reach the user for a bad
input file: library errors (RktError) are printed as one clear message.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from rkt_excel import __version__
from rkt_excel.errors import RktError, TemplateError, UnitsError

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def _handle_errors(func: F) -> F:
    """Turn the library's "cannot continue" errors into a message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TemplateError as err:
            click.echo(f"Error: {err}", err=True)
            for problem in err.problems:
                click.echo(f"  {problem}", err=True)
            sys.exit(1)
        except UnitsError as err:
            click.echo(f"Error: {err}", err=True)
            for line, message in err.problems:
                click.echo(f"  line {line}: {message}", err=True)
            sys.exit(1)
        except RktError as err:
            _fail(str(err))

    return wrapper  # type: ignore[return-value]


def _load_plan(template: Path | None) -> Any:
    from rkt_excel.template import load_template

    return load_template(template)


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2019-08-17") from None


TEMPLATE_OPTION = click.option(
    "--template",
    "-t",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Plan YAML (default: the embedded 2019 plan of Kanim Semarang).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rkt-excel")
def main() -> None:
    """rkt-excel: the Zona Integritas work plan (RKT) in Excel.

    Generate the standard RKT workbook and unit checklists, validate the checklists units
    return, consolidate them into a recap with an LKE scoring sheet, and roll recaps up.
    """


# --- template ------------------------------------------------------------------------------


@main.group()
def template() -> None:
    """Plan templates: start a new one, write the default, check one."""


@template.command("show-default")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@_handle_errors
def template_show_default(output: Path | None) -> None:
    """Write the embedded 2019 plan (Kantor Imigrasi Kelas I TPI Semarang) for editing."""
    from rkt_excel.template import default_template_path

    text = default_template_path().read_text(encoding="utf-8")
    if output is None:
        click.echo(text, nl=False)
        return
    from rkt_excel.xlsx_io import atomic_write

    with atomic_write(output) as tmp:
        tmp.write_text(text, encoding="utf-8")
    click.echo(f"Wrote {output}")


@template.command("check")
@click.argument(
    "plan", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def template_check(plan: Path | None, fmt: str) -> None:
    """Report every problem of a plan (file, line, field, message); exit 1 if any.

    Without PLAN, checks the embedded default plan.
    """
    from rkt_excel.template import check_template

    problems = check_template(plan)
    name = str(plan) if plan else "embedded default plan"
    if fmt == "json":
        click.echo(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2))
    elif problems:
        for p in problems:
            click.echo(str(p))
        click.echo(f"{len(problems)} problem(s) in {name}", err=True)
    else:
        click.echo(f"{name}: OK")
    sys.exit(1 if problems else 0)


@template.command("new")
@click.option("--regulation", required=True, help="Scoring model id, e.g. permenpanrb-90-2021.")
@click.option("--year", type=int, required=True, help="Plan year.")
@click.option(
    "--office", required=True, help="Office name, e.g. 'Kantor Imigrasi Kelas I TPI Semarang'."
)
@click.option("--ministry", default="", help="Ministry printed on the cover.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@_handle_errors
def template_new(regulation: str, year: int, office: str, ministry: str, output: Path) -> None:
    """Write a starter plan with one indicator row per LKE question of a regulation."""
    from rkt_excel.starter import new_plan
    from rkt_excel.template import dump_template
    from rkt_excel.xlsx_io import atomic_write

    plan = new_plan(regulation, year=year, office=office, ministry=ministry)
    with atomic_write(output) as tmp:
        tmp.write_text(dump_template(plan), encoding="utf-8")
    n = sum(1 for _ in plan.indicators())
    click.echo(f"Wrote {output}: {n} indicator rows for {regulation}, {year}")


# --- forms ---------------------------------------------------------------------------------


@main.command()
@TEMPLATE_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("rkt.xlsx"),
    show_default=True,
    help="Workbook to write.",
)
@click.option(
    "--password", default=None, help="Protect the sheets with this password (default: none)."
)
@_handle_errors
def generate(template: Path | None, output: Path, password: str | None) -> None:
    """Write the standard RKT workbook (one sheet per component, with the checklist columns)."""
    from rkt_excel.generate import generate_workbook

    plan = _load_plan(template)
    path = generate_workbook(plan, output, password=password)
    n = sum(1 for _ in plan.indicators())
    click.echo(f"Wrote {path}: {len(plan.components)} components, {n} indicator rows")


@main.command()
@click.option(
    "--units",
    "units_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="CSV of units: kode,nama[,komponen][,indikator].",
)
@TEMPLATE_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder to write the forms to.",
)
@click.option(
    "--password", default=None, help="Protect the sheets with this password (default: none)."
)
@_handle_errors
def distribute(units_file: Path, template: Path | None, output: Path, password: str | None) -> None:
    """Write one checklist form per unit, with only the rows assigned to it."""
    from rkt_excel.generate import distribute_forms
    from rkt_excel.units import load_units

    plan = _load_plan(template)
    units = load_units(units_file, plan)
    paths = distribute_forms(plan, units, output, password=password)
    click.echo(f"Wrote {len(paths)} forms to {output}")
    for p in paths:
        click.echo(f"  {p}")


# --- validate ------------------------------------------------------------------------------

UNITS_OPTION = click.option(
    "--units",
    "units_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of units (kode,nama,...): forms of other units are flagged, silent units listed.",
)
AS_OF_OPTION = click.option(
    "--as-of",
    callback=_parse_date,
    help="Judge dates and lateness as of this date (YYYY-MM-DD; default: today).",
)
LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the messages.",
)


def _load_units(units_file: Path | None, plan: Any) -> Any:
    if units_file is None:
        return None
    from rkt_excel.units import load_units

    return load_units(units_file, plan)


def _render_issues(issues: list[Any], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([i.to_dict() for i in issues], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        import csv

        from rkt_excel.safe_text import csv_cell

        fields = ["file", "sheet", "cell", "row_id", "field", "raw", "code", "severity", "message"]
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(fields)
        for issue in issues:
            d = issue.to_dict()
            writer.writerow([csv_cell(d[f]) for f in fields])
    else:
        for issue in issues:
            click.echo(f"{issue.severity:<7} {issue}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@LANG_OPTION
@click.option(
    "--annotate",
    is_flag=True,
    help="Write <name>.periksa.xlsx next to each form, problem cells marked and commented.",
)
@_handle_errors
def validate(
    files: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    fmt: str,
    lang: str,
    annotate: bool,
) -> None:
    """Check returned checklists cell by cell; exit 1 if any has an error.

    FILES are forms or folders of forms. A file that is not a readable form gets a one-line
    message and the others are still checked.
    """
    from rkt_excel.consolidate import expand_paths
    from rkt_excel.errors import FormError
    from rkt_excel.rules import PREFLIGHT_CODES
    from rkt_excel.validate import annotate as annotate_form
    from rkt_excel.validate import check_files

    plan = _load_plan(template)
    units = _load_units(units_file, plan)
    paths = expand_paths(files)
    report = check_files(paths, plan, as_of=as_of or dt.date.today(), units=units, lang=lang)
    _render_issues(report.issues, fmt)
    if annotate:
        for path in paths:
            mine = [i for i in report.issues if i.file == str(path)]
            if not mine or any(i.code in PREFLIGHT_CODES for i in mine):
                continue
            try:
                out = annotate_form(path, mine)
            except FormError as err:
                click.echo(f"Error: {err}", err=True)
                continue
            click.echo(f"Wrote {out}", err=True)
    errors, warnings = len(report.errors), len(report.warnings)
    click.echo(f"{len(paths)} file(s): {errors} error(s), {warnings} warning(s)", err=True)
    sys.exit(1 if errors else 0)


# --- consolidate ---------------------------------------------------------------------------


def _progress_bar(label: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress callback that shows a bar on a terminal (stderr) and nothing elsewhere."""
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total < 2:
            return
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(done - state.get("done", 0))
        state["done"] = done

    def close() -> None:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)

    return update, close


def _summary_lines(summary: Any) -> list[str]:
    pct = "-" if summary.completion is None else f"{summary.completion:.1f}%"
    total = "-" if summary.total is None else f"{summary.total:.2f}"
    lines = [
        f"{summary.office} — {summary.period} (per {summary.as_of:%d-%m-%Y})",
        f"  forms: {summary.forms_accepted} accepted, {summary.forms_rejected} rejected, "
        f"{summary.forms_superseded} superseded; units missing: "
        f"{', '.join(summary.units_missing) or 'none'}",
        f"  issues: {summary.errors} error(s), {summary.warnings} warning(s)",
        f"  completion: {pct}",
        f"  estimated LKE score: {total} (pengungkit {summary.pengungkit or 0:.2f}, "
        f"hasil {summary.hasil or 0:.2f}); predikat: {summary.predikat or 'not reached'}",
    ]
    if summary.minimums_failed:
        lines.append(f"  failed: {', '.join(summary.minimums_failed)}")
    return lines


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@click.option(
    "--hasil",
    "hasil_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML of komponen hasil inputs, e.g. 'H.IPAK: 3.45' (see docs/scoring.md).",
)
@click.option(
    "--aggregate",
    type=click.Choice(["min", "mean"]),
    default="min",
    show_default=True,
    help="How units' LKE answers combine: min = the weakest answer counts.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("rekap.xlsx"),
    show_default=True,
)
@click.option(
    "--export",
    type=click.Choice(["csv"]),
    default=None,
    help="Also write the tidy tables as CSV next to the recap.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG_OPTION
@_handle_errors
def consolidate(
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    hasil_file: Path | None,
    aggregate: str,
    jobs: int,
    output: Path,
    export: str | None,
    fmt: str,
    lang: str,
) -> None:
    """Consolidate the units' forms (files or folders) into the recap workbook.

    The recap is written even when forms are rejected or have errors (they are listed in it);
    the exit code is 0 only when every form was accepted without errors.
    """
    from rkt_excel.consolidate import load_hasil, run_consolidation
    from rkt_excel.recap import export_csv, write_recap

    plan = _load_plan(template)
    units = _load_units(units_file, plan)
    hasil = load_hasil(hasil_file, plan) if hasil_file else None
    update, close = _progress_bar("Membaca formulir")
    try:
        result = run_consolidation(
            inputs,
            plan,
            units=units,
            as_of=as_of or dt.date.today(),
            aggregate=aggregate,  # type: ignore[arg-type]
            hasil=hasil,
            jobs=jobs,
            progress=update,
            lang=lang,
        )
    finally:
        close()
    path = write_recap(result, plan, output)
    written = [path]
    if export == "csv":
        written += export_csv(result, path.parent)
    summary = result.summary
    if fmt == "json":
        data = {"written": [str(p) for p in written], "summary": summary.to_dict()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in _summary_lines(summary):
            click.echo(line)
        for p in written:
            click.echo(f"Wrote {p}")
    sys.exit(0 if summary.forms_rejected == 0 and summary.errors == 0 else 1)


@main.command()
@click.argument(
    "recaps", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("rekap-kanwil.xlsx"),
    show_default=True,
)
def rollup(recaps: tuple[Path, ...], output: Path) -> None:
    """Roll the recaps of several offices up into the Kanwil view.

    A file that is not a recap gets a message and is left out; the exit code is then 1.
    """
    from rkt_excel.errors import RecapError
    from rkt_excel.recap import read_recap, write_rollup

    found = []
    failed = 0
    for path in recaps:
        try:
            found.append(read_recap(path))
        except RecapError as err:
            click.echo(f"Error: {err}", err=True)
            failed += 1
    if not found:
        _fail("no recap to roll up")
    out = write_rollup(found, output)
    click.echo(f"Wrote {out}: {len(found)} office(s)")
    sys.exit(1 if failed else 0)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo"),
    show_default=True,
    help="Folder to write everything to.",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True)
@_handle_errors
def demo(output: Path, jobs: int) -> None:
    """Run the whole cycle on the embedded 2019 plan with simulated units.

    Writes the standard workbook, one form per unit, the forms as units return them (some
    late, some invalid, one superseded, one missing, one wrong file), a recap per office
    (two offices, the second fictional) and the Kanwil roll-up. All answers are simulated.
    """
    from rkt_excel.demo import run_demo

    result = run_demo(output, jobs=jobs)
    click.echo(f"Wrote {result.workbook} (the standard RKT workbook)")
    for office in result.offices:
        click.echo(f"{office.name}:")
        click.echo(f"  {len(office.forms)} forms in {office.forms[0].parent}")
        click.echo(f"  {len(office.returned)} returned files in {office.returned[0].parent}")
        if office.summary is not None:
            for line in _summary_lines(office.summary)[1:]:
                click.echo(f"  {line.strip()}")
        click.echo(f"  Wrote {office.recap}")
    click.echo(f"Wrote {result.rollup} (the Kanwil roll-up)")
