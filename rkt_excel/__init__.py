"""rkt_excel: the Zona Integritas work plan (RKT) in Excel: generate, read, validate, consolidate."""

from __future__ import annotations

__version__ = "0.1.0"
