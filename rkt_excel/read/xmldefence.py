"""An expat parser with defusedxml's defences: the one place the reader's fast XML scans get it.

Owns ``defended_parser``: a DOCTYPE, an entity declaration (parsed or unparsed) or an external
entity reference raises defusedxml's exception for it (``DTDForbidden``, ``EntitiesForbidden``,
``ExternalReferenceForbidden``), as defusedxml's own parsers do. Pre-flight (preflight.py) has
already refused such parts; this is the second line, for the parsers that run on callbacks
(read/extent.py, read/ooxml.py), which defusedxml's ElementTree is too slow for.
"""

from __future__ import annotations

from xml.parsers import expat

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden


def _no_dtd(name: str, sysid: str | None, pubid: str | None, _internal: bool) -> None:
    raise DTDForbidden(name, sysid, pubid)


def _no_entity(
    name: str, _param: bool, value: str | None, base: str | None, sysid: str | None,
    pubid: str | None, notation: str | None,
) -> None:  # fmt: skip
    raise EntitiesForbidden(name, value, base, sysid, pubid, notation)


def _no_unparsed(
    name: str, base: str | None, sysid: str | None, pubid: str | None, notation: str | None
) -> None:
    raise EntitiesForbidden(name, None, base, sysid, pubid, notation)


def _no_external(context: str, base: str | None, sysid: str | None, pubid: str | None) -> int:
    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def defended_parser() -> expat.XMLParserType:
    """A namespace-aware expat parser (names are "namespace}local") that refuses DTDs,
    entities and external references, with text buffered (one text call per run of text)."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _no_dtd
    parser.EntityDeclHandler = _no_entity
    parser.UnparsedEntityDeclHandler = _no_unparsed
    parser.ExternalEntityRefHandler = _no_external
    parser.buffer_text = True
    return parser


__all__ = ["defended_parser"]
