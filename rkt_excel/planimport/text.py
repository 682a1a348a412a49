"""Read the RKT document's text outside the BAB III table: cover, chapters, signing block,
annexes and the TARGET PRIORITAS page, into plan data.

Pure: works on source blocks. The cover is the text before the first "BAB"; a chapter runs to
the "<place>, <date>" line of the signing block; after the signatures, upper-case lines title
an annex (or, right before its table, the TARGET PRIORITAS page).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from rkt_excel.planimport.problems import ImportProblem, Location
from rkt_excel.planimport.source import Block, Cell, Para, Table
from rkt_excel.planimport.table import MARK
from rkt_excel.schedule import month_number

_BAB = re.compile(r"^BAB\s+([IVXLC]+)\b[.:]?\s*(.*)$", re.I | re.S)
_SECTION = re.compile(r"^(\d{1,2})[.)]\s+(.{1,80})$", re.S)
_SIGN_DATE = re.compile(r"^(.+?),\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$")
_NIP = re.compile(r"^NIP\.?\s*:?\s*([\d ]+)$", re.I)
_PRIORITY = "TARGET PRIORITAS"


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        number = month_number(month)
        return dt.date(int(year), number, int(day)) if number else None
    except ValueError:
        return None


def _is_title(text: str) -> bool:
    """An upper-case line (letters present, none lower-case): a title line."""
    return any(ch.isalpha() for ch in text) and text == text.upper()


@dataclass
class TextReader:
    """Walks the blocks outside the RKT tables; ``rkt_tables`` are the numbers of those."""

    rkt_tables: set[int]
    problems: list[ImportProblem] = field(default_factory=list)
    cover: list[list[str]] = field(default_factory=lambda: [[]])  # runs split by blank lines
    chapters: list[dict[str, Any]] = field(default_factory=list)
    signing: dict[str, Any] = field(default_factory=dict)
    signatories: list[dict[str, str]] = field(default_factory=list)
    annexes: list[dict[str, Any]] = field(default_factory=list)
    priority_title: list[str] = field(default_factory=list)
    priority_targets: list[str] = field(default_factory=list)
    state: str = "cover"  # cover -> chapter -> signing -> after
    pending: list[str] = field(default_factory=list)  # title lines after the signatures
    body: list[Any] | None = None
    title_next: bool = False
    roles: list[str] = field(default_factory=list)
    names: list[tuple[str, str]] = field(default_factory=list)

    def read(self, blocks: list[Block]) -> None:
        paragraph = 0
        for block in blocks:
            if isinstance(block, Table):
                self._table(block)
                continue
            paragraph += 1
            text = block.text.strip()
            if not text:
                if self.state == "cover" and self.cover[-1]:
                    self.cover.append([])
                continue
            self._para(block, " ".join(text.split()) if "\n" not in text else text, paragraph)
        self._flush_signatories()

    # --- paragraphs --------------------------------------------------------------------------

    def _para(self, para: Para, text: str, paragraph: int) -> None:
        bab = _BAB.match(text)
        if (bab or para.heading == 1) and self.state in ("cover", "chapter"):
            number = bab[1].upper() if bab else ""
            title = " ".join((bab[2] if bab else text).split())
            chapter: dict[str, Any] = {
                "number": number, "title": title, "body": [], "sections": []
            }  # fmt: skip
            self.chapters.append(chapter)
            self.body = chapter["body"]
            self.title_next = not chapter["title"]
            self.state = "chapter"
            return
        if self.state == "cover":
            self.cover[-1].append(text)
            return
        if self.state == "chapter":
            if self.title_next and _is_title(text):
                self.chapters[-1]["title"] = text
                self.title_next = False
                return
            self.title_next = False
            sign = _SIGN_DATE.match(text)
            if sign and _date(sign[2], sign[3], sign[4]):
                self.signing["place"] = sign[1].strip()
                self.signing["date"] = _date(sign[2], sign[3], sign[4])
                self.state = "signing"
                return
            section = _SECTION.match(text)
            is_section = para.heading >= 2 or (
                section is not None and para.list_style is None and para.bold
                and not text.endswith((".", ";", ":", ","))
            )  # fmt: skip
            if is_section:
                number, title = (section[1], section[2]) if section else ("", text)
                new: dict[str, Any] = {"number": number, "title": title.strip(), "body": []}
                self.chapters[-1]["sections"].append(new)
                self.body = new["body"]
                return
            self._block(para, text)
            return
        if self.state == "signing" and not (
            _is_title(text) and "team" in self.signing and not self.roles
        ):
            self._signing_line(text)
            return
        self.state = "after"
        # after the signatures: annex titles and bodies
        if (_is_title(text) or para.bold) and para.list_style is None and not MARK.match(text):
            if self.body is not None and self.body and self.annexes:
                self.body = None  # a new title after an annex's body starts the next annex
            self.pending.append(text)
            return
        if self.pending:
            self.annexes.append({"title": self.pending, "body": []})
            self.pending = []
            self.body = self.annexes[-1]["body"]
        if not self.annexes or self.body is None:
            self.problems.append(
                ImportProblem(
                    "paragraph-not-imported", Location(paragraph=paragraph), {"text": text}
                )
            )
            return
        self._block(para, text)

    def _block(self, para: Para, text: str) -> None:
        assert self.body is not None
        mark = MARK.match(text)
        style = para.list_style
        if mark:
            style = "a" if mark[2] else "1" if mark[3] else "-"
            text = text[mark.end() :].strip()
        if style is None:
            self.body.append(text)
            return
        last = self.body[-1] if self.body else None
        if isinstance(last, dict) and last["style"] == style:
            last["items"].append(" ".join(text.split()))
        else:
            self.body.append({"style": style, "items": [" ".join(text.split())]})

    def _signing_line(self, text: str) -> None:
        if text.casefold().startswith("mengetahui"):
            self.signing["heading"] = text
        elif _NIP.match(text) and self.names:
            name, _ = self.names[-1]
            self.names[-1] = (name, "".join(_NIP.match(text)[1].split()))  # type: ignore[index]
        elif text.endswith(",") and "heading" in self.signing:
            self.roles.append(text[:-1].strip())
        elif self.roles:
            self.names.append((text, ""))
        else:
            team = self.signing.get("team", "")
            self.signing["team"] = f"{team} {text}".strip()
        if self.roles and len(self.names) == len(self.roles) and all(n for _, n in self.names):
            self._flush_signatories()
            self.state = "after"

    def _flush_signatories(self) -> None:
        for n, (name, nip) in enumerate(self.names):
            role = self.roles[n] if n < len(self.roles) else ""
            self.signatories.append({"role": role, "position": "", "name": name, "nip": nip})
        self.roles, self.names = [], []

    # --- tables ------------------------------------------------------------------------------

    def _table(self, table: Table) -> None:
        if table.number in self.rkt_tables:
            if self.chapters and self.state == "chapter":
                self.chapters[-1]["table"] = True
            return
        header = next((r for r, row in enumerate(table.rows)
                       if any(_PRIORITY in c.text.upper() for c in row)), None)  # fmt: skip
        if header is not None:
            col = next(c for c, cell in enumerate(table.rows[header])
                       if _PRIORITY in cell.text.upper())  # fmt: skip
            for row in table.rows[header + 1 :]:
                if col < len(row) and row[col].text:
                    self.priority_targets.append(row[col].text)
            if self.state == "after":
                self.priority_title, self.pending = self.pending, []
            return
        if any("NIP" in c.text.upper() for row in table.rows for c in row):
            self._signature_table(table)

    def _signature_table(self, table: Table) -> None:
        seen: list[Cell] = []
        for row in table.rows:
            for cell in row:
                if cell.text and not any(cell is s for s in seen):
                    seen.append(cell)
        for cell in seen:
            lines = [" ".join(p.text.split()) for p in cell.paras if p.text.strip()]
            if lines and lines[0].casefold().startswith("mengetahui"):
                self.signing["heading"] = lines.pop(0)
            nip_at = next((n for n, line in enumerate(lines) if _NIP.match(line)), None)
            if not lines or nip_at is None or nip_at < 1:
                continue
            role = lines[0].rstrip(",").strip() if nip_at >= 2 else ""
            position = " ".join(lines[1 : nip_at - 1]) if nip_at >= 2 else ""
            nip = "".join(_NIP.match(lines[nip_at])[1].split())  # type: ignore[index]
            self.signatories.append(
                {"role": role, "position": position, "name": lines[nip_at - 1], "nip": nip}
            )
        if self.state in ("chapter", "signing"):
            self.state = "after"
            self.body = None
