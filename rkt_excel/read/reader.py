"""Reading a returned form into a FilledForm: rows by their ID, every input cell normalised.

Owns ``read_form``/``read_forms``: values through python-calamine, and (through ooxml.py) the
sheet XML for what calamine cannot see (formulas, hyperlinks, number formats); the identity
from the metadata (layout's codec), the plan-identity check (identity.py), once per form.
Problems inside a readable form are Issues on the form; a file that cannot be read raises
FormError. Never writes a file, imports no writer library.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException
from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from rkt_excel import layout
from rkt_excel.errors import FormError, ModelError
from rkt_excel.excel_limits import MAX_STRING
from rkt_excel.form import Cell, FilledForm, FilledRow, FormIdentity
from rkt_excel.gc_control import gc_paused
from rkt_excel.identity import check_plan
from rkt_excel.issues import Issue
from rkt_excel.layout import meta_text as _text
from rkt_excel.normalize import (
    Normalised,
    clean_text,
    nip_plausible,
    normalize_answer,
    normalize_field,
    normalize_identity,
)
from rkt_excel.read.ooxml import (
    HYPERLINK_FORMULA,
    Package,
    SheetXml,
    a1,
    custom_properties,
    needs_sheet_xml,
    percent_styles,
    read_sheet_xml,
    sheet_parts,
)
from rkt_excel.read.preflight import DEFAULT_LIMITS, Limits, open_package
from rkt_excel.template import Plan

# The hidden data sheet of our recaps (recap/datasheet.SHEET_DATA; a reader imports no writer
# module): a workbook with it and without a form's metadata is a recap, skipped with a note.
RECAP_DATA_SHEET = "_rkt_data"


# --- cell values -----------------------------------------------------------------------------
def _header_forms(text: str) -> tuple[str, str]:
    spaced = " ".join(text.split()).casefold()
    return spaced, re.sub(r"[^0-9a-z]", "", spaced)


_HEADERS: dict[str, str] = {}
for _col in layout.COLUMNS:
    for _form in _header_forms(_col.header):
        _HEADERS.setdefault(_form, _col.key)
_IDENTITY_LABELS = {form: f.key for f in layout.IDENTITY_FIELDS for form in _header_forms(f.label)}
HEADER_SEARCH_ROWS = 12  # the header row is searched for in the first rows of each sheet


@lru_cache(maxsize=4096)  # every form has the same headers (at most 60 characters each)
def _header_key(value: str) -> str | None:
    spaced, compact = _header_forms(value)
    return _HEADERS.get(spaced) or (_HEADERS.get(compact) if compact else None)


def _find_header(grid: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """The header row of a component sheet (0-based) and its columns (key -> 0-based)."""
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        cols: dict[str, int] = {}
        for c, value in enumerate(row):
            if not isinstance(value, str) or len(value) > 60:  # titles and notes are not headers
                continue
            key = _header_key(value)
            if key is not None and key not in cols:
                cols[key] = c
        if "id" in cols and len(cols) >= 3:
            return r, cols
    return None


def _grid(wb: CalamineWorkbook, name: str) -> list[list[Any]]:
    rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return [[None if v == "" else v for v in row] for row in rows]


def _at(grid: list[list[Any]], r: int, c: int) -> Any:
    if r < len(grid) and c < len(grid[r]):
        return grid[r][c]
    return None


_ANSWER_TYPES: dict[tuple[str, str], tuple[tuple[str, str, float | None, float | None], ...]] = {}


def _plan_answer_types(plan: Plan) -> tuple[tuple[str, str, float | None, float | None], ...]:
    """(row id, answer type, minimum, maximum) of every plan row whose LKE question the plan's
    model has; worked out once per plan (by content), not once per form."""
    key = (plan.content_hash, plan.regulation)
    found = _ANSWER_TYPES.get(key)
    if found is not None:
        return found
    try:
        from rkt_excel.lke import load_model

        model: Any = load_model(plan.regulation)
    except (ModelError, ImportError):
        model = None
    rows = []
    for _, _, ind in plan.indicators():
        if not ind.lke or model is None or not model.has_question(ind.lke):
            continue
        q = model.question(ind.lke)
        rows.append((ind.id, q.answer_type, q.minimum, q.maximum))
    if len(_ANSWER_TYPES) < 64:
        _ANSWER_TYPES[key] = tuple(rows)
    return tuple(rows)


# --- the reader ------------------------------------------------------------------------------
@dataclass
class _Reader:
    """The state of reading one file (kept private: read_form is the interface)."""

    path: str
    pkg: Package
    plan: Plan | None
    issues: list[Issue] = field(default_factory=list)
    carried: dict[str, str] = field(default_factory=dict)  # row id -> digest written in

    def issue(self, code: str, **kw: Any) -> None:
        self.issues.append(Issue(code, self.path, **kw))

    def run(self) -> FilledForm:
        pkg, path = self.pkg, self.path
        self.issues.extend(pkg.issues)
        try:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(pkg.data))
        except PasswordError as err:
            raise FormError("encrypted", path) from err
        except CalamineError as err:
            raise FormError("unreadable", path, reason=str(err)) from err
        parts = sheet_parts(pkg)
        if RECAP_DATA_SHEET in parts and layout.SHEET_META not in parts:
            raise FormError("skipped-recap", path)  # one of our recaps, not a unit's form
        grids: dict[str, list[list[Any]]] = {}
        for meta_ in wb.sheets_metadata:
            if str(meta_.typ).endswith("WorkSheet"):
                try:
                    grids[meta_.name] = _grid(wb, meta_.name)
                except CalamineError:
                    continue  # a sheet calamine cannot read holds none of our cells
        wb.close()

        meta = self._meta(grids)
        props = custom_properties(pkg)
        ident = {**props, **(meta.keys if meta else {})}
        headers = {name: h for name, g in grids.items() if (h := _find_header(g)) is not None}
        if not ident.get("plan_id") and not headers:
            raise FormError("not-our-form", path)
        self._check_identity(ident)
        if meta is None:
            self.issue("missing-meta")

        known: set[str] | None = set(meta.rows) if meta and meta.rows else None
        if self.plan is not None:
            known = (known or set()) | set(self.plan.index)
        answer_types = self._answer_types(meta)
        if meta is not None:
            self.carried = {rid: r.carried for rid, r in meta.rows.items() if r.carried}

        rows: dict[str, FilledRow] = {}
        for name, (hrow, cols) in headers.items():
            self._read_sheet(
                name, grids[name], hrow, cols, parts.get(name, ""), known, answer_types, rows
            )

        if not rows and ident.get("kind") == "form" and not headers:
            self.issue("missing-sheet")
        if meta and meta.rows:
            expected = list(meta.rows)
        elif self.plan is not None and ident.get("kind", "workbook") != "form":
            expected = list(self.plan.index)
        else:
            expected = []
        for row_id in expected:
            if row_id not in rows:
                sheet = meta.rows[row_id].sheet if meta and row_id in meta.rows else ""
                self.issue("missing-row", sheet=sheet, row_id=row_id, params={"row_id": row_id})

        identity_cells = self._identity_cells(grids, parts)
        values = {k: c.value for k, c in identity_cells.items()}
        identity = FormIdentity(
            plan_id=ident.get("plan_id", ""),
            plan_version=ident.get("plan_version", ""),
            plan_hash=ident.get("plan_hash", ""),
            form_id=ident.get("form_id", ""),
            kind=ident.get("kind", "form" if identity_cells else "workbook"),
            unit_code=ident.get("unit_code") or _str(values.get("unit_code")),
            unit_name=ident.get("unit_name") or _str(values.get("unit_name")),
            nama_pengisi=_str(values.get("nama_pengisi")),
            nip=_str(values.get("nip")),
            jabatan=_str(values.get("jabatan")),
            tanggal_pengisian=values.get("tanggal_pengisian")
            if isinstance(values.get("tanggal_pengisian"), dt.date)
            else None,
            period=ident.get("period", ""),
            carried_from=ident.get("carried_from", ""),
            unit_claims=tuple(
                (place, code)
                for place, code in (
                    ("meta", meta.keys.get("unit_code", "") if meta else ""),
                    ("property", props.get("unit_code", "")),
                    ("identitas", _str(values.get("unit_code")).strip()),
                )
                if code
            ),
        )
        try:
            mtime = Path(path).stat().st_mtime
        except OSError:
            mtime = 0.0
        return FilledForm(
            path=path,
            sha256=hashlib.sha256(pkg.data).hexdigest(),
            identity=identity,
            rows=rows,
            issues=tuple(self.issues),
            identity_cells=identity_cells,
            mtime=mtime,
            checked_plan=self.plan.content_hash
            if self.plan is not None and identity.plan_id
            else "",
        )

    def _meta(self, grids: dict[str, list[list[Any]]]) -> layout.Meta | None:
        if layout.SHEET_META in grids:
            return layout.decode_meta(grids[layout.SHEET_META])
        for grid in grids.values():
            if layout.looks_like_meta(grid):
                return layout.decode_meta(grid)
        return None

    def _check_identity(self, ident: dict[str, str]) -> None:
        found_format = ident.get("format", "")
        if found_format and found_format != layout.FORM_FORMAT:
            raise FormError(
                "unsupported-format", self.path, found=found_format, expected=layout.FORM_FORMAT
            )
        plan = self.plan
        if plan is None or not ident.get("plan_id"):
            return
        check = check_plan(
            ident.get("plan_id", ""),
            ident.get("plan_version", ""),
            ident.get("plan_hash", ""),
            plan,
        )
        if check is not None:
            code, params = check
            raise FormError(code, self.path, **params)

    def _answer_types(
        self, meta: layout.Meta | None
    ) -> dict[str, tuple[str, float | None, float | None]]:
        """Row id -> (answer type, minimum, maximum): the type from the form's row table, else
        from the plan's LKE; the bounds from the LKE question when the plan's model has it."""
        out: dict[str, tuple[str, float | None, float | None]] = {}
        if meta is not None:
            for row_id, row in meta.rows.items():
                if row.answer_type:
                    out[row_id] = (row.answer_type, None, None)
        if self.plan is None:
            return out
        for row_id, answer_type, low, high in _plan_answer_types(self.plan):
            kind = out.get(row_id, (answer_type, None, None))[0]
            if kind == answer_type:
                out[row_id] = (kind, low, high)
        return out

    def _read_sheet(
        self,
        name: str,
        grid: list[list[Any]],
        hrow: int,
        cols: dict[str, int],
        part: str,
        known: set[str] | None,
        answer_types: Mapping[str, tuple[str, float | None, float | None]],
        rows: dict[str, FilledRow],
    ) -> None:
        id_col = cols["id"]
        found: list[tuple[int, str]] = []
        seen: set[str] = set()
        for r in range(hrow + 1, len(grid)):
            raw = _at(grid, r, id_col)
            row_id = _text(raw)
            if not row_id:
                continue
            if known is not None and row_id not in known:
                self.issue(
                    "unknown-row", sheet=name, cell=a1(r, id_col), row_id=row_id, field="id",
                    raw=raw, params={"row_id": row_id},
                )  # fmt: skip
                continue
            if row_id in rows or row_id in seen:
                self.issue(
                    "duplicate-row", sheet=name, cell=a1(r, id_col), row_id=row_id, field="id",
                    raw=raw, params={"row_id": row_id},
                )  # fmt: skip
                continue
            found.append((r, row_id))
            seen.add(row_id)
        if not found:
            return
        for key in (*layout.INPUT_FIELDS, *layout.PLAN_FIELDS):
            if key not in cols:
                header = layout.COLUMNS[layout.COL[key]].header
                self.issue("missing-column", sheet=name, field=key, params={"header": header})

        pct: frozenset[int] = frozenset()
        capaian = cols.get("capaian")
        if capaian is not None and any(isinstance(_at(grid, r, capaian), float) for r, _ in found):
            pct = percent_styles(self.pkg)  # only a number can be shown as a percentage
        first, last = found[0][0], found[-1][0]
        input_cols = [cols[k] for k in layout.INPUT_FIELDS if k in cols]
        xml = SheetXml()
        if needs_sheet_xml(self.pkg, part, bool(pct)):
            want = {a1(r, c) for r, _ in found for c in input_cols}
            for r in range(first, last + 1):  # rows without an id inside the table
                if not _text(_at(grid, r, id_col)):
                    want.update(a1(r, c) for c in input_cols)
            xml = read_sheet_xml(pkg=self.pkg, part=part, want=want, need_styles=bool(pct))

        field_cols = [(key, cols[key]) for key in layout.INPUT_FIELDS if key in cols]
        plan_cols = [(key, cols[key]) for key in layout.PLAN_FIELDS if key in cols]
        input_cell = self._input_cell
        for r, row_id in found:
            kind, low, high = answer_types.get(row_id, _NO_ANSWER_TYPE)
            line = grid[r]
            fields = {
                key: input_cell(name, line, r, col, key, row_id, xml, pct, kind, low, high)
                for key, col in field_cols
            }
            plan_cells = {}
            for key, col in plan_cols:
                raw = _shared(line[col] if col < len(line) else None)
                plan_cells[key] = Cell(name, a1(r, col), raw, _shared(_plain(raw)))
            digest = self.carried.get(row_id, "")
            untouched = bool(digest) and digest == layout.carried_digest(
                {key: cell.value for key, cell in fields.items()}
            )
            rows[row_id] = FilledRow(
                row_id, name, r + 1, fields, plan_cells, bool(digest), untouched
            )
        for r in range(first, last + 1):
            if _text(_at(grid, r, id_col)):
                continue
            filled = [
                c
                for k in layout.INPUT_FIELDS
                if (c := cols.get(k)) is not None
                and (_at(grid, r, c) is not None or a1(r, c) in xml.formulas)
            ]
            if filled:
                self.issue(
                    "data-without-id",
                    sheet=name,
                    cell=a1(r, filled[0]),
                    raw=_at(grid, r, filled[0]),
                )

    def _input_cell(
        self,
        sheet: str,
        line: list[Any],
        r: int,
        c: int,
        key: str,
        row_id: str,
        xml: SheetXml,
        pct: frozenset[int],
        kind: str,
        low: float | None,
        high: float | None,
    ) -> Cell:
        """One input cell of grid row ``r`` (``line``), column ``c``."""
        ref = a1(r, c)
        raw = line[c] if c < len(line) else None
        link = xml.links.get(ref) if xml.links else None
        formula = xml.formulas.get(ref) if xml.formulas else None
        if formula is None:  # the usual case: a value, no formula
            if key in _TEXT_FIELDS and (raw is None or raw.__class__ is str):
                # normalize_text inlined for the commonest cells: text is kept as typed.
                if raw is not None and len(raw) > MAX_STRING:
                    self._long_text(sheet, ref, row_id, key, raw)
                return Cell(sheet, ref, raw, raw if raw is not None and raw.strip() else None, link)
            n = self._normalise(key, raw, ref, xml, pct, kind, low, high)
            if n.code:
                self.issue(
                    n.code, raw=raw, params=dict(n.params), sheet=sheet, cell=ref,
                    row_id=row_id, field=key,
                )  # fmt: skip
            elif raw.__class__ is str and raw == n.value:
                raw = n.value  # the same text: keep one string (an option's) for both
            return Cell(sheet, ref, raw, n.value, link)
        where = {"sheet": sheet, "cell": ref, "row_id": row_id, "field": key}
        m = HYPERLINK_FORMULA.match(formula)
        if key == "bukti_dukung" and m:
            # =HYPERLINK("url", "text") is how people make a link look tidy: keep the link.
            link = m.group(1).replace('""', '"')
            if raw is None and m.group(2):
                raw = m.group(2).replace('""', '"')
        else:
            shown = "=" + formula
            self.issue("formula-in-input", raw=shown, params={"formula": _short(shown)}, **where)
            n = self._normalise(key, raw, ref, xml, pct, kind, low, high)
            return Cell(sheet, ref, shown, n.value, link)
        n = self._normalise(key, raw, ref, xml, pct, kind, low, high)
        if n.code:
            self.issue(n.code, raw=raw, params=dict(n.params), **where)
        return Cell(sheet, ref, raw, n.value, link)

    def _long_text(self, sheet: str, ref: str, row_id: str, key: str, raw: str) -> None:
        """A text longer than an Excel cell holds (a file written by another program; Excel
        and openpyxl cut at the limit): the recap's cell cuts it, its data keeps it whole."""
        self.issue(
            "text-too-long", raw=raw[:200], sheet=sheet, cell=ref, row_id=row_id, field=key,
            params={"length": len(raw), "limit": MAX_STRING},
        )  # fmt: skip

    @staticmethod
    def _normalise(
        key: str,
        raw: Any,
        ref: str,
        xml: SheetXml,
        pct: frozenset[int],
        kind: str,
        low: float | None,
        high: float | None,
    ) -> Normalised:
        if key == "jawaban":
            return normalize_answer(raw, kind or None, minimum=low, maximum=high)
        percent = key == "capaian" and bool(pct) and xml.styles.get(ref, -1) in pct
        return normalize_field(key, raw, percent_format=percent)

    def _identity_cells(
        self, grids: dict[str, list[list[Any]]], parts: Mapping[str, str]
    ) -> dict[str, Cell]:
        """The Identitas fields found by their labels (column A), values in column B."""
        names = [layout.SHEET_IDENTITY] if layout.SHEET_IDENTITY in grids else list(grids)
        for name in names:
            grid = grids[name]
            spots: dict[str, int] = {}
            for r, row in enumerate(grid[:40]):
                if row and isinstance(row[0], str):
                    spaced, compact = _header_forms(row[0].rstrip(" :"))
                    key = _IDENTITY_LABELS.get(spaced) or _IDENTITY_LABELS.get(compact)
                    if key and key not in spots:
                        spots[key] = r
            if len(spots) < 3:
                continue
            want = {a1(r, 1) for r in spots.values()}
            xml = (
                read_sheet_xml(self.pkg, parts.get(name, ""), want, False)
                if name in parts
                else SheetXml()
            )
            cells: dict[str, Cell] = {}
            for key, r in spots.items():
                ref, raw = a1(r, 1), _at(grid, r, 1)
                where = {"sheet": name, "cell": ref, "field": key}
                if ref in xml.formulas:
                    shown = "=" + xml.formulas[ref]
                    self.issue(
                        "formula-in-input", raw=shown, params={"formula": _short(shown)}, **where
                    )
                n = normalize_identity(key, raw)
                if n.code:
                    self.issue(n.code, raw=raw, params=dict(n.params), **where)
                elif key == "nip" and isinstance(n.value, str) and not nip_plausible(n.value):
                    self.issue("suspicious-nip", raw=raw, params={"value": n.value}, **where)
                cells[key] = Cell(name, ref, raw, n.value)
            return cells
        return {}


_NO_ANSWER_TYPE: tuple[str, float | None, float | None] = ("", None, None)
# Input fields whose value is the text as typed (normalize_field -> normalize_text).
_TEXT_FIELDS = frozenset(("bukti_dukung", "keterangan"))


def _plain(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


# Every form repeats the plan's texts (indikator, target waktu): one copy of each is kept for
# all the forms read in this process instead of one per form. Bounded (entries and length):
# odd files cannot make it hold more than a few MB.
_SHARED_TEXTS: dict[str, str] = {}
_SHARED_MAX = 5_000
_SHARED_LENGTH = 1_000


def _shared(value: Any) -> Any:
    if value.__class__ is not str or len(value) > _SHARED_LENGTH:
        return value
    found = _SHARED_TEXTS.get(value)
    if found is not None:
        return found
    if len(_SHARED_TEXTS) < _SHARED_MAX:
        _SHARED_TEXTS[value] = value
    return value


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_form(
    path: str | Path,
    plan: Plan | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> FilledForm:
    """Read a returned form: pre-flight, identity, and every input cell of every known row.

    Rows are found by their ID (the ID column of any sheet, matched by header text), so
    sorted, inserted or deleted rows and renamed or reordered sheets read correctly. With a
    plan, a form of another plan or version is refused.

    Raises:
        FormError: the file cannot be read as one of our forms (``code`` from the catalogue);
            nothing else, whatever the file holds.
    """
    name = str(path)
    try:
        with gc_paused():
            pkg = open_package(path, limits)
            return _Reader(name, pkg, plan).run()
    except FormError:
        raise
    except DefusedXmlException as err:
        raise FormError("xml-entities", name, part=type(err).__name__) from err
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as err:  # the promise is "FormError only", never a traceback
        # BaseException: a Rust panic inside calamine is pyo3's PanicException, which is
        # not an Exception (pre-flight refuses the values known to cause one).
        reason = f"{type(err).__name__}: {_short(str(err), 80)}"
        raise FormError("unreadable", name, reason=reason) from err


def read_forms(
    paths: Iterable[str | Path],
    plan: Plan | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[FilledForm], list[Issue]]:
    """Read many files; a file that cannot be read becomes an Issue and the others go on."""
    forms: list[FilledForm] = []
    refused: list[Issue] = []
    for path in paths:
        try:
            forms.append(read_form(path, plan, limits=limits))
        except FormError as err:
            refused.append(err.issue)
    return forms, refused
