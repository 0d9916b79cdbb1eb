"""Content negotiation for the SPARQL endpoint: Accept with q-values and wildcards, and a ``format`` override.

Negotiation happens after the query form is known: SELECT offers the SPARQL results formats (JSON, XML, CSV,
TSV), ASK only JSON and XML, CONSTRUCT/DESCRIBE (and the service description) the RDF formats. Without an
Accept header, or with ``*/*``, the default is the first offered type: SPARQL JSON for SELECT/ASK, Turtle for
graphs. Browsers cannot set Accept on a link, so ``format`` (and ``output`` / ``results``, which SPARQLWrapper
sends too) override it; unknown values are ignored. Nothing acceptable → ``NotAcceptable`` (406) listing the
offered types.

Ties between offered types of equal quality go to the more specific media range (``text/csv`` over
``text/*`` over ``*/*``), then to the range the client listed first, then to the server's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..graph.engine import NotAcceptable
from ..graph.results import (
    BOOLEAN_MEDIA_TYPES,
    CSV,
    JSON,
    JSONLD,
    NQUADS,
    NTRIPLES,
    RDF_MEDIA_TYPES,
    RDFXML,
    SOLUTIONS_MEDIA_TYPES,
    TRIG,
    TSV,
    TURTLE,
    XML,
)

__all__ = [
    "FORMAT_PARAMETERS",
    "MediaRange",
    "choose",
    "content_type",
    "negotiate",
    "offered_for",
    "parse_accept",
]

# Other names clients use for the offered types; each alias stands for one canonical type.
ALIASES: dict[str, str] = {
    "application/json": JSON,  # SELECT/ASK; for graphs it means JSON-LD (see _aliases_for)
    "application/x-sparqlstar-results+json": JSON,
    "application/sparql-results+json": JSON,
    "application/sparql-results+xml": XML,
    "text/csv": CSV,
    "text/tab-separated-values": TSV,
    "text/turtle": TURTLE,
    "application/turtle": TURTLE,
    "application/x-turtle": TURTLE,
    "text/n3": TURTLE,  # Turtle is N3
    "application/n3": TURTLE,
    "text/rdf+n3": TURTLE,
    "application/n-triples": NTRIPLES,
    "application/ld+json": JSONLD,
    "application/x-json+ld": JSONLD,
    "application/rdf+xml": RDFXML,
    "application/trig": TRIG,
    "application/x-trig": TRIG,
    "application/n-quads": NQUADS,
    "text/x-nquads": NQUADS,
}

# Short names accepted in ``format`` / ``output`` / ``results``: for SELECT/ASK and for graphs.
_RESULT_NAMES = {"json": JSON, "srj": JSON, "xml": XML, "srx": XML, "csv": CSV, "tsv": TSV}
_GRAPH_NAMES = {
    "json": JSONLD,
    "jsonld": JSONLD,
    "json-ld": JSONLD,
    "xml": RDFXML,
    "rdf": RDFXML,
    "rdfxml": RDFXML,
    "rdf+xml": RDFXML,
    "rdf/xml": RDFXML,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "n3": TURTLE,
    "ntriples": NTRIPLES,
    "n-triples": NTRIPLES,
    "nt": NTRIPLES,
    "trig": TRIG,
    "nquads": NQUADS,
    "n-quads": NQUADS,
    "nq": NQUADS,
}
FORMAT_PARAMETERS = ("format", "output", "results")  # in order of precedence

_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_RANGE = re.compile(rf"^\s*({_TOKEN})\s*/\s*({_TOKEN})\s*$")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    position: int  # order in the header(s), for ties

    @property
    def specificity(self) -> int:
        if self.type == "*":
            return 0
        return 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return (self.type in ("*", main)) and (self.subtype in ("*", sub))


def parse_accept(headers: str | Iterable[str] | None) -> list[MediaRange]:
    """The media ranges of one or more Accept header values; malformed members are skipped."""
    if headers is None:
        return []
    values = [headers] if isinstance(headers, str) else list(headers)
    ranges: list[MediaRange] = []
    for member in ",".join(values).split(","):
        if not member.strip():
            continue
        media, *params = member.split(";")
        match = _RANGE.match(media)
        if not match:
            continue
        kind, sub = match.group(1).lower(), match.group(2).lower()
        if kind == "*" and sub != "*":
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip().strip('"'))
                except ValueError:
                    q = -1.0
                break  # parameters after q are accept-extensions
        if not 0.0 <= q <= 1.0:
            continue
        ranges.append(MediaRange(kind, sub, q, len(ranges)))
    return ranges


def offered_for(form: str) -> tuple[str, ...]:
    """The media types offered for a query form, default first ("SD": the service description)."""
    if form == "SELECT":
        return SOLUTIONS_MEDIA_TYPES
    if form == "ASK":
        return BOOLEAN_MEDIA_TYPES
    if form in ("CONSTRUCT", "DESCRIBE", "SD"):
        return RDF_MEDIA_TYPES
    raise ValueError(f"unknown query form {form!r}")


def _aliases_for(offered: Sequence[str]) -> dict[str, str]:
    """Every media type a client may name → the offered type it stands for."""
    names = {alias: canonical for alias, canonical in ALIASES.items() if canonical in offered}
    if JSONLD in offered and JSON not in offered:
        names["application/json"] = JSONLD
    for media_type in offered:
        names[media_type] = media_type
    return names


def choose(ranges: Sequence[MediaRange], offered: Sequence[str]) -> str | None:
    """The offered type the ranges prefer; None if none is acceptable. No ranges: the first offered."""
    if not ranges:
        return offered[0] if offered else None
    names_of: dict[str, list[str]] = {media_type: [media_type] for media_type in offered}
    for name, canonical in _aliases_for(offered).items():
        if name != canonical:
            names_of[canonical].append(name)
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for server_rank, canonical in enumerate(offered):
        keys: list[tuple[float, int, int, int]] = []
        excluded = False
        for name in names_of[canonical]:
            matching = [r for r in ranges if r.matches(name)]
            if not matching:
                continue
            # The most specific range decides the quality of this type (RFC 9110 §12.5.1).
            top = max(matching, key=lambda r: (r.specificity, -r.position))
            if top.q <= 0:
                excluded = excluded or top.specificity == 2  # named explicitly with q=0: not this type at all
                continue
            keys.append((top.q, top.specificity, -top.position, -server_rank))
        if excluded or not keys:
            continue
        key = max(keys)
        if best is None or key > best:
            best, chosen = key, canonical
    return chosen


def _format_choice(values: Sequence[str], form: str, offered: Sequence[str]) -> tuple[str | None, list[str]]:
    """The type a format parameter asks for: (choice, recognised values that do not fit this form)."""
    names = _GRAPH_NAMES if form in ("CONSTRUCT", "DESCRIBE", "SD") else _RESULT_NAMES
    misfits: list[str] = []
    for raw in values:
        value = raw.strip()
        if not value:
            continue
        if "/" in value:  # a media type, or a list of them ("application/ld+json,application/x-json+ld")
            ranges = parse_accept(value)
            if not ranges:
                continue
            choice = choose(ranges, offered)
            if choice is not None:
                return choice, misfits
            if any(r.matches(alias) for r in ranges for alias in ALIASES):
                misfits.append(value)
            continue
        key = value.lower()
        if key in names and names[key] in offered:
            return names[key], misfits
        if key in _RESULT_NAMES or key in _GRAPH_NAMES:
            misfits.append(value)
    return None, misfits


def negotiate(
    form: str,
    accept: str | Iterable[str] | None,
    format_values: Sequence[str] = (),
) -> str:
    """The media type to answer a query of ``form`` with; NotAcceptable (406) if none is acceptable.

    ``format_values``: the values of the ``format``, ``output`` and ``results`` parameters, in that order.
    """
    offered = offered_for(form)
    described = "the service description" if form == "SD" else f"{'an' if form == 'ASK' else 'a'} {form} query"
    listing = ", ".join(offered)
    choice, misfits = _format_choice(format_values, form, offered)
    if choice is not None:
        return choice
    if misfits:
        raise NotAcceptable(f"format {misfits[0]!r} is not offered for {described}; offered: {listing}")
    ranges = parse_accept(accept)
    if not ranges:  # no Accept, or nothing in it we can read (RFC 9110 allows ignoring it): the default
        return offered[0]
    chosen = choose(ranges, offered)
    if chosen is None:
        header = accept if isinstance(accept, str) else ", ".join(accept or ())
        raise NotAcceptable(
            f"none of the media types offered for {described} matches Accept: {header}; offered: {listing}"
        )
    return chosen


def content_type(media_type: str) -> str:
    """The Content-Type header value for an offered media type (UTF-8 said explicitly for text types)."""
    if media_type.startswith("text/") or media_type in (NTRIPLES, NQUADS, TRIG):
        return f"{media_type}; charset=utf-8"
    return media_type
