"""The command-line tool: a thin click shell over the library (parse, call, render, exit code).

Owns the commands, their options and what they print; every piece of work is one library
call. Exit codes: 0 the job succeeded, 1 the job ran but found problems (or could not continue
on a bad input file), 2 usage errors (click's own). Library errors leave as ``Failure`` (a
click exception), printed as one clear message in the user's language, never a traceback.

Long on purpose: only this module may import click (tests/test_architecture.py), so every
command and its options live here; each command stays a parse, one library call, a render.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from rkt_excel import __version__
from rkt_excel.errors import RktError, TemplateError, UnitsError
from rkt_excel.texts import LANGS, default_lang, describe, percent, text

F = TypeVar("F", bound=Callable[..., Any])


class Failure(click.ClickException):
    """The job cannot continue: one message (and detail lines), exit code 1."""

    exit_code = 1

    def __init__(self, message: str, details: list[str] | None = None, lang: str = "id") -> None:
        super().__init__(message)
        self.details = details or []
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        out = file if file is not None else sys.stderr
        click.echo(f"{text('error', self.lang)}: {self.format_message()}", file=out)
        for line in self.details:
            click.echo(f"  {line}", file=out)


@contextmanager
def _library_errors(lang: str) -> Iterator[None]:
    """Turn the library's "cannot continue" errors (RktError) into a Failure."""
    try:
        yield
    except TemplateError as err:
        raise Failure(str(err), [str(p) for p in err.problems], lang) from err
    except UnitsError as err:
        details = [f"{text('line', lang, line=n)}: {m}" for n, m in err.problems]
        raise Failure(str(err), details, lang) from err
    except RktError as err:
        raise Failure(describe(err, lang), lang=lang) from err


def _command(func: F) -> F:
    """Run a command with library errors as Failure, in the language of its --lang."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _library_errors(kwargs.get("lang", "id")):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2019-08-17") from None


def _done(ctx: click.Context, failed: bool) -> None:
    ctx.exit(1 if failed else 0)


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=default_lang,
    show_default="id, or $RKT_LANG",
    help="Language of what is printed: id (Bahasa Indonesia) or en (English).",
)
TEMPLATE_OPTION = click.option(
    "--template",
    "-t",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Plan YAML (default: the embedded 2019 plan of Kanim Semarang).",
)
UNITS_OPTION = click.option(
    "--units",
    "units_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV of units (kode,nama,...): forms of other units are flagged, silent units listed.",
)
AS_OF_OPTION = click.option(
    "--as-of",
    callback=_parse_date,
    help="Judge dates and lateness as of this date (YYYY-MM-DD; default: the latest date of "
    "filling among the forms, at most the plan year's end and today).",
)


REVIEW_OPTION = click.option(
    "--review",
    "review_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A recap returned by the evaluators (TPI answers and notes, unit responses and the "
    "Hasil sheet filled in): read back and carried into this run.",
)


def _review(review_file: Path | None, plan: Any, lang: str) -> Any:
    """The returned recap read back (None without --review); its problems go to stderr."""
    if review_file is None:
        return None
    from rkt_excel.console import issue_line
    from rkt_excel.recap.read_review import read_review

    review = read_review(review_file, plan)
    for issue in review.issues:
        click.echo(issue_line(issue, lang), err=True)
    notes = sum(1 for e in review.entries.values() if e.tpi_note)
    click.echo(
        text("review-read", lang, path=review_file, entries=len(review.entries), notes=notes),
        err=True,
    )
    return review


HASIL_OPTION = click.option(
    "--hasil",
    "hasil_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML of komponen hasil inputs, e.g. 'H.IPAK: 3.45' (see docs/scoring.md).",
)
AGGREGATE_OPTION = click.option(
    "--aggregate",
    type=click.Choice(["min", "mean"]),
    default="min",
    show_default=True,
    help="How units' LKE answers combine: min = the weakest answer counts.",
)


def _consolidation(
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    lang: str,
    **options: Any,
) -> Any:
    """Read and consolidate the forms as ``consolidate`` does (``options`` are
    run_consolidation's: as_of, aggregate, hasil_file, review_file, jobs), with a progress bar."""
    from rkt_excel.collect import load_hasil, run_consolidation

    plan = _plan(template)
    units = _units(units_file, plan)
    hasil_file, review_file = options.pop("hasil_file", None), options.pop("review_file", None)
    hasil = load_hasil(hasil_file, plan) if hasil_file else None
    review = _review(review_file, plan, lang)
    update, close = _progress_bar(text("progress-reading", lang))
    try:
        return run_consolidation(
            inputs, plan, units=units, hasil=hasil, review=review, progress=update, **options
        )
    finally:
        close()


JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes reading the forms.",
)


def output_option(
    help: str, *, default: str | None = None, required: bool = False, folder: bool = False
) -> Callable[[F], F]:
    """The -o/--output option of a command: a file (or a folder) to write."""
    kind = (
        click.Path(file_okay=False, path_type=Path)
        if folder
        else click.Path(dir_okay=False, path_type=Path)
    )
    return click.option(
        "-o",
        "--output",
        type=kind,
        default=Path(default) if default is not None else None,
        show_default=default is not None,
        required=required,
        help=help,
    )


def format_option(choices: tuple[str, ...], help: str) -> Callable[[F], F]:
    """The --format option: the first choice is for people, the others for programs."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


def _plan(template: Path | None) -> Any:
    from rkt_excel.template import load_template

    return load_template(template)


def _units(units_file: Path | None, plan: Any) -> Any:
    if units_file is None:
        return None
    from rkt_excel.units import load_units

    return load_units(units_file, plan)


def _write_text(output: Path, content: str) -> None:
    from rkt_excel.xlsx_io import atomic_write

    with atomic_write(output) as tmp:
        tmp.write_text(content, encoding="utf-8")


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
@output_option("File to write (default: stdout).")
@LANG_OPTION
@_command
def template_show_default(output: Path | None, lang: str) -> None:
    """Write the embedded 2019 plan (Kantor Imigrasi Kelas I TPI Semarang) for editing."""
    from rkt_excel.template import default_template_path

    content = default_template_path().read_text(encoding="utf-8")
    if output is None:
        click.echo(content, nl=False)
        return
    _write_text(output, content)
    click.echo(text("wrote", lang, path=output))


@template.command("check")
@click.argument(
    "plan", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False
)
@format_option(
    (
        "text",
        "json",
    ),
    "text for people, json for programs.",
)
@LANG_OPTION
@click.pass_context
def template_check(ctx: click.Context, plan: Path | None, fmt: str, lang: str) -> None:
    """Report every problem of a plan (file, line, field, message); exit 1 if any.

    Without PLAN, checks the embedded default plan.
    """
    from rkt_excel.template import check_template

    problems = check_template(plan)
    name = str(plan) if plan else text("embedded-plan", lang)
    if fmt == "json":
        click.echo(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2))
    elif problems:
        for p in problems:
            click.echo(str(p))
        click.echo(text("plan-problems", lang, count=len(problems), name=name), err=True)
    else:
        click.echo(text("plan-ok", lang, name=name))
    _done(ctx, bool(problems))


@template.command("new")
@click.option("--regulation", required=True, help="Scoring model id, e.g. permenpanrb-90-2021.")
@click.option("--year", type=int, required=True, help="Plan year.")
@click.option(
    "--office", required=True, help="Office name, e.g. 'Kantor Imigrasi Kelas I TPI Semarang'."
)
@click.option("--ministry", default="", help="Ministry printed on the cover.")
@output_option("Plan YAML to write.", required=True)
@LANG_OPTION
@_command
def template_new(
    regulation: str, year: int, office: str, ministry: str, output: Path, lang: str
) -> None:
    """Write a starter plan with one indicator row per LKE question of a regulation."""
    from rkt_excel.starter import new_plan
    from rkt_excel.template import dump_template

    plan = new_plan(regulation, year=year, office=office, ministry=ministry)
    _write_text(output, dump_template(plan))
    n = sum(1 for _ in plan.indicators())
    click.echo(text("starter-written", lang, path=output, rows=n, regulation=regulation, year=year))


# --- forms ---------------------------------------------------------------------------------


@main.command()
@TEMPLATE_OPTION
@output_option("Workbook to write.", default="rkt.xlsx")
@click.option(
    "--password", default=None, help="Protect the sheets with this password (default: none)."
)
@LANG_OPTION
@_command
def generate(template: Path | None, output: Path, password: str | None, lang: str) -> None:
    """Write the standard RKT workbook (one sheet per component, with the checklist columns)."""
    from rkt_excel.generate import generate_workbook

    plan = _plan(template)
    path = generate_workbook(plan, output, password=password)
    n = sum(1 for _ in plan.indicators())
    click.echo(text("workbook-written", lang, path=path, components=len(plan.components), rows=n))


@main.command()
@click.option(
    "--units",
    "units_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    required=True,
    help="CSV of units: kode,nama[,komponen][,indikator].",
)
@TEMPLATE_OPTION
@output_option("Folder to write the forms to.", required=True, folder=True)
@click.option(
    "--password", default=None, help="Protect the sheets with this password (default: none)."
)
@LANG_OPTION
@_command
def distribute(
    units_file: Path, template: Path | None, output: Path, password: str | None, lang: str
) -> None:
    """Write one checklist form per unit, with only the rows assigned to it."""
    from rkt_excel.generate import distribute_forms

    plan = _plan(template)
    units = _units(units_file, plan)
    click.echo(text("units-read", lang, count=len(units), path=units_file))
    paths = distribute_forms(plan, units, output, password=password)
    click.echo(text("forms-written", lang, count=len(paths), folder=output))
    for p in paths:
        click.echo(f"  {p}")


# --- validate ------------------------------------------------------------------------------


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


def _render_issues(issues: list[Any], fmt: str, lang: str) -> None:
    if fmt == "json":
        data = [i.to_dict(lang) for i in issues]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    elif fmt == "csv":
        import csv

        from rkt_excel.safe_text import csv_cell

        fields = ["file", "sheet", "cell", "row_id", "field", "raw", "code", "severity", "message"]
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(fields)
        for issue in issues:
            d = issue.to_dict(lang)
            writer.writerow([csv_cell(d[f]) for f in fields])
    else:
        from rkt_excel.console import issue_line

        for issue in issues:
            click.echo(issue_line(issue, lang))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@format_option(
    (
        "table",
        "json",
        "csv",
    ),
    "table for people, json or csv for programs.",
)
@LANG_OPTION
@click.option(
    "--annotate",
    is_flag=True,
    help="Write <name>.periksa.xlsx next to each form, problem cells marked and commented.",
)
@REVIEW_OPTION
@JOBS_OPTION
@click.pass_context
@_command
def validate(
    ctx: click.Context,
    files: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    fmt: str,
    lang: str,
    annotate: bool,
    review_file: Path | None,
    jobs: int,
) -> None:
    """Check returned checklists cell by cell; exit 1 if any has an error.

    FILES are forms or folders of forms. A file that is not a readable form gets a one-line
    message and the others are still checked. With --review, each form also gets the TPI's
    notes on its rows (with --annotate, in its annotated copy).
    """
    from rkt_excel.annotate import annotate_report
    from rkt_excel.collect import check_files, expand_paths

    plan = _plan(template)
    units = _units(units_file, plan)
    paths = expand_paths(files)
    review = _review(review_file, plan, lang)
    update, close = _progress_bar(text("progress-reading", lang))
    try:
        report = check_files(
            paths, plan, as_of=as_of, units=units, jobs=jobs, progress=update, review=review
        )
    finally:
        close()
    _render_issues(report.issues, fmt, lang)
    if annotate:
        for written, problem in annotate_report(report, paths):
            if problem is not None:
                from rkt_excel.console import issue_line

                click.echo(issue_line(problem, lang), err=True)
            else:
                click.echo(text("annotated", lang, path=written), err=True)
    summary = text(
        "validate-summary",
        lang,
        files=len(paths),
        errors=len(report.errors),
        warnings=len(report.warnings),
    )
    click.echo(summary, err=True)
    _done(ctx, bool(report.errors))


# --- consolidate ---------------------------------------------------------------------------


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@JOBS_OPTION
@output_option("Folder to write the evidence tree to.", default="bukti", folder=True)
@format_option(("text", "json"), "text for people, json for programs.")
@LANG_OPTION
@_command
def evidence(
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    jobs: int,
    output: Path,
    fmt: str,
    lang: str,
) -> None:
    """Write the evidence folder: one folder per LKE question (id plus a short name, under
    its area and sub-area) to upload to the shared drive, each with a _bukti.txt of what is
    asked and given, and indeks-bukti.xlsx listing the evidence per question and unit.

    INPUTS are the units' forms (files or folders), read as by consolidate.
    """
    from rkt_excel.evidence_folder import write_evidence_folder

    result = _consolidation(inputs, template, units_file, lang, as_of=as_of, jobs=jobs)
    written = write_evidence_folder(result, output)
    share = result.evidence_report.overall.percent
    if fmt == "json":
        data = {
            "folder": str(written.root),
            "index": str(written.index),
            "folders": len(written.folders),
            "items": written.items,
            "completeness": share,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(
        text(
            "evidence-written",
            lang,
            folders=len(written.folders),
            root=written.root,
            items=written.items,
            completeness=percent(share, lang),
        )
    )
    click.echo(text("wrote", lang, path=written.index))


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@HASIL_OPTION
@AGGREGATE_OPTION
@REVIEW_OPTION
@JOBS_OPTION
@output_option("Recap workbook to write.", default="rekap.xlsx")
@click.option(
    "--export",
    type=click.Choice(["csv"]),
    default=None,
    help="Also write the tidy tables as CSV next to the recap.",
)
@format_option(
    (
        "text",
        "json",
    ),
    "text for people, json for programs.",
)
@LANG_OPTION
@click.pass_context
@_command
def consolidate(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    hasil_file: Path | None,
    aggregate: str,
    review_file: Path | None,
    jobs: int,
    output: Path,
    export: str | None,
    fmt: str,
    lang: str,
) -> None:
    """Consolidate the units' forms (files or folders) into the recap workbook.

    The recap is written even when forms are rejected or have errors (they are listed in it);
    the exit code is 0 only when every form was accepted without errors. With --review, the
    returned recap's TPI/TPN answers are scored side by side with the units' (sheet Reviu
    TPI), and its notes, responses and Hasil inputs carry into the new recap.
    """
    from rkt_excel.collect import load_hasil, run_consolidation
    from rkt_excel.console import summary_lines
    from rkt_excel.recap import export_csv, write_recap

    plan = _plan(template)
    units = _units(units_file, plan)
    hasil = load_hasil(hasil_file, plan) if hasil_file else None
    review = _review(review_file, plan, lang)
    update, close = _progress_bar(text("progress-reading", lang))
    try:
        result = run_consolidation(
            inputs,
            plan,
            units=units,
            as_of=as_of,
            aggregate=aggregate,  # type: ignore[arg-type]
            hasil=hasil,
            jobs=jobs,
            progress=update,
            review=review,
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
        for line in summary_lines(summary, result.result.checks, lang):
            click.echo(line)
        for p in written:
            click.echo(text("wrote", lang, path=p))
    _done(ctx, summary.forms_rejected > 0 or summary.errors > 0)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@HASIL_OPTION
@AGGREGATE_OPTION
@REVIEW_OPTION
@click.option(
    "--predikat",
    type=click.Choice(["WBK", "WBBM"]),
    default=None,
    help="The predikat to plan for (default: the first one not reached).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Improvements shown per list in text output (0: all).",
)
@JOBS_OPTION
@format_option(("text", "json"), "text for people, json for programs.")
@LANG_OPTION
@_command
def priorities(
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    hasil_file: Path | None,
    aggregate: str,
    review_file: Path | None,
    predikat: str | None,
    limit: int,
    jobs: int,
    fmt: str,
    lang: str,
) -> None:
    """The path to WBK: the improvements of the LKE answers that add most, and for each
    failed minimum the smallest set of improvements that clears it.

    INPUTS are the units' forms (files or folders), consolidated as by consolidate; nothing
    is written. Each improvement names the units answering for it and the evidence missing.
    """
    from rkt_excel.console import priorities_lines
    from rkt_excel.priorities import for_consolidation

    result = _consolidation(
        inputs, template, units_file, lang, as_of=as_of, aggregate=aggregate,
        hasil_file=hasil_file, review_file=review_file, jobs=jobs,
    )  # fmt: skip
    found = for_consolidation(result, predikat)
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in priorities_lines(found, result.model, lang, limit):
        click.echo(line)


@main.command()
@click.argument(
    "recaps", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@output_option("Roll-up workbook to write.", default="rekap-kanwil.xlsx")
@LANG_OPTION
@click.pass_context
@_command
def rollup(ctx: click.Context, recaps: tuple[Path, ...], output: Path, lang: str) -> None:
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
            click.echo(f"{text('error', lang)}: {describe(err, lang)}", err=True)
            failed += 1
    if not found:
        raise Failure(text("rollup-none", lang), lang=lang)
    out = write_rollup(found, output)
    click.echo(text("rollup-written", lang, path=out, count=len(found)))
    _done(ctx, failed > 0)


@main.command()
@output_option("Folder to write everything to.", default="demo", folder=True)
@JOBS_OPTION
@LANG_OPTION
@_command
def demo(output: Path, jobs: int, lang: str) -> None:
    """Run the whole cycle on the embedded 2019 plan with simulated units.

    Writes the standard workbook, one form per unit, the forms as units return them (some
    late, some invalid, one superseded, one missing, one wrong file), a recap per office
    (two offices, the second fictional) and the Kanwil roll-up. All answers are simulated.
    """
    from rkt_excel.console import summary_lines
    from rkt_excel.demo import run_demo

    result = run_demo(output, jobs=jobs)
    click.echo(text("demo-workbook", lang, path=result.workbook))
    for office in result.offices:
        click.echo(f"{office.name}:")
        click.echo("  " + text("demo-forms", lang, count=len(office.forms),
                               folder=office.forms[0].parent))  # fmt: skip
        click.echo("  " + text("demo-returned", lang, count=len(office.returned),
                               folder=office.returned[0].parent))  # fmt: skip
        if office.summary is not None:
            for line in summary_lines(office.summary, office.checks, lang)[1:]:
                click.echo(line)
        click.echo("  " + text("wrote", lang, path=office.recap))
    click.echo(text("demo-rollup", lang, path=result.rollup))
