"""Stage 2, reading: pre-flight a returned form, then read it into a FilledForm.

The package holds four concepts, one module each: ``preflight`` (is this file a safe,
readable .xlsx? sniffing, zip limits, XML defence), ``extent`` (each sheet's cells placed as
calamine will place them, before it runs), ``ooxml`` (the few XML parts calamine does
not show, parsed defensively) and ``reader`` (``read_form``: rows by id, cells normalised).
Reads only; imports no writer library.
"""

from __future__ import annotations

from rkt_excel.read.preflight import DEFAULT_LIMITS, Limits, preflight
from rkt_excel.read.reader import read_form, read_forms

__all__ = ["DEFAULT_LIMITS", "Limits", "preflight", "read_form", "read_forms"]
