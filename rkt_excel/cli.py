"""The command-line tool: a thin click shell over the library (parse, call, render, exit code).

Owns the commands, their options and what they print; every piece of work is one library
call. Exit codes: 0 the job succeeded, 1 the job ran but found problems (or could not continue
on a bad input file), 2 usage errors (click's own). Library errors leave as ``Failure`` (a
click exception), printed as one clear message in the user's language, never a traceback.
Inside a workspace (``workspace.find_workspace``) the plan, units, folders and periods come
from it unless a flag names them; outside one, every command behaves as without workspaces.

Long on purpose: only this module may import click (tests/test_architecture.py), so every
command and its options live here; each command stays a parse, one library call, a render.
Splitting it into a ``cli/`` package (one module per group of commands) is the way out when
the rule is widened to the package.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
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
        raise Failure(describe(err, lang), [p.render(lang) for p in err.problems], lang) from err
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


def _parsed_by(parse: Callable[[str], Any], key: str) -> Callable[..., Any]:
    """A click callback: the option's text through ``parse``; None from it is a usage error
    (``key`` of texts.TEXTS, with the value), shown in the user's language."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
        if value is None:
            return None
        found = parse(value)
        if found is None:
            raise BadValueKeyed(key, param, value=value)
        return found

    return callback


def _date_text(value: str) -> dt.date | None:
    from rkt_excel.normalize import parse_date_text  # imported when an option needs it

    return parse_date_text(value)


def _period_text(value: str) -> Any:
    from rkt_excel.periods import parse_period

    return parse_period(value)


# A date as the forms accept it: day first (31-08-2019, 31/08/2019) or ISO (2019-08-31).
_parse_date = _parsed_by(_date_text, "usage-bad-date")
_parse_period = _parsed_by(_period_text, "usage-bad-period")


def _hasil_given(plan: Any, answers: Any) -> bool:
    """True when any komponen hasil input of the plan's model has an answer (a model that
    cannot be loaded has none to ask for)."""
    from rkt_excel.errors import ModelError
    from rkt_excel.lke import load_model

    try:
        model = load_model(plan.regulation)
    except ModelError:
        return True
    return any(q in answers for q in model.hasil_inputs)


def _done(ctx: click.Context, failed: bool) -> None:
    ctx.exit(1 if failed else 0)


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=default_lang,
    show_default="id, or $RKT_LANG",
    help="Language of what is printed: id (Bahasa Indonesia) or en (English).",
)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)  # an input file
TEMPLATE_OPTION = click.option(
    "--template",
    "-t",
    type=EXISTING_FILE,
    help="Plan YAML or plan workbook .xlsx (default: the workspace's plan; outside a "
    "workspace the embedded 2019 plan of Kanim Semarang).",
)
UNITS_OPTION = click.option(
    "--units",
    "units_file",
    type=EXISTING_FILE,
    help="CSV of units (kode,nama,...): forms of other units are flagged, silent units listed "
    "(default: the workspace's units file).",
)
AS_OF_OPTION = click.option(
    "--as-of",
    callback=_parse_date,
    help="Judge dates and lateness as of this date (DD-MM-YYYY or YYYY-MM-DD; default: the "
    "period's last day, else the latest date of filling among the forms, at most the plan "
    "year's end and today).",
)


def period_option(help: str) -> Callable[[F], F]:
    """The --period option: a month, YYYY-MM or a month's name and year."""
    return click.option("--period", callback=_parse_period, help=help)


PERIOD_OPTION = period_option(
    "The month (YYYY-MM, or a month's name and year); in a workspace the default is the "
    "latest month with a returns folder."
)
PREVIOUS_OPTION = click.option(
    "--previous",
    multiple=True,
    type=EXISTING_FILE,
    help="An earlier month's recap (repeatable; default in a workspace: the recaps folder).",
)


REVIEW_OPTION = click.option(
    "--review",
    "review_file",
    type=EXISTING_FILE,
    help="A recap returned by the evaluators (TPI answers and notes, unit responses and the "
    "Hasil sheet filled in): read back and carried into this run (default in a workspace: the "
    "latest recap in its reviews folder, reviu/).",
)


def _review(review_file: Path | None, plan: Any, lang: str, ws: Any = None) -> Any:
    """The returned recap read back (None without --review, and in a workspace without one in
    its reviews folder); its problems go to stderr."""
    if review_file is None and ws is not None:
        review_file = ws.review_path
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
    type=EXISTING_FILE,
    help="YAML of komponen hasil inputs, e.g. 'H.IPAK: 3.45' (see docs/scoring.md; default in "
    "a workspace: its hasil file, when there is one).",
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

    ws, plan, units, period, inputs = _month_inputs(
        inputs, template, units_file, None, "INPUTS", lang
    )
    hasil_file, review_file = options.pop("hasil_file", None), options.pop("review_file", None)
    if hasil_file is None and ws is not None:
        hasil_file = ws.hasil_path
    hasil = load_hasil(hasil_file, plan) if hasil_file else None
    review = _review(review_file, plan, lang, ws)
    update, close = _progress_bar(text("progress-reading", lang))
    try:
        return run_consolidation(
            inputs, plan, units=units, hasil=hasil, review=review, progress=update,
            period=period, **options,
        )  # fmt: skip
    finally:
        close()


JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes reading the forms [default: as many as help: 1 below "
    "40 files, else one per core].",  # pool.AUTO_MIN_FILES (tests/test_pool.py checks)
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


def _workspace() -> Any:
    """The workspace the current folder is in (None outside one)."""
    from rkt_excel.workspace import find_workspace

    return find_workspace()


TEXT_OR_JSON = format_option(("text", "json"), "text for people, json for programs.")


def _plan(template: Path | None, ws: Any = None) -> Any:
    """--template if given; else the workspace's plan; else the embedded one."""
    from rkt_excel.template import load_template

    if template is None and ws is not None:
        return ws.load_plan()
    return load_template(template)


def _units(units_file: Path | None, plan: Any, ws: Any = None) -> Any:
    """--units if given; else the workspace's units; else none."""
    if units_file is None:
        return ws.load_units(plan) if ws is not None else None
    from rkt_excel.units import load_units

    return load_units(units_file, plan)


def _month_inputs(
    given: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    period: Any,
    argument: str,
    lang: str,
) -> tuple[Any, Any, Any, Any, tuple[Path, ...]]:
    """(workspace, plan, units, period, files) of a command reading a month's returns: the
    files given, else (in a workspace) the month's returns folder; outside a workspace the
    files are required (``argument`` names them in the usage error)."""
    ws = _workspace()
    if not given and ws is None:
        raise UsageKeyed("usage-missing-argument", argument=f"'{argument}...'")
    plan = _plan(template, ws)
    units = _units(units_file, plan, ws)
    if not given:
        period, given = _returns(ws, period, plan, lang)
    return ws, plan, units, period, given


def _returns(ws: Any, period: Any, plan: Any, lang: str) -> tuple[Any, tuple[Path, ...]]:
    """The period and the returns folder a command reads in a workspace when given no files."""
    from rkt_excel.asof import default_period

    found = default_period(period, ws.returned_periods(), plan.year)
    folder = ws.returns_dir(found) if found is not None else None
    if folder is None or not folder.is_dir():
        where = folder or ws.root / ws.config.returns
        raise Failure(text("ws-no-returns", lang, path=where), lang=lang)
    return found, (folder,)


def _write_text(output: Path, content: str) -> None:
    from rkt_excel.xlsx_io import atomic_write

    with atomic_write(output) as tmp:
        tmp.write_text(content, encoding="utf-8")


class UsageKeyed(click.UsageError):
    """A usage error of ours: a key of texts.TEXTS and its parameters (English in its
    message; shown in the user's language by ``_Main``)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(text(key, "en", **params))
        self.key, self.params = key, params


class BadValueKeyed(click.BadParameter):
    """An option value a callback refused, as a key of texts.TEXTS and its parameters."""

    def __init__(self, key: str, param: click.Parameter, **params: Any) -> None:
        super().__init__(text(key, "en", **params), param=param)
        self.key, self.params = key, params


def _lang_of(args: Sequence[str]) -> str:
    """The language a command line asks for (--lang xx, --lang=xx), else $RKT_LANG or id."""
    for n, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and n + 1 < len(args):
            value = args[n + 1]
        if value in LANGS:
            return value
    return default_lang()


def _usage_message(err: click.UsageError, lang: str) -> str:
    """What was wrong with the command line, in ``lang``: ours by key; click's commonest
    errors by their kind (anything else in click's own words)."""
    message = err.message
    if isinstance(err, UsageKeyed | BadValueKeyed):
        message = text(err.key, lang, **err.params)
    if isinstance(err, click.NoSuchOption):
        maybe = ", ".join(sorted(err.possibilities or ()))
        return text("usage-no-option", lang, option=err.option_name) + (
            " " + text("usage-maybe", lang, choices=maybe) if maybe else ""
        )
    if isinstance(err, click.BadParameter) and err.param is not None:  # MissingParameter too
        hint = err.param.get_error_hint(err.ctx) if err.ctx is not None else str(err.param.name)
        if isinstance(err, click.MissingParameter):
            kind = "argument" if err.param.param_type_name == "argument" else "option"
            return text(f"usage-missing-{kind}", lang, argument=hint, option=hint)
        return text("usage-bad-value", lang, option=hint, message=message)
    return message


def show_usage_error(err: click.UsageError, lang: str) -> None:
    """A usage error as click shows one (usage line, where to get help, the error), in
    ``lang``; exit code 2 stays click's."""
    out = sys.stderr
    ctx = err.ctx
    if ctx is not None:
        usage = ctx.command.collect_usage_pieces(ctx)
        click.echo(text("usage-line", lang, usage=" ".join([ctx.command_path, *usage])), file=out)
        click.echo(text("usage-try", lang, command=ctx.command_path), file=out)
        click.echo("", file=out)
    click.echo(f"{text('error', lang)}: {_usage_message(err, lang)}", file=out)


class _Main(click.Group):
    """The tool's entry point: every command runs under ``xlsx_io.interrupts_cleaned``, so
    SIGINT, SIGTERM and SIGHUP leave no temporary file (ours or xlsxwriter's) behind; usage
    errors are shown in the user's language (``show_usage_error``)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from rkt_excel.xlsx_io import interrupts_cleaned

        with interrupts_cleaned():
            if not standalone_mode:
                return super().main(args, prog_name, complete_var, False, **extra)
            given = list(sys.argv[1:] if args is None else args)
            try:
                code = super().main(given, prog_name, complete_var, False, **extra)
            except click.UsageError as err:
                show_usage_error(err, _lang_of(given))
                sys.exit(err.exit_code)
            except click.ClickException as err:
                err.show()
                sys.exit(err.exit_code)
            except click.Abort:
                click.echo(text("aborted", _lang_of(given)), file=sys.stderr)
                sys.exit(1)
            sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
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
@output_option("File to write: .yaml, or .xlsx for a plan workbook (default: YAML to stdout).")
@LANG_OPTION
@_command
def template_show_default(output: Path | None, lang: str) -> None:
    """Write the embedded 2019 plan (Kantor Imigrasi Kelas I TPI Semarang) for editing."""
    from rkt_excel.template import default_template_path

    if output is not None and output.suffix.lower() in (".xlsx", ".xlsm"):
        from rkt_excel.planbook.save import save_plan

        click.echo(text("wrote", lang, path=save_plan(_plan(None), output)))
        return
    content = default_template_path().read_text(encoding="utf-8")
    if output is None:
        click.echo(content, nl=False)
        return
    _write_text(output, content)
    click.echo(text("wrote", lang, path=output))


@template.command("check")
@click.argument("plan", type=EXISTING_FILE, required=False)
@TEXT_OR_JSON
@LANG_OPTION
@click.pass_context
@_command
def template_check(ctx: click.Context, plan: Path | None, fmt: str, lang: str) -> None:
    """Report every problem of a plan (file, line or Sheet!Cell, field, message); exit 1 if any.

    PLAN is a plan YAML or a plan workbook (.xlsx). Without PLAN, checks the workspace's
    plan, or outside a workspace the embedded default.
    """
    from rkt_excel.template import check_template

    ws = _workspace() if plan is None else None
    plan = ws.plan_path if ws is not None else plan
    problems = check_template(plan)
    name = str(plan) if plan else text("embedded-plan", lang)
    if fmt == "json":
        data = [{**p.__dict__, "text": p.render(lang)} for p in problems]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif problems:
        for p in problems:
            click.echo(p.render(lang))
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
@output_option("Plan to write: .yaml, or .xlsx for a plan workbook.", required=True)
@LANG_OPTION
@_command
def template_new(
    regulation: str, year: int, office: str, ministry: str, output: Path, lang: str
) -> None:
    """Write a starter plan with one indicator row per LKE question of a regulation."""
    from rkt_excel.planbook.save import save_plan
    from rkt_excel.starter import new_plan

    plan = new_plan(regulation, year=year, office=office, ministry=ministry)
    save_plan(plan, output)
    n = sum(1 for _ in plan.indicators())
    click.echo(text("starter-written", lang, path=output, rows=n, regulation=regulation, year=year))


@template.command("import")
@click.argument("source", type=EXISTING_FILE)
@output_option("Plan to write: .yaml, or .xlsx for a plan workbook.", required=True)
@click.option("--regulation", help="LKE model for the suggestions (default: as the text names).")
@TEXT_OR_JSON
@LANG_OPTION
@click.pass_context
@_command
def template_import(
    ctx: click.Context, source: Path, output: Path, regulation: str | None, fmt: str, lang: str
) -> None:
    """Import the office's own RKT (Word .docx, or an .xlsx/.ods table) as a plan.

    Reads the BAB III table, the chapters, the priority targets and the signatures. Each row's
    LKE question is a suggestion to confirm; what could not be read is listed with its table,
    row and column. Exit 1 when anything but notes was found.
    """
    from rkt_excel.planbook.save import save_plan
    from rkt_excel.planimport import import_plan, report_json, report_lines

    plan, problems, suggestions = import_plan(source, regulation=regulation)
    path = save_plan(plan, output)
    if fmt == "json":
        click.echo(json.dumps(report_json(path, problems, suggestions, lang), ensure_ascii=False,
                              indent=2, default=str))  # fmt: skip
    else:
        for line in report_lines(problems, suggestions, lang):
            click.echo(line)
        rows = sum(1 for _ in plan.indicators())
        click.echo(text("plan-imported", lang, path=path, rows=rows, chapters=len(plan.chapters),
                        problems=len(problems)))  # fmt: skip
    _done(ctx, any(p.severity != "info" for p in problems))


# --- workspace -----------------------------------------------------------------------------


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--template",
    "-t",
    type=EXISTING_FILE,
    help="Plan file to copy (default: the embedded 2019 plan).",
)
@click.option(
    "--regulation", help="Start a new plan for this scoring model (with --office, --year)."
)
@click.option("--office", help="Office name of the new plan.")
@click.option("--year", type=int, help="Year of the new plan (with --from: the new year).")
@click.option("--ministry", default="", help="Ministry printed on the new plan's cover.")
@click.option(
    "--units",
    "units_file",
    type=EXISTING_FILE,
    help="Units file to copy (default: the embedded plan's example, or a one-line starter).",
)
@click.option(
    "--deadline-day",
    type=click.IntRange(1, 31),
    default=None,
    help="Day of the month the returns are due, for the month before (default: 5).",
)
@click.option("--kanwil", default=None, help="The Kanwil (regional office) the recaps go to.")
@click.option(
    "--from",
    "old",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Start the next year from this workspace: plan moved a year, units copied, its last "
    "recap kept as the first month's reference.",
)
@LANG_OPTION
@_command
def init(
    folder: Path,
    template: Path | None,
    regulation: str | None,
    office: str | None,
    year: int | None,
    ministry: str,
    units_file: Path | None,
    deadline_day: int | None,
    kanwil: str | None,
    old: Path | None,
    lang: str,
) -> None:
    """Make a workspace: one office's year in FOLDER (config, plan, units, folders, read-me).

    Inside it (or any folder below it) every command takes the plan, the units and the
    folders from it; flags still override.
    """
    from rkt_excel.workspace import DEFAULT_DEADLINE_DAY, init_workspace, roll_over

    if old is not None:
        if template or regulation or office or units_file:
            raise UsageKeyed("usage-from-alone")
        ws = roll_over(old, folder, year=year, deadline_day=deadline_day, kanwil=kanwil,
                       lang=lang)  # fmt: skip
        click.echo(text("ws-rolled", lang, year=ws.config.year, path=folder, old=old,
                        plan=ws.plan_path))  # fmt: skip
        ref = ws.reference_path
        click.echo(text("ws-reference", lang, path=ref) if ref else text("ws-no-reference", lang))
        click.echo(text("ws-edit-plan", lang, year=ws.config.year))
        return
    ws = init_workspace(
        folder,
        template=template,
        regulation=regulation,
        office=office,
        year=year,
        ministry=ministry,
        units=units_file,
        deadline_day=DEFAULT_DEADLINE_DAY if deadline_day is None else deadline_day,
        kanwil=kanwil or "",
        lang=lang,
    )
    click.echo(text("ws-created", lang, path=folder, office=ws.config.office, year=ws.config.year))


# --- forms ---------------------------------------------------------------------------------

PAPER_OPTION = click.option(
    "--paper",
    type=click.Choice(("a4", "f4")),
    default="a4",
    show_default=True,
    help="Paper the workbooks (and documents) print on: A4 or F4/Folio (215 x 330 mm).",
)


@main.command()
@TEMPLATE_OPTION
@output_option("File to write (default: rkt.xlsx, rkt.docx or rkt.pdf by --format).")
@format_option(
    ("xlsx", "docx", "pdf"),
    "xlsx: the standard RKT workbook; docx: the RKT document (Word); pdf: the document "
    "printed by LibreOffice.",
)
@PAPER_OPTION
@click.option(
    "--password", default=None, help="Protect the sheets with this password (default: none)."
)
@LANG_OPTION
@_command
def generate(
    template: Path | None,
    output: Path | None,
    fmt: str,
    paper: str,
    password: str | None,
    lang: str,
) -> None:
    """Write the standard RKT workbook, or the whole RKT document as Word or PDF."""
    plan = _plan(template, _workspace())
    target = output or Path(f"rkt.{fmt}")
    if fmt in ("docx", "pdf"):
        from rkt_excel.rktdoc import write_rkt_document

        path = write_rkt_document(plan, target, fmt=fmt, paper=paper)
        click.echo(text("document-written", lang, path=path, paper=paper.upper()))
        return
    from rkt_excel.generate import generate_workbook

    path = generate_workbook(plan, target, password=password, paper=paper)
    n = sum(1 for _ in plan.indicators())
    click.echo(text("workbook-written", lang, path=path, components=len(plan.components), rows=n))


@main.command()
@click.option(
    "--units",
    "units_file",
    type=EXISTING_FILE,
    help="CSV of units: kode,nama[,komponen][,indikator] (default: the workspace's).",
)
@TEMPLATE_OPTION
@output_option(
    "Folder to write the forms to (default in a workspace: formulir/YYYY-MM).", folder=True
)
@period_option(
    "The month the forms are for (YYYY-MM); in a workspace the default is the month after "
    "the latest recap."
)
@PREVIOUS_OPTION
@click.option("--fresh", is_flag=True, help="Write empty forms: carry no answers over.")
@click.option(
    "--password", default=None, help="Protect the sheets with this password (default: none)."
)
@PAPER_OPTION
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite forms in the folder that have been filled in (default: refuse).",
)
@LANG_OPTION
@_command
def distribute(
    units_file: Path | None,
    template: Path | None,
    output: Path | None,
    period: Any,
    previous: tuple[Path, ...],
    fresh: bool,
    password: str | None,
    paper: str,
    force: bool,
    lang: str,
) -> None:
    """Write one checklist form per unit, with only the rows assigned to it.

    Each unit's form carries the answers of its last form in the earlier recaps (the
    workspace's recaps folder, or --previous), so the unit only updates what changed; the
    reader tells a carried row sent back untouched from an updated one.
    """
    from rkt_excel.asof import distribution_period
    from rkt_excel.carry import carried_answers
    from rkt_excel.generate import distribute_forms

    ws = _workspace()
    if units_file is None and ws is None:
        raise UsageKeyed("usage-missing-option", option="'--units'")
    plan = _plan(template, ws)
    units = _units(units_file, plan, ws)
    if ws is not None:
        period = distribution_period(period, ws.recaps(), plan.year)
    if output is None:
        if ws is None:
            raise UsageKeyed("usage-missing-option", option="'-o' / '--output'")
        output = ws.forms_dir(period)
    click.echo(text("units-read", lang, count=len(units), path=units_file or ws.units_path))
    from rkt_excel.xlsx_io import make_folder

    make_folder(output)  # a one-line error when it cannot be made, before any work
    if not force:
        _refuse_filled(output, units, lang)
    earlier = list(previous) or (ws.earlier_recaps(period) if ws is not None else [])
    carried = {} if fresh else carried_answers(plan, _read_recaps(earlier, lang))
    paths = distribute_forms(
        plan, units, output, password=password, period=str(period or ""), carried=carried,
        paper=paper,
    )  # fmt: skip
    click.echo(text("forms-written", lang, count=len(paths), folder=output))
    codes = {u.code for u in units}
    for code, (month, answers) in sorted(carried.items()):
        if code in codes and answers:
            click.echo("  " + text("form-carried", lang, unit=code, rows=len(answers),
                                   month=month))  # fmt: skip
    for p in paths:
        click.echo(f"  {p}")


def _refuse_filled(folder: Path, units: Any, lang: str) -> None:
    """Refuse to write a unit's form over a form someone has filled in (distribute)."""
    from rkt_excel.discover import filled_forms
    from rkt_excel.generate import form_filename

    if not folder.is_dir():
        return
    filled = filled_forms(folder / form_filename(u) for u in units)
    if filled:
        names = ", ".join(p.name for p in filled[:5]) + (", ..." if len(filled) > 5 else "")
        raise Failure(text("forms-filled", lang, folder=folder, names=names), lang=lang)


def _refuse_input_output(output: Path, inputs: tuple[Path, ...], lang: str) -> None:
    """Refuse an output that is one of the inputs (a form, or a file in an input folder)."""
    from rkt_excel.discover import discover, same_file

    if not output.exists():
        return
    if any(same_file(output, p) for p in (*inputs, *discover(inputs).read)):
        raise Failure(text("output-is-input", lang, path=output), lang=lang)


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
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@PERIOD_OPTION
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
@PAPER_OPTION
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
    period: Any,
    fmt: str,
    lang: str,
    annotate: bool,
    paper: str,
    review_file: Path | None,
    jobs: int | None,
) -> None:
    """Check returned checklists cell by cell; exit 1 if any has an error.

    FILES are forms or folders of forms (in a workspace, default: the latest month's returns
    folder). A file that is not a readable form gets a one-line message and the others are
    still checked. With --review, each form also gets the TPI's notes on its rows (with
    --annotate, in its annotated copy).
    """
    from rkt_excel.annotate import annotate_report
    from rkt_excel.collect import check_files
    from rkt_excel.discover import expand_paths

    ws, plan, units, period, files = _month_inputs(
        files, template, units_file, period, "FILES", lang
    )
    paths = expand_paths(files)
    review = _review(review_file, plan, lang, ws)
    update, close = _progress_bar(text("progress-reading", lang))
    try:
        report = check_files(
            files,
            plan,
            as_of=as_of,
            units=units,
            jobs=jobs,
            progress=update,
            period=period,
            review=review,
        )
    finally:
        close()
    _render_issues(report.issues, fmt, lang)
    if annotate:
        for written, problem in annotate_report(report, paths, paper=paper):
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


def _read_recaps(paths: Any, lang: str) -> list[Any]:
    """The recaps that can be read (oldest first as given); each one that cannot gets a
    message on stderr and is left out."""
    from rkt_excel.errors import RecapError
    from rkt_excel.recap import read_recap

    found = []
    for path in paths:
        try:
            found.append(read_recap(path))
        except RecapError as err:
            click.echo(f"{text('error', lang)}: {describe(err, lang)}", err=True)
    return found


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@JOBS_OPTION
@output_option("Folder to write the evidence tree to.", default="bukti", folder=True)
@TEXT_OR_JSON
@LANG_OPTION
@_command
def evidence(
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    jobs: int | None,
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
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@TEMPLATE_OPTION
@UNITS_OPTION
@AS_OF_OPTION
@PERIOD_OPTION
@PREVIOUS_OPTION
@HASIL_OPTION
@AGGREGATE_OPTION
@REVIEW_OPTION
@JOBS_OPTION
@output_option(
    "Recap workbook to write (default: rekap.xlsx; in a workspace rekap/rekap-YYYY-MM.xlsx)."
)
@click.option(
    "--export",
    type=click.Choice(["csv"]),
    default=None,
    help="Also write the tidy tables as CSV next to the recap.",
)
@PAPER_OPTION
@TEXT_OR_JSON
@LANG_OPTION
@click.pass_context
@_command
def consolidate(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    template: Path | None,
    units_file: Path | None,
    as_of: dt.date | None,
    period: Any,
    previous: tuple[Path, ...],
    hasil_file: Path | None,
    aggregate: str,
    review_file: Path | None,
    jobs: int | None,
    output: Path | None,
    export: str | None,
    paper: str,
    fmt: str,
    lang: str,
) -> None:
    """Consolidate the units' forms (files or folders) into the recap workbook.

    In a workspace, with no INPUTS: the latest month's returns folder (or --period's), its
    units and plan, written to the recaps folder with the earlier months' recaps as the
    Perkembangan sheet's history. The recap is written even when forms are rejected or have
    errors (they are listed in it); the exit code is 0 only when every form was accepted
    without errors. With --review, the returned recap's TPI/TPN answers are scored side by
    side with the units' (sheet Reviu TPI), and its notes, responses and Hasil inputs carry
    into the new recap.
    """
    from rkt_excel.collect import load_hasil, run_consolidation
    from rkt_excel.console import summary_lines
    from rkt_excel.periods import Period
    from rkt_excel.recap import export_csv, write_recap
    from rkt_excel.recap.workbook import SheetNote

    ws, plan, units, period, inputs = _month_inputs(
        inputs, template, units_file, period, "INPUTS", lang
    )
    if output is not None:
        _refuse_input_output(output, inputs, lang)
    if hasil_file is None and ws is not None:
        hasil_file = ws.hasil_path
    hasil = load_hasil(hasil_file, plan) if hasil_file else None
    review = _review(review_file, plan, lang, ws)
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
            period=period,
            review=review,
        )
    finally:
        close()
    month = period if period is not None else Period.of(result.summary.as_of)
    if output is None:
        output = ws.recap_path(month) if ws is not None else Path("rekap.xlsx")
        _refuse_input_output(output, inputs, lang)
    earlier = list(previous) or (ws.earlier_recaps(month) if ws is not None else [])
    history = _read_recaps(earlier, lang)
    notes: list[SheetNote] = []
    path = write_recap(result, plan, output, history=history, paper=paper, notes=notes)
    written = [path]
    if export == "csv":
        written += export_csv(result, path.parent)
    summary = result.summary
    if fmt == "json":
        data = {
            "written": [str(p) for p in written],
            "summary": summary.to_dict(),
            "not_accepted": [  # every input file not used, with what was done to it
                {"file": r.path, "status": r.status, **r.issue.to_dict(lang)}
                for r in result.rejected
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        from rkt_excel.console import issue_line

        for line in summary_lines(summary, result.result.checks, lang):
            click.echo(line)
        for rej in result.rejected:  # every input file not used, with what was done to it
            click.echo("  " + issue_line(rej.issue, lang))
        for p in written:
            click.echo(text("wrote", lang, path=p))
    if not _hasil_given(plan, result.result.answers):
        name = ws.config.hasil if ws is not None and ws.config.hasil else "hasil.yaml"
        click.echo(text("recap-no-hasil", lang, hasil=name), err=True)
    for note in notes:  # a sheet at Excel's limits (recap.workbook.SheetNote)
        if len(note.pages) > 1:
            pages = ", ".join(note.pages[1:])
            click.echo(text("recap-split", lang, sheet=note.sheet, pages=pages), err=True)
        if note.cut:
            click.echo(text("recap-cut", lang, sheet=note.sheet, cut=note.cut), err=True)
    _done(ctx, summary.forms_rejected > 0 or summary.errors > 0)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
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
@TEXT_OR_JSON
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
    jobs: int | None,
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
@click.argument("recaps", nargs=-1, required=True, type=EXISTING_FILE)
@output_option("Roll-up workbook to write.", default="rekap-kanwil.xlsx")
@PAPER_OPTION
@LANG_OPTION
@click.pass_context
@_command
def rollup(
    ctx: click.Context, recaps: tuple[Path, ...], output: Path, paper: str, lang: str
) -> None:
    """Roll the recaps of several offices up into the Kanwil view.

    A file that is not a recap gets a message and is left out, and so does a recap given
    twice (by the same path or as a copy): it counts as one office. The exit code is then 1.
    Of several months of one office, the latest is rolled up (the others are named).
    """
    from rkt_excel.errors import RecapError
    from rkt_excel.recap import read_recap, write_rollup
    from rkt_excel.recap.rollup import distinct_recaps, latest_per_office

    found = []
    failed = 0
    for path in recaps:
        try:
            found.append(read_recap(path))
        except RecapError as err:
            click.echo(f"{text('error', lang)}: {describe(err, lang)}", err=True)
            failed += 1
    found, duplicates = distinct_recaps(found)
    for dup, first in duplicates:
        words = text("rollup-duplicate", lang, file=dup.path, first=first.path)
        click.echo(f"{text('error', lang)}: {words}", err=True)
    failed += len(duplicates)
    found, older = latest_per_office(found)
    for old, newer in older:
        words = text("rollup-older", lang, file=old.path, period=old.period, office=old.office,
                     newer=newer.path, newer_period=newer.period)  # fmt: skip
        click.echo(f"{text('severity-warning', lang)}: {words}", err=True)
    if not found:
        raise Failure(text("rollup-none", lang), lang=lang)
    out = write_rollup(found, output, paper=paper)
    click.echo(text("rollup-written", lang, path=out, count=len(found)))
    _done(ctx, failed > 0)


# --- month over month and messages -----------------------------------------------------------


def _month_recaps(
    given: tuple[Path, ...], previous: tuple[Path, ...], lang: str
) -> tuple[Any, list[Any], int]:
    """The recap a command is about (the last given, or the workspace's latest), the recaps
    before it (the others given, --previous, or the workspace's earlier ones) and the
    deadline day (the workspace's, else the default)."""
    from rkt_excel.errors import RecapError
    from rkt_excel.recap import read_recap
    from rkt_excel.workspace import DEFAULT_DEADLINE_DAY

    ws = _workspace()
    if given:
        path, earlier = given[-1], [*given[:-1], *previous]
    elif ws is not None and ws.recaps():
        period, path = list(ws.recaps().items())[-1]
        earlier = list(previous) or ws.earlier_recaps(period)
    else:
        where = ws.recaps_dir if ws is not None else None
        if where is None:
            raise UsageKeyed("usage-missing-argument", argument="'REKAP'")
        raise click.UsageError(text("no-recap", lang, path=where))
    try:
        current = read_recap(path)
    except RecapError as err:
        raise Failure(describe(err, lang), lang=lang) from err
    if not earlier and ws is not None and given:
        from rkt_excel.periods import Period

        earlier = ws.earlier_recaps(Period.of(current.as_of))
    day = ws.config.deadline_day if ws is not None else DEFAULT_DEADLINE_DAY
    return current, _read_recaps(earlier, lang), day


RECAPS_ARGUMENT = click.argument("recaps", nargs=-1, type=EXISTING_FILE)
BY_OPTION = click.option(
    "--by",
    callback=_parse_date,
    help="The date to answer by (default: the deadline day of the next month).",
)
DEADLINE_OPTION = click.option(
    "--deadline-day",
    type=click.IntRange(1, 31),
    default=None,
    help="Day of the month the returns are due (default: the workspace's, else 5).",
)


@main.command()
@RECAPS_ARGUMENT
@PREVIOUS_OPTION
@TEXT_OR_JSON
@LANG_OPTION
@_command
def compare(recaps: tuple[Path, ...], previous: tuple[Path, ...], fmt: str, lang: str) -> None:
    """What changed between months: RECAPS are recaps, oldest first, the last the month to
    look at (in a workspace, default: its latest recap and the ones before it).

    Lists indicators newly done, regressions (status back, a lower LKE answer, evidence
    removed), units whose form did not change and units silent two months or more.
    """
    from rkt_excel.changes import compare as compare_months
    from rkt_excel.console import changes_lines

    current, earlier, _ = _month_recaps(recaps, previous, lang)
    changes = compare_months(current, earlier)
    if fmt == "json":
        click.echo(json.dumps(changes.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in changes_lines(changes, lang):
        click.echo(line)


@main.command()
@RECAPS_ARGUMENT
@PREVIOUS_OPTION
@DEADLINE_OPTION
@BY_OPTION
@LANG_OPTION
@_command
def summarize(
    recaps: tuple[Path, ...],
    previous: tuple[Path, ...],
    deadline_day: int | None,
    by: dt.date | None,
    lang: str,
) -> None:
    """Print the month's summary for the WhatsApp group, ready to paste (under 1,000
    characters, *bold* as WhatsApp shows it).

    RECAPS: the month's recap, after any earlier ones (in a workspace, default: its latest).
    """
    from rkt_excel.messages import group_summary

    current, earlier, day = _month_recaps(recaps, previous, lang)
    day = day if deadline_day is None else deadline_day
    click.echo(group_summary(current, earlier, deadline_day=day, by=by, lang=lang))


@main.command()
@RECAPS_ARGUMENT
@PREVIOUS_OPTION
@DEADLINE_OPTION
@BY_OPTION
@output_option("Folder to write one text file per unit to (default: print them).", folder=True)
@TEXT_OR_JSON
@LANG_OPTION
@_command
def remind(
    recaps: tuple[Path, ...],
    previous: tuple[Path, ...],
    deadline_day: int | None,
    by: dt.date | None,
    output: Path | None,
    fmt: str,
    lang: str,
) -> None:
    """Write one short message per unit that is missing, late or has errors: what to send or
    fix (sheet and cell) and by which date.

    RECAPS: the month's recap, after any earlier ones (in a workspace, default: its latest).
    """
    from rkt_excel.messages import unit_messages
    from rkt_excel.units import safe_filename

    current, earlier, day = _month_recaps(recaps, previous, lang)
    day = day if deadline_day is None else deadline_day
    found = unit_messages(current, earlier, deadline_day=day, by=by, lang=lang)
    if fmt == "json":
        data = [{"unit": m.unit, "unit_name": m.unit_name, "reasons": list(m.reasons),
                 "text": m.text} for m in found]  # fmt: skip
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for m in found:
            _write_text(output / f"pesan-{safe_filename(m.unit)}.txt", m.text + "\n")
        click.echo(text("remind-written", lang, count=len(found), folder=output))
    elif not found:
        click.echo(text("remind-none", lang))
    else:
        for m in found:
            click.echo(f"----- {m.unit} -----")
            click.echo(m.text)
            click.echo()


@main.command()
@output_option("Folder to write everything to.", default="demo", folder=True)
@JOBS_OPTION
@LANG_OPTION
@_command
def demo(output: Path, jobs: int | None, lang: str) -> None:
    """Run the secretariat's months on the embedded 2019 plan with simulated units.

    Writes the standard workbook; a workspace for the embedded office with three months
    (June to August): forms carrying each unit's last answers, the returned forms (some late,
    some invalid, one superseded, one unit silent from July, one stepping back in August, one
    sending August back unchanged) and a recap per month whose Perkembangan sheet shows the
    trend; a second, fictional office's month (one wrong file, one missing unit); and the
    Kanwil roll-up. All answers are simulated.
    """
    from rkt_excel.console import summary_lines
    from rkt_excel.demo import run_demo

    result = run_demo(output, jobs=jobs)
    click.echo(text("demo-workbook", lang, path=result.workbook))
    for office in result.offices:
        click.echo(f"{office.name}:")
        if office.workspace is not None:
            click.echo("  " + text("demo-workspace", lang, path=office.workspace,
                                   months=len(office.recaps)))  # fmt: skip
        click.echo("  " + text("demo-forms", lang, count=len(office.forms),
                               folder=office.forms[0].parent))  # fmt: skip
        click.echo("  " + text("demo-returned", lang, count=len(office.returned),
                               folder=office.returned[0].parent))  # fmt: skip
        if office.summary is not None:
            for line in summary_lines(office.summary, office.checks, lang)[1:]:
                click.echo(line)
        for recap in office.recaps:
            click.echo("  " + text("wrote", lang, path=recap))
    click.echo(text("demo-rollup", lang, path=result.rollup))
