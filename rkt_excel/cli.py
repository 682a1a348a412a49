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
