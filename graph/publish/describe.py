"""The RDF description of one resource, read through an engine: what its document serves to machines.

A symmetric concise description: every triple with the resource as subject, the triples of its hash IRIs
(``…/evidence/x#quote``) and blank nodes it points to, every triple with it as object (so a recipient's
document lists the recognitions it received), and the labels and types of the resources these mention, so
that a client can show names without a second request. Only ``engine.select`` with bound terms is used: it
runs on the embedded engine, a remote endpoint, or a bare ``Store`` alike.
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..entities import select
from ..namespaces import Base

__all__ = ["MAX_INCOMING", "describe", "document_iris", "exists"]

MAX_INCOMING = 2000  # incoming triples listed at most (a hub would otherwise make its document huge)

_OUT = """
SELECT ?entity ?p ?o WHERE { ?entity ?p ?o . }
"""

# Hash IRIs and blank nodes hanging off the resource, and what they say.
_CHILDREN = """
SELECT ?entity ?child ?p ?o WHERE {
  ?entity ?link ?child .
  ?child ?p ?o .
  FILTER (isBlank(?child) || STRSTARTS(STR(?child), CONCAT(STR(?entity), "#")))
}
"""

_IN = """
SELECT ?entity ?s ?p WHERE { ?s ?p ?entity . }
ORDER BY ?p ?s
LIMIT %d
"""

# Labels and types of the neighbours (both directions), for display.
_NEIGHBOUR_NAMES = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?n ?p ?o WHERE {
  { ?entity ?link ?n . FILTER (isIRI(?n)) } UNION { ?n ?link ?entity . }
  VALUES ?p { skos:prefLabel rdfs:label }
  ?n ?p ?o .
}
"""

_ALL_IRIS = """
SELECT DISTINCT ?t WHERE {
  { ?t ?p ?o } UNION { ?s ?p ?t } UNION { GRAPH ?t { ?a ?b ?c } }
  FILTER (isIRI(?t))
}
"""


def exists(engine: Any, iri: str, timeout_s: float | None = None) -> bool:
    """Whether the dataset mentions ``iri`` as a subject or an object."""
    return bool(select(engine, "SELECT ?entity WHERE { { ?entity ?p ?o } UNION { ?s ?p ?entity } } LIMIT 1",
                       {"entity": URIRef(iri)}, timeout_s))


def document_iris(engine: Any, timeout_s: float | None = None) -> list[str]:
    """Every IRI the dataset mentions (subjects, objects, graph names), sorted."""
    return sorted({str(row["t"]) for row in select(engine, _ALL_IRIS, timeout_s=timeout_s)})


def describe(engine: Any, iri: str, base: Base | None = None, timeout_s: float | None = None) -> Graph:
    """The description of ``iri`` as an rdflib Graph (empty when the dataset does not mention it)."""
    entity = URIRef(iri)
    bind = {"entity": entity}
    graph = Graph(bind_namespaces="none")
    if base is not None:
        graph.namespace_manager = base.namespace_manager()
    for row in select(engine, _OUT, bind, timeout_s):
        graph.add((entity, _term(row["p"]), _term(row["o"])))
    for row in select(engine, _CHILDREN, bind, timeout_s):
        graph.add((_term(row["child"]), _term(row["p"]), _term(row["o"])))
    for row in select(engine, _IN % MAX_INCOMING, bind, timeout_s):
        graph.add((_term(row["s"]), _term(row["p"]), entity))
    for row in select(engine, _NEIGHBOUR_NAMES, bind, timeout_s):
        subject = _term(row["n"])
        if subject != entity:
            graph.add((subject, _term(row["p"]), _term(row["o"])))
    return graph


def _term(term: Node) -> Node:
    """Terms as rdflib makes them (a blank node keeps its label, so the same node stays the same node)."""
    if isinstance(term, URIRef | BNode | Literal):
        return term
    raise TypeError(f"unexpected term {term!r}")

