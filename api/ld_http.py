"""HTTP details shared by the linked-data routes: choosing a document format, ETag/304, CORS, Link headers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fastapi import HTTPException, Request
from fastapi.responses import PlainTextResponse, Response

from ..graph.publish.html import LICENSE_IRI
from ..graph.publish.site import FORMATS, DocFormat
from .negotiation import choose, parse_accept

__all__ = [
    "CORS",
    "FORMAT_NAMES",
    "choose_format",
    "conditional",
    "doc_links",
    "not_acceptable",
    "preflight",
]

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Link, Content-Location, Vary",
}
# ``format`` values (browsers cannot set Accept on a link): extension names and common synonyms.
FORMAT_NAMES: dict[str, str] = {
    "html": "html", "htm": "html",
    "ttl": "ttl", "turtle": "ttl",
    "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt",
    "rdf": "rdf", "xml": "rdf", "rdfxml": "rdf", "rdf+xml": "rdf",
}


def not_acceptable(offered: Sequence[DocFormat], asked: str) -> HTTPException:
    listing = ", ".join(f"{f.media_type} (.{f.ext})" for f in offered)
    return HTTPException(
        status_code=406,
        detail=f"Not acceptable: {asked}. Offered: {listing}. "
        "Use Accept, an extension, or ?format=ttl|jsonld|nt|rdf|html.",
        headers={**CORS, "Vary": "Accept"},
    )


def choose_format(request: Request, offered: Sequence[DocFormat] | None = None) -> DocFormat:
    """The format the request asks for: ``format`` first, then Accept (q-values); 406 when none fits."""
    offered = list(offered or FORMATS.values())
    by_ext = {f.ext: f for f in offered}
    value = request.query_params.get("format")
    if value is not None:
        ext = FORMAT_NAMES.get(value.strip().lower())
        if ext is None or ext not in by_ext:
            raise not_acceptable(offered, f"format={value!r}")
        return by_ext[ext]
    accept = request.headers.getlist("accept")
    ranges = parse_accept(accept)
    if not ranges:  # no Accept, or nothing readable in it: the default (HTML)
        return offered[0]
    media = choose(ranges, [f.media_type for f in offered])
    if media is None:
        raise not_acceptable(offered, "Accept: " + ", ".join(accept))
    return next(f for f in offered if f.media_type == media)


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    candidates = [c.strip() for c in header.split(",")]
    return any(c.removeprefix("W/") == etag for c in candidates)


def conditional(request: Request, etag: str, headers: Mapping[str, str]) -> Response | None:
    """304 Not Modified when the client already has this representation (If-None-Match)."""
    header = request.headers.get("if-none-match")
    if header and _etag_matches(header, etag):
        return Response(status_code=304, headers=dict(headers))
    return None


def doc_links(path: str, root_path: str, dataset_iri: str) -> str:
    """``Link``: every format of the document, the licence, and where the dataset is described."""
    links = [
        f'<{root_path}/doc/{path}.{f.ext}>; rel="alternate"; type="{f.media_type}"; title="{f.title}"'
        for f in FORMATS.values()
    ]
    links.append(f'<{LICENSE_IRI}>; rel="license"')
    links.append(f'<{root_path}/data/void.ttl>; rel="describedby"; type="text/turtle"')
    links.append(f'<{dataset_iri}>; rel="http://rdfs.org/ns/void#inDataset"')
    return ", ".join(links)


def preflight() -> Response:
    return PlainTextResponse("", status_code=204, headers={
        **CORS,
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, If-None-Match, If-Modified-Since",
        "Access-Control-Max-Age": "86400",
    })
