"""Deterministic serialisations of one graph (a document) or a whole dataset (a dump).

The same triples always give the same bytes: N-Triples and N-Quads lines are sorted, Turtle of one graph is
ordered by rdflib, RDF/XML is written from a graph filled in sorted order, JSON-LD arrays (unordered in RDF) are
sorted, and TriG is assembled graph by graph in IRI order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, NamespaceManager

from ..namespaces import Base
from ..serialize import graphs_in_order
from .jsonld_context import context

_EXTRA_PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#", "void": "http://rdfs.org/ns/void#", "spdx": "http://spdx.org/rdf/terms#",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "dcatap": "http://data.europa.eu/r5r/",
}

__all__ = ["canonical_json", "dataset_jsonld", "graph_jsonld", "rdf_xml", "serialize_graph", "sorted_ntriples"]

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*$")


def sorted_ntriples(graph: Graph) -> str:
    text = graph.serialize(format="nt")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + ("\n" if lines else "")


def _namespaces(base: Base) -> NamespaceManager:
    manager = NamespaceManager(Graph(), bind_namespaces="core")
    for prefix, iri in {**base.prefixes(), **_EXTRA_PREFIXES}.items():
        manager.bind(prefix, iri, override=True, replace=True)
    return manager


def canonical_json(value: Any) -> Any:
    """Arrays sorted (except ``@list``), keys sorted when dumped: one JSON text for one RDF graph."""
    if isinstance(value, dict):
        return {key: (item if key == "@list" else canonical_json(item)) for key, item in value.items()}
    if isinstance(value, list):
        items = [canonical_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld_text(document: Any, ctx: dict[str, Any]) -> str:
    document = {**document, "@context": ctx} if isinstance(document, dict) else {"@context": ctx, "@graph": document}
    return json.dumps(canonical_json(document), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def graph_jsonld(graph: Graph, base: Base) -> str:
    ctx = context(base)
    text = graph.serialize(format="json-ld", context=ctx, auto_compact=True)  # arrays are sorted below
    document = json.loads(text)
    if isinstance(document, dict):
        document.pop("@context", None)
    return _jsonld_text(document, ctx)


def dataset_jsonld(dataset: Dataset, base: Base) -> str:
    """All named graphs as JSON-LD with the friendly context: ``@graph`` holds one object per named graph."""
    ctx = context(base)
    combined = Dataset()
    for name, graph in graphs_in_order(dataset):
        target = combined.graph(URIRef(str(name)))
        for triple in sorted(graph, key=lambda t: tuple(x.n3() for x in t)):
            target.add(triple)
    text = combined.serialize(format="json-ld", context=ctx, auto_compact=True)
    document = json.loads(text)
    if isinstance(document, dict):
        document.pop("@context", None)
    return _jsonld_text(document, ctx)


def serialize_graph(graph: Graph, rdflib_format: str, base: Base) -> str:
    """One graph as ``turtle``, ``nt``, ``json-ld`` or ``xml`` (RDF/XML)."""
    if rdflib_format == "nt":
        return sorted_ntriples(graph)
    if rdflib_format == "json-ld":
        return graph_jsonld(graph, base)
    if rdflib_format == "xml":
        return rdf_xml(graph, {**base.prefixes(), **_EXTRA_PREFIXES})
    if rdflib_format == "turtle":
        # rdflib's Turtle writer orders subjects, predicates and objects itself; only the prefixes are set here.
        view = Graph(store=graph.store, identifier=graph.identifier, namespace_manager=_namespaces(base))
        return view.serialize(format="turtle")
    raise ValueError(f"unknown RDF format {rdflib_format!r}")


def _split(iri: str) -> tuple[str, str]:
    """A property IRI as (namespace, local name), the local name a valid XML name."""
    match = _NCNAME.search(iri)
    while match and match.start() < len(iri):
        local = iri[match.start() :]
        if _NCNAME.fullmatch(local):
            return iri[: match.start()], local
        match = _NCNAME.search(iri, match.start() + 1)
    raise ValueError(f"{iri}: no XML name can end this property IRI, so RDF/XML cannot write it")


def rdf_xml(graph: Graph, prefixes: Mapping[str, str]) -> str:
    """RDF/XML with subjects and their statements in sorted order: the same graph always gives the same text.

    (rdflib's RDF/XML writers follow its store's hash order, which changes from one process to the next.)
    """
    known = {iri: prefix for prefix, iri in sorted(prefixes.items())}
    statements: dict[Any, list[tuple[str, str, Any]]] = {}
    for s, p, o in graph:
        namespace, local = _split(str(p))
        statements.setdefault(s, []).append((namespace, local, o))
    used: dict[str, str] = {str(RDF): "rdf"}
    namespaces = sorted({ns for items in statements.values() for ns, _local, _o in items} - {str(RDF)})
    for namespace in namespaces:
        prefix = known.get(namespace)
        if prefix is None or prefix in used.values() or prefix == "xml":
            prefix = f"ns{len(used)}"
        used[namespace] = prefix

    def node_id(node: BNode) -> str:
        return "b" + re.sub(r"[^A-Za-z0-9]", "", str(node))

    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"  xmlns:{prefix}={quoteattr(ns)}" for ns, prefix in sorted(used.items(), key=lambda i: i[1])]
    lines[-1] += ">"
    for subject in sorted(statements, key=lambda n: (isinstance(n, BNode), str(n))):
        about = (f"rdf:nodeID={quoteattr(node_id(subject))}" if isinstance(subject, BNode)
                 else f"rdf:about={quoteattr(str(subject))}")
        lines.append(f"  <rdf:Description {about}>")
        for namespace, local, obj in sorted(statements[subject], key=lambda t: (t[0] + t[1], t[2].n3())):
            tag = f"{used[namespace]}:{local}"
            if isinstance(obj, URIRef):
                lines.append(f"    <{tag} rdf:resource={quoteattr(str(obj))}/>")
            elif isinstance(obj, BNode):
                lines.append(f"    <{tag} rdf:nodeID={quoteattr(node_id(obj))}/>")
            elif isinstance(obj, Literal):
                attrs = ""
                if obj.language:
                    attrs = f" xml:lang={quoteattr(obj.language)}"
                elif obj.datatype is not None:
                    attrs = f" rdf:datatype={quoteattr(str(obj.datatype))}"
                lines.append(f"    <{tag}{attrs}>{escape(str(obj))}</{tag}>")
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"
