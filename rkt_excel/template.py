"""Stage 1, the plan: the Plan model (table rows and the document around them) and its YAML io.

Loads, checks and writes plan templates. Reads YAML itself and hands ``.xlsx`` plan workbooks to
rkt_excel.planbook (imported lazily: this module imports no spreadsheet library). Every problem
is reported with file, line (or sheet!cell) and field. The format is in docs/template-format.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from rkt_excel.catalogue import Text
from rkt_excel.errors import ModelError, ScheduleError, TemplateError, TemplateProblem
from rkt_excel.planmessages import pydantic_words, words
from rkt_excel.plantext import (
    Annex,
    Block,
    Body,
    Chapter,
    ItemList,
    Items,
    ListStyle,
    Paragraph,
    PlanModel,
    Section,
    Signatory,
    Signing,
)
from rkt_excel.schedule import Schedule, parse_target

# Format 2 adds the document: chapters, annexes, the signing block, cover lines. Format 1 files
# (legal_basis and signatories at the top level) still load: see _upgrade.
FORMAT_VERSION = 2
DEFAULT_PLAN = "plan-2019-kanim-semarang.yaml"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


_Model = PlanModel

__all__ = [
    "FORMAT_VERSION", "Annex", "Block", "Body", "Chapter", "Component", "Document", "Indicator",
    "ItemList", "Items", "ListStyle", "Office", "Paragraph", "Plan", "Section", "Signatory",
    "Signing", "SubArea", "check_template", "default_template_path", "dump_template",
    "load_template", "validate_plan",
]  # fmt: skip


class Office(_Model):
    """Who the plan belongs to, as printed in the title block."""

    ministry: str
    region: str = ""
    name: str
    short_name: str = ""
    city: str = ""


class Document(_Model):
    """The document's number and title, and the title lines of its cover as printed.

    ``title`` is the title on one line (file properties, page headers); ``cover`` holds the
    cover's title lines in print order (e.g. "LAPORAN RENCANA KERJA TAHUNAN (RKT)", ...,
    "TAHUN 2019"). Writers print ``cover`` when it is given, else ``title``.
    """

    number: str = ""
    title: str
    cover: tuple[str, ...] = ()

    @property
    def cover_lines(self) -> tuple[str, ...]:
        """The cover's title lines: ``cover``, or ``title`` alone when there is no cover."""
        return self.cover or (self.title,)


class Indicator(_Model):
    """One indicator row of the RKT table, the unit of reporting."""

    id: str
    indicator: str
    actions: Items = ()
    evidence: Items = ()
    target: str = ""
    months: tuple[int, ...] | None = None
    lke: str | None = None
    lke_note: str = ""
    lke_suggested: bool = False
    pic: Items = ()
    repair: str = ""

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("an id is letters, digits, '.', '_' or '-' (e.g. I.1.a)")
        return v

    @field_validator("months")
    @classmethod
    def _months_range(cls, v: tuple[int, ...] | None) -> tuple[int, ...] | None:
        if v is not None and any(not 1 <= m <= 12 for m in v):
            raise ValueError("months are numbers from 1 to 12")
        return v or None  # no months given and an empty list mean the same: follow the target

    @property
    def schedule(self) -> Schedule:
        """The parsed TARGET WAKTU (the plan loader has already checked it parses)."""
        parsed = parse_target(self.target)
        if self.months is not None and tuple(sorted(self.months)) != parsed.months:
            return Schedule(parsed.kind, tuple(sorted(set(self.months))), parsed.year)
        return parsed


class SubArea(_Model):
    """A KOMPONEN of the RKT table (a sub-area such as "Tim Kerja") and its indicator rows."""

    no: int
    name: str
    indicators: tuple[Indicator, ...] = Field(min_length=1)


class Component(_Model):
    """One of the six areas of change (I Manajemen Perubahan ... VI Pelayanan Publik).

    ``name`` is the area's corrected name; ``title`` is its heading as the source printed it,
    slips included (the seed prints IV as "PENGAKUAN AKUNTABILITAS").
    """

    id: str
    name: str
    title: str = ""
    subareas: tuple[SubArea, ...] = Field(min_length=1)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator row of the component, in plan order."""
        return tuple(i for s in self.subareas for i in s.indicators)


class Plan(_Model):
    """A whole RKT: identity, cover matter and the components with their indicator rows."""

    format: int = FORMAT_VERSION
    id: str
    version: str = "1"
    title: str = "Rencana Kerja Tahunan Pembangunan Zona Integritas"
    year: int = Field(ge=2000, le=2100)
    regulation: str
    created: dt.date
    office: Office
    document: Document
    chapters: tuple[Chapter, ...] = ()
    signing: Signing = Signing()
    annexes: tuple[Annex, ...] = ()
    priority_title: tuple[str, ...] = ()
    priority_targets: tuple[str, ...] = ()
    components: tuple[Component, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _format_1(cls, data: Any) -> Any:
        return _upgrade(data)[0] if isinstance(data, dict) else data

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("a plan id is letters, digits, '.', '_' or '-'")
        return v

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int | float) else v

    @property
    def signatories(self) -> tuple[Signatory, ...]:
        """The signatories of the signing block (format 1 kept them at the top level)."""
        return self.signing.signatories

    @property
    def legal_basis(self) -> tuple[str, ...]:
        """The items of the "Dasar Hukum" section (format 1 kept them at the top level)."""
        for chapter in self.chapters:
            for section in chapter.sections:
                if " ".join(section.title.casefold().split()) == "dasar hukum":
                    lists = (b for b in section.body if isinstance(b, ItemList))
                    return tuple(item for b in lists for item in b.items)
        return ()

    def indicators(self) -> Iterator[tuple[Component, SubArea, Indicator]]:
        """Every indicator row with its component and sub-area, in plan order."""
        for c in self.components:
            for s in c.subareas:
                for i in s.indicators:
                    yield c, s, i

    @cached_property
    def index(self) -> dict[str, tuple[Component, SubArea, Indicator]]:
        """Indicator id -> (component, sub-area, indicator)."""
        return {i.id: (c, s, i) for c, s, i in self.indicators()}

    def indicator(self, row_id: str) -> Indicator:
        """The indicator with this id (KeyError when absent)."""
        return self.index[row_id][2]

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Plan:
        """A copy with ``update`` applied; the cached index and content hash are recomputed."""
        copy = super().model_copy(update=update, deep=deep)
        for key in ("index", "content_hash"):
            copy.__dict__.pop(key, None)
        return copy

    @cached_property
    def content_hash(self) -> str:
        """SHA-256 of the plan's canonical JSON: equal plans give equal hashes."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# Where format-1 fields live in format 2 (for problems: report the field the file spells).
_FORMAT_1_MOVES: dict[tuple[Any, ...], tuple[Any, ...]] = {
    ("signing", "signatories"): ("signatories",),
    ("chapters", 0, "sections", 0, "body", 0, "items"): ("legal_basis",),
}


def _upgrade(data: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Format 1 -> format 2: top-level ``legal_basis`` becomes the "Dasar Hukum" section of a
    BAB I PENDAHULUAN, top-level ``signatories`` the signing block, with the team line and place
    format 1 printed (the office's "Tim Reformasi Birokrasi" and city). Returns (data, upgraded).
    """
    if data.get("format", 1) != 1 or not ({"legal_basis", "signatories"} & data.keys()):
        if data.get("format") == 1:
            return {**data, "format": FORMAT_VERSION}, True
        return data, False
    out = {k: v for k, v in data.items() if k not in ("legal_basis", "signatories")}
    out["format"] = FORMAT_VERSION
    legal = data.get("legal_basis")
    if legal:
        dasar = {"number": "1", "title": "Dasar Hukum", "body": [{"style": "a", "items": legal}]}
        out["chapters"] = [{"number": "I", "title": "PENDAHULUAN", "sections": [dasar]}]
    signatories = data.get("signatories")
    if signatories:
        office = data.get("office")
        office = office if isinstance(office, dict) else {}
        name = str(office.get("name", "")).strip()
        out["signing"] = {
            "place": str(office.get("city", "") or ""),
            "team": f"Tim Reformasi Birokrasi {name}" if name else "",
            "signatories": signatories,
        }
    return out, True


# --- YAML with line numbers -------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: only true/false are booleans.

    YAML 1.1 reads "no", "yes", "on", "off" as booleans, which would turn the sub-area key
    ``no`` (the RKT table's NO column) into False.
    """


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _LineLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), [_first]
    )


def _node_lines(node: yaml.Node, path: tuple[Any, ...], out: dict[tuple[Any, ...], int]) -> None:
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            kpath = (*path, key.value)
            out[kpath] = key.start_mark.line + 1
            _node_lines(value, kpath, out)
            out[kpath] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _node_lines(item, (*path, i), out)


_BLOCK_TAGS = ("paragraph", "list")  # the discriminator tags pydantic puts into a block's loc


def _line_for(lines: dict[tuple[Any, ...], int], loc: tuple[Any, ...]) -> int:
    loc = tuple(part for part in loc if part not in _BLOCK_TAGS)
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return 0


def _format_1_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    for new, old in _FORMAT_1_MOVES.items():
        if loc[: len(new)] == new:
            return old + loc[len(new) :]
    return loc


def _field_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if part in _BLOCK_TAGS:
            continue
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def default_template_path() -> Path:
    """Path of the embedded 2019 plan of Kantor Imigrasi Kelas I TPI Semarang."""
    return Path(str(resources.files("rkt_excel") / "data" / DEFAULT_PLAN))


Where = Callable[[tuple[Any, ...], "str | Text"], TemplateProblem]
"""Builds the problem for a model location (pydantic loc) and message: file, line or cell, field."""


def _yaml_where(name: str, lines: dict[tuple[Any, ...], int], upgraded: bool) -> Where:
    def where(loc: tuple[Any, ...], message: str | Text) -> TemplateProblem:
        if upgraded:
            loc = _format_1_loc(loc)
        en, id_ = words(message)
        return TemplateProblem(name, _line_for(lines, loc), _field_name(loc), en, message_id=id_)

    return where


def _cell_where(name: str, cells: Mapping[tuple[Any, ...], str]) -> Where:
    """Problems located by the cell that holds a field (the longest known prefix of its loc)."""

    def where(loc: tuple[Any, ...], message: str | Text) -> TemplateProblem:
        plain = tuple(part for part in loc if part not in _BLOCK_TAGS)
        cell = next((cells[plain[:n]] for n in range(len(plain), -1, -1) if plain[:n] in cells), "")
        en, id_ = words(message)
        return TemplateProblem(name, 0, _field_name(loc), en, cell=cell, message_id=id_)

    return where


def _parse_yaml(text: str, name: str) -> tuple[Any, Where | None, list[TemplateProblem]]:
    try:
        # Compose once: the node tree gives the lines, the same tree gives the data.
        loader = _LineLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(err, "problem", None) or str(err)
        return None, None, [
            TemplateProblem(name, line, "", f"not valid YAML: {problem}",
                            message_id=f"bukan YAML yang sah: {problem}")
        ]  # fmt: skip
    lines: dict[tuple[Any, ...], int] = {}
    if root is not None:
        _node_lines(root, (), lines)
    if not isinstance(data, dict):
        return None, None, [
            TemplateProblem(name, 1, "", "a plan is a YAML mapping (key: value)",
                            message_id="rencana adalah pemetaan YAML (kunci: nilai)")
        ]  # fmt: skip
    data, upgraded = _upgrade(data)
    return data, _yaml_where(name, lines, upgraded), []


def validate_plan(data: dict[str, Any], where: Where) -> tuple[Plan | None, list[TemplateProblem]]:
    """Validate plan data (as read from YAML or a plan workbook) and cross-check it.

    Returns the plan (None when there is any problem) and every problem, located by ``where``.
    """
    try:
        plan = Plan.model_validate(data)
    except ValidationError as err:
        problems = []
        errors = err.errors()
        locs = [tuple(e["loc"]) for e in errors]
        for e in errors:
            loc = tuple(e["loc"])
            # pydantic also reports a parent list as too short when its only item failed
            if e["type"] == "too_short" and any(o[: len(loc)] == loc and o != loc for o in locs):
                continue
            problems.append(where(loc, pydantic_words(e)))
        return None, problems
    problems = _cross_check(plan, where)
    return (plan if not problems else None), problems


def _cross_check(plan: Plan, where: Where) -> list[TemplateProblem]:
    """Checks that span fields: unique ids, parseable targets, known LKE questions."""
    problems: list[TemplateProblem] = []

    def add(loc: tuple[Any, ...], message: Text) -> None:
        problems.append(where(loc, message))

    if plan.format != FORMAT_VERSION:
        add(("format",), Text(
            f"format {plan.format} tidak dikenal; rkt_excel ini membaca {FORMAT_VERSION}",
            f"unknown format {plan.format}; this rkt_excel reads {FORMAT_VERSION}",
        ))  # fmt: skip
    try:
        from rkt_excel.lke import MODEL_IDS, load_model

        model = load_model(plan.regulation)
    except ModelError as err:
        known = ", ".join(MODEL_IDS)
        add(("regulation",), Text(
            f"regulasi {plan.regulation!r} tidak dikenal; yang dikenal: {known}", str(err)
        ))  # fmt: skip
        model = None

    tables = [n for n, chapter in enumerate(plan.chapters) if chapter.table]
    for n in tables[1:]:
        add(("chapters", n, "table"), Text(
            "hanya satu bab yang memuat tabel RKT", "only one chapter holds the RKT table"
        ))  # fmt: skip
    seen_components: set[str] = set()
    seen_rows: dict[str, tuple[Any, ...]] = {}
    for ci, comp in enumerate(plan.components):
        cloc: tuple[Any, ...] = ("components", ci)
        if comp.id in seen_components:
            add((*cloc, "id"), Text(
                f"id komponen {comp.id!r} ganda", f"duplicate component id {comp.id!r}"
            ))  # fmt: skip
        seen_components.add(comp.id)
        seen_nos: set[int] = set()
        for si, sub in enumerate(comp.subareas):
            if sub.no in seen_nos:
                add((*cloc, "subareas", si, "no"), Text(
                    f"NO {sub.no} ganda dalam komponen {comp.id}",
                    f"duplicate NO {sub.no} in component {comp.id}",
                ))  # fmt: skip
            seen_nos.add(sub.no)
            for ii, ind in enumerate(sub.indicators):
                loc: tuple[Any, ...] = (*cloc, "subareas", si, "indicators", ii)
                if ind.id in seen_rows:
                    first = where(seen_rows[ind.id], "")
                    at = first.cell or "?"
                    at_id, at_en = (
                        (f"baris {first.line}", f"line {first.line}") if first.line else (at, at)
                    )
                    add((*loc, "id"), Text(
                        f"id indikator {ind.id!r} ganda (pertama di {at_id})",
                        f"duplicate indicator id {ind.id!r} (first at {at_en})",
                    ))  # fmt: skip
                else:
                    seen_rows[ind.id] = (*loc, "id")
                try:
                    parsed = parse_target(ind.target)
                except ScheduleError as err:
                    add((*loc, "target"), Text(
                        f"baris {ind.id}: TARGET WAKTU tidak terbaca: {err}",
                        f"row {ind.id}: cannot read TARGET WAKTU: {err}",
                    ))  # fmt: skip
                else:
                    if parsed.year is not None and parsed.year != plan.year:
                        add((*loc, "target"), Text(
                            f"baris {ind.id}: tahun {parsed.year} bukan {plan.year}",
                            f"row {ind.id}: year {parsed.year} is not {plan.year}",
                        ))  # fmt: skip
                    if (
                        ind.months is not None
                        and parsed.months
                        and tuple(sorted(set(ind.months))) != parsed.months
                    ):
                        add((*loc, "months"), Text(
                            f"baris {ind.id}: bulan {list(ind.months)} tidak sesuai dengan "
                            f"{ind.target!r} ({list(parsed.months)})",
                            f"row {ind.id}: months {list(ind.months)} disagree with "
                            f"{ind.target!r} ({list(parsed.months)})",
                        ))  # fmt: skip
                if ind.lke is not None and model is not None and not model.has_question(ind.lke):
                    add((*loc, "lke"), Text(
                        f"baris {ind.id}: pertanyaan LKE {ind.lke!r} tidak ada di {model.id}",
                        f"row {ind.id}: unknown LKE question {ind.lke!r} in {model.id}",
                    ))  # fmt: skip
                if ind.lke is None and not ind.lke_note:
                    add((*loc, "lke_note"), Text(
                        f"baris {ind.id}: tanpa pertanyaan LKE; tulis alasannya di lke_note",
                        f"row {ind.id}: no LKE question; say why in lke_note",
                    ))  # fmt: skip
    return problems


def check_template(
    path: str | Path | None = None, text: str | None = None
) -> list[TemplateProblem]:
    """Return every problem of a plan file, YAML or plan workbook (empty when it is sound)."""
    return _load(path, text)[1]


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")


def _load(path: str | Path | None, text: str | None) -> tuple[Plan | None, list[TemplateProblem]]:
    if text is None and path is not None and Path(path).suffix.lower() in WORKBOOK_SUFFIXES:
        # A plan workbook: its reader (calamine) lives in rkt_excel.planbook, imported here
        # only, so that loading YAML plans needs no spreadsheet library.
        from rkt_excel.planbook.read import read_planbook

        data, cells, problems = read_planbook(path)
        if data is None:
            return None, problems
        plan, more = validate_plan(data, _cell_where(str(path), cells))
        problems = problems + more
        return (plan if not problems else None), problems
    if text is None:
        p = Path(path) if path is not None else default_template_path()
        name = str(path) if path is not None else f"<embedded {DEFAULT_PLAN}>"
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            return None, [
                TemplateProblem(name, 0, "", f"cannot read the file: {err}",
                                message_id=f"berkas tidak dapat dibaca: {err}")
            ]  # fmt: skip
    else:
        name = str(path) if path is not None else "<text>"
    data, where, problems = _parse_yaml(text, name)
    if where is None:
        return None, problems
    return validate_plan(data, where)


def load_template(path: str | Path | None = None, text: str | None = None) -> Plan:
    """Load and check a plan (the embedded 2019 plan when no path is given).

    Raises:
        TemplateError: with every problem found (``.problems``), each naming file, line or
            cell, and field.
    """
    plan, problems = _load(path, text)
    if plan is None:
        where = str(path) if path is not None else "-"
        raise TemplateError(problems=problems, key="plan-problems", count=len(problems), name=where)
    return plan


def dump_template(plan: Plan) -> str:
    """Write a plan as YAML that load_template reads back to an equal plan.

    PyYAML quotes "no"/"yes" strings (YAML 1.1 booleans) and leaves the key ``no`` bare, which
    our loader reads as a key because it follows YAML 1.2 booleans.
    """
    data = plan.model_dump(mode="json", exclude_defaults=False)
    for comp in data["components"]:
        for sub in comp["subareas"]:
            for ind in sub["indicators"]:
                for key in ("months", "lke_note", "lke_suggested", "pic", "repair"):
                    if ind.get(key) in (None, "", [], False):
                        ind.pop(key, None)
    for chapter in data["chapters"]:
        for key in ("body", "sections", "table"):
            if chapter[key] in ([], False):
                chapter.pop(key)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """SafeDumper writing text with line breaks as a literal block (``|-``), as people write it."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text and text == text.strip() and "\r" not in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
