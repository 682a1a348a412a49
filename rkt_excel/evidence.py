"""Evidence (bukti dukung): what the plan asks for against what the units linked.

Owns the evidence rule (which text in a BUKTI DUKUNG cell is a link the evaluators can open or
a file name, and what every other text is), the check of one (indicator, unit) pair against
the plan's BUKTI FISIK items, the completeness figures per indicator, LKE question, component
and unit, and the one cross-form flag: one link reused across unrelated LKE questions.
Pure: no I/O, no spreadsheet library. Problems are Issues (catalogue codes), never text.

The rule, in words (docs/recap.md, and guide.EVIDENCE_RULE for the units):

- A cell holds one evidence item per line (a ";" also separates items). A link inside a line
  is its own item; the rest of that line is its label.
- An item counts when it is a **web link** (``http://`` or ``https://`` followed by an internet
  address: a name with a dot, not ``localhost``, not a private or loopback IP address; or such
  an address starting with ``www.``) or a **file name** with an extension (``SK_Tim.pdf``,
  ``Bukti/SK Tim.pdf``) sent with the form.
- It does not count, and is flagged, when it is a local path (``C:\\...``, ``/home/...``), a
  network share (``\\\\server\\...``, ``smb://``), a ``file://`` link, a local address
  (``localhost``, ``192.168.1.5``, ``http://server/``) or prose ("lihat map", "terlampir").
- A hyperlink of the cell (Excel's Insert Link, or ``=HYPERLINK(...)``) is an item; the cell's
  other text is then its label. A link with no address (``=HYPERLINK("","SK")``, ``https://``)
  is an empty link.
"""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from rkt_excel.catalogue import Text
from rkt_excel.form import Cell, FilledForm
from rkt_excel.issues import Issue
from rkt_excel.layout import STATUS_VALUES
from rkt_excel.lke import LkeModel
from rkt_excel.template import Plan

# --- what an item is ---------------------------------------------------------------------------
URL = "url"
FILE_NAME = "file-name"
LOCAL_PATH = "local-path"
NETWORK_SHARE = "network-share"
FILE_URL = "file-url"
LOCAL_ADDRESS = "local-address"
EMPTY_LINK = "empty-link"
NOT_A_LINK = "not-a-link"
VALID_KINDS: frozenset[str] = frozenset({URL, FILE_NAME})
# The kinds evidence-unreachable reports (an empty link is empty-link's, on a done action).
UNREACHABLE_KINDS: tuple[str, ...] = (
    LOCAL_PATH,
    NETWORK_SHARE,
    FILE_URL,
    LOCAL_ADDRESS,
    NOT_A_LINK,
)
KIND_TEXTS: dict[str, Text] = {
    URL: Text("tautan", "a link"),
    FILE_NAME: Text("nama berkas", "a file name"),
    LOCAL_PATH: Text("lokasi berkas di komputer sendiri", "a path on the unit's own computer"),
    NETWORK_SHARE: Text("folder jaringan kantor", "a network share"),
    FILE_URL: Text("tautan file:// ke komputer sendiri", "a file:// link to the unit's computer"),
    LOCAL_ADDRESS: Text(
        "alamat jaringan lokal (localhost atau IP kantor)",
        "a local network address (localhost or an office IP)",
    ),
    EMPTY_LINK: Text("tautan tanpa alamat", "a link with no address"),
    NOT_A_LINK: Text(
        "keterangan, bukan tautan atau nama berkas", "words, not a link or a file name"
    ),
}
TIDAK_RELEVAN = STATUS_VALUES[3]
GENERIC_ITEM = "bukti dukung"  # what is expected of an indicator whose plan lists no BUKTI FISIK


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


FILE_EXTENSIONS: frozenset[str] = _word_set(
    "pdf doc docx xls xlsx xlsm ppt pptx odt ods odp txt csv rtf jpg jpeg png gif bmp tif "
    "tiff webp heic mp4 mov avi mkv mp3 wav zip rar 7z"
)
_BULLET = re.compile(r"^\s*(?:[-•*·–]|\d{1,2}[.)])\s+")
_URL_TOKEN = re.compile(r"""(?:https?|file|smb)://[^\s"'<>]*|www\.[^\s"'<>]+""", re.IGNORECASE)
_HOST = re.compile(r"[\w.-]+")  # letters (any script), digits, "-" and "."
_SPACE = re.compile(r"\s")  # what str.isspace() is true for (both: Py_UNICODE_ISSPACE)
_IPV4ISH = re.compile(r"[0-9.]+")  # an IPv4 address has only these; an IPv6 one has ":"
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):(//)?", re.IGNORECASE)
_DRIVE = re.compile(r"^[a-z]:([\\/]|$)", re.IGNORECASE)
_FILE_NAME = re.compile(r'^[^\\/:*?"<>|]+(?:[\\/][^\\/:*?"<>|]+)*\.([a-z0-9]{1,5})$', re.IGNORECASE)
_TRAILING = ".,;:)]}>'\""
_SHARE_SCHEMES = ("smb", "afp", "nfs", "cifs")
_LOCAL_SUFFIXES = (".localhost", ".local", ".lan", ".internal", ".home.arpa")


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One evidence item of a cell: the text as given (a line, a link in it, or the cell's
    hyperlink target), what kind of item it is, and the label shown with it."""

    text: str
    kind: str
    label: str = ""

    @property
    def valid(self) -> bool:
        """True for a web link or a file name: the items that count as evidence."""
        return self.kind in VALID_KINDS


def _host_is_local(host: str) -> bool:
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return True
    if ":" not in host and not _IPV4ISH.fullmatch(host):
        ip = None  # not an IP address (ip_address would raise, slowly)
    else:
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = None
    if ip is None:
        return "." not in host  # a one-word name ("http://server/") only resolves inside
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_unspecified


def classify(text: str) -> str:
    """The kind of one evidence item (a line of a BUKTI DUKUNG cell, or a link target)."""
    t = text.strip()
    lower = t.lower()
    if lower in ("http:", "https:", "http:/", "https:/", "http://", "https://", "www", "www."):
        return EMPTY_LINK
    if t.startswith(("\\\\", "//")):
        return NETWORK_SHARE
    if _DRIVE.match(t) or t.startswith(("/", "~/", "~\\", "\\")):
        return LOCAL_PATH
    scheme = _SCHEME.match(t)
    if scheme is not None and (scheme.group(2) or scheme.group(1).lower() == "file"):
        name = scheme.group(1).lower()
        if name == "file":
            return FILE_URL
        if name in _SHARE_SCHEMES:
            return NETWORK_SHARE
        if name not in ("http", "https"):
            return NOT_A_LINK
        return _web_kind(t)
    if lower.startswith("www."):
        return _web_kind("http://" + t)
    match = _FILE_NAME.match(t)
    if match is not None and match.group(1).lower() in FILE_EXTENSIONS:
        return FILE_NAME
    return NOT_A_LINK


def _web_kind(url: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unclosed "[" in the host
        return NOT_A_LINK
    if not host:
        return EMPTY_LINK
    if _SPACE.search(url):
        return NOT_A_LINK
    if _host_is_local(host):
        return LOCAL_ADDRESS
    return URL if _HOST.fullmatch(host) else NOT_A_LINK


def _pieces(text: str) -> list[tuple[str, str]]:
    """(item, label) pairs of a cell's text: links inside a line are items, the rest of such a
    line its label; a line without a link is split on ";" into items."""
    out: list[tuple[str, str]] = []
    for raw_line in text.replace("\r", "\n").split("\n"):
        line = _BULLET.sub("", raw_line).strip()
        if not line:
            continue
        links = [m.group(0).rstrip(_TRAILING) for m in _URL_TOKEN.finditer(line)]
        if links:
            label = _URL_TOKEN.sub(" ", line).strip(" :-–—\t")
            out.extend((link, label) for link in links)
            continue
        out.extend((part.strip(), "") for part in line.split(";") if part.strip())
    return out


def evidence_items(raw: Any, link: str | None = None) -> tuple[EvidenceItem, ...]:
    """The evidence items of a BUKTI DUKUNG cell: its text (``raw``) and its hyperlink target
    (``link``; "" for a hyperlink with no address, None for none)."""
    text = "" if raw is None else raw if isinstance(raw, str) else str(raw)
    if isinstance(raw, float) and not math.isfinite(raw):
        text = ""
    pieces = [(p, label, classify(p)) for p, label in _pieces(text)]
    items: list[EvidenceItem] = []
    if link is not None:
        target = link.strip()
        labels = [p for p, _, kind in pieces if kind == NOT_A_LINK]
        label = " ".join(labels)
        items.append(EvidenceItem(target, classify(target) if target else EMPTY_LINK, label))
        # With a hyperlink, the cell's words are its label, not items of their own.
        pieces = [piece for piece in pieces if piece[2] != NOT_A_LINK and piece[0] != target]
    items.extend(EvidenceItem(p, kind, label) for p, label, kind in pieces)
    return tuple(items)


def cell_items(cell: Cell | None) -> tuple[EvidenceItem, ...]:
    """The evidence items of a form's BUKTI DUKUNG cell (none for no cell)."""
    return () if cell is None else evidence_items(cell.raw, cell.link)


def link_key(url: str) -> str:
    """A link as compared for reuse: scheme and host in lower case, no fragment, no trailing
    "/", no Google Drive ``usp`` share parameter ("?usp=sharing" and "?usp=drive_link" name the
    same file)."""
    text = url.strip()
    if text.lower().startswith("www."):
        text = "http://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return text
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, True) if k != "usp"])
    path = parts.path.rstrip("/")
    host = (parts.hostname or "").lower()
    key = f"{host}{path}"
    return f"{key}?{query}" if query else key


# --- the plan's BUKTI FISIK against what was given -----------------------------------------------
_WORD = re.compile(r"[0-9a-z]+")
_STOPWORDS: frozenset[str] = _word_set(
    "dan yang untuk dengan atau dari dalam pada oleh ke di the of and pdf doc docx xls "
    "xlsx jpg jpeg png http https www com go id drive google file folders view usp sharing "
    "open"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if len(w) >= 2 and w not in _STOPWORDS)


@lru_cache(maxsize=4096)  # the plan's BUKTI FISIK items, compared with every unit's evidence
def _plan_words(text: str) -> frozenset[str]:
    return _words(text)


def match_items(
    expected: Sequence[str], items: Sequence[EvidenceItem]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which expected BUKTI FISIK items the given evidence covers: (met, missing).

    First by name: an expected item is met by a valid item whose text and label share at least
    half of its words (at least one). Then by number: each valid item left over meets the next
    expected item not yet met. So ``len(met) == min(valid items, expected items)``.
    """
    left = [item for item in items if item.valid]
    said = [_words(f"{item.label} {item.text}") for item in left]  # each item's words, once
    met: dict[int, bool] = {}
    for n, wanted in enumerate(expected):
        words = _plan_words(wanted)
        if not words:
            continue
        need = max(1, math.ceil(len(words) / 2))
        best, best_overlap = -1, 0
        for i, given in enumerate(said):
            overlap = len(words & given)
            if overlap >= need and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best >= 0:
            left.pop(best)
            said.pop(best)
            met[n] = True
    for n in range(len(expected)):
        if n not in met and left:
            left.pop(0)
            met[n] = True
    return (
        tuple(e for n, e in enumerate(expected) if n in met),
        tuple(e for n, e in enumerate(expected) if n not in met),
    )


@dataclass(frozen=True, slots=True)
class Completeness:
    """Evidence completeness over some (indicator, unit) pairs: BUKTI FISIK items met of
    expected; ``percent`` is None when nothing is expected."""

    expected: int
    met: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.met / self.expected if self.expected else None

    def __add__(self, other: Completeness) -> Completeness:
        return Completeness(self.expected + other.expected, self.met + other.met)


NOTHING = Completeness(0, 0)


@dataclass(frozen=True, slots=True)
class EvidenceCheck:
    """One (indicator, unit) pair: what the plan expects, what the unit gave, what is missing.

    ``status`` is the unit's valid status (None: no form, or none given). ``sheet`` and
    ``cell`` locate the unit's BUKTI DUKUNG cell ("" when it sent no form).
    """

    row_id: str
    unit_code: str
    component_id: str
    question: str  # the LKE question id the indicator is linked to ("" for none)
    status: str | None
    expected: tuple[str, ...]
    items: tuple[EvidenceItem, ...]
    met: tuple[str, ...]
    missing: tuple[str, ...]
    sheet: str = ""
    cell: str = ""

    @property
    def completeness(self) -> Completeness:
        return Completeness(len(self.expected), len(self.met))


@dataclass(frozen=True)
class EvidenceReport:
    """Every (indicator, unit) pair that needs evidence (Tidak Relevan pairs left out), in
    plan order then unit code, and the completeness figures over them."""

    checks: tuple[EvidenceCheck, ...] = ()

    @property
    def overall(self) -> Completeness:
        return sum((c.completeness for c in self.checks), NOTHING)

    def _by(self, key: str) -> dict[str, Completeness]:
        out: dict[str, Completeness] = {}
        for check in self.checks:
            name = getattr(check, key)
            if name:
                out[name] = out.get(name, NOTHING) + check.completeness
        return out

    def by_indicator(self) -> dict[str, Completeness]:
        """Indicator id -> completeness over its units."""
        return self._by("row_id")

    def by_question(self) -> dict[str, Completeness]:
        """LKE question id -> completeness over the pairs of the indicators linked to it."""
        return self._by("question")

    def by_component(self) -> dict[str, Completeness]:
        """Component (area) id -> completeness over its pairs."""
        return self._by("component_id")

    def by_unit(self) -> dict[str, Completeness]:
        """Unit code -> completeness over the rows it is assigned."""
        return self._by("unit_code")

    def missing_by_question(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """LKE question id -> (unit code, BUKTI FISIK item) still missing, in order."""
        out: dict[str, list[tuple[str, str]]] = {}
        for check in self.checks:
            if check.question and check.missing:
                out.setdefault(check.question, []).extend(
                    (check.unit_code, item) for item in check.missing
                )
        return {q: tuple(v) for q, v in out.items()}


def expected_items(evidence: Sequence[str]) -> tuple[str, ...]:
    """What an indicator asks for: its BUKTI FISIK items, or one generic item when it lists
    none (every action needs some evidence)."""
    items = tuple(e for e in evidence if e.strip())
    return items or (GENERIC_ITEM,)


def check_evidence(
    plan: Plan,
    assigned: Mapping[str, Sequence[str]],
    forms_by_unit: Mapping[str, FilledForm],
) -> EvidenceReport:
    """Check every assigned (indicator, unit) pair's BUKTI DUKUNG against the plan's BUKTI
    FISIK. A unit that sent no form gave nothing; a pair the unit marks Tidak Relevan needs
    nothing and is left out."""
    return _scan(plan, None, assigned, forms_by_unit)[0]


def scan_evidence(
    plan: Plan,
    model: LkeModel,
    assigned: Mapping[str, Sequence[str]],
    forms_by_unit: Mapping[str, FilledForm],
) -> tuple[EvidenceReport, dict[str, list[Issue]]]:
    """``check_evidence`` and ``reused_links`` (over the forms of ``forms_by_unit``) in one
    pass, each BUKTI DUKUNG cell's items worked out once. Every row of a unit's form must be
    assigned to the unit (consolidate.intake.take_in assigns them): a row that is not is not
    looked at for reused links."""
    report, occurrences = _scan(plan, model, assigned, forms_by_unit)
    order = {id(form): n for n, form in enumerate(forms_by_unit.values())}
    occurrences.sort(key=lambda o: (order[id(o[0])], o[1]))
    return report, _reuse_issues(model, occurrences)


# (form, row's plan position, sheet, cell, row id, question, link, its link_key): one web
# link given
_Occurrence = tuple[FilledForm, int, str, str, str, str, str, str]


def _scan(
    plan: Plan,
    model: LkeModel | None,
    assigned: Mapping[str, Sequence[str]],
    forms_by_unit: Mapping[str, FilledForm],
) -> tuple[EvidenceReport, list[_Occurrence]]:
    """The evidence checks and, with a ``model``, the web links given for its questions."""
    checks: list[EvidenceCheck] = []
    occurrences: list[_Occurrence] = []
    for position, (comp, _, ind) in enumerate(plan.indicators()):
        expected = expected_items(ind.evidence)
        linked = model is not None and bool(ind.lke) and ind.lke in model.questions
        for unit_code in assigned.get(ind.id, ()):
            form = forms_by_unit.get(unit_code)
            row = form.rows.get(ind.id) if form is not None else None
            bukti = row.fields.get("bukti_dukung") if row is not None else None
            items = cell_items(bukti)
            if linked and bukti is not None and form is not None:
                occurrences += _occurrences(form, position, bukti, ind.id, ind.lke or "", items)
            status_cell = row.fields.get("status") if row is not None else None
            status = status_cell.value if status_cell is not None else None
            status = status if status in STATUS_VALUES else None
            if status == TIDAK_RELEVAN:
                continue
            met, missing = match_items(expected, items)
            checks.append(
                EvidenceCheck(
                    row_id=ind.id,
                    unit_code=unit_code,
                    component_id=comp.id,
                    question=ind.lke or "",
                    status=status,
                    expected=expected,
                    items=items,
                    met=met,
                    missing=missing,
                    sheet=bukti.sheet if bukti is not None else "",
                    cell=bukti.cell if bukti is not None else "",
                )
            )
    return EvidenceReport(tuple(checks)), occurrences


# --- one link reused across unrelated questions ------------------------------------------


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _occurrences(
    form: FilledForm,
    position: int,
    bukti: Cell,
    row_id: str,
    question: str,
    items: Iterable[EvidenceItem],
) -> list[_Occurrence]:
    """The web links among a BUKTI DUKUNG cell's items, each link (as link_key compares)
    once, as occurrences for the reuse rule."""
    seen: set[str] = set()
    out: list[_Occurrence] = []
    for item in items:
        if item.kind == URL:
            key = link_key(item.text)
            if key not in seen:
                seen.add(key)
                out.append(
                    (form, position, bukti.sheet, bukti.cell, row_id, question, item.text, key)
                )
    return out


def reused_links(
    plan: Plan, model: LkeModel, forms: Iterable[FilledForm]
) -> dict[str, list[Issue]]:
    """``evidence-reused`` issues by form path: a web link given as evidence for LKE questions
    of different sub-areas (for hasil inputs: components). One document may well support
    several questions of one sub-area, and several units may give the same link for the same
    question; neither is flagged. Each occurrence is flagged at its own cell; the issues of a
    form follow the forms' order, then the plan's."""
    position = {row_id: n for n, row_id in enumerate(plan.index)}
    occurrences: list[_Occurrence] = []
    for form in forms:
        found: list[_Occurrence] = []
        for row_id, row in form.rows.items():
            entry = plan.index.get(row_id)
            question = entry[2].lke if entry is not None else None
            bukti = row.fields.get("bukti_dukung")
            if not question or question not in model.questions or bukti is None:
                continue
            found += _occurrences(
                form, position[row_id], bukti, row_id, question, cell_items(bukti)
            )
        found.sort(key=lambda o: o[1])
        occurrences.extend(found)
    return _reuse_issues(model, occurrences)


def _reuse_issues(model: LkeModel, occurrences: Sequence[_Occurrence]) -> dict[str, list[Issue]]:
    """``evidence-reused`` issues by form path from the web links given, in order."""
    by_key: dict[str, list[_Occurrence]] = {}
    for o in occurrences:
        by_key.setdefault(o[7], []).append(o)
    out: dict[str, list[Issue]] = {}
    for found in by_key.values():
        groups = {model.questions[o[5]].sub_area for o in found}
        if len(groups) < 2:
            continue
        for form, _, sheet, cell, row_id, question, link, _ in found:
            mine = model.questions[question].sub_area
            others = sorted({o[5] for o in found if model.questions[o[5]].sub_area != mine})
            out.setdefault(form.path, []).append(
                Issue(
                    "evidence-reused",
                    form.path,
                    sheet=sheet,
                    cell=cell,
                    row_id=row_id,
                    field="bukti_dukung",
                    raw=link,
                    params={
                        "link": _short(link),
                        "question": question,
                        "questions": ", ".join(others),
                    },
                )
            )
    return out


__all__ = [
    "EMPTY_LINK",
    "FILE_NAME",
    "FILE_URL",
    "GENERIC_ITEM",
    "KIND_TEXTS",
    "LOCAL_ADDRESS",
    "LOCAL_PATH",
    "NETWORK_SHARE",
    "NOTHING",
    "NOT_A_LINK",
    "UNREACHABLE_KINDS",
    "URL",
    "VALID_KINDS",
    "Completeness",
    "EvidenceCheck",
    "EvidenceItem",
    "EvidenceReport",
    "cell_items",
    "check_evidence",
    "classify",
    "evidence_items",
    "expected_items",
    "link_key",
    "match_items",
    "reused_links",
    "scan_evidence",
]
