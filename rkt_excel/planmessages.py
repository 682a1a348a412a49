"""The words of plan problems (``template check``, every ``--template``) in both languages.

Owns the Indonesian and English texts of the field checks (by pydantic error type) and of the
plan model's own validators; the cross-checks write their two texts where they are made
(template.py). Pure data and two small functions; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rkt_excel.catalogue import Text

# Messages of the field checks, by pydantic error type (its own English otherwise).
_PYDANTIC_TYPES: dict[str, tuple[str, str]] = {
    "missing": ("wajib diisi tetapi tidak ada", "required field is missing"),
    "extra_forbidden": (
        "isian tidak dikenal (lihat docs/template-format.md)",
        "unknown field (see docs/template-format.md)",
    ),
    "string_type": ("harus berupa teks", "must be text"),
    "int_type": ("harus berupa bilangan bulat", "must be a whole number"),
    "int_parsing": ("harus berupa bilangan bulat", "must be a whole number"),
    "int_from_float": ("harus berupa bilangan bulat", "must be a whole number"),
    "bool_type": ("harus true atau false", "must be true or false"),
    "bool_parsing": ("harus true atau false", "must be true or false"),
    "date_type": ("harus berupa tanggal (YYYY-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "date_parsing": ("harus berupa tanggal (YYYY-MM-DD)", "must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": (
        "harus berupa tanggal (YYYY-MM-DD)",
        "must be a date (YYYY-MM-DD)",
    ),
    "too_short": ("tidak boleh kosong", "must not be empty"),
    "list_type": ("harus berupa daftar", "must be a list"),
    "tuple_type": ("harus berupa daftar", "must be a list"),
    "dict_type": ("harus berupa pemetaan (kunci: nilai)", "must be a mapping (key: value)"),
    "model_type": ("harus berupa pemetaan (kunci: nilai)", "must be a mapping (key: value)"),
}
# Messages of the plan model's own validators (raised as ValueError in English).
_VALIDATOR_WORDS: dict[str, str] = {
    "an id is letters, digits, '.', '_' or '-' (e.g. I.1.a)": (
        "id terdiri atas huruf, angka, '.', '_' atau '-' (misalnya I.1.a)"
    ),
    "months are numbers from 1 to 12": "bulan adalah angka 1 sampai 12",
    "a plan id is letters, digits, '.', '_' or '-'": (
        "id rencana terdiri atas huruf, angka, '.', '_' atau '-'"
    ),
    "an empty item; remove it": "butir kosong; hapus",
    "NIP must be quoted text (a number loses leading zeros)": (
        "NIP harus ditulis sebagai teks dalam tanda kutip (angka kehilangan nol di depan)"
    ),
}


def pydantic_words(error: Mapping[str, Any]) -> Text:
    """A pydantic error in both languages."""
    kind = error.get("type", "")
    if kind in _PYDANTIC_TYPES:
        id_, en = _PYDANTIC_TYPES[kind]
        return Text(id_, en)
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = next(iter((error.get("ctx") or {}).values()), "?")
        words = {"greater_than_equal": ("paling kecil", "at least"),
                 "less_than_equal": ("paling besar", "at most"),
                 "greater_than": ("lebih dari", "greater than"),
                 "less_than": ("kurang dari", "less than")}[kind]  # fmt: skip
        return Text(f"harus {words[0]} {limit}", f"must be {words[1]} {limit}")
    if kind == "value_error":
        cause = (error.get("ctx") or {}).get("error")
        en = str(cause) if cause is not None else str(error.get("msg", ""))
        if en in _VALIDATOR_WORDS:
            return Text(_VALIDATOR_WORDS[en], en)
        if en.startswith("an item is one line"):
            rest = en.split(":", 1)[1] if ":" in en else ""
            return Text(
                "butir hanya satu baris; tulis setiap baris sebagai butir sendiri:" + rest, en
            )
        return Text(en, en)
    msg = str(error.get("msg", ""))
    return Text(msg, msg)


def words(message: str | Text) -> tuple[str, str]:
    """(English, Indonesian) of a problem message; a plain str is English only."""
    if isinstance(message, Text):
        return message.en, message.id
    return message, ""
