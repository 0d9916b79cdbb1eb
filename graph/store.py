"""A small read-only SPARQL store over Oxigraph, for answering the named queries fast.

rdflib builds and serialises the dataset; queries run on ``pyoxigraph`` (see the performance notes: rdflib's
in-memory SPARQL is 20–1000× slower and its parser is not thread-safe). Every query sees the union of all
named graphs (and the default graph) as its default graph.

Parameters are passed as RDF terms through Oxigraph's ``substitutions`` (SEP-0007), never pasted into the
query text. Oxigraph substitutes the variable by the term throughout the query and binds it in every result
row, so a query taking a parameter ``?x`` must use ``?x`` where a constant would restrict the answer: in a
mandatory triple pattern or a FILTER expression. Inside an OPTIONAL alone it restricts nothing (the row is
kept with ``?x`` still reported), and ``BOUND(?x)`` does not see a substituted value. ``?x`` must be in the
SELECT projection.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

__all__ = ["QueryError", "Store", "from_oxigraph_term", "to_oxigraph_term"]

_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

FORMATS: dict[str, ox.RdfFormat] = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
}


class QueryError(Exception):
    """A query that cannot be run: a syntax error, a wrong query form, a binding it does not accept."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def to_oxigraph_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (ValueError if it is not a valid IRI, blank node or literal)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise ValueError(f"cannot bind {term!r}: only IRIs, blank nodes and literals can be bound")


def from_oxigraph_term(term: object) -> Node:
    """A pyoxigraph term as an rdflib term; an xsd:string literal becomes a plain rdflib Literal."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if term.language:
            return Literal(term.value, lang=term.language)
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"unsupported term in a query result: {term!r}")


class Store:
    """Read-only SPARQL over an in-memory Oxigraph store; the default graph is the union of all graphs."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    @classmethod
    def from_dataset(cls, dataset: Dataset) -> Store:
        """Load every quad of an rdflib Dataset (each named graph keeps its name)."""
        with warnings.catch_warnings():
            # rdflib's own N-Quads serializer still calls the deprecated Dataset.contexts().
            warnings.filterwarnings("ignore", message="Dataset.contexts is deprecated", category=DeprecationWarning)
            data = dataset.serialize(format="nquads", encoding="utf-8")
        store = ox.Store()
        store.bulk_load(data, ox.RdfFormat.N_QUADS)
        return cls(store)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Store:
        """Load a TriG, N-Quads, Turtle or N-Triples file, chosen by its extension.

        Triples of a Turtle or N-Triples file go to the default graph (part of the union all queries see).
        """
        path = Path(path)
        rdf_format = FORMATS.get(path.suffix.lower())
        if rdf_format is None:
            known = ", ".join(sorted(FORMATS))
            raise ValueError(f"{path.name}: unknown RDF file extension {path.suffix!r} (expected one of {known})")
        store = ox.Store()
        try:
            store.bulk_load(path=str(path), format=rdf_format)
        except SyntaxError as exc:
            raise ValueError(f"{path}: not valid {rdf_format.name}: {exc}") from exc
        return cls(store)

    def __len__(self) -> int:
        """The number of quads in the store."""
        return len(self._store)

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node]]:
        """Run a SELECT query; each row maps the names of its bound variables to rdflib terms."""
        results = self._run(query, bindings)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query")
        names = [variable.value for variable in results.variables]
        rows: list[dict[str, Node]] = []
        try:
            for solution in results:
                row: dict[str, Node] = {}
                for name in names:
                    value = solution[name]
                    if value is not None:
                        row[name] = from_oxigraph_term(value)
                rows.append(row)
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query evaluation failed: {exc}") from exc
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK query."""
        results = self._run(query, bindings)
        if not isinstance(results, ox.QueryBoolean):
            raise QueryError("ask() needs an ASK query")
        return bool(results)

    def _run(self, query: str, bindings: Mapping[str, Node] | None) -> object:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
        for name, term in (bindings or {}).items():
            try:
                substitutions[ox.Variable(name)] = to_oxigraph_term(term)
            except ValueError as exc:
                raise QueryError(f"binding ?{name}: {exc}") from exc
        try:
            return self._store.query(
                query,
                use_default_graph_as_union=True,
                substitutions=substitutions or None,
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from exc
