"""The workspace: one office's year in one folder, found from the current folder upward.

Owns the workspace's config file (``rkt-excel.toml``: the plan file, the units file, the office,
the year, the regulation, the monthly return deadline day, the Kanwil, the folder names), its
folders (distributed forms ``formulir/YYYY-MM/``, returns ``masuk/YYYY-MM/``, recaps
``rekap/rekap-YYYY-MM.xlsx``), finding it (``find_workspace``, as git finds a repository),
making it (``init_workspace``) and starting the next year from it (``roll_over``: the plan
moved to the new year with its ids kept, the units copied, last year's final recap kept as
the first month's reference). Which period and as-of date apply is ``asof.py``'s; the CLI
decides when a flag overrides the workspace. No spreadsheet library: recaps are copied as
files.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from rkt_excel.errors import WorkspaceError
from rkt_excel.periods import Period, folder_period
from rkt_excel.template import Plan, default_template_path, dump_template, load_template
from rkt_excel.texts import text
from rkt_excel.units import Unit, example_units_path, load_units

CONFIG_NAME = "rkt-excel.toml"
README_NAMES = {"id": "BACA-SAYA.txt", "en": "README.txt"}
DEFAULT_DEADLINE_DAY = 5
_RECAP_NAME = re.compile(r"^rekap-(\d{4}-\d{2})\.xlsx$")
_PERIOD_IN_NAME = re.compile(r"(\d{4}-\d{2})")
_STARTER_UNITS = "kode;nama;komponen;indikator\nUNIT1;Nama Unit Kerja 1;;\n"


def _fail(name: str, /, **params: Any) -> WorkspaceError:
    return WorkspaceError(key=name, **params)


@dataclass(frozen=True)
class Config:
    """What ``rkt-excel.toml`` says. Paths are relative to the workspace folder."""

    year: int
    regulation: str
    office: str = ""
    plan: str = "rencana.yaml"
    units: str = "unit-kerja.csv"
    deadline_day: int = DEFAULT_DEADLINE_DAY  # returns are due on this day of the next month
    kanwil: str = ""
    forms: str = "formulir"
    returns: str = "masuk"
    recaps: str = "rekap"
    hasil: str = "hasil.yaml"  # used when the file exists
    reviews: str = "reviu"  # recaps the TPI/Kanwil returned with their answers and notes
    reference: str = ""  # last year's final recap (rollover): the first month's comparison

    def to_toml(self) -> str:
        """The config as TOML text, one key per line, with a comment on top."""
        lines = [
            "# rkt-excel workspace: one office's RKT year (see BACA-SAYA.txt).",
            "# Paths are relative to this folder; deadline_day is the day of the month",
            "# the units' returns are due (for the month before).",
        ]
        for f in fields(self):
            value = getattr(self, f.name)
            lines.append(f"{f.name} = {value}" if isinstance(value, int) else
                         f"{f.name} = {_toml_string(value)}")  # fmt: skip
        return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def parse_config(data: str, where: str) -> Config:
    """A Config from TOML text.

    Raises:
        WorkspaceError: not TOML, an unknown key, a missing one, or a value of the wrong kind.
    """
    try:
        raw = tomllib.loads(data)
    except tomllib.TOMLDecodeError as err:
        raise _fail("ws-bad-config", path=where, reason=str(err)) from err
    known = {f.name: f for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in raw.items():
        f = known.get(key)
        if f is None:
            raise _fail("ws-unknown-key", path=where, setting=key, known=", ".join(known))
        want = int if key in ("year", "deadline_day") else str
        if isinstance(value, bool) or not isinstance(value, want):
            raise _fail("ws-bad-value", path=where, setting=key, value=repr(value))
        values[key] = value
    for key in ("year", "regulation"):
        if key not in values:
            raise _fail("ws-missing-key", path=where, setting=key)
    if not 1 <= values.get("deadline_day", DEFAULT_DEADLINE_DAY) <= 31:
        raise _fail("ws-bad-value", path=where, setting="deadline_day",
                    value=repr(values["deadline_day"]))  # fmt: skip
    return Config(**values)


@dataclass(frozen=True)
class Workspace:
    """A workspace folder and its config."""

    root: Path
    config: Config

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    def _path(self, name: str) -> Path:
        return self.root / name

    @property
    def plan_path(self) -> Path:
        return self._path(self.config.plan)

    @property
    def units_path(self) -> Path:
        return self._path(self.config.units)

    @property
    def hasil_path(self) -> Path | None:
        """The hasil inputs file, when the config names one and it exists."""
        if not self.config.hasil:
            return None
        path = self._path(self.config.hasil)
        return path if path.is_file() else None

    @property
    def reference_path(self) -> Path | None:
        """Last year's final recap, when the workspace was rolled over from one."""
        if not self.config.reference:
            return None
        path = self._path(self.config.reference)
        return path if path.is_file() else None

    @property
    def reviews_dir(self) -> Path:
        return self._path(self.config.reviews)

    @property
    def review_path(self) -> Path | None:
        """The latest recap the evaluators returned: of the .xlsx files in the reviews folder,
        the one whose name sorts last (recaps are named by month: rekap-2019-08.xlsx); None
        when there is none. Temporary and lock files are passed over."""
        folder = self.reviews_dir
        if not folder.is_dir():
            return None
        found = sorted(
            p for p in folder.iterdir()
            if p.suffix.lower() == ".xlsx" and p.is_file()
            and not p.name.startswith(("~$", "."))  # Excel's lock files, our temp files
        )  # fmt: skip
        return found[-1] if found else None

    def forms_dir(self, period: Period) -> Path:
        """Where the forms distributed for ``period`` go: ``formulir/2019-08``."""
        return self._path(self.config.forms) / str(period)

    def returns_dir(self, period: Period) -> Path:
        """Where the units' returns for ``period`` go: ``masuk/2019-08``."""
        return self._path(self.config.returns) / str(period)

    @property
    def recaps_dir(self) -> Path:
        return self._path(self.config.recaps)

    def recap_path(self, period: Period) -> Path:
        """The recap of ``period``: ``rekap/rekap-2019-08.xlsx``."""
        return self.recaps_dir / f"rekap-{period}.xlsx"

    def returned_periods(self) -> list[Period]:
        """The periods with a returns folder, in order."""
        folder = self._path(self.config.returns)
        if not folder.is_dir():
            return []
        found = (folder_period(p.name) for p in folder.iterdir() if p.is_dir())
        return sorted(p for p in found if p is not None)

    def recaps(self) -> dict[Period, Path]:
        """The recaps in the recaps folder by period (``rekap-YYYY-MM.xlsx``), in order."""
        if not self.recaps_dir.is_dir():
            return {}
        found: dict[Period, Path] = {}
        for path in self.recaps_dir.iterdir():
            m = _RECAP_NAME.match(path.name)
            period = folder_period(m.group(1)) if m else None
            if period is not None and path.is_file():
                found[period] = path
        return dict(sorted(found.items()))

    def earlier_recaps(self, period: Period) -> list[Path]:
        """The recaps before ``period``, oldest first; last year's reference first of all."""
        out = [path for p, path in self.recaps().items() if p < period]
        ref = self.reference_path
        if ref is not None:
            m = _PERIOD_IN_NAME.search(ref.name)
            ref_period = folder_period(m.group(1)) if m else None
            if ref_period is None or ref_period < period:
                out.insert(0, ref)
        return out

    def load_plan(self) -> Plan:
        """The workspace's plan, checked against the config's year and regulation.

        Raises:
            TemplateError: the plan file has problems.
            WorkspaceError: the plan is not the year or regulation the config says.
        """
        if not self.plan_path.is_file():
            raise _fail("ws-missing-file", path=self.plan_path, setting="plan")
        plan = load_template(self.plan_path)
        for key, found in (("year", plan.year), ("regulation", plan.regulation)):
            expected = getattr(self.config, key)
            if found != expected:
                raise _fail("ws-plan-differs", path=self.plan_path, setting=key, found=found,
                            expected=expected, config=self.config_path)  # fmt: skip
        return plan

    def load_units(self, plan: Plan) -> list[Unit]:
        """The workspace's units, checked against the plan (UnitsError on problems)."""
        if not self.units_path.is_file():
            raise _fail("ws-missing-file", path=self.units_path, setting="units")
        return load_units(self.units_path, plan)


def load_workspace(root: str | Path) -> Workspace:
    """The workspace whose config is in ``root``.

    Raises:
        WorkspaceError: no readable config there, or a bad one.
    """
    folder = Path(root)
    path = folder / CONFIG_NAME
    try:
        data = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise _fail("ws-bad-config", path=path, reason=str(err)) from err
    return Workspace(folder, parse_config(data, str(path)))


def find_workspace(start: str | Path | None = None) -> Workspace | None:
    """The workspace ``start`` (default: the current folder) is in: the nearest folder, from
    ``start`` upward, holding ``rkt-excel.toml``; None outside any workspace."""
    here = Path(start) if start is not None else Path.cwd()
    here = here.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return load_workspace(folder)
    return None


# --- making a workspace ------------------------------------------------------------------------


def _prepare(root: Path) -> None:
    if (root / CONFIG_NAME).exists():
        raise _fail("ws-exists", path=root)
    root.mkdir(parents=True, exist_ok=True)


def _write(path: Path, content: str | bytes) -> None:
    from rkt_excel.xlsx_io import atomic_write

    with atomic_write(path) as tmp:
        if isinstance(content, bytes):
            tmp.write_bytes(content)
        else:
            tmp.write_text(content, encoding="utf-8")


def _finish(root: Path, config: Config, lang: str) -> Workspace:
    """Write the folders, the read-me and the config (last: a half-made folder is no
    workspace)."""
    ws = Workspace(root, config)
    for name in (config.forms, config.returns, config.recaps, config.reviews):
        (root / name).mkdir(parents=True, exist_ok=True)
    _write(root / README_NAMES.get(lang, README_NAMES["id"]), readme(ws, lang))
    _write(ws.config_path, config.to_toml())
    return ws


def readme(ws: Workspace, lang: str = "id") -> str:
    """The workspace's read-me: what goes where, the month's commands, the next year."""
    c = ws.config
    return text(
        "ws-readme",
        lang,
        office=c.office,
        year=c.year,
        config=CONFIG_NAME,
        plan=c.plan,
        units=c.units,
        forms=c.forms,
        returns=c.returns,
        recaps=c.recaps,
        hasil=c.hasil,
        reviews=c.reviews,
        period=f"{c.year}-01",
        deadline_day=c.deadline_day,
        kanwil=c.kanwil or "-",
    )


def init_workspace(
    root: str | Path,
    *,
    template: str | Path | None = None,
    regulation: str | None = None,
    office: str | None = None,
    year: int | None = None,
    ministry: str = "",
    units: str | Path | None = None,
    deadline_day: int = DEFAULT_DEADLINE_DAY,
    kanwil: str = "",
    lang: str = "id",
) -> Workspace:
    """Make a workspace in ``root`` (created when absent).

    The plan is the embedded one, a copy of ``template``, or a new starter plan from
    ``regulation`` with ``office`` and ``year`` (``starter.new_plan``). The units file is a
    copy of ``units``; without it, the embedded plan's example units for the embedded plan,
    else a one-line starter to edit.

    Raises:
        WorkspaceError: ``root`` is already a workspace, or the options do not fit together.
        TemplateError, UnitsError: the plan or the units given have problems.
    """
    folder = Path(root)
    new = (regulation, office, year)
    if any(v is not None for v in new) and (template is not None or None in new):
        raise _fail("ws-plan-options")
    if not 1 <= deadline_day <= 31:
        raise _fail("ws-bad-value", path=CONFIG_NAME, setting="deadline_day", value=deadline_day)
    if regulation is not None and office is not None and year is not None:
        from rkt_excel.starter import new_plan

        plan = new_plan(regulation, year=year, office=office, ministry=ministry)
        plan_name, plan_data = "rencana.yaml", dump_template(plan).encode("utf-8")
    else:
        source = Path(template) if template is not None else default_template_path()
        plan = load_template(source)
        plan_name, plan_data = f"rencana{source.suffix or '.yaml'}", source.read_bytes()
    if units is not None:
        load_units(units, plan)  # refuse a bad units file before anything is written
        units_data = Path(units).read_bytes()
    elif template is None and regulation is None:
        units_data = example_units_path().read_bytes()
    else:
        units_data = _STARTER_UNITS.encode("utf-8")
    _prepare(folder)
    config = Config(
        year=plan.year,
        regulation=plan.regulation,
        office=plan.office.name,
        plan=plan_name,
        deadline_day=deadline_day,
        kanwil=kanwil,
    )
    _write(folder / config.plan, plan_data)
    _write(folder / config.units, units_data)
    return _finish(folder, config, lang)


# --- the next year ----------------------------------------------------------------------------


# A year inside a legal reference ("Nomor 10 Tahun 2019", "No. 52/2014") names the law, not the
# plan's year: it stays as it is when the plan moves to the next year.
_LEGAL_REFERENCE = re.compile(r"(?i)\b(?:nomor|no\.?)\s*[\w.-]+\s*(?:tahun\s*|/\s*)$")


def move_year(value: str, old: int, new: int) -> str:
    """``value`` with the plan's year ``old`` written as ``new``, except in legal references."""

    def swap(m: re.Match[str]) -> str:
        before = value[max(0, m.start() - 40) : m.start()]
        return m.group(0) if _LEGAL_REFERENCE.search(before) else str(new)

    return re.sub(rf"(?<!\d){old}(?!\d)", swap, value)


def _move_texts(data: Any, old: int, new: int) -> Any:
    """Every text inside a plan's JSON form with the year moved (``move_year``)."""
    if isinstance(data, str):
        return move_year(data, old, new)
    if isinstance(data, list):
        return [_move_texts(v, old, new) for v in data]
    if isinstance(data, dict):
        return {k: _move_texts(v, old, new) for k, v in data.items()}
    return data


def _same_day(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=year, day=28)


def next_year_plan(plan: Plan, year: int | None = None) -> Plan:
    """The plan for ``year`` (default: the next one): every field copied, so whatever the plan
    holds (chapters, annexes, cover, signing, priority targets) comes along for editing, with
    the year moved in every text (TARGET WAKTU included: the months stay) except inside legal
    references ("Nomor 10 Tahun 2019"); the creation and signing dates moved to the same day;
    indicator ids kept, so months compare across the years; version back to "1"."""
    old = plan.year
    new = old + 1 if year is None else year
    data = plan.model_dump(mode="json")
    keep = {k: data.pop(k) for k in ("id", "version", "year", "created", "regulation")}
    moved = _move_texts(data, old, new)
    moved["id"] = (
        move_year(keep["id"], old, new) if str(old) in keep["id"] else f"{keep['id']}-{new}"
    )
    moved["version"] = "1"
    moved["year"] = new
    moved["regulation"] = keep["regulation"]
    moved["created"] = _same_day(plan.created, new).isoformat()
    if plan.signing.date is not None:
        moved["signing"]["date"] = _same_day(plan.signing.date, new).isoformat()
    for comp in moved["components"]:  # ids are kept as they are (they carry no year)
        for sub, old_sub in zip(comp["subareas"], _subareas(plan, comp["id"]), strict=True):
            for ind, old_ind in zip(sub["indicators"], old_sub.indicators, strict=True):
                ind["id"] = old_ind.id
    # Through the loader once: the moved plan passes the same checks as a plan file.
    return load_template(text=dump_template(Plan.model_validate(moved)))


def _subareas(plan: Plan, component_id: str) -> tuple[Any, ...]:
    return next(c.subareas for c in plan.components if c.id == component_id)


def roll_over(
    old_root: str | Path,
    new_root: str | Path,
    *,
    year: int | None = None,
    deadline_day: int | None = None,
    kanwil: str | None = None,
    lang: str = "id",
) -> Workspace:
    """Start the next year in ``new_root`` from the workspace in ``old_root``.

    The plan is ``next_year_plan`` of the old one; the units file is copied; the old year's
    last recap is copied into the new recaps folder as ``referensi-YYYY-MM.xlsx`` and named in
    the config, so the first month is compared with last year's final state. The deadline
    day and the Kanwil are kept unless given.

    Raises:
        WorkspaceError: ``old_root`` is not a workspace or ``new_root`` already is one.
        TemplateError, UnitsError: the old plan or units have problems.
    """
    old = load_workspace(old_root)
    plan = next_year_plan(old.load_plan(), year)
    old.load_units(plan)  # the units must fit the new plan too (the ids are kept)
    folder = Path(new_root)
    _prepare(folder)
    config = replace(
        old.config,
        year=plan.year,
        office=plan.office.name,
        plan=f"rencana-{plan.year}.yaml",
        deadline_day=old.config.deadline_day if deadline_day is None else deadline_day,
        kanwil=old.config.kanwil if kanwil is None else kanwil,
        reference="",
    )
    _write(folder / config.plan, dump_template(plan))
    _write(folder / config.units, old.units_path.read_bytes())
    recaps = old.recaps()
    if recaps:
        last_period, last = list(recaps.items())[-1]
        reference = f"{config.recaps}/referensi-{last_period}.xlsx"
        (folder / config.recaps).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(last, folder / reference)
        config = replace(config, reference=reference)
    return _finish(folder, config, lang)


def describe(ws: Workspace) -> Mapping[str, Any]:
    """The workspace as plain data (for ``--format json`` and messages)."""
    return {"root": str(ws.root), **{f.name: getattr(ws.config, f.name) for f in fields(Config)}}


__all__ = [
    "CONFIG_NAME",
    "DEFAULT_DEADLINE_DAY",
    "Config",
    "Workspace",
    "describe",
    "find_workspace",
    "init_workspace",
    "load_workspace",
    "next_year_plan",
    "parse_config",
    "readme",
    "roll_over",
]
