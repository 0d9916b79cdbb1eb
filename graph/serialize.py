"""Deterministic serialisations of a dataset: the same triples always give byte-identical files.

rdflib's TriG, N-Quads and JSON-LD writers follow hash order, which changes between runs; Turtle of a single
graph is ordered. So TriG is assembled graph by graph in IRI order, N-Quads lines are sorted, and JSON-LD
arrays (unordered in RDF) are sorted.
"""

from __future__ import annotations

import json
from typing import Any

from rdflib import Dataset, Graph, URIRef

from .namespaces import Base


def graphs_in_order(dataset: Dataset) -> list[tuple[URIRef, Graph]]:
    """Each non-empty named graph as a plain Graph, sorted by graph IRI."""
    by_name: dict[URIRef, Graph] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        by_name.setdefault(URIRef(str(name)), Graph()).add((s, p, o))
    return sorted(by_name.items(), key=lambda item: str(item[0]))


def _turtle(graph: Graph, base: Base) -> tuple[list[str], str]:
    graph.namespace_manager = base.namespace_manager()
    text = graph.serialize(format="turtle")
    prefixes, body = [], []
    for line in text.splitlines():
        (prefixes if line.startswith("@prefix ") else body).append(line)
    return prefixes, "\n".join(body).strip("\n")


def to_turtle(dataset: Dataset, base: Base) -> str:
    union = Graph()
    for _, graph in graphs_in_order(dataset):
        union += graph
    union.namespace_manager = base.namespace_manager()
    return union.serialize(format="turtle")


def to_trig(dataset: Dataset, base: Base) -> str:
    prefixes: set[str] = set()
    blocks: list[str] = []
    for name, graph in graphs_in_order(dataset):
        graph_prefixes, body = _turtle(graph, base)
        prefixes.update(graph_prefixes)
        # Not indented: a multi-line string literal would change.
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def to_nquads(dataset: Dataset) -> str:
    text = dataset.serialize(format="nquads")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return "\n".join(lines) + "\n"


def to_jsonld(dataset: Dataset, base: Base) -> str:
    context = {prefix: iri for prefix, iri in sorted(base.prefixes().items())}
    text = dataset.serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    return json.dumps(_canonical(document), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _canonical(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: (item if key == "@list" else _canonical(item)) for key, item in value.items()}
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


FORMATS: dict[str, str] = {
    "anugerah.trig": "trig",
    "anugerah.nq": "nquads",
    "anugerah.ttl": "turtle",
    "anugerah.jsonld": "json-ld",
}


def serialize_all(dataset: Dataset, base: Base) -> dict[str, str]:
    """File name → content, for every dump ``anugerah build`` writes."""
    return {
        "anugerah.trig": to_trig(dataset, base),
        "anugerah.nq": to_nquads(dataset),
        "anugerah.ttl": to_turtle(dataset, base),
        "anugerah.jsonld": to_jsonld(dataset, base),
    }
