"""Documents about resources, in every format, read through one engine and cached: what ``/doc/…`` serves and
what the export writes.

``DocumentService(engine, site)`` answers ``document(path, ext)`` with the bytes, media type and a strong ETag,
or raises ``UnknownDocument``. It holds the name table (read once) and an LRU cache of recently built views and
documents: the dataset behind an engine is read-only, so nothing is ever stale. The HTML of a thing is its
entity page; of the ontology, pyLODE's documentation; of a named graph, a listing of what it holds.
``extra`` is a graph of resources that are not in the dataset but are described by the publication (the
catalog's dataset, distribution, service and publisher nodes).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, XSD

from ..entities import select
from ..namespaces import Base
from .describe import describe, document_iris
from .entity_page import EntityView, render_entity_page
from .facts import facts_about
from .graph_page import render_graph_page
from .names import Names, names_with_graph, read_names
from .ontology_docs import ontology_graph, ontology_html, version_paths
from .rdf_formats import serialize_graph
from .site import FORMATS, DocFormat, Site, safe_path

__all__ = ["Document", "DocumentService", "UnknownDocument"]

CACHE_ENTRIES = 1024
VOID = Namespace("http://rdfs.org/ns/void#")
T = TypeVar("T")


class UnknownDocument(LookupError):
    """No resource of the dataset (or of the publication) is described at this path."""


@dataclass(frozen=True)
class Document:
    body: bytes
    format: DocFormat
    etag: str  # strong: a hash of the bytes

    @property
    def content_type(self) -> str:
        return self.format.content_type


class _Lru:
    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: two threads may both build it, with the same result
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_GRAPH_CONTENT = "SELECT ?entity ?s ?p ?o WHERE { GRAPH ?entity { ?s ?p ?o } }"


class DocumentService:
    def __init__(
        self, engine: Any, site: Site, extra: Graph | None = None, *, timeout_s: float | None = None,
        cache_entries: int = CACHE_ENTRIES,
    ) -> None:
        self.engine = engine
        self.site = site
        self.extra = extra if extra is not None else Graph()
        self.timeout_s = timeout_s
        self._names: Names | None = None
        self._lock = threading.Lock()
        self._views = _Lru(cache_entries)
        self._documents = _Lru(cache_entries)

    @property
    def base(self) -> Base:
        return self.site.base

    def names(self) -> Names:
        with self._lock:
            if self._names is None:
                self._names = read_names(self.engine, self.timeout_s)
            return self._names

    # -- which documents exist ------------------------------------------------------------------------------------

    def paths(self) -> list[str]:
        """Every document path of the dataset and the publication, sorted (what the export writes)."""
        paths = {self.site.doc_path(iri) for iri in document_iris(self.engine, self.timeout_s)}
        paths |= {self.site.doc_path(str(s)) for s in set(self.extra.subjects()) if isinstance(s, URIRef)}
        paths |= set(version_paths())
        return sorted(p for p in paths if p)

    # -- documents ------------------------------------------------------------------------------------------------

    def document(self, path: str, ext: str) -> Document:
        """The document at ``path`` in format ``ext``; UnknownDocument if there is none."""
        fmt = FORMATS.get(ext)
        if fmt is None or safe_path(path) is None:
            raise UnknownDocument(path)
        return self._documents.get((path, ext), lambda: self._build(path, fmt))

    def _build(self, path: str, fmt: DocFormat) -> Document:
        if path in version_paths():
            body = self._ontology(path, fmt)
        elif path.startswith("graph/"):
            body = self._named_graph(path, fmt)
        else:
            view = self.view(path)
            if fmt.rdflib_format is None:
                body = render_entity_page(view)
            else:
                body = serialize_graph(view.description, fmt.rdflib_format, self.base)
        data = body.encode("utf-8")
        return Document(data, fmt, '"' + hashlib.sha256(data).hexdigest()[:32] + '"')

    def view(self, path: str) -> EntityView:
        return self._views.get(("view", path), lambda: self._make_view(path))

    def _make_view(self, path: str) -> EntityView:
        iri = self.site.resource(path)
        description = describe(self.engine, iri, self.base, self.timeout_s)
        subject = URIRef(iri)
        for s, p, o in self.extra:
            hashed = isinstance(s, URIRef) and str(s).startswith(iri + "#")
            child = isinstance(s, BNode) and (subject, None, s) in self.extra
            if s == subject or o == subject or hashed or child:
                description.add((s, p, o))
        if not len(description):
            raise UnknownDocument(path)
        facts, events = facts_about(self.engine, iri, self.timeout_s)
        names = self.names()
        if len(self.extra):
            names = names_with_graph(names, self.extra)
        return EntityView(self.site, path, iri, names, description, facts, events)

    def _ontology(self, path: str, fmt: DocFormat) -> str:
        if fmt.rdflib_format is None:
            return ontology_html(path)
        return serialize_graph(ontology_graph(), fmt.rdflib_format, self.base)

    def _named_graph(self, path: str, fmt: DocFormat) -> str:
        iri = self.site.resource(path)
        rows = select(self.engine, _GRAPH_CONTENT, {"entity": URIRef(iri)}, self.timeout_s)
        if not rows:
            raise UnknownDocument(path)
        graph = Graph(bind_namespaces="none")
        graph.namespace_manager = self.base.namespace_manager()
        for row in rows:
            graph.add((row["s"], row["p"], row["o"]))
        # What the document is about: the graph itself, its size, the dataset it belongs to (VoID).
        graph.add((URIRef(iri), VOID.triples, Literal(len(rows), datatype=XSD.integer)))
        graph.add((URIRef(iri), VOID.inDataset, URIRef(self.site.dataset_iri)))
        if fmt.rdflib_format is not None:
            return serialize_graph(graph, fmt.rdflib_format, self.base)
        derived = sorted(str(o) for o in graph.objects(URIRef(iri), PROV.wasDerivedFrom))
        return render_graph_page(self.site, path, iri, graph, self.names(), derived, len(rows))
