"""Stage 1, the plan: the text of the RKT document around its table, as models.

Blocks (a paragraph or a lettered/numbered/bulleted list), sections, chapters (BAB), annexes and
the signing block with its signatories; and the base model every plan model derives from.
Re-exported by rkt_excel.template (import them from there). No I/O, no spreadsheet library.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
)


class PlanModel(BaseModel):
    """Base of the plan models: frozen, no unknown fields, text stripped."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def _check_item(item: str) -> str:
    """A list item is one line and not empty (a workbook cell holds the items one a line)."""
    if not item:
        raise ValueError("an empty item; remove it")
    if "\n" in item or "\r" in item:
        raise ValueError(f"an item is one line; write each line as its own item: {item[:40]!r}")
    return item


Items = tuple[Annotated[str, AfterValidator(_check_item)], ...]
"""Items of a list field (actions, evidence, list items): one line each."""


class Signatory(PlanModel):
    """One person who signs the plan (role as printed, e.g. "Penanggung Jawab")."""

    role: str
    position: str = ""
    name: str
    nip: str = ""

    @field_validator("nip", mode="before")
    @classmethod
    def _nip_text(cls, v: Any) -> Any:
        if isinstance(v, int):
            raise ValueError("NIP must be quoted text (a number loses leading zeros)")
        return v


ListStyle = Literal["a", "1", "-"]
"""How a list's items are marked: "a" a. b. c., "1" 1. 2. 3., "-" bullets."""


class ItemList(PlanModel):
    """A list in a chapter or annex: its items in order, lettered, numbered or bulleted."""

    style: ListStyle = "a"
    items: Annotated[Items, Field(min_length=1)]


def item_marker(style: str, n: int) -> str:
    """The printed mark of item ``n`` (0-based) of a list of ``style``: "a.", "1." or "•"."""
    if style == "a":
        return f"{chr(ord('a') + n % 26)}."
    if style == "1":
        return f"{n + 1}."
    return "•"


def _block_kind(value: Any) -> str:
    return "list" if isinstance(value, dict | ItemList) else "paragraph"


Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Block = Annotated[
    Annotated[Paragraph, Tag("paragraph")] | Annotated[ItemList, Tag("list")],
    Discriminator(_block_kind),
]
"""One block of a chapter's text: a paragraph (plain text, may hold line breaks) or a list."""


def _merge_lists(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Join adjacent lists of one style into one list: a list's numbering runs on, so two such
    lists print as one and read back as one (every representation then has one spelling)."""
    out: list[Block] = []
    for block in blocks:
        last = out[-1] if out else None
        if isinstance(block, ItemList) and isinstance(last, ItemList) and last.style == block.style:
            out[-1] = ItemList(style=last.style, items=last.items + block.items)
        else:
            out.append(block)
    return tuple(out)


Body = Annotated[tuple[Block, ...], AfterValidator(_merge_lists)]


class Section(PlanModel):
    """A numbered section of a chapter ("1. Latar Belakang"): heading and text blocks."""

    number: str = ""
    title: str
    body: Body = ()


class Chapter(PlanModel):
    """A chapter (BAB) of the RKT document: heading, opening text, sections.

    ``number`` is printed after "BAB" ("I"); ``table`` marks the chapter that holds the RKT
    table (BAB III RENCANA AKSI), printed after the chapter's own text.
    """

    number: str = ""
    title: str
    body: Body = ()
    sections: tuple[Section, ...] = ()
    table: bool = False


class Annex(PlanModel):
    """A page after the chapters with a title of its own, e.g. the Mekanisme Pembentukan Tim
    Kerja: its title lines as printed, then its text blocks."""

    title: tuple[str, ...] = Field(min_length=1)
    body: Body = ()


class Signing(PlanModel):
    """The signature block after the last chapter: "<place>, <date>", the team line, the
    heading above the signatories ("Mengetahui:") and the signatories, in print order."""

    place: str = ""
    date: dt.date | None = None
    team: str = ""
    heading: str = ""
    signatories: tuple[Signatory, ...] = ()
