"""import_plan: a Word RKT (or a spreadsheet table of the same shape) -> Plan, problems, and
the LKE questions suggested for the secretariat to confirm.

Orchestrates source (open), table (BAB III), text (everything around it) and the LKE
suggestion; builds the Plan. Writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from rkt_excel.lke import DEFAULT_MODEL, MODEL_IDS, LkeModel, load_model
from rkt_excel.planimport.problems import ImportProblem, Location, PlanImportError, Suggestion
from rkt_excel.planimport.source import Block, Para, Table, read_source
from rkt_excel.planimport.table import TableReader, header_of
from rkt_excel.planimport.text import TextReader
from rkt_excel.template import FORMAT_VERSION, Plan

SUGGEST_CUTOFF = 40.0  # token_sort_ratio below which no question is suggested
_YEAR = re.compile(r"\bTAHUN\s+(\d{4})\b", re.I)
_NUMBER_LINE = re.compile(r"\d")  # a cover line with a digit and no lower case: the number
# "PermenPANRB Nomor 52 Tahun 2014" and the like, in the legal basis
_REGULATION = re.compile(r"Nomor\s+(\d+)\s+Tahun\s+(\d{4})", re.I)


def import_plan(
    path: str | Path, *, regulation: str | None = None
) -> tuple[Plan, list[ImportProblem], list[Suggestion]]:
    """Import the RKT at ``path`` (.docx, or .xlsx/.ods with the table) as a Plan.

    ``regulation`` (an LKE model id) defaults to the one the legal basis names, else the
    current one. Each row's LKE question is a suggestion (``lke_suggested``), listed in the
    returned suggestions. Nothing is dropped: what does not fit is in the problems.

    Raises:
        PlanImportError: the file cannot be opened, or holds no RKT table.
    """
    blocks = read_source(path)
    tables = TableReader()
    rkt: set[int] = set()
    for block in blocks:
        if not isinstance(block, Table):
            continue
        has_header = any(header_of(row) is not None for row in block.rows)
        continues = (
            tables.header is not None
            and not has_header
            and block.rows
            and len(block.rows[0]) >= max(tables.header) + 1
            and not any("NIP" in c.text.upper() or "PRIORITAS" in c.text.upper()
                        for row in block.rows for c in row)
        )  # fmt: skip
        if has_header or continues:
            rkt.add(block.number)
            tables.read(block)
    if not rkt:
        raise PlanImportError(key="import-no-table", path=str(path))
    text = TextReader(rkt)
    text.read(blocks)
    problems = tables.problems + text.problems

    components = []
    for comp in tables.result():
        if comp["subareas"]:
            components.append(comp)
        else:
            problems.append(ImportProblem("component-empty", Location(), {"component": comp["id"]}))
    office, document, year = _cover(text.cover, problems, tables)
    model_id = regulation or _regulation(blocks)
    model = load_model(model_id)
    suggestions = _suggest(components, model, tables.locations, problems)
    signing = {**text.signing, "signatories": text.signatories}
    if signing.get("place") and not office.get("city"):
        office["city"] = signing["place"]
    data: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "id": f"{_slug(office.get('name', '') or 'kantor')}-{year}",
        "year": year,
        "regulation": model_id,
        "created": signing.get("date") or dt.date(year, 1, 1),
        "office": office,
        "document": document,
        "chapters": [{k: v for k, v in c.items() if v or k == "title"} for c in text.chapters],
        "signing": signing,
        "annexes": text.annexes,
        "priority_title": text.priority_title,
        "priority_targets": text.priority_targets,
        "components": components,
    }
    return Plan.model_validate(data), problems, suggestions


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "kantor"


def _cover(
    runs: list[list[str]], problems: list[ImportProblem], tables: TableReader
) -> tuple[dict[str, str], dict[str, Any], int]:
    """Office, document and year from the cover lines (header block, then the title lines)."""
    lines = [line for run in runs for line in run]
    runs = [r for r in runs if r]
    numbered = next((n for n, line in enumerate(lines) if _is_number(line)), None)
    if numbered is not None:
        header, title = lines[:numbered], lines[numbered + 1 :]
        number = lines[numbered]
    elif len(runs) > 1:
        header, title, number = runs[0], [line for r in runs[1:] for line in r], ""
    else:
        header, title, number = [], lines, ""
    office = {"ministry": "", "region": "", "name": ""}
    if len(header) >= 3:
        office["ministry"], office["region"], office["name"] = header[0], header[1], header[2]
        title = header[3:] + title
    elif len(header) == 2:
        ministry, _, region = header[0].partition(" WILAYAH ")
        office["ministry"], office["region"] = ministry, f"WILAYAH {region}" if region else ""
        office["name"] = header[1]
    elif header:
        office["name"] = header[0]
    if not office["name"] and title:
        office["name"] = title[0]
    found = [int(m[1]) for line in [*title, number] for m in [_YEAR.search(line)] if m]
    if found:
        year = found[-1]
    else:
        years = Counter(
            int(y) for c in tables.components for s in c["subareas"] for i in s["indicators"]
            for y in re.findall(r"\b(20\d\d)\b", i.get("target", ""))
        )  # fmt: skip
        year = years.most_common(1)[0][0] if years else dt.date.today().year
        problems.append(ImportProblem("no-year", Location(), {"year": year}))
    document = {"number": number, "title": " ".join(title) or office["name"], "cover": title}
    return office, document, year


def _is_number(line: str) -> bool:
    """A document number line: digits with dots or dashes, no lower case ("W13.IMI...-0707")."""
    return (
        bool(_NUMBER_LINE.search(line))
        and line == line.upper()
        and ("." in line or "/" in line or line.upper().startswith("NOMOR"))
    )


def _regulation(blocks: list[Block]) -> str:
    """The LKE model the text names ("... Nomor 90 Tahun 2021"), else the current one."""
    text = " ".join(b.text for b in blocks if isinstance(b, Para))
    named = {f"permenpanrb-{m[1]}-{m[2]}" for m in _REGULATION.finditer(text)}
    for model_id in MODEL_IDS:  # the current regulation first
        if model_id in named:
            return model_id
    return DEFAULT_MODEL


def _suggest(
    components: list[dict[str, Any]],
    model: LkeModel,
    locations: dict[str, Location],
    problems: list[ImportProblem],
) -> list[Suggestion]:
    """Each row's most similar LKE question of its area, as a suggestion."""
    scored = [q for q in model.questions.values() if q.kind != "hasil"]
    out: list[Suggestion] = []
    for comp in components:
        candidates = {q.id: q.text for q in scored if q.area == comp["id"]} or {
            q.id: q.text for q in scored
        }
        for sub in comp["subareas"]:
            for ind in sub["indicators"]:
                # token_sort_ratio picks the question the embedded plan links in 67 of its 70
                # rows; a short indicator ("Tim dibentuk") only matches as a word subset
                best = None
                for scorer in (fuzz.token_sort_ratio, fuzz.token_set_ratio):
                    best = process.extractOne(
                        ind["indicator"], candidates, scorer=scorer,
                        processor=utils.default_process, score_cutoff=SUGGEST_CUTOFF,
                    )  # fmt: skip
                    if best is not None:
                        break
                where = locations.get(ind["id"], Location())
                if best is None:
                    ind["lke"] = None
                    problems.append(ImportProblem("lke-not-found", where, {"row_id": ind["id"]}))
                    continue
                text, score, qid = best
                ind["lke"], ind["lke_suggested"] = qid, True
                out.append(Suggestion(ind["id"], str(qid), text, round(score, 1), where))
    return out
