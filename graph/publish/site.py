"""Where the publication puts things: IRIs ↔ document paths, document formats, and the site's public URLs.

The site root is the base IRI (``https://w3id.org/anugerah/`` by default): a deployment serves the publication
at the root of that base. Three IRI spaces dereference, each to a document under ``doc/``:

| IRI | document |
|---|---|
| ``{base}id/{path}`` (things) | ``{base}doc/{path}`` |
| ``https://w3id.org/anugerah/def/{path}`` (vocabulary; ontology ``def/core``, hash) | ``{base}doc/def/{path}`` |
| ``{base}graph/{path}`` (named graphs) | ``{base}doc/graph/{path}`` |

A document path is the part after ``doc/`` (``org/pemprov-jatim``, ``def/core``, ``graph/source/681783f4…``);
each document exists in the formats of ``FORMATS`` (``doc/org/pemprov-jatim.ttl``). A fragment (``#quote``) is
not part of a document path: a client strips it before it dereferences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..namespaces import DEF, ONTOLOGY_IRI, Base

__all__ = [
    "DOC_FORMATS",
    "FORMATS",
    "ONTOLOGY_PATH",
    "RESERVED_SPACES",
    "DocFormat",
    "Site",
    "safe_path",
]


@dataclass(frozen=True)
class DocFormat:
    ext: str
    media_type: str
    title: str  # for Link titles and download lists
    rdflib_format: str | None  # None: HTML

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type == "application/n-triples"
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


# Server order: the first is the default when the client does not care (browsers get HTML).
FORMATS: dict[str, DocFormat] = {
    "html": DocFormat("html", "text/html", "HTML", None),
    "ttl": DocFormat("ttl", "text/turtle", "Turtle", "turtle"),
    "jsonld": DocFormat("jsonld", "application/ld+json", "JSON-LD", "json-ld"),
    "nt": DocFormat("nt", "application/n-triples", "N-Triples", "nt"),
    "rdf": DocFormat("rdf", "application/rdf+xml", "RDF/XML", "xml"),
}
DOC_FORMATS = tuple(FORMATS)
ONTOLOGY_PATH = "def/core"
RESERVED_SPACES = ("def", "graph")  # first segments of document paths that are not things under id/

# One path segment: letters, digits and the unreserved punctuation the compiler mints (slugs, dates, codes).
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*$")
MAX_PATH_CHARS = 300


def safe_path(path: str) -> str | None:
    """``path`` if it is a well-formed document path (segments of safe characters, no ``..``), else None."""
    if not path or len(path) > MAX_PATH_CHARS:
        return None
    segments = path.split("/")
    if any(not _SEGMENT.match(s) or ".." in s for s in segments):
        return None
    return path


@dataclass(frozen=True)
class Site:
    """The public URLs of one deployment, all under its base IRI."""

    base: Base

    @property
    def root(self) -> str:
        return self.base.root

    # -- IRIs and documents ---------------------------------------------------------------------------------------

    def doc_path(self, iri: str) -> str | None:
        """The document path describing ``iri`` (fragment dropped), or None when it is not ours."""
        iri = iri.split("#", 1)[0]
        if iri.startswith(self.base.id):
            local = iri[len(self.base.id) :]
            if local.split("/", 1)[0] in RESERVED_SPACES:
                return None
            return safe_path(local)
        if iri.startswith(DEF):
            local = safe_path(iri[len(DEF) :])
            return f"def/{local}" if local else None
        if iri.startswith(self.base.graph):
            local = safe_path(iri[len(self.base.graph) :])
            return f"graph/{local}" if local else None
        return None

    def resource(self, path: str) -> str:
        """The IRI a document path describes (the inverse of ``doc_path``)."""
        space, _, rest = path.partition("/")
        if space == "def":
            return DEF + rest
        if space == "graph":
            return self.base.graph + rest
        return self.base.id + path

    @staticmethod
    def is_ontology(path: str) -> bool:
        return path == ONTOLOGY_PATH

    def doc_url(self, path: str, ext: str | None = None) -> str:
        return f"{self.root}doc/{path}" + (f".{ext}" if ext else "")

    @staticmethod
    def doc_href(path: str, ext: str | None = None) -> str:
        """The root-relative link to a document (what pages use, so that any host serving the site works)."""
        return f"/doc/{path}" + (f".{ext}" if ext else "")

    @staticmethod
    def thing_href(path: str) -> str:
        """The root-relative form of the IRI (``/id/…``, ``/def/…``, ``/graph/…``) that 303s to the document."""
        space = path.split("/", 1)[0]
        return f"/{path}" if space in RESERVED_SPACES else f"/id/{path}"

    @staticmethod
    def graph_view_href(path: str) -> str:
        return f"/graph?focus={path}"

    # -- the publication ------------------------------------------------------------------------------------------

    @property
    def ontology_iri(self) -> str:
        return ONTOLOGY_IRI

    @property
    def data_url(self) -> str:
        """Where the downloads live: ``{base}data/``."""
        return self.root + "data/"

    @property
    def sparql_url(self) -> str:
        return self.root + "sparql"

    @property
    def catalog_iri(self) -> str:
        return self.base.id + "catalog/anugerah"

    @property
    def dataset_iri(self) -> str:
        """The dataset's stable IRI (the CKAN harvester's GUID): never changes between versions."""
        return self.base.id + "dataset/anugerah"

    def version_iri(self, version: str) -> str:
        return f"{self.dataset_iri}/{version}"

    @property
    def service_iri(self) -> str:
        return self.base.id + "service/sparql"

    @property
    def publisher_iri(self) -> str:
        return self.base.id + "agent/anugerah"

    def download_url(self, version: str, name: str) -> str:
        return f"{self.data_url}{version}/{name}"
